"""A small plan with hand-made records whose figures are known exactly.

Four organisations: A and B in Provence (accompanied), C and D in Tomsk, E in Tomsk known
only from the follow-up log. At the B2B day: C→A and D→A held, C→B a no-show, D→B declined,
A→C still pending. Interests: A and B in C's profile; X in D's profile (neither accompanied).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from jumelage.accounts.models import Role
from jumelage.directory.models import Region, Sector
from jumelage.events.models import Meeting, MeetingRequest, Participant, Side
from jumelage.opportunities.models import CooperationProfile, ExpressionOfInterest
from jumelage.outcomes import services
from jumelage.outcomes.models import Action, FollowUpEntry, Metric, Outcome, Plan
from tests.events.conftest import make_event
from tests.factories import OrganisationFactory, PersonFactory, UserFactory, give_role

PLAN_NAME = "Plan régional d'internationalisation 2026–2028"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Row ids repeat between tests after a rollback, so cached figures must not outlive one."""
    cache.clear()
    yield
    cache.clear()


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=10))


@pytest.fixture
def sectors(db):
    return {
        "aerospace": Sector.objects.get_or_create(code="aerospace", defaults={"position": 1})[0],
        "photonics": Sector.objects.get_or_create(code="photonics", defaults={"position": 2})[0],
    }


@pytest.fixture
def regions(db):
    paca = Region.objects.get_or_create(
        code="FRL0", defaults={"country": "FR", "names": {"en": "Provence-Alpes-Côte d'Azur"}}
    )[0]
    tomsk = Region.objects.get_or_create(
        code="RU-TOM",
        defaults={"country": "RU", "names": {"en": "Tomsk Oblast", "ru": "Томская область"}},
    )[0]
    return {"paca": paca, "tomsk": tomsk}


@pytest.fixture
def orgs(programme, sectors, regions):
    made = {}
    for key, name, country, region, sector in (
        ("A", "Azur Avionique", "FR", "paca", "aerospace"),
        ("B", "Bleu Photonique", "FR", "paca", "photonics"),
        ("C", "Сибирская авионика", "RU", "tomsk", "aerospace"),
        ("D", "Томская оптика", "RU", "tomsk", "photonics"),
        ("E", "Томский технопарк", "RU", "tomsk", "photonics"),
        ("X", "Outsider Labs", "FR", "paca", "photonics"),
    ):
        organisation = OrganisationFactory(
            name=name, country=country, region=regions[region], programme=programme
        )
        organisation.sectors.add(sectors[sector])
        made[key] = organisation
    return made


@pytest.fixture
def manager(programme):
    user = UserFactory(username="planner", first_name="Paula", last_name="Planner")
    give_role(user, Role.Kind.PROGRAMME_MANAGER, programme=programme)
    return user


@pytest.fixture
def plan(programme, manager):
    plan = Plan(
        programme=programme,
        name=PLAN_NAME,
        start_date=date(2026, 1, 1),
        end_date=date(2028, 12, 31),
    )
    return services.save_plan(actor=manager, plan=plan)


@pytest.fixture
def event(programme):
    return make_event(programme, slots=4, tables=3)


@pytest.fixture
def actions(plan, manager, event):
    mission = services.save_action(
        actor=manager,
        action=Action(
            plan=plan,
            kind=Action.Kind.MISSION,
            title="Mission to Tomsk",
            start_date=date(2026, 6, 1),
            place="Tomsk",
            budget_amount=Decimal("42000"),
            budget_currency="EUR",
        ),
    )
    b2b = services.save_action(
        actor=manager,
        action=Action(
            plan=plan,
            kind=Action.Kind.B2B_EVENT,
            title="PACA B2B day",
            start_date=event.start_date,
            event=event,
            place=event.place,
        ),
    )
    return {"mission": mission, "b2b": b2b}


def _participant(event, organisation, side) -> Participant:
    person = PersonFactory(organisation=organisation, consent_at=date(2026, 1, 5))
    return Participant.objects.create(
        event=event, person=person, side=side, status=Participant.Status.APPROVED
    )


