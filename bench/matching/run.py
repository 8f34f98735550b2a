"""Partner-recovery benchmark of the matching engine (docs: EVALUATION.md, "Matching").

Protocol: organisation descriptions and the cooperation history are built ONLY from projects
before a split year; for each later project the matcher gets the project's text and all but
one participant, and must rank the missing one. Sets:
- en: Horizon 2020 projects started in 2016 (text: topic title, programme titles, acronym),
  history = FP7 participations (no text) + H2020 projects started 2014–2015;
- fr: ANR PIA projects of 2011 onwards with a French abstract, history = PIA projects of 2010
  (titles and abstracts) + regular ANR (DOS) projects of 2010 (participants only);
- paca_ru: projects joining a PACA and a Russian organisation (FP7 and H2020). FP7 has no
  dates or texts here, so FP7 cases are leave-one-project-out with network evidence only;
  the hidden side is searched with a country filter (RU, or France + PACA region), the same
  for the baselines.
Baselines, computed in the same run on the same cases: BM25 (bm25s + Snowball) over the same
descriptions, and the co-participation network (shared projects with the given partners,
ties broken by number of projects). Results go to bench/results/matching-*.json.

Usage: python bench/matching/run.py [--smoke] [--cases N] [--dev] [--skip-scale]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT / "src"))

from jumelage.engines.matching import (  # noqa: E402
    Filters,
    MatchingIndex,
    Organisation,
    Project,
    Query,
    build_index,
)

csv.field_size_limit(10**8)

PACA_CITIES = {
    "MARSEILLE", "NICE", "SOPHIA ANTIPOLIS", "VALBONNE", "BIOT", "MOUGINS", "ANTIBES",
    "AIX EN PROVENCE", "TOULON", "LA SEYNE SUR MER", "LA CIOTAT", "AUBAGNE", "ROUSSET",
    "GARDANNE", "MANOSQUE", "AVIGNON", "ARLES", "CAGNES SUR MER", "CANNES", "GRASSE",
    "SAINT PAUL LEZ DURANCE", "CADARACHE", "LA GARDE", "HYERES", "FREJUS", "DIGNE LES BAINS",
    "GAP", "MARTIGUES", "ISTRES", "VITROLLES", "SALON DE PROVENCE", "CARPENTRAS", "ORANGE",
    "SOPHIA-ANTIPOLIS", "AIX-EN-PROVENCE", "VALBONNE SOPHIA ANTIPOLIS", "MONACO",
}  # fmt: skip
ACTIVITY_KIND = {
    "HES": "university",
    "REC": "research_lab",
    "PRC": "company",
    "PUB": "public_agency",
    "OTH": "other",
}


@dataclass
class Dataset:
    """Organisations and dated projects of one data source."""

    organisations: dict[str, Organisation] = field(default_factory=dict)
    projects: list[Project] = field(default_factory=list)


@dataclass
class Case:
    """One held-out link: find `hidden` given the project's text and other participants."""

    project: str
    text: str
    lang: str
    partners: tuple[str, ...]
    hidden: str
    filters: Filters = field(default_factory=Filters)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).upper()
    return re.sub(r"[^A-Z0-9]+", " ", plain).strip()


def _read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as stream:
        return list(csv.DictReader(stream, delimiter=delimiter))


# ------------------------------------------------------------------ CORDIS (en, paca_ru)


def _is_paca(row: dict[str, str]) -> bool:
    if row.get("country") != "FR":
        return False
    nuts = row.get("nuts3") or ""
    if nuts.startswith(("FR82", "FRL")):
        return True
    if _fold(row.get("city") or "") in {_fold(c) for c in PACA_CITIES}:
        return True
    code = (row.get("post_code") or "").strip()
    return (len(code) == 4 and code[0] in "456") or (
        len(code) == 5 and code[:2] in ("13", "83", "84")
    )


