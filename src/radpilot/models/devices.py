"""Device and dtype choice for the torch-based backends (``transformers``, ``xrv``).

``torch`` is passed in, so this module imports nothing heavy and the choice is testable without a GPU.
"""

from __future__ import annotations

from typing import Any

from radpilot.models.base import BackendUnavailable, RequestError


def select_device(preference: str, torch: Any) -> str:
    """ "auto" -> cuda if present, else mps, else cpu; an explicit device must exist."""
    pref = preference.strip().lower()
    if pref == "auto":
        if torch.cuda.is_available():
            return "cuda"
        mps = getattr(torch.backends, "mps", None)
        return "mps" if mps is not None and mps.is_available() else "cpu"
    if pref.startswith("cuda"):
        if not torch.cuda.is_available():
            raise BackendUnavailable(f"device '{preference}' asked for, but torch sees no CUDA GPU")
        index = pref.partition(":")[2]
        if index and (not index.isdigit() or int(index) >= torch.cuda.device_count()):
            raise BackendUnavailable(f"no such GPU '{preference}' ({torch.cuda.device_count()} present)")
        return pref
    if pref == "mps":
        mps = getattr(torch.backends, "mps", None)
        if mps is None or not mps.is_available():
            raise BackendUnavailable("device 'mps' asked for, but it is not available")
        return pref
    if pref == "cpu":
        return pref
    raise RequestError(f"unknown device '{preference}' (auto, cpu, cuda, cuda:N, mps)")


def select_dtype(preference: str, device: str, torch: Any) -> Any:
    """ "auto" -> float32 on the CPU, bfloat16 on a GPU that supports it, else float16."""
    if preference != "auto":
        return getattr(torch, preference)
    if device.startswith("cuda"):
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if device == "mps":
        return torch.float16
    return torch.float32
