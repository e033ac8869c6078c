"""Review rv51 (held-out chest radiographs reported outside the US, neuroradiology, ultrasound across the body, and
hurried speech-recognition dictation, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from radpilot import structure
from tests.structure.conftest import report_codes, sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a UK "ICD" whose tip is said in the chest is the intercostal drain (rv51a)
        (
            "Follow-up CXR.\nLeft ICD in situ, tip projected over the left apex. The previously seen left PTX has "
            "resolved.",
            {"chest_tube": "present", "pneumothorax": "absent"},
        ),
        ("Left chest wall ICD with leads in the RA and RV.", {"cardiac_pacemaker": "present"}),
        # TB words of the subcontinent's reports (rv51a)
        (
            "Fibrocavitary lesion noted in left upper zone with surrounding fibronodular opacities. Left upper zone "
            "fibrocavitary lesion - ? Koch's.",
            {"cavitary_lesion": "present", "fibronodular_change": "present", "infection": "uncertain"},
        ),
        ("H/o Koch's. Old koch's in right upper zone.", {"granuloma": "present"}),
        # a letter typed for its neighbour in sound (rv51d)
        ("Mild paraseptal emphyzema.", {"emphysema": "present"}),
        # advice to correlate for a finding is no statement of it
        (
            "Possible pneumonia. Clinical correlation is recommended for infection.",
            {"pneumonia": "uncertain"},
        ),
        (
            "Right lower lobe opacity. Clinical correlation recommended for pneumonia.",
            {"lung_opacity": "present"},
        ),
        # ultrasound (rv51c): a fallopian tube's tortuosity is no aorta's; a denial's word is no node's; the title's
        # note of the referral after a dash, and a series' title
        (
            "Left adnexa: dilated, tortuous left fallopian tube (max 1.6 cm) with thickened hyperaemic wall, in keeping "
            "with pyosalpinx.",
            {"hydrosalpinx": "present"},
        ),
        (
            "Reactive-appearing level VI nodes, no suspicious cervical lymphadenopathy.",
            {"lymphadenopathy": "absent"},
        ),
        ("Suspicious right level IV node.", {"lymphadenopathy": "present"}),
        (
            "NECK US - primary hyperparathyroidism, raised Ca/PTH.\nRight inferior parathyroid adenoma.",
            {"parathyroid_adenoma": "present"},
        ),
        (
            "CT head - shunt series\nRight frontal approach VP shunt, catheter tip in the frontal horn of the right "
            "lateral ventricle. Persistent mild hydrocephalus.",
            {"csf_shunt": "present", "hydrocephalus": "present"},
        ),
    ],
)
def test_review_rv51(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "location"),
    [
        # the second of a choice of two reads the lesion the first reads, not the first's organ (rv51b: a vertebral
        # lesion's "haemangioma versus metastasis" was a liver metastasis)
        (
            "Lesion in the L2 vertebral body, haemangioma versus metastasis.",
            "osseous_metastasis",
            "lumbar spine",
        ),
        (
            "MRI lumbar spine.\n1.5 cm enhancing lesion in the L2 vertebral body - atypical haemangioma versus "
            "metastasis.",
            "osseous_metastasis",
            "lumbar spine",
        ),
        ("Hypodense liver lesion in segment 6, hemangioma versus metastasis.", "liver_metastasis", "liver"),
        ("Enhancing lesion in the left cerebellum, abscess versus metastasis.", "brain_metastases", "brain"),
    ],
)
def test_the_second_reading_of_a_choice_reads_the_lesion(text: str, code: str, location: str) -> None:
    f = next(f for f in structure(text).findings if f.code == code)
    assert (f.assertion.value, f.location) == ("uncertain", location)


def test_both_readings_of_a_choice_take_the_side() -> None:
    assert sides("A few opacities are present in the left base, probably scarring or atelectasis.") == {
        "lung_opacity": {"left"},
        "scarring": {"left"},
        "atelectasis": {"left"},
    }