def load_cordis() -> tuple[Dataset, set[str]]:
    """Return FP7 + H2020 (2014–2017) organisations and projects, and the ids of PACA orgs.

    FP7 projects have no date here: they get year 2010 (all of FP7 precedes H2020)."""
    folder = DATA / "cordis-fp7-h2020-network"
    dataset = Dataset()
    paca: set[str] = set()
    kinds: dict[str, str] = {}
    participations = DATA / "cordis-h2020-participations" / "h2020_participations_2020-12.csv.gz"
    if participations.exists():
        for row in _read_csv(participations):
            kinds.setdefault(row["pic"], ACTIVITY_KIND.get(row["type"], "other"))
    for row in _read_csv(folder / "fp7_organisations.csv"):
        org_id = row["org_id"]
        is_paca = _is_paca(row)
        if is_paca:
            paca.add(org_id)
        dataset.organisations[org_id] = Organisation(
            id=org_id,
            name=row["name"],
            aliases=(row["short_name"],) if row["short_name"] else (),
            country=row["country"],
            region="FRL0" if is_paca else (row["nuts3"] or ""),
            city=row["city"] or "",
            kind=kinds.get(org_id, ""),
        )
    for row in _read_csv(folder / "h2020_2014_2016_organisations.csv"):
        org_id = row["new_org_id"]
        if org_id not in dataset.organisations:
            dataset.organisations[org_id] = Organisation(
                id=org_id,
                name=row["name"],
                aliases=(row["shortName"],) if row["shortName"] else (),
                country=row["country"],
                kind=kinds.get(org_id, ""),
            )
    fp7_members: dict[str, list[str]] = defaultdict(list)
    for row in _read_csv(folder / "fp7_participations.csv"):
        fp7_members[row["project_rcn"]].append(row["org_id"])
    for rcn, members in fp7_members.items():
        dataset.projects.append(
            Project(id=f"fp7:{rcn}", year=2010, participants=tuple(dict.fromkeys(members)))
        )
    topics = {}
    for row in _read_csv(folder / "cordisref_h2020_topics.csv", ";"):
        topics.setdefault(row["topicCode"], row["title"])
    programmes = {}
    for row in _read_csv(folder / "cordisref_h2020_programmes.csv", ";"):
        if row.get("language", "en") == "en":
            programmes.setdefault(row["code"], row["title"])
    h2020_members: dict[str, list[str]] = defaultdict(list)
    for row in _read_csv(folder / "h2020_2014_2016_participations.csv"):
        h2020_members[row["projectRcn"]].append(row["new_org_id"])
    for row in _read_csv(folder / "h2020_2014_2016_projects.csv"):
        programme_titles = [
            programmes[code] for code in row["programme"].split(";") if code in programmes
        ]
        text = ". ".join(
            part
            for part in [topics.get(row["topics"], ""), *programme_titles, row["acronym"]]
            if part
        )
        dataset.projects.append(
            Project(
                id=f"h2020:{row['rcn']}",
                title=text,
                lang="en",
                year=int(row["startDate"][:4]) if row["startDate"][:4].isdigit() else None,
                participants=tuple(dict.fromkeys(h2020_members.get(row["rcn"], []))),
            )
        )
    return dataset, paca


# ------------------------------------------------------------------ ANR (fr)

ANR_KIND = {
    "Universités, INSA et INP": "university",
    "Grandes écoles publiques": "university",
    "ENS et grands établissements": "university",
    "COMUE Pôle de recherche et d'Enseignement supérieur": "university",
    "Organismes de type EPST": "research_lab",
    "Organismes de Type EPIC": "research_lab",
    "Laboratoire public": "research_lab",
    "Entreprises Privées": "company",
    "PME": "sme",
    "TPE": "startup",
    "Entreprise autre que TPE ou PME": "large_company",
    "Fondations": "association",
    "Fondation de recherche": "association",
    "Associations": "association",
    "Association": "association",
}


def load_anr() -> Dataset:
    """Return ANR organisations (by folded name) and projects: PIA with titles and French
    abstracts, DOS with participants only (year from the decision code ANR-YY-…)."""
    folder = DATA / "anr-france-projects"
    dataset = Dataset()
    members: dict[str, list[str]] = defaultdict(list)

    def add_partner(row: dict[str, str]) -> str | None:
        name = (row.get("Projet.Partenaire.Nom_organisme") or "").strip()
        if not name or name.lower() in ("non renseigné", "nan"):
            return None
        org_id = "anr:" + _fold(name)
        if org_id not in dataset.organisations:
            country = row.get("Projet.Partenaire.Adresse.Pays") or ""
            region = row.get("Projet.Partenaire.Adresse.Region") or ""
            dataset.organisations[org_id] = Organisation(
                id=org_id,
                name=name,
                country="FR" if country in ("France", "") else country[:2].upper(),
                region="FRL0" if region == "Provence-Alpes-Côte d'Azur" else region,
                city=(row.get("Projet.Partenaire.Adresse.Ville") or "").strip(),
                kind=ANR_KIND.get(row.get("Projet.Partenaire.Categorie_organisme") or "", "other"),
            )
        return org_id

    for path in ("anr_pia_dgpie_partners_2022-05-12.csv", "anr_dos_partners_2022-05-04.csv"):
        for row in _read_csv(folder / path):
            org_id = add_partner(row)
            if org_id:
                members[row["Projet.Code_Decision_ANR"]].append(org_id)
    pia = {}
    for row in _read_csv(folder / "anr_pia_dgpie_projects_2022-05-12.csv"):
        pia[row["Projet.Code_Decision_ANR"]] = row
    for code, participants in members.items():
        row = pia.get(code)
        match = re.match(r"ANR-(\d\d)-", code)
        if row is not None:
            year = int(float(row["Action.Edition"]))
            title = row["Projet.Titre.Francais"] or ""
            summary = row["Projet.Resume.Francais"] or ""
        elif match:
            year, title, summary = 2000 + int(match.group(1)), "", ""
        else:
            continue
        dataset.projects.append(
            Project(
                id=code,
                title=title,
                summary=summary,
                lang="fr" if summary else None,
                year=year,
                participants=tuple(dict.fromkeys(participants)),
            )
        )
    return dataset


