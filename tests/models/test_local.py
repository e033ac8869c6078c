"""The local backend: real generation with SmolLM2-135M (GGUF, mistral.rs, CPU), kept to a few tokens."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from radpilot.models import BackendUnavailable, GenerationRequest, get_backend
from radpilot.models.local import DEFAULT_SHA256, default_gguf

pytest.importorskip("mistralrs", reason="the local extra (mistralrs==0.9.5) is not installed")
try:
    GGUF = default_gguf()
except BackendUnavailable as exc:  # pragma: no cover - the Makefile installs it
    pytest.skip(str(exc), allow_module_level=True)


def test_default_model_generates_text() -> None:
    backend = get_backend("local")
    assert backend.local and backend.sha256 == DEFAULT_SHA256  # type: ignore[attr-defined]
    assert backend.capabilities.context_length and backend.capabilities.context_length >= 2048
    r = backend.generate(
        GenerationRequest.prompt("Say: no pleural effusion.", system="You are a radiologist.", max_tokens=6)
    )
    assert r.text.strip() and r.completion_tokens is not None and 0 < r.completion_tokens <= 6
    assert r.engine == "local" and "SmolLM2" in r.model_id and r.model_version.startswith("sha256:b179c952")
    assert r.duration_ms > 0


def test_streaming_sends_the_text_in_pieces() -> None:
    got: list[str] = []
    r = get_backend("local", log=False).generate(
        GenerationRequest.prompt("Count: one, two,", max_tokens=5, stream=got.append)
    )
    assert len(got) >= 2 and "".join(got) == r.text


def test_json_schema_constrains_the_output() -> None:
    schema = {"type": "object", "properties": {"impression": {"type": "string"}}, "required": ["impression"]}
    r = get_backend("local", log=False).generate(
        GenerationRequest.prompt(
            "Give the impression as JSON: no effusion.", json_schema=schema, max_tokens=40
        )
    )
    assert isinstance(r.json, dict) and isinstance(r.json["impression"], str)


def test_a_configured_gguf_is_checked_against_its_sha256(tmp_path: Path) -> None:
    copy = tmp_path / "model.gguf"
    shutil.copyfile(GGUF, copy)
    with pytest.raises(BackendUnavailable, match="SHA-256 mismatch"):
        get_backend("local", log=False, model_path=str(copy), sha256="0" * 64)
    ok = get_backend("local", log=False, model_path=str(copy), sha256=DEFAULT_SHA256, model_id="site-model")
    assert ok.model_id == "site-model"


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "GGUF file not found"), (b"PK\x03\x04not a gguf", "not a GGUF file")],
)
def test_bad_model_paths_are_clear_errors(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "x.gguf"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(BackendUnavailable, match=message):
        get_backend("local", log=False, model_path=str(path))


def test_environment_points_local_at_another_gguf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RADPILOT_LOCAL_GGUF", str(tmp_path / "missing.gguf"))
    with pytest.raises(BackendUnavailable, match=r"missing\.gguf"):
        get_backend("local", log=False)
