"""``radpilot eval generation PATH --backend NAME``: score a backend's reports against references."""

from __future__ import annotations

import json

import typer


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    eval_app = typer.Typer(help="Evaluate report generation against reference reports.", no_args_is_help=True)
    app.add_typer(eval_app, name="eval")

    @eval_app.command("generation")
    def generation(
        path: str = typer.Argument(..., help="references.json (ReXrank-style) or a folder holding it"),
        backend: str = typer.Option("rules", help="backend that writes the findings"),
        meteor: bool = typer.Option(True, "--meteor/--no-meteor", help="METEOR needs Java"),
        per_study: bool = typer.Option(False, help="print every generated text too"),
    ) -> None:
        """BLEU-4, ROUGE-L, METEOR, CIDEr and label F1 of a backend's findings vs the references."""
        from radpilot.eval.generation import EvalInputError, evaluate_generation
        from radpilot.models import BackendError, backend_class

        try:
            backend_class(backend)
        except BackendError as exc:
            typer.echo(f"error: --backend: {exc}", err=True)
            raise typer.Exit(2) from None
        try:
            scores = evaluate_generation(path, backend, meteor)
        except EvalInputError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from exc
        out = scores.to_dict()
        if not per_study:
            out.pop("per_study")
        typer.echo(json.dumps(out, indent=2))
