"""The observation lexicon (data files under ``structure/data/lexicon/*.yaml``).

Each entry names an observation by ``code`` with its display name, synonyms (radiologist words), lay synonyms
(patient words, so that a lay rewrite can be read back by the same engine), compound patterns for statements
such as "the heart is enlarged" / "heart size is normal", exclusions, and RadLex/SNOMED ids.

Phrases are matched on tokens, not characters: "pleural   effusion", "Pleural-effusion" and "pleural effusions"
all match the phrase ``pleural effusion``. A final ``*`` makes the last token a prefix ("atelecta*").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from pydantic import Field, field_validator

from radpilot.structure.datafiles import DataFileError, StrictModel, load_entries
from radpilot.structure.matcher import plain_words

AssertionName = Literal["present", "absent", "uncertain"]

_TOKEN_RE = re.compile(r"\d+(?:\.\d+)+|[a-z0-9]+(?:'[a-z0-9]+)*\*?|[;:,()/?]|[<>](?=[ \t]*\d)")


def tokenize_phrase(phrase: str) -> tuple[str, ...]:
    toks = _TOKEN_RE.findall(phrase.lower())
    if "your" in toks or "than" in toks:
        plain_words(toks)  # (as the text's words are read: structure/matcher.py)
    return tuple(toks)


# "<side>" in a phrase stands for the ways a side is written inside lay phrases:
# "fluid around <side> lung" matches "fluid around the left lung", "fluid around both lungs", ...
SIDE_FORMS = ("the", "the left", "the right", "both", "left", "right", "the left and right")


def expand_phrase(phrase: str) -> list[str]:
    if "<side>" not in phrase:
        return [phrase]
    return [phrase.replace("<side>", form) for form in SIDE_FORMS]


class Compound(StrictModel):
    """A subject and a predicate within ``window`` tokens of each other in one clause.

    ``assertion`` is what the statement asserts: "heart ... enlarged" -> present; "heart size ... normal"
    -> absent (organ-size statements stated normal, within normal limits or at the upper limits of normal).
    """

    subject: list[str] = Field(min_length=1)
    predicate: list[str] = Field(min_length=1)
    assertion: AssertionName = "present"
    window: int = Field(default=6, ge=1, le=20)
    either_order: bool = False
    # the subject's own finding stays beside the statement ("lucency surrounding the left S1 pedicle screw, concerning
    # for loosening": a possibly loose screw, and the screw); by default it gives way ("calcified aorta")
    keeps_subject: bool = False


class BySize(StrictModel):
    """A structure named with its size and no word of its own that is this finding when its short axis reaches a
    limit ("a 12 mm right paratracheal lymph node": RECIST 1.1 calls a node of >= 10 mm short axis pathological).
    The short axis is the smallest stated dimension; a single stated dimension is taken as the short axis, as
    nodes are measured. ``limits`` gives other limits where a word just before the subject names the station
    ("inguinal": 15)."""

    subject: list[str] = Field(min_length=1)
    short_axis_mm: float = Field(gt=0, le=100)
    limits: dict[str, float] = Field(default_factory=dict)
    # read only in a sentence that names no other finding: a size said with another finding of the structure is that
    # finding's ("intramural hematoma of the descending thoracic aorta measuring 9 mm in thickness")
    alone: bool = False

    @field_validator("limits")
    @classmethod
    def _limits_are_sizes(cls, v: dict[str, float]) -> dict[str, float]:
        for word, mm in v.items():
            if len(tokenize_phrase(word)) != 1:
                raise ValueError(f"limit word {word!r} must be one word")
            if not 0 < mm <= 100:
                raise ValueError(f"limit for {word!r} must be between 0 and 100 mm, not {mm}")
        return v


# Degree words that may stand before any predicate of a compound ("the heart is markedly enlarged").
DEGREE_ADVERBS = (
    "mildly",
    "moderately",
    "markedly",
    "severely",
    "slightly",
    "minimally",
    "massively",
    "significantly",
    "somewhat",
    "extremely",
)


class ObservationEntry(StrictModel):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str = Field(min_length=1)
    category: str = "other"
    synonyms: list[str] = Field(default_factory=list)
    lay: list[str] = Field(default_factory=list)
    compounds: list[Compound] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    radlex: str | None = Field(default=None, pattern=r"^RID\d+$")
    snomed: str | None = Field(default=None, pattern=r"^\d{6,18}$")
    chexpert: str | None = None
    description: str | None = None
    # words that, within ``exclude_window`` tokens in the same sentence, show a mention is not this observation
    # ("density overlying the 4th rib" is not a lung opacity)
    exclude_near: list[str] = Field(default_factory=list)
    exclude_window: int = Field(default=6, ge=1, le=20)
    # words that anywhere in the mention's sentence show it is not this observation, however the sentence's clauses
    # run ("complex cystic adnexal mass containing an echogenic mural nodule with shadowing calcification, a
    # fat-fluid level and ...": a dermoid's fat, no joint's)
    exclude_in_sentence: list[str] = Field(default_factory=list)
    # ... unless one of these words stands in the sentence too ("Fat-fluid level in the knee joint; the ovaries are not
    # imaged")
    keep_in_sentence: list[str] = Field(default_factory=list)
    # words that keep a mention this observation when it is said of them, whatever ``exclude_near`` word is near
    # ("old rib fractures, pacemaker leads in place": the fracture is the rib's)
    keep_near: list[str] = Field(default_factory=list)
    # broader observations this one is a kind of ("endotracheal_tube" is_a "support_device")
    is_a: list[str] = Field(default_factory=list)
    # observations whose report-level presence makes a study abnormal; False for e.g. support devices
    abnormal: bool = True
    # False for midline structures that have no side (the heart, the mediastinum, a hiatal hernia): a side word
    # near them ("right and left atrial enlargement with cardiomegaly") is not theirs
    sided: bool = True
    # at these places a mention is another observation: a "lesion" of a rib is a bone lesion, not a lung mass
    # (place -> code; places are the attribute file's locations)
    becomes_at: dict[str, str] = Field(default_factory=dict)
    # the only places this observation can be (empty: any); a place said near it that is not one of them is
    # another finding's ("degenerative changes of the spine and both shoulders": not the spine's shoulders)
    places: list[str] = Field(default_factory=list)
    # False for findings of the lungs as a whole (low lung volumes, hyperinflation): a place said with them ("lower
    # lung volumes", "hyperinflated upper lobes") is no place of theirs
    placed: bool = True
    # when a structure named with its size is this finding (a lymph node of >= 10 mm short axis)
    by_size: BySize | None = None
    # synonyms that say two findings in one word (synonym -> the other code): a hemopneumothorax is blood and air
    # in the pleural space, so it is a pneumothorax too
    also_says: dict[str, str] = Field(default_factory=dict)
    # synonyms that name a sign of this observation on the images, not the observation itself: a sign hedged as
    # the observation ("loss of grey-white differentiation, concerning for acute infarct") leaves it uncertain
    signs: list[str] = Field(default_factory=list)
    # True where the observation's statements and synonyms also name its signs ("dilatation of the temporal horns" for
    # hydrocephalus, a rim-enhancing collection for an abscess): a hedged reading of it later in the sentence, across
    # the sign's own description, hedges them too ("..., suspicious for developing hydrocephalus"); ``signs`` is the
    # narrower rule for named sign phrases right before their hedge
    read_from_signs: bool = False

    @field_validator("synonyms", "lay", "exclude", "exclude_in_sentence", "keep_in_sentence")
    @classmethod
    def _phrases_have_words(cls, v: list[str]) -> list[str]:
        for p in v:
            if not tokenize_phrase(p.replace("<side>", "")):
                raise ValueError(f"phrase {p!r} has no words")
        return v


@dataclass(frozen=True, slots=True)
class Observation:
    code: str
    name: str
    category: str
    radlex: str | None
    snomed: str | None
    abnormal: bool
    lay: tuple[str, ...]
    synonyms: tuple[str, ...]
    is_a: tuple[str, ...] = ()
    exclude_near: tuple[tuple[str, ...], ...] = ()
    exclude_window: int = 6
    exclude_in_sentence: tuple[tuple[str, ...], ...] = ()
    keep_in_sentence: tuple[tuple[str, ...], ...] = ()
    keep_near: tuple[tuple[str, ...], ...] = ()
    sided: bool = True
    becomes_at: tuple[tuple[str, str], ...] = ()
    places: frozenset[str] = frozenset()
    placed: bool = True
    # synonym tokens (and their plurals) -> the other code they also say (``ObservationEntry.also_says``)
    also_says: Mapping[tuple[str, ...], str] = field(default_factory=lambda: MappingProxyType({}))
    # the tokens of the synonyms that are signs of it (and their plurals; ``ObservationEntry.signs``)
    signs: frozenset[tuple[str, ...]] = frozenset()
    read_from_signs: bool = False  # ``ObservationEntry.read_from_signs``


@dataclass(frozen=True, slots=True)
class Lexicon:
    observations: dict[str, Observation]
    # phrase tokens -> ("target", code) | ("exclude", code) | ("subject"|"predicate", compound index)
    # | ("sized", by_size index)
    phrases: dict[tuple[str, ...], tuple[tuple[str, str | int], ...]]
    compounds: tuple[tuple[str, AssertionName, int, bool], ...]  # (code, assertion, window, either_order)
    sources: tuple[str, ...]
    # the codes whose statements keep their subject's own finding (``Compound.keeps_subject``)
    keeps_subject: frozenset[str] = frozenset()
    # ``BySize`` rules by index (phrase items ("sized", index)): (code, short-axis limit in mm, {station word: mm}, alone)
    by_size: tuple[tuple[str, float, Mapping[str, float], bool], ...] = ()


def _forms(phrase: str) -> list[tuple[str, ...]]:
    """A phrase's tokens and their plurals."""
    toks = tokenize_phrase(phrase)
    return [toks, *_plurals(toks)]


