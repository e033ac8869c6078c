"""Review rv64 (held-out teaching-archive chest films, soft tissue ultrasound, neonatal cranial ultrasound and
paediatric neuroimaging, oncology CT of the abdomen, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rv64a, chest films: "know" heard for "no", what makes a finding look more so, a sternotomy whose wires'
        # word was lost to de-identification
        ("There is know focal consolidation.", {"consolidation": "absent"}),
        ("I know that.", {}),
        (
            "Borderline heart size, accentuated by low lung volumes.",
            {"cardiomegaly": "uncertain", "low_lung_volumes": "present"},
        ),
        (
            "Median sternotomy XXXX and CABG clips are noted.",
            {"sternotomy_wires": "present", "surgical_clips": "present"},
        ),
        ("No sternotomy.", {"sternotomy_wires": "absent"}),
        # rv64b, lumps: a ganglion cyst, the scan's reason
        (
            "Small anechoic structure, which may represent a small ganglion indenting the median nerve.",
            {"cyst": "uncertain"},
        ),
        ("Dorsal root ganglion enlargement.", {}),
        ("Ultrasound of palpable lump - left forearm\nNo mass.", {"mass": "absent"}),
        # rv64c, children's brains: the aqueduct, a clot's retraction, a shunt's pseudocyst, a subdural effusion
        (
            "Gross dilatation of the lateral ventricles - s/o aqueductal stenosis.",
            {"hydrocephalus": "present"},
        ),
        ("Renal artery stenosis.", {"arterial_stenosis": "present"}),
        ("Stable bilateral grade II IVH with clot retraction.", {"intraventricular_hemorrhage": "present"}),
        ("Consistent with a CSF pseudocyst.", {}),
        ("Pancreatic pseudocyst in the tail.", {"pancreatic_cyst": "present"}),
        (
            "Appearances favour benign enlargement of the subarachnoid spaces rather than subdural hygroma/effusion.",
            {"subdural_hygroma": "uncertain"},
        ),
        # rv64d, abdominal oncology: another reading that could look the same
        (
            "Mild small bowel wall thickening, possibly chemotherapy-related enteritis; infectious enteritis could also "
            "have this appearance.",
            {"bowel_wall_thickening": "present", "enteritis": "uncertain"},
        ),
    ],
)
def test_review_rv64(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
