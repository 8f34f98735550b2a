"""Managers see their programme's plans only; members their own outcomes; outsiders nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils.html import escape

from jumelage.accounts.models import Role
from jumelage.outcomes.models import Outcome, Plan
from jumelage.outcomes.rules import managed_plans, visible_outcomes
from tests.factories import ProgrammeFactory, UserFactory, give_role


@pytest.fixture
def other_manager(db):
    user = UserFactory(username="elsewhere")
    give_role(
        user,
        Role.Kind.PROGRAMME_MANAGER,
        programme=ProgrammeFactory(slug="occitanie", name="Occitanie"),
    )
    return user


@pytest.fixture
def member_of_a(orgs):
    user = UserFactory(username="azur")
    give_role(user, Role.Kind.MEMBER, organisation=orgs["A"])
    return user


@pytest.fixture
def member_of_x(orgs):
    user = UserFactory(username="xlabs")
    give_role(user, Role.Kind.MEMBER, organisation=orgs["X"])
    return user


def test_a_manager_sees_the_plans_of_their_programme(client, plan, records, manager):
    client.force_login(manager)
    assert list(managed_plans(manager)) == [plan]
    response = client.get(f"/en/plans/{plan.pk}/dashboard/")
    assert response.status_code == 200
    assert escape(plan.name) in response.content.decode()


def test_a_manager_of_another_programme_sees_none_of_it(client, plan, records, other_manager):
    client.force_login(other_manager)
    assert list(managed_plans(other_manager)) == []
    assert list(visible_outcomes(other_manager)) == []
    assert escape(plan.name) not in client.get("/en/plans/").content.decode()
    for url in ("", "dashboard/", "network/", "report.pdf", "dashboard/funnel.csv"):
        assert client.get(f"/en/plans/{plan.pk}/{url}").status_code == 403


def test_a_member_sees_only_their_organisations_outcomes(client, plan, records, member_of_a, orgs):
    seen = set(visible_outcomes(member_of_a).values_list("title", flat=True))
    assert seen == {
        "Avionics agreement",
        "Sensor contract",
        "Jobs at Azur",
        "Azur Tomsk LLC",
        "Old contract",
    }
    client.force_login(member_of_a)
    page = client.get("/en/plans/").content.decode()
    assert "Sensor contract" in page and "Joint optics project" not in page
    assert client.get(f"/en/plans/{plan.pk}/dashboard/").status_code == 403


def test_a_member_declares_an_outcome_for_their_own_organisation_only_as_declared(
    client, plan, records, member_of_a, orgs
):
    client.force_login(member_of_a)
    response = client.post(
        f"/en/plans/{plan.pk}/outcomes/new/",
        {
            "kind": "contract",
            "title": "Maintenance contract",
            "date": "2027-10-01",
            "organisation": orgs["A"].pk,
            "currency": "EUR",
            "amount": "12000",
            "count": "1",
            "confidence": "evidenced",
        },
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get(title="Maintenance contract")
    assert (outcome.organisation, outcome.confidence, outcome.declared_by) == (
        orgs["A"],
        Outcome.Confidence.DECLARED,
        member_of_a,
    )


def test_a_member_cannot_declare_for_another_organisation(client, plan, records, member_of_a, orgs):
    client.force_login(member_of_a)
    count = Outcome.objects.count()
    response = client.post(
        f"/en/plans/{plan.pk}/outcomes/new/",
        {
            "kind": "agreement",
            "title": "Not mine",
            "date": "2027-10-01",
            "organisation": orgs["B"].pk,
            "currency": "EUR",
            "count": "1",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Outcome.objects.count() == count


def test_an_outsider_is_refused_and_nothing_is_written(client, plan, records, member_of_x, orgs):
    client.force_login(member_of_x)
    plans, outcomes = Plan.objects.count(), Outcome.objects.count()
    assert client.get(f"/en/plans/{plan.pk}/").status_code == 403
    assert client.get(f"/en/plans/{plan.pk}/outcomes/new/").status_code == 403
    response = client.post(
        f"/en/plans/{plan.pk}/outcomes/new/",
        {
            "kind": "agreement",
            "title": "Sneaky",
            "date": "2027-10-01",
            "organisation": orgs["X"].pk,
            "currency": "EUR",
            "count": "1",
        },
    )
    assert response.status_code == 403
    response = client.post(
        "/en/plans/new/",
        {
            "programme": plan.programme_id,
            "name": "Mine",
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
        },
    )
    assert response.status_code == 403
    assert (
        client.post(f"/en/plans/{plan.pk}/outcomes/{records['contract'].pk}/delete/").status_code
        == 403
    )
    assert (Plan.objects.count(), Outcome.objects.count()) == (plans, outcomes)
    assert list(visible_outcomes(member_of_x)) == []


def test_an_anonymous_visitor_is_sent_to_log_in(client, plan):
    response = client.get(f"/en/plans/{plan.pk}/dashboard/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_manager_creates_a_plan_for_their_programme(client, manager, programme):
    client.force_login(manager)
    response = client.post(
        "/fr/plans/new/",
        {
            "programme": programme.pk,
            "name": "Plan 2029",
            "start_date": "2029-01-01",
            "end_date": "2029-12-31",
        },
    )
    plan = Plan.objects.get(name="Plan 2029")
    assert response.status_code == 302 and response["Location"] == f"/fr/plans/{plan.pk}/"
    assert plan.start_date == date(2029, 1, 1) and plan.created_by == manager
