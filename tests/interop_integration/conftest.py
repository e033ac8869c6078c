"""Real peers for the interop integration tests: one Orthanc (with its DICOMweb plugin) and RadPilot's C-STORE
SCP per test session, both on 127.0.0.1, stopped at the end.

Orthanc, the DICOMweb plugin and dcmtk are required: when one is missing the tests FAIL (never skip) with a
message naming ``scripts/ci_orthanc.sh``, which installs them on Debian 12.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from radpilot.eval.interop_bench import IngestSink
from radpilot.eval.peers import (
    OrthancServer,
    PeerMissingError,
    find_dicomweb_plugin,
    find_orthanc,
    find_storescu,
    free_port,
)
from radpilot.interop.demo_study import DemoStudy, build_demo_study
from radpilot.interop.dimse import StorageSCP

SCP_AET = "RADPILOT"
#: calling AE titles RadPilot accepts (RADPILOT_DICOM_ALLOWED_AETS)
ALLOWED_AETS = ("ORTHANC", "STORESCU")
CXR_DIR = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "cxr"
if not CXR_DIR.exists():
    CXR_DIR = Path("/work/shared/data/cxr")
REAL_CR_FILES = ("siim_nih_cr.dcm", "siim_nih_cr_monochrome1.dcm")


def _require(finder: Callable[[], str]) -> str:
    """The peer's path; a missing peer FAILS the test (these tests must run in CI, never skip)."""
    try:
        return finder()
    except PeerMissingError as exc:
        message = str(exc)
    pytest.fail(message, pytrace=False)


@pytest.fixture(scope="session")
def storescu_bin() -> str:
    return _require(find_storescu)


@pytest.fixture(scope="session")
def sink() -> IngestSink:
    """What RadPilot's SCP received (SOP Instance UID -> count, calling AE titles, the data sets)."""
    return IngestSink(keep_datasets=True)


@pytest.fixture(scope="session")
def scp(sink: IngestSink) -> Iterator[StorageSCP]:
    server = StorageSCP(sink, ae_title=SCP_AET, port=free_port(), allowed_calling_aets=ALLOWED_AETS)
    with server:
        yield server


@pytest.fixture(scope="session")
def orthanc(tmp_path_factory: pytest.TempPathFactory, scp: StorageSCP) -> Iterator[OrthancServer]:
    _require(find_orthanc)
    _require(find_dicomweb_plugin)
    server = OrthancServer(
        tmp_path_factory.mktemp("orthanc"),
        modalities={"radpilot": (SCP_AET, "127.0.0.1", scp.address[1])},
    )
    with server:
        yield server


@pytest.fixture(scope="session")
def demo() -> DemoStudy:
    return build_demo_study("radpilot-interop-integration")


@pytest.fixture(scope="session")
def real_cr_files() -> list[Path]:
    """The real CR radiographs, read in place (never copied into the repository)."""
    paths = [CXR_DIR / name for name in REAL_CR_FILES]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        pytest.skip(f"real chest radiographs not available: {', '.join(missing)}")
    return paths
