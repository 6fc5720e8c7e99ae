"""assess_distance: the score, its contributions, the weekly series, trend, gap and contexts.

Golden values are worked by hand from the documented rules (see
docs/explanation/distance.md): a week scores 40 * (7 - IOS) / 6 for
closeness, 25 * (5 - felt_heard) / 4 for feeling heard and
35 * min(sign weight, 8) / 8 for signs, averaged over the partners who checked
in; a week with no check-in scores 50; weeks are weighted 0.5 ** (back / 4).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import pickle
import random
import statistics
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import attunement as at
from attunement import _assessor
from attunement import strategies as ats
from attunement._assessor import trend_of
from attunement._distance import TREND_DEAD_BAND, level_for, theil_sen_slope

AS_OF = dt.date(2026, 11, 29)  # a Sunday
THIS_MONDAY = dt.date(2026, 11, 23)


def week(back: int, day: int = 0) -> dt.date:
    """The date ``day`` days into the ISO week ``back`` weeks before AS_OF's week."""
    return THIS_MONDAY - dt.timedelta(weeks=back) + dt.timedelta(days=day)


def checkin(
    partner_id: str = "alex",
    *,
    on: dt.date = THIS_MONDAY,
    closeness: int = 7,
    felt_heard: int = 5,
    signs: frozenset[at.Sign] = frozenset(),
    events: frozenset[at.LifeEvent] = frozenset(),
    reflection: str | None = None,
) -> at.CheckIn:
    return at.CheckIn(
        partner_id=partner_id,
        on=on,
        closeness=closeness,
        felt_heard=felt_heard,
        stress=3,
        signs=signs,
        events=events,
        reflection=reflection,
    )


def decay(back: int) -> float:
    return float(0.5 ** (back / 4))


def pickled(value: object) -> object:
    """Round-trip through pickle; the bytes are our own, never untrusted input."""
    return pickle.loads(pickle.dumps(value))  # noqa: S301


# ------------------------------------------------------------ golden values


def test_no_checkins_gives_the_documented_result() -> None:
    result = at.assess_distance([], as_of=AS_OF)
    assert result.score == 0.0
    assert result.level is at.DistanceLevel.CONNECTED
    assert result.trend is at.Trend.UNKNOWN
    assert result.provisional is True
    assert result.contributions == ()
    assert result.weeks_observed == 0
    assert result.missed_weeks == 0
    assert result.perception_gap is None
    assert result.out_of_step is False
    assert result.contexts == frozenset()
    assert [w.score for w in result.weekly] == [None] * 8


def test_a_single_checkin_is_scored_by_the_documented_formula() -> None:
    # closeness 4: 40 * 3 / 6 = 20; felt heard 2: 25 * 3 / 4 = 18.75;
    # logistics only (weight 1): 35 * 1 / 8 = 4.375. Total 43.125 -> 43.13.
    result = at.assess_distance(
        [checkin("sam", closeness=4, felt_heard=2, signs=frozenset({at.Sign.LOGISTICS_ONLY}))],
        as_of=AS_OF,
    )
    assert result.score == 43.13
    assert {(c.factor, c.sign, c.partner_id) for c in result.contributions} == {
        (at.Factor.CLOSENESS, None, "sam"),
        (at.Factor.FELT_HEARD, None, "sam"),
        (at.Factor.SIGN, at.Sign.LOGISTICS_ONLY, "sam"),
    }
    points = {c.factor: c.points for c in result.contributions}
    assert points[at.Factor.CLOSENESS] == 20.0
    assert points[at.Factor.FELT_HEARD] == 18.75
    assert result.weekly[-1].score == 43.13
    assert result.weeks_observed == 1


def test_signs_saturate_at_a_summed_weight_of_eight() -> None:
    # Weights 3 + 3 + 3 = 9 > 8: the sign part is full, 35 points.
    three_late = frozenset({at.Sign.LONELY_TOGETHER, at.Sign.PARALLEL_LIVES, at.Sign.INDIFFERENCE})
    result = at.assess_distance([checkin(signs=three_late)], as_of=AS_OF)
    assert result.score == 35.0
    assert all(c.factor is at.Factor.SIGN for c in result.contributions)
    # Equal weights share the 35 points equally (11.67 each, rounding balanced).
    assert min(c.points for c in result.contributions) >= 11.66


