"""Differentiation rules and refusal reasons that mutation testing found unguarded.

``ValidationError.reason`` is public: apps log it and developers read it to
learn what to pass, so each refusal below checks the reason it states as
well as where it points.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

import attrs
import pytest

import attunement as at

R = at.Subscale.EMOTIONAL_REACTIVITY
I = at.Subscale.I_POSITION  # noqa: E741 - the facet's own initial
DAY = dt.date(2026, 11, 1)

# The same package, typed loosely: the refusals below pass wrong types on purpose.
AT: Any = at


def mini(**changes: Any) -> at.Instrument:
    fields: dict[str, Any] = {
        "id": "mini",
        "name": "Mini",
        "low": 1,
        "high": 6,
        "items": (
            at.Item(id="a", text="Item a", subscale=R),
            at.Item(id="b", text="Item b", subscale=R, reverse=True),
            at.Item(id="d", text="Item d", subscale=I),
            at.Item(id="e", text="Item e", subscale=I),
        ),
    }
    fields.update(changes)
    return at.Instrument(**fields)


def rating(answers: Any, **changes: Any) -> at.SelfRating:
    fields: dict[str, Any] = {
        "partner_id": "alex",
        "on": DAY,
        "instrument_id": "mini",
        "answers": answers,
    }
    fields.update(changes)
    return at.SelfRating(**fields)


def profile(**changes: Any) -> at.DifferentiationProfile:
    fields: dict[str, Any] = {
        "instrument_id": "mini",
        "subscales": {R: 3.0, I: 4.0},
        "overall": 3.5,
        "answered": 4,
    }
    fields.update(changes)
    return at.DifferentiationProfile(**fields)


NORM = at.SubscaleNorm(subscale=I, sd=0.8, reliability=0.8)
CHANGE = at.reliable_change(3.0, 4.0, sd=0.8, reliability=0.8)

REFUSALS: list[tuple[str, Callable[[], object], str, str]] = [
    (
        "item reverse",
        lambda: AT.Item(id="a", text="A", subscale=R, reverse=1),
        "$.reverse",
        "must be true or false",
    ),
    ("instrument low", lambda: mini(low=1.0), "$.low", "must be an integer"),
    (
        "profile answered",
        lambda: profile(answered=-1),
        "$.answered",
        "must be a non-negative integer",
    ),
    (
        "change index",
        lambda: attrs.evolve(CHANGE, index=math.nan),
        "$.index",
        "must be a finite number",
    ),
    (
        "profile overall",
        lambda: profile(overall=math.inf),
        "$.overall",
        "must be a finite number or null",
    ),
    (
        "norm sd",
        lambda: at.SubscaleNorm(subscale=I, sd=0.0, reliability=0.8),
        "$.sd",
        "must be a finite number above 0",
    ),
    (
        "norm reliability",
        lambda: at.SubscaleNorm(subscale=I, sd=1.0, reliability=1.0),
        "$.reliability",
        "must be a number between 0 and 1, exclusive",
    ),
    (
        "min answered",
        lambda: mini(min_answered=0.0),
        "$.min_answered",
        "must be a number above 0 and at most 1",
    ),
    ("items empty", lambda: mini(items=()), "$.items", "must be a non-empty tuple of Item"),
    ("items member", lambda: mini(items=("a", "b")), "$.items[0]", "must be an Item"),
    ("norms type", lambda: mini(norms=[NORM]), "$.norms", "must be a tuple of SubscaleNorm"),
    ("norms member", lambda: mini(norms=("x",)), "$.norms[0]", "must be a SubscaleNorm"),
    (
        "norms twice",
        lambda: mini(norms=(NORM, NORM)),
        "$.norms[1].subscale",
        "gives a second norm for the same subscale",
    ),
    (
        "answers type",
        lambda: rating([("a", 1)]),
        "$.answers",
        "must be a mapping of item id to integer",
    ),
    (
        "answers key",
        lambda: rating({"a b": 1}),
        "$.answers",
        "every key must be an item id (1-64 characters, no whitespace)",
    ),
    ("answers value", lambda: rating({"a": 1.0}), "$.answers.a", "must be an integer"),
    (
        "subscales type",
        lambda: profile(subscales=[(R, 3.0)]),
        "$.subscales",
        "must be a mapping of Subscale to number",
    ),
    (
        "subscales key",
        lambda: profile(subscales={"emotional_reactivity": 3.0}),
        "$.subscales",
        "every key must be a Subscale",
    ),
    (
        "subscales value",
        lambda: profile(subscales={R: math.nan}),
        "$.subscales.emotional_reactivity",
        "must be a finite number or null",
    ),
    ("high", lambda: mini(low=6, high=6), "$.high", "must be greater than low"),
    (
        "repeated id",
        lambda: mini(items=(AT.Item(id="a", text="A", subscale=R),) * 2),
        "$.items[1].id",
        "repeats an earlier item's id",
    ),
    (
        "uncovered norm",
        lambda: mini(
            norms=(
                at.SubscaleNorm(subscale=at.Subscale.FUSION_WITH_OTHERS, sd=1.0, reliability=0.8),
            )
        ),
        "$.norms[0].subscale",
        "names a subscale that no item measures",
    ),
    (
        "unknown item",
        lambda: AT.score_self_rating(rating({"zz": 1}), mini()),
        "$.answers.zz",
        "is not an item of this instrument",
    ),
    (
        "rating type",
        lambda: AT.score_self_rating("r", mini()),
        "$.rating",
        "must be a SelfRating",
    ),
    (
        "instrument type",
        lambda: AT.score_self_rating(rating({"a": 1}), "i"),
        "$.instrument",
        "must be an Instrument",
    ),
    (
        "instrument id",
        lambda: AT.score_self_rating(rating({"a": 1}, instrument_id="other"), mini()),
        "$.instrument_id",
        "does not match the instrument's id",
    ),
    (
        "before",
        lambda: AT.reliable_change(math.nan, 1.0, sd=1.0, reliability=0.5),
        "$.before",
        "must be a finite number",
    ),
    (
        "sd",
        lambda: AT.reliable_change(1.0, 2.0, sd=-1.0, reliability=0.5),
        "$.sd",
        "must be a finite number above 0",
    ),
    (
        "reliability",
        lambda: AT.reliable_change(1.0, 2.0, sd=1.0, reliability=0.0),
        "$.reliability",
        "must be a number between 0 and 1, exclusive",
    ),
    (
        "too large",
        lambda: AT.reliable_change(-1e308, 1e308, sd=1e-300, reliability=0.5),
        "$.after",
        "gives a change too large to measure",
    ),
    (
        "compare instrument",
        lambda: AT.compare_profiles(profile(), profile(), "i"),
        "$.instrument",
        "must be an Instrument",
    ),
    (
        "compare profile",
        lambda: AT.compare_profiles("p", profile(), mini()),
        "$.before",
        "must be a DifferentiationProfile",
    ),
    (
        "compare id",
        lambda: AT.compare_profiles(profile(instrument_id="x"), profile(), mini()),
        "$.before.instrument_id",
        "does not match the instrument's id",
    ),
    (
        "compare partner",
        lambda: AT.compare_profiles(profile(partner_id="a"), profile(partner_id="b"), mini()),
        "$.after.partner_id",
        "must be the same partner's profile: change is measured within one person",
    ),
    (
        "compare order",
        lambda: AT.compare_profiles(
            profile(on=DAY), profile(on=DAY - dt.timedelta(days=1)), mini()
        ),
        "$.after.on",
        "must not be dated before the earlier profile",
    ),
    (
        "compare norms",
        lambda: AT.compare_profiles(profile(), profile(), mini(), norms=["n"]),
        "$.norms[0]",
        "must be a SubscaleNorm",
    ),
    (
        "alpha rows",
        lambda: AT.cronbach_alpha("12"),
        "$.responses",
        "must be a sequence of rows",
    ),
    (
        "alpha row",
        lambda: AT.cronbach_alpha([[1, 2], "12"]),
        "$.responses[1]",
        "must be a sequence of numbers",
    ),
    (
        "alpha width",
        lambda: AT.cronbach_alpha([[1, 2], [1, 2, 3]]),
        "$.responses[1]",
        "must have 2 items like the first row",
    ),
    (
        "alpha value",
        lambda: AT.cronbach_alpha([[1, 2], [1, math.nan]]),
        "$.responses[1][1]",
        "must be a finite number",
    ),
    (
        "alpha two rows",
        lambda: AT.cronbach_alpha([[1, 2]]),
        "$.responses",
        "must hold at least 2 respondents (rows)",
    ),
    (
        "alpha two items",
        lambda: AT.cronbach_alpha([[1], [2]]),
        "$.responses",
        "must hold at least 2 items (columns)",
    ),
    (
        "alpha variance",
        lambda: AT.cronbach_alpha([[1, 2], [2, 1]]),
        "$.responses",
        "must vary in total score across respondents for alpha to be defined",
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


# --------------------------------------------------------------- the rules


def test_the_scale_span_limit_is_the_distance_between_low_and_high() -> None:
    # Rule: high - low may be at most 100 points; where the scale sits does not matter.
    assert mini(low=60, high=100).high == 100
    with pytest.raises(at.ValidationError) as caught:
        mini(low=-60, high=50)
    assert caught.value.path == "$.high"


def test_an_answer_at_the_top_of_the_scale_is_never_the_one_blamed() -> None:
    # The refusal points at the answer that is out of range, not at a valid 6.
    with pytest.raises(at.ValidationError) as caught:
        at.score_self_rating(rating({"a": 6, "b": 9}), mini())
    assert caught.value.path == "$.answers.b"


def test_an_index_of_exactly_196_is_not_reliable() -> None:
    # Rule (Jacobson & Truax 1991): reliable means |RC| strictly ABOVE 1.96.
    sd, reliability = 0.5, 0.5
    s_diff = math.sqrt(2.0) * sd * math.sqrt(1.0 - reliability)
    change = at.reliable_change(0.0, 1.96 * s_diff, sd=sd, reliability=reliability)
    assert change.index == 1.96
    assert not change.reliable
    assert change.direction is at.ChangeDirection.NO_RELIABLE_CHANGE


def test_a_first_row_with_no_items_is_a_width_mismatch_not_a_crash() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.cronbach_alpha([[], [1, 2, 3], [3, 2, 1]])
    assert caught.value.path == "$.responses[1]"


def test_independent_items_have_zero_item_rest_correlation() -> None:
    # Columns (0, 0, 1, 1) and (0, 1, 0, 1) are uncorrelated: r = 0 for both.
    # Each has a sum of squares of exactly 1, which must not read as "no variance".
    assert at.item_rest_correlations([[0, 0], [0, 1], [1, 0], [1, 1]]) == (0.0, 0.0)


def test_correlations_stay_within_minus_one_and_one_despite_rounding() -> None:
    # (4, 4, 2) against (17, 17, 10) is perfectly linear; in floats the raw
    # Pearson quotient comes out one step above 1, and must be clamped.
    assert at.item_rest_correlations([[4, 17], [4, 17], [2, 10]]) == (1.0, 1.0)
    assert at.item_rest_correlations([[4, -17], [4, -17], [2, -10]]) == (-1.0, -1.0)
