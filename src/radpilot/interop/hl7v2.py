"""HL7 v2.5.1 messages for radiology orders and results, parsed with python-hl7 (``hl7``).

In: ORM^O01 (General Order, HL7 v2.5.1 Chapter 4.4.1) and OMI^O23 (Imaging Order, Chapter 4.4.13), read into
an :class:`~radpilot.interop.order.ImagingOrder`:

* patient: PID-3 Patient Identifier List (first CX), PID-5 Patient Name (XPN), PID-7 Date/Time of Birth,
  PID-8 Administrative Sex (Table 0001);
* accession: IPC-1 Accession Identifier (OMI), else OBR-18 Placer Field 1 (IHE Scheduled Workflow), else the
  filler order number OBR-3 / ORC-3, else the placer order number OBR-2 / ORC-2;
* exam: OBR-4 Universal Service Identifier (CWE); priority: TQ1-9, else OBR-27.6 / ORC-7.6 (TQ, Table 0027);
  indication: OBR-31 Reason for Study, else OBR-13; ordering provider: OBR-16, else ORC-12 (XCN);
  Study Instance UID: IPC-3 (OMI) or ZDS-1 (IHE SWF); modality: IPC-5.

Each value keeps the limits the REST API applies (:mod:`radpilot.interop.order`: lengths, no control
characters, a DICOM UID, a modality code), or the order is refused at that field. Bytes are decoded with the
character set MSH-18 declares (Table 0211), never by guess; a block holds one message.

Acknowledgment (Chapter 2.9.2, original mode): ACK with MSA-1 AA (accepted), AE (error: the content is wrong)
or AR (reject: the message type, version or processing id is not supported, or it is not HL7), MSA-2 echoing
MSH-10, and an ERR segment whose ERR-2 Error Location names the field (``PID^1^3``), ERR-3 the HL7 error code
(Table 0357), ERR-4 the severity and ERR-8 a user message.

Out: ORU^R01 (Unsolicited Observation, Chapter 7.3.1): OBR-25 Result Status P/F/C (Table 0123), one OBX of
value type TX per line of each section with a LOINC OBX-3 per section (findings 18782-3, impression 19005-8,
...), OBX-11 mirroring OBR-25, and report text escaped (Chapter 2.7.4: ``\\F\\ \\S\\ \\R\\ \\E\\ \\T\\``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

import hl7

from radpilot.interop import order as limits
from radpilot.interop.order import ImagingOrder, OrderingProvider, OrderPatient

ENCODING_CHARACTERS = "^~\\&"
SUPPORTED_ORDERS = {("ORM", "O01"), ("OMI", "O23")}
SUPPORTED_VERSIONS = ("2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8", "2.8.1", "2.8.2")
PROCESSING_IDS = ("P", "D", "T")

#: HL7 Table 0357 Message Error Condition Codes.
ERROR_CODES = {
    "0": "Message accepted",
    "100": "Segment sequence error",
    "101": "Required field missing",
    "102": "Data type error",
    "103": "Table value not found",
    "200": "Unsupported message type",
    "201": "Unsupported event code",
    "202": "Unsupported processing id",
    "203": "Unsupported version id",
    "204": "Unknown key identifier",
    "205": "Duplicate key identifier",
    "206": "Application record locked",
    "207": "Application internal error",
}
#: HL7 Table 0027 Priority -> :data:`radpilot.interop.order.PRIORITIES`.
PRIORITY_CODES = {
    "S": "stat",
    "A": "asap",
    "R": "routine",
    "P": "preop",
    "C": "callback",
    "T": "timing_critical",
}
PRIORITY_TO_HL7 = {v: k for k, v in PRIORITY_CODES.items()} | {"urgent": "A"}
#: HL7 Table 0001 Administrative Sex -> DICOM Patient's Sex (M, F, O) or U for unknown.
SEX_CODES = {"F": "F", "M": "M", "O": "O", "U": "U", "A": "O", "N": "U"}
#: Report status -> OBR-25 Result Status (Table 0123).
RESULT_STATUS = {"preliminary": "P", "final": "F", "corrected": "C", "amended": "C"}
RESULT_STATUS_NAMES = {"P": "preliminary", "F": "final", "C": "corrected"}
#: HL7 Table 0211 Alternate Character Sets (MSH-18) that RadPilot reads -> Python codec. The multi-byte
#: Asian sets and UTF-16/32 are left out: their bytes can hold the delimiters and the MLLP block characters.
CHARACTER_SETS = {
    "ASCII": "ascii",
    **{f"8859/{n}": f"iso8859-{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 15)},
    "UNICODE UTF-8": "utf-8",
}
# What interface engines write instead of the table's values; read as the value they mean.
_CHARACTER_SET_ALIASES = {
    "UTF-8": "UNICODE UTF-8",
    "UTF8": "UNICODE UTF-8",
    **{
        f"{prefix}8859-{n}": f"8859/{n}"
        for prefix in ("ISO-", "ISO", "ISO_")
        for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 15)
    },
}
# In an ISO 8859 set, bytes 0x80-0x9F are C1 controls, not text: UTF-8 (or Windows-1252) declared as 8859.
_C1_CONTROLS = re.compile("[\x80-\x9f]")
#: The codec for a message whose MSH-18 is empty. HL7 says ASCII then; UTF-8 reads every ASCII message the
#: same way and also the many senders that write UTF-8 without declaring it.
DEFAULT_CODEC = "utf-8"

#: Report section -> OBX-3 Observation Identifier (LOINC).
SECTION_LOINC: dict[str, tuple[str, str]] = {
    "examination": ("55111-9", "Current imaging procedure descriptions"),
    "technique": ("55111-9", "Current imaging procedure descriptions"),
    "history": ("11329-0", "History general Narrative - Reported"),
    "indication": ("18785-6", "Radiology Reason for study (narrative)"),
    "comparison": ("18834-2", "Radiology Comparison study (narrative)"),
    "findings": ("18782-3", "Radiology Study observation (narrative)"),
    "impression": ("19005-8", "Radiology Impression (narrative)"),
    "recommendation": ("18783-1", "Radiology Study recommendation (narrative)"),
    "addendum": ("55107-7", "Addendum"),
}
_LOINC_TO_SECTION = {
    "55111-9": "technique",
    "11329-0": "history",
    "18785-6": "indication",
    "18834-2": "comparison",
    "18782-3": "findings",
    "19005-8": "impression",
    "18783-1": "recommendation",
    "55107-7": "addendum",
}

_DTM_RE = re.compile(r"^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.\d{1,4})?([+-]\d{4})?$")


@dataclass(frozen=True, slots=True)
class ErrorLocation:
    """ERR-2 Error Location (ERL): Segment ID ^ Segment Sequence ^ Field Position ^ Field Repetition ^
    Component Number."""

    segment: str
    sequence: int = 1
    field: int | None = None
    repetition: int | None = None
    component: int | None = None

    def __str__(self) -> str:
        parts = [self.segment, str(self.sequence)]
        for value in (self.field, self.repetition, self.component):
            if value is None:
                break
            parts.append(str(value))
        return "^".join(parts)


class HL7Error(ValueError):
    """A message RadPilot does not accept; carries what the ACK must say."""

    def __init__(
        self,
        message: str,
        *,
        code: str = "101",
        location: ErrorLocation | None = None,
        ack_code: str = "AE",
        request: hl7.Message | None = None,
    ) -> None:
        where = f"{location}: " if location else ""
        super().__init__(f"{where}{message}")
        self.user_message = message
        self.code = code
        self.location = location
        self.ack_code = ack_code
        # The refused message as far as it could be read, so that the ACK still echoes its MSH-10.
        self.request = request


# --- escaping (Chapter 2.7.4) ----------------------------------------------------------------------------


def escape(text: str, encoding_characters: str = ENCODING_CHARACTERS, field_separator: str = "|") -> str:
    """Escape delimiters in a text value (Chapter 2.7.4).

    ``| ^ ~ \\ &`` become ``\\F\\ \\S\\ \\R\\ \\E\\ \\T\\``; a line break becomes ``\\.br\\``
    (formatted-text command, 2.7.6); other control characters are dropped.
    """
    comp, rep, esc, sub = (encoding_characters[i] for i in range(4))
    table = {
        esc: f"{esc}E{esc}",
        field_separator: f"{esc}F{esc}",
        comp: f"{esc}S{esc}",
        rep: f"{esc}R{esc}",
        sub: f"{esc}T{esc}",
    }
    out = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for ch in text:
        if ch in table:
            out.append(table[ch])
        elif ch == "\n":
            out.append(f"{esc}.br{esc}")
        elif ord(ch) < 0x20 and ch != "\t":
            continue
        else:
            out.append(ch)
    return "".join(out)


def unescape(message: hl7.Message, value: str) -> str:
    """Undo :func:`escape` with the delimiters declared in the message's MSH."""
    return str(message.unescape(value)).replace("\r", "\n") if value else ""


