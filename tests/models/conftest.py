"""Shared fixtures: every test logs into its own data folder; small PNG images made in memory."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "radpilot-data"
    monkeypatch.setenv("RADPILOT_DATA", str(folder))
    monkeypatch.delenv("RADPILOT_MODEL_LOG", raising=False)
    for var in (
        "RADPILOT_OPENAI_API_KEY",
        "OPENAI_API_KEY",
        "RADPILOT_OPENAI_BASE_URL",
        "OPENAI_BASE_URL",
        "RADPILOT_OPENAI_MODEL",
        "RADPILOT_LOCAL_GGUF",
        "RADPILOT_LOCAL_GGUF_SHA256",
        "RADPILOT_TRANSFORMERS_MODEL",
        "RADPILOT_XRV_CACHE",
    ):
        monkeypatch.delenv(var, raising=False)
    yield folder


def png_bytes(width: int = 64, height: int = 48, value: int = 128, mode: str = "L") -> bytes:
    from PIL import Image

    if mode == "I;16":
        import numpy as np

        arr = (np.arange(width * height, dtype=np.uint16).reshape(height, width) * 7) % 65535
        im = Image.fromarray(arr.astype(np.uint16))
    else:
        im = Image.new(mode, (width, height), value)
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()
