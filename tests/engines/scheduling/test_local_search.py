from jumelage.engines.scheduling.compiled import compile_problem
from jumelage.engines.scheduling.greedy import SlotState, improve_locally

from .helpers import make_problem


def test_swapping_two_meetings_of_one_person_closes_a_gap_no_single_move_can():
    # B waits between m1 (slot 0) and m3 (slot 2); m1 cannot move to slot 1 because A is
    # busy there with m2, and m3 cannot move because D is busy in slot 1. Exchanging the
    # slots of A's two meetings leaves A's day as it was and closes B's gap.
    problem = make_problem([("A", "B"), ("A", "C"), ("B", "D"), ("D", "F")], slots=3)
    compiled = compile_problem(problem)
    state = SlotState(compiled)
    for meeting, slot in enumerate([0, 1, 2, 1]):
        state.place(meeting, slot)

    moves = improve_locally(state, seconds=5)

    assert moves == 1
    assert state.slot_of == [1, 0, 2, 1]
