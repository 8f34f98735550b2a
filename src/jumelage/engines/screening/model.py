"""Plain data exchanged with the screening engine: list entries, queries, hits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

PERSON = "Person"
ORGANIZATION = "Organization"
THING = "Thing"
VESSEL = "Vessel"
AIRCRAFT = "Aircraft"


class ScreeningError(Exception):
    """Base class of the screening engine's errors."""


class ListParseError(ScreeningError, ValueError):
    """A sanctions list file could not be read.

    The message names the file, the line (or XML element) and the field at fault; the same
    pieces are kept as attributes so that a command can report them.
    """

    def __init__(self, path: str, location: str, field_name: str, problem: str) -> None:
        self.path = path
        self.location = location
        self.field_name = field_name
        self.problem = problem
        super().__init__(f"{path}: {location}: field {field_name!r}: {problem}")


@dataclass(frozen=True)
class Identifier:
    """An official identifier of a listed party (INN, OGRN, IMO, passport …).

    `scheme` is lower-case (``inn``, ``ogrn``, ``imo``, ``passport``, ``registration`` …);
    `value` is kept as published.
    """

    scheme: str
    value: str
    country: str | None = None


@dataclass(frozen=True)
class ListEntry:
    """One listed party as read from a list file.

    `names` are the primary names, `aliases` every other strong name in any script,
    `weak_aliases` the names the publisher marks as low quality (used for matching with a
    lower score). Dates are ISO strings, possibly partial (``1965`` or ``1965-03``).
    `countries` are ISO 3166-1 alpha-2 codes when they could be recognised, else the text.
    """

    entry_id: str
    list_id: str
    schema: str
    names: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    weak_aliases: tuple[str, ...] = ()
    birth_dates: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    programmes: tuple[str, ...] = ()
    listed_on: str | None = None
    remarks: str | None = None

    @property
    def caption(self) -> str:
        """The name shown for the entry."""
        return self.names[0] if self.names else self.entry_id


@dataclass
class ParsedList:
    """A whole list file: its id, its date or version when the file says, its entries."""

    list_id: str
    source_format: str
    entries: list[ListEntry]
    list_date: str | None = None
    version: str | None = None


@dataclass(frozen=True)
class Query:
    """What is screened: a person, an organisation or an unknown party (`Thing`).

    `identifiers` maps a scheme (``inn``, ``ogrn``, ``imo`` …) to a value; `country` is an
    ISO 3166-1 alpha-2 code or a country name; `birth_date` an ISO date, possibly partial.
    """

    name: str
    schema: str = THING
    country: str | None = None
    birth_date: str | None = None
    aliases: tuple[str, ...] = ()
    identifiers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Reason:
    """One piece of evidence behind a hit, as a code with parameters and in plain English.

    The app translates `code` with `params`; `text` is the English rendering.
    """

    code: str
    params: dict[str, Any]
    text: str


@dataclass(frozen=True)
class Hit:
    """A list entry that the query may be. `score` is in [0, 1]; higher is surer.

    `code`/`params` are those of the main reason (how the names matched); `reasons` holds
    every reason, the name reason first; `explanation` joins their English texts.
    """

    entry_id: str
    list_id: str
    name: str
    query_name: str
    score: float
    code: str
    params: dict[str, Any]
    explanation: str
    reasons: tuple[Reason, ...]
    schema: str = THING
    programmes: tuple[str, ...] = ()
