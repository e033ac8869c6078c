from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pydicom.dataset import Dataset
from pydicom.uid import UID
from pynetdicom import AE

from radpilot.interop.dicom_read import read_dataset
from radpilot.interop.dimse import (
    OUT_OF_RESOURCES,
    PROCESSING_FAILURE,
    STORAGE_SOP_CLASSES,
    SUCCESS,
    StorageSCP,
    StoreContext,
    StoreRefused,
    parse_allowed_aets,
)
from radpilot.interop.sr import Observer, ReferencedInstance, StudyReference, build_report_sr

SC = "1.2.840.10008.5.1.4.1.1.7"
JPEG_BASELINE = "1.2.840.10008.1.2.4.50"


def send(port: int, calling: str, ds: Dataset, context: tuple[str, str]) -> tuple[bool, int | None]:
    ae = AE(ae_title=calling)
    ae.add_requested_context(*context)
    assoc = ae.associate("127.0.0.1", port, ae_title="RADPILOT")
    if not assoc.is_established:
        return False, None
    status = assoc.send_c_store(ds)
    assoc.release()
    return True, int(status.Status)


def test_allow_listed_sender_stores_real_jpeg_image(cxr_dcm: Path) -> None:
    received: list[tuple[Dataset, StoreContext]] = []
    with StorageSCP(
        lambda ds, ctx: received.append((ds, ctx)), port=0, allowed_calling_aets="ORTHANC, MODALITY"
    ) as scp:
        port = scp.address[1]
        ds = read_dataset(cxr_dcm)
        assert send(port, "MODALITY", ds, (SC, JPEG_BASELINE)) == (True, SUCCESS)
        assert send(port, "INTRUDER", ds, (SC, JPEG_BASELINE)) == (False, None)  # A-ASSOCIATE-RJ
    [(got, ctx)] = received
    assert got.SOPInstanceUID == ds.SOPInstanceUID and got.file_meta.TransferSyntaxUID == JPEG_BASELINE
    assert got.pixel_array.shape == (1024, 1024)
    assert (ctx.calling_ae_title, ctx.called_ae_title, ctx.peer_address) == (
        "MODALITY",
        "RADPILOT",
        "127.0.0.1",
    )


def test_empty_allow_list_accepts_loopback_and_sr() -> None:
    sr = build_report_sr(
        {"impression": "Normal."},
        StudyReference("2.25.1", (ReferencedInstance("2.25.2", "2.25.3", SC),), patient_id="P"),
        series_instance_uid="2.25.4", sop_instance_uid="2.25.5",
        observer=Observer("Curie^Marie", "Org", __import__("datetime").datetime(2024, 1, 1)),
    )  # fmt: skip
    received: list[str] = []
    with StorageSCP(
        lambda ds, ctx: received.append(ds.SOPInstanceUID), port=0, allowed_calling_aets=""
    ) as scp:
        assert scp.permitted("ANYONE", "127.0.0.1") and not scp.permitted("ANYONE", "10.1.2.3")
        ok = send(scp.address[1], "ANYONE", sr, ("1.2.840.10008.5.1.4.1.1.88.33", "1.2.840.10008.1.2.1"))
    assert ok == (True, SUCCESS) and received == ["2.25.5"]


def test_a_refusal_carries_its_status_and_reason(cxr_dcm: Path) -> None:
    def refuse(ds: Dataset, ctx: StoreContext) -> None:
        raise StoreRefused(0xC000, "PatientID differs from the patient of this AccessionNumber")

    with StorageSCP(refuse, port=0) as scp:
        ae = AE(ae_title="X")
        ae.add_requested_context(SC, JPEG_BASELINE)
        assoc = ae.associate("127.0.0.1", scp.address[1], ae_title="RADPILOT")
        rsp = assoc.send_c_store(read_dataset(cxr_dcm))
        assoc.release()
    assert rsp.Status == 0xC000
    assert rsp.ErrorComment == "PatientID differs from the patient of this AccessionNumber"


def test_a_fault_in_the_callback_is_no_reason_to_retry_and_its_message_is_not_logged(
    cxr_dcm: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(ds: Dataset, ctx: StoreContext) -> None:
        raise KeyError(f"no record for {ds.PatientName} {ds.PatientID}")  # a message that quotes the patient

    ds = read_dataset(cxr_dcm)
    ds.PatientName, ds.PatientID = "Doe^Jane", "MRN-4242"
    with StorageSCP(broken, port=0) as scp:
        assert send(scp.address[1], "X", ds, (SC, JPEG_BASELINE)) == (True, PROCESSING_FAILURE)
    assert "KeyError" in caplog.text and "in broken" in caplog.text  # the type and the frames
    assert "MRN-4242" not in caplog.text and "Doe^Jane" not in caplog.text


@pytest.mark.parametrize(
    ("change", "comment"),
    [
        (lambda ds: delattr(ds, "PixelData"), "image without Pixel Data (Type 1, PS3.3 C.7.6.3)"),
        (lambda ds: setattr(ds, "Rows", 0), "image with no Rows or Columns (Type 1, PS3.3 C.7.6.3)"),
    ],
)
def test_an_image_without_pixels_does_not_match_its_sop_class(
    change: Callable[[Dataset], None], comment: str
) -> None:
    from radpilot.interop.demo_study import build_demo_study

    ds = build_demo_study(seed="no-pixels").dataset
    change(ds)
    received: list[str] = []
    with StorageSCP(lambda ds, ctx: received.append(ds.SOPInstanceUID), port=0) as scp:
        ae = AE(ae_title="X")
        ae.add_requested_context(ds.SOPClassUID, ds.file_meta.TransferSyntaxUID)
        assoc = ae.associate("127.0.0.1", scp.address[1], ae_title="RADPILOT")
        rsp = assoc.send_c_store(ds)
        assoc.release()
    assert (rsp.Status, rsp.ErrorComment) == (0xA900, comment) and received == []


def test_callback_failure_is_reported_to_the_sender(cxr_dcm: Path) -> None:
    def broken(ds: Dataset, ctx: StoreContext) -> None:
        raise OSError("disk full")

    with StorageSCP(broken, port=0) as scp:
        assert send(scp.address[1], "X", read_dataset(cxr_dcm), (SC, JPEG_BASELINE)) == (
            True,
            OUT_OF_RESOURCES,
        )


def test_dataset_without_uids_is_refused() -> None:
    from pydicom.dataset import FileMetaDataset

    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = UID("1.2.840.10008.1.2.1")
    ds.SOPClassUID = SC
    ds.SOPInstanceUID = "2.25.9"
    ds.PatientID = "P"  # no Study/Series Instance UID
    with StorageSCP(lambda ds, ctx: None, port=0) as scp:
        ok, status = send(scp.address[1], "X", ds, (SC, "1.2.840.10008.1.2.1"))
    assert ok and status == 0xC000


def test_storage_classes_cover_the_modalities() -> None:
    assert set(STORAGE_SOP_CLASSES) == {"CR", "DX", "CT", "MR", "US", "MG", "SC", "SR"}


@pytest.mark.parametrize(("value", "expected"), [("A, B,,C ", {"A", "B", "C"}), ("", set()), (None, set())])
def test_parse_allowed_aets(value: str | None, expected: set[str]) -> None:
    assert parse_allowed_aets(value) == expected


def test_bad_ae_titles() -> None:
    with pytest.raises(ValueError, match="invalid AE title"):
        parse_allowed_aets("WAY_TOO_LONG_AE_TITLE")
    with pytest.raises(ValueError, match="unsupported modality"):
        StorageSCP(lambda ds, ctx: None, modalities=["XA"])
