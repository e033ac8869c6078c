"""Optional model rewrite of the deterministic letter, behind the verifier (fail closed).

The model is anything with ``generate(prompt: str) -> str``: a backend from ``radpilot.models`` or a test fake.
It gets the report and the verified deterministic letter, and must return the three sections under their
headings. Its text is read back by the structuring engine; any dropped, added or flipped finding, side, size,
next step, or a grade over the target rejects it, and the caller keeps the deterministic letter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from radpilot.patient.glossary import letter_text
from radpilot.patient.readability import split_sentences
from radpilot.patient.rewriter import Letter, Recommendation
from radpilot.patient.verifier import Verification, verify
from radpilot.report import StructuredReport
from radpilot.structure import StructuringEngine

PROMPT = """You rewrite a radiology report as a short letter for the patient.
Rules:
- Keep every finding from the draft letter, with the same certainty ("we see", "there may be", "there is no
  sign of"), the same side (left, right, both sides) and every size exactly as written (number and unit).
- Do not add any finding, test, treatment or advice that the draft letter does not have.
- Use short sentences and everyday words, at a grade {grade:g} reading level. Be calm and kind.
- Write exactly three sections with these headings on their own lines:
{h1}
{h2}
{h3}

Report:
<<<
{report}
>>>

Draft letter (every fact in it is right; make it easier to read, do not change the facts):
<<<
{draft}
>>>
"""


MAX_TOKENS = 700


class BackendUnavailable(RuntimeError):
    """A model backend could not be loaded; the message says which and why."""


@dataclass(slots=True)
class RewriteOutcome:
    letter: Letter | None
    verification: Verification | None
    reasons: list[str] = field(default_factory=list)


def _prescribed(draft: Letter) -> list[str]:
    """The draft's notes whose words are prescribed (a mammogram's density statement, 21 CFR 900.12(c)(2)): the
    model never rewrites them; they are put back word for word after its answer."""
    tx = letter_text(draft.lang)
    notes = {n for n in (tx.density_dense, tx.density_not_dense) if n}
    return [m for m in draft.means if m in notes]


def build_prompt(sr: StructuredReport, draft: Letter, grade: float) -> str:
    h1, h2, h3, _ = draft.headings
    fixed = _prescribed(draft)
    means = [m for m in draft.means if m not in fixed]
    body = "\n".join([h1, *draft.found, "", h2, *means, "", h3, *draft.next])
    return PROMPT.format(grade=grade, h1=h1, h2=h2, h3=h3, report=sr.report.text.strip(), draft=body)


def _heading_re(heading: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in heading.split())
    return re.compile(rf"^[ \t#*_>-]*{words}[ \t*_:]*$", re.IGNORECASE | re.MULTILINE)


def parse_sections(
    output: str, headings: tuple[str, str, str, str]
) -> tuple[list[str], list[str], list[str]]:
    """Split a model's output into the three sections; raises ValueError naming the missing heading."""
    marks: list[tuple[int, int, int]] = []
    for k, h in enumerate(headings[:3]):
        m = _heading_re(h).search(output)
        if m is None:
            raise ValueError(f"the model output has no '{h}' heading")
        marks.append((m.start(), m.end(), k))
    marks.sort()
    if [k for *_, k in marks] != [0, 1, 2]:
        raise ValueError("the model output has its sections out of order")
    parts: list[list[str]] = []
    for i, (_, end, _) in enumerate(marks):
        stop = marks[i + 1][0] if i + 1 < len(marks) else len(output)
        body = re.sub(r"^[ \t]*(?:[-*\u2022]|\d+[.)])[ \t]+", "", output[end:stop], flags=re.MULTILINE)
        sents = [s if s[-1:] in ".!?" else s + "." for s in split_sentences(body)]
        parts.append(sents)
    if not parts[0]:
        raise ValueError(f"the model output's '{headings[0]}' section is empty")
    return parts[0], parts[1], parts[2]


def model_rewrite(
    sr: StructuredReport,
    draft: Letter,
    generate: Callable[[str], str],
    *,
    recommendations: Sequence[Recommendation] = (),
    grade: float = 6.5,
    engine: StructuringEngine | None = None,
) -> RewriteOutcome:
    """Ask the model for a rewrite and verify it; never raises for a bad model or a bad answer."""
    try:
        output = generate(build_prompt(sr, draft, grade))
    except Exception as exc:  # a backend failure of any kind falls back to the deterministic letter
        return RewriteOutcome(None, None, [f"the model failed: {type(exc).__name__}: {exc}"])
    if not isinstance(output, str) or not output.strip():
        return RewriteOutcome(None, None, ["the model returned no text"])
    try:
        found, means, nxt = parse_sections(output, draft.headings)
    except ValueError as exc:
        return RewriteOutcome(None, None, [str(exc)])
    fixed = _prescribed(draft)
    if fixed:  # the prescribed words, as they are, whatever the model made of them
        means = [m for m in means if not any(m.strip() in f for f in fixed)] + fixed
    letter = Letter(
        lang=draft.lang,
        title=draft.title,
        headings=draft.headings,
        found=found,
        means=means,
        next=nxt or list(draft.next),
        closing=draft.closing,
        words=list(draft.words),
        told=list(draft.told),
    )
    check = verify(sr, letter.prose(), recommendations=recommendations, grade=grade, lang="en", engine=engine)
    return RewriteOutcome(letter, check, list(check.issues))


def backend_generate(name: str) -> Callable[[str], str]:
    """``generate(prompt)`` for a backend of ``radpilot.models``; BackendUnavailable says what is missing."""
    try:
        from radpilot import models
    except ImportError as exc:
        raise BackendUnavailable(f"model backends are not available ({exc})") from exc
    get_backend = getattr(models, "get_backend", None)
    if get_backend is None:
        raise BackendUnavailable("radpilot.models has no get_backend(); model backends are not available")
    try:
        backend = get_backend(name)
    except Exception as exc:  # unknown name, missing weights, missing package: all mean "not available"
        raise BackendUnavailable(f"backend '{name}' is not available: {exc}") from exc
    gen = getattr(backend, "generate", None)
    if not callable(gen):
        raise BackendUnavailable(f"backend '{name}' cannot generate text")
    request_cls = getattr(models, "GenerationRequest", None)

    def generate(prompt: str) -> str:
        # radpilot.models backends take a GenerationRequest; anything else takes the prompt itself
        request: object = (
            request_cls.prompt(prompt, max_tokens=MAX_TOKENS) if request_cls is not None else prompt
        )
        out = gen(request)
        text = getattr(out, "text", out)
        if not isinstance(text, str):
            raise TypeError(f"backend '{name}' returned {type(out).__name__}, not text")
        return text

    return generate
