"""Differentiation of self: instruments, scoring, missing answers and the built-in self-check.

Golden values are worked by hand in the comments next to them.
"""

import datetime as dt
import json
import pickle
import subprocess
import sys
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import attunement as at
from attunement import strategies as ats

R = at.Subscale.EMOTIONAL_REACTIVITY
I = at.Subscale.I_POSITION  # noqa: E741 - the facet's own initial
C = at.Subscale.EMOTIONAL_CUTOFF
F = at.Subscale.FUSION_WITH_OTHERS
DAY = dt.date(2026, 11, 1)


def mini() -> at.Instrument:
    """Reactivity: a direct, b and c reversed. I-position: d and e direct."""
    return at.Instrument(
        id="mini",
        name="Mini",
        low=1,
        high=6,
        items=(
            at.Item(id="a", text="Item a", subscale=R),
            at.Item(id="b", text="Item b", subscale=R, reverse=True),
            at.Item(id="c", text="Item c", subscale=R, reverse=True),
            at.Item(id="d", text="Item d", subscale=I),
            at.Item(id="e", text="Item e", subscale=I),
        ),
    )


def rating(answers: dict[str, int], instrument_id: str = "mini") -> at.SelfRating:
    return at.SelfRating(partner_id="alex", on=DAY, instrument_id=instrument_id, answers=answers)


# The DSI-R's structure (Skowron & Schmitt 2003): 11 / 11 / 12 / 12 items;
# reactivity, cutoff and fusion reverse-keyed. Placeholder ids and texts.
DSI_SHAPE = ((R, 11, True), (I, 11, False), (C, 12, True), (F, 12, True))


def dsi_shaped() -> at.Instrument:
    items = tuple(
        at.Item(id=f"{facet.value}-{n}", text=f"Placeholder {n}", subscale=facet, reverse=rev)
        for facet, count, rev in DSI_SHAPE
        for n in range(1, count + 1)
    )
    return at.Instrument(id="dsi-r", name="DSI-R (licensed items)", items=items, low=1, high=6)


# ------------------------------------------------------------ golden scores


def test_mini_instrument_scores_match_a_hand_calculation() -> None:
    # Reactivity: a=4 -> 4; b=2 reversed -> 1+6-2 = 5; c=6 reversed -> 1. Mean 10/3.
    # I-position: d=3, e=6 -> 4.5. Overall: (10/3 + 4.5) / 2 = 47/12.
    profile = at.score_self_rating(rating({"a": 4, "b": 2, "c": 6, "d": 3, "e": 6}), mini())
    assert profile.subscales == {R: pytest.approx(10 / 3), I: 4.5}
    assert profile.overall == pytest.approx(47 / 12)
    assert profile.answered == 5
    assert profile.instrument_id == "mini"
    assert (profile.partner_id, profile.on) == ("alex", DAY)
    assert profile.weakest is R


def test_subscales_the_instrument_does_not_cover_are_absent() -> None:
    profile = at.score_self_rating(rating({"a": 1, "b": 1, "c": 1, "d": 1, "e": 1}), mini())
    assert list(profile.subscales) == [R, I]
    assert mini().subscales == (R, I)


def test_a_subscale_below_min_answered_is_missing_not_guessed() -> None:
    # Reactivity has 3 items: 2/3 = 0.67 < 0.8, so it is missing, and so is overall.
    profile = at.score_self_rating(rating({"a": 6, "b": 1, "d": 2, "e": 4}), mini())
    assert profile.subscales == {R: None, I: 3.0}
    assert profile.overall is None
    assert profile.answered == 4
    assert profile.weakest is I


def test_min_answered_is_a_share_of_the_subscale_items() -> None:
    lenient = attrs.evolve(mini(), min_answered=0.5)
    # 2 of 3 reactivity items >= 50%: a=6 and b=1 reversed -> 6: mean 6.
    profile = at.score_self_rating(rating({"a": 6, "b": 1, "d": 2, "e": 4}), lenient)
    assert profile.subscales == {R: 6.0, I: 3.0}
    assert profile.overall == 4.5


def test_nothing_answered_gives_an_empty_profile() -> None:
    profile = at.score_self_rating(rating({}), mini())
    assert profile.subscales == {R: None, I: None}
    assert profile.overall is None
    assert profile.answered == 0
    assert profile.weakest is None


