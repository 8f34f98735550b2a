"""Loading lists, screening the directory, reviewing hits, blocking confirmed parties."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jumelage.compliance.models import (
    DualUseFlag,
    HitDecision,
    ListEntryRecord,
    SanctionsList,
    ScreeningHit,
)
from jumelage.core import audit
from jumelage.core.errors import DomainError, InputError, PermissionDenied
from jumelage.directory.models import Organisation, Person
from jumelage.engines import screening

ProgressCallback = Callable[[int], None]

LIST_NAMES = {
    "us-ofac-sdn": "OFAC Specially Designated Nationals (US)",
    "eu-fsf": "EU consolidated financial sanctions",
    "un-sc": "UN Security Council consolidated list",
}


def _entry_data(entry: screening.ListEntry) -> dict[str, Any]:
    return dataclasses.asdict(entry)


def _entry_from_data(data: dict[str, Any]) -> screening.ListEntry:
    values = dict(data)
    values["identifiers"] = tuple(screening.Identifier(**i) for i in values.get("identifiers", ()))
    for key, value in values.items():
        if isinstance(value, list):
            values[key] = tuple(value)
    return screening.ListEntry(**values)


def _hash(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


@transaction.atomic
def load_list(
    *,
    path: Path,
    fmt: str,
    actor: Any = None,
    list_date: dt.date | None = None,
    name: str | None = None,
) -> list[SanctionsList]:
    """Load a list file; each list it holds replaces that list's previous version.

    Bad files raise InputError naming the file, the line (or element) and the field.
    """
    if fmt not in screening.FORMATS:
        raise InputError(
            _("Unknown list format “%(format)s”: use one of %(formats)s")
            % {"format": fmt, "formats": ", ".join(screening.FORMATS)},
            file=str(path),
            field="format",
        )
    try:
        parsed = screening.parse_list(path, fmt)
    except screening.ListParseError as error:
        raise InputError(str(error), file=str(path), field=error.field_name) from error
    except OSError as error:
        raise InputError(
            _("%(file)s: cannot be read: %(error)s") % {"file": path, "error": error.strerror},
            file=str(path),
        ) from error
    by_list: dict[str, list[screening.ListEntry]] = {}
    for entry in parsed.entries:
        by_list.setdefault(entry.list_id or parsed.list_id, []).append(entry)
    if not by_list:
        by_list[parsed.list_id] = []
    loaded = []
    for list_id, entries in sorted(by_list.items()):
        SanctionsList.objects.filter(list_id=list_id, is_current=True).update(is_current=False)
        version = SanctionsList.objects.create(
            list_id=list_id,
            name=name or LIST_NAMES.get(list_id, list_id),
            source_format=fmt,
            filename=Path(path).name,
            list_date=list_date or _parse_date(parsed.list_date),
            loaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            entry_count=len(entries),
        )
        rows = []
        for entry in entries:
            data = _entry_data(entry)
            rows.append(
                ListEntryRecord(
                    sanctions_list=version,
                    entry_id=entry.entry_id,
                    schema=entry.schema,
                    caption=entry.caption[:500],
                    data=data,
                    content_hash=_hash(data),
                )
            )
        ListEntryRecord.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
        if actor is not None:
            audit.record(
                actor=actor,
                action="load_list",
                obj=version,
                data={"list_id": list_id, "entries": len(entries)},
            )
        loaded.append(version)
    return loaded


_cache_lock = threading.Lock()
_cache: dict[str, Any] = {"key": None, "screener": None, "hashes": {}}


def current_lists() -> list[SanctionsList]:
    return list(SanctionsList.objects.filter(is_current=True).order_by("list_id"))


def current_screener() -> tuple[screening.Screener, dict]:
    """The screener over every current list, rebuilt only when a list version changes."""
    lists = current_lists()
    # Ids alone can come back after a rolled-back transaction; the load time cannot.
    key = tuple((version.pk, version.loaded_at.isoformat()) for version in lists)
    with _cache_lock:
        if _cache["key"] != key:
            entries = []
            hashes = {}
            records = ListEntryRecord.objects.filter(sanctions_list__in=lists).values_list(
                "data", "content_hash"
            )
            for data, content_hash in records.iterator(chunk_size=2000):
                entry = _entry_from_data(data)
                entries.append(entry)
                hashes[(entry.list_id, entry.entry_id)] = content_hash
            _cache.update(key=key, screener=screening.Screener(entries), hashes=hashes)
        screener, hashes = _cache["screener"], _cache["hashes"]
    return screener, hashes


def organisation_query(organisation: Organisation) -> screening.Query:
    identifiers = {k: v for k, v in organisation.identifiers().items() if k in {"inn", "ogrn"}}
    # A bare acronym ("IBC", "ITS") names many parties: alone it is no evidence of identity.
    aliases = tuple(
        alias
        for alias in dict.fromkeys([*organisation.names.values(), *organisation.aliases])
        if " " in alias.strip() or len(alias.strip()) > 5
    )
    return screening.Query(
        name=organisation.name,
        schema=screening.ORGANIZATION,
        country=organisation.country,
        aliases=aliases,
        identifiers=identifiers,
    )


def person_query(person: Person) -> screening.Query:
    return screening.Query(
        name=person.full_name,
        schema=screening.PERSON,
        country=person.organisation.country if person.organisation_id else None,
    )


def _record_hits(
    *,
    hits: Iterable[screening.Hit],
    hashes: dict,
    query_name: str,
    organisation: Organisation | None = None,
    person: Person | None = None,
) -> int:
    subject = {"organisation": organisation, "person": person}
    found = 0
    for hit in hits:
        entry_hash = hashes.get((hit.list_id, hit.entry_id), "")
        values = {
            "entry_name": hit.name[:500],
            "screened_name": query_name[:500],
            "score": hit.score,
            "code": hit.code,
            "params": json.loads(json.dumps(hit.params, default=str)),
            "reasons": json.loads(
                json.dumps(
                    [{"code": r.code, "params": r.params, "text": r.text} for r in hit.reasons],
                    default=str,
                )
            ),
            "explanation": hit.explanation,
            "programmes": list(hit.programmes),
        }
        existing = ScreeningHit.objects.filter(
            list_id=hit.list_id, entry_id=hit.entry_id, **subject
        ).first()
        if existing is None:
            created = ScreeningHit.objects.create(
                list_id=hit.list_id,
                entry_id=hit.entry_id,
                entry_hash=entry_hash,
                **subject,
                **values,
            )
            HitDecision.objects.create(
                hit=created,
                status=created.status,
                entry_hash=entry_hash,
                reason="found_by_screening",
            )
            found += 1
            continue
        reopen = (
            existing.status == ScreeningHit.Status.DISMISSED and existing.entry_hash != entry_hash
        )
        for key, value in values.items():
            setattr(existing, key, value)
        existing.entry_hash = entry_hash
        if reopen:
            # A dismissal holds only for the list entry as it was when it was decided.
            existing.status = ScreeningHit.Status.PENDING
            HitDecision.objects.create(
                hit=existing,
                status=existing.status,
                entry_hash=entry_hash,
                reason="entry_changed",
            )
        existing.save()
        found += 1
    return found


@transaction.atomic
def screen_organisation(*, organisation: Organisation) -> int:
    """Screen one organisation against every current list; return how many hits it has."""
    if not SanctionsList.objects.filter(is_current=True).exists():
        return 0
    screener, hashes = current_screener()
    query = organisation_query(organisation)
    return _record_hits(
        hits=screener.screen(query), hashes=hashes, query_name=query.name, organisation=organisation
    )


@transaction.atomic
def screen_person(*, person: Person) -> int:
    if person.erased_at or not SanctionsList.objects.filter(is_current=True).exists():
        return 0
    screener, hashes = current_screener()
    query = person_query(person)
    return _record_hits(
        hits=screener.screen(query), hashes=hashes, query_name=query.name, person=person
    )


def screen_directory(*, progress: ProgressCallback | None = None) -> dict[str, int]:
    """Screen every organisation and person of the directory; return counts."""
    screener, hashes = current_screener()
    counts = {"organisations": 0, "people": 0, "hits": 0}
    organisations = Organisation.objects.filter(archived=False).order_by("pk")
    done = 0
    for organisation in organisations.iterator(chunk_size=500):
        query = organisation_query(organisation)
        with transaction.atomic():
            counts["hits"] += _record_hits(
                hits=screener.screen(query),
                hashes=hashes,
                query_name=query.name,
                organisation=organisation,
            )
        counts["organisations"] += 1
        done += 1
        if progress and done % 50 == 0:
            progress(done)
    people = (
        Person.objects.filter(erased_at__isnull=True).select_related("organisation").order_by("pk")
    )
    for person in people.iterator(chunk_size=500):
        query = person_query(person)
        with transaction.atomic():
            counts["hits"] += _record_hits(
                hits=screener.screen(query), hashes=hashes, query_name=query.name, person=person
            )
        counts["people"] += 1
        done += 1
    if progress:
        progress(done)
    return counts


class NotAllowed(PermissionDenied):
    """Only compliance officers decide on hits."""


@transaction.atomic
def decide_hit(*, actor: Any, hit: ScreeningHit, confirm: bool, reason: str) -> ScreeningHit:
    """Confirm or dismiss a hit with a reason; the decision joins the hit's audit trail."""
    from jumelage.compliance.rules import can_decide

    if not can_decide(actor):
        raise NotAllowed(_("Only compliance officers decide on screening hits."))
    if not reason.strip():
        raise DomainError(_("Give the reason for this decision."), field="reason")
    hit.status = ScreeningHit.Status.CONFIRMED if confirm else ScreeningHit.Status.DISMISSED
    hit.decided_by = actor
    hit.decided_at = timezone.now()
    hit.decision_reason = reason.strip()
    hit.save()
    HitDecision.objects.create(
        hit=hit,
        status=hit.status,
        reason=hit.decision_reason,
        decided_by=actor,
        entry_hash=hit.entry_hash,
    )
    audit.record(
        actor=actor, action=f"hit_{hit.status}", obj=hit, data={"reason": hit.decision_reason}
    )
    return hit


