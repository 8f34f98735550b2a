"""Agendas as files (ICS, PDF, CSV), analytics and partner suggestions."""

from __future__ import annotations

import csv
import io
import re

import pytest
from icalendar import Calendar

from jumelage.directory.models import Activity, Sector
from jumelage.events import selectors, services
from jumelage.events.models import MeetingRequest
from jumelage.events.rules import SYSTEM


@pytest.fixture
def scheduled(event, host_a, host_b, visitor_a):
    slots = list(event.sessions.get().slots.order_by("index"))
    request = services.send_request(
        actor=SYSTEM, requester=visitor_a, recipient=host_a, message="Optics"
    )
    first = services.accept_request(actor=SYSTEM, request=request, slot=slots[0])
    request = services.send_request(actor=SYSTEM, requester=visitor_a, recipient=host_b)
    second = services.accept_request(actor=SYSTEM, request=request, slot=slots[2])
    return first, second


def pdf_info(content: bytes, key: str) -> str:
    """A document-information string of a PDF, literal or UTF-16 hex as fpdf2 writes them."""
    match = re.search(rb"/" + key.encode() + rb" (\((?:[^()\\]|\\.)*\)|<[0-9a-fA-F]+>)", content)
    assert match, f"no /{key} in the PDF"
    raw = match.group(1)
    if raw.startswith(b"<"):
        return bytes.fromhex(raw[1:-1].decode()).decode("utf-16")
    return raw[1:-1].decode("latin-1")


def test_ics_has_stable_uids_and_the_events_time_zone(client, event, visitor_a, scheduled):
    client.force_login(visitor_a.person.user)
    path = f"/en/events/{event.pk}/agenda/{visitor_a.pk}.ics"
    first = client.get(path)
    second = client.get(path)
    assert first.status_code == 200
    assert first["Content-Type"] == "text/calendar; charset=utf-8"
    assert first.content == second.content
    calendar = Calendar.from_ical(first.content)
    entries = calendar.walk("VEVENT")
    assert [str(e["UID"]) for e in entries] == [
        f"jumelage-event-{event.pk}-meeting-{scheduled[0].pk}@jumelage",
        f"jumelage-event-{event.pk}-meeting-{scheduled[1].pk}@jumelage",
    ]
    assert b"DTSTART;TZID=Europe/Paris:20261201T090000" in first.content
    assert b"DTEND;TZID=Europe/Paris:20261201T092000" in first.content
    assert b"DTSTART;TZID=Europe/Paris:20261201T095000" in first.content
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert "Jean Dupont" in str(entries[0]["SUMMARY"])


def test_ics_uid_survives_a_move(client, event, organiser, visitor_a, scheduled):
    client.force_login(visitor_a.person.user)
    path = f"/en/events/{event.pk}/agenda/{visitor_a.pk}.ics"
    before = Calendar.from_ical(client.get(path).content).walk("VEVENT")[0]["UID"]
    slot = event.sessions.get().slots.get(index=3)
    event.refresh_from_db()
    services.place_meeting(
        actor=organiser, meeting=scheduled[0], slot=slot, expected_version=event.schedule_version
    )
    entries = Calendar.from_ical(client.get(path).content).walk("VEVENT")
    assert str(entries[-1]["UID"]) == str(before)
    assert entries[-1]["DTSTART"].dt.hour == 10 and entries[-1]["DTSTART"].dt.minute == 15