def test_weakest_breaks_ties_in_subscale_order() -> None:
    profile = at.DifferentiationProfile(
        instrument_id="x", subscales={F: 2.0, C: 2.0, I: 3.0}, overall=None, answered=9
    )
    assert profile.weakest is C


def test_dsi_shaped_instrument_all_sixes() -> None:
    # Reversed facets: 1 + 6 - 6 = 1 on every item; I-position direct: 6.
    # Overall: (1 + 6 + 1 + 1) / 4 = 2.25.
    instrument = dsi_shaped()
    assert len(instrument.items) == 46
    answers = {item.id: 6 for item in instrument.items}
    profile = at.score_self_rating(rating(answers, "dsi-r"), instrument)
    assert profile.subscales == {R: 1.0, I: 6.0, C: 1.0, F: 1.0}
    assert profile.overall == 2.25
    assert profile.answered == 46


def test_dsi_shaped_missing_rule_at_the_boundaries() -> None:
    # 11-item subscales need 9 answers (9/11 = 0.82; 8/11 = 0.73);
    # 12-item subscales need 10 (10/12 = 0.83; 9/12 = 0.75).
    instrument = dsi_shaped()
    by_facet = {
        facet: [i.id for i in instrument.items if i.subscale is facet] for facet in at.Subscale
    }
    answers = {}
    answers.update(dict.fromkeys(by_facet[R][:9], 3))  # enough: 1+6-3 = 4
    answers.update(dict.fromkeys(by_facet[I][:8], 3))  # one short
    answers.update(dict.fromkeys(by_facet[C][:10], 2))  # enough: 5
    answers.update(dict.fromkeys(by_facet[F][:9], 2))  # one short
    profile = at.score_self_rating(rating(answers, "dsi-r"), instrument)
    assert profile.subscales == {R: 4.0, I: None, C: 5.0, F: None}
    assert profile.overall is None
    assert profile.answered == 36


# ------------------------------------------------------- the built-in self-check


def test_self_check_meets_its_design() -> None:
    instrument = at.SELF_CHECK
    assert (instrument.low, instrument.high) == (1, 6)
    assert len(instrument.items) >= 16
    assert len({item.id for item in instrument.items}) == len(instrument.items)
    for facet in at.Subscale:
        facet_items = [item for item in instrument.items if item.subscale is facet]
        assert len(facet_items) >= 4
        assert {item.reverse for item in facet_items} == {True, False}, facet
    assert instrument.norms == ()  # no norms we could justify: apps supply them
    assert all(instrument.norm(facet) is None for facet in at.Subscale)


def test_instrument_states_its_norms_per_subscale() -> None:
    norm = at.SubscaleNorm(subscale=I, sd=0.7, reliability=0.85)
    instrument = attrs.evolve(mini(), norms=(norm,))
    assert instrument.norm(I) is norm
    assert instrument.norm(R) is None


def test_self_check_is_loaded_once_and_cached() -> None:
    assert at.SELF_CHECK is at.SELF_CHECK


def test_import_does_not_read_the_self_check() -> None:
    code = (
        "import attunement, attunement._differentiation as d\n"
        "before = len(d.self_check.cache)\n"
        "attunement.SELF_CHECK\n"
        "print(before, len(d.self_check.cache))\n"
    )
    out = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["0", "1"]


def test_unknown_module_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="NOT_A_NAME"):
        _ = at.NOT_A_NAME  # type: ignore[attr-defined]


def test_self_check_golden_profile() -> None:
    # Direct items answered 5 and reversed items 2 (-> 1 + 6 - 2 = 5): every facet 5.
    instrument = at.SELF_CHECK
    answers = {item.id: 2 if item.reverse else 5 for item in instrument.items}
    profile = at.score_self_rating(rating(answers, instrument.id), instrument)
    assert profile.subscales == dict.fromkeys(at.Subscale, 5.0)
    assert profile.overall == 5.0


def test_self_check_allows_one_skipped_item_per_facet() -> None:
    # 5 items per facet: 4/5 = 0.8 meets the default 0.8; 3/5 does not.
    instrument = at.SELF_CHECK
    per_facet = {f: [i for i in instrument.items if i.subscale is f] for f in at.Subscale}
    assert all(len(items) == 5 for items in per_facet.values())
    answers = {}
    for facet, items in per_facet.items():
        keep = items[:3] if facet is F else items[:4]
        answers.update({item.id: 4 for item in keep})
    profile = at.score_self_rating(rating(answers, instrument.id), instrument)
    assert profile.subscales[F] is None
    assert all(profile.subscales[f] is not None for f in (R, I, C))
    assert profile.overall is None


