"""Writing the directory: imports, edits, duplicates, merges, personal data."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from jumelage.core import audit
from jumelage.core.errors import DomainError, InputError
from jumelage.directory.countries import forget_countries
from jumelage.directory.dedup import DUPLICATE_THRESHOLD, name_fingerprint, name_similarity
from jumelage.directory.models import (
    Activity,
    CooperationProject,
    DuplicateCandidate,
    Membership,
    Organisation,
    Person,
    Region,
    Sector,
)
from jumelage.directory.records import Problem, check_organisation, check_project
from jumelage.directory.taxonomy import SECTORS
from jumelage.engines.text import search_key, to_latin

ProgressCallback = Callable[[int], None]


@cache
def activity_labels() -> dict[str, dict[str, str]]:
    """Labels of NACE Rev.2 / OKVED2 codes in FR/EN/RU, shipped with the text engine."""
    try:
        data = resources.files("jumelage.engines.text").joinpath("data/activities.json")
        return json.loads(data.read_text(encoding="utf-8"))
    except (FileNotFoundError, ModuleNotFoundError):
        return {}


def refresh_derived(organisation: Organisation) -> None:
    """Recompute the stored transliteration, search key and duplicate fingerprint."""
    organisation.name_latin = to_latin(organisation.name)
    names = [organisation.name, *organisation.names.values(), *organisation.aliases]
    organisation.search_key = search_key(
        *names, *organisation.keywords, organisation.city, organisation.legal_form
    )
    organisation.fingerprint = name_fingerprint(organisation.name)[:300]


def refresh_person(person: Person) -> None:
    person.name_latin = to_latin(person.full_name)
    person.search_key = search_key(person.full_name, person.position)


class _Vocabulary:
    """Sectors, activities and regions loaded once per import, created when missing."""

    def __init__(self) -> None:
        self.sectors = {sector.code: sector for sector in Sector.objects.all()}
        self.activities = {activity.code: activity for activity in Activity.objects.all()}

    @cached_property
    def regions(self) -> dict[str, Region]:
        return {region.code: region for region in Region.objects.all()}

    def sector(self, code: str) -> Sector:
        if code not in self.sectors:
            order = list(SECTORS)
            position = order.index(code) if code in order else len(order)
            self.sectors[code] = Sector.objects.create(code=code, position=position)
        return self.sectors[code]

    def activity(self, code: str) -> Activity:
        if code not in self.activities:
            self.activities[code] = Activity.objects.create(
                code=code, labels=activity_labels().get(code, {})
            )
        return self.activities[code]


def _sectors(codes: Iterable[str]) -> list[Sector]:
    vocabulary = _Vocabulary()
    return [vocabulary.sector(code) for code in codes]


def _activities(codes: Iterable[str]) -> list[Activity]:
    vocabulary = _Vocabulary()
    return [vocabulary.activity(code) for code in codes]


IDENTIFIER_KEYS = ("siren", "siret", "inn", "ogrn", "pic")
# Model attribute -> field of the record format (INTERFACES.md §1), so that a model-level
# error names the field the caller sent.
_RECORD_FIELD_OF = {
    "name": "name",
    "names": "names",
    "aliases": "aliases",
    "kind": "kind",
    "country": "country",
    "region": "region",
    "region_text": "region",
    "legal_form": "legal_form",
    "city": "city",
    "website": "website",
    "descriptions": "description",
    "keywords": "keywords",
    **{key: f"identifiers.{key}" for key in IDENTIFIER_KEYS},
}


def _apply_record(
    organisation: Organisation, record: dict[str, Any], regions: dict[str, Region]
) -> None:
    """Set the organisation's fields from a checked record; sectors and activities apart."""
    organisation.name = record["name"]
    organisation.names = record["names"]
    organisation.aliases = record["aliases"]
    organisation.kind = record["kind"]
    organisation.country = record["country"]
    organisation.legal_form = record["legal_form"]
    organisation.city = record["city"]
    organisation.website = record["website"]
    organisation.descriptions = record["description"]
    organisation.keywords = record["keywords"]
    region = regions.get(record["region"]) if record["region"] else None
    organisation.region = region
    organisation.region_text = "" if region else record["region"]
    for key in IDENTIFIER_KEYS:
        setattr(organisation, key, record["identifiers"].get(key, ""))
    refresh_derived(organisation)


