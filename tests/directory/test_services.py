import json

import pytest

from jumelage.core.errors import DomainError
from jumelage.core.models import AuditEntry
from jumelage.directory import services
from jumelage.directory.models import (
    CooperationProject,
    DuplicateCandidate,
    Membership,
    Organisation,
)
from tests.factories import OrganisationFactory, PersonFactory


def test_creating_a_duplicate_across_scripts_flags_it(programme_manager, programme):
    first = OrganisationFactory(name="ООО «Ромашка»", country="RU", programme=programme)
    second = Organisation(name="Romashka LLC", country="RU", programme=programme)
    saved, duplicates = services.save_organisation(actor=programme_manager, organisation=second)
    assert [d.pk for d in duplicates] == [first.pk]
    candidate = DuplicateCandidate.objects.get()
    assert {candidate.first_id, candidate.second_id} == {first.pk, saved.pk}
    assert candidate.status == DuplicateCandidate.Status.OPEN


def test_merge_keeps_both_names_and_every_link(programme_manager, cluster, programme):
    kept = OrganisationFactory(
        name="Université Côte d'Azur", programme=programme, siren="130021397"
    )
    absorbed = OrganisationFactory(name="UNIVERSITE COTE D AZUR", programme=programme, city="Nice")
    Membership.objects.create(organisation=absorbed, parent=cluster)
    person = PersonFactory(organisation=absorbed)
    project = CooperationProject.objects.create(external_id="fp7:1", title="Optics")
    project.participants.add(absorbed)

    services.merge_organisations(actor=programme_manager, kept=kept, absorbed=absorbed)

    kept.refresh_from_db()
    assert kept.aliases == ["UNIVERSITE COTE D AZUR"]
    assert kept.city == "Nice"
    assert not Organisation.objects.filter(pk=absorbed.pk).exists()
    assert list(
        Membership.objects.filter(organisation=kept).values_list("parent_id", flat=True)
    ) == [cluster.pk]
    person.refresh_from_db()
    assert person.organisation_id == kept.pk
    assert list(project.participants.values_list("pk", flat=True)) == [kept.pk]
    assert AuditEntry.objects.filter(action="merge", object_id=str(kept.pk)).count() == 1


def test_merging_an_organisation_with_itself_is_refused(programme_manager, cluster):
    with pytest.raises(DomainError):
        services.merge_organisations(actor=programme_manager, kept=cluster, absorbed=cluster)


def test_second_save_of_a_stale_version_is_refused_and_writes_nothing(
    programme_manager, member_company
):
    first = Organisation.objects.get(pk=member_company.pk)
    second = Organisation.objects.get(pk=member_company.pk)
    version = first.version
    first.city = "Nice"
    services.save_organisation(
        actor=programme_manager, organisation=first, expected_version=version
    )
    second.city = "Toulon"
    with pytest.raises(services.StaleEdit):
        services.save_organisation(
            actor=programme_manager, organisation=second, expected_version=version
        )
    member_company.refresh_from_db()
    assert member_company.city == "Nice"
    assert member_company.version == version + 1


def test_person_export_and_erase(programme_manager, member_company):
    person = PersonFactory(
        organisation=member_company,
        first_name="Olga",
        last_name="Ivanova",
        email="olga@example.ru",
        consent_purpose="B2B day contacts",
    )
    exported = services.export_person(person=person)
    assert exported["email"] == "olga@example.ru"
    assert exported["consent"]["purpose"] == "B2B day contacts"
    json.dumps(exported)
    services.erase_person(actor=programme_manager, person=person)
    person.refresh_from_db()
    assert (person.last_name, person.email, person.phone, person.consent_purpose) == (
        "",
        "",
        "",
        "",
    )
    assert person.erased_at is not None
    assert person.search_key == ""
