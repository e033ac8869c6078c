"""Review rv50 (held-out routine and inpatient chest radiographs, trauma imaging and oncology restaging CT, written
before any output was seen): what it found."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.report import parse_report
from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a choice between words that name no finding, said after a comma, a dash or a question mark, is a reading
        # of what stands before it, which is there (rv50d)
        (
            "L ureter mildly dilated to the pelvic brim (hydroureter), ?stricture vs extrinsic; new.",
            {"hydronephrosis": "present"},
        ),
        (
            "Small volume free fluid in pelvis - physiological vs early peritoneal disease; no peritoneal "
            "nodularity seen.",
            {"free_fluid": "present", "peritoneal_nodules": "absent"},
        ),
        (
            "New mild right hydroureteronephrosis - stricture vs recurrence at the right ureteroileal anastomosis.",
            {"hydronephrosis": "present"},
        ),
        ("Small left effusion, loculated versus free-flowing.", {"pleural_effusion": "present"}),
        (
            "Right hilar prominence, vascular vs lymphadenopathy.",
            {"hilar_enlargement": "present", "lymphadenopathy": "uncertain"},
        ),
        # ... a choice of findings stays a choice
        (
            "Small left effusion, versus pleural thickening.",
            {"pleural_effusion": "uncertain", "pleural_thickening": "uncertain"},
        ),
        ("Atelectasis versus pneumonia.", {"atelectasis": "uncertain", "pneumonia": "uncertain"}),
        (
            "Right lower lobe opacity, atelectasis or pneumonia.",
            {"lung_opacity": "present", "atelectasis": "uncertain", "pneumonia": "uncertain"},
        ),
        # what is uncertain is what it means, not whether it is there
        ("Small pelvic free fluid of uncertain significance.", {"free_fluid": "present"}),
        ("Possible free fluid of uncertain significance.", {"free_fluid": "uncertain"}),
        # "s/o": suggestive of
        (
            "Few nodules in both lungs, s/o metastases.",
            {"nodule": "present", "pulmonary_metastases": "uncertain"},
        ),
        # under an organ's heading, a finding said in the lungs is not the organ's
        (
            "Liver: No focal lesion.\nFew subcentimetric nodules in bilateral lungs, s/o metastasis.",
            {"liver_lesion": "absent", "nodule": "present", "pulmonary_metastases": "uncertain"},
        ),
        (
            "LIVER: Multiple hypodense lesions. No biliary dilatation.",
            {"liver_lesion": "present", "biliary_dilatation": "absent"},
        ),
        # the patient's line after the title, and the title's note of the history after a dash
        (
            "CT CHEST (FOLLOW-UP)\n6-year-old with Wilms tumour (right nephrectomy), previously seen pulmonary "
            "metastases.\nComparison: 3 months ago.\nThe previously noted 5 mm nodule in the left lower lobe has "
            "resolved. No new pulmonary nodules.",
            {"nodule": "uncertain"},
        ),
        (
            "CT CHEST\n65-year-old man with lung cancer.\nSmall left effusion.",
            {"pleural_effusion": "present"},
        ),
        (
            "CT CAP - gastric cancer s/p total gastrectomy, adjuvant chemo completed.\nNo new osseous lesion.",
            {"bone_lesion": "uncertain"},
        ),
        # ... not a title's findings after a dash, nor a line that opens with a size
        ("CT chest - small left effusion.", {"pleural_effusion": "present"}),
        (
            "CT CHEST\n2 cm nodule in the RUL.\nNo effusion.",
            {"nodule": "present", "pleural_effusion": "absent"},
        ),
        # words (rv50c, rv50d)
        (
            "Right IJ port with catheter tip at the cavoatrial junction.",
            {"port_catheter": "present"},
        ),
        (
            "Bladder wall is mildly trabeculated and thickened, likely related to outlet obstruction.",
            {"bladder_wall_thickening": "present"},
        ),
        (
            "Findings concerning for duodenal injury; possible pancreatic head injury.",
            {"bowel_injury": "uncertain", "solid_organ_injury": "uncertain"},
        ),
        ("Pancreatic contusion cannot be excluded.", {"solid_organ_injury": "uncertain"}),
    ],
)
def test_review_rv50(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


def test_the_port_takes_the_side_of_its_vein() -> None:
    assert sides("Right IJ port with catheter tip at the cavoatrial junction.") == {
        "port_catheter": {"right"}
    }


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "CT CHEST\n65-year-old man with lung cancer.\nSmall left effusion.",
            ["examination", "history", "findings"],
        ),
        ("72 y/o F with cough\nFindings: RLL consolidation.", ["history", "findings"]),
        (
            "CT CAP - gastric cancer s/p total gastrectomy, adjuvant chemo completed.\nNo effusion.",
            ["examination", "findings"],
        ),
        ("CT chest - small left effusion.", ["findings"]),
    ],
)
def test_the_patients_line_is_the_history(text: str, names: list[str]) -> None:
    assert [s.name for s in parse_report(text).sections] == names


@pytest.mark.parametrize(
    ("text", "code", "severity"),
    [
        ("No free fluid, with the exception of a trace in the pelvis.", "free_fluid", "trace"),
        ("No free fluid other than a small amount in the pelvis.", "free_fluid", "small"),
        ("No ascites apart from a little fluid around the liver.", "ascites", "trace"),
    ],
)
def test_a_denials_exception_of_a_little_of_it(text: str, code: str, severity: str) -> None:
    """A denial with an exception of a little of the same said right after it (rv50c): the finding is there."""
    f = next(f for f in structure(text).findings if f.code == code)
    assert (f.assertion.value, f.severity) == ("present", severity)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an exception of another finding, or of none, leaves the denial
        (
            "No free fluid, with the exception of the known right pleural effusion.",
            {"free_fluid": "absent", "pleural_effusion": "present"},
        ),
        ("No fracture other than the known clavicular fracture.", {"fracture": "present"}),
        (
            "No pneumothorax. Lungs clear except for minor atelectasis.",
            {"pneumothorax": "absent", "atelectasis": "present"},
        ),
    ],
)
def test_the_denial_stands_beside_another_exception(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
