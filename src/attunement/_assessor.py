"""The rules of :func:`attunement.assess_distance`: from check-ins to an assessment.

:func:`attunement.assess_distance` (in ``_distance``, next to the result
models) checks its arguments and calls :func:`assess` here, which makes one
pass over the check-ins, scores the weeks of the window, splits the score into
contributions and builds the result. How the score is built is explained on
the "How the distance score is built" page of the docs.

The module holds no attrs classes, only plain functions on ints, floats and
lists, so that it can also be compiled with mypyc for speed (an optional
build; see the "Speed" section of that page). That build also installs C
helpers (``_slotted.c``) that stand in for ``select_rows``, ``_balance``,
``_beyond_band`` and the filling of result objects; the Python versions here
are their reference. It behaves the same either way.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from types import ModuleType
from typing import Any, Final

from ._checkins import CheckIn
from ._distance import (
    CLOSENESS_POINTS,
    FELT_HEARD_POINTS,
    GAP_LOOKBACK,
    GAP_POINTS,
    GAP_WEEKS_NEEDED,
    HALF_LIFE_WEEKS,
    LEVEL_THRESHOLDS,
    MIN_WEEKS_FOR_FIRM_LEVEL,
    MIN_WEEKS_FOR_TREND,
    MISSED_WEEK_SCORE,
    SIGN_POINTS,
    SIGN_WEIGHT_CAP,
    TREND_DEAD_BAND,
    TREND_WEEKS,
    Contribution,
    DistanceAssessment,
    DistanceLevel,
    Factor,
    Trend,
    WeeklyScore,
    _AssessmentShell,
    _ContributionShell,
    _WeeklyScoreShell,
)
from ._signs import LifeEvent, Sign


def _load_slotted() -> ModuleType | None:
    # The C helpers of the optional build (_slotted.c); None in a pure install.
    try:
        from . import _slotted  # noqa: PLC0415 - optional, so imported where it may fail
    except ImportError:
        return None
    return _slotted  # pragma: no cover - the optional build


# The documented constants, copied into final names: a compiled module reads
# these as C variables instead of looking them up on every use.
_CLOSENESS_POINTS: Final[float] = CLOSENESS_POINTS
_FELT_HEARD_POINTS: Final[float] = FELT_HEARD_POINTS
_SIGN_POINTS: Final[float] = SIGN_POINTS
_SIGN_WEIGHT_CAP: Final[int] = SIGN_WEIGHT_CAP
_MISSED_WEEK_SCORE: Final[float] = MISSED_WEEK_SCORE
_HALF_LIFE_WEEKS: Final[float] = HALF_LIFE_WEEKS
_DRIFTING_FROM: Final[float] = LEVEL_THRESHOLDS[0]
_DISTANT_FROM: Final[float] = LEVEL_THRESHOLDS[1]
_DETACHED_FROM: Final[float] = LEVEL_THRESHOLDS[2]
_TREND_DEAD_BAND: Final[float] = TREND_DEAD_BAND
_MIN_WEEKS_FOR_TREND: Final[int] = MIN_WEEKS_FOR_TREND
_MIN_WEEKS_FOR_FIRM_LEVEL: Final[int] = MIN_WEEKS_FOR_FIRM_LEVEL
_GAP_POINTS: Final[int] = GAP_POINTS
_GAP_WEEKS_NEEDED: Final[int] = GAP_WEEKS_NEEDED
_GAP_LOOKBACK: Final[int] = GAP_LOOKBACK
_TREND_WEEKS: Final[int] = TREND_WEEKS

_IOS_HIGH: Final = 7
_FELT_HEARD_HIGH: Final = 5
_PARTNERS_PER_COUPLE: Final = 2
_SUNDAY: Final = 6  # date.weekday() of the last day of an ISO week

_CONNECTED: Final = DistanceLevel.CONNECTED
_DRIFTING: Final = DistanceLevel.DRIFTING
_DISTANT: Final = DistanceLevel.DISTANT
_DETACHED: Final = DistanceLevel.DETACHED
_IMPROVING: Final = Trend.IMPROVING
_STABLE: Final = Trend.STABLE
_WORSENING: Final = Trend.WORSENING
_UNKNOWN: Final = Trend.UNKNOWN
_CLOSENESS_FACTOR: Final = Factor.CLOSENESS
_FELT_HEARD_FACTOR: Final = Factor.FELT_HEARD
_SIGN_FACTOR: Final = Factor.SIGN
_MISSED_FACTOR: Final = Factor.MISSED_WEEKS
# The factors' places in the ranking of equal shares (Factor's order).
_CLOSENESS: Final = 0
_FELT_HEARD: Final = 1
_SIGN: Final = 2
_MISSED: Final = 3

_SIGN_PHRASES: Final[dict[Sign, str]] = {
    Sign.BIDS_MISSED: "small bids for attention go unanswered",
    Sign.LESS_WARMTH: "there is less warmth between you",
    Sign.LOGISTICS_ONLY: "talk has shrunk to logistics",
    Sign.WITHDRAWAL: "one of you goes quiet when things get tense",
    Sign.HANDLING_ALONE: "worries are being carried alone",
    Sign.CONFIDING_ELSEWHERE: "what matters is shared with others first",
    Sign.PARALLEL_LIVES: "days run side by side rather than together",
    Sign.LONELY_TOGETHER: "there is loneliness even when together",
    Sign.NEGATIVE_OVERRIDE: "neutral moments are landing as slights",
    Sign.LESS_TOUCH: "touch has become rare",
    Sign.INDIFFERENCE: "disagreements feel not worth having",
    Sign.PHONE_DISTRACTION: "screens pull attention from time together",
    Sign.EMOTIONAL_CUTOFF: "feelings are being kept back to keep the peace",
}
# Signs by rank (their order in the Sign enum, which breaks ties between
# equal shares), with their weights and label phrases.
_SIGNS: Final[tuple[Sign, ...]] = tuple(Sign)
_SIGN_COUNT: Final = len(_SIGNS)
_SIGN_PHRASE_BY_RANK: Final[tuple[str, ...]] = tuple(_SIGN_PHRASES[sign] for sign in _SIGNS)
_SIGN_RANK: Final[dict[Sign, int]] = {sign: rank for rank, sign in enumerate(_SIGNS)}
_SIGN_WEIGHT_BY_RANK: Final[tuple[int, ...]] = tuple(sign.weight for sign in _SIGNS)

_NO_SIGNS: Final[frozenset[Sign]] = frozenset()
_NO_EVENTS: Final[frozenset[LifeEvent]] = frozenset()

# The result types have no validators or converters, so they are built as
# slotted shells, filled and then given the result type (see _distance): the
# same objects (equal, same repr, same pickle) at a fraction of the cost of
# the keyword ``__init__``; a fleet builds millions.
# Calling a shell class makes a blank instance faster than object.__new__(shell).
_blank_weekly_score: Final[Any] = _WeeklyScoreShell
_blank_assessment: Final[Any] = _AssessmentShell
_blank_contribution: Final[Any] = _ContributionShell
_fsum: Final = math.fsum
_share_of: Final = operator.itemgetter(0)
_Contribution: Final = Contribution
_WeeklyScore: Final = WeeklyScore
_DistanceAssessment: Final = DistanceAssessment

# Per set of signs: its summed weight, then each sign's rank and weight
# (flat). At most 2**13 distinct sets exist, so the cache is bounded by the
# Sign enum itself.
_SIGN_TOTALS: Final[dict[frozenset[Sign], tuple[int, ...]]] = {}
# Decay weights per number of counted weeks, for the few window sizes in use:
# a service that tried every size up to MAX_WINDOW_WEEKS would otherwise keep
# some 13 million floats.
_DECAY: Final[dict[int, tuple[float, ...]]] = {}
_DECAY_SIZES_KEPT: Final = 16
# Per window size, the first Monday's ordinal and the week starts of the
# latest window assessed: a fleet assessed on one day shares them, and dates
# are immutable, so results may share them too.
_WEEK_STARTS: Final[dict[int, tuple[int, tuple[dt.date, ...]]]] = {}

# In the optional build, C helpers read the check-ins' slots and fill the
# results' slots directly (see _slotted.c); both builds give equal results.
_SLOTTED: Final[Any] = _load_slotted()
_SELECT: Final[Any] = _SLOTTED.select if _SLOTTED else None
_BALANCE: Final[Any] = _SLOTTED.balance if _SLOTTED else None
_BEYOND_BAND: Final[Any] = _SLOTTED.beyond_band if _SLOTTED else None
_MAKE: Final[Any] = _SLOTTED.make if _SLOTTED else None
_SUM: Final = sum  # handed to the C balance, which adds up as _balance does
_CHECKIN_LAYOUT: Final[Any] = (
    _SLOTTED.layout(CheckIn, ("partner_id", "on", "closeness", "felt_heard", "signs", "events"))
    if _SLOTTED
    else None
)
_WEEKLY_LAYOUT: Final[Any] = (
    _SLOTTED.layout(WeeklyScore, ("week_start", "score", "level")) if _SLOTTED else None
)
_CONTRIBUTION_LAYOUT: Final[Any] = (
    _SLOTTED.layout(Contribution, ("factor", "points", "label", "sign", "partner_id"))
    if _SLOTTED
    else None
)
# _assessment passes the fields in attrs' order, the order of the shell's slots.
_ASSESSMENT_LAYOUT: Final[Any] = (
    _SLOTTED.layout(DistanceAssessment, _AssessmentShell.__slots__) if _SLOTTED else None
)


class _Partner:
    """One partner's place in the cells and weighted totals over the window."""

    __slots__ = (
        "base",
        "closeness",
        "has_closeness",
        "has_heard",
        "heard",
        "partner_id",
        "sign_points",
        "signs_noticed",
    )

    def __init__(self, partner_id: str, base: int) -> None:
        self.partner_id = partner_id
        #: Where the partner's weeks start in the flat per-cell lists.
        self.base = base
        # Weighted points per factor; the flags keep "never positive" ones out.
        self.closeness = 0.0
        self.heard = 0.0
        self.has_closeness = False
        self.has_heard = False
        self.sign_points = [0.0] * _SIGN_COUNT  # by sign rank
        self.signs_noticed = 0  # a bit per sign rank


