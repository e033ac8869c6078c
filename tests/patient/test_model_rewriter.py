"""The model rewriter fails closed: only a rewrite that passes verification replaces the deterministic letter."""

from __future__ import annotations

import pytest

from radpilot.patient import simplify
from radpilot.patient.model_rewriter import BackendUnavailable, backend_generate, parse_sections

REPORT = "FINDINGS: Small left pleural effusion. 7 mm nodule in the right upper lobe.\nIMPRESSION: No pneumothorax."

GOOD = """What we found
- We see a little fluid around the lung on the left side.
- We see a spot on the lung on the right side. It measures 7 mm.
- There is no sign of an air leak around the lung.

What it means
- Fluid can build up between the lung and the chest wall.

What happens next
- Your report does not list any next steps.
"""


def fake(answer: str) -> tuple[list[str], object]:
    prompts: list[str] = []

    def generate(prompt: str) -> str:
        prompts.append(prompt)
        return answer

    return prompts, generate


def test_good_rewrite_is_used() -> None:
    prompts, gen = fake(GOOD)
    pv = simplify(REPORT, generate=gen)  # type: ignore[arg-type]
    assert pv.engine == "model" and pv.verified and not pv.issues
    assert pv.letter.found[0] == "We see a little fluid around the lung on the left side."
    assert "Draft letter" in prompts[0] and "7 mm" in prompts[0]


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (GOOD.replace("on the left side", "on the right side"), "changed side"),
        (
            GOOD.replace("- We see a spot on the lung on the right side. It measures 7 mm.\n", ""),
            "dropped finding",
        ),
        (GOOD.replace("It measures 7 mm.", "It is small."), "missing measurement"),
        (GOOD.replace("There is no sign of an air leak", "We see an air leak"), "new finding"),
        (GOOD + "\nYou should get antibiotics and a CT scan.\n", "new next step"),
        ("Everything looks fine, do not worry.", "no 'What we found' heading"),
        ("", "no text"),
    ],
)
def test_bad_rewrite_falls_back_to_deterministic_with_reasons(answer: str, reason: str) -> None:
    _, gen = fake(answer)
    pv = simplify(REPORT, generate=gen)  # type: ignore[arg-type]
    assert pv.engine == "rules"
    assert pv.verified  # the letter returned is the deterministic one, which passed
    assert any(i.startswith("model rewrite rejected") and reason in i for i in pv.issues), pv.issues
    assert pv.letter.found == simplify(REPORT).letter.found


def test_model_that_raises_falls_back() -> None:
    def broken(prompt: str) -> str:
        raise TimeoutError("server did not answer")

    pv = simplify(REPORT, generate=broken)
    assert pv.engine == "rules"
    assert any("the model failed: TimeoutError" in i for i in pv.issues)


def test_model_is_not_used_for_a_language_that_cannot_be_read_back() -> None:
    _, gen = fake(GOOD)
    pv = simplify(REPORT, lang="es", generate=gen)  # type: ignore[arg-type]
    assert pv.engine == "rules"
    assert any("only English" in i for i in pv.issues)


def test_sections_are_parsed_with_markdown_headings() -> None:
    out = "## What we found\n* One.\n**What it means:**\nTwo\n### What happens next\n1. Three."
    found, means, nxt = parse_sections(out, ("What we found", "What it means", "What happens next", "Words"))
    assert (found, means, nxt) == (["One."], ["Two."], ["Three."])


def test_unknown_backend_is_reported_clearly() -> None:
    with pytest.raises(BackendUnavailable, match="no-such-backend"):
        backend_generate("no-such-backend")


MAMMO = (
    "EXAM: SCREENING MAMMOGRAM\nBREAST COMPOSITION: The breasts are heterogeneously dense, which may obscure small "
    "masses.\nFINDINGS: No suspicious findings.\nIMPRESSION: Negative. BI-RADS 1."
)


def test_the_prescribed_density_statement_is_never_rewritten_by_the_model() -> None:
    from radpilot.patient.glossary import letter_text

    dense = letter_text("en").density_dense
    answer = (
        "What we found\n- We did not find a problem on your images.\n\nWhat it means\n- Your breasts are a bit "
        "dense, no big deal.\n\nWhat happens next\n- Your report does not list any next steps.\n"
    )
    prompts, gen = fake(answer)
    pv = simplify(MAMMO, generate=gen)  # type: ignore[arg-type]
    assert dense not in prompts[0]  # the model is not asked to rewrite it
    assert pv.engine == "model" and pv.verified
    assert pv.letter.means[-1] == dense
