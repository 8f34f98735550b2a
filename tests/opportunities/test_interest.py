"""Expressions of interest: relayed to the owner, contacts revealed only on acceptance."""

import pytest
from django.core import mail

from jumelage.core.errors import DomainError, PermissionDenied
from jumelage.notifications.models import Notification
from jumelage.opportunities import services
from jumelage.opportunities.models import ExpressionOfInterest


@pytest.fixture
def interest(published, outsider_user, outsider_company, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.express_interest(
            actor=outsider_user,
            profile=published,
            organisation=outsider_company,
            message="We build space telescopes and need your mirrors.",
        )


def test_owner_is_notified_in_the_app_and_by_mail(interest, member_user):
    note = Notification.objects.get(recipient=member_user)
    assert note.kind == "interest_received"
    assert note.text == (
        "Romashka LLC expressed interest in your profile “Adaptive optics for ground telescopes”."
    )
    assert [m.to for m in mail.outbox] == [["member@example.org"]]
    assert f"/en/profiles/interests/{interest.pk}/" in mail.outbox[0].body


def test_contacts_are_hidden_from_both_sides_until_accepted(
    client, interest, member_user, outsider_user
):
    client.force_login(outsider_user)
    page = client.get(f"/en/profiles/interests/{interest.pk}/").content.decode()
    assert "member@example.org" not in page and "Optique Azur" not in page
    client.force_login(member_user)
    page = client.get(f"/en/profiles/interests/{interest.pk}/").content.decode()
    assert "outsider@example.org" not in page
    assert "Romashka LLC" in page and "We build space telescopes" in page


def test_acceptance_reveals_both_contacts_to_both_sides(
    client, interest, member_user, outsider_user, django_capture_on_commit_callbacks
):
    client.force_login(member_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/profiles/interests/{interest.pk}/decide/", {"decision": "accept"}
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["outsider@example.org"]
    assert "was accepted" in mail.outbox[-1].body
    for user in (member_user, outsider_user):
        client.force_login(user)
        page = client.get(f"/en/profiles/interests/{interest.pk}/").content.decode()
        assert "member@example.org" in page and "outsider@example.org" in page
        assert "Optique Azur SAS" in page and "Romashka LLC" in page


def test_declined_interest_reveals_nothing(client, interest, member_user, outsider_user):
    services.decide_interest(actor=member_user, interest=interest, accept=False)
    client.force_login(outsider_user)
    page = client.get(f"/en/profiles/interests/{interest.pk}/").content.decode()
    assert "member@example.org" not in page and "Optique Azur" not in page
    assert Notification.objects.get(recipient=outsider_user).kind == "interest_declined"


def test_only_the_owner_side_answers(interest, outsider_user, ecosystem_manager):
    with pytest.raises(PermissionDenied):
        services.decide_interest(actor=outsider_user, interest=interest, accept=True)
    # The cluster's manager acts for its member.
    services.decide_interest(actor=ecosystem_manager, interest=interest, accept=True)
    assert ExpressionOfInterest.objects.get(pk=interest.pk).status == "accepted"


def test_no_interest_in_your_own_profile_a_draft_or_twice(
    interest, published, draft, member_user, member_company, outsider_user, outsider_company
):
    with pytest.raises(PermissionDenied):
        services.express_interest(
            actor=member_user, profile=published, organisation=member_company, message="hi"
        )
    with pytest.raises(PermissionDenied):
        services.express_interest(
            actor=outsider_user, profile=draft, organisation=outsider_company, message="hi"
        )
    with pytest.raises(DomainError):
        services.express_interest(
            actor=outsider_user, profile=published, organisation=outsider_company, message="again"
        )
    assert ExpressionOfInterest.objects.count() == 1


def test_an_outsider_cannot_read_someone_elses_interest(client, interest, db):
    from jumelage.accounts.models import Role
    from tests.factories import OrganisationFactory, UserFactory, give_role

    stranger = UserFactory(username="stranger")
    give_role(stranger, Role.Kind.MEMBER, organisation=OrganisationFactory(name="Other"))
    client.force_login(stranger)
    assert client.get(f"/en/profiles/interests/{interest.pk}/").status_code == 404