def level_for(score: float) -> DistanceLevel:
    """Return the band a score falls in."""
    if score < _DRIFTING_FROM:
        return _CONNECTED
    if score < _DISTANT_FROM:
        return _DRIFTING
    if score < _DETACHED_FROM:
        return _DISTANT
    return _DETACHED


def theil_sen_slope(points: list[tuple[int, float]]) -> float:
    """The median of the slopes between every pair of points (Theil-Sen)."""
    return _slope([week for week, _ in points], [score for _, score in points], 0)


def trend_of(points: list[tuple[int, float]]) -> Trend:
    """The trend of observed ``(week, score)`` points: the Theil-Sen slope of the last 12."""
    return _trend([week for week, _ in points], [score for _, score in points])


def _slope(weeks: list[int], scores: list[float], start: int) -> float:
    # The Theil-Sen slope of the points from ``start`` on, pairs taken (earlier, later).
    count = len(weeks)
    slopes = [
        (scores[later] - scores[index]) / (weeks[later] - weeks[index])
        for index in range(start, count)
        for later in range(index + 1, count)
    ]
    slopes.sort()
    middle = len(slopes) // 2
    if len(slopes) % 2:
        return slopes[middle]
    return (slopes[middle - 1] + slopes[middle]) / 2


def _trend(weeks: list[int], scores: list[float]) -> Trend:
    count = len(weeks)
    if count < _MIN_WEEKS_FOR_TREND:
        return _UNKNOWN
    start = count - _TREND_WEEKS if count > _TREND_WEEKS else 0
    # Only the median slope's side of the dead band matters, and counting the
    # slopes beyond each edge settles that without sorting them: in ascending
    # order, slopes[k] is above the band when at least ``pairs - k`` slopes
    # are, and below it when more than ``k`` are.
    if _BEYOND_BAND is None:
        above, below = _beyond_band(weeks, scores, start)
    else:  # pragma: no cover - the optional build (tests/test_slotted.py)
        above, below = _BEYOND_BAND(weeks, scores, start, _TREND_DEAD_BAND)
    pairs = (count - start) * (count - start - 1) // 2
    middle = pairs // 2
    upper = above >= pairs - middle
    lower = below > middle
    # With an even number of slopes the median is the mean of slopes[middle - 1]
    # and slopes[middle]; when those two straddle an edge, the mean decides.
    if not pairs % 2 and (upper != (above > pairs - middle) or lower != (below >= middle)):
        return _side_of_band(_slope(weeks, scores, start))
    if upper:
        return _WORSENING
    if lower:
        return _IMPROVING
    return _STABLE


