"""The concept layer: technology concepts, sectors and economic activities in FR/EN/RU.

A concept has an id, one or more sector codes, labels (a preferred label and synonyms) in
French, English and Russian, and optionally the NACE Rev.2 / OKVED2 codes of the activities it
belongs to. Matching a text against the vocabulary is stem-aware in all three languages, so
"photonique", "photonics" and "фотоника" all yield the concept `photonics`: codes are language
neutral, which lets a French request meet a Russian-described organisation.

Activity labels (`activity_label`) cover every NACE Rev.2 division, group and class, built by
`bench/matching/build_activities.py` from NACE Rev.2 (EN), NAF rév. 2 (FR) and OKVED2 (RU).
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources

from jumelage.engines.text.analysis import analyse_pairs, analyse_positions
from jumelage.engines.text.lang import LANGUAGES, detect_language

SECTORS: dict[str, dict[str, str]] = {
    "aerospace": {"en": "aerospace", "fr": "aéronautique et spatial", "ru": "авиакосмическая отрасль"},
    "photonics": {"en": "photonics", "fr": "photonique", "ru": "фотоника"},
    "biotech_health": {"en": "biotech and health", "fr": "biotechnologies et santé", "ru": "биотехнологии и здравоохранение"},
    "ict": {"en": "ICT", "fr": "numérique", "ru": "ИКТ"},
    "energy": {"en": "energy", "fr": "énergie", "ru": "энергетика"},
    "maritime": {"en": "maritime", "fr": "maritime", "ru": "морская отрасль"},
    "advanced_manufacturing": {"en": "advanced manufacturing", "fr": "industrie du futur", "ru": "передовое производство"},
    "agrifood": {"en": "agrifood", "fr": "agroalimentaire", "ru": "агропищевая отрасль"},
    "environment": {"en": "environment", "fr": "environnement", "ru": "экология и окружающая среда"},
}  # fmt: skip


@dataclass(frozen=True)
class Concept:
    """One technology concept with its labels per language (the first label is preferred)."""

    id: str
    sectors: tuple[str, ...]
    labels: dict[str, tuple[str, ...]] = field(hash=False, compare=False)
    activities: tuple[str, ...] = ()

    def label(self, lang: str = "en") -> str:
        """Return the preferred label in `lang`, falling back to English, then to the id."""
        for candidate in (lang, "en"):
            labels = self.labels.get(candidate)
            if labels:
                return labels[0]
        return self.id


@dataclass(frozen=True)
class ConceptMatch:
    """A place where a concept was found in a text: the concept id and the words matched."""

    concept: str
    words: tuple[str, ...]


class ConceptVocabulary:
    """A set of concepts and a stem-aware phrase matcher over their labels in FR/EN/RU."""

    def __init__(self, concepts: Iterable[Concept]):
        self._concepts: dict[str, Concept] = {}
        # One phrase table per pass: Latin words stemmed as French or as English; Russian
        # labels go in both, since Cyrillic words are stemmed as Russian in either pass.
        self._phrases: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]] = {
            "fr": {},
            "en": {},
        }
        for concept in concepts:
            if concept.id in self._concepts:
                raise ValueError(f"concept {concept.id!r} is defined twice")
            self._concepts[concept.id] = concept
            for lang, labels in concept.labels.items():
                passes = ("fr", "en") if lang == "ru" else (lang,)
                for label in labels:
                    for pass_lang in passes:
                        stems = tuple(
                            t for t, _ in analyse_pairs(label, lang if lang == "ru" else pass_lang)
                        )
                        if stems:
                            entries = self._phrases[pass_lang].setdefault(stems[0], [])
                            if (stems, concept.id) not in entries:
                                entries.append((stems, concept.id))
        for phrases in self._phrases.values():
            for candidates in phrases.values():
                candidates.sort(key=lambda entry: -len(entry[0]))

    def __len__(self) -> int:
        return len(self._concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self._concepts.values())

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._concepts

    def __getitem__(self, concept_id: str) -> Concept:
        return self._concepts[concept_id]

    def label(self, concept_id: str, lang: str = "en") -> str:
        """Return the preferred label of `concept_id` in `lang` (English when missing)."""
        concept = self._concepts.get(concept_id)
        return concept.label(lang) if concept else concept_id

    def match(
        self,
        text: str,
        lang: str | None = None,
        analysed: list[tuple[int, str, str]] | None = None,
    ) -> list[ConceptMatch]:
        """Return the concepts mentioned in `text`, leftmost-longest, in text order.

        Latin words are tried as English and, for French texts, also as French (French texts
        often use English terms); Cyrillic words are always stemmed as Russian. Matches of
        both passes are merged so that no words count twice, longer phrases first.
        `analysed` is `analyse_positions(text, lang)` when the caller has it already.
        """
        lang = lang if lang in LANGUAGES else detect_language(text)
        passes = ("fr", "en") if lang == "fr" else ("en",)
        found: list[tuple[int, int, ConceptMatch]] = []
        for pass_lang in passes:
            pass_analysis = "ru" if lang == "ru" else pass_lang
            positions = (
                analysed
                if analysed is not None and pass_analysis == lang
                else analyse_positions(text, pass_analysis)
            )
            found.extend(self._match_positions(positions, pass_lang))
        found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
        matches = []
        end_of_last = -1
        for start, end, match in found:
            if start > end_of_last:
                matches.append(match)
                end_of_last = end
        return matches

    def count(
        self,
        text: str,
        lang: str | None = None,
        analysed: list[tuple[int, str, str]] | None = None,
    ) -> Counter[str]:
        """Return how many times each concept is mentioned in `text` (`analysed`: see
        `match`)."""
        return Counter(m.concept for m in self.match(text, lang, analysed))

    def _match_positions(
        self, analysed: list[tuple[int, str, str]], pass_lang: str
    ) -> list[tuple[int, int, ConceptMatch]]:
        table = self._phrases[pass_lang]
        terms = [term for _, term, _ in analysed]
        matches = []
        position = 0
        while position < len(terms):
            for stems, concept_id in table.get(terms[position], ()):
                end = position + len(stems)
                if tuple(terms[position:end]) == stems:
                    words = tuple(word for _, _, word in analysed[position:end])
                    first, last = analysed[position][0], analysed[end - 1][0]
                    matches.append((first, last, ConceptMatch(concept_id, words)))
                    position = end
                    break
            else:
                position += 1
        return matches


def parse_concepts(lines: Iterable[str]) -> list[Concept]:
    """Parse the concept file format: `id | sectors | en; … | fr; … | ru; … | NACE codes`.

    Blank lines and lines starting with "#" are ignored. Raises ValueError naming the line
    for a malformed line or an unknown sector code.
    """
    concepts = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 6 or not parts[0]:
            raise ValueError(f"line {number}: expected 6 fields separated by '|'")
        concept_id, sectors, english, french, russian, activities = parts
        sector_codes = tuple(s.strip() for s in sectors.split(",") if s.strip())
        unknown = [s for s in sector_codes if s not in SECTORS]
        if unknown:
            raise ValueError(f"line {number}: unknown sector {unknown[0]!r}")
        labels = {
            lang: tuple(label.strip() for label in text.split(";") if label.strip())
            for lang, text in (("en", english), ("fr", french), ("ru", russian))
        }
        concepts.append(
            Concept(
                id=concept_id,
                sectors=sector_codes,
                labels=labels,
                activities=tuple(a for a in activities.replace(",", " ").split() if a),
            )
        )
    return concepts


@functools.cache
def default_vocabulary() -> ConceptVocabulary:
    """Return the vocabulary shipped with Jumelage (loaded once per process)."""
    text = (
        resources.files("jumelage.engines.text")
        .joinpath("data/concepts.txt")
        .read_text(encoding="utf-8")
    )
    return ConceptVocabulary(parse_concepts(text.splitlines()))


@functools.cache
def activities() -> dict[str, dict[str, str]]:
    """Return {NACE code: {"en", "fr", "ru"}} for every NACE Rev.2 division, group and class."""
    text = (
        resources.files("jumelage.engines.text")
        .joinpath("data/activities.json")
        .read_text(encoding="utf-8")
    )
    data: dict[str, dict[str, str]] = json.loads(text)
    return data


def activity_label(code: str, lang: str = "en") -> str | None:
    """Return the label of NACE/OKVED `code` ("26.70", "26.7", "26"; deeper OKVED codes fall
    back to their four-digit class) in `lang`, English when missing; None for unknown codes."""
    table = activities()
    code = code.strip()
    candidates = [code] + ([code[:5]] if len(code) > 5 else [])
    for candidate in candidates:
        labels = table.get(candidate)
        if labels:
            return labels.get(lang) or labels["en"]
    return None


def sector_label(code: str, lang: str = "en") -> str:
    """Return the label of sector `code` in `lang` (the code itself when unknown)."""
    labels = SECTORS.get(code)
    if not labels:
        return code
    return labels.get(lang) or labels["en"]
