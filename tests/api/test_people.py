"""People over the API: logged-in callers only, contacts only for the person and editors."""

from __future__ import annotations

import pytest

from jumelage.core.models import AuditEntry
from jumelage.directory.models import Person
from tests.api.conftest import CONTACT_EMAIL, CONTACT_PHONE, bearer
from tests.factories import PersonFactory

EDITORS = ["member_user", "ecosystem_manager", "programme_manager"]


def contact_json(contact, *, visible: bool) -> dict:
    return {
        "id": contact.pk,
        "organisation": {"id": contact.organisation_id, "name": "Optique Azur SAS"},
        "first_name": "Olga",
        "last_name": "Petrova",
        "name_latin": "Olga Petrova",
        "position": "CTO",
        "languages": "",
        "contacts_visible": visible,
        "email": CONTACT_EMAIL if visible else None,
        "phone": CONTACT_PHONE if visible else None,
        "consent_at": "2026-01-05" if visible else None,
        "consent_purpose": "B2B meetings" if visible else None,
    }


# Reading ------------------------------------------------------------------------------


@pytest.mark.parametrize("user", EDITORS)
def test_editors_see_the_contacts_of_an_organisations_people(client, caller, contact, user):
    caller(user)

    response = client.get(f"/api/v1/organisations/{contact.organisation_id}/people")

    assert response.status_code == 200
    assert response.json() == [contact_json(contact, visible=True)]


def test_outsider_sees_names_but_no_contacts(client, outsider_user, contact):
    client.force_login(outsider_user)

    listed = client.get(f"/api/v1/organisations/{contact.organisation_id}/people")
    single = client.get(f"/api/v1/people/{contact.pk}")

    assert listed.json() == [contact_json(contact, visible=False)]
    assert single.json() == contact_json(contact, visible=False)
    for response in (listed, single):
        assert CONTACT_EMAIL.encode() not in response.content
        assert b"91 00 00 00" not in response.content
        assert b"B2B meetings" not in response.content


def test_a_person_sees_their_own_contacts_without_editing_rights(client, outsider_user, contact):
    Person.objects.filter(pk=contact.pk).update(user=outsider_user)
    client.force_login(outsider_user)

    response = client.get(f"/api/v1/people/{contact.pk}")

    assert response.status_code == 200
    assert response.json()["email"] == CONTACT_EMAIL


@pytest.mark.parametrize("path", ["/api/v1/organisations/{org}/people", "/api/v1/people/{person}"])
def test_anonymous_callers_may_not_see_people(client, contact, path):
    response = client.get(path.format(org=contact.organisation_id, person=contact.pk))

    assert response.status_code == 401
    assert response.json() == {
        "detail": "Authentication required: log in, or send an API token as “Bearer <key>”."
    }
    assert b"Petrova" not in response.content


def test_people_list_leaves_out_erased_people_and_other_organisations(
    client, member_user, contact, outsider_company
):
    from tests.factories import PersonFactory

    PersonFactory(organisation=contact.organisation, erased_at="2026-02-01T00:00:00Z")
    PersonFactory(organisation=outsider_company, last_name="Smirnov")
    client.force_login(member_user)

    response = client.get(f"/api/v1/organisations/{contact.organisation_id}/people")

    assert [person["last_name"] for person in response.json()] == ["Petrova"]


def test_an_erased_person_is_not_found(client, member_user, contact):
    Person.objects.filter(pk=contact.pk).update(erased_at="2026-02-01T00:00:00Z")
    client.force_login(member_user)

    response = client.get(f"/api/v1/people/{contact.pk}")

    assert response.status_code == 404
    assert response.json() == {"detail": "No such person."}


# Adding and editing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("member_user", 201),
        ("ecosystem_manager", 201),
        ("programme_manager", 201),
        ("outsider_user", 403),
        (None, 401),
    ],
)
def test_adding_a_person_follows_the_rules(client, caller, member_company, user, status):
    caller(user)

    response = client.post(
        f"/api/v1/organisations/{member_company.pk}/people",
        {"first_name": "Jean", "last_name": "Martin", "position": "CEO"},
        content_type="application/json",
    )

    assert response.status_code == status
    assert Person.objects.filter(last_name="Martin").count() == (1 if status == 201 else 0)
    if status == 201:
        assert response.json()["name_latin"] == "Jean Martin"
        assert response.json()["organisation"] == {
            "id": member_company.pk,
            "name": "Optique Azur SAS",
        }


