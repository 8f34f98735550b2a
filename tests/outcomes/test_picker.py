"""Organisation pickers: a search box served by the directory's search, never a list of all."""

from __future__ import annotations

import pytest

from jumelage.accounts.models import Role
from jumelage.outcomes.models import Action, FollowUpEntry
from tests.factories import OrganisationFactory, UserFactory, give_role


@pytest.fixture
def logged_in(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def many(programme):
    """Forty more organisations of the programme, none of which a new action names."""
    return [
        OrganisationFactory(name=f"Filler {i:02d} SARL", programme=programme) for i in range(40)
    ]


def test_the_action_form_lists_no_organisation_until_one_is_searched(logged_in, plan, orgs, many):
    response = logged_in.get(f"/en/plans/{plan.pk}/actions/new/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="partners_q"' in page and 'name="participants_q"' in page
    assert 'name="partners" value=' not in page
    assert "Filler 00 SARL" not in page and orgs["A"].name not in page


def test_the_search_finds_names_in_any_script_and_leaves_out_those_chosen(logged_in, plan, orgs):
    url = f"/en/plans/{plan.pk}/organisations/programme/"
    response = logged_in.get(url, {"field": "partners", "multiple": "1", "partners_q": "Tomsk"})
    page = response.content.decode()
    assert response.status_code == 200
    assert [orgs["D"].name in page, orgs["E"].name in page, orgs["A"].name in page] == [
        True,
        True,
        False,
    ]
    assert page.count('type="checkbox" name="partners"') == 2
    assert "2 organisations found" in page
    chosen = logged_in.get(
        url,
        {"field": "partners", "multiple": "1", "partners_q": "Tomsk", "partners": orgs["D"].pk},
    ).content.decode()
    assert orgs["D"].name not in chosen and orgs["E"].name in chosen
    nothing = logged_in.get(url, {"field": "partners", "multiple": "1", "partners_q": "zzz"})
    assert "No organisation matches these words." in nothing.content.decode()


def test_the_search_keeps_to_the_programme_and_to_people_who_may_use_the_plan(
    client, plan, orgs, programme
):
    from jumelage.accounts.models import Programme

    elsewhere = Programme.objects.create(name="Elsewhere", slug="elsewhere")
    OrganisationFactory(name="Tomsk Elsewhere", programme=elsewhere)
    client.force_login(UserFactory(username="stranger"))
    url = f"/en/plans/{plan.pk}/organisations/programme/"
    query = {"field": "partners", "multiple": "1", "partners_q": "Tomsk"}
    assert client.get(url, query).status_code == 403
    manager = UserFactory(username="other-manager")
    give_role(manager, Role.Kind.PROGRAMME_MANAGER, programme=programme)
    client.force_login(manager)
    page = client.get(url, query).content.decode()
    assert "Tomsk Elsewhere" not in page and orgs["D"].name in page
    everywhere = client.get(f"/en/plans/{plan.pk}/organisations/all/", query).content.decode()
    assert "Tomsk Elsewhere" in everywhere


def test_without_javascript_search_is_a_round_trip_that_saves_nothing(logged_in, plan, orgs):
    form = {
        "kind": Action.Kind.MISSION,
        "title": "Mission to Siberia",
        "start_date": "2027-04-01",
        "budget_currency": "EUR",
        "partners_q": "Томск",
        "_pick": "partners",
    }
    response = logged_in.post(f"/en/plans/{plan.pk}/actions/new/", form)
    page = response.content.decode()
    assert response.status_code == 200
    assert not Action.objects.filter(title="Mission to Siberia").exists()
    assert 'value="Mission to Siberia"' in page  # what was typed comes back
    assert f'name="partners" value="{orgs["D"].pk}"' in page
    assert 'role="alert"' not in page  # no errors shown for a search
    # Tick one of the organisations found, then save.
    del form["_pick"]
    form["partners"] = [orgs["D"].pk]
    response = logged_in.post(f"/en/plans/{plan.pk}/actions/new/", form)
    assert response.status_code == 302
    action = Action.objects.get(title="Mission to Siberia")
    assert list(action.partners.all()) == [orgs["D"]]
    # Editing shows the chosen partner, ticked, and nothing else.
    page = logged_in.get(f"/en/plans/{plan.pk}/actions/{action.pk}/").content.decode()
    assert f'name="partners" value="{orgs["D"].pk}" checked' in page
    assert orgs["E"].name not in page


def test_the_follow_up_log_picks_its_prospective_partner_by_search(logged_in, plan, records, orgs):
    accompaniment = plan.accompaniments.get(organisation=orgs["B"])
    url = f"/en/plans/{plan.pk}/accompanied/{accompaniment.pk}/"
    form = {"kind": "call", "date": "2027-02-01", "note": "Called.", "counterpart_q": "Sibir"}
    page = logged_in.post(url, {**form, "_pick": "counterpart"}).content.decode()
    assert f'type="radio" name="counterpart" value="{orgs["C"].pk}"' in page
    response = logged_in.post(url, {**form, "counterpart": orgs["C"].pk})
    assert response.status_code == 302
    entry = FollowUpEntry.objects.get(note="Called.")
    assert entry.counterpart == orgs["C"]


def test_a_plan_with_many_accompanied_organisations_searches_the_declaring_one(
    logged_in, plan, records, orgs, many, manager
):
    from datetime import date

    from jumelage.outcomes import services

    for organisation in many:
        services.accompany(
            actor=manager, plan=plan, organisation=organisation, since=date(2026, 3, 1)
        )
    page = logged_in.get(f"/en/plans/{plan.pk}/outcomes/new/").content.decode()
    assert 'name="organisation_q"' in page and "Filler 00 SARL" not in page
    found = logged_in.get(
        f"/en/plans/{plan.pk}/organisations/accompanied/",
        {"field": "organisation", "multiple": "0", "organisation_q": "Filler 07"},
    ).content.decode()
    assert f'type="radio" name="organisation" value="{many[7].pk}"' in found
    assert (
        orgs["C"].name
        not in logged_in.get(
            f"/en/plans/{plan.pk}/organisations/accompanied/",
            {"field": "organisation", "multiple": "0", "organisation_q": "Sibir"},
        ).content.decode()
    )  # C is not accompanied