def _plurals(tokens: tuple[str, ...]) -> list[tuple[str, ...]]:
    last = tokens[-1]
    if last.endswith("*") or not last.isalpha() or len(last) < 3:
        return []
    # (not a second "s" after one: "mass" is no "masss", which a typist's "masss effect" would then not be read for)
    forms = set() if last.endswith("s") else {last + "s"}
    if last.endswith("y") and last[-2] not in "aeiou":
        forms.add(last[:-1] + "ies")
    if last.endswith(("s", "x", "ch", "sh")):
        forms.add(last + "es")
    if last.endswith("is"):
        forms.add(last[:-2] + "es")
    if last.endswith("x"):
        forms.add(last[:-1] + "ces")
    if last.endswith("us"):
        forms.add(last[:-2] + "i")
    if last.endswith("um"):
        forms.add(last[:-2] + "a")
    return [(*tokens[:-1], f) for f in forms]


def _add_item(
    phrases: dict[tuple[str, ...], list[tuple[str, str | int]]],
    forms: Iterable[tuple[str, ...]],
    item: tuple[str, str | int],
) -> None:
    """Give each phrase form the item (an exclusion, a statement's part, a sized structure) once."""
    for form in forms:
        items = phrases.setdefault(form, [])
        if item not in items:
            items.append(item)