# ------------------------------------------------------------------ cases and leakage


def make_cases(
    history: list[Project],
    tests: Iterable[Project],
    rng: random.Random,
    *,
    lang: str,
    limit: int,
    hide: Callable[[Project, set[str]], list[tuple[str, Filters]]] | None = None,
) -> list[Case]:
    """Hold out one known participant per test project (a random one unless `hide` says
    which, with which filters). Known = took part in a history project."""
    known = {org for project in history for org in project.participants}
    cases = []
    for project in tests:
        participants = list(project.participants)
        if len(participants) < 2:
            continue
        choices = (
            hide(project, known)
            if hide
            else [(rng.choice(sorted(p for p in participants if p in known)), Filters())]
            if any(p in known for p in participants)
            else []
        )
        for hidden, filters in choices:
            partners = tuple(p for p in participants if p != hidden)
            text = ". ".join(t for t in (project.title, project.summary) if t)
            cases.append(Case(project.id, text, lang, partners, hidden, filters))
        if len(cases) >= limit:
            break
    return cases[:limit]


def assert_no_leak(index_projects: dict[str, Project], cases: list[Case], split_year: int) -> None:
    """Fail loudly if a held-out link can be seen by the matcher."""
    case_projects = {case.project for case in cases}
    for project in index_projects.values():
        assert project.id not in case_projects, f"test project {project.id} is in the history"
        assert project.year is None or project.year < split_year, (
            f"project {project.id} of {project.year} is after the split"
        )
    for case in cases:
        assert case.hidden not in case.partners, f"{case.project}: hidden org given as partner"


def assert_descriptions_from_history(organisations: Iterable[Organisation]) -> None:
    """The organisations carry no text of their own: everything the matcher knows about what
    they do comes from the history projects (checked by `assert_no_leak`)."""
    for org in organisations:
        assert not org.descriptions and not org.keywords, f"{org.id} has its own text"


# ------------------------------------------------------------------ baselines


class BM25Baseline:
    """bm25s with Snowball stemming and stopwords over the same organisation documents."""

    def __init__(self, index: MatchingIndex, lang: str):
        self.lang = lang
        stemmer_name = {"fr": "french", "en": "english"}[lang]
        self.stemmer = Stemmer.Stemmer(stemmer_name)
        texts: dict[str, list[str]] = defaultdict(list)
        for org in index.organisations.values():
            texts[org.id].append(" ".join((org.name, *org.aliases)))
        for project in index.projects.values():
            text = " ".join(t for t in (project.title, project.summary) if t)
            if text:
                for org_id in project.participants:
                    if org_id in index.organisations:
                        texts[org_id].append(text)
        self.ids = sorted(texts)
        corpus = [" ".join(texts[org_id]) for org_id in self.ids]
        stop = "en" if lang == "en" else "fr"
        tokens = bm25s.tokenize(corpus, stopwords=stop, stemmer=self.stemmer, show_progress=False)
        self.retriever = bm25s.BM25()
        self.retriever.index(tokens, show_progress=False)
        self.vocabulary = tokens.vocab
        self.organisations = index.organisations

    def rank(self, case: Case, top: int) -> list[str]:
        """Organisation ids, best first, for the case's text."""
        stop = "en" if self.lang == "en" else "fr"
        words = bm25s.tokenize(
            [case.text], stopwords=stop, stemmer=self.stemmer, return_ids=False, show_progress=False
        )[0]
        words = [w for w in dict.fromkeys(words) if w in self.retriever.vocab_dict]
        if not words:
            return []
        scores = self.retriever.get_scores(words)
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        ranking = []
        for row in order:
            if scores[row] <= 0:
                break
            org_id = self.ids[row]
            if org_id in case.partners or not _passes(self.organisations[org_id], case.filters):
                continue
            ranking.append(org_id)
            if len(ranking) == top:
                break
        return ranking


class NetworkBaseline:
    """Rank organisations by the number of past projects shared with the given partners."""

    def __init__(self, index: MatchingIndex):
        self.by_org: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for project in index.projects.values():
            for org_id in project.participants:
                self.by_org[org_id].append(project.participants)
        self.organisations = index.organisations

    def rank(self, case: Case, top: int) -> list[str]:
        """Organisation ids, best first, for the case's partners."""
        counts: Counter[str] = Counter()
        for partner in case.partners:
            for participants in self.by_org.get(partner, ()):
                for other in participants:
                    if other != partner:
                        counts[other] += 1
        ranked = sorted(counts, key=lambda o: (-counts[o], -len(self.by_org[o]), o))
        return [
            o
            for o in ranked
            if o not in case.partners
            and o in self.organisations
            and _passes(self.organisations[o], case.filters)
        ][:top]


