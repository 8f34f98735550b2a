"""The demo ecosystem: PACA's clusters and labs and the Russian innovative regions, with
the B2B day, the plan, and cooperation profiles with their expressions of interest.

The data ship in `jumelage/demo/data/` (built from CORDIS, © European Union, CC BY 4.0,
and from public facts about the clusters and regions); loading it twice changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from jumelage.accounts.models import Programme, Role, User
from jumelage.directory.models import Organisation, Person, Region
from jumelage.directory.services import (
    ImportResult,
    import_cooperations_file,
    import_directory_file,
    refresh_person,
)

SOURCE = "demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    first_name: str
    last_name: str
    role: str
    organisation_ref: str | None
    description: Any


ACCOUNTS = [
    DemoAccount("admin", "jumelage-admin", "Ada", "Admin", "staff", None, _("staff, Django admin")),
    DemoAccount(
        "programme",
        "jumelage-programme",
        "Camille",
        "Martin",
        Role.Kind.PROGRAMME_MANAGER,
        None,
        _("programme manager (international cluster team)"),
    ),
    DemoAccount(
        "ecosystem",
        "jumelage-ecosystem",
        "Julien",
        "Moreau",
        Role.Kind.ECOSYSTEM_MANAGER,
        "curated:safe-cluster",
        _("ecosystem manager of SAFE Cluster"),
    ),
    DemoAccount(
        "member",
        "jumelage-member",
        "Olga",
        "Ivanova",
        Role.Kind.MEMBER,
        "curated:sez-tomsk",
        _("member (Tomsk special economic zone)"),
    ),
    DemoAccount(
        "compliance",
        "jumelage-compliance",
        "Nadia",
        "Roux",
        Role.Kind.COMPLIANCE_OFFICER,
        None,
        _("compliance officer"),
    ),
]


def data_path(name: str) -> Path:
    return Path(str(resources.files("jumelage.demo").joinpath("data", name)))


@transaction.atomic
def load_regions() -> int:
    """Create or update the demo regions; return how many changed."""
    regions = json.loads(data_path("regions.json").read_text(encoding="utf-8"))
    changed = 0
    pending_parents = []
    for item in regions:
        values = {
            "country": item["country"],
            "kind": item.get("kind", Region.Kind.REGION),
            "names": item.get("name", {}),
            "descriptions": item.get("description") or {},
            "airr_member": bool(item.get("airr_member")),
            "airr_joined": item.get("airr_joined"),
        }
        region, created = Region.objects.get_or_create(code=item["code"], defaults=values)
        if not created and any(getattr(region, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(region, key, value)
            region.save()
            changed += 1
        changed += created
        pending_parents.append((region, item.get("parent")))
    codes = {r.code: r for r in Region.objects.all()}
    for region, parent_code in pending_parents:
        parent = codes.get(parent_code) if parent_code else None
        if region.parent_id != (parent.pk if parent else None):
            region.parent = parent
            region.save(update_fields=["parent"])
    return changed


def _account(account: DemoAccount, programme: Programme) -> bool:
    user, created = User.objects.get_or_create(
        username=account.username,
        defaults={
            "first_name": account.first_name,
            "last_name": account.last_name,
            "email": f"{account.username}@demo.jumelage.invalid",
        },
    )
    if created:
        user.set_password(account.password)
        if account.role == "staff":
            user.is_staff = user.is_superuser = True
        user.save()
    organisation = None
    if account.organisation_ref:
        organisation = Organisation.objects.filter(
            source=SOURCE, external_id=account.organisation_ref
        ).first()
    if account.role != "staff":
        scope = (
            {"organisation": organisation}
            if account.role in (Role.Kind.ECOSYSTEM_MANAGER, Role.Kind.MEMBER)
            else {"programme": programme}
        )
        Role.objects.get_or_create(user=user, kind=account.role, **scope)
    if organisation is not None and not Person.objects.filter(user=user).exists():
        person = Person(
            organisation=organisation,
            user=user,
            first_name=account.first_name,
            last_name=account.last_name,
            email=user.email,
            position=str(account.description),
        )
        refresh_person(person)
        person.save()
    return created


@dataclass
class DemoResult:
    regions_changed: int
    organisations: ImportResult
    projects: ImportResult
    accounts_created: int
    profiles_created: int = 0
    interests_created: int = 0


@transaction.atomic
def load_demo(*, progress=None) -> DemoResult:
    """Load (or refresh) the whole demo ecosystem and its accounts."""
    programme, _created = Programme.objects.get_or_create(
        slug="paca-airr", defaults={"name": "PACA – Russian innovative regions"}
    )
    regions_changed = load_regions()
    organisations = import_directory_file(
        path=data_path("organisations.jsonl"), source=SOURCE, programme=programme, progress=progress
    )
    Organisation.objects.filter(source=SOURCE, programme__isnull=True).update(programme=programme)
    projects = import_cooperations_file(path=data_path("cooperations.jsonl"), source=SOURCE)
    accounts_created = sum(_account(account, programme) for account in ACCOUNTS)
    from jumelage.compliance.demo import load_demo_list
    from jumelage.compliance.services import screen_directory
    from jumelage.demo.cooperation import load_demo_cooperation
    from jumelage.events.demo import load_demo_event
    from jumelage.outcomes.demo import load_demo_plan

    if load_demo_list():
        screen_directory()
    load_demo_event()
    load_demo_plan()
    cooperation = load_demo_cooperation()
    return DemoResult(
        regions_changed,
        organisations,
        projects,
        accounts_created,
        profiles_created=cooperation.profiles_created,
        interests_created=cooperation.interests_created,
    )


def build_demo_index(progress=None) -> None:
    """Build the matching index once the demo's data are committed (skipped when current)."""
    from jumelage.matching.index import current_index, rebuild_index

    if current_index() is None:
        rebuild_index(progress=progress)
