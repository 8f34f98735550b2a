"""The matching index: organisations, their cooperation history and profiles, ready to rank.

Signals, each scaled to 0…1 and fused by a weighted sum (`Weights`):
- lexical: BM25 over each organisation's texts (descriptions, keywords, names, its projects
  and profiles) in the query's language, with Snowball stems;
- concepts: the technology concepts of the query found in the organisation's texts in any
  language (the cross-lingual signal), weighted by rarity; plus sector and NACE activity fit;
- network: co-participation with the query's partners in past projects, partners of
  partners (second order), proximity to the partners (same region, same city), and a small
  track-record prior (organisations with more cooperation projects are likelier partners);
- complement: a profile of the opposite direction (an offer facing a request) on the same
  topic, and the kind of partner sought.

Candidates are the union of the best lexical, concept and network hits; filters, exclusions
and the query's partners are removed before scoring. Every result carries its reasons.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import math
import multiprocessing as mp
import os
import shutil
import signal
import tempfile
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from jumelage.engines.matching.lexical import LexicalSegment
from jumelage.engines.matching.model import (
    Filters,
    Organisation,
    Profile,
    Project,
    Query,
    Result,
)
from jumelage.engines.matching.reasons import make_reason
from jumelage.engines.text.analysis import (
    analyse_pairs,
    analyse_positions,
    normalise,
    strip_accents,
    tokenize,
)
from jumelage.engines.text.concepts import (
    ConceptVocabulary,
    activity_label,
    default_vocabulary,
    sector_label,
)
from jumelage.engines.text.lang import LANGUAGES, detect_language

FORMAT = "jumelage-matching-index"
FORMAT_VERSION = 1
JOURNAL = "journal.jsonl"
_OPPOSITE = {"request": "offer", "offer": "request", "cooperation": "cooperation"}
_COMPLEMENT_CODES = {
    "request": "offers_what_you_request",
    "offer": "requests_what_you_offer",
    "cooperation": "seeks_cooperation",
}
_COUNTRY_ALIASES = {"GR": "EL", "GB": "UK"}


@dataclass
class Weights:
    """How much each signal counts in the fused score (the score is their weighted mean).

    Defaults were chosen on the development slices of bench/matching/run.py (never on the
    reported cases) and by the expectation that a one-partner text search is mostly topical.
    """

    lexical: float = 0.20
    concepts: float = 0.20
    similar_projects: float = 0.15
    sector: float = 0.03
    activity: float = 0.04
    # Network evidence grows more reliable with the number of known partners: the weight
    # applied is network * (1 - exp(-partners / network_partners)).
    network: float = 0.80
    network_partners: float = 3.0
    track_record: float = 0.05
    complement: float = 0.30
    partner_kind: float = 0.05
    # Network evidence (summed project weights) at which the network signal reaches 0.5;
    # 0 scales it by the strongest candidate instead.
    network_half: float = 0.0
    # A shared project weighs 1 / (participants - 1) ** damping: 0 counts every shared
    # project alike, 1 makes a large consortium weigh as little as one bilateral tie.
    project_size_damping: float = 0.5
    # Each partner's ties count as ties ** concavity / (number of its partners) ** damping.
    tie_concavity: float = 0.5
    partner_degree_damping: float = 0.5
    # How many of the most similar past projects lend their participants to the ranking.
    similar_project_count: int = 50
    # Partners of partners: organisations that worked with the query partners' coworkers
    # (scaled like `network`, by the number of known partners). `second_order_breadth` is how
    # many of the strongest coworkers pass their own ties on.
    second_order: float = 0.3
    second_order_breadth: int = 100
    # Proximity: the share of the query's other partners in the candidate's region and city.
    proximity: float = 0.3
    # The candidate's network evidence is divided by (1 + its past projects) ** this, so
    # that organisations present everywhere do not crowd out closer ties (0 = off).
    candidate_degree_damping: float = 0.0
    # Name affinity: rare words of the candidate's name found in the partners' names (a
    # place, a parent institution: "CNRS Alpes (Grenoble)", "Université Grenoble Alpes").
    name_affinity: float = 0.0


@dataclass
class _Analysis:
    """Index terms per language and concept counts of one text source."""

    terms: dict[str, Counter[str]] = field(default_factory=dict)
    concepts: Counter[str] = field(default_factory=Counter)

    def add(self, other: _Analysis) -> None:
        for lang, counts in other.terms.items():
            self.terms.setdefault(lang, Counter()).update(counts)
        self.concepts.update(other.concepts)

    def to_json(self) -> dict[str, Any]:
        return {
            "terms": {k: dict(v) for k, v in self.terms.items()},
            "concepts": dict(self.concepts),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> _Analysis:
        return cls(
            terms={k: Counter(v) for k, v in data["terms"].items()},
            concepts=Counter(data["concepts"]),
        )


@dataclass
class _QueryVector:
    lang: str
    terms: list[str]
    surface: dict[str, str]
    concepts: Counter[str]
    activities: set[str]
    direction: str
    partners: tuple[str, ...]
    partner_kinds: tuple[str, ...]
    filters: Filters
    exclude: frozenset[str]
    seeker: str = ""


@dataclass
class _Shortlist:
    """The candidates of one query and each signal's value for them (0…1), before fusion."""

    org_ids: list[str]
    columns: dict[str, np.ndarray]
    profiles: list[str | None]
    network_weight: float
    second_weight: float
    total_weight: float
    query_activities: set[str]
    similar: dict[str, float]


def _saturate(count: float) -> float:
    """Weight of something mentioned `count` times: 0.6 once, 1.0 from about eight times."""
    return 0.0 if count <= 0 else min(1.0, 0.6 + 0.2 * math.log(count))


def _vocabulary_fingerprint(vocabulary: ConceptVocabulary) -> str:
    digest = hashlib.sha256()
    for concept in sorted(vocabulary, key=lambda c: c.id):
        digest.update(json.dumps([concept.id, concept.labels], sort_keys=True).encode())
    return digest.hexdigest()[:16]