def _beyond_band(weeks: list[int], scores: list[float], start: int) -> tuple[int, int]:
    # How many pairwise slopes lie above and below the dead band (the optional
    # build's _slotted.beyond_band is the same in C; tests/test_slotted.py).
    band = _TREND_DEAD_BAND
    above = 0
    below = 0
    count = len(weeks)
    for index in range(start, count):
        x1 = weeks[index]
        y1 = scores[index]
        for later in range(index + 1, count):
            slope = (scores[later] - y1) / (weeks[later] - x1)
            if slope > band:
                above += 1
            elif slope < -band:
                below += 1
    return above, below


def _side_of_band(slope: float) -> Trend:
    if slope > _TREND_DEAD_BAND:
        return _WORSENING
    if slope < -_TREND_DEAD_BAND:
        return _IMPROVING
    return _STABLE


def round2(value: float) -> float:
    """Round to two decimals, half up (43.125 gives 43.13; ``round`` gives 43.12)."""
    return math.floor(value * 100 + 0.5) / 100


def decay_weights(weeks: int) -> tuple[float, ...]:
    """The weights of ``weeks`` weeks, oldest first: the latest weighs 1, halving every 4 weeks."""
    found = _DECAY.get(weeks)
    if found is None:
        if len(_DECAY) >= _DECAY_SIZES_KEPT:
            _DECAY.clear()
        found = _DECAY[weeks] = tuple(
            [0.5 ** ((weeks - 1 - week) / _HALF_LIFE_WEEKS) for week in range(weeks)]
        )
    return found


