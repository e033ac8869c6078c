"""Prompt adapters and model cards for the radiology models a site may plug in.

An adapter turns a ``GenerationRequest`` (messages, images, study context) into what one model family
expects: chat messages with image parts for chat-template models (MedGemma, Qwen2-VL, LLaVA-style), the
reporting prompt and inputs of MAIRA-2, CheXagent's list format. The cards record the hub ids, inputs and
licences; RadPilot never downloads them, a site places the folder and points the backend at it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from radpilot.models.base import GenerationRequest, Image, RequestError, images_for

ChatContent = str | list[dict[str, Any]]


@dataclass(frozen=True)
class ModelCard:
    key: str
    name: str
    hub_ids: tuple[str, ...]
    inputs: str
    output: str
    max_images: int
    priors: bool
    licence: str
    runs_with: str
    notes: str = ""


CARDS: dict[str, ModelCard] = {
    c.key: c
    for c in (
        ModelCard(
            key="generic",
            name="Any chat-template model (Qwen2-VL, LLaVA-style, Llama, Gemma...)",
            hub_ids=(),
            inputs="system + user text; images as chat image parts",
            output="free text",
            max_images=8,
            priors=False,
            licence="per model",
            runs_with="transformers (local folder), openai (vLLM, Ollama, llama.cpp server...)",
        ),
        ModelCard(
            key="medgemma",
            name="MedGemma 4B / 27B, MedGemma 1.5 4B (Google, Gemma-3 based)",
            hub_ids=(
                "google/medgemma-4b-it",
                "google/medgemma-4b-pt",
                "google/medgemma-27b-it",
                "google/medgemma-1.5-4b-it",
            ),
            inputs="any number of images (896x896, 256 tokens each) + text; context >= 128K tokens",
            output="free-text findings / report; 1.5 adds longitudinal CXR (priors) and boxes",
            max_images=8,
            priors=True,
            licence="Health AI Developer Foundations terms of use",
            runs_with="transformers >= 4.50 (AutoModelForImageTextToText, bf16), vLLM (openai backend), GGUF via Ollama",
            notes="IT variants write in a different style from MIMIC reports; give a style instruction",
        ),
        ModelCard(
            key="maira2",
            name="MAIRA-2 (Microsoft Research, 7B)",
            hub_ids=("microsoft/maira-2",),
            inputs="current frontal (required), current lateral, prior frontal, indication, technique, comparison, prior report",
            output="findings section only (optionally grounded with boxes)",
            max_images=3,
            priors=True,
            licence="MSRLA, research use only, gated; not for clinical decision-making",
            runs_with="transformers >=4.48,<4.52 with trust_remote_code (processor.format_and_preprocess_reporting_input)",
            notes="all of indication/technique/comparison must be passed, None when unknown; max_new_tokens 300",
        ),
        ModelCard(
            key="chexagent",
            name="CheXagent-2-3b (Stanford AIMI)",
            hub_ids=("StanfordAIMI/CheXagent-2-3b", "StanfordAIMI/CheXagent-8b"),
            inputs="up to 2 images + indication",
            output="structured findings; impression via 'Summarize the following Findings: ...'",
            max_images=2,
            priors=False,
            licence="CC-BY-NC-4.0 (non-commercial)",
            runs_with="transformers with trust_remote_code (tokenizer.from_list_format, greedy, max_new_tokens 512)",
        ),
        ModelCard(
            key="llava-rad",
            name="LLaVA-Rad (Microsoft, 7B)",
            hub_ids=("microsoft/llava-rad",),
            inputs="one frontal image + reason for exam",
            output="findings section",
            max_images=1,
            priors=False,
            licence="Microsoft Research License, research only; also LLaMA/Vicuna terms",
            runs_with="its own repository (LLaVA fork, conv_mode v1); serve it behind an OpenAI-compatible wrapper",
        ),
        ModelCard(
            key="cxrmate",
            name="CXRMate-ED / CXRMate-RRG24 / CXRMate-2 (CSIRO AEHRC)",
            hub_ids=("aehrc/cxrmate-ed", "aehrc/cxrmate-rrg24", "aehrc/cxrmate"),
            inputs="study images (+ indication, history and ED data for CXRMate-ED)",
            output="findings + impression (model.split_and_decode_sections)",
            max_images=5,
            priors=True,
            licence="Apache-2.0",
            runs_with="transformers with trust_remote_code and the model's own generate/decoding code",
            notes="its model-specific generate API is not driven by RadPilot's transformers backend yet",
        ),
    )
}


def context_lines(request: GenerationRequest) -> list[str]:
    out = []
    for key, label in (
        ("indication", "INDICATION"),
        ("technique", "TECHNIQUE"),
        ("comparison", "COMPARISON"),
        ("age", "AGE"),
        ("sex", "SEX"),
    ):
        value = request.context.get(key)
        if value:
            out.append(f"{label}: {value}")
    return out


def generic_messages(
    request: GenerationRequest, image_part: Callable[[Image], dict[str, Any]]
) -> list[dict[str, Any]]:
    """Chat messages with the images as parts of the last user turn (the shape every chat template takes)."""
    messages: list[dict[str, Any]] = []
    if request.system:
        messages.append({"role": "system", "content": request.system})
    turns = list(request.messages)
    last_user = max((i for i, m in enumerate(turns) if m.role == "user"), default=-1)
    for i, m in enumerate(turns):
        if i == last_user and request.images:
            parts = [image_part(img) for img in images_for(request)]
            messages.append({"role": "user", "content": [*parts, {"type": "text", "text": m.content}]})
        else:
            messages.append({"role": m.role, "content": m.content})
    if last_user < 0 and request.images:
        messages.append({"role": "user", "content": [image_part(img) for img in images_for(request)]})
    return messages


def medgemma_messages(
    request: GenerationRequest, image_part: Callable[[Image], dict[str, Any]]
) -> list[dict[str, Any]]:
    """MedGemma's model-card shape: a radiologist system turn, then images and the instruction."""
    text = request.user_text or "Describe the findings of this chest X-ray."
    extra = context_lines(request)
    if extra:
        text = "\n".join([*extra, text])
    system = request.system or "You are an expert radiologist."
    parts = [image_part(img) for img in images_for(request)]
    return [
        {"role": "system", "content": [{"type": "text", "text": system}]},
        {"role": "user", "content": [{"type": "text", "text": text}, *parts]},
    ]