def _passes(org: Organisation, filters: Filters) -> bool:
    if filters.country and org.country not in filters.country:
        return False
    return not (filters.region and not any(org.region.startswith(r) for r in filters.region))


# ------------------------------------------------------------------ evaluation


def evaluate(rank: Callable[[Case], list[str]], cases: list[Case]) -> dict[str, float]:
    """recall@1, recall@10 and MRR@10 of `rank` over `cases`, with per-query latencies."""
    hits1 = hits10 = 0
    reciprocal = 0.0
    latencies = []
    for case in cases:
        started = time.perf_counter()
        ranking = rank(case)[:10]
        latencies.append((time.perf_counter() - started) * 1000)
        if case.hidden in ranking:
            position = ranking.index(case.hidden) + 1
            hits1 += position == 1
            hits10 += 1
            reciprocal += 1 / position
    n = len(cases) or 1
    latencies.sort()
    return {
        "n": len(cases),
        "recall@1": round(hits1 / n, 4),
        "recall@10": round(hits10 / n, 4),
        "mrr@10": round(reciprocal / n, 4),
        "p50_ms": round(statistics.median(latencies), 2) if latencies else 0.0,
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 2) if latencies else 0.0,
    }


def _case_query(case: Case) -> Query:
    return Query(
        id=case.project,
        text=case.text,
        lang=case.lang,
        partners=case.partners,
        filters=case.filters,
        direction="cooperation",
    )


# The signals the engine fuses by a weighted sum (the columns of its shortlist).
FUSED_SIGNALS = (
    "lexical", "concepts", "network", "similar_projects", "track_record", "second_order",
    "proximity", "name_affinity", "sector", "activity", "partner_kind", "complement",
)  # fmt: skip
CEILING_GRID = (0.0, 0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 2.0, 3.0, 5.0)


def fusion_ceiling(index: MatchingIndex, cases: list[Case]) -> dict[str, object]:
    """How far re-weighting the engine's signals could go on these very cases: the weights
    are fitted by coordinate ascent (3 rounds over `CEILING_GRID`) to maximise recall@10 on
    the reported cases themselves, so the figure is an upper bound of what tuning the fusion
    could give with the same signals, not a result."""
    names = list(FUSED_SIGNALS)
    matrices: list[tuple[np.ndarray, int, np.ndarray, np.ndarray] | None] = []
    reached = 0
    for case in cases:
        vector = index._query_vector(_case_query(case))
        shortlist = index._shortlist(vector, 2000)
        if shortlist is None or case.hidden not in shortlist.org_ids:
            matrices.append(None)
            continue
        reached += 1
        scale = {
            "network": shortlist.network_weight / index.weights.network,
            "second_order": shortlist.second_weight / max(index.weights.second_order, 1e-9),
        }
        scales = np.array([scale.get(n, 1.0) for n in names])
        matrix = np.stack([shortlist.columns[n] for n in names], 1) * scales
        position = shortlist.org_ids.index(case.hidden)
        before = np.array([org < case.hidden for org in shortlist.org_ids])
        matrices.append((matrix, position, before, scales))

    def recall(weights: np.ndarray) -> tuple[float, float]:
        hits, reciprocal = 0, 0.0
        for item in matrices:
            if item is None:
                continue
            matrix, position, before, scales = item
            # Scored as the engine scores: the weighted mean, rounded, ties by id.
            fused = np.round(matrix @ weights / (float(scales @ weights) or 1.0), 4)
            rank = int(
                (fused > fused[position]).sum() + ((fused == fused[position]) & before).sum()
            )
            if rank < 10:
                hits += 1
                reciprocal += 1 / (rank + 1)
        return hits / max(len(cases), 1), reciprocal / max(len(cases), 1)

    weights = np.array([getattr(index.weights, n) for n in names])
    # Signals that are zero everywhere (not computed at their default weight of 0) are left.
    varying = [
        column
        for column in range(len(names))
        if any(item is not None and item[0][:, column].any() for item in matrices)
    ]
    start = recall(weights)
    best = start
    for _ in range(3):
        for column in varying:
            for value in CEILING_GRID:
                trial = weights.copy()
                trial[column] = value
                found = recall(trial)
                if found > best:
                    best, weights = found, trial
    return {
        "signals_reach_hidden": round(reached / max(len(cases), 1), 4),
        "recall@10_default_weights": round(start[0], 4),
        "recall@10_weights_fitted_on_these_cases": round(best[0], 4),
        "mrr@10_weights_fitted_on_these_cases": round(best[1], 4),
        "fitted_weights": {
            name: float(value)
            for name, value in zip(names, weights.tolist(), strict=True)
            if value != getattr(index.weights, name)
        },
    }


