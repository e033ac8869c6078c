"""The impression, written from the structured findings; a model's impression only when it is verified.

Order (most important first): critical results, then what answers the clinical question (the context's indication,
else the report's own), then new or worsening findings and acute diagnoses, then guideline-actionable findings
(nodules, masses), then the rest, then minor findings (chronic and incidental ones stay in the findings). One item
per finding. Laterality, location, size and certainty are carried over; when nothing is present or uncertain the
exam's usual normal statement is used; guideline recommendations are appended.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from radpilot.draft.style_memory import StyleMemory, site_style, without_numbers
from radpilot.report import Assertion, Change, Finding, Laterality, StructuredReport
from radpilot.structure import DataFileError, StructuringEngine, ancestors, default_engine, default_lexicon
from radpilot.structure.datafiles import StrictModel, load_mapping

ACTIONABLE = frozenset(
    {"nodule", "mass", "lymphadenopathy", "thyroid_nodule", "liver_lesion", "hilar_enlargement"}
)


Severity = Literal["trace", "small", "mild", "moderate", "large", "severe"]


class ImpressionStyle(StrictModel):
    normal_statement: dict[str, str]
    exam_kinds: dict[str, list[str]] = Field(default_factory=dict)
    sided_only_places: list[str] = Field(default_factory=list)
    placeless: list[str] = Field(default_factory=list)
    incidental: list[str]
    chronic: list[str] = Field(default_factory=list)
    minor: dict[str, list[Literal["trace", "small", "mild"]]] = Field(default_factory=dict)
    severity_words: dict[str, dict[Severity, str]] = Field(default_factory=dict)
    acute_even_when_stable: list[str] = Field(default_factory=list)
    location_words: dict[str, str] = Field(default_factory=dict)
    old_when_said: dict[str, list[str]] = Field(default_factory=dict)
    indication_answers: dict[str, list[str]] = Field(default_factory=dict)
    indication_answers_exams: list[str] = Field(default_factory=lambda: ["chest"])
    acute: list[str] = Field(default_factory=list)
    incidental_when_said: list[str] = Field(default_factory=list)
    degree_as_said: list[str] = Field(default_factory=list)
    graded: list[str] = Field(default_factory=list)
    bone_locations: list[str] = Field(default_factory=list)
    location_adjectives: dict[str, list[str]] = Field(default_factory=dict)
    bilateral_locations: dict[str, str] = Field(default_factory=dict)
    sided_locations: list[str] = Field(default_factory=list)
    midline_places: list[str] = Field(default_factory=list)
    directional: list[str] = Field(default_factory=list)
    described_by: dict[str, list[str]] = Field(default_factory=dict)
    signs_of: dict[str, list[str]] = Field(default_factory=dict)
    sizeless: list[str] = Field(default_factory=list)
    size_after: list[str] = Field(default_factory=list)
    descriptors: list[str] = Field(default_factory=list)
    read_as: dict[str, list[str]] = Field(default_factory=dict)
    explained_by: list[str] = Field(default_factory=list)
    acronyms: list[str] = Field(default_factory=list)
    benign_readings: list[str] = Field(default_factory=list)
    named_as_said: list[str] = Field(default_factory=list)
    told_as_said: list[str] = Field(default_factory=list)


@cache
def impression_style() -> ImpressionStyle:
    return load_impression_style(Path(str(resources.files("radpilot.draft") / "data" / "impression.yaml")))


def load_impression_style(path: Path) -> ImpressionStyle:
    """Read and check an impression style file; a bad entry is a DataFileError naming file, entry and field."""
    style = load_mapping(path, ImpressionStyle)
    lex = default_lexicon()
    for code in style.incidental:
        if code not in lex.observations:
            raise DataFileError(path, f"field 'incidental': unknown code '{code}'", entry=code)
    fields: dict[str, Iterable[str]] = {
        "descriptors": style.descriptors,
        "chronic": style.chronic,
        "minor": style.minor,
        "severity_words": style.severity_words,
        "acute_even_when_stable": style.acute_even_when_stable,
        "acute": style.acute,
        "graded": style.graded,
        "indication_answers": (c for cs in style.indication_answers.values() for c in cs),
        "directional": style.directional,
        "sizeless": style.sizeless,
        "size_after": style.size_after,
        "placeless": style.placeless,
        "described_by": [*style.described_by, *(c for cs in style.described_by.values() for c in cs)],
        "signs_of": [*style.signs_of, *(c for cs in style.signs_of.values() for c in cs)],
        "read_as": [*style.read_as, *(c for cs in style.read_as.values() for c in cs)],
        "named_as_said": style.named_as_said,
        "told_as_said": style.told_as_said,
    }
    for name, codes in fields.items():
        for code in codes:
            if code not in lex.observations:
                raise DataFileError(path, f"field '{name}': unknown code '{code}'", entry=code)
    for name, cues in (
        ("explained_by", style.explained_by),
        ("incidental_when_said", style.incidental_when_said),
        ("degree_as_said", style.degree_as_said),
    ):
        for cue in cues:
            if not cue.strip() or cue != cue.lower():
                raise DataFileError(path, f"field '{name}': cue '{cue}' must be non-empty lower-case text")
    for word in style.degree_as_said:
        if word not in _severity_words():
            raise DataFileError(path, f"field 'degree_as_said': '{word}' is no degree word", entry=word)
    for kind in style.indication_answers_exams:
        if kind not in style.exam_kinds and kind != "default":
            raise DataFileError(
                path, f"field 'indication_answers_exams': unknown exam kind '{kind}'", entry=kind
            )
    return style


def _later_in_sentence(
    sr: StructuredReport, f: Finding, cues: tuple[str, ...], descriptors: frozenset[str], hedged: bool = False
) -> list[tuple[Finding, bool]]:
    """The specific findings after a descriptive one in its own sentence, each with whether an interpreting
    cue ("consistent with", "likely", ...) stands between the two; for a finding the style reads only as some
    diagnoses (``read_as``: a consolidation "compatible with pneumonia"), only those, unless ``hedged`` (what it
    may be: "consolidation, which may represent atelectasis or pneumonia")."""
    text = sr.report.text
    only = None if hedged else impression_style().read_as.get(f.code)
    out: list[tuple[Finding, bool]] = []
    # ... or in one of the next two sentences when that one reads what was just described ("... heterogeneous
    # echogenic mass with internal vascularity. The endometrial stripe otherwise measures 14 mm. Findings are
    # consistent with retained products of conception.")
    sentences = sr.report.sentences
    reads_on = {
        k
        for k in (f.sentence + 1, f.sentence + 2)
        if only is not None and k < len(sentences) and _READS_WHAT_CAME_BEFORE_RE.match(sentences[k].text)
    }
    for g in sr.findings:
        if (
            g is f
            or (only is not None and g.code not in only)
            or g.section != f.section
            or not (g.sentence == f.sentence or g.sentence in reads_on)
            or g.span[0] < f.span[1]
            or g.code in descriptors
            or g.context is not None
        ):
            continue
        gap = f" {' '.join(text[f.span[1] : g.span[0]].lower().split())} "
        out.append((g, any(f" {cue} " in gap for cue in cues)))
    return out


def _explained(later: list[tuple[Finding, bool]], incidental: frozenset[str]) -> bool:
    """True when a descriptive finding (an opacity, a density) is interpreted later in its own sentence (``later``,
    from :func:`_later_in_sentence`) as a more specific finding: "opacities consistent with edema" is impressed as
    edema, not as an opacity. An uncertain interpretation ("opacity, may represent atelectasis or pneumonia") keeps
    the descriptor, unless it is a chronic or incidental one ("nodular opacity, likely granuloma", "may represent
    overlying leads")."""
    return any(
        cued
        and g.assertion is not Assertion.ABSENT
        and (g.assertion is Assertion.PRESENT or g.code in incidental)
        for g, cued in later
    )


def _carried_to_the_reading(
    sr: StructuredReport, cues: tuple[str, ...], descriptors: frozenset[str], incidental: frozenset[str]
) -> dict[int, Finding]:
    """What a descriptive finding says that the reading it is impressed as does not ("New 1.5 cm hypoenhancing lesion
    in hepatic segment 6, compatible with metastasis": a new 1.5 cm hepatic metastasis): its change, size, side and
    place go to the reading, by the reading's id, where the reading has none of its own."""
    lex = default_lexicon()
    out: dict[int, Finding] = {}
    for f in sr.findings:
        if (
            (f.code not in descriptors and f.code not in impression_style().read_as)
            or f.assertion is not Assertion.PRESENT
            or f.context is not None
        ):
            continue
        g = next(
            (
                g
                for g, cued in _later_in_sentence(sr, f, cues, descriptors)
                if cued and g.assertion is Assertion.PRESENT and g.code not in incidental
            ),
            None,
        )
        if g is None or id(g) in out:
            continue
        # (only a side and a place the reading can have: a hiatal hernia has no side, nor a "retrocardiac" place)
        obs = lex.observations[g.code]
        placed = (
            obs.placed
            and obs.sided
            and (not obs.places or f.location in obs.places)
            # ... nor one its own words say already ("ascending aortic aneurysm")
            and not set((f.location or "").split()) & set(g.text.lower().split())
        )
        out[id(g)] = replace(
            g,
            change=g.change or f.change,
            size_mm=g.size_mm if g.size_mm is not None else f.size_mm,
            sizes_mm=g.sizes_mm if g.size_mm is not None else f.sizes_mm,
            laterality=g.laterality or (f.laterality if obs.sided else None),
            location=g.location or (f.location if placed else None),
        )
    return out


def _hedged_interpretations(
    sr: StructuredReport,
    f: Finding,
    cues: tuple[str, ...],
    descriptors: frozenset[str],
    incidental: frozenset[str],
) -> list[Finding]:
    """The uncertain interpretations its own sentence gives a descriptive finding ("opacity in the right lower
    lobe, likely pneumonia" -> [pneumonia]), in their order; incidental ones are left out."""
    out: list[Finding] = []
    for g, cued in _later_in_sentence(sr, f, cues, descriptors, hedged=True):
        if g.code in incidental or g.assertion is not Assertion.UNCERTAIN:
            continue
        if out or cued:
            out.append(g)
    return out


_CERTAINTY_WORD = "Possible"
# words that name what a lesion is (a diagnosis), not a lesion of their own
_DIAGNOSIS_WORDS = frozenset(
    {
        "cancer",
        "carcinoma",
        "malignancy",
        "malignant",
        "neoplasm",
        "neoplastic",
        "tumor",
        "tumour",
        "lung",
        "bronchogenic",
        "primary",
        "metastatic",
        "disease",
    }
)
# the change words a mention may hold as the finding itself ("lung volumes are decreased"), by change: an "enlarged"
# node that has decreased does not say so by its own word
_CHANGE_WORDS_OF = {
    Change.NEW: frozenset({"new"}),
    Change.STABLE: frozenset({"stable", "unchanged"}),
    Change.IMPROVED: frozenset({"decreased", "decreasing", "improved", "improving", "reduced", "diminished"}),
    Change.WORSENED: frozenset({"increased", "increasing", "worsened", "worsening", "enlarged", "enlarging"}),
}
_CLAUSE_WORDS = frozenset(
    {
        "in",
        "of",
        "at",
        "on",
        "is",
        "are",
        "the",
        "with",
        "within",
        "and",
        "or",
        "to",
        "from",
        "remain",
        "remains",
        "appear",
        "appears",
        "was",
        "were",
        "been",
        "seen",
        "noted",
    }
)


@dataclass(slots=True)
class ImpressionResult:
    impression: str
    recommendations: list[str]
    engine: str
    verified: bool
    reasons: list[str] = field(default_factory=list)
    model_text: str | None = None

    def to_dict(self, report_id: Any = None) -> dict[str, Any]:
        return {
            "id": report_id,
            "impression": self.impression,
            "recommendations": self.recommendations,
            "engine": self.engine,
            "verified": self.verified,
            "reasons": self.reasons,
        }


def _rank(
    f: Finding,
    critical: dict[str, int],
    asked: tuple[str, ...] = (),
    acute: bool = False,
    trivial: bool = False,
    status_devices: bool = False,
    chronic: bool = False,
) -> tuple[int, int, int, int]:
    """Sort key: critical results of this report first (red, orange, yellow), then what answers the clinical
    question (``asked``: codes the indication names or points to), then new or worsening findings and ``acute``
    diagnoses ("acute diverticulitis" before "gallstones"), then guideline-actionable findings, then the rest, then
    ``trivial`` ones (a mild disc bulge, mild sinus mucosal thickening); present before uncertain. With
    ``status_devices`` (an indication that names a disease beside a device: "heart failure, intubated") a device it
    asks about comes after the disease's findings; a ``chronic`` one it asks about ("hepatitis C cirrhosis, new liver
    nodule": the cirrhosis) after the others."""
    codes = ancestors(default_lexicon(), f.code)
    tier = max((critical.get(c, 0) for c in codes), default=0)
    if tier:
        group = 0
    elif codes & set(asked):
        group = 1
    elif f.change in (Change.NEW, Change.WORSENED) or acute:
        group = 2
    elif trivial:
        group = 5
    elif codes & ACTIONABLE:
        group = 3
    else:
        group = 4
    if group == 1 and chronic:
        # a known chronic disease the history names is the background, not the answer ("hepatitis C cirrhosis, HCC
        # surveillance": the LR-5 observation first, the cirrhosis after it)
        group = 4
    order = min((asked.index(c) for c in codes if c in asked), default=len(asked)) if group == 1 else 0
    if group == 1 and status_devices and default_lexicon().observations[f.code].category == "device":
        order += len(asked)
    return group, -tier, order, 0 if f.assertion is Assertion.PRESENT else 1


def asked_codes(indication: str, exam: str = "") -> tuple[str, ...]:
    """The findings an indication asks about: those it names ("rule out pneumonia") and, on the exams
    ``indication_answers_exams`` names (a chest exam, or no exam named), those its symptoms point to
    (``indication_answers`` in impression.yaml: "cough" -> pneumonia, consolidation, ...; an abdominal CT for fever
    does not ask about a pleural effusion)."""
    if not indication or not indication.strip():
        return ()
    codes = _named_codes(default_engine(), indication)  # named first
    style = impression_style()
    if _exam_kind(exam, style) not in style.indication_answers_exams:
        return tuple(codes)
    words = set(re.findall(r"[a-z]+", indication.lower()))
    low = " ".join(indication.lower().split())
    lex = default_lexicon()
    # "central line placement" asks about the central line, not about every tube ("support_device")
    named_device = any(lex.observations[c].category == "device" and c != "support_device" for c in codes)
    for cue, answers in style.indication_answers.items():
        if (cue in words) if " " not in cue else (cue in low):
            codes.extend(
                c for c in answers if c not in codes and not (named_device and c == "support_device")
            )
    return tuple(codes)


def _named_codes(engine: StructuringEngine, indication: str) -> list[str]:
    """The codes of the findings an indication names, in the order it names them."""
    sr = engine.structure(f"INDICATION: {indication}")
    return list(dict.fromkeys(f.code for f in (*sr.findings, *sr.other_mentions)))


def _bare_name(f: Finding) -> str:
    """The lexicon's name of the finding, without its gloss ("gallstones (cholelithiasis)": "gallstones")."""
    if f.code not in default_lexicon().observations:
        return f.text.lower()
    return _code_name(f.code)


def _code_name(code: str) -> str:
    """The lexicon's name of a code without its gloss, or the gloss where it is the acronym said (PICC)."""
    name = default_lexicon().observations[code].name
    gloss = _GLOSS_RE.search(name)
    if gloss and gloss.group(0)[1:-1] in impression_style().acronyms:
        return gloss.group(0)[1:-1].lower()  # "peripherally inserted central catheter (PICC)": "PICC"
    return " ".join(_GLOSS_RE.sub(" ", name.lower()).split())


_GLOSS_RE = re.compile(r"\([^)]*\)")
_TYPE_RE = re.compile(r"\b(type|stanford type|debakey type)\s+([ab])\b", re.IGNORECASE)
_MALPOSITIONED_RE = re.compile(r"(?<!not )(?<!no )\b(?:malpositioned|in malposition)\b", re.IGNORECASE)
_READS_WHAT_CAME_BEFORE_RE = re.compile(
    r"\s*(?:the\s+|these\s+)?(?:findings?|appearance|constellation of findings)\s+(?:is|are)\s+(?:most\s+)?"
    r"(?:consistent|compatible|in keeping|diagnostic|characteristic|typical)\b",
    re.IGNORECASE,
)
_BARE_PERFORATION = frozenset({"perforation", "perforations", "free perforation"})
_PERFORATES = frozenset({"appendicitis", "diverticulitis", "cholecystitis"})
_GRADE_RE = re.compile(r"\b(Chiari|Salter-Harris|Arnold-Chiari)\s+(i{1,3}|iv|v)\b")


# Words that change what a finding means clinically and are said with it ("acute left subdural hematoma",
# "saddle pulmonary embolus", "ruptured abdominal aortic aneurysm"): kept in the impression.
_QUALIFIERS = (
    # ("expected postoperative pneumoperitoneum" is no perforation)
    "expected postoperative",
    "expected postsurgical",
    "postoperative",
    "postsurgical",
    "acute on chronic",
    "hyperacute",
    "subacute",
    "acute",
    "chronic",
    "saddle",
    "ruptured",
    "occlusive",
    # what decides the operation ("perforated appendicitis", "gangrenous cholecystitis") or that a device must be
    # moved ("malpositioned intrauterine device")
    "perforated",
    "gangrenous",
    "malpositioned",
)
_QUALIFIER_ALTS = "|".join(q.replace(" ", r"\s+") for q in _QUALIFIERS)
_QUALIFIER_RE = re.compile(rf"\b({_QUALIFIER_ALTS})\b", re.IGNORECASE)


def _qualifier(sr: StructuredReport, f: Finding) -> str:
    """The qualifier said in the mention, or in the five words just before it in its sentence with no other
    finding between ("chronic COPD with pneumonia": the pneumonia is not chronic); never a negated one
    ("non-acute", "non-occlusive")."""
    text = sr.report.text
    start = max(0, f.span[0] - 60)
    before = text[start : f.span[0]]
    cut = max(before.rfind(c) for c in ".;:\n")
    if cut >= 0:
        start, before = start + cut + 1, before[cut + 1 :]
    words = before.split()
    if len(words) > 5:
        keep = " ".join(words[-5:])
        start, before = start + before.rfind(keep), keep
    found = ""
    for m in _QUALIFIER_RE.finditer(f"{before} {f.text}"):
        pos = start + m.start() if m.start() < len(before) else f.span[0]
        lead = text[max(0, pos - 4) : pos].lower()
        if lead.endswith(("non-", "non ", "not ", "un-")):
            continue
        if pos < f.span[0] and any(
            g is not f and g.sentence == f.sentence and pos <= g.span[0] and g.span[1] <= f.span[0]
            for g in sr.findings
        ):
            continue
        found = " ".join(m.group(1).lower().split())
    return found


# What the report says a lesion is when that is a benign thing with no code of its own or one its finding already
# has ("left adrenal nodule, consistent with adenoma", "fat-containing renal lesion consistent with angiomyolipoma",
# "sclerotic focus, likely a bone island"): the impression keeps it, as the radiologist would, since it is what
# decides that nothing more is done.
_READING_CUES = (
    r"consistent\s+with|compatible\s+with|in\s+keeping\s+with|characteristic\s+of|diagnostic\s+of|typical\s+of"
    r"|most\s+likely|likely|probably|probable|representing|suggestive\s+of|favored\s+to\s+represent"
)


@cache
def _benign_reading_re() -> re.Pattern[str]:
    words = sorted(impression_style().benign_readings, key=len, reverse=True)
    return re.compile(
        rf"\b({_READING_CUES})\s+((?:an?\s+)?(?:(?:small|simple|benign|lipid[- ]rich|fat[- ]containing)\s+)*"
        rf"(?:{'|'.join(re.escape(w) for w in words)}))\b",
        re.IGNORECASE,
    )


def _benign_reading_at(sr: StructuredReport, f: Finding) -> tuple[str, int, int]:
    """The benign reading its own sentence gives a present finding after it ("consistent with adenoma"), with no
    other kind of finding between the two, and where it is said in the report's text ("", 0, 0 when none is)."""
    style = impression_style()
    if f.assertion is not Assertion.PRESENT or not style.benign_readings:
        return "", 0, 0
    sent = sr.report.sentences[f.sentence]
    # (from its first mention in the sentence: "renal lesion consistent with angiomyolipoma" is one lesion, said
    # twice, whichever of the two mentions speaks for it)
    end = min(
        (
            g.span[1]
            for g in sr.findings
            if g.sentence == f.sentence and g.code == f.code and g.span[0] <= f.span[0]
        ),
        default=f.span[1],
    )
    text = sr.report.text[end : sent.span[1]].split(";")[0]
    m = _benign_reading_re().search(text)
    if m is None:
        return "", 0, 0
    at = end + m.start()
    # (said of an earlier one of its kind: "6 mm nodule, likely a granuloma, and 4 mm nodule")
    if f.span[0] > end + m.end():
        return "", 0, 0
    # (another finding between, unless denied: "containing macroscopic fat without calcification, consistent with")
    if any(
        g.sentence == f.sentence
        and end <= g.span[0] < at
        and g.code != f.code
        and g.assertion is not Assertion.ABSENT
        for g in sr.findings
    ):
        return "", 0, 0
    # (a descriptor's reading with a code of its own is said by the descriptor's own join: "15 mm liver lesion,
    # possibly hepatic hemangioma")
    if f.code in style.descriptors and any(
        g.sentence == f.sentence and at <= g.span[0] < end + m.end() and g.code != f.code for g in sr.findings
    ):
        return "", 0, 0
    return " ".join(f"{m.group(1)} {m.group(2)}".lower().split()), at, end + m.end()


# Where a tube or line ends, said as a distance from its landmark ("endotracheal tube tip 1 cm above the carina"):
# what the clinician acts on, so the impression says it.
_TIP_DISTANCE_RE = re.compile(
    r"\b(\d+(?:\.\d+)?(?:\s*(?:-|to)\s*\d+(?:\.\d+)?)?\s*(?:cm|mm))\s+"
    r"(above|below|proximal to|distal to|beyond|from)\s+(?:the\s+)?(?:level\s+of\s+(?:the\s+)?)?"
    r"(carina|cavoatrial junction|gastroesophageal junction|ge junction|thoracic inlet|clavicular heads|clavicles|"
    r"diaphragm|hemidiaphragm|tracheal carina)\b",
    re.IGNORECASE,
)


_TIP_AT_RE = re.compile(
    r"\b(at|just above|just below|abutting)\s+(?:the\s+)?(?:level\s+of\s+(?:the\s+)?)?"
    r"(carina|thoracic inlet|clavicular heads|gastroesophageal junction|ge junction)\b",
    re.IGNORECASE,
)


# The level of the spine a finding is at, for the surgeon ("compression of the spinal cord at T6", "L4-L5: Large
# disc extrusion ... compressing the cauda equina"): said after the mention ("at T6", "from T5 to T7") or as the
# sentence's level heading.
_LEVEL = r"(?:[CTL](?:1[0-2]|[1-9])|S1)"
_LEVEL_RANGE = rf"{_LEVEL}(?:\s*(?:-|to|through)\s*(?:{_LEVEL}|(?:1[0-2]|[1-9])))?"
_LEVEL_AFTER_RE = re.compile(
    rf"\b(?:at|from|of)\s+(?:the\s+)?(?:(?:right|left)\s+)?(?:level\s+of\s+)?"
    rf"({_LEVEL_RANGE}(?:\s*(?:,|and)\s*{_LEVEL_RANGE})*)\b"
)
_DENS_RE = re.compile(r"\b(?:odontoid|dens)\b", re.IGNORECASE)
_LEVEL_SPINE = {"c": "cervical spine", "t": "thoracic spine", "l": "lumbar spine", "s": "lumbar spine"}
_LEVEL_HEADING_RE = re.compile(rf"^\s*({_LEVEL_RANGE})\s*:")
_SPINE_LEVEL_CODES = frozenset(
    {
        "spinal_cord_compression",
        "cauda_equina_compression",
        "disc_herniation",
        "spinal_stenosis",
        "foraminal_stenosis",
        "lateral_recess_stenosis",
        "compression_fracture",
        "spinal_epidural_hematoma",
        "spinal_cord_injury",
    }
)


def _spine_level(sr: StructuredReport, f: Finding) -> str:
    """The spine level its sentence gives a spine finding, after the mention or as the sentence's heading; "" when
    none is said or the finding is no spine finding."""
    if f.code not in _SPINE_LEVEL_CODES and not (f.location or "").endswith(" spine"):
        return ""
    m = _LEVEL_AFTER_RE.search(_said_after(sr, f))
    if m is None:
        m = _LEVEL_HEADING_RE.match(sr.report.sentences[f.sentence].text)
    if m is None:
        # the dens is C2's ("type II odontoid fracture": at C2)
        if f.location == "cervical spine" and _DENS_RE.search(sr.report.sentences[f.sentence].text):
            return "C2"
        return ""
    level = " ".join(m.group(1).split())
    # (levels of another part of the spine than the one the finding is placed in say nothing sure: "fracture at
    # T5 and L2" placed in the lumbar spine)
    parts = {_LEVEL_SPINE[c.lower()] for c in re.findall(r"\b([CTLS])\d", level, re.IGNORECASE)}
    if (f.location or "").endswith(" spine") and parts - {f.location}:
        return ""
    return level


def _said_after(sr: StructuredReport, f: Finding) -> str:
    """What the mention's sentence says right after it: up to the next finding in the sentence, before a ";"."""
    stop = min(
        (g.span[0] for g in sr.findings if g.sentence == f.sentence and g.span[0] >= f.span[1]),
        default=sr.report.sentences[f.sentence].span[1],
    )
    return sr.report.text[f.span[1] : stop].split(";")[0]


def _tip_distance(sr: StructuredReport, f: Finding) -> str:
    """A device's tip said as a distance from its landmark in the mention's sentence, after the mention and before
    the next finding ("1 cm above the carina"); "" when none is said."""
    if default_lexicon().observations[f.code].category != "device":
        return ""
    text = _said_after(sr, f)
    m = _TIP_DISTANCE_RE.search(text)
    if m:
        return " ".join(f"{m.group(1)} {m.group(2)} the {m.group(3)}".lower().split())
    m = _TIP_AT_RE.search(text)  # "endotracheal tube tip is at the carina"
    return " ".join(f"{m.group(1)} the {m.group(2)}".lower().split()) if m else ""


@cache
def _severity_words() -> dict[str, str]:
    """Each one-word degree (attributes file) with the severity it says: "slightly" is small."""
    from radpilot.structure.rules import default_attributes

    return {toks[0]: a.severity for toks, a in default_attributes().items() if a.severity and len(toks) == 1}


def _degree_said(sr: StructuredReport, f: Finding, as_said: Iterable[str]) -> str:
    """The report's own word for the finding's degree, one of ``as_said`` ("marked"), in the mention or in the three
    words just before it in its sentence; "" when it uses another."""
    if not f.severity:
        return ""
    sent = sr.report.sentences[f.sentence]
    before = sr.report.text[max(sent.span[0], f.span[0] - 60) : f.span[0]]
    near = [*re.findall(r"[a-z]+", before.lower())[-3:], *re.findall(r"[a-z]+", f.text.lower())]
    severity = _severity_words()
    return next((w for w in near if w in as_said and severity.get(w) == f.severity), "")


def _severities_said(text: str) -> set[str]:
    """The severities a mention's own words say ("slightly widened mediastinum": small)."""
    words = _severity_words()
    return {words.get(w, w) for w in re.findall(r"[a-z]+", text.lower())}


# what a radiograph shows over a bone is not of the bone ("opacity projecting over the left 4th rib")
_OVER_A_BONE = frozenset({"lung", "pleura", "mediastinum", "cardiac", "vascular", "airway"})
_LANDMARK_BONES = {"clavicle": "clavicles", "rib": "ribs"}


# the parts of the aorta said before its name ("Dilated ascending aorta"); the arch is said as a place
_AORTA_PARTS = frozenset({"ascending aorta", "descending aorta", "abdominal aorta"})


# what a part of the spine is said before ("Left lumbar fracture", "Lumbar disc herniation"); anything else is said
# in it ("Osseous metastases in the thoracic spine", "Increased kyphosis in the thoracic spine")
_BEFORE_IN_THE_SPINE = frozenset(
    {
        "fracture",
        "fractures",
        "herniation",
        "herniations",
        "bulge",
        "bulges",
        "protrusion",
        "extrusion",
        "stenosis",
    }
)


def _describe(f: Finding, qualifier: str = "", tip: str = "", degree_word: str = "") -> list[str]:
    """Candidate phrasings, most descriptive first; the first one the engine reads back is used. ``tip`` is where a
    device's tip is said to be ("1 cm above the carina"), said instead of its place; ``degree_word`` the report's
    own word for the finding's degree ("marked"), said instead of the plain one ("large")."""
    bare = _bare_name(f)
    name = bare
    head_word = name.split()[-1] if name else ""
    if head_word and any(w in (head_word + "s", head_word + "es") for w in f.text.lower().split()):
        name = name[: -len(head_word)] + next(  # the report's plural: "nodules", "pleural effusions"
            w for w in f.text.lower().split() if w in (head_word + "s", head_word + "es")
        )
    words: list[str] = []
    mention = set(f.text.lower().split())
    if qualifier and qualifier.split()[-1][:6] in name and not _QUALIFIER_RE.search(name):
        qualifier = ""  # the name says it already ("bowel perforation" is perforated)
    if qualifier:
        said_q = [w for w in name.split() if _QUALIFIER_RE.fullmatch(w)]
        if said_q and said_q[0] != qualifier:
            name = name.replace(
                said_q[0], qualifier, 1
            )  # a subacute infarct is not an "acute cerebral infarct"
        elif not said_q:
            q_words = qualifier.split()
            multi_said = len(q_words) > 1 and q_words[-1] in name.lower().split()
            lead = " ".join(q_words[:-1]) if multi_said else qualifier
            if lead:
                words.append(lead)  # "acute on chronic": "chronic" is the mention's own word
    # a change word the mention itself holds ("lung volumes are decreased") is the finding, not a change
    if (
        f.change in (Change.NEW, Change.WORSENED, Change.IMPROVED, Change.STABLE)
        and not mention & _CHANGE_WORDS_OF[f.change]
        # "acute on chronic" already says what is new
        and not (qualifier and f.change is Change.NEW and "acute" in qualifier.split())
    ):
        words.append({"worsened": "increased", "improved": "decreased"}.get(f.change.value, f.change.value))
    style = impression_style()
    # a size says how large: "16 mm thyroid nodule", never "Large 16 mm thyroid nodule" (nor "Mild 13 mm ..."); a
    # grade stays beside a distance ("Small 20 mm right apical pneumothorax")
    sized_lead = (
        f.size_mm is not None
        and f.code not in style.graded
        and f.code not in style.sizeless
        and f.code not in style.size_after
        and name.split()[-1:] == bare.split()[-1:]
    )
    # a degree word the mention holds as the finding itself is no degree ("the heart is large"); some findings
    # say a degree in their own words ("slightly" enlarged heart: mild cardiomegaly), some as the report does
    # ("marked" wall thickening, never "large")
    degree = ""
    if f.severity and f.severity not in f.text.lower().split() and not sized_lead:
        said_as: Mapping[Any, str] = style.severity_words.get(f.code, {})
        degree = said_as.get(f.severity) or degree_word or f.severity
        words.append(degree)
    largest = ""
    if f.size_mm is not None and f.code not in style.sizeless:
        # millimetres as nodules are measured; centimetres from 3 cm, as masses are ("7 cm mass", "3.1 x 2.4 cm")
        values = f.sizes_mm or (f.size_mm,)
        cm = f.size_mm >= CM_FROM_MM
        sizes = " x ".join(f"{v / 10:g}" if cm else f"{v:g}" for v in values) + (" cm" if cm else " mm")
        if name.split()[-1:] != bare.split()[-1:]:  # the report's plural replaced the name's head word
            largest = f", the largest {sizes}"  # several, measured: "nodules ..., the largest 11 mm"
        elif f.code in style.size_after:
            largest = f", {sizes}"  # an organ's own size: "Splenomegaly, 16 cm.", never "16 cm splenomegaly"
        else:
            words.append(sizes)
    side = f.laterality.value if f.laterality and f.location not in style.sided_locations else ""
    category = default_lexicon().observations[f.code].category
    device = category == "device"
    # a line's side is where it goes in ("left subclavian catheter in the superior vena cava"), never a midline
    # place's; it stays with the line
    device_side = f.laterality.value if device and f.laterality and f.location in style.midline_places else ""
    where = ""
    bone = ""
    text_words = set(f.text.lower().split())
    said_in_text = f.location is not None and (
        f.location in f.text.lower() or bool(text_words & set(style.location_adjectives.get(f.location, ())))
    )
    place_words = style.location_adjectives.get(f.location or "", [])
    if f.location in _AORTA_PARTS and place_words and set(name.lower().split()).isdisjoint(place_words):
        # a part of the aorta before the aorta's own word: "Dilated ascending aorta", "Abdominal aortic aneurysm"
        name = re.sub(r"\b(aorta|aortic)\b", rf"{place_words[0]} \1", name, count=1, flags=re.IGNORECASE)
    said_in_name = bool(set(name.lower().split()) & set(place_words))
    if (
        (f.location in style.sided_only_places and not side)
        or f.code in style.placeless
        # an organ's own finding at the organ says no place ("cirrhosis", never "cirrhosis in the liver")
        # (a side of the brain is a hemisphere: "in the right cerebral hemisphere")
        or (f.location is not None and f.location != "brain" and f.location == category)
    ):
        pass  # "intracranial hemorrhage", never "in the brain"; a dissection's extent is no one place
    elif f.location and f.location not in name and not said_in_text and not said_in_name:
        if f.location in style.bone_locations and device:
            # a bone is where a tube's tip projects ("at the level of the clavicles"), not a bone finding
            where = f" at the level of the {_LANDMARK_BONES.get(f.location, f.location)}"
        elif f.location in style.bone_locations and category in _OVER_A_BONE:
            where = (
                f" projecting over the {side + ' ' if side else ''}{f.location}"  # a lung opacity over a rib
            )
        elif f.location in style.bone_locations and not (
            f.location.endswith(" spine") and head_word not in _BEFORE_IN_THE_SPINE
        ):
            bone = f"{side} {style.location_words.get(f.location, f.location)}".strip()  # "left rib fracture"
        else:
            # (a part of the spine by its name: "in the lumbar spine", the adjective being for before the name)
            place = (
                f.location
                if f.location.endswith(" spine")
                else style.location_words.get(f.location, f.location)
            )
            both = style.bilateral_locations.get(f.location) if side == "bilateral" else None
            where = (
                f" in {both}" if both else f" in the {side + ' ' if side and not device_side else ''}{place}"
            )
        side = device_side
    text = f.text.lower()
    acronyms = {a.lower(): a for a in style.acronyms}
    # The mention's own words first when they say more than the name and are a plain noun phrase
    # ("rib fracture", "centrilobular emphysema"); never a clause ("opacity in the left").
    head = name.split()[-1] if name else ""
    richer = (
        (
            head in text.split()
            and (
                len(text.split()) > len(name.split())
                or (f.code in style.named_as_said and 1 < len(text.split()) <= len(name.split()))
            )
        )
        or (f.code in style.told_as_said and len(text.split()) > 1)
    ) and not set(text.split()) & _CLAUSE_WORDS
    out = []
    for core in (text, name) if richer else (name, text):
        said = set(core.split())
        if "bilaterally" in said:
            said.add("bilateral")  # "low lung volumes bilaterally" says its side
        # "mild cardiomegaly" already says "mild", "mildly low lung volumes" says it too
        # ("acute on chronic" before a mention that says "chronic" itself: "acute on chronic pulmonary embolism")
        trimmed = [
            " ".join(w.split()[:-1])
            if len(w.split()) > 1 and w.split()[-1] in said and core.split()[0] == w.split()[-1]
            else w
            for w in words
        ]
        own = [
            w
            for w, was in zip(trimmed, words, strict=True)
            if w not in said
            and w == was
            and not (
                w == degree and (any(x.startswith(w) for x in said) or f.severity in _severities_said(core))
            )
        ]
        # ... said right before the mention's own word it joins: "increased 14 mm acute on chronic subdural
        # hematoma", never "acute on increased 14 mm chronic ..."
        joined = " ".join(w for w, was in zip(trimmed, words, strict=True) if w != was)
        if joined:
            core = f"{joined} {core}"
        side_word = f.laterality.value if f.laterality and f.laterality.value not in said else ""
        if core == text and said_in_text and (f.location or "") not in name:
            # the mention says the place itself ("apical pneumothorax"): "small right apical pneumothorax"
            phrase = " ".join(w for w in (*own, side_word, core) if w)
        else:
            lead_words = " ".join(w for w in (*own, side if side and side not in said else "") if w)
            # a bone finding's bone stands right before the head noun of the report's own words ("nondisplaced
            # left rib fracture"); before the whole phrase otherwise
            # (a part of the spine before the whole phrase: "mild lumbar disc bulge", never "disc lumbar bulge")
            if (
                bone
                and core == text
                and len(core.split()) > 1
                and category == "bone"
                and (
                    not (f.location or "").endswith(" spine")
                    # ... and a part of the spine after the words that describe the fracture ("nondisplaced
                    # cervical spine fracture"), never inside a noun ("disc lumbar bulge")
                    or (
                        head in core.split()
                        and core.split().index(head) > 0
                        and all(w.endswith("ed") for w in core.split()[: core.split().index(head)])
                    )
                )
            ):
                words_ = core.split()
                at = words_.index(head) if head in words_ else len(words_) - 1  # before the name's head noun
                held = " ".join([*words_[:at], bone, *words_[at:]])
            else:
                held = f"{bone} {core}"
            if tip:
                where = f" {tip}" if held.split()[-1:] == ["tip"] else f" with the tip {tip}"
            elif device and not where and held.split()[-1:] == ["tip"]:
                held = held[: -len("tip")].strip()  # "Endotracheal tube.", not "Endotracheal tube tip."
            phrase = " ".join(f"{lead_words} {held}{where}{largest}".split())
        # the side stands after what the finding is in time ("acute left cerebral infarct", not "left acute"),
        # when that still reads as the finding ("subacute infarct" is one phrase)
        timed = re.sub(
            r"\b(left|right|bilateral)\s+(hyperacute|subacute|acute|chronic)\b(?!\s+on\b)",
            r"\2 \1",
            phrase,
            count=1,
        )
        for told in dict.fromkeys((timed, phrase)):
            if f.assertion is Assertion.UNCERTAIN:
                told = f"{_CERTAINTY_WORD.lower()} {told}"
            told = " ".join(acronyms.get(w, w) for w in told.split())  # "ICD", never "Icd"
            if f.code in style.directional:  # a shift goes somewhere: "leftward mediastinal shift"
                told = re.sub(r"\b(left|right)\b", r"\1ward", told, count=1)
            told = _TYPE_RE.sub(lambda m: f"{m.group(1)} {m.group(2).upper()}", told)  # "type A dissection"
            told = _GRADE_RE.sub(
                lambda m: f"{m.group(1)} {m.group(2).upper()}", told
            )  # "Chiari I malformation"
            out.append(told[0].upper() + told[1:] + ".")
    return out


@cache
def _read(sentence: str) -> tuple[tuple[str, str, str | None], ...]:
    """(code, assertion, side) of each finding in a short generated sentence; the same phrasings recur."""
    sr = default_engine().structure(sentence)
    return tuple(
        (g.code, g.assertion.value, g.laterality.value if g.laterality else None) for g in sr.findings
    )


def _reads_back(engine: StructuringEngine, sentence: str, f: Finding) -> bool:
    if engine is not default_engine():
        sr = engine.structure(sentence)
        found = tuple(
            (g.code, g.assertion.value, g.laterality.value if g.laterality else None) for g in sr.findings
        )
    else:
        found = _read(sentence)
    return (f.code, f.assertion.value, f.laterality.value if f.laterality else None) in found


def deterministic_impression(
    sr: StructuredReport, exam: str = "chest", indication: str = "", normal_statement: str | None = None
) -> list[str]:
    """Impression sentences from the findings of a structured report (deterministic); what answers the
    ``indication`` comes right after critical results. Without an ``indication`` the report's own (its CLINICAL
    HISTORY / INDICATION / REASON FOR EXAM section) is the question."""
    from radpilot.guidelines.critical import TIER_RANK, critical_results

    engine = default_engine()
    style = impression_style()
    critical: dict[str, int] = {}
    for c in critical_results(sr):
        critical[c.code] = max(critical.get(c.code, 0), TIER_RANK[c.tier])
    incidental = frozenset(style.incidental)
    descriptors = frozenset(style.descriptors)
    lex = default_lexicon()
    own = not indication.strip()
    if own:
        indication = " ".join(sr.report.section_text("history").split())
    asked = asked_codes(indication, exam)
    if own and asked:
        # the report's own history states what is known as well as what is asked: a disease it names without a
        # question ("Hepatitis C cirrhosis. HCC surveillance.") is the background, not the question
        known = _stated_as_known(indication)
        asked = tuple(c for c in asked if c not in known)
    asked_set = set(asked)
    cues = tuple(style.explained_by)
    best: dict[tuple[str, str | None, str | None, float | None, str], Finding] = {}
    carried = _carried_to_the_reading(sr, cues, descriptors, incidental)
    merged, gone = _one_finding_said_twice(sr, [carried.get(id(f), f) for f in sr.findings], cues)
    not_new: list[Finding] = []
    for orig in sr.findings:
        if orig.assertion is Assertion.ABSENT or orig.context is not None or id(orig) in gone:
            continue
        f = merged.get(id(orig)) or carried.get(id(orig), orig)
        if f.assertion is Assertion.UNCERTAIN and _no_new(f):
            not_new.append(f)  # "no new pneumothorax": nothing new to impress; said only beside its own kind
            continue
        if (
            f.code not in critical
            and (f.size_mm is None or f.size_mm < _TOO_SMALL_UP_TO_MM)
            and _said_incidental(sr, f, style.incidental_when_said)
        ):
            continue  # "subcentimeter hypodensities too small to characterize" (a 15 mm one, to work up, stays)
        if f.code in descriptors or f.code in style.read_as:
            later = _later_in_sentence(sr, f, cues, descriptors)
            if (
                f.code not in critical
                # ... or a critical one whose reading is a critical result of its own (a "mass" read as retained
                # products of conception: the RPOC is what the doctor acts on)
                or any(cued and g.code in critical for g, cued in later)
            ) and _explained(later, incidental):
                continue
        if (
            f.code in incidental
            and f.change not in (Change.NEW, Change.WORSENED)
            and f.code not in critical
            # what the indication asks about is answered ("PICC placement": where the PICC is)
            and not ancestors(lex, f.code) & asked_set
        ):
            continue
        if f.code not in critical and _said_to_be_old(sr, f, style.old_when_said.get(f.code, ())):
            continue
        # one sentence per finding: the same kind on the same side in another place, of another size or at another
        # spine level is another finding ("6 mm nodule in the right upper lobe", "9 mm nodule in the right lower
        # lobe"; "acute compression fracture of T12" and "chronic mild compression deformity of T8")
        key = (
            f.code,
            f.laterality.value if f.laterality else None,
            f.location,
            f.size_mm,
            _spine_level(sr, f),
        )
        cur = best.get(key)
        if cur is None or _says_more(f, cur):
            best[key] = f
    # (a mention with no level is one of those said with theirs)
    for key in [k for k in best if not k[4] and any(o[:4] == k[:4] and o[4] for o in best)]:
        del best[key]
    present_codes = {g.code for g in best.values()}
    diagnosed = {g.code for g in best.values() if g.assertion is Assertion.PRESENT}
    for key, f in list(best.items()):
        # the signs of a diagnosis the report makes are the diagnosis's ("wall thickening, pericholecystic fluid and
        # a positive sonographic Murphy sign, consistent with acute cholecystitis": "Acute cholecystitis."), unless a
        # critical result of their own or worse since before
        if (
            diagnosed & set(style.signs_of.get(f.code, ()))
            and f.code not in critical
            and f.change is not Change.WORSENED
        ):
            del best[key]
            continue
        # dilated loops a transition point makes an obstruction are the obstruction's, not an ileus
        dx = style.described_by.get(f.code, [])
        if dx and present_codes & set(dx) and f.code.replace("_", " ") not in f.text.lower():
            del best[key]
            continue
        # "BI-RADS 4C: high suspicion for malignancy" names what the breast mass may be, not a second mass
        if set(f.text.lower().split()) <= _DIAGNOSIS_WORDS and any(
            g is not f
            and f.code in ancestors(lex, g.code)
            and not set(g.text.lower().split()) <= _DIAGNOSIS_WORDS
            for g in best.values()
        ):
            del best[key]
            continue
        if (
            _said_more_exactly(f, best.values())
            or _said_for_certain(f, best.values())
            or _said_as_a_kind_of_it(f, best.values())
        ):
            del best[key]  # "Atelectasis." beside "Mild atelectasis in the left base." says nothing more
    # what a benign reading said with a finding names is that finding's, not one of its own ("8 mm right renal lesion,
    # likely a cyst": no "Possible cyst." after it)
    readings = {id(f): (f, *_benign_reading_at(sr, f)) for f in best.values()}
    for key, shown in list(best.items()):
        if any(
            f is not shown and f.sentence == shown.sentence and start <= shown.span[0] < stop
            for f, _, start, stop in readings.values()
        ):
            del best[key]
    # "appendicitis with perforation": the perforation is the appendix's ("Perforated appendicitis.", never a second
    # "Bowel perforation." beside it)
    perforated: set[int] = set()
    for key, f in list(best.items()):
        if f.code == "bowel_perforation" and f.text.lower() in _BARE_PERFORATION:
            host = next(
                (
                    g
                    for g in best.values()
                    if g.code in _PERFORATES and g.sentence == f.sentence and g.assertion is f.assertion
                ),
                None,
            )
            if host is not None:
                perforated.add(id(host))
                del best[key]
    qualifiers = {id(f): _qualifier(sr, f) for f in best.values()}
    chronic_said = {i for i, q in qualifiers.items() if q == "chronic"}
    acute_ids = {
        id(f)
        for f in best.values()
        if f.assertion is Assertion.PRESENT
        and (f.code in style.acute or qualifiers[id(f)] in ("acute", "hyperacute", "acute on chronic"))
    }
    trivial_ids = {id(f) for f in best.values() if (f.severity or "") in style.minor.get(f.code, ())}
    chronic = frozenset(style.chronic) | incidental
    chronic_ids = {id(f) for f in best.values() if _is_chronic(f, chronic, style, id(f) in chronic_said)}
    # "heart failure, intubated": the tube is the patient's state, the failure the question
    status_devices = bool(indication.strip()) and any(
        lex.observations[c].category != "device" for c in _named_codes(engine, indication)
    )

    def rank(f: Finding) -> tuple[int, int, int, int]:
        return _rank(
            f, critical, asked, id(f) in acute_ids, id(f) in trivial_ids, status_devices, id(f) in chronic_ids
        )

    ordered = sorted(best.values(), key=rank)
    kept = {id(f) for f in ordered}

    # a descriptor with its hedged interpretation is one sentence, as a radiologist writes it
    # ("Lung opacity in the right lower lobe, possibly pneumonia."), used only when it reads back the same
    def say(f: Finding) -> str:
        qualifier = _qualifier(sr, f)
        if id(f) in perforated and qualifier in ("", "acute"):
            qualifier = "perforated"
        # "the intrauterine device is malpositioned": a device the sentence says is out of place after it
        if (
            not qualifier
            and lex.observations[f.code].category == "device"
            and _MALPOSITIONED_RE.search(_said_after(sr, f))
        ):
            qualifier = "malpositioned"
        tip = _tip_distance(sr, f)
        candidates = list(_describe(f, qualifier, tip, _degree_said(sr, f, style.degree_as_said)))
        if tip:  # the tip's distance read back wrong: without it
            candidates += [c for c in _describe(f, qualifier) if c not in candidates]
        if qualifier:  # the qualifier read back wrong: without it
            candidates += [c for c in _describe(f) if c not in candidates]
        reading = readings[id(f)][1] if id(f) in readings else ""
        if reading:  # "18 mm left adrenal nodule, consistent with adenoma."
            candidates = [f"{c[:-1]}, {reading}." for c in candidates] + candidates
        level = _spine_level(sr, f)
        if level:  # "Spinal cord compression at T6."
            candidates = [f"{c[:-1]} at {level}." for c in candidates] + candidates
        return next((c for c in candidates if _reads_back(engine, c, f)), candidates[-1])

    joined: dict[int, str] = {}
    folded: set[int] = set()
    for f in ordered:
        if (
            f.code not in descriptors and f.code not in style.read_as
        ) or f.assertion is not Assertion.PRESENT:
            continue
        gs = [
            g
            for g in _hedged_interpretations(sr, f, cues, descriptors, incidental)
            if id(g) not in folded and id(g) in kept
        ]
        if not gs:
            continue
        combined = f"{say(f)[:-1]}, possibly {' or '.join(_bare_name(g) for g in gs)}."
        if all(_reads_back(engine, combined, x) for x in (f, *gs)):
            joined[id(f)] = combined
            folded.update(id(g) for g in gs)
    # one mention said of each side with its own degree ("small right and moderate left pleural effusions") is
    # one sentence again, as the report says it
    for f in ordered:
        if id(f) in folded or id(f) in joined or f.laterality not in _ONE_SIDE:
            continue
        g = next(
            (
                g
                for g in ordered
                if g is not f
                and id(g) not in folded
                and id(g) not in joined
                and g.code == f.code
                and g.span == f.span
                and g.assertion is f.assertion
                and {f.laterality, g.laterality} == _ONE_SIDE
            ),
            None,
        )
        both = _both_sides(say(f), say(g)) if g is not None else None
        if g is not None and both and all(_reads_back(engine, both, x) for x in (f, g)):
            joined[id(f)] = both
            folded.add(id(g))
    sentences: list[str] = []
    for f in ordered:
        if id(f) in folded:
            continue
        chosen = joined.get(id(f)) or say(f)
        if chosen not in sentences:
            sentences.append(chosen)
    # the question the indication names is answered when the answer is no ("CTA chest, rule out PE": "No pulmonary
    # embolism."), right after the critical results
    denials = _asked_and_denied(sr, indication, engine)
    if denials:
        at = sum(1 for f in ordered if rank(f)[0] == 0 and id(f) not in folded)
        sentences[at:at] = [d for d in denials if d not in sentences]
    # "no new nodules" beside a stable nodule is said as the report says it, after the findings; alone it says
    # nothing the normal statement does not
    for f in not_new:
        family = ancestors(lex, f.code)
        # (lesions in general are of the organ's: "no new lesions" beside stable demyelinating lesions)
        organ = lex.observations[f.code].category if family & {"lesion", "mass"} else None
        if any(
            f.code in ancestors(lex, g.code) or g.code in family or lex.observations[g.code].category == organ
            for g in ordered
        ):
            told = _no_new_said(sr, f, engine)
            if told and told not in sentences:
                sentences.append(told)
    kind = _exam_kind(exam, style)
    normal = style.normal_statement.get(kind) or style.normal_statement["default"]
    if not sentences:
        sentences.append(normal_statement or normal)
    elif not critical and all(id(f) in chronic_ids for f in ordered):
        # only chronic, stable or minor findings: say that nothing acute is seen, as the radiologist would; first
        # when that is the answer to the question the indication asks (a head CT after a fall: "No acute
        # intracranial abnormality." before the chronic small vessel disease), unless a denial answers it
        said = without_numbers(normal_statement) if normal_statement else normal
        answered = any(rank(f)[0] == 1 for f in ordered)
        # (a screening, surveillance or staging exam asks no acute question: its stable nodule or known disease is
        # the answer, the normal statement after it)
        if (
            indication.strip()
            and not denials
            and not answered
            and not _NO_ACUTE_QUESTION_RE.search(indication)
        ):
            sentences.insert(0, said)
        else:
            sentences.append(said)
    return sentences


_QUESTION_RE = re.compile(
    r"\b(?:evaluat\w*|eval|rule\s+out|r/o|ro|assess\w*|concern\w*|question|suspect\w*|possible|check|exclude|"
    r"worrisome|query|vs|versus)\b|\?",
    re.IGNORECASE,
)


def _stated_as_known(history: str) -> frozenset[str]:
    """The codes a history names as known, with no question before them in their sentence ("Hepatitis C cirrhosis."
    names cirrhosis as known; "Evaluate for cirrhosis." asks about it)."""
    sr = default_engine().structure(history)
    known: set[str] = set()
    for f in sr.findings:
        if f.assertion is Assertion.ABSENT:
            continue
        sent = sr.report.sentences[f.sentence]
        if not _QUESTION_RE.search(sr.report.text[sent.span[0] : f.span[0]]):
            known.add(f.code)
    return frozenset(known)


_NO_ACUTE_QUESTION_RE = re.compile(
    r"\b(?:screening|surveillance|staging|restaging|follow[- ]?up|known|history\s+of|cancer|carcinoma|malignancy|"
    r"metasta\w*|lymphoma|oncolog\w*|nodule|lesion|mass|treatment\s+response|monitoring)\b",
    re.IGNORECASE,
)
_ONE_SIDE = frozenset({Laterality.LEFT, Laterality.RIGHT})
_CHANGE_SAID = frozenset({"new", "increased", "decreased", "stable"})  # the change words _describe opens with


def _both_sides(a: str, b: str) -> str | None:
    """ "Small right pleural effusions." and "Moderate left pleural effusions." -> "Small right and moderate left
    pleural effusions." (a change word both open with is said once); None unless each ends with the same words
    after its side."""
    wa, wb = a.rstrip(".").split(), b.rstrip(".").split()
    ia = next((i for i, w in enumerate(wa) if w.lower() in ("left", "right")), None)
    ib = next((i for i, w in enumerate(wb) if w.lower() in ("left", "right")), None)
    if ia is None or ib is None or wa[ia + 1 :] != wb[ib + 1 :] or not wa[ia + 1 :]:
        return None
    first, second = wa[: ia + 1], [w.lower() for w in wb[: ib + 1]]
    if len(first) > 1 and len(second) > 1 and first[0].lower() == second[0] and second[0] in _CHANGE_SAID:
        second = second[1:]  # "Increased small right and moderate left ..."
    return " ".join([*first, "and", *second, *wa[ia + 1 :]]) + "."


def _asked_and_denied(sr: StructuredReport, indication: str, engine: StructuringEngine) -> list[str]:
    """ "No <finding>." for each finding the indication names that the report denies and nowhere reports."""
    if not indication.strip():
        return []
    lex = default_lexicon()
    out = []
    for code in _named_codes(engine, indication):
        if lex.observations[code].category == "device":
            continue  # a device taken out is said as such in the findings, never "No chest tube."
        family = {g for g in lex.observations if code in ancestors(lex, g)}
        mentions = [f for f in sr.findings if f.code in family and f.context is None]
        if mentions and all(f.assertion is Assertion.ABSENT for f in mentions):
            sentence = f"No {_code_name(code)}."
            if _reads_back(engine, sentence, Finding(code, "", Assertion.ABSENT, "", 0, (0, 0), "")):
                out.append(sentence)
    return out


def _exam_kind(exam: str, style: ImpressionStyle) -> str:
    """The kind of exam its normal statement is chosen by ("CT head": head); no exam name is a chest radiograph."""
    if not exam.strip():
        return "chest"
    words = exam.lower()
    for kind, said in style.exam_kinds.items():
        if any(re.search(rf"\b{re.escape(w)}", words) for w in said):
            return kind
    return "default"


# what a report's findings say about the part examined when no exam is named: organs outside the chest only, or the
# brain only (lymph nodes, bones, vessels, devices and soft tissues are anywhere)
_ABDOMEN_CATEGORIES = frozenset(
    {
        "bowel",
        "pelvis",
        "liver",
        "biliary",
        "abdomen",
        "kidney",
        "scrotum",
        "pancreas",
        "spleen",
        "gi",
        "adrenal",
    }
)
_CHEST_CATEGORIES = frozenset({"lung", "pleura", "airway", "mediastinum", "cardiac", "diaphragm", "breast"})
_ANYWHERE_CATEGORIES = frozenset({"device", "other", "vascular", "lymph_nodes", "soft_tissue"})


def _exam_of_the_findings(sr: StructuredReport) -> str:
    """ "abdomen" or "head" when every finding said (there or not) of a body part is of that part, "other" when they
    are of another part (bones, a thyroid), else "chest" (a report without an exam name or a part is read as a chest
    radiograph, as before)."""
    lex = default_lexicon()
    parts = {lex.observations[f.code].category for f in sr.findings}
    if parts & _CHEST_CATEGORIES or not parts:
        return "chest"
    if parts & _ABDOMEN_CATEGORIES:
        return "abdomen"
    if "brain" in parts:
        return "head"
    # bones, a thyroid, a scrotum ... with no chest finding: no chest film ("No acute abnormality.")
    return "chest" if parts <= _ANYWHERE_CATEGORIES else "other"


def _says_more(f: Finding, cur: Finding) -> bool:
    """Whether mention ``f`` of a finding says more than ``cur``: more certain, or as certain with more said
    ("the right pleural effusion is large" after "there is a right pleural effusion")."""
    if f.assertion is not cur.assertion:
        return f.assertion is Assertion.PRESENT
    return sum(x is not None for x in (f.severity, f.change)) > sum(
        x is not None for x in (cur.severity, cur.change)
    )


def _said_more_exactly(f: Finding, others: Iterable[Finding]) -> bool:
    """Whether a bare finding (no side, place, size, severity or change) is said again of the same kind with a
    side, a place or a size ("12 mm appendicitis" beside "Appendicitis."), at least as certainly."""
    if f.laterality or f.location or f.size_mm or f.severity or f.change:
        return False
    head = f.name.lower().split()[-1] if f.name else ""
    said = f.text.lower().split()
    plural = bool(said) and said[-1] in (head + "s", head + "es")  # "pleural effusions": more than one side
    return any(
        g is not f
        and g.code == f.code
        and (g.laterality or g.location or (g.size_mm and not plural))
        and not (plural and g.laterality is not None and g.laterality.value != "bilateral")
        and (g.assertion is Assertion.PRESENT or f.assertion is Assertion.UNCERTAIN)
        for g in others
    )


def _said_for_certain(f: Finding, others: Iterable[Finding]) -> bool:
    """Whether an uncertain finding is said of the same kind for certain, with its side, place and size if it
    has any ("18 mm right renal mass" beside "possible right renal mass"): present beats uncertain."""
    return f.assertion is Assertion.UNCERTAIN and any(
        g is not f
        and g.code == f.code
        and g.assertion is Assertion.PRESENT
        and f.laterality in (None, g.laterality)
        and f.location in (None, g.location)
        and f.size_mm in (None, g.size_mm)
        for g in others
    )


def _said_as_a_kind_of_it(f: Finding, others: Iterable[Finding]) -> bool:
    """Whether a bare finding of a general kind is said as a kind of it ("Support devices." beside "Endotracheal
    tube in the right mainstem bronchus", "Lesions." beside "14 mm left brain lesion"), at least as certainly."""
    if f.laterality or f.location or f.size_mm or f.severity or f.change:
        return False
    lex = default_lexicon()
    return any(
        g.code != f.code
        and f.code in ancestors(lex, g.code)
        and (g.assertion is Assertion.PRESENT or f.assertion is Assertion.UNCERTAIN)
        for g in others
    )


_NO_NEW_RE = re.compile(r"\bno new\b")


def _no_new(f: Finding) -> bool:
    """Whether the mention is uncertain only by a "no new" cue ("No new nodules.", "There is no new consolidation."):
    the report says nothing new is there, not that the finding may be."""
    return bool(_NO_NEW_RE.search(f.rule or ""))


def _no_new_said(sr: StructuredReport, f: Finding, engine: StructuringEngine) -> str:
    """ "No new <finding>." in the report's own words ("No new or enlarging lesions."), else by the mention or the
    finding's name; "" when none reads back as the same "no new" finding."""
    text = sr.report.text
    sent = sr.report.sentences[f.sentence]
    before = text[sent.span[0] : f.span[0]].lower()
    at = before.rfind("new ")
    candidates = []
    if at >= 0:
        phrase = " ".join(f"{before[at:]}{f.text.lower()}".split())
        if len(phrase.split()) <= 6 and not re.search(r"[,;:()]", phrase):
            candidates.append(f"No {phrase}.")
    candidates += [f"No new {' '.join(f.text.lower().split())}.", f"No new {_bare_name(f)}."]
    family = ancestors(default_lexicon(), f.code)

    def same(c: str) -> bool:  # read as the finding or a kind it is of, "no new" still ("no new lesions")
        sr_c = engine.structure(c)
        return any(
            g.code in family and g.assertion is Assertion.UNCERTAIN and _no_new(g) for g in sr_c.findings
        )

    return next((c for c in candidates if same(c)), "")


_TOO_SMALL_UP_TO_MM = 10.0  # a lesion "too small to characterize" is left out below this size only


def _said_incidental(sr: StructuredReport, f: Finding, cues: Iterable[str]) -> bool:
    """Whether its own sentence says the finding is incidental after it, before the next finding ("bilateral
    subcentimeter renal hypodensities too small to characterize")."""
    cues = tuple(cues)
    if not cues:
        return False
    sent = sr.report.sentences[f.sentence]
    stop = min(
        (g.span[0] for g in sr.findings if g.sentence == f.sentence and g.span[0] >= f.span[1]),
        default=sent.span[1],
    )
    after = " ".join(sr.report.text[f.span[1] : stop].lower().split())
    return any(cue in after for cue in cues)


def _names_it(f: Finding) -> bool:
    """Whether the mention's words name the finding ("pulmonary emboli", "abscess"), not only a sign of it ("filling
    defects", "transition point", "rim-enhancing fluid collection")."""
    head = _bare_name(f).split()[-1:]
    return bool(head) and any(
        w[:5] == head[0][:5] for w in re.findall(r"[a-z]+", f.text.lower()) if len(w) >= 4
    )


def _one_finding_said_twice(
    sr: StructuredReport, findings: list[Finding], cues: tuple[str, ...]
) -> tuple[dict[int, Finding], set[int]]:
    """Two mentions of the same kind in one sentence, the later one naming what the earlier is ("rim-enhancing fluid
    collection in the right lower quadrant ..., compatible with periappendiceal abscess"; "filling defects in the
    right main pulmonary artery, consistent with acute pulmonary emboli"; "1.8 cm mass ..., suspicious for renal cell
    carcinoma"), are one finding: said in the naming mention's words (the earlier one's when only it is certain),
    with the side, place, size, degree and change either says, and present when either is. ``findings`` are the
    report's findings, in its order (as carried to their reading). Returns the one finding by the id of the mention
    it is said by (ids of ``sr.findings``), and the ids of the mentions folded into it."""
    text = sr.report.text
    ids = [id(f) for f in sr.findings]
    merged: dict[int, Finding] = {}
    gone: set[int] = set()
    live = [
        (i, f)
        for i, f in zip(ids, findings, strict=True)
        if f.assertion is not Assertion.ABSENT and f.context is None
    ]
    for n, (i, f) in enumerate(live):
        if i in gone:
            continue
        cur, cur_id = merged.get(i, f), i
        for j, g in live[n + 1 :]:
            if g.sentence != f.sentence or g.code != cur.code or j in gone:
                continue
            if {cur.laterality, g.laterality} == _ONE_SIDE:
                continue
            gap = " ".join(text[cur.span[1] : g.span[0]].lower().split())
            said = [*cues, *([g.rule] if g.assertion is Assertion.UNCERTAIN and g.rule else [])]
            # the cue just before the later mention, with at most three words and no clause between ("compatible
            # with periappendiceal abscess"); "nodule ..., likely granuloma, and nodule ..." is two nodules
            ends = [gap.rfind(c) + len(c) for c in said if f" {c} " in f" {gap} " or gap.endswith(c)]
            if not ends:
                continue
            tail = gap[max(ends) :]
            if len(tail.split()) > 3 or re.search(r"[,;:.()]", tail):
                continue
            keep, other = (g, cur)
            if _names_it(cur) != _names_it(g):
                keep, other = (cur, g) if _names_it(cur) else (g, cur)
            elif cur.assertion is Assertion.PRESENT and g.assertion is not Assertion.PRESENT:
                keep, other = cur, g
            # (a change word the other mention holds as its own words is no change: "diminished lung volumes")
            own_change = other.change is not None and bool(
                set(other.text.lower().split()) & _CHANGE_WORDS_OF.get(other.change, frozenset())
            )
            one = replace(
                keep,
                assertion=Assertion.PRESENT
                if Assertion.PRESENT in (cur.assertion, g.assertion)
                else keep.assertion,
                laterality=keep.laterality or other.laterality,
                location=keep.location or other.location,
                size_mm=keep.size_mm if keep.size_mm is not None else other.size_mm,
                sizes_mm=keep.sizes_mm if keep.size_mm is not None else other.sizes_mm,
                severity=keep.severity or other.severity,
                change=keep.change or (None if own_change else other.change),
            )
            merged.pop(cur_id, None)
            gone.add(cur_id if keep is g else j)
            cur_id = j if keep is g else cur_id
            cur = one
            merged[cur_id] = cur
    return merged, gone


CM_FROM_MM = 30.0  # sizes from this many millimetres are written in centimetres


def _said_to_be_old(sr: StructuredReport, f: Finding, words: Iterable[str]) -> bool:
    """An old finding ("old healed left rib fractures"): one of ``words`` in the mention or just before it."""
    words = tuple(words)
    if not words:
        return False
    before = sr.report.text[max(0, f.span[0] - 40) : f.span[1]].lower().split(".")[-1]
    # only the mention's own phrase: "calcified nodes and a 9 mm nodule" does not call the nodule calcified
    phrase = re.split(r",|;|\band\b|\bwith\b|\bor\b|\bbut\b", before)[-1]
    said = set(re.findall(r"[a-z]+", phrase))
    return any(w in said for w in words)


def _is_chronic(
    f: Finding, chronic: frozenset[str], style: ImpressionStyle, said_chronic: bool = False
) -> bool:
    """Whether a finding is not an acute one: chronic by kind, said to be stable, or minor ("trace
    atelectasis"); a new, worsening or uncertain finding never is, unless the report calls the uncertain one
    chronic (``said_chronic``: "likely chronic small vessel ischemic change")."""
    if f.change in (Change.NEW, Change.WORSENED):
        return False
    if f.assertion is not Assertion.PRESENT:
        return said_chronic and f.code in chronic
    stable = f.change is Change.STABLE and f.code not in style.acute_even_when_stable
    return f.code in chronic or stable or (f.severity or "") in style.minor.get(f.code, ())


def number_sentences(sentences: Iterable[str]) -> str:
    items = list(sentences)
    if len(items) == 1:
        return items[0]
    return "\n".join(f"{i}. {s}" for i, s in enumerate(items, start=1))


def write_impression(
    findings: str,
    context: dict[str, Any] | None = None,
    generate: Callable[[str], str] | None = None,
    engine_name: str = "rules",
    with_guidelines: bool = True,
    memory: StyleMemory | None = None,
) -> ImpressionResult:
    """Write the impression for a findings text.

    With ``memory`` (the site's style, learned from its signed reports; by default the one named by
    ``RADPILOT_STYLE_MEMORY``, if any), "nothing acute" is said the way the site's radiologists say it after
    such findings; see :mod:`radpilot.draft.style_memory`. An empty memory turns it off.

    With ``generate`` (a model), the model's impression is accepted only when the structuring engine finds
    every impression finding supported by the findings and no critical finding dropped; otherwise the
    deterministic impression is returned with the reasons.
    """
    from radpilot.draft.verify import verify_impression

    ctx = dict(context or {})
    if not findings or not findings.strip():
        raise ValueError("field 'findings' is empty: there is nothing to write an impression from")
    # a whole report keeps its sections (a history said before the findings is no finding: "CLINICAL HISTORY: Renal
    # cell carcinoma status post right nephrectomy" is not a renal mass); bare findings text is the findings
    text = findings if _FINDINGS_HEADER_RE.search(findings) else f"FINDINGS: {findings}"
    if ctx.get("exam") and not re.search(
        r"\b(?:EXAMINATION|EXAM|STUDY|PROCEDURE)\s*:", text[:200], re.IGNORECASE
    ):
        # the exam said in the context places what the findings do not ("US thyroid": the nodule is the thyroid's)
        text = f"EXAMINATION: {ctx['exam']}\n{text}"
    sr = default_engine().structure(text)
    # the exam the context names, else the report's own exam line, else what its findings are of ("The liver is
    # normal. No hydronephrosis." is no chest film: "No acute abnormality.")
    exam = str(ctx.get("exam") or sr.report.section_text("examination") or _exam_of_the_findings(sr))
    memory = memory if memory is not None else site_style()
    normal = (
        memory.normal_statement(text, body=sr.report.section_text("findings") or text)
        if memory is not None and memory.fits(exam)
        else None
    )
    sentences = deterministic_impression(
        _without_its_impression(sr), exam, str(ctx.get("indication") or ""), normal
    )
    recommendations: list[str] = []
    if with_guidelines:
        from radpilot.guidelines import assess

        gctx = {
            k: v
            for k, v in ctx.items()
            if k in ("exam", "age", "sex", "indication", "risk", "prior_date", "exam_date")
        }
        assessment = assess(text, gctx, structured=sr)
        recommendations = list(assessment.recommendations)
    if recommendations and _NOT_NEGATIVE_BIRADS.search(" ".join(recommendations)):
        # "No mammographic evidence of malignancy." never beside a BI-RADS 0, 3, 4, 5 or 6 assessment
        breast_normal = impression_style().normal_statement.get("breast")
        sentences = [s for s in sentences if s != breast_normal]
    deterministic = number_sentences([*sentences, *recommendations])
    if generate is None:
        # a normal impression over a sentence the engine could not read is not verified: it may hide a finding
        # the lexicon does not know ("Complete rupture of the Achilles tendon." would read as normal)
        said_normal = all(s == normal for s in sentences) if normal else True
        unread = _unread_sentences(sr) if said_normal and not any(_read(s) for s in sentences) else []
        reasons = [f"a findings sentence the engine could not read: {u!r}" for u in unread]
        return ImpressionResult(deterministic, recommendations, "rules", not reasons, reasons)
    prompt = impression_prompt(findings, ctx)
    model_text = generate(prompt).strip()
    reasons = verify_impression(sr, model_text) if model_text else ["the model returned no text"]
    if reasons:
        return ImpressionResult(deterministic, recommendations, "rules", False, reasons, model_text)
    final = number_sentences([model_text, *recommendations]) if recommendations else model_text
    return ImpressionResult(final, recommendations, engine_name, True, [], model_text)


_FINDINGS_HEADER_RE = re.compile(r"(?i:^|\n)\s*(?i:findings)\s*:|\bFINDINGS\s*:")
_NOT_NEGATIVE_BIRADS = re.compile(r"\bBI-RADS\s*[03456]", re.IGNORECASE)


# words that make a sentence with no finding a normal or technical one ("The lungs are clear.", "Two views.")
_NOTHING_SAID_RE = re.compile(
    r"\b(?:no|not|without|normal|normally|unremarkable|clear|negative|intact|stable|unchanged|within|otherwise|"
    r"views?|images?|exam|examination|technique|compared|comparison|prior|limited|obscured|rotated|rotation|"
    r"portable|projection|positioning|inspiration|penetration|expanded|aerated|midline|patent|preserved|"
    r"symmetric|age|appropriate|appears?|noted|shielded|artifacts?|nipples?|postoperative|postsurgical|"
    r"surgical|senescent)\b|xxxx",
    re.IGNORECASE,
)


def _without_its_impression(sr: StructuredReport) -> StructuredReport:
    """A whole report's findings without those of the impression it already has: the draft is written from the
    findings (its own impression said again would read as a second lesion: "15 mm liver lesion. Liver lesion."); a
    report with nothing but an impression keeps it."""
    own = [f for f in sr.findings if f.section != "impression"]
    if len(own) == len(sr.findings) or not any(f.section == "findings" for f in own):
        return sr
    return replace(sr, findings=own)


def _unread_sentences(sr: StructuredReport) -> list[str]:
    """The findings and impression sentences that name no finding the engine reads and say nothing normal or
    technical: what a normal impression may be hiding."""
    read = {f.sentence for f in (*sr.findings, *sr.other_mentions)}
    return [
        s.text.strip()
        for s in sr.report.sentences
        if s.section in ("findings", "impression")
        and s.index not in read
        and len(s.text.split()) >= 3
        and not _NOTHING_SAID_RE.search(s.text)
    ]


def impression_prompt(findings: str, context: dict[str, Any]) -> str:
    exam = context.get("exam") or "chest radiograph"
    indication = context.get("indication") or "not given"
    return (
        "You are a radiologist. Write the IMPRESSION for this report: one to three short sentences, "
        "most important finding first, keep every side and size, do not add findings.\n"
        f"Exam: {exam}\nIndication: {indication}\nFINDINGS: {findings}\nIMPRESSION:"
    )
