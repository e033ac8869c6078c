"""The deterministic letter: what it keeps, how it says it, and that it reads back (table-driven)."""

from __future__ import annotations

import pytest

from radpilot import structure
from radpilot.patient import ReportNotUnderstood, simplify
from radpilot.report import Assertion

CASES = [
    # (report, findings the letter tells: (code, assertion, side), words the letter must contain)
    ("FINDINGS: Left pneumothorax.", [("pneumothorax", "present", "left")], ["on the left side"]),
    (
        "FINDINGS: Possible right pleural effusion.",
        [("pleural_effusion", "uncertain", "right")],
        ["There may be"],
    ),
    (
        "FINDINGS: Small bilateral pleural effusions. Heart size is normal.",
        [("pleural_effusion", "present", "bilateral")],
        ["on both sides", "It is small."],
    ),
    ("FINDINGS: The heart is enlarged.", [("cardiomegaly", "present", None)], ["big heart"]),
    (
        "FINDINGS: 7 mm nodule in the right upper lobe.",
        [("nodule", "present", "right")],
        ["7 mm", "less than half an inch", "top part of the lung"],
    ),
    (
        "FINDINGS: 1.2 x 0.9 cm nodule in the left lower lobe.",
        [("nodule", "present", "left")],
        ["1.2 x 0.9 cm", "less than half an inch"],
    ),
    ("FINDINGS: Cannot exclude left lower lobe pneumonia.", [("pneumonia", "uncertain", "left")], []),
    (
        "FINDINGS: Stable right lower lobe atelectasis.",
        [("atelectasis", "present", "right")],
        ["the same as on your last exam"],
    ),
]


@pytest.mark.parametrize(("report", "told", "phrases"), CASES)
def test_keeps_findings_with_certainty_side_and_size(
    report: str, told: list[tuple[str, str, str | None]], phrases: list[str]
) -> None:
    pv = simplify(report)
    got = [
        (t["code"], t["assertion"], t["laterality"]) for t in pv.findings_kept if t["assertion"] != "absent"
    ]
    assert got == told
    prose = pv.letter.prose()
    for p in phrases:
        assert p in prose
    assert pv.verified, pv.issues
    assert pv.readability.grade <= 6.5


def test_most_important_first() -> None:
    pv = simplify("FINDINGS: Calcified granuloma in the right upper lobe. Large left pneumothorax.")
    assert [t.code for t in pv.plan.told] == ["pneumothorax", "granuloma"]
    assert pv.letter.found[0].startswith("We see an air leak around the lung on the left side")


def test_negative_the_indication_asked_about_is_kept() -> None:
    report = "INDICATION: Fever. Rule out pneumonia.\nFINDINGS: Lungs are clear. No pneumonia."
    pv = simplify(report)
    assert [(t.code, t.assertion) for t in pv.plan.negatives][:1] == [("pneumonia", Assertion.ABSENT)]
    assert any("no sign of" in s and "lung" in s for s in pv.letter.found)


def test_normal_report_says_so_calmly() -> None:
    pv = simplify(
        "FINDINGS: The lungs are clear. No pneumothorax or pleural effusion.\nIMPRESSION: No acute disease."
    )
    assert pv.letter.found[0] == "We did not find a problem on your images."
    assert pv.letter.next == ["Your report does not list any next steps."]
    assert "talk about these results with the doctor who ordered your test" in pv.letter.closing


def test_only_the_reports_recommendations_become_next_steps() -> None:
    pv = simplify("FINDINGS: 7 mm right upper lobe nodule.\nIMPRESSION: Recommend CT chest in 6 months.")
    assert pv.letter.next == ["Your report suggests a CT scan in 6 months."]
    pv2 = simplify("FINDINGS: 7 mm right upper lobe nodule.")
    assert pv2.letter.next == ["Your report does not list any next steps."]


@pytest.mark.parametrize(
    "sentence",
    [
        # a mention of a test or a procedure is not a next step
        "Scarring, which correlates with the prior CT.",
        "No pneumothorax following right lung biopsy.",
        "Biopsy clip in the left breast.",
        "It should be noted that the patient is rotated.",
        "Pneumonia considered less likely.",
        "On this repeat exam the lungs are clear.",
    ],
)
def test_a_mention_is_not_a_next_step(sentence: str) -> None:
    pv = simplify(f"FINDINGS: 7 mm right upper lobe nodule. {sentence}")
    assert pv.letter.next == ["Your report does not list any next steps."], pv.letter.next


