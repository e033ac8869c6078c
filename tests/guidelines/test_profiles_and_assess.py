"""Profiles (data), context validation, the assess API and the `radpilot assess` command contract."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from radpilot.cli import app
from radpilot.guidelines import (
    REGISTRY,
    ContextError,
    GuidelineInputError,
    LungNodule,
    PatientContext,
    ProfileError,
    assess,
    default_profiles,
    features,
    load_profiles,
)
from radpilot.guidelines.profiles import builtin_dir
from radpilot.structure import DataFileError

EXPECTED_PROFILES = {
    "lung-cancer-screening",
    "incidental-pulmonary-nodule",
    "thyroid-ultrasound",
    "liver-hcc-surveillance",
    "breast-imaging",
    "chest-radiograph",
}


def test_registry_names_and_versions() -> None:
    assert set(REGISTRY) == {"lung-rads", "fleischner", "ti-rads", "li-rads", "bi-rads"}
    assert all(spec.version for spec in REGISTRY.values())


def test_builtin_profiles_load() -> None:
    profiles = default_profiles()
    assert set(profiles) == EXPECTED_PROFILES
    assert profiles["lung-cancer-screening"].spec.guidelines == ["lung-rads"]


@pytest.mark.parametrize(
    ("exam", "indication", "profile"),
    [
        ("Low-dose CT chest", "", "lung-cancer-screening"),
        ("CT CHEST LOW DOSE SCREENING", "", "lung-cancer-screening"),
        ("Chest CT low dose", "", "lung-cancer-screening"),
        ("CT chest screening", "", "lung-cancer-screening"),
        ("CT chest with contrast", "", "incidental-pulmonary-nodule"),
        ("CT chest without contrast", "lung cancer screening", "lung-cancer-screening"),
        ("US thyroid", "", "thyroid-ultrasound"),
        ("MRI liver with and without contrast", "", "liver-hcc-surveillance"),
        ("Screening mammogram", "", "breast-imaging"),
        ("Chest x-ray, PA and lateral", "", "chest-radiograph"),
        ("", "thyroid nodule", "thyroid-ultrasound"),
        ("MRI brain", "headache", None),
        # the exam decides before the indication at equal priority
        ("US THYROID", "Thyroid nodule follow-up.", "thyroid-ultrasound"),
        # exam names as written on requisitions
        ("ULTRASOUND RIGHT BREAST", "", "breast-imaging"),
        ("US LEFT BREAST LIMITED", "", "breast-imaging"),
        ("CT ABD/PELVIS W CONTRAST", "", "incidental-pulmonary-nodule"),
        ("CT ANGIOGRAM CHEST WITH CONTRAST", "", "incidental-pulmonary-nodule"),
        ("CT pulmonary angiogram", "", "incidental-pulmonary-nodule"),
    ],
)
def test_profile_selection(exam: str, indication: str, profile: str | None) -> None:
    out = assess(
        "FINDINGS: Unremarkable.", {"exam": exam, "indication": indication} if exam or indication else {}
    )
    assert out.profile == profile


def test_site_profile_added_without_code(tmp_path: Path) -> None:
    (tmp_path / "lung-nodule-clinic.yaml").write_text(
        "name: lung-nodule-clinic\ntitle: Nodule clinic\npriority: 99\n"
        "applies_when: {indication: [nodule clinic]}\nguidelines: [fleischner, lung-rads]\n"
        "recommendation:\n  fleischner: 'Clinic: {category} -> {management}'\n",
        encoding="utf-8",
    )
    profiles = load_profiles([builtin_dir(), tmp_path])
    assert "lung-nodule-clinic" in profiles and len(profiles) == len(EXPECTED_PROFILES) + 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "name: x\ntitle: t\napplies_when: {exam: [a]}\nguidelines: [pi-rads]\n",
            "unknown guideline 'pi-rads'",
        ),
        ("name: x\ntitle: t\napplies_when: {exam: [a]}\nguideline: [lung-rads]\n", "guideline"),
        ("name: x\ntitle: t\napplies_when: {}\n", "exam"),
        ("name: y\ntitle: t\napplies_when: {exam: [a]}\n", "must match the file name"),
        (
            "name: x\ntitle: t\napplies_when: {exam: [a]}\nguidelines: [ti-rads]\nrecommendation: {ti-rads: '{cat}'}\n",
            "bad template",
        ),
    ],
)
def test_bad_profile_is_an_error_naming_file(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "x.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as info:
        load_profiles([tmp_path])
    assert "x.yaml" in str(info.value)


@pytest.mark.parametrize(
    ("ctx", "field"),
    [
        ({"age": "abc"}, "context.age"),
        ({"age": -1}, "context.age"),
        ({"age": 40.5}, "context.age"),
        ({"sex": "x"}, "context.sex"),
        ({"risk": "medium"}, "context.risk"),
        ({"prior_date": "2024-13-01"}, "context.prior_date"),
        ({"prior_date": "2024-05-01", "exam_date": "2024-01-01"}, "prior_date"),
        ({"agee": 50}, "context.agee"),
    ],
)
def test_bad_context_names_the_field(ctx: dict[str, Any], field: str) -> None:
    with pytest.raises(ContextError, match=field.replace(".", r"\.")):
        PatientContext.parse(ctx)


def test_unknown_profile_and_contradictory_sizes() -> None:
    with pytest.raises(ProfileError, match="unknown profile 'lungs'"):
        assess("FINDINGS: ok.", {}, "lungs")
    with pytest.raises(GuidelineInputError, match=r"nodule: contradictory sizes: short_axis_mm 7"):
        LungNodule.parse({"long_axis_mm": 5, "short_axis_mm": 7})
    with pytest.raises(GuidelineInputError, match="solid_component_mm 8 is larger"):
        LungNodule.parse({"type": "part-solid", "long_axis_mm": 6, "solid_component_mm": 8})
    with pytest.raises(GuidelineInputError, match=r"nodule\.long_axis_mm: .*got 'big'"):
        LungNodule.parse({"long_axis_mm": "big"})
    with pytest.raises(ValueError, match="contradictory sizes"):  # direct construction: pydantic's ValueError
        LungNodule(long_axis_mm=5, short_axis_mm=7)
    with pytest.raises(GuidelineInputError, match="contradictory sizes"):
        assess("EXAMINATION: CT chest\nFINDINGS: A 7 mm part-solid nodule with a 9 mm solid component.", {})


runner = CliRunner()


def test_cli_file_json(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "EXAMINATION: Low-dose CT chest\nFINDINGS: A 9 mm solid nodule in the RUL.\n", encoding="utf-8"
    )
    res = runner.invoke(app, ["assess", str(report), "--context", '{"age": 64}'])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["profile"] == "lung-cancer-screening"
    g = out["guidelines"][0]
    assert set(g) >= {
        "name",
        "version",
        "category",
        "follow_up",
        "biopsy_recommended",
        "management",
        "rationale",
        "findings",
    }
    assert (g["name"], g["category"], g["follow_up"]) == (
        "lung-rads",
        "4A",
        {"modality": "LDCT", "interval_months": [3, 3]},
    )


def test_cli_jsonl_with_errors() -> None:
    lines = [
        {"id": "a", "text": "EXAM: Chest x-ray\nFINDINGS: Large left pneumothorax.", "context": {"age": 50}},
        {"id": "b", "text": "FINDINGS: ok.", "context": {"age": "abc"}},
        {"id": "c", "text": "EXAM: CT chest\nFINDINGS: 7 mm solid nodule in the RUL."},
    ]
    res = runner.invoke(
        app,
        ["assess", "-", "--format", "jsonl", "--profile", "incidental-pulmonary-nodule"],
        input="\n".join(json.dumps(x) for x in lines) + "\nnot json\n",
    )
    assert res.exit_code == 1
    outs = [json.loads(x) for x in res.stdout.splitlines()]
    assert [o["id"] for o in outs] == ["a", "b", "c", None]
    assert (
        outs[0]["critical"][0]["code"] == "pneumothorax"
        and outs[0]["profile"] == "incidental-pulmonary-nodule"
    )
    assert outs[1] == {"id": "b", "line": 2, "error": outs[1]["error"]} and "context.age" in outs[1]["error"]
    assert outs[2]["guidelines"][0]["category"] == "solid single 6-8 mm"
    assert outs[3]["line"] == 4


def test_cli_bad_options() -> None:
    res = runner.invoke(app, ["assess", "-", "--context", "{age: 3}"], input="")
    assert res.exit_code == 1 and "--context: invalid JSON" in res.output
    res = runner.invoke(app, ["assess", "-", "--profile", "nope"], input='{"id": 1, "text": "x"}\n')
    assert res.exit_code == 1 and "unknown profile 'nope'" in res.stdout


@pytest.mark.parametrize(
    ("exam", "screening"),
    [
        ("CT CHEST LOW DOSE SCREENING", True),
        ("Low dose chest CT", True),
        ("LDCT", True),
        ("Low-dose CT of the abdomen and pelvis for stones", False),
        ("CT abdomen low dose (stone protocol)", False),
        ("CT chest without contrast", False),
    ],
)
def test_low_dose_means_screening_only_for_the_chest(exam: str, screening: bool) -> None:
    from radpilot.guidelines.features import _SCREENING_RE

    assert bool(_SCREENING_RE.search(exam)) is screening


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Solid nodule 20 mm from the pleura in the right upper lobe measuring 5 mm.", "solid single <6 mm"),
        ("8 mm solid nodule in the right upper lobe, 2 cm from the fissure.", "solid single 6-8 mm"),
    ],
)
def test_a_distance_is_not_a_nodule_size(text: str, category: str) -> None:
    out = assess(f"FINDINGS: {text}", {"exam": "CT CHEST", "age": 60})
    fleischner = next(g for g in out.guidelines if g.name == "fleischner")
    assert fleischner.category == category


# -- negation and hedge scope (features.affirmed / features.certain) -------------------------------------------

_WASHOUT = re.compile(r"\bwashout\b", re.IGNORECASE)
_FOCI = re.compile(r"\bpunctate echogenic foci\b", re.IGNORECASE)
_SPIC = re.compile(r"\bspiculat\w*", re.IGNORECASE)
_CYSTIC = re.compile(r"\bcystic change\b", re.IGNORECASE)

# (pattern, text, affirmed, certain)
SCOPE: list[tuple[re.Pattern[str], str, bool, bool]] = [
    (_SPIC, "Non-spiculated 9 mm nodule.", False, False),
    (_SPIC, "Spiculated 9 mm nodule.", True, True),
    (_FOCI, "Solid nodule, not taller-than-wide, with punctate echogenic foci.", True, True),
    (_FOCI, "Solid nodule, not taller-than-wide, punctate echogenic foci.", True, True),
    (_FOCI, "Solid nodule without calcification or punctate echogenic foci.", False, False),
    (_CYSTIC, "No calcification, cystic change or vascularity.", False, False),
    (_WASHOUT, "Observation with APHE. Possible washout.", True, False),
    (_WASHOUT, "Observation with APHE. Washout cannot be excluded.", True, False),
    (_WASHOUT, "Observation with possible APHE and washout.", True, False),
    (_WASHOUT, "Possible observation in segment 5 with APHE and washout.", True, True),
    (_WASHOUT, "Possible adenoma. Observation with APHE and washout.", True, True),
    (_WASHOUT, "No ascites. Observation with APHE and washout.", True, True),
    (_WASHOUT, "Observation with APHE and no washout.", False, False),
]


@pytest.mark.parametrize(("pattern", "text", "is_affirmed", "is_certain"), SCOPE, ids=[c[1] for c in SCOPE])
def test_negation_and_hedge_scope(
    pattern: re.Pattern[str], text: str, is_affirmed: bool, is_certain: bool
) -> None:
    assert (features.affirmed(pattern, text) is not None) is is_affirmed
    assert (features.certain(pattern, text) is not None) is is_certain


def test_screening_s_modifier_for_a_pneumothorax_or_an_indeterminate_adrenal_nodule() -> None:
    for finding, name in [
        ("New small left apical pneumothorax.", "pneumothorax or significant pericardial effusion"),
        ("1.8 cm left adrenal nodule, indeterminate.", "extrapulmonary mass"),
    ]:
        out = assess(
            f"EXAM: LDCT LUNG CANCER SCREENING\nFINDINGS: 5 mm solid nodule in the RUL. {finding}", {}
        )
        assert out.guidelines[0].modifiers == ["S"] and name in out.observations
    out = assess(
        "EXAM: LDCT LUNG CANCER SCREENING\nFINDINGS: 5 mm solid nodule in the RUL. No pneumothorax.", {}
    )
    assert out.guidelines[0].modifiers == []