@dataclass
class ImportResult:
    """What an import changed."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    archived: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)


_COMPARED_FIELDS = [
    f.attname
    for f in Organisation._meta.concrete_fields
    if f.attname
    not in {"id", "created_at", "updated_at", "version", "programme_id", "source", "external_id"}
]


def _field_values(organisation: Organisation) -> tuple:
    return tuple(getattr(organisation, name) for name in _COMPARED_FIELDS)


def _links(model: Any, column: str, organisation_ids: list[int]) -> dict[int, set[int]]:
    links: dict[int, set[int]] = {}
    rows = model.objects.filter(organisation_id__in=organisation_ids).values_list(
        "organisation_id", column
    )
    for organisation_id, target_id in rows:
        links.setdefault(organisation_id, set()).add(target_id)
    return links


@transaction.atomic
def import_organisations(
    *,
    records: list[dict[str, Any]],
    source: str,
    replace: bool = False,
    actor: Any = None,
    programme: Any = None,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Create or update one organisation per checked record, all or nothing.

    Records are matched to existing organisations by (`source`, `id`), so importing the
    same file twice changes nothing the second time. With `replace`, organisations of the
    source that the records do not mention are archived, never deleted. New organisations
    are inserted in batches, so that a file of 100,000 lines imports in minutes.
    """
    result = ImportResult()
    vocabulary = _Vocabulary()
    sector_links = Organisation.sectors.through
    activity_links = Organisation.activities.through
    existing: dict[str, Organisation] = {}
    ids = [r["id"] for r in records]
    for start in range(0, len(ids), 5000):
        for org in Organisation.objects.filter(
            source=source, external_id__in=ids[start : start + 5000]
        ):
            existing[org.external_id] = org
    existing_ids = [org.pk for org in existing.values()]
    old_sectors = _links(sector_links, "sector_id", existing_ids)
    old_activities = _links(activity_links, "activity_id", existing_ids)
    new: list[Organisation] = []
    changed: list[Organisation] = []
    touched: list[tuple[Organisation, dict[str, Any]]] = []
    wanted: dict[int, tuple[set[int], set[int]]] = {}
    for index, record in enumerate(records, start=1):
        organisation = existing.get(record["id"])
        sectors = {vocabulary.sector(code).pk for code in record["sectors"]}
        activities = {vocabulary.activity(code).pk for code in record["activities"]}
        if organisation is None:
            organisation = Organisation(
                source=source, external_id=record["id"], programme=programme
            )
            _apply_record(organisation, record, vocabulary.regions)
            new.append(organisation)
        else:
            before = _field_values(organisation)
            _apply_record(organisation, record, vocabulary.regions)
            organisation.archived = False  # in the file again, so current again
            if (
                before != _field_values(organisation)
                or old_sectors.get(organisation.pk, set()) != sectors
                or old_activities.get(organisation.pk, set()) != activities
            ):
                organisation.version += 1
                organisation.save()
                changed.append(organisation)
        touched.append((organisation, record))
        wanted[id(organisation)] = (sectors, activities)
        if progress and index % 100 == 0:
            progress(index)
    Organisation.objects.bulk_create(new, batch_size=500)
    for organisation in changed:
        sector_links.objects.filter(organisation_id=organisation.pk).delete()
        activity_links.objects.filter(organisation_id=organisation.pk).delete()
    sector_rows, activity_rows = [], []
    for organisation in [*new, *changed]:
        sectors, activities = wanted[id(organisation)]
        sector_rows += [
            sector_links(organisation_id=organisation.pk, sector_id=pk) for pk in sectors
        ]
        activity_rows += [
            activity_links(organisation_id=organisation.pk, activity_id=pk) for pk in activities
        ]
    sector_links.objects.bulk_create(sector_rows, batch_size=2000)
    activity_links.objects.bulk_create(activity_rows, batch_size=2000)
    result.created, result.updated = len(new), len(changed)
    result.unchanged = len(records) - len(new) - len(changed)
    if progress:
        progress(len(records))
    by_ref = {org.external_id: org for org, _r in touched}
    for organisation, record in touched:
        for parent_ref in record.get("members_of", []):
            parent = (
                by_ref.get(parent_ref)
                or Organisation.objects.filter(external_id=parent_ref).first()
            )
            if parent is None:
                raise DomainError(
                    _("Unknown organisation id “%(id)s” in members_of") % {"id": parent_ref}
                )
            if parent.pk != organisation.pk:
                Membership.objects.get_or_create(organisation=organisation, parent=parent)
    if replace:
        seen = {org.pk for org, _r in touched}
        stale = Organisation.objects.filter(source=source, archived=False).exclude(pk__in=seen)
        result.archived = stale.update(archived=True)
    for first, second in flag_duplicates_among([*new, *changed]):
        result.duplicates.append((first.external_ref, second.external_ref))
    # Created in bulk (no post_save): the country filters must hear of new countries.
    transaction.on_commit(forget_countries)
    if actor is not None and touched:
        audit.record(
            actor=actor,
            action="import",
            obj=touched[0][0],
            data={
                "source": source,
                "created": result.created,
                "updated": result.updated,
                "archived": result.archived,
            },
        )
    return result


