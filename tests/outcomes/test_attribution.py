"""Each outcome counts once, for the earliest-dated action that claims it."""

from __future__ import annotations

from datetime import date

from jumelage.outcomes import services
from jumelage.outcomes.models import Outcome
from jumelage.outcomes.selectors import plan_figures


def test_an_outcome_claimed_by_two_actions_counts_once_for_the_earliest(plan, records, actions):
    agreement = records["agreement"]
    assert set(agreement.actions.all()) == {actions["mission"], actions["b2b"]}
    figures = plan_figures(plan=plan, date_from=date(2027, 1, 1), date_to=date(2027, 1, 31))
    mission, b2b = str(actions["mission"].pk), str(actions["b2b"].pk)
    assert figures.funnel["agreements"] == 1
    assert figures.by_action[mission]["agreements"] == 1
    assert figures.by_action[b2b]["agreements"] == 0
    assert sum(row["outcomes"] for row in figures.by_action.values()) == 1


def test_every_outcome_of_the_period_is_in_exactly_one_action_row(plan, records):
    figures = plan_figures(plan=plan)
    outcomes_in_period = Outcome.objects.filter(plan=plan, date__gte=plan.start_date).count()
    assert outcomes_in_period == 7
    assert sum(row["outcomes"] for row in figures.by_action.values()) == 7
    assert figures.by_action["none"]["outcomes"] == 2  # the licence and B's jobs claim no action


def test_moving_an_action_later_moves_its_outcomes_to_the_next_claimant(
    plan, records, actions, manager
):
    mission = actions["mission"]
    mission.start_date = date(2027, 2, 1)
    services.save_action(actor=manager, action=mission)
    figures = plan_figures(plan=plan, date_from=date(2027, 1, 1), date_to=date(2027, 1, 31))
    assert figures.by_action[str(actions["b2b"].pk)]["agreements"] == 1
    assert figures.by_action[str(mission.pk)]["agreements"] == 0
