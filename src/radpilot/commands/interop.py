"""``radpilot pacs pull`` (DICOMweb QIDO-RS + WADO-RS) and ``radpilot bench interop`` (real peers, loopback)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import typer

PACS_URL_ENV = "RADPILOT_PACS_DICOMWEB_URL"


def _data_dir() -> Path:
    env = os.environ.get("RADPILOT_DATA")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "radpilot"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(1)


def pull_study(url: str, accession: str, out: Path) -> list[dict[str, Any]]:
    """QIDO-RS search by AccessionNumber, WADO-RS retrieve of each matching study into
    ``out/<StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm``. Every part is read back as DICOM before
    anything is written; a study is moved into place only when all its instances are valid. Returns one summary
    per study. Raises ``DICOMwebError`` / ``LookupError`` with a message naming what went wrong."""
    from radpilot.interop.dicom_read import DicomReadError, read_dataset
    from radpilot.interop.dicomweb import DICOMwebClient, DICOMwebError, json_value

    summaries = []
    with DICOMwebClient(url) as client:
        studies = client.search_studies(accession_number=accession)
        uids = sorted({str(json_value(s, "0020000D")) for s in studies if json_value(s, "0020000D")})
        if not uids:
            raise LookupError(f"no study with AccessionNumber {accession!r} at {url}")
        out.mkdir(parents=True, exist_ok=True)
        for study_uid in uids:
            parts = client.retrieve_study(study_uid)
            staged: list[tuple[Path, bytes]] = []
            series: set[str] = set()
            for i, data in enumerate(parts, start=1):
                try:
                    ds = read_dataset(data)
                except DicomReadError as exc:
                    raise DICOMwebError(
                        f"study {study_uid}: WADO-RS part {i} is not valid DICOM: {exc}"
                    ) from None
                if str(ds.StudyInstanceUID) != study_uid:
                    raise DICOMwebError(
                        f"study {study_uid}: WADO-RS part {i} belongs to study {ds.StudyInstanceUID}"
                    )
                series.add(str(ds.SeriesInstanceUID))
                staged.append((Path(str(ds.SeriesInstanceUID)) / f"{ds.SOPInstanceUID}.dcm", data))
            if not staged:
                raise DICOMwebError(f"study {study_uid}: WADO-RS returned no instances")
            target = out / study_uid
            with tempfile.TemporaryDirectory(prefix=".pull-", dir=out) as tmp:
                stage = Path(tmp) / study_uid
                for rel, data in staged:
                    (stage / rel.parent).mkdir(parents=True, exist_ok=True)
                    (stage / rel).write_bytes(data)
                if target.exists():
                    shutil.rmtree(target)
                stage.rename(target)
            size = sum(len(d) for _, d in staged)
            summaries.append(
                {
                    "study_instance_uid": study_uid,
                    "accession": accession,
                    "series": len(series),
                    "instances": len(staged),
                    "bytes": size,
                    "folder": str(target),
                }
            )
    return summaries


def register(app: typer.Typer, bench_app: typer.Typer) -> None:
    pacs_app = typer.Typer(help="Talk to the site's PACS over DICOMweb.", no_args_is_help=True)
    app.add_typer(pacs_app, name="pacs")

    @pacs_app.command("pull")
    def pacs_pull(
        accession: str = typer.Option(..., "--accession", help="AccessionNumber of the study to pull"),
        url: str | None = typer.Option(
            None,
            "--url",
            help=f"DICOMweb service root, e.g. http://pacs:8042/dicom-web (default: ${PACS_URL_ENV})",
        ),
        out: Path | None = typer.Option(
            None, "--out", help="folder for the files (default: <RadPilot data folder>/pacs/<accession>)"
        ),
        as_json: bool = typer.Option(False, "--json", help="print the summary as JSON"),
    ) -> None:
        """Pull a study from the PACS by DICOMweb: QIDO-RS search by AccessionNumber, then WADO-RS retrieve.

        Files go to OUT/<StudyInstanceUID>/<SeriesInstanceUID>/<SOPInstanceUID>.dcm, each checked to be valid
        DICOM first. This command only fetches the files; the workflow service will register them in its
        database (studies, series, instances matched to the order by AccessionNumber) with the same pull.
        """
        from radpilot.interop.dicomweb import DICOMwebError

        base = url or os.environ.get(PACS_URL_ENV, "")
        if not base:
            raise _fail(
                f"no PACS address: pass --url or set {PACS_URL_ENV} (e.g. http://pacs:8042/dicom-web)"
            )
        if not base.startswith(("http://", "https://")):
            raise _fail(f"the DICOMweb URL must start with http:// or https://, got {base!r}")
        if not accession.strip():
            raise _fail("--accession is empty")
        folder = out if out is not None else _data_dir() / "pacs" / accession
        if folder.exists() and not folder.is_dir():
            raise _fail(f"--out {folder} exists and is not a folder")
        try:
            summaries = pull_study(base, accession.strip(), folder)
        except (DICOMwebError, LookupError) as exc:
            raise _fail(str(exc).strip("'\"")) from None
        except OSError as exc:
            raise _fail(f"cannot write to {folder}: {exc}") from None
        if as_json:
            typer.echo(json.dumps(summaries, indent=2))
            return
        for s in summaries:
            typer.echo(
                f"pulled study {s['study_instance_uid']} (accession {accession}): {s['instances']} instance(s) in "
                f"{s['series']} series, {s['bytes'] / 1e6:.1f} MB -> {s['folder']}"
            )

    @bench_app.command("interop")
    def bench_interop(
        instances: int = typer.Option(
            300, "--instances", min=1, max=2000, help="synthetic 512x512 CR instances"
        ),
        hl7_messages: int = typer.Option(2000, "--hl7", min=0, max=20000, help="ORM^O01 messages (0: skip)"),
        outbox_messages: int = typer.Option(
            200, "--outbox", min=0, max=5000, help="ORU^R01 in the outbox test"
        ),
        outbox_down: float = typer.Option(30.0, "--outbox-down", min=0, max=300, help="destination down (s)"),
        sender: list[str] = typer.Option(
            ["orthanc", "storescu"],
            "--sender",
            help="C-STORE senders: orthanc, storescu (repeat; none: --no-cstore)",
        ),
        cstore: bool = typer.Option(True, "--cstore/--no-cstore", help="run the C-STORE ingest measurements"),
        json_out: Path | None = typer.Option(None, "--json", help="also write the figures to this JSON file"),
    ) -> None:
        """Interop throughput on loopback: C-STORE ingest (Orthanc and dcmtk storescu as senders), HL7 with ACK,
        and the HL7 outbox with the destination down (zero lost, zero duplicated). Target >= 100 inst/s."""
        from radpilot.eval.interop_bench import format_table, run_interop_bench
        from radpilot.eval.peers import PeerMissingError, find_dicomweb_plugin, find_orthanc, find_storescu

        senders = [s.strip().lower() for s in sender] if cstore else []
        unknown = [s for s in senders if s not in ("orthanc", "storescu")]
        if unknown:
            raise _fail(f"unknown --sender {', '.join(unknown)}; choose orthanc or storescu")
        missing: list[str] = []
        checks = {"orthanc": (find_orthanc, find_dicomweb_plugin), "storescu": (find_storescu,)}
        for name in list(senders):
            try:
                for check in checks[name]:
                    check()
            except PeerMissingError as exc:
                senders.remove(name)
                missing.append(f"{name}: {exc}")
        for line in missing:
            typer.echo(f"skipped C-STORE sender {line}", err=True)
        result = run_interop_bench(
            instances=instances,
            hl7_messages=hl7_messages,
            outbox_messages=outbox_messages,
            outbox_down=outbox_down,
            senders=senders,
            progress=lambda msg: typer.echo(f"... {msg}", err=True),
        )
        typer.echo(format_table(result))
        for line in missing:
            typer.echo(f"skipped (not installed) {line}")
        if json_out is not None:
            data = result.to_dict()
            data["missing_peers"] = missing
            json_out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        if not result.ok:
            typer.echo(
                "FAILED: a measurement lost, duplicated or refused messages (see the ok column)", err=True
            )
            raise typer.Exit(1)
