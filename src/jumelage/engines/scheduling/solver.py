"""The scheduling pipeline: checks, greedy warm start, CP-SAT phases, tables, validation.

Objectives, lexicographically: (1) the total weight of placed meetings, (2) the total
number of idle gaps, then the largest number of gaps anyone has (fairness), (3) the number
of published meetings that move. Each phase is solved with the optimum of the previous
ones fixed as a constraint and the best schedule so far as a hint, within one shared time
budget; whatever a phase finds, the best schedule found so far is always kept.

Gaps are searched upwards from a proven floor: the fewest gaps each participant could
have on their own (see ``bounds.py``), summed. On real events that floor is usually the
optimum, so the first question asked, "a schedule placing everything with that many
gaps?", settles placement and gaps at once, and the answer is optimal by construction.
The break model is built once and serves every step.

Events too large for one break model (see ``FULL_MODEL_LIMIT``) are placed by the greedy
(and the placement model when the greedy leaves meetings out), then their gaps are reduced
by large-neighbourhood search: small windows of participants are re-solved exactly while
the rest of the schedule stays fixed.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from .bounds import participant_break_bounds
from .compiled import Compiled, compile_problem
from .cpsat import BreakModel, build_model
from .explain import necessary_conditions, unplaced_reason
from .greedy import greedy_schedule, improve_locally
from .model import Placement, ScheduleResult, SchedulingProblem, Status, UnplacedMeeting
from .tables import assign_tables
from .validator import ScheduleValidationError, assert_valid, count_breaks

# Above this many meeting-slot Booleans no exact model of the whole event is built: its
# gaps are reduced by local search and by exact re-solves of small windows instead.
FULL_MODEL_LIMIT = 40_000
# A step of the upward gap search gets at most this many times the time the previous
# refutation took (plus a second).
PROOF_GROWTH = 5.0

Progress = Callable[[str], None]


@dataclass(frozen=True)
class SolverOptions:
    """Knobs of the pipeline; the defaults are the engine's recommended settings.

    ``warm_start`` and ``implied_constraints`` exist so that the benchmark can measure the
    plain model beside the improved one.
    """

    workers: int = 2
    warm_start: bool = True
    implied_constraints: bool = True
    fairness: bool = True
    ascending: bool = True
    # Share of the remaining time one "at most k breaks?" step may use (the first, at
    # zero breaks, settles most real events and gets more).
    first_step_share: float = 0.5
    step_share: float = 0.5


def schedule(
    problem: SchedulingProblem,
    *,
    time_limit: float = 60.0,
    options: SolverOptions | None = None,
    progress: Progress | None = None,
) -> ScheduleResult:
    """Schedule the problem within ``time_limit`` seconds (wall clock, the whole run).

    Promises: the returned schedule satisfies every hard rule (it is checked by the
    independent validator, and ScheduleValidationError is raised otherwise); every meeting
    is either placed or listed as unplaced with an explanation; ``lower_bound`` is a proven
    bound on the total breaks for the placed weight, or ``None``.
    Raises ValueError when the problem itself is malformed (unknown keys, bad indices).
    """
    started = time.perf_counter()
    options = options or SolverOptions()
    report = progress or (lambda message: None)
    compiled = compile_problem(problem)
    explanations = necessary_conditions(compiled)

    def remaining() -> float:
        return time_limit - (time.perf_counter() - started)

    state = greedy_schedule(compiled, break_aware=True)
    if options.warm_start:
        # On events too large for one exact model this cheap polish does most of the work.
        large = sum(len(slots) for slots in compiled.allowed) > FULL_MODEL_LIMIT
        improve_locally(state, _share(remaining(), 0.5 if large else 0.1))
    slot_of = list(state.slot_of)
    report(
        f"greedy placed {sum(s is not None for s in slot_of)} of {compiled.meeting_count}, "
        f"{_total_breaks(compiled, slot_of)} breaks"
    )

    placeable = [m for m in range(compiled.meeting_count) if m not in compiled.blocked]
    best_weight = sum(compiled.weight[m] for m in placeable)
    placed_weight = _placed_weight(compiled, slot_of)
    placement_proven = placed_weight == best_weight
    search: _BreakSearch | None = None
    whole_model = sum(len(compiled.allowed[m]) for m in placeable) <= FULL_MODEL_LIMIT
    if not placement_proven and remaining() > 0 and whole_model and options.ascending:
        # One model answers both questions: a schedule that places everything with as
        # few breaks as each participant could have alone is usually there, and then
        # placement and breaks are settled by one solve (and the model is built once).
        search = _break_search(compiled, placeable, options, report)
        if options.warm_start:
            search.handle.hint(slot_of)
        outcome = search.handle.solve(
            max(0.5, remaining() * options.first_step_share),
            workers=options.workers,
            max_total_breaks=search.lower_bound,
        )
        refuted, refutation_seconds = outcome.infeasible, outcome.seconds
        if not outcome.found:
            outcome = search.handle.solve(_share(remaining(), 0.3), workers=options.workers)
        if outcome.found and all(outcome.slot_of[m] is not None for m in placeable):
            slot_of = outcome.slot_of
            placed_weight = best_weight
            placement_proven = True
            if refuted:
                report(f"no schedule with {search.lower_bound} breaks")
                search.lower_bound += 1
                search.proof_seconds = refutation_seconds
        elif outcome.infeasible:
            search = None
        report(f"placing everything: {'done' if placement_proven else 'not found'}")
    elif not placement_proven and remaining() > 0:
        # Placing everything is usually possible and far easier to decide than to optimise.
        handle = build_model(
            compiled,
            place_all=True,
            with_breaks=False,
            implied=options.implied_constraints,
            meetings=placeable,
        )
        if options.warm_start:
            handle.hint(slot_of)
        outcome = handle.solve(_share(remaining(), 0.3), workers=options.workers)
        if outcome.found and all(outcome.slot_of[m] is not None for m in placeable):
            slot_of = outcome.slot_of
            placed_weight = best_weight
            placement_proven = True
        report(f"placing everything: {'done' if placement_proven else 'not found'}")
    if not placement_proven and remaining() > 0:
        handle = build_model(
            compiled, place_all=False, with_breaks=False, implied=options.implied_constraints
        )
        handle.model.maximize(handle.placed_value)
        if options.warm_start:
            handle.hint(slot_of)
        outcome = handle.solve(
            _share(remaining(), 0.5), workers=options.workers, objective_floor=None
        )
        if outcome.objective is not None and outcome.objective >= placed_weight:
            slot_of = outcome.slot_of
            placed_weight = _placed_weight(compiled, slot_of)
        if outcome.bound is not None and outcome.bound <= placed_weight:
            placement_proven = True
        report(f"placement: weight {placed_weight} of {best_weight}")

    all_placed = placed_weight == best_weight
    lower_bound: int | None = None
    if remaining() > 0 and placed_weight > 0:
        slot_of, lower_bound = _minimise_breaks(
            compiled,
            slot_of,
            placed_weight,
            all_placed,
            remaining,
            options,
            report,
            search if all_placed else None,
        )

    if compiled.problem.published and remaining() > 0 and all_placed:
        slot_of = _minimise_changes(compiled, slot_of, placed_weight, remaining, options)

    table_of = assign_tables(compiled, slot_of)
    placements = {
        compiled.meeting_keys[m]: Placement(slot=slot, table=table)
        for m, (slot, table) in enumerate(zip(slot_of, table_of, strict=True))
        if slot is not None and table is not None
    }
    excused = {compiled.meeting_keys[m] for m in compiled.blocked}
    assert_valid(problem, placements, excused_locks=excused)
    breaks = count_breaks(problem, placements)
    if sum(breaks.values()) != _total_breaks(compiled, slot_of):
        raise ScheduleValidationError(["break count disagrees with the validator"])

    placed_count = [0] * compiled.participant_count
    for m, slot in enumerate(slot_of):
        if slot is not None:
            for p in compiled.ends[m]:
                placed_count[p] += 1
    unplaced = tuple(
        UnplacedMeeting(
            compiled.meeting_keys[m], unplaced_reason(compiled, m, explanations, placed_count)
        )
        for m, slot in enumerate(slot_of)
        if slot is None
    )
    total = sum(breaks.values())
    if not unplaced:
        status = (
            Status.OPTIMAL if lower_bound is not None and lower_bound >= total else Status.FEASIBLE
        )
    elif explanations or compiled.blocked or placement_proven:
        status = Status.INFEASIBLE
    else:
        status = Status.PARTIAL
    if lower_bound is not None and not all_placed and not placement_proven:
        lower_bound = None  # a bound for an unproven placement says nothing about the optimum
    return ScheduleResult(
        status=status,
        placements=placements,
        unplaced=unplaced,
        breaks=breaks,
        lower_bound=lower_bound,
        seconds=round(time.perf_counter() - started, 3),
        changes=_changes(compiled, placements),
        explanations=tuple(explanations),
    )


def _share(remaining: float, fraction: float) -> float:
    return max(remaining * fraction, 0.01)


def _placed_weight(compiled: Compiled, slot_of: list[int | None]) -> int:
    return sum(compiled.weight[m] for m, slot in enumerate(slot_of) if slot is not None)


def _total_breaks(compiled: Compiled, slot_of: list[int | None]) -> int:
    return sum(_breaks_of(compiled, slot_of))


def _breaks_of(compiled: Compiled, slot_of: list[int | None]) -> list[int]:
    taken: list[set[int]] = [set() for _ in range(compiled.participant_count)]
    for m, slot in enumerate(slot_of):
        if slot is not None:
            for p in compiled.ends[m]:
                taken[p].add(slot)
    result = []
    for slots in taken:
        runs = sum(
            1
            for slot in slots
            if slot - 1 not in slots
            or compiled.slot_session[slot - 1] != compiled.slot_session[slot]
        )
        result.append(runs - len({compiled.slot_session[slot] for slot in slots}))
    return result


def _changes(compiled: Compiled, placements: dict[str, Placement]) -> int:
    changed = 0
    for m, key in enumerate(compiled.meeting_keys):
        published_slot = compiled.published_slot[m]
        if published_slot is None:
            continue
        placement = placements.get(key)
        if (
            placement is None
            or placement.slot != published_slot
            or placement.table != compiled.published_table[m]
        ):
            changed += 1
    return changed


@dataclass
class _BreakSearch:
    """The whole-event break model for schedules that place every placeable meeting.

    ``lower_bound`` is proven for such schedules: the participants' own floors summed,
    raised by every refuted "at most k breaks?" step.
    """

    handle: BreakModel
    floor: list[int]
    lower_bound: int
    # Seconds the last refutation took, when there was one.
    proof_seconds: float | None = None


def _break_search(
    compiled: Compiled, placeable: list[int], options: SolverOptions, report: Progress
) -> _BreakSearch:
    floor = participant_break_bounds(compiled, placeable)
    report(f"each participant's own fewest breaks add up to {sum(floor)}")
    handle = _break_model(compiled, placeable, floor, place_all=True, options=options)
    return _BreakSearch(handle, floor, sum(floor))


def _break_model(
    compiled: Compiled,
    placeable: list[int],
    floor: list[int] | None,
    *,
    place_all: bool,
    options: SolverOptions,
) -> BreakModel:
    """The model of the gap search: placement, gap counts and each participant's floor."""
    return build_model(
        compiled,
        place_all=place_all,
        with_breaks=True,
        implied=options.implied_constraints,
        meetings=placeable,
        max_breaks_per_participant=compiled.problem.max_breaks_per_participant,
        break_floor=floor,
    )


