"""The site's style memory: normal impressions in the site's own words, never adding or contradicting a finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from radpilot.cli import app
from radpilot.draft import write_impression
from radpilot.draft.style_memory import (
    StyleMemory,
    StyleMemoryError,
    read_prior_reports,
    tidy,
    without_numbers,
)
from radpilot.structure import structure

# two radiologists' templates, and the normal impressions they sign
TEMPLATE_A = "The heart is normal in size. The mediastinum is unremarkable. The lungs are clear."
TEMPLATE_B = (
    "Heart size and pulmonary vascularity appear within normal limits. The lungs are free of focal airspace "
    "disease. No pleural effusion or pneumothorax is seen."
)
PRIOR = [
    (TEMPLATE_A, "No acute disease."),
    (TEMPLATE_A + " Degenerative changes of the spine.", "No acute disease."),
    (TEMPLATE_B, "1. No evidence of active disease."),
    (TEMPLATE_B + " Stable calcified granuloma.", "1. No evidence of active disease."),
    # not fit to repeat: names a finding, a de-identification token, a number, a comparison
    (TEMPLATE_A + " Right lower lobe opacity.", "Right lower lobe pneumonia."),
    ("Heart size normal. Lungs clear.", "Negative chest x-XXXX."),
    ("Heart size normal. Lungs clear.", "No acute disease since 2019."),
    ("Heart size is normal. Lungs are clear. No change from the prior study.", "Stable chest, no change."),
]


@pytest.fixture(scope="module")
def memory() -> StyleMemory:
    return StyleMemory.from_reports(PRIOR)


def _normal(memory: StyleMemory, findings: str) -> str | None:
    text = f"FINDINGS: {findings}"
    return memory.normal_statement(text, structure(text))


def test_only_normal_impressions_fit_to_repeat_are_kept(memory: StyleMemory) -> None:
    assert len(memory) == 5
    assert set(memory.phrases) == {
        "No acute disease.",
        "1. No evidence of active disease.",
        "Stable chest, no change.",
    }


def test_each_template_gets_its_own_radiologists_words(memory: StyleMemory) -> None:
    assert _normal(memory, TEMPLATE_A) == "No acute disease."
    assert _normal(memory, TEMPLATE_B) == "1. No evidence of active disease."
    assert _normal(memory, "Completely different words here. Nothing in common at all.") is None


def test_a_statement_never_says_more_than_the_findings(memory: StyleMemory) -> None:
    # the B statement says nothing absent; a memory whose only phrase denies a pneumothorax is used only when the
    # findings deny it too
    deny = StyleMemory.from_reports([(TEMPLATE_A, "No pneumothorax or acute disease.")])
    assert _normal(deny, TEMPLATE_A) is None
    assert _normal(deny, TEMPLATE_A + " No pneumothorax.") == "No pneumothorax or acute disease."
    # sameness is said only after findings that compare, with something to compare with and nothing changed
    assert _normal(memory, "Heart size is normal. Lungs are clear.") is None
    assert _normal(memory, "Heart size is normal. Lungs are clear. No change from the prior study.") == (
        "Stable chest, no change."
    )
    stable = StyleMemory.from_reports(
        [("Heart size is normal. Lungs are clear.", "Stable chest. No change.")]
    )
    assert (
        _normal(stable, "Heart size is normal. Lungs are clear. Stable mediastinum.")
        == "Stable chest. No change."
    )
    for findings in (
        "Heart size is normal. Lungs are clear. No prior studies for comparison. Stable mediastinum.",
        "Heart size is normal. Lungs are clear. Stable mediastinum. New right pleural effusion.",
    ):
        assert _normal(stable, findings) is None
    # "Normal chest." says more than "nothing acute": only after findings with no finding at all
    plain = StyleMemory.from_reports([(TEMPLATE_A, "Normal chest.")])
    assert _normal(plain, TEMPLATE_A) == "Normal chest."
    assert _normal(plain, TEMPLATE_A + " Stable mild cardiomegaly.") is None
    assert _normal(plain, TEMPLATE_A + " Calcified granuloma.") is None


def test_the_impression_uses_the_sites_words_and_keeps_every_finding(memory: StyleMemory) -> None:
    alone = write_impression(TEMPLATE_B, with_guidelines=False, memory=memory)
    assert alone.impression == "1. No evidence of active disease."
    chronic = write_impression(TEMPLATE_B + " Mild cardiomegaly.", with_guidelines=False, memory=memory)
    assert chronic.impression == "1. Mild cardiomegaly.\n2. No evidence of active disease."
    acute = write_impression(
        TEMPLATE_B + " Right lower lobe pneumonia.", with_guidelines=False, memory=memory
    )
    assert "active disease" not in acute.impression and "pneumonia" in acute.impression.lower()
    plain = write_impression(TEMPLATE_B, with_guidelines=False, memory=StyleMemory([]))
    assert plain.impression == "No acute cardiopulmonary abnormality."
    # only for the kind of study it was learned from
    head = write_impression(TEMPLATE_A, {"exam": "CT head"}, with_guidelines=False, memory=memory)
    assert head.impression == "No acute abnormality."


def test_tidy_and_numbering() -> None:
    assert tidy("No acute cardiopulmonary abnormality. .") == "No acute cardiopulmonary abnormality."
    assert tidy("  No active disease") == "No active disease."
    assert tidy("No acute acute cardiopulmonary disease.") == "No acute cardiopulmonary disease."
    assert without_numbers("1. No acute disease. 2. No effusion.") == "No acute disease. No effusion."


def test_save_and_load_give_the_same_answers(memory: StyleMemory, tmp_path: Path) -> None:
    path = tmp_path / "style.json"
    memory.save(path)
    again = StyleMemory.load(path)
    assert len(again) == len(memory)
    for findings in (TEMPLATE_A, TEMPLATE_B, "Heart size is normal. Lungs are clear. No change from prior."):
        assert _normal(again, findings) == _normal(memory, findings)


def test_a_memory_file_is_not_trusted(tmp_path: Path) -> None:
    forged = tmp_path / "forged.json"
    forged.write_text(
        json.dumps(
            {
                "format": "radpilot-style-memory/1",
                "entries": [{"sentences": ["the lungs are clear"], "phrase": "Pneumonia."}],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(StyleMemoryError, match="not a 'nothing acute' statement"):
        StyleMemory.load(forged)
    # what it says is absent is read again, not taken from the file
    denies = tmp_path / "denies.json"
    denies.write_text(
        json.dumps(
            {
                "format": "radpilot-style-memory/1",
                "entries": [
                    {"sentences": ["the lungs are clear"], "phrase": "No pneumothorax.", "negatives": []}
                ],
            }
        ),
        encoding="utf-8",
    )
    assert _normal(StyleMemory.load(denies), "The lungs are clear. The heart is normal in size.") is None


def test_the_first_sentence_counts_with_or_without_a_header() -> None:
    memory = StyleMemory.from_reports([("FINDINGS: Normal chest. Heart normal.", "Negative.")])
    assert _normal(memory, "Normal chest. Unrelated words here.") == "Negative."


def test_a_chest_radiograph_memory_is_not_used_for_other_studies(memory: StyleMemory) -> None:
    assert memory.fits("XR CHEST 2 VIEWS") and memory.fits("chest radiograph") and memory.fits("chest")
    for exam in ("CT chest", "CT chest abdomen pelvis", "MRI chest wall", "US abdomen", "CT head"):
        assert not memory.fits(exam)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("{", "not JSON (line 1"),
        ('{"format": "other"}', "field 'format' must be"),
        ('{"format": "radpilot-style-memory/1", "entries": {}}', "field 'entries' must be a list"),
        ('{"format": "radpilot-style-memory/1", "neighbours": 0, "entries": []}', "field 'neighbours'"),
        ('{"format": "radpilot-style-memory/1", "entries": [{"sentences": [], "phrase": ""}]}', "entries[0]"),
        (
            '{"format": "radpilot-style-memory/1", "entries": [{"sentences": ["a b"], "phrase": "Negative x-XXXX."}]}',
            "not a 'nothing acute' statement",
        ),
        ('{"format": "radpilot-style-memory/1", "exam": "", "entries": []}', "field 'exam'"),
    ],
)
def test_a_bad_memory_file_is_named_with_what_is_wrong(tmp_path: Path, body: str, needle: str) -> None:
    path = tmp_path / "style.json"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(StyleMemoryError) as err:
        StyleMemory.load(path)
    assert needle in str(err.value) and str(path) in str(err.value)


def test_prior_reports_file(tmp_path: Path) -> None:
    good = tmp_path / "prior.jsonl"
    good.write_text(
        json.dumps({"findings": TEMPLATE_A, "impression": "No acute disease."})
        + "\n\n"
        + json.dumps({"text": f"FINDINGS: {TEMPLATE_B}\nIMPRESSION: No active disease."})
        + "\n",
        encoding="utf-8",
    )
    assert read_prior_reports(good) == [(TEMPLATE_A, "No acute disease."), (TEMPLATE_B, "No active disease.")]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"findings": TEMPLATE_A}) + "\n[1]\n", encoding="utf-8")
    with pytest.raises(StyleMemoryError, match="line 1: needs 'findings' and 'impression'"):
        read_prior_reports(bad)


def test_style_build_and_use_from_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prior = tmp_path / "prior.jsonl"
    prior.write_text("".join(json.dumps({"findings": f, "impression": i}) + "\n" for f, i in PRIOR), "utf-8")
    out = tmp_path / "style.json"
    res = CliRunner().invoke(app, ["style", "build", str(prior), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "5 normal impressions kept of 8 reports" in res.output
    line = json.dumps({"id": "a", "findings": TEMPLATE_A}) + "\n"
    res = CliRunner().invoke(app, ["impression", "-", "--format", "jsonl", "--style", str(out)], input=line)
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["impression"] == "No acute disease."
    # the site's memory from the environment
    monkeypatch.setenv("RADPILOT_STYLE_MEMORY", str(out))
    res = CliRunner().invoke(app, ["impression", "-", "--format", "jsonl"], input=line)
    assert json.loads(res.stdout)["impression"] == "No acute disease."


def test_a_bad_style_memory_stops_before_any_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = json.dumps({"id": "a", "findings": TEMPLATE_A}) + "\n"
    res = CliRunner().invoke(app, ["impression", "-", "--style", str(tmp_path / "missing.json")], input=line)
    assert res.exit_code == 2 and "cannot read the style memory" in res.output
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    monkeypatch.setenv("RADPILOT_STYLE_MEMORY", str(bad))
    res = CliRunner().invoke(app, ["impression", "-"], input=line)
    assert res.exit_code == 2 and "RADPILOT_STYLE_MEMORY" in res.output and "field 'format'" in res.output
    res = CliRunner().invoke(app, ["draft", str(tmp_path / "no-study")])
    assert res.exit_code == 2 and "RADPILOT_STYLE_MEMORY" in res.output
    from radpilot.service.settings import ServiceSettings, SettingsError

    with pytest.raises(SettingsError, match="RADPILOT_STYLE_MEMORY"):
        ServiceSettings.from_env()


def test_a_style_build_that_cannot_write_leaves_nothing(tmp_path: Path) -> None:
    prior = tmp_path / "prior.jsonl"
    prior.write_text(json.dumps({"findings": TEMPLATE_A, "impression": "No acute disease."}) + "\n", "utf-8")
    res = CliRunner().invoke(
        app, ["style", "build", str(prior), "--out", str(tmp_path / "no" / "style.json")]
    )
    assert res.exit_code == 1 and "cannot write" in res.output
    assert not (tmp_path / "no").exists()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["style", "build", str(bad), "--out", str(tmp_path / "s.json")])
    assert res.exit_code == 1 and "line 1: not JSON" in res.output
    assert not (tmp_path / "s.json").exists()


@pytest.mark.parametrize(
    "impression",
    [
        # from a review: each of these is more than "nothing acute"
        "Heart is big.",
        "No acute disease. Retrolisthesis.",
        "No acute disease. Dextrocardia.",
        "No acute disease. Gunshot wound.",
        "No acute disease. Repeat in two weeks.",
        "No acute disease. Urgent CT.",
        "No acute disease. Findings phoned to Dr. Smith.",
        "No acute intracranial abnormality.",
        "Negative CT of the head.",
        "No acute abdominal process.",
        "No acute disease. Lt lower lobe.",
        "No acute disease. Unilateral.",
        "No acute disease. Resolution of pneumonia.",
        "No injuries.",
        "Pneumonia unlikely.",
        "Postsurgical changes of CABG without acute cardiopulmonary abnormality.",
        "No acute preoperative findings.",
        "Resolution of cardiomegaly. No active disease.",
        "Clear lungs with heart size upper limits of normal.",
        "No acute cardiopulmonary or osseous process.",
        "No acute cardiopulmonary disease. No evidence of metastatic disease to the lungs.",  # a clinical story
        "No active disease. No evidence for heart failure.",
        "No pneumothorax following removal of left-sided chest tubes.",  # a side
        "No acute cardiopulmonary disease. Critical result notification documented through Primordial.",
        "No acute findings. Please note that fractures may not be demonstrated and consider additional imaging.",
        "1. Chest. No active disease. 2. Lumbar spine negative.",  # another study's body part
        "No acute cardiopulmonary abnormality. Specifically, no evidence of active tuberculous process.",
        "No acute cardiopulmonary abnormalities. Stable chronic lung disease.",
        "1. No acute pulmonary abnormality. 2. Abnormal appearance of the mediastinum as discussed below.",
        "1. Technically limited exam. 2. No acute cardiopulmonary abnormalities.",
        "Postoperative left upper lobe. No visible active cardiopulmonary disease.",
    ],
)
def test_statements_that_say_more_than_nothing_acute_are_never_remembered(impression: str) -> None:
    assert len(StyleMemory.from_reports([(TEMPLATE_A, impression)])) == 0
