"""The screener: an index of listed names and the scoring of a query against it.

How a query is scored
---------------------
1. Every listed name, alias and weak alias is cut into words; for organisations legal forms
   (ООО, LLC, ФГБУН, SARL …), academy qualifiers (RAS, РАН) and stop words are set aside.
   Each word gets a transliteration-invariant key (`translit.skeleton`), so a Cyrillic word
   and its passport, BGN/PCGN, GOST 7.79-B, scholarly or French spellings share one key.
2. Candidates come from an inverted index on those keys, on four-letter prefixes and suffixes
   of long keys (so a typo still finds the name) and on the initials of organisation names
   (so "MIPT" finds "Moscow Institute of Physics and Technology"). Keys are weighted by their
   rarity (IDF) and only the best-sharing names are scored.
3. A query name and a listed name are aligned word by word, in any order. The score is the
   rarity-weighted share of words that agree; spelling differences lower a word's agreement by
   its edit distance; words left over count against the match, fully for organisations (so
   "Space Research Institute" is not "Research Institute of Space Instrumentation") and
   lightly for people (a missing patronymic or middle name costs little). Feminine and
   masculine surnames (Ivanov/Ivanova) do not agree. A person matched on one word only, or
   through initials only, stays below the threshold. An organisation screened under a long
   name and a short one (an acronym, "IL-RAS") is judged by the long one: an entry that only
   the short name resembles needs a long name that agrees too. A place written in
   parentheses ("IT Park (Kazan)") is not a name of its own, and a vessel or aircraft is
   reached by an organisation through an identifier only.
4. Attributes then move the score: an equal identifier (INN, OGRN, IMO …) makes the hit
   near-certain, a different one of the same kind lowers it; birth dates and countries that
   agree raise it a little and those that disagree lower it.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz.distance import OSA, Levenshtein

from .countries import country_code
from .explain import NAME_CODES, reason
from .model import (
    AIRCRAFT,
    ORGANIZATION,
    PERSON,
    THING,
    VESSEL,
    Hit,
    ListEntry,
    ParsedList,
    Query,
    Reason,
)
from .normalize import (
    fold_token,
    identifier_scheme,
    identifier_value,
    initialism,
    is_stopword,
    name_parts,
    parenthesised,
    split_parentheses,
    tokens,
)
from .translit import MODES, SYSTEMS, has_cyrillic, skeleton, transliterate

DEFAULT_THRESHOLD = 0.79
"""Score at or above which `Screener.screen` returns a hit.

