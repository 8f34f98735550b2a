"""Text analysis shared by the engines: language detection, normalisation, stemming,
stopwords, transliteration and the trilingual concept layer."""

from jumelage.engines.text.analysis import (
    analyse,
    analyse_pairs,
    normalise,
    stem_words,
    stopwords,
    tokenize,
)
from jumelage.engines.text.concepts import (
    SECTORS,
    Concept,
    ConceptMatch,
    ConceptVocabulary,
    activities,
    activity_label,
    default_vocabulary,
    sector_label,
)
from jumelage.engines.text.lang import LANGUAGES, detect_language
from jumelage.engines.text.translit import ascii_fold, search_key, search_tokens, to_latin

__all__ = [
    "LANGUAGES",
    "SECTORS",
    "Concept",
    "ConceptMatch",
    "ConceptVocabulary",
    "activities",
    "activity_label",
    "analyse",
    "analyse_pairs",
    "ascii_fold",
    "default_vocabulary",
    "detect_language",
    "normalise",
    "search_key",
    "search_tokens",
    "sector_label",
    "stem_words",
    "stopwords",
    "to_latin",
    "tokenize",
]