def test_self_check_texts_do_not_leak_into_repr() -> None:
    item = at.SELF_CHECK.items[0]
    assert item.text not in repr(item)
    assert item.text not in repr(at.SELF_CHECK)


# ------------------------------------------------------ scoring: bad input


def test_rating_for_another_instrument_is_refused() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.score_self_rating(rating({"a": 1}, "other"), mini())
    assert caught.value.path == "$.instrument_id"
    assert caught.value.field == "instrument_id"


def test_unknown_item_is_refused() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.score_self_rating(rating({"a": 1, "zz": 3}), mini())
    assert caught.value.path == "$.answers.zz"
    assert "not an item" in caught.value.reason


@pytest.mark.parametrize("answer", [0, 7, -1, 10**30])
def test_answer_out_of_range_is_refused(answer: int) -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.score_self_rating(rating({"a": 3, "b": answer}), mini())
    assert caught.value.path == "$.answers.b"
    assert "from 1 to 6" in caught.value.reason


def test_scoring_needs_real_models() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.score_self_rating({"a": 1}, mini())  # type: ignore[arg-type]
    assert caught.value.field == "rating"
    with pytest.raises(at.ValidationError) as caught:
        at.score_self_rating(rating({}), "mini")  # type: ignore[arg-type]
    assert caught.value.field == "instrument"


# ------------------------------------------------------ model validation


def _raises(field: str, path: str, build: Any) -> at.ValidationError:
    with pytest.raises(at.ValidationError) as caught:
        build()
    assert caught.value.field == field
    assert caught.value.path == path
    return caught.value


def test_instrument_refuses_duplicate_item_ids() -> None:
    items = (at.Item(id="a", text="x", subscale=R), at.Item(id="a", text="y", subscale=R))
    _raises(
        "id",
        "$.items[1].id",
        lambda: at.Instrument(id="i", name="n", items=items, low=1, high=6),
    )


@pytest.mark.parametrize(("low", "high"), [(6, 6), (6, 1)])
def test_instrument_refuses_low_not_below_high(low: int, high: int) -> None:
    _raises("high", "$.high", lambda: attrs.evolve(mini(), low=low, high=high))


def test_instrument_answer_scale_is_at_most_100_points_wide() -> None:
    # 0-100 (a slider) is the widest scale accepted; 0-101 is refused.
    wide = attrs.evolve(mini(), low=0, high=100)
    profile = at.score_self_rating(rating({"a": 100, "b": 0, "c": 0, "d": 50, "e": 50}), wide)
    assert profile.subscales == {R: 100.0, I: 50.0}
    error = _raises("high", "$.high", lambda: attrs.evolve(mini(), low=0, high=101))
    assert "at most 100" in error.reason


def test_a_tampered_answer_is_refused_not_scored() -> None:
    # The answers dict is a private copy but not frozen; a string slipped in after
    # validation is refused rather than compared or coerced.
    tampered = rating({"a": 3, "b": 2})
    tampered.answers["b"] = "5"  # type: ignore[assignment]
    with pytest.raises(at.ValidationError) as caught:
        at.score_self_rating(tampered, mini())
    assert caught.value.path == "$.answers.b"


def test_instrument_refuses_a_single_item_subscale() -> None:
    items = (*mini().items, at.Item(id="z", text="z", subscale=F))
    error = _raises("items", "$.items", lambda: attrs.evolve(mini(), items=items))
    assert "fusion_with_others" in error.reason


@pytest.mark.parametrize(
    ("changes", "field", "path"),
    [
        ({"items": ()}, "items", "$.items"),
        ({"items": list(mini().items)}, "items", "$.items"),
        ({"items": ("a", "b")}, "items", "$.items[0]"),
        ({"low": True}, "low", "$.low"),
        ({"low": 1.0}, "low", "$.low"),
        ({"high": "6"}, "high", "$.high"),
        ({"min_answered": 0}, "min_answered", "$.min_answered"),
        ({"min_answered": 1.01}, "min_answered", "$.min_answered"),
        ({"min_answered": float("nan")}, "min_answered", "$.min_answered"),
        ({"min_answered": True}, "min_answered", "$.min_answered"),
        ({"id": "has space"}, "id", "$.id"),
        ({"name": "  "}, "name", "$.name"),
        ({"norms": [at.SubscaleNorm(subscale=R, sd=1.0, reliability=0.8)]}, "norms", "$.norms"),
        ({"norms": ("x",)}, "norms", "$.norms[0]"),
    ],
)
def test_instrument_field_rules(changes: dict[str, Any], field: str, path: str) -> None:
    _raises(field, path, lambda: attrs.evolve(mini(), **changes))


