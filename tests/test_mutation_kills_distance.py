"""Distance rules that mutation testing found unguarded.

Expected numbers are worked by hand from the documented formula: closeness
``40 * (7 - IOS) / 6``, feeling heard ``25 * (5 - rating) / 4``, signs
``35 * min(weight, 8) / 8``, averaged over the partners of a week.
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

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


def test_a_week_only_the_second_partner_checked_in_is_scored() -> None:
    # Rule: a week is the mean over the partners WHO checked in, whichever they are.
    checkins = [
        checkin("alex", MONDAY - dt.timedelta(weeks=1)),
        checkin("sam", MONDAY, closeness=1),
    ]
    result = at.assess_distance(checkins, as_of=SUNDAY, window_weeks=2)
    assert [w.score for w in result.weekly] == [0.0, 40.0]


def test_a_checkin_after_as_of_does_not_hide_the_ones_listed_after_it() -> None:
    # Rule: input order does not matter; a later check-in is skipped, not an end.
    later = checkin("sam", SUNDAY + dt.timedelta(days=1), closeness=1)
    inside = checkin("sam", MONDAY, closeness=4)
    result = at.assess_distance([later, inside], as_of=SUNDAY, window_weeks=1)
    assert result.score == 20.0


def test_several_felt_heard_ratings_in_a_week_are_averaged() -> None:
    # felt_heard 1 and 3 in one week average 2: 25 * (5 - 2) / 4 = 18.75.
    checkins = [
        checkin("sam", MONDAY, felt_heard=1),
        checkin("sam", MONDAY + dt.timedelta(days=2), felt_heard=3),
    ]
    result = at.assess_distance(checkins, as_of=SUNDAY, window_weeks=1)
    assert result.score == 18.75


def test_equal_shares_list_the_partners_in_id_order_whoever_came_first() -> None:
    # Rule: results never depend on input order; equal shares rank by partner id.
    checkins = [
        checkin("sam", MONDAY, closeness=4),
        checkin("alex", MONDAY, closeness=4),
    ]
    result = at.assess_distance(checkins, as_of=SUNDAY, window_weeks=1)
    assert [(c.partner_id, c.points) for c in result.contributions] == [
        ("alex", 10.0),
        ("sam", 10.0),
    ]


def test_a_rise_at_the_second_observed_week_names_its_events() -> None:
    # Rule: every week whose score rose from the observed week before, the
    # second one included, adds its life events (and the week before's) to contexts.
    checkins = [
        checkin("alex", MONDAY - dt.timedelta(weeks=1)),
        checkin("alex", MONDAY, closeness=1, events=frozenset({at.LifeEvent.MOVE})),
    ]
    result = at.assess_distance(checkins, as_of=SUNDAY, window_weeks=2)
    assert [w.score for w in result.weekly] == [0.0, 40.0]
    assert result.contexts == frozenset({at.LifeEvent.MOVE})


def test_a_window_may_start_on_the_first_day_of_the_calendar_and_no_earlier() -> None:
    # Rule: the window's first Monday must be a real date. 14 January of the
    # year 1 is a Sunday, so two weeks start on 1 January (a Monday); three
    # would start before it. The check must count back from the Monday.
    sunday = dt.date(1, 1, 14)
    fits = at.assess_distance([], as_of=sunday, window_weeks=2)
    assert fits.weekly[0].week_start == dt.date(1, 1, 1)
    with pytest.raises(at.ValidationError) as caught:
        at.assess_distance([], as_of=sunday, window_weeks=3)
    assert caught.value.path == "$.window_weeks"
    assert caught.value.reason == "reaches back before the year 1; use a shorter window"


def test_sign_points_sum_the_weights_of_every_sign_of_a_checkin() -> None:
    # Rule: signs score 35 * min(summed weight, 8) / 8. The per-set cache is
    # emptied first so the sum is worked out here, not read from an earlier test.
    for signs in (
        frozenset({at.Sign.LOGISTICS_ONLY, at.Sign.LESS_TOUCH}),
        frozenset({at.Sign.EMOTIONAL_CUTOFF, at.Sign.INDIFFERENCE, at.Sign.LONELY_TOGETHER}),
    ):
        _assessor._SIGN_TOTALS.clear()
        weight = sum(sign.weight for sign in signs)
        result = at.assess_distance(
            [checkin("sam", MONDAY, signs=signs)], as_of=SUNDAY, window_weeks=1
        )
        assert result.score == _assessor.round2(35 * min(weight, 8) / 8)


def test_decay_weights_halve_every_four_weeks_when_worked_out_afresh() -> None:
    # Rule: a week counted back k weeks from the latest weighs 0.5 ** (k / 4).
    # The weights are cached per window size, so the cache is emptied first:
    # otherwise weights an earlier test worked out would be read back here.
    _assessor._DECAY.clear()
    weights = _assessor.decay_weights(9)
    assert weights == tuple(0.5 ** ((8 - week) / 4) for week in range(9))
    assert weights[-1] == 1.0
    assert weights[-5] == 0.5
    assert weights[0] == 0.25


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


def _trend_by_hand(points: list[tuple[int, float]]) -> at.Trend:
    """The documented rule, worked independently: the median pairwise slope of the last 12."""
    if len(points) < 3:
        return at.Trend.UNKNOWN
    pairs = itertools.combinations(points[-12:], 2)
    slope = statistics.median((y2 - y1) / (x2 - x1) for (x1, y1), (x2, y2) in pairs)
    if slope > 1:
        return at.Trend.WORSENING
    if slope < -1:
        return at.Trend.IMPROVING
    return at.Trend.STABLE


# Observed weeks in order, with scores in hundredths as the assessor rounds them.
observed_points = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 10_000).map(lambda hundredths: hundredths / 100)),
    max_size=20,
    unique_by=lambda point: point[0],
).map(sorted)


@given(observed_points)
# The median of an even count of slopes straddles the band's edge and is exactly -1 or +1.
@example([(0, 5.0), (1, 2.0), (2, 0.0), (3, 5.0)])
@example([(0, 4.0), (1, 0.0), (2, 2.0), (3, 4.0)])
# Ten slopes: the fifth (-1.25) is below the band, the sixth (-1) on its edge, their mean below.
@example([(0, 5.0), (1, 0.0), (2, 6.0), (3, 2.0), (4, 0.0)])
# Three slopes, the middle one falling although one rises.
@example([(0, 50.0), (1, 60.0), (2, 20.0)])
# Sixteen weeks rising steadily: only the last twelve are read, and they rise too.
@example([(week, 2.0 * week) for week in range(16)])
# Sixteen weeks whose last twelve fall although all sixteen are flat by the median.
@example(
    list(
        zip(
            [1, 2, 3, 8, 10, 11, 12, 13, 14, 15, 19, 22, 23, 24, 25, 29],
            [
                *(42.68, 53.55, 54.61, 40.21, 41.92, 40.09, 41.31, 39.58),
                *(39.64, 38.34, 29.34, 31.67, 32.91, 28.16, 21.5, 22.61),
            ],
            strict=True,
        )
    )
)
def test_the_trend_is_the_median_slope_of_the_last_twelve_observed_weeks(
    points: list[tuple[int, float]],
) -> None:
    # Rule: Theil-Sen over the last 12 observed weeks; above +1 point a week
    # WORSENING, below -1 IMPROVING, else STABLE; UNKNOWN under 3 weeks.
    assert _assessor.trend_of(points) is _trend_by_hand(points)


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


def test_tied_remainders_share_what_the_larger_one_leaves() -> None:
    # 12.9 and four times 12.5 hundredths sum to 62.9, which rounds to 63:
    # three hundredths to hand out over the floors (60). The largest remainder
    # (0.9) takes one, and of the four equal remainders (0.5) the first two
    # take the other two.
    shares, score = _assessor.balance([0.129, 0.125, 0.125, 0.125, 0.125])
    assert score == 0.63
    assert shares == [(0, 0.13), (1, 0.13), (2, 0.13), (3, 0.12), (4, 0.12)]
