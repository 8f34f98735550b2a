"""The plans API: the report is the dashboard's selector; the rules are the pages' rules."""

from __future__ import annotations

import pytest
from django.test import override_settings

from jumelage.accounts.models import ApiToken, Role
from jumelage.outcomes.api import router
from jumelage.outcomes.models import Outcome
from jumelage.outcomes.selectors import plan_figures
from tests.factories import UserFactory, give_role


def _mounted() -> bool:
    import jumelage.api.urls  # noqa: F401 - mounting happens on import

    return getattr(router, "api", None) is not None


@pytest.fixture(autouse=True)
def api_urls():
    """Until the plans router is mounted in the site's API, mount it in a test API."""
    if _mounted():
        yield
        return
    with override_settings(ROOT_URLCONF="tests.outcomes.api_urls"):
        yield


def _auth(user) -> dict[str, str]:
    _token, key = ApiToken.issue(user=user, name="test")
    return {"Authorization": f"Bearer {key}"}


def test_the_report_endpoint_returns_the_selectors_figures(client, plan, records, manager):
    response = client.get(
        f"/api/v1/plans/{plan.pk}/report?date_from=2027-01-01&date_to=2027-12-31",
        headers=_auth(manager),
    )
    assert response.status_code == 200
    from datetime import date

    expected = plan_figures(
        plan=plan, date_from=date(2027, 1, 1), date_to=date(2027, 12, 31)
    ).as_json()
    assert response.json() == expected


def test_a_manager_lists_plans_and_actions(client, plan, records, manager, actions):
    headers = _auth(manager)
    assert [p["name"] for p in client.get("/api/v1/plans", headers=headers).json()] == [plan.name]
    titles = [
        a["title"] for a in client.get(f"/api/v1/plans/{plan.pk}/actions", headers=headers).json()
    ]
    assert titles == ["Mission to Tomsk", "PACA B2B day"]


def test_a_member_reads_and_declares_their_own_outcomes_only(client, plan, records, orgs):
    member = UserFactory(username="azur-api")
    give_role(member, Role.Kind.MEMBER, organisation=orgs["A"])
    headers = _auth(member)
    listed = client.get(f"/api/v1/plans/{plan.pk}/outcomes", headers=headers).json()
    assert {o["organisation"] for o in listed} == {orgs["A"].pk}
    assert client.get(f"/api/v1/plans/{plan.pk}/report", headers=headers).status_code == 403
    created = client.post(
        f"/api/v1/plans/{plan.pk}/outcomes",
        {
            "kind": "jobs",
            "title": "Two hires",
            "date": "2027-11-01",
            "organisation": orgs["A"].pk,
            "count": 2,
            "confidence": "evidenced",
        },
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201
    assert created.json()["confidence"] == "declared"
    count = Outcome.objects.count()
    refused = client.post(
        f"/api/v1/plans/{plan.pk}/outcomes",
        {
            "kind": "jobs",
            "title": "Not mine",
            "date": "2027-11-01",
            "organisation": orgs["B"].pk,
            "count": 2,
        },
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 403
    assert Outcome.objects.count() == count