def balance(raw: list[float]) -> tuple[list[tuple[int, float]], float]:
    """Round shares to hundredths that add up, left to right, to the rounded score.

    The score is the sum of the shares rounded half up to two decimals; the
    missing hundredths go to the shares with the largest remainders (the
    largest-remainder method; of equal remainders, the earlier share first),
    so no share is off by more than 0.01. Shares that round to zero are left
    out. Then the last (smallest) share becomes the score minus the others,
    nudged by single float steps until the left-to-right float sum equals the
    score exactly (``0.1 + 0.2 != 0.3`` in binary floats); its steps are no
    larger than the score's, so the sum cannot jump over it.

    Returns:
        ``(index into raw, points)`` for the shares kept, and the score.
    """
    kept, points, score = _balance([(-share, index) for index, share in enumerate(raw)])
    return list(zip(kept, points, strict=True)), score


def _balance(ranked: list[tuple[float, int]]) -> tuple[list[int], list[float], float]:
    # balance() of the shares -ranked[i][0], as the indexes kept and their points.
    # The optional build's _slotted.balance is the same in C (tests/test_slotted.py).
    count = len(ranked)
    scaled: list[float] = []
    remainders: list[float] = []
    floor_sum = 0
    for entry in ranked:
        value = -entry[0] * 100
        whole = math.floor(value)
        scaled.append(value)
        remainders.append(value - whole)
        floor_sum += whole
    deficit = math.floor(_fsum(scaled) + 0.5) - floor_sum
    threshold, ties = _served(remainders, deficit)
    total = 0
    kept: list[int] = []
    points: list[float] = []
    for index in range(count):
        whole = math.floor(scaled[index])
        remainder = remainders[index]
        if remainder > threshold:
            whole += 1
        elif remainder == threshold and ties:
            whole += 1
            ties -= 1
        total += whole
        if whole > 0:
            kept.append(index)
            points.append(whole / 100)
    score = total / 100
    if not kept:
        return kept, points, score
    points[-1] = score - sum(points[:-1])
    for _ in range(64):
        running = sum(points)
        if running == score:
            break
        # A guard: in 200,000 random trials the subtraction above was always exact.
        points[-1] = math.nextafter(  # pragma: no cover
            points[-1], math.inf if running < score else -math.inf
        )
    else:  # pragma: no cover - a guard for float corner cases never seen in testing
        score = sum(points)
    return kept, points, score


