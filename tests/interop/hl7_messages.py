"""Builders for HL7 v2 test messages: segments from {field number: value} so that positions are explicit."""

from __future__ import annotations


def seg(name: str, fields: dict[int, str]) -> str:
    last = max(fields) if fields else 0
    return "|".join([name, *(fields.get(i, "") for i in range(1, last + 1))])


def msh(
    message_type: str = "ORM^O01", control_id: str = "MSG0001", version: str = "2.5.1", **extra: str
) -> str:
    fields = {3: "RIS", 4: "HOSP", 5: "RADPILOT", 6: "RAD", 7: "20240314090000", 9: message_type,
              10: control_id, 11: "P", 12: version}  # fmt: skip
    fields.update({int(k[1:]): v for k, v in extra.items()})
    return "|".join(["MSH", "^~\\&", *(fields.get(i, "") for i in range(3, max(fields) + 1))])


PID = seg("PID", {1: "1", 3: "MRN123^^^HOSP^MR", 5: "Doe^Jane", 7: "19700101", 8: "F"})
ORC = seg("ORC", {1: "NW", 2: "PL1", 3: "FI1", 7: "^^^^^R", 12: "999^Who^Doctor"})
OBR = seg(
    "OBR",
    {1: "1", 2: "PL1", 3: "FI1", 4: "71046^XR CHEST 2 VIEWS^CPT", 6: "20240314083000", 16: "1234^Smith^John",
     18: "ACC001", 27: "^^^^^S", 31: "^Cough \\T\\ fever~^Rule out pneumonia"},
)  # fmt: skip


def orm(*segments: str, **msh_fields: str) -> str:
    return "\r".join([msh(**msh_fields), *segments]) + "\r"


ORM = orm(PID, ORC, OBR)