# --- parsing ---------------------------------------------------------------------------------------------


_SEGMENT_BREAK = re.compile(rb"\r\n|\r|\n")


def _declared_charset(raw: bytes) -> str:
    """MSH-18 Character Set (its first repetition: the set of the whole message) read from the raw bytes."""
    header = _SEGMENT_BREAK.split(raw, maxsplit=1)[0]
    if len(header) < 4:
        return ""  # no field separator: parse_message refuses the message
    fields = header.split(header[3:4])
    if len(fields) < 18:
        return ""
    encoding = fields[1].decode("ascii", "replace")
    repetition = encoding[1:2].encode("ascii", "replace") or b"~"
    return fields[17].split(repetition)[0].decode("ascii", "replace").strip()


def _byte_location(raw: bytes, offset: int) -> tuple[ErrorLocation, str]:
    """The segment and field that hold byte ``offset`` of a message, as ERR-2 and as words ("PID-5")."""
    *before, current = _SEGMENT_BREAK.split(raw[:offset])
    name = current[:3].decode("ascii", "replace")
    sequence = 1 + sum(1 for seg in before if seg[:3] == current[:3])
    separator = raw[3:4] if raw[3:4] not in (b"\r", b"\n") else b"|"
    fields = current.count(separator)
    if name == "MSH":
        fields += 1  # MSH-1 is the field separator itself
    if fields == 0:
        return ErrorLocation(name, sequence), f"the segment ID of {name} {sequence}"
    return ErrorLocation(name, sequence, fields), f"{name}-{fields}"


