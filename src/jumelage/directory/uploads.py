"""Uploaded directory files: read CSV, XLSX or JSON Lines, check, stage, commit.

A spreadsheet has one organisation per row under a header row of the export's COLUMNS
(list cells separated by ";"). Every row becomes a record in the shape of INTERFACES.md §1
and goes through the same checks as the command line; the checked records wait in an
ImportBatch until a manager commits them, all or nothing.
"""

from __future__ import annotations

import csv
import io
import json
import time
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db import OperationalError, models, transaction
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from rapidfuzz import fuzz, process

from jumelage.accounts.models import Programme
from jumelage.core.errors import DomainError, InputError
from jumelage.directory import rules
from jumelage.directory.dedup import DUPLICATE_THRESHOLD, name_fingerprint
from jumelage.directory.exports import COLUMNS
from jumelage.directory.models import ImportBatch, Organisation
from jumelage.directory.records import Problem
from jumelage.directory.services import (
    ImportResult,
    check_organisation_records,
    import_organisations,
)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
EXTENSIONS = (".csv", ".xlsx", ".jsonl", ".ndjson")
LIST_COLUMNS = {"aliases", "sectors", "keywords", "activities", "members_of"}
IDENTIFIER_COLUMNS = ("siren", "siret", "inn", "ogrn", "pic")
KNOWN_COLUMNS = (*COLUMNS, "members_of")
REQUIRED_COLUMNS = ("id", "name", "country")

Rows = list[tuple[int, Any]]
# Shares of a check's progress, in percent: reading the rows, checking them; finding
# possible duplicates and the rest take what is left.
READ_SHARE = 20
CHECK_SHARE = 60
PROGRESS_INTERVAL = 0.25  # seconds between two writes of a check's progress


def stalled_after(status: str) -> timedelta | None:
    """How long background work in `status` may show no sign of life before it is taken for
    dead (its worker was stopped or killed) and started again when its page is next seen
    (settings UPLOAD_CHECK_STALLED_MINUTES and UPLOAD_IMPORT_STALLED_MINUTES). Reading the
    largest file allowed (MAX_ROWS rows) before the first progress takes well under a
    minute; its import, which shows no progress until it is done (it is one transaction), a
    few minutes. None for a status that is not background work."""
    minutes = {
        ImportBatch.Status.CHECKING: settings.UPLOAD_CHECK_STALLED_MINUTES,
        ImportBatch.Status.COMMITTING: settings.UPLOAD_IMPORT_STALLED_MINUTES,
    }.get(status)
    return timedelta(minutes=minutes) if minutes else None


