"""The backend registry: each backend module registers its class with ``@register``.

Built-in backend modules are imported on first use; they import nothing heavy at module level (torch,
transformers and mistralrs are imported inside the backend when it runs), so listing backends is fast.
"""

from __future__ import annotations

import importlib
import importlib.util
import time
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from radpilot.models.base import Backend, BackendError, BackendUnavailable, UnknownBackendError
from radpilot.models.log import PromptLog

BUILTIN_MODULES = (
    "radpilot.models.rules",
    "radpilot.models.local",
    "radpilot.models.openai",
    "radpilot.models.transformers_backend",
    "radpilot.models.xrv",
)

_REGISTRY: dict[str, type[Backend]] = {}
_loaded = False

B = TypeVar("B", bound=type[Backend])


def register(cls: B) -> B:
    """Class decorator: make a backend available under ``cls.name``."""
    _REGISTRY[cls.name] = cls
    return cls


def _load_builtins() -> None:
    global _loaded
    if not _loaded:
        for module in BUILTIN_MODULES:
            importlib.import_module(module)
        _loaded = True


@dataclass(frozen=True)
class BackendInfo:
    """What ``radpilot models list`` shows, known without loading a model."""

    name: str
    summary: str
    requires: tuple[str, ...]
    missing: tuple[str, ...]
    install_hint: str
    options: tuple[str, ...]

    @property
    def installed(self) -> bool:
        return not self.missing

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "summary": self.summary,
            "installed": self.installed,
            "missing": list(self.missing),
            "install_hint": self.install_hint if self.missing else "",
            "options": list(self.options),
        }


def backend_names() -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY)


def backend_class(name: str) -> type[Backend]:
    _load_builtins()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UnknownBackendError(
            f"unknown backend '{name}' (available: {', '.join(sorted(_REGISTRY))})"
        ) from None


def available_backends() -> list[BackendInfo]:
    """Every registered backend, with the packages it needs that are not installed."""
    _load_builtins()
    infos = []
    for name in sorted(_REGISTRY):
        cls = _REGISTRY[name]
        missing = tuple(m for m in cls.requires if importlib.util.find_spec(m) is None)
        infos.append(
            BackendInfo(
                name=name,
                summary=cls.summary,
                requires=cls.requires,
                missing=missing,
                install_hint=cls.install_hint,
                options=tuple(cls.Options.model_fields),
            )
        )
    return infos


@dataclass(frozen=True, slots=True)
class BackendHealth:
    """The result of :func:`check_backend`: ``status`` is ok, unavailable (something to install or to put in
    place) or error (it is there but does not answer properly)."""

    name: str
    status: str
    detail: str
    seconds: float

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status, "detail": self.detail, "seconds": self.seconds}


def check_backend(name: str, **options: Any) -> BackendHealth:
    """Whether a backend can serve now: its packages, its weights (and their SHA-256), its server.

    Nothing is generated; a local model is loaded (seconds), a server is asked for its model list.
    """
    t0 = time.perf_counter()
    try:
        cls = backend_class(name)
        missing = [m for m in cls.requires if importlib.util.find_spec(m) is None]
        if missing:
            status, detail = "unavailable", f"missing {', '.join(missing)}; {cls.install_hint}".strip("; ")
        else:
            status, detail = "ok", get_backend(name, log=False, **options).health()
    except BackendUnavailable as exc:
        status, detail = "unavailable", str(exc)
    except BackendError as exc:
        status, detail = "error", str(exc)
    except Exception as exc:  # a backend's own failure must not take the admin page down
        status, detail = "error", f"{type(exc).__name__}: {exc}"
    return BackendHealth(name, status, detail, round(time.perf_counter() - t0, 3))


def get_backend(name: str, *, log: PromptLog | Literal[False] | None = None, **options: Any) -> Backend:
    """A ready backend: ``get_backend("openai", base_url="http://vllm:8000/v1", model="medgemma")``.

    ``log`` is where prompts and responses go: None for the default log in the data folder, False for none.
    Bad options raise ``RequestError`` naming the option and the allowed ones; a backend that cannot run
    here raises ``BackendUnavailable`` saying what to install or where to put the weights.
    """
    cls = backend_class(name)
    parsed = cls.parse_options(options)
    prompt_log = PromptLog.default() if log is None else (log or None)
    return cls(parsed, prompt_log)
