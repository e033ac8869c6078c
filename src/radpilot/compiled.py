"""The optional compiled build of the structuring hot path, loaded only where it matches the source exactly.

`make compiled` (run by `make bench`) compiles the section parser, the measurement reader, the phrase matcher
and the structuring engine with mypyc, the compiler that ships with the project's own mypy, into
``.cache/compiled/``: C extension modules beside the source, never inside it. A manifest records the SHA-256 of
every radpilot source file those modules import, the Python ABI they were built for and the mypy that built
them. When ``radpilot`` is imported, :func:`install` puts a finder in front of the import system that serves
the compiled modules only if every recorded source still hashes the same and the ABI matches; otherwise
nothing compiled is loaded and the source runs as it is. An edit to any of those files therefore takes effect
at once (at the source's speed) until the build is refreshed, and a build can never run code that differs from
the source beside it.

The compiled and the interpreted code give the same findings (a test compares them over the IU reports);
only the speed differs. ``RADPILOT_COMPILED=0`` turns the compiled build off; ``RADPILOT_COMPILED_DIR`` points
at a build elsewhere. :func:`state` says which build runs and why; the structuring bench prints it.

Build: ``make compiled``, which runs ``radpilot.compiled.main(["refresh"])`` (``["build"]`` builds even over a
current build); it needs the ``dev`` extra (mypy, which carries mypyc, and setuptools) and a C compiler with the
Python headers.

What the manifest cannot see: a radpilot module a hot module imports only inside a function (none does today) is
not recorded, and mypyc copies ``Final`` constants of the modules it reads into the compiled code; keep the hot
modules' imports at module level.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import sysconfig
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

# The hot path of `radpilot label` and every reader built on the engine (in import order).
HOT_MODULES = (
    "radpilot.report.measure",
    "radpilot.report.sections",
    "radpilot.structure.matcher",
    "radpilot.structure.speller",
    "radpilot.structure.engine",
)
GROUP = "radpilot_compiled"
MANIFEST = "manifest.json"
_OFF = {"0", "off", "no", "false"}


@dataclass(frozen=True)
class BuildState:
    """Which build of the hot path this process runs: ``compiled`` or ``source``, and why."""

    build: str
    reason: str
    directory: str | None = None


_state = BuildState("source", "not looked for yet")


def default_directory() -> Path:
    """``RADPILOT_COMPILED_DIR``, else ``.cache/compiled`` of the checkout this package is installed from."""
    env = os.environ.get("RADPILOT_COMPILED_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / ".cache" / "compiled"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class CompiledFinder(importlib.abc.MetaPathFinder):
    """Serves the modules of one verified build from their extension files; every other import passes by."""

    def __init__(
        self, files: dict[str, Path], directory: Path | None = None, source_root: Path | None = None
    ) -> None:
        self.files = files
        self.directory = directory
        self.source_root = source_root

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        file = self.files.get(fullname)
        if file is None:
            return None
        # the build is checked again at each import it serves: a source edited after radpilot's import (or a
        # module reloaded) runs as the source
        if self.directory is not None and check(self.directory, self.source_root)[0] is None:
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(file))
        return importlib.util.spec_from_file_location(fullname, file, loader=loader)


def check(directory: Path, source_root: Path | None = None) -> tuple[dict[str, Path] | None, str]:
    """The extension files of the build in ``directory`` if it matches the source exactly, and why or why not.

    ``source_root`` is the folder the manifest's source paths are relative to (the folder holding the
    top-level package); by default the one this package is installed from.
    """
    manifest_path = directory / MANIFEST
    if not manifest_path.is_file():
        return None, f"no compiled build in {directory}"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        suffix = manifest["ext_suffix"]
        modules = {str(k): str(v) for k, v in manifest["modules"].items()}
        sources = {str(k): str(v) for k, v in manifest["sources"].items()}
        built_by = str(manifest.get("mypy", "?"))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return None, f"unreadable manifest {manifest_path}: {exc!r}"
    if suffix != sysconfig.get_config_var("EXT_SUFFIX"):
        return None, f"built for {suffix}, this Python loads {sysconfig.get_config_var('EXT_SUFFIX')}"
    root = source_root if source_root is not None else Path(__file__).resolve().parents[1]
    for rel, digest in sources.items():
        src = root / rel
        try:
            now = _sha256(src)
        except OSError:
            return None, f"stale: {rel} is gone"
        if now != digest:
            return None, f"stale: {rel} changed since the build (run `make compiled`)"
    files = {name: directory / rel for name, rel in modules.items()}
    missing = [str(f) for f in files.values() if not f.is_file()]
    if missing:
        return None, f"incomplete build: {', '.join(missing)} missing"
    return files, f"mypyc {built_by} build in {directory}, matching the source"


def install(directory: Path | None = None) -> BuildState:
    """Load the compiled hot path for this process where a build matching the source is present.

    Called once when ``radpilot`` is imported, before any of the hot modules is; a second call changes nothing.
    """
    global _state
    if any(isinstance(f, CompiledFinder) for f in sys.meta_path):
        return _state
    if os.environ.get("RADPILOT_COMPILED", "").strip().lower() in _OFF:
        _state = BuildState("source", "RADPILOT_COMPILED=0")
        return _state
    directory = (directory if directory is not None else default_directory()).resolve()
    try:
        files, reason = check(directory)
    except Exception as exc:  # a broken build never breaks `import radpilot`: the source runs
        files, reason = None, f"unusable build in {directory}: {exc!r}"
    if files is None:
        _state = BuildState("source", reason)
        return _state
    loaded = [name for name in files if name in sys.modules and name != f"{GROUP}__mypyc"]
    if loaded:
        _state = BuildState("source", f"{', '.join(loaded)} imported before the compiled build could be")
        return _state
    sys.meta_path.insert(0, CompiledFinder(files, directory))
    _state = BuildState("compiled", reason, str(directory))
    return _state


def state() -> BuildState:
    """Which build of the hot path this process runs, and why."""
    return _state


def _refuse_unless_a_build(out: Path) -> None:
    """Only a build (a folder with a manifest, or an empty one) is ever replaced by a new one."""
    if out.exists() and not (out / MANIFEST).is_file() and any(out.iterdir()):
        raise RuntimeError(f"{out} is not a compiled build (no {MANIFEST}); not replacing it")


def build(
    modules: Sequence[str] = HOT_MODULES,
    source_root: Path | None = None,
    directory: Path | None = None,
    group: str = GROUP,
    config_file: Path | None = None,
) -> Path:
    """Compile ``modules`` (dotted names under ``source_root``) with mypyc into ``directory``; return the manifest.

    The manifest lists the hash of every module of the same top-level package that the compiled modules import
    (found by importing them from their source in a fresh interpreter), so that an edit to any of them retires
    the build.
    """
    import shutil
    import subprocess
    import tempfile

    from mypy.version import __version__ as mypy_version
    from mypyc.build import mypycify
    from setuptools import Distribution  # type: ignore[import-untyped]

    root = (source_root or Path(__file__).resolve().parents[1]).resolve()
    out = (directory or default_directory()).resolve()
    _refuse_unless_a_build(out)
    top = modules[0].split(".")[0]
    paths = [str(root / (m.replace(".", "/") + ".py")) for m in modules]
    probe = (
        "import importlib, json, sys\n"
        f"for m in {list(modules)!r}: importlib.import_module(m)\n"
        f"print(json.dumps(sorted(m.__file__ for n, m in sys.modules.items() if n.split('.')[0] == {top!r} "
        "and getattr(m, '__file__', None))))"
    )
    env = {**os.environ, "RADPILOT_COMPILED": "0", "PYTHONPATH": str(root)}
    found = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    if found.returncode != 0:
        raise RuntimeError(f"importing {', '.join(modules)} from {root} failed:\n{found.stderr}")
    sources = {str(Path(f).resolve().relative_to(root)): _sha256(Path(f)) for f in json.loads(found.stdout)}

    options = ["--config-file", str(config_file)] if config_file is not None else []
    with tempfile.TemporaryDirectory(prefix="radpilot-mypyc-") as tmp:
        staging = Path(tmp) / "lib"
        options += ["--cache-dir", str(Path(tmp) / "mypy-cache")]
        extensions = mypycify(
            [*options, *paths], group_name=group, multi_file=True, target_dir=str(Path(tmp) / "c")
        )
        dist = Distribution({"name": group, "ext_modules": extensions})
        cmd = dist.get_command_obj("build_ext")
        cmd.build_lib = str(staging)
        cmd.build_temp = str(Path(tmp) / "obj")
        cmd.parallel = os.cpu_count() or 1
        cmd.ensure_finalized()
        cmd.run()
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        names = [*modules, f"{group}__mypyc"]
        files = {n: n.replace(".", "/") + suffix for n in names}
        for rel in files.values():
            if not (staging / rel).is_file():
                raise RuntimeError(f"mypyc produced no {rel}")
        # replace the old build whole: a half-copied build is never loaded, since the manifest is written last
        if out.exists():
            _refuse_unless_a_build(out)  # (again: the folder may have been filled while mypyc ran)
            shutil.rmtree(out)
        shutil.copytree(staging, out)
    manifest = {
        "ext_suffix": suffix,
        "mypy": mypy_version,
        "python": sys.version.split()[0],
        "modules": files,
        "sources": sources,
    }
    path = out / MANIFEST
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] in (["build"], ["refresh"]):
        if args[0] == "refresh":
            files, reason = check(default_directory())
            if files is not None:
                print(f"radpilot: the compiled build in {default_directory()} is current: {reason}")
                return 0
        repo = Path(__file__).resolve().parents[2]
        os.chdir(repo)  # the project's mypy settings name their paths from the checkout's root
        config = repo / "pyproject.toml"
        manifest = build(config_file=config if config.is_file() else None)
        files, reason = check(manifest.parent)
        print(f"radpilot: compiled {len(HOT_MODULES)} modules into {manifest.parent}: {reason}")
        return 0 if files is not None else 1
    if args[:1] == ["state"]:
        s = state()
        print(f"{s.build}: {s.reason}")
        return 0
    print("usage: radpilot.compiled.main(['build' | 'refresh' | 'state'])", file=sys.stderr)
    return 2
