"""Web benchmark: latency of the main pages on a real server under concurrent users.

EVALUATION.md, "Web — load on a real server": a fresh PostgreSQL database holding the demo
ecosystem plus generated organisations (100,000 in all by default, in mixed scripts, made
by `bench/directory.py`'s generator), the matching index built and saved, `gunicorn` with
sync workers, and simulated users on loopback. Each user logs in as the demo member (its own
session) and repeats: pick a page at random, ask for it, wait for the whole answer, think
for 1–3 s (as locust's `between(1, 3)`). Pages:
- directory: the organisation list searched by a name or keyword;
- organisation: an organisation's page;
- partners: its "Partners for you" block (the htmx request the page makes);
- search: the partner search page with a need in French, English or Russian;
- profile: a published cooperation profile;
- agenda: the member's agenda of the demo B2B event;
- static: a static file, the server's floor, measured in the same run.
Before the measured period, each worker is warmed (every page asked once per worker): the
index is read from disk by each worker on its first recommendation; these first answers
are reported apart. Reported per page: p50, p95, max and the answers that were not 200.
Goal: p95 under 150 ms at 50 concurrent users, no errors.

    python bench/web.py [--orgs 100000] [--users 50] [--seconds 60] [--workers 4] [--smoke]

Needs gunicorn (`pip install ".[server]"` or the dev extra) and a PostgreSQL server (the
`--postgres` URL; a database jumelage_bench_web is created on it and dropped at the end).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import importlib.util
import json
import math
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATABASE = "jumelage_bench_web"
NEEDS = [
    "Nous cherchons un partenaire pour le traitement de données satellitaires",
    "Partner for adaptive optics and laser sources for telescopes",
    "Ищем партнёра в области фотоники и лазерных технологий",
    "biobanque et essais cliniques de vaccins",
    "industrial IoT sensors for predictive maintenance",
    "Разработка программного обеспечения для беспилотных летательных аппаратов",
]
WORDS = ["Томск", "Tomsk", "photonique", "лазер", "Marseille", "optique", "Kazan", "биотех"]
ROUTES = {
    "directory": "/{lang}/directory/?q={word}",
    "organisation": "/{lang}/directory/{org}/",
    "partners": "/{lang}/partners/for/?organisation={org}",
    "search": "/{lang}/partners/?text={need}",
    "profile": "/{lang}/profiles/{profile}/",
    "agenda": "/{lang}/events/{event}/agenda/",
}
PAGES = (*ROUTES, "static")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{what} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    print(f"  {what}: {time.perf_counter() - started:.1f} s", flush=True)


def _generated_organisations(n: int, path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_directory", HERE / "directory.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(n, path)


def _targets(env: dict[str, str]) -> dict[str, list[str]]:
    """Ids to visit: organisations, published profiles, the demo event; read with Django."""
    script = """
