"""Checking organisation and project records from files, before anything is written.

One record is a dict in the shape of INTERFACES.md §1 (or §2 for projects). Checking
returns the cleaned record and a list of problems, each naming the field at fault, so that
the command line, the upload preview and the API report the same errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from jumelage.directory.models import Organisation
from jumelage.directory.taxonomy import SECTORS
from jumelage.directory.validators import IDENTIFIER_VALIDATORS

KINDS = {choice.value for choice in Organisation.Kind}
LANGUAGES = ("fr", "en", "ru")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_ACTIVITY = re.compile(r"^\d{2}(\.\d{1,2}(\.\d{1,2})?)?$")
_URL = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one record: `line` is 1-based, `field` names the field."""

    line: int
    field: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "field": self.field, "message": self.message}


def _text_list(value: Any, field: str, problems: list[tuple[str, str]]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [part.strip() for part in value.split(";")]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problems.append((field, _("must be a list of texts")))
        return []
    return [item.strip() for item in value if item and item.strip()]


def _text(value: Any, field: str, problems: list[tuple[str, str]], max_length: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append((field, _("must be a text")))
        return ""
    value = value.strip()
    if len(value) > max_length:
        problems.append((field, _("is too long: at most %(max)d characters") % {"max": max_length}))
    return value


def check_organisation(raw: Any) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Return the cleaned organisation record and its problems as (field, message)."""
    problems: list[tuple[str, str]] = []
    if not isinstance(raw, dict):
        return {}, [("", _("each line must be a JSON object"))]
    record: dict[str, Any] = {}
    external_id = raw.get("id")
    if isinstance(external_id, int):
        external_id = str(external_id)
    if not isinstance(external_id, str) or not external_id.strip():
        problems.append(("id", _("is required")))
    elif len(external_id.strip()) > 128:
        problems.append(("id", _("is too long: at most %(max)d characters") % {"max": 128}))
    record["id"] = (external_id or "").strip() if isinstance(external_id, str) else ""
    record["name"] = _text(raw.get("name"), "name", problems, 300)
    if not record["name"] and not any(f == "name" for f, _m in problems):
        problems.append(("name", _("is required")))
    country = raw.get("country")
    if not isinstance(country, str) or not _COUNTRY.match(country.strip().upper()):
        problems.append(("country", _("must be an ISO 3166-1 alpha-2 code such as FR or RU")))
        record["country"] = ""
    else:
        record["country"] = country.strip().upper()
    kind = raw.get("kind") or "other"
    if not isinstance(kind, str) or kind not in KINDS:
        problems.append(
            (
                "kind",
                _("“%(value)s” is not one of: %(choices)s")
                % {"value": kind, "choices": ", ".join(sorted(KINDS))},
            )
        )
    record["kind"] = kind
    record["aliases"] = _text_list(raw.get("aliases"), "aliases", problems)
    record["region"] = _text(raw.get("region"), "region", problems, 100)
    record["city"] = _text(raw.get("city"), "city", problems, 120)
    record["legal_form"] = _text(raw.get("legal_form"), "legal_form", problems, 64)
    website = _text(raw.get("website"), "website", problems, 300)
    if website:
        try:
            _URL(website)
        except ValidationError:
            problems.append(("website", _("is not a valid web address")))
    record["website"] = website
    for key in ("description", "names"):
        texts = raw.get(key) or {}
        if not isinstance(texts, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in texts.items()
        ):
            problems.append((key, _("must map language codes (fr, en, ru) to texts")))
            texts = {}
        record[key] = {lang: text.strip() for lang, text in texts.items() if text.strip()}
    sectors = _text_list(raw.get("sectors"), "sectors", problems)
    for sector in sectors:
        if sector not in SECTORS:
            problems.append(
                (
                    "sectors",
                    _("“%(value)s” is not one of: %(choices)s")
                    % {"value": sector, "choices": ", ".join(SECTORS)},
                )
            )
    record["sectors"] = sectors
    record["keywords"] = _text_list(raw.get("keywords"), "keywords", problems)
    activities = _text_list(raw.get("activities"), "activities", problems)
    for code in activities:
        if not _ACTIVITY.match(code):
            problems.append(
                (
                    "activities",
                    _("“%(value)s” is not a NACE/OKVED code such as 72.19") % {"value": code},
                )
            )
    record["activities"] = activities
    identifiers = raw.get("identifiers") or {}
    if not isinstance(identifiers, dict):
        problems.append(("identifiers", _("must map identifier names to values")))
        identifiers = {}
    cleaned_ids: dict[str, str] = {}
    for key, value in identifiers.items():
        value = str(value).strip().replace(" ", "")
        if not value:
            continue
        field = f"identifiers.{key}"
        if key not in (*IDENTIFIER_VALIDATORS, "pic"):
            problems.append((field, _("is not a known identifier (siren, siret, inn, ogrn, pic)")))
            continue
        validator = IDENTIFIER_VALIDATORS.get(key)
        if key == "pic" and len(value) > 12:
            problems.append((field, _("is too long: at most %(max)d characters") % {"max": 12}))
        if validator:
            try:
                validator(value)
            except ValidationError as error:
                problems.append((field, " ".join(error.messages)))
        cleaned_ids[key] = value
    record["identifiers"] = cleaned_ids
    members_of = _text_list(raw.get("members_of"), "members_of", problems)
    record["members_of"] = members_of
    return record, problems


def check_project(raw: Any) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Return the cleaned cooperation-project record and its problems."""
    problems: list[tuple[str, str]] = []
    if not isinstance(raw, dict):
        return {}, [("", _("each line must be a JSON object"))]
    external_id = raw.get("id")
    if not isinstance(external_id, str) or not external_id.strip():
        problems.append(("id", _("is required")))
        external_id = ""
    elif len(external_id.strip()) > 128:
        problems.append(("id", _("is too long: at most %(max)d characters") % {"max": 128}))
    record: dict[str, Any] = {"id": external_id.strip()}
    record["title"] = _text(raw.get("title"), "title", problems, 500)
    record["summary"] = _text(raw.get("summary"), "summary", problems, 20000)
    record["lang"] = _text(raw.get("lang"), "lang", problems, 8)
    record["programme"] = _text(raw.get("programme"), "programme", problems, 100)
    year = raw.get("year")
    if year is not None and (not isinstance(year, int) or not 1900 <= year <= 2100):
        problems.append(("year", _("must be a year such as 2015")))
        year = None
    record["year"] = year
    participants = raw.get("participants")
    if not isinstance(participants, list) or not participants:
        problems.append(("participants", _("must list at least one organisation id")))
        participants = []
    elif not all(isinstance(p, str) and p for p in participants):
        problems.append(("participants", _("must be a list of organisation ids")))
        participants = []
    record["participants"] = participants
    return record, problems
