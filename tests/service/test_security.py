"""Tokens stored hashed, expiring signed patient links, no patient data in logs."""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from radpilot.service.security import hash_token
from radpilot.store.models import ApiToken, PatientLink, utcnow
from tests.service.conftest import CRITICAL_FINDINGS, PATIENT_NAME, Service


def test_tokens_are_stored_as_sha256_only(lite: Service) -> None:
    token = lite.tokens["radiologist"]
    with lite.db.read() as s:
        rows = list(s.scalars(select(ApiToken)))
        dump = "\n".join(str(r) for r in s.execute(text("SELECT * FROM api_tokens")).all())
    assert token not in dump
    assert hashlib.sha256(token.encode()).hexdigest() in {r.token_hash for r in rows}
    assert hash_token(token) == hashlib.sha256(token.encode()).hexdigest()


def test_revoked_token_is_refused(lite: Service) -> None:
    assert lite.client.get("/api/v1/me", headers=lite.h("resident")).status_code == 200
    r = lite.client.delete(f"/api/v1/users/{lite.user_ids['resident']}/tokens", headers=lite.h("admin"))
    assert r.json()["revoked"] == 1
    assert lite.client.get("/api/v1/me", headers=lite.h("resident")).status_code == 401


def test_admin_creates_users_with_a_working_token(lite: Service) -> None:
    r = lite.client.post(
        "/api/v1/users", json={"name": "dr-new", "role": "radiologist"}, headers=lite.h("admin")
    )
    assert r.status_code == 201
    token = r.json()["token"]
    me = lite.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["name"] == "dr-new" and me["role"] == "radiologist"
    assert (
        lite.client.post(
            "/api/v1/users", json={"name": "dr-new", "role": "radiologist"}, headers=lite.h("admin")
        ).status_code
        == 409
    )
    assert (
        lite.client.post(
            "/api/v1/users", json={"name": "x", "role": "god"}, headers=lite.h("admin")
        ).status_code
        == 422
    )


def _link(svc: Service, **body: object) -> dict[str, str]:
    rid = svc.signed()["id"]
    r = svc.client.post(
        f"/api/v1/reports/{rid}/patient-link", json=body or None, headers=svc.h("radiologist")
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_patient_link_opens_the_lay_version_without_login(lite: Service) -> None:
    link = _link(lite)
    r = lite.client.get(link["path"])
    assert r.status_code == 200
    body = r.json()
    assert body["sections"] and body["text"] and body["report_status"] == "final"
    assert r.headers["cache-control"] == "no-store"
    assert "noindex" in r.headers["x-robots-tag"]
    assert r.headers["referrer-policy"] == "no-referrer"
    spanish = lite.client.get(link["path"] + "?lang=es")
    assert spanish.status_code == 200 and spanish.json()["lang"] == "es"


def test_patient_link_needs_a_signed_report(lite: Service) -> None:
    rid = lite.draft()["report_id"]
    r = lite.client.post(f"/api/v1/reports/{rid}/patient-link", headers=lite.h("radiologist"))
    assert r.status_code == 409


@pytest.mark.parametrize("mangle", ["flip_mac", "flip_payload", "garbage", "no_dot"])
def test_forged_patient_links_are_404(lite: Service, mangle: str) -> None:
    token = _link(lite)["token"]
    payload, mac = token.split(".")
    forged = {
        "flip_mac": f"{payload}.{mac[:-2]}{'A' if mac[-2] != 'A' else 'B'}{mac[-1]}",
        "flip_payload": f"{payload[:-1]}{'A' if payload[-1] != 'A' else 'B'}.{mac}",
        "garbage": "not-a-token",
        "no_dot": payload,
    }[mangle]
    assert lite.client.get(f"/api/v1/patient-links/{forged}").status_code == 404


def test_expired_and_revoked_patient_links_are_410(lite: Service) -> None:
    link = _link(lite, hours=1)
    assert lite.client.get(link["path"]).status_code == 200
    with lite.db.write() as s:
        row = s.scalar(select(PatientLink))
        assert row is not None
        row.expires_at = utcnow() - timedelta(seconds=1)
    r = lite.client.get(link["path"])
    assert r.status_code == 410 and "expired" in r.json()["detail"]
    other = _link(lite)
    with lite.db.write() as s:
        row = s.scalar(select(PatientLink).where(PatientLink.token_hash == hash_token(other["token"])))
        assert row is not None
        row.revoked_at = utcnow()
    assert lite.client.get(other["path"]).status_code == 410


def test_link_expiry_follows_the_requested_hours(lite: Service) -> None:
    from datetime import datetime

    link = _link(lite, hours=2)
    expires = datetime.fromisoformat(link["expires_at"])
    assert timedelta(hours=1, minutes=59) < expires - utcnow() <= timedelta(hours=2)


def test_no_patient_data_in_logs(lite: Service, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    d = lite.draft(CRITICAL_FINDINGS)
    rid = d["report_id"]
    lite.client.post(
        f"/api/v1/reports/{rid}/critical-communications",
        json={"recipient": "Dr Secretname", "method": "phone", "time": "2024-01-01T08:00:00Z"},
        headers=lite.h("resident"),
    )
    lite.client.post(f"/api/v1/reports/{rid}/sign", headers=lite.h("radiologist"))
    link = lite.client.post(f"/api/v1/reports/{rid}/patient-link", headers=lite.h("radiologist")).json()
    lite.client.get(link["path"])
    lite.client.get("/api/v1/studies", headers={"Authorization": "Bearer wrong-token"})
    server_records = [r for r in caplog.records if r.name.startswith("radpilot")]
    assert any("/api/v1/reports/{report_id}/sign" in r.getMessage() for r in server_records)
    text_logged = "\n".join(r.getMessage() for r in server_records)
    for secret in (
        PATIENT_NAME,
        "Zebulon",
        "pneumothorax",
        "Secretname",
        link["token"],
        lite.tokens["resident"],
        "MRN",
    ):
        assert secret not in text_logged, secret
