"""Reliable change, profile comparison, Cronbach's alpha and item-rest correlations.

Golden values are worked by hand in the comments next to them.
"""

import datetime as dt
import math
import pickle
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import attunement as at

R = at.Subscale.EMOTIONAL_REACTIVITY
I = at.Subscale.I_POSITION  # noqa: E741 - the facet's own initial
IMPROVED = at.ChangeDirection.IMPROVED
WORSENED = at.ChangeDirection.WORSENED
NO_CHANGE = at.ChangeDirection.NO_RELIABLE_CHANGE

scores = st.floats(min_value=-100, max_value=100)
sds = st.floats(min_value=0.01, max_value=10)
reliabilities = st.floats(min_value=0.01, max_value=0.99)


# ------------------------------------------------------------ reliable change


def test_reliable_change_golden_values() -> None:
    # sd = 0.8, r = 0.8: SE = 0.8 * sqrt(0.2) = 0.357771; S_diff = sqrt(2) * SE = 0.505964.
    # 3.0 -> 4.0: RC = 1 / 0.505964 = 1.97642 > 1.96: reliable improvement.
    change = at.reliable_change(3.0, 4.0, sd=0.8, reliability=0.8)
    assert change.index == pytest.approx(1.97642, abs=1e-5)
    assert change.s_diff == pytest.approx(0.505964, abs=1e-6)
    assert change.reliable
    assert change.direction is IMPROVED
    assert (change.before, change.after) == (3.0, 4.0)
    # 3.0 -> 3.9: RC = 0.9 / 0.505964 = 1.77878: within noise.
    small = at.reliable_change(3.0, 3.9, sd=0.8, reliability=0.8)
    assert small.index == pytest.approx(1.77878, abs=1e-5)
    assert not small.reliable
    assert small.direction is NO_CHANGE


def test_reliable_fall_is_worsened() -> None:
    # sd = 1, r = 0.5: S_diff = sqrt(2) * sqrt(0.5) = 1, so RC is the raw difference.
    change = at.reliable_change(4.0, 1.5, sd=1.0, reliability=0.5)
    assert change.index == pytest.approx(-2.5)
    assert change.direction is WORSENED


def test_threshold_is_strictly_above_196() -> None:
    # With S_diff = 1 (sd = 1, r = 0.5), a difference of 1.95 is noise, 1.97 is not.
    assert not at.reliable_change(0.0, 1.95, sd=1.0, reliability=0.5).reliable
    assert at.reliable_change(0.0, 1.97, sd=1.0, reliability=0.5).reliable


def test_integer_scores_are_accepted_and_stored_as_floats() -> None:
    change = at.reliable_change(3, 5, sd=1, reliability=0.5)
    assert type(change.before) is float
    assert type(change.after) is float
    assert change.index == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"sd": 0.0}, "sd"),
        ({"sd": -0.5}, "sd"),
        ({"sd": float("nan")}, "sd"),
        ({"sd": float("inf")}, "sd"),
        ({"sd": True}, "sd"),
        ({"sd": "1"}, "sd"),
        ({"reliability": 0.0}, "reliability"),
        ({"reliability": 1.0}, "reliability"),
        ({"reliability": -0.2}, "reliability"),
        ({"reliability": 1.5}, "reliability"),
        ({"reliability": float("nan")}, "reliability"),
        ({"before": float("nan")}, "before"),
        ({"before": "3"}, "before"),
        ({"after": float("inf")}, "after"),
        ({"after": None}, "after"),
    ],
)
def test_reliable_change_refuses_bad_parameters(kwargs: dict[str, Any], field: str) -> None:
    values = {"before": 3.0, "after": 4.0, "sd": 0.8, "reliability": 0.8} | kwargs
    with pytest.raises(at.ValidationError) as caught:
        at.reliable_change(values.pop("before"), values.pop("after"), **values)
    assert caught.value.field == field


def test_reliable_change_refuses_an_unmeasurably_large_change() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.reliable_change(-1e308, 1e308, sd=0.01, reliability=0.5)
    assert caught.value.field == "after"


@given(scores, scores, sds, reliabilities)
def test_reliable_change_is_antisymmetric(a: float, b: float, sd: float, r: float) -> None:
    forward = at.reliable_change(a, b, sd=sd, reliability=r)
    backward = at.reliable_change(b, a, sd=sd, reliability=r)
    assert forward.index == -backward.index
    assert forward.reliable == backward.reliable
    swapped = {IMPROVED: WORSENED, WORSENED: IMPROVED, NO_CHANGE: NO_CHANGE}
    assert backward.direction is swapped[forward.direction]


