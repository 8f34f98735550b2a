"""The demo B2B day: PACA hosts meet a delegation of the Russian innovative regions.

About sixty participants, one fictional contact person per demo organisation (French hosts,
Russian visitors; every such person says in their position that they are a fictional demo
contact), their meeting requests and a published schedule computed by the scheduler.
Loading it twice changes nothing.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from jumelage.accounts.models import Programme
from jumelage.directory.models import Organisation, Person
from jumelage.directory.services import refresh_person
from jumelage.engines.text import to_latin
from jumelage.events import services
from jumelage.events.models import Event, Meeting, MeetingRequest, Participant, Side
from jumelage.events.rules import SYSTEM

SLUG = "paca-airr-b2b-day"
TITLE = "PACA – Russian innovative regions B2B day"
DAY = date(2027, 4, 15)
PER_SIDE = 30
DEMO_POSITION = "Fictional demo contact — international partnerships"

FRENCH_NAMES = [
    ("Camille", "Martin"),
    ("Julien", "Bernard"),
    ("Sophie", "Dubois"),
    ("Nicolas", "Robert"),
    ("Claire", "Richard"),
    ("Thomas", "Petit"),
    ("Émilie", "Durand"),
    ("Antoine", "Leroy"),
    ("Isabelle", "Moreau"),
    ("Pierre", "Simon"),
    ("Nathalie", "Laurent"),
    ("Laurent", "Lefebvre"),
    ("Céline", "Michel"),
    ("Mathieu", "Garcia"),
    ("Aurélie", "David"),
    ("Vincent", "Bertrand"),
    ("Hélène", "Roux"),
    ("Guillaume", "Fournier"),
    ("Sandrine", "Morel"),
    ("Olivier", "Girard"),
    ("Marion", "André"),
    ("Sébastien", "Mercier"),
    ("Caroline", "Blanc"),
    ("Fabrice", "Guérin"),
    ("Élodie", "Boyer"),
    ("Christophe", "Garnier"),
    ("Valérie", "Chevalier"),
    ("Romain", "Faure"),
    ("Anne", "Lambert"),
    ("Jérôme", "Bonnet"),
    ("Manon", "Rousseau"),
    ("Yann", "Clément"),
]
RUSSIAN_NAMES = [
    ("Алексей", "Смирнов"),
    ("Мария", "Кузнецова"),
    ("Дмитрий", "Попов"),
    ("Екатерина", "Соколова"),
    ("Сергей", "Лебедев"),
    ("Анна", "Козлова"),
    ("Андрей", "Новиков"),
    ("Наталья", "Морозова"),
    ("Михаил", "Волков"),
    ("Елена", "Соловьёва"),
    ("Игорь", "Васильев"),
    ("Татьяна", "Зайцева"),
    ("Павел", "Павлов"),
    ("Ольга", "Семёнова"),
    ("Владимир", "Голубев"),
    ("Светлана", "Виноградова"),
    ("Николай", "Богданов"),
    ("Ирина", "Воробьёва"),
    ("Артём", "Фёдоров"),
    ("Юлия", "Михайлова"),
    ("Константин", "Беляев"),
    ("Ксения", "Тарасова"),
    ("Роман", "Белов"),
    ("Дарья", "Комарова"),
    ("Евгений", "Орлов"),
    ("Виктория", "Киселёва"),
    ("Максим", "Макаров"),
    ("Алина", "Андреева"),
    ("Григорий", "Ковалёв"),
    ("Полина", "Ильина"),
    ("Степан", "Гусев"),
    ("Вера", "Титова"),
]


def _organisations(country: str) -> list[Organisation]:
    """Demo organisations of a country: curated ones first, then the best described."""
    rows = (
        Organisation.objects.filter(source="demo", country=country, archived=False)
        .annotate(sector_count=Count("sectors", distinct=True))
        .filter(sector_count__gt=0)
        .order_by("external_id")
    )
    curated = [o for o in rows if o.external_id.startswith("curated:")]
    others = [o for o in rows if not o.external_id.startswith("curated:")]
    return (curated + others)[:PER_SIDE]


def _email(first: str, last: str) -> str:
    local = f"{to_latin(first)}.{to_latin(last)}".lower()
    local = "".join(ch for ch in local if ch.isascii() and (ch.isalnum() or ch == "."))
    return f"{local}@demo.jumelage.invalid"


def _contact(organisation: Organisation, name: tuple[str, str], languages: str) -> Person:
    """The organisation's account holder if it has one, else its fictional demo contact."""
    with_account = organisation.people.filter(user__isnull=False, erased_at__isnull=True).first()
    if with_account is not None:
        return with_account
    existing = organisation.people.filter(position=DEMO_POSITION).first()
    if existing is not None:
        return existing
    first, last = name
    person = Person(
        organisation=organisation,
        first_name=first,
        last_name=last,
        position=DEMO_POSITION,
        email=_email(first, last),
        languages=languages,
    )
    refresh_person(person)
    person.save()
    return person


def _shared(a: Participant, b: Participant, sectors: dict[int, set[str]]) -> int:
    return len(sectors[a.person.organisation_id] & sectors[b.person.organisation_id])


