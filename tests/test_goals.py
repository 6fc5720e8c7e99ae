"""Goals: cadences, progress per period, statuses, and suggestions from an assessment.

Calendar facts used below: 2026-11-02 is a Monday, so the ISO weeks are
Nov 2-8, Nov 9-15, Nov 16-22 and Nov 23-29.
"""

from __future__ import annotations

import datetime as dt
import pickle
import re
from pathlib import Path
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


# ------------------------------------------------- therapy and the open week

DISTANT_ONLY = (1, 3)  # 40 + 25 * 2 / 4 = 52.5 a week: DISTANT, not DETACHED
DRIFTING_ONLY = (3, 3)  # 40 * 4 / 6 + 12.5 = 39.17 a week: DRIFTING
CLOSE = (7, 5)  # 0 points


def checkins_ending_last_week(levels: list[tuple[int, int]]) -> list[at.CheckIn]:
    """One Sunday check-in per week, oldest first, the last one on 2026-11-22."""
    last_sunday = dt.date(2026, 11, 22)
    return [
        at.CheckIn(
            partner_id="sam",
            on=last_sunday - dt.timedelta(weeks=len(levels) - 1 - index),
            closeness=closeness,
            felt_heard=felt_heard,
            stress=3,
        )
        for index, (closeness, felt_heard) in enumerate(levels)
    ]


def practices(checkins: list[at.CheckIn], as_of: dt.date) -> list[at.Practice]:
    return [s.practice for s in at.suggest_goals(at.assess_distance(checkins, as_of=as_of))]


def test_distant_weeks_alone_are_enough_for_therapy() -> None:
    # DISTANT, never DETACHED, in 4 of the last 6 weeks: "DISTANT or worse".
    four = weekly_checkins([CLOSE, DISTANT_ONLY, CLOSE, DISTANT_ONLY, DISTANT_ONLY, DISTANT_ONLY])
    assessment = at.assess_distance(four, as_of=AS_OF)
    assert {w.level for w in assessment.weekly if w.level is not None} == {
        at.DistanceLevel.CONNECTED,
        at.DistanceLevel.DISTANT,
    }
    assert practices(four, AS_OF)[0] is at.Practice.COUPLES_THERAPY


def test_drifting_weeks_never_suggest_therapy() -> None:
    six = weekly_checkins([DRIFTING_ONLY] * 6)
    assert practices(six, AS_OF) == [
        at.Practice.CHECK_IN,
        at.Practice.QUALITY_TIME,
        at.Practice.CURIOSITY_QUESTION,
    ]


@pytest.mark.parametrize("day", [0, 2, 5], ids=["monday", "wednesday", "saturday"])
def test_the_therapy_rule_skips_an_open_week_nobody_has_checked_in_yet(day: int) -> None:
    # The 6 weeks before the open one: DISTANT, close, close, then 3 x DISTANT
    # = 4 of 6. Counting the open, empty week would leave only 3 of the last 6.
    history = checkins_ending_last_week(
        [DISTANT_ONLY, CLOSE, CLOSE, DISTANT_ONLY, DISTANT_ONLY, DISTANT_ONLY]
    )
    as_of = dt.date(2026, 11, 23) + dt.timedelta(days=day)
    assert practices(history, as_of)[0] is at.Practice.COUPLES_THERAPY


def test_the_therapy_rule_counts_the_week_once_it_is_over_or_observed() -> None:
    history = checkins_ending_last_week(
        [DISTANT_ONLY, CLOSE, CLOSE, DISTANT_ONLY, DISTANT_ONLY, DISTANT_ONLY]
    )
    # On its Sunday the empty week is over (a missed week, no level): 3 of 6.
    assert at.Practice.COUPLES_THERAPY not in practices(history, AS_OF)
    # A close check-in on Tuesday makes the open week observed: 3 of 6 again.
    tuesday = at.CheckIn(
        partner_id="sam", on=dt.date(2026, 11, 24), closeness=7, felt_heard=5, stress=3
    )
    assert at.Practice.COUPLES_THERAPY not in practices([*history, tuesday], AS_OF)


def test_windows_under_four_weeks_never_suggest_therapy() -> None:
    detached = weekly_checkins([(1, 1)] * 6)
    for window_weeks in (1, 2, 3):
        assessment = at.assess_distance(detached, as_of=AS_OF, window_weeks=window_weeks)
        suggested = [s.practice for s in at.suggest_goals(assessment)]
        assert at.Practice.COUPLES_THERAPY not in suggested
    four_weeks = at.assess_distance(detached, as_of=AS_OF, window_weeks=4)
    assert at.suggest_goals(four_weeks)[0].practice is at.Practice.COUPLES_THERAPY


# ------------------------------------------ the documented tables, pinned
# Mutation testing does not change tables, so each row is pinned here, and
# the tables on docs/explanation/distance.md are checked against these.

DOCS_PAGE = Path(__file__).resolve().parents[1] / "docs" / "explanation" / "distance.md"