def decode_message(raw: bytes, default_codec: str = DEFAULT_CODEC) -> str:
    """The text of a message received as bytes, decoded with the character set its MSH-18 declares
    (HL7 Table 0211; :data:`CHARACTER_SETS`), or ``default_codec`` when MSH-18 is empty.

    Raises :class:`HL7Error` (AE) for a character set RadPilot does not read (103, ``MSH^1^18``) and for bytes
    that are not valid in the character set (102, naming the segment and field that holds them): a name
    decoded under a guessed character set would be stored wrong, so nothing is guessed.
    """
    raw = raw.strip(b"\x0b\x1c\r\n ")
    if not raw.startswith(b"MSH") or len(raw) < 8:
        # Not HL7 at all (UTF-16, a BOM, garbage): parse_message says so; the decoding cannot matter.
        return raw.decode(default_codec, "replace")
    declared = _declared_charset(raw)
    name = _CHARACTER_SET_ALIASES.get(declared.upper(), declared.upper())
    codec = CHARACTER_SETS.get(name) if declared else default_codec
    if codec is None:
        raise HL7Error(
            f"MSH-18 Character Set {declared[:40]!r} is not one RadPilot reads (HL7 Table 0211: "
            f"{', '.join(CHARACTER_SETS)})",
            code="103",
            location=ErrorLocation("MSH", 1, 18),
            request=_readable(raw.decode(default_codec, "replace")),
        )
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        bad = exc.start
    else:
        c1 = _C1_CONTROLS.search(text) if name.startswith("8859/") else None
        if c1 is None:
            return text
        bad = c1.start()  # a single-byte set: the character's index is the byte's offset
    location, where = _byte_location(raw, bad)
    if declared:
        charset = f"{declared[:40]} (MSH-18)"
        fix = "send the text in that character set"
    else:
        charset = f"{default_codec.upper()} (assumed when MSH-18 is empty)"
        fix = "declare the character set in MSH-18"
    raise HL7Error(
        f"{where} holds byte 0x{raw[bad]:02X}, which is not text in {charset}; {fix}",
        code="102",
        location=location,
        request=_readable(raw.decode(codec, "replace")),
    )


def _readable(text: str) -> hl7.Message | None:
    """``text`` parsed as well as it can be, or None (for the ACK of a message that is refused anyway)."""
    try:
        return parse_message(text)
    except HL7Error as exc:
        return exc.request


def parse_message(text: str | bytes) -> hl7.Message:
    """Parse one HL7 v2 message (segments separated by CR; LF and CRLF are accepted too). Bytes are decoded
    by :func:`decode_message`. A block that holds a second message (a second MSH segment) is refused: only
    the first would be acknowledged and the other silently lost."""
    if isinstance(text, bytes):
        text = decode_message(text)
    text = text.strip("\x0b\x1c\r\n ").replace("\r\n", "\r").replace("\n", "\r")
    if not text.startswith("MSH") or len(text) < 8:
        raise HL7Error(
            "not an HL7 v2 message: it must start with an MSH segment",
            code="100",
            ack_code="AR",
            location=ErrorLocation("MSH"),
        )
    segments = text.split("\r")
    second = next((i for i, seg in enumerate(segments) if i and seg.startswith("MSH")), None)
    if second is not None:
        count = 1 + sum(1 for seg in segments[second:] if seg.startswith("MSH"))
        raise HL7Error(
            f"the block holds {count} messages (segment {second + 1} is a second MSH); send one message "
            "per MLLP block: none of them was processed",
            code="100",
            ack_code="AR",
            location=ErrorLocation("MSH", 2),
            request=_readable("\r".join(segments[:second])),
        )
    try:
        return hl7.parse(text)
    except Exception as exc:  # python-hl7 raises bare Exceptions for bad separators
        raise HL7Error(f"unparseable HL7 message: {exc}", code="100", ack_code="AR") from None


