"""Distance assessment: from a couple's weekly check-ins to a score, a level and a trend.

How the score is built, with every weight and threshold and its reason, is
explained on the "How the distance score is built" page of the docs. In short:

* each observed ISO week gets a score of 0-100 from closeness (IOS, up to
  40 points), feeling heard (up to 25 points) and the weighted signs each
  partner noticed (up to 35 points), averaged over the partners who checked in;
* a week in which nobody checked in (after the couple's first check-in) counts
  as 50, halfway: silence is neither reassurance nor alarm;
* the week of ``as_of`` is still in progress unless ``as_of`` is its Sunday;
  while in progress with no check-in yet, it is neither missed nor weighted;
* the overall score is the mean of the weekly scores, weighted so that a
  week's weight halves every 4 weeks back (recent weeks count more).

The score describes a pattern in what the partners reported. It is not a
diagnosis and says nothing about whether a relationship will last.

This module holds the result models, the documented constants and
:func:`assess_distance`, which checks its arguments; the rules themselves are
in ``_assessor``, a module without attrs classes that the optional mypyc
build compiles.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from ._checkins import CheckIn
from ._errors import ValidationError
from ._signs import LifeEvent, Sign

#: Points of the 100 that closeness can contribute (IOS 7 = 0, IOS 1 = all).
CLOSENESS_POINTS = 40.0
#: Points of the 100 that feeling heard can contribute (5 = 0, 1 = all).
FELT_HEARD_POINTS = 25.0
#: Points of the 100 that the signs one partner noticed can contribute.
SIGN_POINTS = 35.0
#: The summed sign weight at which a partner's sign points are full.
SIGN_WEIGHT_CAP = 8
#: The score a week without any check-in counts as: halfway, no information.
MISSED_WEEK_SCORE = 50.0
#: A week's weight halves every this many weeks back from the latest week.
HALF_LIFE_WEEKS = 4.0
#: Lower bounds of DRIFTING, DISTANT and DETACHED (CONNECTED starts at 0).
LEVEL_THRESHOLDS = (25.0, 45.0, 65.0)
#: Trend slopes (points per week) within +/- this band count as STABLE.
TREND_DEAD_BAND = 1.0
#: Fewer observed weeks than this give an UNKNOWN trend.
MIN_WEEKS_FOR_TREND = 3
#: Fewer observed weeks than this make the assessment provisional.
MIN_WEEKS_FOR_FIRM_LEVEL = 2
#: A closeness difference of at least this many IOS points is a gap week.
GAP_POINTS = 2
#: ``out_of_step`` needs this many gap weeks among the last ``GAP_LOOKBACK``.
GAP_WEEKS_NEEDED = 3
#: How many of the most recent weeks with both partners the gap flag looks at.
GAP_LOOKBACK = 4
#: The largest window accepted: a century of weeks (data teams assess whole histories).
MAX_WINDOW_WEEKS = 5200
#: The trend looks at the most recent this many observed weeks (a season),
#: which also keeps the pairwise Theil-Sen slope cheap on long windows.
TREND_WEEKS = 12

_PARTNERS_PER_COUPLE = 2
_SUNDAY = 6  # date.weekday() of the last day of an ISO week


def week_in_progress(as_of: dt.date) -> bool:
    """Whether the ISO week of ``as_of`` is still in progress (``as_of`` is not its Sunday).

    An in-progress week with no check-in yet is neither missed nor weighted.

    Example:
        >>> from datetime import date
        >>> from attunement._distance import week_in_progress
        >>> week_in_progress(date(2026, 11, 23)), week_in_progress(date(2026, 11, 29))
        (True, False)
    """
    return as_of.weekday() != _SUNDAY


class DistanceLevel(enum.Enum):
    """A band of the distance score, from closest to most distant.

    Bands: CONNECTED below 25, DRIFTING 25 to below 45, DISTANT 45 to below
    65, DETACHED from 65.

    Example:
        >>> import attunement as at
        >>> at.DistanceLevel("drifting")
        <DistanceLevel.DRIFTING: 'drifting'>
    """

    CONNECTED = "connected"
    DRIFTING = "drifting"
    DISTANT = "distant"
    DETACHED = "detached"


class Trend(enum.Enum):
    """The direction the weekly distance scores are moving.

    ``IMPROVING`` means distance is falling; ``WORSENING`` that it is rising.

    Example:
        >>> import attunement as at
        >>> at.Trend.UNKNOWN.value
        'unknown'
    """

    IMPROVING = "improving"
    STABLE = "stable"
    WORSENING = "worsening"
    UNKNOWN = "unknown"


class Factor(enum.Enum):
    """What a part of the distance score comes from.

    Example:
        >>> import attunement as at
        >>> at.Factor.SIGN.value
        'sign'
    """

    CLOSENESS = "closeness"
    FELT_HEARD = "felt_heard"
    SIGN = "sign"
    MISSED_WEEKS = "missed_weeks"


@attrs.frozen(kw_only=True, weakref_slot=False)
class Contribution:
    """One factor's share of the distance score (all shares sum to the score).

    Built by :func:`assess_distance` and trusted as built: result types are
    not validated at construction or when loaded with
    :func:`attunement.from_json`, so recompute from check-ins rather than
    trust a stored result.

    Args:
        factor: What the points come from.
        points: The share of the score, in score points (> 0), to two
            decimals; the last share of an assessment may carry one extra
            binary-float step so that the shares add up exactly (format
            with two decimals for display).
        label: A short, lower-case clause an app can show, such as
            ``"talk has shrunk to logistics (noticed by sam)"``. It holds
            partner ids, never anything a partner wrote.
        sign: The sign, for ``Factor.SIGN`` contributions.
        partner_id: Whose ratings or signs these are (``None`` for missed weeks).

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> checkin = at.CheckIn(partner_id="sam", on=date(2026, 11, 23), closeness=4,
        ...     felt_heard=2, stress=3, signs=frozenset({at.Sign.LOGISTICS_ONLY}))
        >>> result = at.assess_distance([checkin], as_of=date(2026, 11, 29))
        >>> for c in result.contributions:
        ...     print(f"{c.factor.value:<10} {c.points:5.2f}  {c.label}")
        closeness  20.00  sam feels less close
        felt_heard 18.75  sam feels unheard
        sign        4.38  talk has shrunk to logistics (noticed by sam)
        >>> sum(c.points for c in result.contributions) == result.score == 43.13
        True
    """

    factor: Factor
    points: float
    label: str
    sign: Sign | None = None
    partner_id: str | None = None


@attrs.frozen(kw_only=True, weakref_slot=False)
class WeeklyScore:
    """The distance score of one ISO week (``None`` when nobody checked in).

    Built by :func:`assess_distance` and trusted as built: result types are
    not validated at construction or when loaded with
    :func:`attunement.from_json`, so recompute from check-ins rather than
    trust a stored result.

    Args:
        week_start: The Monday the ISO week starts on.
        score: The week's score (0-100, two decimals), or ``None`` when the
            week had no check-in.
        level: The band of that score (never capped), or ``None``.

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> checkin = at.CheckIn(partner_id="sam", on=date(2026, 11, 25), closeness=7,
        ...     felt_heard=5, stress=1)
        >>> at.assess_distance([checkin], as_of=date(2026, 11, 29), window_weeks=2).weekly
        ... # doctest: +NORMALIZE_WHITESPACE
        (WeeklyScore(week_start=datetime.date(2026, 11, 16), score=None, level=None),
         WeeklyScore(week_start=datetime.date(2026, 11, 23), score=0.0,
                     level=<DistanceLevel.CONNECTED: 'connected'>))
    """

    week_start: dt.date
    score: float | None
    level: DistanceLevel | None


@attrs.frozen(kw_only=True, weakref_slot=False)
class DistanceAssessment:
    """A couple's distance over a window of weeks.

    Built by :func:`assess_distance`; see there for how each field is defined.
    It is an output, trusted as built: result types are not validated at
    construction or when loaded with :func:`attunement.from_json` (checking
    them would slow every assessment, and a hand-made one could still be
    inconsistent with its check-ins). Apps that store assessments should
    store the check-ins and recompute, rather than trust a stored result.

    Attributes:
        as_of: The day the assessment describes; later check-ins were ignored.
        window_weeks: How many ISO weeks, ending with the week of ``as_of``.
        score: 0-100, higher is more distant; two decimals.
        level: The band of ``score``, capped at DRIFTING while provisional.
        trend: The direction of the weekly scores.
        contributions: The shares of ``score``, largest first; their
            ``points`` add up (left to right) to exactly ``score``.
        weekly: One entry per ISO week of the window, oldest first.
        weeks_observed: Weeks of the window in which someone checked in.
        missed_weeks: Weeks of the window, from the couple's first check-in
            on, in which nobody checked in; the week of ``as_of`` is not
            missed while it is in progress (``as_of`` before its Sunday).
        provisional: Fewer than 2 weeks were observed.
        perception_gap: Mean absolute closeness difference over the weeks in
            which both partners checked in, or ``None`` if there were none.
        out_of_step: The closeness gap was 2 or more in at least 3 of the last
            4 weeks in which both partners checked in.
        contexts: Life events reported in a week in which the weekly score
            rose, or in the week just before it.

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> result = at.assess_distance([], as_of=date(2026, 11, 29))
        >>> result.score, result.level.value, result.provisional, result.trend.value
        (0.0, 'connected', True, 'unknown')
    """

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


# Blanks with the slots of the result types, filled cheaply by the assessor.
# A plain slotted class stores its attributes at full speed (the result
# types are frozen); its instance then becomes the result type by
# ``__class__`` assignment, which Python allows between classes with the same
# slots (so the result types have no ``__weakref__`` slot). The result is
# indistinguishable from calling the class: same type, slots and values.


class _ContributionShell:
    __slots__ = ("factor", "label", "partner_id", "points", "sign")


class _WeeklyScoreShell:
    __slots__ = ("level", "score", "week_start")


class _AssessmentShell:
    __slots__ = tuple(field.name for field in attrs.fields(DistanceAssessment))


def level_for(score: float) -> DistanceLevel:
    """Return the band a score falls in.

    Example:
        >>> from attunement._distance import level_for
        >>> level_for(24.99).value, level_for(25.0).value, level_for(65.0).value
        ('connected', 'drifting', 'detached')
    """
    return _assessor.level_for(score)


def theil_sen_slope(points: list[tuple[int, float]]) -> float:
    """The median of the slopes between every pair of points (Theil-Sen).

    Robust to a single unusual week, unlike a least-squares line.

    Example:
        >>> from attunement._distance import theil_sen_slope
        >>> theil_sen_slope([(0, 10.0), (1, 12.0), (2, 14.0), (3, 16.0), (4, 90.0)])
        2.0
    """
    return _assessor.theil_sen_slope(points)


def _check_arguments(as_of: object, window_weeks: object) -> None:
    if type(as_of) is not dt.date:
        raise ValidationError("must be a date", path=("as_of",))
    if type(window_weeks) is not int or not 1 <= window_weeks <= MAX_WINDOW_WEEKS:
        raise ValidationError(
            f"must be an integer from 1 to {MAX_WINDOW_WEEKS}", path=("window_weeks",)
        )
    # The window's first Monday must be a real date (the calendar starts in year 1).
    if as_of.toordinal() - as_of.weekday() - 7 * (window_weeks - 1) < 1:
        raise ValidationError(
            "reaches back before the year 1; use a shorter window", path=("window_weeks",)
        )


def _locate_bad_item(items: list[object]) -> ValidationError:
    partners: list[str] = []
    for index, item in enumerate(items):
        if type(item) is not CheckIn:
            return ValidationError("must be a CheckIn", path=("checkins", index))
        if item.partner_id not in partners:
            if len(partners) == _PARTNERS_PER_COUPLE:
                return ValidationError(
                    "a couple's check-ins must come from at most two partners",
                    path=("checkins", index, "partner_id"),
                )
            partners.append(item.partner_id)
    raise AssertionError  # pragma: no cover - only called when an item is bad


def assess_distance(
    checkins: Iterable[CheckIn], *, as_of: dt.date, window_weeks: int = 8
) -> DistanceAssessment:
    """Assess how far apart a couple has drifted over recent weeks.

    The window is ``window_weeks`` ISO weeks (Monday to Sunday) ending with
    the week that contains ``as_of``. Check-ins dated after ``as_of`` are
    ignored; input order does not matter. Several check-ins by one partner in
    one week are averaged (signs and life events are pooled).

    Each week with a check-in is scored 0-100 (two decimals): closeness
    ``40 * (7 - IOS) / 6``, feeling heard ``25 * (5 - rating) / 4`` and signs
    ``35 * min(total sign weight, 8) / 8``, each averaged over the partners
    who checked in that week. A week after the couple's first check-in with no
    check-in at all counts as 50. The overall ``score`` is the mean of these
    weekly scores, each weighted ``0.5 ** (weeks_back / 4)``, counted back
    from the latest week that counts.

    The week of ``as_of`` is in progress unless ``as_of`` is its Sunday. An
    in-progress week with no check-in (yet) is neither missed nor weighted:
    it adds nothing to ``missed_weeks`` or to the score, and its ``weekly``
    entry is ``None``, so the assessment on a Monday before anyone checked
    in equals the one of the Sunday before. An in-progress week with a
    check-in counts as observed, like any other.

    ``level`` is the band of the score (CONNECTED < 25 <= DRIFTING < 45 <=
    DISTANT < 65 <= DETACHED), capped at DRIFTING while ``provisional``
    (fewer than 2 observed weeks). ``trend`` is the Theil-Sen slope of the
    last 12 observed weekly scores: above +1 point per week WORSENING, below
    -1 IMPROVING, otherwise STABLE; UNKNOWN with fewer than 3 observed weeks.

    With no check-in on or before ``as_of`` the result is defined, not an
    error: score 0, level CONNECTED, provisional, trend UNKNOWN, no
    contributions, every week ``None``, and 0 missed weeks (weeks before the
    first check-in are never counted as missed).

    Args:
        checkins: One couple's check-ins (at most two partner ids), any order.
        as_of: The day to assess; a ``datetime.date``.
        window_weeks: How many ISO weeks to look at, 1 to 5200.

    Returns:
        The assessment; it describes reported patterns and is not a diagnosis.

    Raises:
        ValidationError: ``as_of`` is not a date, ``window_weeks`` is not an
            integer in range, an item is not a :class:`CheckIn` or the
            check-ins come from more than two partners (every item counts
            here, even one dated after ``as_of``: the input is one couple's).

    Example:
        >>> import attunement as at
        >>> from datetime import date, timedelta
        >>> monday = date(2026, 10, 5)
        >>> checkins = [
        ...     at.CheckIn(partner_id=who, on=monday + timedelta(weeks=week),
        ...                closeness=6 - week // 2, felt_heard=4, stress=2)
        ...     for week in range(8) for who in ("alex", "sam")
        ... ]
        >>> result = at.assess_distance(checkins, as_of=date(2026, 11, 29))
        >>> result.score, result.level.value, result.trend.value, result.provisional
        (25.71, 'drifting', 'worsening', False)
        >>> sum(c.points for c in result.contributions) == result.score
        True
    """
    _check_arguments(as_of, window_weeks)
    try:
        items: list[object] = checkins if type(checkins) is list else list(checkins)
    except TypeError:
        raise ValidationError("must be an iterable of CheckIn", path=("checkins",)) from None
    assessment = _assessor.assess(items, as_of, window_weeks)
    if assessment is None:
        raise _locate_bad_item(items)
    return assessment


# The rules live in _assessor (compiled in the optional build), which imports
# the models above: imported last, so both import orders work.
from . import _assessor  # noqa: E402