def evidence_reach(index: MatchingIndex, cases: list[Case]) -> dict[str, float]:
    """What the cooperation history says about each hidden organisation, as shares of cases:
    - `tied`: it shared a past project with at least one of the given partners;
    - `tied_outranked_by_breadth`: tied, but at least 10 other admissible organisations (not
      partners, passing the filters) are tied to more of the given partners than it is;
    - `two_hops_only`: not tied, but it worked with an organisation that worked with a partner;
    - `no_path`: neither.
    `tied` minus `tied_outranked_by_breadth` is what ranking by the partners' ties can bring
    into the top 10; the other cases need evidence from elsewhere (text, place, name)."""
    coworkers: dict[str, set[str]] = defaultdict(set)
    for project in index.projects.values():
        for org_id in project.participants:
            coworkers[org_id].update(project.participants)
    for org_id, others in coworkers.items():
        others.discard(org_id)
    counts: Counter[str] = Counter()
    for case in cases:
        partners = set(case.partners)
        breadth = len(coworkers[case.hidden] & partners)
        if breadth:
            counts["tied"] += 1
            pool = {o for p in partners for o in coworkers[p]} - partners - {case.hidden}
            above = sum(
                1
                for o in pool
                if len(coworkers[o] & partners) > breadth
                and o in index.organisations
                and _passes(index.organisations[o], case.filters)
            )
            counts["tied_outranked_by_breadth"] += above >= 10
        elif any(coworkers[case.hidden] & coworkers[p] for p in partners):
            counts["two_hops_only"] += 1
        else:
            counts["no_path"] += 1
    n = max(len(cases), 1)
    names = ("tied", "tied_outranked_by_breadth", "two_hops_only", "no_path")
    return {name: round(counts[name] / n, 4) for name in names}


def run_set(
    name: str,
    index: MatchingIndex,
    cases: list[Case],
    lang: str,
    split_year: int,
    ceiling: bool = False,
) -> dict[str, object]:
    """Evaluate the engine and both baselines on one set of cases."""
    assert_no_leak(index.projects, cases, split_year)
    assert_descriptions_from_history(index.organisations.values())
    started = time.perf_counter()
    bm25 = BM25Baseline(index, lang)
    network = NetworkBaseline(index)
    baseline_build = time.perf_counter() - started

    found: dict[str, set[int]] = {"jumelage": set(), "network": set()}

    def engine(case: Case) -> list[str]:
        ranking = [result.org for result in index.recommend(_case_query(case), top=10)]
        if case.hidden in ranking:
            found["jumelage"].add(id(case))
        return ranking

    def co_participation(case: Case) -> list[str]:
        ranking = network.rank(case, 10)
        if case.hidden in ranking:
            found["network"].add(id(case))
        return ranking

    report: dict[str, object] = {
        "set": name,
        "organisations": len(index.organisations),
        "history_projects": len(index.projects),
        "baseline_build_s": round(baseline_build, 1),
        "jumelage": evaluate(engine, cases),
        "bm25": evaluate(lambda case: bm25.rank(case, 10), cases),
        "network": evaluate(co_participation, cases),
    }
    # Found in the top 10 by the engine or by the co-participation baseline.
    report["recall@10_engine_or_network"] = round(
        len(found["jumelage"] | found["network"]) / max(len(cases), 1), 4
    )
    report["evidence_reach"] = evidence_reach(index, cases)
    if ceiling:
        report["fusion_ceiling"] = fusion_ceiling(index, cases)
    best = max(report["bm25"]["recall@10"], report["network"]["recall@10"])  # type: ignore[index]
    ours = report["jumelage"]["recall@10"]  # type: ignore[index]
    report["ratio_recall@10_vs_best_baseline"] = round(ours / best, 3) if best else None
    return report


def _split(
    projects: list[Project], split_year: int, test_years: set[int]
) -> tuple[list[Project], list[Project]]:
    history = [p for p in projects if p.year is not None and p.year < split_year]
    tests = [p for p in projects if p.year in test_years]
    return history, tests


def _index_for(dataset: Dataset, history: list[Project]) -> tuple[MatchingIndex, float]:
    started = time.perf_counter()
    index = build_index(dataset.organisations.values(), history)
    return index, time.perf_counter() - started


def english_set(
    cordis: Dataset, limit: int, dev: bool, seed: int
) -> tuple[MatchingIndex, list[Case], float]:
    """H2020: history before 2016, tests started in 2016."""
    history, tests = _split(cordis.projects, 2016, {2016, 2017})
    rng = random.Random(seed)
    tests.sort(key=lambda p: p.id)
    rng.shuffle(tests)
    # The first 300 shuffled projects are the development slice used to tune weights; the
    # reported figures come from the others.
    tests = tests[:300] if dev else tests[300:]
    index, build_seconds = _index_for(cordis, history)
    return index, make_cases(history, tests, rng, lang="en", limit=limit), build_seconds


