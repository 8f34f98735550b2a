"""The `jumelage` console script: Django's management entry point.

Commands may be written with hyphens as in the documentation (`jumelage import-directory`);
they are the management commands of the same name with underscores.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, accepting hyphenated command names."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and "-" in args[1] and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
