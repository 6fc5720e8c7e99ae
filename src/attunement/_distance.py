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
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import itertools
import math
import operator
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

_IOS_HIGH = 7
_FELT_HEARD_HIGH = 5
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


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
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


# ------------------------------------------------------------------ labels

_SIGN_PHRASES: dict[Sign, str] = {
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
# Keyed by the enum's string value: str hashes are cached, Enum.__hash__ is
# Python code, and these lookups sit on the per-check-in path.
_SIGN_WEIGHT: dict[str, int] = {sign.value: sign.weight for sign in Sign}
_SIGN_RANK: dict[str, int] = {"": -1} | {sign.value: rank for rank, sign in enumerate(Sign)}
_SIGN_BY_VALUE: dict[str, Sign | None] = {"": None} | {sign.value: sign for sign in Sign}
_FACTORS = tuple(Factor)
_CLOSENESS, _FELT_HEARD, _SIGN, _MISSED = range(4)


# The result types have no validators or converters, so the hot path fills
# their slots directly: the same objects (equal, same repr, same pickle) at
# about half the cost of the keyword ``__init__``; a fleet builds millions.
_new = object.__new__
_CONTRIBUTION_SLOTS = tuple(
    Contribution.__dict__[name].__set__
    for name in ("factor", "points", "label", "sign", "partner_id")
)
_WEEKLY_SLOTS = tuple(
    WeeklyScore.__dict__[name].__set__ for name in ("week_start", "score", "level")
)
#: DistanceAssessment's fields, in declaration order (``_assessment`` is positional).
_ASSESSMENT_SLOTS = tuple(
    DistanceAssessment.__dict__[field.name].__set__ for field in attrs.fields(DistanceAssessment)
)
_NO_SIGNS: frozenset[Sign] = frozenset()
_NO_EVENTS: frozenset[LifeEvent] = frozenset()
# Summed weight and (value, weight) pairs per set of signs. At most 2**13
# distinct sets exist, so the cache is bounded by the Sign enum itself.
_SIGN_TOTALS: dict[frozenset[Sign], tuple[int, tuple[tuple[str, int], ...]]] = {}


def _sign_weights(signs: frozenset[Sign]) -> tuple[int, tuple[tuple[str, int], ...]]:
    pairs = tuple((sign.value, _SIGN_WEIGHT[sign.value]) for sign in signs)
    found = _SIGN_TOTALS[signs] = (sum(weight for _, weight in pairs), pairs)
    return found


_SIGN_PHRASE_BY_VALUE: dict[str, str] = {
    sign.value: phrase for sign, phrase in _SIGN_PHRASES.items()
}


def _contributions(
    ranked: list[tuple[float, int, int, str, str]],
    balanced: list[tuple[int, float]],
    missed: int,
) -> tuple[Contribution, ...]:
    set_factor, set_points, set_label, set_sign, set_partner = _CONTRIBUTION_SLOTS
    built: list[Contribution] = []
    for index, points in balanced:
        _, factor, _, partner_id, sign_value = ranked[index]
        if factor == _CLOSENESS:
            label = f"{partner_id} feels less close"
        elif factor == _FELT_HEARD:
            label = f"{partner_id} feels unheard"
        elif sign_value:
            label = f"{_SIGN_PHRASE_BY_VALUE[sign_value]} (noticed by {partner_id})"
        else:
            label = f"{missed} week{'s' if missed != 1 else ''} without a check-in"
        contribution: Contribution = _new(Contribution)
        set_factor(contribution, _FACTORS[factor])
        set_points(contribution, points)
        set_label(contribution, label)
        set_sign(contribution, _SIGN_BY_VALUE[sign_value])
        set_partner(contribution, partner_id or None)
        built.append(contribution)
    return tuple(built)


def _weekly_score(
    week_start: dt.date, score: float | None, level: DistanceLevel | None
) -> WeeklyScore:
    weekly: WeeklyScore = _new(WeeklyScore)
    set_start, set_score, set_level = _WEEKLY_SLOTS
    set_start(weekly, week_start)
    set_score(weekly, score)
    set_level(weekly, level)
    return weekly


def _assessment(*values: object) -> DistanceAssessment:
    # The values in field order; the tests compare with the keyword form.
    assessment: DistanceAssessment = _new(DistanceAssessment)
    for set_slot, value in zip(_ASSESSMENT_SLOTS, values, strict=True):
        set_slot(assessment, value)
    return assessment


def level_for(score: float) -> DistanceLevel:
    """Return the band a score falls in.

    Example:
        >>> from attunement._distance import level_for
        >>> level_for(24.99).value, level_for(25.0).value, level_for(65.0).value
        ('connected', 'drifting', 'detached')
    """
    drifting, distant, detached = LEVEL_THRESHOLDS
    if score < drifting:
        return DistanceLevel.CONNECTED
    if score < distant:
        return DistanceLevel.DRIFTING
    if score < detached:
        return DistanceLevel.DISTANT
    return DistanceLevel.DETACHED


@functools.cache
def _decay_weights(window_weeks: int) -> tuple[float, ...]:
    # Oldest first; the latest week weighs 1 and weight halves every half-life.
    return tuple(
        0.5 ** ((window_weeks - 1 - week) / HALF_LIFE_WEEKS) for week in range(window_weeks)
    )


def theil_sen_slope(points: list[tuple[int, float]]) -> float:
    """The median of the slopes between every pair of points (Theil-Sen).

    Robust to a single unusual week, unlike a least-squares line.

    Example:
        >>> from attunement._distance import theil_sen_slope
        >>> theil_sen_slope([(0, 10.0), (1, 12.0), (2, 14.0), (3, 16.0), (4, 90.0)])
        2.0
    """
    slopes = [
        (y2 - y1) / (x2 - x1)
        for index, (x1, y1) in enumerate(points)
        for x2, y2 in points[index + 1 :]
    ]
    slopes.sort()
    middle = len(slopes) // 2
    if len(slopes) % 2:
        return slopes[middle]
    return (slopes[middle - 1] + slopes[middle]) / 2


def _trend(points: list[tuple[int, float]]) -> Trend:
    if len(points) < MIN_WEEKS_FOR_TREND:
        return Trend.UNKNOWN
    slope = theil_sen_slope(points[-TREND_WEEKS:])
    if slope > TREND_DEAD_BAND:
        return Trend.WORSENING
    if slope < -TREND_DEAD_BAND:
        return Trend.IMPROVING
    return Trend.STABLE


def _round2(value: float) -> float:
    # Half up, so 43.125 shows as 43.13 (round() would give 43.12: half to even).
    return math.floor(value * 100 + 0.5) / 100


def _balance(raw: list[float]) -> tuple[list[tuple[int, float]], float]:
    """Round shares to hundredths that add up, left to right, to the rounded score.

    The score is the sum of the shares rounded half up to two decimals; the
    missing hundredths go to the shares with the largest remainders (the
    largest-remainder method), so no share is off by more than 0.01. Shares
    that round to zero are left out. Then the last (smallest) share becomes
    the score minus the others, nudged by single float steps until the
    left-to-right float sum equals the score exactly (``0.1 + 0.2 != 0.3`` in
    binary floats); its steps are no larger than the score's, so the sum
    cannot jump over it.

    Returns:
        ``(index into raw, points)`` for the shares kept, and the score.
    """
    scaled = [points * 100 for points in raw]
    hundredths = list(map(math.floor, scaled))
    deficit = math.floor(math.fsum(scaled) + 0.5) - sum(hundredths)
    if deficit > 0:
        remainders = list(map(operator.sub, scaled, hundredths))
        # sorted() is stable: equal remainders keep the larger share first.
        for index in sorted(range(len(raw)), key=remainders.__getitem__, reverse=True)[:deficit]:
            hundredths[index] += 1
    score = sum(hundredths) / 100
    kept = [index for index, value in enumerate(hundredths) if value > 0]
    if not kept:
        return [], score
    points = [hundredths[index] / 100 for index in kept]
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
    return list(zip(kept, points, strict=True)), score


def _empty(as_of: dt.date, window_weeks: int, first_monday: dt.date) -> DistanceAssessment:
    first_ordinal = first_monday.toordinal()
    provisional, out_of_step = True, False
    return _assessment(
        as_of,
        window_weeks,
        0.0,
        DistanceLevel.CONNECTED,
        Trend.UNKNOWN,
        (),
        tuple(
            _weekly_score(dt.date.fromordinal(first_ordinal + 7 * index), None, None)
            for index in range(window_weeks)
        ),
        0,
        0,
        provisional,
        None,
        out_of_step,
        _NO_EVENTS,
    )


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


def _locate_bad_item(items: tuple[object, ...]) -> ValidationError:
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


def assess_distance(  # noqa: C901, PLR0912, PLR0915 - one linear pass, kept in one place for speed
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
        items = tuple(checkins)
    except TypeError:
        raise ValidationError("must be an iterable of CheckIn", path=("checkins",)) from None

    last_monday = as_of - dt.timedelta(days=as_of.weekday())
    first_monday = last_monday - dt.timedelta(weeks=window_weeks - 1)
    first_ordinal = first_monday.toordinal()

    # One pass: check every item, keep the ones inside the window. Most of a
    # long history lies before the window, so that test comes first.
    partners: set[str] = set()
    add_partner = partners.add
    seen_before_window = False
    in_window: list[CheckIn] = []
    keep = in_window.append
    for item in items:
        if type(item) is not CheckIn:
            raise _locate_bad_item(items)
        add_partner(item.partner_id)
        on = item.on
        if on < first_monday:
            seen_before_window = True
        elif on <= as_of:
            keep(item)
    if len(partners) > _PARTNERS_PER_COUPLE:
        # The first offending item, in input order, whatever its kind.
        raise _locate_bad_item(items)

    if not in_window and not seen_before_window:
        return _empty(as_of, window_weeks, first_monday)

    # Per partner (in sorted id order, so results never depend on input order)
    # and per week, in flat lists indexed ``slot * window_weeks + week``:
    # rating sums, counts and pooled signs.
    ordered_ids = sorted(partners)
    first_id = ordered_ids[0]
    cells = len(ordered_ids) * window_weeks
    closeness_sum = [0] * cells
    heard_sum = [0] * cells
    counts = [0] * cells
    signs_seen: list[frozenset[Sign]] = [_NO_SIGNS] * cells
    events_seen: list[frozenset[LifeEvent]] = [_NO_EVENTS] * window_weeks
    present = [0] * window_weeks  # partners who checked in, per week
    first_counted = 0 if seen_before_window else window_weeks
    for item in in_window:
        week = (item.on.toordinal() - first_ordinal) // 7
        if week < first_counted:  # noqa: PLR1730 - a branch is cheaper than min()
            first_counted = week
        cell = week if item.partner_id == first_id else week + window_weeks
        if not counts[cell]:
            present[week] += 1
        closeness_sum[cell] += item.closeness
        heard_sum[cell] += item.felt_heard
        counts[cell] += 1
        signs = item.signs
        if signs:
            pooled = signs_seen[cell]
            signs_seen[cell] = pooled | signs if pooled else signs
        events = item.events
        if events:
            pooled_events = events_seen[week]
            events_seen[week] = pooled_events | events if pooled_events else events

    # The week of ``as_of`` is still in progress unless ``as_of`` is its Sunday.
    # In progress and without a check-in (yet), it is neither missed nor
    # weighted: the weeks before it are weighed as they were last Sunday.
    counted_end = window_weeks
    if not present[-1] and week_in_progress(as_of):
        counted_end -= 1
    decay = _decay_weights(counted_end)
    total_weight = 0.0
    missed_weight = 0.0
    missed = 0
    # Weighted points per partner slot: closeness, feeling heard, and per sign
    # (by the sign's value). Presence flags keep "never positive" factors out.
    slots = len(ordered_ids)
    closeness_points = [0.0] * slots
    heard_points = [0.0] * slots
    has_closeness = [False] * slots
    has_heard = [False] * slots
    sign_points_of: list[dict[str, float]] = [{} for _ in range(slots)]
    weekly_scores: list[float | None] = [None] * window_weeks
    gaps: list[float] = []
    sign_totals = _SIGN_TOTALS
    for week in range(first_counted, counted_end):
        weight = decay[week]
        total_weight += weight
        people = present[week]
        if not people:
            missed += 1
            missed_weight += weight
            continue
        share = 1 / people
        week_score = 0.0
        cell = week
        for slot in range(slots):
            count = counts[cell]
            if count:
                closeness = CLOSENESS_POINTS * (_IOS_HIGH * count - closeness_sum[cell])
                closeness = closeness / (6 * count) * share
                heard = FELT_HEARD_POINTS * (_FELT_HEARD_HIGH * count - heard_sum[cell])
                heard = heard / (4 * count) * share
                week_score += closeness + heard
                if closeness:
                    closeness_points[slot] += weight * closeness
                    has_closeness[slot] = True
                if heard:
                    heard_points[slot] += weight * heard
                    has_heard[slot] = True
                signs = signs_seen[cell]
                if signs:
                    weights = sign_totals.get(signs)
                    if weights is None:
                        weights = _sign_weights(signs)
                    total, pairs = weights
                    sign_points = (
                        SIGN_POINTS * min(total, SIGN_WEIGHT_CAP) / SIGN_WEIGHT_CAP * share
                    )
                    week_score += sign_points
                    per_weight = weight * sign_points / total
                    points_of = sign_points_of[slot]
                    for value, sign_weight in pairs:
                        points_of[value] = points_of.get(value, 0.0) + per_weight * sign_weight
            cell += window_weeks
        weekly_scores[week] = _round2(week_score)
        if people == _PARTNERS_PER_COUPLE:
            second = week + window_weeks
            gaps.append(
                abs(closeness_sum[week] / counts[week] - closeness_sum[second] / counts[second])
            )

    # Contributions: normalised shares, largest first, balanced to the score.
    ranked: list[tuple[float, int, int, str, str]] = []
    for slot, partner_id in enumerate(ordered_ids):
        if has_closeness[slot]:
            ranked.append((-closeness_points[slot] / total_weight, _CLOSENESS, -1, partner_id, ""))
        if has_heard[slot]:
            ranked.append((-heard_points[slot] / total_weight, _FELT_HEARD, -1, partner_id, ""))
        ranked += [
            (-points / total_weight, _SIGN, _SIGN_RANK[value], partner_id, value)
            for value, points in sign_points_of[slot].items()
        ]
    if missed:
        ranked.append((-(missed_weight * MISSED_WEEK_SCORE) / total_weight, _MISSED, -1, "", ""))
    ranked.sort()
    score = 0.0
    contributions: tuple[Contribution, ...] = ()
    if ranked:
        balanced, score = _balance([-entry[0] for entry in ranked])
        contributions = _contributions(ranked, balanced, missed)

    observed = [(week, s) for week, s in enumerate(weekly_scores) if s is not None]
    weeks_observed = len(observed)
    provisional = weeks_observed < MIN_WEEKS_FOR_FIRM_LEVEL
    level = level_for(score)
    if provisional and level in (DistanceLevel.DISTANT, DistanceLevel.DETACHED):
        level = DistanceLevel.DRIFTING

    # A union of frozensets reuses their stored hashes (Enum.__hash__ is Python).
    rising = [
        week for (_, before), (week, after) in itertools.pairwise(observed) if after > before
    ]
    contexts = _NO_EVENTS.union(*[events_seen[week - back] for week in rising for back in (0, 1)])

    recent_gaps = gaps[-GAP_LOOKBACK:]
    fromordinal = dt.date.fromordinal
    set_start, set_score, set_level = _WEEKLY_SLOTS
    weekly: list[WeeklyScore] = []
    ordinal = first_ordinal
    for week_score_or_none in weekly_scores:
        entry: WeeklyScore = _new(WeeklyScore)
        set_start(entry, fromordinal(ordinal))
        set_score(entry, week_score_or_none)
        set_level(entry, None if week_score_or_none is None else level_for(week_score_or_none))
        weekly.append(entry)
        ordinal += 7
    return _assessment(
        as_of,
        window_weeks,
        score,
        level,
        _trend(observed),
        contributions,
        tuple(weekly),
        weeks_observed,
        missed,
        provisional,
        sum(gaps) / len(gaps) if gaps else None,
        sum(gap >= GAP_POINTS for gap in recent_gaps) >= GAP_WEEKS_NEEDED,
        contexts,
    )