def test_recent_weeks_weigh_more_with_a_four_week_half_life() -> None:
    # Last week scored 65 (IOS 1, heard 1), this week 0: 65 * w1 / (w1 + w0).
    result = at.assess_distance(
        [checkin(on=week(1), closeness=1, felt_heard=1), checkin(on=week(0))], as_of=AS_OF
    )
    expected = 65 * decay(1) / (decay(1) + decay(0))  # 29.6911...
    assert result.score == 29.69
    assert abs(result.score - expected) <= 0.005
    reversed_weeks = at.assess_distance(
        [checkin(on=week(0), closeness=1, felt_heard=1), checkin(on=week(1))], as_of=AS_OF
    )
    assert reversed_weeks.score > result.score


def test_two_partners_are_averaged_within_a_week() -> None:
    # alex scores 0, sam scores 40 (IOS 1): the week is 20, half each partner.
    result = at.assess_distance(
        [checkin("alex"), checkin("sam", closeness=1)], as_of=AS_OF, window_weeks=1
    )
    assert result.score == 20.0
    assert [(c.partner_id, c.points) for c in result.contributions] == [("sam", 20.0)]


def test_several_checkins_by_one_partner_in_a_week_are_averaged() -> None:
    result = at.assess_distance(
        [checkin(closeness=1, on=week(0, 0)), checkin(closeness=7, on=week(0, 3))],
        as_of=AS_OF,
        window_weeks=1,
    )
    assert result.score == 20.0  # mean IOS 4 -> 40 * 3 / 6


def test_missed_weeks_count_from_the_first_checkin_and_score_fifty() -> None:
    # First check-in 2 weeks back (score 0), nothing since: two missed weeks at 50.
    result = at.assess_distance([checkin(on=week(2))], as_of=AS_OF)
    assert result.missed_weeks == 2
    assert result.weeks_observed == 1
    expected = 50 * (decay(1) + decay(0)) / (decay(2) + decay(1) + decay(0))
    assert abs(result.score - expected) <= 0.005
    (missed,) = result.contributions
    assert missed.factor is at.Factor.MISSED_WEEKS
    assert missed.partner_id is None
    assert missed.label == "2 weeks without a check-in"
    # Weeks before the first check-in are neither observed nor missed.
    assert [w.score is None for w in result.weekly] == [True] * 5 + [False, True, True]


def test_a_checkin_before_the_window_makes_every_empty_week_missed() -> None:
    result = at.assess_distance([checkin(on=week(20))], as_of=AS_OF)
    assert result.missed_weeks == 8
    assert result.score == 50.0
    assert result.contributions[0].label == "8 weeks without a check-in"
    assert result.level is at.DistanceLevel.DRIFTING  # 50 is DISTANT, capped: provisional


def test_shares_too_small_to_show_are_left_out() -> None:
    # A week 199 weeks back weighs 0.5 ** (199 / 4), about 1e-15: its 40
    # points are a share far below 0.005, so nothing is shown and the score is 0.
    checkins = [checkin(on=week(199), closeness=1), checkin(on=week(0))]
    result = at.assess_distance(checkins, as_of=AS_OF, window_weeks=200)
    assert result.weeks_observed == 2
    assert result.missed_weeks == 198
    assert result.contributions[0].factor is at.Factor.MISSED_WEEKS
    only_old = at.assess_distance(
        [checkin(on=week(199), closeness=1), *(checkin(on=week(b)) for b in range(199))],
        as_of=AS_OF,
        window_weeks=200,
    )
    assert only_old.score == 0.0
    assert only_old.contributions == ()


def test_one_missed_week_label_is_singular() -> None:
    result = at.assess_distance([checkin(on=week(1))], as_of=AS_OF)
    assert result.contributions[0].label == "1 week without a check-in"


def test_checkins_after_as_of_are_ignored() -> None:
    base = [checkin(on=week(1)), checkin(on=week(0, 0))]
    later = [*base, checkin(on=AS_OF + dt.timedelta(days=1), closeness=1, felt_heard=1)]
    assert at.assess_distance(later, as_of=AS_OF) == at.assess_distance(base, as_of=AS_OF)
    same_week_later = [*base, checkin(on=week(0, 6), closeness=1)]
    assert at.assess_distance(same_week_later, as_of=week(0, 5)) == at.assess_distance(
        base, as_of=week(0, 5)
    )


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (0.0, at.DistanceLevel.CONNECTED),
        (24.99, at.DistanceLevel.CONNECTED),
        (25.0, at.DistanceLevel.DRIFTING),
        (44.99, at.DistanceLevel.DRIFTING),
        (45.0, at.DistanceLevel.DISTANT),
        (64.99, at.DistanceLevel.DISTANT),
        (65.0, at.DistanceLevel.DETACHED),
        (100.0, at.DistanceLevel.DETACHED),
    ],
)
def test_level_thresholds(score: float, level: at.DistanceLevel) -> None:
    assert level_for(score) is level


