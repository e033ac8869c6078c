"""``radpilot models list`` and ``radpilot models check NAME``: the model backends and a one-prompt smoke test."""

from __future__ import annotations

import json
import time
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

CHECK_PROMPT = "Rewrite as one short radiology impression sentence: no pleural effusion or pneumothorax."
CHECK_SYSTEM = "You are a radiology reporting assistant. Answer with one sentence."
CHECK_RULES_TEXT = "No pleural effusion or pneumothorax."


class ListFormat(StrEnum):
    table = "table"
    json = "json"


def parse_option(raw: str) -> tuple[str, Any]:
    """``key=value``; the value is read as JSON when it parses (numbers, true/false, null, objects)."""
    key, sep, value = raw.partition("=")
    if not sep or not key.strip():
        raise typer.BadParameter(f"expected key=value, got '{raw}'", param_hint="--option")
    try:
        parsed: Any = json.loads(value)
    except json.JSONDecodeError:
        parsed = value
    return key.strip(), parsed


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    models_app = typer.Typer(help="Model backends: list them, smoke-test one.", no_args_is_help=True)
    app.add_typer(models_app, name="models")

    @models_app.command("list")
    def list_backends(
        fmt: ListFormat = typer.Option(ListFormat.table, "--format", help="table | json"),
    ) -> None:
        """The registered backends, whether their packages are installed, and their options."""
        from radpilot.models import available_backends

        infos = available_backends()
        if fmt is ListFormat.json:
            typer.echo(json.dumps([i.to_dict() for i in infos], indent=2))
            return
        width = max(len(i.name) for i in infos)
        for info in infos:
            state = "ready" if info.installed else f"missing {', '.join(info.missing)}: {info.install_hint}"
            typer.echo(f"{info.name.ljust(width)}  {info.summary}")
            typer.echo(f"{''.ljust(width)}  packages: {state}")
            if info.options:
                typer.echo(f"{''.ljust(width)}  options: {', '.join(info.options)}")

    @models_app.command("check")
    def check(
        name: str = typer.Argument(..., help="backend name (see `radpilot models list`)"),
        option: list[str] = typer.Option([], "--option", "-o", help="backend option key=value (repeatable)"),
        prompt: str = typer.Option(CHECK_PROMPT, "--prompt", help="the prompt to send"),
        image: list[Path] = typer.Option(
            [], "--image", help="a PNG image to send (vision backends; repeatable)"
        ),
        max_tokens: int = typer.Option(32, "--max-tokens", min=1, help="tokens to generate"),
        as_json: bool = typer.Option(False, "--json", help="print the result as JSON"),
    ) -> None:
        """Send one prompt to a backend and print the answer with its timing."""
        from radpilot.models import BackendError, GenerationRequest, Image, backend_class, get_backend

        options = dict(parse_option(o) for o in option)
        try:
            cls = backend_class(name)
            images = tuple(Image(_read_png(p)) for p in image)
            t0 = time.perf_counter()
            backend = get_backend(name, **options)
            load_ms = (time.perf_counter() - t0) * 1000
            if cls.name == "xrv" and not images:
                images = (Image(_blank_png()),)
            request = GenerationRequest.prompt(
                prompt,
                system=CHECK_SYSTEM,
                images=images,
                max_tokens=max_tokens,
                deterministic_text=CHECK_RULES_TEXT,
            )
            response = backend.generate(request)
        except (BackendError, OSError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(
                2 if type(exc).__name__ in ("UnknownBackendError", "RequestError") else 1
            ) from None
        result = {
            "backend": backend.name,
            "model_id": backend.model_id,
            "version": response.model_version,
            "capabilities": backend.capabilities.to_dict(),
            "load_ms": round(load_ms, 1),
            "generate_ms": round(response.duration_ms, 1),
            "completion_tokens": response.completion_tokens,
            "text": response.text,
            "data": response.data,
        }
        if as_json:
            typer.echo(json.dumps(result, indent=2))
            return
        caps = backend.capabilities
        typer.echo(f"backend:  {backend.name} ({'local' if caps.local else 'remote: text is de-identified'})")
        typer.echo(f"model:    {backend.model_id}  [{response.model_version}]")
        typer.echo(f"load:     {load_ms:.0f} ms")
        tokens = f", {response.completion_tokens} token(s)" if response.completion_tokens else ""
        typer.echo(f"generate: {response.duration_ms:.0f} ms{tokens}")
        typer.echo(f"answer:   {response.text.strip() or '(empty)'}")
        scores = response.data.get("scores")
        if isinstance(scores, dict) and scores:
            top = sorted(scores.items(), key=lambda kv: -kv[1])[:3]
            typer.echo("scores:   " + ", ".join(f"{k} {v:.2f}" for k, v in top))
        typer.echo("ok")


def _read_png(path: Path) -> bytes:
    if not path.is_file():
        raise OSError(f"{path}: no such file")
    return path.read_bytes()


def _blank_png() -> bytes:
    """A mid-grey 256x256 PNG, so `models check xrv` runs the classifier end to end."""
    import struct
    import zlib

    width = height = 256
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
