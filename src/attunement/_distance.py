"""Distance assessment: from a couple's weekly check-ins to a score, a level and a trend."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from ._signs import LifeEvent, Sign


class DistanceLevel(enum.Enum):
    """A band of the distance score, from closest to most distant."""

    CONNECTED = "connected"
    DRIFTING = "drifting"
    DISTANT = "distant"
    DETACHED = "detached"


class Trend(enum.Enum):
    """The direction the weekly distance scores are moving."""

    IMPROVING = "improving"
    STABLE = "stable"
    WORSENING = "worsening"
    UNKNOWN = "unknown"


class Factor(enum.Enum):
    """What a part of the distance score comes from."""

    CLOSENESS = "closeness"
    FELT_HEARD = "felt_heard"
    SIGN = "sign"
    MISSED_WEEKS = "missed_weeks"


@attrs.frozen(kw_only=True)
class Contribution:
    """One factor's share of the distance score (all shares sum to the score)."""

    factor: Factor
    points: float
    label: str
    sign: Sign | None = None
    partner_id: str | None = None


@attrs.frozen(kw_only=True)
class WeeklyScore:
    """The distance score of one ISO week (``None`` when nobody checked in)."""

    week_start: dt.date
    score: float | None
    level: DistanceLevel | None


@attrs.frozen(kw_only=True)
class DistanceAssessment:
    """A couple's distance over a window of weeks."""

    as_of: dt.date
    window_weeks: int
    score: float
    level: DistanceLevel
    trend: Trend
    contributions: tuple[Contribution, ...]
    weekly: tuple[WeeklyScore, ...]
    weeks_observed: int
    missed_weeks: int
    provisional: bool
    perception_gap: float | None
    out_of_step: bool
    contexts: frozenset[LifeEvent]
