"""The demo event: built from demo organisations only, published, idempotent."""

from __future__ import annotations

from jumelage.directory.models import Person, Sector
from jumelage.events.demo import DEMO_POSITION, SLUG, load_demo_event
from jumelage.events.models import Meeting, MeetingRequest, Participant
from tests.factories import OrganisationFactory


def test_demo_event_uses_demo_organisations_and_publishes_a_schedule(db):
    aerospace = Sector.objects.create(code="aerospace")
    for index in range(6):
        for country in ("FR", "RU"):
            organisation = OrganisationFactory(
                name=f"Demo {country} {index}",
                country=country,
                source="demo",
                external_id=f"cordis:{country}{index}",
            )
            organisation.sectors.add(aerospace)
    elsewhere = OrganisationFactory(name="Not demo", country="FR", source="cordis", external_id="x")
    elsewhere.sectors.add(aerospace)

    event = load_demo_event(time_limit=3)

    assert event.slug == SLUG
    assert event.participants.filter(side="host").count() == 6
    assert event.participants.filter(side="visiting").count() == 6
    assert not Participant.objects.filter(person__organisation=elsewhere).exists()
    assert set(
        event.participants.values_list("person__organisation__country", "side").distinct()
    ) == {("FR", "host"), ("RU", "visiting")}
    assert set(Person.objects.values_list("position", flat=True)) == {DEMO_POSITION}
    run = event.published_run
    assert run is not None and run.published_at is not None
    assert run.meetings_placed == run.meetings_total == Meeting.objects.count() > 0
    assert not Meeting.objects.filter(slot__isnull=True).exists()

    counts = (Person.objects.count(), MeetingRequest.objects.count(), Meeting.objects.count())
    again = load_demo_event(time_limit=3)
    assert again.pk == event.pk
    assert (
        Person.objects.count(),
        MeetingRequest.objects.count(),
        Meeting.objects.count(),
    ) == counts
