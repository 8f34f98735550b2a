"""The matching index's life: built from the database, kept on disk, updated in place.

The engine's index lives under `settings.DATA_DIR / "index" / "matching"`, beside a small
state file naming the build it came from and a revision bumped at every incremental update.
Each process keeps the index in memory and reloads it when the state file says another
process changed it; writers take a file lock so that two updates never interleave.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from jumelage.directory.models import CooperationProject, Organisation
from jumelage.engines import matching as engine
from jumelage.matching.models import IndexBuild
from jumelage.opportunities.models import CooperationProfile

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[int], None]


def index_root() -> Path:
    return Path(settings.DATA_DIR) / "index"


def index_path() -> Path:
    return index_root() / "matching"


def _state_path() -> Path:
    return index_root() / "matching.state.json"


# Records: the database seen as the engine's plain data -----------------------------------


def organisation_ref(organisation: Organisation) -> str:
    """The id an organisation has in the index and in files (INTERFACES §1)."""
    return organisation.external_ref


def profile_ref(profile_id: int) -> str:
    return f"profile:{profile_id}"


def _codes(through: Any, owner_field: str, code_field: str, owners: Iterable[int] | None):
    codes: dict[int, list[str]] = defaultdict(list)
    rows = through.objects.all()
    if owners is not None:
        rows = rows.filter(**{f"{owner_field}__in": list(owners)})
    for owner_id, code in rows.values_list(owner_field, code_field).order_by(code_field):
        codes[owner_id].append(code)
    return codes


def organisation_records(pks: Iterable[int] | None = None) -> Iterator[engine.Organisation]:
    """The engine's view of active organisations (all of them, or those of `pks`)."""
    queryset = Organisation.objects.filter(archived=False).select_related("region")
    if pks is not None:
        pks = list(pks)
        queryset = queryset.filter(pk__in=pks)
    sectors = _codes(Organisation.sectors.through, "organisation_id", "sector__code", pks)
    activities = _codes(Organisation.activities.through, "organisation_id", "activity__code", pks)
    for organisation in queryset.order_by("pk").iterator(chunk_size=2000):
        yield engine.Organisation(
            id=organisation_ref(organisation),
            name=organisation.name,
            country=organisation.country,
            region=organisation.region.code if organisation.region else organisation.region_text,
            city=organisation.city,
            kind=organisation.kind,
            aliases=tuple(
                [*organisation.aliases, *organisation.names.values()]
                + (
                    [organisation.name_latin]
                    if organisation.name_latin != organisation.name
                    else []
                )
            ),
            sectors=tuple(sectors.get(organisation.pk, ())),
            activities=tuple(activities.get(organisation.pk, ())),
            keywords=tuple(organisation.keywords),
            descriptions={k: v for k, v in organisation.descriptions.items() if v},
        )


def project_records(pks: Iterable[int] | None = None) -> Iterator[engine.Project]:
    queryset = CooperationProject.objects.all()
    if pks is not None:
        pks = list(pks)
        queryset = queryset.filter(pk__in=pks)
    participants: dict[int, list[str]] = defaultdict(list)
    rows = CooperationProject.participants.through.objects.all()
    if pks is not None:
        rows = rows.filter(cooperationproject_id__in=pks)
    for project_id, external_id, pk in rows.values_list(
        "cooperationproject_id", "organisation__external_id", "organisation_id"
    ):
        participants[project_id].append(external_id or f"jumelage:{pk}")
    for project in queryset.order_by("pk").iterator(chunk_size=2000):
        yield engine.Project(
            id=project.external_id,
            title=project.title,
            summary=project.summary,
            lang=project.lang[:2] if project.lang[:2] in ("fr", "en", "ru") else None,
            year=project.year,
            participants=tuple(sorted(participants.get(project.pk, ()))),
        )


def indexable_profiles():
    """Profiles the index may know: live, public and published. Drafts and private profiles
    never reach it, so no recommendation can reveal them."""
    from jumelage.opportunities.rules import live_public_profiles

    return live_public_profiles().filter(organisation__archived=False)