@pytest.mark.parametrize(
    "sentence",
    [
        "No routine follow-up is needed per Fleischner.",
        "No further imaging is recommended.",
        "Follow-up imaging is not required.",
    ],
)
def test_a_next_step_the_report_says_is_not_needed_is_said_so(sentence: str) -> None:
    pv = simplify(f"FINDINGS: 4 mm right upper lobe nodule. {sentence}")
    assert pv.letter.next == ["Your report says no more tests or visits are needed for this."]
    assert pv.verified, pv.issues
    es = simplify(f"FINDINGS: 4 mm right upper lobe nodule. {sentence}", lang="es")
    assert es.letter.next == ["Su informe dice que no hacen falta más pruebas ni controles por esto."]


def test_a_not_needed_said_with_one_finding_beside_another_that_matters_is_that_ones() -> None:
    # (the cyst needs nothing; the nodule, said elsewhere, is not what "no follow-up" was said of)
    pv = simplify("FINDINGS: 4 mm right upper lobe nodule. Simple left renal cyst, no follow-up needed.")
    assert pv.letter.next == ["Your report also says one of the findings needs no more tests or visits."]
    assert pv.verified, pv.issues
    # a malpositioned IUD beside an ovarian cyst's "no follow-up" (review rv15b 22)
    pv = simplify(
        "EXAM: US pelvis\nFINDINGS: The intrauterine device is malpositioned, with the shaft in the cervical canal. "
        "Left ovary contains a 2.5 cm simple cyst; no follow-up imaging is needed."
    )
    assert pv.letter.next == ["Your report also says one of the findings needs no more tests or visits."]
    assert "It is not in the right place, and your doctor will talk with you about it." in " ".join(
        pv.letter.found
    )
    assert pv.verified, pv.issues


def test_recommendations_are_still_next_steps() -> None:
    pv = simplify("FINDINGS: Right upper lobe mass. Biopsy is recommended. Correlate clinically.")
    assert pv.letter.next == [
        "Your report suggests a test that takes a small tissue sample.",
        "Your report suggests that your doctor compares these pictures with how you feel.",
    ]


def test_guideline_recommendations_are_accepted_as_plain_data() -> None:
    pv = simplify(
        "FINDINGS: 7 mm right upper lobe nodule.",
        recommendations=[{"text": "Follow-up CT in 6-12 months (Fleischner 2017)."}],
    )
    assert pv.letter.next == ["Your report suggests a CT scan in 6-12 months."]
    assert pv.verified, pv.issues


def test_sentences_it_cannot_explain_are_counted_not_dropped_silently() -> None:
    pv = simplify("FINDINGS: Left pneumothorax. Degenerative changes of the temporomandibular joint.")
    assert "Your report has one more note that we could not put in plain words." in pv.letter.found


def test_sizes_without_a_finding_are_still_kept() -> None:
    pv = simplify("FINDINGS: Left pneumothorax. The tip of the line is 4 cm above the carina.")
    assert "4 cm" in pv.letter.prose()
    assert pv.verified, pv.issues


def test_words_you_may_see_lists_report_terms_with_definitions() -> None:
    pv = simplify("FINDINGS: Small left pleural effusion with bibasilar atelectasis.")
    terms = [w.term for w in pv.letter.words]
    assert "pleural effusion" in terms and "atelectasis" in terms
    assert all(w.explain.endswith(".") for w in pv.letter.words)


