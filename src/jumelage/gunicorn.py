"""Settings for gunicorn: `gunicorn -c python:jumelage.gunicorn jumelage.wsgi`.

Each worker reads the matching index when it starts, before it takes requests, instead of
during the first request that shows partners (a few seconds at 100,000 organisations).
Options given on the command line (`-w`, `-b`) still apply.
"""

from __future__ import annotations

from typing import Any


def post_worker_init(worker: Any) -> None:
    from jumelage.matching.index import warm_up

    warm_up()
