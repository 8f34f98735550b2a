"""Figures for a past period are reproducible: records are versioned, reports name a version."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from django.db import transaction

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


WHOLE_PLAN = {"date_from": date(2026, 1, 1), "date_to": date(2028, 12, 31)}


def test_a_past_report_keeps_its_meetings_requests_and_interests(plan, records, orgs, event):
    """Meetings, requests and interests belong to other apps; a report as of its version still
    counts them as they were, after a meeting is moved out of the period or deleted, a request
    withdrawn and an interest added."""
    from jumelage.events.models import Meeting, MeetingRequest
    from jumelage.opportunities.models import CooperationProfile, ExpressionOfInterest

    report = plan_figures(plan=plan, **WHOLE_PLAN)
    assert (report.funnel["meetings_held"], report.funnel["meetings_requested"]) == (2, 5)
    assert (report.funnel["eois"], report.funnel["contacts"]) == (2, 5)
    assert report.by_action[str(records["contract"].actions.first().pk)]["meetings_held"] == 2

    held = list(Meeting.objects.filter(event=event, attendance=Meeting.Attendance.HELD))
    held[0].delete()
    held[1].attendance = Meeting.Attendance.NO_SHOW
    held[1].save()
    MeetingRequest.objects.filter(event=event, status="pending").delete()
    ExpressionOfInterest.objects.create(
        profile=CooperationProfile.objects.get(organisation=orgs["D"]),
        organisation=orgs["A"],
        message="m",
    )

    now = plan_figures(plan=plan, **WHOLE_PLAN)
    assert (now.funnel["meetings_held"], now.funnel["meetings_requested"]) == (0, 4)
    assert (now.funnel["eois"], now.funnel["contacts"]) == (3, 5)
    assert now.data_version > report.data_version

    again = plan_figures(plan=plan, **WHOLE_PLAN, as_of=report.data_version)
    assert again.funnel == report.funnel
    assert again.by_action == report.by_action
    assert again.objectives == report.objectives
    assert again.data_version == report.data_version


def test_a_report_as_of_a_version_is_computed_from_the_records_not_a_stored_copy(
    plan, records, event
):
    """Dropping every stored figure and recomputing as of the version gives the same numbers."""
    from jumelage.events.models import Meeting
    from jumelage.outcomes.models import FiguresSnapshot

    report = plan_figures(plan=plan, **WHOLE_PLAN)
    Meeting.objects.filter(event=event).delete()
    services.delete_outcome(actor=records["contract"].declared_by, outcome=records["contract"])
    FiguresSnapshot.objects.all().delete()
    again = plan_figures(plan=plan, **WHOLE_PLAN, as_of=report.data_version)
    assert again.funnel == report.funnel
    assert again.by_region == report.by_region
    now = plan_figures(plan=plan, **WHOLE_PLAN)
    assert (now.funnel["meetings_held"], now.funnel["contracts"]) == (0, 0)


def test_figures_are_stored_once_per_data_version_for_every_process(plan, records):
    from jumelage.outcomes.models import FiguresSnapshot

    first = plan_figures(plan=plan)
    stored = FiguresSnapshot.objects.get(plan=plan, kind="figures")
    assert stored.data_version == first.data_version
    assert stored.payload["funnel"] == first.funnel
    # Another process reads the stored figures: the same numbers, nothing recomputed.
    second = plan_figures(plan=plan)
    assert second.funnel == first.funnel and second.objectives == first.objectives
    assert second.by_month == first.by_month and second.amounts == first.amounts
    assert FiguresSnapshot.objects.filter(plan=plan, kind="figures").count() == 1


def test_a_check_in_refreshes_the_stored_figures_in_the_background(
    plan, records, event, django_capture_on_commit_callbacks
):
    from jumelage.events import services as event_services
    from jumelage.events.models import Meeting
    from jumelage.events.rules import SYSTEM
    from jumelage.outcomes.models import FiguresSnapshot

    before = plan_figures(plan=plan)
    no_show = Meeting.objects.get(event=event, attendance=Meeting.Attendance.NO_SHOW)
    # The fixtures' transaction never commits in a test: collect changes afresh, as the next
    # transaction of a running site would.
    transaction.get_connection()._jumelage_outcomes_pending = None
    with django_capture_on_commit_callbacks(execute=True):
        event_services.check_in(actor=SYSTEM, meeting=no_show, attendance="held")
    version = data_version(plan)
    assert version > before.data_version
    # The task (run at once by the immediate backend) stored the dashboard in every language.
    stored = FiguresSnapshot.objects.filter(plan=plan, kind="figures", data_version=version)
    assert stored.count() == 3
    assert {s.payload["funnel"]["meetings_held"] for s in stored} == {3}


def test_the_dashboard_and_its_downloads_show_a_past_data_version(
    client, manager, plan, records, event
):
    import csv
    import io

    from jumelage.events.models import Meeting

    report = plan_figures(plan=plan)
    Meeting.objects.filter(event=event).delete()
    client.force_login(manager)

    def funnel(query: str) -> dict[str, str]:
        response = client.get(f"/en/plans/{plan.pk}/dashboard/funnel.csv?{query}")
        return dict(list(csv.reader(io.StringIO(response.content.decode())))[1:])

    assert funnel("")["Meetings held"] == "0"
    assert funnel(f"as_of={report.data_version}")["Meetings held"] == "2"
    page = client.get(f"/en/plans/{plan.pk}/dashboard/?as_of={report.data_version}")
    assert f"data version {report.data_version}" in page.content.decode()
    json_report = client.get(f"/en/plans/{plan.pk}/report.json?as_of={report.data_version}")
    assert json.loads(json_report.content)["funnel"] == report.funnel
