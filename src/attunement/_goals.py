"""Small shared practices, their progress, and which ones to suggest.

Missing a period is information, not failure: progress reports what was done
and what is due, statuses are neutral ("slipping" means "worth a look"), and
streaks never reset because the current period is not over yet.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any

import attrs

from ._distance import (
    Contribution,
    DistanceAssessment,
    DistanceLevel,
    Factor,
    week_in_progress,
)
from ._errors import ValidationError
from ._fields import check_date, check_id, check_name, check_optional_date, member_of
from ._signs import Sign

#: The most times per period a cadence may ask for.
MAX_TIMES = 100
#: At most this many suggestions come back from :func:`suggest_goals`.
MAX_SUGGESTIONS = 3
#: Couples therapy is suggested when at least this many of the last
#: ``THERAPY_LOOKBACK`` weekly levels were DISTANT or DETACHED.
THERAPY_WEEKS_NEEDED = 4
#: How many of the most recent weeks the therapy rule looks at.
THERAPY_LOOKBACK = 6


class Practice(enum.Enum):
    """A small, achievable practice a couple can take up together.

    Example:
        >>> import attunement as at
        >>> at.Practice("check_in")
        <Practice.CHECK_IN: 'check_in'>
    """

    #: A weekly "state of the union" conversation.
    CHECK_IN = "check_in"
    #: Telling each other one thing you appreciated.
    APPRECIATION = "appreciation"
    #: Asking an open question and listening to the answer.
    CURIOSITY_QUESTION = "curiosity_question"
    #: Undistracted time together.
    QUALITY_TIME = "quality_time"
    #: Hugs, holding hands, a long kiss hello.
    PHYSICAL_AFFECTION = "physical_affection"
    #: Returning to a hard moment calmly, to understand each other.
    REPAIR_CONVERSATION = "repair_conversation"
    #: Meeting a couples therapist.
    COUPLES_THERAPY = "couples_therapy"


class Period(enum.Enum):
    """The span a cadence counts over.

    Days are calendar days, weeks are ISO weeks (Monday to Sunday) and months
    are calendar months.

    Example:
        >>> import attunement as at
        >>> at.Period.WEEK.value
        'week'
    """

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


def _check_times(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or not 1 <= value <= MAX_TIMES:
        raise ValidationError(f"must be an integer from 1 to {MAX_TIMES}", path=(attribute.name,))


@attrs.frozen(kw_only=True)
class Cadence:
    """How often a practice is meant to happen: ``times`` per ``per``.

    Args:
        times: How many times in each period, 1 to 100.
        per: The period.

    Example:
        >>> import attunement as at
        >>> at.Cadence(times=2, per=at.Period.WEEK)
        Cadence(times=2, per=<Period.WEEK: 'week'>)
    """

    times: int = attrs.field(validator=_check_times)
    per: Period = attrs.field(validator=member_of(Period))


def _check_addresses(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not frozenset or any(type(sign) is not Sign for sign in value):
        raise ValidationError("must be a frozenset of Sign", path=(attribute.name,))


def _check_cadence(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not Cadence:
        raise ValidationError("must be a Cadence", path=(attribute.name,))


def _check_ends(instance: Goal, attribute: attrs.Attribute[Any], value: object) -> None:
    check_optional_date(instance, attribute, value)
    if isinstance(value, dt.date) and value < instance.starts:
        raise ValidationError("must not be before starts", path=(attribute.name,))


@attrs.frozen(kw_only=True)
class Goal:
    """A small shared practice the couple has taken up.

    Args:
        id: A stable identifier chosen by the app.
        title: A display title (may be written by the couple; never echoed in
            errors).
        practice: The kind of practice.
        cadence: How often it is meant to happen.
        starts: The first day of the goal.
        ends: The last day of the goal, or ``None`` for open-ended goals;
            never before ``starts``.
        addresses: The distance signs the goal is meant to answer.

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> goal = at.Goal(id="g1", title="Sunday check-in", practice=at.Practice.CHECK_IN,
        ...     cadence=at.Cadence(times=1, per=at.Period.WEEK), starts=date(2026, 11, 2),
        ...     addresses=frozenset({at.Sign.LOGISTICS_ONLY}))
        >>> goal.ends is None
        True
    """

    id: str = attrs.field(validator=check_id)
    title: str = attrs.field(validator=check_name)
    practice: Practice = attrs.field(validator=member_of(Practice))
    cadence: Cadence = attrs.field(validator=_check_cadence)
    starts: dt.date = attrs.field(validator=check_date)
    ends: dt.date | None = attrs.field(default=None, validator=_check_ends)
    addresses: frozenset[Sign] = attrs.field(default=frozenset(), validator=_check_addresses)


class GoalStatus(enum.Enum):
    """Where a goal stands, in neutral words.

    * ``NOT_STARTED``: ``as_of`` is before the goal starts, or the goal is in
      its first period and nothing has been done yet.
    * ``ON_TRACK``: the current period is already met, or the last finished
      period was met, or (in the first period) something has been done.
    * ``SLIPPING``: the last finished period was not met and the current one
      is not met yet: a moment to check whether the cadence still fits.
    * ``ENDED``: ``as_of`` is after the goal's last day.

    Example:
        >>> import attunement as at
        >>> at.GoalStatus.ON_TRACK.value
        'on_track'
    """

    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    SLIPPING = "slipping"
    ENDED = "ended"


@attrs.frozen(kw_only=True)
class GoalProgress:
    """What has been done toward a goal, as of a day.

    Built by :func:`goal_progress` and trusted as built: result types are not
    validated at construction or when loaded with :func:`attunement.from_json`,
    so recompute from the goal and its dates rather than trust a stored result.

    Attributes:
        goal_id: The goal's id.
        as_of: The day the progress describes.
        periods_due: Finished periods, plus the current one once it is met.
        periods_met: Due periods in which the practice happened at least
            ``cadence.times`` times.
        adherence: ``periods_met / periods_due``, or 0.0 when nothing is due.
        streak: Met periods in a row up to the latest due period. The current
            period never breaks a streak while it is still open.
        best_streak: The longest run of met periods.
        status: See :class:`GoalStatus`.
        outside_span: Dates that were not counted because they fall before
            ``starts``, after ``ends`` or after ``as_of``.
        done_this_period: Times done so far in the period containing
            ``as_of`` (or the goal's last day, once it ended).

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> goal = at.Goal(id="g1", title="Sunday check-in", practice=at.Practice.CHECK_IN,
        ...     cadence=at.Cadence(times=1, per=at.Period.WEEK), starts=date(2026, 11, 2))
        >>> progress = at.goal_progress(goal, [date(2026, 11, 8)], as_of=date(2026, 11, 18))
        >>> progress.periods_due, progress.periods_met, progress.status.value
        (2, 1, 'slipping')
    """

    goal_id: str
    as_of: dt.date
    periods_due: int
    periods_met: int
    adherence: float
    streak: int
    best_streak: int
    status: GoalStatus
    outside_span: int
    done_this_period: int


@attrs.frozen(kw_only=True)
class GoalSuggestion:
    """A practice :func:`suggest_goals` proposes, and why.

    Built by :func:`suggest_goals` and trusted as built: result types are not
    validated at construction or when loaded with :func:`attunement.from_json`,
    so recompute from a fresh assessment rather than trust a stored result.

    Attributes:
        practice: The practice.
        cadence: A small starting cadence.
        title: A short display title.
        rationale: One sentence naming the signs or factors it answers.
        addresses: The signs it answers (empty when it answers ratings only).

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> suggestion = at.suggest_goals(at.assess_distance([], as_of=date(2026, 11, 29)))[0]
        >>> suggestion.practice.value, suggestion.cadence.times, suggestion.cadence.per.value
        ('check_in', 1, 'week')
    """

    practice: Practice
    cadence: Cadence
    title: str
    rationale: str
    addresses: frozenset[Sign] = frozenset()


# ----------------------------------------------------------------- progress


def _period_index(day: dt.date, starts: dt.date, per: Period) -> int:
    if per is Period.DAY:
        return (day - starts).days
    if per is Period.WEEK:
        return (day.toordinal() - day.weekday() - starts.toordinal() + starts.weekday()) // 7
    return (day.year - starts.year) * 12 + day.month - starts.month


def _check_goal_arguments(goal: object, as_of: object) -> None:
    if type(goal) is not Goal:
        raise ValidationError("must be a Goal", path=("goal",))
    if type(as_of) is not dt.date:
        raise ValidationError("must be a date", path=("as_of",))


def _count_per_period(
    done: Iterable[dt.date], starts: dt.date, last_day: dt.date, per: Period
) -> tuple[dict[int, int], int]:
    """Count the dates per period index, and the dates outside starts..last_day."""
    try:
        dates = tuple(done)
    except TypeError:
        raise ValidationError("must be an iterable of dates", path=("done",)) from None
    counts: dict[int, int] = {}
    outside = 0
    for index, day in enumerate(dates):
        if type(day) is not dt.date:
            raise ValidationError("must be a date", path=("done", index))
        if day < starts or day > last_day:
            outside += 1
            continue
        period = _period_index(day, starts, per)
        counts[period] = counts.get(period, 0) + 1
    return counts, outside


def goal_progress(goal: Goal, done: Iterable[dt.date], *, as_of: dt.date) -> GoalProgress:
    """Work out a goal's progress from the dates it was done.

    Periods follow ``goal.cadence.per``: calendar days, ISO weeks (Monday to
    Sunday) or calendar months, the first being the one that contains
    ``goal.starts``. A period is *due* once it is over (``as_of`` is after its
    last day, or the goal has ended) and also, early, as soon as it is met, so
    that doing the practice shows at once while an open period never counts
    against the couple. A date may appear several times (done twice that day).

    Args:
        goal: The goal.
        done: The dates the practice was done, in any order.
        as_of: The day to report on.

    Returns:
        The progress; dates before ``starts``, after ``ends`` or after
        ``as_of`` are not counted and are reported in ``outside_span``.

    Raises:
        ValidationError: ``goal`` is not a Goal, ``as_of`` or an item of
            ``done`` is not a date.

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> goal = at.Goal(id="g1", title="Appreciations", practice=at.Practice.APPRECIATION,
        ...     cadence=at.Cadence(times=2, per=at.Period.WEEK), starts=date(2026, 11, 2))
        >>> done = [date(2026, 11, 3), date(2026, 11, 6), date(2026, 11, 10),
        ...         date(2026, 11, 12), date(2026, 11, 17), date(2026, 10, 1)]
        >>> progress = at.goal_progress(goal, done, as_of=date(2026, 11, 18))
        >>> progress.periods_due, progress.periods_met, progress.streak, progress.status.value
        (2, 2, 2, 'on_track')
        >>> progress.done_this_period, progress.outside_span
        (1, 1)
    """
    _check_goal_arguments(goal, as_of)
    starts, ends, per = goal.starts, goal.ends, goal.cadence.per
    last_day = as_of if ends is None or as_of < ends else ends
    counts, outside = _count_per_period(done, starts, last_day, per)

    ended = ends is not None and as_of > ends
    if as_of < starts:
        return GoalProgress(
            goal_id=goal.id,
            as_of=as_of,
            periods_due=0,
            periods_met=0,
            adherence=0.0,
            streak=0,
            best_streak=0,
            status=GoalStatus.NOT_STARTED,
            outside_span=outside,
            done_this_period=0,
        )

    times = goal.cadence.times
    current = _period_index(last_day, starts, per)
    # The current period is due when the goal has ended or it is already met.
    current_met = counts.get(current, 0) >= times
    finished = current + 1 if ended else current
    due = finished + 1 if (current_met and not ended) else finished
    met = 0
    run = 0
    best = 0
    for period in range(due):
        if counts.get(period, 0) >= times:
            met += 1
            run += 1
            best = max(best, run)
        else:
            run = 0

    if ended:
        status = GoalStatus.ENDED
    elif finished == 0:
        status = GoalStatus.ON_TRACK if counts else GoalStatus.NOT_STARTED
    elif current_met or counts.get(finished - 1, 0) >= times:
        status = GoalStatus.ON_TRACK
    else:
        status = GoalStatus.SLIPPING
    return GoalProgress(
        goal_id=goal.id,
        as_of=as_of,
        periods_due=due,
        periods_met=met,
        adherence=met / due if due else 0.0,
        streak=run,
        best_streak=best,
        status=status,
        outside_span=outside,
        done_this_period=counts.get(current, 0),
    )


# -------------------------------------------------------------- suggestions

_PRACTICE_FOR_SIGN: dict[Sign, Practice] = {
    Sign.BIDS_MISSED: Practice.APPRECIATION,
    Sign.LESS_WARMTH: Practice.APPRECIATION,
    Sign.LOGISTICS_ONLY: Practice.CURIOSITY_QUESTION,
    Sign.WITHDRAWAL: Practice.REPAIR_CONVERSATION,
    Sign.HANDLING_ALONE: Practice.CHECK_IN,
    Sign.CONFIDING_ELSEWHERE: Practice.CURIOSITY_QUESTION,
    Sign.PARALLEL_LIVES: Practice.QUALITY_TIME,
    Sign.LONELY_TOGETHER: Practice.QUALITY_TIME,
    Sign.NEGATIVE_OVERRIDE: Practice.APPRECIATION,
    Sign.LESS_TOUCH: Practice.PHYSICAL_AFFECTION,
    Sign.INDIFFERENCE: Practice.REPAIR_CONVERSATION,
    Sign.PHONE_DISTRACTION: Practice.QUALITY_TIME,
    Sign.EMOTIONAL_CUTOFF: Practice.REPAIR_CONVERSATION,
}
_PRACTICE_FOR_FACTOR: dict[Factor, Practice] = {
    Factor.CLOSENESS: Practice.QUALITY_TIME,
    Factor.FELT_HEARD: Practice.CURIOSITY_QUESTION,
    Factor.MISSED_WEEKS: Practice.CHECK_IN,
}
_STARTING_CADENCE: dict[Practice, Cadence] = {
    Practice.CHECK_IN: Cadence(times=1, per=Period.WEEK),
    Practice.APPRECIATION: Cadence(times=1, per=Period.DAY),
    Practice.CURIOSITY_QUESTION: Cadence(times=2, per=Period.WEEK),
    Practice.QUALITY_TIME: Cadence(times=1, per=Period.WEEK),
    Practice.PHYSICAL_AFFECTION: Cadence(times=1, per=Period.DAY),
    Practice.REPAIR_CONVERSATION: Cadence(times=1, per=Period.WEEK),
    Practice.COUPLES_THERAPY: Cadence(times=1, per=Period.MONTH),
}
_TITLES: dict[Practice, str] = {
    Practice.CHECK_IN: "A weekly check-in together",
    Practice.APPRECIATION: "Share one appreciation a day",
    Practice.CURIOSITY_QUESTION: "Ask each other an open question twice a week",
    Practice.QUALITY_TIME: "An hour a week of undistracted time together",
    Practice.PHYSICAL_AFFECTION: "A long hug or held hands every day",
    Practice.REPAIR_CONVERSATION: "A calm weekly talk about one hard moment",
    Practice.COUPLES_THERAPY: "Look for a couples therapist together",
}
_DISTANT_LEVELS = (DistanceLevel.DISTANT, DistanceLevel.DETACHED)


def _practice_for(contribution: Contribution) -> Practice:
    if contribution.sign is not None:
        return _PRACTICE_FOR_SIGN[contribution.sign]
    return _PRACTICE_FOR_FACTOR[contribution.factor]


def _active_practices(assessment: object, active: Iterable[Goal]) -> set[Practice]:
    if type(assessment) is not DistanceAssessment:
        raise ValidationError("must be a DistanceAssessment", path=("assessment",))
    try:
        goals = tuple(active)
    except TypeError:
        raise ValidationError("must be an iterable of Goal", path=("active",)) from None
    for index, goal in enumerate(goals):
        if type(goal) is not Goal:
            raise ValidationError("must be a Goal", path=("active", index))
    return {goal.practice for goal in goals}


def suggest_goals(
    assessment: DistanceAssessment, *, active: Iterable[Goal] = ()
) -> tuple[GoalSuggestion, ...]:
    """Suggest up to three small practices that answer what drives the distance.

    In order, skipping any practice an ``active`` goal already covers:

    1. couples therapy, when at least 4 of the last 6 weekly levels were
       DISTANT or DETACHED (when the week of ``as_of`` is still in progress
       and nobody has checked in yet, the 6 weeks before it are looked at;
       with ``window_weeks`` below 4 there are too few weeks, so therapy is
       never suggested);
    2. a weekly check-in, when no active goal is a check-in;
    3. the practices that answer the largest contributions, largest first
       (for example a curiosity question answers "talk has shrunk to
       logistics", and quality time answers "feels less close"; the
       distance explanation page gives the full mapping).

    Each suggestion's rationale names the signs and factors it answers, and
    its cadence is a small start: a check-in, quality time or a repair
    conversation once a week, a curiosity question twice a week, an
    appreciation or physical affection once a day, couples therapy once a
    month.

    Args:
        assessment: The couple's current :class:`DistanceAssessment`.
        active: Goals the couple already has.

    Returns:
        At most 3 suggestions, most important first.

    Raises:
        ValidationError: ``assessment`` is not a DistanceAssessment or an item
            of ``active`` is not a Goal.

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> checkin = at.CheckIn(partner_id="sam", on=date(2026, 11, 23), closeness=5,
        ...     felt_heard=4, stress=3, signs=frozenset({at.Sign.LOGISTICS_ONLY}))
        >>> assessment = at.assess_distance([checkin], as_of=date(2026, 11, 29))
        >>> for suggestion in at.suggest_goals(assessment):
        ...     print(suggestion.practice.value, "|", suggestion.rationale)
        check_in | A regular time to talk keeps small things small.
        quality_time | Suggested for: sam feels less close.
        curiosity_question | Suggested for: sam feels unheard; talk has shrunk to logistics (noticed by sam).
    """  # noqa: E501 - the doctest output is one line
    taken = _active_practices(assessment, active)

    chosen: list[Practice] = []
    weekly = assessment.weekly
    if weekly and weekly[-1].score is None and week_in_progress(assessment.as_of):
        # The week of as_of is still in progress and nobody has checked in
        # yet: it says nothing, so look at the weeks before it.
        weekly = weekly[:-1]
    recent = [week.level for week in weekly[-THERAPY_LOOKBACK:]]
    if sum(level in _DISTANT_LEVELS for level in recent) >= THERAPY_WEEKS_NEEDED:
        chosen.append(Practice.COUPLES_THERAPY)
    if Practice.CHECK_IN not in taken:
        chosen.append(Practice.CHECK_IN)
    answered: dict[Practice, list[Contribution]] = {}
    for contribution in assessment.contributions:
        practice = _practice_for(contribution)
        answered.setdefault(practice, []).append(contribution)
        if practice not in chosen:
            chosen.append(practice)
    chosen = [practice for practice in chosen if practice not in taken][:MAX_SUGGESTIONS]

    suggestions = []
    for practice in chosen:
        reasons = answered.get(practice, [])
        if practice is Practice.COUPLES_THERAPY:
            rationale = (
                "Distance has been high for most of the last six weeks; "
                "a therapist can help you both be heard."
            )
        elif reasons:
            rationale = "Suggested for: " + "; ".join(c.label for c in reasons) + "."
        else:
            rationale = "A regular time to talk keeps small things small."
        suggestions.append(
            GoalSuggestion(
                practice=practice,
                cadence=_STARTING_CADENCE[practice],
                title=_TITLES[practice],
                rationale=rationale,
                addresses=frozenset(c.sign for c in reasons if c.sign is not None),
            )
        )
    return tuple(suggestions)