def field_value(msg: hl7.Message, segment: str, fld: int, rep: int = 1, comp: int = 1, seq: int = 1) -> str:
    try:
        value = msg.extract_field(segment, seq, fld, rep, comp, 1)
    except (KeyError, IndexError):
        return ""
    return unescape(msg, str(value)).strip()


def _has(msg: hl7.Message, segment: str) -> bool:
    try:
        msg.segment(segment)
    except KeyError:
        return False
    return True


def _repetitions(msg: hl7.Message, segment: str, fld: int) -> int:
    try:
        seg = msg.segment(segment)
        value = seg(fld)
    except (KeyError, IndexError):
        return 0
    return (
        len(value) if isinstance(value, hl7.Field) and value and isinstance(value[0], hl7.Repetition) else 1
    )


def parse_dtm(value: str, location: ErrorLocation) -> datetime | None:
    """HL7 DTM ``YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]`` (Chapter 2A.22)."""
    if not value:
        return None
    m = _DTM_RE.match(value)
    if not m:
        raise HL7Error(
            f"{value!r} is not an HL7 date/time (YYYYMMDD[HHMM[SS]][+/-ZZZZ])", code="102", location=location
        )
    y, mo, d, h, mi, s, tz = m.groups()
    try:
        when = datetime(int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(s or 0))
    except ValueError as exc:
        raise HL7Error(f"{value!r} is not a valid date/time ({exc})", code="102", location=location) from None
    if tz:
        sign = 1 if tz[0] == "+" else -1
        hours, minutes = int(tz[1:3]), int(tz[3:5])
        if hours > 23 or minutes > 59:
            raise HL7Error(
                f"{value!r} has an impossible time zone offset {tz} (at most +/-2359)",
                code="102",
                location=location,
            )
        offset = sign * (hours * 60 + minutes)
        when = when.replace(tzinfo=timezone(timedelta(minutes=offset)))
    return when


def _shown(value: str) -> str:
    """A value quoted in an error message, cut short: the ERR segment is no place for a whole field."""
    return repr(value if len(value) <= 40 else f"{value[:40]}...")


def _checked(value: str, name: str, location: ErrorLocation, limit: int) -> str:
    """``value`` when it keeps the limits an order's values share with the REST API
    (:mod:`radpilot.interop.order`): at most ``limit`` characters and no control characters."""
    if len(value) > limit:
        raise HL7Error(
            f"{name} is {len(value)} characters long; at most {limit} are accepted",
            code="102",
            location=location,
        )
    bad = limits.CONTROL_CHARACTERS.search(value)
    if bad:
        raise HL7Error(
            f"{name} holds a control character (U+{ord(bad.group()):04X} at character {bad.start() + 1})",
            code="102",
            location=location,
        )
    return value


def _check_header(msg: hl7.Message, allowed: set[tuple[str, str]]) -> tuple[str, str, str]:
    code, trigger = field_value(msg, "MSH", 9, 1, 1), field_value(msg, "MSH", 9, 1, 2)
    control_id = field_value(msg, "MSH", 10)
    if not control_id:
        raise HL7Error("MSH-10 Message Control ID is empty", code="101", location=ErrorLocation("MSH", 1, 10))
    if code not in {c for c, _ in allowed}:
        names = ", ".join(sorted(f"{c}^{t}" for c, t in allowed))
        raise HL7Error(
            f"unsupported message type {code or '(empty)'}^{trigger}; accepted: {names}",
            code="200",
            location=ErrorLocation("MSH", 1, 9, 1, 1),
            ack_code="AR",
        )
    if (code, trigger) not in allowed:
        raise HL7Error(
            f"unsupported trigger event {code}^{trigger or '(empty)'}",
            code="201",
            location=ErrorLocation("MSH", 1, 9, 1, 2),
            ack_code="AR",
        )
    processing = field_value(msg, "MSH", 11)
    if processing and processing not in PROCESSING_IDS:
        raise HL7Error(
            f"unsupported MSH-11 Processing ID {processing!r} (P, D or T)",
            code="202",
            location=ErrorLocation("MSH", 1, 11),
            ack_code="AR",
        )
    version = field_value(msg, "MSH", 12)
    if version and version not in SUPPORTED_VERSIONS:
        raise HL7Error(
            f"unsupported MSH-12 Version ID {version!r}",
            code="203",
            location=ErrorLocation("MSH", 1, 12),
            ack_code="AR",
        )
    return code, trigger, control_id


