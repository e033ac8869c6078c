"""What a report says a finding is goes into its impression sentence: a benign reading with no code of its own
("left adrenal nodule, consistent with adenoma", "fat-containing renal lesion consistent with angiomyolipoma") is
kept with the report's cue, and the reading's own mention is no second item; a consolidation "compatible with
pneumonia" is the pneumonia, while a consolidation beside another finding stays one; a mass of the brain
"consistent with meningioma" is the meningioma with its size and side; "the largest 12 mm" sizes the lesions named
before it, not the edema after it. Made-up sentences only."""

from __future__ import annotations

import re

import pytest

from radpilot.draft import write_impression
from radpilot.structure import structure


def _impression(findings: str) -> list[str]:
    text = write_impression(findings, {"exam": "CT"}, with_guidelines=False).impression
    return [re.sub(r"^\d+\. ", "", line) for line in text.splitlines()]


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        (
            "Left adrenal nodule measuring 1.8 cm with attenuation of 5 HU, consistent with adenoma.",
            ["18 mm left adrenal nodule, consistent with adenoma."],
        ),
        (
            "1.5 cm fat-containing left renal lesion consistent with angiomyolipoma.",
            ["15 mm left renal mass, consistent with angiomyolipoma."],
        ),
        (
            "Sclerotic focus in the right iliac bone, likely a bone island.",
            ["Right sclerotic bone lesion, likely a bone island."],
        ),
        (
            "8 mm right renal lesion, likely a cyst. Small pleural effusion.",
            ["8 mm right renal mass, likely a cyst.", "Small pleural effusion."],
        ),
        ("Right lower lobe consolidation compatible with pneumonia.", ["Pneumonia in the right lower lobe."]),
        (
            "Left lower lobe consolidation, which may represent atelectasis or pneumonia.",
            ["Consolidation in the left lower lobe, possibly atelectasis or pneumonia."],
        ),
        (
            "2.3 cm dural-based enhancing mass along the left cerebral convexity, consistent with meningioma.",
            ["23 mm meningioma in the left cerebral hemisphere."],
        ),
    ],
)
def test_the_reading_the_report_gives_is_the_impressions(findings: str, expected: list[str]) -> None:
    assert _impression(findings) == expected


def test_an_indeterminate_nodule_gets_no_benign_reading_and_a_consolidation_beside_another_finding_stays() -> (
    None
):
    assert _impression("2.5 cm right adrenal nodule with attenuation of 35 HU, indeterminate.") == [
        "25 mm right adrenal nodule."
    ]
    lines = _impression("Bibasilar consolidation and bilateral costophrenic angle blunting are present.")
    assert any(line.startswith("Consolidation") for line in lines), lines
    # (the reading must follow the finding in its own sentence, with no other finding between)
    lines = _impression("Left adrenal nodule. Small hiatal hernia, likely chronic, and a renal cyst.")
    assert not any("consistent with" in line or "likely a" in line for line in lines), lines


def test_the_largest_of_several_lesions_sizes_them_not_the_finding_after_it() -> None:
    sr = structure(
        "Multiple enhancing lesions in both cerebral hemispheres, the largest 12 mm in the right frontal lobe, "
        "with surrounding vasogenic edema."
    )
    sizes = {f.code: f.size_mm for f in sr.findings}
    assert sizes == {"brain_lesion": 12.0, "cerebral_edema": None}
    sr = structure("Multiple liver lesions, the largest measuring 3.2 cm, with ascites.")
    assert {f.code: f.size_mm for f in sr.findings} == {"liver_lesion": 32.0, "ascites": None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Left frontal hemorrhage.", ("intracranial_hemorrhage", "present", "left")),
        ("Right insular hemorrhage.", ("intracranial_hemorrhage", "present", "right")),
        ("Left temporal contusion with small hemorrhage.", ("intracranial_hemorrhage", "present", "left")),
        (
            "There is a 1.2 cm enhancing mass in the left cerebellopontine angle.",
            ("brain_mass", "present", "left"),
        ),
        ("Pituitary mass measuring 1.4 cm with suprasellar extension.", ("brain_mass", "present", None)),
        ("Mass in the fourth ventricle.", ("brain_mass", "present", None)),
    ],
)
def test_a_lobes_bleed_and_a_mass_of_the_brains_spaces_are_the_brains(
    text: str, expected: tuple[str, str, str | None]
) -> None:
    got = {
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None)
        for f in structure(text).findings
    }
    assert expected in got


