"""The xrv backend: torchxrayvision's DenseNet with weights=None (no weights are ever downloaded)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from radpilot.models import BackendUnavailable, GenerationRequest, Image, RequestError, get_backend
from radpilot.models.xrv import FINDINGS_FILE, load_findings
from tests.models.conftest import png_bytes

# find_spec, not import: torchxrayvision's own import needs the torchvision stand-in the backend provides.
if any(importlib.util.find_spec(m) is None for m in ("torch", "torchxrayvision")):
    pytest.skip("the ml extra (torch, torchxrayvision) is not installed", allow_module_level=True)


def request(*images: Image) -> GenerationRequest:
    return GenerationRequest(messages=(), images=images)


@pytest.fixture(scope="module")
def frontal() -> Image:
    return Image(png_bytes(300, 260, mode="I;16"), view="PA")


@pytest.mark.parametrize("threshold", [None, 1e-6, 0.5, 0.999999])
def test_random_init_classifies_and_writes_a_sentence_per_class_over_its_threshold(
    frontal: Image, threshold: float | None
) -> None:
    findings = load_findings()
    thresholds = {} if threshold is None else dict.fromkeys(findings, threshold)
    backend = get_backend("xrv", log=False, weights=None, thresholds=thresholds)
    r = backend.generate(request(frontal))
    assert "random init" in backend.model_id and r.data["untrained"] is True
    scores = r.data["scores"]
    assert set(scores) == set(findings) and all(0.0 <= v <= 1.0 for v in scores.values())
    limit = 0.5 if threshold is None else threshold
    expected = {cls for cls, score in scores.items() if score >= limit}
    positive = {p["class"]: p for p in r.data["positive"]}
    assert set(positive) == expected
    for cls, entry in findings.items():
        assert (entry.sentence in r.text) == (cls in expected) or any(
            findings[o].sentence == entry.sentence for o in expected if o != cls
        )
        if cls in positive:
            assert positive[cls]["code"] == entry.code and positive[cls]["threshold"] == limit


def test_sixteen_bit_and_several_images(frontal: Image) -> None:
    backend = get_backend("xrv", log=False, weights=None)
    deep = Image(png_bytes(200, 200, 120), view="AP")
    lateral = Image(png_bytes(), view="LATERAL")
    r = backend.generate(request(frontal, deep, lateral))
    assert r.data["images_used"] == 2


def test_lateral_only_is_refused() -> None:
    with pytest.raises(RequestError, match="frontal"):
        get_backend("xrv", log=False, weights=None).generate(request(Image(png_bytes(), view="LATERAL")))


def test_missing_weights_name_the_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(
        BackendUnavailable, match=r"weights file not found: .*cache.*densenet121.*best\.pt.*never downloads"
    ):
        get_backend("xrv", log=False, cache_dir=str(tmp_path / "cache"))
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"weights": "resnet50-res512-all"}, "unknown weights"),
        ({"weights": "densenet-imaginary"}, "unknown weights"),
        ({"weights": None, "thresholds": {"Dragon": 0.5}}, "unknown class"),
        ({"weights": None, "thresholds": {"Effusion": 1.5}}, "between 0 and 1"),
    ],
)
def test_bad_options(options: dict[str, object], message: str) -> None:
    with pytest.raises(RequestError, match=message):
        get_backend("xrv", log=False, **options)


def test_findings_file_covers_every_class_and_bad_files_are_named(tmp_path: Path) -> None:
    classes = load_findings(FINDINGS_FILE)
    assert len(classes) == 18 and classes["Cardiomegaly"].code == "cardiomegaly"
    bad = tmp_path / "bad.yaml"
    bad.write_text("classes:\n  Effusion: {code: pleural_effusion, sentense: typo}\n")
    with pytest.raises(
        BackendUnavailable, match=r"bad.yaml: .*field 'classes.Effusion.sentense': Extra inputs"
    ):
        load_findings(bad)
