"""The patient glossary and letter wording, as data files per language (``patient/data/*_{lang}.*``).

- ``glossary_{lang}.yaml``: radiology terms (as written in reports) -> plain words and a one-sentence
  explanation; position and location words; severity, change and certainty wording; measurement units and
  exact everyday size comparisons; recommendation tests. Validated by pydantic at load: a bad entry names
  the file, the line, the entry and the field.
- ``letter_{lang}.yaml``: the letter's headings and sentence templates.
- ``plain_words_{lang}.txt``: the plain-word list for the jargon ratio (one word a line, ``#`` comments).

Adding a language is adding these three files; nothing in the code names a language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from radpilot.structure.datafiles import DataFileError, StrictModel, load_entries, load_mapping
from radpilot.structure.lexicon import tokenize_phrase

Side = Literal["left", "right", "bilateral"]
Severity = Literal["trace", "small", "mild", "moderate", "large", "severe"]
ChangeName = Literal["new", "stable", "improved", "worsened", "resolved"]


class TermEntry(StrictModel):
    """One glossary term. ``term``/``also`` are matched in the (English) report; the rest is in the language
    of the file. ``local`` is the technical term in that language when it differs from ``term``."""

    term: str = Field(min_length=1)
    also: list[str] = Field(default_factory=list)
    code: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$")
    local: str | None = None
    plain: str = Field(min_length=1)
    countable: bool = True
    gender: Literal["m", "f"] | None = None
    explain: str = Field(min_length=1)
    priority: int = Field(default=5, ge=1, le=9)
    # a kind of the finding with this code, told in its own words where the report names it so ("biopsy clip" is a
    # surgical_clips finding, told as a marker placed at a biopsy, not as "metal clips from surgery")
    kind_of: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$")
    # the plain words for several of them, without an article ("fluid-filled sacs in the liver"): told where the
    # report says there are several ("multiple hepatic cysts", "several cysts", "innumerable cysts")
    plural: str | None = None

    @field_validator("term", "also")
    @classmethod
    def _has_words(cls, v: str | list[str]) -> str | list[str]:
        for p in [v] if isinstance(v, str) else v:
            if not tokenize_phrase(p):
                raise ValueError(f"phrase {p!r} has no words")
        return v

    @field_validator("explain")
    @classmethod
    def _one_sentence(cls, v: str) -> str:
        body = v.strip()
        if body[-1] not in ".!?":
            raise ValueError("the explanation must be one sentence ending with a period")
        if any(body[i] in ".!?" and body[i + 1] == " " for i in range(len(body) - 1)):
            raise ValueError("the explanation must be one sentence, not several")
        return body


class Comparison(StrictModel):
    """An everyday comparison that is exactly true for every size below ``below_mm``."""

    below_mm: float = Field(gt=0)
    text: str = Field(min_length=1)


class Measurements(StrictModel):
    units: dict[Literal["mm", "cm"], str]
    comparisons: list[Comparison] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ascending(self) -> Measurements:
        bounds = [c.below_mm for c in self.comparisons]
        if bounds != sorted(bounds):
            raise ValueError("field 'comparisons': list them from the smallest below_mm to the largest")
        return self


class Qualifier(StrictModel):
    """A kind of a finding the report names by words beside it ("old healed rib fractures", "perforated
    appendicitis", "hernia ..., concerning for incarceration"), told in its own words: ``plain`` replaces the
    finding's plain words (no article), ``note`` is said after the finding's first sentence. ``words`` (English, as in
    reports) are looked for in the finding's clause and what follows it up to the next finding; ``unless`` words there
    cancel it ("acute" beside "old"); a denied word ("without perforation") is not a qualifier. Where the report hedges
    the words ("concerning for incarceration") the ``*_hedged`` forms are told, and without one nothing is. ``old``: a
    denied new one of the same finding ("No acute fracture.") is told too ("There is no new broken bone.")."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    # (read from the English file; other files give the wording)
    words: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    plain: str | None = None
    plain_hedged: str | None = None
    note: str | None = None
    note_hedged: str | None = None
    old: bool = False
    # how much the finding matters when the report names this kind of it (a malpositioned IUD before an incidental
    # cyst): its priority in the letter, instead of the term's
    priority: int | None = Field(default=None, ge=1, le=9)

    @model_validator(mode="after")
    def _says_something(self) -> Qualifier:
        if not (self.plain or self.note or self.plain_hedged or self.note_hedged):
            raise ValueError("a qualifier needs plain words or a note")
        return self


class CertaintyEntry(StrictModel):
    """A hedge as written in reports and what it means in plain words."""

    phrase: str = Field(min_length=1)
    plain: str = Field(min_length=1)


class RecommendedTest(StrictModel):
    """A next step a report can name: ``patterns`` find it (in report or lay text), ``plain`` says it."""

    signal: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    patterns: list[str] = Field(default_factory=list)
    plain: str = Field(min_length=1)


class Recommendations(StrictModel):
    triggers: list[str] = Field(default_factory=list)  # words that make a report sentence a recommendation
    not_needed: list[str] = Field(default_factory=list)  # words that make it a next step that is not needed
    # words that say results are not back yet ("pathology pending")
    pending: list[str] = Field(default_factory=list)
    lay_triggers: list[str] = Field(default_factory=list)  # words that make a lay sentence one
    tests: list[RecommendedTest]
    time_units: dict[Literal["day", "week", "month", "year"], list[str]]  # singular, plural


class GlossaryFile(StrictModel):
    language: str = Field(pattern=r"^[a-z]{2}$")
    terms: list[dict[str, Any]]  # validated entry by entry (with line numbers) by load_glossary
    positions: dict[Side, str]
    # nouns of paired body parts a side is said of as an adjective where the language does so ("una mancha en el
    # pulmón derecho", never "... en el pulmón en el lado derecho"): noun -> grammatical gender (m/f), and the side
    # adjective by side and gender
    sided_nouns: dict[str, Literal["m", "f"]] = Field(default_factory=dict)
    side_adjectives: dict[Side, dict[Literal["m", "f"], str]] = Field(default_factory=dict)
    # ... and both sides as the part's plural ("en los dos pulmones", never "en el pulmón en los dos lados"): the
    # plural of each noun, and how its article before it reads for both ("del" -> "de los dos")
    sided_plurals: dict[str, str] = Field(default_factory=dict)
    both_articles: dict[str, str] = Field(default_factory=dict)
    # findings whose side is a direction ("brain pushed to one side toward the left"), and how a direction is said
    directional: list[str] = Field(default_factory=list)
    directions: dict[Side, str] = Field(default_factory=dict)
    locations: dict[str, str]
    severities: dict[Severity, str]
    # a degree for findings that have no size ("moderate hydronephrosis" is "moderate", not "medium in size"): the
    # findings whose degree is a size are listed in `sized`
    degrees: dict[Severity, str] = Field(default_factory=dict)
    sized: list[str] = Field(default_factory=list)
    # an amount for findings whose degree is how much there is ("severe coronary artery calcification": "There is a
    # lot of it.", never "It is severe" or "Es grave", which read as a danger): those findings are in `amount_of`
    amounts: dict[Severity, str] = Field(default_factory=dict)
    amount_of: list[str] = Field(default_factory=list)
    changes: dict[ChangeName, str]
    certainty: list[CertaintyEntry]
    measurements: Measurements
    recommendations: Recommendations
    key_negatives: list[str] = Field(default_factory=list)
    # a denial is not told beside a present or possible finding of its family: a narrower kind of it (the lexicon's
    # is_a: a subarachnoid hemorrhage is bleeding in the brain) or one of its kin listed here, which its plain words
    # cover too ("tiny blood spots in the brain" are bleeding in the brain), or a narrower kind of a kin
    # (read from the English file)
    negative_kin: dict[str, list[str]] = Field(default_factory=dict)
    # words that make a denial narrower than its finding: a degree ("No large pleural effusion" is no "no fluid around
    # the lung"), a kind ("no suspicious nodule", "no displaced fracture", "no intraparenchymal hematoma") or a hedge
    # ("no definite pneumothorax"); such a denial is not told, and the verifier refuses a plain "no X" for it
    # (read from the English file)
    narrow_denials: list[str] = Field(default_factory=list)
    # ... of which these say how far the study could see ("No central pulmonary embolism"): such a denial is told where
    # the report says the study was limited (``limitations``), for the letter says so after it
    extent_denials: list[str] = Field(default_factory=list)
    # words for a midline part ("isthmus"): a finding said of it has no side, and it is its location
    midline: list[str] = Field(default_factory=list)
    # kinds of a finding told in their own words (``Qualifier``), the first that fits wins
    qualifiers: list[Qualifier] = Field(default_factory=list)
    # words for several of a finding in the report ("multiple", "several", "innumerable"): a term with ``plural``
    # words is then told in them
    several: list[str] = Field(default_factory=list)
    # an organ whose size the report gives ("The liver measures 16 cm.", "right kidney: 11.2 cm"), as the report
    # names it -> its plain name in the letter's ``organ_size`` ("your liver", "su hígado")
    organs: dict[str, str] = Field(default_factory=dict)
    # parts of an organ a report names alone under its own sub-header ("RIGHT LOBE: 5.2 x 1.8 x 1.9 cm." of a thyroid
    # ultrasound), per the organ the exam line names -> their plain name with its article in the letter's
    # ``part_size`` ("the right part of your thyroid")
    organ_parts: dict[str, dict[str, str]] = Field(default_factory=dict)
    # sub-headers of a report's parts ("LIVER:", "LYMPH NODES:") -> the place in plain words with its article, for a
    # size said there that no finding owns (``place_size``: "In the part about your liver, ...")
    places: dict[str, str] = Field(default_factory=dict)
    # words that may stand beside an organ's size in a sentence that says no more than the size ("measures",
    # "craniocaudal", "homogeneous"): such a sentence is told by the size (read from the English file)
    size_words: list[str] = Field(default_factory=list)
    # words that say the study could not show everything ("subsegmental evaluation limited by motion", "nondiagnostic
    # for ..."): the letter says so after what it found, so that "no sign of a blood clot" is not surer than the study
    limitations: list[str] = Field(default_factory=list)
    # words that say the results were told to the care team ("discussed with Dr.", "was notified", "critical result
    # called to"): the letter says so (read from the English file)
    communicated: list[str] = Field(default_factory=list)
    # words of a result sentence that is about the exam or the report, not about the patient ("PA and lateral views were
    # obtained.", "End of report."): not counted as a note the letter could not tell (read from the English file)
    not_notes: list[str] = Field(default_factory=list)
    # words of a result sentence that says the patient had an operation before ("Status post right nephrectomy."): the
    # letter says so where the sentence tells nothing else (read from the English file)
    surgery_words: list[str] = Field(default_factory=list)


class LetterText(StrictModel):
    """The letter's fixed wording. ``{thing}`` is a finding in plain words, ``{where}`` its side."""

    language: str = Field(pattern=r"^[a-z]{2}$")
    title: str
    decimal_mark: Literal[".", ","] = "."  # how a size's decimals are written ("4,2 cm" in Spanish)
    urgent: str = ""  # said after a finding the report makes a critical result
    urgent_now: str = ""  # ... a red one (minutes): said instead of ``urgent``
    no_acute: str = ""  # said after the findings when the impression says nothing acute beside them
    # said after the findings when the report says the study was limited (``limitations``)
    limited_note: str = ""
    heading_found: str
    heading_means: str
    heading_next: str
    heading_words: str
    present: str
    present_bare: str
    uncertain: str
    uncertain_bare: str
    # a lesion seen and what the report says it may be, told as one finding ("We see {thing}{where} that may be
    # {other}."); empty: told as two
    present_may_be: str = ""
    present_bare_may_be: str = ""
    absent: str
    absent_bare: str
    not_new: str  # "no new X" in the report: X may be there but nothing new is ("no new pneumothorax")
    location: str
    size: str
    size_compare: str
    # the comparison said in the size's sentence ("It measures 11 mm, which is less than half an inch."); empty: said
    # as a sentence of its own (``size_compare``)
    size_compare_joined: str = ""
    # a degree and a place of one finding said as one sentence ("It is mild and in the bottom part of the lung."):
    # the word that joins them, and the openings the second one drops where both start with it; empty: two sentences
    join_and: str = ""
    join_drop: list[str] = Field(default_factory=list)
    extra_size: str
    # the same for a finding whose plain words are plural ("Vemos puntitos de calcio. Miden 5 mm."); empty: as above
    location_plural: str = ""
    size_plural: str = ""
    # a distance the report gives ("6 cm from the nipple", "4 cm above the carina"), never a finding's size
    extra_distance: str = "{size}"
    # a size the report gives as an earlier one ("4 mm, previously 6 mm"): said of its finding, or apart
    prior_size: str = "{size}"
    extra_prior: str = "{size}"
    # several of a finding ("multiple hepatic cysts"): their sizes, the biggest one's where the report says so
    size_several: str = ""
    size_largest: str = ""
    # an organ's size the report gives ("The liver measures 16 cm."): {organ} from the glossary's ``organs``
    organ_size: str = "{organ} {size}"
    # an organ part's size ("RIGHT LOBE: 5.2 cm" of a thyroid ultrasound): {part} from the glossary's ``organ_parts``
    part_size: str = ""
    # a size said in the part of the report about a place that no finding owns ("LIVER: ... a separate 6 mm focus"):
    # {place} from the glossary's ``places``; empty: said as a measurement (``extra_size``)
    place_size: str = ""
    means_present: str
    means_uncertain: str
    means_generic: str
    certainty_note: str
    # the report raises a concern of cancer ("highly suggestive of malignancy", "BI-RADS 5"): said, never hidden
    concern_note: str
    # the report gives a benign assessment category ("BI-RADS 2", "Lung-RADS 2", "TR1"): said after the findings
    benign_note: str = ""
    # ... a probably-benign category ("BI-RADS 3", "Lung-RADS 3"), never beside a concern of cancer
    probably_benign_note: str = ""
    # cancer already proven by biopsy (BI-RADS 6) and liver cancer definite by imaging (LR-5): said instead of the
    # concern ("could be cancer" would understate it); empty: the concern is said
    proven_note: str = ""
    definite_note: str = ""
    # the report says the disease treated before has not come back, is not left or has not spread ("No evidence of
    # recurrent disease."): a sentence per kind ("recurrence", "residual", "residual_or_recurrence", "spread"), with
    # {what} the report's own noun ("disease", "tumor", "cancer") from ``recurrence_nouns``
    no_recurrence: dict[Literal["recurrence", "residual", "residual_or_recurrence", "spread"], str] = Field(
        default_factory=dict
    )
    recurrence_nouns: dict[Literal["disease", "tumor", "cancer"], str] = Field(default_factory=dict)
    # a mammogram's breast density, in the words the MQSA rule prescribes for the lay summary (21 CFR
    # 900.12(c)(2)(iii)-(iv)): breasts that are almost entirely fatty or have scattered fibroglandular density are
    # "not dense"; heterogeneously or extremely dense breasts are "dense"
    density_not_dense: str = ""
    density_dense: str = ""
    nothing_found: str
    means_nothing_found: str
    other_note_one: str
    other_notes: str
    next_test: str
    next_test_when: str
    next_unknown: str
    next_none: str
    next_not_needed: str
    next_not_needed_one: str  # the same beside other steps: it is said of one finding, not of them
    next_pending: str = ""  # the report says results are not back yet ("Pathology pending.")
    # a step the report makes only for a patient at high risk, or calls optional ("in a high-risk patient, optional CT
    # at 12 months"), and "no follow-up" said only for one at low risk: told with their condition, never as plain
    next_test_if_high_risk: str = ""
    next_test_optional: str = ""
    next_not_needed_if_low_risk: str = ""
    # what the report weighs against the reading it favours ("favor radiation necrosis over tumor recurrence"): told
    # as less likely, not as a plain possibility; empty: told as a possible finding
    less_likely: str = ""
    closing: str
    unknown_thing: str
    word_line: str
    word_line_local: str
    # countable article forms: "a", "an" (en) or "m", "f" (es); "some" (en) or "some_m", "some_f" (es) for several
    articles: dict[str, str]
    normal_phrases: list[str]  # statements that a result is normal ("no acute", "within normal limits")
    # a sub-header's whole body that says its part is normal ("LUNG BASES: Clear.", "FEMORAL VEIN: Compressible.")
    normal_bodies: list[str] = Field(default_factory=list)
    # said after the findings where the report says the results were told to the care team (glossary ``communicated``)
    communicated_note: str = ""
    # said after the findings where a result sentence the letter tells nothing else of says the patient had an operation
    # before (glossary ``surgery_words``: "Status post right nephrectomy.")
    surgery_note: str = ""

    @model_validator(mode="after")
    def _placeholders(self) -> LetterText:
        thing = ("{thing}", "{bare}")
        needs: dict[str, tuple[str, ...]] = {
            "present": thing,
            "present_bare": ("{bare}",),
            "uncertain": thing,
            "uncertain_bare": ("{bare}",),
            "absent": thing,
            "absent_bare": ("{bare}",),
            "not_new": ("{bare}",),
            "location": ("{location}",),
            "size": ("{size}",),
            "size_compare": ("{comparison}",),
            "extra_size": ("{size}",),
            "means_present": ("{explain}",),
            "means_uncertain": ("{explain}",),
            "other_notes": ("{n}",),
            "next_test": ("{test}",),
            "next_test_when": ("{when}",),
            "unknown_thing": ("{name}",),
            "word_line": ("{term}",),
            "word_line_local": ("{local}",),
        }
        if self.less_likely and "{thing}" not in self.less_likely and "{bare}" not in self.less_likely:
            raise ValueError("field 'less_likely': the template must contain {thing} or {bare}")
        for name, options in needs.items():
            if not any(ph in getattr(self, name) for ph in options):
                raise ValueError(f"field '{name}': the template must contain {' or '.join(options)}")
        return self


@dataclass(frozen=True, slots=True)
class Glossary:
    lang: str
    terms: tuple[TermEntry, ...]
    by_code: dict[str, TermEntry]
    by_phrase: dict[tuple[str, ...], TermEntry]
    data: GlossaryFile
    source: str


def data_dir() -> Path:
    return Path(str(resources.files("radpilot.patient") / "data"))


def languages() -> list[str]:
    """Languages with a complete set of data files."""
    base = data_dir()
    out = []
    for p in sorted(base.glob("glossary_*.yaml")):
        lang = p.stem.split("_", 1)[1]
        if (base / f"letter_{lang}.yaml").is_file() and (base / f"plain_words_{lang}.txt").is_file():
            out.append(lang)
    return out


def _require_lang(lang: str) -> None:
    if lang not in languages():
        raise ValueError(f"unknown language '{lang}': available are {', '.join(languages())}")


def load_glossary(path: str | Path, lang: str | None = None) -> Glossary:
    """Load and validate one glossary file; a term or synonym listed twice is an error."""
    p = Path(path)
    data = load_mapping(p, GlossaryFile)
    if lang is not None and data.language != lang:
        raise DataFileError(p, f"field 'language': the file says '{data.language}', expected '{lang}'")
    terms: list[TermEntry] = []
    by_code: dict[str, TermEntry] = {}
    by_phrase: dict[tuple[str, ...], TermEntry] = {}
    for entry, line in load_entries(p, "terms", TermEntry):
        for phrase in [entry.term, *entry.also]:
            toks = tokenize_phrase(phrase)
            prev = by_phrase.get(toks)
            if prev is not None:
                raise DataFileError(
                    p,
                    f"field 'also': {phrase!r} is already listed under '{prev.term}'",
                    line=line,
                    entry=entry.term,
                )
            by_phrase[toks] = entry
        if entry.code is not None:
            if entry.code in by_code:
                raise DataFileError(
                    p,
                    f"field 'code': '{entry.code}' already has the term '{by_code[entry.code].term}'",
                    line=line,
                    entry=entry.term,
                )
            by_code[entry.code] = entry
        terms.append(entry)
    names: set[str] = set()
    for q in data.qualifiers:
        if q.code not in by_code:
            raise DataFileError(
                p, f"field 'qualifiers': no term has the code '{q.code}' (qualifier '{q.name}')"
            )
        if q.name in names:
            raise DataFileError(p, f"field 'qualifiers': the name '{q.name}' is listed twice")
        names.add(q.name)
    for code in data.key_negatives:
        if code not in by_code:
            raise DataFileError(p, f"field 'key_negatives': no term has the code '{code}'")
    for code, kin in data.negative_kin.items():
        for c in (code, *kin):
            if c not in by_code:
                raise DataFileError(p, f"field 'negative_kin': no term has the code '{c}' (under '{code}')")
    return Glossary(data.language, tuple(terms), by_code, by_phrase, data, str(p))


@cache
def glossary(lang: str = "en") -> Glossary:
    _require_lang(lang)
    return load_glossary(data_dir() / f"glossary_{lang}.yaml", lang)


def load_letter_text(path: str | Path, lang: str | None = None) -> LetterText:
    p = Path(path)
    text = load_mapping(p, LetterText)
    if lang is not None and text.language != lang:
        raise DataFileError(p, f"field 'language': the file says '{text.language}', expected '{lang}'")
    return text


@cache
def letter_text(lang: str = "en") -> LetterText:
    _require_lang(lang)
    return load_letter_text(data_dir() / f"letter_{lang}.yaml", lang)


def load_plain_words(path: str | Path) -> frozenset[str]:
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(p, f"cannot read: {exc.strerror or exc}") from exc
    words: set[str] = set()
    for n, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].strip().lower()
        if not line:
            continue
        if " " in line:
            raise DataFileError(p, f"one word a line, got {line!r}", line=n)
        words.add(line)
    if not words:
        raise DataFileError(p, "the plain-word list is empty")
    return frozenset(words)


@cache
def plain_words(lang: str = "en") -> frozenset[str]:
    _require_lang(lang)
    return load_plain_words(data_dir() / f"plain_words_{lang}.txt")