#: The contribution -> practice table of docs/explanation/distance.md.
PRACTICE_FOR_SIGN = {
    at.Sign.PARALLEL_LIVES: at.Practice.QUALITY_TIME,
    at.Sign.LONELY_TOGETHER: at.Practice.QUALITY_TIME,
    at.Sign.PHONE_DISTRACTION: at.Practice.QUALITY_TIME,
    at.Sign.LOGISTICS_ONLY: at.Practice.CURIOSITY_QUESTION,
    at.Sign.CONFIDING_ELSEWHERE: at.Practice.CURIOSITY_QUESTION,
    at.Sign.BIDS_MISSED: at.Practice.APPRECIATION,
    at.Sign.LESS_WARMTH: at.Practice.APPRECIATION,
    at.Sign.NEGATIVE_OVERRIDE: at.Practice.APPRECIATION,
    at.Sign.WITHDRAWAL: at.Practice.REPAIR_CONVERSATION,
    at.Sign.INDIFFERENCE: at.Practice.REPAIR_CONVERSATION,
    at.Sign.EMOTIONAL_CUTOFF: at.Practice.REPAIR_CONVERSATION,
    at.Sign.LESS_TOUCH: at.Practice.PHYSICAL_AFFECTION,
    at.Sign.HANDLING_ALONE: at.Practice.CHECK_IN,
}
PRACTICE_FOR_FACTOR = {
    at.Factor.CLOSENESS: at.Practice.QUALITY_TIME,
    at.Factor.FELT_HEARD: at.Practice.CURIOSITY_QUESTION,
    at.Factor.MISSED_WEEKS: at.Practice.CHECK_IN,
}
#: The starting cadences table of docs/explanation/distance.md.
STARTING_CADENCE = {
    at.Practice.CHECK_IN: (1, at.Period.WEEK),
    at.Practice.APPRECIATION: (1, at.Period.DAY),
    at.Practice.CURIOSITY_QUESTION: (2, at.Period.WEEK),
    at.Practice.QUALITY_TIME: (1, at.Period.WEEK),
    at.Practice.PHYSICAL_AFFECTION: (1, at.Period.DAY),
    at.Practice.REPAIR_CONVERSATION: (1, at.Period.WEEK),
    at.Practice.COUPLES_THERAPY: (1, at.Period.MONTH),
}


def docs_table(heading: str) -> list[list[str]]:
    """The body rows (cells without backticks) of the first table after ``heading``."""
    lines = DOCS_PAGE.read_text(encoding="utf-8").splitlines()
    start = lines.index(heading)
    rows: list[list[str]] = []
    for line in lines[start + 1 :]:
        if line.startswith("|"):
            rows.append([cell.replace("`", "").strip() for cell in line.strip("|").split("|")])
        elif rows:
            break
    return rows[2:]  # after the header and its separator


@pytest.mark.parametrize(("sign", "practice"), PRACTICE_FOR_SIGN.items())
def test_each_sign_is_answered_by_its_documented_practice(
    sign: at.Sign, practice: at.Practice
) -> None:
    checkins = weekly_checkins([CLOSE], signs=frozenset({sign}))
    (contribution,) = at.assess_distance(checkins, as_of=AS_OF).contributions
    suggestions = at.suggest_goals(at.assess_distance(checkins, as_of=AS_OF))
    answering = [s for s in suggestions if contribution.label in s.rationale]
    assert [s.practice for s in answering] == [practice]
    assert answering[0].addresses == frozenset({sign})


@pytest.mark.parametrize(("factor", "practice"), PRACTICE_FOR_FACTOR.items())
def test_each_rating_factor_is_answered_by_its_documented_practice(
    factor: at.Factor, practice: at.Practice
) -> None:
    ratings = {
        at.Factor.CLOSENESS: [weekly_checkins([(3, 5)])[0]],
        at.Factor.FELT_HEARD: [weekly_checkins([(7, 2)])[0]],
        at.Factor.MISSED_WEEKS: [weekly_checkins([CLOSE, CLOSE, CLOSE])[0]],
    }[factor]
    assessment = at.assess_distance(ratings, as_of=AS_OF)
    (contribution,) = assessment.contributions
    assert contribution.factor is factor
    suggestions = at.suggest_goals(assessment)
    answering = [s for s in suggestions if contribution.label in s.rationale]
    assert [s.practice for s in answering] == [practice]


@pytest.mark.parametrize(("practice", "cadence"), STARTING_CADENCE.items())
def test_each_practice_starts_at_its_documented_cadence(
    practice: at.Practice, cadence: tuple[int, at.Period]
) -> None:
    # Every practice but therapy can be reached from one sign or factor;
    # therapy from four DETACHED weeks.
    if practice is at.Practice.COUPLES_THERAPY:
        checkins = weekly_checkins([(1, 1)] * 4)
    elif practice is at.Practice.CHECK_IN:
        checkins = weekly_checkins([CLOSE])
    else:
        sign = next(s for s, p in PRACTICE_FOR_SIGN.items() if p is practice)
        checkins = weekly_checkins([CLOSE], signs=frozenset({sign}))
    suggestions = at.suggest_goals(at.assess_distance(checkins, as_of=AS_OF))
    (suggestion,) = [s for s in suggestions if s.practice is practice]
    assert (suggestion.cadence.times, suggestion.cadence.per) == cadence


def test_the_docs_practice_table_is_the_pinned_one() -> None:
    factors = {factor.value for factor in at.Factor}
    documented: dict[at.Sign | at.Factor, at.Practice] = {}
    for answered, practice in docs_table("### Which practice answers what"):
        for name in answered.split(", "):
            key = at.Factor(name) if name in factors else at.Sign(name)
            documented[key] = at.Practice(practice)
    assert {k: v for k, v in documented.items() if isinstance(k, at.Sign)} == PRACTICE_FOR_SIGN
    assert {k: v for k, v in documented.items() if isinstance(k, at.Factor)} == PRACTICE_FOR_FACTOR


def test_the_docs_cadence_table_is_the_pinned_one() -> None:
    periods = {"a day": at.Period.DAY, "a week": at.Period.WEEK, "a month": at.Period.MONTH}
    times = {"once": 1, "twice": 2}
    documented = {}
    for practice, cadence, _why in docs_table("### Starting cadences"):
        how_often, per = cadence.split(" ", 1)
        documented[at.Practice(practice)] = (times[how_often], periods[per])
    assert documented == STARTING_CADENCE