Chosen on the screening benchmark (`bench/screening/`, runs of 2026-11-29 against OFAC SDN,
the EU annexes and 683 UN persons, 23,665 entries) by its rule: the highest recall on the
calibration half with at most 1 alert per 1,000 innocent people and organisations (exact
rates). Calibration half at 0.79: recall 97.06 %, no alert. Held-out half at 0.79: recall
97.3 % over all distortion kinds (exact 100 %, eight transliteration systems 99.3–100 %, word
order, dropped patronymic and legal form 100 %, typo 97.0 %), 1.0 alert per 1,000 innocent
people and 0.0 per 1,000 innocent organisations; nomenklatura logic-v2 at 0.7 on the same
cases: 83.5 %, 4.0 and 2.9. Sweep (held-out recall / person / organisation alerts per
1,000): 0.75 → 98.6 / 2 / 2.9; 0.80 → 97.3 / 1 / 0.0; 0.85 → 96.1 / 0 / 0.0; 0.90 →
95.7 / 0 / 0.0. Below 0.78 the unlisted initials of organisations start to count, and with
them alerts. Raise it to 0.9 where the review budget is tight.
"""

_MIN_WORD_AGREEMENT = 0.6
_PERSON_EXTRA_WEIGHT = 0.25
_PATRONYMIC_WEIGHT = 0.1
_ORG_EXTRA_WEIGHT = 0.9
_SINGLE_WORD_CAP = 0.7
_INITIALS_CAP = 0.75
_ABBREVIATION_SCORE = 0.78
_SHORT_NAME_SCORE = 0.78
_VARIANT_AGREEMENT = 0.95
_SHORT_VARIANT_AGREEMENT = 0.75
_SINGLE_WORD_FACTOR = 0.9
_MERGED_AGREEMENT = 0.9
_COUNTRY_CONFLICT = 0.08
_EVIDENCE_RANK = {code: rank for rank, code in enumerate(("identifier_match", *NAME_CODES))}
_THIN_COUNTRY_CONFLICT = 0.25
_WEAK_ALIAS_FACTOR = 0.92
_CANDIDATE_FORMS = 25
_MIN_SHARED = 0.3
_PATRONYMIC = re.compile(r"(ovich|evich|ovna|evna|ichna|inichna|ogly|oglu|kyzy|qizi|ovic|evic)$")
_GENERIC_IDS = frozenset({"registration", "id"})
_STRONG_IDS = frozenset({"inn", "ogrn", "imo", "lei", "swift", "kpp", "okpo", "mmsi"})
_PERSON_COMPATIBLE = {
    PERSON: {PERSON, THING},
    ORGANIZATION: {ORGANIZATION, THING},
}
# Vessels and aircraft are often named after a place or a person ("KAZAN", "S. KUZNETSOV"):
# an organisation reaches them through an identifier (IMO, MMSI …), not through its name.
_BY_IDENTIFIER_ONLY = {ORGANIZATION: {VESSEL, AIRCRAFT}}
# An organisation known by a long name and a short one (an acronym, one word, "IL-RAS") is
# identified by the long one: a listed entry that only the short name resembles (one word,
# initials, a misspelling) is another body with a like acronym ("ИСП РАН", the Institute for
# System Programming, is not "ISP SB RAS", the Institute of Semiconductor Physics) unless one
# of the long names agrees with the entry at least this much (0.7 when the short name itself
# only agrees through initials or a misspelling: "RFNC-VNIITF" is not "RFNC-VNIIEF").
_LONG_NAME_SUPPORT = 0.5
_FUZZY_SHORT_SUPPORT = 0.7
_UNSUPPORTED_SHORT_CAP = 0.7
_WEAK_SHORT_CODES = frozenset({"abbreviation_match", "fuzzy_match", "initials_match"})
# Where a listed body states no country, a legal form of the Soviet tradition in one of its
# names (ООО, АО, ЗАО, ФГУП … in Cyrillic or Latin letters, JSC, PJSC …) places it in the
# countries that use those forms. Other legal forms (LLC, Ltd, SA, SpA …) are used too widely
# to place a body anywhere.
_SOVIET_FORMS = frozenset(
    {
        "ooo", "ao", "pao", "zao", "oao", "nao", "fgup", "gup", "mup", "fgbun", "fgbu", "fgau",
        "fgbou", "fgaou", "fgku", "fgu", "gbu", "ano", "nko", "jsc", "pjsc", "cjsc", "ojsc",
        "fsue", "fsbi", "fsbei", "fsaei",
    }
)  # fmt: skip
_SOVIET_FORM_WORDS = re.compile(r"^(obsh|obshch|obshc|aktsion|akcion|aktsyon|unitarn|gosudarstv)")
_SOVIET_FORM_COUNTRIES = (
    "RU", "BY", "UA", "KZ", "UZ", "KG", "TJ", "TM", "AM", "AZ", "GE", "MD", "LT", "LV", "EE",
    "VN", "MN",
)  # fmt: skip


@dataclass(frozen=True)
class _Form:
    """One way of writing a listed (or queried) name, ready for comparison."""

    entry: int
    display: str
    name_type: str
    words: tuple[str, ...]
    keys: tuple[str, ...]
    folded: tuple[str, ...]
    plain: str
    legal_forms: tuple[str, ...]
    cyrillic: bool
    organisation: bool


@dataclass
class _NameResult:
    score: float
    code: str
    params: dict[str, Any]
    extra: list[Reason]
    thin: bool = False  # the names share one short word only (an acronym, a short name)


def _script(text: str) -> str:
    if has_cyrillic(text):
        return "Cyrillic"
    if any(char.isalpha() and not char.isascii() for char in text) and not all(
        "LATIN" in _unicode_name(char) for char in text if char.isalpha() and not char.isascii()
    ):
        return "non-Latin"
    return "Latin"


def _unicode_name(char: str) -> str:
    import unicodedata

    return unicodedata.name(char, "")


_AKA = re.compile(
    r"^\s*(?:a\.?k\.?a\.?|f\.?k\.?a\.?|n\.?k\.?a\.?|also known as|formerly)[\s:,]+", re.I
)
_SLASH = re.compile(r"\s+/\s+")
_TITLES = re.compile(r"^\s*(?:(?:dr|mr|mrs|ms|prof|sir|sheikh|shaykh|haji|hajji)\.?\s+)+", re.I)


def _own_name(inner: str, listed: bool) -> bool:
    """Whether a parenthesised part of a name names the party on its own.

    Lists write aliases in parentheses ("Moscow Aviation Institute (МАИ)"), so every part of
    a listed name counts, except a country ("(Russia)"). A name screened from the directory
    writes there another name ("(АО «ПНИЭИ»)"), an acronym ("(IKI)", "(GosNIIAS)") or a
    qualifier: a place ("IT Park (Kazan)"), a branch, a country. One word without capitals
    inside it is taken for a qualifier, not a name of its own: a city alone is not a party.
    """
    if country_code(inner) is not None and len(tokens(inner)) <= 3:
        return False
    if listed or len(tokens(inner)) > 1:
        return True
    return sum(1 for char in inner if char.isupper()) >= 2


def _expand_names(name: str, organisation: bool, listed: bool = True) -> list[str]:
    names: list[str] = []
    inner = set(parenthesised(name))
    parts = [
        part for part in split_parentheses(name) if part not in inner or _own_name(part, listed)
    ]
    for raw_part in parts:
        part = _AKA.sub("", raw_part)
        if not organisation:
            part = _TITLES.sub("", part)
        if not part.strip():
            continue
        names.append(part)
        # "Ирина Леонтьевна ДИАНОВА / Iрина Леонтiївна ДIАНОВА": one field, two spellings.
        names.extend(piece.strip() for piece in _SLASH.split(part) if piece.strip() != part)
        pieces = [piece.strip() for piece in part.split(",")]
        # "MIPT, PHYSTECH": several one-word names in one alias field (but "Microart, SL"
        # is one name and its legal form).
        if (
            listed
            and organisation
            and len(pieces) > 1
            and all(len(tokens(p)) == 1 for p in pieces)
            and all(
                name_parts(p, True).words != () and not name_parts(p, True).legal_forms
                for p in pieces
            )
        ):
            names.extend(piece for piece in pieces if piece)
    return list(dict.fromkeys(names))


def _make_form(
    entry: int, display: str, name_type: str, organisation: bool, mode: str = "default"
) -> _Form | None:
    parts = name_parts(display, organisation, mode)
    if not parts.words:
        return None
    folded = tuple(fold_token(word) for word in parts.words)
    return _Form(
        entry=entry,
        display=display,
        name_type=name_type,
        words=parts.words,
        keys=parts.keys,
        folded=folded,
        plain=" ".join(folded),
        legal_forms=parts.legal_forms,
        cyrillic=has_cyrillic(display),
        organisation=organisation,
    )


def _abbreviations_of(form: _Form) -> set[str]:
    """Keys of the initials of an organisation name: without and with its legal forms."""
    found: set[str] = set()
    short = initialism(form.words)
    if short:
        found.add(fold_token(short))
    everything = tuple(word for word in tokens(form.display) if not is_stopword(word))
    full = initialism(everything)
    if full:
        found.add(fold_token(full))
    return found


def _soviet_form(legal: str) -> bool:
    """Whether a legal form (as set aside from a name) is one of the Soviet tradition."""
    words = legal.casefold().replace(".", " ").split()
    if not words:
        return False
    if any(has_cyrillic(word) for word in words):
        return True
    if " ".join(words).replace(" ", "") in _SOVIET_FORMS:
        return True
    return len(words) >= 2 and any(_SOVIET_FORM_WORDS.match(word) for word in words)


def _one_word(found: tuple[_NameResult, _Form, _Form]) -> bool:
    """Whether a name match rests on one word of either name, or on an acronym."""
    result, query, listed = found
    if result.code in ("abbreviation_match", "initials_match"):
        return True
    return min(len(query.keys), len(listed.keys)) == 1


def _fuzzy_keys(key: str) -> list[str]:
    """Blocking keys that a word shares with its misspellings.

    Every word of 4–12 letters is indexed with all its one-letter deletions (a symmetric
    deletion index: two words one edit apart, transpositions included, share a key); longer
    words also by their first and last four letters.
    """
    found: list[str] = []
    if 4 <= len(key) <= 12:
        found.append("~" + key)
        found.extend("~" + key[:i] + key[i + 1 :] for i in range(len(key)))
    if len(key) >= 8:
        found += ["<" + key[:4], ">" + key[-4:]]
    return found


def _neighbour_keys(word: str) -> set[str]:
    """Keys of the spellings one deletion or one swap of neighbours away from `word`."""
    if not 4 <= len(word) <= 14:
        return set()
    variants = {word[:i] + word[i + 1 :] for i in range(len(word))}
    variants |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    return {skeleton(variant) for variant in variants}


def _gendered_pair(first: str, second: str) -> bool:
    """Whether two spellings differ only as masculine and feminine forms (Antonio/Antonia)."""
    return (
        len(first) == len(second) >= 5
        and first[:-1] == second[:-1]
        and {first[-1], second[-1]} == {"a", "o"}
    )


def _allowed_edits(size: int) -> int:
    return 0 if size <= 4 else 1 if size <= 9 else 2 if size <= 14 else 3


def _spelling_agreement(first: str, second: str) -> float:
    size = max(len(first), len(second))
    allowed = _allowed_edits(size)
    if allowed == 0:
        # Four letters leave room for a swap only ("TAHA"/"TAAH"), not for a new letter.
        swapped = size == 4 and len(first) == len(second) and sorted(first) == sorted(second)
        if swapped and OSA.distance(first, second, score_cutoff=1) == 1:
            return 0.75
        return 0.0
    if abs(len(first) - len(second)) > allowed:
        return 0.0
    distance = OSA.distance(first, second, score_cutoff=allowed)
    return 0.0 if distance > allowed else 1.0 - distance / size


@lru_cache(maxsize=300_000)
def _word_agreement(
    query_key: str, listed_key: str, query_word: str = "", listed_word: str = ""
) -> tuple[float, str]:
    """How far two words agree (0–1) and how (`same`, `initial`, `typo`, ``).

    Keys are compared first; the folded spellings too, because a typo in a vowel can move
    a transliteration key further than the spelling moved.
    """
    if query_key == listed_key:
        return 1.0, "same"
    if len(query_key) <= len(listed_key):
        shorter, longer = query_key, listed_key
    else:
        shorter, longer = listed_key, query_key
    if len(shorter) == 1:
        return (0.6, "initial") if longer.startswith(shorter) else (0.0, "")
    if len(shorter) >= 4 and (
        longer == shorter + "a"
        or (
            len(longer) == len(shorter)
            and longer[:-1] == shorter[:-1]
            and {longer[-1], shorter[-1]} == {"a", "o"}
        )
    ):
        # Ivanov / Ivanova, Antonio / Antonia: the feminine form names another person.
        return 0.3, "gender"
    if _gendered_pair(query_word, listed_word):
        return 0.3, "gender"
    agreement = _spelling_agreement(query_key, listed_key)
    if query_word and listed_word and query_word != listed_word:
        agreement = max(agreement, _spelling_agreement(query_word, listed_word))
    return (agreement, "typo") if agreement else (0.0, "")


class Screener:
    """Screens queries against the entries of one or more parsed lists.

    Build it once (indexing ~25,000 entries takes a few seconds) and call `screen` for each
    query; it holds no other state and is safe to share between threads that only read.
    """

    def __init__(
        self,
        lists: Iterable[ParsedList | ListEntry],
        *,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> None:
        self.threshold = threshold
        self.entries: list[ListEntry] = []
        for item in lists:
            if isinstance(item, ParsedList):
                self.entries.extend(item.entries)
            else:
                self.entries.append(item)
        self._forms: list[_Form] = []
        self._entry_forms: list[list[int]] = []
        self._implied: list[tuple[str, ...]] = []  # countries implied by legal forms
        postings: dict[str, list[int]] = defaultdict(list)
        self._ids: dict[str, list[int]] = defaultdict(list)
        self._abbreviations: dict[str, list[int]] = defaultdict(list)
        self._exact: dict[str, list[int]] = defaultdict(list)
        for entry_index, entry in enumerate(self.entries):
            organisation = entry.schema != PERSON
            form_ids: list[int] = []
            seen: set[tuple[str, str]] = set()
            for name_type, names in (
                ("name", entry.names),
                ("alias", entry.aliases),
                ("weak alias", entry.weak_aliases),
            ):
                for name in names:
                    for display in _expand_names(name, organisation):
                        form = _make_form(entry_index, display, name_type, organisation)
                        if form is None or (form.display, name_type) in seen:
                            continue
                        seen.add((form.display, name_type))
                        form_id = len(self._forms)
                        self._forms.append(form)
                        form_ids.append(form_id)
                        for key in set(form.keys):
                            postings[key].append(form_id)
                        self._exact[form.plain].append(form_id)
                        if organisation and name_type != "weak alias":
                            for abbreviation in _abbreviations_of(form):
                                self._abbreviations[abbreviation].append(form_id)
            self._entry_forms.append(form_ids)
            self._implied.append(
                _SOVIET_FORM_COUNTRIES
                if any(
                    _soviet_form(legal)
                    for form_id in form_ids
                    for legal in self._forms[form_id].legal_forms
                )
                else ()
            )
            for identifier in entry.identifiers:
                value = identifier_value(identifier.value)
                if len(value) >= 5:
                    self._ids[value].append(entry_index)
        self._postings = {key: np.asarray(ids, dtype=np.int32) for key, ids in postings.items()}
        # Misspelling keys → the indexed words they come from (a symmetric deletion index
        # over the vocabulary, not over every name, to keep it small).
        self._near: dict[str, list[str]] = defaultdict(list)
        for key in postings:
            for fuzzy in _fuzzy_keys(key):
                self._near[fuzzy].append(key)
        total = max(len(self._forms), 1)
        self._idf = {
            key: math.log((total + 1) / (len(ids) + 1)) + 1.0 for key, ids in postings.items()
        }
        self._unknown_idf = math.log(total + 1) + 1.0
        self._form_weights = [
            tuple(self._weight(k, form.organisation) for k in form.keys) for form in self._forms
        ]
        self._form_mass = np.asarray([sum(weights) for weights in self._form_weights])

    # --- public ---------------------------------------------------------------------------

    def screen(self, query: Query, *, threshold: float | None = None) -> list[Hit]:
        """Hits for `query` scoring at or above `threshold` (default: the screener's), best first.

        Equal scores are ordered by the strength of the name evidence (identifier, exact,
        normalised, transliterated, reordered …), then by entry id.
        """
        bar = self.threshold if threshold is None else threshold
        hits = self._score_candidates(query, bar)
        hits.sort(key=lambda hit: (-hit.score, _EVIDENCE_RANK.get(hit.code, 99), hit.entry_id))
        return hits

    def best_scores(self, query: Query) -> dict[str, float]:
        """The score of every candidate entry considered for `query`, keyed by entry id.

        Used by benchmarks and threshold sweeps; the app should call `screen`.
        """
        scores: dict[str, float] = {}
        for entry_index, found in self._name_matches(query):
            entry = self.entries[entry_index]
            name_score = found[0].score if found else 0.0
            thin = found is not None and found[0].thin
            one_word = found is not None and _one_word(found)
            score, _ = self._apply_attributes(
                query, entry, name_score, [], thin, one_word, self._implied[entry_index]
            )
            scores[entry.entry_id] = round(max(0.0, min(1.0, score)), 4)
        return scores

    # --- candidates -------------------------------------------------------------------

    def _query_forms(self, query: Query) -> list[_Form]:
        """The query's names, once per reading of ambiguous Latin letters (see `translit`)."""
        organisation = query.schema != PERSON
        forms: list[_Form] = []
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for name_type, name in [("name", query.name), *(("alias", a) for a in query.aliases)]:
            for display in _expand_names(name, organisation, listed=False):
                for mode in MODES:
                    form = _make_form(-1, display, name_type, organisation, mode)
                    if form is None or (display, form.keys) in seen:
                        continue
                    seen.add((display, form.keys))
                    forms.append(form)
                    if form.cyrillic:
                        break
        return forms

    def _candidate_forms(self, form: _Form) -> list[int]:
        """Listed forms sharing the most rarity-weighted words with a query form.

        A query word that is not in the index (a typo, a rare spelling) counts once for every
        listed form that shares one of its misspelling keys (`_fuzzy_keys`).
        """
        arrays: list[np.ndarray] = []
        gains: list[float] = []
        total = 0.0
        for key, word in zip(form.keys, form.folded, strict=True):
            ids = self._postings.get(key)
            if ids is not None:
                gain = self._idf[key]
                arrays.append(ids)
                gains.append(gain)
                total += gain
                continue
            words = {near for f in _fuzzy_keys(key) for near in self._near.get(f, ())}
            # A typo can move a key further than the spelling ("lakahl" → "lakaHl" is two
            # edits from "laHal"): also look up the keys of the spelling's own neighbours.
            words |= {k for k in _neighbour_keys(word) if k in self._postings}
            if not words:
                continue
            near = [self._postings[k] for k in words]
            gain = self._unknown_idf / 2
            arrays.append(np.unique(np.concatenate(near)))
            gains.append(gain)
            total += gain
        if not arrays:
            return self._exact.get(form.plain, [])
        shared = np.bincount(
            np.concatenate(arrays),
            weights=np.repeat(np.asarray(gains), [len(ids) for ids in arrays]),
            minlength=len(self._forms),
        )
        found = np.flatnonzero(shared >= _MIN_SHARED * total)
        if len(found) > _CANDIDATE_FORMS:
            # Rank by the Dice overlap, so that names with few extra words come first.
            dice = shared[found] / (total + self._form_mass[found])
            order = np.argpartition(-dice, _CANDIDATE_FORMS)[:_CANDIDATE_FORMS]
            found = found[order]
        exact = self._exact.get(form.plain, [])
        return list(dict.fromkeys([*exact, *(int(form_id) for form_id in found)]))

    def _candidates(
        self, query: Query, forms: list[_Form]
    ) -> dict[int, dict[int, set[int]] | None]:
        """Candidate entries, each with the (listed form → query forms) pairs worth comparing
        (None: every form of the entry against every query form)."""
        entries: dict[int, dict[int, set[int]] | None] = {}

        def add(form_id: int, query_index: int) -> None:
            known = entries.setdefault(self._forms[form_id].entry, {})
            if known is not None:
                known.setdefault(form_id, set()).add(query_index)

        for query_index, form in enumerate(forms):
            for form_id in self._candidate_forms(form):
                add(form_id, query_index)
            if len(form.words) == 1 and 2 <= len(form.folded[0]) <= 8 and form.organisation:
                for form_id in self._abbreviations.get(form.folded[0], []):
                    add(form_id, query_index)
        for value in query.identifiers.values():
            for entry_index in self._ids.get(identifier_value(value), []):
                entries[entry_index] = None
        return entries

    # --- scoring ----------------------------------------------------------------------

    def _weight(self, key: str, organisation: bool = False) -> float:
        if len(key) == 1:
            # An initial in a person's name; in a company name ("Total Z") a distinctive word.
            return 1.5 if organisation else 0.5
        return min(self._idf.get(key, self._unknown_idf), 12.0)

    def _compare(
        self,
        query: _Form,
        listed: _Form,
        person: bool,
        query_weights: tuple[float, ...],
        listed_weights: tuple[float, ...],
    ) -> _NameResult:
        features: list[str] = []
        if query.cyrillic != listed.cyrillic:
            features.append("translit")
        if query.plain == listed.plain:
            same_text = " ".join(tokens(query.display)) == " ".join(tokens(listed.display))
            code = "exact_match" if same_text else "normalised_match"
            if "translit" in features:
                code = "translit_match"
            thin = len(listed.keys) == 1 and len(listed.folded[0]) <= 4
            return _NameResult(1.0, code, {"features": features}, [], thin)
        used_query: set[int] = set()
        used_listed: set[int] = set()
        aligned: list[tuple[float, int, int, str]] = []
        single = len(query.keys) == 1 and len(listed.keys) == 1
        gendered = False
        positions: dict[str, list[int]] = {}
        for j, listed_key in enumerate(listed.keys):
            positions.setdefault(listed_key, []).append(j)
        for i, query_key in enumerate(query.keys):
            same = positions.get(query_key)
            if same:
                j = same.pop(0)
                used_query.add(i)
                used_listed.add(j)
                # One key, two Latin spellings: a transliteration variant, or two names
                # that the key cannot tell apart ("Aria"/"Ara"); not quite the same word.
                variant = query.folded[i] != listed.folded[j] and has_cyrillic(
                    query.words[i]
                ) == has_cyrillic(listed.words[j])
                if not variant:
                    agreement = 1.0
                elif single:
                    # One word only: judge the spelling, not the shared key.
                    agreement = max(
                        _spelling_agreement(query.folded[i], listed.folded[j]),
                        _SHORT_VARIANT_AGREEMENT,
                    )
                else:
                    agreement = _VARIANT_AGREEMENT
                aligned.append((agreement, i, j, "same"))
        if len(used_query) < len(query.keys) and len(used_listed) < len(listed.keys):
            pairs: list[tuple[float, int, int, str]] = []
            for i, query_key in enumerate(query.keys):
                if i in used_query:
                    continue
                for j, listed_key in enumerate(listed.keys):
                    if j in used_listed:
                        continue
                    agreement, how = _word_agreement(
                        query_key, listed_key, query.folded[i], listed.folded[j]
                    )
                    gendered = gendered or how == "gender"
                    if agreement >= _MIN_WORD_AGREEMENT:
                        pairs.append((agreement, i, j, how))
            pairs.sort(key=lambda pair: (-pair[0], abs(pair[1] - pair[2])))
            for agreement, i, j, how in pairs:
                if i in used_query or j in used_listed:
                    continue
                used_query.add(i)
                used_listed.add(j)
                aligned.append((agreement, i, j, how))
        agreed = 0.0
        weight = 0.0
        for agreement, i, j, _ in aligned:
            pair_weight = (query_weights[i] + listed_weights[j]) / 2
            agreed += agreement * pair_weight
            weight += pair_weight
        weight += sum(w for i, w in enumerate(query_weights) if i not in used_query)
        missing: list[str] = []
        extra_names = 0
        extra_weight: dict[int, float] = {}
        for j, w in enumerate(listed_weights):
            if j in used_listed:
                continue
            missing.append(listed.words[j])
            if not person:
                extra_weight[j] = _ORG_EXTRA_WEIGHT * w
            elif _PATRONYMIC.search(fold_token(listed.words[j])):
                extra_weight[j] = _PATRONYMIC_WEIGHT * w
            else:
                # One extra given or family name is common (a middle name); each further one
                # makes it likelier that the query names someone else.
                extra_weight[j] = _PERSON_EXTRA_WEIGHT * w * (1 + extra_names)
                extra_names += 1
        weight += sum(extra_weight.values())
        score = agreed / weight if weight else 0.0
        typos = sum(1 for a in aligned if a[3] == "typo" or (a[3] == "same" and a[0] < 1.0))
        initials = sum(1 for a in aligned if a[3] == "initial")
        full_words = len(aligned) - initials
        if person and full_words < 2 and max(len(query.keys), len(listed.keys)) > 1:
            score = min(score, _SINGLE_WORD_CAP)
        if initials:
            score = min(score, _INITIALS_CAP)
        order = [j for _, _, j, _ in sorted(aligned, key=lambda a: a[1])]
        if order != sorted(order):
            features.append("reordered")
        if missing:
            features.append("missing")
        if typos:
            features.append("typos")
        # Words run together or split apart ("AREFULLAHA REF" for "AREFULLAH AREF",
        # "MYONGC-HIN" for "MYONG-CHIN"): the whole names agree once joined, and the word
        # boundaries differ (otherwise the word-by-word comparison already said it all).
        if (
            person
            and not gendered
            and abs(len(query.keys) - len(listed.keys)) <= 1
            and min(len(k) for k in (*query.keys, *listed.keys)) > 1
            and sorted(map(len, query.keys)) != sorted(map(len, listed.keys))
        ):
            joined = Levenshtein.normalized_similarity("".join(query.keys), "".join(listed.keys))
            long_enough = len("".join(listed.keys)) >= 10
            if joined >= _MERGED_AGREEMENT and long_enough and joined * 0.98 > score:
                score = joined * 0.98
                typos = max(typos, 1)
                if "typos" not in features:
                    features.append("typos")
        if len(query.keys) == 1 and len(listed.keys) == 1:
            score *= _SINGLE_WORD_FACTOR  # one word, not spelt the same: thin evidence
        thin = min(len(query.keys), len(listed.keys)) == 1 and len(listed.folded[0]) <= 4
        if thin:
            score = min(score, _SHORT_NAME_SCORE)
        if initials:
            code = "initials_match"
        elif typos:
            code = "fuzzy_match"
        elif "translit" in features:
            code = "translit_match"
        elif len(used_query) < len(query.keys):
            code = "overlap_match"
        elif missing:
            code = "partial_match"
        elif "reordered" in features:
            code = "reordered_match"
        else:
            code = "normalised_match"
        params: dict[str, Any] = {"features": features}
        if code == "overlap_match":
            params["shared"] = [query.words[i] for i in sorted(used_query)]
        if missing:
            params["missing"] = missing
        if typos:
            params["typos"] = typos
        return _NameResult(score, code, params, [], thin)

    def _abbreviation(self, query: _Form, listed: _Form) -> _NameResult | None:
        if len(query.words) != 1 or not listed.organisation:
            return None
        if query.folded[0] in _abbreviations_of(listed):
            features = ["translit"] if listed.cyrillic != query.cyrillic else []
            return _NameResult(
                _ABBREVIATION_SCORE, "abbreviation_match", {"features": features}, []
            )
        return None

    def _translit_system(self, query: _Form, listed: _Form) -> str | None:
        latin, cyrillic = (listed, query) if query.cyrillic else (query, listed)
        target = " ".join(tokens(latin.display))
        for system, label in SYSTEMS.items():
            if " ".join(tokens(transliterate(cyrillic.display, system))) == target:
                return label
        return None

    def _name_match(
        self,
        query_forms: list[_Form],
        query_weights: list[tuple[float, ...]],
        entry_index: int,
        pairs: dict[int, set[int]],
    ) -> tuple[_NameResult, _Form, _Form] | None:
        entry = self.entries[entry_index]
        person = entry.schema == PERSON
        best: tuple[_NameResult, _Form, _Form] | None = None
        for form_id in sorted(pairs):
            listed = self._forms[form_id]
            listed_weights = self._form_weights[form_id]
            for query_index in sorted(pairs[form_id]):
                query = query_forms[query_index]
                weights = query_weights[query_index]
                result = self._compare(query, listed, person, weights, listed_weights)
                abbreviation = self._abbreviation(query, listed)
                if abbreviation and abbreviation.score > result.score:
                    result = abbreviation
                if listed.name_type == "weak alias":
                    result.score *= _WEAK_ALIAS_FACTOR
                if best is None or result.score > best[0].score:
                    best = (result, query, listed)
        return best

    def _name_matches(
        self, query: Query
    ) -> list[tuple[int, tuple[_NameResult, _Form, _Form] | None]]:
        """Every candidate entry with its best name match (None: found by identifier only)."""
        forms = self._query_forms(query)
        found_list: list[tuple[int, tuple[_NameResult, _Form, _Form] | None]] = []
        if not forms and not query.identifiers:
            return found_list
        allowed = _PERSON_COMPATIBLE.get(query.schema)
        query_weights = [
            tuple(self._weight(k, form.organisation) for k in form.keys) for form in forms
        ]
        every_query_form = set(range(len(forms)))
        by_identifier = _BY_IDENTIFIER_ONLY.get(query.schema, set())
        long_forms = [
            i for i, form in enumerate(forms) if form.organisation and len(form.keys) >= 2
        ]
        for entry_index, pairs in self._candidates(query, forms).items():
            entry = self.entries[entry_index]
            reachable = allowed is None or entry.schema in allowed
            if not reachable and not (pairs is None and entry.schema in by_identifier):
                continue
            if pairs is None:
                pairs = {form_id: every_query_form for form_id in self._entry_forms[entry_index]}
            found = self._name_match(forms, query_weights, entry_index, pairs) if forms else None
            if found is not None and len(found[1].keys) <= 2:
                longer = [i for i in long_forms if len(forms[i].keys) > len(found[1].keys)]
                if longer:
                    self._require_support(found, forms, query_weights, longer, entry_index)
            found_list.append((entry_index, found))
        return found_list

    def _require_support(
        self,
        found: tuple[_NameResult, _Form, _Form],
        forms: list[_Form],
        query_weights: list[tuple[float, ...]],
        long_forms: list[int],
        entry_index: int,
    ) -> None:
        """Cap a match that rests on a short name of the query only (`_LONG_NAME_SUPPORT`)."""
        result = found[0]
        weak = result.code in _WEAK_SHORT_CODES or result.thin or len(found[1].keys) == 1
        if not weak or result.score <= _UNSUPPORTED_SHORT_CAP:
            return
        # A misspelt or initials-made short name is weaker evidence than a short name as
        # listed: the long names must then nearly match by themselves.
        needed = _FUZZY_SHORT_SUPPORT if result.code in _WEAK_SHORT_CODES else _LONG_NAME_SUPPORT
        person = self.entries[entry_index].schema == PERSON
        support = 0.0
        for form_id in self._entry_forms[entry_index]:
            listed = self._forms[form_id]
            for i in long_forms:
                compared = self._compare(
                    forms[i], listed, person, query_weights[i], self._form_weights[form_id]
                )
                support = max(support, compared.score)
                if support >= needed:
                    return
        result.score = _UNSUPPORTED_SHORT_CAP
        result.extra.append(
            reason("short_name_unsupported", query=found[1].display, support=round(support, 2))
        )

    def _score_candidates(self, query: Query, bar: float) -> list[Hit]:
        hits: list[Hit] = []
        for entry_index, found in self._name_matches(query):
            entry = self.entries[entry_index]
            # Attributes move a score by at most +0.05 unless an identifier matches, so most
            # candidates are dropped before their explanation is written.
            if found is not None and found[0].score + 0.05 < bar and not query.identifiers:
                continue
            hit = self._hit(query, entry, found, self._implied[entry_index])
            if hit.score >= bar:
                hits.append(hit)
        return hits

    def _hit(
        self,
        query: Query,
        entry: ListEntry,
        found: tuple[_NameResult, _Form, _Form] | None,
        implied: tuple[str, ...] = (),
    ) -> Hit:
        if found is None:
            result = _NameResult(0.0, "identifier_match", {}, [])
            query_name, listed_name, name_type = query.name, entry.caption, "name"
        else:
            result, query_form, listed_form = found
            query_name, listed_name = query_form.display, listed_form.display
            name_type = listed_form.name_type
            result.params.update(
                query=query_name,
                listed=listed_name,
                name_type=name_type,
                query_script=_script(query_name),
                listed_script=_script(listed_name),
            )
            if "translit" in result.params["features"]:
                system = self._translit_system(query_form, listed_form)
                if system:
                    result.params["system"] = system
            legal = [*query_form.legal_forms, *listed_form.legal_forms]
            if legal:
                result.extra.append(reason("legal_form_ignored", forms=legal))
            if name_type == "weak alias":
                result.extra.append(reason("weak_alias"))
        score = result.score
        extra = list(result.extra)
        thin = found is not None and result.thin
        one_word = found is not None and _one_word(found)
        score, extra = self._apply_attributes(query, entry, score, extra, thin, one_word, implied)
        code = result.code
        params = dict(result.params)
        if extra and extra[0].code == "identifier_match" and (found is None or result.score < 0.5):
            main = extra.pop(0)
            code, params = main.code, dict(main.params)
        else:
            main = reason(code, **params)
        reasons = (main, *extra)
        return Hit(
            entry_id=entry.entry_id,
            list_id=entry.list_id,
            name=listed_name,
            query_name=query_name,
            score=round(max(0.0, min(1.0, score)), 4),
            code=code,
            params=params,
            explanation=" ".join(r.text for r in reasons),
            reasons=reasons,
            schema=entry.schema,
            programmes=entry.programmes,
        )

    def _apply_attributes(
        self,
        query: Query,
        entry: ListEntry,
        score: float,
        extra: list[Reason],
        thin: bool,
        one_word: bool = False,
        implied: tuple[str, ...] = (),
    ) -> tuple[float, list[Reason]]:
        matched_id = False
        for raw_scheme, raw_value in query.identifiers.items():
            scheme = identifier_scheme(raw_scheme)
            value = identifier_value(raw_value)
            if not value:
                continue
            same_kind = [
                i for i in entry.identifiers
                if i.scheme == scheme or i.scheme in _GENERIC_IDS or scheme in _GENERIC_IDS
            ]  # fmt: skip
            if any(identifier_value(i.value) == value for i in entry.identifiers):
                matched_id = True
                extra.insert(0, reason("identifier_match", scheme=scheme.upper(), value=raw_value))
            elif scheme in _STRONG_IDS and any(i.scheme == scheme for i in same_kind):
                listed_value = next(i.value for i in same_kind if i.scheme == scheme)
                score -= 0.2
                extra.append(
                    reason(
                        "identifier_conflict",
                        scheme=scheme.upper(),
                        value=raw_value,
                        listed_value=listed_value,
                    )
                )
        if matched_id:
            score = max(score, 0.99 if score >= 0.5 else 0.95)
        if query.birth_date and entry.birth_dates and entry.schema != ORGANIZATION:
            score += self._birth_effect(query.birth_date, entry.birth_dates, extra)
        query_country = country_code(query.country) if query.country else None
        listed_countries = [c for c in entry.countries if len(c) == 2]
        if query_country and listed_countries:
            if query_country in listed_countries:
                score += 0.02
                extra.append(reason("country_match", country=query_country))
            else:
                # A match resting on one word or an acronym, shared with a body of another
                # country, is most likely a namesake ("TOTAL S A" of France is not "TOTAL Z
                # LLC" of Russia): the penalty keeps even an exact one-word match below the
                # default threshold. A longer name shared across borders is not a namesake.
                score -= _THIN_COUNTRY_CONFLICT if thin or one_word else _COUNTRY_CONFLICT
                extra.append(
                    reason("country_conflict", country=query_country, listed=listed_countries)
                )
        elif query_country and implied and one_word and query_country not in implied:
            # No stated country, but the listed name's legal form places the body ("ORION
            # SRL" of Italy is not "JSC SPA Orion", "AST S R L" not "AST JSC").
            score -= _THIN_COUNTRY_CONFLICT
            extra.append(reason("legal_form_country_conflict", country=query_country))
        return score, extra

    @staticmethod
    def _birth_effect(query_date: str, listed_dates: tuple[str, ...], extra: list[Reason]) -> float:
        query_year = query_date[:4]
        if not query_year.isdigit():
            return 0.0
        best_gap: int | None = None
        closest = listed_dates[0]
        for listed in listed_dates:
            if not listed[:4].isdigit():
                continue
            if query_date == listed or (
                len(query_date) == 10 and len(listed) == 10 and query_date == listed
            ):
                extra.append(reason("birth_date_match", query_date=query_date))
                return 0.05
            shorter = min(len(query_date), len(listed))
            if shorter < 10 and query_date[:shorter] == listed[:shorter]:
                extra.append(reason("birth_year_match", query_date=query_date, listed_date=listed))
                return 0.02
            gap = abs(int(listed[:4]) - int(query_year))
            if best_gap is None or gap < best_gap:
                best_gap, closest = gap, listed
        if best_gap is None:
            return 0.0
        if best_gap <= 1:
            extra.append(reason("birth_date_near", query_date=query_date, listed_date=closest))
            return -0.05
        extra.append(reason("birth_date_conflict", query_date=query_date, listed_date=closest))
        return -0.2
