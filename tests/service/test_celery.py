"""Jobs on Celery with a real Redis (RADPILOT_TEST_REDIS_URL, started by scripts/ci_services.sh)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from radpilot.service.users import create_user
from radpilot.store import Database
from tests.service.conftest import CLEAN_FINDINGS, REDIS_URL

QUEUE = f"radpilot-test-{uuid.uuid4().hex[:8]}"

pytestmark = pytest.mark.skipif(
    not REDIS_URL, reason="RADPILOT_TEST_REDIS_URL is not set (scripts/ci_services.sh starts a Redis)"
)


@pytest.fixture
def celery_service(sqlite_url: str) -> Iterator[tuple[TestClient, dict[str, str], Database]]:
    from celery.contrib.testing.worker import start_worker

    from radpilot.service import celery_app
    from radpilot.service.app import create_app
    from radpilot.service.settings import ServiceSettings

    db = Database(sqlite_url)
    tokens = {}
    with db.write() as s:
        for role in ("radiologist", "resident"):
            _, tokens[role] = create_user(s, role, role)
    settings = ServiceSettings(db_url=sqlite_url, celery_broker=REDIS_URL, job_retry_delay_s=0.05)
    app = create_app(settings, db=db)
    celery = celery_app.configure(celery_app.app, REDIS_URL)
    # One queue per test session, so a run never picks up another run's messages (the worker reads the
    # queue names once, at its first start).
    celery.conf.task_default_queue = QUEUE
    celery_app.bind_queue(app.state.radpilot.jobs)
    worker = start_worker(
        celery, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=10
    )
    with worker, TestClient(app) as client:
        yield client, tokens, db
    db.dispose()


def test_draft_runs_on_a_celery_worker(celery_service: tuple[TestClient, dict[str, str], Database]) -> None:
    client, tokens, _ = celery_service
    h = {"Authorization": f"Bearer {tokens['resident']}"}
    assert client.get("/healthz").json()["jobs"] == "celery"
    r = client.post(
        "/api/v1/studies",
        json={"accession": "C1", "exam": "XR CHEST", "modality": "CR", "patient": {"id": "M1"}},
        headers=h,
    )
    sid = r.json()["id"]
    d = client.post(f"/api/v1/studies/{sid}/drafts", json={"findings": CLEAN_FINDINGS}, headers=h)
    assert d.status_code == 201, d.text
    job = client.get(f"/api/v1/jobs/{d.json()['job_id']}", headers=h).json()
    assert job["status"] == "succeeded" and job["attempts"] == 1


def test_celery_retries_and_runs_once(
    celery_service: tuple[TestClient, dict[str, str], Database], monkeypatch: pytest.MonkeyPatch
) -> None:
    from radpilot.service import drafting

    client, tokens, _ = celery_service
    real = drafting.draft
    calls: list[int] = []

    def flaky(*args: object, **kwargs: object) -> dict[str, object]:
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionError("backend restarting")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(drafting, "draft", flaky)
    h = {"Authorization": f"Bearer {tokens['resident']}"}
    sid = client.post(
        "/api/v1/studies",
        json={"accession": "C2", "exam": "XR CHEST", "modality": "CR", "patient": {"id": "M2"}},
        headers=h,
    ).json()["id"]
    d = client.post(f"/api/v1/studies/{sid}/drafts", json={"findings": CLEAN_FINDINGS}, headers=h)
    assert d.status_code == 201, d.text
    job_id = d.json()["job_id"]
    # A duplicate message for a finished job is harmless.
    app_state = client.app.state.radpilot  # type: ignore[attr-defined]
    app_state.jobs.dispatcher.dispatch(job_id)
    job = client.get(f"/api/v1/jobs/{job_id}", headers=h).json()
    assert job["status"] == "succeeded" and job["attempts"] == 2
    assert len(calls) == 2
    reports = client.get(f"/api/v1/studies/{sid}", headers=h).json()["reports"]
    assert len(reports) == 1
