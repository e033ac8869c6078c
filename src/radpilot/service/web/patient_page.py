"""The patient's page, reached by the signed expiring link: the lay letter, in large type, no login.

Only the report the token names is read; the page links nowhere but to itself (language switch, PDF), sends
no Referer, is never cached, and tells search engines not to index it (meta robots and X-Robots-Tag).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup, escape

from radpilot.service import exports, lifecycle
from radpilot.service.errors import ServiceError
from radpilot.service.links import resolve
from radpilot.service.state import ServiceState, get_state
from radpilot.service.web.templating import render

router = APIRouter()

PRIVATE = {
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow, noarchive",
    "Referrer-Policy": "no-referrer",
}
LANGS = {"en": "English", "es": "Español"}
UI = {
    "en": {
        "print": "Print",
        "pdf": "Download PDF",
        "language": "Language",
        "expires": "This link works until",
        "words_hint": "Tap or hover over an underlined word to see what it means.",
        "not_valid": "This link is not valid.",
        "ask": "Please ask your care team for a new link.",
    },
    "es": {
        "print": "Imprimir",
        "pdf": "Descargar PDF",
        "language": "Idioma",
        "expires": "Este enlace funciona hasta el",
        "words_hint": "Toque o pase el cursor sobre una palabra subrayada para ver qué significa.",
        "not_valid": "Este enlace no es válido.",
        "ask": "Pida a su equipo de atención un enlace nuevo.",
    },
}


def mark_terms(sentence: str, words: list[dict[str, Any]], prefix: str = "t") -> Markup:
    """The sentence escaped, each glossary phrase a button that shows its explanation (tap, hover, focus)."""
    targets = sorted(
        ((str(w.get("plain") or ""), w) for w in words if len(str(w.get("plain") or "")) > 3),
        key=lambda p: len(p[0]),
        reverse=True,
    )
    if not targets:
        return Markup(escape(sentence))
    pattern = re.compile("|".join(rf"\b{re.escape(p)}\b" for p, _ in targets), re.IGNORECASE)
    by_plain = {p.lower(): w for p, w in targets}
    out: list[str] = []
    pos = 0
    for n, m in enumerate(pattern.finditer(sentence)):
        w = by_plain[m.group(0).lower()]
        explain = f"{w.get('term', '')}: {w.get('explain', '')}"
        tip = f"tip-{prefix}-{n}"
        out.append(str(escape(sentence[pos : m.start()])))
        out.append(
            f'<span class="term"><button type="button" class="term-btn" aria-expanded="false" '
            f'aria-controls="{tip}">{escape(m.group(0))}</button>'
            f'<span class="term-tip" id="{tip}" role="note">{escape(explain)}</span></span>'
        )
        pos = m.end()
    out.append(str(escape(sentence[pos:])))
    return Markup("".join(out))


def _lang(link_lang: str, asked: str | None) -> str:
    return asked if asked in LANGS else (link_lang if link_lang in LANGS else "en")


def _invalid(request: Request, status: int, message: str, lang: str = "en") -> HTMLResponse:
    return render(
        request,
        "patient_error.html",
        status=status,
        headers=PRIVATE,
        message=message,
        ui=UI[lang],
        lang=lang,
    )


@router.get("/p/{token}", response_class=HTMLResponse)
def patient_page(
    request: Request,
    token: str,
    lang: str | None = Query(None, max_length=2),
    state: ServiceState = Depends(get_state),
) -> HTMLResponse:
    if len(token) > 400:
        return _invalid(request, 404, UI["en"]["not_valid"])
    try:
        with state.db.read() as s:
            link = resolve(s, state.key(), token)
            chosen = _lang(link.lang, lang)
            report = lifecycle.get_report(s, link.report_id)
            letter = exports.patient_version(s, report, chosen)
            expires = link.expires_at
    except ServiceError as exc:
        return _invalid(request, exc.status, exc.detail)
    words = list(letter.get("words", {}).get("entries", []))
    sections = [
        {
            "heading": sec["heading"],
            "sentences": [mark_terms(x, words, f"{k}-{j}") for j, x in enumerate(sec["sentences"])],
        }
        for k, sec in enumerate(letter["sections"])
    ]
    return render(
        request,
        "patient.html",
        headers=PRIVATE,
        letter=letter,
        sections=sections,
        words=words,
        lang=chosen,
        langs=LANGS,
        ui=UI[chosen],
        token=token,
        expires=expires.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


@router.get("/p/{token}/letter.pdf", response_model=None)
def patient_pdf(
    request: Request,
    token: str,
    lang: str | None = Query(None, max_length=2),
    state: ServiceState = Depends(get_state),
) -> Response:
    from radpilot.patient import ReportNotUnderstood, render_pdf, simplify

    if len(token) > 400:
        return _invalid(request, 404, UI["en"]["not_valid"])
    try:
        with state.db.read() as s:
            link = resolve(s, state.key(), token)
            chosen = _lang(link.lang, lang)
            report = lifecycle.get_report(s, link.report_id)
            v = lifecycle.current_version(s, report)
            text = _source_text(v)
    except ServiceError as exc:
        return _invalid(request, exc.status, exc.detail)
    try:
        pdf = render_pdf(simplify(text, lang=chosen), when=datetime.now(UTC).date())
    except (ReportNotUnderstood, RuntimeError) as exc:
        return _invalid(request, 409, str(exc))
    headers = {**PRIVATE, "Content-Disposition": 'inline; filename="radiology-letter.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)


def _source_text(v: Any) -> str:
    """The report text the lay letter is written from (as ``exports.patient_version`` builds it)."""
    text = f"FINDINGS: {v.findings}\nIMPRESSION: {v.impression}"
    if v.recommendations:
        text += "\nRECOMMENDATION: " + " ".join(str(r) for r in v.recommendations)
    return str(text)
