"""Report text as the editor shows it: sentences with their provenance, findings and check spans marked, diffs.

Spans from the structuring engine and the QA checks are offsets into the report as the engine reads it,
``"FINDINGS: <findings>\\nIMPRESSION: <impression>"`` with both sections stripped (see
``radpilot.checks.run_checks``); :func:`report_layout` maps them back onto each section.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

FINDINGS_LABEL = "FINDINGS: "
IMPRESSION_LABEL = "\nIMPRESSION: "
SECTIONS = ("findings", "impression")


def engine_text(findings: str, impression: str) -> str:
    """The text the structuring engine and the checks read."""
    return f"{FINDINGS_LABEL}{findings.strip()}{IMPRESSION_LABEL}{impression.strip()}"


def section_starts(findings: str) -> dict[str, int]:
    """Where each stripped section starts in :func:`engine_text`."""
    f = len(FINDINGS_LABEL)
    return {"findings": f, "impression": f + len(findings.strip()) + len(IMPRESSION_LABEL)}


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str  # present | absent | uncertain | check | critical
    label: str


@dataclass(slots=True)
class SentenceView:
    text: str
    start: int
    end: int
    source: str
    origin: str  # a short human label of where the sentence came from
    html: Markup


@dataclass(slots=True)
class SectionView:
    name: str
    text: str
    sentences: list[SentenceView] = field(default_factory=list)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, as the report model splits them (list markers "1." left out)."""
    from radpilot.report import split_sentences as report_sentences

    return [span for _, span in report_sentences(text)]


#: How the editor names each source of a sentence (draft provenance ``source`` values).
SOURCE_LABELS = {
    "dictated": "dictated",
    "radiologist": "radiologist",
    "template": "template",
    "vision": "model",
    "classifier": "classifier",
    "impression": "generated",
    "recommendation": "guideline",
}


def origin_label(p: dict[str, Any] | None) -> tuple[str, str]:
    """(source, label) for a provenance entry; None means the radiologist typed it."""
    if p is None:
        return "radiologist", "radiologist (edited)"
    source = str(p.get("source") or "unknown")
    backend = str(p.get("backend") or "")
    model = str(p.get("model_id") or "")
    label = SOURCE_LABELS.get(source, source)
    if source in ("dictated", "radiologist"):
        return source, label
    detail = model or backend
    return source, f"{label}: {detail}" if detail else label


#: Draft provenance sources that belong to the impression (the draft's entries carry no section).
IMPRESSION_SOURCES = frozenset({"impression", "recommendation"})


def provenance_section(p: dict[str, Any]) -> str:
    section = p.get("section")
    if section in SECTIONS:
        return str(section)
    return "impression" if p.get("source") in IMPRESSION_SOURCES else "findings"


def provenance_index(provenance: list[Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Provenance by (section, sentence): the same words may be dictated in findings and generated below."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for p in provenance:
        if isinstance(p, dict):
            out.setdefault((provenance_section(p), str(p.get("sentence", "")).strip()), p)
    return out


def annotate(text: str, marks: list[Mark], offset: int = 0) -> Markup:
    """``text`` escaped, with each mark (engine offsets minus ``offset``) as a ``<mark>``; overlaps dropped."""
    out: list[str] = []
    pos = 0
    for m in sorted(marks, key=lambda m: (m.start, -m.end)):
        a, b = m.start - offset, m.end - offset
        if a < pos or b > len(text) or a >= b:
            continue
        out.append(str(escape(text[pos:a])))
        out.append(f'<mark class="f-{escape(m.kind)}" title="{escape(m.label)}">{escape(text[a:b])}</mark>')
        pos = b
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def finding_marks(structured: list[Any]) -> list[Mark]:
    marks = []
    for f in structured:
        if not isinstance(f, dict) or not f.get("span"):
            continue
        a, b = int(f["span"][0]), int(f["span"][1])
        assertion = str(f.get("assertion") or "present")
        bits = [str(f.get("name") or f.get("code") or "finding"), assertion]
        for key in ("laterality", "location", "severity"):
            if f.get(key):
                bits.append(str(f[key]))
        if f.get("size_mm"):
            bits.append(f"{float(f['size_mm']):g} mm")
        marks.append(
            Mark(
                a,
                b,
                assertion if assertion in ("present", "absent", "uncertain") else "present",
                ", ".join(bits),
            )
        )
    return marks


def report_layout(
    findings: str, impression: str, provenance: list[Any], marks: list[Mark]
) -> list[SectionView]:
    """Each section as sentences with provenance labels and marked-up HTML."""
    starts = section_starts(findings)
    known = provenance_index(provenance)
    views = []
    for name, raw in (("findings", findings), ("impression", impression)):
        text = raw.strip()
        base = starts[name]
        view = SectionView(name, text)
        for a, b in split_sentences(text):
            sent = text[a:b]
            source, label = origin_label(known.get((name, sent)))
            inside = [m for m in marks if m.start >= base + a and m.end <= base + b]
            view.sentences.append(
                SentenceView(sent, a, b, source, label, annotate(sent, inside, offset=base + a))
            )
        views.append(view)
    return views


def quote_span(findings: str, impression: str, span: list[int] | tuple[int, int] | None) -> str:
    """The words a span covers, for a check's message ("" when it has none or is out of range)."""
    if not span or len(span) != 2:
        return ""
    text = engine_text(findings, impression)
    a, b = int(span[0]), int(span[1])
    if not 0 <= a < b <= len(text):
        return ""
    return text[a:b]


_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """[(op, text)] with op ``=``, ``-`` (only in ``before``) or ``+`` (only in ``after``), word by word."""
    a = _TOKEN.findall(before)
    b = _TOKEN.findall(after)
    out: list[tuple[str, str]] = []
    sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.append(("=", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(("-", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("+", "".join(b[j1:j2])))
    return out


def diff_html(before: str, after: str) -> Markup:
    parts = []
    for op, text in word_diff(before, after):
        if op == "=":
            parts.append(str(escape(text)))
        elif op == "-":
            parts.append(f"<del>{escape(text)}</del>")
        else:
            parts.append(f"<ins>{escape(text)}</ins>")
    return Markup("".join(parts))
