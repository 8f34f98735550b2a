"""Who is calling the API: a script with a token, or a browser with its session.

Operations list these in order; the first that recognises the caller wins. A token that
is sent but wrong is refused outright (401) instead of falling back to anonymous reading,
so that a script with a revoked key notices.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from jumelage.accounts.models import ApiToken

# Recording every use would turn each read into a write; a minute is precise enough to
# tell which tokens are still in use.
LAST_USED_PRECISION = timedelta(minutes=1)


class InvalidToken(AuthenticationError):
    """An `Authorization` header was sent, but it names no active token."""

    def __init__(self) -> None:
        super().__init__(message=_("Invalid API token: it is unknown, revoked or malformed."))


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <key>`, the key issued by `ApiToken.issue`."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header)
        if not header:
            return None
        scheme, _space, key = header.partition(" ")
        if scheme.lower() != self.openapi_scheme or not key.strip():
            raise InvalidToken
        return self.authenticate(request, key.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token))
            .first()
        )
        if api_token is None or not api_token.user.is_active:
            raise InvalidToken
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        return api_token.user


class SessionAuth(APIKeyCookie):
    """The browser's Django session; unsafe methods must carry the CSRF token.

    The CSRF check runs only once the session is known to be logged in, so that an
    anonymous write is answered 401 (log in) rather than 403 (CSRF).
    """

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(
                403,
                _(
                    "CSRF check failed: send the X-CSRFToken header with the value of the "
                    "csrftoken cookie, or use an API token."
                ),
            )
        return user


def anonymous(request: HttpRequest) -> AnonymousUser:
    """The last resort of operations open to everyone: the caller reads as a visitor."""
    return AnonymousUser()


token_auth = TokenAuth()
session_auth = SessionAuth()

# Operations that need a logged-in caller (every write, and everything about people).
AUTHENTICATED = [token_auth, session_auth]
# Operations that anyone may call; a logged-in caller may see more (e.g. `can_edit`).
OPTIONAL = [token_auth, session_auth, anonymous]
# OpenAPI's way of saying "no credentials needed": an empty security requirement.
OPTIONAL_OPENAPI = {"security": [{}]}
