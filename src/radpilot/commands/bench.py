"""``radpilot bench structuring`` (and ``radpilot bench all``, which runs every registered benchmark)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer


def _table(results: list[Any], split: str) -> str:
    from radpilot.eval.structuring import RunResult

    rs: list[RunResult] = results
    names = [r.name for r in rs]
    head = f"{'label':24s} {'support':>7s} " + " ".join(f"{n + ' P/R/F1':>24s}" for n in names)
    lines = [f"## {split} split", head, "-" * len(head)]
    labels = sorted(rs[0].scores.per_label, key=lambda k: -rs[0].scores.per_label[k].support)
    for lab in labels:
        c0 = rs[0].scores.per_label[lab]
        cells = []
        for r in rs:
            c = r.scores.per_label[lab]
            cells.append(f"{c.precision:.3f}/{c.recall:.3f}/{c.f1:.3f}".rjust(24))
        lines.append(f"{lab:24s} {c0.support:7d} " + " ".join(cells))
    lines.append("-" * len(head))
    for title, fn in (
        ("micro (present+uncertain)", _micro),
        ("micro (present only)", _micro_present),
    ):
        cells = []
        for r in rs:
            m = fn(r)
            cells.append(f"{m.precision:.3f}/{m.recall:.3f}/{m.f1:.3f}".rjust(24))
        lines.append(f"{title:32s} " + " ".join(cells))
    lines.append(f"{'macro F1':32s} " + " ".join(f"{r.scores.macro_f1():24.3f}" for r in rs))
    lines.append(f"{'normal F1':32s} " + " ".join(f"{r.scores.per_label['normal'].f1:24.3f}" for r in rs))
    lines.append(f"{'reports/s (one process)':32s} " + " ".join(f"{r.reports_per_s:24.0f}" for r in rs))
    return "\n".join(lines)


def _micro(r: Any) -> Any:
    return r.scores.micro()


def _micro_present(r: Any) -> Any:
    return r.present_scores.micro()


def _summary(r: Any) -> dict[str, Any]:
    m = r.scores.micro()
    mp = r.present_scores.micro()
    return {
        "micro_precision": round(m.precision, 4),
        "micro_recall": round(m.recall, 4),
        "micro_f1": round(m.f1, 4),
        "micro_f1_present_only": round(mp.f1, 4),
        "macro_f1": round(r.scores.macro_f1(), 4),
        "normal_f1": round(r.scores.per_label["normal"].f1, 4),
        "reports_per_s": round(r.reports_per_s, 1),
        "peak_mb": None if r.peak_mb is None else round(r.peak_mb, 2),
        "per_label": {
            k: {
                "support": c.support,
                "precision": round(c.precision, 4),
                "recall": round(c.recall, 4),
                "f1": round(c.f1, 4),
            }
            for k, c in r.scores.per_label.items()
        },
    }


def bench_structuring(
    peer: bool = True, limit: int | None = None, json_out: Path | None = None
) -> dict[str, Any]:
    import time

    from radpilot.eval.iu import DatasetUnavailable, iu_reports
    from radpilot.eval.structuring import radpilot_labeler, run

    try:
        splits = {"dev": iu_reports("dev"), "test": iu_reports("test")}
    except DatasetUnavailable as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if limit:
        splits = {k: v[:limit] for k, v in splits.items()}
    import resource
    import tracemalloc

    from radpilot.structure import StructuringEngine, default_engine, load_lexicon

    # memory of a freshly built engine (lexicon, rules, phrase tables) and of labelling a whole split with it
    tracemalloc.start()
    engine = StructuringEngine(lexicon=load_lexicon())
    engine_mb = tracemalloc.get_traced_memory()[0] / 1e6
    for r in splits["dev"]:
        engine.structure(r.labelled_text)
    peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    del engine
    t0 = time.perf_counter()
    ours = radpilot_labeler()
    load_s = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    labelers = [("radpilot", ours)]
    if peer:
        from radpilot.eval.medspacy_peer import medspacy_labeler

        labelers.append(("medspacy", medspacy_labeler()))
    report: dict[str, Any] = {
        "engine_load_s": round(load_s, 3),
        "engine_mb": round(engine_mb, 1),
        "peak_mb_labelling_dev": round(peak_mb, 1),
        "process_max_rss_mb_before_peer": round(rss_mb, 1),
        "splits": {},
    }
    typer.echo(
        f"engine: built in {load_s:.2f} s, {engine_mb:.1f} MB (tracemalloc), peak {peak_mb:.1f} MB while labelling "
        f"the dev split; process max RSS {rss_mb:.0f} MB (before the peer is loaded)\n"
    )
    for split, reports in splits.items():
        results = []
        for name, fn in labelers:
            default_engine().clear_cache()  # every timed pass starts with no sentence read before
            results.append(run(fn, reports, name))
        typer.echo(_table(results, f"{split} ({len(reports)} reports)"))
        typer.echo("")
        report["splits"][split] = {r.name: _summary(r) for r in results}
    # throughput over the whole corpus in one process, several passes for a stable figure; the build that ran it
    # (the compiled hot path of `make compiled`, or the source) is said beside it, and where it is the compiled
    # one, the source is timed in a second process, pass for pass alternating
    from radpilot import compiled
    from radpilot.eval.structuring import throughput

    passes = 3
    rates = throughput(limit, passes)
    build = compiled.state()
    report["build"] = {"build": build.build, "reason": build.reason}
    report["throughput_reports_per_s"] = round(rates["this"], 1)
    n = sum(len(rs) for rs in splits.values())
    typer.echo(f"radpilot build: {build.build} ({build.reason})")
    typer.echo(
        f"radpilot throughput: {rates['this']:.0f} reports/s over {passes} passes of {n} reports "
        "(one process, each pass starting with an empty sentence cache)"
    )
    if "source" in rates:
        report["throughput_source_reports_per_s"] = round(rates["source"], 1)
        typer.echo(
            f"radpilot throughput, source build: {rates['source']:.0f} reports/s (same passes in a second "
            "process with RADPILOT_COMPILED=0, alternating pass for pass)"
        )
    test = report["splits"]["test"]
    if "medspacy" in test:
        gap = test["radpilot"]["micro_f1"] - test["medspacy"]["micro_f1"]
        typer.echo(
            f"test micro-F1: radpilot {test['radpilot']['micro_f1']:.3f}, medspacy {test['medspacy']['micro_f1']:.3f}"
            f" (gap {gap:+.3f})"
        )
    if json_out:
        json_out.write_text(json.dumps(report, indent=2))
    return report


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    @bench_app.command("structuring")
    def structuring(
        peer: bool = typer.Option(True, "--peer/--no-peer", help="run medspaCy ConText side by side"),
        limit: int | None = typer.Option(None, help="only the first N reports of each split"),
        json_out: Path | None = typer.Option(None, "--json", help="also write the figures to this JSON file"),
    ) -> None:
        """IU reports: per-label P/R/F1 on dev and test, normal F1, throughput and memory, vs medspaCy."""
        bench_structuring(peer, limit, json_out)

    @bench_app.command("all")
    def all_benchmarks(ctx: typer.Context) -> None:
        """Run every benchmark in turn (what `make bench` calls)."""
        import click

        group = ctx.parent.command if ctx.parent else None
        if not isinstance(group, click.Group):
            raise typer.Exit(1)
        for name in sorted(group.commands):
            if name == "all":
                continue
            typer.echo(f"\n# radpilot bench {name}\n")
            ctx.invoke(group.commands[name])