def test_pdf_agenda_is_a_pdf_naming_the_participant(client, event, visitor_a, scheduled):
    client.force_login(visitor_a.person.user)
    response = client.get(f"/en/events/{event.pk}/agenda/{visitor_a.pk}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert pdf_info(response.content, "Author") == "Olga Ivanova"
    assert pdf_info(response.content, "Title") == "PACA B2B day — Olga Ivanova"


def test_pdf_agenda_handles_cyrillic_names(event, visitor_a, scheduled):
    from jumelage.events.exports import agenda_pdf

    person = visitor_a.person
    person.first_name, person.last_name = "Ольга", "Иванова"
    person.save()
    content = agenda_pdf(visitor_a)
    assert content.startswith(b"%PDF")
    assert pdf_info(content, "Author") == "Ольга Иванова"


def test_csv_export_lists_every_meeting_in_the_events_time(client, event, organiser, scheduled):
    client.force_login(organiser)
    response = client.get(f"/en/events/{event.pk}/meetings.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["starts_at"], r["table"], r["first_name"], r["second_name"]) for r in rows] == [
        ("2026-12-01T09:00:00+01:00", "1", "Olga Ivanova", "Jean Dupont"),
        ("2026-12-01T09:50:00+01:00", "1", "Olga Ivanova", "Claire Martin"),
    ]


def test_analytics_counts_the_funnel_per_event_and_per_side(
    event, organiser, host_a, host_b, visitor_a, visitor_b
):
    slots = list(event.sessions.get().slots.order_by("index"))
    held = services.accept_request(
        actor=SYSTEM,
        request=services.send_request(actor=SYSTEM, requester=visitor_a, recipient=host_a),
        slot=slots[0],
    )
    no_show = services.accept_request(
        actor=SYSTEM,
        request=services.send_request(actor=SYSTEM, requester=host_b, recipient=visitor_b),
        slot=slots[1],
    )
    services.accept_request(
        actor=SYSTEM,
        request=services.send_request(actor=SYSTEM, requester=visitor_b, recipient=host_a),
    )
    services.decline_request(
        actor=SYSTEM,
        request=services.send_request(actor=SYSTEM, requester=visitor_a, recipient=host_b),
    )
    expired = services.send_request(actor=SYSTEM, requester=host_b, recipient=visitor_a)
    MeetingRequest.objects.filter(pk=expired.pk).update(status=MeetingRequest.Status.EXPIRED)
    services.send_request(actor=SYSTEM, requester=host_b, recipient=visitor_a)  # still pending
    services.check_in(actor=organiser, meeting=held, attendance="held")
    services.check_in(actor=organiser, meeting=no_show, attendance="no_show")
    data = selectors.analytics(event)
    assert data.total == {
        "requested": 6,
        "accepted": 3,
        "declined": 1,
        "expired": 1,
        "scheduled": 2,
        "held": 1,
        "no_show": 1,
    }
    assert data.by_side["visiting"] == {
        "requested": 3,
        "accepted": 2,
        "declined": 1,
        "expired": 0,
        "scheduled": 2,
        "held": 1,
        "no_show": 1,
    }
    assert data.by_side["host"] == {
        "requested": 3,
        "accepted": 1,
        "declined": 0,
        "expired": 1,
        "scheduled": 2,
        "held": 1,
        "no_show": 1,
    }


def test_suggestions_rank_the_other_side_by_shared_sectors_and_activities(
    event, host_a, host_b, visitor_a, visitor_b
):
    aerospace = Sector.objects.create(code="aerospace")
    photonics = Sector.objects.create(code="photonics")
    research = Activity.objects.create(code="72.19")
    visitor_a.organisation.sectors.set([aerospace, photonics])
    visitor_a.organisation.activities.set([research])
    host_a.organisation.sectors.set([aerospace])
    host_b.organisation.sectors.set([aerospace, photonics])
    host_b.organisation.activities.set([research])
    visitor_b.organisation.sectors.set([aerospace, photonics])  # same side: never suggested
    ranked = selectors.suggest_partners(visitor_a, limit=5)
    assert [(s.participant, s.score, s.sectors, s.activities) for s in ranked] == [
        (host_b, 5, ["aerospace", "photonics"], ["72.19"]),
        (host_a, 2, ["aerospace"], []),
    ]
    services.send_request(actor=SYSTEM, requester=visitor_a, recipient=host_b)
    assert [s.participant for s in selectors.suggest_partners(visitor_a, limit=5)] == [host_a]


def test_suggestions_follow_the_matching_engine_across_languages(event, host_a, host_b, visitor_a):
    visitor_a.organisation.descriptions = {
        "ru": "Разработка лидаров и адаптивной оптики для наблюдения Земли"
    }
    visitor_a.organisation.save()
    host_a.organisation.descriptions = {
        "fr": "Lidar et optique adaptative pour l'observation de la Terre"
    }
    host_a.organisation.save()
    host_b.organisation.descriptions = {"fr": "Vins biologiques et oenotourisme en Provence"}
    host_b.organisation.save()
    ranked = selectors.suggest_partners(visitor_a, limit=5)
    assert ranked[0].participant == host_a
    assert ranked[0].reasons