def _patient(msg: hl7.Message) -> OrderPatient:
    if not _has(msg, "PID"):
        raise HL7Error("the PID segment is missing", code="100", location=ErrorLocation("PID"))
    pid = field_value(msg, "PID", 3, 1, 1)
    if not pid:
        raise HL7Error("PID-3 Patient Identifier List is empty", location=ErrorLocation("PID", 1, 3))
    _checked(pid, "PID-3 Patient Identifier List", ErrorLocation("PID", 1, 3), limits.MAX_PATIENT_ID)
    birth = parse_dtm(field_value(msg, "PID", 7), ErrorLocation("PID", 1, 7))
    sex_code = field_value(msg, "PID", 8).upper()
    if sex_code and sex_code not in SEX_CODES:
        raise HL7Error(
            f"PID-8 Administrative Sex {sex_code!r} is not in HL7 Table 0001 (F, M, O, U, A, N)",
            code="103",
            location=ErrorLocation("PID", 1, 8),
        )
    patient = OrderPatient(
        id=pid,
        id_authority=field_value(msg, "PID", 3, 1, 4) or None,
        family_name=field_value(msg, "PID", 5, 1, 1) or None,
        given_name=field_value(msg, "PID", 5, 1, 2) or None,
        birth_date=birth.date() if birth else None,
        sex=SEX_CODES[sex_code] if sex_code else None,
    )
    _checked(patient.name or "", "PID-5 Patient Name", ErrorLocation("PID", 1, 5), limits.MAX_PATIENT_NAME)
    return patient


def _provider(msg: hl7.Message, segment: str, fld: int) -> OrderingProvider | None:
    if not _has(msg, segment):
        return None
    ident, family, given = (field_value(msg, segment, fld, 1, c) for c in (1, 2, 3))
    if not (ident or family or given):
        return None
    provider = OrderingProvider(id=ident or None, family_name=family or None, given_name=given or None)
    name = f"{segment}-{fld} Ordering Provider"
    _checked(provider.display or "", name, ErrorLocation(segment, 1, fld), limits.MAX_ORDERING_CLINICIAN)
    return provider


def _priority(msg: hl7.Message) -> str:
    candidates = [
        ("TQ1", 9, 1, ErrorLocation("TQ1", 1, 9)),
        ("OBR", 27, 6, ErrorLocation("OBR", 1, 27, 1, 6)),
        ("ORC", 7, 6, ErrorLocation("ORC", 1, 7, 1, 6)),
    ]
    for segment, fld, comp, location in candidates:
        if not _has(msg, segment):
            continue
        code = field_value(msg, segment, fld, 1, comp).upper()
        if code:
            if code not in PRIORITY_CODES:
                raise HL7Error(
                    f"priority {code!r} is not in HL7 Table 0027 (S, A, R, P, C, T)",
                    code="103",
                    location=location,
                )
            return PRIORITY_CODES[code]
    return "routine"


def parse_order(text: str | bytes | hl7.Message) -> ImagingOrder:
    """Read an ORM^O01 or OMI^O23 into an :class:`ImagingOrder`; raise :class:`HL7Error` naming the field."""
    msg = text if isinstance(text, hl7.Message) else parse_message(text)
    code, trigger, control_id = _check_header(msg, SUPPORTED_ORDERS)
    patient = _patient(msg)
    if not _has(msg, "OBR"):
        raise HL7Error("the OBR segment is missing", code="100", location=ErrorLocation("OBR"))
    exam_code = field_value(msg, "OBR", 4, 1, 1)
    if not exam_code:
        raise HL7Error("OBR-4 Universal Service Identifier is empty", location=ErrorLocation("OBR", 1, 4))
    _checked(exam_code, "OBR-4.1 (the exam code)", ErrorLocation("OBR", 1, 4, 1, 1), limits.MAX_EXAM_CODE)
    exam_text = field_value(msg, "OBR", 4, 1, 2)
    _checked(exam_text, "OBR-4.2 (the exam name)", ErrorLocation("OBR", 1, 4, 1, 2), limits.MAX_EXAM)
    has_orc, has_ipc = _has(msg, "ORC"), _has(msg, "IPC")
    sources = [
        ("IPC-1", field_value(msg, "IPC", 1) if has_ipc else ""),
        ("OBR-18", field_value(msg, "OBR", 18)),
        ("OBR-3", field_value(msg, "OBR", 3)),
        ("ORC-3", field_value(msg, "ORC", 3) if has_orc else ""),
        ("OBR-2", field_value(msg, "OBR", 2)),
        ("ORC-2", field_value(msg, "ORC", 2) if has_orc else ""),
    ]
    found = [(name, value) for name, value in sources if value]
    if not found:
        raise HL7Error(
            "no accession number: IPC-1, OBR-18, OBR-3/ORC-3 (filler order number) and OBR-2/ORC-2 (placer "
            "order number) are all empty",
            location=ErrorLocation("OBR", 1, 18),
        )
    accession_source, accession = found[0]
    segment, fld = accession_source.split("-")
    _checked(
        accession,
        f"{accession_source} (the accession number)",
        ErrorLocation(segment, 1, int(fld)),
        limits.MAX_ACCESSION,
    )
    order_control = (field_value(msg, "ORC", 1) if has_orc else "") or "NW"
    reasons = []
    for rep in range(1, max(1, _repetitions(msg, "OBR", 31)) + 1):
        reason = field_value(msg, "OBR", 31, rep, 2) or field_value(msg, "OBR", 31, rep, 1)
        if reason:
            reasons.append(reason)
    indication = "; ".join(reasons) or field_value(msg, "OBR", 13)
    _checked(
        indication,
        "OBR-31 Reason for Study" if reasons else "OBR-13 Relevant Clinical Information",
        ErrorLocation("OBR", 1, 31 if reasons else 13),
        limits.MAX_INDICATION,
    )
    study_uid = _study_uid(msg, has_ipc)
    modality = field_value(msg, "IPC", 5) if has_ipc else ""
    if modality and not re.fullmatch(limits.MODALITY_PATTERN, modality):
        raise HL7Error(
            f"IPC-5 Modality {_shown(modality)} is not a modality code (2 to 16 letters, as DICOM Modality "
            "(0008,0060): CR, CT, MR, US, ...)",
            code="102",
            location=ErrorLocation("IPC", 1, 5),
        )
    requested = None
    if _has(msg, "TQ1"):
        requested = parse_dtm(field_value(msg, "TQ1", 7), ErrorLocation("TQ1", 1, 7))
    if requested is None:
        requested = parse_dtm(field_value(msg, "OBR", 6), ErrorLocation("OBR", 1, 6))
    return ImagingOrder(
        accession=accession,
        accession_source=accession_source,
        exam_code=exam_code,
        exam_text=exam_text or None,
        exam_coding_system=field_value(msg, "OBR", 4, 1, 3) or None,
        patient=patient,
        priority=_priority(msg),
        indication=indication or None,
        ordering_provider=_provider(msg, "OBR", 16) or _provider(msg, "ORC", 12),
        placer_order_number=field_value(msg, "OBR", 2)
        or (field_value(msg, "ORC", 2) if has_orc else "")
        or None,
        filler_order_number=field_value(msg, "OBR", 3)
        or (field_value(msg, "ORC", 3) if has_orc else "")
        or None,
        order_control=order_control,
        modality=modality.upper() or None,
        study_instance_uid=study_uid or None,
        requested_at=requested,
        source="hl7v2",
        message_control_id=f"{code}^{trigger}:{control_id}",
    )


