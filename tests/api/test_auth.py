"""Who may call the API: tokens for scripts, the session (with CSRF) for the browser."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.utils import timezone, translation

from jumelage.accounts.models import ApiToken
from jumelage.core.models import AuditEntry
from tests.api.conftest import CONTACT_EMAIL, bearer

LOGIN_REQUIRED = "Authentication required: log in, or send an API token as “Bearer <key>”."
INVALID_TOKEN = {"detail": "Invalid API token: it is unknown, revoked or malformed."}
CSRF_FAILED = {
    "detail": "CSRF check failed: send the X-CSRFToken header with the value of the "
    "csrftoken cookie, or use an API token."
}


def test_a_token_authenticates_its_user_and_records_its_use(client, member_user, contact):
    token, key = ApiToken.issue(user=member_user, name="crm sync")

    response = client.get(
        f"/api/v1/people/{contact.pk}", headers={"Authorization": f"Bearer {key}"}
    )

    assert response.status_code == 200
    assert response.json()["email"] == CONTACT_EMAIL
    token.refresh_from_db()
    assert timezone.now() - token.last_used_at < timedelta(seconds=30)


def test_token_use_is_recorded_at_most_once_a_minute(client, member_user, contact):
    token, key = ApiToken.issue(user=member_user, name="crm sync")
    recent = timezone.now() - timedelta(seconds=10)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=recent)

    client.get(f"/api/v1/people/{contact.pk}", headers={"Authorization": f"Bearer {key}"})

    token.refresh_from_db()
    assert token.last_used_at == recent


@pytest.mark.parametrize(
    "header",
    ["Bearer not-a-key", "Bearer ", "Token abcdef", "Basic dXNlcjpwYXNz"],
)
def test_a_bad_authorization_header_is_401_even_where_reading_is_open(client, db, header):
    response = client.get("/api/v1/organisations", headers={"Authorization": header})

    assert response.status_code == 401
    assert response.json() == INVALID_TOKEN
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_revoked_token_is_refused(client, member_user, member_company):
    token, key = ApiToken.issue(user=member_user, name="old laptop")
    token.delete()

    response = client.patch(
        f"/api/v1/organisations/{member_company.pk}",
        {"version": 1, "city": "Nice"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )

    assert response.status_code == 401
    assert response.json() == INVALID_TOKEN
    member_company.refresh_from_db()
    assert member_company.city == ""


def test_the_token_of_a_deactivated_user_is_refused(client, member_user, contact):
    headers = bearer(member_user)
    member_user.is_active = False
    member_user.save()

    response = client.get(f"/api/v1/people/{contact.pk}", headers=headers)

    assert response.status_code == 401
    assert response.json() == INVALID_TOKEN


def test_anonymous_write_is_401_not_a_csrf_failure(member_company):
    browser = Client(enforce_csrf_checks=True)

    response = browser.patch(
        f"/api/v1/organisations/{member_company.pk}",
        {"version": 1, "city": "Nice"},
        content_type="application/json",
    )

    assert response.status_code == 401
    member_company.refresh_from_db()
    assert member_company.city == ""


@pytest.mark.parametrize("language", ["fr", "ru"])
def test_errors_are_in_the_language_the_caller_accepts(client, db, language):
    with translation.override(language):
        expected = translation.gettext(LOGIN_REQUIRED)

    response = client.post(
        "/api/v1/organisations",
        {"name": "X", "country": "FR"},
        content_type="application/json",
        headers={"Accept-Language": language},
    )

    assert response.status_code == 401
    assert expected != LOGIN_REQUIRED
    assert response.json() == {"detail": expected}


def test_a_session_write_without_the_csrf_token_is_refused(member_user, member_company):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member_user)

    response = browser.patch(
        f"/api/v1/organisations/{member_company.pk}",
        {"version": 1, "city": "Nice"},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert response.json() == CSRF_FAILED
    member_company.refresh_from_db()
    assert (member_company.city, member_company.version) == ("", 1)
    assert not AuditEntry.objects.exists()


def test_a_session_write_with_the_csrf_token_goes_through(member_user, member_company):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member_user)
    page_request = RequestFactory().get("/")
    csrf_token = get_token(page_request)
    browser.cookies["csrftoken"] = page_request.META["CSRF_COOKIE"]

    response = browser.patch(
        f"/api/v1/organisations/{member_company.pk}",
        {"version": 1, "city": "Nice"},
        content_type="application/json",
        headers={"X-CSRFToken": csrf_token},
    )

    assert response.status_code == 200
    member_company.refresh_from_db()
    assert member_company.city == "Nice"


def test_a_session_read_needs_no_csrf_token(member_user, contact):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member_user)

    response = browser.get(f"/api/v1/people/{contact.pk}")

    assert response.status_code == 200
    assert response.json()["email"] == CONTACT_EMAIL


def test_a_token_write_needs_no_csrf_token(member_user, member_company):
    browser = Client(enforce_csrf_checks=True)

    response = browser.patch(
        f"/api/v1/organisations/{member_company.pk}",
        {"version": 1, "city": "Nice"},
        content_type="application/json",
        headers=bearer(member_user),
    )

    assert response.status_code == 200


# The command that issues tokens -------------------------------------------------------


def test_create_api_token_prints_a_working_key_once(client, member_user, contact):
    out, err = StringIO(), StringIO()

    call_command("create_api_token", "member", name="nightly sync", stdout=out, stderr=err)

    key = out.getvalue().strip()
    token = ApiToken.objects.get(user=member_user)
    assert token.name == "nightly sync"
    assert token.key_hash == ApiToken.hash_key(key)
    assert token.prefix == key[:8]
    assert key not in err.getvalue()
    assert "cannot be shown again" in err.getvalue()
    response = client.get(
        f"/api/v1/people/{contact.pk}", headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("username", "name", "message"),
    [
        ("nobody", "sync", "No user named “nobody”."),
        ("member", "  ", "--name must not be empty."),
        ("member", "x" * 101, "--name must be at most 100 characters."),
    ],
)
def test_create_api_token_refuses_bad_arguments(member_user, username, name, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_api_token", username, name=name, stdout=StringIO())

    assert not ApiToken.objects.exists()
