"""``radpilot bench service``: latency under concurrent clients, and durability across a SIGKILL.

Everything runs on loopback against real server processes (``radpilot serve``), with bounded request counts.
Latency: draft creation (rules engine, dictated findings) and report fetch with N concurrent clients, on SQLite
and, when a URL is given, PostgreSQL (in a throwaway schema). Durability: sign reports under concurrent load,
SIGKILL the server mid-load, restart it, and check that every acknowledged signature is there exactly once, no
report has two final versions, and every audit chain verifies.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

FINDINGS = (
    "Heart size is normal. The lungs are clear. No pleural effusion or pneumothorax. "
    "Mild degenerative changes of the thoracic spine."
)


class BenchError(RuntimeError):
    """The benchmark could not run (a server did not start, a database is unreachable)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A ``radpilot serve`` subprocess on loopback."""

    def __init__(
        self, db_url: str, log_path: Path, env: dict[str, str] | None = None, workers: int = 1
    ) -> None:
        self.db_url = db_url
        self.workers = workers
        self.log_path = log_path
        self.env = {**os.environ, **(env or {})}
        self.env.pop("RADPILOT_CELERY_BROKER", None)
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> None:
        cmd = [sys.executable, "-m", "radpilot.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        cmd += ["--db", self.db_url, "--workers", str(self.workers)]
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=self.env)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"the server exited with {self.proc.returncode}; see {self.log_path}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise BenchError(f"the server did not answer /healthz within {timeout:.0f}s; see {self.log_path}")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


def make_users(db_url: str) -> dict[str, str]:
    from radpilot.service.users import create_user
    from radpilot.store import Database, upgrade

    db = Database(db_url)
    upgrade(db)
    tokens = {}
    with db.write() as s:
        for role in ("radiologist", "resident"):
            _, tokens[role] = create_user(s, f"bench-{role}-{uuid.uuid4().hex[:6]}", role)
    db.dispose()
    return tokens


def study_body(i: int) -> dict[str, Any]:
    return {
        "accession": f"B{uuid.uuid4().hex[:12]}",
        "exam": "XR CHEST 2 VIEWS",
        "modality": "CR",
        "indication": "cough",
        "patient": {"id": f"P{i:06d}", "name": "Bench^Patient", "sex": "F", "birth_date": "1970-01-01"},
        "priority": "routine",
    }


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


# what a dropped, refused or garbled connection raises; a request failing with one is counted as an error
_CLIENT_ERRORS = (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError, TimeoutError)


class LoopbackClient:
    """A lean HTTP/1.1 keep-alive client for the load generator: one connection, one request at a time.

    The clients share the machine's cores with the server, so a heavy client inflates the latency it measures
    (httpx costs about 1 ms of CPU a request; on two cores it alone put p95 above 100 ms for an empty endpoint
    at 20 clients). This one writes the request bytes and reads the status line, the headers and a
    Content-Length or chunked body; nothing else (no redirects, no TLS, no cookies).
    """

    def __init__(self, host: str, port: int, timeout: float = 120.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(OSError):
                await self._writer.wait_closed()
        self._reader = self._writer = None

    async def request(
        self, method: str, path: str, headers: dict[str, str], body: Any = None
    ) -> tuple[int, bytes]:
        """(status, body); a dropped connection is reopened once, for the next request."""
        try:
            return await asyncio.wait_for(self._request(method, path, headers, body), self.timeout)
        except _CLIENT_ERRORS:
            await self.close()
            raise

    async def _request(self, method: str, path: str, headers: dict[str, str], body: Any) -> tuple[int, bytes]:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        reader, writer = self._reader, self._writer
        assert reader is not None
        payload = b"" if body is None else json.dumps(body).encode()
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            f"Content-Length: {len(payload)}",
        ]
        if body is not None:
            lines.append("Content-Type: application/json")
        lines += [f"{k}: {v}" for k, v in headers.items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + payload)
        head = await reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        fields = {}
        for line in header_lines:
            if ":" in line:
                k, v = line.split(":", 1)
                fields[k.strip().lower()] = v.strip()
        if "content-length" in fields:
            data = await reader.readexactly(int(fields["content-length"]))
        elif fields.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await reader.readexactly(size + 2)
                if size == 0:
                    break
                parts.append(chunk[:-2])
            data = b"".join(parts)
        else:
            data = b""
        if fields.get("connection", "").lower() == "close":
            await self.close()
        return status, data


Call = Callable[[LoopbackClient, int], Awaitable[bool]]


async def _drive(n: int, clients: int, call: Call, base: str) -> dict[str, Any]:
    """Run ``n`` calls with ``clients`` concurrent keep-alive connections; latency in ms, errors counted."""
    latencies: list[float] = []
    errors = 0
    counter = iter(range(n))
    host, _, port = base.removeprefix("http://").partition(":")
    conns = [LoopbackClient(host, int(port)) for _ in range(clients)]

    async def worker(conn: LoopbackClient) -> None:
        nonlocal errors
        for i in counter:
            t = time.perf_counter()
            try:
                ok = await call(conn, i)
            except _CLIENT_ERRORS:
                ok = False
            latencies.append((time.perf_counter() - t) * 1000)
            errors += 0 if ok else 1

    start = time.perf_counter()
    try:
        await asyncio.gather(*(worker(c) for c in conns))
    finally:
        wall = time.perf_counter() - start
        for c in conns:
            await c.close()
    return {
        "requests": n,
        "clients": clients,
        "p50_ms": round(percentile(latencies, 0.5), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "max_ms": round(max(latencies), 1) if latencies else None,
        "mean_ms": round(statistics.fmean(latencies), 1) if latencies else None,
        "rps": round(n / wall, 1) if wall > 0 else None,
        "errors": errors,
    }


def latency_suite(
    server: Server, tokens: dict[str, str], requests: int, clients: list[int], progress: Callable[[str], None]
) -> list[dict[str, Any]]:
    res_h = {"Authorization": f"Bearer {tokens['resident']}"}
    rad_h = {"Authorization": f"Bearer {tokens['radiologist']}"}
    out: list[dict[str, Any]] = []
    total = requests * len(clients)
    with httpx.Client(base_url=server.url, timeout=60.0) as c:
        study_ids = []
        for i in range(total):
            r = c.post("/api/v1/studies", json=study_body(i), headers=res_h)
            if r.status_code != 201:
                raise BenchError(f"creating a study failed: {r.status_code} {r.text[:200]}")
            study_ids.append(int(r.json()["id"]))
        # Warm up the drafting engine (lexicon and rules load once per process, so reach every process).
        for _ in range(4 * server.workers):  # a new connection each time, so other processes get some
            httpx.post(
                f"{server.url}/api/v1/studies/{study_ids[0]}/drafts",
                json={"findings": FINDINGS},
                headers=res_h,
                timeout=60.0,
            )
    report_ids: list[int] = []

    for k, n_clients in enumerate(clients):
        chunk = study_ids[k * requests : (k + 1) * requests]

        async def draft(client: LoopbackClient, i: int, chunk: list[int] = chunk) -> bool:
            status, body = await client.request(
                "POST", f"/api/v1/studies/{chunk[i]}/drafts", res_h, {"findings": FINDINGS}
            )
            if status == 201:
                report_ids.append(int(json.loads(body)["report_id"]))
                return True
            return False

        progress(f"  draft creation, {n_clients} clients, {requests} requests")
        row = asyncio.run(_drive(requests, n_clients, draft, server.url))
        out.append({"operation": "draft", **row})

    for n_clients in clients:

        async def fetch(client: LoopbackClient, i: int) -> bool:
            status, body = await client.request(
                "GET", f"/api/v1/reports/{report_ids[i % len(report_ids)]}", rad_h
            )
            return status == 200 and body.startswith(b"{")

        progress(f"  report fetch, {n_clients} clients, {requests} requests")
        row = asyncio.run(_drive(requests, n_clients, fetch, server.url))
        out.append({"operation": "fetch", **row})
    return out


async def _sign_load(
    base: str, tokens: dict[str, str], clients: int, stop_after: int, acked: list[int], attempted: list[int]
) -> int:
    """Create, draft and sign reports until the server dies; returns how many calls failed."""
    res_h = {"Authorization": f"Bearer {tokens['resident']}"}
    rad_h = {"Authorization": f"Bearer {tokens['radiologist']}"}
    failures = 0
    counter = iter(range(10 * stop_after))
    async with httpx.AsyncClient(base_url=base, timeout=30.0) as client:

        async def worker() -> None:
            nonlocal failures
            for i in counter:
                try:
                    r = await client.post("/api/v1/studies", json=study_body(i), headers=res_h)
                    sid = r.json()["id"]
                    r = await client.post(
                        f"/api/v1/studies/{sid}/drafts", json={"findings": FINDINGS}, headers=res_h
                    )
                    rid = int(r.json()["report_id"])
                    attempted.append(rid)
                    r = await client.post(f"/api/v1/reports/{rid}/sign", headers=rad_h)
                    if r.status_code == 200:
                        acked.append(rid)
                except (httpx.HTTPError, KeyError, ValueError):
                    failures += 1
                    return  # the server is gone

        await asyncio.gather(*(worker() for _ in range(clients)))
    return failures


def durability(db_url: str, folder: Path, signs: int, progress: Callable[[str], None]) -> dict[str, Any]:
    from radpilot.service import audit, lifecycle
    from radpilot.store import Database

    tokens = make_users(db_url)
    server = Server(db_url, folder / "durability-server.log")
    server.start()
    acked: list[int] = []
    attempted: list[int] = []

    async def load_then_kill() -> int:
        task = asyncio.create_task(_sign_load(server.url, tokens, 8, signs, acked, attempted))
        while len(acked) < signs and not task.done():
            await asyncio.sleep(0.01)
        server.kill()  # SIGKILL in the middle of the write load
        return await task

    progress(f"  durability: signing under load, SIGKILL after {signs} acknowledged signatures")
    asyncio.run(load_then_kill())
    killed_with = server.proc.returncode if server.proc else None
    progress("  durability: restarting the server on the same database")
    server.start()
    lost: list[int] = []
    duplicated: list[int] = []
    broken: list[int] = []
    try:
        with httpx.Client(base_url=server.url, timeout=30.0) as c:
            rad_h = {"Authorization": f"Bearer {tokens['radiologist']}"}
            for rid in acked:
                r = c.get(f"/api/v1/reports/{rid}", headers=rad_h)
                if r.status_code != 200 or r.json()["status"] != "final":
                    lost.append(rid)
            for rid in sorted(set(attempted)):
                r = c.get(f"/api/v1/reports/{rid}/audit/verify", headers=rad_h)
                if r.status_code != 200 or not r.json()["valid"]:
                    broken.append(rid)
    finally:
        server.stop()
    db = Database(db_url)
    with db.read() as s:
        for rid in sorted(set(attempted)):
            if lifecycle.count_versions(s, rid, "final") > 1:
                duplicated.append(rid)
        chain_ok = all(audit.verify_report(s, rid).valid for rid in sorted(set(attempted)))
    db.dispose()
    return {
        "acknowledged_signatures": len(acked),
        "reports_attempted": len(set(attempted)),
        "killed_with": killed_with,
        "lost": lost,
        "duplicated": duplicated,
        "audit_chains_broken": broken,
        "audit_chains_verified": chain_ok and not broken,
        "ok": bool(acked) and not lost and not duplicated and not broken and chain_ok,
    }


def _pg_schema_url(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote(f'-csearch_path={schema}')}"


def run_bench(
    *,
    requests: int,
    clients: list[int],
    durability_signs: int,
    pg_url: str | None,
    progress: Callable[[str], None],
    workers: int = 1,
) -> dict[str, Any]:
    results: dict[str, Any] = {
        "latency": [],
        "durability": {},
        "target": {"draft_p95_ms_at_20_clients": 100},
        "server_processes": workers,
        "cpus": os.cpu_count(),
    }
    with tempfile.TemporaryDirectory(prefix="radpilot-bench-") as tmp:
        folder = Path(tmp)
        backends: list[tuple[str, str, Callable[[], None]]] = [
            ("sqlite", f"sqlite:///{folder / 'bench.sqlite'}", lambda: None)
        ]
        if workers > 1:
            backends = []  # several server processes need PostgreSQL
        if pg_url:
            from sqlalchemy import create_engine, text

            from radpilot.store.db import database_url

            base = database_url(pg_url)
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            try:
                admin = create_engine(base)
                with admin.begin() as conn:
                    conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            except Exception as exc:
                raise BenchError(
                    f"cannot use PostgreSQL at the given URL: {type(exc).__name__}: {exc}"
                ) from None

            def drop(admin: Any = admin, schema: str = schema) -> None:
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
                admin.dispose()

            backends.append(("postgresql", _pg_schema_url(base, schema), drop))
        if not backends:
            raise BenchError("--workers above 1 needs PostgreSQL: set RADPILOT_TEST_PG_URL or --pg-url")
        for name, url, cleanup in backends:
            try:
                progress(f"{name}: latency")
                tokens = make_users(url)
                server = Server(url, folder / f"{name}-server.log", workers=workers)
                server.start()
                try:
                    for row in latency_suite(server, tokens, requests, clients, progress):
                        results["latency"].append({"database": name, **row})
                finally:
                    server.stop()
                progress(f"{name}: durability")
                results["durability"][name] = durability(url, folder, durability_signs, progress)
            finally:
                cleanup()
    errors = sum(r["errors"] for r in results["latency"])
    results["ok"] = errors == 0 and all(d["ok"] for d in results["durability"].values())
    at20 = [r for r in results["latency"] if r["operation"] == "draft" and r["clients"] == 20]
    results["target"]["met"] = all(r["p95_ms"] <= 100 for r in at20) if at20 else None
    results["target"]["by_database"] = {r["database"]: r["p95_ms"] <= 100 for r in at20}
    return results


def format_results(results: dict[str, Any]) -> str:
    lines = [
        f"{'database':<11} {'operation':<9} {'clients':>7} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'max ms':>8} {'req/s':>7} {'errors':>6}"
    ]
    for r in results["latency"]:
        lines.append(
            f"{r['database']:<11} {r['operation']:<9} {r['clients']:>7} {r['requests']:>8} {r['p50_ms']:>8} "
            f"{r['p95_ms']:>8} {r['max_ms']:>8} {r['rps']:>7} {r['errors']:>6}"
        )
    for name, d in results["durability"].items():
        lines.append(
            f"durability ({name}): {d['acknowledged_signatures']} acknowledged signatures before SIGKILL, "
            f"{len(d['lost'])} lost, {len(d['duplicated'])} duplicated, audit chains "
            f"{'verified' if d['audit_chains_verified'] else 'BROKEN'} ({d['reports_attempted']} reports)"
        )
    met = results["target"]["met"]
    lines.append(
        f"server processes: {results['server_processes']}, CPUs: {results['cpus']} (the clients share them)"
    )
    per = {
        r["database"]: r["p95_ms"]
        for r in results["latency"]
        if r["operation"] == "draft" and r["clients"] == 20
    }
    verdicts = ", ".join(f"{db} {'met' if p95 <= 100 else 'NOT met'} ({p95} ms)" for db, p95 in per.items())
    lines.append(
        f"target p95 draft <= 100 ms at 20 clients: {verdicts or 'n/a'}"
        + ("" if met is None else f"; all databases: {'met' if met else 'NOT met'}")
    )
    lines.append("result: " + ("ok" if results["ok"] else "FAILED"))
    return "\n".join(lines)