def _study_uid(msg: hl7.Message, has_ipc: bool) -> str:
    """IPC-3 (OMI) or ZDS-1 (IHE SWF): refused unless a DICOM UID, since images are matched to it."""
    for segment, fld, present in (("IPC", 3, has_ipc), ("ZDS", 1, _has(msg, "ZDS"))):
        uid = field_value(msg, segment, fld) if present else ""
        if not uid:
            continue
        if not limits.is_uid(uid):
            raise HL7Error(
                f"{segment}-{fld} Study Instance UID {_shown(uid)} is not a DICOM UID (at most 64 characters, "
                "digits in dot-separated components without leading zeros; PS3.5 Section 9.1)",
                code="102",
                location=ErrorLocation(segment, 1, fld),
            )
        return uid
    return ""


# --- building --------------------------------------------------------------------------------------------


def _ts(when: datetime) -> str:
    text = when.strftime("%Y%m%d%H%M%S")
    if when.utcoffset() is not None:
        text += when.strftime("%z")
    return text


def _segment(name: str, fields: Mapping[int, str]) -> str:
    """A segment from {field number: already-escaped value}; trailing empty fields are omitted."""
    last = max(fields) if fields else 0
    values = [fields.get(i, "") for i in range(1, last + 1)]
    return "|".join([name, *values])


def _msh(fields: Mapping[int, str]) -> str:
    # MSH-1 is the field separator itself, MSH-2 the encoding characters (Chapter 2.14.9)
    last = max(fields)
    values = [fields.get(i, "") for i in range(3, last + 1)]
    return "|".join(["MSH", ENCODING_CHARACTERS, *values])


def new_control_id(now: datetime | None = None) -> str:
    import secrets

    when = now or datetime.now(UTC)
    return f"RP{when.strftime('%Y%m%d%H%M%S')}{secrets.token_hex(3).upper()}"


