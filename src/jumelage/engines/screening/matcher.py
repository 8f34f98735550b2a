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
   through initials only, stays below the threshold.
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
from typing import Any

from rapidfuzz.distance import Levenshtein

from .countries import country_code
from .explain import reason
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
    name_parts,
    split_parentheses,
    tokens,
)
from .translit import SYSTEMS, has_cyrillic, skeleton, skeletons, transliterate

DEFAULT_THRESHOLD = 0.8
"""Score at or above which a hit is returned (see `bench/screening/README.md` for the sweep).

Chosen on the calibration half of the benchmark (even-numbered cases of each distortion kind
and the global synthetic negatives); the held-out half gave the figures reported in the
benchmark README.
"""

_MIN_WORD_AGREEMENT = 0.6
_PERSON_EXTRA_WEIGHT = 0.25
_PATRONYMIC_WEIGHT = 0.1
_ORG_EXTRA_WEIGHT = 0.9
_SINGLE_WORD_CAP = 0.7
_INITIALS_CAP = 0.75
_ABBREVIATION_SCORE = 0.85
_WEAK_ALIAS_FACTOR = 0.92
_RARE_POSTINGS = 1500
_CANDIDATE_FORMS = 40
_MIN_SHARED = 0.3
_PATRONYMIC = re.compile(r"(ovich|evich|ovna|evna|ichna|inichna|ogly|oglu|kyzy|qizi|ovic|evic)$")
_GENERIC_IDS = frozenset({"registration", "id"})
_STRONG_IDS = frozenset({"inn", "ogrn", "imo", "lei", "swift", "kpp", "okpo", "mmsi"})
_PERSON_COMPATIBLE = {
    PERSON: {PERSON, THING},
    ORGANIZATION: {ORGANIZATION, THING, VESSEL, AIRCRAFT},
}


@dataclass(frozen=True)
class _Form:
    """One way of writing a listed (or queried) name, ready for comparison."""

    entry: int
    display: str
    name_type: str
    words: tuple[str, ...]
    keys: tuple[str, ...]
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


def _expand_names(name: str, organisation: bool) -> list[str]:
    names: list[str] = []
    for part in split_parentheses(name):
        names.append(part)
        pieces = [piece.strip() for piece in part.split(",")]
        # "MIPT, PHYSTECH": several one-word names in one alias field.
        if organisation and len(pieces) > 1 and all(len(tokens(p)) == 1 for p in pieces):
            names.extend(piece for piece in pieces if piece)
    return list(dict.fromkeys(names))


def _make_form(entry: int, display: str, name_type: str, organisation: bool) -> _Form | None:
    parts = name_parts(display, organisation)
    if not parts.words:
        return None
    return _Form(
        entry=entry,
        display=display,
        name_type=name_type,
        words=parts.words,
        keys=parts.keys,
        plain=" ".join(fold_token(word) for word in parts.words),
        legal_forms=parts.legal_forms,
        cyrillic=has_cyrillic(display),
        organisation=organisation,
    )


def _affixes(key: str) -> list[str]:
    if len(key) < 5:
        return []
    return ["<" + key[:4], ">" + key[-4:]]


