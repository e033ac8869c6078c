"""The protocol: registry, options, capability checks, de-identification for non-local backends, the log."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import ClassVar

import pytest

from radpilot.models import (
    Backend,
    BackendOptions,
    BackendResponseError,
    Capabilities,
    Deidentifier,
    GenerationRequest,
    Image,
    Message,
    PromptLog,
    RequestError,
    Response,
    UnknownBackendError,
    available_backends,
    backend_names,
    get_backend,
)
from radpilot.models.base import parse_json_answer
from tests.models.conftest import png_bytes


class EchoRemote(Backend):
    """A non-local backend that records what reached it and answers with a scripted text."""

    name = "echo-remote"
    summary = "test double"
    seen: ClassVar[list[GenerationRequest]] = []

    def __init__(self, answer: str, local: bool = False, log: PromptLog | None = None) -> None:
        super().__init__(BackendOptions(), log)
        self.answer = answer
        self.model_id = "echo"
        self.version = "1"
        self.capabilities = Capabilities(
            task="text-generation", json_schema=True, streaming=True, local=local
        )

    def _generate(self, request: GenerationRequest) -> Response:
        EchoRemote.seen.append(request)
        if request.stream is not None:
            for piece in (self.answer[:7], self.answer[7:20], self.answer[20:]):
                request.stream(piece)
        return self._response(self.answer)


def test_builtin_backends_are_registered() -> None:
    assert backend_names() == ["local", "openai", "rules", "transformers", "xrv"]
    infos = {i.name: i for i in available_backends()}
    assert infos["rules"].installed
    assert "model_path" in infos["local"].options
    assert infos["xrv"].requires == ("torch", "torchxrayvision")


def test_unknown_backend_names_the_available_ones() -> None:
    with pytest.raises(UnknownBackendError, match=r"unknown backend 'gpt5'.*local, openai, rules"):
        get_backend("gpt5")


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("rules", {"temperature": 1}, "bad option 'temperature': unknown option"),
        ("openai", {"timeout": -1}, "'timeout'"),
        ("openai", {"base_url": "ftp://x"}, "must start with http"),
        ("openai", {"auth": "magic"}, "'auth'"),
        ("xrv", {"max_images": 0}, "'max_images'"),
    ],
)
def test_bad_options_are_refused_with_the_allowed_ones(
    name: str, options: dict[str, object], message: str
) -> None:
    with pytest.raises(RequestError, match=message):
        get_backend(name, log=False, **options)


def test_rules_returns_the_deterministic_text_and_logs_it(data_folder: Path) -> None:
    backend = get_backend("rules")
    chunks: list[str] = []
    request = GenerationRequest.prompt(
        "ignored", deterministic_text="No acute cardiopulmonary abnormality.", stream=chunks.append
    )
    response = backend.generate(request)
    assert response.text == "No acute cardiopulmonary abnormality."
    assert response.engine == "rules" and response.model_id == "radpilot-rules"
    assert chunks == ["No acute cardiopulmonary abnormality."]
    assert backend.local and not response.deidentified
    rows = PromptLog(data_folder / "models.db").entries()
    assert len(rows) == 1
    assert rows[0]["backend"] == "rules" and rows[0]["response"] == response.text
    assert rows[0]["model_version"] == backend.version and rows[0]["duration_ms"] >= 0
    assert response.log_id == rows[0]["id"]


def test_rules_without_text_is_a_clear_error() -> None:
    with pytest.raises(RequestError, match="deterministic_text"):
        get_backend("rules", log=False).generate(GenerationRequest.prompt("write an impression"))


def test_logging_can_be_switched_off(data_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RADPILOT_MODEL_LOG", "off")
    get_backend("rules").generate(GenerationRequest.prompt("x", deterministic_text="y"))
    assert not (data_folder / "models.db").exists()


def test_capabilities_are_enforced_before_the_call() -> None:
    backend = get_backend("rules", log=False)
    image = Image(png_bytes())
    with pytest.raises(RequestError, match="takes no images"):
        backend.generate(GenerationRequest.prompt("x", deterministic_text="y", images=(image,)))
    remote = EchoRemote("ok")
    object.__setattr__(remote, "capabilities", Capabilities(task="text-generation"))
    with pytest.raises(RequestError, match="JSON schema"):
        remote.generate(GenerationRequest.prompt("x", json_schema={"type": "object"}))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_tokens": 0}, "max_tokens"),
        ({"temperature": 3.0}, "temperature"),
    ],
)
def test_bad_requests_are_refused(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(RequestError, match=message):
        GenerationRequest.prompt("x", **kwargs)  # type: ignore[arg-type]


def test_image_must_be_png() -> None:
    with pytest.raises(RequestError, match="PNG"):
        Image(b"\xff\xd8\xff\xe0JFIF")


def test_text_is_deidentified_for_a_remote_backend_and_the_answer_reidentified(data_folder: Path) -> None:
    EchoRemote.seen.clear()
    log = PromptLog(data_folder / "models.db")
    backend = EchoRemote("Compared with [DATE] study; discussed with Dr. [NAME_1] ([PHONE_1]).", log=log)
    deid = Deidentifier(shift_days=-30)
    report = "Compared with 2024-03-05. Called to Dr. Jane Smith at (217) 555-0134. MRN: 12345678."
    deid.deidentify(report)  # the study's mapping exists before the call: Jane Smith is [NAME_1]
    response = backend.generate(
        GenerationRequest.prompt(report, system="Patient John Doe.", known_names=("DOE^JOHN",)), deid
    )
    sent = EchoRemote.seen[-1]
    assert (
        "Jane" not in sent.user_text and "555-0134" not in sent.user_text and "12345678" not in sent.user_text
    )
    assert "2024-02-04" in sent.user_text and "2024-03-05" not in sent.user_text
    assert sent.system is not None and "John" not in sent.system and "Doe" not in sent.system
    assert response.deidentified
    assert response.text == "Compared with [DATE] study; discussed with Dr. Jane Smith ((217) 555-0134)."
    logged = log.entries()[0]
    assert "Jane" not in logged["prompt"] and "Jane" not in logged["response"]


def test_stream_of_a_remote_backend_is_reidentified_whole() -> None:
    deid = Deidentifier(shift_days=-1)
    deid.deidentify("Dr. Robert Lee")
    chunks: list[str] = []
    backend = EchoRemote("Discussed with Dr. [NAME_1] on\n2024-01-01 at noon.")
    backend.generate(GenerationRequest.prompt("hi", stream=chunks.append), deid)
    assert "".join(chunks) == "Discussed with Dr. Robert Lee on\n2024-01-02 at noon."


def test_a_local_backend_gets_the_text_as_given() -> None:
    EchoRemote.seen.clear()
    backend = EchoRemote("ok", local=True)
    backend.generate(GenerationRequest.prompt("Dr. Jane Smith, MRN: 1234567"))
    assert EchoRemote.seen[-1].user_text == "Dr. Jane Smith, MRN: 1234567"


def test_deidentification_can_only_be_skipped_explicitly() -> None:
    EchoRemote.seen.clear()
    EchoRemote("ok").generate(GenerationRequest.prompt("Dr. Jane Smith", deidentify=False))
    assert EchoRemote.seen[-1].user_text == "Dr. Jane Smith"


def test_json_answers_are_parsed_and_checked() -> None:
    schema = {"type": "object", "required": ["impression"]}
    assert parse_json_answer('```json\n{"impression": "Normal."}\n```', schema, "t") == {
        "impression": "Normal."
    }
    with pytest.raises(BackendResponseError, match="not return valid JSON"):
        parse_json_answer("Normal chest.", schema, "t")
    with pytest.raises(BackendResponseError, match="required key"):
        parse_json_answer('{"findings": []}', schema, "t")
    with pytest.raises(BackendResponseError, match="not an object"):
        parse_json_answer("[1, 2]", schema, "t")


def test_failed_calls_are_logged_with_the_error(data_folder: Path) -> None:
    backend = get_backend("rules")
    with pytest.raises(RequestError):
        backend.generate(GenerationRequest(messages=(Message("user", "x"),)))
    with sqlite3.connect(data_folder / "models.db") as db:
        error = db.execute("SELECT error FROM responses").fetchone()[0]
    assert "deterministic_text" in error