class MatchingIndex:
    """Organisations, projects and profiles analysed for partner recommendation.

    Build one with `build_index`; update it with `upsert_*` / `remove_*` (no full rebuild);
    persist it with `save` and `MatchingIndex.load`; query it with `recommend`,
    `recommend_for_org` and `recommend_for_profile`.
    """

    def __init__(self, vocabulary: ConceptVocabulary | None = None, weights: Weights | None = None):
        self.vocabulary = vocabulary or default_vocabulary()
        self.weights = weights or Weights()
        self.organisations: dict[str, Organisation] = {}
        self.projects: dict[str, Project] = {}
        self.profiles: dict[str, Profile] = {}
        self._own: dict[str, _Analysis] = {}
        self._project_analysis: dict[str, _Analysis] = {}
        self._profile_analysis: dict[str, _Analysis] = {}
        self._org_projects: dict[str, set[str]] = defaultdict(set)
        self._org_profiles: dict[str, set[str]] = defaultdict(set)
        self.segments: dict[str, LexicalSegment] = {
            lang: LexicalSegment(lang) for lang in LANGUAGES
        }
        # Past projects by text, to find organisations that worked on similar projects.
        self.project_segments: dict[str, LexicalSegment] = {
            lang: LexicalSegment(lang) for lang in LANGUAGES
        }
        self._org_concepts: dict[str, dict[str, float]] = {}
        self._concept_orgs: dict[str, dict[str, float]] = defaultdict(dict)
        # The same postings as arrays (slots, weights), compiled at first use.
        self._concept_arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._row_slot_cache: dict[str, tuple[list[str], np.ndarray]] = {}
        self._deferred: set[str] | None = None
        self._coworker_cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._slots: dict[str, int] = {}
        self._sector_cache: dict[str, frozenset[str]] = {}
        self._concept_profiles: dict[str, set[str]] = defaultdict(set)
        self._project_slot_cache: dict[str, np.ndarray] = {}
        self._slot_ids: list[str] = []
        self._arrays_cache: tuple[np.ndarray, np.ndarray] | None = None
        self._project_counts = np.zeros(0)
        self._arrays_dirty = True
        # Slots whose organisation changed since the per-slot arrays were computed.
        self._changed_slots: set[int] = set()
        self._filter_masks: dict[tuple[tuple[str, ...], ...], np.ndarray] = {}
        # What filters look at, per slot: the index of the organisation's (country, region,
        # kind) in `_filter_keys`, -1 for a slot without organisation. A filter is decided
        # once per distinct triple, not once per organisation.
        self._filter_keys: dict[tuple[str, str, str], int] = {}
        self._filter_codes = np.zeros(0, dtype=np.int64)
        # Changes not yet written, and where the index was last written or read: a save to
        # the same place appends them to its journal instead of writing everything.
        self._journal: list[dict[str, Any]] | None = None
        self._snapshot: tuple[str, str] | None = None
        self._journal_read = 0
        self._journal_entries = 0
        self._region_cache: list[tuple[np.ndarray, dict[str, int]]] | None = None
        self._name_cache: tuple[int, dict[str, np.ndarray]] | None = None

    # ----------------------------------------------------------------- analysis

    def _analyse(self, texts: Iterable[tuple[str, str | None]]) -> _Analysis:
        analysis = _Analysis()
        for text, lang in texts:
            if not text or not text.strip():
                continue
            lang = lang if lang in LANGUAGES else detect_language(text)
            positions = analyse_positions(text, lang)
            terms = [term for _, term, _ in positions]
            if terms:
                analysis.terms.setdefault(lang, Counter()).update(terms)
            analysis.concepts.update(self.vocabulary.count(text, lang, positions))
        return analysis

    def _analyse_organisation(self, org: Organisation) -> _Analysis:
        main_lang = next((lang for lang in LANGUAGES if org.descriptions.get(lang)), None)
        texts: list[tuple[str, str | None]] = [
            (text, lang) for lang, text in org.descriptions.items() if lang in LANGUAGES
        ]
        texts += [(name, None) for name in (org.name, *org.aliases)]
        analysis = self._analyse(texts)
        for keyword in org.keywords:
            keyword_analysis = self._analyse([(keyword, main_lang)])
            analysis.add(keyword_analysis)
            # A keyword the organisation chose for itself says more than a passing mention.
            for concept in keyword_analysis.concepts:
                analysis.concepts[concept] += 2
        return analysis

    def _analyse_project(self, project: Project) -> _Analysis:
        return self._analyse([(project.title, project.lang), (project.summary, project.lang)])

    def _analyse_profile(self, profile: Profile) -> _Analysis:
        return self._analyse(
            [(profile.title, profile.lang), (profile.text, profile.lang)]
            + [(keyword, profile.lang) for keyword in profile.keywords]
        )

    def _analyse_item(self, kind: str, item: Any) -> _Analysis:
        if kind == "org":
            return self._analyse_organisation(item)
        if kind == "project":
            return self._analyse_project(item)
        return self._analyse_profile(item)

    def _analyse_all(
        self,
        kind: str,
        items: list[Any],
        processes: int = 1,
        progress: Callable[[int], None] | None = None,
    ) -> Iterator[_Analysis]:
        """Analyses of `items` ("org", "project" or "profile" records), in order, computed
        by `processes` forked workers when there are enough items to share."""
        bounds = [
            (start, min(start + _ANALYSIS_CHUNK, len(items)))
            for start in range(0, len(items), _ANALYSIS_CHUNK)
        ]
        if processes <= 1 or len(bounds) < 4 or "fork" not in mp.get_all_start_methods():
            for start, end in bounds:
                yield from (self._analyse_item(kind, item) for item in items[start:end])
                if progress:
                    progress(end)
            return
        global _ANALYSIS
        _ANALYSIS = (self, kind, items)
        try:
            with _worker_pool(processes) as pool:
                for (_, end), analyses in zip(
                    bounds, pool.imap(_analyse_range, bounds), strict=True
                ):
                    yield from analyses
                    if progress:
                        progress(end)
        finally:
            _ANALYSIS = None

    # ----------------------------------------------------------------- updates

    def _log(self, op: str, data: Any, analysis: _Analysis | None = None) -> None:
        """Remember a change for the next incremental save (see `save_changes`)."""
        if self._journal is not None:
            entry: dict[str, Any] = {"op": op, "data": data}
            if analysis is not None:
                entry["analysis"] = analysis.to_json()
            self._journal.append(entry)

    def upsert_organisation(self, org: Organisation, analysis: _Analysis | None = None) -> None:
        """Add `org`, or replace the organisation with the same id."""
        self.organisations[org.id] = org
        self._own[org.id] = analysis or self._analyse_organisation(org)
        self._region_cache = self._name_cache = None
        self._log("org", asdict(org), self._own[org.id])
        self._recompose(org.id)

    def remove_organisation(self, org_id: str) -> None:
        """Remove an organisation and its profiles; projects keep it as a past participant
        but it is no longer recommended."""
        self._log("remove_org", org_id)
        self.organisations.pop(org_id, None)
        self._own.pop(org_id, None)
        self._region_cache = self._name_cache = None
        for profile_id in list(self._org_profiles.get(org_id, ())):
            self.remove_profile(profile_id)
        self._recompose(org_id)

    def upsert_project(self, project: Project, analysis: _Analysis | None = None) -> None:
        """Add or replace a past cooperation project and update its participants."""
        old = self.projects.get(project.id)
        affected = set(old.participants) if old else set()
        for org_id in affected:
            self._org_projects[org_id].discard(project.id)
        self.projects[project.id] = project
        self._project_slot_cache.pop(project.id, None)
        self._project_analysis[project.id] = analysis or self._analyse(
            [(project.title, project.lang), (project.summary, project.lang)]
        )
        self._log("project", asdict(project), self._project_analysis[project.id])
        self._index_project_text(project.id)
        for org_id in project.participants:
            self._org_projects[org_id].add(project.id)
        for org_id in affected | set(project.participants):
            self._coworker_cache.pop(org_id, None)
            self._recompose(org_id)

    def _index_project_text(self, project_id: str) -> None:
        terms = self._project_analysis[project_id].terms
        for lang, segment in self.project_segments.items():
            segment.set(project_id, terms.get(lang, Counter()))

    def remove_project(self, project_id: str) -> None:
        """Remove a project from the history."""
        self._log("remove_project", project_id)
        project = self.projects.pop(project_id, None)
        self._project_analysis.pop(project_id, None)
        for segment in self.project_segments.values():
            segment.remove(project_id)
        self._project_slot_cache.pop(project_id, None)
        if project:
            for org_id in project.participants:
                self._org_projects[org_id].discard(project_id)
                self._coworker_cache.pop(org_id, None)
                self._recompose(org_id)

    def upsert_profile(self, profile: Profile, analysis: _Analysis | None = None) -> None:
        """Add or replace a cooperation profile of an organisation."""
        if profile.direction not in _OPPOSITE:
            raise ValueError(f"profile {profile.id}: unknown direction {profile.direction!r}")
        old = self.profiles.get(profile.id)
        if old and old.org != profile.org:
            self._org_profiles[old.org].discard(profile.id)
            self._recompose(old.org)
        self._unindex_profile(profile.id)
        self.profiles[profile.id] = profile
        self._profile_analysis[profile.id] = analysis or self._analyse(
            [(profile.title, profile.lang), (profile.text, profile.lang)]
            + [(keyword, profile.lang) for keyword in profile.keywords]
        )
        self._log("profile", asdict(profile), self._profile_analysis[profile.id])
        self._index_profile(profile.id)
        self._org_profiles[profile.org].add(profile.id)
        self._recompose(profile.org)

    def _index_profile(self, profile_id: str) -> None:
        for concept in self._profile_analysis[profile_id].concepts:
            self._concept_profiles[concept].add(profile_id)

    def _unindex_profile(self, profile_id: str) -> None:
        analysis = self._profile_analysis.get(profile_id)
        for concept in analysis.concepts if analysis else ():
            self._concept_profiles[concept].discard(profile_id)

    def remove_profile(self, profile_id: str) -> None:
        """Remove a cooperation profile."""
        self._log("remove_profile", profile_id)
        self._unindex_profile(profile_id)
        profile = self.profiles.pop(profile_id, None)
        self._profile_analysis.pop(profile_id, None)
        if profile:
            self._org_profiles[profile.org].discard(profile_id)
            self._recompose(profile.org)

    def _recompose(self, org_id: str) -> None:
        """Rebuild the documents of `org_id` from its own texts, projects and profiles."""
        self._changed_slots.add(self._slot(org_id))
        if self._deferred is not None:
            self._deferred.add(org_id)
            return
        own = self._own.get(org_id)
        if own is None:
            for segment in self.segments.values():
                segment.remove(org_id)
            self._set_concepts(org_id, Counter())
            return
        document = _Analysis()
        document.add(own)
        for project_id in self._org_projects.get(org_id, ()):
            document.add(self._project_analysis[project_id])
        for profile_id in self._org_profiles.get(org_id, ()):
            document.add(self._profile_analysis[profile_id])
        for lang, segment in self.segments.items():
            segment.set(org_id, document.terms.get(lang, Counter()))
        self._set_concepts(org_id, document.concepts)

    def _set_concepts(self, org_id: str, concepts: Counter[str]) -> None:
        self._sector_cache.pop(org_id, None)
        for concept in self._org_concepts.pop(org_id, {}):
            self._concept_arrays.pop(concept, None)
            postings = self._concept_orgs.get(concept)
            if postings is not None:
                postings.pop(org_id, None)
                if not postings:
                    del self._concept_orgs[concept]
        weights = {concept: _saturate(count) for concept, count in concepts.items() if count > 0}
        if weights:
            self._org_concepts[org_id] = weights
            for concept, weight in weights.items():
                self._concept_orgs[concept][org_id] = weight
                self._concept_arrays.pop(concept, None)

    def bulk(self) -> _Bulk:
        """Context manager deferring document composition until the block ends (fast loads)."""
        return _Bulk(self)

    def prepare(self) -> None:
        """Bring every derived structure up to date (lexical matrices with a pending delta,
        concept postings, network and per-slot arrays), so that queries only read them."""
        for segment in [*self.segments.values(), *self.project_segments.values()]:
            if segment._dirty:
                segment.rebuild()
            segment.prepare_scoring()
        for concept in self._concept_orgs:
            self._concept_postings(concept)
        for segment in self.segments.values():
            self._row_slots(segment)
        for project_id in self.projects:
            self._project_slots(project_id)
        self._arrays()
        # Per-slot places and name words, so that forked workers share them.
        if self.weights.proximity > 0:
            self._place_codes()
        if self.weights.name_affinity > 0:
            self._name_postings()

    def compact(self) -> None:
        """Rebuild the bm25s segments and the network arrays now instead of at the next
        query."""
        for segment in [*self.segments.values(), *self.project_segments.values()]:
            segment.rebuild()
        for project_id in self.projects:
            self._project_slots(project_id)
        self._arrays()

    # ----------------------------------------------------------------- queries

    def recommend(self, query: Query, top: int = 10, lang: str = "en") -> list[Result]:
        """Return the `top` best partners for `query`, best first, with reasons whose labels
        are in `lang` ("fr", "en" or "ru")."""
        return self._rank(self._query_vector(query), top, lang)

    def _query_vector(self, query: Query) -> _QueryVector:
        text_lang = query.lang if query.lang in LANGUAGES else detect_language(query.text)
        pairs = analyse_pairs(query.text, text_lang)
        surface: dict[str, str] = {}
        for term, word in pairs:
            surface.setdefault(term, word)
        concepts = self.vocabulary.count(query.text, text_lang)
        return _QueryVector(
            lang=text_lang,
            terms=list(surface),
            surface=surface,
            concepts=concepts,
            activities=set(query.activities),
            direction=query.direction if query.direction in _OPPOSITE else "request",
            partners=tuple(query.partners),
            partner_kinds=tuple(query.partner_kinds),
            filters=query.filters,
            exclude=frozenset(query.exclude),
            seeker=query.seeker,
        )

    def recommend_for_org(
        self,
        org_id: str,
        top: int = 10,
        lang: str = "en",
        *,
        filters: Filters | None = None,
        exclude: Iterable[str] = (),
        exclude_known: bool = False,
    ) -> list[Result]:
        """Recommend partners for organisation `org_id` from what it does (its texts,
        projects and profiles). `exclude_known` drops organisations it already worked with.
        Raises KeyError for an unknown organisation."""
        if org_id not in self.organisations:
            raise KeyError(org_id)
        segment_lang, document = max(
            ((lang_, seg.docs.get(org_id)) for lang_, seg in self.segments.items()),
            key=lambda item: sum(item[1].values()) if item[1] else 0,
        )
        terms: list[str] = []
        if document:
            segment = self.segments[segment_lang]
            ranked = sorted(document, key=lambda t: -document[t] * segment.idf(t))
            terms = ranked[:60]
        # The organisation's most telling concepts: frequent in its texts and rare overall.
        weighted = self._org_concepts.get(org_id, {})
        ranked_concepts = sorted(weighted, key=lambda c: (-weighted[c] * self._concept_idf(c), c))
        own_concepts = [(c, max(1, round(weighted[c] * 4))) for c in ranked_concepts[:30]]
        excluded = set(exclude)
        if exclude_known:
            excluded |= self._coworker_ids(org_id)
        vector = _QueryVector(
            lang=segment_lang,
            terms=terms,
            surface={},
            concepts=Counter(dict(own_concepts)),
            activities=set(self.organisations[org_id].activities),
            direction="cooperation",
            partners=(org_id,),
            partner_kinds=(),
            filters=filters or Filters(),
            exclude=frozenset(excluded),
            seeker=org_id,
        )
        return self._rank(vector, top, lang)

    def recommend_all(
        self,
        org_ids: Iterable[str] | None = None,
        top: int = 10,
        lang: str = "en",
        *,
        exclude_known: bool = False,
        processes: int = 1,
        chunk_size: int = 200,
    ) -> Iterator[tuple[str, list[Result]]]:
        """Yield `(org_id, recommend_for_org(org_id, ...))` for many organisations (all of
        them by default), in order: a full recomputation. With `processes` > 1 the work is
        shared by forked worker processes reading this index (copy-on-write, no copy made);
        results are the same as one call at a time."""
        ids = list(self.organisations) if org_ids is None else list(org_ids)
        self.prepare()
        chunks = [ids[start : start + chunk_size] for start in range(0, len(ids), chunk_size)]
        if processes <= 1 or len(chunks) < 2 or "fork" not in mp.get_all_start_methods():
            for org_id in ids:
                yield org_id, self.recommend_for_org(org_id, top, lang, exclude_known=exclude_known)
            return
        global _BATCH
        _BATCH = (self, top, lang, exclude_known)
        try:
            with _worker_pool(processes) as pool:
                for results in pool.imap(_recommend_chunk, chunks):
                    yield from results
        finally:
            _BATCH = None

    def recommend_for_profile(
        self,
        profile_id: str,
        top: int = 10,
        lang: str = "en",
        *,
        filters: Filters | None = None,
        exclude: Iterable[str] = (),
    ) -> list[Result]:
        """Recommend partners for a published profile: organisations whose profiles or work
        answer it (an offer for a request, and the reverse). Raises KeyError when unknown."""
        profile = self.profiles[profile_id]
        query = Query(
            id=profile_id,
            text="\n".join([profile.title, profile.text, *profile.keywords]),
            lang=profile.lang,
            partners=(profile.org,),
            filters=filters or Filters(),
            exclude=tuple(exclude),
            direction=profile.direction,
            partner_kinds=profile.partner_kinds,
            seeker=profile.org,
        )
        return self.recommend(query, top, lang)

    # ----------------------------------------------------------------- scoring

    def _admissible(self, org_id: str, vector: _QueryVector) -> bool:
        org = self.organisations.get(org_id)
        if org is None or org_id in vector.exclude or org_id in vector.partners:
            return False
        return _key_passes(_filter_key(org), vector.filters)

    def _filter_code(self, org_id: str) -> int:
        org = self.organisations.get(org_id)
        if org is None:
            return -1
        return self._filter_keys.setdefault(_filter_key(org), len(self._filter_keys))

    def _slot(self, org_id: str) -> int:
        slot = self._slots.get(org_id)
        if slot is None:
            slot = self._slots[org_id] = len(self._slot_ids)
            self._slot_ids.append(org_id)
            self._changed_slots.add(slot)
        return slot

    def _arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Per-slot arrays: whether the organisation can be recommended, and its track record."""
        size = len(self._slot_ids)
        changed = self._changed_slots
        if self._arrays_cache is None or len(changed) > max(1000, size // 10):
            self._arrays_dirty = True
        if self._arrays_dirty:
            active = np.fromiter(
                (org_id in self.organisations for org_id in self._slot_ids),
                dtype=bool,
                count=size,
            )
            self._project_counts = np.fromiter(
                (len(self._org_projects.get(org_id, ())) for org_id in self._slot_ids),
                dtype=np.float64,
                count=size,
            )
            self._filter_masks = {}
            self._filter_keys = {}
            self._filter_codes = np.fromiter(
                (self._filter_code(org_id) for org_id in self._slot_ids),
                dtype=np.int64,
                count=size,
            )
            self._arrays_dirty = False
        elif changed:
            # Only a few organisations changed: update their entries in place.
            active, _ = self._arrays_cache  # type: ignore[misc]
            grow = size - len(active)
            active = np.concatenate([active, np.zeros(grow, dtype=bool)])
            self._project_counts = np.concatenate([self._project_counts, np.zeros(grow)])
            self._filter_codes = np.concatenate(
                [self._filter_codes, np.full(grow, -1, dtype=np.int64)]
            )
            for key, mask in list(self._filter_masks.items()):
                self._filter_masks[key] = np.concatenate([mask, np.zeros(grow, dtype=bool)])
            for slot in changed:
                org_id = self._slot_ids[slot]
                active[slot] = org_id in self.organisations
                self._project_counts[slot] = len(self._org_projects.get(org_id, ()))
                self._filter_codes[slot] = self._filter_code(org_id)
                for (country, region, kind), mask in self._filter_masks.items():
                    mask[slot] = self._passes(org_id, Filters(country, region, kind))
        else:
            return self._arrays_cache  # type: ignore[return-value]
        changed.clear()
        # Track record on a log scale: 0 without projects, 1 for the most active.
        counts = self._project_counts
        top = float(counts.max()) if len(counts) else 0.0
        self._arrays_cache = (active, np.log1p(counts) / math.log1p(max(top, 1.0)))
        return self._arrays_cache

    def _passes(self, org_id: str, filters: Filters) -> bool:
        probe = _QueryVector(
            "en", [], {}, Counter(), set(), "request", (), (), filters, frozenset()
        )
        return self._admissible(org_id, probe)

    def _filter_mask(self, filters: Filters) -> np.ndarray | None:
        if not (filters.country or filters.region or filters.kind):
            return None
        self._arrays()
        key = (filters.country, filters.region, filters.kind)
        mask = self._filter_masks.get(key)
        if mask is None:
            # Decided per distinct (country, region, kind); the extra False is for code -1.
            passes = [_key_passes(triple, filters) for triple in self._filter_keys]
            mask = np.array([*passes, False], dtype=bool)[self._filter_codes]
            self._filter_masks[key] = mask
        return mask

    def _coworkers(self, org_id: str) -> tuple[np.ndarray, np.ndarray]:
        """Slots of the organisations that took part in projects with `org_id` and their
        weights, a small project counting more than a large consortium (cached until the
        organisation's projects change)."""
        cached = self._coworker_cache.get(org_id)
        if cached is not None:
            return cached
        slot_lists, project_weights, sizes = [], [], []
        for project_id in self._org_projects.get(org_id, ()):
            slots = self._project_slots(project_id)
            if len(slots) < 2:
                continue
            slot_lists.append(slots)
            damping = (len(slots) - 1) ** self.weights.project_size_damping
            project_weights.append(1.0 / damping)
            sizes.append(len(slots))
        if slot_lists:
            weight_lists = [np.repeat(np.array(project_weights), sizes)]
            found, totals = _sparse_sum(slot_lists, weight_lists)
            keep = (found != self._slot(org_id)) & (totals != 0)
            result: tuple[np.ndarray, np.ndarray] = (found[keep], totals[keep])
        else:
            result = (np.zeros(0, dtype=np.int64), np.zeros(0))
        self._coworker_cache[org_id] = result
        return result

    def _project_slots(self, project_id: str) -> np.ndarray:
        slots = self._project_slot_cache.get(project_id)
        if slots is None:
            participants = dict.fromkeys(self.projects[project_id].participants)
            slots = np.fromiter((self._slot(p) for p in participants), dtype=np.int64)
            self._project_slot_cache[project_id] = slots
        return slots

    def _coworker_ids(self, org_id: str) -> set[str]:
        slots, _ = self._coworkers(org_id)
        return {self._slot_ids[slot] for slot in slots}

    def _row_slots(self, segment: LexicalSegment) -> np.ndarray:
        """The slot of each row of `segment`'s compiled matrix (cached per compilation)."""
        ids = segment.ids
        cached = self._row_slot_cache.get(segment.lang)
        if cached is None or cached[0] is not ids:
            cached = self._row_slot_cache[segment.lang] = (ids, self._slots_of(ids))
        return cached[1]

    def _slots_of(self, org_ids: list[str]) -> np.ndarray:
        """Slots of organisation ids that already have one (every indexed document has)."""
        slots = self._slots
        return np.fromiter(
            (slots[org_id] for org_id in org_ids), dtype=np.int64, count=len(org_ids)
        )

    def _rank(self, vector: _QueryVector, top: int, lang: str) -> list[Result]:
        scored = self._shortlist(vector, top)
        if scored is None:
            return []
        weights = self.weights
        columns, org_ids = scored.columns, scored.org_ids
        fused = (
            scored.network_weight * columns["network"]
            + scored.second_weight * columns["second_order"]
        )
        rest = np.zeros(len(org_ids))
        for name, values in columns.items():
            if name not in ("network", "second_order"):
                rest = rest + getattr(weights, name) * values
        fused = (fused + rest) / scored.total_weight
        ranked = [
            (round(score, 4), org_id, index)
            for index, (score, org_id) in enumerate(zip(fused.tolist(), org_ids, strict=True))
        ]
        ranked.sort(key=lambda item: (-item[0], item[1]))
        results = []
        for score, org_id, index in ranked[:top]:
            parts = {name: float(values[index]) for name, values in columns.items()}
            profile_id = scored.profiles[index]
            reasons = self._reasons(
                org_id, vector, parts, profile_id, scored.query_activities, lang, scored.similar
            )
            results.append(Result(org=org_id, score=score, reasons=reasons, profile=profile_id))
        return results

    def _shortlist(self, vector: _QueryVector, top: int) -> _Shortlist | None:
        """The candidates worth scoring for `vector` (at least `top` * 5 of them when there
        are) with each signal's value for each, before fusion; None when there are none."""
        weights = self.weights
        for org_id in vector.partners:
            self._slot(org_id)
        active, track_record = self._arrays()
        size = len(active)
        # Stage 1: each signal from its inverted index, as (slots, values) over the
        # organisations it reaches; the candidates are their union, and nothing is computed
        # for the others.
        signals: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        segment = self.segments.get(vector.lang)
        if segment is not None and vector.terms:
            limit = max(300, top * 20)
            rows, values, extra_ids, extra_values = segment.top_rows(vector.terms, limit)
            slots = np.concatenate([self._row_slots(segment)[rows], self._slots_of(extra_ids)])
            values = np.concatenate([values, extra_values])
            if len(values) > limit:
                keep = np.argpartition(-values, limit - 1)[:limit]
                slots, values = slots[keep], values[keep]
            if len(values):
                scale = max(float(values.max()), 0.25 * segment.reference_score(vector.terms))
                signals["lexical"] = (slots, values / scale)
        signals["concepts"] = self._concept_scores(vector)
        similar = self._similar_projects(vector)
        if similar:
            best = max(similar.values())
            damping = weights.project_size_damping
            slot_lists, value_lists = [], []
            for project_id, project_score in similar.items():
                slots = self._project_slots(project_id)
                if len(slots):
                    slot_lists.append(slots)
                    value_lists.append(
                        np.full(len(slots), (project_score / best) / len(slots) ** damping)
                    )
            slots, values = _sparse_sum(slot_lists, value_lists)
            if len(values):
                signals["similar_projects"] = (slots, values / (values.max() or 1.0))
        slot_lists, value_lists = [], []
        for partner in vector.partners:
            slots, values = self._coworkers(partner)
            if not len(slots):
                continue
            # A partner that worked with everyone says less about each of them (resource
            # allocation); the root favours candidates tied to several partners over many
            # ties to one.
            slot_lists.append(slots)
            value_lists.append(
                values**weights.tie_concavity / len(slots) ** weights.partner_degree_damping
            )
        slots, raw_network = _sparse_sum(slot_lists, value_lists)
        slots, raw_network = slots[slots < size], raw_network[slots < size]
        if weights.candidate_degree_damping > 0 and len(slots):
            # Hub damping (see `_damp_hubs`), on the organisations the network reaches.
            raw_network = raw_network / (
                (1.0 + self._project_counts[slots]) ** weights.candidate_degree_damping
            )
        if len(slots):
            if weights.network_half > 0:
                signals["network"] = (slots, raw_network / (raw_network + weights.network_half))
            else:
                signals["network"] = (slots, raw_network / (raw_network.max() or 1.0))
        # Signals computed over every organisation, only when they count.
        if weights.second_order > 0 and len(slots):
            first_hop = np.zeros(size)
            first_hop[slots] = raw_network
            signals["second_order"] = _nonzero(self._second_order_network(first_hop, size))
        if weights.proximity > 0:
            signals["proximity"] = _nonzero(self._proximity(vector, size))
        if weights.name_affinity > 0:
            signals["name_affinity"] = _nonzero(self._name_affinity(vector, size))
        complement_slots = np.fromiter(
            (
                slot
                for org_id in self._complement_candidates(vector)
                if (slot := self._slots.get(org_id)) is not None
            ),
            dtype=np.int64,
        )
        signals = {
            name: (slots[slots < size], values[slots < size])
            for name, (slots, values) in signals.items()
        }
        complement_slots = complement_slots[complement_slots < size]
        if not (vector.terms or vector.concepts or vector.partners):
            # Nothing to match on (a query made of filters only): rank by track record.
            candidates = np.arange(size)
        else:
            candidates = _distinct(
                np.concatenate([slots for slots, _ in signals.values()] + [complement_slots]),
                size,
            )

        def aligned(name: str) -> np.ndarray:
            values = np.zeros(len(candidates))
            if name in signals:
                slots, found = signals[name]
                values[np.searchsorted(candidates, slots)] = found
            return values

        lexical = aligned("lexical")
        concepts = aligned("concepts")
        projects_signal = aligned("similar_projects")
        network = aligned("network")
        second = aligned("second_order")
        proximity = aligned("proximity")
        names = aligned("name_affinity")
        complementary = np.zeros(len(candidates), dtype=bool)
        complementary[np.searchsorted(candidates, complement_slots)] = True

        network_weight = weights.network * (
            1 - math.exp(-len(vector.partners) / max(weights.network_partners, 1e-9))
        )
        second_weight = weights.second_order * network_weight / max(weights.network, 1e-9)
        evidence = (
            weights.lexical * lexical
            + weights.concepts * concepts
            + network_weight * network
            + weights.similar_projects * projects_signal
            + second_weight * second
            + weights.proximity * proximity
            + weights.name_affinity * names
        )
        admissible = active[candidates]
        mask = self._filter_mask(vector.filters)
        if mask is not None:
            admissible &= mask[candidates]
        for org_id in vector.exclude | set(vector.partners):
            slot = self._slots.get(org_id)
            if slot is not None:
                position = int(np.searchsorted(candidates, slot))
                if position < len(candidates) and candidates[position] == slot:
                    admissible[position] = False
        eligible = admissible & ((evidence > 0) | complementary)
        if not (vector.terms or vector.concepts or vector.partners):
            eligible = admissible
        partial = np.where(
            eligible, evidence + weights.track_record * track_record[candidates], -1.0
        )
        count = min(int(eligible.sum()), max(100, top * 5))
        if count == 0:
            return None
        chosen = (
            np.argpartition(-partial, count - 1)[:count]
            if count < len(candidates)
            else np.arange(len(candidates))
        )
        chosen_set = set(chosen.tolist()) | set(np.flatnonzero(complementary & eligible).tolist())
        # Positions in `candidates` (and in the signal arrays) of the shortlisted.
        shortlist = [position for position in chosen_set if eligible[position]]

        # Stage 2: profile, sector and activity fit, only for the shortlist.
        query_sectors = Counter(
            sector
            for concept in vector.concepts
            if concept in self.vocabulary
            for sector in self.vocabulary[concept].sectors
        )
        query_activities = set(vector.activities)
        for concept in vector.concepts:
            if concept in self.vocabulary:
                query_activities.update(self.vocabulary[concept].activities)
        total_weight = (
            weights.lexical
            + weights.concepts
            + weights.sector
            + weights.activity
            + network_weight
            + weights.track_record
            + weights.complement
            + weights.partner_kind
            + weights.similar_projects
            + second_weight
            + weights.proximity
            + weights.name_affinity
        )
        positions = np.array(shortlist, dtype=np.int64)
        slots = candidates[positions]
        org_ids = [self._slot_ids[slot] for slot in slots.tolist()]
        orgs = [self.organisations[org_id] for org_id in org_ids]
        sector = np.array([self._sector_fit(org, query_sectors) for org in orgs])
        activity = np.array([_activity_fit(org.activities, query_activities) for org in orgs])
        kind = np.array(
            [1.0 if org.kind and org.kind in vector.partner_kinds else 0.0 for org in orgs]
        )
        complements = [self._complement(org_id, vector) for org_id in org_ids]
        complement = np.array([value for value, _ in complements])
        columns = {
            "lexical": lexical[positions],
            "concepts": concepts[positions],
            "network": network[positions],
            "similar_projects": projects_signal[positions],
            "track_record": track_record[slots],
            "second_order": second[positions],
            "proximity": proximity[positions],
            "name_affinity": names[positions],
            "sector": sector,
            "activity": activity,
            "partner_kind": kind,
            "complement": complement,
        }
        return _Shortlist(
            org_ids=org_ids,
            columns=columns,
            profiles=[profile_id for _, profile_id in complements],
            network_weight=network_weight,
            second_weight=second_weight,
            total_weight=total_weight,
            query_activities=query_activities,
            similar=similar,
        )

    # ----------------------------------------------------------------- network reach

    def _second_order_network(self, first_hop: np.ndarray, size: int) -> np.ndarray:
        """Partners of partners: each of the `second_order_breadth` organisations most tied
        to the query's partners (`first_hop`, the raw network evidence) passes its own ties
        on in proportion to its tie with them, damped like the first hop. Scaled to 0…1."""
        second = np.zeros(size)
        weights = self.weights
        if weights.second_order <= 0 or not first_hop.any():
            return second
        tied = np.flatnonzero(first_hop)
        breadth = max(1, weights.second_order_breadth)
        if len(tied) > breadth:
            tied = tied[np.argpartition(-first_hop[tied], breadth - 1)[:breadth]]
        slot_lists, value_lists, tie_lists, degree_lists = [], [], [], []
        for middle in tied.tolist():
            slots, values = self._coworkers(self._slot_ids[middle])
            if not len(slots):
                continue
            slot_lists.append(slots)
            value_lists.append(values)
            tie_lists.append(np.full(len(slots), first_hop[middle]))
            degree_lists.append(np.full(len(slots), len(slots) ** weights.partner_degree_damping))
        if not slot_lists:
            return second
        slots = np.concatenate(slot_lists)
        share = (
            np.concatenate(tie_lists)
            * np.concatenate(value_lists) ** weights.tie_concavity
            / np.concatenate(degree_lists)
        )
        inside = slots < size
        # Weighted counts are floats (the stubs say integers).
        second = np.bincount(slots[inside], weights=share[inside], minlength=size)[:size].astype(
            np.float64, copy=False
        )
        return second / (second.max() or 1.0)

    def _name_affinity(self, vector: _QueryVector, size: int) -> np.ndarray:
        """For each organisation, the rare words of its name shared with the query's
        partners' names, weighted by rarity and by the share of partners bearing them;
        0…1 (1: every rare word of the partners' names)."""
        affinity = np.zeros(size)
        if self.weights.name_affinity <= 0 or not vector.partners:
            return affinity
        postings = self._name_postings()
        shares: Counter[str] = Counter()
        known = 0
        for partner in vector.partners:
            org = self.organisations.get(partner)
            if org is None:
                continue
            known += 1
            shares.update(_name_words(org) & postings.keys())
        if not shares:
            return affinity
        total = len(self._slot_ids) or 1
        for word, count in shares.items():
            slots = postings[word]
            slots = slots[slots < size]
            affinity[slots] += math.log(total / len(postings[word])) * count / known
        return affinity / (affinity.max() or 1.0)

    def _name_postings(self) -> dict[str, np.ndarray]:
        """Slots by name word, for the words in fewer than 1 % of the names (at least 50)."""
        cached = self._name_cache
        if cached is not None and cached[0] == len(self._slot_ids):
            return cached[1]
        lists: dict[str, list[int]] = defaultdict(list)
        for slot, org_id in enumerate(self._slot_ids):
            org = self.organisations.get(org_id)
            if org is not None:
                for word in _name_words(org):
                    lists[word].append(slot)
        cap = max(50, len(self._slot_ids) // 100)
        postings = {w: np.array(s, dtype=np.int64) for w, s in lists.items() if len(s) <= cap}
        self._name_cache = (len(self._slot_ids), postings)
        return postings

    def _damp_hubs(self, raw: np.ndarray) -> np.ndarray:
        """Divide network evidence by (1 + the candidate's past projects) ** damping."""
        damping = self.weights.candidate_degree_damping
        if damping <= 0 or not raw.any():
            return raw
        found = np.flatnonzero(raw)
        counts = np.fromiter(
            (len(self._org_projects.get(self._slot_ids[slot], ())) for slot in found),
            dtype=np.float64,
            count=len(found),
        )
        damped = raw.copy()
        damped[found] /= (1.0 + counts) ** damping
        return damped

    def _proximity(self, vector: _QueryVector, size: int) -> np.ndarray:
        """For each organisation, how many of the query's partners (those with a known
        place, the seeker itself left out) are nearby: the mean of the shares based in its
        region and in its city. Organisations close to each other work together more often."""
        proximity = np.zeros(size)
        partners = _placed_partners(vector)
        if self.weights.proximity <= 0 or not partners:
            return proximity
        places = self._place_codes()
        for level, (codes, numbers) in enumerate(places):
            wanted: Counter[int] = Counter()
            for partner in partners:
                org = self.organisations.get(partner)
                key = _place_key(org, level) if org else ""
                if key and key in numbers:
                    wanted[numbers[key]] += 1
            total = sum(wanted.values())
            for code, count in wanted.items():
                proximity[codes[:size] == code] += count / total / len(places)
        return proximity

    def _place_codes(self) -> list[tuple[np.ndarray, dict[str, int]]]:
        """Per slot, a region number and a city number (0 when unknown), with the numbers by
        place key."""
        cached = self._region_cache
        if cached is not None and len(cached[0][0]) == len(self._slot_ids):
            return cached
        places = []
        for level in (0, 1):
            numbers: dict[str, int] = {"": 0}
            codes = np.zeros(len(self._slot_ids), dtype=np.int64)
            for slot, org_id in enumerate(self._slot_ids):
                org = self.organisations.get(org_id)
                key = _place_key(org, level) if org is not None else ""
                if key:
                    codes[slot] = numbers.setdefault(key, len(numbers))
            places.append((codes, numbers))
        self._region_cache = places
        return places

    def _partner_of_partner(self, org_id: str, partners: Iterable[str]) -> tuple[str, str] | None:
        """A (partner, intermediary) pair linking `org_id` to the query's partners in two
        steps: the intermediary worked with both (the one with most shared projects)."""
        org_slots, _ = self._coworkers(org_id)
        if not len(org_slots):
            return None
        best: tuple[int, str, str] | None = None
        for partner in partners:
            slots, _ = self._coworkers(partner)
            for middle in np.intersect1d(slots, org_slots, assume_unique=True)[:200]:
                middle_id = self._slot_ids[int(middle)]
                if middle_id not in self.organisations:
                    continue
                ties = len(self._org_projects.get(middle_id, ()))
                if best is None or ties > best[0]:
                    best = (ties, partner, middle_id)
        return (best[1], best[2]) if best else None

    def _concept_idf(self, concept: str) -> float:
        df = len(self._concept_orgs.get(concept, ()))
        return math.log(1 + (len(self.organisations) + 1) / (df + 1))

    def _concept_scores(self, vector: _QueryVector) -> tuple[np.ndarray, np.ndarray]:
        """The slots of the organisations sharing a query concept, and their sums of the
        query's concept weights times their own, divided by the total query weight."""
        total = 0.0
        slot_lists, value_lists = [], []
        for concept, count in vector.concepts.items():
            weight = self._concept_idf(concept) * _saturate(count)
            total += weight
            slots, org_weights = self._concept_postings(concept)
            if len(slots):
                slot_lists.append(slots)
                value_lists.append(weight * org_weights)
        slots, values = _sparse_sum(slot_lists, value_lists)
        return slots, (values / total if total else values)

    def _concept_postings(self, concept: str) -> tuple[np.ndarray, np.ndarray]:
        cached = self._concept_arrays.get(concept)
        if cached is None:
            postings = self._concept_orgs.get(concept, {})
            slots = np.fromiter(
                (self._slots[org_id] for org_id in postings), dtype=np.int64, count=len(postings)
            )
            weights = np.fromiter(postings.values(), dtype=np.float64, count=len(postings))
            cached = self._concept_arrays[concept] = (slots, weights)
        return cached

    def _sector_fit(self, org: Organisation, query_sectors: Counter[str]) -> float:
        if not query_sectors:
            return 0.0
        sectors = self._org_sectors(org)
        shared = sum(n for sector, n in query_sectors.items() if sector in sectors)
        return shared / sum(query_sectors.values())

    def _complement_candidates(self, vector: _QueryVector) -> set[str]:
        """Organisations with a profile of the opposite direction sharing a query concept."""
        wanted = _OPPOSITE[vector.direction]
        return {
            self.profiles[profile_id].org
            for concept in vector.concepts
            for profile_id in self._concept_profiles.get(concept, ())
            if self.profiles[profile_id].direction == wanted
        }

    def _complement(self, org_id: str, vector: _QueryVector) -> tuple[float, str | None]:
        wanted = _OPPOSITE[vector.direction]
        best, best_profile = 0.0, None
        query_terms = set(vector.terms)
        for profile_id in self._org_profiles.get(org_id, ()):
            profile = self.profiles[profile_id]
            if profile.direction != wanted:
                continue
            analysis = self._profile_analysis[profile_id]
            concept_fit = (
                len(set(analysis.concepts) & set(vector.concepts)) / len(vector.concepts)
                if vector.concepts
                else 0.0
            )
            profile_terms = analysis.terms.get(vector.lang, Counter())
            term_fit = (
                min(1.0, 3 * len(query_terms & set(profile_terms)) / len(query_terms))
                if query_terms
                else 0.0
            )
            fit = max(concept_fit, 0.5 * concept_fit + 0.5 * term_fit)
            if fit > best:
                best, best_profile = fit, profile_id
        if best < 0.2:
            return 0.0, None
        return best, best_profile

    # ----------------------------------------------------------------- reasons

    def _reasons(
        self,
        org_id: str,
        vector: _QueryVector,
        parts: dict[str, float],
        profile_id: str | None,
        query_activities: set[str],
        lang: str,
        similar: dict[str, float],
    ) -> list[Any]:
        reasons = []
        shared = [c for c in vector.concepts if c in self._org_concepts.get(org_id, {})]
        if shared:
            shared.sort(key=lambda c: (-self._concept_idf(c), c))
            shared = shared[:4]
            reasons.append(
                make_reason(
                    "shares_concepts",
                    concepts=[self.vocabulary.label(c, lang) for c in shared],
                    ids=shared,
                )
            )
        segment = self.segments.get(vector.lang)
        document = segment.docs.get(org_id) if segment else None
        if document:
            matched = [t for t in vector.terms if t in document]
            matched.sort(key=lambda t: -segment.idf(t) if segment else 0.0)
            words = []
            concept_words = {self.vocabulary.label(c, vector.lang).lower() for c in shared}
            for term in matched:
                word = vector.surface.get(term)
                if word and word not in words and word not in concept_words:
                    words.append(word)
                if len(words) == 5:
                    break
            if words and parts["lexical"] > 0.05:
                reasons.append(make_reason("matching_terms", terms=words))
        org = self.organisations[org_id]
        codes = _shared_activities(org.activities, query_activities)
        if codes:
            reasons.append(
                make_reason(
                    "same_activity",
                    activities=[activity_label(code, lang) or code for code in codes],
                    codes=codes,
                )
            )
        for partner in vector.partners:
            project = self._shared_project(partner, org_id)
            if project is not None:
                count = len(
                    self._org_projects.get(partner, set()) & self._org_projects.get(org_id, set())
                )
                reasons.append(
                    make_reason(
                        "worked_with",
                        partner=self._short_name(partner),
                        partner_id=partner,
                        project=project.id,
                        project_title=project.title,
                        projects=count,
                    )
                )
        own_projects = self._org_projects.get(org_id, set())
        shared_similar = [p for p in similar if p in own_projects]
        if shared_similar and not any(r.code == "worked_with" for r in reasons):
            project = self.projects[max(shared_similar, key=lambda p: (similar[p], p))]
            reasons.append(
                make_reason(
                    "similar_project",
                    project=project.id,
                    title=project.title or project.summary[:80],
                )
            )
        reasons.extend(self._reach_reasons(org_id, vector, parts, reasons))
        if profile_id is not None:
            profile = self.profiles[profile_id]
            reasons.append(
                make_reason(
                    _COMPLEMENT_CODES[vector.direction],
                    profile=profile_id,
                    title=profile.title or profile.text[:80],
                )
            )
        if parts["partner_kind"]:
            reasons.append(make_reason("partner_kind", kind=org.kind))
        if not shared and parts["sector"] > 0:
            sectors = sorted(
                {
                    s
                    for c in vector.concepts
                    if c in self.vocabulary
                    for s in self.vocabulary[c].sectors
                }
                & self._org_sectors(org)
            )
            if sectors:
                reasons.append(
                    make_reason(
                        "same_sector",
                        sectors=[sector_label(s, lang) for s in sectors],
                        codes=sectors,
                    )
                )
        projects = len(self._org_projects.get(org_id, ()))
        if projects >= 5 and not any(r.kind == "network" for r in reasons):
            reasons.append(make_reason("track_record", projects=projects))
        return reasons

    def _reach_reasons(
        self, org_id: str, vector: _QueryVector, parts: dict[str, float], found: list[Any]
    ) -> list[Any]:
        """Reasons for the partners-of-partners and proximity signals, when they count."""
        reasons = []
        if parts.get("second_order", 0.0) > 0.05 and not any(
            r.code in ("worked_with", "similar_project") for r in found
        ):
            link = self._partner_of_partner(org_id, vector.partners)
            if link is not None:
                partner, middle = link
                reasons.append(
                    make_reason(
                        "partner_of_partner",
                        partner=self._short_name(partner),
                        partner_id=partner,
                        via=self._short_name(middle),
                        via_id=middle,
                    )
                )
        if parts.get("name_affinity", 0.0) > 0:
            words = _name_words(self.organisations[org_id]) & self._name_postings().keys()
            for partner in vector.partners:
                other = self.organisations.get(partner)
                shared = sorted(words & _name_words(other)) if other else []
                if shared:
                    reasons.append(
                        make_reason(
                            "name_like_partner",
                            words=shared[:3],
                            partner=self._short_name(partner),
                            partner_id=partner,
                        )
                    )
                    break
        if parts.get("proximity", 0.0) > 0:
            org = self.organisations[org_id]
            for level, code, place in ((1, "same_city", org.city), (0, "same_region", org.region)):
                key = _place_key(org, level)
                nearby = [
                    p
                    for p in _placed_partners(vector)
                    if key
                    and p in self.organisations
                    and _place_key(self.organisations[p], level) == key
                ]
                if nearby:
                    reasons.append(
                        make_reason(
                            code,
                            place=place,
                            partners=[self._short_name(p) for p in nearby[:3]],
                            count=len(nearby),
                        )
                    )
                    break
        return reasons

    def _org_sectors(self, org: Organisation) -> frozenset[str]:
        cached = self._sector_cache.get(org.id)
        if cached is None:
            sectors = set(org.sectors)
            for concept in self._org_concepts.get(org.id, {}):
                if concept in self.vocabulary:
                    sectors.update(self.vocabulary[concept].sectors)
            cached = self._sector_cache[org.id] = frozenset(sectors)
        return cached

    def _short_name(self, org_id: str) -> str:
        org = self.organisations.get(org_id)
        if org is None:
            return org_id
        names = [name for name in (org.name, *org.aliases) if name]
        return min(names, key=len) if names else org_id

    def _shared_project(self, partner: str, org_id: str) -> Project | None:
        shared = self._org_projects.get(partner, set()) & self._org_projects.get(org_id, set())
        if not shared:
            return None
        return max(
            (self.projects[p] for p in shared), key=lambda p: (p.year or 0, len(p.title), p.id)
        )

    def _similar_projects(self, vector: _QueryVector) -> dict[str, float]:
        """The past projects whose texts best match the query, with their BM25 scores."""
        segment = self.project_segments.get(vector.lang)
        if segment is None or not vector.terms or not len(segment):
            return {}
        return segment.scores(vector.terms, limit=self.weights.similar_project_count)

    # ----------------------------------------------------------------- persistence

    def save(self, directory: str | Path) -> None:
        """Write the index to `directory` (replaced atomically: readers see the old or the new
        index, never half of one). The format is versioned; see `MatchingIndex.load`."""
        target = Path(directory)
        snapshot = uuid.uuid4().hex
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        try:
            with gzip.open(
                staging / "records.jsonl.gz", "wt", encoding="utf-8", compresslevel=3
            ) as out:
                for org in self.organisations.values():
                    record = {
                        "type": "org",
                        "data": asdict(org),
                        "analysis": self._own[org.id].to_json(),
                    }
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                for project in self.projects.values():
                    record = {
                        "type": "project",
                        "data": asdict(project),
                        "analysis": self._project_analysis[project.id].to_json(),
                    }
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                for profile in self.profiles.values():
                    record = {
                        "type": "profile",
                        "data": asdict(profile),
                        "analysis": self._profile_analysis[profile.id].to_json(),
                    }
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            for lang, segment in self.segments.items():
                segment.save(staging / "lexical" / lang)
            for lang, segment in self.project_segments.items():
                segment.save(staging / "lexical-projects" / lang)
            manifest = {
                "format": FORMAT,
                "version": FORMAT_VERSION,
                "snapshot": snapshot,
                "vocabulary": _vocabulary_fingerprint(self.vocabulary),
                "weights": asdict(self.weights),
                "counts": {
                    "organisations": len(self.organisations),
                    "projects": len(self.projects),
                    "profiles": len(self.profiles),
                },
            }
            (staging / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
            old = None
            if target.exists():
                old = target.with_name(f".{target.name}.old-{os.getpid()}")
                target.rename(old)
            staging.rename(target)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        self._snapshot = (str(target.resolve()), snapshot)
        self._journal = []
        self._journal_read = 0
        self._journal_entries = 0

    def save_changes(self, directory: str | Path) -> bool:
        """Persist the changes made since this index was last saved to or loaded from
        `directory` by appending them to the directory's journal, which `load` replays: the
        cost grows with the changes, not with the index. Falls back to a full `save` (and
        returns False) when the directory holds another snapshot or when the journal would
        outgrow a tenth of the index; returns True after an append.

        Writers must not interleave (the caller holds a lock); a reader that finds a line
        half-written ignores it until it is complete."""
        target = Path(directory)
        try:
            manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = {}
        records = len(self.organisations) + len(self.projects) + len(self.profiles)
        if (
            self._journal is None
            or self._snapshot != (str(target.resolve()), manifest.get("snapshot"))
            or self._journal_entries + len(self._journal) > max(1000, records // 10)
        ):
            self.save(target)
            return False
        if self._journal:
            lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in self._journal)
            with open(target / JOURNAL, "a", encoding="utf-8") as out:
                out.write(lines)
                out.flush()
                os.fsync(out.fileno())
                self._journal_read = out.tell()
            self._journal_entries += len(self._journal)
            self._journal = []
        return True

    def refresh(self, directory: str | Path) -> bool:
        """Apply the changes appended to `directory`'s journal since this index read it
        (by another process). Returns False, changing nothing, when the directory now holds
        another snapshot: load it instead."""
        path = Path(directory)
        try:
            manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        snapshot = (str(path.resolve()), manifest.get("snapshot"))
        if self._journal is None or self._snapshot != snapshot:
            return False
        self._replay(path, reuse=True)
        return True

    def _replay(self, path: Path, reuse: bool) -> None:
        """Apply the complete journal lines of `path` after those already read."""
        journal = path / JOURNAL
        try:
            with open(journal, "rb") as handle:
                handle.seek(self._journal_read)
                data = handle.read()
        except FileNotFoundError:
            return
        end = data.rfind(b"\n") + 1
        if not end:
            return
        pending, self._journal = self._journal, None
        try:
            with self.bulk():
                for line in data[:end].decode("utf-8").splitlines():
                    where = f"{journal}: entry {self._journal_entries + 1}"
                    try:
                        entry = json.loads(line)
                    except ValueError as error:
                        raise ValueError(f"{where}: {error}") from error
                    self._apply(entry, reuse, where)
                    self._journal_entries += 1
        finally:
            self._journal = pending
        self._journal_read += end

    def _apply(self, entry: dict[str, Any], reuse: bool, where: str) -> None:
        op = entry.get("op")
        data: Any = entry.get("data")
        analysis = _Analysis.from_json(entry["analysis"]) if reuse and "analysis" in entry else None
        if op == "org":
            self.upsert_organisation(Organisation(**_tuples(data)), analysis)
        elif op == "project":
            self.upsert_project(Project(**_tuples(data)), analysis)
        elif op == "profile":
            self.upsert_profile(Profile(**_tuples(data)), analysis)
        elif op == "remove_org":
            self.remove_organisation(data)
        elif op == "remove_project":
            self.remove_project(data)
        elif op == "remove_profile":
            self.remove_profile(data)
        else:
            raise ValueError(f"{where}: unknown change {op!r}")

    @classmethod
    def load(
        cls, directory: str | Path, vocabulary: ConceptVocabulary | None = None
    ) -> MatchingIndex:
        """Read an index written by `save`. Raises ValueError for another format or version.
        When the concept vocabulary changed since the save, texts are analysed again."""
        path = Path(directory)
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
            raise ValueError(
                f"{path}: not a {FORMAT} version {FORMAT_VERSION} index "
                f"(found {manifest.get('format')} version {manifest.get('version')})"
            )
        index = cls(vocabulary, Weights(**manifest.get("weights", {})))
        reuse = manifest.get("vocabulary") == _vocabulary_fingerprint(index.vocabulary)
        with index.bulk(), gzip.open(path / "records.jsonl.gz", "rt", encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                data = _tuples(record["data"])
                analysis = _Analysis.from_json(record["analysis"]) if reuse else None
                if record["type"] == "org":
                    org = Organisation(**data)
                    index.organisations[org.id] = org
                    index._own[org.id] = analysis or index._analyse_organisation(org)
                    index._deferred_add(org.id)
                elif record["type"] == "project":
                    index._load_project(Project(**data), analysis)
                elif record["type"] == "profile":
                    profile = Profile(**data)
                    index.profiles[profile.id] = profile
                    index._profile_analysis[profile.id] = analysis or index._analyse(
                        [(profile.title, profile.lang), (profile.text, profile.lang)]
                        + [(k, profile.lang) for k in profile.keywords]
                    )
                    index._index_profile(profile.id)
                    index._org_profiles[profile.org].add(profile.id)
                    index._deferred_add(profile.org)
        for lang, segment in index.segments.items():
            lexical_dir = path / "lexical" / lang
            if reuse and (lexical_dir / "ids.json").exists():
                segment.load_main(lexical_dir)
            else:
                segment.rebuild()
        for lang, segment in index.project_segments.items():
            lexical_dir = path / "lexical-projects" / lang
            if reuse and (lexical_dir / "ids.json").exists():
                segment.load_main(lexical_dir)
            else:
                segment.rebuild()
        index._snapshot = (str(path.resolve()), manifest.get("snapshot", ""))
        index._journal = []
        index._replay(path, reuse)
        for project_id in index.projects:
            index._project_slots(project_id)
        return index

    def _deferred_add(self, org_id: str) -> None:
        if self._deferred is not None:
            self._deferred.add(org_id)
        else:
            self._recompose(org_id)

    def _load_project(self, project: Project, analysis: _Analysis | None) -> None:
        self.projects[project.id] = project
        self._project_analysis[project.id] = analysis or self._analyse(
            [(project.title, project.lang), (project.summary, project.lang)]
        )
        self._index_project_text(project.id)
        for org_id in project.participants:
            self._org_projects[org_id].add(project.id)
            self._deferred_add(org_id)


_BATCH: tuple[MatchingIndex, int, str, bool] | None = None


def _recommend_chunk(org_ids: list[str]) -> list[tuple[str, list[Result]]]:
    """Worker side of `MatchingIndex.recommend_all` (the index comes with the fork)."""
    assert _BATCH is not None
    index, top, lang, exclude_known = _BATCH
    return [
        (org_id, index.recommend_for_org(org_id, top, lang, exclude_known=exclude_known))
        for org_id in org_ids
    ]


class _Bulk:
    def __init__(self, index: MatchingIndex):
        self.index = index

    def __enter__(self) -> MatchingIndex:
        self.index._deferred = set()
        return self.index

    def __exit__(self, *exc_info: object) -> None:
        pending, self.index._deferred = self.index._deferred or set(), None
        for org_id in pending:
            self.index._recompose(org_id)


def _filter_key(org: Organisation) -> tuple[str, str, str]:
    """What filters look at: the country (EU spelling), the region (upper case), the kind."""
    country = org.country.upper()
    return _COUNTRY_ALIASES.get(country, country), org.region.upper(), org.kind


def _key_passes(key: tuple[str, str, str], filters: Filters) -> bool:
    country, region, kind = key
    if filters.country and country not in {
        _COUNTRY_ALIASES.get(c.upper(), c.upper()) for c in filters.country
    }:
        return False
    if filters.region and not any(region.startswith(r.upper()) for r in filters.region):
        return False
    return not (filters.kind and kind not in filters.kind)


def _nonzero(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A per-slot array as (slots, values) of its non-zero entries."""
    slots = np.flatnonzero(values)
    return slots, values[slots]


def _sparse_sum(
    slot_lists: list[np.ndarray], value_lists: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Sum values by slot: the distinct slots (sorted) and their totals, added in order."""
    if not slot_lists:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    slots = np.concatenate(slot_lists)
    values = np.concatenate(value_lists)
    size = int(slots.max()) + 1 if len(slots) else 0
    if len(slots) * 8 > size:
        # Many postings: summing over every slot is cheaper than sorting them.
        totals = np.bincount(slots, weights=values, minlength=size)
        unique = _distinct(slots, size)
        return unique, totals[unique]
    unique, inverse = np.unique(slots, return_inverse=True)
    return unique, np.bincount(inverse, weights=values, minlength=len(unique))


def _distinct(slots: np.ndarray, size: int) -> np.ndarray:
    """The distinct values of `slots` (all below `size`), sorted."""
    if len(slots) * 8 > size:
        present = np.zeros(size, dtype=bool)
        present[slots] = True
        return np.flatnonzero(present)
    return np.unique(slots)


def _tuples(data: dict[str, Any]) -> dict[str, Any]:
    return {key: tuple(value) if isinstance(value, list) else value for key, value in data.items()}


def _placed_partners(vector: _QueryVector) -> tuple[str, ...]:
    """The partners whose place counts for proximity: all but the seeker itself."""
    return tuple(partner for partner in vector.partners if partner != vector.seeker)


def _region_key(region: str) -> str:
    """Compare regions at NUTS 2 level for NUTS codes ("FR101" → "FR10"), as given otherwise."""
    key = " ".join(strip_accents(normalise(region)).replace("-", " ").split()).upper()
    if 3 <= len(key) <= 5 and key[:2].isalpha() and key.isalnum() and not key.isalpha():
        return key[:4]
    return key


@functools.lru_cache(maxsize=200_000)
def _words_of_name(name: str) -> frozenset[str]:
    return frozenset(
        strip_accents(word)
        for word in tokenize(name)
        if len(word) > 2 and not word.isdigit() and word not in _NAME_STOPWORDS
    )


# Words of legal forms and articles, frequent in names but saying nothing about the place.
_NAME_STOPWORDS = frozenset(
    """the and for des les del della und von der van sas sarl gmbh ltd llc inc oao zao ooo pao
    jsc""".split()  # noqa: SIM905
)


def _name_words(org: Organisation) -> frozenset[str]:
    """The words of an organisation's name and aliases (folded, three letters or more)."""
    words: frozenset[str] = frozenset()
    for name in (org.name, *org.aliases):
        if name:
            words |= _words_of_name(name)
    return words


def _place_key(org: Organisation, level: int) -> str:
    """The region (level 0) or the city (level 1, with its country) of `org`; "" if unknown."""
    if level == 0:
        return _region_key(org.region) if org.region else ""
    city = " ".join(strip_accents(normalise(org.city)).replace("-", " ").split())
    return f"{org.country.upper()}:{city}" if city else ""


def _activity_fit(activities: Iterable[str], wanted: set[str]) -> float:
    if not wanted:
        return 0.0
    best = 0.0
    for code in activities:
        for target in wanted:
            if code[:5] == target[:5]:
                return 1.0
            if code[:2] == target[:2]:
                best = 0.5
    return best


def _shared_activities(activities: Iterable[str], wanted: set[str]) -> list[str]:
    return sorted({code for code in activities for target in wanted if code[:5] == target[:5]})


def build_index(
    organisations: Iterable[Organisation],
    projects: Iterable[Project] = (),
    profiles: Iterable[Profile] = (),
    *,
    vocabulary: ConceptVocabulary | None = None,
    weights: Weights | None = None,
    processes: int = 1,
    progress: Callable[[int], None] | None = None,
) -> MatchingIndex:
    """Build a MatchingIndex from the directory's organisations, cooperation history and
    profiles. Profiles of unknown organisations raise ValueError; project participants that
    are not in the directory are kept in the history but never recommended.

    Text analysis, most of the work, is shared by `processes` forked workers when there is
    enough of it; `progress` is called with the number of organisations analysed so far."""
    index = MatchingIndex(vocabulary, weights)
    organisations, projects, profiles = list(organisations), list(projects), list(profiles)
    known = {org.id for org in organisations}
    for profile in profiles:
        if profile.org not in known:
            raise ValueError(f"profile {profile.id}: unknown organisation {profile.org!r}")
    with index.bulk():
        analyses = index._analyse_all("org", organisations, processes, progress)
        for org, analysis in zip(organisations, analyses, strict=True):
            index.upsert_organisation(org, analysis)
        analyses = index._analyse_all("project", projects, processes)
        for project, analysis in zip(projects, analyses, strict=True):
            index.upsert_project(project, analysis)
        analyses = index._analyse_all("profile", profiles, processes)
        for profile, analysis in zip(profiles, analyses, strict=True):
            index.upsert_profile(profile, analysis)
    index.compact()
    return index


def _worker_pool(processes: int) -> Any:
    """A pool of forked workers that die when the pool ends, whatever the parent does with
    SIGTERM: a task worker (django-tasks' db_worker) catches it to stop gracefully, and its
    handler, inherited by the forks, would keep them alive and the pool's end waiting."""
    return mp.get_context("fork").Pool(processes, initializer=_default_sigterm)


def _default_sigterm() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


_ANALYSIS: tuple[MatchingIndex, str, list[Any]] | None = None
_ANALYSIS_CHUNK = 500


def _analyse_range(bounds: tuple[int, int]) -> list[_Analysis]:
    """Worker side of `MatchingIndex._analyse_all` (the items come with the fork)."""
    assert _ANALYSIS is not None
    index, kind, items = _ANALYSIS
    return [index._analyse_item(kind, item) for item in items[bounds[0] : bounds[1]]]
