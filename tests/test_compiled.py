"""The compiled hot path: loaded only while it matches the source, and giving the same findings as the source.

The guard is tried on a small package the test compiles itself (mypyc, a few seconds); the equivalence on the
project's own build (`make compiled`, which `make test` runs first) over every IU report and the bundled
samples.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from radpilot import compiled
from radpilot.compiled import MANIFEST, build, check

REPO = Path(__file__).resolve().parents[1]
HAS_CC = shutil.which(sysconfig.get_config_var("CC").split()[0] if sysconfig.get_config_var("CC") else "cc")


def _run(code: str, **env: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A package of two modules, one compiled, that imports the other: (source root, build folder)."""
    if not HAS_CC:
        pytest.skip("no C compiler")
    root = tmp_path_factory.mktemp("tiny")
    src, out = root / "src", root / "build"
    pkg = src / "tinyrp"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    # (a Final constant, which mypyc copies into the compiled code)
    (pkg / "consts.py").write_text("from typing import Final\n\nFACTOR: Final = 2\n")
    (pkg / "hot.py").write_text(
        "from tinyrp.consts import FACTOR\n\n\ndef scale(x: int) -> int:\n    return FACTOR * x\n"
    )
    build(modules=("tinyrp.hot",), source_root=src, directory=out, group="tinyrp_compiled")
    return src, out


_STATE = "import radpilot.structure.engine as e, radpilot.compiled as c; s = c.state(); print(s.build, '|', s.reason)"

_LOAD = """
import sys
from pathlib import Path
from radpilot.compiled import CompiledFinder, check
files, why = check(Path({out!r}), Path({src!r}))
if files is not None:
    sys.meta_path.insert(0, CompiledFinder(files))
sys.path.insert(0, {src!r})
import tinyrp.hot
print(tinyrp.hot.__file__.endswith(".py"), tinyrp.hot.scale(21), why)
"""


def _load(src: Path, out: Path) -> tuple[bool, str, str]:
    source, value, why = _run(_LOAD.format(out=str(out), src=str(src))).split(" ", 2)
    return source == "True", value, why


def test_a_build_matching_its_source_is_loaded(tiny: tuple[Path, Path]) -> None:
    src, out = tiny
    manifest = json.loads((out / MANIFEST).read_text())
    # every module of the package the compiled one imports is recorded, so that an edit to any retires the build
    assert set(manifest["sources"]) == {"tinyrp/__init__.py", "tinyrp/consts.py", "tinyrp/hot.py"}
    assert manifest["ext_suffix"] == sysconfig.get_config_var("EXT_SUFFIX")
    assert _load(src, out) == (False, "42", f"mypyc {manifest['mypy']} build in {out}, matching the source")


def test_an_edit_to_the_source_or_what_it_imports_retires_the_build(tiny: tuple[Path, Path]) -> None:
    src, out = tiny
    hot, consts = src / "tinyrp" / "hot.py", src / "tinyrp" / "consts.py"
    before_hot, before_consts = hot.read_text(), consts.read_text()
    try:
        hot.write_text(before_hot.replace("FACTOR * x", "FACTOR * x + 1"))
        assert _load(src, out) == (
            True,
            "43",
            "stale: tinyrp/hot.py changed since the build (run `make compiled`)",
        )
        hot.write_text(before_hot)
        # an imported constant mypyc may have folded into the compiled code
        consts.write_text("from typing import Final\n\nFACTOR: Final = 3\n")
        assert _load(src, out) == (
            True,
            "63",
            "stale: tinyrp/consts.py changed since the build (run `make compiled`)",
        )
        consts.write_text(before_consts)
        assert _load(src, out)[:2] == (False, "42")
    finally:
        hot.write_text(before_hot)
        consts.write_text(before_consts)


_EDIT_AFTER = """
import sys
from pathlib import Path
from radpilot.compiled import CompiledFinder, check
files, why = check(Path({out!r}), Path({src!r}))
sys.meta_path.insert(0, CompiledFinder(files, Path({out!r}), Path({src!r})))
sys.path.insert(0, {src!r})
hot = Path({src!r}) / "tinyrp" / "hot.py"
hot.write_text(hot.read_text().replace("FACTOR * x", "FACTOR * x + 1"))
import tinyrp.hot
print(tinyrp.hot.__file__.endswith(".py"), tinyrp.hot.scale(21))
"""


def test_a_source_edited_after_radpilots_import_runs_as_the_source(tiny: tuple[Path, Path]) -> None:
    src, out = tiny
    hot = src / "tinyrp" / "hot.py"
    before = hot.read_text()
    try:
        assert _run(_EDIT_AFTER.format(out=str(out), src=str(src))) == "True 43"
    finally:
        hot.write_text(before)
    assert _load(src, out)[:2] == (False, "42")


