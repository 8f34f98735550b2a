"""Triage of cooperation topics for possible dual-use export-control relevance.

A topic text (French, English or Russian) is scanned for the terms of a curated trilingual
vocabulary (``data/dualuse_terms.json``) mapped to the categories of Annex I of Regulation (EU)
2021/821 met in the platform's sectors and to the Russia-specific annexes of Regulation (EU)
833/2014 (Annex VII advanced technology, Annex XI aviation and space goods). Words are compared
by their Snowball stems, so inflected forms match ("ракетных двигателей" finds "ракетный
двигатель").

The answer is either "possible dual-use — needs review", with the categories and the matched
terms, or "no indicator found". It is never "cleared": control entries hinge on technical
thresholds that no word list can judge, and a topic without a listed word may still be
controlled.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import Stemmer

POSSIBLE_DUAL_USE = "possible_dual_use"
NO_INDICATOR = "no_indicator_found"
MESSAGES = {
    POSSIBLE_DUAL_USE: "possible dual-use — needs review",
    NO_INDICATOR: "no indicator found",
}
LANGUAGES = ("en", "fr", "ru")
_STEMMERS = {"en": "english", "fr": "french", "ru": "russian"}
_WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)?")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_MAX_GAP = 1
_STOPWORDS = {
    "en": {"the", "of", "and", "for", "with", "in", "on", "to", "is", "a", "an", "by", "from"},
    "fr": {"le", "la", "les", "des", "du", "de", "et", "pour", "avec", "dans", "sur", "une",
           "un", "en", "au", "aux", "est", "à", "d", "l"},
}  # fmt: skip


@dataclass(frozen=True)
class DualUseCategory:
    """A control-list category: its stable code, English title and legal reference."""

    code: str
    title: str
    legal: str


@dataclass(frozen=True)
class DualUseMatch:
    """One vocabulary term found in the text.

    `term` is the vocabulary entry, `found` the words of the text that matched it, `language`
    the vocabulary language, `categories` the category codes it points to, `entries` the
    Annex I entries it most often leads to.
    """

    term: str
    found: str
    language: str
    group: str
    categories: tuple[str, ...]
    entries: tuple[str, ...]


@dataclass(frozen=True)
class DualUseResult:
    """The triage answer for one text.

    `status` is `possible_dual_use` or `no_indicator_found` (never a clearance); `message`
    its English wording; `categories` the codes of every category met, sorted; `matches` the
    evidence; `vocabulary_version` the version of the term list used.
    """

    status: str
    message: str
    categories: tuple[DualUseCategory, ...]
    matches: tuple[DualUseMatch, ...]
    vocabulary_version: str

    @property
    def category_codes(self) -> tuple[str, ...]:
        """The codes of the categories met."""
        return tuple(category.code for category in self.categories)


@dataclass(frozen=True)
class _Term:
    text: str
    language: str
    group: str
    stems: tuple[str, ...]
    acronym: bool
    categories: tuple[str, ...]
    entries: tuple[str, ...]


def _stem(words: list[str], language: str) -> list[str]:
    stemmer = _stemmer(language)
    return [stemmer.stemWord(word.casefold().replace("ё", "е")) for word in words]


@cache
def _stemmer(language: str) -> Any:
    return Stemmer.Stemmer(_STEMMERS[language])


def _words(text: str) -> list[str]:
    return _WORD.findall(text.replace("’", "'"))


@dataclass(frozen=True)
class _Vocabulary:
    version: str
    categories: dict[str, DualUseCategory]
    terms: dict[tuple[str, str], list[_Term]]


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    raw = json.loads(
        resources.files(__package__).joinpath("data/dualuse_terms.json").read_text("utf-8")
    )
    categories = {
        code: DualUseCategory(code, spec["title"], spec["legal"])
        for code, spec in raw["categories"].items()
    }
    terms: dict[tuple[str, str], list[_Term]] = {}
    for group in raw["groups"]:
        for language, texts in group["terms"].items():
            for text in texts:
                words = _words(text)
                acronym = len(words) == 1 and text.isupper() and len(text) <= 6
                stems = tuple(words) if acronym else tuple(_stem(words, language))
                term = _Term(
                    text, language, group["id"], stems, acronym,
                    tuple(group["categories"]), tuple(group.get("entries", ())),
                )  # fmt: skip
                terms.setdefault((language, stems[0]), []).append(term)
    return _Vocabulary(raw["version"], categories, terms)


def detect_language(text: str) -> tuple[str, ...]:
    """The vocabulary languages worth scanning `text` with (Russian for Cyrillic words;
    English and/or French for Latin words, by their stop words)."""
    found: list[str] = []
    words = [word.casefold() for word in _words(text)]
    if any(_CYRILLIC.search(word) for word in words):
        found.append("ru")
    latin = [word for word in words if not _CYRILLIC.search(word)]
    if latin:
        english = sum(word in _STOPWORDS["en"] for word in latin)
        french = sum(word in _STOPWORDS["fr"] for word in latin)
        if english > french:
            found.append("en")
        elif french > english:
            found.append("fr")
        else:
            found.extend(["en", "fr"])
    return tuple(found)


def _scan(words: list[str], language: str, vocabulary: _Vocabulary) -> list[DualUseMatch]:
    stems = _stem(words, language)
    matches: list[DualUseMatch] = []
    for start, first in enumerate(stems):
        candidates = list(vocabulary.terms.get((language, first), []))
        candidates += vocabulary.terms.get((language, words[start]), [])
        for term in candidates:
            if term.acronym and words[start] != term.text:
                continue
            end = _match_from(stems, start, term.stems)
            if end is not None:
                matches.append(
                    DualUseMatch(
                        term=term.text,
                        found=" ".join(words[start:end]),
                        language=language,
                        group=term.group,
                        categories=term.categories,
                        entries=term.entries,
                    )
                )
    return matches


def _match_from(stems: list[str], start: int, wanted: tuple[str, ...]) -> int | None:
    position = start + 1
    for stem in wanted[1:]:
        for offset in range(_MAX_GAP + 1):
            if position + offset < len(stems) and stems[position + offset] == stem:
                position += offset + 1
                break
        else:
            return None
    return position


def check_dual_use(text: str, *, languages: tuple[str, ...] | None = None) -> DualUseResult:
    """Scan a cooperation topic for possible dual-use indicators.

    `languages` restricts the vocabulary languages used (default: detected from the text).
    Returns "possible dual-use — needs review" with the categories and matched terms, or
    "no indicator found"; never a clearance.
    """
    vocabulary = _vocabulary()
    words = _words(text)
    chosen = languages or detect_language(text)
    matches: list[DualUseMatch] = []
    seen: set[tuple[str, str]] = set()
    for language in chosen:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}; use one of {LANGUAGES}")
        for match in _scan(words, language, vocabulary):
            key = (match.found.casefold(), match.group)
            if key not in seen:
                seen.add(key)
                matches.append(match)
    codes = sorted({code for match in matches for code in match.categories})
    status = POSSIBLE_DUAL_USE if matches else NO_INDICATOR
    return DualUseResult(
        status=status,
        message=MESSAGES[status],
        categories=tuple(vocabulary.categories[code] for code in codes),
        matches=tuple(matches),
        vocabulary_version=vocabulary.version,
    )
