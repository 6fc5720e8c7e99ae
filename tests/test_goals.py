"""Goals: cadences, progress per period, statuses, and suggestions from an assessment.

Calendar facts used below: 2026-11-02 is a Monday, so the ISO weeks are
Nov 2-8, Nov 9-15, Nov 16-22 and Nov 23-29.
"""

from __future__ import annotations

import datetime as dt
import pickle
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import attunement as at
from attunement import strategies as ats

MONDAY = dt.date(2026, 11, 2)
WEEKLY = at.Cadence(times=1, per=at.Period.WEEK)


def pickled(value: object) -> object:
    """Round-trip through pickle; the bytes are our own, never untrusted input."""
    return pickle.loads(pickle.dumps(value))  # noqa: S301


def goal(
    cadence: at.Cadence = WEEKLY,
    starts: dt.date = MONDAY,
    ends: dt.date | None = None,
    practice: at.Practice = at.Practice.CHECK_IN,
) -> at.Goal:
    return at.Goal(
        id="g1", title="Our check-in", practice=practice, cadence=cadence, starts=starts, ends=ends
    )


def nov(day: int) -> dt.date:
    return dt.date(2026, 11, day)


# ------------------------------------------------------------------ models


def test_cadence_and_goal_hold_their_fields() -> None:
    g = at.Goal(
        id="g1",
        title="Sunday talk",
        practice=at.Practice.CHECK_IN,
        cadence=WEEKLY,
        starts=MONDAY,
        ends=nov(30),
        addresses=frozenset({at.Sign.LOGISTICS_ONLY}),
    )
    assert g.cadence.times == 1
    assert g.cadence.per is at.Period.WEEK
    assert g.addresses == frozenset({at.Sign.LOGISTICS_ONLY})


def test_practices_cover_the_documented_kinds() -> None:
    assert {p.value for p in at.Practice} >= {
        "check_in",
        "appreciation",
        "curiosity_question",
        "quality_time",
        "physical_affection",
        "repair_conversation",
        "couples_therapy",
    }
    assert [p.value for p in at.Period] == ["day", "week", "month"]


@pytest.mark.parametrize("times", [0, -1, 101, True, 1.0, "1", None])
def test_cadence_times_must_be_an_integer_from_1_to_100(times: Any) -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.Cadence(times=times, per=at.Period.WEEK)
    assert caught.value.field == "times"


def test_cadence_period_must_be_a_period() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.Cadence(times=1, per="week")  # type: ignore[arg-type]
    assert caught.value.field == "per"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", ""),
        ("id", "has space"),
        ("title", "   "),
        ("title", 5),
        ("practice", "check_in"),
        ("cadence", {"times": 1, "per": "week"}),
        ("starts", dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)),
        ("starts", "2026-11-02"),
        ("ends", "2026-11-30"),
        ("ends", dt.date(2026, 11, 1)),
        ("addresses", {at.Sign.LOGISTICS_ONLY}),
        ("addresses", frozenset({"logistics_only"})),
    ],
)
def test_goal_fields_are_validated(field: str, value: Any) -> None:
    fields: dict[str, Any] = {
        "id": "g1",
        "title": "Our check-in",
        "practice": at.Practice.CHECK_IN,
        "cadence": WEEKLY,
        "starts": MONDAY,
        "ends": None,
        "addresses": frozenset(),
    }
    fields[field] = value
    with pytest.raises(at.ValidationError) as caught:
        at.Goal(**fields)
    assert caught.value.field == field


def test_goal_errors_never_echo_the_title() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.Goal(
            id="g1",
            title="private words",
            practice=at.Practice.CHECK_IN,
            cadence=WEEKLY,
            starts=MONDAY,
            ends=nov(1),
        )
    assert "private words" not in str(caught.value)


def test_a_one_day_goal_may_end_on_its_start() -> None:
    assert goal(ends=MONDAY).ends == MONDAY


# ---------------------------------------------------------------- progress


def test_weekly_progress_worked_by_hand() -> None:
    # Week 1 met (Sunday Nov 8), week 2 missed, week 3 open and not yet met.
    progress = at.goal_progress(goal(), [nov(8)], as_of=nov(18))
    assert (progress.periods_due, progress.periods_met) == (2, 1)
    assert progress.adherence == 0.5
    assert (progress.streak, progress.best_streak) == (0, 1)
    assert progress.status is at.GoalStatus.SLIPPING
    assert progress.done_this_period == 0
    assert progress.goal_id == "g1"
    assert progress.as_of == nov(18)