def confirmed_hit_for(organisation: Organisation | None) -> ScreeningHit | None:
    if organisation is None or organisation.pk is None:
        return None
    return ScreeningHit.objects.filter(
        Q(organisation=organisation) | Q(person__organisation=organisation),
        status=ScreeningHit.Status.CONFIRMED,
    ).first()


def has_pending_hits(organisation: Organisation | None) -> bool:
    if organisation is None or organisation.pk is None:
        return False
    return ScreeningHit.objects.filter(
        Q(organisation=organisation) | Q(person__organisation=organisation),
        status=ScreeningHit.Status.PENDING,
    ).exists()


class Blocked(DomainError):
    """An action involves an organisation with a confirmed sanctions hit."""


def ensure_not_blocked(*organisations: Organisation | None) -> None:
    """Refuse (raise Blocked) when any of `organisations` has a confirmed screening hit."""
    for organisation in organisations:
        hit = confirmed_hit_for(organisation)
        if hit is not None:
            raise Blocked(
                _(
                    "This is not possible: %(name)s matches the sanctions list entry “%(entry)s”, "
                    "confirmed by a compliance officer."
                )
                % {"name": organisation.name, "entry": hit.entry_name}
            )


@transaction.atomic
def flag_topic(*, object_type: str, object_id: Any, text: str) -> DualUseFlag:
    """Check a cooperation topic for dual-use indicators and keep the result for review."""
    result = screening.check_dual_use(text)
    flag, _created = DualUseFlag.objects.update_or_create(
        object_type=object_type,
        object_id=str(object_id),
        defaults={
            "text": text[:20000],
            "status": result.status,
            "categories": [dataclasses.asdict(c) for c in result.categories],
            "matches": [dataclasses.asdict(m) for m in result.matches],
            "vocabulary_version": result.vocabulary_version,
        },
    )
    return flag
