"""The demo plan: the regional internationalisation plan 2026–2028 of the demo programme.

Six actions (a training, a webinar, a mission to Siberia, the demo B2B day, a trade fair and an
incoming delegation), the French hosts of the B2B day as accompanied organisations with a short
follow-up log, and outcomes that follow from the day's held meetings: agreements, contracts,
joint projects, licences, distribution deals, an SME and jobs, so the funnel reads from contact
to contract. Fictional demo data; loading it twice changes nothing.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from jumelage.accounts.models import Programme, Role
from jumelage.directory.models import Organisation
from jumelage.events import services as event_services
from jumelage.events.models import Event, Meeting
from jumelage.events.rules import SYSTEM
from jumelage.outcomes import services
from jumelage.outcomes.models import Accompaniment, Action, FollowUpEntry, Metric, Outcome, Plan

PLAN_NAME = "Plan régional d'internationalisation 2026–2028"
PROGRAMME_SLUG = "paca-airr"

ACTIONS = [
    # kind, title, start, end, place, budget
    (
        Action.Kind.TRAINING,
        "Formation : conformité export et double usage",
        date(2026, 5, 12),
        None,
        "Marseille, CCI Aix-Marseille-Provence",
        Decimal("6000"),
    ),
    (
        Action.Kind.WEBINAR,
        "Webinaire : coopérer avec les régions innovantes russes",
        date(2026, 6, 18),
        None,
        "En ligne",
        Decimal("2500"),
    ),
    (
        Action.Kind.MISSION,
        "Mission économique à Tomsk et Novossibirsk",
        date(2026, 10, 12),
        date(2026, 10, 16),
        "Tomsk, Novossibirsk",
        Decimal("48000"),
    ),
    (Action.Kind.B2B_EVENT, None, None, None, None, Decimal("65000")),
    (
        Action.Kind.TRADE_FAIR,
        "Pavillon régional à Innoprom 2027",
        date(2027, 7, 8),
        date(2027, 7, 11),
        "Iekaterinbourg",
        Decimal("90000"),
    ),
    (
        Action.Kind.DELEGATION,
        "Accueil d'une délégation du Tatarstan",
        date(2027, 9, 20),
        date(2027, 9, 22),
        "Marseille, Sophia Antipolis",
        Decimal("30000"),
    ),
]


def _demo_event() -> Event:
    from jumelage.events.demo import SLUG, load_demo_event

    return Event.objects.filter(slug=SLUG).first() or load_demo_event()


def _check_in_demo_meetings(event: Event, rng: random.Random) -> None:
    """The B2B day took place: most scheduled meetings held, a few no-shows."""
    unknown = event.meetings.filter(
        attendance=Meeting.Attendance.UNKNOWN, slot__isnull=False
    ).order_by("id")
    for meeting in unknown:
        attendance = Meeting.Attendance.HELD if rng.random() < 0.88 else Meeting.Attendance.NO_SHOW
        event_services.check_in(actor=SYSTEM, meeting=meeting, attendance=attendance)


@transaction.atomic
def load_demo_plan() -> Plan:
    """Create the demo plan on the demo programme; return the existing one when it is there."""
    programme, _created = Programme.objects.get_or_create(
        slug=PROGRAMME_SLUG, defaults={"name": "PACA – Russian innovative regions"}
    )
    existing = Plan.objects.filter(programme=programme, name=PLAN_NAME).first()
    if existing is not None:
        return existing
    event = _demo_event()
    rng = random.Random(2026)
    _check_in_demo_meetings(event, rng)
    adviser = (
        Role.objects.filter(kind=Role.Kind.PROGRAMME_MANAGER, programme=programme)
        .select_related("user")
        .order_by("id")
        .first()
    )
    adviser_user = adviser.user if adviser else None

    plan = services.save_plan(
        actor=SYSTEM,
        plan=Plan(
            programme=programme,
            name=PLAN_NAME,
            description=(
                "Accompagner les entreprises, laboratoires et clusters de Provence-Alpes-Côte "
                "d'Azur vers les régions innovantes de Russie : missions, salons, rendez-vous "
                "d'affaires et suivi des résultats. Données de démonstration."
            ),
            start_date=date(2026, 1, 1),
            end_date=date(2028, 12, 31),
        ),
    )
    held = list(
        event.meetings.filter(attendance=Meeting.Attendance.HELD)
        .select_related("first__person__organisation", "second__person__organisation", "slot")
        .order_by("id")
    )
    hosts: list[Organisation] = []
    visitors: list[Organisation] = []
    for participant in event.participants.select_related("person__organisation").order_by("id"):
        bucket = hosts if participant.side == "host" else visitors
        if participant.person.organisation not in bucket:
            bucket.append(participant.person.organisation)
    partners = [o for o in hosts if o.kind in ("cluster", "technopark", "public_agency")][:3]

    actions: dict[str, Action] = {}
    for kind, title, start, end, place, budget in ACTIONS:
        action = Action(
            plan=plan,
            kind=kind,
            title=title or event.title,
            start_date=start or event.start_date,
            end_date=end or event.end_date,
            place=place or event.place,
            budget_amount=budget,
            budget_currency="EUR",
            event=event if kind == Action.Kind.B2B_EVENT else None,
        )
        participants = hosts if kind == Action.Kind.B2B_EVENT else hosts[: rng.randint(6, 12)]
        actions[kind] = services.save_action(
            actor=SYSTEM, action=action, partners=partners, participants=participants
        )

    sez_tomsk = Organisation.objects.filter(source="demo", external_id="curated:sez-tomsk").first()
    accompanied = [*hosts, *([sez_tomsk] if sez_tomsk and sez_tomsk not in hosts else [])]
    for index, organisation in enumerate(accompanied):
        claimed = [actions[Action.Kind.B2B_EVENT]]
        if index % 3 == 0:
            claimed.append(actions[Action.Kind.MISSION])
        if index % 4 == 1:
            claimed.append(actions[Action.Kind.TRAINING])
        accompaniment = services.accompany(
            actor=SYSTEM,
            plan=plan,
            organisation=organisation,
            since=date(2026, 2, 1) + timedelta(days=7 * (index % 12)),
            adviser=adviser_user,
            actions=claimed,
        )
        _demo_log(accompaniment, held, rng)

    _demo_outcomes(plan, held, actions, rng, sez_tomsk)
    _demo_objectives(plan, visitors)
    return plan


def _demo_log(accompaniment: Accompaniment, held: list[Meeting], rng: random.Random) -> None:
    organisation = accompaniment.organisation
    mine = [
        m
        for m in held
        if organisation.pk in (m.first.person.organisation_id, m.second.person.organisation_id)
    ]
    counterpart = None
    if mine:
        meeting = mine[0]
        other = (
            meeting.second
            if meeting.first.person.organisation_id == organisation.pk
            else meeting.first
        )
        counterpart = other.person.organisation
    consenting = organisation.people.filter(
        consent_at__isnull=False, erased_at__isnull=True
    ).first()
    notes = [
        (
            FollowUpEntry.Kind.CALL,
            date(2026, 3, 10),
            "Premier appel : objectifs à l'international.",
            None,
        ),
        (
            FollowUpEntry.Kind.VISIT,
            date(2026, 9, 2),
            "Visite sur site, préparation de la mission.",
            None,
        ),
        (
            FollowUpEntry.Kind.EMAIL,
            date(2027, 5, 6),
            "Suite du rendez-vous B2B : échange de propositions.",
            counterpart,
        ),
    ]
    for kind, day, note, partner in notes[: rng.randint(1, 3)]:
        services.add_follow_up(
            actor=SYSTEM,
            accompaniment=accompaniment,
            kind=kind,
            day=day + timedelta(days=rng.randint(0, 20)),
            note=note,
            person=consenting,
            counterpart=partner,
        )


def _demo_outcomes(
    plan: Plan,
    held: list[Meeting],
    actions: dict[str, Action],
    rng: random.Random,
    sez_tomsk: Organisation | None,
) -> None:
    b2b = actions[Action.Kind.B2B_EVENT]
    mission = actions[Action.Kind.MISSION]
    fair = actions[Action.Kind.TRADE_FAIR]
    day = b2b.start_date
    accompanied = set(plan.accompaniments.values_list("organisation_id", flat=True))
    for index, meeting in enumerate(held):
        first, second = meeting.first.person.organisation, meeting.second.person.organisation
        lead, partner = (first, second) if first.pk in accompanied else (second, first)
        if lead.pk not in accompanied:
            continue
        roll = index % 10
        if roll in (0, 3, 6):
            kind, months = Outcome.Kind.AGREEMENT, rng.randint(2, 6)
        elif roll == 1:
            kind, months = Outcome.Kind.CONTRACT, rng.randint(5, 14)
        elif roll == 4:
            kind, months = Outcome.Kind.PROJECT, rng.randint(6, 16)
        elif roll == 7 and index % 20 == 7:
            kind, months = Outcome.Kind.LICENCE, rng.randint(8, 18)
        elif roll == 8 and index % 20 == 8:
            kind, months = Outcome.Kind.DISTRIBUTION, rng.randint(4, 12)
        else:
            continue
        claimed = [b2b]
        if index % 5 == 0:
            claimed.append(mission)
        if kind == Outcome.Kind.DISTRIBUTION:
            claimed.append(fair)
        confidence = (
            Outcome.Confidence.EVIDENCED
            if kind == Outcome.Kind.CONTRACT
            else rng.choice([Outcome.Confidence.DECLARED, Outcome.Confidence.CONFIRMED])
        )
        titles = {
            Outcome.Kind.AGREEMENT: "Accord de coopération",
            Outcome.Kind.CONTRACT: "Contrat de fourniture",
            Outcome.Kind.PROJECT: "Projet de R&D conjoint",
            Outcome.Kind.LICENCE: "Licence de technologie",
            Outcome.Kind.DISTRIBUTION: "Accord de distribution",
        }
        services.record_outcome(
            actor=SYSTEM,
            outcome=Outcome(
                plan=plan,
                kind=kind,
                title=f"{titles[kind]} — {partner.display_name}"[:300],
                date=day + timedelta(days=30 * months + rng.randint(0, 20)),
                organisation=lead,
                amount=Decimal(rng.randrange(40, 400) * 1000)
                if kind == Outcome.Kind.CONTRACT
                else None,
                currency="EUR",
                confidence=confidence,
                origin_meeting=meeting,
            ),
            actions=claimed,
            partners=[partner],
        )
    leads = Counter(
        plan.outcomes.filter(kind__in=[Outcome.Kind.CONTRACT, Outcome.Kind.PROJECT]).values_list(
            "organisation_id", flat=True
        )
    )
    for position, (organisation_id, _n) in enumerate(sorted(leads.items())[:8]):
        services.record_outcome(
            actor=SYSTEM,
            outcome=Outcome(
                plan=plan,
                kind=Outcome.Kind.JOBS,
                title="Emplois créés ou maintenus à l'export",
                date=date(2028, 1, 15) + timedelta(days=20 * position),
                organisation=Organisation.objects.get(pk=organisation_id),
                count=rng.randint(2, 9),
                confidence=Outcome.Confidence.CONFIRMED,
            ),
            actions=[b2b],
        )
    if sez_tomsk is not None and held:
        partner = held[0].first.person.organisation
        services.record_outcome(
            actor=SYSTEM,
            outcome=Outcome(
                plan=plan,
                kind=Outcome.Kind.SME,
                title="Coentreprise franco-russe en zone économique spéciale",
                date=date(2028, 3, 1),
                organisation=sez_tomsk,
                count=1,
                confidence=Outcome.Confidence.DECLARED,
            ),
            actions=[mission, b2b],
            partners=[partner] if partner.pk != sez_tomsk.pk else [],
        )


def _demo_objectives(plan: Plan, visitors: list[Organisation]) -> None:
    for metric, target in (
        (Metric.ORGANISATIONS, 40),
        (Metric.MEETINGS, 150),
        (Metric.AGREEMENTS, 30),
        (Metric.CONTRACTS, 10),
        (Metric.PROJECTS, 6),
        (Metric.JOBS, 50),
        (Metric.SMES, 2),
    ):
        services.add_objective(actor=SYSTEM, plan=plan, metric=metric, target=target)
    regions = Counter(o.region for o in visitors if o.region_id)
    if regions:
        region, _count = regions.most_common(1)[0]
        services.add_objective(
            actor=SYSTEM, plan=plan, metric=Metric.MEETINGS, target=40, region=region
        )
    first_sectors = Counter(
        s
        for o in plan.accompaniments.select_related("organisation")
        for s in o.organisation.sectors.all()[:1]
    )
    if first_sectors:
        sector, _count = first_sectors.most_common(1)[0]
        services.add_objective(
            actor=SYSTEM, plan=plan, metric=Metric.AGREEMENTS, target=10, sector=sector
        )
