"""De-identification: fake identifiers of every kind leave, clinical text stays, the answer comes back whole."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from radpilot.models.deid import Deidentifier, StreamReidentifier, shift_dates

REPORT = """\
Patient: DOE, JOHN    MRN: 00123456    Accession #: RAD-2024-778899
DOB: 03/14/1951   Exam date: 2024-03-05   Referring physician: Jane Smith, MD
Address: 42 Elm Street, Springfield, IL 62704. Phone (217) 555-0134, pager 4321.
Email: jdoe@example.org. SSN 123-45-6789. Visit #: V99887766. 94-year-old man.
INDICATION: Cough. COMPARISON: March 1, 2024 and 02-Jan-2023 and 20231115.
FINDINGS: 5 mm nodule in the RUL (series 3, image 42). Heart size 12.5 cm. T12 compression. C5-6 fusion.
Small left pleural effusion, 1.5 x 2.0 cm. Follow-up CT in 3 months per Fleischner 2017.
IMPRESSION: Discussed with Dr. Robert Lee at 14:32 on 3/5/24 by telephone; Mr. Doe was informed.
Smith agreed with the plan.
Electronically signed by: Alice B. Carter, MD on Mar 6, 2024.
"""

IDENTIFIERS = [
    "DOE", "JOHN", "00123456", "RAD-2024-778899", "03/14/1951", "2024-03-05", "Jane Smith", "42 Elm Street",
    "Springfield", "62704", "555-0134", "4321", "jdoe@example.org", "123-45-6789", "V99887766", "94-year-old",
    "March 1, 2024", "02-Jan-2023", "20231115", "Robert Lee", "3/5/24", "Mr. Doe", "Smith agreed",
    "Alice B. Carter", "Mar 6, 2024",
]  # fmt: skip

CLINICAL = [
    "5 mm nodule in the RUL (series 3, image 42)", "Heart size 12.5 cm", "T12 compression", "C5-6 fusion",
    "Small left pleural effusion, 1.5 x 2.0 cm", "Follow-up CT in 3 months per Fleischner 2017",
    "at 14:32", "INDICATION: Cough",
]  # fmt: skip


@pytest.fixture
def deid() -> Deidentifier:
    return Deidentifier(shift_days=-10, known_names=["DOE^JOHN"])


@pytest.mark.parametrize("identifier", IDENTIFIERS)
def test_identifier_is_removed(deid: Deidentifier, identifier: str) -> None:
    assert identifier not in deid.deidentify(REPORT)


@pytest.mark.parametrize("clinical", CLINICAL)
def test_clinical_text_is_kept(deid: Deidentifier, clinical: str) -> None:
    assert clinical in deid.deidentify(REPORT)


def test_round_trip_restores_the_report_exactly(deid: Deidentifier) -> None:
    out = deid.deidentify(REPORT)
    assert deid.reidentify(out) == REPORT


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("MRN: 12345678", "MRN"),
        ("Medical record number 7788990", "MRN"),
        ("Patient ID: AB123456", "MRN"),
        ("Accession: 20240305-0042", "ACCESSION"),
        ("ACC# CT12345", "ACCESSION"),
        ("call 555-867-5309", "PHONE"),
        ("call +1 (555) 867-5309 ext. 22", "PHONE"),
        ("pager 43210", "PHONE"),
        ("write to a.b@hospital.example.com", "EMAIL"),
        ("lives at 1600 Pennsylvania Avenue, Washington, DC 20500", "ADDRESS"),
        ("Dr. Gregory House reviewed", "NAME"),
        ("Mrs. O'Neil", "NAME"),
        ("Dictated by: Meredith Grey", "NAME"),
        ("Radiologist: SHEPHERD^DEREK", "NAME"),
        ("Findings communicated to Lisa Cuddy by phone", "NAME"),
        ("Preliminary read by James Wilson, MD", "NAME"),
        ("a 101-year-old woman", "AGE"),
        ("SSN 078-05-1120", "ID"),
        ("Encounter #: E-5566778", "ID"),
    ],
)
def test_each_kind_of_identifier_becomes_its_placeholder(text: str, kind: str) -> None:
    d = Deidentifier(shift_days=-3)
    out = d.deidentify(text)
    assert f"[{kind}_1]" in out, out
    assert d.reidentify(out) == text


@pytest.mark.parametrize(
    ("text", "shifted"),
    [
        ("on 2024-03-05.", "on 2024-02-24."),
        ("on 03/05/2024 and", "on 02/24/2024 and"),
        ("on 3/5/24", "on 2/24/24"),
        ("on March 5, 2024", "on February 24, 2024"),
        ("on Mar 5 2024", "on Feb 24 2024"),
        ("on 5 March 2024", "on 24 February 2024"),
        ("on 05-Mar-2024", "on 24-Feb-2024"),
        ("StudyDate 20240305", "StudyDate 20240224"),
        ("in March 2024", "in March 2024"),  # mid-month reference: 15 Mar - 10 days stays in March
        ("on 2024-01-05", "on 2023-12-26"),
    ],
)
def test_dates_are_shifted_in_their_own_format(text: str, shifted: str) -> None:
    assert shift_dates(text, -10) == shifted


def test_dates_keep_their_intervals_and_one_study_shares_one_shift() -> None:
    d = Deidentifier()
    assert -365 <= d.shift_days <= -1
    a = d.deidentify("Exam 2024-03-05.")
    b = d.deidentify("Prior 2024-02-05.")
    day_a = date.fromisoformat(re.search(r"\d{4}-\d{2}-\d{2}", a).group(0))  # type: ignore[union-attr]
    day_b = date.fromisoformat(re.search(r"\d{4}-\d{2}-\d{2}", b).group(0))  # type: ignore[union-attr]
    assert day_a == date(2024, 3, 5) + timedelta(days=d.shift_days)
    assert (day_a - day_b).days == 29


def test_same_identifier_gets_the_same_placeholder_across_calls() -> None:
    d = Deidentifier(shift_days=-1)
    first = d.deidentify("Discussed with Dr. Robert Lee.")
    second = d.deidentify("Dr. Robert Lee agreed; MRN: 555001.")
    assert "[NAME_1]" in first and "[NAME_1]" in second and "[MRN_1]" in second


def test_known_names_are_caught_without_any_cue() -> None:
    d = Deidentifier(shift_days=-1, known_names=["HOUSE^GREGORY^M"])
    out = d.deidentify("Gregory House presented with cough. house reports fever.")
    assert "Gregory" not in out and "House" not in out and "house" not in out


def test_model_answers_with_reformatted_or_unknown_placeholders() -> None:
    d = Deidentifier(shift_days=-1)
    d.deidentify("Discussed with Dr. Robert Lee.")
    assert d.reidentify("Dr. [ name_1 ] and [NAME_9].") == "Dr. Robert Lee and [NAME_9]."
    assert d.reidentify_json({"who": ["[NAME_1]"], "n": 3}) == {"who": ["Robert Lee"], "n": 3}


def test_a_zero_shift_is_refused() -> None:
    with pytest.raises(ValueError, match="shift_days"):
        Deidentifier(shift_days=0)


def test_stream_reidentifier_restores_placeholders_split_across_chunks() -> None:
    d = Deidentifier(shift_days=-1)
    d.deidentify("Dr. Robert Lee, MRN: 7654321")
    got: list[str] = []
    stream = StreamReidentifier(d, got.append)
    for chunk in ["Called Dr. [NA", "ME_1] about ", "[MR", "N_1]\nDone on 2024-0", "1-01."]:
        stream(chunk)
    stream.flush()
    assert "".join(got) == "Called Dr. Robert Lee about 7654321\nDone on 2024-01-02."
