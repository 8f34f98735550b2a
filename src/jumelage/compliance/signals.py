"""Every organisation and person is screened when created or changed."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from jumelage.directory.models import Organisation, Person


@receiver(post_save, sender=Organisation, dispatch_uid="screen_organisation_on_save")
def screen_saved_organisation(sender, instance, raw=False, **kwargs):
    if raw or instance.archived:
        return
    from jumelage.compliance.models import SanctionsList
    from jumelage.compliance.tasks import screen_organisation_task

    if SanctionsList.objects.filter(is_current=True).exists():
        transaction.on_commit(lambda: screen_organisation_task.enqueue(instance.pk))


@receiver(post_save, sender=Person, dispatch_uid="screen_person_on_save")
def screen_saved_person(sender, instance, raw=False, **kwargs):
    if raw or instance.erased_at:
        return
    from jumelage.compliance.models import SanctionsList
    from jumelage.compliance.tasks import screen_person_task

    if SanctionsList.objects.filter(is_current=True).exists():
        transaction.on_commit(lambda: screen_person_task.enqueue(instance.pk))
