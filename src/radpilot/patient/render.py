"""The patient version as plain text, JSON, accessible HTML and a PDF letter.

HTML: one ``<main>`` with ``lang`` set, a heading per section, lists, and the "Words you may see" list as a
``<dl>`` whose terms are ``<dfn>`` with an id; each glossary phrase in the letter's text links to its
definition and carries it in ``title``. The PDF (reportlab) is a one-page-or-more letter in large type.
"""

from __future__ import annotations

import html
import re
from datetime import date
from io import BytesIO
from typing import Any

from radpilot.patient.glossary import letter_text
from radpilot.patient.rewriter import Letter, WordEntry
from radpilot.patient.simplify import PatientVersion


def word_line(w: WordEntry, lang: str) -> str:
    tx = letter_text(lang)
    tpl = tx.word_line_local if w.local else tx.word_line
    return tpl.format(term=w.term, local=w.local or "", plain=w.plain, explain=w.explain)


def render_text(pv: PatientVersion) -> str:
    L = pv.letter
    h_found, h_means, h_next, h_words = L.headings
    out = [L.title, "=" * len(L.title), "", h_found]
    out += [f"- {s}" for s in L.found]
    out += ["", h_means]
    out += [f"- {s}" for s in L.means]
    out += ["", h_next]
    out += [f"- {s}" for s in L.next]
    out += ["", L.closing]
    if L.words:
        out += ["", h_words]
        out += [f"- {word_line(w, L.lang)}" for w in L.words]
    return "\n".join(out) + "\n"


def render_json(pv: PatientVersion, rid: Any = None) -> dict[str, Any]:
    L = pv.letter
    h_found, h_means, h_next, h_words = L.headings
    return {
        "id": rid,
        "lang": L.lang,
        "title": L.title,
        "sections": [
            {"heading": h_found, "sentences": L.found},
            {"heading": h_means, "sentences": L.means},
            {"heading": h_next, "sentences": [*L.next, L.closing]},
        ],
        "words": {"heading": h_words, "entries": [w.to_dict() for w in L.words]},
        "text": render_text(pv),
        "reading_grade": pv.readability.grade,
        "readability": pv.readability.to_dict(),
        "source_readability": pv.source_readability.to_dict(),
        "verified": pv.verified,
        "engine": pv.engine,
        "findings_kept": pv.findings_kept,
        "issues": pv.issues,
    }


def _slug(term: str) -> str:
    return "word-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def _mark_up(sentence: str, words: list[WordEntry]) -> str:
    """Escape a sentence and link each glossary phrase in it to its definition (longest phrase first)."""
    targets = sorted(((w.plain, w) for w in words if len(w.plain) > 3), key=lambda p: len(p[0]), reverse=True)
    if not targets:
        return html.escape(sentence)
    pattern = re.compile("|".join(rf"\b{re.escape(p)}\b" for p, _ in targets), re.IGNORECASE)
    by_plain = {p.lower(): w for p, w in targets}
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(sentence):
        w = by_plain[m.group(0).lower()]
        out.append(html.escape(sentence[pos : m.start()]))
        title = html.escape(f"{w.term}: {w.explain}", quote=True)
        out.append(f'<a href="#{_slug(w.term)}" title="{title}">{html.escape(m.group(0))}</a>')
        pos = m.end()
    out.append(html.escape(sentence[pos:]))
    return "".join(out)


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; font-size: 1.15rem;
       line-height: 1.6; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 1.6rem; }
a { color: #0b5394; } dfn { font-style: normal; font-weight: 600; }
dd { margin: 0 0 0.8rem 0; } .closing { font-weight: 600; }
@media print { a { color: inherit; text-decoration: none; } }
"""


def render_html(pv: PatientVersion) -> str:
    L = pv.letter
    h_found, h_means, h_next, h_words = L.headings
    words = L.words

    def section(heading: str, sid: str, sentences: list[str]) -> str:
        items = "\n".join(f"      <li>{_mark_up(s, words)}</li>" for s in sentences)
        return (
            f'  <section aria-labelledby="{sid}">\n    <h2 id="{sid}">{html.escape(heading)}</h2>\n'
            f"    <ul>\n{items}\n    </ul>\n  </section>"
        )

    parts = [
        section(h_found, "found", L.found),
        section(h_means, "means", L.means),
        section(h_next, "next", L.next),
        f'  <p class="closing">{html.escape(L.closing)}</p>',
    ]
    if words:
        entries = "\n".join(
            f'      <dt id="{_slug(w.term)}"><dfn>{html.escape(w.term)}</dfn>'
            + (f" ({html.escape(w.local)})" if w.local else "")
            + f"</dt>\n      <dd><strong>{html.escape(w.plain)}.</strong> {html.escape(w.explain)}</dd>"
            for w in words
        )
        parts.append(
            f'  <section aria-labelledby="words">\n    <h2 id="words">{html.escape(h_words)}</h2>\n'
            f"    <dl>\n{entries}\n    </dl>\n  </section>"
        )
    body = "\n".join(parts)
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(L.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(L.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f"  <h1>{html.escape(L.title)}</h1>\n{body}\n</main>\n</body>\n</html>\n"
    )


class PdfUnavailable(RuntimeError):
    """reportlab is not installed (the ``patient`` extra)."""


def render_pdf(pv: PatientVersion, when: date | None = None) -> bytes:
    """The letter as PDF bytes (needs reportlab: ``pip install 'radpilot[patient]'``)."""
    try:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
        from reportlab.lib.units import mm
        from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer
    except ImportError as exc:
        raise PdfUnavailable("PDF output needs reportlab: pip install 'radpilot[patient]'") from exc
    L: Letter = pv.letter
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontSize=12.5, leading=18)
    h1 = ParagraphStyle("h1", parent=styles["Heading1"], fontSize=18, leading=22)
    h2 = ParagraphStyle("h2", parent=styles["Heading2"], fontSize=14.5, leading=19, spaceBefore=10)
    small = ParagraphStyle("small", parent=body, fontSize=11, leading=15)
    esc = html.escape
    story: list[Any] = [
        Paragraph(esc(L.title), h1),
        Paragraph(esc((when or date.today()).isoformat()), small),
        Spacer(1, 4 * mm),
    ]

    def bullets(sentences: list[str], style: ParagraphStyle) -> Any:
        return ListFlowable(
            [ListItem(Paragraph(esc(s), style), leftIndent=12) for s in sentences],
            bulletType="bullet",
            start="\u2022",
            leftIndent=12,
        )

    h_found, h_means, h_next, h_words = L.headings
    for heading, sentences in ((h_found, L.found), (h_means, L.means), (h_next, L.next)):
        story += [Paragraph(esc(heading), h2), bullets(sentences, body)]
    story += [Spacer(1, 4 * mm), Paragraph(f"<b>{esc(L.closing)}</b>", body)]
    if L.words:
        story.append(Paragraph(esc(h_words), h2))
        for w in L.words:
            local = f" ({esc(w.local)})" if w.local else ""
            story.append(Paragraph(f"<b>{esc(w.term)}</b>{local}: {esc(w.plain)}. {esc(w.explain)}", small))
    buf = BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=L.title,
        lang=L.lang,
    )
    doc.build(story)
    return buf.getvalue()