def test_provisional_caps_the_level_at_drifting() -> None:
    # IOS 1 and heard 1: 65 points, DETACHED once two weeks are observed.
    one = at.assess_distance([checkin(closeness=1, felt_heard=1)], as_of=AS_OF)
    assert one.score == 65.0
    assert one.provisional is True
    assert one.level is at.DistanceLevel.DRIFTING
    assert one.weekly[-1].level is at.DistanceLevel.DETACHED  # weekly levels are not capped
    two = at.assess_distance(
        [checkin(closeness=1, felt_heard=1), checkin(on=week(1), closeness=1, felt_heard=1)],
        as_of=AS_OF,
    )
    assert two.provisional is False
    assert two.level is at.DistanceLevel.DETACHED


def test_weekly_has_one_entry_per_iso_week_starting_monday() -> None:
    result = at.assess_distance([checkin()], as_of=dt.date(2026, 11, 25), window_weeks=5)
    starts = [w.week_start for w in result.weekly]
    assert len(starts) == 5
    assert all(start.weekday() == 0 for start in starts)
    assert starts[-1] == THIS_MONDAY
    assert all(b - a == dt.timedelta(weeks=1) for a, b in itertools.pairwise(starts))


# ------------------------------------------------------- the open week
# The week of as_of is in progress unless as_of is its Sunday. Without a
# check-in (yet) it is neither missed nor weighted; with one it is observed.

SUNDAY_CHECKINS = [checkin(on=week(back, 6), closeness=5, felt_heard=4) for back in range(1, 12)]


@pytest.mark.parametrize("day", [0, 2, 5], ids=["monday", "wednesday", "saturday"])
def test_an_open_week_without_a_checkin_is_neither_missed_nor_weighted(day: int) -> None:
    # Every Sunday IOS 5 and felt heard 4: 40 * 2 / 6 + 25 * 1 / 4 = 19.58 a
    # week, as on last Sunday; the open week adds no missed week at 50.
    as_of = week(0, day)
    result = at.assess_distance(SUNDAY_CHECKINS, as_of=as_of)
    assert result.score == 19.58
    assert result.level is at.DistanceLevel.CONNECTED
    assert result.missed_weeks == 0
    assert result.weeks_observed == 7
    assert result.weekly[-1].score is None
    assert result.weekly[-1].week_start == THIS_MONDAY
    assert at.Factor.MISSED_WEEKS not in {c.factor for c in result.contributions}
    assert [c.label for c in result.contributions] == [
        "alex feels less close",
        "alex feels unheard",
    ]
    last_sunday = at.assess_distance(SUNDAY_CHECKINS, as_of=week(1, 6))
    assert result.score == last_sunday.score
    assert result.contributions == last_sunday.contributions


def test_a_perfect_couple_stays_at_zero_on_monday() -> None:
    perfect = [checkin(on=week(back, 6)) for back in range(1, 9)]
    result = at.assess_distance(perfect, as_of=THIS_MONDAY)
    assert result.score == 0.0
    assert result.contributions == ()
    assert result.missed_weeks == 0


def test_on_its_sunday_an_empty_week_is_missed() -> None:
    # The same check-ins assessed on Sunday: the week is over, so it counts
    # as missed at 50, with the latest week weighing 1:
    # (19.58 * (w1 + ... + w7) + 50 * w0) / (w0 + ... + w7).
    result = at.assess_distance(SUNDAY_CHECKINS, as_of=AS_OF)
    assert result.missed_weeks == 1
    assert result.weeks_observed == 7
    observed = sum(decay(back) for back in range(1, 8))
    expected = (40 * 2 / 6 + 25 / 4) * observed / (observed + 1) + 50 / (observed + 1)
    assert abs(result.score - expected) <= 0.005
    assert result.contributions[0].label == "1 week without a check-in"


