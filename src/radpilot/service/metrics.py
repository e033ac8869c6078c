"""Department metrics: counts, turnaround, edits between the AI draft and the signed text, time and cost saved.

Time saved is an estimate with its assumptions in the answer: each signed word the radiologist did not have to
produce (signed words minus the word-level edit distance from the AI draft, at most the words the model or
template wrote, dictated sentences excluded) is worth ``seconds_per_word`` of
radiologist time (default 1 s, dictating and correcting), priced at ``hourly_rate`` (default 59.99 USD).
"""

from __future__ import annotations

import re
import statistics
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from radpilot.store.models import Job, Report, ReportVersion, Study

_WORD = re.compile(r"[\w'-]+|[^\w\s]")


def words(text: str) -> list[str]:
    """Word tokens (and punctuation), lower-cased, as the edit distance counts them."""
    return [w.lower() for w in _WORD.findall(text)]


def word_edit_distance(a: list[str], b: list[str]) -> int:
    """Levenshtein distance over words: insertions, deletions and substitutions needed to turn a into b."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, wa in enumerate(a, start=1):
        cur = [i]
        for j, wb in enumerate(b, start=1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (wa != wb)))
        prev = cur
    return prev[-1]


def _minutes(a: datetime, b: datetime) -> float:
    return (b - a).total_seconds() / 60.0


def _summary(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"count": 0, "median": None, "p90": None, "mean": None}
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return {
        "count": len(values),
        "median": round(statistics.median(ordered), 2),
        "p90": round(p90, 2),
        "mean": round(statistics.fmean(ordered), 2),
    }


def metrics(session: Session, *, hourly_rate: float, seconds_per_word: float) -> dict[str, Any]:
    by_status = {
        str(k): int(n)
        for k, n in session.execute(select(Report.status, func.count()).group_by(Report.status))
    }
    jobs = {str(k): int(n) for k, n in session.execute(select(Job.status, func.count()).group_by(Job.status))}
    studies = int(session.scalar(select(func.count()).select_from(Study)) or 0)
    critical = int(session.scalar(select(func.count()).where(Report.critical.is_(True))) or 0)
    signed_rows = session.execute(
        select(
            Report.signed_at,
            Report.created_at,
            Study.created_at,
            Report.draft_words,
            Report.ai_words,
            Report.signed_words,
            Report.edit_distance,
        )
        .join(Study, Study.id == Report.study_id)
        .where(Report.signed_at.is_not(None))
    ).all()
    order_to_sign: list[float] = []
    draft_to_sign: list[float] = []
    ratios: list[float] = []
    distances: list[float] = []
    words_saved = 0
    for signed_at, drafted_at, ordered_at, draft_words, ai_words, signed_words, distance in signed_rows:
        assert signed_at is not None  # selected by signed_at IS NOT NULL
        order_to_sign.append(_minutes(ordered_at, signed_at))
        draft_to_sign.append(_minutes(drafted_at, signed_at))
        if distance is not None and signed_words is not None and draft_words is not None:
            distances.append(float(distance))
            ratios.append(distance / max(1, draft_words, signed_words))
            words_saved += min(ai_words or 0, max(0, signed_words - distance))
    edited = int(
        session.scalar(
            select(func.count(func.distinct(ReportVersion.report_id))).where(ReportVersion.kind == "edit")
        )
        or 0
    )
    hours = words_saved * seconds_per_word / 3600.0
    return {
        "counts": {
            "studies": studies,
            "reports": sum(by_status.values()),
            "by_status": by_status,
            "signed": len(signed_rows),
            "critical": critical,
            "edited": edited,
            "jobs": jobs,
        },
        "turnaround_minutes": {
            "order_to_sign": _summary(order_to_sign),
            "draft_to_sign": _summary(draft_to_sign),
        },
        "edit_distance": {
            "unit": "words",
            "words": _summary(distances),
            "ratio": _summary(ratios),
        },
        "time_saved": {
            "words_not_written": words_saved,
            "hours": round(hours, 3),
            "cost_usd": round(hours * hourly_rate, 2),
            "hourly_rate_usd": hourly_rate,
            "seconds_per_word": seconds_per_word,
            "assumption": "each signed word kept from what the model or template wrote (dictation excluded) "
            "saves seconds_per_word of radiologist time",
        },
    }
