"""Errors the service answers with a status code and a JSON body (never a traceback)."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """An error a client caused; ``status`` is the HTTP status, ``extra`` is merged into the JSON body."""

    status = 400

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"detail": self.detail, **self.extra}


class NotFound(ServiceError):
    status = 404


class Forbidden(ServiceError):
    status = 403


class Conflict(ServiceError):
    """A state conflict: e.g. editing a final report, or signing with blocking checks open."""

    status = 409


class Invalid(ServiceError):
    status = 422


class Gone(ServiceError):
    status = 410
