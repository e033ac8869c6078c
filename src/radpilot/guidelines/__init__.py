"""Guideline engines (Lung-RADS, Fleischner, TI-RADS, LI-RADS, BI-RADS), critical results and disease profiles.

Two ways in: ``assess(text, context, profile)`` reads the report text, and each guideline module's
``categorize(...)`` takes structured lesion features (``LungNodule``, ``ThyroidNodule``, ``LiverObservation``,
``BiRadsStatement``) so a form can call it without text. ``REGISTRY`` maps each guideline name to its version.
"""

from radpilot.guidelines import bi_rads, fleischner, li_rads, lung_rads, ti_rads
from radpilot.guidelines.critical import (
    CriticalResult,
    CriticalRules,
    critical_results,
    default_critical_rules,
    load_critical_rules,
)
from radpilot.guidelines.engine import REGISTRY, Assessment, GuidelineSpec, ReportDoc, assess, get_guideline
from radpilot.guidelines.model import (
    BiRadsStatement,
    ContextError,
    FollowUp,
    GuidelineInputError,
    GuidelineResult,
    LiverObservation,
    LungNodule,
    PatientContext,
    ProfileError,
    ThyroidNodule,
)
from radpilot.guidelines.profiles import Profile, default_profiles, get_profile, load_profiles, select_profile

__all__ = [
    "REGISTRY",
    "Assessment",
    "BiRadsStatement",
    "ContextError",
    "CriticalResult",
    "CriticalRules",
    "FollowUp",
    "GuidelineInputError",
    "GuidelineResult",
    "GuidelineSpec",
    "LiverObservation",
    "LungNodule",
    "PatientContext",
    "Profile",
    "ProfileError",
    "ReportDoc",
    "ThyroidNodule",
    "assess",
    "bi_rads",
    "critical_results",
    "default_critical_rules",
    "default_profiles",
    "fleischner",
    "get_guideline",
    "get_profile",
    "li_rads",
    "load_critical_rules",
    "load_profiles",
    "lung_rads",
    "select_profile",
    "ti_rads",
]
