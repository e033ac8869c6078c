"""`radpilot simplify` with malformed input: bad recommendation items and an --out that cannot be written get
an error naming the item or the path; no traceback and no partial letter is left behind."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from radpilot.cli import app

runner = CliRunner()
REPORT = "EXAM: CT chest\nFINDINGS: 6 mm nodule in the right upper lobe.\nIMPRESSION: Nodule.\n"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (5, "field 'recommendations' item 2: expected a string or an object with 'text', got number"),
        (None, "field 'recommendations' item 2: expected a string or an object with 'text', got null"),
        ([1], "field 'recommendations' item 2: expected a string or an object with 'text', got array"),
        ({"x": 1}, "field 'recommendations' item 2: needs a non-empty string field 'text'"),
        ({"text": 7}, "field 'recommendations' item 2: needs a non-empty string field 'text'"),
    ],
)
def test_bad_recommendation_item_fails_its_line(item: object, message: str) -> None:
    bad = {"id": "a", "text": REPORT, "recommendations": ["CT chest in 12 months.", item]}
    good = {"id": "b", "text": REPORT}
    res = runner.invoke(app, ["simplify", "-"], input=json.dumps(bad) + "\n" + json.dumps(good) + "\n")
    assert res.exit_code == 1
    first, second = (json.loads(line) for line in res.stdout.splitlines())
    assert first == {"id": "a", "line": 1, "error": message}
    assert second["id"] == "b" and "error" not in second


def test_recommendation_objects_with_text_are_still_taken() -> None:
    rec = {"id": "a", "text": REPORT, "recommendations": [{"text": "CT chest in 12 months."}]}
    res = runner.invoke(app, ["simplify", "-"], input=json.dumps(rec) + "\n")
    assert res.exit_code == 0, res.output
    assert "error" not in json.loads(res.stdout)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    p = tmp_path / "report.txt"
    p.write_text(REPORT, encoding="utf-8")
    return p


@pytest.mark.parametrize("fmt", ["text", "html", "pdf"])
def test_out_in_a_missing_folder_is_an_error_and_writes_nothing(
    report: Path, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / "no" / "such" / f"letter.{fmt}"
    res = runner.invoke(app, ["simplify", str(report), "--format", fmt, "--out", str(target)])
    assert res.exit_code == 1
    assert res.stderr.startswith(f"error: --out {target}: cannot write (No such file or directory)")
    assert "Traceback" not in res.output
    assert not (tmp_path / "no").exists()


def test_out_that_is_a_folder_is_an_error_and_the_folder_is_untouched(report: Path, tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    res = runner.invoke(app, ["simplify", str(report), "--out", str(folder)])
    assert res.exit_code == 1
    assert res.stderr == f"error: --out {folder}: is a folder; give a file name\n"
    assert list(folder.iterdir()) == []


def test_out_is_written_whole_with_the_usual_mode(report: Path, tmp_path: Path) -> None:
    target = tmp_path / "letter.txt"
    target.write_text("the previous letter", encoding="utf-8")
    res = runner.invoke(app, ["simplify", str(report), "--out", str(target)])
    assert res.exit_code == 0, res.output
    assert target.read_text(encoding="utf-8").startswith("Your imaging report in plain words")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # not the temporary file's private 0600


def test_a_damaged_data_file_is_named_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib

    import radpilot.cli

    glossary_module = importlib.import_module("radpilot.patient.glossary")

    import shutil

    data = tmp_path / "data"
    shutil.copytree(glossary_module.data_dir(), data)
    path = data / "glossary_en.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "\nterms:\n", "\nterms:\n  - {term: bone, also: [bone], plain: bone, explain: A bone.}\n", 1
    )
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(glossary_module, "data_dir", lambda: data)
    glossary_module.glossary.cache_clear()
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["radpilot", "simplify", str(report)])
    try:
        with pytest.raises(SystemExit) as exc:
            radpilot.cli.main()
    finally:
        glossary_module.glossary.cache_clear()
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "glossary_en.yaml:" in err and "(entry bone): field 'also'" in err
    assert "Traceback" not in err
