from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from radpilot.interop.dicom_read import DicomReadError, read_instance
from radpilot.interop.dicomweb import (
    DICOMwebClient,
    DICOMwebError,
    MultipartError,
    decode_multipart_related,
    dicom_parts,
    encode_multipart_related,
    json_value,
    parse_content_type,
    store_response,
)


@pytest.mark.parametrize(
    ("header", "media", "params"),
    [
        ('multipart/related; type="application/dicom"; boundary=abc', "multipart/related",
         {"type": "application/dicom", "boundary": "abc"}),
        ('Multipart/Related;boundary="a;b c";type=application/dicom', "multipart/related",
         {"type": "application/dicom", "boundary": "a;b c"}),
    ],
)  # fmt: skip
def test_parse_content_type(header: str, media: str, params: dict[str, str]) -> None:
    assert parse_content_type(header) == (media, params)


def test_multipart_round_trip_keeps_bytes_exactly() -> None:
    parts = [b"\x00\r\n--not-the-boundary\r\n", b"second", b""]
    body, ctype = encode_multipart_related(parts)
    assert dicom_parts(body, ctype) == parts


def test_decode_accepts_preamble_and_epilogue() -> None:
    body = b"preamble\r\n--B\r\nContent-Type: application/dicom\r\n\r\nDATA\r\n--B--\r\nepilogue"
    [part] = decode_multipart_related(body, 'multipart/related; type="application/dicom"; boundary=B')
    assert part.content == b"DATA" and part.content_type == "application/dicom"


@pytest.mark.parametrize(
    ("body", "ctype", "message"),
    [
        (b"x", "application/dicom", "expected multipart/related"),
        (b"x", "multipart/related", "no boundary"),
        (b"nothing here", "multipart/related; boundary=B", "does not occur"),
        (b"--B\r\nContent-Type: application/dicom\r\n\r\nDATA", "multipart/related; boundary=B", "truncated"),
        (b"--B\r\nbad header line\r\n\r\nX\r\n--B--", "multipart/related; boundary=B", "malformed header"),
        (b"--B--\r\n", "multipart/related; boundary=B", "no parts"),
    ],
)
def test_decode_errors(body: bytes, ctype: str, message: str) -> None:
    with pytest.raises(MultipartError, match=message):
        decode_multipart_related(body, ctype)


def test_dicom_parts_refuses_other_types() -> None:
    body, ctype = encode_multipart_related([(b"{}", "application/json")], content_type="application/dicom")
    with pytest.raises(MultipartError, match="part 1 is application/json"):
        dicom_parts(body, ctype)
    with pytest.raises(MultipartError, match='type="application/dicom\\+xml"'):
        dicom_parts(body, ctype.replace('type="application/dicom"', 'type="application/dicom+xml"'))