@given(scores, scores, sds, reliabilities)
def test_reliable_change_follows_jacobson_truax(a: float, b: float, sd: float, r: float) -> None:
    change = at.reliable_change(a, b, sd=sd, reliability=r)
    s_diff = math.sqrt(2) * sd * math.sqrt(1 - r)
    assert change.s_diff == pytest.approx(s_diff)
    assert change.index == pytest.approx((b - a) / s_diff)
    assert change.reliable == (abs(change.index) > 1.96)
    if change.reliable:
        assert change.direction is (IMPROVED if b > a else WORSENED)


@given(scores, scores, sds, reliabilities)
def test_reliable_change_round_trips(a: float, b: float, sd: float, r: float) -> None:
    change = at.reliable_change(a, b, sd=sd, reliability=r)
    assert at.from_json(at.to_json(change), at.ReliableChange) == change
    assert pickle.loads(pickle.dumps(change)) == change  # noqa: S301 - our own bytes


@given(scores, sds, reliabilities, st.floats(min_value=0, max_value=50))
def test_a_larger_rise_never_has_a_smaller_index(
    a: float, sd: float, r: float, rise: float
) -> None:
    smaller = at.reliable_change(a, a + rise, sd=sd, reliability=r)
    larger = at.reliable_change(a, a + rise + 1, sd=sd, reliability=r)
    assert larger.index >= smaller.index


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"direction": "improved"}, "direction"),
        ({"reliable": 1}, "reliable"),
        ({"s_diff": 0.0}, "s_diff"),
        ({"index": float("nan")}, "index"),
        ({"before": None}, "before"),
    ],
)
def test_reliable_change_model_rules(changes: dict[str, Any], field: str) -> None:
    values: dict[str, Any] = {
        "before": 1.0,
        "after": 2.0,
        "index": 1.0,
        "s_diff": 1.0,
        "reliable": False,
        "direction": NO_CHANGE,
    }
    with pytest.raises(at.ValidationError) as caught:
        at.ReliableChange(**(values | changes))
    assert caught.value.field == field


# ------------------------------------------------------------ compare profiles


def normed() -> at.Instrument:
    return at.Instrument(
        id="mini",
        name="Mini",
        low=1,
        high=6,
        items=(
            at.Item(id="a", text="a", subscale=R),
            at.Item(id="b", text="b", subscale=R, reverse=True),
            at.Item(id="c", text="c", subscale=I),
            at.Item(id="d", text="d", subscale=I, reverse=True),
        ),
        norms=(at.SubscaleNorm(subscale=R, sd=1.0, reliability=0.5),),
    )


def profile(
    reactivity: float | None,
    i_position: float | None,
    *,
    on: dt.date | None = None,
    partner_id: str | None = "alex",
    instrument_id: str = "mini",
) -> at.DifferentiationProfile:
    return at.DifferentiationProfile(
        instrument_id=instrument_id,
        subscales={R: reactivity, I: i_position},
        overall=None,
        answered=4,
        partner_id=partner_id,
        on=on,
    )


def test_compare_uses_the_instruments_norms_and_app_norms() -> None:
    # Reactivity: the instrument's S_diff = 1, so 2.0 -> 4.5 gives RC = 2.5.
    # I-position: app-supplied sd = 0.5, r = 0.5 -> S_diff = 0.5, so 3.0 -> 2.5 gives RC = -1.
    app = (at.SubscaleNorm(subscale=I, sd=0.5, reliability=0.5),)
    result = at.compare_profiles(
        profile(2.0, 3.0, on=dt.date(2026, 1, 1)),
        profile(4.5, 2.5, on=dt.date(2026, 4, 1)),
        normed(),
        norms=app,
    )
    assert list(result) == [R, I]
    reactivity, i_position = result[R], result[I]
    assert reactivity is not None
    assert i_position is not None
    assert reactivity.index == pytest.approx(2.5)
    assert reactivity.direction is IMPROVED
    assert i_position.index == pytest.approx(-1.0)
    assert i_position.direction is NO_CHANGE


def test_app_norms_override_the_instruments() -> None:
    # App: sd = 2, r = 0.5 -> S_diff = 2, so 2.0 -> 4.5 gives RC = 1.25 (not 2.5).
    app = [
        at.SubscaleNorm(subscale=R, sd=2.0, reliability=0.5),
        at.SubscaleNorm(subscale=I, sd=1.0, reliability=0.5),
    ]
    result = at.compare_profiles(profile(2.0, 3.0), profile(4.5, 3.0), normed(), norms=app)
    reactivity = result[R]
    assert reactivity is not None
    assert reactivity.index == pytest.approx(1.25)


