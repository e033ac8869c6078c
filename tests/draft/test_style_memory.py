"""The site's style memory: "nothing acute" in the site's own words, never adding or contradicting a finding."""

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
    read_statement,
    tidy,
    without_numbers,
)

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
    # more than "nothing acute": never remembered
    (TEMPLATE_A + " Right lower lobe opacity.", "Right lower lobe pneumonia."),
    (TEMPLATE_A, "Negative chest x-XXXX."),
    (TEMPLATE_A, "No acute disease since 2019."),
    (TEMPLATE_A + " No change from the prior study.", "Stable chest, no change."),
    (TEMPLATE_A, "Normal chest."),
    (TEMPLATE_A, "No pneumothorax or acute disease."),
]


@pytest.fixture(scope="module")
def memory() -> StyleMemory:
    return StyleMemory.from_reports(PRIOR)


def _normal(memory: StyleMemory, findings: str) -> str | None:
    return memory.normal_statement(f"FINDINGS: {findings}")


def test_only_nothing_acute_impressions_are_kept(memory: StyleMemory) -> None:
    assert len(memory) == 4
    assert set(memory.phrases) == {"No acute disease.", "1. No evidence of active disease."}


def test_each_template_gets_its_own_radiologists_words(memory: StyleMemory) -> None:
    assert _normal(memory, TEMPLATE_A) == "No acute disease."
    assert _normal(memory, TEMPLATE_B) == "1. No evidence of active disease."
    assert _normal(memory, "Completely different words here. Nothing in common at all.") is None


@pytest.mark.parametrize(
    "statement",
    [
        "No acute cardiopulmonary abnormality.",
        "No acute cardiopulmonary abnormalities are seen.",
        "No active disease.",
        "1. No acute radiographic cardiopulmonary process.",
        "Negative for acute abnormality.",
        "There is no radiographic evidence of acute cardiopulmonary disease.",
        "No evidence of active disease.",
        "No acute or active cardiac, pulmonary or pleural disease.",
        "No acute intrathoracic abnormality identified.",
        "No acute disease process identified.",
        "No acute cardiopulmonary disease. No active disease.",
    ],
)
def test_the_ways_of_saying_nothing_acute(statement: str) -> None:
    assert read_statement(statement) == statement


@pytest.mark.parametrize(
    "impression",
    [
        # from two reviews: each of these is more than "nothing acute", or not it at all
        "Acute cardiopulmonary disease.",
        "Evidence of acute disease.",
        "Lungs are not clear.",
        "Not negative.",
        "No lungs.",
        "No acute disease. Lungs not clear.",
        "Normal chest.",
        "Clear lungs.",
        "Negative.",
        "Unremarkable examination of the chest.",
        "No acute disease. No pleural effusion.",
        "No healed left rib fractures.",
        "No interval change.",
        "Stable chest. No acute disease.",
        "Heart is big.",
        "No acute disease. Retrolisthesis.",
        "No acute disease. Repeat in two weeks.",
        "No acute disease. Findings phoned to Dr. Smith.",
        "No acute intracranial abnormality.",
        "Negative CT of the head.",
        "No acute abdominal process.",
        "No acute disease. Lt lower lobe.",
        "Pneumonia unlikely.",
        "Postsurgical changes of CABG without acute cardiopulmonary abnormality.",
        "No acute preoperative findings.",
        "No acute cardiopulmonary or osseous process.",
        "No acute cardiopulmonary disease. No evidence of metastatic disease to the lungs.",
        "No acute disease, pneumonia.",
        "No acute disease/pneumonia.",
        "No acute disease. Пневмония.",
        "Chest radiograph. 1. No acute radiographic cardiopulmonary process.",
        "1. No acute disease. 2. Pneumonia.",
        "Critical result notification documented. No acute disease.",
        "No acute acute acute acute acute disease.",
    ],
)
def test_statements_that_are_not_just_nothing_acute_are_never_remembered(impression: str) -> None:
    assert read_statement(impression) is None
    assert len(StyleMemory.from_reports([(TEMPLATE_A, impression)])) == 0


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
    assert head.impression == "No acute intracranial abnormality."


def test_a_chest_radiograph_memory_is_not_used_for_other_studies(memory: StyleMemory) -> None:
    assert memory.fits("XR CHEST 2 VIEWS") and memory.fits("chest radiograph") and memory.fits("chest")
    for exam in ("CT chest", "CT chest abdomen pelvis", "MRI chest wall", "US abdomen", "CT head", "XR knee"):
        assert not memory.fits(exam)
    with pytest.raises(ValueError, match="kind of study in words"):
        StyleMemory([], exam="123")