def file_format(name: str) -> str:
    """`csv`, `xlsx` or `jsonl` from a file name; an InputError for anything else."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".xls":
        raise InputError(
            _("%(file)s: old Excel files (.xls) cannot be read; save it as .xlsx or CSV UTF-8.")
            % {"file": name},
            file=name,
        )
    if suffix not in EXTENSIONS:
        raise InputError(
            _("%(file)s: choose a CSV, XLSX or JSON Lines (.jsonl) file.") % {"file": name},
            file=name,
        )
    return "jsonl" if suffix == ".ndjson" else suffix.lstrip(".")


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a spreadsheet turns 732829320 into 732829320.0
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def row_record(cells: dict[str, str]) -> dict[str, Any]:
    """A spreadsheet row (column → text) as a record of INTERFACES.md §1."""
    record: dict[str, Any] = {}
    for column in ("id", "name", "legal_form", "kind", "country", "region", "city", "website"):
        if cells.get(column):
            record[column] = cells[column]
    for column in LIST_COLUMNS:
        if cells.get(column):
            record[column] = _split(cells[column])
    identifiers = {key: cells[key] for key in IDENTIFIER_COLUMNS if cells.get(key)}
    if identifiers:
        record["identifiers"] = identifiers
    for prefix, key in (("name_", "names"), ("description_", "description")):
        texts = {
            column.removeprefix(prefix): text
            for column, text in cells.items()
            if column.startswith(prefix) and text
        }
        if texts:
            record[key] = texts
    return record


def _header(
    name: str, header_number: int, header_cells: list[Any]
) -> tuple[dict[int, str], list[Problem]]:
    """The columns of a header row by position, and its problems; an InputError when the
    required columns are missing."""
    header = [_cell_text(cell).lstrip("\ufeff").strip().lower() for cell in header_cells]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise InputError(
            _(
                "%(file)s: the first row must name the columns; %(missing)s missing. "
                "Export the directory to get a file with every column."
            )
            % {"file": name, "missing": ", ".join(missing)},
            file=name,
            line=header_number,
        )
    problems: list[Problem] = []
    columns: dict[int, str] = {}
    for index, column in enumerate(header):
        if not column:
            continue
        if column not in KNOWN_COLUMNS:
            problems.append(
                Problem(
                    header_number,
                    column,
                    _("is not a known column; the columns are: %(columns)s")
                    % {"columns": ", ".join(KNOWN_COLUMNS)},
                )
            )
        elif column in columns.values():
            problems.append(Problem(header_number, column, _("appears twice in the header")))
        else:
            columns[index] = column
    return columns, problems


def _table_rows(name: str, table: list[tuple[int, list[Any]]]) -> tuple[Rows, list[Problem]]:
    """Records from (row number, cells) with a header first; problems of the header itself."""
    if not table:
        raise InputError(_("%(file)s: the file is empty.") % {"file": name}, file=name)
    columns, problems = _header(name, *table[0])
    rows: Rows = []
    for number, cells in table[1:]:
        texts = {
            column: _cell_text(cells[index]) if index < len(cells) else ""
            for index, column in columns.items()
        }
        if not any(texts.values()):
            continue
        rows.append((number, row_record(texts)))
    return rows, problems


def _decode(name: str, content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            _("%(file)s: not UTF-8 text; in Excel, save it as “CSV UTF-8”.") % {"file": name},
            file=name,
        ) from error


def _csv_reader(text: str, *, first_row_only: bool = False) -> Any:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return csv.reader(
        io.StringIO(first_line if first_row_only else text, newline=""), delimiter=delimiter
    )


def read_csv(name: str, content: bytes) -> tuple[Rows, list[Problem]]:
    """Rows of a CSV file, separated by ";" or ",", UTF-8 with or without a BOM."""
    reader = _csv_reader(_decode(name, content))
    table: list[tuple[int, list[Any]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            if number > MAX_ROWS + 1:
                raise _too_many_rows(name)
            table.append((number, cells))
    except csv.Error as error:
        raise InputError(
            _("%(file)s, row %(line)d: not valid CSV (%(error)s)")
            % {"file": name, "line": reader.line_num, "error": error},
            file=name,
            line=reader.line_num,
        ) from error
    return _table_rows(name, table)


def read_xlsx(name: str, content: bytes) -> tuple[Rows, list[Problem]]:
    """Rows of the first sheet of an XLSX workbook (formulas read as their last value)."""
    table: list[tuple[int, list[Any]]] = []
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it ignores; they do not matter here.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0]
                for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                    if number > MAX_ROWS + 1:
                        raise _too_many_rows(name)
                    table.append((number, list(cells)))
            finally:
                workbook.close()
    except InputError:
        raise
    except Exception as error:  # a damaged workbook fails in many ways inside openpyxl
        raise InputError(
            _("%(file)s: cannot be read as an XLSX workbook.") % {"file": name}, file=name
        ) from error
    return _table_rows(name, table)


def read_jsonl_upload(name: str, content: bytes) -> tuple[Rows, list[Problem]]:
    """Objects of a JSON Lines file; a line that is not JSON is a problem of that line."""
    rows: Rows = []
    problems: list[Problem] = []
    for number, line in enumerate(_decode(name, content).splitlines(), start=1):
        if not line.strip():
            continue
        if len(rows) >= MAX_ROWS:
            raise _too_many_rows(name)
        try:
            rows.append((number, json.loads(line)))
        except json.JSONDecodeError as error:
            problems.append(
                Problem(number, "", _("not valid JSON (%(error)s)") % {"error": error.msg})
            )
    return rows, problems


def _too_many_rows(name: str) -> InputError:
    return InputError(
        ngettext(
            "%(file)s: more than %(count)d row; import it with the jumelage import-directory "
            "command instead.",
            "%(file)s: more than %(count)d rows; import it with the jumelage import-directory "
            "command instead.",
            MAX_ROWS,
        )
        % {"file": name, "count": MAX_ROWS},
        file=name,
    )


READERS = {"csv": read_csv, "xlsx": read_xlsx, "jsonl": read_jsonl_upload}


def precheck_upload(*, name: str, content: bytes) -> None:
    """The checks that take no time, made while the person waits: an InputError when the
    file's type, its text encoding or its header row shows that it cannot be imported.

    Reading every row is left to `check_batch`, in the background.
    """
    fmt = file_format(name)
    if fmt == "xlsx":
        if not zipfile.is_zipfile(io.BytesIO(content)):
            raise InputError(
                _("%(file)s: cannot be read as an XLSX workbook.") % {"file": name}, file=name
            )
        return
    text = _decode(name, content)
    if not text.strip():
        raise InputError(_("%(file)s: the file is empty.") % {"file": name}, file=name)
    if fmt == "csv":
        try:
            header = next(_csv_reader(text, first_row_only=True), [])
        except csv.Error as error:
            raise InputError(
                _("%(file)s, row %(line)d: not valid CSV (%(error)s)")
                % {"file": name, "line": 1, "error": error},
                file=name,
                line=1,
            ) from error
        _header(name, 1, header)


def check_upload(
    *, name: str, content: bytes, progress: Callable[[int], None] | None = None
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Read and check an uploaded file: the cleaned records and every problem, by row.

    A file that cannot be read at all (wrong type, not UTF-8, no header, empty) is an
    InputError; problems of single rows are returned so that they can all be shown.
    `progress` is told the share of the work done, in percent.
    """
    rows, problems = READERS[file_format(name)](name, content)
    if not rows:
        raise InputError(
            _("%(file)s: there is no organisation in this file.") % {"file": name}, file=name
        )
    checked = None
    if progress:
        progress(READ_SHARE)

        def checked(count: int) -> None:
            progress(READ_SHARE + CHECK_SHARE * count // len(rows))

    records, found = check_organisation_records(rows, progress=checked)
    problems = sorted([*problems, *found], key=lambda problem: problem.line)
    return records, problems


def possible_duplicates(
    records: list[dict[str, Any]], *, source: str, limit: int = 5
) -> list[list[dict[str, Any]]]:
    """For each record, the organisations of the directory it may be a second copy of.

    The same test as the import's duplicate flagging (equal name fingerprints, or names
    sharing their rarest word that are close enough, the closest first), in one pass over
    the directory's fingerprints rather than one search per row. The organisation a record would update
    (same source and id) is not its duplicate.
    """
    by_fingerprint: dict[str, list[int]] = {}
    by_word: dict[str, list[tuple[int, str]]] = {}
    frequency: Counter[str] = Counter()
    rows = list(
        Organisation.objects.filter(archived=False)
        .exclude(fingerprint="")
        .values_list("pk", "fingerprint")
        .iterator(chunk_size=5000)
    )
    for _pk, fingerprint in rows:
        frequency.update(set(fingerprint.split()))

    def block(fingerprint: str) -> str:
        # The rarest word of a name keeps its candidate list short, however common the rest.
        return min(fingerprint.split(), key=lambda word: (frequency[word], -len(word), word))

    for pk, fingerprint in rows:
        by_fingerprint.setdefault(fingerprint, []).append(pk)
        by_word.setdefault(block(fingerprint), []).append((pk, fingerprint))
    cutoff = DUPLICATE_THRESHOLD * 100
    found: list[list[int]] = []
    for record in records:
        fingerprint = name_fingerprint(record.get("name") or "")
        matches: list[int] = []
        if fingerprint:
            matches = by_fingerprint.get(fingerprint, [])[:limit]
            candidates = [
                (pk, other)
                for pk, other in by_word.get(block(fingerprint), [])[:200]
                if other != fingerprint
            ]
            if len(matches) < limit and candidates:
                close = process.extract(
                    fingerprint,
                    [other for _pk, other in candidates],
                    scorer=fuzz.token_sort_ratio,
                    score_cutoff=cutoff,
                    limit=limit - len(matches),
                )
                matches = [*matches, *(candidates[index][0] for _o, _s, index in close)]
        found.append(matches)
    involved = {pk for matches in found for pk in matches}
    organisations = Organisation.objects.filter(pk__in=involved).only(
        "pk", "name", "country", "city", "source", "external_id"
    )
    by_pk = {organisation.pk: organisation for organisation in organisations}
    return [
        [
            {"pk": pk, "name": other.name, "country": other.country, "city": other.city}
            for pk in matches
            if not ((other := by_pk[pk]).source == source and other.external_id == record.get("id"))
        ]
        for record, matches in zip(records, found, strict=True)
    ]


def permission_problems(*, user: Any, source: str, records: list[dict[str, Any]]) -> list[Problem]:
    """Rows that would update an organisation `user` may not edit."""
    lines = {record["id"]: record["_line"] for record in records if record.get("id")}
    existing = Organisation.objects.filter(source=source, external_id__in=list(lines))
    forbidden = existing.exclude(pk__in=rules.editable_organisations(user).values("pk"))
    return [
        Problem(
            lines[organisation.external_id],
            "id",
            _("updates “%(name)s”, which you may not edit") % {"name": organisation.name},
        )
        for organisation in forbidden.only("external_id", "name")
    ]


def stage_upload(*, user: Any, name: str, content: bytes, source: str) -> ImportBatch:
    """Keep an uploaded file as a batch and check it in the background (`check_batch`).

    The quick checks of `precheck_upload` are made first, so that a file of the wrong
    kind is refused at once (InputError) and nothing is kept. The check starts once the
    transaction commits; the batch's page follows its progress.
    """
    from jumelage.directory.tasks import check_upload_task

    precheck_upload(name=name, content=content)
    batch = ImportBatch.objects.create(
        created_by=user,
        filename=PurePath(name).name[:255],
        source=source,
        content=content,
        status=ImportBatch.Status.CHECKING,
        progress_at=timezone.now(),
    )
    language = get_language()
    transaction.on_commit(lambda: check_upload_task.enqueue(batch.pk, language))
    return batch


def restart_if_stalled(*, batch: ImportBatch) -> bool:
    """Start the check or the import of `batch` again if it has shown no sign of life for
    `stalled_after` its status (its worker was stopped or killed); True if it was restarted.

    Nothing is locked unless the work is overdue: pages poll this every second, and on
    SQLite a transaction would wait for the running import's. Only one caller restarts it
    (the restart is claimed by an update of the batch's row),
    and work that turns out to be alive does no harm: two checks write the same preview,
    whichever finishes first, and two imports are serialised by a lock on the batch's row,
    the second finding the batch imported and stopping, so nothing is imported twice.
    """
    from jumelage.directory.tasks import check_upload_task, commit_upload_task

    patience = stalled_after(batch.status)
    if patience is None:
        return False
    now = timezone.now()
    last = batch.progress_at or batch.created_at
    if last is None or now - last < patience:
        return False
    stalled = ImportBatch.objects.filter(pk=batch.pk, status=batch.status).filter(
        models.Q(progress_at__lte=now - patience) | models.Q(progress_at=None)
    )
    try:
        with transaction.atomic():
            # A running import holds the row's lock: then it is alive, and this page must
            # not wait for it.
            if not stalled.select_for_update(skip_locked=True).values_list("pk", flat=True)[:1]:
                return False
            stalled.update(progress_at=now, progress=0, restarts=models.F("restarts") + 1)
    except OperationalError:
        # SQLite has no row locks: the database is locked by the running import.
        return False
    task = check_upload_task if batch.status == ImportBatch.Status.CHECKING else commit_upload_task
    batch.refresh_from_db(fields=["progress_at", "progress", "restarts"])
    language = get_language()
    transaction.on_commit(lambda: task.enqueue(batch.pk, language))
    return True


def check_batch(*, batch: ImportBatch) -> ImportBatch:
    """Read and check a staged batch's file: records, problems by row, possible duplicates.

    Safe to repeat: a batch that is no longer being checked is returned as it is. Progress
    is written to the batch's row as the work goes, so that its page can show it. A file
    that cannot be read marks the batch failed, with the message naming the file and the
    line; either way the file's bytes are then dropped.
    """
    batch = ImportBatch.objects.get(pk=batch.pk)
    if batch.status != ImportBatch.Status.CHECKING:
        return batch
    rows = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.CHECKING)
    shown = {"percent": 0, "at": 0.0}

    def report(percent: int) -> None:
        # Each write is a commit: a few a second are enough for a page polling every second.
        now = time.monotonic()
        if percent > shown["percent"] and now - shown["at"] >= PROGRESS_INTERVAL:
            shown.update(percent=percent, at=now)
            rows.update(progress=percent, progress_at=timezone.now())

    try:
        records, problems = check_upload(
            name=batch.filename, content=bytes(batch.content), progress=report
        )
        problems = sorted(
            [
                *problems,
                *permission_problems(user=batch.created_by, source=batch.source, records=records),
            ],
            key=lambda problem: problem.line,
        )
        report(READ_SHARE + CHECK_SHARE)
        duplicates = possible_duplicates(records, source=batch.source)
    except InputError as error:
        outcome = {
            "status": ImportBatch.Status.FAILED,
            "error": error.message,
            "content": b"",
            "progress": 100,
        }
    except Exception:
        rows.update(
            status=ImportBatch.Status.FAILED,
            error=_(
                "This file could not be checked. Upload it again; if it fails again, tell an administrator."
            ),
            content=b"",
        )
        raise
    else:
        for record, found in zip(records, duplicates, strict=True):
            record["_duplicates"] = found
        outcome = {
            "status": ImportBatch.Status.PREVIEW,
            "records": records,
            "problems": [problem.as_dict() for problem in problems],
            "content": b"",
            "progress": 100,
        }
    rows.update(**outcome)
    for name, value in outcome.items():
        setattr(batch, name, value)
    return batch


