"""Critical results found missing or wrong by a review of made-up abdomen, MSK and spine sentences (rv74).

Each table gives a finding sentence and the exact (code, tier) list, most urgent first, with its controls.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from radpilot.guidelines import assess, critical_results, load_critical_rules
from radpilot.structure import DataFileError, structure


def _tiers(finding: str) -> list[tuple[str, str]]:
    return [(c.code, c.tier) for c in assess(f"FINDINGS: {finding}").critical]


# blood around an aneurysm is a finding of its own; it still says the aneurysm leaks
ANEURYSM: list[tuple[str, list[tuple[str, str]]]] = [
    ("6.5 cm abdominal aortic aneurysm with surrounding retroperitoneal hematoma, concerning for rupture.",
     [("aortic_aneurysm", "red"), ("aortic_rupture", "red")]),
    ("6.5 cm abdominal aortic aneurysm with retroperitoneal hematoma.", [("aortic_aneurysm", "red")]),
    ("Retroperitoneal hematoma surrounding a 6.5 cm AAA.", [("aortic_aneurysm", "red")]),
    # a known aneurysm that now bleeds is not a known result: the blood is outside the clause that says "known"
    ("Known 6.5 cm abdominal aortic aneurysm with new retroperitoneal hematoma.", [("aortic_aneurysm", "red")]),
    # controls
    ("Infrarenal abdominal aortic aneurysm measuring 4.2 cm without rupture.", []),
    ("4.5 cm abdominal aortic aneurysm without retroperitoneal hematoma or rupture.", []),
    ("4.5 cm abdominal aortic aneurysm. No retroperitoneal hematoma.", []),
    ("Retroperitoneal hematoma from the left psoas muscle, separate from the 3 cm abdominal aortic aneurysm.", []),
    ("Status post EVAR. The aneurysm sac measures 4.1 cm with a type II endoleak.", []),
    ("Chronic type B aortic dissection, unchanged in extent since 2019.", []),
]  # fmt: skip


@pytest.mark.parametrize(("finding", "expected"), ANEURYSM, ids=[c[0] for c in ANEURYSM])
def test_aneurysm_with_blood_around_it(finding: str, expected: list[tuple[str, str]]) -> None:
    assert _tiers(finding) == expected


# an obstruction is orange; a closed loop or a failing blood supply (strangulation) is red
BOWEL: list[tuple[str, list[tuple[str, str]]]] = [
    # (the ischemia it is concerning for is read, and red, too)
    ("Closed loop small bowel obstruction with mesenteric swirling and bowel wall hypoenhancement, concerning for "
     "ischemia.", [("bowel_obstruction", "red"), ("mesenteric_ischemia", "red")]),
    ("Closed loop obstruction in the left lower quadrant.", [("bowel_obstruction", "red")]),
    ("High-grade small bowel obstruction with decreased enhancement of the bowel wall.",
     [("bowel_obstruction", "red")]),
    ("Small bowel obstruction with a transition point in the right lower quadrant.",
     [("bowel_obstruction", "orange")]),
    ("Dilated small bowel loops with air-fluid levels, compatible with small bowel obstruction.",
     [("bowel_obstruction", "orange")]),
    ("Small bowel obstruction without evidence of ischemia or closed loop.", [("bowel_obstruction", "orange")]),
    # controls
    ("Partial small bowel obstruction, improved compared to prior.", []),
    ("The previously seen small bowel obstruction has resolved.", []),
    ("No bowel obstruction.", []),
    ("Mildly dilated small bowel loops without a discrete transition point, favored to represent ileus.", []),
]  # fmt: skip


@pytest.mark.parametrize(("finding", "expected"), BOWEL, ids=[c[0] for c in BOWEL])
def test_bowel_obstruction_and_strangulation(finding: str, expected: list[tuple[str, str]]) -> None:
    assert _tiers(finding) == expected


# an acute fracture, or one of a kind that needs treatment within hours, is orange; an unstable spine fracture red;
# an old, healed or healing one nothing
FRACTURES: list[tuple[str, list[tuple[str, str]]]] = [
    # (the narrowing is a finding of its own: the canal narrowed by the fragments is the red result)
    ("Acute burst fracture of L2 with 6 mm of retropulsion narrowing the canal.",
     [("spinal_stenosis", "red"), ("fracture", "orange")]),
    ("Chance fracture of L1 with distraction of the posterior elements.", [("fracture", "red")]),
    ("Perched facets at C5-C6.", [("dislocation", "red")]),
    ("Acute compression fracture of the L1 vertebral body with 40% height loss and 4 mm of retropulsion.",
     [("compression_fracture", "orange")]),
    ("Acute on chronic compression fracture of L2 with new marrow edema.", [("compression_fracture", "orange")]),
    ("Impacted subcapital fracture of the left femoral neck.", [("fracture", "orange")]),
    ("Intertrochanteric fracture of the right femur.", [("fracture", "orange")]),
    ("Pathologic fracture through a lytic lesion in the left humeral shaft.", [("fracture", "orange")]),
    ("Comminuted intra-articular fracture of the left tibial plateau with a lipohemarthrosis.",
     [("fracture", "orange")]),
    ("Minimally displaced fracture of the lateral malleolus.", [("fracture", "orange")]),
    ("Posterior dislocation of the left hip with a posterior acetabular wall fracture.",
     [("dislocation", "orange"), ("fracture", "orange")]),
    ("Anterior dislocation of the right glenohumeral joint with a Hill-Sachs impaction fracture.",
     [("dislocation", "orange")]),
    # an old fracture in the same sentence does not hide an acute one
    ("Acute displaced rib fracture and old healed clavicle fracture.", [("fracture", "orange")]),
    # controls: old, healed, healing, chronic, unchanged, reduced, subluxed
    ("Old healed fracture deformity of the left clavicle.", []),
    ("Healing fracture of the right seventh rib with callus formation.", []),
    ("Negative for acute fracture. Old healed right rib fractures.", []),
    ("Old healed rib fractures with new left pleural effusion.", []),
    ("Chronic mild compression deformity of T12, unchanged.", []),
    ("Mild compression deformity of T12, age indeterminate.", []),
    ("Remote healed burst fracture of L1.", []),
    ("Nondisplaced fracture of the fifth metatarsal base.", []),
    ("Comminuted fracture of the distal radius, unchanged in alignment.", []),
    ("No acute fracture or dislocation.", []),
    ("The shoulder dislocation has been reduced.", []),
    ("Interval reduction of the left hip dislocation.", []),
    ("Mild anterolisthesis of L4 on L5 with grade 1 subluxation.", []),
    ("Acromioclavicular joint separation.", []),
]  # fmt: skip


@pytest.mark.parametrize(("finding", "expected"), FRACTURES, ids=[c[0] for c in FRACTURES])
def test_fractures_and_dislocations(finding: str, expected: list[tuple[str, str]]) -> None:
    assert _tiers(finding) == expected


# free air expected after surgery, or shrinking, is not a result; more than expected or growing is red
FREE_AIR: list[tuple[str, list[tuple[str, str]]]] = [
    ("Small amount of free intraperitoneal air, expected on postoperative day 2 following laparotomy.", []),
    ("Postoperative pneumoperitoneum, decreasing compared to prior.", []),
    ("Pneumoperitoneum, decreased compared to prior.", []),
    ("No free air.", []),
    ("Moderate pneumoperitoneum, more than expected for postoperative day 12.", [("pneumoperitoneum", "red")]),
    ("Increasing free air on postoperative day 3, concerning for anastomotic leak.",
     [("pneumoperitoneum", "red"), ("anastomotic_leak", "orange")]),
    ("Free air under the diaphragm.", [("pneumoperitoneum", "red")]),
    ("Free intraperitoneal air, unchanged from the prior study.", [("pneumoperitoneum", "red")]),
    # (the diverticulum's perforation spills free air: immediate)
    ("Complicated sigmoid diverticulitis with extraluminal free air, consistent with perforation.",
     [("pneumoperitoneum", "red"), ("bowel_perforation", "red")]),
]  # fmt: skip


@pytest.mark.parametrize(("finding", "expected"), FREE_AIR, ids=[c[0] for c in FREE_AIR])
def test_postoperative_free_air(finding: str, expected: list[tuple[str, str]]) -> None:
    assert _tiers(finding) == expected


# entries most US critical-result policies list; tiers after the ACR categories (see docs/GUIDELINES.md)
POLICY: list[tuple[str, list[tuple[str, str]]]] = [
    ("Acute appendicitis with a dilated 12 mm appendix and periappendiceal fat stranding.",
     [("appendicitis", "orange")]),
    ("Perforated appendicitis with a 4.1 x 3.0 cm rim-enhancing periappendiceal abscess.",
     [("appendicitis", "orange"), ("bowel_perforation", "orange"), ("abscess", "orange")]),
    ("Acute descending colon diverticulitis with a 2.5 cm pericolonic abscess.", [("abscess", "orange")]),
    ("Distended gallbladder with gallstones, pericholecystic fluid and a positive sonographic Murphy sign, "
     "consistent with acute cholecystitis.", [("cholecystitis", "orange")]),
    ("Gangrenous cholecystitis with intraluminal membranes.", [("cholecystitis", "red")]),
    ("Emphysematous cholecystitis.", [("cholecystitis", "red")]),
    ("Left inguinal hernia containing a loop of small bowel with proximal bowel dilatation, concerning for "
     "incarceration.", [("abdominal_hernia", "orange")]),
    ("Incarcerated ventral hernia with hypoenhancing bowel wall, concerning for strangulation.",
     [("abdominal_hernia", "red")]),
    ("Infrarenal abdominal aortic aneurysm measuring 5.8 x 5.6 cm.", [("aortic_aneurysm", "yellow")]),
    ("Infrarenal abdominal aortic aneurysm measuring 4.8 cm, previously 4.1 cm.", [("aortic_aneurysm", "yellow")]),
    ("A 3.1 cm enhancing solid mass in the interpolar right kidney, suspicious for renal cell carcinoma.",
     [("renal_mass", "yellow")]),
    ("2.2 cm left adrenal nodule measuring 35 HU on noncontrast images, indeterminate.",
     [("adrenal_nodule", "yellow")]),
    ("Soft tissue gas tracking along the fascial planes of the right thigh, concerning for necrotizing fasciitis.",
     [("necrotizing_fasciitis", "red")]),
    ("Enlarged right ovary with absent internal arterial flow, concerning for ovarian torsion.",
     [("ovarian_torsion", "red")]),
    # controls
    ("The appendix is normal in caliber and air-filled.", []),
    ("Incidental appendicolith within a normal caliber appendix.", []),
    ("Sigmoid diverticulitis without abscess or free air.", []),
    ("Residual pelvic abscess with a pigtail drainage catheter in place, decreased in size.", []),
    ("Chronic cholecystitis.", []),
    ("Fat-containing umbilical hernia without evidence of incarceration.", []),
    ("Infrarenal abdominal aortic aneurysm measuring 4.2 cm.", []),
    ("Infrarenal abdominal aortic aneurysm measuring 5.8 cm, unchanged.", []),
    ("Status post EVAR with the aneurysm sac measuring 6.2 cm.", []),
    ("Type II endoleak with stable sac size.", []),
    ("Left renal angiomyolipoma measuring 1.2 cm.", []),
    ("Hypodense renal lesion too small to characterize.", []),
    ("1.5 cm left adrenal nodule measuring 5 HU, consistent with a lipid-rich adenoma.", []),
    ("Stable left adrenal nodule.", []),
    ("No soft tissue gas to suggest necrotizing fasciitis.", []),
]  # fmt: skip


@pytest.mark.parametrize(("finding", "expected"), POLICY, ids=[c[0] for c in POLICY])
def test_policy_entries(finding: str, expected: list[tuple[str, str]]) -> None:
    assert _tiers(finding) == expected


def test_min_size_mm_needs_a_size_and_a_lexicon_code(tmp_path: Path) -> None:
    path = tmp_path / "critical.yaml"
    head = "version: x\ntiers: {red: now, orange: soon, yellow: later}\nresults:\n"
    path.write_text(
        head + "  - code: aortic_aneurysm\n    tier: yellow\n    label: big\n    min_size_mm: 55\n"
    )
    rules = load_critical_rules(path)
    [c] = critical_results(structure("FINDINGS: Abdominal aortic aneurysm measuring 5.5 cm."), rules)
    assert (c.code, c.tier) == ("aortic_aneurysm", "yellow")
    assert critical_results(structure("FINDINGS: Abdominal aortic aneurysm measuring 5.4 cm."), rules) == []
    assert critical_results(structure("FINDINGS: Abdominal aortic aneurysm."), rules) == []
    path.write_text(
        head + "  - code: aortic_aneurysm\n    tier: yellow\n    label: big\n    min_size_mm: 0\n"
    )
    with pytest.raises(DataFileError, match="min_size_mm"):
        load_critical_rules(path)
    path.write_text(
        head
        + "  - code: no_such_thing\n    tier: red\n    label: x\n    phrases: [thing]\n    min_size_mm: 10\n"
    )
    with pytest.raises(DataFileError, match=r"critical.yaml:4 .*min_size_mm.*needs a lexicon code"):
        load_critical_rules(path)
