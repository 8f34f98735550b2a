"""Factories for the apps' models: real rows in the real database."""

from __future__ import annotations

import factory

from jumelage.accounts.models import Programme, Role, User
from jumelage.directory.models import Organisation, Person, Region
from jumelage.directory.services import refresh_derived, refresh_person


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    name = "PACA international"
    slug = "paca"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "FRL0"
    country = "FR"
    kind = Region.Kind.REGION
    names = factory.LazyFunction(
        lambda: {
            "fr": "Provence-Alpes-Côte d'Azur",
            "en": "Provence-Alpes-Côte d'Azur",
            "ru": "Прованс — Альпы — Лазурный Берег",
        }
    )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    country = "FR"
    kind = Organisation.Kind.COMPANY
    programme = factory.SubFactory(ProgrammeFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        organisation = model_class(*args, **kwargs)
        refresh_derived(organisation)
        organisation.save()
        return organisation


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = "Olga"
    last_name = factory.Sequence(lambda n: f"Ivanova{n}")
    email = factory.LazyAttribute(lambda p: f"{p.last_name.lower()}@example.ru")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        person = model_class(*args, **kwargs)
        refresh_person(person)
        person.save()
        return person


def give_role(user: User, kind: str, *, organisation=None, programme=None) -> Role:
    role = Role.objects.create(user=user, kind=kind, organisation=organisation, programme=programme)
    if hasattr(user, "_jumelage_roles"):
        del user._jumelage_roles
    return role
