"""ConText-style modifiers, attribute words and the engine's clinical word lists (data files ``modifiers.yaml``,
``attributes.yaml`` and ``context_words.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from radpilot.structure.datafiles import DataFileError, StrictModel, load_entries, load_mapping
from radpilot.structure.lexicon import tokenize_phrase


class Category(StrEnum):
    NEGATED = "negated"  # -> absent
    UNCERTAIN = "uncertain"  # -> uncertain, unless negated
    UNCERTAIN_OVERRIDE = "uncertain_override"  # -> uncertain even when negated ("cannot exclude", "no new")
    HISTORICAL = "historical"  # -> context historical, never present
    HYPOTHETICAL = "hypothetical"  # -> context hypothetical ("evaluate for", "to rule out")
    INDICATION = "indication"
    TERMINATE = "terminate"  # ends the scope of other modifiers ("but", "however", "which")
    PSEUDO = "pseudo"  # looks like a modifier but is not ("no change", "not only"): consumed, no effect


class Direction(StrEnum):
    FORWARD = "forward"  # modifies targets after it
    BACKWARD = "backward"  # modifies targets before it
    BIDIRECTIONAL = "bidirectional"
    NONE = "none"  # terminators and pseudo-modifiers


class ModifierEntry(StrictModel):
    literals: list[str] = Field(min_length=1)
    category: Category
    direction: Direction
    max_scope: int | None = Field(default=None, ge=0, le=60)
    note: str | None = None
    # the words introduce an interpretation of the finding before them ("opacity in the left base compatible with
    # scarring"): the interpretation is placed where that finding is; uncertainty cues always do
    interprets: bool = False
    # words right after which the modifier does not count ("no evidence the heart is enlarged": "the heart is"
    # starts a new statement only when it is not what a cue before it is about)
    not_after: list[str] = Field(default_factory=list)
    # the cue hedges only a reading of what is seen, the finding named after "consistent with", "represents" and
    # the like, across commas and those words ("in the appropriate clinical setting, the opacity is consistent with
    # pneumonia": the opacity is there, the pneumonia uncertain)
    of_reading: bool = False
    # words the cue's scope does not reach across to a finding ("small pneumothorax after chest tube removal": a
    # removal is the device's, not what was said before "after" it)
    not_across: list[str] = Field(default_factory=list)
    # a denial that only says the finding was not seen for certain ("not definitely seen", "not well seen"): a hedge
    # on the same mention wins ("possible tiny dissection flap, not definitely seen on delayed images": uncertain)
    yields_to_hedge: bool = False
    # the cue means what its category says only when it opens the sentence ("Clinical concern for PE. No PE.");
    # elsewhere it is the radiologist's hedge ("findings raise clinical concern for cholecystitis"), and it reaches
    # only the first finding after it
    opening_only: bool = False

    @model_validator(mode="after")
    def _direction_fits(self) -> ModifierEntry:
        structural = self.category in (Category.TERMINATE, Category.PSEUDO)
        if structural != (self.direction is Direction.NONE):
            raise ValueError("terminate and pseudo modifiers take direction 'none'; the others need one")
        if self.of_reading and structural:
            raise ValueError(
                "of_reading is for a cue (negated, uncertain, ...), not a terminate or pseudo entry"
            )
        if self.yields_to_hedge and self.category is not Category.NEGATED:
            raise ValueError("yields_to_hedge is for a negated entry")
        if self.opening_only and structural:
            raise ValueError(
                "opening_only is for a cue (indication, hypothetical, ...), not a terminate or pseudo entry"
            )
        for lit in self.literals:
            if not tokenize_phrase(lit):
                raise ValueError(f"literal {lit!r} has no words")
        return self


@dataclass(frozen=True, slots=True)
class Modifier:
    literal: str
    category: Category
    direction: Direction
    max_scope: int | None
    interprets: bool = False
    not_after: frozenset[str] = frozenset()
    of_reading: bool = False
    not_across: frozenset[str] = frozenset()
    yields_to_hedge: bool = False
    opening_only: bool = False


class AttributeEntry(StrictModel):
    phrases: list[str] = Field(min_length=1)
    laterality: Literal["left", "right", "bilateral"] | None = None
    location: str | None = None
    severity: Literal["trace", "small", "mild", "moderate", "large", "severe"] | None = None
    change: Literal["new", "stable", "improved", "worsened", "resolved"] | None = None

    @model_validator(mode="after")
    def _sets_something(self) -> AttributeEntry:
        if not any((self.laterality, self.location, self.severity, self.change)):
            raise ValueError("an attribute entry must set laterality, location, severity or change")
        return self


@dataclass(frozen=True, slots=True)
class Attribute:
    laterality: str | None
    location: str | None
    severity: str | None
    change: str | None


def _data(name: str) -> Path:
    return Path(str(resources.files("radpilot.structure") / "data" / name))


def load_modifiers(path: str | Path | None = None) -> dict[tuple[str, ...], Modifier]:
    p = Path(path) if path else _data("modifiers.yaml")
    table: dict[tuple[str, ...], Modifier] = {}
    for entry, line in load_entries(p, "modifiers", ModifierEntry):
        for lit in entry.literals:
            toks = tokenize_phrase(lit)
            if toks in table and table[toks].category != entry.category:
                raise DataFileError(
                    p, f"field 'literals': {lit!r} is already a {table[toks].category} modifier", line, lit
                )
            table[toks] = Modifier(
                lit,
                entry.category,
                entry.direction,
                entry.max_scope,
                entry.interprets or entry.category is Category.UNCERTAIN,
                frozenset(w.lower() for w in entry.not_after),
                entry.of_reading,
                frozenset(w.lower() for w in entry.not_across),
                entry.yields_to_hedge,
                entry.opening_only,
            )
    return table


def load_attributes(path: str | Path | None = None) -> dict[tuple[str, ...], Attribute]:
    p = Path(path) if path else _data("attributes.yaml")
    table: dict[tuple[str, ...], Attribute] = {}
    for entry, line in load_entries(p, "attributes", AttributeEntry):
        attr = Attribute(entry.laterality, entry.location, entry.severity, entry.change)
        for phrase in entry.phrases:
            toks = tokenize_phrase(phrase)
            if toks in table and table[toks] != attr:
                raise DataFileError(
                    p, f"field 'phrases': {phrase!r} is already listed with another value", line, phrase
                )
            table[toks] = attr
    return table


@cache
def default_modifiers() -> dict[tuple[str, ...], Modifier]:
    return load_modifiers()


@cache
def default_attributes() -> dict[tuple[str, ...], Attribute]:
    return load_attributes()


class ContextWords(StrictModel):
    """Clinical words the engine's rules look for beyond the lexicon, modifiers and attributes (see the comments
    in ``context_words.yaml``)."""

    not_real: list[str] = Field(min_length=1)
    bone_places: list[str] = Field(min_length=1)
    spine_only: list[str]
    organs_outside_lung: list[str]
    change_words: list[str] = Field(min_length=1)
    spine_words: list[str] = Field(min_length=1)
    tip_lines: list[str] = Field(min_length=1)
    tip_leads: list[str]
    region_places: dict[str, str | None] = Field(min_length=1)
    organ_headings: dict[str, str] = Field(default_factory=dict)
    affirming: list[str] = Field(min_length=1)
    affirming_after: list[str] = Field(default_factory=list)
    lasting: list[str]
    before_words: list[str] = Field(min_length=1)
    heart_places: dict[str, Literal["left", "right"]] = Field(default_factory=dict)
    lung_places: list[str] = Field(default_factory=list)
    outside_chest: list[str] = Field(default_factory=list)
    exam_places: dict[str, str] = Field(default_factory=dict)
    body_wall_places: list[str] = Field(default_factory=list)
    chestless_studies: list[str] = Field(default_factory=list)
    chest_only_codes: list[str] = Field(default_factory=list)
    not_degrees: list[str] = Field(default_factory=list)
    midline_parts: list[str] = Field(default_factory=list)
    features: list[str] = Field(default_factory=list)
    ovary_codes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _lowercase_words(self) -> ContextWords:
        # matched a token at a time, except not_real's pairs ("fat pad")
        for name, most in (
            ("not_real", 2),
            ("bone_places", 1),
            ("change_words", 1),
            ("spine_words", 1),
            ("affirming", 1),
            ("before_words", 1),
        ):
            bad = [w for w in getattr(self, name) if w != w.lower() or not w.strip() or len(w.split()) > most]
            if bad:
                words = "one lower-case word" if most == 1 else "one or two lower-case words"
                raise ValueError(f"field '{name}': {bad[0]!r} is not {words}")
        places = set(self.exam_places.values())
        for name in ("body_wall_places", "chestless_studies"):
            unplaced = [p for p in getattr(self, name) if p not in places]
            if unplaced:
                raise ValueError(f"field '{name}': {unplaced[0]!r} is no place of exam_places")
        return self


def load_context_words(path: str | Path | None = None) -> ContextWords:
    return load_mapping(Path(path) if path else _data("context_words.yaml"), ContextWords)


@cache
def default_context_words() -> ContextWords:
    return load_context_words()
