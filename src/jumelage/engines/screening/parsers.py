"""Readers for the sanctions list formats the platform loads.

`parse_list(path, format)` is the single entry point; each format has its own reader below.
Every reader returns plain `ListEntry` values and raises `ListParseError` naming the file, the
line (or XML element) and the field when the input is not what the format promises.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .countries import country_code, country_codes
from .model import (
    AIRCRAFT,
    ORGANIZATION,
    PERSON,
    THING,
    VESSEL,
    Identifier,
    ListEntry,
    ListParseError,
    ParsedList,
)
from .normalize import identifier_scheme, parse_dates

FORMATS = ("eu-fsf-xml", "un-xml", "ofac-sdn-csv", "ojeu-csv", "ftm-json")

_SCHEMAS = {
    "person": PERSON,
    "individual": PERSON,
    "p": PERSON,
    "organization": ORGANIZATION,
    "organisation": ORGANIZATION,
    "company": ORGANIZATION,
    "legalentity": ORGANIZATION,
    "publicbody": ORGANIZATION,
    "enterprise": ORGANIZATION,
    "entity": ORGANIZATION,
    "e": ORGANIZATION,
    "vessel": VESSEL,
    "aircraft": AIRCRAFT,
    "airplane": AIRCRAFT,
}


def schema_name(value: str | None) -> str:
    """The engine's schema (`Person`, `Organization`, `Vessel`, `Aircraft`, `Thing`)."""
    return _SCHEMAS.get((value or "").strip().casefold().replace(" ", ""), THING)


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        if value is None:
            continue
        value = " ".join(value.split())
        if value:
            seen.setdefault(value, None)
    return tuple(seen)


def _countries(values: Iterable[str | None]) -> tuple[str, ...]:
    codes: list[str] = []
    for value in values:
        if not value:
            continue
        found = country_codes(value)
        codes.extend(found if found else [value.strip()])
    return _unique(codes)


# --- EU financial sanctions file (FSF) XML ------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _read_xml(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as error:
        line, column = error.position
        raise ListParseError(
            str(path), f"line {line}, column {column}", "xml", f"malformed XML ({error.msg})"
        ) from error
    except OSError as error:
        raise ListParseError(str(path), "file", "path", str(error)) from error


def parse_eu_fsf_xml(path: Path, list_id: str = "eu-fsf") -> ParsedList:
    """Read the EU consolidated financial sanctions file (``xmlFullSanctionsList_1_1``)."""
    root = _read_xml(path)
    if _local(root.tag) != "export":
        raise ListParseError(
            str(path), f"element <{_local(root.tag)}>", "export", "not an EU FSF export file"
        )
    entries: list[ListEntry] = []
    for number, element in enumerate(_children(root, "sanctionEntity"), start=1):
        logical_id = element.get("logicalId")
        where = f"sanctionEntity #{number}" + (f" (logicalId {logical_id})" if logical_id else "")
        if not logical_id:
            raise ListParseError(str(path), where, "logicalId", "missing")
        subject = _children(element, "subjectType")
        kind = subject[0].get("code") or subject[0].get("classificationCode") if subject else None
        schema = schema_name(kind)
        strong: list[str] = []
        weak: list[str] = []
        for alias in _children(element, "nameAlias"):
            whole = alias.get("wholeName") or " ".join(
                part
                for part in (alias.get("firstName"), alias.get("middleName"), alias.get("lastName"))
                if part
            )
            if not whole.strip():
                continue
            (weak if alias.get("strong", "true").casefold() == "false" else strong).append(whole)
        if not strong and not weak:
            raise ListParseError(str(path), where, "nameAlias", "no name given")
        names = strong[:1] or weak[:1]
        births: list[str] = []
        birth_countries: list[str | None] = []
        for birth in _children(element, "birthdate"):
            value = birth.get("birthdate") or birth.get("year") or ""
            if value and not parse_dates(value):
                raise ListParseError(str(path), where, "birthdate", f"unreadable date {value!r}")
            births.extend(parse_dates(value))
            birth_countries.append(birth.get("countryIso2Code"))
        nationalities = [c.get("countryIso2Code") for c in _children(element, "citizenship")]
        addresses = [a.get("countryIso2Code") for a in _children(element, "address")]
        identifiers = [
            Identifier(
                identifier_scheme(ident.get("identificationTypeCode") or "id"),
                ident.get("number") or ident.get("latinNumber") or "",
                ident.get("countryIso2Code"),
            )
            for ident in _children(element, "identification")
            if ident.get("number") or ident.get("latinNumber")
        ]
        regulations = _children(element, "regulation")
        programmes = _unique(r.get("programme") for r in regulations)
        listed = element.get("designationDate") or next(
            (r.get("publicationDate") for r in regulations if r.get("publicationDate")), None
        )
        remark = _children(element, "remark")
        entries.append(
            ListEntry(
                entry_id=f"{list_id}:{logical_id}",
                list_id=list_id,
                schema=schema,
                names=_unique(names),
                aliases=_unique(n for n in strong if n not in names),
                weak_aliases=_unique(n for n in weak if n not in names),
                birth_dates=_unique(births),
                nationalities=_countries(nationalities),
                countries=_countries([*nationalities, *addresses, *birth_countries]),
                identifiers=tuple(identifiers),
                programmes=programmes,
                listed_on=listed,
                remarks=(remark[0].text or "").strip() or None if remark else None,
            )
        )
    return ParsedList(
        list_id=list_id,
        source_format="eu-fsf-xml",
        entries=entries,
        list_date=root.get("generationDate"),
        version=root.get("globalFileId"),
    )


