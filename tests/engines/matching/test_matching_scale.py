"""The scale path of the matching engine gives the results of the per-query path: compiled BM25
against bm25s, batch recomputation against one call at a time, parallel builds against serial
ones, and journal saves against full saves."""

import dataclasses
import json
import random
import signal
from collections import Counter

import bm25s
import numpy as np
import pytest

from jumelage.engines.matching import (
    Filters,
    MatchingIndex,
    Organisation,
    Profile,
    Project,
    Query,
    build_index,
)
from jumelage.engines.matching import index as index_module
from jumelage.engines.matching.lexical import LexicalSegment

WORDS = [
    "laser",
    "optics",
    "satellite",
    "ground",
    "segment",
    "vaccine",
    "biobank",
    "software",
    "cloud",
    "security",
    "sensor",
    "photonics",
    "imaging",
    "robot",
    "welding",
    "telescope",
    "drone",
    "battery",
    "hydrogen",
    "genome",
    "clinical",
]


def random_documents(count: int, seed: int = 3) -> dict[str, Counter[str]]:
    rng = random.Random(seed)
    return {
        f"d{number:03d}": Counter(rng.choices(WORDS, k=rng.randint(3, 25)))
        for number in range(count)
    }


def top_ten(scores: dict[str, float]) -> list[str]:
    return [doc for doc, _ in sorted(scores.items(), key=lambda item: (-item[1], item[0]))][:10]


@pytest.mark.parametrize("query", [["laser"], ["laser", "optics", "genome"], WORDS[:12]])
def test_compiled_bm25_gives_the_scores_and_top_ten_of_bm25s(query):
    documents = random_documents(400)
    segment = LexicalSegment("en")
    for doc_id, terms in documents.items():
        segment.set(doc_id, terms)
    segment.rebuild()
    ids = sorted(documents)
    reference = bm25s.BM25(k1=1.5, b=0.75, method="lucene")
    reference.index([list(documents[doc_id].elements()) for doc_id in ids], show_progress=False)
    expected = reference.get_scores(query)
    ours = segment.scores(query, limit=len(ids))
    assert np.allclose([ours.get(doc_id, 0.0) for doc_id in ids], expected, rtol=1e-5)
    expected_scores = {doc_id: float(s) for doc_id, s in zip(ids, expected, strict=True) if s > 0}
    assert top_ten(ours) == top_ten(expected_scores)


def test_compiled_bm25_with_a_delta_scores_like_a_full_compilation():
    documents = random_documents(300)
    segment = LexicalSegment("en")
    for doc_id, terms in documents.items():
        segment.set(doc_id, terms)
    segment.rebuild()
    segment.set("d001", Counter({"zeppelin": 2, "laser": 1}))
    segment.set("new", Counter({"laser": 4, "optics": 1}))
    segment.remove("d002")
    query = ["laser", "zeppelin", "optics"]
    with_delta = segment.scores(query, limit=20)
    assert {"d001", "new"} <= with_delta.keys() and "d002" not in with_delta
    segment.rebuild()
    compiled = segment.scores(query, limit=20)
    assert with_delta.keys() == compiled.keys()
    # Only the mean document length moved (it is taken at compilation).
    for doc_id, score in compiled.items():
        assert with_delta[doc_id] == pytest.approx(score, rel=5e-3)


def test_segment_matrix_is_saved_and_reloaded(tmp_path):
    segment = LexicalSegment("en")
    for doc_id, terms in random_documents(50).items():
        segment.set(doc_id, terms)
    segment.save(tmp_path / "seg")
    loaded = LexicalSegment("en")
    for doc_id, terms in random_documents(50).items():
        loaded.set(doc_id, terms)
    loaded.load_main(tmp_path / "seg")
    assert not loaded._dirty
    assert loaded.scores(["laser", "genome"], 50) == segment.scores(["laser", "genome"], 50)


