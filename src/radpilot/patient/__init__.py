"""The patient version of a report: a verified lay letter at a grade 6-7 reading level (English, Spanish).

    from radpilot.patient import simplify, render_text
    pv = simplify(report_text)                 # deterministic letter, verified by read-back
    print(render_text(pv), pv.verified, pv.readability.grade)

A model rewrite is optional: pass ``generate=`` any ``callable(prompt: str) -> str``; it is used only when it
passes the same verification (see ``patient/verifier.py``), else the deterministic letter is returned with the
reasons. Wording lives in data files under ``patient/data/`` (one set per language).
"""

from radpilot.patient.glossary import Glossary, glossary, languages, letter_text, plain_words
from radpilot.patient.readability import Readability, measure
from radpilot.patient.render import render_html, render_json, render_pdf, render_text
from radpilot.patient.rewriter import Letter, Plan, Told, make_plan, rewriter
from radpilot.patient.simplify import DEFAULT_GRADE, PatientVersion, ReportNotUnderstood, as_record, simplify
from radpilot.patient.verifier import Verification, verify

__all__ = [
    "DEFAULT_GRADE",
    "Glossary",
    "Letter",
    "PatientVersion",
    "Plan",
    "Readability",
    "ReportNotUnderstood",
    "Told",
    "Verification",
    "as_record",
    "glossary",
    "languages",
    "letter_text",
    "make_plan",
    "measure",
    "plain_words",
    "render_html",
    "render_json",
    "render_pdf",
    "render_text",
    "rewriter",
    "simplify",
    "verify",
]