# --- UN Security Council consolidated list XML ------------------------------------------


def _text(element: ET.Element, name: str) -> str | None:
    found = _children(element, name)
    if not found or found[0].text is None:
        return None
    return found[0].text.strip() or None


def _values(element: ET.Element, group: str) -> list[str]:
    return [
        value.text.strip()
        for holder in _children(element, group)
        for value in _children(holder, "VALUE")
        if value.text and value.text.strip()
    ]


def parse_un_xml(path: Path, list_id: str = "un-sc") -> ParsedList:
    """Read the UN Security Council consolidated list XML (``consolidated.xml``)."""
    root = _read_xml(path)
    if _local(root.tag) != "CONSOLIDATED_LIST":
        raise ListParseError(
            str(path), f"element <{_local(root.tag)}>", "CONSOLIDATED_LIST", "not a UN list file"
        )
    entries: list[ListEntry] = []
    records = [
        (record, PERSON, "INDIVIDUAL")
        for group in _children(root, "INDIVIDUALS")
        for record in _children(group, "INDIVIDUAL")
    ] + [
        (record, ORGANIZATION, "ENTITY")
        for group in _children(root, "ENTITIES")
        for record in _children(group, "ENTITY")
    ]
    for number, (record, schema, kind) in enumerate(records, start=1):
        data_id = _text(record, "DATAID")
        reference = _text(record, "REFERENCE_NUMBER")
        where = f"{kind} #{number}" + (f" (DATAID {data_id})" if data_id else "")
        if not data_id and not reference:
            raise ListParseError(str(path), where, "DATAID", "missing")
        parts = [_text(record, f"{n}_NAME") for n in ("FIRST", "SECOND", "THIRD", "FOURTH")]
        name = " ".join(part for part in parts if part)
        if not name:
            raise ListParseError(str(path), where, "FIRST_NAME", "no name given")
        strong: list[str] = []
        weak: list[str] = []
        for alias in _children(record, f"{kind}_ALIAS"):
            alias_name = _text(alias, "ALIAS_NAME")
            if not alias_name:
                continue
            quality = (_text(alias, "QUALITY") or "").casefold()
            for value in alias_name.split(";"):
                (weak if quality in ("low", "poor") else strong).append(value)
        original = _text(record, "NAME_ORIGINAL_SCRIPT")
        if original:
            strong.append(original)
        births: list[str] = []
        for birth in _children(record, "INDIVIDUAL_DATE_OF_BIRTH"):
            for field_name in ("DATE", "YEAR", "FROM_YEAR", "TO_YEAR"):
                birth_text = _text(birth, field_name)
                if birth_text is None:
                    continue
                dates = parse_dates(birth_text)
                if not dates:
                    raise ListParseError(
                        str(path), where, field_name, f"unreadable date {birth_text!r}"
                    )
                births.extend(dates)
        nationalities = _values(record, "NATIONALITY")
        address_countries = [
            _text(address, "COUNTRY") for address in _children(record, f"{kind}_ADDRESS")
        ]
        identifiers = [
            Identifier(
                identifier_scheme(_text(doc, "TYPE_OF_DOCUMENT") or "id"),
                _text(doc, "NUMBER") or "",
                country_code(_text(doc, "ISSUING_COUNTRY")),
            )
            for doc in _children(record, f"{kind}_DOCUMENT")
            if _text(doc, "NUMBER")
        ]
        entries.append(
            ListEntry(
                entry_id=f"{list_id}:{reference or data_id}",
                list_id=list_id,
                schema=schema,
                names=(name,),
                aliases=_unique(a for a in strong if a != name),
                weak_aliases=_unique(a for a in weak if a != name),
                birth_dates=_unique(births),
                nationalities=_countries(nationalities),
                countries=_countries([*nationalities, *address_countries]),
                identifiers=tuple(identifiers),
                programmes=_unique([_text(record, "UN_LIST_TYPE")]),
                listed_on=_text(record, "LISTED_ON"),
                remarks=_text(record, "COMMENTS1"),
            )
        )
    return ParsedList(
        list_id=list_id,
        source_format="un-xml",
        entries=entries,
        list_date=root.get("dateGenerated"),
    )