def test_instrument_refuses_two_norms_for_one_subscale() -> None:
    norm = at.SubscaleNorm(subscale=R, sd=1.0, reliability=0.8)
    _raises("subscale", "$.norms[1].subscale", lambda: attrs.evolve(mini(), norms=(norm, norm)))


def test_instrument_refuses_a_norm_for_an_uncovered_subscale() -> None:
    norm = at.SubscaleNorm(subscale=F, sd=1.0, reliability=0.8)
    _raises("subscale", "$.norms[0].subscale", lambda: attrs.evolve(mini(), norms=(norm,)))


def test_instrument_accepts_a_whole_number_min_answered() -> None:
    # min_answered = 1 means every item of a subscale must be answered.
    strict = attrs.evolve(mini(), min_answered=1)
    profile = at.score_self_rating(rating({"a": 1, "b": 1, "d": 2, "e": 2}), strict)
    assert profile.subscales == {R: None, I: 2.0}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": ""}, "id"),
        ({"text": ""}, "text"),
        ({"text": 5}, "text"),
        ({"subscale": "i_position"}, "subscale"),
        ({"reverse": 1}, "reverse"),
        ({"reverse": "yes"}, "reverse"),
    ],
)
def test_item_field_rules(changes: dict[str, Any], field: str) -> None:
    values: dict[str, Any] = {"id": "q1", "text": "Some text", "subscale": I, "reverse": False}
    values |= changes
    _raises(field, f"$.{field}", lambda: at.Item(**values))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sd": 0.0}, "sd"),
        ({"sd": -1.0}, "sd"),
        ({"sd": float("inf")}, "sd"),
        ({"sd": True}, "sd"),
        ({"reliability": 0.0}, "reliability"),
        ({"reliability": 1.0}, "reliability"),
        ({"reliability": float("nan")}, "reliability"),
        ({"subscale": "i_position"}, "subscale"),
    ],
)
def test_subscale_norm_field_rules(changes: dict[str, Any], field: str) -> None:
    values: dict[str, Any] = {"subscale": I, "sd": 0.8, "reliability": 0.8} | changes
    _raises(field, f"$.{field}", lambda: at.SubscaleNorm(**values))


def test_self_rating_copies_its_answers() -> None:
    answers = {"a": 3}
    kept = rating(answers)
    answers["a"] = 99
    assert kept.answers == {"a": 3}


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"answers": [("a", 1)]}, "$.answers"),
        ({"answers": {"a": True}}, "$.answers.a"),
        ({"answers": {"a": 2.0}}, "$.answers.a"),
        ({"answers": {"a": "2"}}, "$.answers.a"),
        ({"answers": {7: 2}}, "$.answers"),
        ({"partner_id": ""}, "$.partner_id"),
        ({"instrument_id": "a b"}, "$.instrument_id"),
        ({"on": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)}, "$.on"),
    ],
)
def test_self_rating_field_rules(changes: dict[str, Any], path: str) -> None:
    values: dict[str, Any] = {"partner_id": "alex", "on": DAY, "instrument_id": "mini"}
    values |= {"answers": {}} | changes
    with pytest.raises(at.ValidationError) as caught:
        at.SelfRating(**values)
    assert caught.value.path == path


def test_self_rating_never_echoes_a_bad_key() -> None:
    private_words = "my private words"
    with pytest.raises(at.ValidationError) as caught:
        rating({private_words: 1})
    assert private_words not in str(caught.value)
    assert caught.value.path == "$.answers"


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"subscales": {"i_position": 2.0}}, "$.subscales"),
        ({"subscales": [(I, 2.0)]}, "$.subscales"),
        ({"subscales": {I: float("nan")}}, "$.subscales.i_position"),
        ({"subscales": {I: "2"}}, "$.subscales.i_position"),
        ({"overall": float("inf")}, "$.overall"),
        ({"overall": True}, "$.overall"),
        ({"answered": -1}, "$.answered"),
        ({"answered": 1.0}, "$.answered"),
        ({"instrument_id": ""}, "$.instrument_id"),
        ({"partner_id": ""}, "$.partner_id"),
        ({"on": "2026-01-01"}, "$.on"),
    ],
)
def test_profile_field_rules(changes: dict[str, Any], path: str) -> None:
    values: dict[str, Any] = {"instrument_id": "x", "subscales": {I: 2.0}, "overall": 2.0}
    values["answered"] = 2
    with pytest.raises(at.ValidationError) as caught:
        at.DifferentiationProfile(**(values | changes))
    assert caught.value.path == path


