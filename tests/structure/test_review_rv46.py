"""Review rv46 (held-out MRI across the body, paediatric imaging, chest CT around lung cancer, and national house
styles outside the US, written before any output was seen), and the last note's leftovers: what they found."""

from __future__ import annotations

import pytest

from tests.structure.conftest import report_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the devices' heading is no device of its own when a device of any kind is said under it
        ("PELVIS XR\nDevices: IUD in situ.", {"intrauterine_device": "present"}),
        ("Devices: Bilateral breast implants.", {"breast_implant": "present"}),
        ("Devices: None.", {"support_device": "absent"}),
        ("Support devices: Left chest tube.", {"chest_tube": "present"}),
    ],
)
def test_review_rv46(text: str, expected: dict[str, str]) -> None:
    assert report_codes(text) == expected
