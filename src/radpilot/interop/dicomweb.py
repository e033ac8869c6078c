"""DICOMweb (PS3.18) client over httpx, and the multipart/related codec that STOW-RS and WADO-RS use.

* QIDO-RS Search Transaction (PS3.18 Section 10.6): ``GET {base}/studies?AccessionNumber=...``, series and
  instances, answered as ``application/dicom+json`` (PS3.18 Annex F).
* WADO-RS Retrieve Transaction (PS3.18 Section 10.4): ``GET {base}/studies/{uid}[/series/{uid}[/instances/
  {uid}]]`` with ``Accept: multipart/related; type="application/dicom"; transfer-syntax=*``.
* STOW-RS Store Transaction (PS3.18 Section 10.5): ``POST {base}/studies`` with a ``multipart/related;
  type="application/dicom"`` body; the response's Failed SOP Sequence (0008,1198) and Referenced SOP
  Sequence (0008,1199) say what was stored.

The multipart codec follows RFC 2046 Section 5.1 / RFC 2387 and is shared with RadPilot's own STOW-RS route.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from pydicom.dataset import Dataset

from radpilot.interop.dicom_read import DicomReadError, read_dataset, to_bytes

DICOM_JSON = "application/dicom+json"
DICOM = "application/dicom"


class MultipartError(ValueError):
    """A multipart/related body that does not follow RFC 2046."""


class DICOMwebError(RuntimeError):
    """A DICOMweb request failed (HTTP error, unexpected media type, unreadable payload)."""

    def __init__(self, message: str, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


@dataclass(frozen=True, slots=True)
class Part:
    headers: dict[str, str]  # lower-cased names
    content: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "text/plain")


# --- multipart/related ---------------------------------------------------------------------------------------------

_PARAM_RE = re.compile(r';\s*([A-Za-z0-9_.\-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')


def parse_content_type(header: str) -> tuple[str, dict[str, str]]:
    """``multipart/related; type="application/dicom"; boundary=x`` -> (media type, {param: value})."""
    media, _, rest = header.partition(";")
    params = {}
    for m in _PARAM_RE.finditer(";" + rest):
        value = m.group(2).strip()
        if value.startswith('"') and value.endswith('"') and len(value) >= 2:
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        params[m.group(1).lower()] = value
    return media.strip().lower(), params


def encode_multipart_related(
    parts: Iterable[bytes | tuple[bytes, str]],
    *,
    content_type: str = DICOM,
    boundary: str | None = None,
) -> tuple[bytes, str]:
    """Encode parts; returns ``(body, Content-Type header)``. A part is bytes (of ``content_type``) or
    ``(bytes, its own content type)``."""
    boundary = boundary or f"radpilot-{secrets.token_hex(16)}"
    delimiter = f"--{boundary}".encode("ascii")
    chunks: list[bytes] = []
    count = 0
    for part in parts:
        data, ctype = (part, content_type) if isinstance(part, bytes) else part
        if delimiter in data:
            raise MultipartError("a part contains the boundary; choose another boundary")
        chunks += [delimiter, b"\r\nContent-Type: ", ctype.encode("ascii"), b"\r\n\r\n", data, b"\r\n"]
        count += 1
    if count == 0:
        raise MultipartError("a multipart/related body needs at least one part")
    chunks += [delimiter, b"--\r\n"]
    header = f'multipart/related; type="{content_type}"; boundary={boundary}'
    return b"".join(chunks), header


def decode_multipart_related(body: bytes, content_type_header: str) -> list[Part]:
    """Split a multipart/related body into parts (RFC 2046 Section 5.1.1)."""
    media, params = parse_content_type(content_type_header)
    if media != "multipart/related":
        raise MultipartError(f"expected multipart/related, got {media or '(no Content-Type)'}")
    boundary = params.get("boundary")
    if not boundary:
        raise MultipartError("the Content-Type has no boundary parameter")
    delimiter = b"--" + boundary.encode("latin-1")
    # the first delimiter may start the body; later ones follow a CRLF
    if body.startswith(delimiter):
        body = b"\r\n" + body
    pieces = body.split(b"\r\n" + delimiter)
    if len(pieces) < 2:
        raise MultipartError(f"the boundary {boundary!r} does not occur in the body")
    parts: list[Part] = []
    closed = False
    for piece in pieces[1:]:
        if piece.startswith(b"--"):
            closed = True
            break
        # transport padding (whitespace) may follow the delimiter, then CRLF
        line_end = piece.find(b"\r\n")
        if line_end < 0 or piece[:line_end].strip(b" \t"):
            raise MultipartError("malformed delimiter line in the multipart body")
        piece = piece[line_end + 2 :]
        head_end = piece.find(b"\r\n\r\n")
        if piece.startswith(b"\r\n"):
            raw_headers, content = b"", piece[2:]
        elif head_end < 0:
            raise MultipartError(f"part {len(parts) + 1} has no blank line after its headers")
        else:
            raw_headers, content = piece[:head_end], piece[head_end + 4 :]
        headers = {}
        for line in raw_headers.decode("latin-1").split("\r\n"):
            if not line.strip():
                continue
            name, sep, value = line.partition(":")
            if not sep:
                raise MultipartError(f"part {len(parts) + 1} has a malformed header line {line!r}")
            headers[name.strip().lower()] = value.strip()
        parts.append(Part(headers=headers, content=content))
    if not closed:
        raise MultipartError("the multipart body is truncated: the closing delimiter is missing")
    if not parts:
        raise MultipartError("the multipart body has no parts")
    return parts


def dicom_parts(body: bytes, content_type_header: str) -> list[bytes]:
    """The application/dicom parts of a STOW-RS request or WADO-RS response; other part types are refused."""
    _, params = parse_content_type(content_type_header)
    declared = params.get("type", DICOM).lower()
    if declared != DICOM:
        raise MultipartError(f'type="{declared}" is not supported; use type="application/dicom"')
    out = []
    for i, part in enumerate(decode_multipart_related(body, content_type_header), start=1):
        media, _ = parse_content_type(part.headers.get("content-type", DICOM))
        if media != DICOM:
            raise MultipartError(f"part {i} is {media}, expected application/dicom")
        out.append(part.content)
    return out


# --- DICOM JSON (PS3.18 Annex F) ------------------------------------------------------------------------------------


def json_value(item: Mapping[str, Any], tag: str) -> Any:
    """First value of ``tag`` (8 hex digits, e.g. ``"0020000D"``) in a DICOM JSON object, or None.
    Person names come back as their Alphabetic form."""
    element = item.get(tag.upper())
    if not element:
        return None
    values = element.get("Value")
    if not values:
        return None
    value = values[0]
    if isinstance(value, dict) and "Alphabetic" in value:
        return value["Alphabetic"]
    return value


@dataclass(frozen=True, slots=True)
class StoreResult:
    """STOW-RS outcome: stored (Referenced SOP Sequence) and failed (Failed SOP Sequence, with Failure Reason)."""

    status_code: int
    stored: list[str] = field(default_factory=list)
    failed: list[tuple[str, int | None]] = field(default_factory=list)


def _parse_store_response(resp: httpx.Response) -> StoreResult:
    stored: list[str] = []
    failed: list[tuple[str, int | None]] = []
    media, _ = parse_content_type(resp.headers.get("content-type", ""))
    if resp.content and media in (DICOM_JSON, "application/json"):
        try:
            payload = resp.json()
        except ValueError:
            payload = {}
        if isinstance(payload, list):  # some servers wrap the object in a list
            payload = payload[0] if payload else {}
        for item in (payload.get("00081199") or {}).get("Value") or []:
            uid = json_value(item, "00081155")
            if uid:
                stored.append(str(uid))
        for item in (payload.get("00081198") or {}).get("Value") or []:
            uid = json_value(item, "00081155")
            reason = json_value(item, "00081197")
            failed.append((str(uid or ""), int(reason) if reason is not None else None))
    return StoreResult(status_code=resp.status_code, stored=stored, failed=failed)


# --- client --------------------------------------------------------------------------------------------------------


class DICOMwebClient:
    """A small DICOMweb client for one service root (e.g. ``http://orthanc:8042/dicom-web``)."""

    def __init__(
        self,
        base_url: str,
        *,
        headers: Mapping[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"DICOMweb base URL must be http(s)://..., got {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(
            headers=dict(headers or {}),
            auth=auth,
            timeout=timeout,
            transport=transport,
            follow_redirects=True,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> DICOMwebClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        url = f"{self.base_url}/{path.lstrip('/')}"
        try:
            resp = self._http.request(method, url, **kwargs)
        except httpx.HTTPError as exc:
            raise DICOMwebError(f"{method} {url} failed: {exc}") from None
        except httpx.InvalidURL as exc:  # not an HTTPError: a malformed host or port in the service root
            raise DICOMwebError(f"{method} {url}: not a valid URL ({exc})") from None
        return resp

    # QIDO-RS
    def _search(self, path: str, params: Mapping[str, str | int]) -> list[dict[str, Any]]:
        resp = self._request("GET", path, params=dict(params), headers={"Accept": DICOM_JSON})
        if resp.status_code == 204:
            return []
        if resp.status_code != 200:
            raise DICOMwebError(f"QIDO-RS {path} returned HTTP {resp.status_code}", resp.status_code)
        try:
            payload = resp.json() if resp.content else []
        except ValueError:
            raise DICOMwebError(f"QIDO-RS {path} did not return DICOM JSON", resp.status_code) from None
        if not isinstance(payload, list):
            raise DICOMwebError(f"QIDO-RS {path} returned {type(payload).__name__}, expected a JSON array")
        return [dict(x) for x in payload]

    def search_studies(
        self,
        *,
        accession_number: str | None = None,
        patient_id: str | None = None,
        study_instance_uid: str | None = None,
        limit: int | None = None,
        include_fields: Sequence[str] = (),
    ) -> list[dict[str, Any]]:
        """QIDO-RS Search for Studies (PS3.18 10.6.1.2); matching keys are DICOM keywords."""
        params: dict[str, str | int] = {}
        if accession_number is not None:
            params["AccessionNumber"] = accession_number
        if patient_id is not None:
            params["PatientID"] = patient_id
        if study_instance_uid is not None:
            params["StudyInstanceUID"] = study_instance_uid
        if limit is not None:
            params["limit"] = limit
        if include_fields:
            params["includefield"] = ",".join(include_fields)
        return self._search("studies", params)

    def search_series(self, study_instance_uid: str) -> list[dict[str, Any]]:
        return self._search(f"studies/{study_instance_uid}/series", {})

    def search_instances(
        self, study_instance_uid: str, series_instance_uid: str | None = None
    ) -> list[dict[str, Any]]:
        path = f"studies/{study_instance_uid}"
        if series_instance_uid:
            path += f"/series/{series_instance_uid}"
        return self._search(path + "/instances", {})

    # WADO-RS
    def _retrieve(self, path: str) -> list[bytes]:
        accept = f'multipart/related; type="{DICOM}"; transfer-syntax=*'
        resp = self._request("GET", path, headers={"Accept": accept})
        if resp.status_code not in (200, 206):
            raise DICOMwebError(f"WADO-RS {path} returned HTTP {resp.status_code}", resp.status_code)
        try:
            return dicom_parts(resp.content, resp.headers.get("content-type", ""))
        except MultipartError as exc:
            raise DICOMwebError(f"WADO-RS {path}: {exc}", resp.status_code) from None

    def retrieve_study(self, study_instance_uid: str) -> list[bytes]:
        """WADO-RS Retrieve Study: every instance, as DICOM Part 10 bytes."""
        return self._retrieve(f"studies/{study_instance_uid}")

    def retrieve_series(self, study_instance_uid: str, series_instance_uid: str) -> list[bytes]:
        return self._retrieve(f"studies/{study_instance_uid}/series/{series_instance_uid}")

    def retrieve_instance(
        self, study_instance_uid: str, series_instance_uid: str, sop_instance_uid: str
    ) -> bytes:
        parts = self._retrieve(
            f"studies/{study_instance_uid}/series/{series_instance_uid}/instances/{sop_instance_uid}"
        )
        if len(parts) != 1:
            raise DICOMwebError(f"WADO-RS instance retrieve returned {len(parts)} parts, expected 1")
        return parts[0]

    def retrieve_study_datasets(self, study_instance_uid: str) -> list[Dataset]:
        """Retrieve and read a study; a part that is not valid DICOM raises :class:`DICOMwebError`."""
        out: list[Dataset] = []
        for i, data in enumerate(self.retrieve_study(study_instance_uid), start=1):
            try:
                out.append(read_dataset(data))
            except DicomReadError as exc:
                raise DICOMwebError(f"WADO-RS part {i} is not valid DICOM: {exc}") from None
        return out

    # STOW-RS
    def store_instances(
        self, instances: Sequence[bytes | Dataset], study_instance_uid: str | None = None
    ) -> StoreResult:
        """STOW-RS Store Instances; HTTP 200 all stored, 202 some failed, 409 all failed (PS3.18 10.5.3)."""
        payloads = [x if isinstance(x, bytes) else to_bytes(x) for x in instances]
        body, ctype = encode_multipart_related(payloads)
        path = f"studies/{study_instance_uid}" if study_instance_uid else "studies"
        resp = self._request(
            "POST", path, content=body, headers={"Content-Type": ctype, "Accept": DICOM_JSON}
        )
        if resp.status_code not in (200, 202, 409):
            raise DICOMwebError(f"STOW-RS {path} returned HTTP {resp.status_code}", resp.status_code)
        return _parse_store_response(resp)


def store_response(
    stored: Sequence[tuple[str, str]],
    failed: Sequence[tuple[str, str, int]] = (),
    retrieve_url: str | None = None,
) -> dict[str, Any]:
    """The DICOM JSON body of a STOW-RS response (PS3.18 Table 10.5.3-3) for a server route.

    ``stored``: (SOP Class UID, SOP Instance UID); ``failed``: (SOP Class UID, SOP Instance UID, Failure Reason),
    e.g. 0xA700 out of resources, 0xA900 data set does not match SOP class, 0xC000 cannot understand,
    0x0111 duplicate SOP instance (PS3.4 Annex GG.4).
    """

    def ref(sop_class: str, sop_uid: str) -> dict[str, Any]:
        return {
            "00081150": {"vr": "UI", "Value": [sop_class]},
            "00081155": {"vr": "UI", "Value": [sop_uid]},
        }

    out: dict[str, Any] = {}
    if retrieve_url:
        out["00081190"] = {"vr": "UR", "Value": [retrieve_url]}
    if stored:
        out["00081199"] = {"vr": "SQ", "Value": [ref(c, u) for c, u in stored]}
    if failed:
        out["00081198"] = {
            "vr": "SQ",
            "Value": [{**ref(c, u), "00081197": {"vr": "US", "Value": [reason]}} for c, u, reason in failed],
        }
    return out
