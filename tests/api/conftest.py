"""Fixtures for the API: callers with tokens, and people whose contacts must not leak."""

from __future__ import annotations

from datetime import date

import pytest

from jumelage.accounts.models import ApiToken
from tests.factories import PersonFactory

CONTACT_EMAIL = "olga.petrova@optique-azur.example"
CONTACT_PHONE = "+33 4 91 00 00 00"


def bearer(user) -> dict[str, str]:
    """The headers of a script calling as `user` with a fresh token."""
    _token, key = ApiToken.issue(user=user, name="tests")
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def contact(member_company):
    """A person of the member company, with contact details only editors may see."""
    return PersonFactory(
        organisation=member_company,
        first_name="Olga",
        last_name="Petrova",
        position="CTO",
        email=CONTACT_EMAIL,
        phone=CONTACT_PHONE,
        consent_at=date(2026, 1, 5),
        consent_purpose="B2B meetings",
    )


@pytest.fixture
def caller(request, client):
    """Log the client in as the named user fixture, or leave it anonymous for None."""

    def login(name: str | None):
        if name is None:
            return None
        user = request.getfixturevalue(name)
        client.force_login(user)
        return user

    return login