class FakePACS:
    """A tiny DICOMweb origin server on 127.0.0.1 (QIDO-RS, WADO-RS, STOW-RS) over an in-memory store."""

    def __init__(self, instances: list[bytes]) -> None:
        self.store: dict[str, tuple[Any, bytes]] = {}
        for data in instances:
            self.add(data)
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        pacs = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _send(self, status: int, body: bytes = b"", ctype: str = "application/dicom+json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                url = urlparse(self.path)
                pacs.requests.append(("GET", self.path, dict(self.headers)))
                parts = url.path.strip("/").split("/")[1:]  # drop the "dicom-web" root
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                metas = [m for m, _ in pacs.store.values()]
                if parts == ["studies"]:
                    hits = [
                        m for m in metas if all(str(getattr(m, _snake(k), "")) == v for k, v in query.items())
                    ]
                    seen: dict[str, Any] = {m.study_instance_uid: m for m in hits}
                    items = [{"0020000D": {"vr": "UI", "Value": [m.study_instance_uid]},
                              "00080050": {"vr": "SH", "Value": [m.accession_number]},
                              "00100010": {"vr": "PN", "Value": [{"Alphabetic": m.patient_name}]}}
                             for m in seen.values()]  # fmt: skip
                    return self._send(200 if items else 204, json.dumps(items).encode() if items else b"")
                if len(parts) >= 2 and parts[0] == "studies":
                    wanted = [d for m, d in pacs.store.values() if m.study_instance_uid == parts[1]]
                    if len(parts) == 6:
                        wanted = [d for m, d in pacs.store.values() if m.sop_instance_uid == parts[5]]
                    if not wanted:
                        return self._send(404)
                    body, ctype = encode_multipart_related(wanted)
                    return self._send(200, body, ctype)
                return self._send(404)

            def do_POST(self) -> None:
                pacs.requests.append(("POST", self.path, dict(self.headers)))
                body = self.rfile.read(int(self.headers["Content-Length"]))
                try:
                    parts = dicom_parts(body, self.headers["Content-Type"])
                except MultipartError:
                    return self._send(400)
                stored, failed = [], []
                for data in parts:
                    try:
                        meta = pacs.add(data)
                        stored.append((meta.sop_class_uid, meta.sop_instance_uid))
                    except DicomReadError:
                        failed.append(("", "", 0xC000))
                status = 200 if not failed else (202 if stored else 409)
                self._send(status, json.dumps(store_response(stored, failed)).encode())

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def add(self, data: bytes) -> Any:
        _, meta = read_instance(data)
        self.store[meta.sop_instance_uid] = (meta, data)
        return meta

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/dicom-web"


def _snake(keyword: str) -> str:
    return {
        "AccessionNumber": "accession_number",
        "PatientID": "patient_id",
        "StudyInstanceUID": "study_instance_uid",
    }[keyword]


@pytest.fixture()
def pacs(cxr_dcm: Path) -> Iterator[FakePACS]:
    from radpilot.interop.demo_study import build_demo_study
    from radpilot.interop.dicom_read import to_bytes

    server = FakePACS([to_bytes(build_demo_study().dataset)])
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


def test_qido_search_by_accession(pacs: FakePACS) -> None:
    from radpilot.interop.demo_study import build_demo_study

    demo = build_demo_study()
    with DICOMwebClient(pacs.url) as client:
        [hit] = client.search_studies(accession_number=demo.accession_number)
        assert json_value(hit, "0020000D") == demo.study_instance_uid
        assert json_value(hit, "00100010") == "Demo^Patient"
        assert client.search_studies(accession_number="NOPE") == []
    _method, path, headers = pacs.requests[0]
    assert (
        path.startswith("/dicom-web/studies?AccessionNumber=")
        and headers["Accept"] == "application/dicom+json"
    )


def test_wado_retrieve_study_and_instance(pacs: FakePACS) -> None:
    from radpilot.interop.demo_study import build_demo_study

    demo = build_demo_study()
    with DICOMwebClient(pacs.url) as client:
        [ds] = client.retrieve_study_datasets(demo.study_instance_uid)
        assert ds.SOPInstanceUID == demo.sop_instance_uid
        data = client.retrieve_instance(
            demo.study_instance_uid, demo.series_instance_uid, demo.sop_instance_uid
        )
        assert read_instance(data)[1].accession_number == demo.accession_number
        with pytest.raises(DICOMwebError, match="HTTP 404") as info:
            client.retrieve_study("1.2.3.4")
        assert info.value.status_code == 404
    assert 'type="application/dicom"' in pacs.requests[0][2]["Accept"]


def test_stow_store_real_instance_then_find_it(pacs: FakePACS, cxr_dcm: Path) -> None:
    data = cxr_dcm.read_bytes()
    _, meta = read_instance(data)
    with DICOMwebClient(pacs.url) as client:
        result = client.store_instances([data])
        assert result.status_code == 200 and result.stored == [meta.sop_instance_uid] and result.failed == []
        [ds] = client.retrieve_study_datasets(meta.study_instance_uid)
        assert ds.pixel_array.shape == (1024, 1024)  # JPEG Baseline survived the trip byte for byte
        partial = client.store_instances([data, b"\x00" * 200])
        assert partial.status_code == 202 and partial.failed == [("", 0xC000)]


def test_connection_errors_are_clear() -> None:
    with (
        DICOMwebClient("http://127.0.0.1:9/dicom-web", timeout=1) as client,
        pytest.raises(DICOMwebError, match="failed"),
    ):
        client.search_studies(accession_number="A")
    with pytest.raises(ValueError, match="http"):
        DICOMwebClient("ftp://pacs")
