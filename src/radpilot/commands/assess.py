"""``radpilot assess PATH|- [--format json|jsonl] [--context JSON] [--profile NAME]`` and
``radpilot bench guidelines``: guideline categories, follow-up and critical results for reports."""

from __future__ import annotations

import json
import random
import time
from enum import StrEnum
from typing import Any

import typer

from radpilot.commands.io import read_text_file, run_jsonl


class AssessFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


def _parse_context_option(raw: str | None) -> dict[str, Any] | None:
    if raw is None:
        return None
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"--context: invalid JSON: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(obj, dict):
        raise ValueError(f"--context: expected a JSON object, got {type(obj).__name__}")
    return obj


def assess_record(
    rec: dict[str, Any], default_context: dict[str, Any] | None = None, profile: str | None = None
) -> dict[str, Any]:
    """One JSONL record {id, text, context} -> the contract's output object (ValueError on bad input)."""
    from radpilot.guidelines import assess

    text = rec["text"]
    if not text.strip():
        raise ValueError("field 'text' is empty")
    ctx = rec.get("context")
    if ctx is not None and not isinstance(ctx, dict):
        raise ValueError(f"context: expected a JSON object, got {type(ctx).__name__}")
    merged = {**(default_context or {}), **(ctx or {})}
    return assess(text, merged or None, profile).to_dict(rec.get("id"))


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    @app.command("assess")
    def assess_cmd(
        path: str = typer.Argument(
            ..., help="a report text file, or - for JSONL {id, text, context} on stdin"
        ),
        fmt: AssessFormat = typer.Option(
            AssessFormat.json, "--format", help="json (pretty) | jsonl (one line)"
        ),
        context: str | None = typer.Option(
            None, "--context", help='patient/exam context as JSON, e.g. \'{"age": 62, "risk": "high"}\''
        ),
        profile: str | None = typer.Option(
            None, "--profile", help="disease profile name (default: chosen by exam)"
        ),
    ) -> None:
        """Apply guidelines (Lung-RADS, Fleischner, TI-RADS, LI-RADS, BI-RADS) and flag critical results."""
        try:
            default_ctx = _parse_context_option(context)
        except ValueError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from None
        if path == "-":
            raise typer.Exit(run_jsonl(lambda rec: assess_record(rec, default_ctx, profile)))
        text = read_text_file(path)
        try:
            out = assess_record({"id": path, "text": text}, default_ctx, profile)
        except ValueError as exc:
            typer.echo(f"error: {path}: {exc}", err=True)
            raise typer.Exit(1) from None
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2 if fmt is AssessFormat.json else None))

    @bench_app.command("guidelines")
    def bench_guidelines(
        n: int = typer.Option(2000, "--n", min=50, help="synthetic reports in the corpus"),
        rounds: int = typer.Option(3, "--rounds", min=1, help="timed passes (the best is reported)"),
        iu: bool = typer.Option(True, "--iu/--no-iu", help="add the IU chest X-ray reports when available"),
    ) -> None:
        """Reports per second for `assess` from text (target >= 2,000/s), guidelines alone and with critical."""
        from radpilot.guidelines import assess
        from radpilot.structure import default_engine

        corpus = synthetic_corpus(n)
        source = f"{len(corpus)} synthetic CT/US/MRI/mammography reports"
        if iu:
            try:
                from radpilot.eval.iu import iu_reports

                chest = [
                    (r.full_text, {"exam": "chest x-ray"}) for r in iu_reports("all") if r.full_text.strip()
                ]
                corpus += chest
                source += f" + {len(chest)} IU chest X-ray reports"
            except Exception as exc:
                source += f" (IU reports unavailable: {str(exc).splitlines()[0]})"
        for text, ctx in corpus[:50]:  # warm caches (profiles, lexicon, rules)
            assess(text, ctx)
        typer.echo(f"corpus: {source}")
        for label, critical in (("guidelines only", False), ("guidelines + critical", None)):
            best = float("inf")
            for _ in range(rounds):
                default_engine().clear_cache()  # each round cold (no sentence read in an earlier round)
                t0 = time.perf_counter()
                for text, ctx in corpus:
                    assess(text, ctx, critical=critical)
                best = min(best, time.perf_counter() - t0)
            rate = len(corpus) / best
            verdict = "meets" if rate >= 2000 else "below"
            typer.echo(
                f"{label}: {rate:,.0f} reports/s ({len(corpus)} in {best:.2f} s; {verdict} the 2,000/s target)"
            )


# -- a deterministic synthetic corpus for the benchmark ------------------------------------------------------

_LOBES = [
    "right upper lobe",
    "right middle lobe",
    "right lower lobe",
    "left upper lobe",
    "left lower lobe",
    "lingula",
]