def build_ack(
    request: hl7.Message | str | bytes | None,
    ack_code: str = "AA",
    *,
    error: HL7Error | None = None,
    control_id: str | None = None,
    now: datetime | None = None,
    sending_application: str = "RADPILOT",
    sending_facility: str = "RADPILOT",
) -> str:
    """An original-mode ACK (Chapter 2.9.2) for ``request`` (a parsed message, its text, or None when the
    request could not be parsed at all)."""
    if ack_code not in ("AA", "AE", "AR"):
        raise ValueError(f"MSA-1 Acknowledgment Code must be AA, AE or AR, got {ack_code!r}")
    msg: hl7.Message | None
    if request is None or isinstance(request, hl7.Message):
        msg = request
    else:
        try:
            msg = parse_message(request)
        except HL7Error as exc:
            msg = exc.request

    def src(fld: int, comp: int = 1) -> str:
        return escape(field_value(msg, "MSH", fld, 1, comp)) if msg is not None else ""

    when = now or datetime.now(UTC)
    trigger = src(9, 2)
    lines = [
        _msh(
            {
                3: escape(sending_application),
                4: escape(sending_facility),
                5: src(3),
                6: src(4),
                7: _ts(when),
                9: f"ACK^{trigger}^ACK" if trigger else "ACK",
                10: escape(control_id or new_control_id(when)),
                11: src(11) or "P",
                12: "2.5.1",
                18: "UNICODE UTF-8",
            }
        ),
        _segment("MSA", {1: ack_code, 2: src(10), **({3: escape(error.user_message)[:80]} if error else {})}),
    ]
    if error is not None:
        severity = "E"
        lines.append(
            _segment(
                "ERR",
                {
                    2: str(error.location) if error.location else "",
                    3: f"{error.code}^{escape(ERROR_CODES.get(error.code, 'Error'))}^HL70357",
                    4: severity,
                    8: escape(error.user_message),
                },
            )
        )
    return "\r".join(lines) + "\r"


@dataclass(frozen=True, slots=True)
class AckResult:
    """What an ACK says (MSA-1, MSA-2 and the ERR segments)."""

    code: str
    acknowledged_control_id: str
    errors: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return self.code in ("AA", "CA")


def parse_ack(text: str | bytes) -> AckResult:
    msg = parse_message(text)
    if not _has(msg, "MSA"):
        raise HL7Error(
            "not an acknowledgment: the MSA segment is missing", code="100", location=ErrorLocation("MSA")
        )
    errors = []
    if _has(msg, "ERR"):
        for i, _seg in enumerate(msg.segments("ERR"), start=1):
            loc = "^".join(p for p in (field_value(msg, "ERR", 2, 1, c, seq=i) for c in range(1, 7)) if p)
            errors.append(
                f"{loc} {field_value(msg, 'ERR', 3, seq=i)}: {field_value(msg, 'ERR', 8, seq=i)}".strip()
            )
    return AckResult(
        code=field_value(msg, "MSA", 1), acknowledged_control_id=field_value(msg, "MSA", 2), errors=errors
    )


def handle_order_message(
    text: str | bytes, on_order: Callable[[ImagingOrder], None], *, now: datetime | None = None
) -> tuple[ImagingOrder | None, str]:
    """Parse an order, hand it to ``on_order``, and return ``(order or None, ACK text)``.

    The ACK is AA when ``on_order`` returned, AE/AR naming the field when the message was refused, and
    AE 207 (Application internal error) when ``on_order`` raised: the sender will retry.
    """
    try:
        msg = parse_message(text)
    except HL7Error as exc:
        return None, build_ack(exc.request, exc.ack_code, error=exc, now=now)
    try:
        order = parse_order(msg)
    except HL7Error as exc:
        return None, build_ack(msg, exc.ack_code, error=exc, now=now)
    try:
        on_order(order)
    except HL7Error as exc:
        return None, build_ack(msg, exc.ack_code, error=exc, now=now)
    except Exception as exc:
        err = HL7Error(f"the order could not be stored: {type(exc).__name__}", code="207")
        return None, build_ack(msg, "AE", error=err, now=now)
    return order, build_ack(msg, "AA", now=now)


@dataclass(frozen=True, slots=True)
class ResultReport:
    """A report to send as ORU^R01 (plain data; the service fills it from its Report and Order rows)."""

    patient: OrderPatient
    accession: str
    exam_code: str
    exam_text: str | None
    sections: Mapping[str, str]
    status: str = "final"  # preliminary | final | corrected | amended
    exam_coding_system: str | None = None
    placer_order_number: str | None = None
    filler_order_number: str | None = None
    observation_datetime: datetime | None = None  # OBR-7: when the exam was done
    report_datetime: datetime | None = None  # OBR-22: when this result status was set
    interpreter: OrderingProvider | None = None  # OBR-32 Principal Result Interpreter
    ordering_provider: OrderingProvider | None = None  # OBR-16
    receiving_application: str = ""
    receiving_facility: str = ""


def _xcn(p: OrderingProvider | None, sub: bool = False) -> str:
    if p is None:
        return ""
    sep = "&" if sub else "^"
    return sep.join([escape(p.id or ""), escape(p.family_name or ""), escape(p.given_name or "")]).rstrip(sep)


