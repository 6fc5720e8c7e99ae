"""Couple states for picker tests: what a pick reads from an assessment.

The picker reads an assessment's level and contributions only, so the other
fields get fixed, valid values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attunement as at


def assessment(
    level: at.DistanceLevel = at.DistanceLevel.CONNECTED,
    contributions: Iterable[at.Contribution] = (),
    *,
    as_of: dt.date = dt.date(2026, 11, 22),
) -> at.DistanceAssessment:
    """An assessment with this level and these contributions."""
    return at.DistanceAssessment(
        as_of=as_of,
        window_weeks=8,
        score=10.0,
        level=level,
        trend=at.Trend.STABLE,
        contributions=tuple(contributions),
        weekly=(),
        weeks_observed=8,
        missed_weeks=0,
        provisional=False,
        perception_gap=None,
        out_of_step=False,
        contexts=frozenset(),
    )