# --- OFAC SDN legacy CSV -----------------------------------------------------------------

_OFAC_COLUMNS = (
    "ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign", "Vess_type",
    "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks",
)  # fmt: skip
_AKA = re.compile(r"\b[afn]\.k\.a\.,?\s*'([^']+)'", re.IGNORECASE)
_DOB = re.compile(r"\bDOB\s+([^;]+)")
_NATIONALITY = re.compile(r"\b(?:nationality|citizen)\s+([^;.]+)", re.IGNORECASE)
_OFAC_ID = re.compile(
    r"\b(Tax ID No\.|Registration Number|Registration ID|Passport|National ID No\.|"
    r"Vessel Registration Identification|IMO|LEI|SWIFT/BIC|Identification Number|"
    r"Government Gazette Number|Business Registration Number|Company Number)\s+"
    r"([A-Za-z0-9][A-Za-z0-9 /-]*?)(?:\s*\(([^)]+)\))?(?=;|\.\s|\.$|$)",
)
_FILE_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def _ofac_scheme(label: str, value: str) -> str:
    scheme = identifier_scheme(label)
    digits = value.strip()
    # OFAC writes Russian OGRNs (13 digits; 15 for sole traders) as "Registration Number".
    if scheme == "registration" and digits.isdigit() and len(digits) in (13, 15):
        return "ogrn"
    return scheme


def _ofac_null(value: str) -> str:
    value = value.strip()
    return "" if value == "-0-" else value


def _ofac_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ListParseError(str(path), "file", "path", str(error)) from error
    text = raw.decode("cp1252", errors="replace").replace("\x1a", "")
    for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        if not row or all(not cell.strip() for cell in row):
            continue
        yield number, row


def _ofac_aliases(path: Path) -> dict[str, list[tuple[str, str]]]:
    aliases: dict[str, list[tuple[str, str]]] = {}
    for number, row in _ofac_rows(path):
        if number == 1 and row[0].strip().casefold() == "ent_num":
            continue
        if len(row) < 4:
            raise ListParseError(
                str(path), f"line {number}", "alt_name", f"expected 5 columns, found {len(row)}"
            )
        ent_num = row[0].strip()
        if not ent_num.isdigit():
            raise ListParseError(
                str(path), f"line {number}", "ent_num", f"not an entry number: {ent_num!r}"
            )
        name = _ofac_null(row[3])
        if name:
            aliases.setdefault(ent_num, []).append((_ofac_null(row[2]).casefold(), name))
    return aliases


def _find_alt_file(path: Path) -> Path | None:
    beside = path.with_name("alt.csv")
    if beside.exists():
        return beside
    candidates = sorted(path.parent.glob("alt*.csv"))
    return candidates[-1] if candidates else None


