"""Directory benchmark: import 100,000 organisations in mixed scripts, then time the search.

Runs the same work on SQLite and on PostgreSQL (each in a fresh database) and prints the
import time and the search latency (p50/p95 over 200 queries, each the median of 3 runs).
Goals: import under 2 minutes; search p95 under 100 ms on PostgreSQL.

    python bench/directory.py [--n 100000] [--queries 200] [--postgres URL] [--smoke]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CITIES_RU = [
    "Томск",
    "Новосибирск",
    "Казань",
    "Пермь",
    "Калуга",
    "Иркутск",
    "Красноярск",
    "Саранск",
    "Самара",
    "Ульяновск",
    "Липецк",
    "Уфа",
    "Архангельск",
    "Тюмень",
    "Москва",
]
CITIES_FR = [
    "Marseille",
    "Nice",
    "Toulon",
    "Aix-en-Provence",
    "Sophia Antipolis",
    "Avignon",
    "Cannes",
    "Grasse",
    "Gap",
    "Digne-les-Bains",
]
WORDS_RU = [
    "Фотоника",
    "Оптика",
    "Лазер",
    "Космос",
    "Спутник",
    "Биотех",
    "Фарма",
    "Софт",
    "Данные",
    "Сенсор",
    "Энергия",
    "Материалы",
    "Приборы",
    "Связь",
    "Навигация",
    "Микро",
    "Нано",
    "Гео",
]
WORDS_FR = [
    "Photonique",
    "Optique",
    "Laser",
    "Espace",
    "Satellite",
    "Biotech",
    "Pharma",
    "Logiciel",
    "Données",
    "Capteurs",
    "Énergie",
    "Matériaux",
    "Instruments",
    "Télécom",
    "Navigation",
    "Micro",
    "Nano",
    "Géo",
    "Azur",
    "Méditerranée",
]
FORMS_RU = ["ООО", "АО", "ПАО", "ФГБУН", "НИИ"]
FORMS_FR = ["SAS", "SA", "SARL", "Laboratoire", "Institut"]
KINDS = ["company", "sme", "startup", "research_lab", "university", "cluster", "technopark"]
SECTORS = ["aerospace", "photonics", "biotech_health", "ict", "energy"]


def generate(n: int, path: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            russian = rng.random() < 0.5
            if russian:
                words, cities, forms, country = WORDS_RU, CITIES_RU, FORMS_RU, "RU"
            else:
                words, cities, forms, country = WORDS_FR, CITIES_FR, FORMS_FR, "FR"
            city = rng.choice(cities)
            core = " ".join(rng.sample(words, 2))
            name = (
                f"{rng.choice(forms)} «{core} {city} {i}»"
                if russian
                else f"{core} {city} {i} {rng.choice(forms)}"
            )
            out.write(
                json.dumps(
                    {
                        "id": f"bench:{i}",
                        "name": name,
                        "kind": rng.choice(KINDS),
                        "country": country,
                        "city": city,
                        "sectors": rng.sample(SECTORS, 2),
                        "keywords": [rng.choice(words).lower()],
                        "activities": [rng.choice(["72.19", "26.70", "62.01", "21.20", "30.30"])],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )


def queries(count: int, seed: int = 11) -> list[str]:
    from jumelage.engines.text import to_latin

    rng = random.Random(seed)
    pool = []
    for city in CITIES_RU:
        pool += [city, to_latin(city), to_latin(city) + "skiy"]
    for word in WORDS_RU + WORDS_FR:
        pool += [word, to_latin(word)]
    pool += CITIES_FR
    return [
        rng.choice(pool) + ("" if rng.random() < 0.7 else " " + rng.choice(WORDS_FR))
        for _ in range(count)
    ]


def run_one(label: str, n: int, count: int) -> dict:
    """Runs inside a process whose DATABASE_URL/JUMELAGE_DATA_DIR point at a fresh database."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
    django.setup()
    from django.core.management import call_command
    from django.core.paginator import Paginator
    from django.db import reset_queries

    from jumelage.directory.selectors import DirectoryFilters, search_organisations
    from jumelage.directory.services import import_directory_file

    call_command("migrate", verbosity=0)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "orgs.jsonl"
        generate(n, path)
        started = time.perf_counter()
        result = import_directory_file(path=path, source="bench")
        import_seconds = time.perf_counter() - started
    latencies = []
    for query in queries(count):
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            page = Paginator(search_organisations(DirectoryFilters(q=query)), 25).get_page(1)
            list(page)
            _total = page.paginator.count
            runs.append(time.perf_counter() - started)
            reset_queries()
        latencies.append(statistics.median(runs))
    latencies.sort()
    return {
        "database": label,
        "organisations": result.created,
        "import_s": round(import_seconds, 1),
        "search_p50_ms": round(1000 * latencies[len(latencies) // 2], 1),
        "search_p95_ms": round(1000 * latencies[int(len(latencies) * 0.95) - 1], 1),
        "queries": count,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="a server URL; a fresh database jumelage_bench_dir is created on it",
    )
    parser.add_argument("--smoke", action="store_true", help="2,000 organisations, 20 queries")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.smoke:
        args.n, args.queries = 2000, 20
    if args.child:
        print(json.dumps(run_one(args.child, args.n, args.queries)))
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "JUMELAGE_DATA_DIR": data_dir}
        env.pop("DATABASE_URL", None)
        targets = [("sqlite", env)]
        try:
            import psycopg

            admin = psycopg.connect(args.postgres, autocommit=True)
            admin.execute("DROP DATABASE IF EXISTS jumelage_bench_dir")
            admin.execute("CREATE DATABASE jumelage_bench_dir")
            base = args.postgres.rsplit("/", 1)[0]
            targets.append(("postgresql", {**env, "DATABASE_URL": f"{base}/jumelage_bench_dir"}))
        except Exception as error:  # the server is optional for this benchmark
            print(f"PostgreSQL not available ({error}); SQLite only", file=sys.stderr)
            admin = None
        for label, target_env in targets:
            output = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    label,
                    "--n",
                    str(args.n),
                    "--queries",
                    str(args.queries),
                ],
                env=target_env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            rows.append(json.loads(output.strip().splitlines()[-1]))
        if admin is not None:
            admin.execute("DROP DATABASE IF EXISTS jumelage_bench_dir")
    print(
        f"{'database':<11} {'orgs':>8} {'import s':>9} {'search p50 ms':>14} {'search p95 ms':>14}"
    )
    for row in rows:
        print(
            f"{row['database']:<11} {row['organisations']:>8} {row['import_s']:>9} "
            f"{row['search_p50_ms']:>14} {row['search_p95_ms']:>14}"
        )
    print("goals: import < 120 s; search p95 < 100 ms on PostgreSQL")
    results = Path(__file__).parent / "results"
    results.mkdir(exist_ok=True)
    (results / "directory.json").write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