def test_a_folder_that_is_no_build_is_never_replaced(tmp_path: Path) -> None:
    keep = tmp_path / "mine"
    keep.mkdir()
    (keep / "notes.txt").write_text("mine")
    with pytest.raises(RuntimeError, match="is not a compiled build"):
        build(modules=("tinyrp.hot",), source_root=tmp_path, directory=keep)
    assert (keep / "notes.txt").read_text() == "mine"


def test_a_build_for_another_python_or_broken_is_not_loaded(tiny: tuple[Path, Path], tmp_path: Path) -> None:
    src, out = tiny
    copy = tmp_path / "build"
    shutil.copytree(out, copy)
    manifest = json.loads((copy / MANIFEST).read_text())

    (copy / MANIFEST).write_text(json.dumps({**manifest, "ext_suffix": ".cpython-312-x86_64-linux-gnu.so"}))
    files, why = check(copy, src)
    assert files is None and why.startswith("built for .cpython-312-x86_64-linux-gnu.so")

    (copy / MANIFEST).write_text('{"ext_suffix": ')
    files, why = check(copy, src)
    assert files is None and why.startswith(f"unreadable manifest {copy / MANIFEST}")

    # a manifest of the wrong shape is no build either (and never a traceback at `import radpilot`)
    (copy / MANIFEST).write_text(json.dumps({**manifest, "modules": ["tinyrp.hot"]}))
    files, why = check(copy, src)
    assert files is None and why.startswith(f"unreadable manifest {copy / MANIFEST}")
    assert _run(_STATE, RADPILOT_COMPILED="", RADPILOT_COMPILED_DIR=str(copy)).startswith(
        "source | unreadable manifest"
    )

    (copy / MANIFEST).write_text(json.dumps(manifest))
    (copy / manifest["modules"]["tinyrp.hot"]).unlink()
    files, why = check(copy, src)
    assert files is None and why.startswith("incomplete build:") and "hot" in why

    files, why = check(tmp_path / "nothing", src)
    assert (files, why) == (None, f"no compiled build in {tmp_path / 'nothing'}")
    assert _load(src, tmp_path / "nothing")[:2] == (True, "42")


def test_the_build_can_be_turned_off_or_pointed_elsewhere(tmp_path: Path) -> None:
    assert _run(_STATE, RADPILOT_COMPILED="0") == "source | RADPILOT_COMPILED=0"
    assert _run(_STATE, RADPILOT_COMPILED="", RADPILOT_COMPILED_DIR=str(tmp_path)) == (
        f"source | no compiled build in {tmp_path}"
    )


def test_the_compiled_build_runs_where_it_is_required() -> None:
    """`make test` runs the engine's tests a second time with RADPILOT_REQUIRE_COMPILED=1: they must be on it."""
    if os.environ.get("RADPILOT_REQUIRE_COMPILED") != "1":
        pytest.skip("only where RADPILOT_REQUIRE_COMPILED=1 (the second run of make test)")
    state = compiled.state()
    assert state.build == "compiled", state.reason
    import radpilot.structure.engine as engine

    assert not engine.__file__.endswith(".py")


_DUMP = """
import hashlib, json, sys
from radpilot.structure import default_engine
from radpilot.eval.iu import iu_reports
from radpilot.samples import sample_reports
import radpilot.compiled as c
texts = [r.labelled_text for r in iu_reports("all")] + [r.full_text for r in iu_reports("all")]
texts += [s.text for s in sample_reports()]
eng = default_engine()
h = hashlib.sha256()
for t in texts:
    sr = eng.structure(t)
    d = sr.to_dict()
    d["sentences"] = [(s.index, s.section, s.span, s.text) for s in sr.report.sentences]
    h.update(json.dumps(d, sort_keys=True).encode())
print(c.state().build, len(texts), h.hexdigest())
"""


@pytest.mark.iu
@pytest.mark.slow
def test_the_compiled_build_gives_the_same_findings_as_the_source() -> None:
    files, why = check(compiled.default_directory())
    if files is None:
        if os.environ.get("RADPILOT_REQUIRE_COMPILED") == "1":
            pytest.fail(why)
        pytest.skip(f"{why} (make compiled)")
    source = _run(_DUMP, RADPILOT_COMPILED="0").split()
    built = _run(_DUMP, RADPILOT_COMPILED="").split()
    assert source[0] == "source" and built[0] == "compiled"
    assert int(source[1]) > 7_900
    assert source[1:] == built[1:]


@pytest.mark.iu
def test_the_bench_times_the_source_beside_a_compiled_build() -> None:
    from radpilot.eval.structuring import throughput

    rates = throughput(limit=20, passes=2)
    assert rates["this"] > 0
    assert ("source" in rates) == (compiled.state().build == "compiled")
    assert rates.get("source", 1.0) > 0
