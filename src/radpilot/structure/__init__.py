"""Text -> findings: the deterministic structuring engine that every other part reads reports through.

The package shares its name with the API function ``radpilot.structure(text)``: once this subpackage is imported,
Python binds ``radpilot.structure`` to it, so the subpackage itself is callable the same way.
"""

import importlib
import sys
import types
from collections.abc import Callable

from radpilot.report import StructuredReport
from radpilot.structure.datafiles import DataFileError
from radpilot.structure.engine import WEIGHED_AGAINST, StructuringEngine, default_engine, structure
from radpilot.structure.lexicon import (
    Lexicon,
    Observation,
    ancestors,
    body_part,
    default_lexicon,
    load_lexicon,
)


class _CallableModule(types.ModuleType):
    def __call__(self, text: str) -> StructuredReport:
        """``radpilot.structure(text)``: structure one report with the default lexicon and rules."""
        return structure(text)

    def __reduce__(self) -> tuple[Callable[[str], types.ModuleType], tuple[str]]:
        # pickled by name, so that ``pool.map(radpilot.structure, texts)`` works in worker processes
        return (importlib.import_module, (self.__name__,))


sys.modules[__name__].__class__ = _CallableModule

__all__ = [
    "WEIGHED_AGAINST",
    "DataFileError",
    "Lexicon",
    "Observation",
    "StructuringEngine",
    "ancestors",
    "body_part",
    "default_engine",
    "default_lexicon",
    "load_lexicon",
    "structure",
]