@pytest.mark.parametrize(
    "text",
    [
        "Left frontal scalp hematoma without underlying fracture.",
        "Large right frontoparietal scalp hematoma.",
        "Blood in the right frontal sinus.",
        "Right temporal bone fracture with hemorrhage in the middle ear.",
    ],
)
def test_a_bleed_of_the_scalp_a_sinus_or_the_ear_is_no_bleed_in_the_brain(text: str) -> None:
    assert not any(f.code == "intracranial_hemorrhage" for f in structure(text).findings)


def test_whole_report_review_rvc_mends() -> None:
    """rvC: a CTA neck's intimal flap and intramural hematoma are the carotid's dissection, not the aorta's; a
    subdural's "acute-on-chronic hemorrhage" is no second bleed; a fat-containing renal lesion "without
    calcification, consistent with angiomyolipoma" keeps its reading; a splenic injury is said as such."""
    cta = write_impression(
        "There is long-segment narrowing of the right internal carotid artery beginning 2 cm distal to the bifurcation "
        "and extending to the skull base, with an intimal flap and a crescentic intramural hematoma, consistent "
        "with dissection.",
        {"exam": "CTA neck"},
        with_guidelines=False,
    ).impression
    assert "aortic" not in cta.lower() and "cervical artery dissection" in cta.lower(), cta
    sdh = _impression(
        "There is a mixed-density left holohemispheric subdural hematoma measuring up to 14 mm in thickness, with "
        "hyperdense components suggesting acute-on-chronic hemorrhage."
    )
    assert sdh == ["14 mm left subdural hematoma."], sdh
    aml = _impression(
        "Left kidney: 2.8 cm exophytic lesion in the lower pole containing macroscopic fat without calcification, "
        "consistent with angiomyolipoma."
    )
    assert aml == ["28 mm left renal mass, consistent with angiomyolipoma."], aml
    spleen = _impression("4.5 cm deep laceration through the splenic hilum, AAST grade IV splenic injury.")
    assert spleen[0] == "Splenic injury.", spleen


def test_a_rupture_said_of_the_aneurysm_is_the_aortas_and_a_cerebellar_infarct_is_named_as_said() -> None:
    lines = _impression(
        "Infrarenal abdominal aortic aneurysm measuring 7.2 cm with a large left retroperitoneal hematoma. Focal "
        "discontinuity of the calcified wall on the left anterolateral aspect, consistent with rupture."
    )
    assert "Aortic rupture." in lines, lines
    for text in ("No evidence of rupture.", "Rupture of the left Achilles tendon."):
        assert not any(f.code == "aortic_rupture" for f in structure(text).findings), text
    assert _impression("Chronic left cerebellar infarct.") == ["Chronic left cerebellar infarct."]


def test_a_spine_finding_is_impressed_with_its_level() -> None:
    """rvC 37/38: the surgeon needs the level ("Spinal cord compression at T6."), said after the mention or as the
    sentence's level heading; a T1/T2 sequence name is no level."""
    assert (
        _impression(
            "An epidural soft tissue mass extends from T5 to T7 and causes severe spinal canal stenosis with compression "
            "of the spinal cord at T6."
        )[0]
        == "Spinal cord compression at T6."
    )
    lines = _impression(
        "L4-L5: Large central disc extrusion measuring 1.6 cm, resulting in severe spinal canal stenosis with "
        "compression of the cauda equina nerve roots."
    )
    assert lines[0] == "Cauda equina compression at L4-L5.", lines
    lines = _impression("Cord compression with T2 hyperintense cord signal.")
    assert lines[0] == "Spinal cord compression.", lines
