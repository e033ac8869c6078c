"""``xrv``: the torchxrayvision DenseNet chest X-ray classifier, turned into findings sentences.

Each of the 18 classes has a score calibrated so that 0.5 is torchxrayvision's operating point for the
loaded weights (its ``op_threshs``); a class at or above its threshold (0.5 unless the data file
``data/xrv_findings.yaml`` or the ``thresholds`` option says otherwise) becomes the sentence the data file
gives for it. Frontal images only; with several, a class takes its highest score.

Weights are never downloaded. torchxrayvision looks for ``<cache_dir>/<file name of the weights URL>``
(default cache ``~/.torchxrayvision/models_data/``); the backend checks the file is there before it builds
the model and otherwise says which file to put where. ``weights=None`` builds the architecture with random
weights: for tests and wiring only, and the model id says so.

torchxrayvision imports torchvision at module level but the DenseNet needs none of it. PyPI's torchvision
wheels for Linux are CUDA builds that fail to import next to the CPU torch ("operator torchvision::nms
does not exist"), so when torchvision cannot be imported, torchxrayvision is imported with a stand-in
``torchvision`` that raises a clear error if a torchvision model or transform is ever used.
"""

from __future__ import annotations

import importlib
import io
import os
import sys
import threading
import types
from pathlib import Path
from typing import Any, cast

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from radpilot.models.base import (
    Backend,
    BackendError,
    BackendOptions,
    BackendUnavailable,
    Capabilities,
    GenerationRequest,
    RequestError,
    Response,
)
from radpilot.models.devices import select_device
from radpilot.models.log import PromptLog
from radpilot.models.registry import register

FINDINGS_FILE = Path(__file__).with_name("data") / "xrv_findings.yaml"
DEFAULT_WEIGHTS = "densenet121-res224-all"
_import_lock = threading.Lock()
_models: dict[tuple[str | None, str, str], Any] = {}


class ClassEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str
    sentence: str = Field(min_length=1)
    threshold: float | None = Field(None, gt=0, lt=1)


class FindingsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    classes: dict[str, ClassEntry]


