"""QA checks on a report, each with a severity (blocking or warning) and the span it refers to."""

from radpilot.checks.qa import Check, run_checks, run_checks_on_text

__all__ = ["Check", "run_checks", "run_checks_on_text"]