def _programme_of(user: Any) -> Programme | None:
    managed = rules.managed_programme_ids(user)
    return Programme.objects.filter(pk=min(managed)).first() if managed else None


def start_commit(*, batch: ImportBatch, actor: Any) -> bool:
    """Hand the import of a previewed batch to the task backend (`commit_batch` does it);
    False if it is already imported or being imported.

    A batch with problems is refused with a DomainError, and so is one still being checked
    or that could not be read, or one that would now update organisations the actor may not
    edit. The import starts once the transaction commits; the batch's page follows it.
    """
    from jumelage.directory.tasks import commit_upload_task

    status = ImportBatch.objects.filter(pk=batch.pk).values_list("status", flat=True).first()
    if status == ImportBatch.Status.CHECKING:
        raise DomainError(_("This file is still being checked: wait for the preview."))
    if status == ImportBatch.Status.FAILED:
        raise DomainError(_("This file could not be read: correct it and upload it again."))
    if status != ImportBatch.Status.PREVIEW:
        return False
    if batch.problems:
        raise DomainError(_("This file has problems: correct them and upload it again."))
    if permission_problems(user=actor, source=batch.source, records=batch.records):
        raise DomainError(
            _("This file now updates organisations you may not edit: upload it again.")
        )
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.PREVIEW).update(
        status=ImportBatch.Status.COMMITTING,
        committed_by=actor,
        error="",
        progress=0,
        progress_at=timezone.now(),
    )
    if not claimed:
        return False
    language = get_language()
    transaction.on_commit(lambda: commit_upload_task.enqueue(batch.pk, language))
    return True