def test_an_open_week_with_a_checkin_is_observed() -> None:
    # A Tuesday check-in (IOS 1: 40 points) counts on Wednesday, weighing 1.
    checkins = [*SUNDAY_CHECKINS, checkin(on=week(0, 1), closeness=1)]
    result = at.assess_distance(checkins, as_of=week(0, 2))
    assert result.weeks_observed == 8
    assert result.weekly[-1].score == 40.0
    earlier = sum(decay(back) for back in range(1, 8))
    expected = (19.583333 * earlier + 40.0) / (earlier + 1)
    assert abs(result.score - expected) <= 0.005


def test_a_checkin_later_in_the_open_week_does_not_open_it_early() -> None:
    # Dated Friday, assessed Wednesday: ignored, so the week stays open and empty.
    checkins = [*SUNDAY_CHECKINS, checkin(on=week(0, 4), closeness=1)]
    result = at.assess_distance(checkins, as_of=week(0, 2))
    assert result.missed_weeks == 0
    assert result.weekly[-1].score is None
    assert result.score == 19.58


def test_a_one_week_window_that_is_open_and_empty_reads_as_no_information() -> None:
    # Only history before the window, and the window's one week still open:
    # nothing is observed or missed, like an assessment with no check-ins.
    result = at.assess_distance([checkin(on=week(3))], as_of=week(0, 2), window_weeks=1)
    assert result.score == 0.0
    assert result.missed_weeks == 0
    assert result.weeks_observed == 0
    assert result.contributions == ()
    on_sunday = at.assess_distance([checkin(on=week(3))], as_of=AS_OF, window_weeks=1)
    assert on_sunday.missed_weeks == 1
    assert on_sunday.score == 50.0


# ------------------------------------------------------------------- trend


def _series(closeness_by_week: list[int]) -> list[at.CheckIn]:
    back = len(closeness_by_week) - 1
    return [
        checkin(on=week(back - index), closeness=c) for index, c in enumerate(closeness_by_week)
    ]


def test_trend_is_unknown_under_three_observed_weeks() -> None:
    assert at.assess_distance(_series([7, 1]), as_of=AS_OF).trend is at.Trend.UNKNOWN


def test_falling_closeness_is_worsening_and_rising_is_improving() -> None:
    assert at.assess_distance(_series([7, 6, 5, 4]), as_of=AS_OF).trend is at.Trend.WORSENING
    assert at.assess_distance(_series([4, 5, 6, 7]), as_of=AS_OF).trend is at.Trend.IMPROVING
    assert at.assess_distance(_series([5, 5, 5, 5]), as_of=AS_OF).trend is at.Trend.STABLE


def test_trend_is_robust_to_one_unusual_week() -> None:
    # Flat at IOS 6, one bad week: least squares would tilt, Theil-Sen does not.
    assert at.assess_distance(_series([6, 6, 6, 6, 1]), as_of=AS_OF).trend is at.Trend.STABLE


def test_slopes_within_the_dead_band_are_stable() -> None:
    assert TREND_DEAD_BAND == 1.0
    # A steady rise of 0.9 points a week is inside the +/-1 dead band, so
    # STABLE; 1.1 points a week, up or down, is a trend.
    points = [(0, 10.0), (1, 10.9), (2, 11.8)]
    assert theil_sen_slope(points) == pytest.approx(0.9)
    assert trend_of(points) is at.Trend.STABLE
    assert trend_of([(0, 10.0), (1, 11.1), (2, 12.2)]) is at.Trend.WORSENING
    assert trend_of([(0, 12.2), (1, 11.1), (2, 10.0)]) is at.Trend.IMPROVING


def test_theil_sen_slope_takes_the_median_pairwise_slope() -> None:
    # Pairwise slopes 2, 2, 2, 2, 2, 2, 20, 26, 38, 74 -> median 2.
    assert theil_sen_slope([(0, 10.0), (1, 12.0), (2, 14.0), (3, 16.0), (4, 90.0)]) == 2.0
    # Odd number of pairs: slopes 1, 2, 3 -> 2.
    assert theil_sen_slope([(0, 0.0), (1, 1.0), (2, 4.0)]) == 2.0


