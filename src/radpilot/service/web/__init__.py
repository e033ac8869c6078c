"""The web UI: server-rendered pages (Jinja2 + htmx) for radiologists, admins and patients.

    from radpilot.service.web import router, mount_static
    app.include_router(router)      # pages: /login, /worklist, /studies/{id}, /admin, /p/{token} ...
    mount_static(app)               # /static (htmx, CSS, JS) and the HTML error pages

Browser sessions are signed cookies backed by the service's users and API tokens (see ``session.py``);
``demo_seed(db_url)`` fills a fresh database for ``radpilot serve --demo``.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from radpilot.service.web import editor, images, patient_page, views
from radpilot.service.web.errors import PageError
from radpilot.service.web.seed import DemoSeed, DemoSeedError, demo_seed
from radpilot.service.web.templating import STATIC, render

router = APIRouter(include_in_schema=False)
for _module in (views, editor, images, patient_page):
    router.include_router(_module.router)

#: Paths that need no session (the login page and the patient's link page); everything else checks a role.
PUBLIC_PATHS = ("/", "/login", "/p/{token}", "/p/{token}/letter.pdf")


def mount_static(app: FastAPI) -> None:
    """Serve ``/static`` and answer :class:`PageError` with an HTML page."""
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    @app.exception_handler(PageError)
    async def _page_error(request: Request, exc: PageError) -> HTMLResponse:
        if request.headers.get("hx-request"):
            return render(request, "_error_note.html", status=exc.status, message=exc.message)
        return render(request, "error.html", status=exc.status, message=exc.message, code=exc.status)


__all__ = ["PUBLIC_PATHS", "DemoSeed", "DemoSeedError", "demo_seed", "mount_static", "router"]
