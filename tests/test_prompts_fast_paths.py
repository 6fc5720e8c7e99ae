"""The picker's fast paths give the same answers as the plain forms they replace.

The first pick is a bounded search over themes, the history is read with
comprehensions and sorts, and picks are built without the validating
``__init__``. Each property here compares a fast path with a direct, slow
statement of the same rule, over many random couples.
"""

import datetime as dt
import itertools
import math
import pickle
import random
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, reject
from hypothesis import strategies as st

import attunement as at
from attunement import _picker, _prompts
from attunement import strategies as ats
from prompt_states import assessment as assessment_of

TODAY = dt.date(2026, 11, 22)


@st.composite
def situations(draw: st.DrawFn) -> dict[str, Any]:
    """A catalog with a light prompt per audience, a history (some of it from
    another catalog, with ties on dates) and a full state."""
    drawn = draw(st.lists(ats.prompts(), max_size=30, unique_by=lambda p: p.id))
    light = [
        at.Prompt(
            id=f"light-{audience.value}",
            text="What made you smile?",
            theme=at.Theme.PLAY,
            depth=1,
            audience=audience,
        )
        for audience in at.Audience
    ]
    prompts = tuple(light + [p for p in drawn if not p.id.startswith("light-")])
    ids = [p.id for p in prompts]
    # Few distinct dates, so that ties on the latest date are common.
    days = st.integers(0, draw(st.sampled_from([3, 30, 400])))
    history = draw(
        st.lists(
            st.builds(
                at.PromptUse,
                prompt_id=st.sampled_from(ids) | st.sampled_from(["elsewhere-1", "elsewhere-2"]),
                on=days.map(lambda back: TODAY - dt.timedelta(days=back)),
            ),
            max_size=40,
        )
    )
    contributions = draw(
        st.lists(
            st.builds(
                at.Contribution,
                factor=st.sampled_from(at.Factor),
                # Non-finite points (an app's own assessment) make NaN weights.
                points=st.sampled_from([-1.0, 0.0, 1.0, 2.0, math.inf, math.nan, 1e308])
                | st.floats(0.1, 30),
                label=st.just("part"),
                sign=st.none() | st.sampled_from(at.Sign),
                partner_id=st.sampled_from(["alex", "sam", None]),
            ),
            max_size=6,
        )
    )
    level = draw(st.none() | st.sampled_from(at.DistanceLevel))
    assessment = None
    if level is not None:
        assessment = assessment_of(level, contributions)
    return {
        "catalog": at.PromptCatalog(prompts=prompts),
        "history": history,
        "assessment": assessment,
        "profiles": draw(st.lists(ats.differentiation_profiles(), max_size=3)),
        "goals": draw(st.lists(ats.goals(), max_size=3)),
        "audience": draw(st.sampled_from(at.Audience)),
        "seed": draw(st.integers(-(10**6), 10**6)),
    }


def prepare(situation: dict[str, Any]) -> Any:
    arguments = dict(situation)
    return _picker._prepare(arguments.pop("catalog"), today=TODAY, **arguments)


def latest_by_loop(history: list[at.PromptUse]) -> dict[str, dt.date]:
    latest: dict[str, dt.date] = {}
    for use in history:
        if use.prompt_id not in latest or use.on > latest[use.prompt_id]:
            latest[use.prompt_id] = use.on
    return latest


@given(situations())
def test_the_bounded_first_pick_equals_the_exhaustive_search(situation: dict[str, Any]) -> None:
    # Rule: skipping themes whose bound is below the best score never changes
    # the pick: the exhaustive pass (the one later picks use) agrees.
    index, groups, state = prepare(situation)
    bounded = _picker._choose(index, groups, state, {}, set())
    exhaustive = _picker._choose_again(index, groups, state, {}, set())
    assert bounded == exhaustive