def _served(remainders: list[float], deficit: int) -> tuple[float, int]:
    # The ``deficit`` largest remainders get a hundredth each: those above the
    # smallest one served (the threshold), then the first ``ties`` of those
    # equal to it, where a stable sort, largest first, puts them.
    if deficit <= 0:
        return 2.0, 0  # above any remainder: none served
    count = len(remainders)
    served = min(deficit, count)
    ascending = sorted(remainders)
    threshold = ascending[count - served]
    ties = served
    for index in range(count - served, count):
        if ascending[index] > threshold:
            ties -= 1
    return threshold, ties


def _sign_weights(signs: frozenset[Sign]) -> tuple[int, ...]:
    total = 0
    flat: list[int] = [0]
    for sign in signs:
        rank = _SIGN_RANK[sign]
        weight = _SIGN_WEIGHT_BY_RANK[rank]
        total += weight
        flat.append(rank)
        flat.append(weight)
    flat[0] = total
    found = _SIGN_TOTALS[signs] = tuple(flat)
    return found


def _week_starts(first_ordinal: int, window_weeks: int) -> tuple[dt.date, ...]:
    cached = _WEEK_STARTS.get(window_weeks)
    if cached is not None and cached[0] == first_ordinal:
        return cached[1]
    fromordinal = dt.date.fromordinal
    starts = tuple([fromordinal(first_ordinal + 7 * week) for week in range(window_weeks)])
    if len(_WEEK_STARTS) > 8:  # noqa: PLR2004 - a few window sizes at a time, not a history
        _WEEK_STARTS.clear()
    _WEEK_STARTS[window_weeks] = (first_ordinal, starts)
    return starts


def _weekly(
    starts: tuple[dt.date, ...], observed_weeks: list[int], scores: list[float]
) -> tuple[WeeklyScore, ...]:
    built: list[WeeklyScore] = []
    observed = len(observed_weeks)
    next_index = 0
    next_week = observed_weeks[0] if observed else -1
    for week in range(len(starts)):
        score: float | None = None
        level: DistanceLevel | None = None
        if week == next_week:
            score = scores[next_index]
            level = level_for(score)
            next_index += 1
            next_week = observed_weeks[next_index] if next_index < observed else -1
        if _MAKE is None:
            entry: Any = _blank_weekly_score()
            entry.week_start = starts[week]
            entry.score = score
            entry.level = level
            entry.__class__ = _WeeklyScore
        else:  # pragma: no cover - the optional build (tests/test_slotted.py)
            entry = _MAKE(_WEEKLY_LAYOUT, starts[week], score, level)
        built.append(entry)
    return tuple(built)


def _assessment(  # noqa: PLR0917 - the fields in order, filled straight into slots
    as_of: dt.date,
    window_weeks: int,
    score: float,
    level: DistanceLevel,
    trend: Trend,
    contributions: tuple[Contribution, ...],
    weekly: tuple[WeeklyScore, ...],
    weeks_observed: int,
    missed_weeks: int,
    provisional: bool,  # noqa: FBT001
    perception_gap: float | None,
    out_of_step: bool,  # noqa: FBT001
    contexts: frozenset[LifeEvent],
) -> DistanceAssessment:
    if _MAKE is not None:  # pragma: no cover - the optional build (tests/test_slotted.py)
        made: DistanceAssessment = _MAKE(
            _ASSESSMENT_LAYOUT,
            as_of,
            window_weeks,
            score,
            level,
            trend,
            contributions,
            weekly,
            weeks_observed,
            missed_weeks,
            provisional,
            perception_gap,
            out_of_step,
            contexts,
        )
        return made
    assessment: Any = _blank_assessment()
    assessment.as_of = as_of
    assessment.window_weeks = window_weeks
    assessment.score = score
    assessment.level = level
    assessment.trend = trend
    assessment.contributions = contributions
    assessment.weekly = weekly
    assessment.weeks_observed = weeks_observed
    assessment.missed_weeks = missed_weeks
    assessment.provisional = provisional
    assessment.perception_gap = perception_gap
    assessment.out_of_step = out_of_step
    assessment.contexts = contexts
    assessment.__class__ = _DistanceAssessment
    blank: DistanceAssessment = assessment
    return blank


_ROW_WIDTH: Final = 6