def synthetic_directory(count: int = 120) -> tuple[list[Organisation], list[Project]]:
    rng = random.Random(11)
    countries = ["FR", "RU", "DE"]
    organisations = [
        Organisation(
            id=f"org{number:03d}",
            name=f"Organisation {number}",
            country=countries[number % 3],
            kind=["sme", "university", "research_lab"][number % 3],
            descriptions={"en": " ".join(rng.choices(WORDS, k=rng.randint(5, 30)))},
        )
        for number in range(count)
    ]
    projects = [
        Project(
            id=f"p{number}",
            title=" ".join(rng.choices(WORDS, k=6)),
            lang="en",
            participants=tuple(sorted(o.id for o in rng.sample(organisations, rng.randint(2, 6)))),
        )
        for number in range(60)
    ]
    return organisations, projects


def ranking(results) -> list[tuple[str, float, list[str]]]:
    return [(r.org, r.score, [reason.code for reason in r.reasons]) for r in results]


@pytest.mark.parametrize("processes", [1, 2])
def test_batch_recomputation_gives_the_top_ten_of_one_call_at_a_time(processes):
    organisations, projects = synthetic_directory()
    index = build_index(organisations, projects)
    expected = {o.id: ranking(index.recommend_for_org(o.id, top=10)) for o in organisations}
    batch = list(index.recommend_all(top=10, processes=processes, chunk_size=16))
    assert [org_id for org_id, _ in batch] == [o.id for o in organisations]
    assert {org_id: ranking(results) for org_id, results in batch} == expected
    assert any(expected.values())


def test_a_build_over_worker_processes_equals_a_serial_build(monkeypatch, make_directory):
    organisations, projects = synthetic_directory()
    serial = build_index(organisations, projects)
    monkeypatch.setattr(index_module, "_ANALYSIS_CHUNK", 7)
    seen = []
    parallel = build_index(organisations, projects, processes=2, progress=seen.append)
    assert seen[-1] == len(organisations) and seen == sorted(seen)
    for org in organisations[:40]:
        assert ranking(parallel.recommend_for_org(org.id)) == ranking(
            serial.recommend_for_org(org.id)
        )
    query = Query(text="laser welding robot", filters=Filters(country=("FR",)))
    assert ranking(parallel.recommend(query)) == ranking(serial.recommend(query))


def test_filters_follow_updates_of_a_cached_filter():
    organisations, projects = synthetic_directory()
    index = build_index(organisations, projects)
    query = Query(text="zeppelin hangar", filters=Filters(country=("FR",)))
    assert index.recommend(query) == []
    index.upsert_organisation(
        Organisation(id="zep", name="Zeppelin", country="FR", descriptions={"en": "zeppelin"})
    )
    assert [r.org for r in index.recommend(query)] == ["zep"]
    index.upsert_organisation(
        Organisation(id="zep", name="Zeppelin", country="DE", descriptions={"en": "zeppelin"})
    )
    assert index.recommend(query) == []


def test_filter_masks_agree_with_each_organisation_before_and_after_changes():
    """Filters are decided once per (country, region, kind); the masks must say what
    checking every organisation would, also for organisations added, changed or removed."""
    organisations, projects = synthetic_directory()
    organisations = [
        dataclasses.replace(org, region=["FRL04", "FRL0", "FR10", ""][number % 4])
        for number, org in enumerate(organisations)
    ]
    index = build_index(organisations, projects)
    filters = [
        Filters(country=("fr",)),
        Filters(country=("RU", "DE"), kind=("sme",)),
        Filters(region=("frl",)),
        Filters(country=("FR",), region=("FRL04", "FR1"), kind=("university", "sme")),
    ]

    def expected(f: Filters) -> list[bool]:
        return [index._passes(org_id, f) for org_id in index._slot_ids]

    for f in filters:
        assert index._filter_mask(f).tolist() == expected(f)
    assert any(index._filter_mask(filters[3])) and not all(index._filter_mask(filters[3]))
    index.upsert_organisation(
        Organisation(id="org001", name="Moved", country="FR", region="FRL04", kind="sme")
    )
    index.upsert_organisation(Organisation(id="brand-new", name="New", country="RU", kind="sme"))
    index.remove_organisation("org002")
    # Filters first asked after the changes, as well as the cached ones.
    moved = Filters(country=("FR",), region=("FRL04",), kind=("sme",))
    for f in [*filters, moved, Filters(country=("RU",), kind=("sme",))]:
        assert index._filter_mask(f).tolist() == expected(f)
    assert index._filter_mask(moved)[index._slot("org001")]
    assert index._filter_mask(filters[0])[index._slot("org001")]
    assert not index._filter_mask(filters[1])[index._slot("org002")]