def read_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    """Yield (line number, parsed object) for each non-blank line; bad JSON is an InputError."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as error:
        raise InputError(
            _("%(file)s: cannot be read: %(error)s") % {"file": path, "error": error.strerror},
            file=str(path),
        ) from error
    with handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    yield number, json.loads(line)
                except json.JSONDecodeError as error:
                    raise InputError(
                        _("%(file)s, line %(line)d: not valid JSON (%(error)s)")
                        % {"file": path, "line": number, "error": error.msg},
                        file=str(path),
                        line=number,
                    ) from error
        except UnicodeDecodeError as error:
            raise InputError(
                _("%(file)s: not UTF-8 text") % {"file": path}, file=str(path)
            ) from error


def check_organisation_records(
    rows: Iterable[tuple[int, Any]], *, progress: ProgressCallback | None = None
) -> tuple[list[dict], list[Problem]]:
    """Check every row; return the cleaned records and every problem found, by line.

    `progress`, when given, is told how many rows have been checked, every 100 rows.
    """
    records: list[dict] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for count, (line, raw) in enumerate(rows, start=1):
        if progress and count % 100 == 0:
            progress(count)
        record, found = check_organisation(raw)
        problems.extend(Problem(line, field_name, message) for field_name, message in found)
        external_id = record.get("id")
        if external_id:
            if external_id in first_line:
                problems.append(
                    Problem(
                        line,
                        "id",
                        _("“%(id)s” already appears on line %(first)d")
                        % {"id": external_id, "first": first_line[external_id]},
                    )
                )
            else:
                first_line[external_id] = line
        record["_line"] = line
        records.append(record)
    known = set(first_line)
    wanted = {parent for record in records for parent in record.get("members_of", [])} - known
    if wanted:
        known |= set(
            Organisation.objects.filter(external_id__in=wanted).values_list(
                "external_id", flat=True
            )
        )
    for record in records:
        for parent in record.get("members_of", []):
            if parent not in known:
                problems.append(
                    Problem(
                        record["_line"],
                        "members_of",
                        _("unknown organisation id “%(id)s”") % {"id": parent},
                    )
                )
    return records, problems


def input_error(path: str, problem: Problem) -> InputError:
    """The InputError for the first problem of a file, naming file, line and field."""
    message = _("%(file)s, line %(line)d, field “%(field)s”: %(message)s") % {
        "file": path,
        "line": problem.line,
        "field": problem.field or "—",
        "message": problem.message,
    }
    return InputError(message, file=path, line=problem.line, field=problem.field)


def import_directory_file(
    *,
    path: Path,
    source: str,
    replace: bool = False,
    actor: Any = None,
    programme: Any = None,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Import a JSON Lines directory file (INTERFACES.md §1); any bad line, nothing written."""
    records, problems = check_organisation_records(read_jsonl(path))
    if problems:
        raise input_error(str(path), problems[0])
    return import_organisations(
        records=records,
        source=source,
        replace=replace,
        actor=actor,
        programme=programme,
        progress=progress,
    )