def test_the_first_sentence_counts_with_or_without_a_header() -> None:
    memory = StyleMemory.from_reports([("FINDINGS: Normal chest. Heart normal.", "No acute disease.")])
    assert _normal(memory, "Normal chest. Unrelated words here.") == "No acute disease."


def test_tidy_and_numbering() -> None:
    assert tidy("No acute cardiopulmonary abnormality. .") == "No acute cardiopulmonary abnormality."
    assert tidy("  No active disease") == "No active disease."
    assert without_numbers("1. No acute disease.") == "No acute disease."


def test_save_and_load_give_the_same_answers(memory: StyleMemory, tmp_path: Path) -> None:
    path = tmp_path / "style.json"
    memory.save(path)
    again = StyleMemory.load(path)
    assert len(again) == len(memory)
    for findings in (TEMPLATE_A, TEMPLATE_B, "Heart size is normal. Lungs are clear."):
        assert _normal(again, findings) == _normal(memory, findings)


def test_a_memory_file_is_not_trusted(tmp_path: Path) -> None:
    for phrase in ("Pneumonia.", "No pneumothorax.", "Normal chest."):
        forged = tmp_path / "forged.json"
        forged.write_text(
            json.dumps(
                {
                    "format": "radpilot-style-memory/1",
                    "entries": [{"sentences": ["the lungs are clear"], "phrase": phrase}],
                }
            ),
            encoding="utf-8",
        )
        with pytest.raises(StyleMemoryError, match="not a 'nothing acute' statement"):
            StyleMemory.load(forged)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("{", "not JSON (line 1"),
        ("[" * 100000 + "]" * 100000, "not JSON this program can read"),
        ('{"format": "other"}', "field 'format' must be"),
        ('{"format": "radpilot-style-memory/1", "entries": {}}', "field 'entries' must be a list"),
        ('{"format": "radpilot-style-memory/1", "neighbours": 0, "entries": []}', "field 'neighbours'"),
        ('{"format": "radpilot-style-memory/1", "entries": [{"sentences": [], "phrase": ""}]}', "entries[0]"),
        (
            '{"format": "radpilot-style-memory/1", "entries": [{"sentences": ["a b"], "phrase": "Negative x-XXXX."}]}',
            "not a 'nothing acute' statement",
        ),
        ('{"format": "radpilot-style-memory/1", "exam": "123", "entries": []}', "field 'exam'"),
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
    deep = tmp_path / "deep.jsonl"
    deep.write_text("[" * 100000 + "]" * 100000 + "\n", encoding="utf-8")
    with pytest.raises(StyleMemoryError, match="line 1: not JSON this program can read"):
        read_prior_reports(deep)


def test_style_build_and_use_from_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prior = tmp_path / "prior.jsonl"
    prior.write_text("".join(json.dumps({"findings": f, "impression": i}) + "\n" for f, i in PRIOR), "utf-8")
    out = tmp_path / "style.json"
    res = CliRunner().invoke(app, ["style", "build", str(prior), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "4 normal impressions kept of 10 reports" in res.output
    line = json.dumps({"id": "a", "findings": TEMPLATE_A}) + "\n"
    res = CliRunner().invoke(app, ["impression", "-", "--format", "jsonl", "--style", str(out)], input=line)
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["impression"] == "No acute disease."
    # the site's memory from the environment, read again when it is rebuilt
    monkeypatch.setenv("RADPILOT_STYLE_MEMORY", str(out))
    res = CliRunner().invoke(app, ["impression", "-", "--format", "jsonl"], input=line)
    assert json.loads(res.stdout)["impression"] == "No acute disease."
    prior.write_text(json.dumps({"findings": TEMPLATE_A, "impression": "No active disease."}) + "\n", "utf-8")
    assert CliRunner().invoke(app, ["style", "build", str(prior), "--out", str(out)]).exit_code == 0
    res = CliRunner().invoke(app, ["impression", "-", "--format", "jsonl"], input=line)
    assert json.loads(res.stdout)["impression"] == "No active disease."


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


def test_a_style_build_that_cannot_write_or_learns_nothing_leaves_nothing(tmp_path: Path) -> None:
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
    nothing = tmp_path / "nothing.jsonl"
    nothing.write_text(json.dumps({"findings": TEMPLATE_A, "impression": "Pneumonia."}) + "\n", "utf-8")
    res = CliRunner().invoke(app, ["style", "build", str(nothing), "--out", str(tmp_path / "s.json")])
    assert res.exit_code == 1 and "nothing written" in res.output
    res = CliRunner().invoke(
        app, ["style", "build", str(prior), "--out", str(tmp_path / "s.json"), "--exam", "12"]
    )
    assert res.exit_code == 2 and "--exam" in res.output
    assert not (tmp_path / "s.json").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
