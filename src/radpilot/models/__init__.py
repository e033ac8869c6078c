"""Model backends behind one protocol: ``rules``, ``local``, ``openai``, ``transformers``, ``xrv``.

    from radpilot.models import GenerationRequest, get_backend

    backend = get_backend("local")                       # SmolLM2-135M GGUF on the CPU
    response = backend.generate(GenerationRequest.prompt("Summarize: ...", max_tokens=64))
    response.text, response.engine, response.model_id, response.duration_ms

Each backend declares ``Capabilities`` (vision, max_images, priors, json_schema, streaming, context_length,
licence, local). Text bound for a backend that is not local is de-identified first and the answer
re-identified (``radpilot.models.deid``). Every call is logged to SQLite (``radpilot.models.log``).
"""

from __future__ import annotations

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
    Message,
    RequestError,
    Response,
    UnknownBackendError,
)
from radpilot.models.deid import Deidentifier
from radpilot.models.log import PromptLog, data_dir
from radpilot.models.registry import (
    BackendHealth,
    BackendInfo,
    available_backends,
    backend_class,
    backend_names,
    check_backend,
    get_backend,
    register,
)

__all__ = [
    "Backend",
    "BackendError",
    "BackendHealth",
    "BackendInfo",
    "BackendOptions",
    "BackendResponseError",
    "BackendTimeout",
    "BackendUnavailable",
    "Capabilities",
    "Deidentifier",
    "GenerationRequest",
    "Image",
    "Message",
    "PromptLog",
    "RequestError",
    "Response",
    "UnknownBackendError",
    "available_backends",
    "backend_class",
    "backend_names",
    "check_backend",
    "data_dir",
    "get_backend",
    "register",
]
