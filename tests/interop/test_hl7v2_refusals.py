"""Orders the HL7 v2 intake refuses as the REST API would (lengths, control characters, UIDs, modality), bytes
read by the character set MSH-18 declares, and one message per MLLP block. A refusal is an ACK naming the
field (ERR-2 Segment^Sequence^Field) and the order never reaches the callback: nothing is stored."""

from __future__ import annotations

import re

import hl7
import pytest

from radpilot.interop import hl7v2, order
from radpilot.interop.hl7v2 import handle_order_message, parse_ack, parse_message
from radpilot.interop.mllp import MLLPClient, MLLPServer
from radpilot.interop.order import ImagingOrder

from .hl7_messages import OBR, ORC, ORM, PID, orm, seg

OMI = "OMI^O23^OMI_O23"


def ipc(**fields: str) -> str:
    values = {1: "ACC-IPC", 2: "REQ1", 3: "1.2.840.99.1", 4: "SPS1", 5: "CR"}
    values.update({int(k[1:]): v for k, v in fields.items()})
    return seg("IPC", values)


def zds(uid: str) -> str:
    return seg("ZDS", {1: f"{uid}^100^Application^DICOM"})


def _refusal(ack_text: str) -> tuple[str, str, str, str]:
    """(MSA-1, MSA-2, ERR-2, ERR-3 code) of an ACK."""
    ack = hl7.parse(ack_text)
    err = ack.segment("ERR")
    return str(ack.segment("MSA")(1)), str(ack.segment("MSA")(2)), str(err(2)), str(err(3)(1)(1))


LONG_UID = "1.2." + "3" * 77  # 81 characters
# (case, message, ERR-2): each is refused AE with HL7 error 102, as the REST API answers the same value 422.
BAD_VALUES = [
    ("accession 300 characters", orm(PID, ORC, OBR.replace("ACC001", "A" * 300)), "OBR^1^18"),
    ("accession control characters", orm(PID, ORC, OBR.replace("ACC001", "AC\x01\x02D4")), "OBR^1^18"),
    ("accession escaped control", orm(PID, ORC, OBR.replace("ACC001", "AC\\X01\\D4")), "OBR^1^18"),
    (
        "accession from IPC-1 too long",
        orm(PID, ORC, OBR, ipc(f1="I" * 65), message_type=OMI),
        "IPC^1^1",
    ),
    (
        "accession from ORC-2 with a control",
        orm(PID, seg("ORC", {1: "NW", 2: "P\x07L"}), seg("OBR", {1: "1", 4: "71046^XR^CPT"})),
        "ORC^1^2",
    ),
    ("MRN 500 characters", orm(PID.replace("MRN123", "M" * 500), ORC, OBR), "PID^1^3"),
    ("MRN control character", orm(PID.replace("MRN123", "MRN\x1b123"), ORC, OBR), "PID^1^3"),
    ("name control characters", orm(PID.replace("Doe^Jane", "Do\x00e^Ja\x07ne"), ORC, OBR), "PID^1^5"),
    ("name 201 characters", orm(PID.replace("Doe^Jane", "D" * 196 + "^Jane"), ORC, OBR), "PID^1^5"),
    ("exam code 500 characters", orm(PID, ORC, OBR.replace("71046^", "7" * 500 + "^")), "OBR^1^4^1^1"),
    ("exam name 201 characters", orm(PID, ORC, OBR.replace("XR CHEST 2 VIEWS", "X" * 201)), "OBR^1^4^1^2"),
    (
        "indication 1,000,000 characters",
        orm(PID, ORC, OBR.replace("^Rule out pneumonia", "^" + "x" * 1_000_000)),
        "OBR^1^31",
    ),
    (
        "OBR-13 indication 4001 characters",
        orm(PID, ORC, seg("OBR", {1: "1", 4: "71046^XR^CPT", 13: "y" * 4001, 18: "A1"})),
        "OBR^1^13",
    ),
    (
        "ordering provider 300 characters",
        orm(PID, ORC, OBR.replace("^Smith^", "^" + "S" * 300 + "^")),
        "OBR^1^16",
    ),
    ("ZDS-1 not a UID", orm(PID, ORC, OBR, zds("not a uid")), "ZDS^1^1"),
    ("ZDS-1 81 characters", orm(PID, ORC, OBR, zds(LONG_UID)), "ZDS^1^1"),
    ("ZDS-1 leading zero", orm(PID, ORC, OBR, zds("1.02.3")), "ZDS^1^1"),
    ("IPC-3 letters", orm(PID, ORC, OBR, ipc(f3="1.2.3.abc.<script>"), message_type=OMI), "IPC^1^3"),
    (
        "IPC-5 modality too long",
        orm(PID, ORC, OBR, ipc(f5="CRXX_TOO_LONG_MODALITY_VALUE"), message_type=OMI),
        "IPC^1^5",
    ),
    ("IPC-5 modality not letters", orm(PID, ORC, OBR, ipc(f5="C1"), message_type=OMI), "IPC^1^5"),
]


