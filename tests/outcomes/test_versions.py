"""Figures for a past period are reproducible: records are versioned, reports name a version."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from jumelage.outcomes import services
from jumelage.outcomes.models import Outcome, OutcomeVersion
from jumelage.outcomes.selectors import data_version, plan_figures

H1_2027 = {"date_from": date(2027, 1, 1), "date_to": date(2027, 6, 30)}


def test_every_change_raises_the_data_version(plan, records, manager):
    before = data_version(plan)
    outcome = records["contract"]
    outcome.amount = Decimal("175000")
    services.update_outcome(actor=manager, outcome=outcome)
    assert data_version(plan) > before
    versions = OutcomeVersion.objects.filter(outcome_id=outcome.pk).order_by("valid_from")
    assert [(v.amount, v.valid_to is None) for v in versions] == [
        (Decimal("150000.00"), False),
        (Decimal("175000.00"), True),
    ]


def test_records_dated_outside_the_period_leave_its_figures_alone(plan, records, manager):
    before = plan_figures(plan=plan, **H1_2027)
    services.record_outcome(
        actor=manager,
        outcome=Outcome(
            plan=plan,
            kind=Outcome.Kind.CONTRACT,
            title="Later contract",
            organisation=records["contract"].organisation,
            date=date(2028, 2, 1),
        ),
    )
    after = plan_figures(plan=plan, **H1_2027)
    assert after.funnel == before.funnel
    assert after.by_action == before.by_action
    assert after.data_version > before.data_version


def test_a_past_report_recomputed_as_of_its_version_gives_the_same_numbers(plan, records, manager):
    report = plan_figures(plan=plan, **H1_2027)
    assert report.funnel["contracts"] == 1 and report.funnel["projects"] == 1
    contract = records["contract"]
    contract.kind = Outcome.Kind.AGREEMENT
    services.update_outcome(actor=manager, outcome=contract)
    services.delete_outcome(actor=manager, outcome=records["project"])

    now = plan_figures(plan=plan, **H1_2027)
    assert (now.funnel["contracts"], now.funnel["projects"], now.funnel["agreements"]) == (0, 0, 3)

    again = plan_figures(plan=plan, **H1_2027, as_of=report.data_version)
    assert again.funnel == report.funnel
    assert again.by_sector == report.by_sector
    assert again.by_region == report.by_region
    assert again.by_action == report.by_action
    assert again.data_version == report.data_version
