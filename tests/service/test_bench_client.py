"""The service benchmark's load generator: HTTP/1.1 parsing against a scripted server, and a small real run."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from radpilot.service.bench import LoopbackClient, Server, latency_suite, make_users
from radpilot.store import Database, upgrade

ANSWERS = [
    b'HTTP/1.1 201 Created\r\ncontent-length: 11\r\ncontent-type: application/json\r\n\r\n{"id": 7}\n ',
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
]


def test_loopback_client_reads_length_chunked_and_close() -> None:
    seen: list[bytes] = []

    async def main() -> list[tuple[int, bytes]]:
        answers = iter(ANSWERS)

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except asyncio.IncompleteReadError:
                    break
                length = next(
                    int(line.split(b":")[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length")
                )
                seen.append(head + await reader.readexactly(length))
                writer.write(next(answers))
                await writer.drain()
            writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        client = LoopbackClient("127.0.0.1", port, timeout=5)
        try:
            out = [await client.request("POST", "/a", {"Authorization": "Bearer t"}, {"x": 1})]
            out.append(await client.request("GET", "/b", {}))
            out.append(await client.request("GET", "/c", {}))
        finally:
            await client.close()
            server.close()
            await server.wait_closed()
        return out

    out = asyncio.run(main())
    assert out == [(201, b'{"id": 7}\n '), (200, b"hello world"), (404, b"")]
    assert seen[0].startswith(b"POST /a HTTP/1.1\r\n") and b"Authorization: Bearer t" in seen[0]
    assert seen[0].endswith(b'\r\n\r\n{"x": 1}') and b"Content-Type: application/json" in seen[0]


def test_loopback_client_refused_connection_is_an_error() -> None:
    from radpilot.service.bench import free_port

    client = LoopbackClient("127.0.0.1", free_port(), timeout=5)
    with pytest.raises(OSError):
        asyncio.run(client.request("GET", "/", {}))


def test_latency_suite_against_the_real_server(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bench.sqlite'}"
    db = Database(url)
    upgrade(db)
    db.dispose()
    tokens = make_users(url)
    server = Server(url, tmp_path / "server.log", env={"RADPILOT_DATA": str(tmp_path)})
    server.start(timeout=60)
    try:
        rows = latency_suite(server, tokens, 12, [3], lambda _msg: None)
    finally:
        server.stop()
    assert [(r["operation"], r["requests"], r["clients"], r["errors"]) for r in rows] == [
        ("draft", 12, 3, 0),
        ("fetch", 12, 3, 0),
    ]
    assert all(r["p95_ms"] >= r["p50_ms"] > 0 for r in rows)