import json, django
django.setup()
from jumelage.directory.models import Organisation
from jumelage.events.models import Event
from jumelage.opportunities.models import CooperationProfile
orgs = list(Organisation.objects.filter(archived=False).order_by("?").values_list("pk", flat=True)[:2000])
profiles = list(CooperationProfile.objects.filter(status="published").values_list("pk", flat=True))
events = list(Event.objects.values_list("pk", flat=True))
print(json.dumps({"organisation": orgs, "profile": profiles, "event": events}))
"""
    output = subprocess.run(
        [sys.executable, "-c", script],
        env={**env, "DJANGO_SETTINGS_MODULE": "jumelage.settings"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


class User:
    """One simulated visitor with its own cookies (session, CSRF)."""

    def __init__(self, base: str, static_path: str):
        self.base = base
        self.static_path = static_path
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, float]:
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, timeout=60) as answer:
                answer.read()
                status = answer.status
        except urllib.error.HTTPError as error:
            error.read()
            status = error.code
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            status = 0
        return status, (time.perf_counter() - started) * 1000

    def log_in(self, username: str, password: str) -> None:
        self.get("/en/accounts/login/")
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        data = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(
            self.base + "/en/accounts/login/", data=data, headers={"Referer": self.base}
        )
        with self.opener.open(request, timeout=60) as answer:
            answer.read()
        if not any(c.name == "sessionid" for c in self.jar):
            sys.exit("the demo member could not log in")

    def path_for(self, page: str, targets: dict[str, list], rng: random.Random) -> str:
        if page == "static":
            return self.static_path
        return ROUTES[page].format(
            lang=rng.choice(("fr", "en", "ru")),
            word=urllib.parse.quote(rng.choice(WORDS)),
            need=urllib.parse.quote(rng.choice(NEEDS)),
            org=rng.choice(targets["organisation"]),
            profile=rng.choice(targets["profile"]),
            event=targets["event"][0],
        )


def _static_path(base: str) -> str:
    with urllib.request.urlopen(base + "/en/", timeout=60) as answer:
        html = answer.read().decode()
    found = re.search(r'href="(/static/[^"]+\.css)"', html)
    if not found:
        sys.exit("no stylesheet found on the home page")
    return found.group(1)


def _wait_until_ready(base: str, path: str, workers: int, limit: float = 600) -> float:
    """Seconds until every worker answers at once: `workers` simultaneous requests all
    answered within 100 ms, three rounds in a row (a worker reading the index at start
    answers nothing, and the others share the machine with it)."""
    started = time.perf_counter()
    fast_rounds = 0
    user = User(base, path)
    while fast_rounds < 3:
        if time.perf_counter() - started > limit:
            sys.exit(f"the server's workers were not all ready after {limit:.0f} s")
        with ThreadPoolExecutor(workers) as pool:
            answers = list(pool.map(lambda _: user.get(path), range(workers)))
        ok = all(status == 200 and ms < 100 for status, ms in answers)
        fast_rounds = fast_rounds + 1 if ok else 0
        time.sleep(0.2)
    return time.perf_counter() - started


def load(base: str, targets: dict, users: int, seconds: float, workers: int) -> dict:
    static_path = _static_path(base)
    ready = _wait_until_ready(base, static_path, workers)
    people = []
    for _ in range(users):
        user = User(base, static_path)
        user.log_in("member", "jumelage-member")
        people.append(user)
    rng = random.Random(7)
    # Warm every worker: each page asked `workers` times (the last ones reach warm workers).
    first: dict[str, list[float]] = defaultdict(list)
    for page in PAGES:
        for _ in range(2 * workers):
            status, ms = people[0].get(people[0].path_for(page, targets, rng))
            if status != 200:
                sys.exit(f"warm-up: {page} answered {status}")
            first[page].append(ms)
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    slowest: list[tuple[float, str, int]] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def visit(user: User, seed: int) -> None:
        own = random.Random(seed)
        time.sleep(own.uniform(0, 3))  # users arrive spread over the first think time
        while time.perf_counter() < stop:
            page = own.choice(PAGES)
            path = user.path_for(page, targets, own)
            status, ms = user.get(path)
            with lock:
                timings[page].append(ms)
                slowest.append((ms, path, status))
                if status != 200:
                    errors[page] += 1
            time.sleep(own.uniform(1, 3))

    threads = [
        threading.Thread(target=visit, args=(user, number)) for number, user in enumerate(people)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    report: dict[str, object] = {"pages": {}, "workers_ready_s": round(ready, 1)}
    for page in PAGES:
        values = sorted(timings[page])
        if not values:
            continue
        report["pages"][page] = {  # type: ignore[index]
            "requests": len(values),
            "errors": errors[page],
            "p50_ms": round(statistics.median(values), 1),
            "p95_ms": round(values[math.ceil(0.95 * len(values)) - 1], 1),
            "max_ms": round(values[-1], 1),
            "first_answers_ms": [round(v) for v in first[page]],
        }
    total = sum(len(v) for v in timings.values())
    report["requests_per_s"] = round(total / elapsed, 1)
    report["errors"] = sum(errors.values())
    report["slowest"] = [
        {"ms": round(ms), "path": path, "status": status}
        for ms, path, status in sorted(slowest, reverse=True)[:5]
    ]
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=100_000, help="generated organisations")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="a server URL; a fresh database jumelage_bench_web is created on it",
    )
    parser.add_argument("--smoke", action="store_true", help="2,000 organisations, 5 users, 10 s")
    args = parser.parse_args()
    if args.smoke:
        args.orgs, args.users, args.seconds, args.workers = 2000, 5, 10, 2
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    if gunicorn is None:
        print('skipped: gunicorn is not installed (pip install ".[server]")')
        return 0
    try:
        import psycopg

        admin = psycopg.connect(args.postgres, autocommit=True)
    except Exception as error:
        print(f"skipped: PostgreSQL is not reachable at {args.postgres} ({error})")
        return 0
    admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
    admin.execute(f"CREATE DATABASE {DATABASE}")
    server = None
    try:
        with tempfile.TemporaryDirectory() as data_dir:
            env = {
                **os.environ,
                "DATABASE_URL": f"{args.postgres.rsplit('/', 1)[0]}/{DATABASE}",
                "JUMELAGE_DATA_DIR": data_dir,
                "SECRET_KEY": "bench-web-not-secret",
                "DEBUG": "false",
                "ALLOWED_HOSTS": "127.0.0.1",
                "TASKS_BACKEND": "immediate",
            }
            jumelage = [sys.executable, "-m", "jumelage"]
            print(f"setting up {args.orgs:,} generated organisations and the demo:", flush=True)
            _run([*jumelage, "migrate", "--noinput"], env, "migrate")
            _run([*jumelage, "load-demo"], env, "load-demo")
            orgs = Path(data_dir) / "generated.jsonl"
            _generated_organisations(args.orgs, orgs)
            _run(
                [*jumelage, "import-directory", str(orgs), "--source", "bench", "--quiet"],
                env,
                "import-directory",
            )
            _run([*jumelage, "build-index", "--quiet"], env, "build-index")
            _run([*jumelage, "collectstatic", "--noinput"], env, "collectstatic")
            targets = _targets(env)
            port = _free_port()
            server = subprocess.Popen(
                [
                    gunicorn,
                    "-c",
                    "python:jumelage.gunicorn",
                    "jumelage.wsgi",
                    "-w",
                    str(args.workers),
                    "-b",
                    f"127.0.0.1:{port}",
                    "--timeout",
                    "120",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/en/", timeout=5).read()
                    break
                except OSError:
                    time.sleep(0.2)
            print(
                f"{args.users} users for {args.seconds:.0f} s on gunicorn with "
                f"{args.workers} workers:",
                flush=True,
            )
            report = load(base, targets, args.users, args.seconds, args.workers)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    report |= {
        "organisations": len(targets["organisation"]) and args.orgs,
        "users": args.users,
        "seconds": args.seconds,
        "workers": args.workers,
        "mode": "smoke" if args.smoke else "full",
    }
    print(f"{'page':<13} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for page, row in report["pages"].items():  # type: ignore[union-attr]
        print(
            f"{page:<13} {row['requests']:>8} {row['errors']:>6} {row['p50_ms']:>8} "
            f"{row['p95_ms']:>8} {row['max_ms']:>8}"
        )
    print(f"workers ready {report['workers_ready_s']} s after the first answer")
    print(f"{report['requests_per_s']} requests/s; {report['errors']} errors")
    for slow in report["slowest"]:  # type: ignore[attr-defined]
        print(f"  slowest: {slow['ms']} ms {slow['path']} ({slow['status']})")
    print("goal: p95 < 150 ms on every page at 50 users, no errors")
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    (results / f"web-{report['mode']}.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