@pytest.mark.parametrize(
    ("text", "not_listed", "listed"),
    [
        # the lung's words are not explained where the report speaks of another organ
        (
            "EXAM: US THYROID\nFINDINGS: A 1.2 cm solid nodule in the right lobe of the thyroid.",
            ["solid nodule"],
            ["thyroid nodule", "lobe"],
        ),
        ("FINDINGS: No subglottic edema. Normal epiglottis.", ["pulmonary edema"], []),
        (
            "FINDINGS: Stable splenic artery embolization coils. The lungs are clear.",
            ["pulmonary embolism"],
            [],
        ),
        # ... and still are where it speaks of the lung
        (
            "FINDINGS: Mild pulmonary edema. Solid nodule in the right upper lobe.",
            [],
            ["pulmonary edema", "solid nodule"],
        ),
        # "frontal" of a lobe of the brain is no view
        (
            "FINDINGS: Demyelinating lesions in both frontal lobes.",
            ["PA view"],
            ["demyelinating lesions", "lobe"],
        ),
    ],
)
def test_words_are_explained_for_the_organ_the_report_speaks_of(
    text: str, not_listed: list[str], listed: list[str]
) -> None:
    words = {w.term: w for w in simplify(text).letter.words}
    assert not set(not_listed) & set(words), sorted(words)
    assert set(listed) <= set(words), sorted(words)
    assert all("lung" not in w.plain for t, w in words.items() if t in ("lobe", "parenchyma"))


def test_plural_findings_take_no_article() -> None:
    found = " ".join(simplify("FINDINGS: Multiple periventricular demyelinating lesions.").letter.found)
    assert "We see patches of damaged nerve covering in the brain." in found


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("\x00\x01\x02binary\x00\x00", "binary"),
        ("12 34 56", "no words"),
        ("The weather is nice and the meeting went well.", "no finding, normal statement"),
    ],
)
def test_text_that_is_not_a_report_is_refused_never_an_all_clear(text: str, message: str) -> None:
    with pytest.raises(ReportNotUnderstood, match=message):
        simplify(text)


def test_spanish_letter_from_the_same_plan() -> None:
    pv = simplify(
        "FINDINGS: 7 mm nodule in the right upper lobe. Possible small left pleural effusion.", lang="es"
    )
    assert pv.letter.headings[0] == "Lo que vimos"
    prose = pv.letter.prose()
    assert "Vemos una mancha en el pulmón derecho." in prose
    assert "Puede haber líquido alrededor del pulmón izquierdo." in prose
    assert "7 mm" in prose
    assert pv.verified, pv.issues
    assert pv.readability.lang == "es"


def test_each_finding_is_one_bullet_with_its_details() -> None:
    pv = simplify("FINDINGS: Mild degenerative changes of the thoracic spine. Heart size is normal.")
    spine = [s for s in pv.letter.found if "spine" in s]
    assert len(spine) == 1
    assert "middle part of the backbone" in spine[0] and "mild" in spine[0].lower()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_where_a_tube_ends_is_told_and_verified(lang: str) -> None:
    pv = simplify("FINDINGS: Endotracheal tube tip is in the right mainstem bronchus.", lang=lang)
    place = {"en": "large airways", "es": "vías de aire grandes"}[lang]
    assert place in pv.letter.prose()
    assert pv.verified, pv.issues


def test_a_lump_is_not_put_in_the_lung_and_a_tube_is_not_said_to_be_in_place() -> None:
    pv = simplify("FINDINGS: 1.2 cm cystic lesion. PICC tip in the right atrium.")
    found = " ".join(pv.letter.found)
    assert "lump in the lung" not in found and "right place" not in " ".join(pv.letter.means)
    assert pv.verified, pv.issues


def test_spanish_articles_agree_with_the_plain_words() -> None:
    pv = simplify("FINDINGS: Small right pneumothorax. Left PICC line.", lang="es")
    found = " ".join(pv.letter.found)
    assert "una fuga de aire" in found and "una vía en el brazo" in found


def test_a_distance_is_a_measurement_not_a_findings_size() -> None:
    pv = simplify(
        "FINDINGS: Right PICC tip in the right atrium; recommend retraction by approximately 2 cm. "
        "Endotracheal tube tip 4 cm above the carina."
    )
    found = pv.letter.found
    assert "Your report also gives a distance of 2 cm, which is not the size of a finding." in found
    assert "Your report also gives a distance of 4 cm, which is not the size of a finding." in found
    assert not any("It measures" in line for line in found)


