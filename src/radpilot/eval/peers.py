"""Real interop peers on loopback for the integration tests and ``radpilot bench interop``.

* :class:`OrthancServer` starts Debian's ``/usr/sbin/Orthanc`` with a temporary JSON configuration (HTTP and
  DICOM ports picked free, storage in a given folder, the DICOMweb plugin from the ``orthanc-dicomweb``
  package, ``RemoteAccessAllowed`` and ``AuthenticationEnabled`` false, DICOM modalities pointing at
  RadPilot's C-STORE SCP) and stops it again. Its REST API (``/instances``, ``/modalities/{id}/store``) and
  DICOMweb root (``/dicom-web``) are what the tests and the benchmark drive.
* :func:`storescu` runs dcmtk's ``storescu`` (a second, independent C-STORE sender).

Missing binaries raise :class:`PeerMissingError`, whose message names ``scripts/ci_orthanc.sh`` (it installs
``orthanc``, ``orthanc-dicomweb`` and ``dcmtk`` on Debian 12).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ORTHANC_BINARY = "/usr/sbin/Orthanc"
PLUGIN_NAME = "libOrthancDicomWeb.so"
PLUGIN_DIRS = (
    "/usr/share/orthanc/plugins",
    "/usr/lib/orthanc/plugins",
    "/usr/lib/x86_64-linux-gnu/orthanc/plugins",
    "/usr/lib/aarch64-linux-gnu/orthanc/plugins",
)
INSTALL_HINT = "run `sudo bash scripts/ci_orthanc.sh` (installs Debian's orthanc, orthanc-dicomweb and dcmtk)"


class PeerMissingError(RuntimeError):
    """A real peer (Orthanc, its DICOMweb plugin, dcmtk) is not installed."""


class PeerError(RuntimeError):
    """A real peer did not start or answered with an error."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def find_orthanc() -> str:
    path = os.environ.get("RADPILOT_ORTHANC_BINARY", ORTHANC_BINARY)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise PeerMissingError(f"Orthanc is not installed ({path} not found): {INSTALL_HINT}")
    return path


def find_dicomweb_plugin() -> str:
    override = os.environ.get("RADPILOT_ORTHANC_DICOMWEB_PLUGIN")
    candidates = [override] if override else [os.path.join(d, PLUGIN_NAME) for d in PLUGIN_DIRS]
    for path in candidates:
        if path and os.path.isfile(path):
            return path
    raise PeerMissingError(
        f"the Orthanc DICOMweb plugin ({PLUGIN_NAME}) is not installed (looked in "
        f"{', '.join(c for c in candidates if c)}): {INSTALL_HINT}"
    )


def find_storescu() -> str:
    """dcmtk's storescu: the first one on PATH that says it is dcmtk's (pynetdicom installs a ``storescu`` of its
    own into the virtual environment's bin, with other arguments)."""
    seen: set[str] = set()
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        path = shutil.which("storescu", path=folder or ".")
        if path is None or os.path.realpath(path) in seen:
            continue
        seen.add(os.path.realpath(path))
        try:
            out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            continue
        if "dcmtk" in (out.stdout + out.stderr).lower():
            return path
    raise PeerMissingError(f"dcmtk's storescu is not on PATH: {INSTALL_HINT}")


