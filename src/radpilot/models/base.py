"""One small protocol for every model backend, in the spirit of Simon Willison's ``llm``.

A backend declares what it can do (``Capabilities``), takes a ``GenerationRequest`` and returns a
``Response``. ``Backend.generate`` is the one entry point: it checks the request against the capabilities,
de-identifies the text before it reaches a backend that is not marked local (and re-identifies the answer),
times the call and logs the prompt and the response. Subclasses implement ``_generate`` only.
"""

from __future__ import annotations

import json
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

if TYPE_CHECKING:
    from radpilot.models.deid import Deidentifier
    from radpilot.models.log import PromptLog

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class BackendError(RuntimeError):
    """A backend could not answer; the message says what to fix."""


class UnknownBackendError(BackendError):
    """No backend is registered under that name."""


class BackendUnavailable(BackendError):
    """The backend cannot run here: a missing package, missing weights, a server that is down."""


class BackendTimeout(BackendError):
    """The backend did not answer in time (after any retries)."""


class BackendResponseError(BackendError):
    """The backend answered, but not with something usable (HTTP error, malformed body, invalid JSON)."""


class RequestError(BackendError, ValueError):
    """The request asks for something the backend cannot do (too many images, JSON schema, bad option)."""


class BackendOptions(BaseModel):
    """Options a backend declares; unknown keys are refused with the list of allowed ones."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class Capabilities:
    """What a backend can take and give, so the pipeline can pick and check one without calling it."""

    task: Literal["deterministic", "text-generation", "image-text-to-text", "image-classification"]
    vision: bool = False
    max_images: int = 0
    priors: bool = False
    json_schema: bool = False
    streaming: bool = False
    context_length: int | None = None
    licence: str = ""
    local: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "vision": self.vision,
            "max_images": self.max_images,
            "priors": self.priors,
            "json_schema": self.json_schema,
            "streaming": self.streaming,
            "context_length": self.context_length,
            "licence": self.licence,
            "local": self.local,
        }


@dataclass(frozen=True)
class Message:
    role: Literal["user", "assistant"]
    content: str


@dataclass(frozen=True)
class Image:
    """One image as PNG bytes (rendered from DICOM without header or burned-in PHI by the caller)."""

    png: bytes
    view: str | None = None  # "PA", "AP", "LATERAL", ... as DICOM ViewPosition names it
    prior: bool = False  # an image of the comparison study, for backends with ``priors``

    def __post_init__(self) -> None:
        if not self.png.startswith(PNG_SIGNATURE):
            raise RequestError("an image must be PNG bytes (the PNG signature is missing)")

    @property
    def frontal(self) -> bool:
        return self.view is None or self.view.upper() in {"PA", "AP", "FRONTAL"}


StreamCallback = Callable[[str], None]


@dataclass(frozen=True)
class GenerationRequest:
    """A prompt: an optional system message, user/assistant turns, optional images and options.

    ``context`` carries study fields that prompt adapters use (indication, technique, comparison,
    prior_report, age, sex). ``deterministic_text`` is the text the ``rules`` backend returns.
    ``known_names`` are identifiers the caller knows (patient and physician names from the order or header);
    they are always removed before text leaves for a backend that is not local.
    """

    messages: tuple[Message, ...]
    system: str | None = None
    images: tuple[Image, ...] = ()
    max_tokens: int = 256
    temperature: float = 0.0
    json_schema: Mapping[str, Any] | None = None
    stream: StreamCallback | None = None
    context: Mapping[str, str] = field(default_factory=dict)
    deterministic_text: str | None = None
    deidentify: bool = True
    known_names: tuple[str, ...] = ()

    @classmethod
    def prompt(cls, user: str, *, system: str | None = None, **kwargs: Any) -> GenerationRequest:
        """A one-turn request: ``GenerationRequest.prompt("Summarize ...", system="You are ...")``."""
        return cls(messages=(Message("user", user),), system=system, **kwargs)

    def __post_init__(self) -> None:
        if not self.messages and self.deterministic_text is None and not self.images:
            raise RequestError("the request has no message, no image and no deterministic text")
        if self.max_tokens < 1:
            raise RequestError(f"max_tokens must be at least 1, got {self.max_tokens}")
        if not 0.0 <= self.temperature <= 2.0:
            raise RequestError(f"temperature must be between 0 and 2, got {self.temperature}")

    @property
    def user_text(self) -> str:
        """The last user message (what single-turn backends answer)."""
        for m in reversed(self.messages):
            if m.role == "user":
                return m.content
        return ""


@dataclass
class Response:
    """What a backend returned, with enough provenance to cite it next to every sentence."""

    text: str
    backend: str
    model_id: str
    model_version: str
    duration_ms: float = 0.0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    finish_reason: str | None = None
    json: Any = None
    data: dict[str, Any] = field(default_factory=dict)
    deidentified: bool = False
    log_id: int | None = None

    @property
    def engine(self) -> str:
        """The provenance label the pipeline records ("rules", "local", "openai", ...)."""
        return self.backend

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "engine": self.engine,
            "model_id": self.model_id,
            "model_version": self.model_version,
            "duration_ms": round(self.duration_ms, 1),
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "finish_reason": self.finish_reason,
            "json": self.json,
            "data": self.data,
            "deidentified": self.deidentified,
        }


class Backend(ABC):
    """Base of every backend. Subclasses set ``name``, ``summary``, ``Options`` and implement ``_generate``."""

    name: ClassVar[str]
    summary: ClassVar[str]
    Options: ClassVar[type[BackendOptions]] = BackendOptions
    #: importable modules the backend needs (checked without importing them, for ``models list``)
    requires: ClassVar[tuple[str, ...]] = ()
    #: how to install what ``requires`` names
    install_hint: ClassVar[str] = ""

    model_id: str
    version: str
    capabilities: Capabilities

    def __init__(self, options: BackendOptions, log: PromptLog | None = None) -> None:
        self.options = options
        self.log = log

    @classmethod
    def parse_options(cls, raw: Mapping[str, Any]) -> BackendOptions:
        try:
            return cls.Options(**raw)
        except ValidationError as exc:
            allowed = ", ".join(cls.Options.model_fields) or "(none)"
            problems = []
            for err in exc.errors():
                loc = ".".join(str(p) for p in err["loc"]) or "(options)"
                msg = "unknown option" if err["type"] == "extra_forbidden" else err["msg"]
                problems.append(f"'{loc}': {msg}")
            raise RequestError(
                f"backend '{cls.name}': bad option {'; '.join(problems)} (allowed: {allowed})"
            ) from exc

    @property
    def local(self) -> bool:
        """True when text may reach this backend without de-identification (it runs inside RadPilot's trust
        boundary). Every other backend gets de-identified text and its answer is re-identified."""
        return self.capabilities.local

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "model_id": self.model_id,
            "version": self.version,
            "capabilities": self.capabilities.to_dict(),
        }

    # -- the one entry point -------------------------------------------------------------------------
    def generate(self, request: GenerationRequest, deidentifier: Deidentifier | None = None) -> Response:
        """Check, de-identify (for non-local backends), call, re-identify, time and log one request.

        Pass ``deidentifier`` to share one mapping (and one date shift) across several calls for one study.
        """
        self.check_request(request)
        sent = request
        deid = None
        if not self.local and request.deidentify:
            from radpilot.models.deid import Deidentifier, StreamReidentifier

            deid = deidentifier or Deidentifier(known_names=request.known_names)
            deid.add_known_names(request.known_names)
            stream = request.stream
            sent = replace(
                request,
                system=deid.deidentify(request.system) if request.system is not None else None,
                messages=tuple(Message(m.role, deid.deidentify(m.content)) for m in request.messages),
                context={k: deid.deidentify(v) for k, v in request.context.items()},
                known_names=(),
                stream=StreamReidentifier(deid, stream) if stream is not None else None,
            )
        start = time.perf_counter()
        try:
            response = self._generate(sent)
        except BackendError as exc:
            self._log(sent, None, (time.perf_counter() - start) * 1000, str(exc))
            raise
        response.duration_ms = (time.perf_counter() - start) * 1000
        if sent.stream is not None and deid is not None:
            from radpilot.models.deid import StreamReidentifier

            if isinstance(sent.stream, StreamReidentifier):
                sent.stream.flush()
        if request.json_schema is not None:
            response.json = parse_json_answer(response.text, request.json_schema, self.name)
        response.log_id = self._log(sent, response, response.duration_ms, None)
        if deid is not None:
            response.text = deid.reidentify(response.text)
            if response.json is not None:
                response.json = deid.reidentify_json(response.json)
            response.deidentified = True
        return response

    def health(self) -> str:
        """A cheap check that this backend can serve now, without generating; returns a short description or
        raises ``BackendError``. A constructed backend has its packages, weights and checksums in place (the
        constructors check them); backends that talk to a server override this to ask it."""
        return f"ready ({self.model_id})" if getattr(self, "model_id", "") else "ready"

    def check_request(self, request: GenerationRequest) -> None:
        caps = self.capabilities
        if request.images and not caps.vision:
            raise RequestError(f"backend '{self.name}' ({self.model_id}) takes no images")
        if len(request.images) > caps.max_images:
            raise RequestError(
                f"backend '{self.name}' takes at most {caps.max_images} image(s), got {len(request.images)}"
            )
        if any(i.prior for i in request.images) and not caps.priors:
            raise RequestError(f"backend '{self.name}' takes no prior-study images")
        if request.json_schema is not None and not caps.json_schema:
            raise RequestError(
                f"backend '{self.name}' ({self.model_id}) cannot constrain output to a JSON schema"
            )

    @abstractmethod
    def _generate(self, request: GenerationRequest) -> Response:
        """Answer one (already de-identified where needed) request."""

    def _response(self, text: str, **kwargs: Any) -> Response:
        return Response(
            text=text, backend=self.name, model_id=self.model_id, model_version=self.version, **kwargs
        )

    def _log(
        self, request: GenerationRequest, response: Response | None, ms: float, error: str | None
    ) -> int | None:
        if self.log is None:
            return None
        return self.log.record(self, request, response, ms, error)


def parse_json_answer(text: str, schema: Mapping[str, Any], backend: str) -> Any:
    """Parse a JSON answer and check its top-level type and required keys against ``schema``."""
    cleaned = text.strip()
    if cleaned.startswith("```"):
        cleaned = cleaned.strip("`")
        cleaned = cleaned[4:] if cleaned.startswith("json") else cleaned
    try:
        value = json.loads(cleaned)
    except json.JSONDecodeError as exc:
        raise BackendResponseError(
            f"backend '{backend}' did not return valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from exc
    expected = schema.get("type")
    kinds: dict[str, type | tuple[type, ...]] = {
        "object": dict,
        "array": list,
        "string": str,
        "number": (int, float),
        "boolean": bool,
    }
    if isinstance(expected, str) and expected in kinds and not isinstance(value, kinds[expected]):
        raise BackendResponseError(
            f"backend '{backend}' returned JSON that is not a{'n' * (expected[0] in 'aeiou')} {expected}"
        )
    if isinstance(value, dict):
        missing = [k for k in schema.get("required", []) if k not in value]
        if missing:
            raise BackendResponseError(
                f"backend '{backend}' returned JSON without required key(s): {', '.join(missing)}"
            )
    return value


def images_for(request: GenerationRequest) -> Sequence[Image]:
    """Current-study images first (frontal before lateral), then priors."""
    return sorted(request.images, key=lambda i: (i.prior, not i.frontal))