def test_an_open_period_counts_as_soon_as_it_is_met() -> None:
    progress = at.goal_progress(goal(), [nov(8), nov(19)], as_of=nov(19))
    assert (progress.periods_due, progress.periods_met) == (3, 2)
    assert (progress.streak, progress.best_streak) == (1, 1)
    assert progress.status is at.GoalStatus.ON_TRACK
    assert progress.done_this_period == 1


def test_an_open_unmet_period_never_breaks_a_streak() -> None:
    progress = at.goal_progress(goal(), [nov(3), nov(10)], as_of=nov(17))
    assert progress.streak == 2
    assert progress.status is at.GoalStatus.ON_TRACK


def test_iso_weeks_start_on_monday() -> None:
    # Sunday Nov 8 and Monday Nov 9 fall in different weeks: both met.
    progress = at.goal_progress(goal(), [nov(8), nov(9)], as_of=nov(16))
    assert (progress.periods_due, progress.periods_met) == (2, 2)
    # Two dates in one week meet only that week.
    same_week = at.goal_progress(goal(), [nov(2), nov(8)], as_of=nov(16))
    assert (same_week.periods_due, same_week.periods_met) == (2, 1)


def test_a_week_is_still_open_on_its_sunday() -> None:
    progress = at.goal_progress(goal(), [], as_of=nov(8))
    assert progress.periods_due == 0
    assert progress.status is at.GoalStatus.NOT_STARTED


def test_months_are_calendar_months() -> None:
    monthly = goal(cadence=at.Cadence(times=1, per=at.Period.MONTH), starts=dt.date(2026, 1, 15))
    done = [dt.date(2026, 1, 31), dt.date(2026, 2, 1)]
    progress = at.goal_progress(monthly, done, as_of=dt.date(2026, 3, 10))
    assert (progress.periods_due, progress.periods_met, progress.streak) == (2, 2, 2)
    across_years = at.goal_progress(monthly, done, as_of=dt.date(2027, 1, 2))
    assert across_years.periods_due == 12  # Jan 2026 .. Dec 2026
    assert across_years.status is at.GoalStatus.SLIPPING


def test_daily_progress_worked_by_hand() -> None:
    daily = goal(cadence=at.Cadence(times=1, per=at.Period.DAY))
    progress = at.goal_progress(daily, [nov(2), nov(3), nov(5)], as_of=nov(6))
    assert (progress.periods_due, progress.periods_met) == (4, 3)
    assert (progress.streak, progress.best_streak) == (1, 2)
    assert progress.status is at.GoalStatus.ON_TRACK


def test_repeated_dates_count_toward_times() -> None:
    twice = goal(cadence=at.Cadence(times=2, per=at.Period.WEEK))
    assert at.goal_progress(twice, [nov(3), nov(3)], as_of=nov(9)).periods_met == 1
    assert at.goal_progress(twice, [nov(3)], as_of=nov(9)).periods_met == 0


def test_ended_goals_count_their_last_period_and_say_ended() -> None:
    ended = goal(ends=nov(15))
    done = [dt.date(2026, 10, 30), nov(3), nov(10), nov(20)]
    progress = at.goal_progress(ended, done, as_of=nov(30))
    assert (progress.periods_due, progress.periods_met) == (2, 2)
    assert progress.status is at.GoalStatus.ENDED
    assert progress.outside_span == 2  # Oct 30 (before) and Nov 20 (after the end)


def test_dates_after_as_of_are_outside_the_span() -> None:
    progress = at.goal_progress(goal(), [nov(3), nov(25)], as_of=nov(10))
    assert progress.outside_span == 1
    assert progress.periods_met == 1


def test_before_the_start_nothing_is_due() -> None:
    progress = at.goal_progress(goal(), [dt.date(2026, 10, 1)], as_of=dt.date(2026, 10, 20))
    assert progress.status is at.GoalStatus.NOT_STARTED
    assert (progress.periods_due, progress.periods_met, progress.adherence) == (0, 0, 0.0)
    assert progress.outside_span == 1


def test_first_period_status_depends_on_whether_anything_was_done() -> None:
    twice = goal(cadence=at.Cadence(times=2, per=at.Period.WEEK))
    assert at.goal_progress(twice, [], as_of=nov(4)).status is at.GoalStatus.NOT_STARTED
    started = at.goal_progress(twice, [nov(3)], as_of=nov(4))
    assert started.status is at.GoalStatus.ON_TRACK
    assert started.periods_due == 0
    assert started.done_this_period == 1