@dataclass
class OrthancServer:
    """One Orthanc process on loopback; use as a context manager or call :meth:`start` / :meth:`stop`."""

    workdir: Path
    aet: str = "ORTHANC"
    #: modality id -> (AE title, host, port), e.g. ``{"radpilot": ("RADPILOT", "127.0.0.1", 11112)}``
    modalities: Mapping[str, tuple[str, str, int]] = field(default_factory=dict)
    startup_timeout: float = 30.0
    http_port: int = 0
    dicom_port: int = 0
    _process: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)
    _http: httpx.Client | None = field(default=None, init=False, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def dicomweb_url(self) -> str:
        return f"{self.url}/dicom-web"

    @property
    def log_path(self) -> Path:
        return self.workdir / "orthanc.log"

    def configuration(self) -> dict[str, Any]:
        storage = self.workdir / "storage"
        return {
            "Name": "radpilot-test-orthanc",
            "StorageDirectory": str(storage),
            "IndexDirectory": str(storage),
            "StorageCompression": False,
            "HttpPort": self.http_port,
            "DicomPort": self.dicom_port,
            "DicomAet": self.aet,
            "RemoteAccessAllowed": False,
            "AuthenticationEnabled": False,
            "HttpCompressionEnabled": False,
            "DicomCheckCalledAet": False,
            "DicomModalities": {k: [aet, host, port] for k, (aet, host, port) in self.modalities.items()},
            "Plugins": [find_dicomweb_plugin()],
            "DicomWeb": {"Enable": True, "Root": "/dicom-web/", "EnableWado": False},
            "ConcurrentJobs": 2,
            "LimitFindResults": 0,
            "LimitFindInstances": 0,
            "SaveJobs": False,
        }

    def start(self) -> OrthancServer:
        binary = find_orthanc()
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.http_port = self.http_port or free_port()
        self.dicom_port = self.dicom_port or free_port()
        config = self.workdir / "orthanc.json"
        config.write_text(json.dumps(self.configuration(), indent=2), encoding="utf-8")
        log = self.log_path.open("wb")
        try:
            self._process = subprocess.Popen(
                [binary, str(config)],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=self.workdir,
                start_new_session=True,
            )
        finally:
            log.close()
        self._http = httpx.Client(base_url=self.url, timeout=60.0)
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            rc = self._process.poll()
            if rc is not None:
                self._process = None
                raise PeerError(f"Orthanc exited with status {rc} at startup; log tail:\n{self.log_tail()}")
            try:
                if self._http.get("/system").status_code == 200 and "dicom-web" in self.get("/plugins"):
                    return self
            except (httpx.HTTPError, PeerError):
                pass
            time.sleep(0.1)
        self.stop()
        raise PeerError(f"Orthanc did not answer on {self.url} within {self.startup_timeout:.0f} s")

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None
        proc, self._process = self._process, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)

    def __enter__(self) -> OrthancServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- REST ---------------------------------------------------------------------------------------------

    @property
    def http(self) -> httpx.Client:
        if self._http is None:
            raise PeerError("Orthanc is not running")
        return self._http

    def _check(self, resp: httpx.Response) -> Any:
        if resp.status_code >= 400:
            raise PeerError(
                f"Orthanc {resp.request.method} {resp.request.url.path}: HTTP {resp.status_code} {resp.text}"
            )
        return resp.json() if resp.content else None

    def get(self, path: str, **params: Any) -> Any:
        return self._check(self.http.get(path, params=params))

    def post(self, path: str, body: Any) -> Any:
        if isinstance(body, bytes):
            return self._check(self.http.post(path, content=body))
        return self._check(self.http.post(path, json=body))

    def delete(self, path: str) -> None:
        self._check(self.http.delete(path))

    def upload(self, data: bytes) -> str:
        """``POST /instances`` with a DICOM file; returns Orthanc's instance id."""
        answer = self.post("/instances", data)
        if not isinstance(answer, dict) or "ID" not in answer:
            raise PeerError(f"Orthanc did not store the instance: {answer!r}")
        return str(answer["ID"])

    def store_to_modality(
        self, modality: str, resources: Sequence[str], *, local_aet: str | None = None, timeout: float = 600.0
    ) -> dict[str, Any]:
        """``POST /modalities/{id}/store`` (synchronous C-STORE of the given Orthanc resources)."""
        body: dict[str, Any] = {"Resources": list(resources), "Synchronous": True, "Timeout": int(timeout)}
        if local_aet:
            body["LocalAet"] = local_aet
        resp = self.http.post(f"/modalities/{modality}/store", json=body, timeout=timeout)
        answer = self._check(resp)
        return dict(answer) if isinstance(answer, dict) else {"answer": answer}

    def instance_tags(self, orthanc_id: str) -> dict[str, Any]:
        return dict(self.get(f"/instances/{orthanc_id}/simplified-tags"))

    def find_series(self, series_instance_uid: str) -> str:
        """Orthanc's id of a series, by SeriesInstanceUID (``POST /tools/lookup``)."""
        for hit in self.post("/tools/lookup", series_instance_uid.encode("ascii")) or []:
            if hit.get("Type") == "Series":
                return str(hit["ID"])
        raise PeerError(f"Orthanc has no series {series_instance_uid}")

    def find_instances(self, **query: str) -> list[str]:
        """``POST /tools/find`` at instance level; returns Orthanc instance ids."""
        answer = self.post("/tools/find", {"Level": "Instance", "Query": dict(query)})
        return [str(x) for x in answer]


@dataclass(frozen=True, slots=True)
class StorescuResult:
    returncode: int
    seconds: float
    output: str


def storescu(
    files_or_dirs: Sequence[str | Path],
    port: int,
    *,
    host: str = "127.0.0.1",
    calling_aet: str = "STORESCU",
    called_aet: str = "RADPILOT",
    timeout: float = 600.0,
) -> StorescuResult:
    """Send files (folders are scanned) with dcmtk's ``storescu`` in one association; a non-zero return code
    means a file was not stored (or the association was refused).

    ``-xy`` makes storescu also propose JPEG Baseline, so JPEG files (the SIIM/NIH CR) go in their own transfer
    syntax; by default storescu 3.6.7 proposes only uncompressed ones and fails converting them."""
    binary = find_storescu()
    args = [binary, "-aet", calling_aet, "-aec", called_aet, "-xy", "+sd"]
    args += [host, str(port), *[str(p) for p in files_or_dirs]]
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, timeout=timeout, check=False)
    elapsed = time.perf_counter() - start
    text = (proc.stdout + proc.stderr).decode("utf-8", errors="replace")
    return StorescuResult(returncode=proc.returncode, seconds=elapsed, output=text)