@transaction.atomic
def load_demo_event(*, time_limit: float = 10.0) -> Event:
    """Create the demo event with its participants, requests and a published schedule.

    Uses only organisations of the demo source (French hosts, Russian visitors); returns the
    existing event unchanged when it is already there.
    """
    existing = Event.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing
    programme, _created = Programme.objects.get_or_create(
        slug="paca-airr", defaults={"name": "PACA – Russian innovative regions"}
    )
    hosts = _organisations("FR")
    visitors = _organisations("RU")
    event = Event(
        programme=programme,
        slug=SLUG,
        title=TITLE,
        description=(
            "A day of one-to-one meetings between the clusters, companies and laboratories of "
            "Provence-Alpes-Côte d'Azur and a delegation of the Association of Innovative "
            "Regions of Russia: aerospace, photonics, biotechnology and ICT. Demo data."
        ),
        place="Sophia Antipolis, Business Pôle",
        time_zone="Europe/Paris",
        start_date=DAY,
        end_date=DAY,
        scheduling_mode=Event.Mode.ORGANISER,
        request_expiry_hours=24 * 14,
        max_open_requests=8,
        default_max_meetings=10,
    )
    services.save_event(actor=SYSTEM, event=event, tables=16)
    morning = services.add_session(
        actor=SYSTEM,
        event=event,
        label="Morning",
        day=DAY,
        start=time(9, 0),
        slot_minutes=20,
        break_minutes=5,
        slot_count=9,
    )
    services.add_session(
        actor=SYSTEM,
        event=event,
        label="Afternoon",
        day=DAY,
        start=time(14, 0),
        slot_minutes=20,
        break_minutes=5,
        slot_count=8,
    )
    participants: dict[str, list[Participant]] = {Side.HOST: [], Side.VISITING: []}
    for side, organisations, names, languages in (
        (Side.HOST, hosts, FRENCH_NAMES, "fr, en"),
        (Side.VISITING, visitors, RUSSIAN_NAMES, "ru, en"),
    ):
        for organisation, name in zip(organisations, names, strict=False):
            person = _contact(organisation, name, languages)
            participant = Participant.objects.create(
                event=event, person=person, side=side, status=Participant.Status.APPROVED
            )
            participants[side].append(participant)

    # The delegation visits a laboratory during the first morning hour: a few are away.
    first_slots = list(morning.slots.order_by("index")[:2])
    for participant in participants[Side.VISITING][:4]:
        participant.unavailable_slots.set(first_slots)

    sectors: dict[int, set[str]] = {}
    for organisation in Organisation.objects.filter(
        Q(pk__in=[o.pk for o in hosts]) | Q(pk__in=[o.pk for o in visitors])
    ).prefetch_related("sectors"):
        sectors[organisation.pk] = {s.code for s in organisation.sectors.all()}

    rng = random.Random(2027)
    now = timezone.now()
    statuses = (
        [MeetingRequest.Status.ACCEPTED] * 7
        + [MeetingRequest.Status.DECLINED] * 1
        + [MeetingRequest.Status.PENDING] * 2
    )
    pairs: set[tuple[int, int]] = set()

    def request(requester: Participant, recipient: Participant) -> None:
        key = (min(requester.pk, recipient.pk), max(requester.pk, recipient.pk))
        if key in pairs:
            return
        pairs.add(key)
        status = rng.choice(statuses)
        created = MeetingRequest.objects.create(
            event=event,
            requester=requester,
            recipient=recipient,
            message=rng.choice(
                [
                    "We are looking for a partner for a joint R&D project.",
                    "Interested in your technology for our next product line.",
                    "Could we discuss a pilot in our region?",
                    "Nous cherchons un partenaire industriel pour un projet commun.",
                    "Хотели бы обсудить совместный проект и выход на рынок.",
                ]
            ),
            priority=MeetingRequest.Priority.MUST
            if rng.random() < 0.25
            else MeetingRequest.Priority.NICE,
            status=status,
            expires_at=now + timedelta(hours=event.request_expiry_hours),
            answered_at=None if status == MeetingRequest.Status.PENDING else now,
        )
        if status == MeetingRequest.Status.ACCEPTED:
            Meeting.objects.create(
                event=event,
                request=created,
                first=requester,
                second=recipient,
                must_meet=created.priority == MeetingRequest.Priority.MUST,
            )

    for requester_side, recipient_side, count in (
        (Side.VISITING, Side.HOST, (4, 6)),
        (Side.HOST, Side.VISITING, (1, 3)),
    ):
        for requester in participants[requester_side]:
            ranked = sorted(
                participants[recipient_side],
                key=lambda other, me=requester: (-_shared(me, other, sectors), rng.random()),
            )
            for recipient in ranked[: rng.randint(*count)]:
                request(requester, recipient)

    run = services.create_schedule_run(actor=SYSTEM, event=event, time_limit=time_limit)
    run = services.execute_schedule_run(run=run)
    event.refresh_from_db()
    services.publish_run(
        actor=SYSTEM, run=run, expected_version=event.schedule_version, notify_people=False
    )
    event.refresh_from_db()
    return event
