"""Seeded generator of large brokerage events for the scheduling benchmark.

An event has two days, each with a morning and an afternoon session of 8 slots (32 slots).
Participants are available throughout except that about one in four misses one whole
session (arrives late, leaves early) and one slot in a hundred is blocked at random.

- ``two_sided``: 45 % of the participants are "buyers" who each request meetings with
  sellers; buyers are popular in a skewed way (a few get many requests), as at real
  hosted-buyer events.
- ``any_to_any``: every participant may meet every other; pairs are drawn with weights
  following a Zipf-like popularity, as at cluster matchmaking events.

Nobody gets more meetings than 80 % of the slots they can attend, and the tables are the
meetings per slot plus 15 %, which b2match recommends to organisers. The same seed always
gives the same event.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random

from jumelage.engines.scheduling import Meeting, Participant, SchedulingProblem, Session

SESSIONS = (
    ("d1-am", "day 1 morning"),
    ("d1-pm", "day 1 afternoon"),
    ("d2-am", "day 2 morning"),
    ("d2-pm", "day 2 afternoon"),
)
SLOTS_PER_SESSION = 8


def generate_event(
    participants: int, meetings: int, *, kind: str, seed: int = 2026
) -> SchedulingProblem:
    """A reproducible event of ``participants`` people and about ``meetings`` meetings."""
    rng = random.Random(f"{kind}-{participants}-{meetings}-{seed}")
    slot_count = SLOTS_PER_SESSION * len(SESSIONS)
    forbidden: list[set[int]] = []
    for _ in range(participants):
        blocked: set[int] = set()
        if rng.random() < 0.25:
            session = rng.randrange(len(SESSIONS))
            blocked.update(range(session * SLOTS_PER_SESSION, (session + 1) * SLOTS_PER_SESSION))
        blocked.update(slot for slot in range(slot_count) if rng.random() < 0.01)
        forbidden.append(blocked)
    capacity = [int(0.8 * (slot_count - len(blocked))) for blocked in forbidden]

    if kind == "two_sided":
        buyers = list(range(participants * 9 // 20))
        sellers = list(range(participants * 9 // 20, participants))
        weight_a = [1.0 / math.sqrt(i + 1) for i in range(len(buyers))]
        weight_b = [1.0] * len(sellers)
        side_a, side_b = buyers, sellers
    elif kind == "any_to_any":
        side_a = side_b = list(range(participants))
        weight_a = weight_b = [1.0 / (i + 1) ** 0.6 for i in range(participants)]
    else:
        raise ValueError(f"unknown kind {kind!r}")

    degree = [0] * participants
    pairs: set[tuple[int, int]] = set()
    attempts = 0
    cumulative_a = list(itertools.accumulate(weight_a))
    cumulative_b = list(itertools.accumulate(weight_b))
    while len(pairs) < meetings and attempts < meetings * 50:
        attempts += 1
        a = side_a[bisect.bisect(cumulative_a, rng.random() * cumulative_a[-1])]
        b = side_b[bisect.bisect(cumulative_b, rng.random() * cumulative_b[-1])]
        if a == b or degree[a] >= capacity[a] or degree[b] >= capacity[b]:
            continue
        pair = (min(a, b), max(a, b))
        if pair in pairs:
            continue
        if len(forbidden[a] | forbidden[b]) > slot_count // 2:
            continue
        pairs.add(pair)
        degree[a] += 1
        degree[b] += 1

    tables = math.ceil(len(pairs) / slot_count * 1.15)
    return SchedulingProblem(
        sessions=tuple(Session(key, label, SLOTS_PER_SESSION) for key, label in SESSIONS),
        tables=tables,
        participants=tuple(
            Participant(
                key=f"p{i + 1}",
                name=f"participant {i + 1}",
                forbidden_slots=frozenset(forbidden[i]),
            )
            for i in range(participants)
        ),
        meetings=tuple(
            Meeting(key=f"m{index + 1}", participants=(f"p{a + 1}", f"p{b + 1}"))
            for index, (a, b) in enumerate(sorted(pairs))
        ),
    )
