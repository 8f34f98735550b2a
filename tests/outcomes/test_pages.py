"""The dashboard, its CSV downloads, the network and the follow-up log as a manager sees them."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.utils import timezone

from jumelage.outcomes import services
from jumelage.outcomes.models import FollowUpEntry


@pytest.fixture
def logged_in(client, manager):
    client.force_login(manager)
    return client


@pytest.mark.parametrize("lang", ["fr", "en", "ru"])
def test_the_dashboard_draws_every_chart_with_its_table(logged_in, plan, records, lang):
    page = logged_in.get(f"/{lang}/plans/{plan.pk}/dashboard/").content.decode()
    for chart in ("funnel", "by-month", "by-sector", "by-region", "by-action", "objectives"):
        assert f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="chart-{chart}"' in page
        assert f'aria-labelledby="chart-{chart}-title chart-{chart}-desc"' in page
    for table in ("funnel", "by_month", "by_sector", "by_region", "by_action", "objectives"):
        assert f'id="table-{table}"' in page
    assert 'id="definitions"' in page


def test_the_dashboard_groups_digits_the_way_the_language_does(logged_in, plan, records):
    french = logged_in.get(f"/fr/plans/{plan.pk}/dashboard/").content.decode()
    english = logged_in.get(f"/en/plans/{plan.pk}/dashboard/").content.decode()
    assert "150\u00a0000\u00a0€" in french
    assert "€150,000" in english


@pytest.mark.parametrize(
    ("lang", "start", "end"), [("en", "from", "to"), ("fr", "du", "au"), ("ru", "с", "по")]
)
def test_the_period_filter_is_worded_as_dates(logged_in, plan, records, lang, start, end):
    # "from"/"to" of a meeting request are people ("от кого"/"кому"); here they are dates.
    page = logged_in.get(f"/{lang}/plans/{plan.pk}/dashboard/").content.decode()
    assert f'<label>{start} <input type="date" name="date_from"' in page
    assert f'<label>{end} <input type="date" name="date_to"' in page


def test_a_chart_downloads_as_csv_with_the_filters_applied(logged_in, plan, records, sectors):
    response = logged_in.get(
        f"/en/plans/{plan.pk}/dashboard/funnel.csv?sector={sectors['photonics'].pk}"
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Stage", "Number"]
    assert dict(rows[1:])["Contacts"] == "4"
    assert dict(rows[1:])["Jobs created or kept"] == "3"


def test_the_dashboard_filters_by_period(logged_in, plan, records):
    page = logged_in.get(
        f"/en/plans/{plan.pk}/dashboard/?date_from=2027-01-01&date_to=2027-03-31"
    ).content.decode()
    assert "Contracts: 1" in page and "Meetings held: 0" in page


def test_the_network_groups_organisations_by_region_with_a_table(logged_in, plan, records, regions):
    page = logged_in.get(f"/en/plans/{plan.pk}/network/").content.decode()
    assert 'id="chart-network"' in page
    assert 'id="table-network"' in page
    assert "Provence-Alpes-Côte d&#x27;Azur" in page and "Tomsk Oblast" in page
    rows = list(
        csv.reader(
            io.StringIO(
                logged_in.get(f"/en/plans/{plan.pk}/dashboard/network.csv").content.decode()
            )
        )
    )
    # Held meetings A–C and A–D, and partners of outcomes: A–C (twice), A–D, B–D.
    assert rows == [["From", "To", "Links"], ["Provence-Alpes-Côte d'Azur", "Tomsk Oblast", "6"]]


def test_the_follow_up_log_names_only_people_who_consented(logged_in, plan, records, orgs, manager):
    from tests.factories import PersonFactory

    accompaniment = plan.accompaniments.get(organisation=orgs["A"])
    consenting = PersonFactory(
        organisation=orgs["A"], first_name="Lucie", last_name="Consent", consent_at=date(2026, 1, 2)
    )
    services.add_follow_up(
        actor=manager,
        accompaniment=accompaniment,
        kind=FollowUpEntry.Kind.CALL,
        day=date(2026, 10, 1),
        note="Call.",
        person=consenting,
    )
    erased = PersonFactory(
        organisation=orgs["A"], first_name="Gone", last_name="Away", consent_at=date(2026, 1, 2)
    )
    services.add_follow_up(
        actor=manager,
        accompaniment=accompaniment,
        kind=FollowUpEntry.Kind.CALL,
        day=date(2026, 10, 2),
        note="Call.",
        person=erased,
    )
    erased.first_name, erased.last_name, erased.erased_at = "", "", timezone.now()
    erased.save()
    page = logged_in.get(f"/en/plans/{plan.pk}/accompanied/{accompaniment.pk}/").content.decode()
    assert "Lucie Consent" in page
    assert "(erased person)" in page and "Gone" not in page


def test_a_person_without_consent_cannot_be_named_in_the_log(logged_in, plan, records, orgs):
    from tests.factories import PersonFactory

    accompaniment = plan.accompaniments.get(organisation=orgs["A"])
    silent = PersonFactory(organisation=orgs["A"], first_name="No", last_name="Consent")
    entries = accompaniment.entries.count()
    response = logged_in.post(
        f"/en/plans/{plan.pk}/accompanied/{accompaniment.pk}/",
        {"kind": "call", "date": "2026-10-01", "note": "x", "person": silent.pk},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert accompaniment.entries.count() == entries