# ----------------------------------------------------- bring your own, via JSON


def test_an_instrument_loads_from_json_strictly() -> None:
    document = at.to_json(dsi_shaped())
    assert at.from_json(document, at.Instrument) == dsi_shaped()
    data = json.loads(document)["data"]
    assert set(data) == {"id", "name", "items", "low", "high", "min_answered", "norms"}
    data["items"][3]["reverse"] = "true"
    with pytest.raises(at.ValidationError) as caught:
        at.structure(data, at.Instrument)
    assert caught.value.path == "$.items[3].reverse"


def test_json_duplicate_item_ids_are_refused() -> None:
    data = at.unstructure(mini())
    data["items"][1]["id"] = "a"
    with pytest.raises(at.ValidationError) as caught:
        at.structure(data, at.Instrument)
    assert caught.value.path == "$.items[1].id"


@pytest.mark.parametrize("bad", ["5", True, 5.0, None])
def test_json_answers_must_be_integers(bad: object) -> None:
    data = at.unstructure(rating({"a": 5}))
    data["answers"]["a"] = bad
    with pytest.raises(at.ValidationError) as caught:
        at.structure(data, at.SelfRating)
    assert caught.value.path == "$.answers.a"


def test_json_profile_refuses_unknown_subscale() -> None:
    data = {"instrument_id": "x", "subscales": {"charm": 2.0}, "overall": None, "answered": 1}
    data |= {"partner_id": None, "on": None}
    with pytest.raises(at.ValidationError) as caught:
        at.structure(data, at.DifferentiationProfile)
    assert caught.value.path == "$.subscales.charm"


# ----------------------------------------------------------- properties


@given(ats.items())
def test_item_round_trips(item: at.Item) -> None:
    assert at.from_json(at.to_json(item), at.Item) == item
    assert pickle.loads(pickle.dumps(item)) == item  # noqa: S301 - our own bytes


@given(ats.instruments())
def test_instrument_round_trips(instrument: at.Instrument) -> None:
    loaded = at.from_json(at.to_json(instrument), at.Instrument)
    assert loaded == instrument
    unpickled = pickle.loads(pickle.dumps(instrument))  # noqa: S301
    assert unpickled == instrument
    assert hash(unpickled) == hash(instrument)
    # The rebuilt instruments score exactly like the original.
    answers = {item.id: instrument.low for item in instrument.items}
    one = rating(answers, instrument.id)
    expected = at.score_self_rating(one, instrument)
    assert at.score_self_rating(one, loaded) == expected
    assert at.score_self_rating(one, unpickled) == expected


@given(ats.self_ratings())
def test_self_rating_round_trips(self_rating: at.SelfRating) -> None:
    assert at.from_json(at.to_json(self_rating), at.SelfRating) == self_rating
    unpickled = pickle.loads(pickle.dumps(self_rating))  # noqa: S301
    assert unpickled == self_rating
    assert hash(unpickled) == hash(self_rating)


@given(ats.differentiation_profiles())
def test_profile_round_trips(profile: at.DifferentiationProfile) -> None:
    assert at.from_json(at.to_json(profile), at.DifferentiationProfile) == profile
    unpickled = pickle.loads(pickle.dumps(profile))  # noqa: S301
    assert unpickled == profile
    assert hash(unpickled) == hash(profile)
    assert unpickled.weakest == profile.weakest


@given(ats.subscale_norms())
def test_subscale_norm_round_trips(norm: at.SubscaleNorm) -> None:
    assert at.from_json(at.to_json(norm), at.SubscaleNorm) == norm
    assert pickle.loads(pickle.dumps(norm)) == norm  # noqa: S301


@st.composite
def instrument_and_rating(draw: st.DrawFn) -> tuple[at.Instrument, at.SelfRating]:
    instrument = draw(ats.instruments())
    return instrument, draw(ats.self_ratings(instrument))