@transaction.atomic
def import_cooperations_file(
    *, path: Path, source: str, progress: ProgressCallback | None = None
) -> ImportResult:
    """Import past joint projects (INTERFACES.md §2); unknown participants are input errors."""
    checked: list[tuple[int, dict]] = []
    seen: dict[str, int] = {}
    for line, raw in read_jsonl(path):
        record, found = check_project(raw)
        if found:
            raise input_error(str(path), Problem(line, *found[0]))
        if record["id"] in seen:
            raise input_error(
                str(path),
                Problem(
                    line,
                    "id",
                    _("“%(id)s” already appears on line %(first)d")
                    % {"id": record["id"], "first": seen[record["id"]]},
                ),
            )
        seen[record["id"]] = line
        checked.append((line, record))
    refs = {ref for _line, record in checked for ref in record["participants"]}
    organisations = {}
    for org in Organisation.objects.filter(external_id__in=refs).only("id", "external_id"):
        organisations.setdefault(org.external_id, org)
    for line, record in checked:
        for ref in record["participants"]:
            if ref not in organisations:
                raise input_error(
                    str(path),
                    Problem(
                        line, "participants", _("unknown organisation id “%(id)s”") % {"id": ref}
                    ),
                )
    result = ImportResult()
    existing = {
        p.external_id: p
        for p in CooperationProject.objects.filter(source=source, external_id__in=seen)
    }
    for index, (_line, record) in enumerate(checked, start=1):
        project = existing.get(record["id"]) or CooperationProject(
            source=source, external_id=record["id"]
        )
        values = {
            "title": record["title"],
            "summary": record["summary"],
            "lang": record["lang"],
            "year": record["year"],
            "funding_programme": record["programme"],
        }
        participant_ids = sorted({organisations[ref].pk for ref in record["participants"]})
        is_new = project.pk is None
        changed = is_new or any(getattr(project, k) != v for k, v in values.items())
        if not is_new:
            changed = (
                changed
                or sorted(project.participants.values_list("pk", flat=True)) != participant_ids
            )
        if changed:
            for key, value in values.items():
                setattr(project, key, value)
            project.save()
            project.participants.set(participant_ids)
            if is_new:
                result.created += 1
            else:
                result.updated += 1
        else:
            result.unchanged += 1
        if progress:
            progress(index)
    return result


def find_duplicates_of(organisation: Organisation, *, limit: int = 5) -> list[Organisation]:
    """Other organisations whose name is the same up to script, case, accents and legal form."""
    fingerprint = organisation.fingerprint or name_fingerprint(organisation.name)
    if not fingerprint:
        return []
    others = Organisation.objects.filter(archived=False).exclude(pk=organisation.pk)
    exact = list(others.filter(fingerprint=fingerprint)[:limit])
    if len(exact) >= limit:
        return exact
    longest = max(fingerprint.split(), key=len)
    candidates = others.filter(search_key__contains=" " + longest).exclude(
        pk__in=[o.pk for o in exact]
    )[:200]
    close = [
        other
        for other in candidates
        if name_similarity(organisation.name, other.name) >= DUPLICATE_THRESHOLD
    ]
    return (exact + close)[:limit]


