"""RadPilot: an open-source reporting copilot for radiology.

``radpilot.structure(text)`` reads a report into a ``StructuredReport`` (findings with assertion, laterality,
location, size, severity and change).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from radpilot import compiled as _compiled

__version__ = "0.1.0"

# the compiled hot path, where a build matching the source is present (see radpilot.compiled)
_compiled.install()

if TYPE_CHECKING:
    from radpilot.report import StructuredReport

    def structure(text: str) -> StructuredReport:
        """Structure one report with the default lexicon and rules."""
        ...

else:

    def __getattr__(name: str) -> object:
        # ``radpilot.structure`` is the structuring subpackage, which is callable: ``radpilot.structure(text)``
        # (a function of the same name here would be replaced by the subpackage once that is imported)
        if name == "structure":
            import importlib

            return importlib.import_module("radpilot.structure")
        raise AttributeError(f"module 'radpilot' has no attribute {name!r}")


__all__ = ["__version__", "structure"]