@pytest.fixture
def records(plan, manager, orgs, event, actions):
    """The hand-made interactions and outcomes; returns the outcomes by name."""
    A, B, C, D, E, X = (orgs[k] for k in "ABCDEX")
    pa, pb = _participant(event, A, Side.HOST), _participant(event, B, Side.HOST)
    pc, pd = _participant(event, C, Side.VISITING), _participant(event, D, Side.VISITING)
    slots = list(event.sessions.first().slots.order_by("index"))
    sent = date(2026, 11, 20)

    def request(frm, to, status):
        created = MeetingRequest.objects.create(
            event=event,
            requester=frm,
            recipient=to,
            status=status,
            expires_at=_at(sent) + timedelta(days=30),
        )
        MeetingRequest.objects.filter(pk=created.pk).update(created_at=_at(sent))
        return created

    for frm, to, status, slot, attendance in (
        (pc, pa, "accepted", 0, Meeting.Attendance.HELD),
        (pd, pa, "accepted", 1, Meeting.Attendance.HELD),
        (pc, pb, "accepted", 2, Meeting.Attendance.NO_SHOW),
        (pd, pb, "declined", None, None),
        (pa, pc, "pending", None, None),
    ):
        made = request(frm, to, status)
        if slot is not None:
            Meeting.objects.create(
                event=event,
                request=made,
                first=frm,
                second=to,
                slot=slots[slot],
                attendance=attendance,
            )

    profile_c = CooperationProfile.objects.create(
        organisation=C, type="technology_offer", title="Avionics", summary="s", partnership_types=[]
    )
    profile_d = CooperationProfile.objects.create(
        organisation=D, type="technology_offer", title="Optics", summary="s", partnership_types=[]
    )
    for organisation, profile in ((A, profile_c), (B, profile_c), (X, profile_d)):
        interest = ExpressionOfInterest.objects.create(
            profile=profile, organisation=organisation, message="m"
        )
        ExpressionOfInterest.objects.filter(pk=interest.pk).update(
            created_at=_at(date(2026, 10, 1))
        )

    acc_a = services.accompany(
        actor=manager,
        plan=plan,
        organisation=A,
        since=date(2026, 2, 1),
        adviser=manager,
        actions=[actions["mission"]],
    )
    services.accompany(
        actor=manager, plan=plan, organisation=B, since=date(2026, 3, 1), adviser=manager
    )
    services.add_follow_up(
        actor=manager,
        accompaniment=acc_a,
        kind=FollowUpEntry.Kind.CALL,
        day=date(2026, 9, 1),
        note="Spoke of Tomsk.",
        counterpart=E,
    )
    services.add_follow_up(
        actor=manager,
        accompaniment=acc_a,
        kind=FollowUpEntry.Kind.VISIT,
        day=date(2026, 9, 15),
        note="Visit.",
    )

    def outcome(title, kind, organisation, day, claimed, partners=(), **fields):
        return services.record_outcome(
            actor=manager,
            outcome=Outcome(
                plan=plan, title=title, kind=kind, organisation=organisation, date=day, **fields
            ),
            actions=claimed,
            partners=partners,
        )

    made = {
        "agreement": outcome(
            "Avionics agreement",
            Outcome.Kind.AGREEMENT,
            A,
            date(2027, 1, 10),
            [actions["b2b"], actions["mission"]],
            [C],
        ),
        "contract": outcome(
            "Sensor contract",
            Outcome.Kind.CONTRACT,
            A,
            date(2027, 3, 1),
            [actions["b2b"]],
            [D],
            amount=Decimal("150000"),
            currency="EUR",
        ),
        "project": outcome(
            "Joint optics project", Outcome.Kind.PROJECT, B, date(2027, 5, 1), [actions["b2b"]], [D]
        ),
        "licence": outcome("Lens licence", Outcome.Kind.LICENCE, B, date(2027, 6, 1), []),
        "jobs_a": outcome(
            "Jobs at Azur", Outcome.Kind.JOBS, A, date(2027, 7, 1), [actions["b2b"]], count=4
        ),
        "jobs_b": outcome("Jobs at Bleu", Outcome.Kind.JOBS, B, date(2027, 7, 2), [], count=3),
        "sme": outcome(
            "Azur Tomsk LLC",
            Outcome.Kind.SME,
            A,
            date(2027, 8, 1),
            [actions["mission"]],
            [C],
            count=1,
        ),
        "before": outcome(
            "Old contract", Outcome.Kind.CONTRACT, A, date(2025, 12, 1), [], amount=Decimal("1000")
        ),
    }
    services.add_objective(actor=manager, plan=plan, metric=Metric.AGREEMENTS, target=4)
    services.add_objective(actor=manager, plan=plan, metric=Metric.JOBS, target=20, region=A.region)
    services.add_objective(actor=manager, plan=plan, metric=Metric.MEETINGS, target=10)
    services.add_objective(
        actor=manager, plan=plan, metric=Metric.ORGANISATIONS, target=5, sector=B.sectors.first()
    )
    return made