def french_set(
    anr: Dataset, limit: int, dev: bool, seed: int
) -> tuple[MatchingIndex, list[Case], float]:
    """ANR: history before 2011, tests from 2011 with a French abstract."""
    history, tests = _split(anr.projects, 2011, set(range(2011, 2030)))
    tests = [p for p in tests if p.summary]
    rng = random.Random(seed)
    tests.sort(key=lambda p: p.id)
    rng.shuffle(tests)
    tests = tests[:50] if dev else tests[50:]
    index, build_seconds = _index_for(anr, history)
    return index, make_cases(history, tests, rng, lang="fr", limit=limit), build_seconds


def paca_russia_set(
    cordis: Dataset, paca: set[str], dev: bool = False, limit: int = 10**6
) -> tuple[MatchingIndex, list[Case], float]:
    """Projects with a PACA and a Russian participant. H2020 ones of 2016 are tested against
    the pre-2016 history; FP7 ones are left out of the history (leave-one-project-out).

    The development slice (`dev`) is built the same way from the projects joining a Russian
    and a French organisation outside PACA (none in PACA): the French side is sought with a
    filter on France and its own NUTS 2 region, as the PACA side is on PACA."""
    russian = {o.id for o in cordis.organisations.values() if o.country == "RU"}
    french = {o.id for o in cordis.organisations.values() if o.country == "FR"} - paca
    regional = {o for o in french if len(cordis.organisations[o].region) >= 4}
    side = regional if dev else paca

    def joint(project: Project) -> bool:
        members = set(project.participants)
        if dev and members & paca:
            return False
        return bool(members & side) and bool(members & russian)

    fp7_tests = [p for p in cordis.projects if p.id.startswith("fp7:") and joint(p)]
    h2020_tests = [p for p in cordis.projects if p.year in (2016, 2017) and joint(p)]
    excluded = {p.id for p in fp7_tests}
    history = [
        p for p in cordis.projects if p.year is not None and p.year < 2016 and p.id not in excluded
    ]

    def hide(project: Project, known: set[str]) -> list[tuple[str, Filters]]:
        choices = []
        for org in sorted(set(project.participants) & russian & known)[:1]:
            choices.append((org, Filters(country=("RU",))))
        for org in sorted(set(project.participants) & side & known)[:1]:
            region = "FRL" if not dev else cordis.organisations[org].region[:4]
            choices.append((org, Filters(country=("FR",), region=(region,))))
        return choices

    index, build_seconds = _index_for(cordis, history)
    tests = fp7_tests + h2020_tests
    if dev:
        random.Random(0).shuffle(tests)
    cases = make_cases(history, tests, random.Random(0), lang="en", limit=limit, hide=hide)
    for case in cases:
        if not case.text:
            # FP7 projects have no text in this data: the query says only who is looking.
            case.text = ""
    return index, cases, build_seconds


# ------------------------------------------------------------------ scale