def _minimise_breaks(
    compiled: Compiled,
    slot_of: list[int | None],
    placed_weight: int,
    all_placed: bool,
    remaining: Callable[[], float],
    options: SolverOptions,
    report: Progress,
    search: _BreakSearch | None = None,
) -> tuple[list[int | None], int | None]:
    """Phase 2: fewest gaps (then the fairest spread) for the placed weight.

    Searches upwards from the proven floor (each participant's fewest breaks on their
    own, summed; see bounds.py): "at most k breaks?" for k = floor, floor + 1... Each
    refuted k raises the proven lower bound; the first k with a schedule is optimal. Real events
    need few breaks, and a tight cap propagates through every participant's gap count,
    so these decisions are much easier than the optimisation (the same reason core-guided
    MaxSAT does well on this problem). When a step runs out of its share of time, the
    incumbent is improved by large-neighbourhood search instead: windows of participants
    are freed and re-solved exactly while everything else stays fixed.
    """
    current = _total_breaks(compiled, slot_of)
    size = sum(len(compiled.allowed[m]) for m in range(compiled.meeting_count))
    placeable = [m for m in range(compiled.meeting_count) if m not in compiled.blocked]
    floor: list[int] | None = None
    lower_bound: int | None = 0
    if search is not None:
        floor, lower_bound = search.floor, search.lower_bound
    elif all_placed:
        floor = participant_break_bounds(compiled, placeable)
        lower_bound = sum(floor)
        report(f"each participant's own fewest breaks add up to {lower_bound}")
    handle: BreakModel | None = None
    if current <= (lower_bound or 0):
        return slot_of, current
    if size <= FULL_MODEL_LIMIT and not options.ascending:
        return _minimise_plainly(compiled, slot_of, placed_weight, all_placed, remaining, options)
    if size <= FULL_MODEL_LIMIT:
        if search is not None:
            handle = search.handle
        else:
            handle = _break_model(compiled, placeable, floor, place_all=all_placed, options=options)
            if not all_placed:
                handle.model.add(handle.placed_value >= placed_weight)
        if options.warm_start:
            handle.hint(slot_of)
        first = k = lower_bound or 0
        stalled = 0
        last_proof = search.proof_seconds if search is not None else None
        while k < current and remaining() > 0.05 and stalled < 2:
            share = options.first_step_share if k == first else options.step_share
            budget = remaining() * share
            if last_proof is not None:
                # Each refutation costs a few times the one before; a step far beyond
                # that growth is unlikely to end soon, and the time is better spent
                # looking for a schedule one break above.
                budget = min(budget, PROOF_GROWTH * last_proof + 1.0)
            outcome = handle.solve(max(0.5, budget), workers=options.workers, max_total_breaks=k)
            if outcome.infeasible:
                last_proof = outcome.seconds
                if lower_bound == k:
                    lower_bound = k + 1
                report(f"no schedule with {k} breaks")
            elif outcome.found:
                slot_of, current = outcome.slot_of, _total_breaks(compiled, outcome.slot_of)
                report(f"schedule with {current} breaks")
                break
            else:
                # Without a proof at the first step the optimum is likely close but hard
                # to reach by decisions; one more step after a proven bound often succeeds.
                stalled += 1 if k > first else 2
            k += 1
    elif floor is None:
        lower_bound = None
    if (lower_bound is None or lower_bound < current) and remaining() > 0.05:
        budget = remaining() * (0.85 if options.fairness else 1.0)
        slot_of = improve_by_windows(
            compiled, slot_of, budget, options, report, floor=lower_bound or 0
        )
        current = _total_breaks(compiled, slot_of)
    if lower_bound is not None:
        lower_bound = min(lower_bound, current)
    report(f"breaks: {current} (bound {lower_bound})")
    # At the summed floor everyone is exactly at their own floor: nothing fairer exists.
    at_floor = floor is not None and current == sum(floor)
    if (
        handle is not None
        and options.fairness
        and current >= 2
        and not at_floor
        and remaining() > 0.2
    ):
        slot_of = _minimise_max_breaks(handle, slot_of, current, remaining, options)
    return slot_of, lower_bound


