"""The first-come-first-served lanes for short CPU-bound requests (ServiceState.cpu_lane).

Drafts the rules engine writes in the request take the draft lane and report fetches the read lane; a
model-backed draft and a draft that does not wait use the shared pool, so they are never held up behind a lane,
and a fetch never waits behind drafts (which may be waiting for the database's write lock).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

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
    """Hold every token of one of the service's lanes from the test, on the app's own event loop."""

    def __init__(self, svc: Service, kind: str) -> None:
        self.svc = svc
        state = _state(svc)

        async def lane() -> anyio.CapacityLimiter:
            return state.cpu_lane(kind)  # type: ignore[arg-type]

        self.lane = svc.client.portal.call(lane)  # type: ignore[union-attr]
        assert self.lane.total_tokens == 1
        svc.client.portal.call(self.lane.acquire_on_behalf_of, self)  # type: ignore[union-attr]

    def release(self) -> None:
        # On the event loop's thread: a waiter is woken only from there.
        self.svc.client.portal.call(self.lane.release_on_behalf_of, self)  # type: ignore[union-attr]


class _Call:
    """A request in a thread of its own, so that a request wrongly held up fails the test instead of hanging it."""

    def __init__(self, fn: Callable[[], httpx.Response]) -> None:
        self.out: list[httpx.Response] = []
        self.thread = threading.Thread(target=lambda: self.out.append(fn()), daemon=True)
        self.thread.start()

    def answered(self, within: float) -> bool:
        self.thread.join(within)
        return not self.thread.is_alive()


def _rules_draft(svc: Service) -> _Call:
    sid = svc.study()["id"]
    return _Call(
        lambda: svc.client.post(
            f"/api/v1/studies/{sid}/drafts", json={"findings": CLEAN_FINDINGS}, headers=svc.h("resident")
        )
    )


def test_lane_size_by_database_unless_set(svc: Service, monkeypatch: pytest.MonkeyPatch) -> None:
    state = _state(svc)

    async def lanes() -> tuple[anyio.CapacityLimiter, anyio.CapacityLimiter]:
        return state.cpu_lane("draft"), state.cpu_lane("read")

    draft, read = svc.client.portal.call(lanes)  # type: ignore[union-attr]
    assert draft is not read
    assert draft.total_tokens == read.total_tokens == (2 if svc.db.is_sqlite else 4)
    monkeypatch.setenv("RADPILOT_CPU_LANE_THREADS", "3")
    assert ServiceSettings.from_env().cpu_lane_threads == 3
    monkeypatch.setenv("RADPILOT_CPU_LANE_THREADS", "-1")
    with pytest.raises(SettingsError, match="RADPILOT_CPU_LANE_THREADS"):
        ServiceSettings.from_env()


def test_a_rules_draft_waits_for_its_lane_nothing_else_does(one_lane: Service) -> None:
    svc = one_lane
    done = svc.draft()
    held = _Held(svc, "draft")
    try:
        rules = _rules_draft(svc)
        assert not rules.answered(0.5)
        fetch = _Call(
            lambda: svc.client.get(f"/api/v1/reports/{done['report_id']}", headers=svc.h("resident"))
        )
        assert fetch.answered(30), "a report fetch waited behind the draft lane"
        sid = svc.study()["id"]
        queued = _Call(
            lambda: svc.client.post(
                f"/api/v1/studies/{sid}/drafts?wait=false",
                json={"findings": CLEAN_FINDINGS},
                headers=svc.h("resident"),
            )
        )
        assert queued.answered(30), "a draft that does not wait took the lane"
        mid = svc.study()["id"]
        model = _Call(
            lambda: svc.client.post(
                f"/api/v1/studies/{mid}/drafts",
                json={"findings": CLEAN_FINDINGS, "backend": "openai"},
                headers=svc.h("resident"),
            )
        )
        assert model.answered(60), "a model-backed draft took the lane"
        assert fetch.out[0].status_code == 200 and fetch.out[0].json()["id"] == done["report_id"]
        assert queued.out[0].status_code in (201, 202), queued.out[0].text
        assert model.out[0].status_code in (201, 422), model.out[0].text
        assert not rules.answered(0)
    finally:
        held.release()
    assert rules.answered(30)
    assert rules.out[0].status_code == 201, rules.out[0].text
    assert rules.out[0].json()["status"] == "draft"


def test_a_fetch_waits_for_the_read_lane_a_draft_does_not(one_lane: Service) -> None:
    svc = one_lane
    done = svc.draft()
    held = _Held(svc, "read")
    try:
        fetch = _Call(
            lambda: svc.client.get(f"/api/v1/reports/{done['report_id']}", headers=svc.h("resident"))
        )
        assert not fetch.answered(0.5)
        rules = _rules_draft(svc)
        assert rules.answered(30), "a draft waited behind the read lane"
        assert rules.out[0].status_code == 201, rules.out[0].text
    finally:
        held.release()
    assert fetch.answered(30)
    assert fetch.out[0].status_code == 200 and fetch.out[0].json()["id"] == done["report_id"]