def test_every_test_a_sentence_recommends_is_told_and_a_guide_is_not_a_test() -> None:
    pv = simplify("FINDINGS: Breast mass. Ultrasound-guided biopsy and MRI are recommended.")
    assert pv.letter.next == ["Your report suggests a test that takes a small tissue sample and an MRI scan."]
    assert pv.verified, pv.issues
    pv = simplify("FINDINGS: 8 mm nodule. Follow-up CT in 3 months is recommended.")
    assert pv.letter.next == ["Your report suggests a CT scan in 3 months."]
    pv = simplify("FINDINGS: 8 mm nodule. Continue annual screening with low-dose CT in 12 months.")
    assert pv.letter.next == ["Your report suggests a CT scan in 12 months."]


def test_a_relative_denial_is_not_told_as_a_negative() -> None:
    pv = simplify("FINDINGS: Calcified granuloma in the right upper lobe. No other nodules. No pneumothorax.")
    assert "There is no sign of a spot on the lung." not in pv.letter.found
    assert "There is no sign of an air leak around the lung." in pv.letter.found


def test_articles_and_torsion() -> None:
    pv = simplify("FINDINGS: Small pericardial effusion. Enlarged mediastinal lymph nodes.")
    assert pv.letter.found[:2] == ["We see fluid around the heart. It is small.", "We see swollen glands."]
    pv = simplify("FINDINGS: Findings concerning for right ovarian torsion.")
    # an emergency the critical list names: the letter says it needs acting on soon, as for a twisted testicle
    assert (
        pv.letter.found[0]
        == "There may be a twisted ovary on the right side. Your doctor needs to act on this right away."
    )
    es = simplify("FINDINGS: Findings concerning for right ovarian torsion.", lang="es")
    assert "ovario torcido" in es.letter.found[0]


def test_read_through_of_dev_letters() -> None:
    # from reading every changed dev letter before and after the day's changes
    pv = simplify("FINDINGS: Bilateral breast implants.")
    assert (
        pv.letter.found[0] == "We see an implant in the breast on both sides."
    )  # not "It is in the breast."
    pv = simplify("FINDINGS: Nodule. Followup chest radiograph in 3 months after treatment is recommended.")
    assert pv.letter.next == ["Your report suggests another X-ray in 3 months."]
    pv = simplify("FINDINGS: Right upper lobe opacity. Possibility of tuberculosis should be excluded.")
    assert pv.letter.next == ["Your report lists a next step. Your doctor can explain it to you."]
    pv = simplify("FINDINGS: Considering differences in technical factors, stable cardiomegaly.")
    assert pv.letter.next == ["Your report does not list any next steps."]
    pv = simplify(
        "FINDINGS: Bony changes of renal osteodystrophy are noted. Tortuous calcified thoracic aorta."
    )
    assert not any("kidney" in line or "backbone" in line for line in pv.letter.found), pv.letter.found


@pytest.mark.parametrize(
    ("sentence", "steps"),
    [
        # from a review of the day's changes
        ("Recommend PET/CT to avoid unnecessary biopsy.", ["Your report suggests a PET scan."]),
        (
            "Recommend PET/CT; if PET negative, no further workup needed.",
            [
                "Your report suggests a PET scan.",
                "Your report says no more tests or visits are needed for this.",
            ],
        ),
        (
            "No routine follow-up for low-risk patients; optional CT at 12 months for high-risk patients.",
            [
                # (each with its condition: plain, the two had read as a contradiction)
                "Your report says no more tests or visits are needed for this if your doctor finds that your risk is "
                "low.",
                "Your report says a CT scan in 12 months may be done if your doctor finds that your risk is high.",
            ],
        ),
        ("Chest CT may be considered.", ["Your report suggests a CT scan."]),
        ("Repeat frontal radiograph after antibiotic therapy.", ["Your report suggests another X-ray."]),
        (
            "Correlate to clinical findings.",
            ["Your report suggests that your doctor compares these pictures with how you feel."],
        ),
        (
            "Recommend chest CT for further characterization of the opacity seen on the radiograph.",
            ["Your report suggests a CT scan."],
        ),
        (
            "Recommend PET/CT. If biopsy is not feasible, short-term follow-up CT in 3 months.",
            ["Your report suggests a PET scan.", "Your report suggests a CT scan in 3 months."],
        ),
    ],
)
def test_next_steps_read_through(sentence: str, steps: list[str]) -> None:
    pv = simplify(f"FINDINGS: 8 mm nodule in the right upper lobe. {sentence}")
    assert pv.letter.next == steps
    assert pv.verified, pv.issues