def lexicon_files() -> list[Path]:
    base = resources.files("radpilot.structure") / "data" / "lexicon"
    return sorted(Path(str(p)) for p in base.iterdir() if p.name.endswith((".yaml", ".yml")))


def load_lexicon(paths: Iterable[str | Path] | None = None) -> Lexicon:
    """Load and validate lexicon files; a duplicate code or a phrase claimed by two codes is an error."""
    files = [Path(p) for p in paths] if paths is not None else lexicon_files()
    observations: dict[str, Observation] = {}
    phrases: dict[tuple[str, ...], list[tuple[str, str | int]]] = {}
    degree_forms: dict[tuple[str, ...], tuple[str, ...]] = {}  # "markedly enlarged" -> "enlarged"
    compounds: list[tuple[str, AssertionName, int, bool]] = []
    keeps_subject: set[str] = set()
    by_size: list[tuple[str, float, Mapping[str, float], bool]] = []
    owner: dict[tuple[str, ...], tuple[str, Path, int | None]] = {}

    source_of: dict[str, tuple[Path, int | None]] = {}
    weak: set[tuple[str, ...]] = set()  # generated plural forms, which an explicit synonym may take over

    def claim(
        tokens: tuple[str, ...], code: str, path: Path, line: int | None, generated: bool = False
    ) -> None:
        prev = owner.get(tokens)
        if prev is not None and prev[0] != code:
            if generated:
                return
            if tokens not in weak:
                raise DataFileError(
                    path,
                    f"field 'synonyms': phrase {' '.join(tokens)!r} is already a synonym of "
                    f"'{prev[0]}' ({prev[1].name}:{prev[2]})",
                    line=line,
                    entry=code,
                )
            phrases[tokens] = [it for it in phrases[tokens] if it != ("target", prev[0])]
        if prev is None or prev[0] != code or not generated:
            owner[tokens] = (code, path, line)
            if generated:
                weak.add(tokens)
            else:
                weak.discard(tokens)
        items = phrases.setdefault(tokens, [])
        if ("target", code) not in items:
            items.append(("target", code))

    for path in files:
        for entry, line in load_entries(path, "observations", ObservationEntry):
            if entry.code in observations:
                raise DataFileError(path, f"duplicate code '{entry.code}'", line=line, entry=entry.code)
            source_of[entry.code] = (path, line)
            observations[entry.code] = Observation(
                code=entry.code,
                name=entry.name,
                category=entry.category,
                radlex=entry.radlex,
                snomed=entry.snomed,
                abnormal=entry.abnormal,
                lay=tuple(entry.lay),
                synonyms=tuple(entry.synonyms),
                is_a=tuple(entry.is_a),
                exclude_near=tuple(tokenize_phrase(p) for p in entry.exclude_near),
                exclude_window=entry.exclude_window,
                exclude_in_sentence=tuple(tokenize_phrase(p) for p in entry.exclude_in_sentence),
                keep_in_sentence=tuple(tokenize_phrase(p) for p in entry.keep_in_sentence),
                keep_near=tuple(tokenize_phrase(p) for p in entry.keep_near),
                sided=entry.sided,
                becomes_at=tuple(entry.becomes_at.items()),
                places=frozenset(entry.places),
                placed=entry.placed,
                also_says=MappingProxyType(
                    {form: other for phrase, other in entry.also_says.items() for form in _forms(phrase)}
                ),
                signs=frozenset(form for phrase in entry.signs for form in _forms(phrase)),
                read_from_signs=entry.read_from_signs,
            )
            for field_name, listed in (("also_says", list(entry.also_says)), ("signs", entry.signs)):
                for said in listed:
                    if said not in entry.synonyms:
                        raise DataFileError(
                            path,
                            f"field '{field_name}': {said!r} is not one of its synonyms",
                            line=line,
                            entry=entry.code,
                        )
            for phrase in [p for raw in (*entry.synonyms, *entry.lay) for p in expand_phrase(raw)]:
                toks = tokenize_phrase(phrase)
                claim(toks, entry.code, path, line)
                for form in _plurals(toks):
                    claim(form, entry.code, path, line, generated=True)
            for phrase in entry.exclude:
                toks = tokenize_phrase(phrase)
                _add_item(phrases, [toks, *_plurals(toks)], ("exclude", entry.code))
                # (an excluded phrase is no plural made of its own synonym: "menisci" of the pleura's "meniscus")
                if toks in weak and owner.get(toks, ("",))[0] == entry.code:
                    phrases[toks] = [it for it in phrases[toks] if it != ("target", entry.code)]
                    del owner[toks]
                    weak.discard(toks)
            if entry.by_size is not None:
                idx = len(by_size)
                limits = {tokenize_phrase(w)[0]: mm for w, mm in entry.by_size.limits.items()}
                by_size.append(
                    (entry.code, entry.by_size.short_axis_mm, MappingProxyType(limits), entry.by_size.alone)
                )
                for phrase in entry.by_size.subject:
                    toks = tokenize_phrase(phrase)
                    _add_item(phrases, [toks, *_plurals(toks)], ("sized", idx))
            for comp in entry.compounds:
                if comp.keeps_subject:
                    keeps_subject.add(entry.code)
                idx = len(compounds)
                compounds.append((entry.code, comp.assertion, comp.window, comp.either_order))
                for role, plist in (("subject", comp.subject), ("predicate", comp.predicate)):
                    for phrase in plist:
                        toks = tokenize_phrase(phrase)
                        if role == "subject":
                            forms = [toks, *_plurals(toks)]
                        elif comp.assertion == "present" and toks[0] not in DEGREE_ADVERBS:
                            # "markedly enlarged" is still "enlarged": a degree word must not hide the predicate
                            # behind a longer phrase another compound lists
                            degreed = [(adv, *toks) for adv in DEGREE_ADVERBS]
                            forms = [toks, *degreed]
                            degree_forms.update((form, toks) for form in degreed)
                        else:
                            forms = [toks]
                        _add_item(phrases, forms, (role, idx))
    # a longer phrase that ends with a sized structure names it too ("hilar lymph node", a statement's subject)
    if by_size:
        sized_tails = {form: items for form, items in phrases.items() if any(k == "sized" for k, _ in items)}
        for form, items in phrases.items():
            if any(k in ("target", "sized") for k, _ in items):
                continue
            for k in range(1, len(form)):
                tail = sized_tails.get(form[k:])
                if tail is not None:
                    items.extend(it for it in tail if it[0] == "sized")
                    break
    # ... unless the bare predicate is itself a finding ("slightly hyperinflated lungs": hyperinflation), which
    # the longer phrase would hide
    for form, bare in degree_forms.items():
        if any(kind == "target" for kind, _ in phrases.get(bare, [])) and all(
            kind == "predicate" for kind, _ in phrases.get(form, [])
        ):
            phrases.pop(form, None)
    for obs in observations.values():
        for parent in obs.is_a:
            if parent not in observations:
                src_path, src_line = source_of[obs.code]
                raise DataFileError(src_path, f"field 'is_a': unknown code '{parent}'", src_line, obs.code)
        for other in set(obs.also_says.values()):
            if other not in observations:
                src_path, src_line = source_of[obs.code]
                raise DataFileError(
                    src_path, f"field 'also_says': unknown code '{other}'", src_line, obs.code
                )
        for place, other in obs.becomes_at:
            if other not in observations:
                src_path, src_line = source_of[obs.code]
                raise DataFileError(
                    src_path, f"field 'becomes_at' ({place}): unknown code '{other}'", src_line, obs.code
                )
    if not observations:
        raise DataFileError(
            ", ".join(str(f) for f in files) or "(no files)", "the lexicon has no observations"
        )
    return Lexicon(
        observations=observations,
        phrases={k: tuple(v) for k, v in phrases.items()},
        compounds=tuple(compounds),
        sources=tuple(str(f) for f in files),
        keeps_subject=frozenset(keeps_subject),
        by_size=tuple(by_size),
    )


# the categories of the chest's parts, which are one part of the body for readings that must stay in one
_CHEST_CATEGORIES = frozenset({"lung", "pleura", "airway"})


def body_part(category: str) -> str:
    """The part of the body an observation's category is in: the lung, pleura and airway are all the chest."""
    return "chest" if category in _CHEST_CATEGORIES else category


def ancestors(lexicon: Lexicon, code: str) -> set[str]:
    """The code and every broader code it is a kind of."""
    seen = {code}
    stack = [code]
    while stack:
        obs = lexicon.observations.get(stack.pop())
        for parent in obs.is_a if obs else ():
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return seen


@cache
def default_lexicon() -> Lexicon:
    return load_lexicon()
