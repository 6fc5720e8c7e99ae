"""Goal rules, rationales and refusal reasons that mutation testing found unguarded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

import attunement as at

MONDAY = dt.date(2026, 11, 2)
WEEKLY = at.Cadence(times=1, per=at.Period.WEEK)

# The same package, typed loosely: the refusals below pass wrong types on purpose.
AT: Any = at


def goal(**changes: Any) -> at.Goal:
    fields: dict[str, Any] = {
        "id": "g1",
        "title": "Sunday check-in",
        "practice": at.Practice.CHECK_IN,
        "cadence": WEEKLY,
        "starts": MONDAY,
    }
    fields.update(changes)
    return at.Goal(**fields)


def assessment(**checkin_fields: Any) -> at.DistanceAssessment:
    fields: dict[str, Any] = {
        "partner_id": "sam",
        "on": MONDAY,
        "closeness": 5,
        "felt_heard": 4,
        "stress": 3,
        "signs": frozenset({at.Sign.LOGISTICS_ONLY}),
    }
    fields.update(checkin_fields)
    return at.assess_distance([at.CheckIn(**fields)], as_of=MONDAY + dt.timedelta(days=6))


# ----------------------------------------------------------------- progress


def test_a_goal_is_not_ended_on_its_last_day() -> None:
    # Rule: a goal ends AFTER its `ends` day; on that day it is still running.
    last = MONDAY + dt.timedelta(days=13)
    progress = at.goal_progress(goal(ends=last), [MONDAY, last], as_of=last)
    assert progress.status is not at.GoalStatus.ENDED
    assert at.goal_progress(goal(ends=last), [], as_of=last + dt.timedelta(days=1)).status is (
        at.GoalStatus.ENDED
    )


def test_a_goal_has_started_on_its_first_day() -> None:
    # Rule: done on the first day counts on that very day.
    progress = at.goal_progress(goal(), [MONDAY], as_of=MONDAY)
    assert progress.status is at.GoalStatus.ON_TRACK
    assert progress.done_this_period == 1
    assert progress.periods_met == 1


def test_before_the_start_nothing_is_done_this_period() -> None:
    # Practice dated before the start is outside the goal's span, not progress.
    earlier = MONDAY - dt.timedelta(days=3)
    progress = at.goal_progress(goal(), [earlier], as_of=MONDAY - dt.timedelta(days=1))
    assert progress.status is at.GoalStatus.NOT_STARTED
    assert progress.done_this_period == 0
    assert progress.outside_span == 1


def test_adherence_is_zero_while_nothing_is_due() -> None:
    # Documented: adherence is 0.0 when nothing is due (not a perfect 1.0).
    progress = at.goal_progress(goal(), [], as_of=MONDAY + dt.timedelta(days=2))
    assert progress.periods_due == 0
    assert progress.adherence == 0.0


# -------------------------------------------------------------- suggestions


def test_a_rationale_lists_every_contribution_it_answers() -> None:
    # Rule: each suggestion's rationale names the signs and factors it answers,
    # as one readable sentence.
    suggestions = at.suggest_goals(assessment())
    curiosity = next(s for s in suggestions if s.practice is at.Practice.CURIOSITY_QUESTION)
    assert curiosity.rationale == (
        "Suggested for: sam feels unheard; talk has shrunk to logistics (noticed by sam)."
    )


def test_the_check_in_rationale_is_a_plain_sentence() -> None:
    check_in = at.suggest_goals(assessment())[0]
    assert check_in.practice is at.Practice.CHECK_IN
    assert check_in.rationale == "A regular time to talk keeps small things small."


def test_the_therapy_rationale_explains_why_and_points_to_help() -> None:
    checkins = [
        at.CheckIn(
            partner_id="sam",
            on=MONDAY - dt.timedelta(weeks=week),
            closeness=1,
            felt_heard=1,
            stress=5,
        )
        for week in range(6)
    ]
    result = at.assess_distance(checkins, as_of=MONDAY + dt.timedelta(days=6))
    therapy = at.suggest_goals(result)[0]
    assert therapy.practice is at.Practice.COUPLES_THERAPY
    assert therapy.rationale == (
        "Distance has been high for most of the last six weeks; "
        "a therapist can help you both be heard."
    )


# ------------------------------------------------------------------ refusals

REFUSALS: list[tuple[str, Callable[[], object], str, str]] = [
    (
        "times",
        lambda: AT.Cadence(times=0, per=at.Period.WEEK),
        "$.times",
        "must be an integer from 1 to 100",
    ),
    (
        "addresses",
        lambda: goal(addresses={at.Sign.LESS_TOUCH}),
        "$.addresses",
        "must be a frozenset of Sign",
    ),
    ("cadence", lambda: goal(cadence="weekly"), "$.cadence", "must be a Cadence"),
    (
        "ends",
        lambda: goal(ends=MONDAY - dt.timedelta(days=1)),
        "$.ends",
        "must not be before starts",
    ),
    (
        "goal",
        lambda: AT.goal_progress("g", [], as_of=MONDAY),
        "$.goal",
        "must be a Goal",
    ),
    (
        "as_of",
        lambda: AT.goal_progress(goal(), [], as_of="2026-11-02"),
        "$.as_of",
        "must be a date",
    ),
    (
        "done",
        lambda: AT.goal_progress(goal(), 5, as_of=MONDAY),
        "$.done",
        "must be an iterable of dates",
    ),
    (
        "done item",
        lambda: AT.goal_progress(goal(), ["2026-11-02"], as_of=MONDAY),
        "$.done[0]",
        "must be a date",
    ),
    (
        "assessment",
        lambda: AT.suggest_goals("a"),
        "$.assessment",
        "must be a DistanceAssessment",
    ),
    (
        "active",
        lambda: AT.suggest_goals(assessment(), active=5),
        "$.active",
        "must be an iterable of Goal",
    ),
    (
        "active item",
        lambda: AT.suggest_goals(assessment(), active=["g"]),
        "$.active[0]",
        "must be a Goal",
    ),
]


@pytest.mark.parametrize(
    ("call", "path", "reason"),
    [pytest.param(call, path, reason, id=name) for name, call, path, reason in REFUSALS],
)
def test_each_refusal_states_where_and_why(
    call: Callable[[], object],
    path: str,
    reason: str,
    assert_refused: Callable[[Callable[[], object], str, str], None],
) -> None:
    assert_refused(call, path, reason)


def test_a_goal_that_starts_on_a_sunday_counts_weeks_from_that_weeks_monday() -> None:
    # Rule: weekly periods are ISO weeks. A goal starting Sunday 8 November is
    # met in that week by the Sunday and in the next week by Monday 9 November.
    sunday = dt.date(2026, 11, 8)
    progress = at.goal_progress(
        goal(starts=sunday), [sunday, sunday + dt.timedelta(days=1)], as_of=dt.date(2026, 11, 22)
    )
    assert (progress.periods_due, progress.periods_met, progress.streak) == (2, 2, 2)