def flag_duplicate(first: Organisation, second: Organisation) -> DuplicateCandidate | None:
    """Record a possible duplicate pair once (in id order); None if already decided."""
    a, b = sorted([first, second], key=lambda o: o.pk)
    score = name_similarity(a.name, b.name)
    reason = _("“%(a)s” and “%(b)s” have the same name up to script, accents and legal form") % {
        "a": a.name,
        "b": b.name,
    }
    candidate, created = DuplicateCandidate.objects.get_or_create(
        first=a, second=b, defaults={"score": score, "reason": reason[:300]}
    )
    return candidate if created or candidate.status == DuplicateCandidate.Status.OPEN else None


def flag_duplicates_among(
    organisations: list[Organisation],
) -> list[tuple[Organisation, Organisation]]:
    """Flag possible duplicates of `organisations` against the whole directory at once.

    One pass over the directory's fingerprints: exact fingerprints match, and names that
    share their rarest word are compared fuzzily. Returns the newly flagged pairs.
    """
    if not organisations:
        return []
    by_fingerprint: dict[str, list[int]] = {}
    by_word: dict[str, list[tuple[int, str]]] = {}
    frequency: Counter[str] = Counter()
    rows = list(Organisation.objects.filter(archived=False).values_list("pk", "fingerprint"))
    for _pk, fingerprint in rows:
        frequency.update(set(fingerprint.split()))

    def block(fingerprint: str) -> str:
        # The rarest word of a name keeps its candidate list short, however common the rest.
        return min(fingerprint.split(), key=lambda word: (frequency[word], -len(word), word))

    for pk, fingerprint in rows:
        if not fingerprint:
            continue
        by_fingerprint.setdefault(fingerprint, []).append(pk)
        by_word.setdefault(block(fingerprint), []).append((pk, fingerprint))
    pairs: dict[tuple[int, int], float] = {}
    for organisation in organisations:
        fingerprint = organisation.fingerprint
        if not fingerprint:
            continue
        for pk in by_fingerprint.get(fingerprint, [])[:20]:
            if pk != organisation.pk:
                pairs[(min(pk, organisation.pk), max(pk, organisation.pk))] = 1.0
        for pk, other in by_word.get(block(fingerprint), [])[:200]:
            if pk == organisation.pk or other == fingerprint:
                continue
            score = fuzz.token_sort_ratio(fingerprint, other) / 100.0
            if score >= DUPLICATE_THRESHOLD:
                pairs.setdefault((min(pk, organisation.pk), max(pk, organisation.pk)), score)
    if not pairs:
        return []
    involved = {pk for pair in pairs for pk in pair}
    known = set(
        DuplicateCandidate.objects.filter(
            first_id__in=involved, second_id__in=involved
        ).values_list("first_id", "second_id")
    )
    names = dict(Organisation.objects.filter(pk__in=involved).values_list("pk", "name"))
    created = []
    for (a, b), score in sorted(pairs.items()):
        if (a, b) in known:
            continue
        reason = _(
            "“%(a)s” and “%(b)s” have the same name up to script, accents and legal form"
        ) % {"a": names[a], "b": names[b]}
        created.append(
            DuplicateCandidate(first_id=a, second_id=b, score=score, reason=reason[:300])
        )
    DuplicateCandidate.objects.bulk_create(created)
    organisations_by_pk = {o.pk: o for o in Organisation.objects.filter(pk__in=involved)}
    return [(organisations_by_pk[c.first_id], organisations_by_pk[c.second_id]) for c in created]


class StaleEdit(DomainError):
    """Someone else saved the record since it was opened."""


