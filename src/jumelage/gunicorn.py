"""Settings for gunicorn: `gunicorn -c python:jumelage.gunicorn jumelage.wsgi`.

Each worker gets ready before it takes requests (`jumelage.core.warmup`): it imports the
views, reads the translations, compiles the templates and reads the matching index, instead
of doing so during its first requests (seconds at 100,000 organisations). Options given on
the command line (`-w`, `-b`) still apply.
"""

from __future__ import annotations

from typing import Any


def post_worker_init(worker: Any) -> None:
    from jumelage.core.warmup import warm_up

    warm_up()
