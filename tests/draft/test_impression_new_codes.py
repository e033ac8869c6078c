"""The impression says what decides the next step for the conditions coded on 2026-12-01 (review rv15b): a
perforated appendix or diverticulum is one perforated diagnosis, a malpositioned device says so, a swollen epiglottis
and a perforated ulcer are said in the report's words, and eponyms keep their capital."""

from __future__ import annotations

import re

import pytest

from radpilot.draft.impression import write_impression

CASES = [
    ("CT abdomen and pelvis", "Acute appendicitis with perforation and a 3.5 cm periappendiceal abscess.",
     ["Perforated acute appendicitis.", "3.5 cm periappendiceal abscess."]),
    ("CT abdomen and pelvis", "Sigmoid diverticulitis with perforation and a small pericolic abscess.",
     ["Perforated sigmoid diverticulitis."]),
    ("US pelvis", "The intrauterine device is malpositioned, with the shaft in the cervical canal.",
     ["Malpositioned intrauterine device."]),
    ("US pelvis", "The IUD is not malpositioned; it is in the fundal cavity.", ["Intrauterine device."]),
    ("CT abdomen and pelvis", "Perforated duodenal ulcer with moderate pneumoperitoneum.",
     ["Perforated duodenal ulcer.", "Moderate pneumoperitoneum."]),
    ("XR soft tissue neck", "Markedly enlarged epiglottis (thumb sign).", ["Markedly enlarged epiglottis."]),
    ("CT right foot", "Right Lisfranc injury.", ["Right Lisfranc injury."]),
    ("CT abdomen and pelvis", "Gangrenous cholecystitis.", ["Gangrenous cholecystitis."]),
    # the signs of a diagnosis the report makes are the diagnosis's
    ("US abdomen", "Gallbladder wall thickening to 6 mm, pericholecystic fluid and a positive sonographic Murphy sign, "
     "consistent with acute cholecystitis. Cholelithiasis.", ["Acute cholecystitis.", "Gallstones."]),
    # two fractures at two levels are two (review rv16b: the acute T12 fracture had merged into the chronic T8)
    ("MRI thoracic spine", "Acute compression fracture of T12 with approximately 40% loss of vertebral body height "
     "and marrow edema. 3 mm retropulsion without cord compression. Chronic mild compression deformity of T8.",
     ["Acute thoracic spine vertebral compression fracture at T12.",
      "Chronic mild thoracic spine vertebral compression fracture at T8."]),
    # subfalcine herniation said as the report says it, the shift by its direction
    ("CT head", "Subfalcine herniation with 9 mm leftward shift.",
     ["Subfalcine herniation.", "9 mm leftward midline shift."]),
    # a spine fracture with its level ("of the right C6 lamina"; the dens is C2) and its describing word first
    ("CT cervical spine", "Nondisplaced fracture of the right C6 lamina.",
     ["Nondisplaced right cervical spine fracture at C6."]),
    ("CT cervical spine", "Type II odontoid fracture with 3 mm posterior displacement.",
     ["Cervical spine fracture at C2."]),
    # an iliac artery's aneurysm beside the aorta's is the iliac artery's
    ("CT abdomen and pelvis", "Infrarenal abdominal aortic aneurysm measuring 5.6 cm. Left common iliac artery "
     "aneurysm measuring 2.4 cm.", ["5.6 cm abdominal aortic aneurysm.", "24 mm aneurysm in the left iliac artery."]),
    # a mass read as retained products two sentences on is the RPOC, with the mass's size; no second "mass"
    ("US pelvis", "Within the endometrial cavity there is a 3.1 x 2.4 cm heterogeneous echogenic mass with internal "
     "vascularity. The endometrial stripe otherwise measures 14 mm. Findings are consistent with retained products of "
     "conception.", ["3.1 x 2.4 cm retained products of conception."]),
]  # fmt: skip


@pytest.mark.parametrize(("exam", "findings", "said"), CASES, ids=[f for _, f, _ in CASES])
def test_the_impression_says_it(exam: str, findings: str, said: list[str]) -> None:
    r = write_impression(findings, {"exam": exam})
    items = [re.sub(r"^\d+\.\s+", "", line) for line in r.impression.splitlines()]
    for s in said:
        assert s in items, r.impression
    # the perforation of the appendix or the diverticulum is not a second finding, nor the mass read as RPOC
    assert "Bowel perforation." not in items
    assert not any(i.endswith(" mass.") for i in items), items
    assert r.verified
