"""Review rv39 (held-out assertion wording of chest studies, thoracic CT, the acute abdomen, and devices and
post-operative imaging, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.report.measure import find_measurements
from radpilot.report.sections import parse_report
from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an organ's swelling is no pulmonary edema, nor is the kind of a pancreatitis
        ("The pancreas is bulky and oedematous.", {}),
        (
            "The pancreas is bulky and oedematous with extensive peripancreatic fat stranding, consistent with acute "
            "interstitial oedematous pancreatitis.",
            {"fat_stranding": "present", "pancreatitis": "present"},
        ),
        (
            "The heart is large and there is pulmonary edema.",
            {"cardiomegaly": "present", "pulmonary_edema": "present"},
        ),
        # a duct of normal width
        ("CBD normal calibre.", {"biliary_dilatation": "absent"}),
        ("Nondilated CBD.", {"biliary_dilatation": "absent"}),
        # the bowel's ischaemia said first
        (
            "Early ischaemia of the incarcerated loop cannot be excluded.",
            {"mesenteric_ischemia": "uncertain"},
        ),
        # a bare obstruction said of the bowel, denied by the word between
        ("Small bowel dilatation without obstruction.", {"bowel_obstruction": "absent"}),
        ("Mild upstream dilatation without obstruction.", {"bowel_obstruction": "absent"}),
        (
            "No bowel wall thickening or obstruction.",
            {"bowel_wall_thickening": "absent", "bowel_obstruction": "absent"},
        ),
        ("Bowel: No obstruction.", {"bowel_obstruction": "absent"}),
        (
            "A transition point of the bowel caliber at the ileocecal valve without obstruction.",
            {"bowel_obstruction": "absent"},
        ),
        (
            "Dilated small bowel loops up to 3.5 cm with a transition point in the mid pelvis, likely adhesive.",
            {"bowel_obstruction": "present"},
        ),
        (
            "Transition point in the mid pelvis, concerning for early obstruction.",
            {"bowel_obstruction": "uncertain"},
        ),
        # "absent" said before a finding denies it
        (
            "Increased biliary dilatation with absent pneumobilia.",
            {"biliary_dilatation": "present", "pneumobilia": "absent"},
        ),
        (
            "Absent arterial flow to the left testis, concerning for torsion.",
            {"testicular_torsion": "uncertain"},
        ),
        ("Moderate stool throughout the colon.", {"fecal_loading": "present"}),
        # an aside in parentheses does not stop a denial said after it
        (
            "FINDINGS: Pneumonia seen on CT examination dated 2020 (not seen on the prior radiograph) is not seen on "
            "today's film.",
            {"pneumonia": "absent"},
        ),
    ],
)
def test_words_rv39(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # devices that moved, broke out of their joint or kinked
        (
            "Posterior dislocation of left THR.",
            {"dislocation": "present", "hardware_complication": "present", "orthopedic_hardware": "present"},
        ),
        (
            "The left double-J ureteric stent has migrated distally.",
            {"nonvascular_stent": "present", "hardware_complication": "present"},
        ),
        ("No graft migration or kinking.", {"hardware_complication": "absent"}),
        ("Caudal migration of SCS leads by ~1 level.", {"hardware_complication": "present"}),
        ("Stable left THA without complication.", {"orthopedic_hardware": "present"}),
        # a bypass graft's occlusion is the vessel's, not the hardware's
        ("Occluded SVG-OM graft.", {"arterial_occlusion": "present"}),
    ],
)
def test_devices_rv39(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "side"),
    [
        (
            "Simple renal cysts measuring 3.2 and 1.8 cm on the right and left, respectively.",
            "renal_cyst",
            "right",
        ),
        (
            "Simple renal cysts measuring 3.2 and 1.8 cm on the right and left, respectively.",
            "renal_cyst",
            "left",
        ),
        (
            "Several small calcific densities in the left renal shadow, in keeping with calculi.",
            "nephrolithiasis",
            "left",
        ),
        ("Posterior dislocation of left THR.", "hardware_complication", "left"),
        # two signs named together, read together
        (
            "Bilateral ground-glass and consolidative opacities, concerning for pneumonia.",
            "pneumonia",
            "bilateral",
        ),
        ("Right lower lobe consolidation, organizing pneumonia versus infection.", "pneumonia", "right"),
        ("Right lower lobe consolidation, organizing pneumonia versus infection.", "infection", "right"),
    ],
)
def test_sides_rv39(text: str, code: str, side: str) -> None:
    assert side in sides(text).get(code, set())


def test_sides_of_two_signs_need_one_part() -> None:
    # (a sign of another part named with it gives no side to the reading)
    assert sides("Right pleural effusion and consolidation, concerning for pneumonia.")["pneumonia"] == {None}


def test_sizes_listed_with_one_unit() -> None:
    found = [
        m.values_mm for m in find_measurements("cysts measuring 3.2 and 1.8 cm; nodules of 4, 6 and 9 mm")
    ]
    assert found == [(32.0,), (18.0,), (4.0,), (6.0,), (9.0,)]
    # (not a range's low end, nor a number after a comma alone)
    assert [m.values_mm for m in find_measurements("between 3 and 5 mm")] == [(5.0,)]
    assert [m.values_mm for m in find_measurements("grade 2, 3 mm")] == [(3.0,)]
    sized = structure(
        "Simple renal cysts measuring 3.2 and 1.8 cm on the right and left, respectively."
    ).findings
    assert sorted((f.laterality.value if f.laterality else None, f.size_mm) for f in sized) == [
        ("left", 18.0),
        ("right", 32.0),
    ]


def test_findings_on_a_line_after_the_comparison() -> None:
    text = (
        "CT ABDOMEN/PELVIS WITH ORAL AND IV CONTRAST\nIndication: Known Crohn's disease, worsening RLQ pain.\n"
        "Comparison: CT enterography 6 months prior.\nApproximately 15 cm of terminal ileal wall thickening, which "
        "likely represents active enteritis.\nNo free air."
    )
    sections = {s.name: s.text for s in parse_report(text).sections}
    assert sections["comparison"] == "CT enterography 6 months prior."
    assert sections["findings"].startswith("Approximately 15 cm")
    assert report_codes(text)["bowel_wall_thickening"] == "present"
    # ... but a line that goes on about the prior study stays the comparison's
    prior = "Comparison: CT 1/1/2020.\nThis showed a right effusion.\nNo pneumothorax."
    assert parse_report(prior).sections[0].text.startswith("CT 1/1/2020.\nThis showed")
