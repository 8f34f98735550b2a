"""File mode of partner recommendation (INTERFACES §3): queries in, results out, JSON Lines."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from jumelage.engines.matching.index import MatchingIndex
from jumelage.engines.matching.model import DIRECTIONS, Filters, Query, Reason


class QueryError(ValueError):
    """A query file is malformed; `file`, `line` (1-based) and `field` say where."""

    def __init__(self, file: str, line: int, field: str, message: str):
        self.file = file
        self.line = line
        self.field = field
        super().__init__(f"{file}, line {line}, field {field!r}: {message}")


def _string_list(value: Any, file: str, line: int, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise QueryError(file, line, field, "expected a list of non-empty strings")
    return tuple(value)


def parse_query(data: Any, file: str = "<query>", line: int = 1) -> Query:
    """Return the Query described by one decoded JSON object of a query file.

    Raises QueryError naming the file, the line and the field at fault.
    """
    if not isinstance(data, dict):
        raise QueryError(file, line, "(line)", "expected a JSON object")
    query_id = data.get("id")
    if not isinstance(query_id, str | int) or isinstance(query_id, bool) or query_id == "":
        raise QueryError(file, line, "id", "required, a non-empty string")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise QueryError(file, line, "text", "required, a non-empty string")
    lang = data.get("lang")
    if lang is not None and lang not in ("fr", "en", "ru"):
        raise QueryError(file, line, "lang", f"expected fr, en or ru, got {lang!r}")
    filters = data.get("filters")
    if filters is None:
        filters = {}
    if not isinstance(filters, dict):
        raise QueryError(file, line, "filters", "expected an object")
    unknown = set(filters) - {"country", "region", "kind"}
    if unknown:
        name = sorted(unknown)[0]
        raise QueryError(file, line, f"filters.{name}", "unknown filter (country, region, kind)")
    direction = data.get("direction", "request")
    if direction not in DIRECTIONS:
        raise QueryError(file, line, "direction", f"expected one of {', '.join(DIRECTIONS)}")
    return Query(
        id=str(query_id),
        text=text,
        lang=lang,
        partners=_string_list(data.get("partners"), file, line, "partners"),
        filters=Filters(
            country=_string_list(filters.get("country"), file, line, "filters.country"),
            region=_string_list(filters.get("region"), file, line, "filters.region"),
            kind=_string_list(filters.get("kind"), file, line, "filters.kind"),
        ),
        exclude=_string_list(data.get("exclude"), file, line, "exclude"),
        direction=direction,
        partner_kinds=_string_list(data.get("partner_kinds"), file, line, "partner_kinds"),
        activities=_string_list(data.get("activities"), file, line, "activities"),
    )


def read_queries(path: str | Path) -> list[Query]:
    """Read and validate every query of a JSON Lines file (blank lines ignored) before any
    is run, so that a bad line stops the whole file. Raises QueryError."""
    name = str(path)
    queries = []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                raise QueryError(name, number, "(line)", f"invalid JSON: {error.msg}") from None
            query = parse_query(data, name, number)
            if query.id in seen:
                raise QueryError(name, number, "id", f"duplicate query id {query.id!r}")
            seen.add(query.id)
            queries.append(query)
    return queries


def recommend_file(
    queries_path: str | Path,
    out_path: str | Path,
    top: int,
    index: MatchingIndex,
    *,
    lang: str = "en",
    reason_text: Callable[[Reason], str] | None = None,
) -> int:
    """Answer every query of `queries_path` and write one result line per query, in input
    order, to `out_path` (written atomically: a temporary file, then a rename). Returns the
    number of queries. Raises QueryError, before writing anything, for a bad query file.

    Reasons carry their English text unless `reason_text` words them (in the application's
    language, say)."""
    if top < 1:
        raise ValueError("top must be at least 1")
    queries = read_queries(queries_path)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            for query in queries:
                results = index.recommend(query, top=top, lang=lang)
                if reason_text is not None:
                    for result in results:
                        result.reasons = [
                            replace(reason, text=reason_text(reason)) for reason in result.reasons
                        ]
                line = {"id": query.id, "results": [result.to_dict() for result in results]}
                stream.write(json.dumps(line, ensure_ascii=False) + "\n")
        os.replace(temporary, out)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    return len(queries)
