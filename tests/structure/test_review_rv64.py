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
        # (a bare "sternotomy" may be planned, redone or left open: the second review of the change)
        ("Planned redo sternotomy. Heart size normal.", {"cardiomegaly": "absent"}),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an addendum takes back only what its correction names, or denies right after it
        (
            "FINDINGS: Healed left 6th rib fracture. Heart mildly enlarged.\nADDENDUM: Correction: the heart size is "
            "normal rather than mildly enlarged. This was discussed with Dr Smith. No acute rib fracture.",
            {"fracture": "present", "cardiomegaly": "absent"},
        ),
        (
            "FINDINGS: Moderate hydronephrosis of the right kidney.\nADDENDUM: Correction: the calculus measures 6 mm "
            "rather than 4 mm. Post-void images were reviewed. No hydronephrosis after voiding.",
            {"hydronephrosis": "present", "calculus": "present"},
        ),
        (
            "Right apical pneumothorax measuring 1 cm.\nADDENDUM: The line previously described as a pneumothorax edge "
            "represents a skin fold. Lung markings extend to the chest wall. No pneumothorax.",
            {"pneumothorax": "absent"},
        ),
        ("The asymmetry partially disperses on rolled views.", {"breast_asymmetry": "present"}),
        # a blank with its unit only as a field of its own; a form's answer only of its own label
        ("Right pleural effusion is present, maximal depth: *** cm.", {"pleural_effusion": "present"}),
        ("Displaced fracture of the distal radius, ulnar styloid: not assessed.", {"fracture": "present"}),
        # a device advised without words of putting it in
        ("Suggest PICC line for long-term antibiotics.", {}),
        ("Consider NG tube for decompression of the dilated stomach.", {}),
        ("Right chest tube in place. Consider repositioning the chest tube.", {"chest_tube": "present"}),
        # history cues that do not reach what the study shows with or after them
        ("Renal transplant for ESRD with mild hydronephrosis.", {"hydronephrosis": "present"}),
        (
            "Follow-up after treatment for pneumonia shows persistent right lower lobe consolidation.",
            {"consolidation": "present"},
        ),
        # a pair's place kept for a lung finding said all through the lobe
        (
            "Extensive consolidation and atelectasis in the left lower lobe.",
            {"consolidation": "present", "atelectasis": "present"},
        ),
        # "know" typed for "known"
        ("Follow-up of know pulmonary nodules. Stable appearance.", {"nodule": "present"}),
        (
            "Small left pleural effusion and subdural hygroma.",
            {"pleural_effusion": "present", "subdural_hygroma": "present"},
        ),
        ("Enlarged left dorsal ganglion, likely schwannoma.", {"brain_mass": "uncertain"}),
        (
            "Bibasilar opacities, likely consistent with atelectasis, scarring, and early pneumonia.",
            {
                "lung_opacity": "present",
                "atelectasis": "uncertain",
                "scarring": "uncertain",
                "pneumonia": "uncertain",
            },
        ),
        (
            "No pneumothorax is identified, although a small apical pneumothorax could be obscured by overlying ECG "
            "leads.",
            {"pneumothorax": "uncertain", "ecg_leads": "present"},
        ),
        ("Torsion: No sonographic features.", {"torsion": "absent"}),
        ("Torsion: No sonographic features of torsion.", {"torsion": "absent"}),
    ],
)
def test_what_the_second_review_of_the_change_checked(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