def _word_agreement(query_key: str, listed_key: str) -> tuple[float, str]:
    """How far two word keys agree (0–1) and how (`same`, `initial`, `typo`, ``)."""
    if query_key == listed_key:
        return 1.0, "same"
    shorter, longer = sorted((query_key, listed_key), key=len)
    if len(shorter) == 1:
        return (0.6, "initial") if longer.startswith(shorter) else (0.0, "")
    if longer == shorter + "a" and len(shorter) >= 4:
        return 0.3, ""  # Ivanov / Ivanova: a feminine surname names another person.
    size = len(longer)
    allowed = 0 if size <= 3 else 1 if size <= 7 else 2 if size <= 12 else 3
    if allowed == 0 or len(longer) - len(shorter) > allowed:
        return 0.0, ""
    distance = Levenshtein.distance(query_key, listed_key, score_cutoff=allowed)
    if distance > allowed:
        return 0.0, ""
    return 1.0 - distance / size, "typo"


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
        postings: dict[str, list[int]] = defaultdict(list)
        self._ids: dict[str, list[int]] = defaultdict(list)
        self._abbreviations: dict[str, list[int]] = defaultdict(list)
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
                        for key in {*form.keys, *(a for k in form.keys for a in _affixes(k))}:
                            postings[key].append(form_id)
                        abbreviation = initialism(form.words) if organisation else None
                        if abbreviation and name_type != "weak alias":
                            self._abbreviations[skeleton(abbreviation)].append(form_id)
            self._entry_forms.append(form_ids)
            for identifier in entry.identifiers:
                value = identifier_value(identifier.value)
                if len(value) >= 5:
                    self._ids[value].append(entry_index)
        self._postings = dict(postings)
        total = max(len(self._forms), 1)
        self._idf = {
            key: math.log((total + 1) / (len(ids) + 1)) + 1.0 for key, ids in postings.items()
        }
        self._unknown_idf = math.log(total + 1) + 1.0

    # --- public ---------------------------------------------------------------------------

    def screen(self, query: Query, *, threshold: float | None = None) -> list[Hit]:
        """Hits for `query` scoring at or above `threshold` (default: the screener's), best first.

        Ties are ordered by entry id so that results are stable.
        """
        bar = self.threshold if threshold is None else threshold
        hits = self._score_candidates(query, bar)
        hits.sort(key=lambda hit: (-hit.score, hit.entry_id))
        return hits

    def best_scores(self, query: Query) -> dict[str, float]:
        """The score of every candidate entry considered for `query`, keyed by entry id.

        Used by benchmarks and threshold sweeps; the app should call `screen`.
        """
        return {hit.entry_id: hit.score for hit in self._score_candidates(query, 0.0)}

    # --- candidates -------------------------------------------------------------------

    def _query_forms(self, query: Query) -> list[_Form]:
        organisation = query.schema != PERSON
        forms: list[_Form] = []
        for name_type, name in [("name", query.name), *(("alias", a) for a in query.aliases)]:
            for display in _expand_names(name, organisation):
                base = _make_form(-1, display, name_type, organisation)
                if base is None:
                    continue
                forms.append(base)
                if base.cyrillic:
                    continue
                # Latin letters that systems read differently give other keys.
                readings = [skeletons(word) for word in base.words]
                for mode_index in range(1, max(len(r) for r in readings)):
                    keys = tuple(r[mode_index] if mode_index < len(r) else r[0] for r in readings)
                    if keys != base.keys:
                        forms.append(
                            _Form(-1, display, name_type, base.words, keys, base.plain,
                                  base.legal_forms, False, organisation)
                        )  # fmt: skip
        return forms

    def _candidate_forms(self, form: _Form) -> dict[int, float]:
        weights: dict[str, float] = {}
        for key in form.keys:
            weights[key] = weights.get(key, 0.0) + 1.0
            for affix in _affixes(key):
                weights[affix] = weights.get(affix, 0.0) + 0.5
        known = [
            (len(self._postings[key]), key, share)
            for key, share in weights.items()
            if key in self._postings
        ]
        if not known:
            return {}
        known.sort()
        total = sum(self._idf[key] * share for _, key, share in known)
        shared: dict[int, float] = defaultdict(float)
        for size, key, share in known:
            gain = self._idf[key] * share
            if size <= _RARE_POSTINGS or not shared:
                for form_id in self._postings[key]:
                    shared[form_id] += gain
            else:
                members = self._postings[key]
                if len(shared) < size:
                    member_set = set(members)
                    for form_id in list(shared):
                        if form_id in member_set:
                            shared[form_id] += gain
        bar = _MIN_SHARED * total
        ranked = sorted(
            ((value, form_id) for form_id, value in shared.items() if value >= bar), reverse=True
        )
        return {form_id: value for value, form_id in ranked[:_CANDIDATE_FORMS]}

    def _candidates(self, query: Query, forms: list[_Form]) -> dict[int, set[int] | None]:
        """Candidate entries, each with the listed forms worth comparing (None: all)."""
        entries: dict[int, set[int] | None] = {}

        def add(form_id: int) -> None:
            known = entries.setdefault(self._forms[form_id].entry, set())
            if known is not None:
                known.add(form_id)

        for form in forms:
            for form_id in self._candidate_forms(form):
                add(form_id)
            if len(form.words) == 1 and 2 <= len(form.keys[0]) <= 8 and form.organisation:
                for form_id in self._abbreviations.get(form.keys[0], []):
                    add(form_id)
        for value in query.identifiers.values():
            for entry_index in self._ids.get(identifier_value(value), []):
                entries[entry_index] = None
        return entries

    # --- scoring ----------------------------------------------------------------------

    def _weight(self, key: str) -> float:
        if len(key) == 1:
            return 0.5
        return min(self._idf.get(key, self._unknown_idf), 12.0)

    def _compare(self, query: _Form, listed: _Form, person: bool) -> _NameResult:
        features: list[str] = []
        if query.cyrillic != listed.cyrillic:
            features.append("translit")
        if query.plain == listed.plain:
            same_text = " ".join(tokens(query.display)) == " ".join(tokens(listed.display))
            code = "exact_match" if same_text else "normalised_match"
            if "translit" in features:
                code = "translit_match"
            return _NameResult(1.0, code, {"features": features}, [])
        pairs: list[tuple[float, int, int, str]] = []
        for i, query_key in enumerate(query.keys):
            for j, listed_key in enumerate(listed.keys):
                agreement, how = _word_agreement(query_key, listed_key)
                if agreement >= _MIN_WORD_AGREEMENT:
                    pairs.append((agreement, i, j, how))
        pairs.sort(key=lambda pair: (-pair[0], abs(pair[1] - pair[2])))
        used_query: set[int] = set()
        used_listed: set[int] = set()
        aligned: list[tuple[float, int, int, str]] = []
        for agreement, i, j, how in pairs:
            if i in used_query or j in used_listed:
                continue
            used_query.add(i)
            used_listed.add(j)
            aligned.append((agreement, i, j, how))
        query_weights = [self._weight(k) for k in query.keys]
        listed_weights = [self._weight(k) for k in listed.keys]
        agreed = 0.0
        weight = 0.0
        for agreement, i, j, _ in aligned:
            pair_weight = (query_weights[i] + listed_weights[j]) / 2
            agreed += agreement * pair_weight
            weight += pair_weight
        weight += sum(w for i, w in enumerate(query_weights) if i not in used_query)
        missing: list[str] = []
        extra_names = 0
        for j, w in enumerate(listed_weights):
            if j in used_listed:
                continue
            missing.append(listed.words[j])
            if not person:
                weight += _ORG_EXTRA_WEIGHT * w
            elif _PATRONYMIC.search(fold_token(listed.words[j])):
                weight += _PATRONYMIC_WEIGHT * w
            else:
                # One extra given or family name is common (a middle name); each further one
                # makes it likelier that the query names someone else.
                weight += _PERSON_EXTRA_WEIGHT * w * (1 + extra_names)
                extra_names += 1
        score = agreed / weight if weight else 0.0
        typos = sum(1 for a in aligned if a[3] == "typo")
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
        # Words run together or split apart ("AREFULLAHA REF" for "AREFULLAH AREF").
        joined = Levenshtein.normalized_similarity("".join(query.keys), "".join(listed.keys))
        if joined >= 0.9 and len("".join(listed.keys)) >= 8 and joined * 0.98 > score:
            score = joined * 0.98
            typos = max(typos, 1)
            if "typos" not in features:
                features.append("typos")
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
        return _NameResult(score, code, params, [])

    def _abbreviation(self, query: _Form, listed: _Form) -> _NameResult | None:
        if len(query.words) != 1 or not listed.organisation:
            return None
        abbreviation = initialism(listed.words)
        if abbreviation and skeleton(abbreviation) == query.keys[0]:
            features = ["translit"] if has_cyrillic(abbreviation) != query.cyrillic else []
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
        self, query_forms: list[_Form], entry_index: int, form_ids: Iterable[int]
    ) -> tuple[_NameResult, _Form, _Form] | None:
        entry = self.entries[entry_index]
        person = entry.schema == PERSON
        best: tuple[_NameResult, _Form, _Form] | None = None
        for form_id in form_ids:
            listed = self._forms[form_id]
            for query in query_forms:
                result = self._compare(query, listed, person)
                abbreviation = self._abbreviation(query, listed)
                if abbreviation and abbreviation.score > result.score:
                    result = abbreviation
                if listed.name_type == "weak alias":
                    result.score *= _WEAK_ALIAS_FACTOR
                if best is None or result.score > best[0].score:
                    best = (result, query, listed)
        return best

    def _score_candidates(self, query: Query, bar: float) -> list[Hit]:
        forms = self._query_forms(query)
        hits: list[Hit] = []
        if not forms and not query.identifiers:
            return hits
        allowed = _PERSON_COMPATIBLE.get(query.schema)
        for entry_index, form_ids in self._candidates(query, forms).items():
            entry = self.entries[entry_index]
            if allowed is not None and entry.schema not in allowed:
                continue
            if form_ids is None:
                form_ids = set(self._entry_forms[entry_index])
            found = self._name_match(forms, entry_index, sorted(form_ids)) if forms else None
            # Attributes move a score by at most +0.05 unless an identifier matches, so most
            # candidates are dropped before their explanation is written.
            if found is not None and found[0].score + 0.05 < bar and not query.identifiers:
                continue
            hit = self._hit(query, entry, found)
            if hit.score >= bar:
                hits.append(hit)
        return hits

    def _hit(
        self, query: Query, entry: ListEntry, found: tuple[_NameResult, _Form, _Form] | None
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
        score, extra = self._apply_attributes(query, entry, score, extra)
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
        self, query: Query, entry: ListEntry, score: float, extra: list[Reason]
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
        if query_country and entry.countries:
            listed_countries = [c for c in entry.countries if len(c) == 2]
            if query_country in listed_countries:
                score += 0.02
                extra.append(reason("country_match", country=query_country))
            elif listed_countries:
                score -= 0.08
                extra.append(
                    reason("country_conflict", country=query_country, listed=listed_countries)
                )
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
