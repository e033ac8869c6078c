"""The openai backend against a chat-completions server started by the test on 127.0.0.1."""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from radpilot.models import (
    BackendResponseError,
    BackendTimeout,
    BackendUnavailable,
    GenerationRequest,
    Image,
    get_backend,
)
from radpilot.models.base import Backend
from tests.models.conftest import png_bytes


@dataclass
class Step:
    """One scripted answer: a JSON body, an SSE stream, or raw bytes, optionally after a delay."""

    status: int = 200
    body: Any = None
    events: list[str] | None = None
    raw: bytes | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


def completion(text: str, model: str = "served-model") -> dict[str, Any]:
    return {
        "id": "cmpl-1",
        "object": "chat.completion",
        "model": model,
        "system_fingerprint": "fp_test",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 11, "completion_tokens": 5, "total_tokens": 16},
    }


def chunk(text: str | None, finish: str | None = None) -> str:
    delta = {"content": text} if text is not None else {}
    return json.dumps(
        {"model": "served-model", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    )


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.steps: list[Step] = []
        self.requests: list[dict[str, Any]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: Any) -> None:  # keep pytest output clean
        pass

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        self.server.requests.append(
            {"path": self.path, "headers": dict(self.headers), "body": json.loads(raw) if raw else None}
        )
        step = self.server.steps.pop(0) if self.server.steps else Step(500, {"error": {"message": "no step"}})
        if step.delay:
            time.sleep(step.delay)
        try:
            self.send_response(step.status)
            for k, v in step.headers.items():
                self.send_header(k, v)
            if step.events is not None:
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for event in step.events:
                    self.wfile.write(f"data: {event}\n\n".encode())
                    self.wfile.flush()
                return
            payload = step.raw if step.raw is not None else json.dumps(step.body).encode()
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    do_GET = _answer
    do_POST = _answer


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(timeout=5)


def backend(server: Server, **options: Any) -> Backend:
    defaults: dict[str, Any] = {
        "base_url": server.url,
        "model": "medgemma-4b-it",
        "backoff": 0.01,
        "timeout": 2.0,
    }
    return get_backend("openai", log=False, **{**defaults, **options})


def test_chat_completion_request_and_answer(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RADPILOT_OPENAI_API_KEY", "sk-test-123")
    server.steps = [Step(body=completion("No acute cardiopulmonary process."))]
    b = backend(server)
    r = b.generate(GenerationRequest.prompt("Summarize.", system="You are a radiologist.", max_tokens=40))
    assert r.text == "No acute cardiopulmonary process."
    assert (r.prompt_tokens, r.completion_tokens, r.finish_reason) == (11, 5, "stop")
    assert r.model_version == "served-model (fp_test)" and r.engine == "openai"
    sent = server.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["headers"]["Authorization"] == "Bearer sk-test-123"
    body = sent["body"]
    assert body["model"] == "medgemma-4b-it" and body["max_tokens"] == 40 and body["stream"] is False
    assert body["messages"] == [
        {"role": "system", "content": "You are a radiologist."},
        {"role": "user", "content": "Summarize."},
    ]


def test_images_go_as_base64_png_parts(server: Server) -> None:
    server.steps = [Step(body=completion("Findings."))]
    png = png_bytes()
    b = backend(server, vision=True, max_images=2)
    b.generate(
        GenerationRequest.prompt("Describe.", images=(Image(png, view="LATERAL"), Image(png, view="PA")))
    )
    content = server.requests[0]["body"]["messages"][-1]["content"]
    assert [p["type"] for p in content] == ["image_url", "image_url", "text"]
    url = content[0]["image_url"]["url"]
    assert url.startswith("data:image/png;base64,") and base64.b64decode(url.split(",", 1)[1]) == png
    assert content[2] == {"type": "text", "text": "Describe."}


def test_json_schema_becomes_response_format(server: Server) -> None:
    schema = {"type": "object", "properties": {"impression": {"type": "string"}}, "required": ["impression"]}
    server.steps = [Step(body=completion('{"impression": "Normal."}'))]
    r = backend(server).generate(GenerationRequest.prompt("Impression?", json_schema=schema))
    assert r.json == {"impression": "Normal."}
    fmt = server.requests[0]["body"]["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["schema"] == schema


def test_sse_streaming(server: Server) -> None:
    server.steps = [
        Step(events=[chunk("No "), chunk("pleural "), chunk("effusion."), chunk(None, "stop"), "[DONE]"])
    ]
    got: list[str] = []
    r = backend(server, local=True).generate(GenerationRequest.prompt("x", stream=got.append))
    assert got == ["No ", "pleural ", "effusion."]
    assert r.text == "No pleural effusion." and r.finish_reason == "stop"
    assert server.requests[0]["body"]["stream"] is True


def test_sse_streaming_from_a_remote_server_is_released_by_line(server: Server) -> None:
    server.steps = [Step(events=[chunk("Line one"), chunk(".\nLine "), chunk("two."), "[DONE]"])]
    got: list[str] = []
    r = backend(server).generate(GenerationRequest.prompt("x", stream=got.append))
    assert got == ["Line one.\n", "Line two."] and r.text == "Line one.\nLine two."


def test_429_is_retried_then_succeeds(server: Server) -> None:
    server.steps = [
        Step(429, {"error": {"message": "rate limited"}}, headers={"Retry-After": "0"}),
        Step(503, {"error": {"message": "loading"}}),
        Step(body=completion("ok")),
    ]
    assert backend(server).generate(GenerationRequest.prompt("x")).text == "ok"
    assert len(server.requests) == 3


def test_persistent_500_gives_up_after_the_retries(server: Server) -> None:
    server.steps = [Step(500, {"error": {"message": "CUDA out of memory"}}) for _ in range(3)]
    with pytest.raises(BackendResponseError, match=r"HTTP 500.*CUDA out of memory.*after 3 attempt"):
        backend(server, max_retries=2).generate(GenerationRequest.prompt("x"))
    assert len(server.requests) == 3


def test_timeout_is_retried_then_reported(server: Server) -> None:
    server.steps = [Step(body=completion("late"), delay=1.0) for _ in range(2)]
    with pytest.raises(BackendTimeout, match=r"did not answer within 0.2 s.*2 attempt"):
        backend(server, timeout=0.2, max_retries=1).generate(GenerationRequest.prompt("x"))


@pytest.mark.parametrize(
    "step",
    [
        Step(raw=b"<html>Bad gateway</html>"),
        Step(body={"choices": []}),
        Step(body={"choices": [{"message": {"content": 42}}]}),
    ],
)
def test_malformed_body_is_a_clear_error(server: Server, step: Step) -> None:
    server.steps = [step]
    with pytest.raises(BackendResponseError, match="malformed chat-completions body"):
        backend(server).generate(GenerationRequest.prompt("x"))
    assert len(server.requests) == 1  # not retried


def test_malformed_stream_event_is_a_clear_error(server: Server) -> None:
    server.steps = [Step(events=[chunk("ok"), "{not json"])]
    with pytest.raises(BackendResponseError, match="malformed stream event"):
        backend(server).generate(GenerationRequest.prompt("x", stream=lambda _t: None))


def test_auth_failure_names_the_variable(server: Server) -> None:
    server.steps = [Step(401, {"error": {"message": "invalid api key"}})]
    with pytest.raises(BackendResponseError, match=r"RADPILOT_OPENAI_API_KEY.*invalid api key"):
        backend(server).generate(GenerationRequest.prompt("x"))


def test_server_down_is_a_clear_error() -> None:
    b = get_backend(
        "openai", log=False, base_url="http://127.0.0.1:9/v1", model="m", max_retries=1, backoff=0.01
    )
    with pytest.raises(
        BackendUnavailable, match=r"cannot reach http://127.0.0.1:9/v1.*is the server running"
    ):
        b.generate(GenerationRequest.prompt("x"))


def test_model_is_discovered_when_not_set(server: Server) -> None:
    server.steps = [
        Step(body={"object": "list", "data": [{"id": "qwen2-vl-7b"}]}),
        Step(body=completion("ok")),
    ]
    b = get_backend("openai", log=False, base_url=server.url, backoff=0.01)
    b.generate(GenerationRequest.prompt("x"))
    assert server.requests[0]["path"] == "/v1/models"
    assert server.requests[1]["body"]["model"] == "qwen2-vl-7b" and b.model_id == "qwen2-vl-7b"


def test_azure_style_auth_and_api_version(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AZURE_KEY", "az-1")
    server.steps = [Step(body=completion("ok"))]
    b = backend(
        server,
        auth="api-key",
        api_key_env="AZURE_KEY",
        api_version="2024-10-21",
        max_tokens_field="max_completion_tokens",
    )
    b.generate(GenerationRequest.prompt("x", max_tokens=9))
    sent = server.requests[0]
    assert sent["path"] == "/v1/chat/completions?api-version=2024-10-21"
    assert sent["headers"]["api-key"] == "az-1" and "Authorization" not in sent["headers"]
    assert sent["body"]["max_completion_tokens"] == 9


def test_remote_server_never_sees_identifiers_and_the_answer_comes_back(server: Server) -> None:
    server.steps = [Step(body=completion("Finding discussed with Dr. [NAME_1] on 2024-02-24."))]
    b = backend(server)
    assert not b.local
    from radpilot.models import Deidentifier

    deid = Deidentifier(shift_days=-10)
    r = b.generate(
        GenerationRequest.prompt("Pneumothorax discussed with Dr. Robert Lee on 2024-03-05. MRN: 99887766."),
        deid,
    )
    wire = json.dumps(server.requests[0]["body"])
    assert "Robert" not in wire and "99887766" not in wire and "2024-03-05" not in wire
    assert r.text == "Finding discussed with Dr. Robert Lee on 2024-03-05."


def test_a_server_marked_local_gets_the_text_as_given(server: Server) -> None:
    server.steps = [Step(body=completion("ok"))]
    backend(server, local=True).generate(GenerationRequest.prompt("Dr. Robert Lee"))
    assert server.requests[0]["body"]["messages"][-1]["content"] == "Dr. Robert Lee"


def test_health_asks_the_server_for_its_models_once(server: Server) -> None:
    from radpilot.models import check_backend

    server.steps = [Step(body={"object": "list", "data": [{"id": "medgemma-4b-it"}, {"id": "other"}]})]
    h = check_backend("openai", base_url=server.url, model="medgemma-4b-it")
    assert h.ok and "medgemma-4b-it" in h.detail
    assert [r["path"] for r in server.requests] == ["/v1/models"]  # nothing generated


def test_health_names_a_model_the_server_does_not_serve(server: Server) -> None:
    from radpilot.models import check_backend

    server.steps = [Step(body={"object": "list", "data": [{"id": "qwen2-vl-7b"}]})]
    h = check_backend("openai", base_url=server.url, model="medgemma-4b-it")
    assert h.status == "error" and "does not serve 'medgemma-4b-it'" in h.detail and "qwen2-vl-7b" in h.detail


def test_health_of_a_server_that_is_down_answers_at_once() -> None:
    from radpilot.models import check_backend

    h = check_backend("openai", base_url="http://127.0.0.1:9/v1", model="m", backoff=5)
    assert h.status == "unavailable" and "cannot reach" in h.detail
    assert h.seconds < 5  # no retries with backoff in a health check


def test_health_of_every_builtin_backend_is_a_status_never_an_exception() -> None:
    from radpilot.models import backend_names, check_backend

    results = {
        n: check_backend(n, **({"base_url": "http://127.0.0.1:9/v1"} if n == "openai" else {}))
        for n in backend_names()
    }
    assert results["rules"].ok
    assert all(h.status in ("ok", "unavailable", "error") and h.detail for h in results.values())
    assert check_backend("no-such-backend").status == "error"
