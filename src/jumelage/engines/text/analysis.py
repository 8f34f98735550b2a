"""Normalisation, tokenisation, stopwords and Snowball stemming for French, English, Russian.

`analyse` turns a text into index terms: Unicode-normalised, lower-cased words, stopwords
removed, each word stemmed by the Snowball stemmer of its language. Cyrillic words are always
stemmed as Russian and Latin words with the text's language (English inside a Russian text),
because the platform's texts mix scripts ("лазеры для LIDAR"). Stems of Latin words are
folded to ASCII after stemming, so "sécurité" and "securite" give one term.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import Stemmer
from bm25s.stopwords import STOPWORDS_EN_PLUS, STOPWORDS_FRENCH, STOPWORDS_RUSSIAN

from jumelage.engines.text.lang import LANGUAGES, detect_language

_STEMMER_NAMES = {"fr": "french", "en": "english", "ru": "russian"}
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_CYRILLIC = re.compile(r"[а-яё]")
_SINGLE_LETTER_PREFIX = re.compile(r"\b([^\W\d_])-(?=[^\W_])")
_ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]")

# Words that say nothing about what an organisation does but are frequent in partner searches
# and organisation descriptions ("we are looking for a partner to develop …").
_DOMAIN_STOPWORDS = {
    "en": "also based company develop developing development new partner partners project "
    "projects propose provide seeking looking search want well within would could may one "
    "two use used using work works working able",
    "fr": "afin ainsi aussi autre autres cadre chez comme dont entre entreprise été être fait "
    "leurs lors nouveau nouveaux nouvelle nouvelles partenaire partenaires plus projet projets "
    "recherchons cherchons souhaite souhaitons tout tous toute toutes très sous vers via "
    "cette cet ces elles ils peut peuvent sans non ni",
    "ru": "также которые который которая которое которых является являются ищем партнер "
    "партнера партнеров проект проекта проектов компания компании для разработки области "
    "этого этих этой наш наша наши нашей наших свой своих",
}
# English loanwords that the French stemmer would read as verbs in -er ("laser" → "las").
_LOANWORDS = (
    "laser lasers cluster clusters container containers scanner scanners master masters "
    "poster posters manager managers router routers player players computer computers "
    "sensor sensors lidar lidars radar radars polymer polymers server servers"
)
_FRENCH_LOANWORDS = frozenset(_LOANWORDS.split())
_STOPWORDS = {
    "en": frozenset(STOPWORDS_EN_PLUS) | frozenset(_DOMAIN_STOPWORDS["en"].split()),
    "fr": frozenset(STOPWORDS_FRENCH) | frozenset(_DOMAIN_STOPWORDS["fr"].split()),
    "ru": frozenset(STOPWORDS_RUSSIAN) | frozenset(_DOMAIN_STOPWORDS["ru"].split()),
}


def normalise(text: str) -> str:
    """Return `text` NFKC-normalised and lower-cased, with "ё" as "е" and typographic quotes
    as ASCII apostrophes."""
    text = unicodedata.normalize("NFKC", text).lower()
    return text.replace("ё", "е").replace("’", "'").replace("`", "'")


@functools.lru_cache(maxsize=200_000)
def strip_accents(word: str) -> str:
    """Return a Latin `word` without diacritics ("côte" → "cote").

    Only for Latin-script words: in Cyrillic it would turn "й" into "и".
    """
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokenize(text: str) -> list[str]:
    """Split `text` into normalised words, French elisions ("l'optique") removed and
    single-letter prefixes joined ("e-santé" → "esanté")."""
    words = []
    for match in _TOKEN.finditer(_SINGLE_LETTER_PREFIX.sub(r"\1", normalise(text))):
        word = _ELISION.sub("", match.group())
        word = word.replace("'", "")
        if len(word) > 1 or word.isdigit():
            words.append(word)
    return words


def stopwords(lang: str) -> frozenset[str]:
    """Return the stopwords of `lang` ("fr", "en" or "ru"; English for anything else)."""
    return _STOPWORDS.get(lang, _STOPWORDS["en"])


@functools.cache
def _stemmer(lang: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(_STEMMER_NAMES.get(lang, "english"))


def is_cyrillic(word: str) -> bool:
    """Return True when `word` contains a Cyrillic letter."""
    return not word.isascii() and bool(_CYRILLIC.search(word))


def stem_words(words: list[str], lang: str) -> list[str]:
    """Stem each of `words` (already tokenised) with the Snowball stemmer of its script:
    Russian for Cyrillic words, `lang` (French or English) for the others."""
    latin_lang = lang if lang in ("fr", "en") else "en"
    cyrillic_positions = [i for i, w in enumerate(words) if is_cyrillic(w)]
    if latin_lang == "fr":
        # Accents are folded before the French stemmer, so that texts typed without them
        # ("securite", capitals in registers) stem like accented ones ("sécurité").
        latin = [w if is_cyrillic(w) else strip_accents(w) for w in words]
        stems = list(_stemmer("fr").stemWords(latin))
        for position, word in enumerate(latin):
            if word in _FRENCH_LOANWORDS:
                stems[position] = _stemmer("en").stemWord(word)
    else:
        stems = list(_stemmer(latin_lang).stemWords(words))
    if cyrillic_positions:
        russian = _stemmer("ru").stemWords([words[i] for i in cyrillic_positions])
        for position, stem in zip(cyrillic_positions, russian, strict=True):
            stems[position] = stem
    return [stem if is_cyrillic(stem) else strip_accents(stem) for stem in stems]


def analyse_positions(
    text: str, lang: str | None = None, *, keep_stopwords: bool = False
) -> list[tuple[int, str, str]]:
    """Return (position, term, word) for each kept word of `text`; `position` is the word's
    index among all words of the text, stopwords included, so that phrases found by
    different analyses of one text can be compared.

    `lang` is detected when not given. Stopwords of the text's language, and Russian stopwords
    among Cyrillic words, are dropped unless `keep_stopwords`.
    """
    lang = lang if lang in LANGUAGES else detect_language(text)
    words = list(enumerate(tokenize(text)))
    if not keep_stopwords:
        latin_stop = stopwords(lang if lang in ("fr", "en") else "en")
        russian_stop = stopwords("ru")
        words = [
            (i, w)
            for i, w in words
            if w not in (russian_stop if is_cyrillic(w) else latin_stop) and not w.isdigit()
        ]
    stems = stem_words([w for _, w in words], lang)
    return [(i, stem, w) for (i, w), stem in zip(words, stems, strict=True)]


def analyse_pairs(
    text: str, lang: str | None = None, *, keep_stopwords: bool = False
) -> list[tuple[str, str]]:
    """Return (term, word) pairs for `text`: each kept word with its stem, in text order
    (see `analyse_positions`)."""
    return [(t, w) for _, t, w in analyse_positions(text, lang, keep_stopwords=keep_stopwords)]


def analyse(text: str, lang: str | None = None, *, keep_stopwords: bool = False) -> list[str]:
    """Return the index terms (stems) of `text`, in order, duplicates kept."""
    return [term for term, _ in analyse_pairs(text, lang, keep_stopwords=keep_stopwords)]
