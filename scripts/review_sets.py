"""Score the structuring engine on the held-out review sets (`tests/structure/review_sets/*.json`).

Each set is 40 reports written blind by a reviewer from the list of codes only (no engine output seen), with the
findings a careful radiologist would extract: ``expected`` maps a code to its report-level assertion and ``sides``
a code to "left", "right" or "bilateral". The sets are how a session finds what the engine misreads; their score is
a figure the session reports (docs/BENCHMARKS.md), not a target, and the texts are the project's own (not IU texts).

    python scripts/review_sets.py score [-v] [SET.json ...]   right/scored per set (-v: every miss and extra)
    python scripts/review_sets.py dump OUT.json [SET.json ...] the codes and sides read, for `diff`
    python scripts/review_sets.py diff A.json B.json           the reports two dumps read differently

Scoring: an expected code is right when the report-level assertion matches (a narrower code read in its place
counts) and, where a side is expected, that side is among the sides read (left and right together count as
bilateral). Each present or uncertain code read that is neither expected nor broader or narrower than an expected
code is an extra; right/scored = right / (expected + extras).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

SETS = Path(__file__).resolve().parent.parent / "tests" / "structure" / "review_sets"
_RANK = {"present": 2, "uncertain": 1, "absent": 0}


def _sets(args: list[str]) -> list[Path]:
    return [Path(a) for a in args] if args else sorted(SETS.glob("*.json"))


def _read(paths: list[Path]) -> dict[str, dict[str, Any]]:
    from radpilot import structure

    out: dict[str, dict[str, Any]] = {}
    for path in paths:
        for rep in json.loads(path.read_text(encoding="utf-8"))["reports"]:
            s = structure(rep["text"])
            sides: dict[str, list[str | None]] = {}
            for f in s.findings:
                if f.assertion.value != "absent":
                    side = f.laterality.value if f.laterality else None
                    if side not in sides.setdefault(f.code, []):
                        sides[f.code].append(side)
            out[rep["id"]] = {
                "codes": {c: f.assertion.value for c, f in s.by_code().items()},
                "sides": sides,
            }
    return out


def score(paths: list[Path], verbose: bool) -> tuple[int, int]:
    from radpilot.structure.lexicon import ancestors, default_lexicon

    lexicon = default_lexicon()
    read = _read(paths)
    all_right = all_scored = 0
    for path in paths:
        right = scored = 0
        lines: list[str] = []
        for rep in json.loads(path.read_text(encoding="utf-8"))["reports"]:
            got_all = read[rep["id"]]
            codes, sides = got_all["codes"], got_all["sides"]
            expected: dict[str, str] = rep.get("expected", {})
            want_sides: dict[str, str] = rep.get("sides", {})
            for code, want in expected.items():
                got = codes.get(code)
                if got is None:
                    narrower = [c for c in codes if c != code and code in ancestors(lexicon, c)]
                    if narrower:
                        got = max((codes[c] for c in narrower), key=lambda a: _RANK[a])
                ok, note = got == want, ""
                if ok and code in want_sides and want != "absent":
                    have = {s for c in codes if code in ancestors(lexicon, c) for s in sides.get(c, [])}
                    side = want_sides[code]
                    if not (side in have or (side == "bilateral" and {"left", "right"} <= have)):
                        ok, note = False, f" side {side}, read {sorted(have, key=str)}"
                scored += 1
                right += ok
                if not ok:
                    lines.append(f"  {rep['id']} MISS {code}: want {want}, read {got}{note}")
            family = set().union(*(ancestors(lexicon, c) for c in expected)) if expected else set()
            for code, got in codes.items():
                if got == "absent" or code in family or any(e in ancestors(lexicon, code) for e in expected):
                    continue
                scored += 1
                lines.append(f"  {rep['id']} EXTRA {code}: {got}")
        print(f"{path.stem}: {right}/{scored}")
        if verbose:
            print("\n".join(lines))
        all_right += right
        all_scored += scored
    print(f"all: {all_right}/{all_scored} ({all_right / max(all_scored, 1):.3f})")
    return all_right, all_scored


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("score", "dump", "diff"):
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "score":
        verbose = "-v" in rest
        score(_sets([a for a in rest if a != "-v"]), verbose)
    elif cmd == "dump":
        Path(rest[0]).write_text(json.dumps(_read(_sets(rest[1:]))), encoding="utf-8")
    else:
        a, b = (json.loads(Path(p).read_text(encoding="utf-8")) for p in rest[:2])
        differ = [k for k in a if k in b and a[k] != b[k]]
        for k in differ:
            ca, cb = a[k]["codes"], b[k]["codes"]
            changed = {c: (ca.get(c), cb.get(c)) for c in sorted(set(ca) | set(cb)) if ca.get(c) != cb.get(c)}
            print(
                k,
                changed or "(sides)",
                {
                    c: (a[k]["sides"].get(c), b[k]["sides"].get(c))
                    for c in sorted(set(a[k]["sides"]) | set(b[k]["sides"]))
                    if a[k]["sides"].get(c) != b[k]["sides"].get(c)
                }
                or "",
            )
        print(f"{len(differ)} differ")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
