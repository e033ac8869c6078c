"""Fixtures for the web UI tests: a real uvicorn server on loopback with the demo data, and Debian's Chromium.

The browser tests never skip: a missing Chromium or Playwright is a failure with the command that fixes it
(``scripts/ci_browser.sh``, ``pip install playwright``). Screenshots go to ``out/test-artifacts/web/``.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from radpilot.service import web
from radpilot.service.app import create_app
from radpilot.service.settings import ServiceSettings

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "out" / "test-artifacts" / "web"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
CHROMIUM = Path(os.environ.get("RADPILOT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def web_app(db_url: str) -> FastAPI:
    """The service app with the web UI, as the lead's factory will assemble it."""
    app = create_app(ServiceSettings(db_url=db_url))
    if not any(getattr(r, "path", "") == "/login" for r in app.routes):
        app.include_router(web.router)
        web.mount_static(app)
    return app


@dataclass
class Site:
    url: str
    seed: web.DemoSeed
    db_url: str

    def login_of(self, role: str) -> tuple[str, str]:
        return self.seed.logins[role]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("web")
    db_url = f"sqlite:///{folder / 'radpilot.sqlite'}"
    seed = web.demo_seed(db_url, image_dir=folder / "images")
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(web_app(db_url), host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the uvicorn test server did not start within 20 s")
        time.sleep(0.05)
    try:
        yield Site(f"http://127.0.0.1:{port}", seed, db_url)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: run scripts/ci_browser.sh (installs Debian's chromium package); "
            "the browser tests must run, not skip"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install 'playwright>=1.45,<2' (the 'dev' extra)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def new_page(browser: Any, **kwargs: Any) -> Any:
    """A page in a fresh context (its own cookies); CSP bypassed only so the test can inject axe-core."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, bypass_csp=True, **kwargs)
    context.set_default_timeout(15_000)
    return context.new_page()


def log_in(page: Any, site: Site, role: str = "radiologist") -> None:
    name, token = site.login_of(role)
    page.goto(f"{site.url}/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("API token").fill(token)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/(worklist|admin)$"))


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Serious or critical WCAG 2.1 A/AA violations axe-core finds on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations']})"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[TestClient, web.DemoSeed]]:
    """The same app in a TestClient (no browser) for the fast route tests."""
    db_url = f"sqlite:///{tmp_path / 'radpilot.sqlite'}"
    seed = web.demo_seed(db_url, image_dir=tmp_path / "images")
    with TestClient(web_app(db_url), follow_redirects=False) as c:
        yield c, seed


def csrf_of(html: str) -> str:
    m = re.search(r'X-CSRF-Token": "([^"]+)"', html)
    assert m, "page has no CSRF token"
    return m.group(1)