def test_a_relative_word_is_the_next_findings_only() -> None:
    pv = simplify("FINDINGS: Right chest tube in place. No pneumothorax and no other acute abnormality.")
    assert "There is no sign of an air leak around the lung." in pv.letter.found
    pv = simplify("FINDINGS: Lungs are clear without additional nodules, effusion, or pneumothorax.")
    assert "There is no sign of fluid around the lung." in pv.letter.found


def test_no_new_is_told_as_nothing_new() -> None:
    pv = simplify("FINDINGS: Small left pneumothorax, unchanged. No new pneumothorax on the right.")
    assert "Your report says there is no new air leak around the lung on the right side." in pv.letter.found
    assert pv.verified, pv.issues
    es = simplify("FINDINGS: No new pneumothorax. Lungs clear.", lang="es")
    assert es.letter.found == [
        "Su informe dice que no hay señales nuevas de fuga de aire alrededor del pulmón."
    ]


def test_a_brain_study_explains_its_own_words() -> None:
    pv = simplify(
        "EXAM: CT HEAD\nFINDINGS: Small acute infarct in the left frontal lobe. The ventricles are normal in size. "
        "No intracranial hemorrhage.\nIMPRESSION: Small acute left frontal infarct. No hemorrhage."
    )
    words = {w.term: w for w in pv.letter.words}
    assert "heart" not in words["ventricle"].plain
    # the denial the report makes a point of is told; the infarct's size is a size
    assert "There is no sign of bleeding in the brain." in pv.letter.found
    assert any("new stroke" in s and "It is small." in s for s in pv.letter.found)


def test_a_needle_sample_is_no_breathing_in_of_food() -> None:
    pv = simplify(
        "EXAM: US THYROID\nFINDINGS: 1.6 cm solid hypoechoic nodule in the right lobe.\n"
        "IMPRESSION: Fine needle aspiration is recommended."
    )
    words = {w.term: w for w in pv.letter.words}
    assert "aspiration" not in words and words["fine needle aspiration"].plain == "needle sample"


def test_cancer_is_not_said_to_be_mentioned_only_to_rule_it_out() -> None:
    pv = simplify("FINDINGS: 1.2 cm spiculated mass in the left breast, highly suggestive of malignancy.")
    assert all("rule it out" not in w.explain for w in pv.letter.words)


def test_numbered_nodules_keep_their_sides_and_one_size_each() -> None:
    pv = simplify(
        "EXAM: US THYROID\nFINDINGS: Nodule 1: Right lower pole solid hypoechoic nodule measuring 1.6 x 1.2 x 1.1 cm.\n"
        "Nodule 2: Left mid pole cystic nodule measuring 0.8 cm.\n"
        "IMPRESSION: 1. 1.6 cm right lower pole nodule. 2. 0.8 cm left cystic nodule."
    )
    assert pv.verified, pv.issues
    found = " ".join(pv.letter.found)
    assert "on the right side. It measures 1.6 x 1.2 x 1.1 cm," in found
    assert "on the left side. It measures 0.8 cm," in found


def test_a_concern_of_cancer_is_told_and_verified() -> None:
    pv = simplify(
        "EXAM: CT ABDOMEN\nFINDINGS: 1.4 cm enhancing solid left renal lesion.\n"
        "IMPRESSION: 1.4 cm left renal lesion, suspicious for renal cell carcinoma."
    )
    assert pv.verified, pv.issues
    assert any("concerned this could be cancer" in line for line in pv.letter.means)
    # ... never where only the history names a cancer
    pv = simplify("HISTORY: Breast cancer.\nFINDINGS: The lungs are clear.")
    assert not any("cancer" in line for line in pv.letter.means)


def test_the_verifier_refuses_a_concern_the_report_does_not_raise() -> None:
    from radpilot.patient.glossary import letter_text
    from radpilot.patient.verifier import verify

    sr = structure("FINDINGS: Small left pleural effusion.")
    check = verify(sr, "We see fluid around the lung on the left side. " + letter_text("en").concern_note)
    assert "new concern of cancer: the report raises none" in check.issues