@pytest.mark.parametrize(("message", "location"), [c[1:] for c in BAD_VALUES], ids=[c[0] for c in BAD_VALUES])
def test_values_the_rest_api_refuses_are_refused_naming_the_field(message: str, location: str) -> None:
    stored: list[ImagingOrder] = []
    order_, ack_text = handle_order_message(message, stored.append)
    assert order_ is None and stored == []
    assert _refusal(ack_text) == ("AE", "MSG0001", location, "102")
    text = hl7.parse(ack_text).segment("ERR")(8)
    assert len(str(text)) < 300  # a refused value is quoted short, never whole


def test_values_at_the_limits_are_accepted() -> None:
    uid = "1.2." + "3" * 60  # 64 characters
    pid = PID.replace("MRN123", "M" * order.MAX_PATIENT_ID)
    obr = OBR.replace("ACC001", "A" * order.MAX_ACCESSION).replace(
        "^Rule out pneumonia", "^" + "x" * (order.MAX_INDICATION - len("Cough & fever; "))
    )
    got = hl7v2.parse_order(orm(pid, ORC, obr, ipc(f1="", f3=uid, f5="mr"), message_type=OMI))
    assert got.accession == "A" * 64 and got.patient.id == "M" * 64
    assert got.indication is not None and len(got.indication) == order.MAX_INDICATION
    assert got.study_instance_uid == uid and got.modality == "MR"  # upper case, as the REST API stores it
    assert hl7v2.parse_order(orm(PID, ORC, OBR, zds("1.2.840.113619.2.55.3"))).study_instance_uid == (
        "1.2.840.113619.2.55.3"
    )


@pytest.mark.parametrize(
    "uid",
    [
        "1.2.3",
        "0.1",
        "1.2.840.10008.5.1.4.1.1.7",
        "1.02.3",
        "01.2",
        "1..2",
        "1.2.",
        "123",
        "1.2.abc",
        "1.2\n",
    ],
)
def test_the_order_uid_rule_is_dicom_reads(uid: str) -> None:
    from radpilot.interop.dicom_read import _UID_RE

    assert order.is_uid(uid) == (_UID_RE.match(uid) is not None and not uid.endswith("\n"))


# --- MSH-18 character set ---------------------------------------------------------------------------------

NAME = "Müller^Zoë"


def _named(charset: str, name: str = NAME) -> str:
    return orm(PID.replace("Doe^Jane", name), ORC, OBR, **({"m18": charset} if charset else {}))


@pytest.mark.parametrize(
    ("charset", "encoding"),
    [
        ("8859/1", "latin-1"),
        ("UNICODE UTF-8", "utf-8"),
        ("", "utf-8"),
        ("utf-8", "utf-8"),
        ("8859/15", "iso8859-15"),
    ],
)
def test_a_message_is_decoded_by_the_character_set_it_declares(charset: str, encoding: str) -> None:
    stored: list[ImagingOrder] = []
    _, ack_text = handle_order_message(_named(charset).encode(encoding), stored.append)
    assert parse_ack(ack_text).code == "AA"
    assert [(o.patient.family_name, o.patient.given_name) for o in stored] == [("Müller", "Zoë")]