def test_an_even_number_of_slopes_is_judged_by_the_mean_of_the_middle_two() -> None:
    # Four weeks give six pairwise slopes; the median is the mean of the 3rd
    # and 4th. Scores 0, 0, 0, 4: slopes 0, 0, 0 (the flat pairs), 4/3, 2, 4.
    # Half the slopes are above +1, but the median (0 + 4/3) / 2 = 2/3 is not.
    assert trend_of([(0, 0.0), (1, 0.0), (2, 0.0), (3, 4.0)]) is at.Trend.STABLE
    # Scores 0, 0, 1, 4: slopes 0, 0.5, 1, 4/3, 2, 3; median (1 + 4/3) / 2 = 7/6.
    assert trend_of([(0, 0.0), (1, 0.0), (2, 1.0), (3, 4.0)]) is at.Trend.WORSENING
    # The mirror image, falling from 50: median -7/6.
    assert trend_of([(0, 50.0), (1, 50.0), (2, 49.0), (3, 46.0)]) is at.Trend.IMPROVING


def _theil_sen_by_hand(scores: list[float]) -> float:
    """The median pairwise slope, computed independently of the library."""
    pairs = itertools.combinations(enumerate(scores), 2)
    return statistics.median((y2 - y1) / (x2 - x1) for (x1, y1), (x2, y2) in pairs)


def test_the_trend_reads_the_last_twelve_observed_weeks() -> None:
    # Felt heard 5 throughout, so a week scores 40 * (7 - IOS) / 6: two weeks
    # at IOS 1 (40), eight at IOS 4 (20), four at IOS 7 (0); 14 weeks in all.
    # Last 12 (8 x 20, 4 x 0): 32 falling pairs, 34 flat ones of 66: the
    # median is 0, STABLE. Last 11 (7 x 20, 4 x 0): 28 falling of 55, the
    # median (28th) falls by at least 20 / 10 a week: IMPROVING. Last 13 or
    # all 14: more than half the pairs fall, each by more than 1: IMPROVING.
    scores = [40.0] * 2 + [20.0] * 8 + [0.0] * 4
    assert _theil_sen_by_hand(scores[-12:]) == 0.0
    assert _theil_sen_by_hand(scores[-11:]) < -1
    assert _theil_sen_by_hand(scores[-13:]) < -1
    assert _theil_sen_by_hand(scores) < -1
    result = at.assess_distance(_series([1] * 2 + [4] * 8 + [7] * 4), as_of=AS_OF, window_weeks=14)
    assert [w.score for w in result.weekly] == scores
    assert result.trend is at.Trend.STABLE


# ---------------------------------------------------------- perception gap


def _pair(back: int, alex: int, sam: int) -> list[at.CheckIn]:
    return [
        checkin("alex", on=week(back), closeness=alex),
        checkin("sam", on=week(back), closeness=sam),
    ]


def test_perception_gap_is_the_mean_difference_over_weeks_both_checked_in() -> None:
    checkins = [*_pair(2, 6, 3), *_pair(1, 5, 5), checkin("alex", on=week(0), closeness=1)]
    result = at.assess_distance(checkins, as_of=AS_OF)
    assert result.perception_gap == 1.5  # (3 + 0) / 2; the solo week does not count
    assert result.out_of_step is False


def test_out_of_step_needs_a_gap_of_two_in_three_of_the_last_four_shared_weeks() -> None:
    three_of_four = [*_pair(3, 6, 4), *_pair(2, 6, 6), *_pair(1, 7, 5), *_pair(0, 3, 6)]
    assert at.assess_distance(three_of_four, as_of=AS_OF).out_of_step is True
    two_of_four = [*_pair(3, 6, 4), *_pair(2, 6, 6), *_pair(1, 7, 6), *_pair(0, 3, 6)]
    assert at.assess_distance(two_of_four, as_of=AS_OF).out_of_step is False
    # An old gap followed by four close weeks no longer counts.
    healed = [*_pair(5, 7, 1), *_pair(4, 7, 1), *_pair(3, 7, 1)] + [
        c for back in range(3) for c in _pair(back, 6, 6)
    ]
    assert at.assess_distance(healed, as_of=AS_OF).out_of_step is False
    only_two = [*_pair(1, 7, 1), *_pair(0, 7, 1)]
    assert at.assess_distance(only_two, as_of=AS_OF).out_of_step is False
    exactly_three = [*_pair(2, 7, 5), *_pair(1, 7, 5), *_pair(0, 7, 5)]
    assert at.assess_distance(exactly_three, as_of=AS_OF).out_of_step is True