def profile_query_text(profile: CooperationProfile) -> str:
    return "\n".join(
        part for part in (profile.summary, profile.description, profile.partner_sought) if part
    )


def profile_records(pks: Iterable[int] | None = None) -> Iterator[engine.Profile]:
    queryset = indexable_profiles().select_related("organisation")
    if pks is not None:
        queryset = queryset.filter(pk__in=list(pks))
    for profile in queryset.order_by("pk"):
        yield engine.Profile(
            id=profile_ref(profile.pk),
            org=organisation_ref(profile.organisation),
            direction=profile.direction,
            title=profile.title,
            text=profile_query_text(profile),
            lang=profile.language,
            partner_kinds=tuple(profile.partner_kinds),
            keywords=tuple(profile.keywords),
        )


# The index in memory and on disk -------------------------------------------------------


@dataclass
class _Loaded:
    index: engine.MatchingIndex | None = None
    build: str = ""
    revision: int = -1
    path: str = ""
    lock: threading.RLock = field(default_factory=threading.RLock)


_loaded = _Loaded()


def _read_state() -> dict[str, Any] | None:
    try:
        return json.loads(_state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_state(build: str, revision: int) -> None:
    path = _state_path()
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(json.dumps({"build": build, "revision": revision}), encoding="utf-8")
    os.replace(temporary, path)


@contextlib.contextmanager
def _writer_lock() -> Iterator[None]:
    root = index_root()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".matching.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _valid_state() -> dict[str, Any] | None:
    """The state of the index on disk when it was built from this database, else None."""
    state = _read_state()
    if not state or not (index_path() / "manifest.json").exists():
        return None
    if not IndexBuild.objects.filter(
        key=state.get("build"), status=IndexBuild.Status.DONE
    ).exists():
        return None
    return state


def current_index() -> engine.MatchingIndex | None:
    """The index built from this database, loaded from disk when needed; None when there is
    none yet (build it with `rebuild_index` or the `build-index` command)."""
    state = _valid_state()
    if state is None:
        return None
    with _loaded.lock:
        if (
            _loaded.index is not None
            and _loaded.path == str(index_path())
            and _loaded.build == state["build"]
            and _loaded.revision == state["revision"]
        ):
            return _loaded.index
        if not (
            _loaded.index is not None
            and _loaded.path == str(index_path())
            and _loaded.build == state["build"]
            and _loaded.index.refresh(index_path())
        ):
            try:
                _loaded.index = engine.MatchingIndex.load(index_path())
            except (OSError, ValueError, TypeError, KeyError) as error:
                # Written by another version of the engine, or damaged: the next build
                # replaces it; until then there is no index rather than a failing page.
                logger.warning("matching index at %s is unreadable (%s)", index_path(), error)
                forget_loaded_index()
                return None
        _loaded.build = state["build"]
        _loaded.revision = state["revision"]
        _loaded.path = str(index_path())
        return _loaded.index


def warm_up() -> bool:
    """Read the index into this process and prepare it for queries, so that the first page
    showing partners does not wait for it (a web worker calls this when it starts; see
    `jumelage.gunicorn`). False when there is no index yet; never raises."""
    try:
        index = current_index()
        if index is None:
            return False
        index.prepare()
    except Exception:  # a worker must start even if its index cannot be read
        logger.exception("could not warm up the matching index")
        return False
    return True


def forget_loaded_index() -> None:
    """Drop the in-memory copy (the next read loads the index from disk)."""
    with _loaded.lock:
        _loaded.index = None
        _loaded.build = ""
        _loaded.revision = -1


def build_processes() -> int:
    """Worker processes for the text analysis of a full build (at most two: the analysis
    shares the machine with the web and task processes)."""
    return max(1, min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1))


