"""Fail when a user-facing string lacks a French or Russian translation.

With GNU gettext installed, the catalogues are first brought up to date from the source
(so a newly marked string counts as missing); then every entry of fr and ru must be
translated, not fuzzy, with every plural form, and the compiled .mo must match the .po.
The .po files are restored afterwards: this check changes nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "jumelage"
LOCALE = PACKAGE / "locale"
LANGUAGES = ("fr", "ru")
PLURAL_FORMS = {"fr": 2, "ru": 3}


def refresh_catalogues() -> bool:
    if shutil.which("xgettext") is None:
        print("notice: GNU gettext is not installed; checking the committed catalogues only")
        return False
    command = [
        sys.executable,
        "-m",
        "jumelage",
        "makemessages",
        "--no-location",
        "--no-obsolete",
        "--ignore",
        "engines/*",
        *[arg for lang in LANGUAGES for arg in ("-l", lang)],
    ]
    subprocess.run(
        command,
        cwd=PACKAGE,
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "JUMELAGE_DATA_DIR": tempfile.mkdtemp()},
    )
    return True


def problems_in(language: str) -> list[str]:
    po_path = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo_path = po_path.with_suffix(".mo")
    if not po_path.exists():
        return [f"{po_path}: missing"]
    catalogue = polib.pofile(str(po_path))
    found = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        where = f"{po_path.relative_to(ROOT)}: msgid {entry.msgid!r}"
        if "fuzzy" in entry.flags:
            found.append(f"{where} is fuzzy")
        elif entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(PLURAL_FORMS[language])]
            if not all(forms):
                found.append(
                    f"{where} lacks plural forms ({len([f for f in forms if f])}/{len(forms)})"
                )
        elif not entry.msgstr:
            found.append(f"{where} is not translated")
    if not mo_path.exists():
        found.append(f"{mo_path}: missing (run make messages)")
    else:
        compiled = {
            (e.msgctxt, e.msgid): (e.msgstr, dict(e.msgstr_plural))
            for e in polib.mofile(str(mo_path))
        }
        for entry in catalogue.translated_entries():
            key = (entry.msgctxt, entry.msgid)
            expected = (entry.msgstr, {int(k): v for k, v in entry.msgstr_plural.items()})
            got = compiled.get(key)
            if got is None or (got[0], {int(k): v for k, v in got[1].items()}) != expected:
                found.append(
                    f"{mo_path.relative_to(ROOT)} is older than its .po (run make messages)"
                )
                break
    return found


def main() -> int:
    saved = {lang: (LOCALE / lang / "LC_MESSAGES" / "django.po") for lang in LANGUAGES}
    backup = {lang: path.read_bytes() for lang, path in saved.items() if path.exists()}
    try:
        refresh_catalogues()
        problems = [problem for lang in LANGUAGES for problem in problems_in(lang)]
    finally:
        for lang, content in backup.items():
            saved[lang].write_bytes(content)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} translation problem(s)")
        return 1
    print("translations: fr and ru complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