# ---------------------------------------------------------------- contexts


def test_contexts_name_events_in_the_week_distance_rose_or_the_week_before() -> None:
    job = frozenset({at.LifeEvent.JOB_CHANGE})
    move = frozenset({at.LifeEvent.MOVE})
    baby = frozenset({at.LifeEvent.NEW_BABY})
    checkins = [
        checkin(on=week(5), closeness=7),
        checkin(on=week(4), closeness=7, events=job),  # the week before the rise
        checkin(on=week(3), closeness=4),  # distance rose here
        checkin(on=week(2), closeness=6, events=baby),  # distance fell: not a context
        checkin(on=week(1), closeness=7),  # fell again
        checkin(on=week(0), closeness=3, events=move),  # rose again
    ]
    result = at.assess_distance(checkins, as_of=AS_OF)
    assert result.contexts == frozenset({at.LifeEvent.JOB_CHANGE, at.LifeEvent.MOVE})


def test_no_rise_means_no_contexts() -> None:
    checkins = [
        checkin(on=week(1), closeness=3, events=frozenset({at.LifeEvent.ILLNESS})),
        checkin(on=week(0), closeness=6, events=frozenset({at.LifeEvent.MOVE})),
    ]
    assert at.assess_distance(checkins, as_of=AS_OF).contexts == frozenset()


# ----------------------------------------------------------- contributions


def test_contributions_are_per_sign_and_per_partner_with_plain_labels() -> None:
    checkins = [
        checkin("alex", closeness=5, felt_heard=4, signs=frozenset({at.Sign.LOGISTICS_ONLY})),
        checkin("sam", closeness=3, felt_heard=1, signs=frozenset({at.Sign.LOGISTICS_ONLY})),
    ]
    result = at.assess_distance(checkins, as_of=AS_OF)
    labels = [c.label for c in result.contributions]
    assert "sam feels unheard" in labels
    assert "alex feels unheard" in labels
    assert "talk has shrunk to logistics (noticed by sam)" in labels
    assert "talk has shrunk to logistics (noticed by alex)" in labels
    assert "sam feels less close" in labels
    # Largest first, so an app can say "mostly: ..." from the head.
    # (The balancing float step may sit on the last share: compare in hundredths.)
    points = [round(c.points, 2) for c in result.contributions]
    assert points == sorted(points, reverse=True)
    # sam: closeness 40 * 4 / 6 / 2 = 13.33 > felt heard 25 * 4 / 4 / 2 = 12.5.
    assert [c.label for c in result.contributions[:2]] == [
        "sam feels less close",
        "sam feels unheard",
    ]


def test_every_sign_has_a_label_phrase() -> None:
    for sign in at.Sign:
        result = at.assess_distance([checkin(signs=frozenset({sign}))], as_of=AS_OF)
        (contribution,) = result.contributions
        assert contribution.sign is sign
        assert contribution.label.endswith("(noticed by alex)")


def test_no_user_text_reaches_labels_or_repr() -> None:
    private_text = "my-private-words-about-us"
    result = at.assess_distance(
        [checkin(closeness=2, felt_heard=2, reflection=private_text, signs=frozenset(at.Sign))],
        as_of=AS_OF,
    )
    assert private_text not in repr(result)
    assert all(private_text not in c.label for c in result.contributions)


# -------------------------------------------------------------- validation


@pytest.mark.parametrize(
    "as_of", [dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC), "2026-11-29", None, 20261129]
)
def test_as_of_must_be_a_date(as_of: Any) -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.assess_distance([], as_of=as_of)
    assert caught.value.field == "as_of"
    assert caught.value.path == "$.as_of"


@pytest.mark.parametrize("window_weeks", [0, -1, 5201, True, 8.0, "8", None])
def test_window_weeks_must_be_an_integer_in_range(window_weeks: Any) -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.assess_distance([], as_of=AS_OF, window_weeks=window_weeks)
    assert caught.value.field == "window_weeks"


def test_window_weeks_bounds_are_accepted() -> None:
    assert len(at.assess_distance([checkin()], as_of=AS_OF, window_weeks=1).weekly) == 1
    assert len(at.assess_distance([checkin()], as_of=AS_OF, window_weeks=5200).weekly) == 5200


def test_checkins_must_be_iterable() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.assess_distance(42, as_of=AS_OF)  # type: ignore[arg-type]
    assert caught.value.path == "$.checkins"


