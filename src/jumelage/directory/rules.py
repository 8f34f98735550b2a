"""Who may change what in the directory: the one place these rules live.

- a programme manager edits every organisation of their programme;
- an ecosystem manager edits their own organisation (a cluster, technopark or agency) and
  the organisations that are its members;
- a member edits only their own organisation;
- everyone else reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from jumelage.accounts.models import Role
from jumelage.directory.models import Organisation, Person


def _roles(user: Any) -> list[Role]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_jumelage_roles", None)
    if cached is None:
        cached = list(Role.objects.filter(user=user))
        user._jumelage_roles = cached
    return cached


def managed_programme_ids(user: Any) -> set[int]:
    return {
        r.programme_id
        for r in _roles(user)
        if r.kind == Role.Kind.PROGRAMME_MANAGER and r.programme_id
    }


def is_programme_manager(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) or managed_programme_ids(user))


def is_manager(user: Any) -> bool:
    """A programme or ecosystem manager (or a superuser)."""
    return is_programme_manager(user) or any(
        r.kind == Role.Kind.ECOSYSTEM_MANAGER for r in _roles(user)
    )


def editable_organisations(user: Any) -> QuerySet[Organisation]:
    """Every organisation `user` may edit: the scoping function all edits go through."""
    everything = Organisation.objects.all()
    if getattr(user, "is_superuser", False):
        return everything
    roles = _roles(user)
    if not roles:
        return everything.none()
    condition = Q(pk__in=[])
    programmes = managed_programme_ids(user)
    if programmes:
        condition |= Q(programme_id__in=programmes)
    ecosystems = [
        r.organisation_id
        for r in roles
        if r.kind == Role.Kind.ECOSYSTEM_MANAGER and r.organisation_id
    ]
    if ecosystems:
        condition |= Q(pk__in=ecosystems) | Q(memberships__parent_id__in=ecosystems)
    own = [r.organisation_id for r in roles if r.kind == Role.Kind.MEMBER and r.organisation_id]
    if own:
        condition |= Q(pk__in=own)
    return everything.filter(condition).distinct()


def can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    if organisation.pk is None:
        return can_create_organisation(user)
    return editable_organisations(user).filter(pk=organisation.pk).exists()


def can_create_organisation(user: Any) -> bool:
    return is_manager(user)


def can_import(user: Any) -> bool:
    return is_programme_manager(user)


def can_merge(user: Any, kept: Organisation, absorbed: Organisation) -> bool:
    if not is_manager(user):
        return False
    return editable_organisations(user).filter(pk__in=[kept.pk, absorbed.pk]).count() == 2


def can_see_people(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def can_see_contacts(user: Any, person: Person) -> bool:
    """E-mail and phone are shown to the person themself and to whoever edits their organisation."""
    if person.user_id and person.user_id == getattr(user, "pk", None):
        return True
    return can_edit_organisation(user, person.organisation)


def people_with_visible_contacts(user: Any, people: Iterable[Person]) -> set[int]:
    """The ids of `people` whose contacts `user` may see, in one query for the whole list.

    The same rule as `can_see_contacts`, for lists: one row each would be one query each.
    """
    people = list(people)
    own = {
        person.pk
        for person in people
        if person.user_id and person.user_id == getattr(user, "pk", None)
    }
    organisation_ids = {person.organisation_id for person in people if person.pk not in own}
    if not organisation_ids:
        return own
    editable = set(
        editable_organisations(user).filter(pk__in=organisation_ids).values_list("pk", flat=True)
    )
    return own | {person.pk for person in people if person.organisation_id in editable}


def can_edit_person(user: Any, person: Person) -> bool:
    if person.user_id and person.user_id == getattr(user, "pk", None):
        return True
    return can_edit_organisation(user, person.organisation)
