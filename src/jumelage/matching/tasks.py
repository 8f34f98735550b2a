"""Background work of matching: thin, safe to repeat, taking ids."""

from __future__ import annotations

from django_tasks import task

from jumelage.matching import index


@task()
def rebuild_index_task() -> int:
    """Build the matching index from the database; returns the number of organisations."""
    return index.rebuild_index().organisations


@task()
def update_index_task(
    organisations: list[int],
    removed_organisations: list[str],
    profiles: list[int],
    projects: list[int],
    removed_projects: list[str],
) -> bool:
    """Apply changed rows to the index; True when there was an index to update."""
    return index.update_index(
        organisations=organisations,
        removed_organisations=removed_organisations,
        profiles=profiles,
        projects=projects,
        removed_projects=removed_projects,
    )