@transaction.atomic
def save_organisation(
    *,
    actor: Any,
    organisation: Organisation,
    sectors: Iterable[Sector] | None = None,
    activities: Iterable[Activity] | None = None,
    expected_version: int | None = None,
) -> tuple[Organisation, list[Organisation]]:
    """Save a created or edited organisation; return it with the duplicates it may be.

    With `expected_version`, a save over a newer version is refused (StaleEdit) rather than
    silently overwriting another person's edit.
    """
    is_new = organisation.pk is None
    refresh_derived(organisation)
    if is_new:
        organisation.save()
    else:
        if expected_version is not None:
            updated = Organisation.objects.filter(
                pk=organisation.pk, version=expected_version
            ).update(version=models.F("version") + 1)
            if not updated:
                raise StaleEdit(
                    _(
                        "Someone else changed this organisation while you were editing it. "
                        "Reload the page to see their changes, then edit again."
                    )
                )
            organisation.version = expected_version + 1
        else:
            organisation.version += 1
        organisation.save()
    if sectors is not None:
        organisation.sectors.set(sectors)
    if activities is not None:
        organisation.activities.set(activities)
    duplicates = find_duplicates_of(organisation)
    for other in duplicates:
        flag_duplicate(organisation, other)
    audit.record(actor=actor, action="create" if is_new else "update", obj=organisation)
    return organisation, duplicates


class InvalidRecord(DomainError):
    """A record that fails the directory's checks; `problems` lists each (field, message)."""

    def __init__(self, problems: Iterable[tuple[str, str]]) -> None:
        self.problems = list(problems)
        super().__init__(
            "; ".join(
                _("%(field)s: %(message)s") % {"field": field, "message": message}
                if field
                else message
                for field, message in self.problems
            ),
            field=self.problems[0][0] if self.problems else None,
        )


@transaction.atomic
def save_organisation_record(
    *,
    actor: Any,
    organisation: Organisation,
    changes: dict[str, Any],
    expected_version: int | None = None,
) -> tuple[Organisation, list[Organisation]]:
    """Check `changes` over the organisation's stored record as an import checks a line, then save.

    `changes` holds fields of the file format (INTERFACES.md §1); fields it leaves out keep
    their stored values. The page's form, the API and the imports all check records with
    `check_organisation`, so they report the same problems in the same words. Any problem
    raises InvalidRecord naming every field at fault, and nothing is written; a save over
    a newer version than `expected_version` raises StaleEdit. Returns the saved
    organisation and the organisations it may be a duplicate of.
    """
    from jumelage.directory.exports import organisation_record

    record = organisation_record(organisation) if organisation.pk else {}
    record.update(changes)
    record["id"] = organisation.external_ref
    cleaned, problems = check_organisation(record)
    if problems:
        raise InvalidRecord(problems)
    regions = (
        {region.code: region for region in Region.objects.filter(code=cleaned["region"])}
        if cleaned["region"]
        else {}
    )
    _apply_record(organisation, cleaned, regions)
    try:
        organisation.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise InvalidRecord(
            (_RECORD_FIELD_OF.get(name, name), message)
            for name, messages in error.message_dict.items()
            for message in messages
        ) from error
    return save_organisation(
        actor=actor,
        organisation=organisation,
        sectors=_sectors(cleaned["sectors"]),
        activities=_activities(cleaned["activities"]),
        expected_version=expected_version,
    )


def _repoint(relation: Any, absorbed: Organisation, kept: Organisation) -> None:
    model = relation.related_model
    name = relation.field.name
    for obj in model._default_manager.filter(**{name: absorbed}):
        setattr(obj, name, kept)
        try:
            with transaction.atomic():
                obj.save(update_fields=[name])
        except IntegrityError:
            obj.delete()  # the kept organisation already has the same link


def _repoint_many(relation: Any, absorbed: Organisation, kept: Organisation) -> None:
    """Move many-to-many links (through rows, hidden relations too) to the kept organisation."""
    through = relation.through
    organisation_field = through._meta.get_field(relation.field.m2m_reverse_field_name())
    other_field = through._meta.get_field(relation.field.m2m_field_name())
    already = set(
        through.objects.filter(**{organisation_field.name: kept}).values_list(
            other_field.attname, flat=True
        )
    )
    for row in through.objects.filter(**{organisation_field.name: absorbed}):
        if getattr(row, other_field.attname) in already:
            row.delete()
        else:
            setattr(row, organisation_field.attname, kept.pk)
            row.save()


