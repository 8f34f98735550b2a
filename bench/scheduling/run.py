"""Scheduling benchmark: real brokerage events and large generated ones, beside baselines.

    python bench/scheduling/run.py                    # full run
    python bench/scheduling/run.py --smoke            # two small real instances, quick (CI)
    python bench/scheduling/run.py --only real        # the 20 real instances only
    python bench/scheduling/run.py --time-limit 30    # Jumelage's limit per real instance

For every instance, in the same run: Jumelage's scheduler (``schedule``), a greedy
first-fit (each meeting, most constrained first, in the earliest slot where it fits; no
repair), and a plain CP-SAT model (the same slot and gap variables, but no warm start, no
implied constraints, no upward search; minimise the breaks with 2 workers). Every output
is checked by the independent validator. Beside Jumelage's wall-clock seconds the CPU
seconds of all its threads are printed: on a busy machine the wall clock also counts the
time spent waiting for a core. For the 20 real instances the optimum breaks
published by Bofill et al. (JAIR 2022, MaxSAT with fairness d = 2; see
shared/design/research/matchmaking.md §2.4 and §2.6) are printed beside. Note that the
copy of the instances used here has fewer forbidden slots than the paper's, so the
optimum here can be lower than the published one.

Generated events (see generate.py) have 300, 1,000 and 3,000 participants, two-sided and
any-to-any. Results go to bench/results/scheduling-<date>.json and .md.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))

from generate import generate_event  # noqa: E402
from ortools.sat.python import cp_model  # noqa: E402

from jumelage.engines.scheduling import (  # noqa: E402
    Placement,
    SchedulingProblem,
    count_breaks,
    load_instance,
    schedule,
    schedule_violations,
)
from jumelage.engines.scheduling.compiled import compile_problem  # noqa: E402
from jumelage.engines.scheduling.cpsat import build_model  # noqa: E402
from jumelage.engines.scheduling.greedy import greedy_schedule  # noqa: E402
from jumelage.engines.scheduling.tables import assign_tables  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "b2b-meeting-scheduling-instances"
RESULTS = ROOT / "bench" / "results"

# Optimal total breaks from Bofill et al., JAIR 2022 (MaxSAT, fairness d = 2), as listed
# in research/matchmaking.md §2.6 ("JAIR MaxSAT opt / s").
PUBLISHED_OPTIMUM = {
    "forum-13": (0, 2.5),
    "forum-13crafb": (6, 23.3),
    "forum-13crafc": (1, 2.3),
    "forum-14": (2, 5.1),
    "forumt-14": (5, 0.5),
    "forumt-14crafc": (5, 0.9),
    "forumt-14crafd": (4, 0.4),
    "forumt-14crafe": (5, 0.6),
    "tic-12": (0, 0.1),
    "tic-12crafc": (0, 0.3),
    "tic-13": (0, 0.4),
    "tic-13crafb": (0, 0.4),
    "tic-13crafc": (4, 5.8),
    "tic-14crafa": (0, 1.0),
    "tic-14crafc": (0, 0.8),
    "tic-14crafd": (0, 0.8),
    "ticf-13crafa": (0, 2.2),
    "ticf-13crafb": (3, 22.3),
    "ticf-13crafc": (1, 3.7),
    "ticf-14crafa": (0, 7.6),
}
SMOKE = ["tic-12", "forumt-14"]
GENERATED = [
    # (participants, meetings, seconds for Jumelage and for the plain model)
    (300, 2_000, 30.0),
    (1_000, 8_000, 60.0),
    (3_000, 25_000, 120.0),
]


def evaluate(
    problem: SchedulingProblem, placements: dict[str, Placement], seconds: float
) -> dict[str, Any]:
    violations = schedule_violations(problem, placements)
    return {
        "valid": not violations,
        "violations": violations[:5],
        "placed": len(placements),
        "total": len(problem.meetings),
        "breaks": sum(count_breaks(problem, placements).values()),
        "seconds": round(seconds, 2),
    }


def run_jumelage(problem: SchedulingProblem, time_limit: float) -> dict[str, Any]:
    started, cpu_started = time.perf_counter(), time.process_time()
    result = schedule(problem, time_limit=time_limit)
    row = evaluate(problem, dict(result.placements), time.perf_counter() - started)
    # CPU seconds of all the solver's threads: on a busy machine the wall clock also
    # counts time spent waiting for a core, this does not.
    row.update(
        status=result.status.value,
        bound=result.lower_bound,
        max_breaks=result.max_breaks,
        cpu_seconds=round(time.process_time() - cpu_started, 2),
    )
    return row


def placements_from_slots(
    problem: SchedulingProblem, slot_of: list[int | None]
) -> dict[str, Placement]:
    compiled = compile_problem(problem)
    tables = assign_tables(compiled, slot_of)
    return {
        compiled.meeting_keys[m]: Placement(slot, table)
        for m, (slot, table) in enumerate(zip(slot_of, tables, strict=True))
        if slot is not None and table is not None
    }


def run_first_fit(problem: SchedulingProblem) -> dict[str, Any]:
    started = time.perf_counter()
    compiled = compile_problem(problem)
    state = greedy_schedule(compiled, break_aware=False, repair=False)
    placements = placements_from_slots(problem, state.slot_of)
    return evaluate(problem, placements, time.perf_counter() - started)


def run_plain_cpsat(problem: SchedulingProblem, time_limit: float) -> dict[str, Any]:
    """The textbook model: exactly one slot per meeting, gaps counted, minimised; no help."""
    started = time.perf_counter()
    compiled = compile_problem(problem)
    placeable = [m for m in range(compiled.meeting_count) if m not in compiled.blocked]
    handle = build_model(
        compiled, place_all=True, with_breaks=True, implied=False, meetings=placeable
    )
    handle.model.minimize(handle.total_breaks)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit - (time.perf_counter() - started))
    solver.parameters.num_workers = 2
    status = solver.solve(handle.model)
    slot_of: list[int | None] = [None] * compiled.meeting_count
    bound = None
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for (meeting, slot), var in handle.x.items():
            if solver.boolean_value(var):
                slot_of[meeting] = slot
        bound = round(solver.best_objective_bound)
    placements = placements_from_slots(problem, slot_of)
    row = evaluate(problem, placements, time.perf_counter() - started)
    row.update(status=solver.status_name(status).lower(), bound=bound)
    return row


def fmt(row: dict[str, Any]) -> str:
    valid = "ok" if row["valid"] else "INVALID"
    return f"{valid:>7} {row['placed']:>6}/{row['total']:<6} {row['breaks']:>6} {row['seconds']:>7.2f}s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--smoke", action="store_true", help="two small real instances only")
    parser.add_argument(
        "--time-limit", type=float, default=30.0, help="Jumelage's seconds per real instance"
    )
    parser.add_argument(
        "--plain-time-limit",
        type=float,
        default=10.0,
        help="plain CP-SAT seconds per real instance",
    )
    parser.add_argument("--only", choices=["real", "generated"], help="run one part only")
    args = parser.parse_args(argv)

    report: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "real": [],
        "generated": [],
    }
    lines: list[str] = []

    def say(text: str) -> None:
        print(text, flush=True)
        lines.append(text)

    if args.only != "generated":
        names = SMOKE if args.smoke else sorted(PUBLISHED_OPTIMUM)
        if not DATA.exists():
            say(f"instances not found in {DATA}; skipping the real events")
            names = []
        limit = min(args.time_limit, 10.0) if args.smoke else args.time_limit
        plain_limit = min(args.plain_time_limit, 5.0) if args.smoke else args.plain_time_limit
        say(f"## Real events (Jumelage {limit:g} s, plain CP-SAT {plain_limit:g} s per instance)")
        say(
            f"{'instance':<15} | {'Jumelage: valid placed breaks time bound status cpu':<54} | "
            f"{'first-fit':<30} | {'plain CP-SAT':<30} | published opt / s"
        )
        for name in names:
            problem = load_instance(DATA / f"{name}.json")
            ours = run_jumelage(problem, limit)
            first_fit = run_first_fit(problem)
            plain = run_plain_cpsat(problem, plain_limit)
            optimum, optimum_seconds = PUBLISHED_OPTIMUM[name]
            report["real"].append(
                {
                    "instance": name,
                    "jumelage": ours,
                    "first_fit": first_fit,
                    "plain_cpsat": plain,
                    "published_optimum": optimum,
                    "published_seconds": optimum_seconds,
                }
            )
            say(
                f"{name:<15} | {fmt(ours)} {ours['bound']!s:>4} {ours['status']:<9}"
                f"{ours['cpu_seconds']:>6.2f} cpu | {fmt(first_fit)} | "
                f"{fmt(plain)} | {optimum:>3} / {optimum_seconds}"
            )
        rows = report["real"]
        if rows:
            total_time = sum(r["jumelage"]["seconds"] for r in rows)
            summary = {
                "instances": len(rows),
                "all_valid": all(r["jumelage"]["valid"] for r in rows),
                "all_placed": all(r["jumelage"]["placed"] == r["jumelage"]["total"] for r in rows),
                "at_or_below_published": sum(
                    r["jumelage"]["breaks"] <= r["published_optimum"] for r in rows
                ),
                "proven_optimal": sum(r["jumelage"]["status"] == "optimal" for r in rows),
                "jumelage_seconds": round(total_time, 1),
                "jumelage_cpu_seconds": round(sum(r["jumelage"]["cpu_seconds"] for r in rows), 1),
                "jumelage_breaks": sum(r["jumelage"]["breaks"] for r in rows),
                "first_fit_placed": sum(r["first_fit"]["placed"] for r in rows),
                "first_fit_breaks": sum(r["first_fit"]["breaks"] for r in rows),
                "plain_placed": sum(r["plain_cpsat"]["placed"] for r in rows),
                "plain_breaks": sum(r["plain_cpsat"]["breaks"] for r in rows),
                "plain_seconds": round(sum(r["plain_cpsat"]["seconds"] for r in rows), 1),
                "published_breaks": sum(r["published_optimum"] for r in rows),
                "published_seconds": round(sum(r["published_seconds"] for r in rows), 1),
                "meetings": sum(r["jumelage"]["total"] for r in rows),
            }
            report["real_summary"] = summary
            say("")
            say(
                f"Jumelage: {summary['proven_optimal']}/{len(rows)} proven optimal, "
                f"{summary['at_or_below_published']}/{len(rows)} at or below the published optimum, "
                f"all valid: {summary['all_valid']}, all placed: {summary['all_placed']}, "
                f"total {summary['jumelage_seconds']} s (published MaxSAT total {summary['published_seconds']} s, "
                f"ratio {summary['jumelage_seconds'] / max(summary['published_seconds'], 0.01):.2f}); "
                f"CPU time of all threads {summary['jumelage_cpu_seconds']} s"
            )
            say(
                f"breaks summed over the instances: Jumelage {summary['jumelage_breaks']}, "
                f"published optimum {summary['published_breaks']}, plain CP-SAT {summary['plain_breaks']} "
                f"({summary['plain_placed']}/{summary['meetings']} placed), first-fit {summary['first_fit_breaks']} "
                f"({summary['first_fit_placed']}/{summary['meetings']} placed)"
            )

    if args.only != "real" and not args.smoke:
        say("")
        say("## Generated events (seeded, see generate.py)")
        say(
            f"{'event':<22} | {'Jumelage: valid placed breaks time':<40} | {'first-fit':<30} | "
            f"{'plain CP-SAT':<30}"
        )
        for participants, meetings, limit in GENERATED:
            for kind in ("two_sided", "any_to_any"):
                problem = generate_event(participants, meetings, kind=kind)
                name = f"{kind}-{participants}"
                ours = run_jumelage(problem, limit)
                first_fit = run_first_fit(problem)
                plain = run_plain_cpsat(problem, limit)
                report["generated"].append(
                    {
                        "event": name,
                        "participants": participants,
                        "meetings": len(problem.meetings),
                        "tables": problem.tables,
                        "time_limit": limit,
                        "jumelage": ours,
                        "first_fit": first_fit,
                        "plain_cpsat": plain,
                    }
                )
                say(
                    f"{name:<22} | {fmt(ours)} {ours['status']:<9}| {fmt(first_fit)} | {fmt(plain)} "
                    f"({len(problem.meetings)} meetings, {problem.tables} tables, limit {limit:g} s)"
                )

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    suffix = "-smoke" if args.smoke else ""
    (RESULTS / f"scheduling-{stamp}{suffix}.json").write_text(
        json.dumps(report, indent=1), encoding="utf-8"
    )
    (RESULTS / f"scheduling-{stamp}{suffix}.md").write_text(
        "\n".join(lines) + "\n", encoding="utf-8"
    )
    real_ok = all(r["jumelage"]["valid"] for r in report["real"])
    generated_ok = all(r["jumelage"]["valid"] for r in report["generated"])
    return 0 if real_ok and generated_ok else 1


if __name__ == "__main__":
    sys.exit(main())
