"""Text -> findings: the deterministic structuring engine that every other part reads reports through."""

from radpilot.structure.datafiles import DataFileError
from radpilot.structure.engine import StructuringEngine, default_engine, structure
from radpilot.structure.lexicon import Lexicon, Observation, ancestors, default_lexicon, load_lexicon

__all__ = [
    "DataFileError",
    "Lexicon",
    "Observation",
    "StructuringEngine",
    "ancestors",
    "default_engine",
    "default_lexicon",
    "load_lexicon",
    "structure",
]
