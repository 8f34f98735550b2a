from jumelage.directory import rules
from tests.factories import OrganisationFactory, UserFactory


def test_member_edits_only_its_own_organisation(
    member_user, member_company, cluster, outsider_company
):
    assert rules.can_edit_organisation(member_user, member_company)
    assert not rules.can_edit_organisation(member_user, cluster)
    assert not rules.can_edit_organisation(member_user, outsider_company)


def test_ecosystem_manager_edits_its_cluster_and_members_only(
    ecosystem_manager, cluster, member_company, outsider_company
):
    assert rules.can_edit_organisation(ecosystem_manager, cluster)
    assert rules.can_edit_organisation(ecosystem_manager, member_company)
    assert not rules.can_edit_organisation(ecosystem_manager, outsider_company)


def test_programme_manager_edits_the_whole_programme_but_not_others(
    programme_manager, member_company, outsider_company, db
):
    other = OrganisationFactory(name="Elsewhere GmbH", programme=None)
    assert rules.can_edit_organisation(programme_manager, member_company)
    assert rules.can_edit_organisation(programme_manager, outsider_company)
    assert not rules.can_edit_organisation(programme_manager, other)


def test_people_without_roles_and_visitors_only_read(member_company, db):
    from django.contrib.auth.models import AnonymousUser

    plain = UserFactory(username="plain")
    assert not rules.can_edit_organisation(plain, member_company)
    assert not rules.can_edit_organisation(AnonymousUser(), member_company)
    assert rules.editable_organisations(AnonymousUser()).count() == 0
    assert not rules.can_import(plain)
