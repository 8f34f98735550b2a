"""The page where a user creates and revokes their own API tokens."""

from __future__ import annotations

import pytest

from jumelage.accounts.models import ApiToken

PAGE = "/en/accounts/api-tokens/"


def test_the_page_needs_a_logged_in_user(client, db):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={PAGE}"


def test_the_page_lists_only_the_users_own_tokens(client, member_user, outsider_user):
    ApiToken.issue(user=member_user, name="crm sync")
    ApiToken.issue(user=outsider_user, name="someone else's script")
    client.force_login(member_user)

    response = client.get(PAGE)

    assert response.status_code == 200
    assert [token.name for token in response.context["tokens"]] == ["crm sync"]
    assert "someone else" not in response.content.decode()
    assert response.context["new_key"] is None


def test_creating_a_token_shows_its_key_once(client, member_user, contact):
    client.force_login(member_user)

    response = client.post(PAGE, {"name": "nightly sync"})

    assert response.status_code == 200
    key = response.context["new_key"]
    token = ApiToken.objects.get(user=member_user)
    assert (token.name, token.key_hash) == ("nightly sync", ApiToken.hash_key(key))
    assert f"Authorization: Bearer {key}" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert key not in client.get(PAGE).content.decode()
    api = client.get(f"/api/v1/people/{contact.pk}", headers={"Authorization": f"Bearer {key}"})
    assert api.status_code == 200


def test_a_token_needs_a_name(client, member_user):
    client.force_login(member_user)

    response = client.post(PAGE, {"name": ""})

    assert response.status_code == 200
    assert response.context["form"].errors == {"name": ["This field is required."]}
    assert not ApiToken.objects.exists()


def test_revoking_a_token_deletes_it_and_the_api_refuses_it(client, member_user, contact):
    token, key = ApiToken.issue(user=member_user, name="old laptop")
    client.force_login(member_user)

    response = client.post(f"/en/accounts/api-tokens/{token.pk}/revoke/", follow=True)

    assert response.redirect_chain == [(PAGE, 302)]
    assert "The token “old laptop” was revoked" in response.content.decode()
    assert not ApiToken.objects.exists()
    client.logout()
    api = client.get(f"/api/v1/people/{contact.pk}", headers={"Authorization": f"Bearer {key}"})
    assert api.status_code == 401


def test_nobody_can_revoke_another_users_token(client, member_user, outsider_user):
    token, _key = ApiToken.issue(user=member_user, name="crm sync")
    client.force_login(outsider_user)

    response = client.post(f"/en/accounts/api-tokens/{token.pk}/revoke/")

    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_revoking_needs_a_post(client, member_user):
    token, _key = ApiToken.issue(user=member_user, name="crm sync")
    client.force_login(member_user)

    response = client.get(f"/en/accounts/api-tokens/{token.pk}/revoke/")

    assert response.status_code == 405
    assert ApiToken.objects.filter(pk=token.pk).exists()


@pytest.mark.parametrize("language", ["fr", "en", "ru"])
def test_the_page_renders_in_each_language(client, member_user, language):
    client.force_login(member_user)

    response = client.get(f"/{language}/accounts/api-tokens/")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
