"""Inputs and results shared by the guideline engines.

Inputs are pydantic models (unknown keys refused, every field checked) so that a UI form or an API client can
call a guideline without any report text; a bad value raises ``GuidelineInputError`` naming the field.
Results are plain dataclasses with ``to_dict`` in the shape of the ``radpilot assess`` contract.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator


class GuidelineInputError(ValueError):
    """Bad structured input or context; the message names the field (``context.age: ...``)."""


class ContextError(GuidelineInputError):
    """Bad patient/exam context."""


class ProfileError(GuidelineInputError):
    """Unknown or unusable disease profile."""


M = TypeVar("M", bound=BaseModel)


def validate_input(model: type[M], data: Any, where: str) -> M:
    """Validate ``data`` as ``model``; errors name ``where.field`` and say what was given."""
    if isinstance(data, model):
        return data
    if not isinstance(data, dict):
        raise GuidelineInputError(f"{where}: expected a JSON object, got {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        parts = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"])
            name = f"{where}.{loc}" if loc else where
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                allowed = ", ".join(sorted(model.model_fields))
                msg = f"unknown field (allowed: {allowed})"
            elif "input" in err and err["type"] not in ("missing",):
                msg = f"{msg} (got {err['input']!r})"
            parts.append(f"{name}: {msg}")
        raise (ContextError if where == "context" else GuidelineInputError)("; ".join(parts)) from exc


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    _label: ClassVar[str] = "input"

    @classmethod
    def parse(cls, data: Any) -> Self:
        """Validate a JSON-like mapping; errors are ``GuidelineInputError`` naming ``<label>.<field>``."""
        return validate_input(cls, data, cls._label)


# -- patient and exam context --------------------------------------------------------------------------------


class PatientContext(_Input):
    """What the guidelines need to know that the report text may not say."""

    exam: str | None = None
    age: int | None = Field(default=None, ge=0, le=120, description="years")
    sex: Literal["F", "M", "O", "U"] | None = None
    indication: str | None = None
    risk: Literal["low", "high"] | None = Field(default=None, description="Fleischner lung cancer risk")
    prior_date: dt.date | None = None
    exam_date: dt.date | None = None
    screening: bool | None = None
    known_cancer: bool | None = None
    immunosuppressed: bool | None = None
    hcc_risk: bool | None = Field(
        default=None, description="cirrhosis, chronic hepatitis B or current/prior HCC"
    )
    profile: str | None = None

    @field_validator("age", mode="before")
    @classmethod
    def _age_is_whole_years(cls, v: Any) -> Any:
        if isinstance(v, bool) or (isinstance(v, str) and not v.strip().isdigit()):
            raise ValueError("age must be a whole number of years between 0 and 120")
        if isinstance(v, float):
            if not v.is_integer():
                raise ValueError("age must be a whole number of years between 0 and 120")
            return int(v)
        return v

    @field_validator("sex", mode="before")
    @classmethod
    def _sex_letter(cls, v: Any) -> Any:
        if isinstance(v, str):
            key = v.strip().lower()
            table = {
                "f": "F",
                "female": "F",
                "m": "M",
                "male": "M",
                "o": "O",
                "other": "O",
                "u": "U",
                "unknown": "U",
            }
            if key in table:
                return table[key]
            raise ValueError("sex must be one of F, M, O, U (or female, male, other, unknown)")
        return v

    @field_validator("risk", mode="before")
    @classmethod
    def _risk_lower(cls, v: Any) -> Any:
        if isinstance(v, str) and v.strip().lower() in ("low", "high"):
            return v.strip().lower()
        if v is not None:
            raise ValueError("risk must be 'low' or 'high'")
        return v

    @model_validator(mode="after")
    def _dates_in_order(self) -> PatientContext:
        if self.prior_date and self.exam_date and self.prior_date > self.exam_date:
            raise ValueError(
                f"prior_date {self.prior_date} is after exam_date {self.exam_date}; the prior must come first"
            )
        return self

    @classmethod
    def parse(cls, data: Any) -> Self:
        if data is None:
            return cls()
        return validate_input(cls, data, "context")

    def interval_months(self) -> float | None:
        """Months between the prior and this exam, when both dates are known."""
        if self.prior_date and self.exam_date:
            return round((self.exam_date - self.prior_date).days / 30.4375, 1)
        return None


# -- lesion features -----------------------------------------------------------------------------------------

NoduleType = Literal["solid", "part-solid", "ground-glass"]
Calcification = Literal["benign", "indeterminate"]
Morphology = Literal["smooth", "lentiform", "oval", "triangular", "spiculated", "lobulated", "irregular"]
NoduleStatus = Literal["baseline", "new", "growing", "stable", "decreased"]


def _positive(name: str, v: float | None) -> None:
    if v is not None and v <= 0:
        raise ValueError(f"{name} must be greater than 0 mm")


class LungNodule(_Input):
    """One pulmonary nodule (or the most suspicious of a group), as Lung-RADS and Fleischner read it.

    Size is the mean of the long and short axes; give ``long_axis_mm`` (and ``short_axis_mm``) or
    ``mean_diameter_mm``. ``status`` says how it compares with a prior exam: ``baseline`` (no prior),
    ``new``, ``growing``, ``stable`` or ``decreased``; ``prior_mean_mm`` with ``interval_months`` lets the
    engine decide growth itself.
    """

    _label: ClassVar[str] = "nodule"

    type: NoduleType = "solid"
    long_axis_mm: float | None = None
    short_axis_mm: float | None = None
    mean_diameter_mm: float | None = None
    solid_component_mm: float | None = None
    calcification: Calcification | None = None
    fat_containing: bool = False
    juxtapleural: bool = False
    perifissural: bool = False
    morphology: tuple[Morphology, ...] = ()
    count: int = Field(
        default=1, ge=1, description="1 = single; more = multiple nodules (the most suspicious)"
    )
    location: str | None = None
    status: NoduleStatus = "baseline"
    prior_mean_mm: float | None = None
    prior_solid_component_mm: float | None = None
    interval_months: float | None = Field(default=None, ge=0)
    stable_months: float | None = Field(default=None, ge=0)
    slow_growth: bool = Field(
        default=False, description="growing slowly over multiple screening exams (Lung-RADS v2022 4B)"
    )
    airway: Literal["segmental", "subsegmental"] | None = None
    cyst: Literal["thick-walled", "multilocular", "growing-cystic-component", "growing-wall"] | None = None
    infectious: bool = False
    size_below_mm: float | None = Field(
        default=None,
        description="the size was stated as a bound from above ('<6 mm', 'sub-6 mm'): the nodule is smaller than it",
    )
    note: str | None = Field(default=None, description="how a value was read, shown in the rationale")
    text: str | None = None
    span: tuple[int, int] | None = None

    @model_validator(mode="after")
    def _sizes_agree(self) -> LungNodule:
        for name in (
            "long_axis_mm",
            "short_axis_mm",
            "mean_diameter_mm",
            "solid_component_mm",
            "prior_mean_mm",
        ):
            _positive(name, getattr(self, name))
        sizeless_ok = self.airway is not None or self.cyst is not None or self.benign_features
        if self.long_axis_mm is None and self.mean_diameter_mm is None and not sizeless_ok:
            raise ValueError("give long_axis_mm (and short_axis_mm) or mean_diameter_mm")
        if self.short_axis_mm is not None and self.long_axis_mm is None:
            raise ValueError("short_axis_mm needs long_axis_mm")
        if (
            self.short_axis_mm is not None
            and self.long_axis_mm is not None
            and self.short_axis_mm > self.long_axis_mm
        ):
            raise ValueError(
                f"contradictory sizes: short_axis_mm {self.short_axis_mm:g} is larger than "
                f"long_axis_mm {self.long_axis_mm:g}"
            )
        if self.mean_diameter_mm is not None and self.long_axis_mm is not None:
            derived = _mean(self.long_axis_mm, self.short_axis_mm)
            if abs(derived - self.mean_diameter_mm) > 0.05:
                raise ValueError(
                    f"contradictory sizes: mean_diameter_mm {self.mean_diameter_mm:g} does not match the axes "
                    f"({derived:g} mm); give one or the other"
                )
        if self.solid_component_mm is not None:
            if self.type != "part-solid":
                raise ValueError("solid_component_mm applies only to type 'part-solid'")
            total = self.mean_mm
            if total is not None and self.solid_component_mm > total:
                raise ValueError(
                    f"contradictory sizes: solid_component_mm {self.solid_component_mm:g} is larger than the "
                    f"nodule's mean diameter {total:g}"
                )
        return self

    @property
    def mean_mm(self) -> float | None:
        if self.mean_diameter_mm is not None:
            return round(self.mean_diameter_mm, 1)
        if self.long_axis_mm is not None:
            return _mean(self.long_axis_mm, self.short_axis_mm)
        return None

    @property
    def multiple(self) -> bool:
        return self.count > 1

    @property
    def benign_features(self) -> bool:
        return self.calcification == "benign" or self.fat_containing


def _mean(long_mm: float, short_mm: float | None) -> float:
    return round((long_mm + (short_mm if short_mm is not None else long_mm)) / 2, 1)


Composition = Literal["cystic", "spongiform", "mixed", "solid", "indeterminate"]
Echogenicity = Literal[
    "anechoic", "hyperechoic", "isoechoic", "hypoechoic", "very-hypoechoic", "indeterminate"
]
EchogenicFocus = Literal["none", "comet-tail", "macrocalcification", "peripheral", "punctate"]


class ThyroidNodule(_Input):
    """ACR TI-RADS features of one thyroid nodule; ``max_diameter_mm`` is its largest dimension."""

    _label: ClassVar[str] = "thyroid_nodule"

    composition: Composition | None = None
    echogenicity: Echogenicity | None = None
    shape: Literal["wider-than-tall", "taller-than-wide"] | None = None
    margin: Literal["smooth", "ill-defined", "lobulated", "irregular", "extrathyroidal-extension"] | None = (
        None
    )
    echogenic_foci: tuple[EchogenicFocus, ...] = ()
    max_diameter_mm: float | None = None
    # the level the report states ("0.4 cm nodule, TR3"): it stands where the described features, scored, come to a
    # lower level only because features are not described
    stated: Literal["TR1", "TR2", "TR3", "TR4", "TR5"] | None = None
    location: str | None = None
    text: str | None = None
    span: tuple[int, int] | None = None

    @model_validator(mode="after")
    def _size_positive(self) -> ThyroidNodule:
        _positive("max_diameter_mm", self.max_diameter_mm)
        if "none" in self.echogenic_foci and len(self.echogenic_foci) > 1:
            raise ValueError("echogenic_foci: 'none' cannot be combined with other foci")
        return self


LiRadsStated = Literal["LR-1", "LR-2", "LR-M", "LR-TIV", "LR-NC"]


class LiverObservation(_Input):
    """A liver observation on multiphase CT/MRI with the LI-RADS v2018 major features."""

    _label: ClassVar[str] = "observation"

    size_mm: float | None = None
    aphe: Literal["none", "nonrim", "rim"] = "none"
    washout: bool = False
    capsule: bool = False
    threshold_growth: bool = False
    prior_size_mm: float | None = None
    interval_months: float | None = Field(default=None, ge=0)
    stated: LiRadsStated | None = None
    targetoid: tuple[str, ...] = Field(
        default=(),
        description="targetoid features other than rim APHE (peripheral washout, delayed central enhancement): LR-M",
    )
    uncertain: tuple[str, ...] = Field(
        default=(),
        description="major features the report is unsure of, counted as absent (shown in the rationale)",
    )
    location: str | None = None
    text: str | None = None
    span: tuple[int, int] | None = None

    @model_validator(mode="after")
    def _size_given(self) -> LiverObservation:
        _positive("size_mm", self.size_mm)
        _positive("prior_size_mm", self.prior_size_mm)
        if self.stated is None and self.size_mm is None:
            raise ValueError("size_mm is needed to apply the CT/MRI diagnostic table")
        return self


BiRadsCategory = Literal["0", "1", "2", "3", "4", "4A", "4B", "4C", "5", "6"]


class BiRadsStatement(_Input):
    """A BI-RADS assessment as stated in the report (per breast or overall)."""

    _label: ClassVar[str] = "birads"

    category: BiRadsCategory
    laterality: Literal["left", "right", "bilateral"] | None = None
    text: str | None = None
    span: tuple[int, int] | None = None

    @field_validator("category", mode="before")
    @classmethod
    def _upper(cls, v: Any) -> Any:
        return str(v).strip().upper() if isinstance(v, str | int) and not isinstance(v, bool) else v


# -- results -------------------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class FollowUp:
    modality: str
    interval_months: tuple[float, float]

    def to_dict(self) -> dict[str, Any]:
        lo, hi = self.interval_months
        return {"modality": self.modality, "interval_months": [_num(lo), _num(hi)]}


def _num(v: float) -> float | int:
    return int(v) if float(v).is_integer() else v


@dataclass(slots=True)
class GuidelineResult:
    """One guideline's answer for an exam or a lesion."""

    name: str
    version: str
    category: str
    follow_up: FollowUp | None
    biopsy_recommended: bool
    management: str
    rationale: str
    findings: list[dict[str, Any]] = field(default_factory=list)
    modifiers: list[str] = field(default_factory=list)  # Lung-RADS "S"
    applicable: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "category": self.category,
            "follow_up": self.follow_up.to_dict() if self.follow_up else None,
            "biopsy_recommended": self.biopsy_recommended,
            "management": self.management,
            "rationale": self.rationale,
            "findings": self.findings,
            "modifiers": self.modifiers,
        }


NOT_APPLICABLE = "not applicable"
# A nodule named without a size cannot be put in a size row: the result says so and asks for the measurement
SIZE_NOT_STATED = "size not stated"


def size_not_stated(
    name: str,
    version: str,
    management: str,
    rationale: str,
    findings: list[dict[str, Any]],
    modifiers: list[str] | None = None,
) -> GuidelineResult:
    """The result of a nodule guideline when its most suspicious nodule may be one described without a size: no
    category, no follow-up and no biopsy, only the request for the size (each guideline words why)."""
    return GuidelineResult(
        name=name,
        version=version,
        category=SIZE_NOT_STATED,
        follow_up=None,
        biopsy_recommended=False,
        management=management,
        rationale=rationale,
        findings=findings,
        modifiers=modifiers or [],
    )


def fmt_mm(v: float | None) -> str:
    return "?" if v is None else f"{v:g} mm"


def lesion_dict(model: BaseModel) -> dict[str, Any]:
    """A lesion's features for a result's ``findings`` (unset defaults left out, sizes kept)."""
    data = model.model_dump(exclude_defaults=True, mode="json")
    mean = getattr(model, "mean_mm", None)
    if mean is not None:
        data["mean_diameter_mm"] = mean
    return data
