"""Table numbers, given every meeting's slot.

Tables are interchangeable, so any slot with no more meetings than tables can be seated.
Meetings pinned to a table (a locked table, or a host's own table) sit there; the rest
keep their published table when it is free, else follow one of their participants (who
then need not walk), else take the lowest free table, leaving hosts' tables for last.
"""

from __future__ import annotations

from collections import defaultdict

from .compiled import Compiled


def assign_tables(compiled: Compiled, slot_of: list[int | None]) -> list[int | None]:
    """A table for every placed meeting; raises ValueError if a slot is over capacity."""
    table_of: list[int | None] = [None] * compiled.meeting_count
    by_slot: dict[int, list[int]] = defaultdict(list)
    for meeting, slot in enumerate(slot_of):
        if slot is not None:
            by_slot[slot].append(meeting)
    host_tables = {
        participant.host_table
        for participant in compiled.problem.participants
        if participant.host_table is not None
    }
    open_tables = [t for t in range(compiled.tables) if t not in host_tables]
    reserved_tables = sorted(host_tables)
    last_table: dict[int, int] = {}
    for slot in sorted(by_slot):
        meetings = sorted(by_slot[slot])
        if len(meetings) > compiled.tables:
            raise ValueError(
                f"slot {slot} has {len(meetings)} meetings for {compiled.tables} tables"
            )
        taken: set[int] = set()
        waiting: list[int] = []
        for meeting in meetings:
            table = compiled.fixed_table[meeting]
            if table is not None:
                if table in taken:
                    raise ValueError(f"two meetings pinned to table {table} in slot {slot}")
                table_of[meeting] = table
                taken.add(table)
            else:
                waiting.append(meeting)
        still_waiting: list[int] = []
        for meeting in waiting:
            published = compiled.published_table[meeting]
            if published is not None and published not in taken and published < compiled.tables:
                table_of[meeting] = published
                taken.add(published)
            else:
                still_waiting.append(meeting)
        last_waiting: list[int] = []
        for meeting in still_waiting:
            for p in compiled.ends[meeting]:
                table = last_table.get(p)
                if table is not None and table not in taken and table not in host_tables:
                    table_of[meeting] = table
                    taken.add(table)
                    break
            else:
                last_waiting.append(meeting)
        free = (t for t in open_tables + reserved_tables if t not in taken)
        for meeting in last_waiting:
            table = next(free)
            table_of[meeting] = table
            taken.add(table)
        for meeting in meetings:
            table = table_of[meeting]
            assert table is not None
            for p in compiled.ends[meeting]:
                last_table[p] = table
    return table_of
