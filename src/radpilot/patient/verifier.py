"""Read a lay text back with the structuring engine and compare it with the report it came from.

Checks (each failure is one reason in plain English, for the log and for the reviewer):
- the same present and uncertain findings, each with the same assertion and the same sides;
- no finding that the report does not have, and no "no X" that the report does not say;
- every size (number and unit) of the report's results, and no size that is not in them;
- no next step (test, interval, referral, treatment) beyond the report's and the guideline engine's;
- a reading grade at or under the target.

The engine reads lay words through the lexicon's ``lay`` synonyms ("fluid around the lung", "collapsed lung").
Only English can be read back; other languages are rendered from a plan that was verified in English.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from radpilot.patient.glossary import Glossary, glossary, letter_text
from radpilot.patient.readability import Readability, measure
from radpilot.patient.readability import split_sentences as lay_sentences
from radpilot.patient.rewriter import (
    NON_RESULT_SECTIONS,
    Recommendation,
    all_recurrence_notes,
    breast_density,
    cancer_concern,
    communicated_sentences,
    denial_contradicted,
    denial_is_narrow,
    is_recommendation,
    limited_sentences,
    midline_findings,
    no_recurrence,
    raises_cancer_concern,
    recommendation_signals,
    recommendation_text,
    recommends,
    recurrence_notes,
    same_size,
    sizes_in,
    states_benign,
    states_probably_benign,
    surgery_sentences,
)
from radpilot.report import ASSERTION_RANK, Assertion, Finding, Laterality, StructuredReport
from radpilot.structure import StructuringEngine, ancestors, default_engine, default_lexicon

SizeKey = tuple[tuple[float, ...], str]


@dataclass(frozen=True, slots=True)
class FindingView:
    """A report's findings at report level: per code, the strongest assertion and the sides of its mentions."""

    positive: dict[str, tuple[Assertion, frozenset[str]]]
    absent: frozenset[str]
    names: dict[str, str]
    # codes denied on one side only ("No left pneumothorax"), with those sides
    denied_sides: dict[str, frozenset[str]] = field(default_factory=dict)
    # per present or uncertain code, the changes against the prior study its mentions state ("worsened", "new")
    changes: dict[str, frozenset[str]] = field(default_factory=dict)


def finding_view(findings: Sequence[Finding], sr: StructuredReport | None = None) -> FindingView:
    """The findings at report level. With the text they were read from (``sr``), a denial said only with a degree, a
    kind or a hedge ("No large pleural effusion", ``denial_is_narrow``) is no denial of the finding: a lay "no fluid
    around the lung" for it is a new negative statement."""
    best: dict[str, Assertion] = {}
    sides: dict[str, set[str]] = {}
    absent: set[str] = set()
    names: dict[str, str] = {}
    one_side: dict[str, set[str]] = {}
    changes: dict[str, set[str]] = {}
    gl = glossary("en")
    for f in findings:
        names.setdefault(f.code, f.name)
        if f.assertion is Assertion.ABSENT:
            if sr is None:
                absent.add(f.code)
            elif denial_is_narrow(sr, f, gl):
                pass
            elif f.laterality is not None and f.laterality is not Laterality.BILATERAL:
                one_side.setdefault(f.code, set()).add(f.laterality.value)
            else:
                absent.add(f.code)
            continue
        cur = best.get(f.code)
        if cur is None or ASSERTION_RANK[f.assertion] > ASSERTION_RANK[cur]:
            best[f.code] = f.assertion
        if f.laterality is not None:
            sides.setdefault(f.code, set()).add(f.laterality.value)
        if f.change is not None:
            changes.setdefault(f.code, set()).add(f.change.value)
    positive = {c: (a, frozenset(sides.get(c, ()))) for c, a in best.items()}
    absent |= {c for c, s in one_side.items() if len(s) > 1}  # (denied on the left and on the right)
    denied_sides = {c: frozenset(s) for c, s in one_side.items() if c not in absent and c not in positive}
    return FindingView(
        positive,
        frozenset(absent - set(positive)),
        names,
        denied_sides,
        {c: frozenset(v) for c, v in changes.items() if c in positive},
    )


def result_findings(sr: StructuredReport) -> list[Finding]:
    """Findings of the result sections (not the indication, technique or comparison), less a mammogram's
    composition read as a density ("ACR density B.": the letter tells it as the breasts' density)."""
    _, density_said = breast_density(sr)
    return [
        f
        for f in midline_findings(sr, sr.findings, glossary("en").data.midline)
        if f.section not in NON_RESULT_SECTIONS and not (f.code == "density" and f.sentence in density_said)
    ]