def test_a_denied_emergency_is_explained_without_its_urgency() -> None:
    words = {w.term: w for w in simplify("EXAM: CT HEAD\nFINDINGS: No intracranial hemorrhage.").letter.words}
    assert words["intracranial hemorrhage"].explain == "Blood has leaked inside the head."
    words = {
        w.term: w for w in simplify("EXAM: CT HEAD\nFINDINGS: Small intracranial hemorrhage.").letter.words
    }
    assert words["intracranial hemorrhage"].explain.endswith("which needs care right away.")


def test_no_follow_up_for_one_finding_beside_a_biopsy_for_another() -> None:
    pv = simplify(
        "EXAM: US THYROID\nIMPRESSION: 1. 1.6 cm right nodule. Fine needle aspiration is recommended. "
        "2. 0.8 cm left cystic nodule. No follow-up needed."
    )
    assert "Your report also says one of the findings needs no more tests or visits." in pv.letter.next
    assert pv.verified, pv.issues


def test_care_not_needed_is_not_a_denied_finding_and_the_impression_names_the_sided_one() -> None:
    text = (
        "EXAM: CT CHEST\nFINDINGS: 4 mm solid nodule in the right upper lobe. 2 cm mass in the left upper lobe.\n"
        "IMPRESSION: No follow-up needed for the 4 mm nodule. Biopsy of the left upper lobe mass is recommended."
    )
    found = simplify(text).letter.found
    # "No follow-up needed for the 4 mm nodule" had read as "There is no sign of a spot on the lung"
    assert not any("no sign" in s for s in found)
    assert len(found) == 2 and found[1].startswith("We see a solid spot in the lung on the right side.")
    # two sided nodules: the impression's "nodule" is not given to either
    two = simplify(
        "FINDINGS: 4 mm solid nodule in the right upper lobe. 5 mm solid nodule in the left lower lobe.\n"
        "IMPRESSION: Pulmonary nodule."
    ).letter.found
    assert sum("solid spot" in s for s in two) == 2


@pytest.mark.parametrize(
    ("composition", "density"),
    [
        ("The breasts are almost entirely fatty.", "not dense"),
        ("There are scattered areas of fibroglandular density.", "not dense"),
        ("The breasts are heterogeneously dense, which may obscure small masses.", "dense"),
        ("The breasts are extremely dense, which lowers the sensitivity of mammography.", "dense"),
        ("Breast density: category C.", "dense"),
        ("ACR density B.", "not dense"),
    ],
)
def test_a_mammograms_density_is_said_in_the_prescribed_words(composition: str, density: str) -> None:
    from radpilot.patient.glossary import letter_text

    report = (
        f"EXAM: SCREENING MAMMOGRAM\nBREAST COMPOSITION: {composition}\nFINDINGS: No suspicious mass, "
        "calcification or architectural distortion.\nIMPRESSION: Negative. BI-RADS 1."
    )
    tx = letter_text("en")
    pv = simplify(report)
    want = tx.density_dense if density == "dense" else tx.density_not_dense
    assert pv.verified and want in pv.letter.means
    # the density sentence is told, not "one more note that we could not put in plain words"
    assert not any("more note" in s for s in pv.letter.found)
    es = simplify(report, lang="es")
    assert es.verified and ("es denso" if density == "dense" else "no es denso") in " ".join(es.letter.means)


def test_no_density_statement_outside_a_breast_report_and_none_made_up() -> None:
    from radpilot.patient.glossary import letter_text
    from radpilot.patient.verifier import verify
    from radpilot.structure import structure

    tx = letter_text("en")
    pv = simplify("EXAM: CT ABDOMEN\nFINDINGS: Heterogeneously dense renal mass in the left kidney.")
    assert tx.density_dense not in " ".join(pv.letter.means)
    # a letter that states a density the report does not give fails verification
    source = structure("EXAM: SCREENING MAMMOGRAM\nFINDINGS: No suspicious findings.\nIMPRESSION: BI-RADS 1.")
    check = verify(source, "We did not find a problem on your images. " + tx.density_dense)
    assert not check.preserved and any("breast density" in i for i in check.issues)


