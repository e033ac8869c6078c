"""Review rv25a (attributes in long sentences of several findings, 152 inputs written before any run): the sizes, sides,
places and changes it found given to the wrong finding. Lung-RADS and Fleischner follow each nodule by its own size,
side and change."""

from __future__ import annotations

import pytest

from radpilot import structure

Row = tuple[str, str | None, str | None, float | None, str | None]


def _read(text: str) -> list[Row]:
    return [
        (
            f.code,
            f.laterality.value if f.laterality else None,
            f.location,
            f.size_mm,
            f.change.value if f.change else None,
        )
        for f in structure(text).findings
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place said after a semicolon is not the finding's before it
        (
            "In the left lower lobe there is a 12 mm part-solid nodule; in the right upper lobe, a 5 mm pure "
            "ground-glass nodule.",
            [
                ("part_solid_nodule", "left", "lower lobe", 12.0, None),
                ("ground_glass_nodule", "right", "upper lobe", 5.0, None),
            ],
        ),
        # (... while an organ said before one still places what follows it)
        (
            "The thyroid is enlarged; there is a 2 cm nodule in the right lobe.",
            [("goiter", None, "thyroid", None, None), ("thyroid_nodule", "right", "thyroid", 20.0, None)],
        ),
        # a size and change in a relative clause are its subject's, its place between them
        (
            "A solid nodule in the right lower lobe, which has grown from 6 mm to 10 mm.",
            [("solid_nodule", "right", "lower lobe", 10.0, "worsened")],
        ),
        (
            "There is a solid nodule in the right lower lobe, which has grown from 6 mm to 10 mm, and a stable "
            "ground-glass nodule in the left upper lobe.",
            [
                ("solid_nodule", "right", "lower lobe", 10.0, "worsened"),
                ("ground_glass_nodule", "left", "upper lobe", None, "stable"),
            ],
        ),
        (
            "A left lower lobe nodule, which has grown from 5 mm to 8 mm.",
            [("nodule", "left", "lower lobe", 8.0, "worsened")],
        ),
    ],
)
def test_each_nodule_its_own(text: str, expected: list[Row]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a further node of its own, opened by its article, is one more (at its size)
        (
            "Enlarged subcarinal lymph node measuring 1.6 cm, and a new 1.3 cm right paratracheal node.",
            [("lymphadenopathy", None, None, 16.0, None), ("lymphadenopathy", "right", None, 13.0, "new")],
        ),
        (
            "Enlarged subcarinal lymph node measuring 1.6 cm, and a 6 mm right paratracheal node.",
            [("lymphadenopathy", None, None, 16.0, None)],
        ),
        # (the largest of those named is one of them)
        (
            "Mediastinal lymphadenopathy, the largest node measuring 15 mm.",
            [("lymphadenopathy", None, None, 15.0, None)],
        ),
    ],
)
def test_each_node_its_own(text: str, expected: list[Row]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "assertions"),
    [
        # a sign hedged as its finding leaves the finding uncertain, its place between them
        (
            "Transition point in the right lower quadrant, concerning for small bowel obstruction.",
            ["uncertain", "uncertain"],
        ),
        (
            "Dilated small bowel loops up to 3.4 cm with a transition point in the right lower quadrant, concerning "
            "for small bowel obstruction.",
            ["uncertain", "uncertain"],
        ),
        (
            "Transition point in the right lower quadrant consistent with small bowel obstruction.",
            ["present", "present"],
        ),
    ],
)
def test_a_sign_hedged_with_its_place_between(text: str, assertions: list[str]) -> None:
    assert [
        f.assertion.value for f in structure(text).findings if f.code == "bowel_obstruction"
    ] == assertions


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # the side compared after a comma is the finding's before it, not the next one's
        (
            "Bibasilar opacities, right greater than left, may reflect atelectasis or aspiration.",
            {"lung_opacity": "bilateral", "atelectasis": "bilateral", "infection": "bilateral"},
        ),
        (
            "Small bilateral pneumothoraces, left greater than right, with extensive subcutaneous emphysema.",
            {"pneumothorax": "bilateral", "subcutaneous_emphysema": None},
        ),
        (
            "Opacities, right greater than left, with atelectasis.",
            {"lung_opacity": "bilateral", "atelectasis": None},
        ),
        # (before the finding it still makes it bilateral)
        ("Right greater than left pleural effusions.", {"pleural_effusion": "bilateral"}),
        ("Patchy opacities in the right greater than left lung bases.", {"lung_opacity": "bilateral"}),
    ],
)
def test_the_side_compared(text: str, sides: dict[str, str | None]) -> None:
    assert {f.code: f.laterality.value if f.laterality else None for f in structure(text).findings} == sides


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a finding on both sides given a size on each is one finding a side
        (
            "Right and left lower lobe nodules measure 5 mm and 9 mm, respectively.",
            [("nodule", "right", "lower lobe", 5.0, None), ("nodule", "left", "lower lobe", 9.0, None)],
        ),
        (
            "Bilateral lower lobe nodules, measuring 6 mm on the right and 4 mm on the left.",
            [("nodule", "right", "lower lobe", 6.0, None), ("nodule", "left", "lower lobe", 4.0, None)],
        ),
        (
            "Nodules in the right upper lobe and left lower lobe measure 4 mm and 7 mm respectively.",
            [("nodule", "right", "upper lobe", 4.0, None), ("nodule", "left", "lower lobe", 7.0, None)],
        ),
        # (sizes with no side each stay one finding's)
        (
            "Bilateral lower lobe nodules measuring 4 mm and 6 mm.",
            [("nodule", "bilateral", "lower lobe", 6.0, None)],
        ),
        (
            "Bilateral pleural effusions, 2 cm on the right.",
            [("pleural_effusion", "bilateral", None, 20.0, None)],
        ),
    ],
)
def test_a_size_on_each_side(text: str, expected: list[Row]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a finding said of a place on each side is one finding a side, at its place
        (
            "Nondisplaced fracture of the left fifth rib and right seventh rib.",
            [("fracture", "left", "rib", None, None), ("fracture", "right", "rib", None, None)],
        ),
        (
            "Acute fractures of the left distal radius and right scaphoid.",
            [("fracture", "left", "forearm", None, None), ("fracture", "right", "wrist", None, None)],
        ),
        (
            "Fractures of the right second through fourth ribs and the left clavicle.",
            [("fracture", "right", "rib", None, None), ("fracture", "left", "clavicle", None, None)],
        ),
        # ... also after "in" ("nodules in the right upper lobe and left lower lobe")
        (
            "Nodules in the right upper lobe and left lower lobe.",
            [("nodule", "right", "upper lobe", None, None), ("nodule", "left", "lower lobe", None, None)],
        ),
        (
            "Patchy airspace disease in the left lower lobe and right perihilar region, increased from prior.",
            [
                ("airspace_disease", "left", "lower lobe", None, "worsened"),
                ("airspace_disease", "right", "perihilar", None, "worsened"),
            ],
        ),
        # (a size said of one of them keeps them one finding)
        (
            "Scattered nodules in the right upper lobe and left lower lobe, the largest 5 mm.",
            [("nodule", "bilateral", None, 5.0, None)],
        ),
        # (a side and place of another finding stay its own)
        (
            "Fracture of the left fifth rib and right lower lobe consolidation.",
            [("fracture", "left", "rib", None, None), ("consolidation", "right", "lower lobe", None, None)],
        ),
    ],
)
def test_a_place_on_each_side(text: str, expected: list[Row]) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place said after a part's direction ("along the medial left tibia") is the finding's before it
        (
            "Periosteal reaction along the medial left tibia with adjacent soft tissue swelling.",
            [
                ("periosteal_reaction", "left", "tibia", None, None),
                ("soft_tissue_swelling", None, None, None, None),
            ],
        ),
        (
            "A bullet is noted in the soft tissues of the inferior right chest wall.",
            [("foreign_body", "right", None, None, None)],
        ),
        # a bone's own finding keeps the bone it is said over
        (
            "Ill-defined density overlying the anterior left 5th rib, possibly healing deformity.",
            [("bone_deformity", "left", "rib", None, None)],
        ),
    ],
)
def test_the_place_of_a_bone(text: str, expected: list[Row]) -> None:
    assert [r for r in _read(text)] == expected