def test_items_must_be_checkins() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.assess_distance([checkin(), {"closeness": 5}], as_of=AS_OF)  # type: ignore[list-item]
    assert caught.value.path == "$.checkins[1]"
    assert caught.value.field == "checkins"


def test_checkins_come_from_at_most_two_partners() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.assess_distance([checkin("alex"), checkin("sam"), checkin("kim")], as_of=AS_OF)
    assert caught.value.path == "$.checkins[2].partner_id"
    assert caught.value.field == "partner_id"


def test_a_third_partner_raises_even_when_dated_after_as_of() -> None:
    # The input is one couple's: the contract is checked on every item, so a
    # mixed-up input is reported rather than half-used.
    later = checkin("kim", on=AS_OF + dt.timedelta(days=1))
    with pytest.raises(at.ValidationError) as caught:
        at.assess_distance([checkin("alex"), checkin("sam"), later], as_of=AS_OF)
    assert caught.value.path == "$.checkins[2].partner_id"


def test_error_messages_never_echo_ids() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.assess_distance(
            [checkin("alex"), checkin("sam"), checkin("secret-person")], as_of=AS_OF
        )
    assert "secret-person" not in str(caught.value)


# -------------------------------------------------------------- properties

couple_checkins = ats.couple_checkins(start=dt.date(2026, 8, 3), max_weeks=18)
as_of_dates = ats.dates(dt.date(2026, 8, 3), dt.date(2026, 12, 31))
windows = st.integers(1, 20)


@given(couple_checkins, as_of_dates, windows)
def test_score_stays_in_range_and_contributions_sum_exactly(
    checkins: list[at.CheckIn], as_of: dt.date, window_weeks: int
) -> None:
    result = at.assess_distance(checkins, as_of=as_of, window_weeks=window_weeks)
    assert 0.0 <= result.score <= 100.0
    assert sum(c.points for c in result.contributions) == result.score
    assert all(c.points > 0 for c in result.contributions)
    assert result.score == round(result.score, 2) or result.contributions
    assert math.isclose(math.fsum(c.points for c in result.contributions), result.score)
    assert len(result.weekly) == window_weeks
    observed = sum(w.score is not None for w in result.weekly)
    assert result.weeks_observed == observed
    assert result.provisional is (observed < 2)
    if result.provisional:
        assert result.level in (at.DistanceLevel.CONNECTED, at.DistanceLevel.DRIFTING)
    if observed < 3:
        assert result.trend is at.Trend.UNKNOWN
    assert result.weeks_observed + result.missed_weeks <= window_weeks


@given(couple_checkins, as_of_dates, windows, st.randoms(use_true_random=False))
def test_input_order_does_not_matter(
    checkins: list[at.CheckIn], as_of: dt.date, window_weeks: int, rng: random.Random
) -> None:
    shuffled = list(checkins)
    rng.shuffle(shuffled)
    first = at.assess_distance(checkins, as_of=as_of, window_weeks=window_weeks)
    assert at.assess_distance(shuffled, as_of=as_of, window_weeks=window_weeks) == first
    assert at.assess_distance(tuple(checkins), as_of=as_of, window_weeks=window_weeks) == first


@given(couple_checkins, as_of_dates, st.data())
def test_adding_a_sign_never_lowers_the_score(
    checkins: list[at.CheckIn], as_of: dt.date, data: st.DataObject
) -> None:
    if not checkins:
        checkins = [checkin(on=as_of)]
    index = data.draw(st.integers(0, len(checkins) - 1))
    sign = data.draw(st.sampled_from(at.Sign))
    changed = list(checkins)
    changed[index] = attrs.evolve(changed[index], signs=changed[index].signs | {sign})
    before = at.assess_distance(checkins, as_of=as_of).score
    assert at.assess_distance(changed, as_of=as_of).score >= before


@given(couple_checkins, as_of_dates, st.data())
def test_raising_closeness_or_felt_heard_never_raises_the_score(
    checkins: list[at.CheckIn], as_of: dt.date, data: st.DataObject
) -> None:
    if not checkins:
        checkins = [checkin(on=as_of, closeness=1, felt_heard=1)]
    index = data.draw(st.integers(0, len(checkins) - 1))
    original = checkins[index]
    closeness = data.draw(st.integers(original.closeness, 7))
    felt_heard = data.draw(st.integers(original.felt_heard, 5))
    changed = list(checkins)
    changed[index] = attrs.evolve(original, closeness=closeness, felt_heard=felt_heard)
    before = at.assess_distance(checkins, as_of=as_of).score
    assert at.assess_distance(changed, as_of=as_of).score <= before