def test_breast_tissue_on_a_chest_film_is_no_density_statement() -> None:
    from radpilot.patient.glossary import letter_text

    pv = simplify(
        "FINDINGS: Nipple shadows and dense breast tissue overlie the lung bases. The lungs are clear.\n"
        "IMPRESSION: No acute findings."
    )
    assert letter_text("en").density_dense not in pv.letter.means


def test_a_glands_flow_and_a_liver_lesions_enhancement_are_not_the_lungs() -> None:
    # from a review of made-up thyroid and liver letters
    thyroid = simplify(
        "EXAM: Ultrasound of the thyroid.\nFINDINGS: The thyroid gland is diffusely heterogeneous and enlarged with "
        "increased vascularity, consistent with thyroiditis. No discrete nodules.\n"
        "IMPRESSION: Findings consistent with Hashimoto thyroiditis."
    ).letter.found
    assert thyroid[0] == "We see an inflamed thyroid gland." and not any("lung" in s for s in thyroid)
    liver = simplify(
        "EXAM: MRI liver with contrast.\nFINDINGS: 3.2 cm lesion in segment 6 with peripheral nodular discontinuous "
        "enhancement and progressive centripetal fill-in, T2 hyperintense, characteristic of hemangioma.\n"
        "IMPRESSION: Hepatic hemangioma in segment 6."
    ).letter.found
    assert liver[0] == (
        "We see a harmless blood vessel growth in the liver. It measures 3.2 cm, which is less than two inches."
    )


@pytest.mark.parametrize(
    ("impression", "next_step"),
    [
        ("Subcentimeter right TR3 nodule does not require follow-up.",
         "Your report says no more tests or visits are needed for this."),
        ("Cirrhosis without focal liver observation. Continue surveillance ultrasound in 6 months.",
         "Your report suggests an ultrasound scan in 6 months."),
        ("BI-RADS 2: Benign. Routine screening in 1 year.", "Your report suggests a regular check-up scan in 1 year."),
    ],
)  # fmt: skip
def test_next_steps_said_as_reports_say_them(impression: str, next_step: str) -> None:
    assert simplify(f"FINDINGS: See impression.\nIMPRESSION: {impression}").letter.next == [next_step]


@pytest.mark.parametrize(
    ("composition", "density"),
    [
        ("The breasts are scattered fibroglandular.", "not dense"),
        ("Breast composition: b.", "not dense"),
        ("Breast density: fatty.", "not dense"),
        ("Category B density.", "not dense"),
        ("The breasts are not dense.", "not dense"),
        ("Heterogeneous fibroglandular tissue.", "dense"),
        ("Breast density decreased from heterogeneously dense on the prior to scattered fibroglandular now.",
         "not dense"),
    ],
)  # fmt: skip
def test_density_wordings(composition: str, density: str) -> None:
    from radpilot.patient.rewriter import breast_density
    from radpilot.structure import structure

    report = f"EXAM: Bilateral screening mammogram.\nFINDINGS: {composition} No suspicious masses.\nIMPRESSION: BI-RADS 1."
    assert breast_density(structure(report))[0] == density


def test_no_mammogram_density_statement_on_a_breast_mri_and_no_density_finding() -> None:
    from radpilot.patient.glossary import letter_text

    tx = letter_text("en")
    mri = simplify(
        "EXAM: MRI bilateral breasts.\nFINDINGS: Extremely dense fibroglandular tissue. No suspicious "
        "enhancement.\nIMPRESSION: BI-RADS 1."
    )
    assert tx.density_dense not in mri.letter.means
    mammo = simplify(
        "EXAM: Diagnostic mammogram.\nFINDINGS: ACR density B. No suspicious findings.\n"
        "IMPRESSION: BI-RADS 1."
    )
    assert mammo.verified and not any("whiter area" in s for s in mammo.letter.found)
    assert tx.density_not_dense in mammo.letter.means