@given(situations())
def test_recent_uses_are_the_latest_distinct_prompts_by_date_then_id(
    situation: dict[str, Any],
) -> None:
    # Rule: "recent" is the 8 latest distinct prompts of this catalog, ordered
    # by (date, id), whatever the history's order; other catalogs' uses are skipped.
    index = situation["catalog"]._index
    known = {
        prompt_id: on
        for prompt_id, on in latest_by_loop(situation["history"]).items()
        if prompt_id in index.position
    }
    expected = sorted(((on, prompt_id) for prompt_id, on in known.items()), reverse=True)
    chronological, _ = _picker._read_history(situation["history"])
    found = _picker._recent(index, chronological)
    assert [(on, prompt_id) for on, prompt_id, _ in found] == expected[: _prompts.RECENT_USES]
    assert all(index.ids[position] == prompt_id for _, prompt_id, position in found)


@given(
    situations(),
    st.sampled_from(["as given", "oldest first", "newest first", "shuffled"]),
    st.randoms(use_true_random=False),
)
def test_history_reading_matches_a_plain_loop(
    situation: dict[str, Any], order: str, rng: random.Random
) -> None:
    # Rule: the history is read as a multiset of uses: oldest first, every id
    # used, and the latest date per id, whatever order or container it comes in.
    history = list(situation["history"])
    if order == "oldest first":
        history.sort(key=lambda use: use.on)
    elif order == "newest first":
        history.sort(key=lambda use: use.on, reverse=True)
    elif order == "shuffled":
        rng.shuffle(history)
    chronological, used = _picker._read_history(iter(history))
    assert sorted(chronological, key=id) == sorted(history, key=id)
    assert all(a.on <= b.on for a, b in itertools.pairwise(chronological))
    assert used == {use.prompt_id for use in history}
    state = _picker._State()
    state.chronological = chronological
    state.latest = None
    assert _picker._latest(state) == latest_by_loop(history)


@given(ats.differentiation_profiles())
def test_weakest_facets_are_read_as_the_profile_reports_them(
    profile: at.DifferentiationProfile,
) -> None:
    # Rule: the picker's weakest facet is DifferentiationProfile.weakest.
    weak = _picker._read_profiles([profile, profile])
    expected = {} if profile.weakest is None else {profile.weakest.value: 1.0}
    assert weak == expected


def test_equal_lowest_means_name_the_first_facet_in_subscale_order() -> None:
    facets = list(at.Subscale)
    # Insertion order reversed, so that dict order and Subscale order disagree.
    means: dict[at.Subscale, float | None] = {
        facets[3]: 2.0,
        facets[2]: None,
        facets[1]: 2.0,
        facets[0]: 5.0,
    }
    profile = at.DifferentiationProfile(
        instrument_id="self-check", subscales=means, overall=3.0, answered=12
    )
    assert profile.weakest is facets[1]
    assert _picker._read_profiles([profile]) == {facets[1].value: 1.0}


def _as_generator(history: list[at.PromptUse]) -> Iterator[at.PromptUse]:
    yield from history


def outcome(**arguments: Any) -> object:
    """The pick, or where and why it was refused (non-finite points can make a
    reused prompt's score non-finite, which a Pick refuses)."""
    try:
        return at.pick_prompt(today=TODAY, **arguments)
    except at.ValidationError as error:
        return (error.path, error.reason)


@given(situations())
def test_a_pick_does_not_depend_on_the_history_order_or_container(
    situation: dict[str, Any],
) -> None:
    # Rule: the same uses give the same pick, in any order and any iterable.
    arguments = dict(situation)
    history = arguments.pop("history")
    first = outcome(history=history, **arguments)
    for variant in (
        sorted(history, key=lambda use: use.on),
        tuple(sorted(history, key=lambda use: use.on, reverse=True)),
        _as_generator(history[::-1]),
    ):
        assert outcome(history=variant, **arguments) == first


@given(situations())
def test_picks_equal_those_the_validating_constructor_builds(situation: dict[str, Any]) -> None:
    # Rule: a Pick from the picker is an ordinary Pick: equal to one built by
    # at.Pick(...), same repr, and it survives pickle and JSON round trips.
    arguments = dict(situation)
    try:
        picks = at.pick_prompts(arguments.pop("catalog"), k=2, today=TODAY, **arguments)
    except at.ValidationError:
        reject()  # a non-finite score, refused: nothing was built
    assert isinstance(picks, tuple)
    for chosen in picks:
        rebuilt = at.Pick(prompt=chosen.prompt, score=chosen.score, reasons=chosen.reasons)
        assert rebuilt == chosen
        assert repr(rebuilt) == repr(chosen)
        assert pickle.loads(pickle.dumps(chosen)) == chosen  # noqa: S301 - our own object
        assert at.from_json(at.to_json(chosen), at.Pick) == chosen