def result_sizes(sr: StructuredReport) -> dict[SizeKey, str]:
    out: dict[SizeKey, str] = {}
    for s in sr.report.sentences:
        if s.section in NON_RESULT_SECTIONS:
            continue
        for m in sizes_in(s.text):
            out.setdefault((m.values_mm, m.unit), m.text)
    return out


@dataclass(frozen=True, slots=True)
class SourceFacts:
    """What a lay text is compared with, read once from the report: simplify verifies the English letter and the
    letter in the patient's language against the same report."""

    findings: FindingView
    sizes: dict[SizeKey, str]


def source_facts(sr: StructuredReport) -> SourceFacts:
    return SourceFacts(finding_view(result_findings(sr), sr), result_sizes(sr))


_DECIMAL_COMMA_RE = re.compile(r"(\d),(\d)")


def text_sizes(text: str) -> dict[SizeKey, str]:
    return {(m.values_mm, m.unit): m.text for m in sizes_in(text)}


def _describe(name: str, assertion: Assertion, sides: frozenset[str]) -> str:
    side = f", {'/'.join(sorted(sides))}" if sides else ""
    return f"{name} ({assertion.value}{side})"


def _sides_told_more_specifically(
    code: str, a: Assertion, source: FindingView, lay: FindingView, view: FindingView
) -> frozenset[str]:
    """Sides on which ``view`` states a finding by a more specific name that both texts use, with the same
    certainty ("opacity" on the left and "density" on the right: the opacity is on both sides)."""
    lex = default_lexicon()
    out: set[str] = set()
    for narrow, (na, nsides) in view.positive.items():
        if narrow == code or narrow not in source.positive or narrow not in lay.positive:
            continue
        if code in ancestors(lex, narrow) and na is a:
            out |= nsides
    return frozenset(out)


def _told_more_specifically(
    code: str, a: Assertion, sides: frozenset[str], source: FindingView, lay: FindingView
) -> bool:
    """The report names a finding broadly and specifically ("nodule", "solid nodule"); the lay text tells the
    specific one, which the report states too, with the same certainty and at least the same sides."""
    lex = default_lexicon()
    for narrow, (la, lsides) in lay.positive.items():
        if narrow == code or narrow not in source.positive or code not in ancestors(lex, narrow):
            continue
        if la is a and sides <= lsides:
            return True
    return False


def compare_findings(source: FindingView, lay: FindingView) -> list[str]:
    """Reasons the lay findings differ from the source findings (empty when they agree)."""
    issues: list[str] = []
    for code, (a, sides) in source.positive.items():
        name = source.names.get(code, code)
        got = lay.positive.get(code)
        if got is None and _told_more_specifically(code, a, sides, source, lay):
            continue
        if got is None:
            issues.append(f"dropped finding: {_describe(name, a, sides)}")
            continue
        la, lsides = got
        # a finding stated on some side by a more specific name both texts use counts on that side, in both
        sides = sides | _sides_told_more_specifically(code, a, source, lay, source)
        lsides = lsides | _sides_told_more_specifically(code, a, source, lay, lay)
        if la is not a:
            issues.append(f"changed certainty: {name} is {a.value} in the report, {la.value} in the lay text")
        if lsides != sides:
            want = "/".join(sorted(sides)) or "no side"
            have = "/".join(sorted(lsides)) or "no side"
            issues.append(f"changed side: {name} is {want} in the report, {have} in the lay text")
        # a change against the prior study the report states that the lay text tells otherwise ("worse" of an
        # improved edema, "stable" of a grown aneurysm); none is compared where the report states none (a "new"
        # stroke of an acute infarct, a glossary note that a spur "can get worse")
        was, told = source.changes.get(code, frozenset()), lay.changes.get(code, frozenset())
        if was and told and told.isdisjoint(was):
            issues.append(
                f"changed course: {name} is {'/'.join(sorted(was))} in the report, {'/'.join(sorted(told))} in the "
                "lay text"
            )
    for code, (la, lsides) in lay.positive.items():
        if code not in source.positive:
            name = lay.names.get(code, code)
            note = " (the report says it is absent)" if code in source.absent else ""
            issues.append(f"new finding: {_describe(name, la, lsides)}{note}")
    for code in sorted(lay.absent - source.absent):
        if code in source.positive:
            continue  # "no X on the left" beside "X on the right": the sides check covers it
        issues.append(f"new negative statement: the lay text says no {lay.names.get(code, code)}")
    for code, lsides in sorted(lay.denied_sides.items()):
        if (
            code in source.absent
            or code in source.positive
            or lsides <= source.denied_sides.get(code, frozenset())
        ):
            continue
        issues.append(
            f"new negative statement: the lay text says no {lay.names.get(code, code)} ({'/'.join(sorted(lsides))})"
        )
    gl = glossary("en")
    for code in sorted((lay.absent | lay.denied_sides.keys()) & (source.absent | source.denied_sides.keys())):
        # "No intraparenchymal hematoma" beside a subarachnoid hemorrhage: the report denies one kind, the lay "no
        # bleeding in the brain" denies them all
        kind = denial_contradicted(code, source.positive.keys(), gl)
        if kind is not None:
            issues.append(
                f"new negative statement: the lay text says no {lay.names.get(code, code)}, the report has "
                f"{source.names.get(kind, kind)}"
            )
    return issues


