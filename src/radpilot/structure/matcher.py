"""Greedy longest-match of token phrases: dictionary look-ups on n-grams, no regex alternation.

A phrase token ending in ``*`` is a prefix ("atelecta*" matches "atelectasis" and "atelectatic").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Generic, TypeVar

T = TypeVar("T")

TOKEN_RE = re.compile(r"\d+(?:\.\d+)+|[a-z0-9]+(?:'[a-z0-9]+)*|[;:,()/]")


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
        # the longest phrase starting with each first word bounds the n-grams tried at a position
        self.first: dict[str, int] = {}
        for k in self.table:
            if len(k) > self.first.get(k[0], 0):
                self.first[k[0]] = len(k)
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
        # multi[i]: how many of the first i tokens also match a prefix phrase word ("atelecta*")
        multi = [0] * (n + 1)
        for i, f in enumerate(forms):
            multi[i + 1] = multi[i] + (len(f) > 1)
        table = self.table
        first = self.first
        out: list[tuple[int, int, T]] = []
        i = 0
        while i < n:
            fi = forms[i]
            longest = max((first.get(f, 0) for f in fi), default=0) if len(fi) > 1 else first.get(fi[0], 0)
            hit: tuple[int, int, T] | None = None
            for length in range(min(longest, n - i), 0, -1):
                if multi[i + length] == multi[i]:
                    p = table.get(tuple(toks[i : i + length]))
                    if p is not None:
                        hit = (i, i + length, p)
                        break
                else:
                    for key in _product(forms[i : i + length]):
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