def _minimise_plainly(
    compiled: Compiled,
    slot_of: list[int | None],
    placed_weight: int,
    all_placed: bool,
    remaining: Callable[[], float],
    options: SolverOptions,
) -> tuple[list[int | None], int | None]:
    """One minimisation of the break model: the plain baseline the benchmark compares to."""
    placeable = [m for m in range(compiled.meeting_count) if m not in compiled.blocked]
    handle = build_model(
        compiled,
        place_all=all_placed,
        with_breaks=True,
        implied=options.implied_constraints,
        meetings=placeable,
    )
    if not all_placed:
        handle.model.add(handle.placed_value >= placed_weight)
    handle.model.minimize(handle.total_breaks)
    if options.warm_start:
        handle.hint(slot_of)
    outcome = handle.solve(remaining(), workers=options.workers, objective_floor=0)
    if outcome.objective is not None and outcome.objective <= _total_breaks(compiled, slot_of):
        return outcome.slot_of, outcome.bound
    return slot_of, outcome.bound


def improve_by_windows(
    compiled: Compiled,
    slot_of: list[int | None],
    seconds: float,
    options: SolverOptions,
    report: Progress,
    *,
    floor: int = 0,
    window_meetings: int = 40,
    patience: int = 40,
) -> list[int | None]:
    """Large-neighbourhood search on gaps; never returns a worse schedule.

    Each step picks a participant with gaps, grows a group of their meeting partners
    (breadth first) until about ``window_meetings`` meetings touch the group, frees those
    meetings and re-solves them exactly with CP-SAT while every other meeting stays put.
    Stops at ``floor`` gaps, after ``seconds``, or after ``patience`` steps in a row
    without progress.
    """
    started = time.perf_counter()
    rng = random.Random(7)
    slot_of = list(slot_of)
    breaks = _breaks_of(compiled, slot_of)
    total = sum(breaks)
    neighbours: list[list[int]] = [
        [compiled.ends[m][0] + compiled.ends[m][1] - p for m in compiled.meetings_of[p]]
        for p in range(compiled.participant_count)
    ]
    idle = 0
    steps = 0
    while total > floor and idle < patience:
        left = seconds - (time.perf_counter() - started)
        if left <= 0.05:
            break
        gapped = [p for p, count in enumerate(breaks) if count > 0]
        seed = rng.choice(gapped)
        group = {seed}
        frontier = [seed]
        touching = len(compiled.meetings_of[seed])
        while frontier and touching < window_meetings:
            p = frontier.pop(0)
            partners = neighbours[p][:]
            rng.shuffle(partners)
            for q in partners:
                if q not in group and touching < window_meetings:
                    group.add(q)
                    frontier.append(q)
                    touching += len(compiled.meetings_of[q])
        window = sorted(
            {
                m
                for p in group
                for m in compiled.meetings_of[p]
                if slot_of[m] is not None and not compiled.locked[m]
            }
        )
        handle = build_model(
            compiled,
            place_all=True,
            with_breaks=True,
            implied=options.implied_constraints,
            meetings=window,
            fixed_slot_of=slot_of,
            gapless_options=False,
        )
        handle.model.minimize(handle.total_breaks)
        handle.hint(slot_of)
        outcome = handle.solve(min(left, 1.0), workers=1, objective_floor=0, use_lp=False)
        steps += 1
        improved = False
        if outcome.found:
            candidate = list(slot_of)
            for m in window:
                candidate[m] = outcome.slot_of[m]
            if all(candidate[m] is not None for m in window):
                new_breaks = _breaks_of(compiled, candidate)
                if sum(new_breaks) <= total:
                    improved = sum(new_breaks) < total
                    slot_of, breaks, total = candidate, new_breaks, sum(new_breaks)
        idle = 0 if improved else idle + 1
    report(f"neighbourhood search: {steps} windows, {total} breaks")
    return slot_of


