"""Drafts and private profiles never reach outsiders: pages, search, API, alerts."""

import pytest
from django.contrib.auth.models import AnonymousUser

from jumelage.opportunities import rules, selectors
from jumelage.opportunities.models import CooperationProfile

Status = CooperationProfile.Status


@pytest.fixture
def every_state(draft, private_profile, published, member_company):
    from tests.opportunities.conftest import make_profile

    submitted = make_profile(
        member_company, status=Status.SUBMITTED, title="Submitted quasicrystals"
    )
    return {
        "draft": draft,
        "private": private_profile,
        "submitted": submitted,
        "published": published,
    }


@pytest.mark.parametrize("who", [None, "outsider_user"])
def test_outsiders_see_only_the_public_published_profile(request, client, every_state, who):
    if who:
        client.force_login(request.getfixturevalue(who))
    user = request.getfixturevalue(who) if who else AnonymousUser()
    visible = set(rules.visible_profiles(user).values_list("pk", flat=True))
    assert visible == {every_state["published"].pk}
    listing = client.get("/en/profiles/").content.decode()
    assert "Adaptive optics for ground telescopes" in listing
    for name in ("draft", "private", "submitted"):
        profile = every_state[name]
        assert profile.title not in listing
        assert client.get(f"/en/profiles/{profile.pk}/").status_code == 404
    found = client.get("/en/profiles/?q=quasicrystals").content.decode()
    assert "Secret draft about quasicrystals" not in found
    assert "Submitted quasicrystals" not in found
    assert "0 profiles found" in found


def test_owner_and_colleague_see_all_their_profiles_and_the_reviewer_not_the_drafts(
    every_state, member_user, colleague, ecosystem_manager
):
    everything = {p.pk for p in every_state.values()}
    assert set(rules.visible_profiles(member_user).values_list("pk", flat=True)) == everything
    assert set(rules.visible_profiles(colleague).values_list("pk", flat=True)) == everything
    # The cluster's manager writes for its members too, so sees their drafts as an owner.
    assert set(rules.visible_profiles(ecosystem_manager).values_list("pk", flat=True)) == everything


def test_programme_manager_sees_the_submitted_profiles_of_the_programme(
    every_state, programme_manager
):
    visible = set(rules.visible_profiles(programme_manager).values_list("pk", flat=True))
    # A programme manager edits every organisation of the programme, drafts included.
    assert every_state["submitted"].pk in visible


def test_public_view_hides_the_organisation_and_its_contacts(
    client, published, member_user, contact_person
):
    page = client.get(f"/en/profiles/{published.pk}/").content.decode()
    assert "Adaptive optics for ground telescopes" in page
    assert "Optique Azur" not in page
    # The country by its name in the reader's language, not its code.
    assert "a company in France" in page
    assert contact_person.email not in page and member_user.email not in page
    assert "France" in client.get(f"/fr/profiles/{published.pk}/").content.decode()
    assert "Франция" in client.get(f"/ru/profiles/{published.pk}/").content.decode()
    client.force_login(member_user)
    assert "Optique Azur SAS" in client.get(f"/en/profiles/{published.pk}/").content.decode()


def test_concept_search_crosses_languages(client, member_company):
    from tests.opportunities.conftest import make_profile

    make_profile(
        member_company,
        status=Status.PUBLISHED,
        title="Фотоника для медицины",
        summary="Предлагаем волоконный лазер",
        description="Фотоника и волоконный лазер для хирургии.",
        language="ru",
    )
    found = selectors.public_profiles(selectors.ProfileFilters(q="laser à fibre"))
    assert [p.title for p in found] == ["Фотоника для медицины"]
