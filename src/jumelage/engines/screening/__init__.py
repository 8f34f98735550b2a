"""Sanctions and export-control screening, in pure Python (no Django, no database).

What the app calls:

* `parse_list(path, format)` → `ParsedList` for the formats in `FORMATS`
  (``eu-fsf-xml``, ``un-xml``, ``ofac-sdn-csv``, ``ojeu-csv``, ``ftm-json``);
* `Screener(lists, threshold=DEFAULT_THRESHOLD)` then `screener.screen(Query(...))` →
  `list[Hit]`, best first, each with a score in [0, 1], a reason `code` with `params` and an
  English `explanation`;
* `check_dual_use(text)` → `DualUseResult` ("possible dual-use — needs review" or
  "no indicator found").
"""

from .dualuse import (
    NO_INDICATOR,
    POSSIBLE_DUAL_USE,
    DualUseCategory,
    DualUseMatch,
    DualUseResult,
    check_dual_use,
)
from .explain import ATTRIBUTE_CODES, NAME_CODES, render
from .matcher import DEFAULT_THRESHOLD, Screener
from .model import (
    AIRCRAFT,
    ORGANIZATION,
    PERSON,
    THING,
    VESSEL,
    Hit,
    Identifier,
    ListEntry,
    ListParseError,
    ParsedList,
    Query,
    Reason,
    ScreeningError,
)
from .parsers import FORMATS, parse_list
from .translit import SYSTEMS, skeleton, transliterate, transliterations

__all__ = [
    "AIRCRAFT",
    "ATTRIBUTE_CODES",
    "DEFAULT_THRESHOLD",
    "FORMATS",
    "NAME_CODES",
    "NO_INDICATOR",
    "ORGANIZATION",
    "PERSON",
    "POSSIBLE_DUAL_USE",
    "SYSTEMS",
    "THING",
    "VESSEL",
    "DualUseCategory",
    "DualUseMatch",
    "DualUseResult",
    "Hit",
    "Identifier",
    "ListEntry",
    "ListParseError",
    "ParsedList",
    "Query",
    "Reason",
    "Screener",
    "ScreeningError",
    "check_dual_use",
    "parse_list",
    "render",
    "skeleton",
    "transliterate",
    "transliterations",
]
