"""Pediatric, neonatal, obstetric and gynaecologic findings that used to read as normal or as another code (made-up
text): each code present, denied, hedged and, where it has one, on its side; and the codes they must not be."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.guidelines.critical import critical_results
from tests.structure.conftest import placed


def _said(text: str) -> list[tuple[str, str]]:
    return [(f.code, f.assertion.value) for f in structure(text).findings]


def _codes(text: str) -> set[str]:
    return {f.code for f in structure(text).findings}


# (text, code, assertion): the code is read with that assertion
SAID = [
    # neonatal respiratory distress syndrome (surfactant deficiency, hyaline membrane disease)
    ("Diffuse granular opacities consistent with respiratory distress syndrome.", "neonatal_rds", "present"),
    ("Low lung volumes, consistent with surfactant deficiency.", "neonatal_rds", "present"),
    ("Hyaline membrane disease.", "neonatal_rds", "present"),
    ("No evidence of hyaline membrane disease.", "neonatal_rds", "absent"),
    ("Possible surfactant deficiency.", "neonatal_rds", "uncertain"),
    # transient tachypnea of the newborn
    (
        "Fluid in the fissures, consistent with transient tachypnea of the newborn.",
        "transient_tachypnea_of_the_newborn",
        "present",
    ),
    ("No findings to suggest TTN.", "transient_tachypnea_of_the_newborn", "absent"),
    ("Findings may represent TTN.", "transient_tachypnea_of_the_newborn", "uncertain"),
    # meconium aspiration
    ("Findings consistent with meconium aspiration.", "meconium_aspiration", "present"),
    ("No evidence of meconium aspiration.", "meconium_aspiration", "absent"),
    ("Possible meconium aspiration syndrome.", "meconium_aspiration", "uncertain"),
    # pulmonary interstitial emphysema
    ("Pulmonary interstitial emphysema in the right lung.", "pulmonary_interstitial_emphysema", "present"),
    ("No pulmonary interstitial emphysema.", "pulmonary_interstitial_emphysema", "absent"),
    (
        "Bubbly lucencies suggestive of interstitial emphysema.",
        "pulmonary_interstitial_emphysema",
        "uncertain",
    ),
    # bronchopulmonary dysplasia
    (
        "Coarse interstitial opacities consistent with bronchopulmonary dysplasia.",
        "bronchopulmonary_dysplasia",
        "present",
    ),
    ("Chronic lung disease of prematurity.", "bronchopulmonary_dysplasia", "present"),
    ("No radiographic evidence of bronchopulmonary dysplasia.", "bronchopulmonary_dysplasia", "absent"),
    ("Possible evolving bronchopulmonary dysplasia.", "bronchopulmonary_dysplasia", "uncertain"),
    # necrotizing enterocolitis
    (
        "Pneumatosis and portal venous gas, consistent with necrotizing enterocolitis.",
        "necrotizing_enterocolitis",
        "present",
    ),
    ("No pneumatosis or other signs of necrotizing enterocolitis.", "necrotizing_enterocolitis", "absent"),
    ("No radiographic evidence of NEC.", "necrotizing_enterocolitis", "absent"),
    ("Possible early NEC.", "necrotizing_enterocolitis", "uncertain"),
    # vesicoureteral reflux
    ("Grade 3 vesicoureteral reflux.", "vesicoureteral_reflux", "present"),
    ("No vesicoureteral reflux.", "vesicoureteral_reflux", "absent"),
    ("Possible low-grade vesicoureteral reflux.", "vesicoureteral_reflux", "uncertain"),
    ("Reflux of contrast into the ureter and collecting system.", "vesicoureteral_reflux", "present"),
    # congenital pulmonary airway malformation (CPAM, formerly CCAM)
    ("Multicystic lesion, compatible with a congenital pulmonary airway malformation.", "cpam", "present"),
    ("No evidence of CCAM.", "cpam", "absent"),
    ("Possible congenital cystic adenomatoid malformation.", "cpam", "uncertain"),
    # periosteal reaction
    ("Periosteal reaction along the tibia.", "periosteal_reaction", "present"),
    ("Lamellated periosteal reaction of the humerus.", "periosteal_reaction", "present"),
    ("No periosteal reaction.", "periosteal_reaction", "absent"),
    ("Possible subtle periostitis of the distal tibia.", "periosteal_reaction", "uncertain"),
    # endometrial polyp
    (
        "Echogenic lesion with a feeding vessel, compatible with an endometrial polyp.",
        "endometrial_polyp",
        "present",
    ),
    ("No endometrial polyp is seen.", "endometrial_polyp", "absent"),
    ("Possible small endometrial polyp.", "endometrial_polyp", "uncertain"),
    # oligohydramnios and polyhydramnios
    ("Oligohydramnios.", "oligohydramnios", "present"),
    ("Amniotic fluid is low.", "oligohydramnios", "present"),
    ("No oligohydramnios.", "oligohydramnios", "absent"),
    ("Possible mild oligohydramnios.", "oligohydramnios", "uncertain"),
    ("Mild polyhydramnios.", "polyhydramnios", "present"),
    ("No polyhydramnios.", "polyhydramnios", "absent"),
    ("Borderline amniotic fluid volume, possibly early polyhydramnios.", "polyhydramnios", "uncertain"),
    # pregnancy of unknown location
    (
        "No intrauterine or ectopic pregnancy identified: pregnancy of unknown location.",
        "pregnancy_of_unknown_location",
        "present",
    ),
    ("Findings are not those of a pregnancy of unknown location.", "pregnancy_of_unknown_location", "absent"),
    ("Possible pregnancy of unknown location.", "pregnancy_of_unknown_location", "uncertain"),
    # fetal growth restriction (IUGR, small for gestational age)
    (
        "Estimated fetal weight below the 3rd percentile, consistent with fetal growth restriction.",
        "fetal_growth_restriction",
        "present",
    ),
    ("Intrauterine growth restriction.", "fetal_growth_restriction", "present"),
    ("Small for gestational age fetus.", "fetal_growth_restriction", "present"),
    ("No evidence of growth restriction.", "fetal_growth_restriction", "absent"),
    ("Possible early IUGR.", "fetal_growth_restriction", "uncertain"),
    # a malpositioned IUD
    ("Malpositioned IUD in the lower uterine segment.", "iud_malposition", "present"),
    ("The IUD is embedded in the myometrium.", "iud_malposition", "present"),
    ("The IUD is displaced into the lower uterine segment.", "iud_malposition", "present"),
    ("Translocated IUD in the pelvis.", "iud_malposition", "present"),
    ("No evidence of IUD malposition.", "iud_malposition", "absent"),
    ("The IUD is not malpositioned.", "iud_malposition", "absent"),
    ("Possible IUD malposition.", "iud_malposition", "uncertain"),
    # torsion of the appendix testis or appendix epididymis
    ("Twisted appendix testis.", "appendix_testis_torsion", "present"),
    ("Torsion of the appendix testis.", "appendix_testis_torsion", "present"),
    ("The appendix testis is enlarged and torsed.", "appendix_testis_torsion", "present"),
    ("No evidence of appendix testis torsion.", "appendix_testis_torsion", "absent"),
    ("Possible torsed appendix epididymis.", "appendix_testis_torsion", "uncertain"),
]


@pytest.mark.parametrize(("text", "code", "assertion"), SAID, ids=[t for t, _, _ in SAID])
def test_the_code_is_read(text: str, code: str, assertion: str) -> None:
    assert (code, assertion) in _said(text)


# the side of the findings that have one
SIDED = [
    ("Grade 3 vesicoureteral reflux on the left.", ("vesicoureteral_reflux", "present", "left")),
    ("Bilateral grade 2 vesicoureteral reflux.", ("vesicoureteral_reflux", "present", "bilateral")),
    (
        "Reflux of contrast into the right ureter and collecting system.",
        ("vesicoureteral_reflux", "present", "right"),
    ),
    ("Torsion of the left appendix testis.", ("appendix_testis_torsion", "present", "left")),
    ("The right appendix testis is enlarged and torsed.", ("appendix_testis_torsion", "present", "right")),
    ("Possible torsed appendix epididymis on the left.", ("appendix_testis_torsion", "uncertain", "left")),
    ("Congenital pulmonary airway malformation in the left lower lobe.", ("cpam", "present", "left")),
    ("Right lower lobe CPAM.", ("cpam", "present", "right")),
    (
        "Pulmonary interstitial emphysema in the right lung.",
        ("pulmonary_interstitial_emphysema", "present", "right"),
    ),
    (
        "Possible pulmonary interstitial emphysema in the left lung.",
        ("pulmonary_interstitial_emphysema", "uncertain", "left"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), SIDED, ids=[t for t, _ in SIDED])
def test_the_side(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in [(code, a, side) for code, a, side, _ in placed(text)]


# (text, the code read, codes that must not be read): the wrong codes these findings used to give
NOT_THE_OTHER = [
    # an appendix testis twisted is no testicular torsion (a false critical result)
    ("Twisted appendix testis.", "appendix_testis_torsion", {"testicular_torsion", "torsion"}),
    ("Torsed appendix testis.", "appendix_testis_torsion", {"testicular_torsion", "torsion"}),
    ("Torsion of the left appendix testis.", "appendix_testis_torsion", {"testicular_torsion", "torsion"}),
    (
        "The right appendix testis is enlarged and torsed.",
        "appendix_testis_torsion",
        {"testicular_torsion", "torsion"},
    ),
    ("Torsion of the appendix epididymis.", "appendix_testis_torsion", {"testicular_torsion", "torsion"}),
    # interstitial emphysema is not emphysema (a worn-out lung)
    ("Pulmonary interstitial emphysema.", "pulmonary_interstitial_emphysema", {"emphysema"}),
    ("Interstitial emphysema in the left lung.", "pulmonary_interstitial_emphysema", {"emphysema"}),
    # meconium breathed in is no infection
    ("Findings consistent with meconium aspiration.", "meconium_aspiration", {"infection", "pneumonia"}),
    ("Meconium aspiration syndrome.", "meconium_aspiration", {"infection", "pneumonia"}),
    # necrotizing enterocolitis is its own code, not the colitis it is a kind of
    ("Necrotizing enterocolitis.", "necrotizing_enterocolitis", {"colitis"}),
    ("Findings concerning for NEC.", "necrotizing_enterocolitis", {"colitis"}),
    # the neonatal syndrome is not the adult's ARDS
    ("Respiratory distress syndrome.", "neonatal_rds", {"ards"}),
    # a malpositioned IUD is still the device
    ("Malpositioned IUD.", "iud_malposition", set()),
]


@pytest.mark.parametrize(("text", "code", "not_codes"), NOT_THE_OTHER, ids=[t for t, _, _ in NOT_THE_OTHER])
def test_not_the_code_it_used_to_be(text: str, code: str, not_codes: set[str]) -> None:
    codes = _codes(text)
    assert code in codes
    assert not codes & not_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acute respiratory distress syndrome.", [("ards", "present")]),
        ("Infectious enterocolitis.", [("infection", "present"), ("colitis", "present")]),
        ("Emphysema.", [("emphysema", "present")]),
        ("No testicular torsion.", [("testicular_torsion", "absent")]),
        (
            "Absent flow to the right testis, concerning for torsion.",
            [("testicular_torsion", "uncertain")] * 2,
        ),
    ],
)
def test_the_relatives_still_read_as_before(text: str, expected: list[tuple[str, str]]) -> None:
    assert _said(text) == expected


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Malpositioned IUD in the lower uterine segment.", {"iud_malposition", "intrauterine_device"}),
        ("The IUD is embedded in the myometrium.", {"iud_malposition", "intrauterine_device"}),
        ("Displaced IUD.", {"iud_malposition", "intrauterine_device"}),
        # the device's strings belong in the cervical canal
        ("IUD strings are seen in the cervical canal.", set()),
        ("The IUD is in normal position within the endometrial cavity.", {"intrauterine_device"}),
    ],
)
def test_the_device_stays_the_device(text: str, codes: set[str]) -> None:
    assert {c for c, a in _said(text) if a == "present"} == codes


def test_a_denied_malposition_is_no_denied_device() -> None:
    assert _said("No evidence of IUD malposition.") == [("iud_malposition", "absent")]


@pytest.mark.parametrize(
    ("text", "critical"),
    [
        # NEC is dying bowel wall in a newborn, as urgent as the pneumatosis that shows it
        ("Findings concerning for necrotizing enterocolitis.", {"necrotizing_enterocolitis"}),
        ("No radiographic evidence of necrotizing enterocolitis.", set()),
        ("Resolved necrotizing enterocolitis.", set()),
        # none of these is a critical result
        ("Twisted appendix testis.", set()),
        ("Torsion of the left appendix testis.", set()),
        ("Pregnancy of unknown location.", set()),
        ("Oligohydramnios.", set()),
        ("Polyhydramnios.", set()),
        ("Bronchopulmonary dysplasia.", set()),
        ("Transient tachypnea of the newborn.", set()),
        ("Grade 4 vesicoureteral reflux.", set()),
        ("Periosteal reaction along the tibia.", set()),
        ("Endometrial polyp.", set()),
        ("Fetal growth restriction.", set()),
    ],
)
def test_critical_results(text: str, critical: set[str]) -> None:
    assert {r.code for r in critical_results(structure(text))} == critical


def test_a_neonatal_report() -> None:
    text = (
        "FINDINGS: Low lung volumes with diffuse granular opacities. Bubbly lucencies in the right lung, suspicious "
        "for pulmonary interstitial emphysema. No pneumothorax. Nonspecific bowel gas pattern without pneumatosis.\n"
        "IMPRESSION: 1. Findings consistent with surfactant deficiency. 2. No radiographic evidence of necrotizing "
        "enterocolitis."
    )
    said = set(_said(text))
    assert {
        ("neonatal_rds", "present"),
        ("pulmonary_interstitial_emphysema", "uncertain"),
        ("necrotizing_enterocolitis", "absent"),
        ("pneumatosis", "absent"),
    } <= said
    assert not {c for c, _ in said} & {"emphysema", "infection", "colitis"}


def test_a_scrotal_report() -> None:
    text = (
        "FINDINGS: The testes are normal in size with symmetric arterial and venous flow. Enlarged avascular "
        "structure at the upper pole of the left testis.\nIMPRESSION: Torsed left appendix testis. No testicular torsion."
    )
    assert ("appendix_testis_torsion", "present", "left", "scrotum") in placed(text)
    assert [a for c, a, _, _ in placed(text) if c == "testicular_torsion"] == ["absent"]
    assert critical_results(structure(text)) == []