def test_a_subscale_missing_in_either_profile_is_not_compared() -> None:
    result = at.compare_profiles(profile(2.0, None), profile(None, 4.0), normed())
    assert result == {R: None, I: None}


def test_compare_needs_a_norm_for_each_measured_subscale() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.compare_profiles(profile(2.0, 3.0), profile(2.5, 3.5), normed())
    assert caught.value.path == "$.norms"
    assert "i_position" in caught.value.reason


def test_self_check_comparison_needs_app_norms() -> None:
    check = at.SELF_CHECK
    answers = {item.id: 3 for item in check.items}
    one = at.SelfRating(
        partner_id="a", on=dt.date(2026, 1, 1), instrument_id=check.id, answers=answers
    )
    before = at.score_self_rating(one, check)
    with pytest.raises(at.ValidationError) as caught:
        at.compare_profiles(before, before, check)
    assert caught.value.field == "norms"
    app = [at.SubscaleNorm(subscale=facet, sd=0.8, reliability=0.8) for facet in at.Subscale]
    result = at.compare_profiles(before, before, check, norms=app)
    assert all(change is not None and change.index == 0 for change in result.values())


@pytest.mark.parametrize(
    ("before", "after", "path"),
    [
        (profile(1, 1, instrument_id="x"), profile(1, 1), "$.before.instrument_id"),
        (profile(1, 1), profile(1, 1, instrument_id="x"), "$.after.instrument_id"),
        (profile(1, 1, partner_id="sam"), profile(1, 1), "$.after.partner_id"),
        (
            profile(1, 1, on=dt.date(2026, 5, 1)),
            profile(1, 1, on=dt.date(2026, 4, 1)),
            "$.after.on",
        ),
        ({"i_position": 1}, profile(1, 1), "$.before"),
        (profile(1, 1), None, "$.after"),
    ],
)
def test_compare_refuses_mismatched_profiles(before: Any, after: Any, path: str) -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.compare_profiles(before, after, normed())
    assert caught.value.path == path


def test_compare_accepts_profiles_without_partner_or_date() -> None:
    result = at.compare_profiles(profile(2.0, None, partner_id=None), profile(2.0, None), normed())
    assert result[R] is not None


def test_compare_refuses_bad_instrument_and_norms() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.compare_profiles(profile(1, 1), profile(1, 1), "mini")  # type: ignore[arg-type]
    assert caught.value.path == "$.instrument"
    with pytest.raises(at.ValidationError) as caught:
        at.compare_profiles(profile(1, 1), profile(1, 1), normed(), norms=[(I, 1.0, 0.5)])  # type: ignore[list-item]
    assert caught.value.path == "$.norms[0]"


# ------------------------------------------------------------ Cronbach's alpha


def test_alpha_golden_value() -> None:
    # Items (1, 2, 3) and (2, 3, 3): sums of squares 2 and 2/3; totals (3, 5, 6)
    # have sum of squares 14/3. alpha = 2 * (1 - (8/3) / (14/3)) = 6/7.
    assert at.cronbach_alpha([[1, 2], [2, 3], [3, 3]]) == pytest.approx(6 / 7)


def test_alpha_negative_for_a_forgotten_reverse_key() -> None:
    # Items (1, 2, 3) and (6, 4, 3): sums of squares 2 and 14/3; totals (7, 6, 6)
    # have sum of squares 2/3. alpha = 2 * (1 - (20/3) / (2/3)) = -18.
    assert at.cronbach_alpha([[1, 6], [2, 4], [3, 3]]) == pytest.approx(-18.0)


def test_alpha_three_items_golden_value() -> None:
    # Columns (1,2,3,4), (2,2,4,4), (1,3,3,5): sums of squares 5, 4, 8 (sum 17).
    # Totals (4, 7, 10, 13): sum of squares 45. alpha = 3/2 * (1 - 17/45) = 0.9333...
    responses = [[1, 2, 1], [2, 2, 3], [3, 4, 3], [4, 4, 5]]
    assert at.cronbach_alpha(responses) == pytest.approx(1.5 * (1 - 17 / 45))


def test_alpha_accepts_tuples_and_floats() -> None:
    assert at.cronbach_alpha(((1.0, 2.0), (2.0, 3.0), (3.0, 3.0))) == pytest.approx(6 / 7)


