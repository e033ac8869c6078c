"""The first-come-first-served lane for short CPU-bound requests (ServiceState.cpu_lane).

Drafts the rules engine writes in the request, and report fetches, take the lane; a model-backed draft and a
draft that does not wait use the shared pool, so they are never held up behind the lane.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import pytest

from radpilot.service.settings import ServiceSettings, SettingsError
from radpilot.service.state import ServiceState
from tests.service.conftest import CLEAN_FINDINGS, Service, make_service


@pytest.fixture
def one_lane(sqlite_url: str) -> Iterator[Service]:
    yield from make_service(sqlite_url, cpu_lane_threads=1)


def _state(svc: Service) -> ServiceState:
    state: ServiceState = svc.client.app.state.radpilot  # type: ignore[attr-defined]
    return state


class _Held:
    """Hold every token of the service's lane from the test, on the app's own event loop."""

    def __init__(self, svc: Service) -> None:
        self.svc = svc
        state = _state(svc)

        async def lane() -> anyio.CapacityLimiter:
            return state.cpu_lane()

        self.lane = svc.client.portal.call(lane)  # type: ignore[union-attr]
        assert self.lane.total_tokens == 1
        svc.client.portal.call(self.lane.acquire_on_behalf_of, self)  # type: ignore[union-attr]

    def release(self) -> None:
        # On the event loop's thread: a waiter is woken only from there.
        self.svc.client.portal.call(self.lane.release_on_behalf_of, self)  # type: ignore[union-attr]


def _in_thread(fn: Any) -> tuple[threading.Thread, list[httpx.Response]]:
    out: list[httpx.Response] = []
    t = threading.Thread(target=lambda: out.append(fn()), daemon=True)
    t.start()
    return t, out


def test_lane_size_by_database_unless_set(svc: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    state = _state(svc)

    async def lane() -> anyio.CapacityLimiter:
        return state.cpu_lane()

    got = svc.client.portal.call(lane)  # type: ignore[union-attr]
    assert got.total_tokens == (2 if svc.db.is_sqlite else 4)
    monkeypatch.setenv("RADPILOT_CPU_LANE_THREADS", "3")
    assert ServiceSettings.from_env().cpu_lane_threads == 3
    monkeypatch.setenv("RADPILOT_CPU_LANE_THREADS", "-1")
    with pytest.raises(SettingsError, match="RADPILOT_CPU_LANE_THREADS"):
        ServiceSettings.from_env()


def test_rules_draft_and_fetch_wait_for_the_lane_a_model_draft_does_not(one_lane: Service) -> None:
    svc = one_lane
    done = svc.draft()
    study = svc.study()
    held = _Held(svc)
    try:
        rules, rules_out = _in_thread(
            lambda: svc.client.post(
                f"/api/v1/studies/{study['id']}/drafts",
                json={"findings": CLEAN_FINDINGS},
                headers=svc.h("resident"),
            )
        )
        fetch, fetch_out = _in_thread(
            lambda: svc.client.get(f"/api/v1/reports/{done['report_id']}", headers=svc.h("resident"))
        )
        # Neither may finish while the lane is held; everything else still answers.
        rules.join(0.5)
        fetch.join(0.1)
        assert rules.is_alive() and fetch.is_alive()
        other = svc.study()
        queued = svc.client.post(
            f"/api/v1/studies/{other['id']}/drafts?wait=false",
            json={"findings": CLEAN_FINDINGS},
            headers=svc.h("resident"),
        )
        assert queued.status_code in (201, 202), queued.text
        model = svc.client.post(
            f"/api/v1/studies/{svc.study()['id']}/drafts",
            json={"findings": CLEAN_FINDINGS, "backend": "openai"},
            headers=svc.h("resident"),
        )
        assert model.status_code in (201, 422), model.text
        assert rules.is_alive() and fetch.is_alive()
    finally:
        held.release()
    rules.join(30)
    fetch.join(30)
    assert rules_out[0].status_code == 201, rules_out[0].text
    assert rules_out[0].json()["status"] == "draft"
    assert fetch_out[0].status_code == 200
    assert fetch_out[0].json()["id"] == done["report_id"]
