"""Common findings that had no code of their own (made-up text): each read as itself, technical and lay, denied,
and a near miss that is some other finding. Benign growths are no kind of mass, and the sellar and skull-base
masses are no brain masses."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.guidelines import assess
from radpilot.structure import ancestors, default_lexicon

Reading = tuple[str, str, str | None]


def _read(text: str) -> list[Reading]:
    """(code, assertion, laterality) of each finding, in order."""
    return [
        (f.code, f.assertion.value, f.laterality.value if f.laterality else None)
        for f in structure(text).findings
    ]


CASES: list[tuple[str, list[Reading]]] = [
    # arterial_occlusion (an intracranial or internal carotid occlusion stays the stroke's large vessel occlusion)
    ("Occlusion of the left superficial femoral artery with distal reconstitution.", [("arterial_occlusion", "present", "left")]),
    ("The right popliteal artery is occluded.", [("arterial_occlusion", "present", "right")]),
    ("Complete occlusion of the left common carotid artery.", [("arterial_occlusion", "present", "left")]),
    ("No occlusion of the right subclavian artery.", [("arterial_occlusion", "absent", "right")]),
    ("There is a blocked artery in your left leg.", [("arterial_occlusion", "present", "left")]),
    ("Occluded right ICA.", [("large_vessel_occlusion", "present", "right")]),
    ("Complete occlusion of the left M1 segment.", [("large_vessel_occlusion", "present", "left")]),
    ("Mild stenosis of the left superficial femoral artery.", [("arterial_stenosis", "present", "left")]),
    # enthesophyte
    ("Small plantar calcaneal spur.", [("enthesophyte", "present", None)]),
    ("Small spur at the plantar aspect of the right calcaneus.", [("enthesophyte", "present", "right")]),
    ("No heel spur.", [("enthesophyte", "absent", None)]),
    ("You have a bony spur at the heel.", [("enthesophyte", "present", None)]),
    ("Spurring of the lumbar spine.", [("degenerative_spine", "present", None)]),
    ("Bone spurs at the knee.", [("arthritis", "present", None)]),
    # orchitis (an epididymo-orchitis is both)
    ("Right epididymo-orchitis.", [("orchitis", "present", "right"), ("epididymitis", "present", "right")]),
    ("Focal orchitis of the left testis.", [("orchitis", "present", "left")]),
    ("No orchitis.", [("orchitis", "absent", None)]),
    ("Your left testicle is inflamed.", [("orchitis", "present", "left")]),
    ("Left epididymitis.", [("epididymitis", "present", "left")]),
    # epididymal_cyst
    ("Small left epididymal cyst.", [("epididymal_cyst", "present", "left")]),
    ("Spermatocele on the right.", [("epididymal_cyst", "present", "right")]),
    ("Simple cyst in the head of the right epididymis.", [("epididymal_cyst", "present", "right")]),
    ("No epididymal cyst.", [("epididymal_cyst", "absent", None)]),
    ("Right hydrocele.", [("hydrocele", "present", "right")]),
    # testicular_microlithiasis
    ("Testicular microlithiasis bilaterally.", [("testicular_microlithiasis", "present", "bilateral")]),
    ("Innumerable intratesticular microliths.", [("testicular_microlithiasis", "present", None)]),
    ("No testicular microlithiasis.", [("testicular_microlithiasis", "absent", None)]),
    ("There are tiny bright specks in the testicle.", [("testicular_microlithiasis", "present", None)]),
    # testicular_mass (a mass beside the testis stays a mass)
    ("Solid intratesticular mass on the right.", [("testicular_mass", "present", "right")]),
    ("Solid hypoechoic lesion in the left testis.", [("testicular_mass", "present", "left")]),
    ("No intratesticular mass.", [("testicular_mass", "absent", None)]),
    ("There is a lump in the testicle.", [("testicular_mass", "present", None)]),
    ("Extratesticular mass adjacent to the left testis.", [("mass", "present", "left")]),
    ("Solid mass in the right ovary.", [("adnexal_mass", "present", "right")]),
    # adenomyosis
    ("Diffuse adenomyosis.", [("adenomyosis", "present", None)]),
    ("Findings suggestive of adenomyosis.", [("adenomyosis", "uncertain", None)]),
    ("No adenomyosis.", [("adenomyosis", "absent", None)]),
    ("Uterine fibroid.", [("uterine_fibroid", "present", None)]),
    # hydrosalpinx
    ("Left hydrosalpinx.", [("hydrosalpinx", "present", "left")]),
    ("Dilated fluid-filled right fallopian tube.", [("hydrosalpinx", "present", "right")]),
    ("No hydrosalpinx.", [("hydrosalpinx", "absent", None)]),
    ("Left ovarian cyst.", [("ovarian_cyst", "present", "left")]),
    # polycystic_ovaries
    ("Polycystic ovarian morphology.", [("polycystic_ovaries", "present", None)]),
    ("Bilateral polycystic-appearing ovaries.", [("polycystic_ovaries", "present", "bilateral")]),
    ("No polycystic ovaries.", [("polycystic_ovaries", "absent", None)]),
    ("Normal ovaries.", []),
    # medical_renal_disease (a bright focus in the kidney is not the kidney's tissue)
    ("Increased renal cortical echogenicity bilaterally.", [("medical_renal_disease", "present", "bilateral")]),
    ("The left kidney is echogenic.", [("medical_renal_disease", "present", "left")]),
    ("No increased renal echogenicity.", [("medical_renal_disease", "absent", None)]),
    ("Your kidneys look brighter than usual.", [("medical_renal_disease", "present", None)]),
    ("Echogenic focus in the left kidney.", []),
    ("The right kidney contains a small echogenic nonshadowing focus.", []),
    ("Hyperechoic lesion in the right kidney.", [("renal_mass", "present", "right")]),
    # (a kidney's size said normal denies its atrophy, review rv69a)
    ("The kidneys are normal in size and echogenicity.", [("renal_atrophy", "absent", None)]),
    # chondrocalcinosis
    ("Meniscal chondrocalcinosis.", [("chondrocalcinosis", "present", None)]),
    ("Calcium pyrophosphate deposition disease of the right wrist.", [("chondrocalcinosis", "present", "right")]),
    ("No chondrocalcinosis.", [("chondrocalcinosis", "absent", None)]),
    ("Tricompartmental osteoarthritis.", [("arthritis", "present", None)]),
    # plantar_fasciitis
    ("Plantar fasciitis.", [("plantar_fasciitis", "present", None)]),
    ("The plantar fascia is thickened at its calcaneal origin.", [("plantar_fasciitis", "present", None)]),
    ("No plantar fasciitis.", [("plantar_fasciitis", "absent", None)]),
    ("The plantar fascia is normal.", []),
    # tenosynovitis
    ("De Quervain tenosynovitis.", [("tenosynovitis", "present", None)]),
    ("Fluid distending the tendon sheath of the flexor hallucis longus.", [("tenosynovitis", "present", None)]),
    ("No tenosynovitis.", [("tenosynovitis", "absent", None)]),
    ("Peroneal tendinosis.", [("tendinosis", "present", None)]),
    # sacroiliitis
    ("Bilateral sacroiliitis.", [("sacroiliitis", "present", "bilateral")]),
    ("Findings concerning for left sacroiliitis.", [("sacroiliitis", "uncertain", "left")]),
    ("No sacroiliitis.", [("sacroiliitis", "absent", None)]),
    ("Degenerative changes of the sacroiliac joints.", [("arthritis", "present", None)]),
    # schmorl_node
    ("Schmorl node at the superior endplate of L2.", [("schmorl_node", "present", None)]),
    ("Multiple Schmorl's nodes in the thoracic spine.", [("schmorl_node", "present", None)]),
    ("No Schmorl nodes.", [("schmorl_node", "absent", None)]),
    ("Disc herniation at L4-L5.", [("disc_herniation", "present", None)]),
    # loss_of_lordosis
    ("Straightening of the normal cervical lordosis.", [("loss_of_lordosis", "present", None)]),
    ("The cervical lordosis is straightened.", [("loss_of_lordosis", "present", None)]),
    ("Normal cervical lordosis is maintained.", [("loss_of_lordosis", "absent", None)]),
    ("Your neck has lost its normal curve.", [("loss_of_lordosis", "present", None)]),
    ("Exaggerated thoracic kyphosis.", [("kyphosis", "present", None)]),
    # pituitary_adenoma (outside the brain: no brain mass)
    ("Pituitary microadenoma.", [("pituitary_adenoma", "present", None)]),
    ("Pituitary macroadenoma abutting the optic chiasm.", [("pituitary_adenoma", "present", None)]),
    ("No pituitary adenoma.", [("pituitary_adenoma", "absent", None)]),
    ("There is a growth in the pituitary gland.", [("pituitary_adenoma", "present", None)]),
    ("The pituitary gland is normal.", []),
    # vestibular_schwannoma
    ("Right vestibular schwannoma.", [("vestibular_schwannoma", "present", "right")]),
    ("Acoustic neuroma in the left internal auditory canal.", [("vestibular_schwannoma", "present", "left")]),
    ("No vestibular schwannoma.", [("vestibular_schwannoma", "absent", None)]),
    ("Meningioma.", [("meningioma", "present", None)]),
    # empty_sella
    ("Partially empty sella.", [("empty_sella", "present", None)]),
    ("Empty sella configuration.", [("empty_sella", "present", None)]),
    ("No empty sella.", [("empty_sella", "absent", None)]),
    ("Normal sella.", []),
    # angiomyolipoma (benign: never a renal mass)
    ("Left renal angiomyolipoma.", [("angiomyolipoma", "present", "left")]),
    ("Small fat-containing angiomyolipoma of the right kidney.", [("angiomyolipoma", "present", "right")]),
    ("No angiomyolipoma.", [("angiomyolipoma", "absent", None)]),
    ("There is a harmless fatty growth in the kidney.", [("angiomyolipoma", "present", None)]),
    ("Renal cyst.", [("renal_cyst", "present", None)]),
    ("Enhancing solid renal mass.", [("renal_mass", "present", None)]),
    # horseshoe_kidney
    ("Horseshoe kidney.", [("horseshoe_kidney", "present", None)]),
    ("No horseshoe kidney.", [("horseshoe_kidney", "absent", None)]),
    ("The kidneys are normal in size.", [("renal_atrophy", "absent", None)]),
    # bladder_diverticulum
    ("Bladder diverticulum.", [("bladder_diverticulum", "present", None)]),
    ("Multiple bladder diverticula.", [("bladder_diverticulum", "present", None)]),
    ("No bladder diverticulum.", [("bladder_diverticulum", "absent", None)]),
    ("Sigmoid diverticulosis.", [("diverticulosis", "present", None)]),
    # accessory_spleen
    ("Splenule.", [("accessory_spleen", "present", None)]),
    ("Small accessory spleen near the splenic hilum.", [("accessory_spleen", "present", None)]),
    ("No accessory spleen.", [("accessory_spleen", "absent", None)]),
    ("Splenomegaly.", [("splenomegaly", "present", None)]),
    # lipoma
    ("Subcutaneous lipoma of the back.", [("lipoma", "present", None)]),
    ("Intramuscular lipoma in the left thigh.", [("lipoma", "present", "left")]),
    ("No lipoma.", [("lipoma", "absent", None)]),
    ("Soft tissue mass in the right thigh.", [("mass", "present", "right")]),
    # gallbladder_adenomyomatosis (an adenomyoma of the gallbladder is the gallbladder's, not the uterus's)
    ("Fundal adenomyomatosis of the gallbladder.", [("gallbladder_adenomyomatosis", "present", None)]),
    ("Adenomyoma in the gallbladder.", [("gallbladder_adenomyomatosis", "present", None)]),
    ("No gallbladder adenomyomatosis.", [("gallbladder_adenomyomatosis", "absent", None)]),
    ("Gallbladder wall thickening.", [("gallbladder_wall_thickening", "present", None)]),
    # intramammary_lymph_node
    ("Intramammary lymph node in the left breast.", [("intramammary_lymph_node", "present", "left")]),
    ("Benign intramammary lymph node.", [("intramammary_lymph_node", "present", None)]),
    ("No intramammary lymph node.", [("intramammary_lymph_node", "absent", None)]),
    ("Enlarged left axillary lymph nodes.", [("lymphadenopathy", "present", "left")]),
    # fat_necrosis
    ("Fat necrosis in the right breast.", [("fat_necrosis", "present", "right")]),
    ("Oil cyst at the lumpectomy site.", [("fat_necrosis", "present", None)]),
    ("No fat necrosis.", [("fat_necrosis", "absent", None)]),
    ("Breast mass.", [("breast_mass", "present", None)]),
    # duct_ectasia (a pancreatic duct is not the breast's)
    ("Duct ectasia.", [("duct_ectasia", "present", None)]),
    ("Dilated subareolar ducts on the left.", [("duct_ectasia", "present", "left")]),
    ("No duct ectasia.", [("duct_ectasia", "absent", None)]),
    ("Pancreatic duct dilatation.", [("pancreatic_duct_dilatation", "present", None)]),
    # esophageal_wall_thickening
    ("Distal esophageal wall thickening.", [("esophageal_wall_thickening", "present", None)]),
    ("The distal esophagus is circumferentially thickened.", [("esophageal_wall_thickening", "present", None)]),
    ("No esophageal wall thickening.", [("esophageal_wall_thickening", "absent", None)]),
    ("Small hiatal hernia.", [("hiatal_hernia", "present", None)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_common_findings_read_as_their_own_code(text: str, expected: list[Reading]) -> None:
    assert _read(text) == expected


def test_benign_growths_and_extra_axial_masses_have_the_right_parents() -> None:
    lex = default_lexicon()
    for code in ("pituitary_adenoma", "vestibular_schwannoma"):
        family = ancestors(lex, code)
        assert "mass" in family and "brain_mass" not in family, code
    for code in ("angiomyolipoma", "lipoma"):
        assert not ancestors(lex, code) & {"mass", "renal_mass", "metastasis", "lesion"}, code
    assert "mass" in ancestors(lex, "testicular_mass")
    assert "cyst" in ancestors(lex, "epididymal_cyst")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a solid mass in the testis was a generic mass, told within days: it stays so under its own code
        (
            "FINDINGS: Solid hypoechoic mass in the right testis measuring 1.6 cm.",
            [("testicular_mass", "yellow")],
        ),
        ("FINDINGS: Stable right intratesticular mass.", []),
        ("FINDINGS: Left renal angiomyolipoma measuring 1.2 cm.", []),
        ("FINDINGS: Pituitary microadenoma.", []),
    ],
)
def test_critical_results_of_the_new_codes(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(c.code, c.tier) for c in assess(text).critical] == expected


def test_the_lordosis_words_leave_a_flattened_diaphragm_alone() -> None:
    # (a bare "flattened" as the lordosis compound's predicate had shadowed "flattened posterior diaphragm")
    got = [(f.code, f.assertion.value) for f in structure("Mildly flattened posterior diaphragm.").findings]
    assert got == [("diaphragm_flattening", "present")]
    got = [(f.code, f.assertion.value) for f in structure("The lumbar lordosis is flattened.").findings]
    assert got == [("loss_of_lordosis", "present")]
