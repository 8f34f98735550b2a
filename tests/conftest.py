import pytest
from django.utils import translation

from jumelage.accounts.models import Role
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory, give_role


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English, whatever language a previous test's page activated."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Nothing cached by a previous test (whose database is gone) is seen by the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Users are created in almost every test; the real hasher would dominate the run."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def programme(db):
    return ProgrammeFactory()


@pytest.fixture
def cluster(programme):
    return OrganisationFactory(name="SAFE Cluster", kind="cluster", programme=programme)


@pytest.fixture
def member_company(cluster):
    from jumelage.directory.models import Membership

    company = OrganisationFactory(name="Optique Azur SAS", programme=cluster.programme)
    Membership.objects.create(organisation=company, parent=cluster)
    return company


@pytest.fixture
def outsider_company(programme):
    return OrganisationFactory(name="Romashka LLC", country="RU", programme=programme)


@pytest.fixture
def programme_manager(programme):
    user = UserFactory(username="pm")
    give_role(user, Role.Kind.PROGRAMME_MANAGER, programme=programme)
    return user


@pytest.fixture
def ecosystem_manager(cluster):
    user = UserFactory(username="em")
    give_role(user, Role.Kind.ECOSYSTEM_MANAGER, organisation=cluster)
    return user


@pytest.fixture
def member_user(member_company):
    user = UserFactory(username="member")
    give_role(user, Role.Kind.MEMBER, organisation=member_company)
    return user


@pytest.fixture
def outsider_user(outsider_company):
    user = UserFactory(username="outsider")
    give_role(user, Role.Kind.MEMBER, organisation=outsider_company)
    return user
