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


def sides(text: str) -> dict[str, set[str | None]]:
    """code -> the sides of its findings that are there (present or uncertain)."""
    out: dict[str, set[str | None]] = {}
    for f in structure(text).findings:
        if f.assertion.value != "absent":
            out.setdefault(f.code, set()).add(f.laterality.value if f.laterality else None)
    return out


def report_codes(text: str) -> dict[str, str]:
    """code -> the report-level assertion."""
    return {c: f.assertion.value for c, f in structure(text).by_code().items()}
