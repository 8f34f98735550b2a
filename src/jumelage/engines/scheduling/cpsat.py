"""CP-SAT model of slot assignment with idle-gap ("break") counting.

One Boolean ``x[m, t]`` per meeting and allowed slot. For each participant and slot a
Boolean ``busy`` equals the sum of their meetings' ``x`` in that slot, and a Boolean
``start`` marks the first slot of each run of consecutive meetings; a participant's breaks
in a session are their runs minus one (minus zero when they have no meeting there).

The *implied constraints* of Bofill et al. (JAIR 2022) are what make the break objective
tractable: they add nothing logically but give the LP relaxation and the propagation much
to work with. They are

- every participant is busy in exactly as many slots as they have meetings placed,
- at most ``2 * tables`` participants are busy in a slot (each meeting seats two),
- a run starts only where the participant is busy now and was free just before.

Without the last one ``start`` is merely bounded from below by ``busy[t] - busy[t-1]``,
which is correct under minimisation but leaves the solver searching over loose values.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .compiled import Compiled

# Python's sum() nests one expression object per term; this builds one flat sum.
_sum = cp_model.LinearExpr.sum


@dataclass
class SolveOutcome:
    slot_of: list[int | None]
    objective: int | None
    bound: int | None
    optimal: bool
    infeasible: bool
    seconds: float
    found: bool = False


@dataclass
class BreakModel:
    """A built model plus handles to the variables the phases need."""

    compiled: Compiled
    model: cp_model.CpModel
    x: dict[tuple[int, int], cp_model.IntVar]
    placed: list[cp_model.LinearExprT]
    placed_value: cp_model.LinearExprT
    breaks_of: list[cp_model.LinearExprT] = field(default_factory=list)
    total_breaks: cp_model.LinearExprT = 0
    max_breaks: cp_model.IntVar | None = None
    meetings: list[int] = field(default_factory=list)
    # Proven fewest gaps of each participant (see bounds.py), when every meeting is placed.
    break_floor: list[int] | None = None

    def hint(self, slot_of: list[int | None]) -> None:
        """Warm start from a complete or partial slot assignment."""
        self.model.clear_hints()
        # Written to the proto in bulk: one ``add_hint`` call per variable costs more
        # than the rest of a small solve.
        hint = self.model.proto.solution_hint
        hint.vars.extend([var.index for var in self.x.values()])
        hint.values.extend([int(slot_of[meeting] == slot) for meeting, slot in self.x])

    def solve(
        self,
        seconds: float,
        *,
        workers: int,
        objective_floor: int | None = None,
        max_total_breaks: int | None = None,
        use_lp: bool = True,
    ) -> SolveOutcome:
        """Solve within ``seconds``.

        With ``max_total_breaks`` this is a decision problem on a copy of the model: any
        schedule with at most that many breaks, or a proof that none exists. A cap on
        every participant's gap variables propagates far better than an objective does,
        which is why the engine searches upwards from the lower bound this way.
        """
        started = time.perf_counter()
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(seconds, 0.01)
        solver.parameters.random_seed = 1
        model = self.model
        if max_total_breaks is not None:
            model = self.model.clone()
            model.clear_objective()
            model.add(self.total_breaks <= max_total_breaks)
            if self.break_floor is not None:
                # Everyone else has at least their own floor, so nobody can have more
                # than theirs plus the slack: a cap per person propagates at once.
                slack = max_total_breaks - sum(self.break_floor)
                for p, floor in enumerate(self.break_floor):
                    if not isinstance(self.breaks_of[p], int):
                        model.add(self.breaks_of[p] <= floor + slack)
            # Decisions are won by fast propagation, not by the LP: two plain searches.
            solver.parameters.linearization_level = 0
            solver.parameters.num_workers = workers
            if workers >= 2:
                solver.parameters.subsolvers.extend(["no_lp", "quick_restart_no_lp"])
        else:
            solver.parameters.num_workers = workers
            if not use_lp:
                solver.parameters.linearization_level = 0
        if objective_floor is not None and model.has_objective():
            # A known lower bound (e.g. zero breaks) lets the search stop as soon as it is met.
            solver.parameters.absolute_gap_limit = 0.5
        status = solver.solve(model)
        elapsed = time.perf_counter() - started
        slot_of: list[int | None] = [None] * self.compiled.meeting_count
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            for (meeting, slot), var in self.x.items():
                if solver.boolean_value(var):
                    slot_of[meeting] = slot
            has_objective = model.has_objective()
            return SolveOutcome(
                slot_of=slot_of,
                objective=round(solver.objective_value) if has_objective else None,
                bound=_ceil(solver.best_objective_bound) if has_objective else None,
                optimal=status == cp_model.OPTIMAL,
                infeasible=False,
                seconds=elapsed,
                found=True,
            )
        return SolveOutcome(
            slot_of=slot_of,
            objective=None,
            bound=None,
            optimal=False,
            infeasible=status == cp_model.INFEASIBLE,
            seconds=elapsed,
        )


def _ceil(value: float) -> int:
    rounded = round(value)
    return rounded if abs(value - rounded) < 1e-6 else int(value) + (value > 0)


def build_model(
    compiled: Compiled,
    *,
    place_all: bool,
    with_breaks: bool,
    implied: bool = True,
    meetings: list[int] | None = None,
    fixed_slot_of: list[int | None] | None = None,
    max_breaks_per_participant: int | None = None,
    gapless_options: bool = True,
    break_floor: list[int] | None = None,
) -> BreakModel:
    """Build the slot model.

    ``gapless_options`` adds the interval description of gap-free days (see
    ``_add_gapless_options``), worth its size on whole events, not on small windows.
    ``break_floor`` gives each participant's proven fewest gaps (only valid, and only
    used, with ``place_all``); it is added as constraints and enables the per-person caps
    of decision solves.
    ``place_all`` makes every placeable meeting compulsory (exactly one slot); otherwise
    meetings may stay out and ``placed_value`` is their total weight. ``meetings`` restricts
    the model to a subset (the others are taken as fixed at ``fixed_slot_of``, occupying
    their participants and tables); used to optimise one session or window at a time.
    """
    model = cp_model.CpModel()
    selected = list(range(compiled.meeting_count)) if meetings is None else list(meetings)
    in_model = set(selected)
    x: dict[tuple[int, int], cp_model.IntVar] = {}

    # Capacity and people already taken by meetings outside the model.
    outside_load = [0] * compiled.slot_count
    outside_busy: set[tuple[int, int]] = set()
    outside_table: set[tuple[int, int]] = set()
    if fixed_slot_of is not None:
        for meeting, slot in enumerate(fixed_slot_of):
            if slot is None or meeting in in_model:
                continue
            outside_load[slot] += 1
            for p in compiled.ends[meeting]:
                outside_busy.add((p, slot))
            table = compiled.fixed_table[meeting]
            if table is not None:
                outside_table.add((slot, table))

    per_slot: list[list[cp_model.IntVar]] = [[] for _ in range(compiled.slot_count)]
    per_participant_slot: dict[tuple[int, int], list[cp_model.IntVar]] = {}
    per_table_slot: dict[tuple[int, int], list[cp_model.IntVar]] = {}
    placed: list[cp_model.LinearExprT] = [0] * compiled.meeting_count
    for meeting in selected:
        a, b = compiled.ends[meeting]
        table = compiled.fixed_table[meeting]
        variables = []
        for slot in compiled.allowed[meeting]:
            if (a, slot) in outside_busy or (b, slot) in outside_busy:
                continue
            if table is not None and (slot, table) in outside_table:
                continue
            var = model.new_bool_var(f"x{meeting}_{slot}")
            x[(meeting, slot)] = var
            variables.append(var)
            per_slot[slot].append(var)
            per_participant_slot.setdefault((a, slot), []).append(var)
            per_participant_slot.setdefault((b, slot), []).append(var)
            if table is not None:
                per_table_slot.setdefault((slot, table), []).append(var)
        if place_all or (compiled.locked[meeting] and meeting not in compiled.blocked):
            # A kept lock is the organiser's promise: it is placed whatever else happens.
            model.add_exactly_one(variables)
            placed[meeting] = 1
        else:
            model.add_at_most_one(variables)
            placed[meeting] = _sum(variables)

    for slot, variables in enumerate(per_slot):
        room = compiled.tables - outside_load[slot]
        if len(variables) > room:
            model.add(_sum(variables) <= room)
    for variables in per_participant_slot.values():
        if len(variables) > 1:
            model.add_at_most_one(variables)
    for variables in per_table_slot.values():
        if len(variables) > 1:
            model.add_at_most_one(variables)

    _add_limits_and_precedences(compiled, model, x, placed, selected, fixed_slot_of)

    placed_value = cp_model.LinearExpr.weighted_sum(
        [placed[m] for m in selected], [compiled.weight[m] for m in selected]
    )
    handle = BreakModel(compiled, model, x, placed, placed_value, meetings=selected)
    if with_breaks:
        _add_breaks(
            handle,
            per_participant_slot,
            outside_busy,
            place_all=place_all,
            implied=implied,
            cap=max_breaks_per_participant,
            gapless_options=gapless_options,
        )
        if place_all and break_floor is not None:
            handle.break_floor = list(break_floor)
            for p, floor in enumerate(break_floor):
                if floor and not isinstance(handle.breaks_of[p], int):
                    model.add(handle.breaks_of[p] >= floor)
    return handle


def _add_limits_and_precedences(
    compiled: Compiled,
    model: cp_model.CpModel,
    x: dict[tuple[int, int], cp_model.IntVar],
    placed: list[cp_model.LinearExprT],
    selected: list[int],
    fixed_slot_of: list[int | None] | None,
) -> None:
    in_model = set(selected)
    for p, limit in enumerate(compiled.max_meetings):
        if limit is None:
            continue
        inside = [m for m in compiled.meetings_of[p] if m in in_model]
        outside = 0
        if fixed_slot_of is not None:
            outside = sum(
                1
                for m in compiled.meetings_of[p]
                if m not in in_model and fixed_slot_of[m] is not None
            )
        if len(inside) + outside > limit:
            model.add(sum(placed[m] for m in inside) <= limit - outside)

    for before, after in compiled.precedences:
        if before in in_model and after in in_model:
            # x[before, t] forbids ``after`` in any slot up to t.
            for (meeting, slot), var in x.items():
                if meeting != before:
                    continue
                not_later = [
                    x[(after, other)]
                    for other in compiled.allowed[after]
                    if other <= slot and (after, other) in x
                ]
                if not_later:
                    model.add(sum(not_later) == 0).only_enforce_if(var)
        elif fixed_slot_of is not None:
            # One side is fixed outside the model: the other simply loses the slots on the wrong side.
            after_slot = fixed_slot_of[after]
            if before in in_model and after_slot is not None:
                for slot in compiled.allowed[before]:
                    if slot >= after_slot and (before, slot) in x:
                        model.add(x[(before, slot)] == 0)
            before_slot = fixed_slot_of[before]
            if after in in_model and before_slot is not None:
                for slot in compiled.allowed[after]:
                    if slot <= before_slot and (after, slot) in x:
                        model.add(x[(after, slot)] == 0)


def _add_breaks(
    handle: BreakModel,
    per_participant_slot: dict[tuple[int, int], list[cp_model.IntVar]],
    outside_busy: set[tuple[int, int]],
    *,
    place_all: bool,
    implied: bool,
    cap: int | None,
    gapless_options: bool,
) -> None:
    compiled = handle.compiled
    model = handle.model
    in_model = set(handle.meetings)
    total_terms: list[cp_model.LinearExprT] = []
    busy_in_slot: list[list[cp_model.IntVar | int]] = [[] for _ in range(compiled.slot_count)]
    participants = {p for m in handle.meetings for p in compiled.ends[m]}
    breaks_of: list[cp_model.LinearExprT] = [0] * compiled.participant_count
    max_possible = 0
    for p in sorted(participants):
        busy: dict[int, cp_model.IntVar | int] = {}
        variable_busy: list[cp_model.IntVar] = []
        for slot in range(compiled.slot_count):
            if (p, slot) in outside_busy:
                busy[slot] = 1
                continue
            variables = per_participant_slot.get((p, slot))
            if not variables:
                continue
            if len(variables) == 1:
                busy[slot] = variables[0]
                variable_busy.append(variables[0])
            else:
                var = model.new_bool_var(f"busy{p}_{slot}")
                model.add(var == _sum(variables))
                busy[slot] = var
                variable_busy.append(var)
            busy_in_slot[slot].append(busy[slot])
        if implied and place_all:
            own = [m for m in compiled.meetings_of[p] if m in in_model]
            if variable_busy:
                model.add(_sum(variable_busy) == len(own))

        participant_terms: list[cp_model.LinearExprT] = []
        for session in compiled.session_slots:
            slots = [slot for slot in session if slot in busy]
            if not slots:
                continue
            runs: list[cp_model.IntVar | int] = []
            for slot in slots:
                now = busy[slot]
                previous = busy.get(slot - 1) if slot - 1 >= session.start else None
                if previous is None:
                    runs.append(now)
                    continue
                if isinstance(now, int) and isinstance(previous, int):
                    runs.append(1 if now and not previous else 0)
                    continue
                start = model.new_bool_var(f"start{p}_{slot}")
                model.add(start + previous >= now)
                if implied:
                    if not isinstance(now, int):
                        model.add_implication(start, now)
                    if isinstance(previous, int):
                        if previous:
                            model.add(start == 0)
                    else:
                        model.add_implication(start, previous.Not())
                runs.append(start)
            certain = place_all and _surely_meets_in(compiled, p, session, in_model, outside_busy)
            most = max((len(slots) + 1) // 2 - 1, 0)
            gaps = model.new_int_var(0, most, f"gaps{p}_{session.start}")
            if certain:
                model.add(gaps == _sum(runs) - 1)
            else:
                present = model.new_bool_var(f"present{p}_{session.start}")
                for term in runs:
                    if not isinstance(term, int):
                        model.add_implication(term, present)
                model.add(present <= _sum(runs))
                model.add(gaps == _sum(runs) - present)
            participant_terms.append(gaps)
            max_possible += most
            if implied and gapless_options:
                low, high = _meeting_count_range(
                    compiled, p, session, in_model, outside_busy, place_all
                )
                _add_gapless_options(model, busy, slots, gaps, low, high, f"{p}_{session.start}")
        if participant_terms:
            breaks_of[p] = _sum(participant_terms)
            total_terms.append(breaks_of[p])
            if cap is not None:
                model.add(breaks_of[p] <= cap)

    if implied:
        for terms in busy_in_slot:
            if len(terms) > 2 * compiled.tables:
                model.add(_sum(terms) <= 2 * compiled.tables)
    handle.breaks_of = breaks_of
    handle.total_breaks = _sum(total_terms)
    handle.max_breaks = model.new_int_var(0, max(max_possible, 0), "max_breaks")
    for p in participants:
        model.add(handle.max_breaks >= breaks_of[p])


def _surely_meets_in(
    compiled: Compiled,
    participant: int,
    session: range,
    in_model: set[int],
    outside_busy: set[tuple[int, int]],
) -> bool:
    """True when the participant has a meeting that can only take place in this session."""
    if any((participant, slot) in outside_busy for slot in session):
        return True
    for meeting in compiled.meetings_of[participant]:
        if meeting in in_model:
            allowed = compiled.allowed[meeting]
            if allowed and all(slot in session for slot in allowed):
                return True
    return False


def _meeting_count_range(
    compiled: Compiled,
    participant: int,
    session: range,
    in_model: set[int],
    outside_busy: set[tuple[int, int]],
    place_all: bool,
) -> tuple[int, int]:
    """Fewest and most meetings the participant can have in the session."""
    fixed = sum(1 for slot in session if (participant, slot) in outside_busy)
    low = high = fixed
    for meeting in compiled.meetings_of[participant]:
        if meeting not in in_model:
            continue
        inside = [slot in session for slot in compiled.allowed[meeting]]
        if any(inside):
            high += 1
            if place_all and all(inside):
                low += 1
    return low, high


def _add_gapless_options(
    model: cp_model.CpModel,
    busy: dict[int, cp_model.IntVar | int],
    slots: list[int],
    gaps: cp_model.IntVar,
    low: int,
    high: int,
    name: str,
) -> None:
    """Describe the gap-free days of a participant in a session as a choice of interval.

    Exactly one of: one interval of consecutive slots (of a feasible length) that is then
    exactly the busy slots; no meeting at all; or "has gaps", which costs at least one gap.
    Dropping nothing, this gives the LP relaxation a tight picture of zero-gap days, which
    is what the objective mostly fights over.
    """
    if high == 0:
        return
    options: list[cp_model.IntVar] = []
    cover: dict[int, list[cp_model.IntVar]] = {slot: [] for slot in slots}
    runs: list[list[int]] = []
    for slot in slots:
        if runs and runs[-1][-1] == slot - 1:
            runs[-1].append(slot)
        else:
            runs.append([slot])
    shortest = max(low, 1)
    for run in runs:
        for first in range(len(run)):
            for last in range(first + shortest - 1, min(len(run), first + high)):
                option = model.new_bool_var(f"interval{name}_{run[first]}_{run[last]}")
                options.append(option)
                for slot in run[first : last + 1]:
                    cover[slot].append(option)
    if low == 0:
        options.append(model.new_bool_var(f"absent{name}"))
    gapped = model.new_bool_var(f"gapped{name}")
    model.add_exactly_one([*options, gapped])
    for slot in slots:
        covered = _sum(cover[slot])
        model.add(busy[slot] >= covered)
        model.add(busy[slot] <= covered + gapped)
    model.add(gaps >= gapped)
