"""Distance rules that mutation testing found unguarded.

Expected numbers are worked by hand from the documented formula: closeness
``40 * (7 - IOS) / 6``, feeling heard ``25 * (5 - rating) / 4``, signs
``35 * min(weight, 8) / 8``, averaged over the partners of a week.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

import attunement as at
from attunement import _assessor, _distance

# The same package, typed loosely: some calls pass wrong types on purpose.
AT: Any = at
MONDAY = dt.date(2026, 11, 2)
SUNDAY = MONDAY + dt.timedelta(days=6)


def checkin(
    partner_id: str,
    on: dt.date,
    *,
    closeness: int = 7,
    felt_heard: int = 5,
    signs: frozenset[at.Sign] = frozenset(),
    events: frozenset[at.LifeEvent] = frozenset(),
) -> at.CheckIn:
    return at.CheckIn(
        partner_id=partner_id,
        on=on,
        closeness=closeness,
        felt_heard=felt_heard,
        stress=3,
        signs=signs,
        events=events,
    )


def test_a_checkin_dated_on_as_of_counts() -> None:
    # Rule: check-ins "on or before as_of" are assessed; only later ones are ignored.
    result = at.assess_distance([checkin("sam", SUNDAY, closeness=1)], as_of=SUNDAY)
    assert result.weeks_observed == 1
    assert result.score == 40.0


def test_the_weekly_score_averages_both_partners() -> None:
    # alex: 40 + 25 = 65 points; sam: 0 points; the week is their mean, 32.5.
    checkins = [
        checkin("alex", MONDAY, closeness=1, felt_heard=1),
        checkin("sam", MONDAY),
    ]
    result = at.assess_distance(checkins, as_of=SUNDAY, window_weeks=1)
    assert result.weekly[0].score == 32.5
    assert result.score == 32.5


def test_a_sign_noticed_in_two_weeks_counts_in_both() -> None:
    # LOGISTICS_ONLY weighs 1: 35 * 1 / 8 = 4.375 points in each week, so the
    # weighted mean of two equal weeks is 4.375 too (4.38 rounded half up).
    signs = frozenset({at.Sign.LOGISTICS_ONLY})
    checkins = [
        checkin("sam", MONDAY - dt.timedelta(weeks=1), signs=signs),
        checkin("sam", MONDAY, signs=signs),
    ]
    result = at.assess_distance(checkins, as_of=SUNDAY, window_weeks=2)
    assert result.score == 4.38
    assert [c.points for c in result.contributions] == [4.38]


def test_perception_gap_compares_each_partners_weekly_mean() -> None:
    # alex checks in twice (IOS 3 and 5, mean 4), sam once at 4: no gap.
    checkins = [
        checkin("alex", MONDAY, closeness=3),
        checkin("alex", MONDAY + dt.timedelta(days=1), closeness=5),
        checkin("sam", MONDAY, closeness=4),
    ]
    result = at.assess_distance(checkins, as_of=SUNDAY, window_weeks=1)
    assert result.perception_gap == 0.0
    swapped = [
        checkin("sam", MONDAY, closeness=3),
        checkin("sam", MONDAY + dt.timedelta(days=1), closeness=5),
        checkin("alex", MONDAY, closeness=4),
    ]
    assert at.assess_distance(swapped, as_of=SUNDAY, window_weeks=1).perception_gap == 0.0


def test_a_perfectly_connected_couple_has_no_contributions() -> None:
    # Nothing adds distance, so nothing is listed (an empty tuple, not None).
    checkins = [checkin("alex", MONDAY), checkin("sam", MONDAY)]
    result = at.assess_distance(checkins, as_of=SUNDAY, window_weeks=1)
    assert result.score == 0.0
    assert result.contributions == ()


def test_events_in_a_week_whose_score_did_not_rise_are_not_contexts() -> None:
    # Rule: contexts come from weeks in which the score ROSE (or the week before).
    checkins = [
        checkin("sam", MONDAY - dt.timedelta(weeks=1), closeness=4),
        checkin("sam", MONDAY, closeness=4, events=frozenset({at.LifeEvent.JOB_LOSS})),
    ]
    result = at.assess_distance(checkins, as_of=SUNDAY, window_weeks=2)
    assert [w.score for w in result.weekly] == [20.0, 20.0]
    assert result.contexts == frozenset()


def test_no_checkins_still_lists_every_week_of_the_window() -> None:
    result = at.assess_distance([], as_of=SUNDAY, window_weeks=3)
    assert [w.week_start for w in result.weekly] == [
        MONDAY - dt.timedelta(weeks=2),
        MONDAY - dt.timedelta(weeks=1),
        MONDAY,
    ]


def test_the_third_partner_is_reported_at_its_first_checkin() -> None:
    # Repeated check-ins by the first partner must not hide who is third.
    checkins = [
        checkin("alex", MONDAY),
        checkin("alex", MONDAY),
        checkin("sam", MONDAY),
        checkin("kim", MONDAY),
    ]
    with pytest.raises(at.ValidationError) as caught:
        at.assess_distance(checkins, as_of=SUNDAY)
    assert caught.value.path == "$.checkins[3].partner_id"


@pytest.mark.parametrize(
    ("call", "reason"),
    [
        (lambda: AT.assess_distance([], as_of="2026-11-08"), "must be a date"),
        (
            lambda: at.assess_distance([], as_of=SUNDAY, window_weeks=0),
            "must be an integer from 1 to 5200",
        ),
        (lambda: AT.assess_distance(5, as_of=SUNDAY), "must be an iterable of CheckIn"),
        (lambda: AT.assess_distance([object()], as_of=SUNDAY), "must be a CheckIn"),
        (
            lambda: at.assess_distance(
                [checkin(who, MONDAY) for who in ("a", "b", "c")], as_of=SUNDAY
            ),
            "a couple's check-ins must come from at most two partners",
        ),
    ],
)
def test_error_messages_state_the_reason(call: Callable[[], object], reason: str) -> None:
    # Rule: a ValidationError names the reason, so an app's log says what to fix.
    with pytest.raises(at.ValidationError) as caught:
        call()
    assert caught.value.reason == reason


# ----------------------------------------------------------- trend and median


def test_theil_sen_takes_the_mean_of_the_two_middle_slopes() -> None:
    # Pairwise slopes of (0,0) (1,0) (2,10) (3,10): 0, 5, 10/3, 10, 5, 0.
    # Sorted: 0, 0, 10/3, 5, 5, 10; the median is (10/3 + 5) / 2 = 25/6.
    slope = _distance.theil_sen_slope([(0, 0.0), (1, 0.0), (2, 10.0), (3, 10.0)])
    assert slope == pytest.approx(25 / 6)


def test_theil_sen_with_an_odd_number_of_slopes_takes_the_middle_one() -> None:
    # Slopes of (0,0) (1,1) (2,5): 1, 5/2, 4; the middle one is 2.5.
    assert _distance.theil_sen_slope([(0, 0.0), (1, 1.0), (2, 5.0)]) == 2.5


def test_a_slope_of_exactly_one_point_a_week_is_stable() -> None:
    # Rule: only slopes ABOVE +1 worsen and BELOW -1 improve.
    rising = [(0, 10.0), (1, 11.0), (2, 12.0)]
    falling = [(0, 12.0), (1, 11.0), (2, 10.0)]
    assert _assessor.trend_of(rising) is at.Trend.STABLE
    assert _assessor.trend_of(falling) is at.Trend.STABLE


# ------------------------------------------------------- shares of the score


def test_missing_hundredths_go_to_the_largest_remainder() -> None:
    # 10.009 and 5.001 sum to 15.01: the extra hundredth belongs to 10.009
    # (remainder 0.9 of a hundredth), giving 10.01 and 5.00, not 10.00 and 5.01.
    shares, score = _assessor.balance([10.009, 5.001])
    assert score == 15.01
    assert shares == [(0, 10.01), (1, 5.0)]


def test_a_share_of_one_hundredth_is_kept() -> None:
    # Rule: only shares that round to zero are left out.
    shares, score = _assessor.balance([5.0, 0.01])
    assert score == 5.01
    assert [index for index, _ in shares] == [0, 1]
    # The last share may carry one float step so that the shares add up exactly.
    assert [points for _, points in shares] == pytest.approx([5.0, 0.01])
    assert sum(points for _, points in shares) == score