def test_a_choice_of_tests_is_told_as_a_choice_and_a_distance_as_a_distance() -> None:
    pv = simplify(
        "FINDINGS: 2.1 cm liver lesion.\nIMPRESSION: Recommend multiphase contrast-enhanced CT or MRI."
    )
    assert pv.letter.next == ["Your report suggests a CT scan or an MRI scan."]
    both = simplify(
        "FINDINGS: 2 cm mass in the right upper lobe.\nIMPRESSION: Biopsy and PET/CT are recommended."
    )
    assert " and " in both.letter.next[0]
    mammo = simplify(
        "EXAM: Diagnostic mammogram.\nFINDINGS: 9 mm oval mass in the right breast at 10 o'clock, 6 cm from the "
        "nipple.\nIMPRESSION: BI-RADS 4A."
    )
    assert (
        "Your report also gives a distance of 6 cm, which is not the size of a finding." in mammo.letter.found
    )
    assert not any("measurement of 6 cm" in s for s in mammo.letter.found) and mammo.verified


def test_an_organs_metastasis_is_the_impressions_metastatic_disease() -> None:
    found = simplify(
        "EXAM: CT abdomen with contrast.\nFINDINGS: New 2.0 cm hypoattenuating lesion in the left hepatic lobe, "
        "segment 3, suspicious for metastasis.\nIMPRESSION: New 2.0 cm left hepatic lesion suspicious for "
        "metastatic disease."
    ).letter.found
    # "There may be cancer spread." (no place) is not told beside "cancer spread to the liver"
    assert "There may be cancer spread." not in found
    # (new, as the lesion it reads is)
    # (on the side the impression's "left hepatic lesion" is, as the lesion is told)
    assert (
        "There may be cancer spread to the liver on the left side. This is new since your last exam." in found
    )
    assert any(s.startswith("We see a spot on the liver on the left side.") for s in found)


def test_a_benign_category_is_told_and_never_beside_a_concern() -> None:
    from radpilot.patient.glossary import letter_text
    from radpilot.patient.verifier import verify
    from radpilot.structure import structure

    note = letter_text("en").benign_note
    cyst = simplify(
        "EXAM: Diagnostic mammogram and right breast ultrasound.\nFINDINGS: 6 mm simple cyst in the right breast at "
        "10 o'clock.\nIMPRESSION: Simple cyst. BI-RADS 2: Benign."
    )
    assert cyst.verified and note in cyst.letter.means
    screen = simplify(
        "EXAM: LDCT lung screening.\nFINDINGS: 4 mm solid nodule in the right upper lobe.\n"
        "IMPRESSION: Lung-RADS 2, benign appearance."
    )
    assert note in screen.letter.means
    mixed = simplify(
        "FINDINGS: Right breast cyst, BI-RADS 2. Left breast mass, highly suggestive of malignancy, "
        "BI-RADS 5."
    )
    assert note not in mixed.letter.means
    # a letter that calls the findings benign where the report gives no benign category fails verification
    check = verify(
        structure("FINDINGS: 8 mm nodule in the right upper lobe."), "We see a spot on the lung. " + note
    )
    assert not check.preserved and any("benign" in i for i in check.issues)


def test_portal_hypertension_is_not_high_blood_pressure() -> None:
    pv = simplify(
        "EXAM: CT abdomen.\nFINDINGS: Cirrhotic liver with splenomegaly and varices, consistent with portal "
        "hypertension."
    )
    words = {w.term: w.plain for w in pv.letter.words}
    assert words.get("portal hypertension") == "high pressure in the main vein of the liver"
    assert "hypertension" not in words


def test_spanish_sizes_and_places_agree_with_a_plural_finding() -> None:
    from radpilot.patient.rewriter import _plural_head

    es = simplify(
        "EXAM: Diagnostic mammogram.\nFINDINGS: Grouped amorphous calcifications in the left breast spanning 5 mm.\n"
        "IMPRESSION: BI-RADS 4A.",
        lang="es",
    )
    assert "Miden 5 mm," in es.letter.found[0] and es.verified
    one = simplify("FINDINGS: 9 mm nodule in the right upper lobe.", lang="es")
    assert "Mide 9 mm," in one.letter.found[0]
    # words that end in -s and name one thing
    assert not any(
        _plural_head(w) for w in ("metástasis", "páncreas inflamado", "tiroides hinchada", "bilis espesa")
    )
