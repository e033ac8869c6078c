"""Jinja2 templates for the web pages (autoescaped), and the page response helper."""

from __future__ import annotations

import hashlib
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from radpilot.service.web import session

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

#: Every page: no framing by other sites, no MIME sniffing, no referrer leaking ids to other hosts.
PAGE_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "Cache-Control": "no-store",
}


def waiting(minutes: float | int | None) -> str:
    if minutes is None:
        return ""
    m = int(minutes)
    if m < 60:
        return f"{m} min"
    h, m = divmod(m, 60)
    if h < 48:
        return f"{h} h {m:02d} min"
    return f"{h // 24} d {h % 24} h"


def when(value: str | datetime | None) -> str:
    if value is None:
        return ""
    dt = datetime.fromisoformat(value) if isinstance(value, str) else value
    return dt.strftime("%Y-%m-%d %H:%M UTC")


@cache
def static_version() -> str:
    """A short hash of the static files, appended to their URLs so browsers fetch new ones after an upgrade."""
    h = hashlib.sha256()
    for p in sorted(STATIC.rglob("*")):
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:10]


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["waiting"] = waiting
    env.filters["when"] = when
    env.globals["static_version"] = static_version
    return env


def render(
    request: Request,
    template: str,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    ws = session.current(request)
    ctx: dict[str, Any] = {
        "request": request,
        "who": ws.principal if ws else None,
        "csrf": ws.csrf(session.key_for(request)) if ws else "",
        **context,
    }
    html = environment().get_template(template).render(ctx)
    return HTMLResponse(html, status_code=status, headers={**PAGE_HEADERS, **(headers or {})})