@given(ats.distance_assessments())
def test_assessments_round_trip_through_json_and_pickle(
    assessment: at.DistanceAssessment,
) -> None:
    assert at.from_json(at.to_json(assessment), at.DistanceAssessment) == assessment
    assert pickled(assessment) == assessment
    for contribution in assessment.contributions:
        assert at.from_json(at.to_json(contribution), at.Contribution) == contribution
        assert pickled(contribution) == contribution
    for weekly in assessment.weekly:
        assert at.from_json(at.to_json(weekly), at.WeeklyScore) == weekly
        assert pickled(weekly) == weekly


@given(couple_checkins, as_of_dates, windows)
def test_assessed_results_are_frozen_instances_like_those_the_classes_build(
    checkins: list[at.CheckIn], as_of: dt.date, window_weeks: int
) -> None:
    # The assessor fills blank slotted objects and then gives them the result
    # type; an app must not be able to tell them from objects built by calling
    # the class: same type, frozen, equal, same repr, same pickle.
    result = at.assess_distance(checkins, as_of=as_of, window_weeks=window_weeks)
    parts: list[object] = [result, *result.contributions, *result.weekly]
    for part in parts:
        rebuilt = attrs.evolve(part)  # type: ignore[misc]
        assert type(part) is type(rebuilt)
        assert part == rebuilt
        assert repr(part) == repr(rebuilt)
        assert pickle.dumps(part) == pickle.dumps(rebuilt)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            part.score = 0.0  # type: ignore[attr-defined]


@given(couple_checkins, as_of_dates)
def test_assessment_is_deterministic_and_leaves_input_alone(
    checkins: list[at.CheckIn], as_of: dt.date
) -> None:
    snapshot = list(checkins)
    first = at.assess_distance(checkins, as_of=as_of)
    assert at.assess_distance(iter(checkins), as_of=as_of) == first
    assert checkins == snapshot
    assert at.to_json(first) == at.to_json(at.assess_distance(checkins, as_of=as_of))


@given(couple_checkins, as_of_dates, st.integers(2, 20))
def test_an_open_week_without_a_checkin_reads_as_the_sunday_before(
    checkins: list[at.CheckIn], as_of: dt.date, window_weeks: int
) -> None:
    # Before its Sunday, with no check-in on or before as_of, the week of
    # as_of adds only a None entry: the rest is last Sunday's assessment of
    # the same weeks (same first Monday, one week shorter).
    if as_of.weekday() == 6:  # Sunday
        as_of -= dt.timedelta(days=1)
    monday = as_of - dt.timedelta(days=as_of.weekday())
    checkins = [c for c in checkins if not monday <= c.on <= as_of]
    sunday = monday - dt.timedelta(days=1)
    before = at.assess_distance(checkins, as_of=sunday, window_weeks=window_weeks - 1)
    result = at.assess_distance(checkins, as_of=as_of, window_weeks=window_weeks)
    open_week = at.WeeklyScore(week_start=monday, score=None, level=None)
    assert result == attrs.evolve(
        before, as_of=as_of, window_weeks=window_weeks, weekly=(*before.weekly, open_week)
    )


def test_many_window_sizes_keep_the_caches_small_and_results_unchanged() -> None:
    # A long-running service may assess with many window sizes; the cached
    # decay weights and week starts must stay bounded, and clearing them must
    # never change a result.
    history = [
        at.CheckIn(partner_id=who, on=week(back), closeness=2 + back % 5, felt_heard=3, stress=2)
        for back in range(30)
        for who in ("alex", "sam")
    ]
    before = at.assess_distance(history, as_of=AS_OF, window_weeks=8)
    for window_weeks in range(1, 300):
        at.assess_distance(history, as_of=AS_OF, window_weeks=window_weeks)
        assert len(_assessor._DECAY) <= _assessor._DECAY_SIZES_KEPT
        assert len(_assessor._WEEK_STARTS) <= 9  # the bound in _week_starts
    assert at.assess_distance(history, as_of=AS_OF, window_weeks=8) == before