def test_contact_details_need_a_consent_date_as_in_the_form(client, member_user, member_company):
    client.force_login(member_user)

    response = client.post(
        f"/api/v1/organisations/{member_company.pk}/people",
        {"first_name": "Jean", "last_name": "Martin", "email": "jean@example.org"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Some fields are not valid.",
        "errors": [
            {
                "field": "consent_at",
                "message": "Contact details are kept only with the person's consent: "
                "enter the date it was given.",
            }
        ],
    }
    assert not Person.objects.exists()


def test_validation_messages_follow_the_requested_language(client, member_user, member_company):
    client.force_login(member_user)

    response = client.post(
        f"/api/v1/organisations/{member_company.pk}/people",
        {
            "first_name": "Jean",
            "last_name": "Martin",
            "email": "not an address",
            "consent_at": "2026-03-01",
            "consent_purpose": "meetings",
        },
        content_type="application/json",
        headers={"Accept-Language": "fr"},
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "email", "message": "Saisissez une adresse de courriel valide."}
    ]


@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("member_user", 200),
        ("ecosystem_manager", 200),
        ("programme_manager", 200),
        ("outsider_user", 403),
        (None, 401),
    ],
)
def test_editing_a_person_follows_the_rules(client, caller, contact, user, status):
    caller(user)

    response = client.patch(
        f"/api/v1/people/{contact.pk}", {"position": "CEO"}, content_type="application/json"
    )

    assert response.status_code == status
    contact.refresh_from_db()
    assert contact.position == ("CEO" if status == 200 else "CTO")
    if status == 200:
        assert response.json() == {**contact_json(contact, visible=True), "position": "CEO"}
    else:
        assert not AuditEntry.objects.exists()


def test_a_person_may_edit_themself(client, outsider_user, contact):
    Person.objects.filter(pk=contact.pk).update(user=outsider_user)

    response = client.patch(
        f"/api/v1/people/{contact.pk}",
        {"phone": "+7 3822 00 00 00"},
        content_type="application/json",
        headers=bearer(outsider_user),
    )

    assert response.status_code == 200
    contact.refresh_from_db()
    assert (contact.phone, contact.email) == ("+7 3822 00 00 00", CONTACT_EMAIL)


def test_editing_keeps_the_form_rules(client, member_user, contact):
    client.force_login(member_user)

    response = client.patch(
        f"/api/v1/people/{contact.pk}",
        {"consent_at": None, "last_name": ""},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert sorted(error["field"] for error in response.json()["errors"]) == [
        "consent_at",
        "last_name",
    ]
    contact.refresh_from_db()
    assert (contact.last_name, str(contact.consent_at)) == ("Petrova", "2026-01-05")


# Personal data rights -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "status"),
    [("member_user", 200), ("programme_manager", 200), ("outsider_user", 403), (None, 401)],
)
def test_export_follows_the_rules(client, caller, contact, user, status):
    caller(user)

    response = client.get(f"/api/v1/people/{contact.pk}/export")

    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body.pop("created_at") and body.pop("updated_at")
        assert body == {
            "first_name": "Olga",
            "last_name": "Petrova",
            "name_latin": "Olga Petrova",
            "position": "CTO",
            "email": CONTACT_EMAIL,
            "phone": CONTACT_PHONE,
            "languages": "",
            "organisation": "Optique Azur SAS",
            "consent": {"given_on": "2026-01-05", "purpose": "B2B meetings"},
            "user_account": None,
        }
    else:
        assert CONTACT_EMAIL.encode() not in response.content


@pytest.mark.parametrize(
    ("user", "status"),
    [("member_user", 200), ("ecosystem_manager", 200), ("outsider_user", 403), (None, 401)],
)
def test_erase_follows_the_rules(client, caller, contact, user, status):
    caller(user)

    response = client.post(f"/api/v1/people/{contact.pk}/erase")

    assert response.status_code == status
    contact.refresh_from_db()
    if status == 200:
        assert (contact.first_name, contact.last_name, contact.email) == ("Erased", "", "")
        assert contact.erased_at is not None
        assert response.json()["email"] == ""
        assert CONTACT_EMAIL.encode() not in response.content
    else:
        assert (contact.last_name, contact.email, contact.erased_at) == (
            "Petrova",
            CONTACT_EMAIL,
            None,
        )


def test_erasing_twice_is_404(client, member_user, contact):
    client.force_login(member_user)
    client.post(f"/api/v1/people/{contact.pk}/erase")

    response = client.post(f"/api/v1/people/{contact.pk}/erase")

    assert response.status_code == 404
    assert AuditEntry.objects.filter(action="erase").count() == 1


@pytest.mark.parametrize("user", ["outsider_user", "programme_manager"])
def test_people_list_checks_contact_rights_once_for_the_whole_list(
    client, caller, member_company, contact, user, django_assert_max_num_queries
):
    caller(user)
    url = f"/api/v1/organisations/{member_company.pk}/people"
    client.get(url)  # warms the session and the caller's roles alike for both counts
    for number in range(20):
        PersonFactory(organisation=member_company, first_name=f"Person {number}")

    with django_assert_max_num_queries(6):
        response = client.get(url)

    assert response.status_code == 200
    listed = response.json()
    assert len(listed) == 21
    editor = user == "programme_manager"
    assert {person["contacts_visible"] for person in listed} == {editor}
