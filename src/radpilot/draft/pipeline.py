"""Study -> draft report.

Findings come from the first source that yields text, in the site's order (default: dictated findings, a vision
backend, the classifier backend, the exam's normal template). Every sentence carries its provenance. The
impression is written from the findings (deterministic unless a model's impression is verified), guideline
recommendations are appended, and the QA checks run on the result. A backend that is down, slow or given an
unreadable image is recorded as a warning and the next source is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from radpilot.draft.impression import write_impression
from radpilot.draft.study import StudyInput
from radpilot.report import split_sentences
from radpilot.structure import default_engine
from radpilot.structure.datafiles import StrictModel, load_mapping

DEFAULT_SOURCES = ("dictated", "vision", "classifier", "template")


class _Templates(StrictModel):
    templates: dict[str, str]


@cache
def normal_templates() -> dict[str, str]:
    path = Path(str(resources.files("radpilot.draft") / "data" / "normal_templates.yaml"))
    return load_mapping(path, _Templates).templates


@dataclass(slots=True)
class Provenance:
    sentence: str
    source: str  # dictated | vision | classifier | template | impression | guideline
    backend: str
    model_id: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence": self.sentence,
            "source": self.source,
            "backend": self.backend,
            "model_id": self.model_id,
        }


@dataclass(slots=True)
class DraftResult:
    findings: str
    impression: str
    recommendations: list[str]
    checks: list[dict[str, Any]]
    provenance: list[Provenance]
    structured: list[dict[str, Any]]
    guidelines: list[dict[str, Any]]
    critical: list[dict[str, Any]]
    engine: str
    verified: bool
    profile: str | None = None
    warnings: list[str] = field(default_factory=list)
    study: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The draft as report text, with the sections a radiologist expects."""
        parts = []
        if self.study.get("exam"):
            parts.append(f"EXAMINATION: {self.study['exam']}")
        if self.study.get("indication"):
            parts.append(f"INDICATION: {self.study['indication']}")
        if self.study.get("technique"):
            parts.append(f"TECHNIQUE: {self.study['technique']}")
        parts.append(f"COMPARISON: {self.study.get('comparison') or 'None.'}")
        parts.append(f"FINDINGS: {self.findings}")
        parts.append(f"IMPRESSION:\n{self.impression}")
        return "\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": self.findings,
            "impression": self.impression,
            "recommendations": self.recommendations,
            "checks": self.checks,
            "provenance": [p.to_dict() for p in self.provenance],
            "structured": self.structured,
            "guidelines": self.guidelines,
            "critical": self.critical,
            "engine": self.engine,
            "verified": self.verified,
            "profile": self.profile,
            "warnings": self.warnings,
            "study": self.study,
            "text": self.text,
        }


def _images_for_model(study: StudyInput, warnings: list[str]) -> list[Any]:
    """Render the study's images as PNG without PHI (DICOM) or pass PNG/JPEG through as PNG."""
    import io

    from radpilot.models.base import Image

    out: list[Any] = []
    for path in study.images:
        try:
            if path.suffix.lower() in (".dcm", ".dicom"):
                from radpilot.interop.dicom_read import read_dataset
                from radpilot.interop.dicom_render import render_for_model

                ds = read_dataset(path)
                img = render_for_model(ds, max_size=1024)
                view = str(getattr(ds, "ViewPosition", "") or "") or None
                out.append(Image(img.png, view=view))
            else:
                from PIL import Image as PILImage

                with PILImage.open(path) as pil:
                    buf = io.BytesIO()
                    pil.convert("L").save(buf, format="PNG")
                out.append(Image(buf.getvalue()))
        except Exception as exc:  # an unreadable image must not stop the draft
            warnings.append(f"image {path.name} skipped: {exc}")
    return out