def _lung_ct(rng: random.Random, screening: bool) -> tuple[str, dict[str, Any]]:
    kind = rng.choice(["solid", "part-solid", "ground-glass"])
    a = round(rng.uniform(3, 20), 1)
    b = round(a * rng.uniform(0.6, 1.0), 1)
    extra = f" with a {round(b * 0.5, 1)} mm solid component" if kind == "part-solid" else ""
    change = rng.choice(
        ["", " It is new since the prior.", f" Previously {round(a - 2, 1)} mm.", " Stable since 2021."]
    )
    exam = "Low-dose CT chest for lung cancer screening" if screening else "CT chest with contrast"
    text = (
        f"EXAMINATION: {exam}\nCLINICAL HISTORY: {'Former smoker, 30 pack-years.' if screening else 'Cough.'}\n"
        f"COMPARISON: CT chest 12 months ago.\nFINDINGS: There is a {a} x {b} mm {kind} nodule in the "
        f"{rng.choice(_LOBES)}{extra}.{change} No pleural effusion or pneumothorax. "
        f"{rng.choice(['Mild coronary artery calcification.', 'Moderate coronary artery calcification.', ''])}\n"
        f"IMPRESSION: Pulmonary nodule as above."
    )
    return text, {"age": rng.randint(40, 79), "risk": rng.choice(["low", "high"])}


def _thyroid(rng: random.Random) -> tuple[str, dict[str, Any]]:
    comp = rng.choice(["solid", "mixed cystic and solid", "spongiform", "cystic"])
    echo = rng.choice(["hypoechoic", "isoechoic", "hyperechoic", "very hypoechoic"])
    foci = rng.choice(
        ["no echogenic foci", "punctate echogenic foci", "macrocalcifications", "peripheral calcification"]
    )
    size = round(rng.uniform(0.4, 3.5), 1)
    text = (
        "EXAM: US thyroid\nFINDINGS: Right lobe measures 4.5 x 1.6 x 1.5 cm. "
        f"Nodule 1: right lower pole, {size} x {round(size * 0.8, 1)} x {round(size * 0.7, 1)} cm, {comp}, {echo}, "
        f"{rng.choice(['wider-than-tall', 'taller-than-wide'])}, {rng.choice(['smooth', 'irregular', 'lobulated'])} "
        f"margins, {foci}.\nIMPRESSION: Thyroid nodule as described."
    )
    return text, {"age": rng.randint(20, 80), "sex": rng.choice(["F", "M"])}


def _liver(rng: random.Random) -> tuple[str, dict[str, Any]]:
    size = rng.randint(6, 35)
    feats = rng.sample(
        ["enhancing capsule", "nonperipheral washout", "threshold growth"], k=rng.randint(0, 2)
    )
    aphe = rng.choice(["nonrim arterial phase hyperenhancement", "no arterial phase hyperenhancement"])
    with_feats = f" and {', '.join(feats)}" if feats else ""
    text = (
        "EXAM: MRI liver with and without contrast\nHISTORY: Cirrhosis, HCC surveillance.\n"
        f"FINDINGS: {size} mm observation in segment {rng.randint(2, 8)} with {aphe}{with_feats}. "
        "No ascites.\nIMPRESSION: Liver observation as above."
    )
    return text, {"age": rng.randint(40, 80)}


def _mammo(rng: random.Random) -> tuple[str, dict[str, Any]]:
    cat = rng.choice(["0", "1", "2", "3", "4A", "4B", "4C", "5", "6"])
    text = (
        "EXAM: Bilateral screening mammogram\nFINDINGS: The breasts are heterogeneously dense. "
        f"{rng.choice(['No suspicious mass.', 'There is a 9 mm irregular mass in the left breast at 2 o clock.'])}\n"
        f"IMPRESSION: BI-RADS {cat}."
    )
    return text, {"age": rng.randint(40, 75), "sex": "F"}


def _chest_xray(rng: random.Random) -> tuple[str, dict[str, Any]]:
    finding = rng.choice(
        [
            "No pneumothorax.",
            "Small right apical pneumothorax.",
            "Large left pneumothorax with mediastinal shift.",
            "The endotracheal tube tip is in the right mainstem bronchus.",
            "Free air under the diaphragm.",
            "Endotracheal tube in standard position.",
        ]
    )
    text = f"EXAM: Portable chest x-ray\nFINDINGS: {finding} Heart size is normal.\nIMPRESSION: As above."
    return text, {}


def synthetic_corpus(n: int, seed: int = 20240601) -> list[tuple[str, dict[str, Any]]]:
    """``n`` synthetic reports across the profiles, the same for a given seed."""
    rng = random.Random(seed)
    makers = [
        lambda: _lung_ct(rng, True),
        lambda: _lung_ct(rng, False),
        lambda: _thyroid(rng),
        lambda: _liver(rng),
        lambda: _mammo(rng),
        lambda: _chest_xray(rng),
    ]
    return [makers[i % len(makers)]() for i in range(n)]