def parse_ofac_sdn_csv(path: Path, list_id: str = "us-ofac-sdn") -> ParsedList:
    """Read OFAC's headerless ``sdn.csv``, with the aliases of ``alt.csv`` beside it if present.

    Aliases whose entry number is not in ``sdn.csv`` are dropped (the two files may be of
    different dates).
    """
    alt_path = _find_alt_file(path)
    alt = _ofac_aliases(alt_path) if alt_path else {}
    entries: list[ListEntry] = []
    for number, row in _ofac_rows(path):
        if len(row) != len(_OFAC_COLUMNS):
            raise ListParseError(
                str(path), f"line {number}", "row", f"expected 12 columns, found {len(row)}"
            )
        cells = dict(zip(_OFAC_COLUMNS, (_ofac_null(cell) for cell in row), strict=True))
        if not cells["ent_num"].isdigit():
            raise ListParseError(
                str(path), f"line {number}", "ent_num", f"not an entry number: {row[0]!r}"
            )
        if not cells["SDN_Name"]:
            raise ListParseError(str(path), f"line {number}", "SDN_Name", "empty")
        sdn_type = cells["SDN_Type"].casefold()
        schema = {"individual": PERSON, "vessel": VESSEL, "aircraft": AIRCRAFT}.get(
            sdn_type, ORGANIZATION
        )
        remarks = cells["Remarks"]
        strong = [name for kind, name in alt.get(cells["ent_num"], []) if kind != "weak"]
        strong += _AKA.findall(remarks)
        births = [date for found in _DOB.findall(remarks) for date in parse_dates(found)]
        nationalities = _countries(_NATIONALITY.findall(remarks))
        identifiers = [
            Identifier(
                _ofac_scheme(label, value),
                re.sub(r"^IMO\s+", "", value.strip()),
                country_code(where),
            )
            for label, value, where in _OFAC_ID.findall(remarks)
        ]
        flag = country_code(cells["Vess_flag"]) if cells["Vess_flag"] else None
        id_countries = [identifier.country for identifier in identifiers]
        entries.append(
            ListEntry(
                entry_id=f"{list_id}:{cells['ent_num']}",
                list_id=list_id,
                schema=schema,
                names=(cells["SDN_Name"],),
                aliases=_unique(a for a in strong if a != cells["SDN_Name"]),
                birth_dates=_unique(births),
                nationalities=nationalities,
                countries=_unique([*nationalities, *(c for c in id_countries if c), flag]),
                identifiers=tuple(identifiers),
                programmes=_unique(p.strip("[] ") for p in cells["Program"].split("] [")),
                remarks=remarks or None,
            )
        )
    found = _FILE_DATE.search(path.name)
    return ParsedList(
        list_id=list_id,
        source_format="ofac-sdn-csv",
        entries=entries,
        list_date=found.group(1) if found else None,
    )


# --- OJEU consolidated annex CSV (OpenSanctions transcription layout) -------------------

_OJEU_REQUIRED = ("celex", "schema", "name")
_OJEU_IDS = {
    "innCode": "inn", "ogrnCode": "ogrn", "kppCode": "kpp", "okpoCode": "okpo",
    "leiCode": "lei", "swiftBic": "swift", "imoNumber": "imo", "mmsi": "mmsi",
    "passportNumber": "passport", "taxNumber": "inn", "idNumber": "id",
    "registrationNumber": "registration",
}  # fmt: skip
_CELEX = re.compile(r"^3(\d{4})([RDL])(\d{4})$")
_ID_NOTE = re.compile(r"^(.*?)\s*\(([^)]*)\)\s*$")


def _ojeu_list_id(celex: str, annex: str) -> str:
    found = _CELEX.match(celex.strip())
    act = f"eu-{int(found.group(3))}-{found.group(1)}" if found else f"eu-{celex.strip()}"
    slug = re.sub(r"[^a-z0-9]+", "-", annex.casefold()).strip("-")
    return f"{act}-annex-{slug}" if slug else act


