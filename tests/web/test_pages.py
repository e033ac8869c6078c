"""The web routes without a browser: sessions, CSRF, roles, the patient link's boundaries, images, seeding."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from radpilot.service import web
from radpilot.service.web.session import COOKIE, SessionAllow
from radpilot.store import Database
from radpilot.store.models import ApiToken, Order, PatientLink, Study, utcnow
from tests.web.conftest import csrf_of

Client = tuple[TestClient, web.DemoSeed]


def login(c: TestClient, seed: web.DemoSeed, role: str = "radiologist") -> str:
    name, token = seed.logins[role]
    r = c.post("/login", data={"name": name, "token": token, "next": "/worklist"})
    assert r.status_code == 303, r.text
    page = c.get("/worklist" if role != "admin" else "/admin")
    assert page.status_code == 200
    return csrf_of(page.text)


def db_of(c: TestClient) -> Database:
    db: Database = c.app.state.radpilot.db  # type: ignore[attr-defined]
    return db


def _routes(routes: list[Any]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        inner = getattr(route, "original_router", None) or getattr(route, "router", None)
        if inner is not None:
            yield from _routes(list(inner.routes))


def test_every_page_route_checks_a_role() -> None:
    checked = 0
    for route in _routes(list(web.router.routes)):
        if route.path in web.PUBLIC_PATHS:
            continue
        allows = [d.call for d in route.dependant.dependencies if isinstance(d.call, SessionAllow)]
        assert allows, f"{route.methods} {route.path} has no role check"
        checked += 1
    assert checked >= 12


@pytest.mark.parametrize("path", ["/worklist", "/studies/1", "/admin", "/reports/1/audit", "/images/1/x.png"])
def test_pages_redirect_to_login_without_a_session(client: Client, path: str) -> None:
    c, _ = client
    r = c.get(path)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/login?next=")


def test_htmx_calls_without_a_session_are_told_to_navigate(client: Client) -> None:
    c, _ = client
    r = c.post("/reports/1/live", data={"findings": "x", "impression": ""}, headers={"HX-Request": "true"})
    assert r.status_code == 401
    assert r.headers["hx-redirect"].startswith("/login?next=")


@pytest.mark.parametrize(
    ("name", "token_of", "status"),
    [
        ("demo-radiologist", "resident", 401),  # someone else's token
        ("demo-radiologist", None, 401),  # a token that does not exist
        ("nobody", "radiologist", 401),  # a name that does not own the token
        ("", "radiologist", 401),
    ],
)
def test_login_refuses_bad_credentials(client: Client, name: str, token_of: str | None, status: int) -> None:
    c, seed = client
    token = seed.logins[token_of][1] if token_of else "rp_not_a_token"
    r = c.post("/login", data={"name": name, "token": token})
    assert r.status_code == status
    assert "do not match" in r.text
    assert COOKIE not in r.cookies


def test_failed_logins_are_rate_limited(client: Client) -> None:
    c, seed = client
    limiter = c.app.state.radpilot.limiter  # type: ignore[attr-defined]
    for _ in range(limiter.allowed):
        c.post("/login", data={"name": "demo-radiologist", "token": "rp_wrong"})
    r = c.post("/login", data=dict(zip(("name", "token"), seed.logins["radiologist"], strict=True)))
    assert r.status_code == 429
    assert "Too many failed attempts" in r.text


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example"])
def test_login_never_redirects_off_site(client: Client, target: str) -> None:
    c, seed = client
    name, token = seed.logins["radiologist"]
    r = c.post("/login", data={"name": name, "token": token, "next": target})
    assert r.headers["location"] == "/worklist"


def test_session_cookie_is_httponly_strict_and_tamper_proof(client: Client) -> None:
    c, seed = client
    name, token = seed.logins["radiologist"]
    r = c.post("/login", data={"name": name, "token": token})
    header = r.headers["set-cookie"]
    assert "HttpOnly" in header and "SameSite=strict" in header.replace("Strict", "strict")
    value = c.cookies[COOKIE]
    payload, _, mac = value.partition(".")
    c.cookies.clear()
    c.cookies.set(COOKIE, value)  # the control: the same cookie set the same way opens the page
    assert c.get("/worklist").status_code == 200
    c.cookies.clear()
    c.cookies.set(COOKIE, payload + "." + ("A" if mac[0] != "A" else "B") + mac[1:])
    assert c.get("/worklist").status_code == 303


def test_revoking_the_token_ends_the_browser_session(client: Client) -> None:
    c, seed = client
    login(c, seed)
    with db_of(c).write() as s:
        s.execute(update(ApiToken).values(revoked_at=utcnow()))
    assert c.get("/worklist").status_code == 303


def test_posts_need_the_csrf_token(client: Client) -> None:
    c, seed = client
    csrf = login(c, seed)
    body = {"findings": "No pneumothorax.", "impression": "Normal."}
    assert c.post("/reports/2/save", data=body).status_code == 403
    assert c.post("/reports/2/save", data=body, headers={"X-CSRF-Token": "forged"}).status_code == 403
    r = c.post("/reports/2/save", data=body, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and "Saved." in r.text


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("admin", "/worklist", 403),
        ("radiologist", "/admin", 403),
        ("resident", "/admin", 403),
        ("admin", "/admin", 200),
    ],
)
def test_roles_decide_which_pages_open(client: Client, role: str, path: str, status: int) -> None:
    c, seed = client
    login(c, seed, role)
    r = c.get(path)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")


def test_residents_save_preliminary_but_cannot_sign(client: Client) -> None:
    c, seed = client
    csrf = login(c, seed, "resident")
    page = c.get("/studies/2").text
    assert 'id="sign-btn"' not in page and "Only radiologists sign" in page
    h = {"X-CSRF-Token": csrf}
    r = c.post("/reports/2/sign", headers=h)
    assert "only radiologists may sign" in r.text
    r = c.post(
        "/reports/2/save",
        data={"findings": "The heart is enlarged.", "impression": "Cardiomegaly.", "preliminary": "true"},
        headers=h,
    )
    assert "Saved as preliminary." in r.text and "preliminary" in r.text


def test_live_structuring_marks_findings_and_blocks_signing(client: Client) -> None:
    c, seed = client
    csrf = login(c, seed)
    text = {"findings": "Large left pneumothorax. No pleural effusion.", "impression": "Right pneumothorax."}
    r = c.post("/reports/2/live", data=text, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200
    assert '<mark class="f-critical"' in r.text and '<mark class="f-absent"' in r.text
    assert "Laterality discrepancy" in r.text
    assert re.search(r'id="sign-btn"[^>]*disabled', r.text)
    # nothing is stored by the live call
    assert "version 1" in c.get("/studies/2").text


def test_live_text_is_escaped(client: Client) -> None:
    c, seed = client
    csrf = login(c, seed)
    r = c.post(
        "/reports/2/live",
        data={"findings": "<script>alert(1)</script> Small effusion.", "impression": "x"},
        headers={"X-CSRF-Token": csrf},
    )
    assert "<script>alert(1)" not in r.text and "&lt;script&gt;" in r.text


def test_acknowledging_an_unknown_check_is_a_clear_error(client: Client) -> None:
    c, seed = client
    csrf = login(c, seed)
    r = c.post("/reports/2/checks/nope/acknowledge", headers={"X-CSRF-Token": csrf})
    assert "has no check &#39;nope&#39;" in r.text


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"recipient": "", "method": "phone", "time": "2024-01-01T10:00"}, "say whom you told"),
        ({"recipient": "Dr A", "method": "pigeon", "time": "2024-01-01T10:00"}, "choose how you told them"),
        ({"recipient": "Dr A", "method": "phone", "time": "yesterday"}, "give the date and time"),
        ({"recipient": "Dr A", "method": "phone", "time": "2999-01-01T10:00"}, "time is in the future"),
    ],
)
def test_bad_communication_records_are_refused(client: Client, form: dict[str, str], message: str) -> None:
    c, seed = client
    csrf = login(c, seed)
    r = c.post("/reports/1/communications", data=form, headers={"X-CSRF-Token": csrf})
    assert message in r.text
    assert "Recorded communications" not in r.text  # nothing stored


def _signed_link(c: TestClient, csrf: str, report_id: int) -> str:
    h = {"X-CSRF-Token": csrf}
    r = c.post(f"/reports/{report_id}/sign", headers=h)
    assert "Signed." in r.text, r.text
    r = c.post(f"/reports/{report_id}/patient-link", data={"lang": "en"}, headers=h)
    m = re.search(r'id="patient-link" href="[^"]*(/p/[^"]+)"', r.text)
    assert m, r.text
    return m.group(1)


def test_patient_page_shows_only_its_report_and_is_not_indexed(client: Client) -> None:
    c, seed = client
    csrf = login(c, seed)
    path = _signed_link(c, csrf, 2)
    c.cookies.clear()  # the patient has no session
    r = c.get(path)
    assert r.status_code == 200
    assert r.headers["x-robots-tag"].startswith("noindex")
    assert r.headers["cache-control"] == "no-store" and r.headers["referrer-policy"] == "no-referrer"
    assert '<meta name="robots" content="noindex' in r.text
    assert "big heart" in r.text or "heart" in r.text
    for other in ("Rivera", "Okafor", "Nguyen", "DEMO-1000", "DEMO000", "catheter", "nodule"):
        assert other not in r.text  # no identifier, and nothing of the other patients' reports
    hrefs = set(re.findall(r'href="([^"]+)"', r.text))
    assert all(h.startswith(path) or h.startswith("/static/") for h in hrefs), hrefs
    es = c.get(path + "?lang=es")
    assert es.status_code == 200 and '<html lang="es">' in es.text
    pdf = c.get(path + "/letter.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")


@pytest.mark.parametrize("mangle", [lambda t: t[:-3] + "abc", lambda t: "x.y", lambda t: t.split(".")[0]])
def test_forged_patient_links_are_not_found(client: Client, mangle: Any) -> None:
    c, seed = client
    csrf = login(c, seed)
    path = _signed_link(c, csrf, 2)
    c.cookies.clear()
    r = c.get("/p/" + mangle(path.removeprefix("/p/")))
    assert r.status_code == 404
    assert "not valid" in r.text and r.headers["x-robots-tag"].startswith("noindex")


def test_expired_patient_links_are_gone(client: Client) -> None:
    c, seed = client
    csrf = login(c, seed)
    path = _signed_link(c, csrf, 2)
    with db_of(c).write() as s:
        s.execute(update(PatientLink).values(expires_at=utcnow() - timedelta(minutes=1)))
    c.cookies.clear()
    r = c.get(path)
    assert r.status_code == 410 and "expired" in r.text
    assert c.get(path + "/letter.pdf").status_code == 410


def test_images_render_and_stay_within_their_study(client: Client) -> None:
    c, seed = client
    login(c, seed)
    page = c.get("/studies/2").text
    sop = re.search(r'data-sop="([0-9.]+)"', page)
    assert sop
    r = c.get(f"/images/2/{sop.group(1)}.png?window=full&size=256")
    assert r.status_code == 200 and r.content.startswith(b"\x89PNG")
    assert c.get(f"/images/1/{sop.group(1)}.png").status_code == 404  # another study's id
    r = c.get(f"/images/2/{sop.group(1)}.png?window=lung")  # an HU preset on a radiograph
    assert r.status_code == 422 and "cannot be shown" in r.text
    assert c.get(f"/images/2/{sop.group(1)}.png?size=99").status_code == 422


def test_next_case_follows_the_worklist_order(client: Client) -> None:
    c, seed = client
    login(c, seed)
    first = c.get("/worklist/next").headers["location"]
    assert first == "/studies/1"  # the STAT critical case
    second = c.get("/worklist/next?after=1").headers["location"]
    assert second == "/studies/4"  # urgent before routine
    assert c.get("/worklist/next?priority=routine").headers["location"] in ("/studies/2", "/studies/3")


def test_drafting_an_unreported_study_from_the_page(client: Client) -> None:
    c, seed = client
    csrf = login(c, seed)
    assert "Draft the report" in c.get("/studies/4").text
    r = c.post("/studies/4/draft", headers={"X-CSRF-Token": csrf})
    assert r.status_code == 204 and r.headers["hx-redirect"] == "/studies/4"
    assert 'id="findings"' in c.get("/studies/4").text


def test_a_study_whose_order_was_cancelled_is_not_drafted(client: Client) -> None:
    c, seed = client
    csrf = login(c, seed)
    assert "/studies/4" in c.get("/worklist").text
    with db_of(c).write() as s:
        study = s.get(Study, 4)
        assert study is not None
        s.execute(update(Order).where(Order.id == study.order_id).values(cancelled_at=utcnow()))
    r = c.post("/studies/4/draft", headers={"X-CSRF-Token": csrf})
    assert r.status_code == 409 and "cancelled" in r.text
    assert "/studies/4" not in c.get("/worklist").text


def test_demo_seed_refuses_a_database_with_studies(client: Client) -> None:
    c, seed = client
    with pytest.raises(web.DemoSeedError, match="already holds studies"):
        web.demo_seed(db_of(c).url)
    assert seed.studies == (1, 2, 3, 4)
    path, user, token = seed
    assert (path, user) == ("/login", "demo-radiologist") and token.startswith("rp_")
    with db_of(c).read() as s:
        assert len(list(s.scalars(select(ApiToken)))) == 3


def test_admin_checks_a_backend_now(client: Client) -> None:
    c, seed = client
    csrf = login(c, seed, "admin")
    assert c.post("/admin/backends/rules/check").status_code == 403  # no CSRF token
    r = c.post("/admin/backends/rules/check", headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200
    row = r.text[r.text.index('id="backend-rules"') :]
    row = row[: row.index("</tr>")]
    assert 'role="status"' in row and ">ok<" in row and "ready" in row
    down = c.post("/admin/backends/transformers/check", headers={"X-CSRF-Token": csrf})
    assert down.status_code == 200 and "unavailable" in down.text and "model_path" in down.text
    assert c.post("/admin/backends/nope/check", headers={"X-CSRF-Token": csrf}).status_code == 404


def test_backends_api_is_for_admins(client: Client) -> None:
    c, seed = client
    admin = {"Authorization": f"Bearer {seed.logins['admin'][1]}"}
    rad = {"Authorization": f"Bearer {seed.logins['radiologist'][1]}"}
    listed = c.get("/api/v1/backends", headers=admin).json()
    assert listed["default"] and {"rules", "local", "openai"} <= {b["name"] for b in listed["backends"]}
    assert c.get("/api/v1/backends", headers=rad).status_code == 403
    got = c.post("/api/v1/backends/rules/check", headers=admin).json()
    assert got["name"] == "rules" and got["status"] == "ok"
    assert c.post("/api/v1/backends/nope/check", headers=admin).status_code == 404


def test_an_id_beyond_the_database_range_is_not_a_server_error(client: Client) -> None:
    c, seed = client
    login(c, seed)
    for path in ("/studies/99999999999999999999", "/reports/99999999999999999999/audit"):
        assert c.get(path).status_code == 422, path