def commit_batch(*, batch_id: int) -> ImportResult | None:
    """Import a batch handed over by `start_commit`, all or nothing; None if there is
    nothing to do (already imported, or refused: the reason is kept on the batch).

    Safe to repeat and to run twice at once: the batch's row stays locked until the import
    commits, and a second run then finds it imported. New organisations join the programme
    the requester manages; one who may no longer edit the organisations the file updates
    gets the batch back as a preview with the reason.
    """
    with transaction.atomic():
        batch = (
            ImportBatch.objects.select_for_update()
            .filter(pk=batch_id, status=ImportBatch.Status.COMMITTING)
            .first()
        )
        if batch is None:
            return None
        actor = batch.committed_by
        if actor is None or permission_problems(
            user=actor, source=batch.source, records=batch.records
        ):
            batch.status = ImportBatch.Status.PREVIEW
            batch.error = _(
                "This file now updates organisations you may not edit: upload it again."
            )
            batch.save(update_fields=["status", "error"])
            return None
        result = import_organisations(
            records=batch.records, source=batch.source, actor=actor, programme=_programme_of(actor)
        )
        batch.status = ImportBatch.Status.COMMITTED
        batch.progress = 100
        batch.result = {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "duplicates": len(result.duplicates),
        }
        batch.save(update_fields=["status", "progress", "result"])
    return result