def select_rows(
    items: list[object], first_monday: dt.date, last_day: dt.date
) -> tuple[str, str, bool, list[Any]] | None:
    """Check every item, find the partners, and keep the rows inside the window.

    The reference for ``select`` in ``_slotted.c``, which the optional build
    uses instead (and a test holds to this one). ``None`` when an item is not
    a CheckIn or a third partner id shows.

    Returns:
        The two partner ids in order of first appearance ("" when absent),
        whether any check-in is dated before ``first_monday``, and for each
        check-in dated from ``first_monday`` to ``last_day``, in input order
        and flat: 0 or 1 (first or second partner), its week counted from
        ``first_monday``, closeness, felt heard, signs and life events.
    """
    first_id = ""  # ids are never empty
    second_id = ""
    seen_before = False
    rows: list[Any] = []
    first_ordinal = first_monday.toordinal()
    checkin_type = CheckIn
    # Most of a long history lies before the window, so that test comes first.
    for item in items:
        if type(item) is not checkin_type:
            return None
        partner_id = item.partner_id
        if partner_id is first_id:
            second = 0
        elif partner_id is second_id:
            second = 1
        elif not first_id or partner_id == first_id:
            first_id = partner_id
            second = 0
        elif not second_id or partner_id == second_id:
            second_id = partner_id
            second = 1
        else:
            return None
        on = item.on
        if on < first_monday:
            seen_before = True
        elif on <= last_day:
            rows.extend(
                (
                    second,
                    (on.toordinal() - first_ordinal) // 7,
                    item.closeness,
                    item.felt_heard,
                    item.signs,
                    item.events,
                )
            )
    return first_id, second_id, seen_before, rows


