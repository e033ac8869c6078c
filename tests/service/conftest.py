"""Fixtures: a migrated database (SQLite always; PostgreSQL when RADPILOT_TEST_PG_URL is set), users of every
role, and a TestClient around the app with the in-process job worker."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from radpilot.service.app import create_app
from radpilot.service.settings import ServiceSettings
from radpilot.service.users import create_user
from radpilot.store import Database, upgrade
from radpilot.store.db import database_url

PG_URL = os.environ.get("RADPILOT_TEST_PG_URL", "")
REDIS_URL = os.environ.get("RADPILOT_TEST_REDIS_URL", "")
ROLES = ("radiologist", "resident", "admin", "referrer")

CLEAN_FINDINGS = "Heart size is normal. The lungs are clear. No pleural effusion."
CRITICAL_FINDINGS = "Small right pneumothorax. No pleural effusion. Heart size is normal."
PATIENT_NAME = "Zebulon^Quixote"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (migrating once keeps the suite fast)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    db.dispose()
    return path


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "radpilot.sqlite"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def _pg_schema_url(schema: str) -> str:
    from radpilot.service.bench import _pg_schema_url as with_schema

    return with_schema(database_url(PG_URL), schema)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh schema in the test PostgreSQL database, dropped afterwards."""
    if not PG_URL:
        pytest.skip("RADPILOT_TEST_PG_URL is not set (scripts/ci_services.sh starts a PostgreSQL)")
    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(database_url(PG_URL))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = _pg_schema_url(schema)
        db = Database(url)
        upgrade(db)
        db.dispose()
        yield url
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@dataclass
class Service:
    """A running app with one user (and token) per role, and helpers for the common steps."""

    client: TestClient
    db: Database
    tokens: dict[str, str]
    user_ids: dict[str, int]
    counter: list[int] = field(default_factory=lambda: [0])

    def h(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def study(self, **over: Any) -> dict[str, Any]:
        self.counter[0] += 1
        body: dict[str, Any] = {
            "accession": f"ACC{self.counter[0]:05d}",
            "exam": "XR CHEST 2 VIEWS",
            "modality": "CR",
            "indication": "cough",
            "patient": {
                "id": f"MRN{self.counter[0]}",
                "name": PATIENT_NAME,
                "sex": "F",
                "birth_date": "1960-05-01",
            },
        }
        body.update(over)
        r = self.client.post("/api/v1/studies", json=body, headers=self.h("resident"))
        assert r.status_code == 201, r.text
        return dict(r.json())

    def draft(self, findings: str = CLEAN_FINDINGS, study: dict[str, Any] | None = None) -> dict[str, Any]:
        sid = (study or self.study())["id"]
        r = self.client.post(
            f"/api/v1/studies/{sid}/drafts", json={"findings": findings}, headers=self.h("resident")
        )
        assert r.status_code == 201, r.text
        return dict(r.json())

    def signed(self, findings: str = CLEAN_FINDINGS) -> dict[str, Any]:
        rid = self.draft(findings)["report_id"]
        r = self.client.post(f"/api/v1/reports/{rid}/sign", headers=self.h("radiologist"))
        assert r.status_code == 200, r.text
        return dict(r.json())


def make_service(url: str, **settings: Any) -> Iterator[Service]:
    db = Database(url)
    tokens: dict[str, str] = {}
    ids: dict[str, int] = {}
    with db.write() as s:
        for role in ROLES:
            user, tokens[role] = create_user(s, f"{role}-1", role)
            ids[role] = user.id
    app = create_app(ServiceSettings(db_url=url, **settings), db=db)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Service(client, db, tokens, ids)
    db.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def svc(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Service]:
    """The service on SQLite, and again on PostgreSQL when RADPILOT_TEST_PG_URL is set."""
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
    yield from make_service(url)


@pytest.fixture
def lite(sqlite_url: str) -> Iterator[Service]:
    """The service on SQLite only (for behaviour that does not depend on the database)."""
    yield from make_service(sqlite_url)
