"""Exporting the directory as CSV, XLSX and JSON Lines (the import format)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from jumelage.directory.models import Organisation

COLUMNS = [
    "id",
    "name",
    "aliases",
    "legal_form",
    "kind",
    "country",
    "region",
    "city",
    "website",
    "sectors",
    "keywords",
    "activities",
    "siren",
    "siret",
    "inn",
    "ogrn",
    "pic",
    "name_ru",
    "name_en",
    "name_fr",
    "description_fr",
    "description_en",
    "description_ru",
]


def organisation_record(org: Organisation) -> dict[str, Any]:
    """An organisation in the JSON Lines format of INTERFACES.md §1 (round-trips on import)."""
    record: dict[str, Any] = {
        "id": org.external_ref,
        "name": org.name,
        "aliases": org.aliases,
        "kind": org.kind,
        "country": org.country,
        "region": org.region.code if org.region else org.region_text,
        "city": org.city,
        "website": org.website,
        "description": org.descriptions,
        "sectors": [s.code for s in org.sectors.all()],
        "keywords": org.keywords,
        "activities": [a.code for a in org.activities.all()],
        "identifiers": org.identifiers(),
    }
    if org.names:
        record["names"] = org.names
    if org.legal_form:
        record["legal_form"] = org.legal_form
    return record


def flat_row(record: dict[str, Any]) -> list[str]:
    flat = {**record, **record.get("identifiers", {})}
    for lang, text in record.get("names", {}).items():
        flat[f"name_{lang}"] = text
    for lang, text in record.get("description", {}).items():
        flat[f"description_{lang}"] = text
    return [
        "; ".join(v) if isinstance(v := flat.get(col, ""), list) else str(v or "")
        for col in COLUMNS
    ]


def _text_cell(sheet: Any, value: str) -> WriteOnlyCell:
    # Typed as text so that a name starting with "=" stays a name, not a live formula;
    # control characters are not allowed in XLSX at all.
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    return cell


def export_organisations(queryset: Iterable[Organisation], fmt: str) -> tuple[bytes, str, str]:
    """Return (content, content type, file extension) for `fmt` in csv, xlsx, jsonl."""
    organisations = (
        queryset.select_related("region").prefetch_related("sectors", "activities")
        if hasattr(queryset, "prefetch_related")
        else queryset
    )
    records = (organisation_record(org) for org in organisations)
    if fmt == "jsonl":
        body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        return body.encode(), "application/x-ndjson; charset=utf-8", "jsonl"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        writer.writerows(flat_row(r) for r in records)
        return ("\ufeff" + buffer.getvalue()).encode(), "text/csv; charset=utf-8", "csv"
    if fmt == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("organisations")
        sheet.append(COLUMNS)
        for record in records:
            sheet.append([_text_cell(sheet, value) for value in flat_row(record)])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return (
            buffer.getvalue(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        )
    raise ValueError(f"unknown export format {fmt!r}")