def _split_semicolons(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def _ojeu_identifiers(row: dict[str, str]) -> list[Identifier]:
    found: list[Identifier] = []
    for column, scheme in _OJEU_IDS.items():
        for value in _split_semicolons(row.get(column)):
            note = _ID_NOTE.match(value)
            this_scheme = scheme
            if note:
                value, label = note.group(1), note.group(2)
                for word in re.split(r"[/,]", label):
                    guessed = identifier_scheme(word)
                    if guessed in ("inn", "ogrn", "kpp", "okpo", "imo", "lei"):
                        this_scheme = guessed
                        break
            if this_scheme == "registration" and value.isdigit() and len(value) in (13, 15):
                this_scheme = "ogrn"
            if value:
                found.append(Identifier(this_scheme, value))
    return found


def parse_ojeu_csv(path: Path, list_id: str = "eu-ojeu") -> ParsedList:
    """Read the EU annex transcription CSV (one row per annex entry, all regimes).

    Each entry's `list_id` names its act and annex (``eu-833-2014-annex-iv``) and its
    `entry_id` adds the entry number (``eu-833-2014-annex-iv:17``).
    """
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise ListParseError(str(path), "file", "path", str(error)) from error
    entries: list[ListEntry] = []
    latest: str | None = None
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _OJEU_REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise ListParseError(str(path), "line 1", missing[0], "column missing from the header")
        for row in reader:
            line = reader.line_num
            if None in row:
                raise ListParseError(str(path), f"line {line}", "row", "more cells than columns")
            for column in _OJEU_REQUIRED:
                if not (row.get(column) or "").strip():
                    raise ListParseError(str(path), f"line {line}", column, "empty")
            name = row["name"].strip()
            sub_list = _ojeu_list_id(row["celex"], row.get("annex") or "")
            # A few annexes list parties without numbering them; the name then identifies them.
            record_id = (row.get("recordId") or "").strip() or re.sub(
                r"[^\w]+", "-", name.casefold()
            ).strip("-")
            births: list[str] = []
            # Birth dates are transcribed free text here ("1960s-1970s (approx. 60 years
            # old)"); the dates that can be read are kept and the rest is left aside.
            for value in _split_semicolons(row.get("birthDate")):
                births.extend(parse_dates(value))
            nationalities = _countries(_split_semicolons(row.get("nationality")))
            start_dates = parse_dates(row.get("startDate") or "")
            start = start_dates[0] if start_dates else None
            if start and (latest is None or start > latest):
                latest = start
            entries.append(
                ListEntry(
                    entry_id=f"{sub_list}:{record_id}",
                    list_id=sub_list,
                    schema=schema_name(row["schema"]),
                    names=(name,),
                    aliases=_unique(a for a in _split_semicolons(row.get("alias")) if a != name),
                    weak_aliases=_unique(_split_semicolons(row.get("weakAlias"))),
                    birth_dates=_unique(births),
                    nationalities=nationalities,
                    countries=_unique(
                        [
                            *nationalities,
                            *_countries(_split_semicolons(row.get("country"))),
                            *_countries(_split_semicolons(row.get("jurisdiction"))),
                        ]
                    ),
                    identifiers=tuple(_ojeu_identifiers(row)),
                    programmes=_unique([row.get("programKey")]),
                    listed_on=start,
                    remarks=(row.get("reason") or "").strip() or None,
                )
            )
    return ParsedList(list_id=list_id, source_format="ojeu-csv", entries=entries, list_date=latest)


# --- FollowTheMoney entities, one JSON object per line ----------------------------------

_FTM_IDS = {
    "innCode": "inn", "ogrnCode": "ogrn", "kppCode": "kpp", "okpoCode": "okpo",
    "leiCode": "lei", "swiftBic": "swift", "imoNumber": "imo", "mmsi": "mmsi",
    "passportNumber": "passport", "taxNumber": "inn", "idNumber": "id",
    "registrationNumber": "registration", "vatCode": "vat",
}  # fmt: skip
_FTM_PARTIES = {"Person", "Organization", "Company", "LegalEntity", "PublicBody", "Vessel",
                "Airplane", "Aircraft"}  # fmt: skip


def _ftm_values(properties: dict[str, Any], name: str, path: Path, line: int) -> list[str]:
    values = properties.get(name, [])
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ListParseError(
            str(path), f"line {line}", f"properties.{name}", "expected a list of strings"
        )
    return values


def parse_ftm_json(path: Path, list_id: str | None = None) -> ParsedList:
    """Read FollowTheMoney entities (one JSON object per line); non-party entities are skipped."""
    list_name = list_id or path.stem
    entries: list[ListEntry] = []
    try:
        handle = path.open(encoding="utf-8")
    except OSError as error:
        raise ListParseError(str(path), "file", "path", str(error)) from error
    with handle:
        for line, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as error:
                raise ListParseError(
                    str(path), f"line {line}", "json", f"invalid JSON ({error.msg})"
                ) from error
            if not isinstance(record, dict):
                raise ListParseError(str(path), f"line {line}", "json", "expected an object")
            schema = record.get("schema")
            if not isinstance(schema, str) or not schema:
                raise ListParseError(str(path), f"line {line}", "schema", "missing")
            if schema not in _FTM_PARTIES:
                continue
            entity_id = record.get("id")
            if not isinstance(entity_id, str) or not entity_id:
                raise ListParseError(str(path), f"line {line}", "id", "missing")
            properties = record.get("properties", {})
            if not isinstance(properties, dict):
                raise ListParseError(str(path), f"line {line}", "properties", "expected an object")

            def values(name: str, props: dict[str, Any] = properties, at: int = line) -> list[str]:
                return _ftm_values(props, name, path, at)

            names = values("name")
            if not names:
                raise ListParseError(str(path), f"line {line}", "properties.name", "no name given")
            births: list[str] = []
            for value in values("birthDate"):
                dates = parse_dates(value)
                if not dates:
                    raise ListParseError(
                        str(path), f"line {line}", "properties.birthDate", f"unreadable {value!r}"
                    )
                births.extend(dates)
            nationalities = _countries([*values("nationality"), *values("citizenship")])
            identifiers = [
                Identifier(scheme, value)
                for prop, scheme in _FTM_IDS.items()
                for value in values(prop)
            ]
            datasets = record.get("datasets", [])
            programmes = values("programId") or (
                [d for d in datasets if isinstance(d, str)] if isinstance(datasets, list) else []
            )
            first_seen = record.get("first_seen")
            created = values("createdAt") or ([first_seen] if isinstance(first_seen, str) else [])
            listed_on = created[0][:10] if created else None
            notes = values("notes")
            entries.append(
                ListEntry(
                    entry_id=f"{list_name}:{entity_id}",
                    list_id=list_name,
                    schema=schema_name(schema),
                    names=_unique(names[:1]),
                    aliases=_unique([*names[1:], *values("alias"), *values("previousName")]),
                    weak_aliases=_unique(values("weakAlias")),
                    birth_dates=_unique(births),
                    nationalities=nationalities,
                    countries=_unique(
                        [
                            *nationalities,
                            *_countries(values("country")),
                            *_countries(values("jurisdiction")),
                        ]
                    ),
                    identifiers=tuple(identifiers),
                    programmes=_unique(programmes),
                    listed_on=listed_on,
                    remarks=notes[0] if notes else None,
                )
            )
    return ParsedList(list_id=list_name, source_format="ftm-json", entries=entries)


_READERS: dict[str, Callable[..., ParsedList]] = {
    "eu-fsf-xml": parse_eu_fsf_xml,
    "un-xml": parse_un_xml,
    "ofac-sdn-csv": parse_ofac_sdn_csv,
    "ojeu-csv": parse_ojeu_csv,
    "ftm-json": parse_ftm_json,
}


def parse_list(path: str | Path, format: str, *, list_id: str | None = None) -> ParsedList:
    """Read a sanctions list file of the given `format` (one of `FORMATS`).

    `list_id` overrides the default id of the list (``eu-fsf``, ``un-sc``, ``us-ofac-sdn``,
    ``eu-ojeu``, or the file name for ``ftm-json``). Raises `ListParseError` on bad input and
    `ValueError` on an unknown format.
    """
    reader = _READERS.get(format)
    if reader is None:
        raise ValueError(f"unknown list format {format!r}; use one of {', '.join(FORMATS)}")
    source = Path(path)
    if not source.is_file():
        raise ListParseError(str(source), "file", "path", "no such file")
    return reader(source, list_id) if list_id else reader(source)