def test_a_named_sign_in_a_theme_without_bonus_beats_a_goals_theme() -> None:
    # Worked by hand: the check-in prompt scores the goal weight 2; the play
    # prompt scores the sign weight 3 (its sign is the only one named, so its
    # weight is 1). The search must not stop at the check-in theme, whose
    # bonus is the highest, since play's bound (0 + 3) is above 2.
    cat = at.PromptCatalog(
        prompts=(
            at.Prompt(id="check", text="How was today?", theme=at.Theme.CHECK_IN, depth=1),
            at.Prompt(
                id="play",
                text="What game should we play?",
                theme=at.Theme.PLAY,
                depth=1,
                addresses=frozenset({at.Sign.LESS_WARMTH}),
            ),
        )
    )
    goal = at.Goal(
        id="g",
        title="Talk weekly",
        practice=at.Practice.CHECK_IN,
        cadence=at.Cadence(times=1, per=at.Period.WEEK),
        starts=TODAY - dt.timedelta(days=10),
    )
    contribution = at.Contribution(
        factor=at.Factor.SIGN, points=4.0, label="sign", sign=at.Sign.LESS_WARMTH
    )
    assessment = assessment_of(at.DistanceLevel.CONNECTED, [contribution])
    chosen = at.pick_prompt(cat, today=TODAY, goals=[goal], assessment=assessment)
    assert isinstance(chosen, at.Pick)
    assert chosen.prompt.id == "play"
    assert chosen.score == 3.0
    # Without the assessment, play scores 0 and the goal's theme wins.
    plain = at.pick_prompt(cat, today=TODAY, goals=[goal])
    assert isinstance(plain, at.Pick)
    assert plain.prompt.id == "check"
    assert plain.score == 2.0


def test_prompts_used_on_the_same_day_inside_the_pause_are_split_by_the_seed() -> None:
    # Rule: when every eligible prompt is in its cooldown, the least recently
    # used comes back; equally old, equally relevant ones are split by the
    # seeded hash, so different seeds bring back different prompts.
    twins = at.PromptCatalog(
        prompts=tuple(
            at.Prompt(id=f"twin-{n}", text="What made you laugh?", theme=at.Theme.PLAY, depth=1)
            for n in range(2)
        )
    )
    day = TODAY - dt.timedelta(days=30)
    history = [at.PromptUse(prompt_id=f"twin-{n}", on=day) for n in range(2)]
    chosen: set[str] = set()
    for seed in range(20):
        result = at.pick_prompt(twins, today=TODAY, history=history, seed=seed)
        assert isinstance(result, at.Pick)
        assert "longest ago" in result.reasons[0]
        assert at.pick_prompt(twins, today=TODAY, history=history[::-1], seed=seed) == result
        chosen.add(result.prompt.id)
    assert chosen == {"twin-0", "twin-1"}


@pytest.mark.parametrize("points", [math.nan, math.inf])
def test_a_non_finite_score_is_refused_not_returned(points: float) -> None:
    # Rule: nothing invalid is returned silently. Non-finite points in an
    # app's own assessment make the sign's weight NaN; a reused prompt then
    # scores NaN, and the Pick refuses it, naming the field.
    cat = at.PromptCatalog(
        prompts=(
            at.Prompt(
                id="talk",
                text="What do we never get round to talking about?",
                theme=at.Theme.CURIOSITY,
                depth=1,
                addresses=frozenset({at.Sign.LOGISTICS_ONLY}),
            ),
        )
    )
    sign = at.Contribution(
        factor=at.Factor.SIGN, points=points, label="sign", sign=at.Sign.LOGISTICS_ONLY
    )
    assessment = assessment_of(at.DistanceLevel.CONNECTED, [sign])
    history = [at.PromptUse(prompt_id="talk", on=TODAY - dt.timedelta(days=200))]
    with pytest.raises(at.ValidationError) as caught:
        at.pick_prompt(cat, today=TODAY, history=history, assessment=assessment)
    assert caught.value.field == "score"
