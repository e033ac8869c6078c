"""The ``radpilot`` command. Each area registers its commands from ``radpilot.commands.<area>``."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="radpilot",
    help="RadPilot: a reporting copilot for radiology (structure, assess, draft, simplify, serve).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
bench_app = typer.Typer(help="Benchmarks (figures go into docs/BENCHMARKS.md).", no_args_is_help=True)
app.add_typer(bench_app, name="bench")

# Each module defines ``register(app, bench_app)``; the order is the order of ``radpilot --help``.
COMMAND_MODULES = (
    "label",
    "assess",
    "impression",
    "draft",
    "check",
    "simplify",
    "models",
    "demo",
    "service",
    "interop",
    "evaluate",
    "bench",
)


def _register() -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"radpilot.commands.{name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app, bench_app)


_register()


def main() -> None:
    from radpilot.structure.datafiles import DataFileError

    try:
        app()
    except DataFileError as exc:  # a data file edited by the site (or damaged) names itself, not a traceback
        typer.echo(f"error: {exc}", err=True)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
