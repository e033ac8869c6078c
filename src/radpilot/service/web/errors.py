"""Errors the web pages answer with an HTML page (the API's errors stay JSON)."""

from __future__ import annotations


class PageError(Exception):
    """A page that cannot be shown: ``status`` and a message for a person (no stack trace, no patient data)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