def scale_test(
    cordis: Dataset, target: int, sample: int, seed: int, batch: int = 2000, full: bool = False
) -> dict[str, object]:
    """Build an index of `target` organisations and time a full recomputation on samples.

    Real organisations are cloned until `target` is reached; each clone gets a fresh id and
    a description made of the texts of three random real H2020 projects, so documents have
    realistic lengths and vocabulary. Clones share no history (no network).

    Measured in the same run: the index build with 2 worker processes and with 1 (on the
    first 20% of the organisations when not timing the full build twice), one
    `recommend_for_org` at a time and `recommend_all` over a larger sample with 1 and 2
    processes (checked to give the same results), single queries, one incremental update,
    its journal save and a full save."""
    rng = random.Random(seed)
    texts = [p.title for p in cordis.projects if p.title]
    real = list(cordis.organisations.values())
    projects = [p for p in cordis.projects if p.year is not None and p.year < 2016]
    organisations = list(real)
    while len(organisations) < target:
        source = real[len(organisations) % len(real)]
        organisations.append(
            Organisation(
                id=f"{source.id}#{len(organisations)}",
                name=source.name,
                country=source.country,
                kind=source.kind,
                descriptions={"en": " ".join(rng.sample(texts, 3))},
            )
        )
    organisations = organisations[:target]
    part = organisations[: target // 5]
    started = time.perf_counter()
    build_index(part, projects, processes=1)
    part_1 = time.perf_counter() - started
    started = time.perf_counter()
    build_index(part, projects, processes=2)
    part_2 = time.perf_counter() - started
    started = time.perf_counter()
    index = build_index(organisations, projects, processes=2)
    build_seconds = time.perf_counter() - started
    # The 1-process build is estimated from the 2-process one and the ratio on the 20% part.
    build_1 = build_seconds * part_1 / part_2
    ids = rng.sample(sorted(index.organisations), max(sample, batch))
    started = time.perf_counter()
    single = {org_id: index.recommend_for_org(org_id, top=10) for org_id in ids[:sample]}
    per_org = (time.perf_counter() - started) / sample
    started = time.perf_counter()
    batch_1 = dict(index.recommend_all(ids[:batch], top=10, processes=1))
    per_org_batch_1 = (time.perf_counter() - started) / batch
    started = time.perf_counter()
    batch_2 = dict(index.recommend_all(ids[:batch], top=10, processes=2))
    per_org_batch_2 = (time.perf_counter() - started) / batch
    same = all(
        [r.org for r in single[org_id]] == [r.org for r in batch_1[org_id]]
        and [r.org for r in batch_1[org_id]] == [r.org for r in batch_2[org_id]]
        for org_id in ids[:sample]
    )
    query_latencies = []
    for _ in range(200):
        query = Query(text=rng.choice(texts), lang="en")
        started = time.perf_counter()
        index.recommend(query, top=10)
        query_latencies.append((time.perf_counter() - started) * 1000)
    query_latencies.sort()
    with tempfile.TemporaryDirectory() as directory:
        started = time.perf_counter()
        index.save(directory)
        full_save = time.perf_counter() - started
        started = time.perf_counter()
        index.upsert_organisation(
            Organisation(
                id="new", name="New photonics SME", country="FR", descriptions={"fr": "lasers"}
            )
        )
        update_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        incremental = index.save_changes(directory)
        journal_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        after_update = index.recommend(Query(text=rng.choice(texts), lang="en"), top=10)
        query_after_update_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        MatchingIndex.load(directory)
        load_seconds = time.perf_counter() - started
    measured: dict[str, object] = {}
    if full:
        # The real thing rather than an estimate: every organisation's recommendations with
        # 2 worker processes, after the 2-process build timed above.
        started = time.perf_counter()
        done = 0
        for _ in tqdm(
            index.recommend_all(top=10, processes=2),
            total=len(index.organisations),
            desc="full recomputation",
            unit="org",
            mininterval=5,
        ):
            done += 1
        recommend_seconds = time.perf_counter() - started
        measured = {
            "full_recomputation_measured_recommend_s_2_processes": round(recommend_seconds, 1),
            "full_recomputation_measured_s_2_cores": round(build_seconds + recommend_seconds, 1),
            "full_recomputation_measured_organisations": done,
        }
    full_estimate = build_seconds + per_org_batch_1 * target
    return {
        **measured,
        "organisations": len(index.organisations),
        "history_projects": len(projects),
        "build_s_2_processes": round(build_seconds, 1),
        "build_s_1_process_estimate": round(build_1, 1),
        "build_ratio_1_vs_2_processes_on_20pct": round(part_1 / part_2, 2),
        "recommend_for_org_ms": round(per_org * 1000, 2),
        "recommend_all_ms_per_org_1_process": round(per_org_batch_1 * 1000, 2),
        "recommend_all_ms_per_org_2_processes": round(per_org_batch_2 * 1000, 2),
        "recommend_all_sample": batch,
        "batch_results_identical_to_single": same,
        "full_recomputation_estimate_s_1_core": round(build_1 + per_org_batch_1 * target, 1),
        "full_recomputation_estimate_s_2_cores": round(build_seconds + per_org_batch_2 * target, 1),
        "full_recomputation_estimate_s_1_process_recommend_2_process_build": round(
            full_estimate, 1
        ),
        "query_p50_ms": round(statistics.median(query_latencies), 2),
        "query_p95_ms": round(query_latencies[int(0.95 * (len(query_latencies) - 1))], 2),
        "single_update_ms": round(update_ms, 2),
        "update_saved_to_journal": incremental,
        "journal_save_ms": round(journal_ms, 2),
        "full_save_s": round(full_save, 1),
        "full_save_vs_journal_save_ratio": round(full_save * 1000 / max(journal_ms, 1e-3), 1),
        "query_after_update_ms": round(query_after_update_ms, 2),
        "query_after_update_results": len(after_update),
        "load_with_journal_s": round(load_seconds, 1),
    }


def main() -> None:
    """Run the benchmark and write bench/results/matching-<mode>.json."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="few cases, small scale test")
    parser.add_argument("--cases", type=int, default=500, help="cases per set (default 500)")
    parser.add_argument("--dev", action="store_true", help="evaluate on the tuning slice")
    parser.add_argument("--skip-scale", action="store_true", help="skip the 100k-org timing")
    parser.add_argument("--scale-only", action="store_true", help="only the 100k-org timing")
    parser.add_argument(
        "--scale-orgs", type=int, default=100_000, help="organisations of --scale-only"
    )
    parser.add_argument(
        "--full-recomputation",
        action="store_true",
        help="with --scale-only: also recommend for every organisation (2 processes), timed",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--ceiling",
        action="store_true",
        help="also fit the fusion weights on the reported cases (an upper bound, not a result)",
    )
    parser.add_argument(
        "--sets",
        default="en,fr,paca_ru",
        help="comma-separated sets to run among en, fr, paca_ru (default all)",
    )
    args = parser.parse_args()
    chosen = {name.strip() for name in args.sets.split(",") if name.strip()}
    unknown = chosen - {"en", "fr", "paca_ru"}
    if unknown:
        parser.error(f"--sets: unknown set(s) {', '.join(sorted(unknown))}")
    if not DATA.exists():
        print(f"skipped: {DATA} not found")
        return
    limit = 40 if args.smoke else args.cases
    report: dict[str, object] = {"mode": "smoke" if args.smoke else ("dev" if args.dev else "full")}
    if chosen != {"en", "fr", "paca_ru"}:
        report["only"] = sorted(chosen)
    started = time.perf_counter()
    need_cordis = args.scale_only or bool(chosen & {"en", "paca_ru"}) or not args.skip_scale
    cordis, paca = load_cordis() if need_cordis else (Dataset(), set())
    anr = load_anr() if "fr" in chosen else Dataset()
    report["load_s"] = round(time.perf_counter() - started, 1)
    if args.scale_only:
        report["mode"] = "scale"
        report["scale"] = scale_test(
            cordis, args.scale_orgs, 500, args.seed, full=args.full_recomputation
        )
        print("scale:", json.dumps(report["scale"]))
        _write(report)
        return
    sets = []
    if "en" in chosen:
        index, cases, build_seconds = english_set(cordis, limit, args.dev, args.seed)
        result = run_set("en (H2020 2016, topic texts)", index, cases, "en", 2016, args.ceiling)
        result["index_build_s"] = round(build_seconds, 1)
        sets.append(result)
        _print(result)
        del index
    if "fr" in chosen:
        index, cases, build_seconds = french_set(anr, limit, args.dev, args.seed)
        result = run_set(
            "fr (ANR PIA 2011+, French abstracts)", index, cases, "fr", 2011, args.ceiling
        )
        result["index_build_s"] = round(build_seconds, 1)
        sets.append(result)
        _print(result)
        del index
    if "paca_ru" in chosen:
        index, cases, build_seconds = paca_russia_set(
            cordis, paca, args.dev, limit if args.dev else 10**6
        )
        name = (
            "paca_ru dev (FP7 + H2020, France outside PACA and Russia)"
            if args.dev
            else ("paca_ru (FP7 + H2020, PACA and Russia)")
        )
        result = run_set(name, index, cases, "en", 2016, args.ceiling)
        result["index_build_s"] = round(build_seconds, 1)
        result["cases_with_text"] = sum(1 for case in cases if case.text)
        sets.append(result)
        _print(result)
        del index
    report["sets"] = sets
    if not args.skip_scale and not args.dev:
        target, sample, batch = (20_000, 100, 400) if args.smoke else (100_000, 500, 2000)
        report["scale"] = scale_test(cordis, target, sample, args.seed, batch)
        print("scale:", json.dumps(report["scale"]))
    _write(report)


def _write(report: dict[str, object]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    suffix = "-" + "-".join(report["only"]) if report.get("only") else ""  # type: ignore[arg-type]
    out = RESULTS / f"matching-{report['mode']}{suffix}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {out.relative_to(ROOT)}")


def _print(result: dict[str, object]) -> None:
    print(
        f"\n== {result['set']}: {result['jumelage']['n']} cases, "  # type: ignore[index]
        f"{result['organisations']} organisations, {result['history_projects']} history projects"
    )
    for name in ("jumelage", "bm25", "network"):
        metrics = result[name]
        print(
            f"  {name:9s} R@1 {metrics['recall@1']:.3f}  R@10 {metrics['recall@10']:.3f}  "  # type: ignore[index]
            f"MRR@10 {metrics['mrr@10']:.3f}  p50 {metrics['p50_ms']:.1f} ms  p95 {metrics['p95_ms']:.1f} ms"  # type: ignore[index]
        )
    print(f"  recall@10 ratio vs best baseline: {result['ratio_recall@10_vs_best_baseline']}")
    print(
        f"  recall@10 of the engine or the network baseline: {result['recall@10_engine_or_network']}"
    )
    reach = result["evidence_reach"]
    print(
        "  hidden organisation tied to a partner: {tied:.3f} (outranked by >= 10 on breadth of"
        " ties: {tied_outranked_by_breadth:.3f}); two hops only: {two_hops_only:.3f}; no path:"
        " {no_path:.3f}".format(**reach)  # type: ignore[arg-type]
    )
    if "fusion_ceiling" in result:
        print(f"  fusion ceiling: {json.dumps(result['fusion_ceiling'])}")


if __name__ == "__main__":
    main()
