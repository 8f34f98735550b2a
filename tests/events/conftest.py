"""An event with one session, tables, and four approved participants on two sides."""

from __future__ import annotations

from datetime import date, time

import pytest

from jumelage.accounts.models import Role
from jumelage.events import services
from jumelage.events.models import Event, Participant, Side
from jumelage.events.rules import SYSTEM
from tests.factories import OrganisationFactory, PersonFactory, UserFactory, give_role

DAY = date(2026, 12, 1)


def make_event(programme, *, slots: int = 4, tables: int = 3, **fields) -> Event:
    event = Event(
        programme=programme,
        slug=fields.pop("slug", "paca-b2b"),
        title=fields.pop("title", "PACA B2B day"),
        place="Marseille, Palais du Pharo",
        time_zone="Europe/Paris",
        start_date=DAY,
        end_date=DAY,
        **fields,
    )
    services.save_event(actor=SYSTEM, event=event, tables=tables)
    services.add_session(
        actor=SYSTEM,
        event=event,
        label="Morning",
        day=DAY,
        start=time(9, 0),
        slot_minutes=20,
        break_minutes=5,
        slot_count=slots,
    )
    return event


def make_participant(
    event, *, username: str, first: str, last: str, side: str, country: str, organisation=None
) -> Participant:
    user = UserFactory(username=username)
    organisation = organisation or OrganisationFactory(
        name=f"{last} {country}", country=country, programme=event.programme
    )
    person = PersonFactory(
        organisation=organisation,
        user=user,
        first_name=first,
        last_name=last,
        email=f"{username}@example.org",
    )
    give_role(user, Role.Kind.MEMBER, organisation=organisation)
    return services.register(actor=SYSTEM, event=event, person=person, side=side)


@pytest.fixture
def event(programme):
    return make_event(programme)


@pytest.fixture
def host_a(event):
    return make_participant(
        event, username="hosta", first="Jean", last="Dupont", side=Side.HOST, country="FR"
    )


@pytest.fixture
def host_b(event):
    return make_participant(
        event, username="hostb", first="Claire", last="Martin", side=Side.HOST, country="FR"
    )


@pytest.fixture
def visitor_a(event):
    return make_participant(
        event, username="visitora", first="Olga", last="Ivanova", side=Side.VISITING, country="RU"
    )


@pytest.fixture
def visitor_b(event):
    return make_participant(
        event, username="visitorb", first="Ivan", last="Petrov", side=Side.VISITING, country="RU"
    )


@pytest.fixture
def organiser(event):
    user = UserFactory(username="organiser")
    event.organisers.add(user)
    return user


@pytest.fixture
def mailbox(mailoutbox, django_capture_on_commit_callbacks):
    """The outbox, with e-mails sent on commit delivered at once."""

    class Box:
        def __init__(self):
            self.outbox = mailoutbox

        def recipients(self) -> list[str]:
            return sorted(address for message in self.outbox for address in message.to)

        def clear(self):
            self.outbox.clear()

    return Box()