QUERIES = [
    Query(text="laser optics telescope"),
    Query(text="vaccine biobank clinical", filters=Filters(country=("RU",))),
    Query(text="satellite ground segment", partners=("org003",)),
]


def answers(index: MatchingIndex) -> list[list[tuple[str, float, list[str]]]]:
    return [ranking(index.recommend(query)) for query in QUERIES]


def change(index: MatchingIndex) -> None:
    index.upsert_organisation(
        Organisation(
            id="new", name="New", country="RU", descriptions={"en": "vaccine biobank clinical"}
        )
    )
    index.upsert_profile(
        Profile(id="offer:new", org="new", direction="offer", title="Vaccine biobank")
    )
    index.remove_organisation("org007")
    index.remove_project("p3")
    index.upsert_project(
        Project(id="p99", title="satellite ground", participants=("org003", "org050"))
    )


def test_changes_are_appended_to_the_journal_and_replayed_on_load(tmp_path):
    organisations, projects = synthetic_directory()
    index = build_index(organisations, projects)
    index.save(tmp_path / "index")
    records = (tmp_path / "index" / "records.jsonl.gz").stat().st_mtime_ns
    change(index)
    assert index.save_changes(tmp_path / "index") is True
    assert (tmp_path / "index" / "records.jsonl.gz").stat().st_mtime_ns == records
    assert len((tmp_path / "index" / "journal.jsonl").read_text().splitlines()) >= 5
    loaded = MatchingIndex.load(tmp_path / "index")
    assert answers(loaded) == answers(index)
    assert loaded.organisations == index.organisations
    assert loaded.profiles == index.profiles and loaded.projects == index.projects
    # Nothing new: nothing appended.
    size = (tmp_path / "index" / "journal.jsonl").stat().st_size
    assert loaded.save_changes(tmp_path / "index") is True
    assert (tmp_path / "index" / "journal.jsonl").stat().st_size == size


def test_another_process_catches_up_with_the_journal(tmp_path):
    organisations, projects = synthetic_directory()
    writer = build_index(organisations, projects)
    writer.save(tmp_path / "index")
    reader = MatchingIndex.load(tmp_path / "index")
    change(writer)
    writer.save_changes(tmp_path / "index")
    journal = tmp_path / "index" / "journal.jsonl"
    with open(journal, "a", encoding="utf-8") as out:
        out.write('{"op": "remove_org", "da')  # a line still being written
    assert reader.refresh(tmp_path / "index") is True
    assert answers(reader) == answers(writer)
    with open(journal, "a", encoding="utf-8") as out:
        out.write('ta": "org011"}\n')
    assert reader.refresh(tmp_path / "index") is True
    assert "org011" not in reader.organisations
    writer.save(tmp_path / "index")
    assert reader.refresh(tmp_path / "index") is False


def test_a_save_elsewhere_or_a_long_journal_writes_everything(tmp_path, monkeypatch):
    organisations, projects = synthetic_directory()
    index = build_index(organisations, projects)
    assert index.save_changes(tmp_path / "a") is False
    index.upsert_organisation(Organisation(id="x", name="X", descriptions={"en": "laser"}))
    assert index.save_changes(tmp_path / "b") is False
    assert "x" in MatchingIndex.load(tmp_path / "b").organisations
    for number in range(1001):
        index.remove_organisation(f"gone{number}")
    assert index.save_changes(tmp_path / "b") is False
    assert not (tmp_path / "b" / "journal.jsonl").exists()