def _minimise_max_breaks(
    handle: BreakModel,
    slot_of: list[int | None],
    total: int,
    remaining: Callable[[], float],
    options: SolverOptions,
) -> list[int | None]:
    compiled = handle.compiled
    worst = max(_breaks_of(compiled, slot_of))
    if worst <= max(1, *(handle.break_floor or [0])) or handle.max_breaks is None:
        return slot_of
    model = handle.model
    model.add(handle.total_breaks <= total)
    model.clear_objective()
    model.minimize(handle.max_breaks)
    handle.hint(slot_of)
    budget = min(remaining(), max(0.5, remaining() * options.step_share))
    outcome = handle.solve(budget, workers=options.workers, objective_floor=1)
    if outcome.objective is not None and outcome.objective < worst:
        candidate = outcome.slot_of
        if _total_breaks(compiled, candidate) <= total:
            return candidate
    return slot_of


def _minimise_changes(
    compiled: Compiled,
    slot_of: list[int | None],
    placed_weight: int,
    remaining: Callable[[], float],
    options: SolverOptions,
) -> list[int | None]:
    """Phase 3: move as few published meetings as possible without adding gaps."""
    placeable = [m for m in range(compiled.meeting_count) if m not in compiled.blocked]
    breaks = _breaks_of(compiled, slot_of)
    total, worst = sum(breaks), max(breaks, default=0)
    handle = build_model(
        compiled,
        place_all=True,
        with_breaks=True,
        implied=options.implied_constraints,
        meetings=placeable,
    )
    handle.model.add(handle.total_breaks <= total)
    if handle.max_breaks is not None:
        handle.model.add(handle.max_breaks <= worst)
    kept = [
        handle.x[(m, slot)]
        for m in placeable
        if (slot := compiled.published_slot[m]) is not None and (m, slot) in handle.x
    ]
    handle.model.maximize(sum(kept))
    handle.hint(slot_of)
    outcome = handle.solve(remaining(), workers=options.workers)
    if outcome.objective is not None:
        before = sum(1 for m in placeable if compiled.published_slot[m] == slot_of[m])
        if outcome.objective >= before:
            return outcome.slot_of
    return slot_of