def compare_sizes(source: dict[SizeKey, str], lay: dict[SizeKey, str]) -> list[str]:
    # a single size the lay text gives as the largest axis of a fuller measurement is kept (the impression's "1.6 cm"
    # of the nodule the findings measured "1.6 x 1.2 x 1.1 cm")
    # ... and so is the mean diameter the impression gives ("6.5 mm" of "7 x 6 mm", "3.1 cm" of "34 x 28 mm")
    fuller = [v for v, _ in lay if len(v) > 1]
    issues = [
        f"missing measurement: {txt}"
        for key, txt in source.items()
        if key not in lay and not (len(key[0]) == 1 and any(same_size(key[0], v) for v in fuller))
    ]
    issues += [f"new measurement: {txt}" for key, txt in lay.items() if key not in source]
    return issues


def allowed_signals(
    sr: StructuredReport, recommendations: Sequence[Recommendation], gl: Glossary
) -> set[str]:
    triggers = gl.data.recommendations.triggers
    out: set[str] = set()
    for s in sr.report.sentences:
        if s.section in NON_RESULT_SECTIONS:
            continue
        if s.section == "recommendation" or recommends(s.text, triggers):
            out |= recommendation_signals(s.text, gl)
    for rec in recommendations:
        out |= recommendation_signals(recommendation_text(rec), gl)
    return out


def lay_signals(text: str, gl: Glossary) -> set[str]:
    """Next steps a lay text names, in its sentences that speak about a next step."""
    triggers = gl.data.recommendations.lay_triggers
    out: set[str] = set()
    for sent in lay_sentences(text):
        if is_recommendation(sent, triggers):
            out |= recommendation_signals(sent, gl)
    return out


@dataclass(slots=True)
class Verification:
    ok: bool
    preserved: bool  # findings, sides, certainty and sizes kept, nothing invented
    issues: list[str]
    readability: Readability
    findings_kept: int = 0
    findings_total: int = 0
    lay_findings: FindingView | None = field(default=None, repr=False)


# a sentence that only gives the medical name of what the sentence before it told ("This is called a pneumothorax.",
# "The medical word for this is ...", "Doctors call this ...")
_NAMING_RE = re.compile(
    r"\s*(?:(?:this|that|it|these|those)\s+(?:is|are)\s+(?:also\s+)?(?:called|known\s+as|named)"
    r"|the\s+medical\s+(?:word|name|term)\s+for\s+(?:this|that|it)\s+is"
    r"|doctors\s+call\s+(?:this|that|it))\b",
    re.IGNORECASE,
)


_EXPLAINED_RE = re.compile(r"\s*(?:-\s*)?[^:.\n]{1,80}:\s")


def named_as_said_before(sr: StructuredReport) -> list[Finding]:
    """The lay text's findings, where a sentence that only names what the sentence before it told says nothing of
    its own: the name is the finding told before, with that sentence's certainty, side and change ("There might be
    a new air leak around your right lung. This is called a pneumothorax." is a possible pneumothorax, not a certain
    one too)."""
    sentences = sr.report.sentences
    position = {s.index: i for i, s in enumerate(sentences)}
    by_sentence: dict[int, list[Finding]] = {}
    for f in sr.findings:
        by_sentence.setdefault(f.sentence, []).append(f)
    out: list[Finding] = []
    for f in sr.findings:
        k = position.get(f.sentence)
        if k is not None and f.change is not None and _EXPLAINED_RE.match(sentences[k].text):
            # a term and what it means tell no course ("Infection in the lung: Germs may be growing there.")
            f = replace(f, change=None)
        told = by_sentence.get(sentences[k - 1].index, []) if k else []
        if k is None or not told or not _NAMING_RE.match(sentences[k].text):
            out.append(f)
            continue
        if any(g.code == f.code for g in told):
            continue  # (the finding told before, named)
        first = told[0]
        out.append(
            replace(
                f,
                assertion=first.assertion,
                laterality=f.laterality or first.laterality,
                change=f.change or first.change,
            )
        )
    return out