def rebuild_index(*, progress: ProgressCallback | None = None) -> IndexBuild:
    """Build the whole index from the database, persist it, and make it the current one.

    `progress` is called with the number of organisations analysed so far.
    """
    build = IndexBuild.objects.create()
    try:
        with _writer_lock():
            organisations = list(organisation_records())
            known = {organisation.id for organisation in organisations}
            profiles = [p for p in profile_records() if p.org in known]
            projects = list(project_records())
            index = engine.build_index(
                organisations,
                projects,
                profiles,
                processes=build_processes(),
                progress=progress,
            )
            index.save(index_path())
            build.status = IndexBuild.Status.DONE
            build.organisations = len(organisations)
            build.projects = len(projects)
            build.profiles = len(profiles)
            build.finished_at = timezone.now()
            build.save()
            _write_state(str(build.key), 0)
            with _loaded.lock:
                _loaded.index = index
                _loaded.build = str(build.key)
                _loaded.revision = 0
                _loaded.path = str(index_path())
    except Exception as error:
        build.status = IndexBuild.Status.FAILED
        build.error = repr(error)[:2000]
        build.finished_at = timezone.now()
        build.save()
        raise
    if progress:
        progress(build.organisations)
    return build


@dataclass
class Changes:
    """What changed in the database since the index was last written."""

    organisations: set[int] = field(default_factory=set)
    removed_organisations: set[str] = field(default_factory=set)
    profiles: set[int] = field(default_factory=set)
    projects: set[int] = field(default_factory=set)
    removed_projects: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return any(
            (
                self.organisations,
                self.removed_organisations,
                self.profiles,
                self.projects,
                self.removed_projects,
            )
        )

    def as_kwargs(self) -> dict[str, list]:
        return {
            "organisations": sorted(self.organisations),
            "removed_organisations": sorted(self.removed_organisations),
            "profiles": sorted(self.profiles),
            "projects": sorted(self.projects),
            "removed_projects": sorted(self.removed_projects),
        }


def update_index(
    *,
    organisations: Iterable[int] = (),
    removed_organisations: Iterable[str] = (),
    profiles: Iterable[int] = (),
    projects: Iterable[int] = (),
    removed_projects: Iterable[str] = (),
) -> bool:
    """Apply changed rows to the current index and persist them (appended to the index's
    journal, so the cost follows the changes, not the size of the index), without a rebuild.

    Returns False (and does nothing) when there is no index yet: the first build will read
    everything anyway.
    """
    with _writer_lock():
        state = _valid_state()
        index = current_index()
        if index is None or state is None:
            return False
        organisations, profiles, projects = set(organisations), set(profiles), set(projects)
        active = {record.id: record for record in organisation_records(organisations)}
        refs = dict(
            Organisation.objects.filter(pk__in=organisations).values_list("pk", "external_id")
        )
        with index.bulk():
            for pk in organisations:
                ref = refs.get(pk) or f"jumelage:{pk}"
                if ref in active:
                    index.upsert_organisation(active[ref])
                else:
                    index.remove_organisation(ref)
            for ref in removed_organisations:
                index.remove_organisation(ref)
            for project in project_records(projects):
                index.upsert_project(project)
            for external_id in removed_projects:
                index.remove_project(external_id)
            live = {record.id: record for record in profile_records(profiles)}
            for pk in profiles:
                record = live.get(profile_ref(pk))
                if record is not None and record.org in index.organisations:
                    index.upsert_profile(record)
                else:
                    index.remove_profile(profile_ref(pk))
        index.save_changes(index_path())
        revision = int(state.get("revision", 0)) + 1
        _write_state(state["build"], revision)
        with _loaded.lock:
            _loaded.index = index
            _loaded.revision = revision
        return True


def organisations_by_ref(refs: Iterable[str]) -> dict[str, Organisation]:
    """The organisations behind index ids (external ids, or `jumelage:<pk>`)."""
    refs = list(refs)
    pks = [
        int(ref.split(":", 1)[1])
        for ref in refs
        if ref.startswith("jumelage:") and ref.split(":", 1)[1].isdigit()
    ]
    found: dict[str, Organisation] = {}
    queryset = Organisation.objects.filter(external_id__in=refs) | Organisation.objects.filter(
        pk__in=pks, external_id=""
    )
    for organisation in queryset.select_related("region"):
        found.setdefault(organisation_ref(organisation), organisation)
    return found
