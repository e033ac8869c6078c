"""Review rv61 (held-out COVID-19 and viral pneumonia, abdominal radiographs, pleural and occupational lung disease,
systemic disease of the chest, written before any output was seen): what it found."""

from __future__ import annotations

import pytest

import radpilot
from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hedged reading: the hedge reaches past the reading's own words
        ("Appearances are most likely in keeping with postoperative ileus.", {"ileus": "uncertain"}),
        ("Findings are likely consistent with pneumonia.", {"pneumonia": "uncertain"}),
        (
            "Degenerative changes of the thoracic spine possibly consistent with DISH.",
            {"degenerative_spine": "present", "dish": "uncertain"},
        ),
        (
            "Right lower lobe opacity, consistent with pneumonia.",
            {"lung_opacity": "present", "pneumonia": "present"},
        ),
        # rv61a: the RSNA's categories that doubt COVID-19 pneumonia, a leading consideration, a past infection's scar
        ("Atypical appearance for COVID-19 pneumonia.", {"pneumonia": "uncertain"}),
        ("Indeterminate appearance for COVID-19 pneumonia.", {"pneumonia": "uncertain"}),
        ("Typical appearance for COVID-19 pneumonia.", {"pneumonia": "present"}),
        ("Pneumocystis pneumonia is the leading consideration.", {"pneumonia": "uncertain"}),
        (
            "Bibasilar linear opacities, likely atelectasis versus scarring from prior COVID infection.",
            {"lung_opacity": "present", "atelectasis": "uncertain", "scarring": "uncertain"},
        ),
        ("Unchanged from prior 4 mm nodule.", {"nodule": "present"}),
        # rv61b, abdominal films: a device advised or a study's help is not there; one advised moved is; what can
        # present so; loops back to normal; stool, drug packets, gastroenteritis, gas in the bile ducts
        ("Recommend small-bore pigtail drain insertion.", {}),
        ("Suggest NG tube placement.", {}),
        ("Suggest repositioning of the NG tube.", {"enteric_tube": "present"}),
        ("Recommend withdrawing the endotracheal tube by 2 cm.", {"endotracheal_tube": "present"}),
        (
            "Clinical correlation is recommended et tube and right picc line unchanged",
            {"endotracheal_tube": "present", "picc": "present"},
        ),
        ("A distended stomach is the differential (an NG tube would help to distinguish).", {}),
        (
            "Correlate with a chest radiograph, as lower lobe pneumonia can present with abdominal pain.",
            {},
        ),
        (
            "The previously dilated small bowel loops have returned to normal calibre.",
            {"ileus": "absent"},
        ),
        ("A large faecal mass distending the rectum.", {}),
        ("Consistent with ingested drug packets (body packing).", {"foreign_body": "present"}),
        ("Appearances could reflect gastroenteritis.", {"enteritis": "uncertain"}),
        ("Branching gas within the biliary tree.", {"pneumobilia": "present"}),
        ("A 3 cm laminated calcified opacity in the right iliac fossa.", {}),
        (
            "Calcified granuloma in the right lower lobe. No renal calculi.",
            {"granuloma": "present", "nephrolithiasis": "absent"},
        ),
        # rv61c, pleura: plaques said of the diaphragm's domes
        (
            "Calcified plaques along both hemidiaphragms, typical of previous asbestos exposure.",
            {"pleural_plaque": "present"},
        ),
        ("Calcified plaque in the aortic arch.", {"aortic_atherosclerosis": "present"}),
        # rv61c and rv61d: eggshell nodes, a cavitating mass, the pulmonary trunk, PAVM, mosaic pattern, the trachea's
        # wall
        (
            "Bilateral hilar and subcarinal lymphadenopathy, several nodes with eggshell calcification.",
            {"hilar_enlargement": "present", "lymphadenopathy": "present", "calcified_lymph_node": "present"},
        ),
        ("Right upper lobe cavitating mass, 4 cm.", {"cavitary_lesion": "present", "mass": "present"}),
        ("No cavitating mass.", {"cavitary_lesion": "absent", "mass": "absent"}),
        ("Dilated PA trunk, 34mm.", {"pulmonary_artery_enlargement": "present"}),
        ("Stable enlargement of the pulmonary trunk.", {"pulmonary_artery_enlargement": "present"}),
        ("The known small left upper lobe PAVM is unchanged at 3 mm.", {"vascular_malformation": "present"}),
        (
            "Ground-glass opacity with a mosaic pattern of attenuation.",
            {"ground_glass_opacity": "present", "mosaic_attenuation": "present"},
        ),
        ("Diffuse tracheobronchial wall thickening.", {"bronchial_wall_thickening": "present"}),
        ("Septal lines at the bases.", {"interstitial_markings": "present"}),
        (
            "CXR post-aspiration: Left hydropneumothorax.",
            {"pneumothorax": "present", "pleural_effusion": "present"},
        ),
        ("Findings concerning for aspiration.", {"infection": "uncertain"}),
        (
            "CT chest, post bleomycin (Hodgkin lymphoma).\nBibasilar reticulation, suspicious for bleomycin pneumonitis.",
            {"interstitial_markings": "present", "pneumonitis": "uncertain"},
        ),
        # an example given of a reading is said as surely as the reading (the last note's leftover)
        (
            "Airway thickening, likely related to small airways disease (e.g. asthma).",
            {"bronchial_wall_thickening": "present", "bronchitis": "uncertain"},
        ),
        (
            "Atypical infection e.g. viral / mycoplasma pneumonia vs interstitial lung disease.",
            {"infection": "uncertain", "pneumonia": "uncertain", "interstitial_lung_disease": "uncertain"},
        ),
        (
            "Lines and tubes, e.g. ETT and NG tube, in satisfactory position.",
            {"support_device": "present", "endotracheal_tube": "present", "enteric_tube": "present"},
        ),
    ],
)
def test_review_rv61(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Increased interstitial markings at the lung bases.", "bilateral"),
        ("Atelectasis at the right base.", "right"),
        # (a bare "the bases" is no side: a metatarsal's has them too, the review of the change)
        ("XR RIGHT FOOT\nFractures at the bases of the second and third metatarsals.", "right"),
    ],
)
def test_the_lung_bases_are_both(text: str, side: str) -> None:
    (finding,) = radpilot.structure(text).findings
    assert finding.laterality is not None and finding.laterality.value == side
