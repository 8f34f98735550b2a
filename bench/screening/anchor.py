"""Anchor scorer: nomenklatura's logic-v2 on query/entry pairs (runs in bench/screening/.venv).

Also transliterates with iuliia for the benchmark's cases. Reads one JSON job on stdin and
writes one JSON answer on stdout:

* ``{"task": "translit", "names": [...], "schemes": [...]}`` → ``{"names": {scheme: [...]}}``
* ``{"task": "score", "entities": {id: ftm}, "queries": {id: ftm}, "pairs": [[q, e], ...]}``
  → ``{"scores": [...], "seconds": s, "warmup_seconds": s, "version": "..."}``
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from typing import Any


def _translit(job: dict[str, Any]) -> dict[str, Any]:
    import iuliia

    out: dict[str, list[str]] = {}
    for scheme in job["schemes"]:
        schema = getattr(iuliia, scheme.upper())
        out[scheme] = [schema.translate(name) for name in job["names"]]
    return {"names": out}


def _score(job: dict[str, Any]) -> dict[str, Any]:
    import importlib.metadata

    from followthemoney import model
    from nomenklatura.matching import get_algorithm

    algorithm = get_algorithm("logic-v2")
    if algorithm is None:
        raise SystemExit("logic-v2 not available")
    config = algorithm.default_config()

    def proxy(data: dict[str, Any], prefix: str) -> Any:
        # logic-v2 caches name analysis by entity id: ids must follow the content.
        digest = hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]
        return model.get_proxy(
            {
                "id": f"{prefix}-{digest}",
                "schema": data["schema"],
                "properties": data["properties"],
            },
            cleaned=False,
        )

    entities = {key: proxy(value, "e") for key, value in job["entities"].items()}
    queries = {key: proxy(value, "q") for key, value in job["queries"].items()}
    start = time.perf_counter()
    first = job["pairs"][0] if job["pairs"] else None
    if first:
        algorithm.compare(queries[first[0]], entities[first[1]], config)
    warmup = time.perf_counter() - start
    start = time.perf_counter()
    scores = []
    for query_id, entity_id in job["pairs"]:
        result = algorithm.compare(queries[query_id], entities[entity_id], config)
        scores.append(round(float(result.score), 4))
    return {
        "scores": scores,
        "seconds": time.perf_counter() - start,
        "warmup_seconds": warmup,
        "version": "nomenklatura " + importlib.metadata.version("nomenklatura"),
    }


def main() -> None:
    """Run the job read from stdin."""
    job = json.load(sys.stdin)
    answer = _translit(job) if job["task"] == "translit" else _score(job)
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