def assess(  # noqa: C901, PLR0912, PLR0915 - one linear pass, kept in one place for speed
    items: list[object], as_of: dt.date, window_weeks: int
) -> DistanceAssessment | None:
    """Assess checked arguments; ``None`` when an item is not a CheckIn or a third partner shows.

    ``as_of`` must be a date and ``window_weeks`` an integer from 1 to
    ``MAX_WINDOW_WEEKS`` whose window starts in the year 1 or later: the
    caller, :func:`attunement.assess_distance`, checks that first, and on
    ``None`` finds the first bad item and raises.
    """
    weekday = as_of.weekday()
    first_ordinal = as_of.toordinal() - weekday - 7 * (window_weeks - 1)
    starts = _week_starts(first_ordinal, window_weeks)
    first_monday = starts[0]

    # Per partner slot (0 for the first partner to appear, window_weeks for
    # the second) plus week, flat: rating sums, counts and pooled signs.
    cells = _PARTNERS_PER_COUPLE * window_weeks
    closeness_sum = [0] * cells
    heard_sum = [0] * cells
    counts = [0] * cells
    signs_seen: list[frozenset[Sign]] = [_NO_SIGNS] * cells
    events_seen: list[frozenset[LifeEvent]] = [_NO_EVENTS] * window_weeks
    if _SELECT is None:
        selected = select_rows(items, first_monday, as_of)
    else:  # pragma: no cover - the optional build (tests/test_slotted.py)
        selected = _SELECT(_CHECKIN_LAYOUT, items, first_monday, as_of)
    if selected is None:
        return None
    first_id: str = selected[0]
    second_id: str = selected[1]
    seen_before_window: bool = selected[2]
    rows: list[Any] = selected[3]

    # Add up the rows inside the window, per partner slot and week.
    first_counted = window_weeks
    for base in range(0, len(rows), _ROW_WIDTH):
        in_second: int = rows[base]
        week: int = rows[base + 1]
        if week < first_counted:  # noqa: PLR1730 - a branch is cheaper than min()
            first_counted = week
        cell = in_second * window_weeks + week
        closeness_rating: int = rows[base + 2]
        heard_rating: int = rows[base + 3]
        closeness_sum[cell] = closeness_sum[cell] + closeness_rating
        heard_sum[cell] = heard_sum[cell] + heard_rating
        counts[cell] = counts[cell] + 1
        signs: frozenset[Sign] = rows[base + 4]
        if signs:
            pooled = signs_seen[cell]
            signs_seen[cell] = pooled | signs if pooled else signs
        events: frozenset[LifeEvent] = rows[base + 5]
        if events:
            pooled_events = events_seen[week]
            events_seen[week] = pooled_events | events if pooled_events else events

    if first_counted == window_weeks and not seen_before_window:
        return _empty(as_of, window_weeks, starts)
    if seen_before_window:
        first_counted = 0

    # The partners in id order, so results never depend on input order.
    partners = [_Partner(first_id, 0)]
    if second_id:
        second = _Partner(second_id, window_weeks)
        if second_id < first_id:
            partners.insert(0, second)
        else:
            partners.append(second)
    first_base = partners[0].base
    second_base = partners[-1].base

    # The week of ``as_of`` is still in progress unless ``as_of`` is its
    # Sunday (see ``week_in_progress``). In progress and without a check-in
    # (yet), it is neither missed nor weighted: the weeks before it are
    # weighed as they were last Sunday.
    counted_end = window_weeks
    if weekday != _SUNDAY and not counts[window_weeks - 1] and not counts[cells - 1]:
        counted_end -= 1
    decay = decay_weights(counted_end)
    total_weight = 0.0
    missed_weight = 0.0
    missed = 0
    observed_weeks: list[int] = []
    observed_scores: list[float] = []
    gaps: list[float] = []
    sign_totals = _SIGN_TOTALS
    for week in range(first_counted, counted_end):
        weight = decay[week]
        total_weight += weight
        people = (1 if counts[week] else 0) + (1 if counts[week + window_weeks] else 0)
        if not people:
            missed += 1
            missed_weight += weight
            continue
        share = 1 / people
        week_score = 0.0
        for partner in partners:
            cell = partner.base + week
            count = counts[cell]
            if not count:
                continue
            closeness = _CLOSENESS_POINTS * (_IOS_HIGH * count - closeness_sum[cell])
            closeness = closeness / (6 * count) * share
            heard = _FELT_HEARD_POINTS * (_FELT_HEARD_HIGH * count - heard_sum[cell])
            heard = heard / (4 * count) * share
            week_score += closeness + heard
            if closeness:
                partner.closeness += weight * closeness
                partner.has_closeness = True
            if heard:
                partner.heard += weight * heard
                partner.has_heard = True
            signs = signs_seen[cell]
            if signs:
                weights = sign_totals.get(signs)
                if weights is None:
                    weights = _sign_weights(signs)
                total = weights[0]
                capped = total if total < _SIGN_WEIGHT_CAP else _SIGN_WEIGHT_CAP  # noqa: FURB136
                points = _SIGN_POINTS * capped / _SIGN_WEIGHT_CAP * share
                week_score += points
                per_weight = weight * points / total
                sign_points = partner.sign_points
                noticed = partner.signs_noticed
                for index in range(1, len(weights), 2):
                    rank = weights[index]
                    sign_points[rank] = sign_points[rank] + per_weight * weights[index + 1]
                    noticed |= 1 << rank
                partner.signs_noticed = noticed
        observed_weeks.append(week)
        observed_scores.append(round2(week_score))
        if people == _PARTNERS_PER_COUPLE:
            first_cell = first_base + week
            second_cell = second_base + week
            gaps.append(
                abs(
                    closeness_sum[first_cell] / counts[first_cell]
                    - closeness_sum[second_cell] / counts[second_cell]
                )
            )

    # Contributions: normalised shares, largest first, balanced to the score.
    # Equal shares rank by factor, then sign, then partner id; the code says
    # which is which: factor * 64 + (sign rank + 1) * 2 + partner position.
    # The entries are made in that order, so a stable sort by share alone
    # ranks them.
    ranked: list[tuple[float, int]] = []
    for position, partner in enumerate(partners):
        if partner.has_closeness:
            ranked.append((-partner.closeness / total_weight, _CLOSENESS * 64 + position))
    for position, partner in enumerate(partners):
        if partner.has_heard:
            ranked.append((-partner.heard / total_weight, _FELT_HEARD * 64 + position))
    noticed_by_any = 0
    for partner in partners:
        noticed_by_any |= partner.signs_noticed
    for rank in range(_SIGN_COUNT):
        if noticed_by_any >> rank & 1:
            for position, partner in enumerate(partners):
                if partner.signs_noticed >> rank & 1:
                    share = -partner.sign_points[rank] / total_weight
                    ranked.append((share, _SIGN * 64 + rank * 2 + 2 + position))
    if missed:
        ranked.append((-(missed_weight * _MISSED_WEEK_SCORE) / total_weight, _MISSED * 64))
    ranked.sort(key=_share_of)
    score = 0.0
    contributions: tuple[Contribution, ...] = ()
    if ranked:
        if _BALANCE is None:
            kept, kept_points, score = _balance(ranked)
        else:  # pragma: no cover - the optional build (tests/test_slotted.py)
            kept, kept_points, score = _BALANCE(ranked, _fsum, _SUM)
        contributions = _contributions(ranked, kept, kept_points, partners, missed)

    weeks_observed = len(observed_weeks)
    provisional = weeks_observed < _MIN_WEEKS_FOR_FIRM_LEVEL
    level = level_for(score)
    if provisional and (level is _DISTANT or level is _DETACHED):
        level = _DRIFTING

    # Life events of the weeks in which the score rose, and of the week before:
    # one union, in week order, as a set's iteration order (its repr) depends
    # on how it was built.
    rising: list[frozenset[LifeEvent]] = []
    for index in range(1, weeks_observed):
        if observed_scores[index] > observed_scores[index - 1]:
            week = observed_weeks[index]
            rising.append(events_seen[week])
            rising.append(events_seen[week - 1])
    contexts = _NO_EVENTS
    for events in rising:
        if events:  # else the union is empty too
            contexts = _NO_EVENTS.union(*rising)
            break

    gap_weeks = 0
    for index in range(max(0, len(gaps) - _GAP_LOOKBACK), len(gaps)):
        if gaps[index] >= _GAP_POINTS:
            gap_weeks += 1
    return _assessment(
        as_of,
        window_weeks,
        score,
        level,
        _trend(observed_weeks, observed_scores),
        contributions,
        _weekly(starts, observed_weeks, observed_scores),
        weeks_observed,
        missed,
        provisional,
        sum(gaps) / len(gaps) if gaps else None,
        gap_weeks >= _GAP_WEEKS_NEEDED,
        contexts,
    )


