"""Background screening: after a list load, and when an entity is created or changed."""

from django_tasks import task

from jumelage.compliance import services
from jumelage.directory.models import Organisation, Person


@task()
def screen_directory_task() -> dict:
    return services.screen_directory()


@task()
def screen_organisation_task(organisation_id: int) -> int:
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    return services.screen_organisation(organisation=organisation) if organisation else 0


@task()
def screen_person_task(person_id: int) -> int:
    person = Person.objects.filter(pk=person_id).select_related("organisation").first()
    return services.screen_person(person=person) if person else 0
