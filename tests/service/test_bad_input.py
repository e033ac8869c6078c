"""Malformed input to the service: ids no database column can hold, non-finite settings, and `radpilot users
create` against a database it cannot open. Each is a 4xx or a one-line error, never a 500 or a traceback."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from radpilot.cli import app
from radpilot.service.settings import ServiceSettings, SettingsError

from .conftest import Service

TOO_BIG = str(2**63)
ID_ROUTES = [
    ("GET", "/api/v1/studies/{id}", "study_id", "resident"),
    ("POST", "/api/v1/studies/{id}/drafts", "study_id", "resident"),
    ("GET", "/api/v1/reports/{id}", "report_id", "radiologist"),
    ("POST", "/api/v1/reports/{id}/sign", "report_id", "radiologist"),
    ("GET", "/api/v1/reports/{id}/hl7", "report_id", "radiologist"),
    ("GET", "/api/v1/reports/{id}/audit/verify", "report_id", "admin"),
    ("PATCH", "/api/v1/follow-ups/{id}", "follow_up_id", "radiologist"),
    ("POST", "/api/v1/users/{id}/tokens", "user_id", "admin"),
    ("DELETE", "/api/v1/users/{id}/tokens", "user_id", "admin"),
]


@pytest.mark.parametrize(("method", "path", "param", "role"), ID_ROUTES)
@pytest.mark.parametrize("value", [TOO_BIG, "99999999999999999999999", str(-(2**63) - 1)])
def test_id_beyond_the_database_range_is_a_422_naming_it(
    lite: Service, method: str, path: str, param: str, role: str, value: str
) -> None:
    body = {"status": "scheduled"} if method == "PATCH" else {}
    r = lite.client.request(method, path.format(id=value), json=body, headers=lite.h(role))
    assert r.status_code == 422, r.text
    (err,) = r.json()["detail"]
    assert err["loc"] == ["path", param]


@pytest.mark.parametrize("value", [str(2**63 - 1), "0", "-1"])
def test_id_in_range_that_does_not_exist_is_still_a_404(lite: Service, value: str) -> None:
    r = lite.client.get(f"/api/v1/studies/{value}", headers=lite.h("resident"))
    assert r.status_code == 404 and r.json() == {"detail": f"no study {value}"}


def test_offset_beyond_the_database_range_is_a_422(lite: Service) -> None:
    r = lite.client.get(f"/api/v1/studies?offset={TOO_BIG}", headers=lite.h("resident"))
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["query", "offset"]


@pytest.mark.parametrize("name", ["RADPILOT_AUTH_FAILURES", "RADPILOT_DRAFT_WAIT_S", "RADPILOT_HOURLY_RATE"])
@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "1e999"])
def test_non_finite_numeric_setting_is_named(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as info:
        ServiceSettings.from_env("sqlite:///unused.db")
    assert str(info.value) == f"{name}={value!r} is not a finite number"


def test_fractional_whole_number_setting_quotes_the_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RADPILOT_WORKERS", "2.5")
    with pytest.raises(SettingsError, match=r"^RADPILOT_WORKERS=2.5 must be a whole number$"):
        ServiceSettings.from_env("sqlite:///unused.db")


def _users_create(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(app, ["users", "create", *args])
    assert "Traceback" not in res.output
    return res.exit_code, res.stderr


def test_users_create_on_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(bytes(range(256)) * 8)
    code, err = _users_create("--name", "a", "--role", "admin", "--db", f"sqlite:///{garbage}")
    assert code == 1
    assert (
        err.startswith("error: cannot open the database: DatabaseError: ") and "file is not a database" in err
    )
    assert garbage.read_bytes() == bytes(range(256)) * 8


def test_users_create_with_postgresql_unreachable() -> None:
    code, err = _users_create("--name", "a", "--role", "admin", "--db", "postgresql://u:p@127.0.0.1:1/x")
    assert code == 1
    assert err.startswith("error: cannot open the database: OperationalError: ")


@pytest.mark.parametrize("name", ["a\nb", "tab\there", "bell\x07"])
def test_users_create_refuses_control_characters_and_stores_nothing(tmp_path: Path, name: str) -> None:
    db = tmp_path / "u.db"
    code, err = _users_create("--name", name, "--role", "admin", "--db", f"sqlite:///{db}")
    assert code == 1
    assert err == f"error: --name {name!r} contains control characters (a newline, a tab, ...)\n"
    assert not db.exists()


def test_nan_and_infinity_in_a_body_are_a_422_naming_the_field(lite: Service) -> None:
    h = {**lite.h("resident"), "Content-Type": "application/json"}
    r = lite.client.post("/api/v1/studies", content=b'{"accession": NaN, "exam": "XR CHEST"}', headers=h)
    assert r.status_code == 422
    assert any("accession" in (d.get("loc") or []) for d in r.json()["detail"])
    big = lite.client.get("/studies/99999999999999999999", follow_redirects=False)
    assert big.status_code in (303, 422)  # never a 500 from the database driver


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/users", {"name": "dr\x07bell", "role": "resident"}, "name"),
        (
            "/api/v1/studies",
            {
                "accession": "A1",
                "exam": "XR CHEST",
                "modality": "CR",
                "patient": {"id": "P\x001", "name": "X^Y"},
            },
            "id",
        ),
    ],
)
def test_control_characters_in_names_and_ids_are_refused(
    lite: Service, path: str, body: dict[str, Any], field: str
) -> None:
    role = "admin" if path.endswith("users") else "resident"
    r = lite.client.post(path, json=body, headers=lite.h(role))
    assert r.status_code == 422
    assert any(field in (d.get("loc") or []) and "control" in d["msg"] for d in r.json()["detail"])


SECRET = "PATIENTSECRETWORD"


def test_a_lone_surrogate_in_a_body_is_a_422_naming_the_field_and_never_logged(
    lite: Service, caplog: pytest.LogCaptureFixture
) -> None:
    # A JSON \ud83d escape without its pair decodes to a string UTF-8 cannot encode: echoing it in the 422
    # failed, and the 500's traceback put the report text in the server log.
    caplog.set_level(logging.DEBUG)
    rid = lite.draft()["report_id"]
    before = lite.client.get(f"/api/v1/reports/{rid}", headers=lite.h("radiologist")).json()
    body = f'{{"findings": "{SECRET} Zyx \\ud83d broken emoji", "impression": "Normal."}}'.encode()
    h = {**lite.h("radiologist"), "Content-Type": "application/json"}
    r = lite.client.put(f"/api/v1/reports/{rid}", content=body, headers=h)
    assert r.status_code == 422, r.text
    (err,) = r.json()["detail"]
    assert err["loc"] == ["body", "findings"] and err["msg"].startswith("not valid Unicode")
    assert "\\ud83d at character 23" in err["msg"] and "input" not in err
    assert SECRET not in r.text
    assert not [rec for rec in caplog.records if SECRET in rec.getMessage() or rec.exc_info]
    after = lite.client.get(f"/api/v1/reports/{rid}", headers=lite.h("radiologist")).json()
    assert after == before


def test_a_lone_surrogate_in_a_key_is_a_422_that_does_not_echo_it(lite: Service) -> None:
    body = b'{"accession": "A1", "exam": "XR", "modality": "CR", "patient": {"id": "M"}, "x\\udc00": 1}'
    h = {**lite.h("resident"), "Content-Type": "application/json"}
    r = lite.client.post("/api/v1/studies", content=body, headers=h)
    assert r.status_code == 422, r.text
    (err,) = r.json()["detail"]
    assert err["loc"] == ["body"] and err["msg"].startswith("not valid Unicode") and "input" not in err


@pytest.mark.parametrize(
    ("uid", "status"), [("1.2.840.10008", 201), ("1.02.3", 422), ("1.2.abc", 422), ("1." + "2" * 63, 422)]
)
def test_study_instance_uid_follows_the_dicom_uid_rule(lite: Service, uid: str, status: int) -> None:
    body = {
        "accession": f"UID{status}{len(uid)}",
        "exam": "XR CHEST",
        "modality": "CR",
        "patient": {"id": "MRN-UID"},
        "study_instance_uid": uid,
    }
    r = lite.client.post("/api/v1/studies", json=body, headers=lite.h("resident"))
    assert r.status_code == status, r.text
    if status == 422:
        assert r.json()["detail"][0]["loc"] == ["body", "study_instance_uid"]
