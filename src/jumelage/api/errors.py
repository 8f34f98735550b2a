"""Errors at the API's edge: every refusal is JSON with a translated `detail`.

- 401: no credentials, or a bad token (with `WWW-Authenticate: Bearer`);
- 403: the rules refuse (the same rules as the pages), or a confirmed sanctions hit
  blocks the action;
- 404: no such object;
- 409: someone else saved the object (an organisation, an event's schedule) since the
  client read it; nothing was written;
- 422: fields that do not validate, each named in `errors` as {field, message} (bad input
  in a file says its file and line in the message);
- 503: the work needs something still being built (the matching index), with Retry-After;
- 400: any other domain error.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from jumelage.api.auth import InvalidToken
from jumelage.compliance.services import Blocked
from jumelage.core.errors import DomainError, InputError, PermissionDenied
from jumelage.directory.services import InvalidRecord, StaleEdit
from jumelage.events.services import StaleSchedule
from jumelage.matching.services import IndexNotReady

# Seconds a client is asked to wait before trying again work that is being prepared.
RETRY_AFTER_SECONDS = 30

# Where pydantic says a value came from; the client only needs the field's own path.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file", "payload", "filters"}


class FieldErrors(Exception):
    """Input that reached the domain's checks and failed them, as (field, message) pairs."""

    def __init__(self, problems: Iterable[tuple[str, str]]) -> None:
        self.problems = list(problems)
        super().__init__(self.problems)


def _field_errors_response(
    api: NinjaAPI, request: HttpRequest, problems: Iterable[tuple[str, str]]
) -> HttpResponse:
    return api.create_response(
        request,
        {
            "detail": _("Some fields are not valid."),
            "errors": [{"field": field, "message": message} for field, message in problems],
        },
        status=422,
    )


def _pydantic_problem(error: dict[str, Any]) -> tuple[str, str]:
    location = list(error.get("loc", ()))
    while location and location[0] in _SOURCES:
        location.pop(0)
    field = ".".join(str(part) for part in location)
    if error.get("type") == "missing":
        return field, _("is required")
    return field, str(error.get("msg", ""))


def install_error_handlers(api: NinjaAPI) -> None:
    """Translate the domain's and the framework's exceptions into JSON responses."""

    def detail(request: HttpRequest, message: str, status: int) -> HttpResponse:
        return api.create_response(request, {"detail": message}, status=status)

    @api.exception_handler(NinjaValidationError)
    def schema_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return _field_errors_response(api, request, map(_pydantic_problem, exc.errors))

    @api.exception_handler(FieldErrors)
    def fields_invalid(request: HttpRequest, exc: FieldErrors) -> HttpResponse:
        return _field_errors_response(api, request, exc.problems)

    @api.exception_handler(InvalidRecord)
    def record_invalid(request: HttpRequest, exc: InvalidRecord) -> HttpResponse:
        return _field_errors_response(api, request, exc.problems)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = (
            exc.message
            if isinstance(exc, InvalidToken)
            else _("Authentication required: log in, or send an API token as “Bearer <key>”.")
        )
        response = detail(request, message, 401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(PermissionDenied)
    def domain_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return detail(request, exc.message, 403)

    @api.exception_handler(DjangoPermissionDenied)
    def forbidden(request: HttpRequest, exc: DjangoPermissionDenied) -> HttpResponse:
        return detail(request, str(exc) or _("You may not do this."), 403)

    @api.exception_handler(Blocked)
    def blocked(request: HttpRequest, exc: Blocked) -> HttpResponse:
        return detail(request, exc.message, 403)

    @api.exception_handler(StaleEdit)
    def stale_edit(request: HttpRequest, exc: StaleEdit) -> HttpResponse:
        return detail(request, exc.message, 409)

    @api.exception_handler(StaleSchedule)
    def stale_schedule(request: HttpRequest, exc: StaleSchedule) -> HttpResponse:
        return detail(request, exc.message, 409)

    @api.exception_handler(IndexNotReady)
    def not_ready(request: HttpRequest, exc: IndexNotReady) -> HttpResponse:
        response = detail(request, exc.message, 503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    @api.exception_handler(InputError)
    def bad_input(request: HttpRequest, exc: InputError) -> HttpResponse:
        # The message already names the file and the line at fault.
        return _field_errors_response(api, request, [(exc.field or "", exc.message)])

    @api.exception_handler(DomainError)
    def refused(request: HttpRequest, exc: DomainError) -> HttpResponse:
        body = {"detail": exc.message, **({"field": exc.field} if exc.field else {})}
        return api.create_response(request, body, status=400)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return detail(request, str(exc) or _("Not found."), 404)
