"""A confirmed hit blocks profile publication and expressions of interest; topics are flagged."""

import pytest

from jumelage.compliance import services
from jumelage.compliance.models import DualUseFlag, ScreeningHit
from jumelage.core.errors import DomainError
from jumelage.opportunities import services as opportunities
from jumelage.opportunities.models import CooperationProfile, ExpressionOfInterest
from tests.factories import OrganisationFactory
from tests.opportunities.conftest import make_profile


@pytest.fixture
def listed(sdn_file, officer, programme):
    services.load_list(path=sdn_file, fmt="ofac-sdn-csv")
    organisation = OrganisationFactory(
        name="Moscow Institute of Physics and Technology",
        country="RU",
        kind="university",
        programme=programme,
    )
    services.screen_organisation(organisation=organisation)
    hit = ScreeningHit.objects.get(organisation=organisation)
    services.decide_hit(actor=officer, hit=hit, confirm=True, reason="the listed institute")
    return organisation


def test_expression_of_interest_from_a_listed_organisation_is_blocked(
    listed, member_company, member_user, outsider_user
):
    from jumelage.accounts.models import Role
    from tests.factories import give_role

    profile = make_profile(member_company, status=CooperationProfile.Status.PUBLISHED)
    give_role(outsider_user, Role.Kind.MEMBER, organisation=listed)
    with pytest.raises(DomainError) as error:
        opportunities.express_interest(
            actor=outsider_user,
            profile=profile,
            organisation=listed,
            message="We would like to cooperate.",
        )
    assert "confirmed by a compliance officer" in error.value.message
    assert ExpressionOfInterest.objects.count() == 0


def test_a_listed_organisations_profile_cannot_be_submitted(listed, programme_manager):
    profile = make_profile(listed, status=CooperationProfile.Status.DRAFT)
    with pytest.raises(DomainError):
        opportunities.transition_profile(actor=programme_manager, profile=profile, action="submit")
    profile.refresh_from_db()
    assert profile.status == CooperationProfile.Status.DRAFT


def test_submitting_a_profile_flags_a_dual_use_topic(member_company, member_user):
    profile = make_profile(
        member_company,
        title="Gas turbine engine combustor for aircraft",
        summary="Turbofan hot section",
        description="Combustion chamber tests.",
    )
    opportunities.transition_profile(actor=member_user, profile=profile, action="submit")
    flag = DualUseFlag.objects.get(object_id=str(profile.pk))
    assert flag.status == DualUseFlag.Status.POSSIBLE
    assert flag.categories


def test_meeting_requests_involving_a_listed_organisation_are_blocked(listed, programme):
    from jumelage.events import services as events
    from jumelage.events.models import MeetingRequest, Side
    from tests.events.conftest import SYSTEM, make_event, make_participant

    event = make_event(programme)
    host = make_participant(
        event, username="host", first="Jean", last="Dupont", side=Side.HOST, country="FR"
    )
    visitor = make_participant(
        event,
        username="visitor",
        first="Olga",
        last="Ivanova",
        side=Side.VISITING,
        country="RU",
        organisation=listed,
    )
    with pytest.raises(DomainError) as error:
        events.send_request(
            actor=SYSTEM, requester=host, recipient=visitor, message="Meet at the B2B day?"
        )
    assert listed.name in error.value.message
    assert MeetingRequest.objects.count() == 0


def test_a_meeting_request_message_is_checked_for_dual_use(programme):
    from jumelage.events import services as events
    from jumelage.events.models import Side
    from tests.events.conftest import SYSTEM, make_event, make_participant

    event = make_event(programme)
    host = make_participant(
        event, username="host", first="Jean", last="Dupont", side=Side.HOST, country="FR"
    )
    visitor = make_participant(
        event, username="visitor", first="Olga", last="Ivanova", side=Side.VISITING, country="RU"
    )
    request = events.send_request(
        actor=SYSTEM,
        requester=visitor,
        recipient=host,
        message="Совместная разработка камеры сгорания газотурбинного двигателя",
    )
    flag = DualUseFlag.objects.get(object_type="events.meetingrequest", object_id=str(request.pk))
    assert flag.status == DualUseFlag.Status.POSSIBLE
