"""The one family of domain errors, translated at the edges into a clear message."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain refused an action; `message` is already translated."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class PermissionDenied(DomainError):
    """The user may not do this to this object."""


class InputError(DomainError):
    """Bad input in a file: names the file, the line and the field at fault."""

    def __init__(
        self, message: str, *, file: str = "", line: int | None = None, field: str | None = None
    ) -> None:
        super().__init__(message, field=field)
        self.file = file
        self.line = line
