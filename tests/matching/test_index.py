"""The index's life: built once, persisted, reloaded without rebuild, updated in place."""

import json

import pytest

from jumelage.engines import matching as engine
from jumelage.matching import index as lifecycle
from jumelage.matching import services
from jumelage.matching.models import IndexBuild
from tests.factories import OrganisationFactory


def test_index_is_persisted_and_reloaded_without_rebuild(built, data_dir, monkeypatch):
    assert (data_dir / "index" / "matching" / "manifest.json").exists()
    lifecycle.forget_loaded_index()

    def no_rebuild(*args, **kwargs):
        raise AssertionError("the index was rebuilt")

    monkeypatch.setattr(engine, "build_index", no_rebuild)
    index = lifecycle.current_index()
    assert len(index.organisations) == 5
    assert services.recommend_organisations(text="лидары для астрономии", lang="en")
    assert IndexBuild.objects.count() == 1


def test_an_index_built_from_another_database_is_not_used(built):
    IndexBuild.objects.all().delete()
    lifecycle.forget_loaded_index()
    assert lifecycle.current_index() is None


def test_saving_an_organisation_updates_the_index_after_commit(
    built, programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = OrganisationFactory(
            name="Лаборатория биомаркеров",
            country="RU",
            kind="research_lab",
            programme=programme,
            descriptions={"ru": "Диагностика in vitro и биомаркеры в онкологии."},
        )
    assert IndexBuild.objects.count() == 1
    assert lifecycle._read_state()["revision"] == 1
    found = services.recommend_organisations(
        text="biomarqueurs pour le diagnostic en oncologie", lang="en", filters={"country": "RU"}
    )
    assert [rec.organisation_id for rec in found][:1] == [newcomer.pk]

    with django_capture_on_commit_callbacks(execute=True):
        newcomer.archived = True
        newcomer.save()
    assert newcomer.external_ref not in lifecycle.current_index().organisations


def test_changes_are_batched_into_one_update_per_transaction(
    built, programme, django_capture_on_commit_callbacks, monkeypatch
):
    calls = []
    real = lifecycle.update_index
    monkeypatch.setattr(lifecycle, "update_index", lambda **kw: calls.append(kw) or real(**kw))
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            OrganisationFactory(name=f"Batch {n}", programme=programme)
    assert len(calls) == 1 and len(calls[0]["organisations"]) == 3


def test_without_an_index_updates_wait_for_the_first_build(ecosystem):
    assert lifecycle.update_index(organisations=[ecosystem["fr_bio"].pk]) is False
    assert not IndexBuild.objects.exists()


def test_first_recommendation_builds_the_index(ecosystem):
    assert lifecycle.current_index() is None
    found = services.recommend_organisations(text="лидары для астрономии", lang="en")
    assert found[0].organisation.name == "Optique Azur"
    assert IndexBuild.objects.get().status == "done"


@pytest.mark.parametrize("state", [None, "{not json"])
def test_a_missing_or_broken_state_file_means_no_index(built, data_dir, state):
    path = data_dir / "index" / "matching.state.json"
    if state is None:
        path.unlink()
    else:
        path.write_text(state)
    lifecycle.forget_loaded_index()
    assert lifecycle.current_index() is None


def test_updates_are_journalled_and_other_processes_catch_up(
    built, data_dir, programme, django_capture_on_commit_callbacks, monkeypatch
):
    records = data_dir / "index" / "matching" / "records.jsonl.gz"
    written = records.stat().st_mtime_ns
    # What another process holds: the index as it was before the update.
    other = engine.MatchingIndex.load(data_dir / "index" / "matching")
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = OrganisationFactory(
            name="Cryo Lab",
            country="FR",
            programme=programme,
            descriptions={"en": "Cryogenic detectors for astronomy."},
        )
    assert records.stat().st_mtime_ns == written
    assert (data_dir / "index" / "matching" / "journal.jsonl").exists()
    assert newcomer.external_ref not in other.organisations
    monkeypatch.setattr(lifecycle._loaded, "index", other)
    monkeypatch.setattr(lifecycle._loaded, "revision", 0)

    def no_load(*args, **kwargs):
        raise AssertionError("the index was loaded again instead of catching up")

    monkeypatch.setattr(engine.MatchingIndex, "load", no_load)
    assert lifecycle.current_index() is other
    assert newcomer.external_ref in other.organisations


def test_an_index_written_by_another_engine_version_is_rebuilt(built, data_dir):
    manifest_path = data_dir / "index" / "matching" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["weights"]["a_weight_this_engine_does_not_know"] = 1.0
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    lifecycle.forget_loaded_index()

    assert lifecycle.current_index() is None
    found = services.recommend_organisations(text="лидары для астрономии", lang="en")
    assert found
    assert IndexBuild.objects.count() == 2
    rewritten = json.loads(manifest_path.read_text(encoding="utf-8"))
    assert "a_weight_this_engine_does_not_know" not in rewritten["weights"]


def test_a_web_worker_reads_the_index_when_it_starts(built):
    from jumelage.gunicorn import post_worker_init

    lifecycle.forget_loaded_index()
    post_worker_init(worker=None)
    index = lifecycle._loaded.index
    assert index is not None and len(index.organisations) == 5
    # Prepared for queries: the per-organisation arrays are there before the first one.
    assert index._arrays_cache is not None


def test_a_worker_starts_even_without_an_index(db, data_dir):
    lifecycle.forget_loaded_index()
    assert lifecycle.warm_up() is False
    assert lifecycle._loaded.index is None
