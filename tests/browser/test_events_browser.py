"""A B2B day end to end in the browser: register, request, accept, schedule, agenda, files."""

from __future__ import annotations

import warnings

import pytest

from jumelage.accounts.models import Role
from jumelage.events.models import Event, Meeting, Participant
from tests.browser.conftest import log_in
from tests.events.conftest import make_event
from tests.factories import OrganisationFactory, PersonFactory, UserFactory, give_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(programme):
    olga = UserFactory(username="olga", first_name="Olga", last_name="Ivanova")
    jean = UserFactory(username="jean", first_name="Jean", last_name="Dupont")
    tomsk = OrganisationFactory(name="Томский технопарк", country="RU", programme=programme)
    optics = OrganisationFactory(name="Optique Azur SAS", country="FR", programme=programme)
    PersonFactory(organisation=tomsk, user=olga, first_name="Olga", last_name="Ivanova")
    PersonFactory(organisation=optics, user=jean, first_name="Jean", last_name="Dupont")
    give_role(olga, Role.Kind.MEMBER, organisation=tomsk)
    give_role(jean, Role.Kind.MEMBER, organisation=optics)
    return olga, jean


@pytest.fixture
def b2b_event(programme):
    return make_event(programme, scheduling_mode=Event.Mode.ORGANISER)


@pytest.fixture
def as_user(browser, live_server):
    contexts = []

    def open_page(username: str):
        context = browser.new_context(
            locale="en-GB", base_url=live_server.url, accept_downloads=True
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20000)
        log_in(page, username)
        return page

    yield open_page
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        for context in contexts:
            context.close()


def register(page, event, side_label: str) -> None:
    page.goto(f"/en/events/{event.pk}/")
    page.select_option("#register-form select[name=side]", label=side_label)
    page.click("#register-form button[type=submit]")
    page.wait_for_selector("#my-participation")


def test_register_request_accept_schedule_and_download_the_agenda(
    as_user, b2b_event, people, programme_manager, tmp_path
):
    event = b2b_event
    olga = as_user("olga")
    register(olga, event, "visiting delegation")
    jean = as_user("jean")
    register(jean, event, "host")
    assert Participant.objects.filter(event=event, status="pending").count() == 2

    organiser = as_user("pm")
    organiser.goto(f"/en/events/{event.pk}/participants/")
    for name in ("Olga Ivanova", "Jean Dupont"):
        organiser.click(f"button[data-approve='{name}']")
        organiser.wait_for_selector(".messages li")
    assert Participant.objects.filter(event=event, status="approved").count() == 2

    olga.goto(f"/en/events/{event.pk}/requests/new/")
    olga.select_option("#id_recipient", label="Jean Dupont — Optique Azur SAS (host)")
    olga.fill("#id_message", "Adaptive optics for Earth observation")
    olga.click("#request-form button[type=submit]")
    olga.wait_for_selector("#sent tbody tr[data-request]")

    jean.goto(f"/en/events/{event.pk}/requests/")
    assert "Adaptive optics for Earth observation" in jean.inner_text("#received")
    jean.click("#received a:has-text('Accept')")
    jean.click("#accept-form button[type=submit]")
    jean.wait_for_selector(".messages li")
    assert Meeting.objects.filter(event=event, slot__isnull=True).count() == 1

    organiser.goto(f"/en/events/{event.pk}/schedule/")
    organiser.fill("#id_time_limit", "2")
    organiser.click("#schedule-form button[type=submit]")
    organiser.wait_for_selector(".run-result")
    assert "1 of 1 meeting placed" in organiser.inner_text(".run-result")
    organiser.click("button:has-text('Publish this schedule')")
    organiser.wait_for_selector(".messages li")
    meeting = Meeting.objects.select_related("slot", "table").get(event=event)
    assert meeting.slot is not None and meeting.table is not None

    olga.goto(f"/en/events/{event.pk}/agenda/")
    row = olga.inner_text("#agenda tbody")
    assert "Jean Dupont" in row and "Optique Azur SAS" in row
    with olga.expect_download() as ics_download:
        olga.click("#download-ics")
    ics = tmp_path / "agenda.ics"
    ics_download.value.save_as(ics)
    content = ics.read_bytes()
    assert b"BEGIN:VCALENDAR" in content
    assert f"UID:jumelage-event-{event.pk}-meeting-{meeting.pk}@jumelage".encode() in content
    assert b"TZID=Europe/Paris" in content
    with olga.expect_download() as pdf_download:
        olga.click("#download-pdf")
    pdf = tmp_path / "agenda.pdf"
    pdf_download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert b"(Olga Ivanova)" in pdf.read_bytes()
