"""The transformers backend with tiny randomly initialised models that the test builds and saves itself."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from radpilot.models import BackendUnavailable, GenerationRequest, Image, RequestError, get_backend
from radpilot.models.adapters import (
    CARDS,
    generic_messages,
    llava_rad_prompt,
    maira2_inputs,
    medgemma_messages,
)
from radpilot.models.devices import select_device, select_dtype
from tests.models.conftest import png_bytes

if any(importlib.util.find_spec(m) is None for m in ("torch", "transformers", "tokenizers")):
    pytest.skip("the ml extra (torch, transformers) is not installed", allow_module_level=True)

CORPUS = ["no pleural effusion. heart size is normal. the lungs are clear. no pneumothorax."] * 20
CHAT_TEMPLATE = (
    "{% for m in messages %}<|{{ m['role'] }}|>"
    "{% if m['content'] is string %}{{ m['content'] }}{% else %}"
    "{% for c in m['content'] %}{% if c['type'] == 'image' %}<image>{% else %}{{ c['text'] }}{% endif %}{% endfor %}"
    "{% endif %}</s>{% endfor %}{% if add_generation_prompt %}<|assistant|>{% endif %}"
)


def tiny_tokenizer(extra: list[str]) -> Any:
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    specials = ["<unk>", "<s>", "</s>", "<|user|>", "<|assistant|>", "<|system|>", *extra]
    trainer = trainers.BpeTrainer(
        vocab_size=320, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    tok.train_from_iterator(CORPUS, trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok, bos_token="<s>", eos_token="</s>", unk_token="<unk>", pad_token="<unk>"
    )
    fast.chat_template = CHAT_TEMPLATE
    return fast


def llama_config(vocab: int) -> Any:
    from transformers import LlamaConfig

    return LlamaConfig(
        vocab_size=vocab, hidden_size=16, intermediate_size=32, num_hidden_layers=1, num_attention_heads=2,
        num_key_value_heads=1, max_position_embeddings=256, bos_token_id=1, eos_token_id=2, pad_token_id=0,
    )  # fmt: skip


@pytest.fixture(scope="module")
def causal_lm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import torch
    from transformers import LlamaForCausalLM

    folder = tmp_path_factory.mktemp("tiny-llama")
    tokenizer = tiny_tokenizer([])
    tokenizer.save_pretrained(folder)
    torch.manual_seed(0)
    LlamaForCausalLM(llama_config(len(tokenizer))).save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def vision_lm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import torch
    from transformers import CLIPVisionConfig, LlavaConfig, LlavaForConditionalGeneration, LlavaProcessor
    from transformers.models.clip.image_processing_pil_clip import CLIPImageProcessorPil

    folder = tmp_path_factory.mktemp("tiny-llava")
    tokenizer = tiny_tokenizer(["<image>"])
    processor = LlavaProcessor(
        image_processor=CLIPImageProcessorPil(size={"shortest_edge": 28}, crop_size={"height": 28, "width": 28}),
        tokenizer=tokenizer, patch_size=14, vision_feature_select_strategy="default", chat_template=CHAT_TEMPLATE,
        image_token="<image>", num_additional_image_tokens=1,
    )  # fmt: skip
    processor.save_pretrained(folder)
    vision = CLIPVisionConfig(
        hidden_size=16, intermediate_size=32, num_hidden_layers=1, num_attention_heads=2, image_size=28,
        patch_size=14, projection_dim=16,
    )  # fmt: skip
    config = LlavaConfig(
        vision_config=vision, text_config=llama_config(len(tokenizer)),
        image_token_id=tokenizer.convert_tokens_to_ids("<image>"), vision_feature_select_strategy="default",
        vision_feature_layer=-1,
    )  # fmt: skip
    torch.manual_seed(0)
    LlavaForConditionalGeneration(config).save_pretrained(folder)
    return folder


def test_causal_lm_generates_from_a_local_folder(causal_lm: Path) -> None:
    backend = get_backend(
        "transformers", log=False, model_path=str(causal_lm), device="cpu", model_id="tiny-llama"
    )
    caps = backend.capabilities
    assert caps.task == "text-generation" and not caps.vision and caps.context_length == 256 and caps.local
    r = backend.generate(GenerationRequest.prompt("the lungs are clear", system="radiologist", max_tokens=6))
    assert r.completion_tokens is not None and 1 <= r.completion_tokens <= 6
    assert r.prompt_tokens and r.prompt_tokens > 3 and r.model_id == "tiny-llama"
    assert r.model_version.startswith("config:")
    again = backend.generate(
        GenerationRequest.prompt("the lungs are clear", system="radiologist", max_tokens=6)
    )
    assert again.text == r.text  # greedy decoding is deterministic


def test_causal_lm_streams(causal_lm: Path) -> None:
    got: list[str] = []
    backend = get_backend("transformers", log=False, model_path=str(causal_lm))
    r = backend.generate(GenerationRequest.prompt("no pneumothorax", max_tokens=8, stream=got.append))
    assert "".join(got).strip() == r.text


def test_image_text_to_text_model_takes_images(vision_lm: Path) -> None:
    backend = get_backend("transformers", log=False, model_path=str(vision_lm), dtype="float32")
    caps = backend.capabilities
    assert caps.task == "image-text-to-text" and caps.vision and caps.max_images == 8
    image = Image(png_bytes(64, 48), view="PA")
    r = backend.generate(GenerationRequest.prompt("Describe the findings.", images=(image,), max_tokens=4))
    assert r.completion_tokens is not None and 1 <= r.completion_tokens <= 4
    assert r.prompt_tokens is not None and r.prompt_tokens > 4  # the image tokens are in the prompt
    medgemma = get_backend("transformers", log=False, model_path=str(vision_lm), adapter="medgemma")
    r2 = medgemma.generate(
        GenerationRequest.prompt("Describe.", images=(image,), max_tokens=3, context={"indication": "cough"})
    )
    assert r2.prompt_tokens is not None and r2.prompt_tokens > r.prompt_tokens  # system turn + indication


@pytest.mark.parametrize(
    ("setup", "options", "message"),
    [
        ("none", {}, "no model folder"),
        ("missing", {}, "model folder not found"),
        ("empty", {}, "has no config.json"),
        ("notjson", {}, "cannot read"),
        ("ok", {"adapter": "llava-rad"}, "not driven by this backend"),
        ("ok", {"device": "cuda:7"}, None),
    ],
)
def test_bad_setups_are_clear_errors(
    tmp_path: Path, causal_lm: Path, setup: str, options: dict[str, Any], message: str | None
) -> None:
    import torch

    folder = {"missing": tmp_path / "nope", "empty": tmp_path, "ok": causal_lm, "notjson": tmp_path}.get(
        setup
    )
    if setup == "notjson":
        (tmp_path / "config.json").write_text("{oops")
    if folder is not None:
        options = {"model_path": str(folder), **options}
    if setup == "ok" and "device" in options:
        if torch.cuda.is_available() and torch.cuda.device_count() > 7:
            pytest.skip("this machine has a cuda:7")
        backend = get_backend("transformers", log=False, **options)
        with pytest.raises(BackendUnavailable, match="cuda:7"):
            backend.generate(GenerationRequest.prompt("x", max_tokens=1))
        return
    with pytest.raises(BackendUnavailable, match=message):
        get_backend("transformers", log=False, **options)


def fake_torch(cuda: bool, bf16: bool = True, mps: bool = False) -> Any:
    return SimpleNamespace(
        cuda=SimpleNamespace(is_available=lambda: cuda, device_count=lambda: 1 if cuda else 0, is_bf16_supported=lambda: bf16),
        backends=SimpleNamespace(mps=SimpleNamespace(is_available=lambda: mps)),
        float32="f32", bfloat16="bf16", float16="f16",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("torch", "pref", "device", "dtype"),
    [
        (fake_torch(cuda=False), "auto", "cpu", "f32"),
        (fake_torch(cuda=True), "auto", "cuda", "bf16"),
        (fake_torch(cuda=True, bf16=False), "auto", "cuda", "f16"),
        (fake_torch(cuda=False, mps=True), "auto", "mps", "f16"),
        (fake_torch(cuda=True), "cuda:0", "cuda:0", "bf16"),
        (fake_torch(cuda=True), "cpu", "cpu", "f32"),
    ],
)
def test_device_and_dtype_selection(torch: Any, pref: str, device: str, dtype: str) -> None:
    assert select_device(pref, torch) == device
    assert select_dtype("auto", device, torch) == dtype


@pytest.mark.parametrize(
    ("torch", "pref", "error"),
    [
        (fake_torch(cuda=False), "cuda", BackendUnavailable),
        (fake_torch(cuda=True), "cuda:3", BackendUnavailable),
        (fake_torch(cuda=False), "mps", BackendUnavailable),
        (fake_torch(cuda=False), "tpu", RequestError),
    ],
)
def test_impossible_devices_are_refused(torch: Any, pref: str, error: type[Exception]) -> None:
    with pytest.raises(error, match=pref):
        select_device(pref, torch)


def image_part(img: Image) -> dict[str, Any]:
    return {"type": "image", "view": img.view}


def test_generic_messages_put_current_frontal_images_first() -> None:
    req = GenerationRequest.prompt(
        "Describe.", system="sys",
        images=(Image(png_bytes(), view="LATERAL"), Image(png_bytes(), view="PA", prior=True), Image(png_bytes(), view="AP")),
    )  # fmt: skip
    messages = generic_messages(req, image_part)
    assert messages[0] == {"role": "system", "content": "sys"}
    assert [p.get("view") for p in messages[1]["content"][:-1]] == ["AP", "LATERAL", "PA"]


def test_medgemma_messages_follow_the_model_card() -> None:
    req = GenerationRequest.prompt(
        "Describe this X-ray", images=(Image(png_bytes()),), context={"indication": "fever"}
    )
    messages = medgemma_messages(req, image_part)
    assert messages[0] == {
        "role": "system",
        "content": [{"type": "text", "text": "You are an expert radiologist."}],
    }
    assert messages[1]["content"][0] == {"type": "text", "text": "INDICATION: fever\nDescribe this X-ray"}
    assert messages[1]["content"][1]["type"] == "image"


def test_maira2_inputs_fill_every_slot() -> None:
    frontal, lateral, prior = (
        Image(png_bytes(), view="PA"),
        Image(png_bytes(), view="LL"),
        Image(png_bytes(), view="PA", prior=True),
    )
    req = GenerationRequest(
        messages=(),
        images=(lateral, prior, frontal),
        context={"indication": "dyspnea", "prior_report": "Normal."},
    )
    args = maira2_inputs(req)
    assert (
        args["current_frontal"] is frontal
        and args["current_lateral"] is lateral
        and args["prior_frontal"] is prior
    )
    assert args["indication"] == "dyspnea" and args["technique"] is None and args["comparison"] is None
    assert args["prior_report"] == "Normal."
    with pytest.raises(RequestError, match="frontal"):
        maira2_inputs(GenerationRequest(messages=(), images=(lateral,)))


def test_llava_rad_prompt_and_documented_cards() -> None:
    req = GenerationRequest.prompt("x", context={"indication": "chest pain"})
    assert llava_rad_prompt(req).endswith("given the following indication: chest pain")
    for key in ("medgemma", "maira2", "chexagent", "llava-rad", "cxrmate"):
        card = CARDS[key]
        assert card.hub_ids and card.licence and card.inputs and card.max_images >= 1
    assert json.dumps([c.licence for c in CARDS.values()])
