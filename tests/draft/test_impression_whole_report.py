"""Impression of whole dictated reports (review rv91): the report's own indication is the question, acute diagnoses
before trivia, one item per finding, "no new X" said as such, a degree said once. Made-up sentences only."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from radpilot.cli import app
from radpilot.draft import deterministic_impression, write_impression
from radpilot.structure import DataFileError, structure


def _lines(impression: str) -> list[str]:
    return [re.sub(r"^\d+\. ", "", line) for line in impression.splitlines()]


CTA_NEGATIVE = (
    "EXAMINATION: CTA chest\n"
    "INDICATION: Pleuritic pain, raised D-dimer. Evaluate for pulmonary embolism.\n"
    "FINDINGS: No pulmonary embolism. Mild bibasilar atelectasis. Small right pleural effusion.\n"
)


@pytest.mark.parametrize(
    ("report", "first"),
    [
        # the answer to the question the report's own indication asks comes first
        (CTA_NEGATIVE, "No pulmonary embolism."),
        (
            "EXAMINATION: US venous duplex left lower extremity\nREASON FOR EXAM: Calf swelling, rule out DVT.\n"
            "FINDINGS: No deep vein thrombosis in the left lower extremity. 2 cm popliteal cyst.",
            "No deep vein thrombosis.",
        ),
        # ... and when nothing acute answers it, the normal statement does, before the chronic findings
        (
            "EXAMINATION: CT head without contrast\nCLINICAL HISTORY: Fall at home, headache.\n"
            "FINDINGS: No intracranial hemorrhage or midline shift. Mild periventricular hypoattenuation, likely "
            "chronic small vessel ischemic change. Mild mucosal thickening of the right maxillary sinus.",
            "No acute intracranial abnormality.",
        ),
        (
            "EXAMINATION: CT head\nHISTORY: Dizziness.\nFINDINGS: Old left occipital infarct, unchanged. Generalized "
            "volume loss.",
            "No acute intracranial abnormality.",
        ),
        # an abdominal CT for fever asks nothing about a pleural effusion (a chest film's would)
        (
            "EXAMINATION: CT abdomen and pelvis\nINDICATION: Fever.\nFINDINGS: Small right pleural effusion. Sigmoid "
            "wall thickening with pericolic fat stranding, consistent with acute uncomplicated diverticulitis.",
            "Acute diverticulitis.",
        ),
        # "heart failure, intubated": the tube is the patient's state, the edema the question
        (
            "EXAMINATION: XR chest portable\nCLINICAL HISTORY: Heart failure, intubated.\n"
            "FINDINGS: Endotracheal tube 5 cm above the carina. Moderate pulmonary edema.",
            "Moderate pulmonary edema.",
        ),
    ],
)
def test_the_report_s_own_indication_is_the_question(report: str, first: str) -> None:
    assert _lines(write_impression(report).impression)[0] == first
    sr = structure(report)
    assert deterministic_impression(sr, sr.report.section_text("examination"))[0] == first


def test_the_context_s_indication_wins_over_the_report_s() -> None:
    lines = _lines(write_impression(CTA_NEGATIVE, {"indication": "fever"}).impression)
    assert "No pulmonary embolism." not in lines and lines[0] == "Small right pleural effusion."


def test_the_impression_command_answers_the_report_s_indication(tmp_path: Path) -> None:
    path = tmp_path / "cta.txt"
    path.write_text(CTA_NEGATIVE, encoding="utf-8")
    res = CliRunner().invoke(app, ["impression", str(path)])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["impression"].startswith("1. No pulmonary embolism.")


@pytest.mark.parametrize(
    ("report", "absent"),
    [
        # a named line is the question, not every tube ("central line placement" is no "support devices" question)
        (
            "EXAMINATION: XR chest portable\nINDICATION: Right internal jugular central line placement.\n"
            "FINDINGS: Right internal jugular central venous catheter with tip in the SVC. Enteric tube in the "
            "stomach. No pneumothorax.",
            "Enteric tube",
        ),
        # a question the report's findings do not answer is not said to be answered
        (
            "EXAMINATION: XR chest\nINDICATION: Evaluate for pulmonary embolism.\nFINDINGS: Lungs are clear.",
            "No pulmonary embolism",
        ),
    ],
)
def test_what_the_indication_does_not_ask(report: str, absent: str) -> None:
    assert absent not in write_impression(report).impression


@pytest.mark.parametrize(
    ("exam", "findings", "first", "last"),
    [
        # an acute diagnosis before chronic or incidental findings
        (
            "CT abdomen",
            "Cholelithiasis. Sigmoid wall thickening with pericolic stranding, consistent with acute diverticulitis.",
            "Acute diverticulitis.",
            "Gallstones.",
        ),
        (
            "CT abdomen",
            "Small hiatal hernia. Dilated appendix with periappendiceal stranding, consistent with appendicitis. "
            "Mild bibasilar atelectasis.",
            "Appendicitis.",
            "Mild atelectasis in both lung bases.",
        ),
        # trivia after the rest
        (
            "MRI lumbar spine",
            "L3-L4: Mild disc bulge. L4-L5: Left paracentral disc protrusion with severe spinal canal stenosis.",
            "Left lumbar disc herniation at L4-L5.",
            "Mild lumbar disc bulge at L3-L4.",
        ),
        (
            "CT head",
            "Mild mucosal thickening of the left maxillary sinus. No intracranial hemorrhage.",
            "Mild left paranasal sinus disease.",
            "No acute intracranial abnormality.",
        ),
    ],
)
def test_acute_diagnoses_before_trivia(exam: str, findings: str, first: str, last: str) -> None:
    lines = _lines(write_impression(findings, {"exam": exam}, with_guidelines=False).impression)
    assert (lines[0], lines[-1]) == (first, last)


def test_what_the_report_calls_too_small_to_characterize_stays_in_the_findings() -> None:
    got = write_impression(
        "Bilateral subcentimeter renal hypodensities too small to characterize. Moderate left hydronephrosis.",
        {"exam": "CT abdomen"},
        with_guidelines=False,
    ).impression
    assert got == "Moderate left hydronephrosis."


@pytest.mark.parametrize(
    ("exam", "findings", "impression"),
    [
        # a sign and the diagnosis it is said to be, in one sentence, are one finding in the diagnosis's words
        (
            "CT abdomen",
            "There is a 2.2 cm solid enhancing mass in the left kidney, suspicious for renal cell carcinoma.",
            "22 mm left renal mass.",
        ),
        (
            "CT abdomen",
            "Rim-enhancing fluid collection in the left lower quadrant measuring 3.4 x 2.1 cm, compatible with "
            "abscess.",
            "3.4 x 2.1 cm abscess in the left lower quadrant.",
        ),
        (
            "CT abdomen",
            "Dilated small bowel loops with a transition point in the left lower quadrant, consistent with small "
            "bowel obstruction.",
            "Small bowel obstruction.",
        ),
        (
            "CTA chest",
            "Filling defects in the left lower lobe pulmonary arteries, consistent with acute pulmonary emboli.",
            "Acute pulmonary embolism in the left lower lobe.",
        ),
        # present beats uncertain for the same side and place
        ("XR chest", "Pneumonia in the right lower lobe. Possible right lower lobe pneumonia.",
         "Pneumonia in the right lower lobe."),
        # ... but two nodules stay two ("likely a granuloma" between them names neither as the other)
        (
            "CT chest",
            "6 mm nodule in the right upper lobe, likely a granuloma, and 4 mm nodule in the right lower lobe.",
            "1. 6 mm nodule in the right upper lobe, likely a granuloma.\n2. 4 mm nodule in the right lower lobe.",
        ),
        # a general kind is not said beside the specific one
        (
            "XR chest portable",
            "Support devices: endotracheal tube in the right mainstem bronchus.",
            "Endotracheal tube in the right mainstem bronchus.",
        ),
    ],
)  # fmt: skip
def test_one_item_per_finding(exam: str, findings: str, impression: str) -> None:
    assert write_impression(findings, {"exam": exam}, with_guidelines=False).impression == impression


@pytest.mark.parametrize(
    ("exam", "findings", "said", "not_said"),
    [
        # "no new X" beside X: said as the report says it, after the findings, never "Possible nodules."
        ("CT chest", "Stable 8 mm nodule in the right upper lobe. No new nodules.", "No new nodules.", "Possible"),
        ("MRI brain", "Stable periventricular white matter lesions. No new or enlarging lesions.",
         "No new or enlarging lesions.", "Possible"),
        # ... alone it says nothing the rest does not
        ("XR chest", "There is no new consolidation. Stable small left pleural effusion.", "", "consolidation"),
        ("XR chest", "Moderate right pleural effusion. There has been no new pneumothorax.", "", "pneumothorax"),
    ],
)  # fmt: skip
def test_no_new_is_said_as_no_new(exam: str, findings: str, said: str, not_said: str) -> None:
    lines = _lines(write_impression(findings, {"exam": exam}, with_guidelines=False).impression)
    assert not any(not_said in line for line in lines), lines
    if said:
        # after the findings, before the normal statement
        assert said in lines and lines.index(said) >= 1, lines
        assert not lines[lines.index(said) + 1 :] or lines[-1].startswith("No acute"), lines


def test_no_new_ranks_after_the_findings_of_a_follow_up() -> None:
    report = (
        "EXAMINATION: CT head\nHISTORY: Dizziness.\nFINDINGS: Old right occipital infarct, unchanged since 2022. "
        "No new territorial infarct. Generalized volume loss."
    )
    lines = _lines(write_impression(report).impression)
    assert lines[0] == "No acute intracranial abnormality." and lines[-1] == "No new territorial infarct.", (
        lines
    )
    assert not any(line.startswith("Possible") for line in lines), lines


@pytest.mark.parametrize(
    ("exam", "findings", "impression"),
    [
        # a size says how large: no degree beside it
        ("US thyroid", "Right thyroid lobe: 1.6 x 1.2 cm markedly hypoechoic solid nodule.", "16 x 12 mm thyroid nodule."),
        ("CT chest", "Large 5 cm mass in the right upper lobe.", "5 cm mass in the right upper lobe."),
        # ... except a grade beside a distance
        ("XR chest", "Small 15 mm right apical pneumothorax.", "Small 15 mm right apical pneumothorax."),
        # the report's own degree word where "large" would read as a size
        ("CT abdomen", "Marked sigmoid colon wall thickening.", "Marked sigmoid colon wall thickening."),
        ("XR chest", "Extensive subcutaneous emphysema in the left chest wall.",
         "Extensive left subcutaneous emphysema."),
        # a place the finding's name says already
        ("CT abdomen", "Small esophageal varices.", "Small esophageal varices."),
    ],
)  # fmt: skip
def test_a_degree_and_a_place_are_said_once(exam: str, findings: str, impression: str) -> None:
    assert write_impression(findings, {"exam": exam}, with_guidelines=False).impression == impression


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        (("acute: [appendicitis,", "acute: [no_such_finding,"), "no_such_finding"),
        (("graded: [pneumothorax,", "graded: [no_such_finding,"), "no_such_finding"),
        (("degree_as_said: [marked,", "degree_as_said: [purple,"), "purple"),
        (("indication_answers_exams: [chest]", "indication_answers_exams: [knee]"), "knee"),
        (("incidental_when_said: [too small", "incidental_when_said: [Too small"), "incidental_when_said"),
    ],
)
def test_a_bad_entry_in_the_new_style_fields_is_named(
    tmp_path: Path, edit: tuple[str, str], named: str
) -> None:
    from radpilot.draft.impression import load_impression_style

    src = Path(str(resources.files("radpilot.draft") / "data" / "impression.yaml")).read_text(
        encoding="utf-8"
    )
    assert edit[0] in src
    bad = tmp_path / "impression.yaml"
    bad.write_text(src.replace(edit[0], edit[1]), encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_impression_style(bad)
    assert "impression.yaml" in str(err.value) and named in str(err.value)
