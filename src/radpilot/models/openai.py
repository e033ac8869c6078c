"""``openai``: any server that speaks the OpenAI chat-completions API.

vLLM, Ollama, llama.cpp server, LM Studio, TGI, OpenAI and Azure OpenAI (``auth="api-key"`` and
``api_version``). Images go as base64 PNG ``image_url`` parts, ``stream`` uses server-sent events, a JSON
schema becomes ``response_format`` (``json_schema=false`` for servers without it). Timeouts, 429 and 5xx
answers are retried with exponential backoff (``Retry-After`` honoured). The key comes from the environment
(``RADPILOT_OPENAI_API_KEY``, else ``OPENAI_API_KEY``, or the variable named by ``api_key_env``), never
from an option. The server is not local unless ``local=true`` says it runs inside the site's trust
boundary, so text is de-identified before it is sent.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import time
from collections.abc import Iterator
from typing import Any, Literal, cast

from pydantic import Field, field_validator

from radpilot.models.adapters import generic_messages, llava_rad_prompt, medgemma_messages
from radpilot.models.base import (
    Backend,
    BackendError,
    BackendOptions,
    BackendResponseError,
    BackendTimeout,
    BackendUnavailable,
    Capabilities,
    GenerationRequest,
    Image,
    Response,
)
from radpilot.models.log import PromptLog
from radpilot.models.registry import register

RETRY_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})
DEFAULT_BASE_URL = "http://localhost:8000/v1"


class OpenAIOptions(BackendOptions):
    base_url: str | None = None
    model: str | None = None
    api_key_env: str | None = None
    auth: Literal["bearer", "api-key", "none"] = "bearer"
    api_version: str | None = None
    timeout: float = Field(60.0, gt=0)
    connect_timeout: float = Field(5.0, gt=0)
    max_retries: int = Field(3, ge=0, le=10)
    backoff: float = Field(0.5, ge=0)
    max_backoff: float = Field(30.0, ge=0)
    vision: bool = False
    max_images: int = Field(4, ge=0)
    priors: bool = False
    json_schema: bool = True
    max_tokens_field: Literal["max_tokens", "max_completion_tokens"] = "max_tokens"
    context_length: int | None = None
    adapter: Literal["generic", "medgemma", "llava-rad"] = "generic"
    local: bool = False
    licence: str = "see the served model's card"

    @field_validator("base_url")
    @classmethod
    def _http(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value


@register
class OpenAIBackend(Backend):
    name = "openai"
    summary = "any OpenAI-compatible server (vLLM, Ollama, llama.cpp, LM Studio, TGI, OpenAI, Azure)"
    Options = OpenAIOptions
    requires = ("httpx",)
    install_hint = "pip install 'httpx>=0.27,<1'"

    def __init__(self, options: BackendOptions, log: PromptLog | None = None) -> None:
        super().__init__(options, log)
        self.opts = cast(OpenAIOptions, options)
        base = (
            self.opts.base_url
            or os.environ.get("RADPILOT_OPENAI_BASE_URL")
            or os.environ.get("OPENAI_BASE_URL")
            or DEFAULT_BASE_URL
        )
        self.base_url = base.rstrip("/")
        self.model_id = self.opts.model or os.environ.get("RADPILOT_OPENAI_MODEL") or ""
        self.version = "unknown until the first answer"
        self.capabilities = Capabilities(
            task="image-text-to-text" if self.opts.vision else "text-generation",
            vision=self.opts.vision,
            max_images=self.opts.max_images if self.opts.vision else 0,
            priors=self.opts.priors,
            json_schema=self.opts.json_schema,
            streaming=True,
            context_length=self.opts.context_length,
            licence=self.opts.licence,
            local=self.opts.local,
        )

    # -- HTTP ----------------------------------------------------------------------------------------
    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        names = (
            [self.opts.api_key_env]
            if self.opts.api_key_env
            else ["RADPILOT_OPENAI_API_KEY", "OPENAI_API_KEY"]
        )
        key = next((os.environ[n] for n in names if os.environ.get(n)), None)
        if key and self.opts.auth == "bearer":
            headers["Authorization"] = f"Bearer {key}"
        elif key and self.opts.auth == "api-key":
            headers["api-key"] = key
        return headers

    def _url(self, path: str) -> str:
        url = f"{self.base_url}/{path}"
        if self.opts.api_version:
            url += f"?api-version={self.opts.api_version}"
        return url

    def _client(self) -> Any:
        try:
            import httpx
        except ImportError:
            raise BackendUnavailable(f"openai: httpx is not installed ({self.install_hint})") from None
        timeout = httpx.Timeout(self.opts.timeout, connect=self.opts.connect_timeout)
        return httpx.Client(timeout=timeout, headers=self._headers())

    def _sleep_before_retry(self, attempt: int, retry_after: str | None) -> None:
        delay = self.opts.backoff * (2**attempt)
        if retry_after:
            with contextlib.suppress(ValueError):
                delay = max(delay, float(retry_after))
        time.sleep(min(delay, self.opts.max_backoff))

    def _with_retries(self, call: Any, max_retries: int | None = None) -> Any:
        """Run ``call(client)``; retry timeouts, connection failures and retryable statuses."""
        import httpx

        last = ""
        retries = self.opts.max_retries if max_retries is None else max_retries
        with self._client() as client:
            for attempt in range(retries + 1):
                final = attempt == retries
                try:
                    return call(client)
                except _Retryable as exc:
                    last = str(exc)
                    if final:
                        raise BackendResponseError(
                            f"openai: {last} (after {attempt + 1} attempt(s))"
                        ) from None
                    self._sleep_before_retry(attempt, exc.retry_after)
                except httpx.TimeoutException as exc:
                    if final:
                        raise BackendTimeout(
                            f"openai: {self.base_url} did not answer within {self.opts.timeout:g} s "
                            f"({type(exc).__name__}, after {attempt + 1} attempt(s))"
                        ) from None
                    self._sleep_before_retry(attempt, None)
                except httpx.TransportError as exc:
                    if final:
                        raise BackendUnavailable(
                            f"openai: cannot reach {self.base_url} ({_reason(exc)}); is the server running?"
                        ) from None
                    self._sleep_before_retry(attempt, None)
        raise BackendError(f"openai: {last}")  # pragma: no cover - the loop always returns or raises

    def _check_status(self, response: Any, body_text: str) -> None:
        status = response.status_code
        if status < 400:
            return
        detail = _error_detail(body_text)
        if status in RETRY_STATUS:
            raise _Retryable(
                f"HTTP {status} from {self.base_url}: {detail}", response.headers.get("retry-after")
            )
        if status in (401, 403):
            hint = self.opts.api_key_env or "RADPILOT_OPENAI_API_KEY or OPENAI_API_KEY"
            raise BackendResponseError(f"openai: authentication failed (HTTP {status}): set {hint}. {detail}")
        if status == 404:
            raise BackendResponseError(
                f"openai: HTTP 404 from {response.url}: check base_url and model ('{self.model_id}'). {detail}"
            )
        raise BackendResponseError(f"openai: HTTP {status} from {self.base_url}: {detail}")

    def discover_model(self) -> str:
        """The first model the server lists (``GET /models``), for servers that serve one model."""

        def call(client: Any) -> str:
            r = client.get(self._url("models"))
            self._check_status(r, r.text)
            try:
                data = r.json()["data"]
                return str(data[0]["id"])
            except (ValueError, KeyError, IndexError, TypeError):
                raise BackendResponseError(
                    f"openai: {self.base_url}/models did not list a model; set the 'model' option"
                ) from None

        return cast(str, self._with_retries(call))

    def health(self) -> str:
        """The server answers ``GET /models`` (with the key, if one is set) and lists the configured model."""

        def call(client: Any) -> list[str]:
            r = client.get(self._url("models"))
            self._check_status(r, r.text)
            try:
                return [str(m["id"]) for m in r.json()["data"]]
            except (ValueError, KeyError, TypeError):
                raise BackendResponseError(
                    f"openai: {self.base_url}/models did not answer a model list"
                ) from None

        listed = cast(list[str], self._with_retries(call, max_retries=0))  # a health check answers at once
        if self.model_id and listed and self.model_id not in listed:
            raise BackendResponseError(
                f"openai: {self.base_url} does not serve '{self.model_id}' (it lists: {', '.join(listed[:5])})"
            )
        return f"server {self.base_url} answers; models: {', '.join(listed[:5]) or '(none listed)'}"

    # -- generation ------------------------------------------------------------------------------------
    def _body(self, request: GenerationRequest) -> dict[str, Any]:
        if self.opts.adapter == "medgemma":
            messages = medgemma_messages(request, _image_part)
        elif self.opts.adapter == "llava-rad":
            prompt = llava_rad_prompt(request).replace("<image>\n", "")
            messages = generic_messages(
                GenerationRequest.prompt(prompt, system=request.system, images=request.images), _image_part
            )
        else:
            messages = generic_messages(request, _image_part)
        body: dict[str, Any] = {
            "model": self.model_id,
            "messages": messages,
            self.opts.max_tokens_field: request.max_tokens,
            "temperature": request.temperature,
            "stream": request.stream is not None,
        }
        if request.json_schema is not None:
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {
                    "name": "radpilot_answer",
                    "schema": dict(request.json_schema),
                    "strict": True,
                },
            }
        return body

    def _generate(self, request: GenerationRequest) -> Response:
        if not self.model_id:
            self.model_id = self.discover_model()
        body = self._body(request)
        if request.stream is None:
            return cast(Response, self._with_retries(lambda client: self._complete(client, body)))
        return cast(Response, self._with_retries(lambda client: self._stream(client, body, request)))

    def _complete(self, client: Any, body: dict[str, Any]) -> Response:
        r = client.post(self._url("chat/completions"), json=body)
        self._check_status(r, r.text)
        try:
            payload = r.json()
            choice = payload["choices"][0]
            text = choice["message"]["content"]
            if text is None:
                text = ""
            if not isinstance(text, str):
                raise TypeError("message.content is not a string")
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise BackendResponseError(
                f"openai: malformed chat-completions body from {self.base_url} ({type(exc).__name__}: {exc}): "
                f"{r.text[:200]!r}"
            ) from None
        self._note_version(payload)
        usage = payload.get("usage") or {}
        return self._response(
            text,
            finish_reason=choice.get("finish_reason"),
            prompt_tokens=usage.get("prompt_tokens"),
            completion_tokens=usage.get("completion_tokens"),
        )

    def _stream(self, client: Any, body: dict[str, Any], request: GenerationRequest) -> Response:
        assert request.stream is not None
        parts: list[str] = []
        finish = None
        usage: dict[str, Any] = {}
        import httpx

        with client.stream("POST", self._url("chat/completions"), json=body) as r:
            if r.status_code >= 400:
                self._check_status(r, r.read().decode("utf-8", "replace"))
            try:
                for payload in _sse_events(r.iter_lines(), self.base_url):
                    if "error" in payload:
                        detail = _error_detail(json.dumps(payload))
                        raise BackendResponseError(
                            f"openai: the server reported an error mid-stream: {detail}"
                        )
                    self._note_version(payload)
                    usage = payload.get("usage") or usage
                    for choice in payload.get("choices") or []:
                        delta = (choice.get("delta") or {}).get("content")
                        finish = choice.get("finish_reason") or finish
                        if delta:
                            parts.append(delta)
                            request.stream(delta)
            except httpx.TransportError as exc:
                if not parts:
                    raise  # nothing was streamed yet: the call may be retried
                # Text already went to the caller; a retry would repeat it.
                raise BackendError(
                    f"openai: the stream from {self.base_url} broke after {len(parts)} chunk(s) ({_reason(exc)})"
                ) from None
        return self._response(
            "".join(parts),
            finish_reason=finish,
            prompt_tokens=usage.get("prompt_tokens"),
            completion_tokens=usage.get("completion_tokens"),
        )

    def _note_version(self, payload: dict[str, Any]) -> None:
        served = payload.get("model")
        fingerprint = payload.get("system_fingerprint")
        if served:
            self.version = str(served) + (f" ({fingerprint})" if fingerprint else "")


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: str | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _sse_events(lines: Iterator[str], base_url: str) -> Iterator[dict[str, Any]]:
    """Parse ``data:`` lines of a server-sent-event stream until ``[DONE]``."""
    for line in lines:
        if not line.startswith("data:"):
            continue
        data = line[5:].strip()
        if data == "[DONE]":
            return
        if not data:
            continue
        try:
            payload = json.loads(data)
        except json.JSONDecodeError:
            raise BackendResponseError(
                f"openai: malformed stream event from {base_url}: {data[:200]!r}"
            ) from None
        if not isinstance(payload, dict):
            raise BackendResponseError(f"openai: malformed stream event from {base_url}: {data[:200]!r}")
        yield payload


def _image_part(image: Image) -> dict[str, Any]:
    encoded = base64.b64encode(image.png).decode("ascii")
    return {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{encoded}"}}


def _error_detail(body: str) -> str:
    try:
        payload = json.loads(body)
        err = payload.get("error", payload) if isinstance(payload, dict) else payload
        message = err.get("message", err) if isinstance(err, dict) else err
        return str(message)[:300]
    except (ValueError, AttributeError):
        return body.strip()[:300] or "(empty body)"


def _reason(exc: BaseException) -> str:
    text = str(exc)
    if "refused" in text.lower():
        return "connection refused"
    return text.splitlines()[0] if text else type(exc).__name__