def load_findings(path: Path = FINDINGS_FILE) -> dict[str, ClassEntry]:
    """The class -> sentence table; a bad file raises ``BackendUnavailable`` naming the file and the field."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BackendUnavailable(f"xrv: cannot read {path}: {exc}") from exc
    try:
        return FindingsFile.model_validate(data).classes
    except ValidationError as exc:
        problems = "; ".join(
            f"field '{'.'.join(str(p) for p in e['loc'])}': {e['msg']}" for e in exc.errors()
        )
        raise BackendUnavailable(f"xrv: {path}: {problems}") from exc


class XrvOptions(BackendOptions):
    weights: str | None = DEFAULT_WEIGHTS
    cache_dir: str | None = None
    thresholds: dict[str, float] = Field(default_factory=dict)
    findings_file: str | None = None
    device: str = "auto"
    max_images: int = Field(4, ge=1)


class _Unavailable(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        raise BackendUnavailable(
            f"{self.__name__}.{name} is not available: torchvision is missing or does not match torch; "
            "RadPilot's xrv backend supports the DenseNet models only"
        )


def import_torchxrayvision() -> Any:
    """Import torchxrayvision, with a stand-in torchvision when the real one cannot be imported."""
    with _import_lock:
        if "torchxrayvision" in sys.modules:
            return sys.modules["torchxrayvision"]
        try:
            return importlib.import_module("torchxrayvision")
        except ModuleNotFoundError as exc:
            if exc.name != "torchvision":
                raise BackendUnavailable(
                    f"xrv: {exc.name} is not installed ({XrvBackend.install_hint})"
                ) from None
        except RuntimeError as exc:  # a torchvision built for another torch
            if "torchvision" not in str(exc):
                raise
        _drop_modules("torchvision", "torchxrayvision")
        stub = _Unavailable("torchvision")
        sys.modules["torchvision"] = stub
        for sub in ("models", "transforms"):
            module = _Unavailable(f"torchvision.{sub}")
            setattr(stub, sub, module)
            sys.modules[f"torchvision.{sub}"] = module
        try:
            return importlib.import_module("torchxrayvision")
        except ModuleNotFoundError as exc:
            raise BackendUnavailable(
                f"xrv: {exc.name} is not installed ({XrvBackend.install_hint})"
            ) from None
        finally:
            # torchxrayvision keeps its reference; nobody else should mistake the stand-in for torchvision.
            _drop_modules("torchvision")


def _drop_modules(*names: str) -> None:
    for key in [k for k in sys.modules if any(k == n or k.startswith(n + ".") for n in names)]:
        del sys.modules[key]


def cache_folder(option: str | None) -> Path:
    configured = option or os.environ.get("RADPILOT_XRV_CACHE")
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".torchxrayvision" / "models_data"


@register
class XrvBackend(Backend):
    name = "xrv"
    summary = "torchxrayvision DenseNet chest X-ray classifier -> findings sentences (weights in its cache)"
    Options = XrvOptions
    requires = ("torch", "torchxrayvision")
    install_hint = "pip install 'radpilot[ml]' (torch==2.13.0 CPU build, torchxrayvision==1.5.7 --no-deps)"

    def __init__(self, options: BackendOptions, log: PromptLog | None = None) -> None:
        super().__init__(options, log)
        self.opts = cast(XrvOptions, options)
        self.findings = load_findings(
            Path(self.opts.findings_file) if self.opts.findings_file else FINDINGS_FILE
        )
        unknown = sorted(set(self.opts.thresholds) - set(self.findings))
        if unknown:
            raise RequestError(
                f"xrv: unknown class(es) in thresholds: {', '.join(unknown)} (known: {', '.join(self.findings)})"
            )
        bad = {k: v for k, v in self.opts.thresholds.items() if not 0 < v < 1}
        if bad:
            raise RequestError(f"xrv: thresholds must lie between 0 and 1, got {bad}")
        self.cache_dir = cache_folder(self.opts.cache_dir)
        weights = self.opts.weights
        if weights is None:
            self.model_id = "xrv-densenet121 (random init, weights=None: not for reading images)"
        else:
            self.model_id = f"xrv-{weights}"
        self._model = self._build()
        self.version = f"torchxrayvision {getattr(sys.modules['torchxrayvision'], '__version__', '?')}"
        self.capabilities = Capabilities(
            task="image-classification",
            vision=True,
            max_images=self.opts.max_images,
            priors=False,
            json_schema=False,
            streaming=False,
            context_length=None,
            licence="Apache-2.0 (torchxrayvision); weights: see the torchxrayvision model page",
            local=True,
        )

    def weights_path(self, xrv: Any) -> Path | None:
        weights = self.opts.weights
        if weights is None:
            return None
        urls = xrv.models.model_urls
        densenets = sorted(k for k in urls if k.startswith("densenet"))
        if weights not in urls or weights.startswith("resnet"):
            raise RequestError(f"xrv: unknown weights '{weights}' (DenseNet weights: {', '.join(densenets)})")
        filename: str = os.path.basename(str(urls[weights]["weights_url"]))
        return self.cache_dir / filename

    def _build(self) -> Any:
        xrv = import_torchxrayvision()
        try:
            import torch
        except ImportError:
            raise BackendUnavailable(f"xrv: torch is not installed ({self.install_hint})") from None
        path = self.weights_path(xrv)
        if path is not None and not path.is_file():
            url = xrv.models.model_urls[self.opts.weights]["weights_url"]
            raise BackendUnavailable(
                f"xrv: weights file not found: {path}. RadPilot never downloads weights: place the file "
                f"from {url} there (or set cache_dir / RADPILOT_XRV_CACHE to the folder that holds it)"
            )
        device = select_device(self.opts.device, torch)
        key = (self.opts.weights, str(self.cache_dir), device)
        if key not in _models:
            try:
                model = xrv.models.DenseNet(
                    weights=self.opts.weights,
                    cache_dir=str(self.cache_dir) if self.opts.weights else None,
                    apply_sigmoid=self.opts.weights is None,
                )
            except Exception as exc:  # torch.load of a bad file raises many kinds of errors
                raise BackendUnavailable(f"xrv: cannot load weights {path}: {exc}") from exc
            _models[key] = model.to(device).eval()
        self._device = device
        return _models[key]

    def thresholds(self) -> dict[str, float]:
        return {
            name: self.opts.thresholds.get(name, entry.threshold if entry.threshold is not None else 0.5)
            for name, entry in self.findings.items()
        }

    def scores(self, png: bytes) -> dict[str, float]:
        """Calibrated score per class for one image."""
        import numpy as np
        import torch

        xrv = sys.modules["torchxrayvision"]
        pixels = _grayscale(png)
        maxval = 65535.0 if pixels.dtype == np.uint16 else 255.0
        img = xrv.datasets.normalize(pixels.astype(np.float32), maxval)[None, ...]
        img = xrv.datasets.XRayCenterCrop()(img)
        img = xrv.datasets.XRayResizer(224, engine="skimage")(img)
        with torch.inference_mode():
            out = self._model(torch.from_numpy(img[None, ...]).float().to(self._device))[0].cpu().tolist()
        targets = list(self._model.targets)
        return {t: float(v) for t, v in zip(targets, out, strict=True) if t and not np.isnan(v)}

    def _generate(self, request: GenerationRequest) -> Response:
        frontal = [i for i in request.images if i.frontal and not i.prior]
        if not frontal:
            raise RequestError("xrv: needs at least one current frontal chest X-ray (view PA or AP)")
        best: dict[str, float] = {}
        try:
            for image in frontal:
                for cls, score in self.scores(image.png).items():
                    best[cls] = max(score, best.get(cls, 0.0))
        except BackendError:
            raise
        except (OSError, ValueError) as exc:
            raise RequestError(f"xrv: unreadable image: {exc}") from exc
        limits = self.thresholds()
        positive = [
            {
                "class": cls,
                "code": self.findings[cls].code,
                "score": score,
                "threshold": limits[cls],
                "sentence": self.findings[cls].sentence,
            }
            for cls, score in sorted(best.items(), key=lambda kv: -kv[1])
            if cls in self.findings and score >= limits[cls]
        ]
        text = " ".join(str(p["sentence"]) for p in positive)
        data = {
            "scores": dict(best),
            "positive": positive,
            "weights": self.opts.weights,
            "untrained": self.opts.weights is None,
            "images_used": len(frontal),
        }
        return self._response(text, finish_reason="stop", data=data)


def _grayscale(png: bytes) -> Any:
    import numpy as np
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(png)) as im:
        if im.mode in ("I;16", "I;16B", "I;16L", "I"):
            arr = np.asarray(im, dtype=np.int64)
            return np.clip(arr, 0, 65535).astype(np.uint16)
        return np.asarray(im.convert("L"), dtype=np.uint8)