def llava_rad_prompt(request: GenerationRequest) -> str:
    """LLaVA-Rad's findings prompt (``llava/utils.py`` of microsoft/LLaVA-Rad), for one frontal image."""
    reason = request.context.get("indication") or request.user_text or ""
    return (
        "<image>\nProvide a description of the findings in the radiology image given the following "
        f"indication: {reason}"
    )


def chexagent_findings_prompt(request: GenerationRequest) -> str:
    """CheXagent-2's findings prompt (``model_chexagent/chexagent.py``)."""
    indication = request.context.get("indication") or ""
    return f'Given the indication: "{indication}", write a structured findings section for the CXR.'


def maira2_inputs(request: GenerationRequest) -> dict[str, Any]:
    """Keyword arguments of MAIRA-2's ``processor.format_and_preprocess_reporting_input`` (images as PNG bytes;
    the backend turns them into PIL images). Every text field is passed, None when unknown, as MAIRA-2 needs."""
    current = [i for i in request.images if not i.prior]
    frontal = next((i for i in current if i.frontal), None)
    if frontal is None:
        raise RequestError("MAIRA-2 needs a current frontal image (view PA or AP)")
    lateral = next((i for i in current if not i.frontal), None)
    prior = next((i for i in request.images if i.prior and i.frontal), None)
    return {
        "current_frontal": frontal,
        "current_lateral": lateral,
        "prior_frontal": prior,
        "indication": request.context.get("indication") or None,
        "technique": request.context.get("technique") or None,
        "comparison": request.context.get("comparison") or None,
        "prior_report": request.context.get("prior_report") or None,
    }


def card(key: str) -> ModelCard:
    try:
        return CARDS[key]
    except KeyError:
        raise RequestError(f"unknown prompt adapter '{key}' (known: {', '.join(CARDS)})") from None