def test_a_corrupt_journal_entry_is_reported_with_its_place(tmp_path):
    organisations, projects = synthetic_directory()
    index = build_index(organisations, projects)
    index.save(tmp_path / "index")
    journal = tmp_path / "index" / "journal.jsonl"
    journal.write_text(
        json.dumps({"op": "remove_org", "data": "org001"}) + "\n" + '{"op": "explode"}\n'
    )
    with pytest.raises(ValueError, match=r"journal.jsonl: entry 2: unknown change 'explode'"):
        MatchingIndex.load(tmp_path / "index")
    journal.write_text("not json\n")
    with pytest.raises(ValueError, match=r"journal.jsonl: entry 1"):
        MatchingIndex.load(tmp_path / "index")


def test_each_score_is_the_weighted_mean_of_its_signals(monkeypatch):
    organisations, projects = synthetic_directory()
    index = build_index(organisations, projects)
    seen: dict[str, dict[str, float]] = {}
    reasons = index._reasons

    def recording(org_id, vector, parts, *args):
        seen[org_id] = dict(parts)
        return reasons(org_id, vector, parts, *args)

    monkeypatch.setattr(index, "_reasons", recording)
    weights = index.weights
    checked = 0
    for org in organisations[:40]:
        seen.clear()
        results = index.recommend_for_org(org.id, top=10)
        network = weights.network * (1 - np.exp(-1 / weights.network_partners))
        second = weights.second_order * network / weights.network
        names = [n for n in seen[results[0].org] if n not in ("network", "second_order")]
        total = network + second + sum(getattr(weights, n) for n in names)
        for result in results:
            parts = seen[result.org]
            fused = network * parts["network"] + second * parts["second_order"]
            fused += sum(getattr(weights, n) * parts[n] for n in names)
            assert result.score == pytest.approx(fused / total, abs=6e-5)
            checked += 1
    assert checked > 100


def test_partners_of_partners_sum_every_coworker_tie():
    organisations, projects = synthetic_directory()
    index = build_index(organisations, projects)
    index.prepare()
    size = len(index._slot_ids)
    weights = index.weights
    for org in organisations[:30]:
        first_hop = np.zeros(size)
        slots, values = index._coworkers(org.id)
        first_hop[slots] = values
        expected = np.zeros(size)
        for middle in np.flatnonzero(first_hop):
            tied, ties = index._coworkers(index._slot_ids[middle])
            np.add.at(
                expected,
                tied,
                first_hop[middle]
                * ties**weights.tie_concavity
                / len(tied) ** weights.partner_degree_damping,
            )
        expected /= expected.max() or 1.0
        assert np.allclose(index._second_order_network(first_hop, size), expected)


def test_prepared_scoring_gives_the_same_scores_to_the_last_bit():
    segment = LexicalSegment("en")
    for doc_id, terms in random_documents(300).items():
        segment.set(doc_id, terms)
    segment.rebuild()
    queries = [["laser"], ["laser", "optics", "genome"], WORDS[:12], WORDS[::-1]]
    plain = [segment.main_scores(query) for query in queries]
    segment.prepare_scoring()
    assert segment._scoring is not None
    assert all(
        np.array_equal(segment.main_scores(query), expected)
        for query, expected in zip(queries, plain, strict=True)
    )
    segment.set("d000", Counter({"laser": 3}))
    assert segment._scoring is None
    changed = segment.main_scores(queries[1])
    segment.prepare_scoring()
    assert np.array_equal(segment.main_scores(queries[1]), changed)


def sigterm_handling(_: int) -> str:
    """What a pool worker does on SIGTERM (run inside the worker)."""
    return "dies" if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL else "carries on"


def test_pool_workers_die_on_sigterm_even_inside_a_task_worker():
    """A task worker (django-tasks' db_worker) catches SIGTERM to stop gracefully; the forks
    of a build or a batch it runs must not inherit that, or the pool's end, which sends them
    SIGTERM, can wait for them for ever."""
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)
    try:
        with index_module._worker_pool(2) as pool:
            handling = pool.map(sigterm_handling, range(4))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert handling == ["dies"] * 4