@pytest.mark.parametrize(
    ("raw", "location", "words"),
    [
        # invalid UTF-8 with no MSH-18 was stored as the Latin-1 guess 'DÿþÃ'
        (_named("", "D\xff\xfe\xc3^Jane").encode("latin-1"), "PID^1^5", "byte 0xFF"),
        (_named("").encode("latin-1"), "PID^1^5", "UTF-8 (assumed when MSH-18 is empty)"),
        (_named("UNICODE UTF-8").encode("latin-1"), "PID^1^5", "not text in UNICODE UTF-8 (MSH-18)"),
        (_named("ASCII").encode("utf-8"), "PID^1^5", "byte 0xC3"),
        # UTF-8 declared as 8859/1: an en dash's bytes E2 80 93 hold the C1 control 0x80
        (_named("8859/1", "Smith–Jones^Ann").encode("utf-8"), "PID^1^5", "byte 0x80"),
        (
            orm(PID, ORC, OBR, "NTE|1||fine", "NTE|2||b\xffd").encode("latin-1"),
            "NTE^2^3",
            "NTE-3 holds byte 0xFF",
        ),
    ],
)
def test_bytes_invalid_in_the_character_set_are_refused_naming_the_field(
    raw: bytes, location: str, words: str
) -> None:
    stored: list[ImagingOrder] = []
    _, ack_text = handle_order_message(raw, stored.append)
    assert stored == []
    assert _refusal(ack_text) == ("AE", "MSG0001", location, "102")
    assert words in parse_ack(ack_text).errors[0]


def test_a_character_set_radpilot_does_not_read_is_named() -> None:
    stored: list[ImagingOrder] = []
    _, ack_text = handle_order_message(_named("ISO IR87").encode("utf-8"), stored.append)
    assert stored == [] and _refusal(ack_text) == ("AE", "MSG0001", "MSH^1^18", "103")
    assert "UNICODE UTF-8" in parse_ack(ack_text).errors[0]


def test_the_listener_decodes_by_msh18_and_refuses_bad_bytes_before_the_handler() -> None:
    calls: list[str] = []

    def handler(message: str) -> str:
        calls.append(message)
        return handle_order_message(message, lambda o: None)[1]

    with MLLPServer(handler) as server, MLLPClient(*server.address, encoding="latin-1") as client:
        good = parse_ack(client.send(_named("8859/1").replace("MSG0001", "LAT1")))
        bad = parse_ack(client.send(_named("").replace("MSG0001", "LAT2")))  # Latin-1 bytes, no MSH-18
    assert good.code == "AA" and len(calls) == 1 and NAME in calls[0]
    assert (bad.code, bad.acknowledged_control_id) == ("AE", "LAT2")
    assert bad.errors[0].startswith("PID^1^5 102: PID-5 holds byte 0xFC")


# --- one message per block --------------------------------------------------------------------------------


def test_two_messages_in_one_block_are_refused_whole() -> None:
    stored: list[ImagingOrder] = []
    second = ORM.replace("MSG0001", "MSG0002").replace("ACC001", "ACC002")
    _, ack_text = handle_order_message(ORM + second, stored.append)
    assert stored == []  # neither is stored: the sender is told, and resends them one per block
    assert _refusal(ack_text) == ("AR", "MSG0001", "MSH^2", "100")
    assert re.search(r"holds 2 messages .*one message per MLLP block", parse_ack(ack_text).errors[0])
    with pytest.raises(hl7v2.HL7Error, match="holds 3 messages"):
        parse_message(ORM + second + second.replace("MSG0002", "MSG0003"))


def test_two_messages_in_one_frame_over_mllp_get_one_refusal() -> None:
    stored: list[ImagingOrder] = []
    server = MLLPServer(lambda m: handle_order_message(m, stored.append)[1])
    with server, MLLPClient(*server.address) as client:
        ack = parse_ack(client.send(ORM + ORM.replace("MSG0001", "MSG0002")))
        after = parse_ack(client.send(ORM))  # the connection goes on
    assert (ack.code, ack.acknowledged_control_id) == ("AR", "MSG0001") and ack.errors[0].startswith(
        "MSH^2 100"
    )
    assert after.code == "AA" and [o.message_control_id for o in stored] == ["ORM^O01:MSG0001"]
