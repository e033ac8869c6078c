"""Greedy longest-match of token phrases: dictionary look-ups on n-grams, no regex alternation.

A phrase token ending in ``*`` is a prefix ("atelecta*" matches "atelectasis" and "atelectatic").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Generic, TypeVar

T = TypeVar("T")

TOKEN_RE = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*|[;:,()/]")


def tokenize(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Lowercased tokens and their character spans (hyphens and most punctuation separate words)."""
    toks: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in TOKEN_RE.finditer(text.lower()):
        toks.append(m.group(0))
        spans.append(m.span())
    return toks, spans


class PhraseMatcher(Generic[T]):
    def __init__(self, table: Mapping[tuple[str, ...], T]):
        self.table = dict(table)
        self.maxlen = max((len(k) for k in self.table), default=1)
        self.first = {k[0] for k in self.table}
        self.prefixes = tuple(
            sorted({t[:-1] for k in self.table for t in k if t.endswith("*")}, key=len, reverse=True)
        )
        self._forms: dict[str, tuple[str, ...]] = {}

    def forms(self, tok: str) -> tuple[str, ...]:
        f = self._forms.get(tok)
        if f is None:
            f = (tok, *(p + "*" for p in self.prefixes if tok.startswith(p)))
            if len(self._forms) < 200_000:
                self._forms[tok] = f
        return f

    def match(self, toks: list[str]) -> list[tuple[int, int, T]]:
        """Non-overlapping (start, end, payload) matches, leftmost then longest."""
        n = len(toks)
        forms = [self.forms(t) for t in toks]
        table = self.table
        first = self.first
        out: list[tuple[int, int, T]] = []
        i = 0
        while i < n:
            fi = forms[i]
            hit: tuple[int, int, T] | None = None
            if fi[0] in first or (len(fi) > 1 and any(f in first for f in fi)):
                for length in range(min(self.maxlen, n - i), 0, -1):
                    window = forms[i : i + length]
                    if all(len(w) == 1 for w in window):
                        p = table.get(tuple(toks[i : i + length]))
                        if p is not None:
                            hit = (i, i + length, p)
                            break
                    else:
                        for key in _product(window):
                            p = table.get(key)
                            if p is not None:
                                hit = (i, i + length, p)
                                break
                        if hit:
                            break
            if hit is not None:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out


def _product(window: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    keys: list[tuple[str, ...]] = [()]
    for options in window:
        keys = [(*k, o) for k in keys for o in options]
    return keys