def test_goal_progress_validates_its_arguments() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.goal_progress("g1", [], as_of=nov(3))  # type: ignore[arg-type]
    assert caught.value.field == "goal"
    with pytest.raises(at.ValidationError) as caught:
        at.goal_progress(goal(), [], as_of=dt.datetime(2026, 11, 3, 8, 0, tzinfo=dt.UTC))
    assert caught.value.field == "as_of"
    with pytest.raises(at.ValidationError) as caught:
        at.goal_progress(
            goal(), [nov(3), dt.datetime(2026, 11, 4, 8, 0, tzinfo=dt.UTC)], as_of=nov(9)
        )
    assert caught.value.path == "$.done[1]"
    with pytest.raises(at.ValidationError) as caught:
        at.goal_progress(goal(), 5, as_of=nov(9))  # type: ignore[arg-type]
    assert caught.value.path == "$.done"


done_dates = st.lists(ats.dates(dt.date(2019, 6, 1), dt.date(2031, 6, 1)), max_size=40)
as_of_dates = ats.dates(dt.date(2019, 6, 1), dt.date(2031, 6, 1))


@given(ats.goals(), done_dates, as_of_dates)
def test_progress_invariants(g: at.Goal, done: list[dt.date], as_of: dt.date) -> None:
    progress = at.goal_progress(g, done, as_of=as_of)
    assert 0 <= progress.periods_met <= progress.periods_due
    assert 0.0 <= progress.adherence <= 1.0
    assert 0 <= progress.streak <= progress.best_streak <= progress.periods_met
    last = as_of if g.ends is None else min(as_of, g.ends)
    assert progress.outside_span == sum(not g.starts <= d <= last for d in done)
    if g.ends is not None and as_of > g.ends:
        assert progress.status is at.GoalStatus.ENDED
    assert at.goal_progress(g, reversed(done), as_of=as_of) == progress


@given(ats.goals(), done_dates, as_of_dates, ats.dates(dt.date(2019, 6, 1), dt.date(2031, 6, 1)))
def test_doing_it_once_more_never_lowers_periods_met(
    g: at.Goal, done: list[dt.date], as_of: dt.date, extra: dt.date
) -> None:
    before = at.goal_progress(g, done, as_of=as_of)
    after = at.goal_progress(g, [*done, extra], as_of=as_of)
    assert after.periods_met >= before.periods_met
    assert after.best_streak >= before.best_streak


@given(ats.goals(), ats.cadences(), done_dates, as_of_dates)
def test_goal_models_round_trip_through_json_and_pickle(
    g: at.Goal, cadence: at.Cadence, done: list[dt.date], as_of: dt.date
) -> None:
    progress = at.goal_progress(g, done, as_of=as_of)
    for value, cls in ((g, at.Goal), (cadence, at.Cadence), (progress, at.GoalProgress)):
        assert at.from_json(at.to_json(value), cls) == value
        assert pickled(value) == value


def test_stored_goals_are_checked_on_load() -> None:
    document = at.to_json(goal())
    broken = document.replace(b'"times":1', b'"times":0')
    with pytest.raises(at.ValidationError) as caught:
        at.from_json(broken, at.Goal)
    assert caught.value.field == "times"


# ------------------------------------------------------------- suggestions

AS_OF = dt.date(2026, 11, 29)


def weekly_checkins(
    levels: list[tuple[int, int]], signs: frozenset[at.Sign] = frozenset()
) -> list[at.CheckIn]:
    """One check-in per week, oldest first, ending in AS_OF's week."""
    monday = dt.date(2026, 11, 23) - dt.timedelta(weeks=len(levels) - 1)
    return [
        at.CheckIn(
            partner_id="sam",
            on=monday + dt.timedelta(weeks=index),
            closeness=closeness,
            felt_heard=felt_heard,
            stress=3,
            signs=signs,
        )
        for index, (closeness, felt_heard) in enumerate(levels)
    ]


def test_a_weekly_check_in_is_suggested_when_none_is_active() -> None:
    (suggestion,) = at.suggest_goals(at.assess_distance([], as_of=AS_OF))
    assert suggestion.practice is at.Practice.CHECK_IN
    assert suggestion.cadence == at.Cadence(times=1, per=at.Period.WEEK)
    assert at.suggest_goals(at.assess_distance([], as_of=AS_OF), active=[goal()]) == ()


def test_suggestions_answer_the_largest_contributions_and_name_them() -> None:
    checkins = weekly_checkins([(6, 4)] * 4, signs=frozenset({at.Sign.LOGISTICS_ONLY}))
    suggestions = at.suggest_goals(at.assess_distance(checkins, as_of=AS_OF), active=[goal()])
    practices = [s.practice for s in suggestions]
    assert at.Practice.CURIOSITY_QUESTION in practices
    curiosity = suggestions[practices.index(at.Practice.CURIOSITY_QUESTION)]
    assert "talk has shrunk to logistics (noticed by sam)" in curiosity.rationale
    assert curiosity.addresses == frozenset({at.Sign.LOGISTICS_ONLY})
    assert at.Practice.CHECK_IN not in practices