@pytest.mark.parametrize(
    ("responses", "path"),
    [
        ([[1, 2]], "$.responses"),  # one respondent
        ([[1], [2], [3]], "$.responses"),  # one item
        ([], "$.responses"),
        ([[3, 3], [3, 3], [3, 3]], "$.responses"),  # totals do not vary
        ([[1, 5], [2, 4], [3, 3]], "$.responses"),  # items vary, totals do not
        ([[1, 2], [1, 2, 3]], "$.responses[1]"),
        ([[1, True], [2, 3]], "$.responses[0][1]"),
        ([[1, 2], [2, float("nan")]], "$.responses[1][1]"),
        ([[1, "2"], [2, 3]], "$.responses[0][1]"),
        (["12", "23"], "$.responses[0]"),
        ([[1, 2], 3], "$.responses[1]"),
        ("1223", "$.responses"),
        (12, "$.responses"),
    ],
)
def test_alpha_refuses_malformed_input(responses: Any, path: str) -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.cronbach_alpha(responses)
    assert caught.value.path == path


likert_column = st.lists(st.integers(1, 6), min_size=2, max_size=30)


@given(likert_column, st.integers(2, 8))
def test_alpha_is_one_for_identical_columns(column: list[int], copies: int) -> None:
    assume(len(set(column)) > 1)
    responses = [[value] * copies for value in column]
    assert at.cronbach_alpha(responses) == pytest.approx(1.0, abs=1e-12)


matrices = st.integers(2, 20).flatmap(
    lambda rows: st.lists(
        st.lists(st.integers(1, 6), min_size=rows, max_size=rows), min_size=2, max_size=8
    )
)


@given(matrices)
def test_alpha_is_at_most_one_and_ignores_column_order(columns: list[list[int]]) -> None:
    responses = [list(row) for row in zip(*columns, strict=True)]
    assume(len({sum(row) for row in responses}) > 1)
    alpha = at.cronbach_alpha(responses)
    assert alpha <= 1 + 1e-12
    reordered = [list(reversed(row)) for row in responses]
    assert at.cronbach_alpha(reordered) == pytest.approx(alpha)


# ------------------------------------------------------- item-rest correlations


def test_item_rest_golden_values() -> None:
    # Columns x0 = (1,2,3), x1 = (1,3,2), x2 = (3,2,1).
    # x0 vs rest (4,5,3): deviations (-1,0,1) and (0,1,-1): r = -1 / sqrt(2 * 2) = -0.5.
    # x1 vs rest (4,4,4): the rest does not vary: None.
    # x2 vs rest (2,5,5): deviations (1,0,-1) and (-2,1,1): r = -3 / sqrt(2 * 6) = -0.866.
    responses = [[1, 1, 3], [2, 3, 2], [3, 2, 1]]
    x0, x1, x2 = at.item_rest_correlations(responses)
    assert x0 == pytest.approx(-0.5)
    assert x1 is None
    assert x2 == pytest.approx(-3 / math.sqrt(12))
    assert at.reverse_key_suspects(responses) == (0, 2)


def test_suspects_flag_the_unreversed_item_only() -> None:
    # Three items rise together; the fourth falls as they rise: it was not reverse-keyed.
    responses = [[1, 2, 1, 5], [2, 1, 2, 6], [4, 5, 4, 2], [5, 4, 6, 1], [3, 4, 3, 3]]
    assert at.reverse_key_suspects(responses) == (3,)
    fixed = [[*row[:3], 7 - row[3]] for row in responses]
    assert at.reverse_key_suspects(fixed) == ()
    assert at.cronbach_alpha(fixed) > at.cronbach_alpha(responses)


def test_item_rest_refuses_malformed_input() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.item_rest_correlations([[1, 2]])
    assert caught.value.path == "$.responses"
    with pytest.raises(at.ValidationError) as caught:
        at.reverse_key_suspects([[1, 2], [3]])
    assert caught.value.path == "$.responses[1]"


@given(matrices)
def test_item_rest_correlations_are_bounded(columns: list[list[int]]) -> None:
    responses = [list(row) for row in zip(*columns, strict=True)]
    correlations = at.item_rest_correlations(responses)
    assert len(correlations) == len(columns)
    for r in correlations:
        assert r is None or -1 <= r <= 1
    suspects = at.reverse_key_suspects(responses)
    assert all(correlations[i] is not None and correlations[i] < 0 for i in suspects)  # type: ignore[operator]


@given(matrices)
def test_reversing_an_item_flips_its_item_rest_sign(columns: list[list[int]]) -> None:
    responses = [list(row) for row in zip(*columns, strict=True)]
    flipped = [[7 - row[0], *row[1:]] for row in responses]
    original = at.item_rest_correlations(responses)[0]
    reversed_r = at.item_rest_correlations(flipped)[0]
    if original is None:
        assert reversed_r is None
    else:
        assert reversed_r == pytest.approx(-original, abs=1e-9)