def _model_findings(
    backend: str, kind: str, study: StudyInput, warnings: list[str]
) -> tuple[str, str, str] | None:
    from radpilot.models import get_backend
    from radpilot.models.base import BackendError, GenerationRequest

    try:
        be = get_backend(backend)
    except BackendError as exc:
        warnings.append(f"{kind} backend '{backend}': {exc}")
        return None
    caps = be.capabilities
    if kind == "vision" and not caps.vision:
        return None
    if kind == "classifier" and caps.task != "image-classification":
        return None
    images = _images_for_model(study, warnings)
    if not images:
        warnings.append(f"{kind} backend '{backend}': no readable image in the study")
        return None
    ctx = {
        k: v
        for k, v in {
            "indication": study.indication,
            "technique": study.technique,
            "comparison": study.comparison,
            "prior_report": study.prior_report,
            "age": str(study.age or ""),
            "sex": study.sex or "",
        }.items()
        if v
    }
    try:
        request = GenerationRequest.prompt(
            "Write the FINDINGS section of the radiology report for this study.",
            images=tuple(images[: max(caps.max_images, 1)]),
            context=ctx,
            max_tokens=300,
        )
        resp = be.generate(request)
    except BackendError as exc:
        warnings.append(f"{kind} backend '{backend}' failed: {exc}")
        return None
    text = resp.text.strip()
    if not text:
        warnings.append(f"{kind} backend '{backend}' returned no findings")
        return None
    return text, resp.backend, resp.model_id


def draft_report(
    study: StudyInput,
    findings: str | None = None,
    backend: str | None = None,
    *,
    sources: Sequence[str] = DEFAULT_SOURCES,
    classifier: str | None = None,
    impression_backend: str | None = None,
) -> DraftResult:
    """Draft a report for a study. ``backend`` names a vision backend for the findings (or ``rules``)."""
    from radpilot.checks import run_checks
    from radpilot.guidelines import assess

    warnings: list[str] = []
    text: str | None = None
    source = backend_name = model_id = ""
    for src in sources:
        if src == "dictated" and findings and findings.strip():
            text, source, backend_name, model_id = findings.strip(), "dictated", "radiologist", ""
        elif src == "vision" and backend and backend != "rules":
            got = _model_findings(backend, "vision", study, warnings)
            if got:
                text, backend_name, model_id = got
                source = "vision"
        elif src == "classifier" and classifier:
            got = _model_findings(classifier, "classifier", study, warnings)
            if got:
                text, backend_name, model_id = got
                source = "classifier"
        elif src == "template":
            ctx0 = study.context()
            try:
                profile = assess("", ctx0).profile
            except ValueError:
                profile = None
            templates = normal_templates()
            text = " ".join((templates.get(profile or "") or templates["default"]).split())
            source, backend_name, model_id = "template", "rules", f"template:{profile or 'default'}"
        if text:
            break
    if not text:
        raise ValueError("no findings source produced text (give dictated findings or a template source)")
    provenance = [Provenance(s, source, backend_name, model_id) for s, _ in split_sentences(text)]

    context = study.context()
    generate = None
    engine_name = "rules"
    if impression_backend and impression_backend != "rules":
        from radpilot.models import get_backend
        from radpilot.models.base import BackendError, GenerationRequest

        try:
            be = get_backend(impression_backend)
            engine_name = be.name

            def generate(prompt: str) -> str:
                return be.generate(GenerationRequest.prompt(prompt, max_tokens=120)).text

        except BackendError as exc:
            warnings.append(f"impression backend '{impression_backend}': {exc}")
    try:
        imp = write_impression(text, context, generate=generate, engine_name=engine_name)
    except Exception as exc:  # a model that fails mid-call: fall back to the deterministic impression
        warnings.append(f"impression model failed: {exc}")
        imp = write_impression(text, context)
    if imp.reasons:
        warnings.extend(f"model impression rejected: {r}" for r in imp.reasons)
    for s, _ in split_sentences(imp.impression):
        provenance.append(
            Provenance(s, "impression", imp.engine, "" if imp.engine == "rules" else engine_name)
        )

    from radpilot.checks.qa import guideline_context
    from radpilot.checks.qa import report_text as checked_text

    report_text = checked_text(text, imp.impression)
    sr = default_engine().structure(report_text)
    gctx = {k: v for k, v in context.items() if k in ("exam", "age", "sex", "indication")}
    assessment = assess(report_text, gctx, structured=sr)
    # The checks assess the same text with their own context; when that is this one, they take this assessment.
    same = guideline_context(context) == gctx
    checks = [
        c.to_dict()
        for c in run_checks(
            text, imp.impression, context, structured=sr, assessment=assessment if same else None
        )
    ]
    return DraftResult(
        findings=text,
        impression=imp.impression,
        recommendations=imp.recommendations,
        checks=checks,
        provenance=provenance,
        structured=[f.to_dict() for f in sr.findings],
        guidelines=[g.to_dict() for g in assessment.guidelines],
        critical=[c.to_dict() for c in assessment.critical],
        engine=source if source != "vision" else backend_name,
        verified=imp.verified,
        profile=assessment.profile,
        warnings=warnings,
        study=study.to_dict(),
    )
