"""No module of the package binds one top-level name twice.

A second ``_COPULAS = ...`` further down a module silently replaces the first for every function that reads it, the
ones written for the first included (the structuring engine had six such names, found in the thirty-ninth session:
a sentence "about the spine" was told by two words instead of the data file's list, an organ's line by state words
instead of its adjectives). Each set of words gets its own name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import radpilot

PACKAGE = Path(radpilot.__file__).parent


def _bound_twice(tree: ast.Module) -> dict[str, list[int]]:
    seen: dict[str, list[int]] = {}
    for node in tree.body:
        names: list[str] = []
        if isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names = [node.name]
        for name in names:
            seen.setdefault(name, []).append(node.lineno)
    return {name: lines for name, lines in seen.items() if len(lines) > 1}


def test_no_module_binds_a_top_level_name_twice() -> None:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        twice = _bound_twice(ast.parse(path.read_text(encoding="utf-8")))
        if twice:
            found[str(path.relative_to(PACKAGE))] = twice
    assert found == {}


def test_the_check_finds_a_name_bound_twice() -> None:
    tree = ast.parse("_A = frozenset({'is'})\n\ndef f():\n    return _A\n\n_A = frozenset({'was'})\n")
    assert _bound_twice(tree) == {"_A": [1, 6]}
