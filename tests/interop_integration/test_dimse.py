"""C-STORE into RadPilot's SCP from two real senders: Orthanc (REST /modalities/{id}/store) and dcmtk storescu."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pydicom
import pytest
from pydicom.uid import UID

from radpilot.eval.interop_bench import IngestSink
from radpilot.eval.peers import OrthancServer, PeerError, storescu
from radpilot.interop.demo_study import DemoStudy
from radpilot.interop.dicom_read import to_bytes
from radpilot.interop.dimse import StorageSCP


def _uids(path: Path) -> tuple[str, str, bytes, UID]:
    ds = pydicom.dcmread(path)
    return (
        str(ds.SOPInstanceUID),
        str(ds.StudyInstanceUID),
        bytes(ds.PixelData),
        UID(ds.file_meta.TransferSyntaxUID),
    )


def test_orthanc_sends_a_study_and_radpilot_receives_every_instance(
    orthanc: OrthancServer, scp: StorageSCP, sink: IngestSink, demo: DemoStudy, real_cr_files: list[Path]
) -> None:
    # the two real files are the same SOP instance (MONOCHROME2 and MONOCHROME1 encodings): Orthanc keeps one
    # instance per UID, so each is sent in its own round and removed from Orthanc afterwards
    rounds = [
        [(to_bytes(demo.dataset), True), (real_cr_files[0].read_bytes(), False)],
        [(real_cr_files[1].read_bytes(), False)],
    ]
    for files in rounds:
        sent: dict[str, tuple[str, str, bytes]] = {}
        ids = []
        for data, _keep in files:
            ds = pydicom.dcmread(BytesIO(data))
            sent[str(ds.SOPInstanceUID)] = (
                str(ds.StudyInstanceUID),
                ds.PhotometricInterpretation,
                ds.PixelData,
            )
            orthanc_id = orthanc.upload(data)
            ids.append(orthanc_id)
        before = {uid: sink.counts[uid] for uid in sent}
        answer = orthanc.store_to_modality("radpilot", ids)
        assert int(answer.get("InstancesCount", len(ids))) == len(ids), answer
        for uid, (study_uid, photometric, pixels) in sent.items():
            assert sink.counts[uid] == before[uid] + 1, uid
            received = sink.datasets[uid]
            assert str(received.StudyInstanceUID) == study_uid
            assert received.PhotometricInterpretation == photometric
            # pixel data unchanged (Orthanc sends in the stored transfer syntax, JPEG Baseline included)
            assert bytes(received.PixelData) == bytes(pixels)
        for (_data, keep), orthanc_id in zip(files, ids, strict=True):
            if not keep:
                orthanc.delete(f"/instances/{orthanc_id}")
    assert sink.callers["ORTHANC"] >= 3


def test_a_calling_ae_title_not_on_the_allow_list_is_refused(
    orthanc: OrthancServer, scp: StorageSCP, sink: IngestSink, demo: DemoStudy
) -> None:
    orthanc_id = orthanc.upload(to_bytes(demo.dataset))
    before = sink.total
    with pytest.raises(PeerError, match="HTTP"):
        orthanc.store_to_modality("radpilot", [orthanc_id], local_aet="INTRUDER", timeout=30)
    assert sink.total == before
    assert "INTRUDER" not in sink.callers


def test_storescu_sends_to_radpilot(
    storescu_bin: str,
    scp: StorageSCP,
    sink: IngestSink,
    demo: DemoStudy,
    tmp_path: Path,
    real_cr_files: list[Path],
) -> None:
    demo_file = tmp_path / "demo.dcm"
    demo.dataset.save_as(demo_file, enforce_file_format=True)
    # the two real files share one SOP Instance UID: one association each, so each arrival can be checked
    for files in ([demo_file, real_cr_files[0]], [real_cr_files[1]]):
        sent = {path: _uids(path) for path in files}
        before = {uid: sink.counts[uid] for uid, *_ in sent.values()}
        result = storescu(files, scp.address[1], calling_aet="STORESCU", called_aet="RADPILOT", timeout=60)
        assert result.returncode == 0, result.output
        for uid, study_uid, pixels, syntax in sent.values():
            assert sink.counts[uid] == before[uid] + 1
            ds = sink.datasets[uid]
            assert str(ds.StudyInstanceUID) == study_uid
            assert bytes(ds.PixelData) == pixels
            if syntax.is_compressed:  # JPEG goes as JPEG; uncompressed may go as another uncompressed syntax
                assert ds.file_meta.TransferSyntaxUID == syntax
    assert sink.callers["STORESCU"] >= 3


def test_storescu_with_an_unknown_calling_ae_title_is_rejected(
    storescu_bin: str, scp: StorageSCP, sink: IngestSink, demo: DemoStudy, tmp_path: Path
) -> None:
    demo_file = tmp_path / "demo.dcm"
    demo.dataset.save_as(demo_file, enforce_file_format=True)
    before = sink.total
    result = storescu([demo_file], scp.address[1], calling_aet="INTRUDER", timeout=60)
    assert result.returncode != 0
    assert "Association Rejected" in result.output, result.output
    assert sink.total == before and "INTRUDER" not in sink.callers