@transaction.atomic
def merge_organisations(*, actor: Any, kept: Organisation, absorbed: Organisation) -> Organisation:
    """Merge `absorbed` into `kept`: names become aliases, every link moves, then it goes."""
    if kept.pk == absorbed.pk:
        raise DomainError(_("An organisation cannot be merged with itself."))
    aliases = list(kept.aliases)
    for name in [absorbed.name, *absorbed.names.values(), *absorbed.aliases]:
        if name and name != kept.name and name not in aliases:
            aliases.append(name)
    kept.aliases = aliases
    kept.names = {**absorbed.names, **kept.names}
    kept.descriptions = {**absorbed.descriptions, **kept.descriptions}
    kept.keywords = list(dict.fromkeys([*kept.keywords, *absorbed.keywords]))
    for key in ("siren", "siret", "inn", "ogrn", "pic", "website", "city", "legal_form"):
        if not getattr(kept, key) and getattr(absorbed, key):
            setattr(kept, key, getattr(absorbed, key))
    if kept.region_id is None:
        kept.region = absorbed.region
    kept.sectors.add(*absorbed.sectors.all())
    kept.activities.add(*absorbed.activities.all())
    DuplicateCandidate.objects.filter(
        models.Q(first=absorbed, second=kept) | models.Q(first=kept, second=absorbed)
    ).delete()
    for relation in Organisation._meta.related_objects:
        if relation.many_to_many:
            _repoint_many(relation, absorbed, kept)
        elif relation.one_to_many or relation.one_to_one:
            _repoint(relation, absorbed, kept)
    Membership.objects.filter(organisation=kept, parent=kept).delete()
    refresh_derived(kept)
    kept.version += 1
    kept.save()
    audit.record(
        actor=actor,
        action="merge",
        obj=kept,
        data={"absorbed": absorbed.pk, "absorbed_name": absorbed.name},
    )
    absorbed.delete()
    return kept


@transaction.atomic
def add_membership(*, actor: Any, organisation: Organisation, parent: Organisation) -> Membership:
    """Record that `organisation` belongs to the cluster or technopark `parent`."""
    if organisation.pk == parent.pk:
        raise DomainError(_("An organisation cannot be a member of itself."))
    membership, _created = Membership.objects.get_or_create(
        organisation=organisation, parent=parent
    )
    audit.record(actor=actor, action="add_membership", obj=organisation, data={"parent": parent.pk})
    return membership


@transaction.atomic
def remove_membership(*, actor: Any, membership: Membership) -> None:
    audit.record(
        actor=actor,
        action="remove_membership",
        obj=membership.organisation,
        data={"parent": membership.parent_id},
    )
    membership.delete()


@transaction.atomic
def save_person(*, actor: Any, person: Person) -> Person:
    is_new = person.pk is None
    refresh_person(person)
    person.save()
    audit.record(actor=actor, action="create" if is_new else "update", obj=person)
    return person


def export_person(*, person: Person) -> dict[str, Any]:
    """Everything the platform keeps about a person, for a subject-access request."""
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "name_latin": person.name_latin,
        "position": person.position,
        "email": person.email,
        "phone": person.phone,
        "languages": person.languages,
        "organisation": person.organisation.name,
        "consent": {
            "given_on": person.consent_at.isoformat() if person.consent_at else None,
            "purpose": person.consent_purpose,
        },
        "user_account": person.user.username if person.user else None,
        "created_at": person.created_at.isoformat(),
        "updated_at": person.updated_at.isoformat(),
    }


@transaction.atomic
def erase_person(*, actor: Any, person: Person) -> Person:
    """Erase a person's personal data; the record stays, anonymised, so links hold."""
    person.first_name = _("Erased")
    person.last_name = ""
    person.name_latin = ""
    person.position = ""
    person.email = ""
    person.phone = ""
    person.languages = ""
    person.consent_at = None
    person.consent_purpose = ""
    person.user = None
    person.erased_at = timezone.now()
    person.search_key = ""
    person.save()
    audit.record(actor=actor, action="erase", obj=person)
    return person
