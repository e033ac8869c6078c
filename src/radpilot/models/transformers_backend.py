"""``transformers``: Hugging Face causal LMs and image-text-to-text models from a local folder.

Nothing is downloaded: the folder (``model_path`` or ``$RADPILOT_TRANSFORMERS_MODEL``) holds what
``save_pretrained`` writes (config, weights, tokenizer or processor, chat template); it is loaded with
``local_files_only=True``. The task comes from the config (a ``vision_config`` means image-text-to-text:
Gemma-3-based MedGemma, Qwen2-VL, LLaVA-style). Prompt adapters (``radpilot.models.adapters``) shape the
input for MedGemma, MAIRA-2 and CheXagent; device and dtype are chosen for the machine unless set.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any, Literal, cast

from pydantic import Field

from radpilot.models.adapters import (
    card,
    chexagent_findings_prompt,
    generic_messages,
    maira2_inputs,
    medgemma_messages,
)
from radpilot.models.base import (
    Backend,
    BackendError,
    BackendOptions,
    BackendUnavailable,
    Capabilities,
    GenerationRequest,
    Image,
    RequestError,
    Response,
    images_for,
)
from radpilot.models.devices import select_device, select_dtype
from radpilot.models.log import PromptLog
from radpilot.models.registry import register

Task = Literal["causal-lm", "image-text-to-text"]
_cache: dict[tuple[str, str, str, str, bool], tuple[Any, Any]] = {}
_lock = threading.Lock()


class TransformersOptions(BackendOptions):
    model_path: str | None = None
    task: Literal["auto", "causal-lm", "image-text-to-text"] = "auto"
    adapter: Literal["generic", "medgemma", "maira2", "chexagent", "cxrmate", "llava-rad"] = "generic"
    device: str = "auto"
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = "auto"
    trust_remote_code: bool = False
    max_images: int | None = Field(None, ge=0)
    model_id: str | None = None
    licence: str | None = None


def read_config(folder: Path) -> dict[str, Any]:
    path = folder / "config.json"
    if not folder.is_dir():
        raise BackendUnavailable(f"transformers: model folder not found: {folder}")
    if not path.is_file():
        raise BackendUnavailable(
            f"transformers: {folder} has no config.json (expected a folder written by save_pretrained)"
        )
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackendUnavailable(f"transformers: cannot read {path}: {exc}") from exc
    if not isinstance(config, dict):
        raise BackendUnavailable(f"transformers: {path} is not a JSON object")
    return config


def infer_task(config: dict[str, Any]) -> Task:
    return "image-text-to-text" if "vision_config" in config else "causal-lm"


def context_length(config: dict[str, Any]) -> int | None:
    for section in (config.get("text_config") or {}, config):
        for key in ("max_position_embeddings", "n_positions", "max_sequence_length", "seq_length"):
            value = section.get(key) if isinstance(section, dict) else None
            if isinstance(value, int):
                return value
    return None


@register
class TransformersBackend(Backend):
    name = "transformers"
    summary = "Hugging Face causal LM or image-text-to-text model from a local folder (MedGemma, MAIRA-2...)"
    Options = TransformersOptions
    requires = ("torch", "transformers")
    install_hint = "pip install 'radpilot[ml]' (torch==2.13.0 CPU build, transformers)"

    def __init__(self, options: BackendOptions, log: PromptLog | None = None) -> None:
        super().__init__(options, log)
        self.opts = cast(TransformersOptions, options)
        configured = self.opts.model_path or os.environ.get("RADPILOT_TRANSFORMERS_MODEL")
        if not configured:
            raise BackendUnavailable(
                "transformers: no model folder: set the model_path option or RADPILOT_TRANSFORMERS_MODEL"
            )
        self.folder = Path(configured).expanduser()
        config = read_config(self.folder)
        model_card = card(self.opts.adapter)
        if self.opts.adapter in ("cxrmate", "llava-rad"):
            raise BackendUnavailable(
                f"transformers: {model_card.name} is not driven by this backend ({model_card.runs_with})"
            )
        self.task: Task = infer_task(config) if self.opts.task == "auto" else self.opts.task
        if self.opts.adapter in ("maira2", "chexagent"):
            self.task = (
                "causal-lm"  # remote-code models loaded with AutoModelForCausalLM, images go in anyway
            )
        vision = self.task == "image-text-to-text" or self.opts.adapter in ("maira2", "chexagent")
        max_images = (
            self.opts.max_images
            if self.opts.max_images is not None
            else (model_card.max_images if vision else 0)
        )
        config_hash = hashlib.sha256((self.folder / "config.json").read_bytes()).hexdigest()[:12]
        self.model_id = self.opts.model_id or str(config.get("_name_or_path") or self.folder.name)
        self.version = f"config:{config_hash} transformers {_version('transformers')}"
        self.capabilities = Capabilities(
            task="image-text-to-text" if vision else "text-generation",
            vision=vision,
            max_images=max_images,
            priors=model_card.priors and vision,
            json_schema=False,
            streaming=True,
            context_length=context_length(config),
            licence=self.opts.licence or model_card.licence,
            local=True,
        )

    # -- loading -----------------------------------------------------------------------------------------
    def _load(self) -> tuple[Any, Any, str]:
        try:
            import torch
            import transformers as _transformers
        except ImportError as exc:
            raise BackendUnavailable(
                f"transformers: {exc.name} is not installed ({self.install_hint})"
            ) from None
        transformers: Any = _transformers  # the Auto* factories are untyped
        device = select_device(self.opts.device, torch)
        dtype = select_dtype(self.opts.dtype, device, torch)
        key = (str(self.folder.resolve()), self.task, device, str(dtype), self.opts.trust_remote_code)
        with _lock:
            if key not in _cache:
                common = {"local_files_only": True, "trust_remote_code": self.opts.trust_remote_code}
                try:
                    if self.task == "image-text-to-text":
                        processor = transformers.AutoProcessor.from_pretrained(self.folder, **common)
                        model = transformers.AutoModelForImageTextToText.from_pretrained(
                            self.folder, dtype=dtype, **common
                        )
                    else:
                        if self.opts.adapter == "maira2":
                            processor = transformers.AutoProcessor.from_pretrained(self.folder, **common)
                        else:
                            processor = transformers.AutoTokenizer.from_pretrained(self.folder, **common)
                        model = transformers.AutoModelForCausalLM.from_pretrained(
                            self.folder, dtype=dtype, **common
                        )
                except (OSError, ValueError, ImportError, KeyError) as exc:
                    raise BackendUnavailable(
                        f"transformers: cannot load {self.folder}: {_first_line(exc)}"
                    ) from exc
                model.to(device)
                model.eval()
                _cache[key] = (processor, model)
            processor, model = _cache[key]
        return processor, model, device

    # -- generation ----------------------------------------------------------------------------------------
    def _generate(self, request: GenerationRequest) -> Response:
        processor, model, device = self._load()
        import torch

        if self.opts.adapter == "maira2":
            inputs = self._maira2_inputs(processor, request)
        elif self.opts.adapter == "chexagent":
            inputs = self._chexagent_inputs(processor, request)
        elif self.task == "image-text-to-text":
            inputs = self._vision_inputs(processor, request)
        else:
            inputs = self._text_inputs(processor, request)
        inputs = {k: v.to(device) if hasattr(v, "to") else v for k, v in inputs.items()}
        if "pixel_values" in inputs and hasattr(inputs["pixel_values"], "to"):
            inputs["pixel_values"] = inputs["pixel_values"].to(model.dtype)
        tokenizer = getattr(processor, "tokenizer", processor)
        prompt_len = int(inputs["input_ids"].shape[1])
        gen: dict[str, Any] = {"max_new_tokens": request.max_tokens, "do_sample": request.temperature > 0}
        if request.temperature > 0:
            gen["temperature"] = request.temperature
        if (
            getattr(tokenizer, "pad_token_id", None) is None
            and getattr(tokenizer, "eos_token_id", None) is not None
        ):
            gen["pad_token_id"] = tokenizer.eos_token_id
        if request.stream is not None:
            gen["streamer"] = _callback_streamer(tokenizer, request.stream)
        try:
            with torch.inference_mode():
                output = model.generate(**inputs, **gen)
        except (RuntimeError, ValueError) as exc:
            raise BackendError(f"transformers: generation failed: {_first_line(exc)}") from exc
        new_tokens = output[0, prompt_len:]
        text = tokenizer.decode(new_tokens, skip_special_tokens=True).strip()
        if self.opts.adapter == "maira2" and hasattr(
            processor, "convert_output_to_plaintext_or_grounded_sequence"
        ):
            text = str(processor.convert_output_to_plaintext_or_grounded_sequence(text))
        finish = "length" if len(new_tokens) >= request.max_tokens else "stop"
        return self._response(
            text, finish_reason=finish, prompt_tokens=prompt_len, completion_tokens=len(new_tokens)
        )

    def _text_inputs(self, tokenizer: Any, request: GenerationRequest) -> dict[str, Any]:
        messages = generic_messages(request, lambda _img: {"type": "image"})
        if getattr(tokenizer, "chat_template", None):
            encoded = tokenizer.apply_chat_template(
                messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
            )
            return dict(encoded)
        # A base model without a chat template: plain text turns.
        text = "\n".join(f"{m['role']}: {m['content']}" for m in messages) + "\nassistant:"
        return dict(tokenizer(text, return_tensors="pt"))

    def _vision_inputs(self, processor: Any, request: GenerationRequest) -> dict[str, Any]:
        part = lambda _img: {"type": "image"}  # noqa: E731 - the images go to the processor separately
        if self.opts.adapter == "medgemma":
            messages = medgemma_messages(request, part)
        else:
            messages = generic_messages(request, part)
        prompt = processor.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
        pil = [_pil(img) for img in images_for(request)]
        return dict(processor(images=pil or None, text=prompt, return_tensors="pt"))

    def _maira2_inputs(self, processor: Any, request: GenerationRequest) -> dict[str, Any]:
        if not hasattr(processor, "format_and_preprocess_reporting_input"):
            raise BackendUnavailable(
                "transformers: this folder's processor is not MAIRA-2's (load it with trust_remote_code=true)"
            )
        raw = maira2_inputs(request)
        args = {k: (_pil(v) if isinstance(v, Image) else v) for k, v in raw.items()}
        return dict(
            processor.format_and_preprocess_reporting_input(**args, return_tensors="pt", get_grounding=False)
        )

    def _chexagent_inputs(self, tokenizer: Any, request: GenerationRequest) -> dict[str, Any]:
        if not hasattr(tokenizer, "from_list_format"):
            raise BackendUnavailable(
                "transformers: this folder's tokenizer is not CheXagent's (load it with trust_remote_code=true)"
            )
        folder = Path(tempfile.mkdtemp(prefix="radpilot-chexagent-"))
        items: list[dict[str, str]] = []
        for n, img in enumerate(images_for(request)[:2]):
            path = folder / f"image{n}.png"
            path.write_bytes(img.png)
            items.append({"image": str(path)})
        items.append({"text": request.user_text or chexagent_findings_prompt(request)})
        query = tokenizer.from_list_format(items)
        conv = [
            {"from": "system", "value": request.system or "You are a helpful assistant."},
            {"from": "human", "value": query},
        ]
        input_ids = tokenizer.apply_chat_template(conv, add_generation_prompt=True, return_tensors="pt")
        return {"input_ids": input_ids}


def _pil(image: Image) -> Any:
    from PIL import Image as PILImage

    try:
        with PILImage.open(io.BytesIO(image.png)) as im:
            return im.convert("RGB")
    except OSError as exc:
        raise RequestError(f"transformers: unreadable PNG image: {exc}") from exc


def _callback_streamer(tokenizer: Any, callback: Any) -> Any:
    from transformers import TextStreamer

    class CallbackStreamer(TextStreamer):
        def on_finalized_text(self, text: str, stream_end: bool = False) -> None:
            if text:
                callback(text)

    return CallbackStreamer(tokenizer, skip_prompt=True, skip_special_tokens=True)


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
