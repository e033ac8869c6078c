"""`radpilot` commands for this area (registered by radpilot.cli)."""

from __future__ import annotations

import typer


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    """Nothing registered yet."""
