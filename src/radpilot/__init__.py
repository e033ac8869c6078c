"""RadPilot: an open-source reporting copilot for radiology.

``radpilot.structure(text)`` reads a report into a ``StructuredReport`` (findings with assertion, laterality,
location, size, severity and change).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from radpilot.report import StructuredReport


def structure(text: str) -> StructuredReport:
    """Structure one report with the default lexicon and rules."""
    from radpilot.structure import structure as _structure

    return _structure(text)


__all__ = ["__version__", "structure"]
