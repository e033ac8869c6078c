"""The HTTP contract: paths, status codes (401/403/404/409/422), role checks on every route, CORS, rate limit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute

from radpilot.service.auth import Allow, RoleCheck
from radpilot.service.web import PUBLIC_PATHS
from tests.service.conftest import CLEAN_FINDINGS, Service, make_service

CONTRACT = [
    ("GET", "/healthz"),
    ("POST", "/api/v1/studies"),
    ("GET", "/api/v1/studies"),
    ("GET", "/api/v1/studies/{study_id}"),
    ("POST", "/api/v1/studies/{study_id}/drafts"),
    ("GET", "/api/v1/reports/{report_id}"),
    ("PUT", "/api/v1/reports/{report_id}"),
    ("POST", "/api/v1/reports/{report_id}/sign"),
    ("POST", "/api/v1/reports/{report_id}/addenda"),
    ("POST", "/api/v1/reports/{report_id}/checks/{check_id}/acknowledge"),
    ("POST", "/api/v1/reports/{report_id}/critical-communications"),
    ("GET", "/api/v1/reports/{report_id}/fhir"),
    ("GET", "/api/v1/reports/{report_id}/hl7"),
    ("GET", "/api/v1/reports/{report_id}/patient"),
    ("GET", "/api/v1/reports/{report_id}/audit"),
    ("GET", "/api/v1/reports/{report_id}/audit/verify"),
    ("GET", "/api/v1/worklist"),
    ("GET", "/api/v1/metrics"),
]
# Routes without a role: health, the patient's signed link, and the web pages that lead to the login.
PUBLIC = {"/healthz", "/api/v1/patient-links/{token}", *PUBLIC_PATHS}


def test_openapi_lists_the_contract(lite: Service) -> None:
    spec = lite.client.get("/openapi.json").json()
    for method, path in CONTRACT:
        assert path in spec["paths"], path
        assert method.lower() in spec["paths"][path], (method, path)


def test_healthz(lite: Service) -> None:
    r = lite.client.get("/healthz")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        inner = getattr(route, "original_router", None) or getattr(route, "router", None)
        if inner is not None:
            yield from _api_routes(list(inner.routes))


def test_every_api_route_checks_a_role(lite: Service) -> None:
    checked = 0
    for route in _api_routes(list(lite.client.app.routes)):  # type: ignore[attr-defined]
        if route.path in PUBLIC:
            continue
        # API routes check a bearer token's role (Allow); only browser pages may rely on the session cookie.
        wanted = Allow if route.path.startswith("/api/") else RoleCheck
        allows = [d.call for d in route.dependant.dependencies if isinstance(d.call, wanted)]
        assert allows, f"{sorted(route.methods or ())} {route.path} has no role check"
        checked += 1
    assert checked >= len(CONTRACT) - 1


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/studies"),
        ("POST", "/api/v1/studies"),
        ("GET", "/api/v1/reports/1"),
        ("POST", "/api/v1/reports/1/sign"),
        ("GET", "/api/v1/worklist"),
        ("GET", "/api/v1/metrics"),
    ],
)
@pytest.mark.parametrize("header", [None, "Bearer nope", "Basic abc", "Bearer "])
def test_401_without_a_valid_token(lite: Service, method: str, path: str, header: str | None) -> None:
    headers = {"Authorization": header} if header is not None else {}
    r = lite.client.request(method, path, headers=headers, json={})
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"


def _paths(svc: Service) -> dict[str, Any]:
    report = svc.draft()
    return {"sid": report["study_id"], "rid": report["report_id"], "cid": "x"}


# (method, path template, body, roles that are refused with 403)
ROLE_TABLE = [
    ("POST", "/api/v1/studies/{sid}/drafts", {}, ["admin", "referrer"]),
    ("PUT", "/api/v1/reports/{rid}", {"findings": "a.", "impression": "b."}, ["admin", "referrer"]),
    ("POST", "/api/v1/reports/{rid}/sign", None, ["resident", "admin", "referrer"]),
    ("POST", "/api/v1/reports/{rid}/addenda", {"text": "x"}, ["resident", "admin", "referrer"]),
    ("POST", "/api/v1/reports/{rid}/checks/{cid}/acknowledge", None, ["admin", "referrer"]),
    (
        "POST",
        "/api/v1/reports/{rid}/critical-communications",
        {"recipient": "Dr A", "method": "phone", "time": "2024-01-01T00:00:00Z"},
        ["admin", "referrer"],
    ),
    ("GET", "/api/v1/reports/{rid}/audit", None, ["resident", "referrer"]),
    ("GET", "/api/v1/reports/{rid}/audit/verify", None, ["resident", "referrer"]),
    ("GET", "/api/v1/reports/{rid}", None, ["referrer"]),  # referrers see signed reports only
    ("GET", "/api/v1/worklist", None, ["admin", "referrer"]),
    ("GET", "/api/v1/metrics", None, ["resident", "referrer"]),
    ("GET", "/api/v1/users", None, ["radiologist", "resident", "referrer"]),
    ("POST", "/api/v1/reports/{rid}/patient-link", None, ["resident", "admin", "referrer"]),
]


@pytest.mark.parametrize(("method", "template", "body", "refused"), ROLE_TABLE)
def test_403_for_the_wrong_role(
    lite: Service, method: str, template: str, body: dict[str, Any] | None, refused: list[str]
) -> None:
    ids = _paths(lite)
    path = template.format(**ids)
    for role in refused:
        r = lite.client.request(method, path, json=body, headers=lite.h(role))
        assert r.status_code == 403, (role, r.text)
        assert "role" in r.json()["detail"] or "signed" in r.json()["detail"]
    after = lite.client.get(f"/api/v1/reports/{ids['rid']}", headers=lite.h("radiologist")).json()
    assert after["version"] == 1 and after["status"] == "draft" and after["communications"] == []
    audit = lite.client.get(f"/api/v1/reports/{ids['rid']}/audit", headers=lite.h("radiologist")).json()
    assert [e["action"] for e in audit] == ["report.draft"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/v1/studies/999", None),
        ("POST", "/api/v1/studies/999/drafts", {}),
        ("GET", "/api/v1/reports/999", None),
        ("PUT", "/api/v1/reports/999", {"findings": "a.", "impression": "b."}),
        ("POST", "/api/v1/reports/999/sign", None),
        ("POST", "/api/v1/reports/999/addenda", {"text": "x"}),
        ("POST", "/api/v1/reports/999/checks/abc/acknowledge", None),
        ("GET", "/api/v1/reports/999/fhir", None),
        ("GET", "/api/v1/reports/999/hl7", None),
        ("GET", "/api/v1/reports/999/patient", None),
        ("GET", "/api/v1/reports/999/audit", None),
        ("GET", "/api/v1/reports/999/audit/verify", None),
        ("GET", "/api/v1/jobs/00000000-0000-0000-0000-000000000000", None),
    ],
)
def test_404_for_unknown_ids(lite: Service, method: str, path: str, body: dict[str, Any] | None) -> None:
    r = lite.client.request(
        method, path, json=body, headers=lite.h("radiologist" if "sign" in path else "resident")
    )
    if r.status_code == 403:  # audit routes are for radiologists and admins
        r = lite.client.request(method, path, json=body, headers=lite.h("radiologist"))
    assert r.status_code == 404, r.text
    assert "999" in r.json()["detail"] or "no " in r.json()["detail"]


GOOD_STUDY = {
    "accession": "X1",
    "exam": "XR CHEST",
    "modality": "CR",
    "indication": "",
    "patient": {"id": "M1", "name": "A^B", "sex": "F", "birth_date": "1970-01-01"},
}


@pytest.mark.parametrize(
    "change",
    [
        {"accession": ""},
        {"modality": "C R 1"},
        {"priority": "whenever"},
        {"patient": {"id": "M1", "sex": "Q"}},
        {"patient": {"id": "M1", "birth_date": "2999-01-01"}},
        {"patient": {"name": "no id"}},
        {"surprise": 1},
        {"study_instance_uid": "not-a-uid"},
    ],
)
def test_422_study_body_stores_nothing(lite: Service, change: dict[str, Any]) -> None:
    body = {**GOOD_STUDY, **change}
    body = {k: v for k, v in body.items() if v is not None}
    r = lite.client.post("/api/v1/studies", json=body, headers=lite.h("resident"))
    assert r.status_code == 422
    assert lite.client.get("/api/v1/studies", headers=lite.h("resident")).json() == []


def test_422_non_json_body(lite: Service) -> None:
    r = lite.client.post(
        "/api/v1/studies",
        content=b"\x00\x01garbage",
        headers={**lite.h("resident"), "Content-Type": "application/json"},
    )
    assert r.status_code == 422
    assert lite.client.get("/api/v1/studies", headers=lite.h("resident")).json() == []


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/reports/{rid}", {"findings": "", "impression": " "}),
        ("/api/v1/reports/{rid}", {"findings": "x"}),
        ("/api/v1/reports/{rid}", {"findings": "x", "impression": "y", "status": "final"}),
        (
            "/api/v1/reports/{rid}/critical-communications",
            {"recipient": "Dr A", "method": "telepathy", "time": "2024-01-01T00:00:00Z"},
        ),
        (
            "/api/v1/reports/{rid}/critical-communications",
            {"recipient": "Dr A", "method": "phone", "time": "2999-01-01T00:00:00Z"},
        ),
        (
            "/api/v1/reports/{rid}/critical-communications",
            {"recipient": "", "method": "phone", "time": "2024-01-01T00:00:00Z"},
        ),
    ],
)
def test_422_report_bodies_store_nothing(lite: Service, path: str, body: dict[str, Any]) -> None:
    report = lite.draft()
    rid = report["report_id"]
    method = "PUT" if path.endswith("{rid}") else "POST"
    r = lite.client.request(method, path.format(rid=rid), json=body, headers=lite.h("resident"))
    assert r.status_code == 422, r.text
    after = lite.client.get(f"/api/v1/reports/{rid}", headers=lite.h("resident")).json()
    assert after["version"] == report["version"]
    assert after["communications"] == []
    audit = lite.client.get(f"/api/v1/reports/{rid}/audit", headers=lite.h("radiologist")).json()
    assert [e["action"] for e in audit] == ["report.draft"]


def test_422_unknown_backend_stores_no_job(lite: Service) -> None:
    sid = lite.study()["id"]
    r = lite.client.post(
        f"/api/v1/studies/{sid}/drafts", json={"backend": "no-such-model"}, headers=lite.h("resident")
    )
    assert r.status_code == 422
    assert "no-such-model" in r.json()["detail"]
    assert lite.client.get(f"/api/v1/studies/{sid}", headers=lite.h("resident")).json()["reports"] == []
    assert lite.client.get("/api/v1/metrics", headers=lite.h("admin")).json()["counts"]["jobs"] == {}


def test_409_duplicate_accession(lite: Service) -> None:
    lite.study(accession="DUP1")
    r = lite.client.post(
        "/api/v1/studies",
        json={**GOOD_STUDY, "accession": "DUP1"},
        headers=lite.h("resident"),
    )
    assert r.status_code == 409
    assert "DUP1" in r.json()["detail"]


@pytest.fixture
def limited(sqlite_url: str) -> Iterator[Service]:
    yield from make_service(sqlite_url, auth_failures_allowed=3, auth_failure_window_s=60.0)


def test_failed_auth_rate_limit(limited: Service) -> None:
    for _ in range(3):
        assert (
            limited.client.get("/api/v1/studies", headers={"Authorization": "Bearer wrong"}).status_code
            == 401
        )
    r = limited.client.get("/api/v1/studies", headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 429
    assert int(r.headers["retry-after"]) >= 1
    # Locked out even with a valid token until the failures age out.
    assert limited.client.get("/api/v1/studies", headers=limited.h("resident")).status_code == 429


def test_valid_tokens_are_not_rate_limited(limited: Service) -> None:
    for _ in range(10):
        assert limited.client.get("/api/v1/studies", headers=limited.h("resident")).status_code == 200


def test_cors_closed_by_default(lite: Service) -> None:
    r = lite.client.options(
        "/api/v1/studies",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in r.headers
    r = lite.client.get("/api/v1/studies", headers={**lite.h("resident"), "Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers


@pytest.fixture
def cors(sqlite_url: str) -> Iterator[Service]:
    yield from make_service(sqlite_url, cors_origins=("https://ris.example",))


def test_cors_opens_only_to_configured_origins(cors: Service) -> None:
    ok = cors.client.options(
        "/api/v1/studies", headers={"Origin": "https://ris.example", "Access-Control-Request-Method": "GET"}
    )
    assert ok.headers["access-control-allow-origin"] == "https://ris.example"
    bad = cors.client.options(
        "/api/v1/studies", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    )
    assert "access-control-allow-origin" not in bad.headers


def test_list_and_get_studies(lite: Service) -> None:
    s = lite.study(priority="stat")
    lite.draft(CLEAN_FINDINGS, study=s)
    listed = lite.client.get("/api/v1/studies", headers=lite.h("referrer")).json()
    assert [x["id"] for x in listed] == [s["id"]]
    assert listed[0]["accession"] == s["accession"] and listed[0]["instances"] == 0
    one = lite.client.get(f"/api/v1/studies/{s['id']}", headers=lite.h("referrer")).json()
    assert one["priority"] == "stat"
    assert one["reports"][0]["status"] == "draft"
    by_acc = lite.client.get(f"/api/v1/studies?accession={s['accession']}", headers=lite.h("referrer")).json()
    assert len(by_acc) == 1
