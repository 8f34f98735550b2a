"""The funnel, breakdowns and objectives computed from the hand-made records."""

from __future__ import annotations

from datetime import date

from jumelage.outcomes.selectors import plan_figures

EXPECTED_FUNNEL = {
    "contacts": 5,
    "eois": 2,
    "meetings_requested": 5,
    "meetings_held": 2,
    "agreements": 2,
    "contracts": 1,
    "projects": 1,
    "smes_created": 1,
    "jobs_created": 7,
}


def test_funnel_counts_each_stage_from_the_records(plan, records):
    figures = plan_figures(plan=plan, date_from=date(2026, 1, 1), date_to=date(2028, 12, 31))
    assert figures.funnel == EXPECTED_FUNNEL


def test_funnel_period_keeps_only_records_dated_in_it(plan, records):
    figures = plan_figures(plan=plan, date_from=date(2027, 1, 1), date_to=date(2027, 3, 31))
    assert figures.funnel == {
        "contacts": 0,
        "eois": 0,
        "meetings_requested": 0,
        "meetings_held": 0,
        "agreements": 1,
        "contracts": 1,
        "projects": 0,
        "smes_created": 0,
        "jobs_created": 0,
    }


def test_sector_filter_keeps_interactions_where_either_side_matches(plan, records, sectors):
    figures = plan_figures(plan=plan, sector=sectors["photonics"])
    # Pairs with a photonics side: A–D, B–C, B–D, A–E; interests: B→C; requests: D→A, C→B, D→B.
    assert figures.funnel["contacts"] == 4
    assert figures.funnel["eois"] == 1
    assert figures.funnel["meetings_requested"] == 3
    assert figures.funnel["meetings_held"] == 1
    # Outcomes by their own sector: B's project, licence and jobs.
    assert (
        figures.funnel["agreements"],
        figures.funnel["projects"],
        figures.funnel["jobs_created"],
    ) == (1, 1, 3)


def test_breakdowns_count_each_outcome_once(plan, records, regions):
    figures = plan_figures(plan=plan)
    assert figures.by_sector["aerospace"]["outcomes"] == 4
    assert figures.by_sector["photonics"]["outcomes"] == 3
    assert figures.by_region["FRL0"]["outcomes"] == 7
    assert sum(row["outcomes"] for row in figures.by_action.values()) == 7
    assert figures.amounts == {"EUR": 150000}


def test_objectives_compare_targets_with_actuals(plan, records):
    figures = plan_figures(plan=plan)
    assert [(o["target"], o["actual"]) for o in figures.objectives] == [
        (4, 2),  # agreements
        (20, 7),  # jobs in Provence
        (10, 2),  # meetings held
        (5, 1),  # photonics organisations accompanied
    ]
    names = [o["name"] for o in figures.objectives]
    assert names[1] == "jobs created or kept — Provence-Alpes-Côte d'Azur"


def test_cached_figures_follow_a_check_in_made_in_the_events_app(plan, records, event):
    from jumelage.events import services as event_services
    from jumelage.events.models import Meeting
    from jumelage.events.rules import SYSTEM

    assert plan_figures(plan=plan).funnel["meetings_held"] == 2
    no_show = Meeting.objects.get(event=event, attendance=Meeting.Attendance.NO_SHOW)
    event_services.check_in(actor=SYSTEM, meeting=no_show, attendance=Meeting.Attendance.HELD)
    assert plan_figures(plan=plan).funnel["meetings_held"] == 3


def test_cached_figures_follow_a_rescheduled_event(plan, records, event):
    from jumelage.events.models import Event, Meeting

    assert plan_figures(plan=plan, date_to=date(2026, 11, 30)).funnel["meetings_held"] == 0
    # A schedule moves meetings in bulk without touching them one by one; the event says so.
    Meeting.objects.filter(event=event).update(slot=None)
    Event.objects.filter(pk=event.pk).update(
        start_date=date(2026, 11, 2),
        end_date=date(2026, 11, 2),
        schedule_version=event.schedule_version + 1,
    )
    assert plan_figures(plan=plan, date_to=date(2026, 11, 30)).funnel["meetings_held"] == 2