def build_oru_r01(
    report: ResultReport,
    *,
    control_id: str | None = None,
    now: datetime | None = None,
    sending_application: str = "RADPILOT",
    sending_facility: str = "RADIOLOGY",
) -> str:
    """Build an ORU^R01 (v2.5.1) for ``report``; each line of each section is one OBX of type TX."""
    status = RESULT_STATUS.get(report.status)
    if status is None:
        raise ValueError(f"report status must be one of {', '.join(RESULT_STATUS)}, got {report.status!r}")
    unknown = [name for name in report.sections if name not in SECTION_LOINC]
    if unknown:
        raise ValueError(f"unknown report section(s) {unknown}; known: {', '.join(SECTION_LOINC)}")
    if not report.accession:
        raise ValueError("the report has no accession number (OBR-18)")
    when = now or datetime.now(UTC)
    p = report.patient
    lines = [
        _msh(
            {
                3: escape(sending_application),
                4: escape(sending_facility),
                5: escape(report.receiving_application),
                6: escape(report.receiving_facility),
                7: _ts(when),
                9: "ORU^R01^ORU_R01",
                10: escape(control_id or new_control_id(when)),
                11: "P",
                12: "2.5.1",
                18: "UNICODE UTF-8",
            }
        ),
        _segment(
            "PID",
            {
                1: "1",
                3: f"{escape(p.id)}^^^{escape(p.id_authority or '')}^MR",
                5: f"{escape(p.family_name or '')}^{escape(p.given_name or '')}".rstrip("^"),
                7: p.birth_date.strftime("%Y%m%d") if p.birth_date else "",
                8: p.sex or "",
            },
        ),
        _segment(
            "ORC",
            {
                1: "RE",
                2: escape(report.placer_order_number or ""),
                3: escape(report.filler_order_number or ""),
                5: "CM",
            },
        ),
    ]
    exam = "^".join(
        [escape(report.exam_code), escape(report.exam_text or ""), escape(report.exam_coding_system or "")]
    ).rstrip("^")
    interpreter = _xcn(report.interpreter, sub=True)
    lines.append(
        _segment(
            "OBR",
            {
                1: "1",
                2: escape(report.placer_order_number or ""),
                3: escape(report.filler_order_number or ""),
                4: exam,
                7: _ts(report.observation_datetime) if report.observation_datetime else "",
                16: _xcn(report.ordering_provider),
                18: escape(report.accession),
                22: _ts(report.report_datetime or when),
                24: "RAD",
                25: status,
                32: interpreter,
            },
        )
    )
    set_id = 0
    for sub_id, (name, text) in enumerate(((n, t) for n, t in report.sections.items() if t.strip()), start=1):
        code, display = SECTION_LOINC[name]
        for line in text.strip().replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            set_id += 1
            lines.append(
                _segment(
                    "OBX",
                    {
                        1: str(set_id),
                        2: "TX",
                        3: f"{code}^{escape(display)}^LN",
                        4: str(sub_id),
                        5: escape(line.rstrip()),
                        11: status,
                        14: _ts(report.report_datetime or when),
                    },
                )
            )
    if set_id == 0:
        raise ValueError("the report has no text: every section is empty")
    return "\r".join(lines) + "\r"


@dataclass(frozen=True, slots=True)
class ReceivedResult:
    """An ORU^R01 read back (for tests and for a receiving end)."""

    control_id: str
    accession: str
    status: str  # preliminary | final | corrected
    patient_id: str
    sections: dict[str, str]


def parse_oru_r01(text: str | bytes) -> ReceivedResult:
    msg = parse_message(text)
    _, _, control_id = _check_header(msg, {("ORU", "R01")})
    if not _has(msg, "OBR"):
        raise HL7Error("the OBR segment is missing", code="100", location=ErrorLocation("OBR"))
    code = field_value(msg, "OBR", 25)
    if code not in RESULT_STATUS_NAMES:
        raise HL7Error(
            f"OBR-25 Result Status {code!r} is not P, F or C",
            code="103",
            location=ErrorLocation("OBR", 1, 25),
        )
    sections: dict[str, list[str]] = {}
    if _has(msg, "OBX"):
        for i, _seg in enumerate(msg.segments("OBX"), start=1):
            name = _LOINC_TO_SECTION.get(field_value(msg, "OBX", 3, seq=i), field_value(msg, "OBX", 3, seq=i))
            sections.setdefault(name, []).append(_field_raw(msg, "OBX", 5, i))
    return ReceivedResult(
        control_id=control_id,
        accession=field_value(msg, "OBR", 18),
        status=RESULT_STATUS_NAMES[code],
        patient_id=field_value(msg, "PID", 3) if _has(msg, "PID") else "",
        sections={k: "\n".join(v) for k, v in sections.items()},
    )


def _field_raw(msg: hl7.Message, segment: str, fld: int, seq: int) -> str:
    """A whole field (all components) unescaped, keeping leading/trailing spaces of TX lines."""
    try:
        value = msg.segments(segment)[seq - 1](fld)
    except (KeyError, IndexError):
        return ""
    return unescape(msg, str(value))


def to_display(message: str) -> str:
    """A message with CR segment separators shown as newlines (for logs and the API)."""
    return message.replace("\r", "\n")