def _contributions(
    ranked: list[tuple[float, int]],
    kept: list[int],
    shares: list[Any],  # floats, passed on as they are (as float, compiled code reboxes them)
    partners: list[_Partner],
    missed: int,
) -> tuple[Contribution, ...]:
    built: list[Contribution] = []
    noticed_by = [f" (noticed by {partner.partner_id})" for partner in partners]
    for position in range(len(kept)):
        code = ranked[kept[position]][1]
        kind = code >> 6
        partner: str | None = partners[code & 1].partner_id
        sign: Sign | None = None
        if kind == _CLOSENESS:
            factor = _CLOSENESS_FACTOR
            label = f"{partner} feels less close"
        elif kind == _FELT_HEARD:
            factor = _FELT_HEARD_FACTOR
            label = f"{partner} feels unheard"
        elif kind == _SIGN:
            factor = _SIGN_FACTOR
            rank = ((code & 63) >> 1) - 1
            label = _SIGN_PHRASE_BY_RANK[rank] + noticed_by[code & 1]
            sign = _SIGNS[rank]
        else:
            factor = _MISSED_FACTOR
            label = f"{missed} week{'s' if missed != 1 else ''} without a check-in"
            partner = None
        if _MAKE is None:
            contribution: Any = _blank_contribution()
            contribution.factor = factor
            contribution.points = shares[position]
            contribution.label = label
            contribution.sign = sign
            contribution.partner_id = partner
            contribution.__class__ = _Contribution
        else:  # pragma: no cover - the optional build (tests/test_slotted.py)
            contribution = _MAKE(
                _CONTRIBUTION_LAYOUT, factor, shares[position], label, sign, partner
            )
        built.append(contribution)
    return tuple(built)


def _empty(as_of: dt.date, window_weeks: int, starts: tuple[dt.date, ...]) -> DistanceAssessment:
    return _assessment(
        as_of,
        window_weeks,
        0.0,
        _CONNECTED,
        _UNKNOWN,
        (),
        _weekly(starts, [], []),
        0,
        0,
        True,  # noqa: FBT003 - provisional
        None,
        False,  # noqa: FBT003 - not out of step
        _NO_EVENTS,
    )