def without_fixed_notes(lay_text: str) -> str:
    """The English letter without its fixed notes that name no finding of their own: that the report raises a
    concern of cancer, and a mammogram's density statement (the engine would read "could be cancer" and "breast
    cancer" as a possible mass)."""
    tx = letter_text("en")
    for note in (
        tx.concern_note,
        tx.proven_note,
        tx.definite_note,
        tx.benign_note,
        tx.probably_benign_note,
        tx.limited_note,
        tx.communicated_note,
        tx.surgery_note,
        tx.density_dense,
        tx.density_not_dense,
        *all_recurrence_notes(tx),
    ):
        if note:
            lay_text = lay_text.replace(note, " ")
    return lay_text


def _density_said(lay_text: str) -> str | None:
    tx = letter_text("en")
    if tx.density_dense and tx.density_dense in lay_text:
        return "dense"
    if tx.density_not_dense and tx.density_not_dense in lay_text:
        return "not dense"
    return None


def verify(
    source: StructuredReport,
    lay_text: str,
    *,
    recommendations: Sequence[Recommendation] = (),
    grade: float = 6.5,
    lang: str = "en",
    engine: StructuringEngine | None = None,
    read_back: bool = True,
    facts: SourceFacts | None = None,
) -> Verification:
    """Verify ``lay_text`` against ``source``. ``read_back=False`` (for languages the engine cannot read)
    checks only sizes and the reading grade; callers must verify the content plan in English. ``facts``: the
    report's ``source_facts``, where the caller has read them already for another text of the same report."""
    issues: list[str] = []
    facts = facts or source_facts(source)
    src_view = facts.findings
    lay_view: FindingView | None = None
    kept = 0
    if read_back:
        # the letter's fixed sentence that the report raises a concern of cancer names no finding of its own; it
        # may stand only where the report raises that concern
        read_text = without_fixed_notes(lay_text)
        tx = letter_text("en")
        if tx.concern_note in lay_text and not raises_cancer_concern(source):
            issues.append("new concern of cancer: the report raises none")
        if tx.benign_note and tx.benign_note in lay_text and not states_benign(source):
            issues.append("benign: the report gives no benign assessment")
        if (
            tx.probably_benign_note
            and tx.probably_benign_note in lay_text
            and not states_probably_benign(source)
        ):
            issues.append("probably benign: the report gives no probably-benign assessment")
        # (what the report says of cancer and of recurrence is read only where the letter says one of these notes)
        if tx.proven_note and tx.proven_note in lay_text and "proven" not in cancer_concern(source):
            issues.append("cancer proven by biopsy: the report does not say so (BI-RADS 6)")
        if tx.definite_note and tx.definite_note in lay_text and "definite" not in cancer_concern(source):
            issues.append("liver cancer by imaging: the report does not say so (LR-5)")
        notes = [note for note in all_recurrence_notes(tx) if note in lay_text]
        backed = recurrence_notes(tx, no_recurrence(source)) if notes else []
        for note in notes:
            if note not in backed:
                issues.append(f"not come back or spread: the report does not say {note!r}")
        if tx.limited_note and tx.limited_note in lay_text and not limited_sentences(source, glossary("en")):
            issues.append("limited study: the report does not say so")
        if (
            tx.communicated_note
            and tx.communicated_note in lay_text
            and not communicated_sentences(source, glossary("en"))
        ):
            issues.append("results told to the care team: the report does not say so")
        if tx.surgery_note and tx.surgery_note in lay_text and not surgery_sentences(source, glossary("en")):
            issues.append("an operation before: the report does not say so")
        density = _density_said(lay_text)
        if density is not None and density != breast_density(source)[0]:
            issues.append(f"breast density: the letter says {density!r}, the report does not")
        lay_sr = (engine or default_engine()).structure(read_text)
        lay_view = finding_view(named_as_said_before(lay_sr), lay_sr)
        issues += compare_findings(src_view, lay_view)
        kept = sum(1 for c, v in src_view.positive.items() if lay_view.positive.get(c) == v)
        gl = glossary("en")
        extra = lay_signals(read_text, gl) - allowed_signals(source, recommendations, gl)
        issues += [f"new next step: {s}" for s in sorted(extra)]
    # (a letter that writes decimals with a comma, "4,2 cm", says the same size as "4.2 cm")
    issues += compare_sizes(facts.sizes, text_sizes(_DECIMAL_COMMA_RE.sub(r"\1.\2", lay_text)))
    preserved = not issues
    rd = measure(lay_text, lang)
    if rd.grade > grade:
        issues.append(f"reading grade {rd.grade:.1f} is above the target {grade:g}")
    return Verification(
        ok=not issues,
        preserved=preserved,
        issues=issues,
        readability=rd,
        findings_kept=kept if read_back else len(src_view.positive),
        findings_total=len(src_view.positive),
        lay_findings=lay_view,
    )
