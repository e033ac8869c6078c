"""The workflow service's listeners (``radpilot serve --dicom-port --hl7-port``) fed by real peers: an order
over MLLP from python-hl7's client, then the images by C-STORE from Orthanc; the study is filed once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import hl7
import hl7.client
import pytest
from sqlalchemy import func, select

from radpilot.eval.interop_bench import orm_o01
from radpilot.eval.peers import OrthancServer, free_port
from radpilot.interop.demo_study import DemoStudy
from radpilot.interop.dicom_read import to_bytes
from radpilot.interop.hl7v2 import parse_ack
from radpilot.service.intake import Listeners
from radpilot.store.db import Database
from radpilot.store.migrate import upgrade
from radpilot.store.models import Instance, Order, Study


@pytest.fixture()
def listeners(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Database, Listeners]]:
    monkeypatch.setenv("RADPILOT_DICOM_ALLOWED_AETS", "ORTHANC")
    db = Database(f"sqlite:///{tmp_path / 'radpilot.sqlite'}")
    upgrade(db)
    lst = Listeners(
        db,
        host="127.0.0.1",
        dicom_port=free_port(),
        ae_title="RADPILOT",
        hl7_port=0,
        folder=tmp_path / "dicom",
    ).start()
    yield db, lst
    lst.stop()
    db.dispose()


def test_order_then_images_from_real_peers(
    orthanc: OrthancServer, demo: DemoStudy, listeners: tuple[Database, Listeners]
) -> None:
    db, lst = listeners
    host, port = lst.mllp.address
    with hl7.client.MLLPClient(host, port) as client:
        # the order is for the patient the images are of: an instance of another patient is refused
        raw = client.send_message(orm_o01("SVC0001", demo.accession_number, patient_id=demo.patient_id))
    assert parse_ack(raw.strip(b"\x0b\x1c\r")).code == "AA"

    scp_port = lst.scp.address[1]
    added = orthanc.http.put(
        "/modalities/service", json={"AET": "RADPILOT", "Host": "127.0.0.1", "Port": scp_port}
    )
    assert added.status_code == 200, added.text
    orthanc_id = orthanc.upload(to_bytes(demo.dataset))
    orthanc.store_to_modality("service", [orthanc_id])
    orthanc.store_to_modality("service", [orthanc_id])  # a repeated instance is filed once

    with db.read() as s:
        order = s.scalar(select(Order).where(Order.accession == demo.accession_number))
        assert order is not None
        study = s.scalar(select(Study).where(Study.order_id == order.id))
        assert study is not None and study.study_instance_uid == demo.study_instance_uid
        count = s.scalar(
            select(func.count(Instance.id)).where(Instance.sop_instance_uid == demo.sop_instance_uid)
        )
        assert count == 1
        path = s.scalar(select(Instance.path).where(Instance.sop_instance_uid == demo.sop_instance_uid))
    assert path is not None
    stored = Path(path) if Path(path).is_absolute() else lst.folder / path
    assert stored.is_file()
