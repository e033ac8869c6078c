"""Disease profiles: data files that say when a profile applies and what it runs.

A profile (``data/profiles/<name>.yaml``) names the exams, indications and ages it applies to, the guidelines to
run, extra observations to extract (for the Lung-RADS S modifier, say), the report template sections, the
recommendation wording and prompt additions for model backends. Sites add or edit profiles without code; a
folder named by ``$RADPILOT_PROFILES_DIR`` is read after the built-in one and may override a profile by name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from radpilot.guidelines.model import PatientContext, ProfileError
from radpilot.structure.datafiles import DataFileError, StrictModel, load_mapping

PROFILES_ENV = "RADPILOT_PROFILES_DIR"
GUIDELINE_NAMES = ("lung-rads", "fleischner", "ti-rads", "li-rads", "bi-rads")


class AppliesWhen(StrictModel):
    """The profile applies when the exam or the indication says one of these words (and age/sex fit)."""

    exam: list[str] = Field(default_factory=list)
    indication: list[str] = Field(default_factory=list)
    min_age: int | None = Field(default=None, ge=0, le=120)
    max_age: int | None = Field(default=None, ge=0, le=120)
    sex: list[Literal["F", "M", "O", "U"]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _something(self) -> AppliesWhen:
        if not self.exam and not self.indication:
            raise ValueError("give 'exam' and/or 'indication' words")
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValueError(f"min_age {self.min_age} is above max_age {self.max_age}")
        return self


class ExtraObservation(StrictModel):
    name: str = Field(min_length=1)
    phrases: list[str] = Field(min_length=1)
    lung_rads_s: bool = False  # counts for the Lung-RADS S modifier

    @field_validator("phrases")
    @classmethod
    def _non_empty(cls, v: list[str]) -> list[str]:
        if any(not p.strip() for p in v):
            raise ValueError("empty phrase")
        return v


class ProfileFile(StrictModel):
    name: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str = Field(min_length=1)
    description: str = ""
    priority: int = 0
    applies_when: AppliesWhen
    guidelines: list[str] = Field(default_factory=list)
    critical: bool = True
    context_defaults: dict[str, bool | str] = Field(default_factory=dict)
    extra_observations: list[ExtraObservation] = Field(default_factory=list)
    template_sections: list[str] = Field(default_factory=list)
    recommendation: dict[str, str] = Field(default_factory=dict)
    prompt: str = ""

    @field_validator("guidelines")
    @classmethod
    def _known_guidelines(cls, v: list[str]) -> list[str]:
        for name in v:
            if name not in GUIDELINE_NAMES:
                raise ValueError(f"unknown guideline '{name}' (known: {', '.join(GUIDELINE_NAMES)})")
        return v

    @field_validator("context_defaults")
    @classmethod
    def _known_context(cls, v: dict[str, bool | str]) -> dict[str, bool | str]:
        for key in v:
            if key not in PatientContext.model_fields:
                raise ValueError(f"unknown context field '{key}'")
        return v

    @model_validator(mode="after")
    def _wording_for_known(self) -> ProfileFile:
        for key, template in self.recommendation.items():
            if key not in self.guidelines:
                raise ValueError(f"recommendation for '{key}', which the profile does not run")
            try:
                template.format(name="", category="", management="", modifiers="", follow_up="", version="")
            except (KeyError, IndexError, ValueError) as exc:
                raise ValueError(
                    f"recommendation '{key}': bad template ({exc}); use {{category}}, {{management}}, "
                    "{modifiers}, {follow_up}, {name}, {version}"
                ) from exc
        return self


def _words(phrases: Iterable[str]) -> re.Pattern[str] | None:
    parts = sorted((r"[\s-]+".join(re.escape(w) for w in p.split()) for p in phrases), key=len, reverse=True)
    if not parts:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Profile:
    spec: ProfileFile
    source: str
    exam_re: re.Pattern[str] | None
    indication_re: re.Pattern[str] | None
    observations: tuple[tuple[ExtraObservation, re.Pattern[str]], ...]

    @property
    def name(self) -> str:
        return self.spec.name

    def applies(self, exam: str, indication: str, context: PatientContext) -> str | None:
        """Why the profile applies (the words that matched), or None."""
        w = self.spec.applies_when
        if context.age is not None:
            if w.min_age is not None and context.age < w.min_age:
                return None
            if w.max_age is not None and context.age > w.max_age:
                return None
        if w.sex and context.sex is not None and context.sex not in w.sex:
            return None
        for rx, text, what in ((self.exam_re, exam, "exam"), (self.indication_re, indication, "indication")):
            if rx is not None and text:
                m = rx.search(text)
                if m:
                    return f"{what} says {m.group(0)!r}"
        return None

    def s_patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        return [(o.name, rx) for o, rx in self.observations if o.lung_rads_s]


def _compile(spec: ProfileFile, source: str) -> Profile:
    return Profile(
        spec=spec,
        source=source,
        exam_re=_words(spec.applies_when.exam),
        indication_re=_words(spec.applies_when.indication),
        observations=tuple((o, rx) for o in spec.extra_observations if (rx := _words(o.phrases)) is not None),
    )


def builtin_dir() -> Path:
    return Path(str(resources.files("radpilot.guidelines") / "data" / "profiles"))


def load_profiles(dirs: Iterable[str | Path] | None = None) -> dict[str, Profile]:
    """Load every ``*.yaml`` profile; a later folder overrides a profile of the same name."""
    if dirs is None:
        folders = [builtin_dir()]
        extra = os.environ.get(PROFILES_ENV)
        if extra:
            folders.append(Path(extra))
    else:
        folders = [Path(d) for d in dirs]
    out: dict[str, Profile] = {}
    for folder in folders:
        if not folder.is_dir():
            raise DataFileError(folder, "profiles folder not found")
        seen: dict[str, Path] = {}
        for path in sorted(folder.glob("*.y*ml")):
            spec = load_mapping(path, ProfileFile)
            if path.stem != spec.name:
                raise DataFileError(
                    path, f"field 'name': '{spec.name}' must match the file name '{path.stem}'"
                )
            if spec.name in seen:
                raise DataFileError(path, f"duplicate profile '{spec.name}' (also in {seen[spec.name].name})")
            seen[spec.name] = path
            out[spec.name] = _compile(spec, str(path))
    return out


@cache
def default_profiles() -> dict[str, Profile]:
    return load_profiles()


def get_profile(name: str, profiles: dict[str, Profile] | None = None) -> Profile:
    profiles = profiles if profiles is not None else default_profiles()
    if name not in profiles:
        raise ProfileError(f"profile: unknown profile '{name}' (known: {', '.join(sorted(profiles))})")
    return profiles[name]


def select_profile(
    exam: str, indication: str, context: PatientContext, profiles: dict[str, Profile] | None = None
) -> tuple[Profile | None, str]:
    """The applicable profile of highest priority, and why; (None, reason) when none applies."""
    profiles = profiles if profiles is not None else default_profiles()
    hits: list[tuple[int, str, Profile, str]] = []
    for p in profiles.values():
        why = p.applies(exam, indication, context)
        if why is not None:
            hits.append((p.spec.priority, p.name, p, why))
    if not hits:
        return None, "no profile applies to this exam and indication"
    # at equal priority the exam decides before the indication ("US THYROID" for "thyroid nodule follow-up" is
    # the thyroid profile, although "nodule follow-up" also names the pulmonary-nodule one), then the name
    hits.sort(key=lambda h: (-h[0], not h[3].startswith("exam "), h[1]))
    _, _, best, why = hits[0]
    return best, why
