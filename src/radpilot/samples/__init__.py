"""Sample reports written for RadPilot (not from any dataset), used by the demo and the tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class SampleReport:
    id: str
    title: str
    text: str
    context: dict[str, Any]


def sample_reports() -> list[SampleReport]:
    base = resources.files("radpilot.samples")
    index = json.loads((base / "index.json").read_text(encoding="utf-8"))
    return [
        SampleReport(
            item["id"], item["title"], (base / item["file"]).read_text(encoding="utf-8"), item["context"]
        )
        for item in index
    ]
