"""Helpers shared by the structuring tests."""

from __future__ import annotations

from radpilot import structure

Placed = tuple[str, str, str | None, str | None]


def placed(text: str) -> list[Placed]:
    """(code, assertion, side, place) of each finding of ``text``, in order."""
    return [
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None, f.location)
        for f in structure(text).findings
    ]


def asserted(text: str) -> list[tuple[str, str]]:
    """(code, assertion) of each finding of ``text``, in order."""
    return [(f.code, f.assertion.value) for f in structure(text).findings]