def test_active_practices_are_skipped_and_at_most_three_come_back() -> None:
    many = frozenset({at.Sign.LESS_TOUCH, at.Sign.WITHDRAWAL, at.Sign.LESS_WARMTH})
    checkins = weekly_checkins([(3, 2)] * 3, signs=many)
    assessment = at.assess_distance(checkins, as_of=AS_OF)
    suggestions = at.suggest_goals(assessment)
    assert len(suggestions) == 3
    assert suggestions[0].practice is at.Practice.CHECK_IN
    quality = goal(practice=at.Practice.QUALITY_TIME)
    skipped = at.suggest_goals(assessment, active=[quality])
    assert at.Practice.QUALITY_TIME not in [s.practice for s in skipped]


def test_every_sign_maps_to_a_practice_that_names_it() -> None:
    for sign in at.Sign:
        checkins = weekly_checkins([(7, 5)], signs=frozenset({sign}))
        suggestions = at.suggest_goals(at.assess_distance(checkins, as_of=AS_OF), active=[goal()])
        addressed = [s for s in suggestions if sign in s.addresses]
        if sign is at.Sign.HANDLING_ALONE:
            # Its practice is the check-in, which is already active.
            assert addressed == []
        else:
            assert len(addressed) == 1


def test_couples_therapy_when_distant_in_four_of_the_last_six_weeks() -> None:
    distant = (1, 1)  # 65 points a week: DETACHED
    close = (7, 5)  # 0 points
    four = weekly_checkins([close, distant, close, distant, distant, distant])
    suggestions = at.suggest_goals(at.assess_distance(four, as_of=AS_OF))
    assert suggestions[0].practice is at.Practice.COUPLES_THERAPY
    assert "therapist" in suggestions[0].rationale
    assert suggestions[0].cadence.per is at.Period.MONTH
    three = weekly_checkins([distant, distant, close, distant, close, distant, close])
    assert at.Practice.COUPLES_THERAPY not in [
        s.practice for s in at.suggest_goals(at.assess_distance(three, as_of=AS_OF))
    ]
    therapy = goal(practice=at.Practice.COUPLES_THERAPY)
    assert at.Practice.COUPLES_THERAPY not in [
        s.practice
        for s in at.suggest_goals(at.assess_distance(four, as_of=AS_OF), active=[therapy])
    ]


def test_suggest_goals_validates_its_arguments() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.suggest_goals("assessment")  # type: ignore[arg-type]
    assert caught.value.field == "assessment"
    assessment = at.assess_distance([], as_of=AS_OF)
    with pytest.raises(at.ValidationError) as caught:
        at.suggest_goals(assessment, active=[goal(), "g2"])  # type: ignore[list-item]
    assert caught.value.path == "$.active[1]"
    with pytest.raises(at.ValidationError) as caught:
        at.suggest_goals(assessment, active=3)  # type: ignore[arg-type]
    assert caught.value.path == "$.active"


_SHAMING = re.compile(r"\b(fail\w*|lazy|bad|should|must|broke\w*|lost|behind|neglect\w*)\b")


@given(ats.distance_assessments(), st.lists(ats.goals(), max_size=3))
def test_suggestions_are_bounded_kind_and_round_trip(
    assessment: at.DistanceAssessment, active: list[at.Goal]
) -> None:
    suggestions = at.suggest_goals(assessment, active=active)
    assert len(suggestions) <= 3
    practices = [s.practice for s in suggestions]
    assert len(set(practices)) == len(practices)
    assert not set(practices) & {g.practice for g in active}
    for suggestion in suggestions:
        assert not _SHAMING.search(suggestion.title.lower())
        assert not _SHAMING.search(suggestion.rationale.lower())
        assert at.from_json(at.to_json(suggestion), at.GoalSuggestion) == suggestion
        assert pickled(suggestion) == suggestion
    assert at.suggest_goals(assessment, active=active) == suggestions


def test_status_words_are_neutral() -> None:
    for status in at.GoalStatus:
        assert not _SHAMING.search(status.value.replace("_", " "))


def test_suggestion_rationales_never_hold_user_text() -> None:
    checkin = at.CheckIn(
        partner_id="sam",
        on=dt.date(2026, 11, 24),
        closeness=2,
        felt_heard=2,
        stress=4,
        signs=frozenset(at.Sign),
        reflection="words only sam should read",
    )
    for suggestion in at.suggest_goals(at.assess_distance([checkin], as_of=AS_OF)):
        assert "words only" not in suggestion.rationale
        assert "words only" not in repr(suggestion)