@given(instrument_and_rating())
def test_scoring_follows_the_rules(pair: tuple[at.Instrument, at.SelfRating]) -> None:
    instrument, self_rating = pair
    profile = at.score_self_rating(self_rating, instrument)
    assert profile == at.score_self_rating(self_rating, instrument)  # deterministic
    assert tuple(profile.subscales) == instrument.subscales
    assert profile.answered == len(self_rating.answers)
    # Recompute every subscale independently from the rules.
    for facet in instrument.subscales:
        items = [item for item in instrument.items if item.subscale is facet]
        keyed = [
            instrument.low + instrument.high - self_rating.answers[item.id]
            if item.reverse
            else self_rating.answers[item.id]
            for item in items
            if item.id in self_rating.answers
        ]
        if len(keyed) / len(items) >= instrument.min_answered:
            assert profile.subscales[facet] == pytest.approx(sum(keyed) / len(keyed))
            assert instrument.low <= profile.subscales[facet] <= instrument.high  # type: ignore[operator]
        else:
            assert profile.subscales[facet] is None
    means = list(profile.subscales.values())
    if None in means:
        assert profile.overall is None
    else:
        assert profile.overall == pytest.approx(sum(means) / len(means))  # type: ignore[arg-type]


@given(instrument_and_rating(), st.randoms(use_true_random=False))
def test_profile_is_invariant_to_answer_order(
    pair: tuple[at.Instrument, at.SelfRating], rng: Any
) -> None:
    instrument, self_rating = pair
    shuffled = list(self_rating.answers.items())
    rng.shuffle(shuffled)
    reordered = attrs.evolve(self_rating, answers=dict(shuffled))
    assert at.score_self_rating(reordered, instrument) == at.score_self_rating(
        self_rating, instrument
    )


@given(instrument_and_rating())
def test_reversing_keys_and_answers_twice_is_identity(
    pair: tuple[at.Instrument, at.SelfRating],
) -> None:
    # Flipping every item's key *and* every answer (x -> low + high - x) keys
    # each answer twice, which must give back exactly the same profile.
    instrument, self_rating = pair
    flipped_items = tuple(
        attrs.evolve(item, reverse=not item.reverse) for item in instrument.items
    )
    flipped = attrs.evolve(instrument, items=flipped_items)
    span = instrument.low + instrument.high
    mirrored = attrs.evolve(
        self_rating, answers={k: span - v for k, v in self_rating.answers.items()}
    )
    assert at.score_self_rating(mirrored, flipped) == at.score_self_rating(self_rating, instrument)


@given(ats.instruments())
def test_extreme_answers_give_the_extremes(instrument: at.Instrument) -> None:
    most = {i.id: instrument.low if i.reverse else instrument.high for i in instrument.items}
    least = {i.id: instrument.high if i.reverse else instrument.low for i in instrument.items}
    top = at.score_self_rating(rating(most, instrument.id), instrument)
    bottom = at.score_self_rating(rating(least, instrument.id), instrument)
    assert set(top.subscales.values()) == {instrument.high}
    assert top.overall == instrument.high
    assert set(bottom.subscales.values()) == {instrument.low}
    assert bottom.overall == instrument.low


@given(instrument_and_rating(), st.data())
def test_agreeing_more_moves_the_subscale_the_keyed_way(
    pair: tuple[at.Instrument, at.SelfRating], data: st.DataObject
) -> None:
    instrument, self_rating = pair
    raisable = [k for k, v in self_rating.answers.items() if v < instrument.high]
    if not raisable:
        return
    item_id = data.draw(st.sampled_from(raisable))
    item = next(item for item in instrument.items if item.id == item_id)
    higher = attrs.evolve(
        self_rating,
        answers=self_rating.answers | {item_id: self_rating.answers[item_id] + 1},
    )
    before = at.score_self_rating(self_rating, instrument).subscales[item.subscale]
    after = at.score_self_rating(higher, instrument).subscales[item.subscale]
    if before is None:
        assert after is None
    elif item.reverse:
        assert after is not None
        assert after < before
    else:
        assert after is not None
        assert after > before


@given(ats.self_ratings(at.SELF_CHECK))
def test_self_check_scores_any_valid_rating(self_rating: at.SelfRating) -> None:
    profile = at.score_self_rating(self_rating, at.SELF_CHECK)
    assert set(profile.subscales) == set(at.Subscale)
    for value in profile.subscales.values():
        assert value is None or 1 <= value <= 6
