"""A pick's relevance score is the documented sum, source by source.

The tables below restate docs/explanation/prompts.md ("Relevance") on their
own, so that a change to a weight or a theme mapping in the picker has to
be made in the documentation (and here) too.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import attunement as at
from prompt_states import assessment

TODAY = dt.date(2026, 11, 22)
RECENT_USES = 8  # the latest distinct prompts that count for variety

Theme = at.Theme
GOAL_THEMES = {
    at.Practice.CHECK_IN: {Theme.CHECK_IN},
    at.Practice.APPRECIATION: {Theme.APPRECIATION},
    at.Practice.CURIOSITY_QUESTION: {Theme.CURIOSITY},
    at.Practice.QUALITY_TIME: {Theme.PLAY, Theme.MEMORIES, Theme.DREAMS},
    at.Practice.PHYSICAL_AFFECTION: {Theme.INTIMACY},
    at.Practice.REPAIR_CONVERSATION: {Theme.REPAIR},
    at.Practice.COUPLES_THERAPY: {Theme.NEEDS, Theme.FEELINGS},
}
FACTOR_THEMES = {
    at.Factor.CLOSENESS: {Theme.APPRECIATION, Theme.MEMORIES, Theme.PLAY},
    at.Factor.FELT_HEARD: {Theme.FEELINGS, Theme.NEEDS, Theme.CHECK_IN},
    at.Factor.MISSED_WEEKS: {Theme.CHECK_IN},
}
WARM = {Theme.APPRECIATION, Theme.MEMORIES, Theme.PLAY, Theme.REPAIR}
LEVEL_THEMES = {
    at.DistanceLevel.CONNECTED: {Theme.DREAMS, Theme.CURIOSITY, Theme.INTIMACY},
    at.DistanceLevel.DRIFTING: {Theme.CHECK_IN, Theme.CURIOSITY, Theme.APPRECIATION},
    at.DistanceLevel.DISTANT: WARM,
    at.DistanceLevel.DETACHED: WARM,
}
SIGN_WEIGHT, GOAL_WEIGHT, SUBSCALE_WEIGHT = 3.0, 2.0, 2.0
FACTOR_WEIGHT, LEVEL_WEIGHT, VARIETY_WEIGHT = 1.0, 1.0, 1.5
OTHER_FACTORS = (at.Factor.CLOSENESS, at.Factor.FELT_HEARD, at.Factor.MISSED_WEEKS)


def prompt(
    prompt_id: str,
    theme: at.Theme,
    addresses: frozenset[at.Sign] = frozenset(),
    subscales: frozenset[at.Subscale] = frozenset(),
) -> at.Prompt:
    return at.Prompt(
        id=prompt_id,
        text=f"What would a good {prompt_id} be for us?",
        theme=theme,
        depth=1,
        addresses=addresses,
        subscales=subscales,
    )


def goal(practice: at.Practice, starts: int, ends: int | None) -> at.Goal:
    """A goal that started ``starts`` days ago and ends ``ends`` days ago (or later)."""
    return at.Goal(
        id=f"goal-{practice.value}-{starts}",
        title="A small practice",
        practice=practice,
        cadence=at.Cadence(times=1, per=at.Period.WEEK),
        starts=TODAY - dt.timedelta(days=starts),
        ends=None if ends is None else TODAY - dt.timedelta(days=ends),
    )


def profile(means: dict[at.Subscale, float]) -> at.DifferentiationProfile:
    return at.DifferentiationProfile(
        instrument_id="self-check",
        subscales=dict(means),
        overall=sum(means.values()) / len(means),
        answered=20,
    )


def assessment_part(chosen: at.Prompt, state: at.DistanceAssessment | None) -> float:
    """Rating factors 1 and level 1 (each once per theme), 3 x the heaviest sign's share."""
    if state is None:
        return 0.0
    theme = chosen.theme
    score = 0.0
    named = {c.factor for c in state.contributions if c.factor in OTHER_FACTORS and c.points > 0}
    if any(theme in FACTOR_THEMES[factor] for factor in named):
        score += FACTOR_WEIGHT
    if theme in LEVEL_THEMES[state.level]:
        score += LEVEL_WEIGHT
    # A sign's points, summed over partners, as a share of the strongest sign's.
    points: dict[at.Sign, float] = {}
    for c in state.contributions:
        if c.factor is at.Factor.SIGN and c.sign is not None and c.points > 0:
            points[c.sign] = points.get(c.sign, 0.0) + c.points
    addressed = [points[sign] for sign in chosen.addresses if sign in points]
    if addressed:
        score += SIGN_WEIGHT * max(addressed) / max(points.values())
    return score


def latest_uses(history: list[at.PromptUse]) -> dict[str, dt.date]:
    """Each prompt id's latest use: only that one counts, whatever the order."""
    latest: dict[str, dt.date] = {}
    for used in history:
        latest[used.prompt_id] = max(used.on, latest.get(used.prompt_id, used.on))
    return latest


def variety_part(
    chosen: at.Prompt, history: list[at.PromptUse], catalog: at.PromptCatalog
) -> float:
    """-1.5 x (1, 1/2, 1/3...) for each of the latest distinct prompts of the theme."""
    themes = {p.id: p.theme for p in catalog.prompts}
    latest = {key: on for key, on in latest_uses(history).items() if key in themes}
    recent = sorted(latest, key=lambda prompt_id: (latest[prompt_id], prompt_id), reverse=True)
    return -sum(
        VARIETY_WEIGHT / (rank + 1)
        for rank, prompt_id in enumerate(recent[:RECENT_USES])
        if themes[prompt_id] is chosen.theme
    )


def expected_score(
    chosen: at.Prompt,
    *,
    history: list[at.PromptUse],
    catalog: at.PromptCatalog,
    state: at.DistanceAssessment | None,
    profiles: list[at.DifferentiationProfile],
    goals: list[at.Goal],
) -> float:
    """The relevance of a prompt, straight from the documented table."""
    running = {g.practice for g in goals if g.starts <= TODAY and (g.ends or TODAY) >= TODAY}
    # Once, however many goals name the theme.
    goal_part = GOAL_WEIGHT if any(chosen.theme in GOAL_THEMES[p] for p in running) else 0.0
    # The weakest facet of each profile, as a share of the partners.
    weakest = [p.weakest for p in profiles if p.weakest is not None]
    facet_part = sum(
        SUBSCALE_WEIGHT * weakest.count(facet) / len(weakest)
        for facet in chosen.subscales
        if facet in weakest
    )
    return (
        goal_part
        + assessment_part(chosen, state)
        + variety_part(chosen, history, catalog)
        + facet_part
    )


@st.composite
def situations(draw: st.DrawFn) -> dict[str, Any]:
    themes = st.sampled_from(at.Theme)
    prompts = [
        prompt(
            f"prompt-{n}",
            draw(themes),
            draw(st.frozensets(st.sampled_from(at.Sign), max_size=3)),
            draw(st.frozensets(st.sampled_from(at.Subscale), max_size=3)),
        )
        for n in range(draw(st.integers(1, 12)))
    ]
    # Some prompts never used, some used recently (inside the 180-day pause),
    # some long ago, so that picks come from every tier.
    days_ago = st.integers(0, 20) | st.integers(170, 400)
    least_uses = draw(st.integers(0, 1))  # 1: every prompt was used before
    history = [
        at.PromptUse(prompt_id=p.id, on=TODAY - dt.timedelta(days=draw(days_ago)))
        for p in prompts
        for _ in range(draw(st.integers(least_uses, 2)))
    ]
    # Uses of a prompt from another catalog never count for variety.
    history += draw(st.lists(st.just(at.PromptUse(prompt_id="elsewhere", on=TODAY)), max_size=1))
    contributions = [
        at.Contribution(
            factor=at.Factor.SIGN,
            points=draw(st.sampled_from([0.0, 1.0, 2.5, 4.0, 7.0])),
            label="a sign",
            sign=draw(st.sampled_from(at.Sign)),
            # A hand-built assessment may name more than two partners.
            partner_id=draw(st.sampled_from(["alex", "sam", "kai", None])),
        )
        for _ in range(draw(st.integers(0, 6)))
    ] + [
        at.Contribution(factor=factor, points=draw(st.sampled_from([0.0, 3.0])), label="a factor")
        for factor in draw(st.lists(st.sampled_from(OTHER_FACTORS), max_size=3))
    ]
    level = draw(st.sampled_from(at.DistanceLevel))
    means = st.sampled_from([1.5, 2.0, 3.0])
    profiles = [
        profile({facet: draw(means) for facet in at.Subscale})
        for _ in range(draw(st.integers(0, 3)))
    ]
    goals = [
        goal(draw(st.sampled_from(at.Practice)), starts, ends)
        for starts, ends in draw(
            st.lists(
                st.sampled_from([(30, None), (30, 0), (30, 5), (-3, None)]),
                max_size=3,
            )
        )
    ]
    return {
        "catalog": at.PromptCatalog(prompts=tuple(prompts)),
        "history": history,
        "state": draw(st.none() | st.just(assessment(level, contributions))),
        "profiles": profiles,
        "goals": goals,
    }


def pick_every_prompt(situation: dict[str, Any], seed: int) -> tuple[at.Pick, ...]:
    """pick_prompts with k = the whole catalog, in the generated situation."""
    catalog = situation["catalog"]
    picks = at.pick_prompts(
        catalog,
        k=len(catalog.prompts),
        today=TODAY,
        history=situation["history"],
        assessment=situation["state"],
        profiles=situation["profiles"],
        goals=situation["goals"],
        seed=seed,
    )
    assert isinstance(picks, tuple)
    return picks


@given(situations(), st.integers(0, 2**16))
def test_every_picks_score_is_the_documented_sum(situation: dict[str, Any], seed: int) -> None:
    # Rule: relevance = goal 2 + factor 1 + level 1 (each once per theme)
    # + 3 x the heaviest named sign's share + 2 x each weak facet's share
    # - 1.5 x (1, 1/2, 1/3, ...) per recent use of the theme; the same for
    # never-used prompts and for prompts back after, or inside, their pause.
    prompts = situation["catalog"].prompts
    picks = pick_every_prompt(situation, seed)
    # Every prompt is light enough, so k = all of them picks each once.
    assert sorted(chosen.prompt.id for chosen in picks) == sorted(p.id for p in prompts)
    for chosen in picks:
        # Scores are reported rounded to six decimal places.
        assert chosen.score == round(chosen.score, 6)
        expected = expected_score(chosen.prompt, **situation)
        assert math.isclose(chosen.score, expected, abs_tol=1e-6)


@given(situations(), st.integers(0, 2**16))
def test_each_pick_is_the_best_one_left(situation: dict[str, Any], seed: int) -> None:
    # Rule: never-used prompts first, then those rested past the 180-day
    # pause, then the least recently used; within a tier a theme not yet
    # chosen first, then the highest score (equal ones split by the seed).
    catalog = situation["catalog"]
    picks = pick_every_prompt(situation, seed)
    latest = latest_uses(situation["history"])
    rested = TODAY - dt.timedelta(days=180)

    def rank(chosen: at.Prompt, taken: set[at.Theme]) -> tuple[object, ...]:
        # Rounded: two equal sums may differ in their last bit here.
        score = -round(expected_score(chosen, **situation), 9)
        last = latest.get(chosen.id)
        if last is None:
            return (0, chosen.theme in taken, score)
        if last <= rested:
            return (1, chosen.theme in taken, score)
        return (2, chosen.theme in taken, last, score)

    left = list(catalog.prompts)
    taken: set[at.Theme] = set()
    for chosen in picks:
        assert rank(chosen.prompt, taken) == min(rank(p, taken) for p in left)
        left.remove(chosen.prompt)
        taken.add(chosen.prompt.theme)


def test_a_theme_named_by_every_source_adds_them_all_up() -> None:
    # Worked by hand. Memories serves the quality-time goal (2), answers low
    # closeness (1) and suits a distant couple (1): 4. It was the theme of
    # the latest and of the second-latest prompt used: -1.5 x (1 + 1/2).
    # The two partners' weakest facets differ, so each is worth 2 x 1/2, and
    # a prompt serving both gets both. 4 - 2.25 + 1 + 1 = 3.75.
    memories = prompt(
        "old-photos",
        Theme.MEMORIES,
        subscales=frozenset({at.Subscale.I_POSITION, at.Subscale.EMOTIONAL_CUTOFF}),
    )
    catalog = at.PromptCatalog(
        prompts=(
            prompt("first-trip", Theme.MEMORIES),
            prompt("first-song", Theme.MEMORIES),
            memories,
        )
    )
    history = [
        at.PromptUse(prompt_id="first-trip", on=TODAY - dt.timedelta(days=2)),
        at.PromptUse(prompt_id="first-song", on=TODAY - dt.timedelta(days=9)),
    ]
    high = dict.fromkeys(at.Subscale, 4.0)
    profiles = [
        profile(high | {at.Subscale.I_POSITION: 2.0}),
        profile(high | {at.Subscale.EMOTIONAL_CUTOFF: 2.0}),
    ]
    state = assessment(
        at.DistanceLevel.DISTANT,
        [at.Contribution(factor=at.Factor.CLOSENESS, points=6.0, label="closeness")],
    )
    chosen = at.pick_prompt(
        catalog,
        today=TODAY,
        history=history,
        assessment=state,
        profiles=profiles,
        goals=[goal(at.Practice.QUALITY_TIME, 30, None)],
    )
    assert isinstance(chosen, at.Pick)
    assert chosen.prompt.id == "old-photos"
    assert chosen.score == 3.75


def test_same_day_uses_rank_by_id_for_variety() -> None:
    # Rule: "recent" is the eight latest distinct prompts by date, then id,
    # whatever the history's order. Nine prompts used on one day: the eight
    # largest ids count, so p9 (listed first, found last) is the latest.
    used = [prompt(f"p{n}", Theme.DREAMS if n == 9 else Theme.PLAY) for n in range(1, 10)]
    day = TODAY - dt.timedelta(days=3)
    history = [at.PromptUse(prompt_id=p.id, on=day) for p in (used[-1], *used[:-1])]
    catalog = at.PromptCatalog(prompts=(*used, prompt("q", Theme.DREAMS), prompt("r", Theme.SELF)))
    picks = at.pick_prompts(catalog, k=2, today=TODAY, history=history)
    assert isinstance(picks, tuple)
    assert [(chosen.prompt.id, chosen.score) for chosen in picks] == [("r", 0.0), ("q", -1.5)]


def named_sign() -> at.DistanceAssessment:
    sign = at.Contribution(
        factor=at.Factor.SIGN, points=5.0, label="a sign", sign=at.Sign.LESS_WARMTH
    )
    return assessment(at.DistanceLevel.CONNECTED, [sign])


@pytest.mark.parametrize("days_ago", [None, 200, 10], ids=["fresh", "after-pause", "in-pause"])
def test_later_picks_prefer_a_theme_not_yet_chosen(days_ago: int | None) -> None:
    # Rule: pick_prompts prefers distinct themes, in every tier: the second
    # play prompt scores higher than the dreams one but comes after it.
    warmth = frozenset({at.Sign.LESS_WARMTH})
    catalog = at.PromptCatalog(
        prompts=(
            prompt("play-1", Theme.PLAY, addresses=warmth),
            prompt("play-2", Theme.PLAY, addresses=warmth),
            prompt("dreams-1", Theme.DREAMS),
        )
    )
    history = []
    if days_ago is not None:
        day = TODAY - dt.timedelta(days=days_ago)
        history = [at.PromptUse(prompt_id=p.id, on=day) for p in catalog.prompts]
    picks = at.pick_prompts(catalog, k=3, today=TODAY, history=history, assessment=named_sign())
    assert isinstance(picks, tuple)
    assert [chosen.prompt.theme for chosen in picks] == [Theme.PLAY, Theme.DREAMS, Theme.PLAY]
    assert picks[1].score < picks[2].score


def ids_over_seeds(
    catalog: at.PromptCatalog, *, days_ago: int, state: at.DistanceAssessment | None = None
) -> set[str]:
    """The prompts picked over 16 seeds when every prompt was used ``days_ago`` days ago."""
    day = TODAY - dt.timedelta(days=days_ago)
    history = [at.PromptUse(prompt_id=p.id, on=day) for p in catalog.prompts]
    picks = [
        at.pick_prompt(catalog, today=TODAY, history=history, assessment=state, seed=seed)
        for seed in range(16)
    ]
    return {chosen.prompt.id for chosen in picks if isinstance(chosen, at.Pick)}


def test_inside_the_pause_equally_old_prompts_come_back_by_relevance() -> None:
    # Rule: inside the pause the least recently used prompt returns; among
    # those used on the same day, the more relevant one.
    catalog = at.PromptCatalog(
        prompts=(
            prompt("dreams-1", Theme.DREAMS),
            prompt("play-1", Theme.PLAY, addresses=frozenset({at.Sign.LESS_WARMTH})),
        )
    )
    assert ids_over_seeds(catalog, days_ago=10, state=named_sign()) == {"play-1"}


def test_a_prompt_listed_after_a_weaker_one_of_its_theme_still_wins() -> None:
    # The check-in prompt scores the goal weight 2. Play has no bonus, but
    # its second prompt answers the one named sign: 3. The plain play prompt
    # listed before it (0) must not end the search of its theme.
    catalog = at.PromptCatalog(
        prompts=(
            prompt("check", Theme.CHECK_IN),
            prompt("board-game", Theme.PLAY),
            prompt("laugh", Theme.PLAY, addresses=frozenset({at.Sign.LESS_WARMTH})),
        )
    )
    chosen = at.pick_prompt(
        catalog,
        today=TODAY,
        goals=[goal(at.Practice.CHECK_IN, 10, None)],
        assessment=named_sign(),
    )
    assert isinstance(chosen, at.Pick)
    assert (chosen.prompt.id, chosen.score) == ("laugh", 3.0)


def test_equally_relevant_rested_prompts_are_split_by_the_seed() -> None:
    # Rule: after the pause, equal scores are split by the seeded hash, also
    # between prompts filed apart (one carries a sign tag nobody named).
    catalog = at.PromptCatalog(
        prompts=(
            prompt("game", Theme.PLAY),
            prompt("laugh", Theme.PLAY, addresses=frozenset({at.Sign.LESS_WARMTH})),
        )
    )
    assert ids_over_seeds(catalog, days_ago=200) == {"game", "laugh"}


@pytest.mark.parametrize("level", [None, at.DistanceLevel.DISTANT])
def test_repair_too_starts_light_for_a_new_couple(level: at.DistanceLevel | None) -> None:
    # Rule: repair may go one step past the level's ceiling, never past
    # Aron's escalation: a couple with no history starts at depth 1.
    catalog = at.PromptCatalog(
        prompts=(
            prompt("hopes", Theme.DREAMS),
            *(
                at.Prompt(
                    id=f"mend-{depth}",
                    text="What would help us mend things after a hard day?",
                    theme=Theme.REPAIR,
                    depth=depth,
                )
                for depth in (2, 3)
            ),
        )
    )
    state = None if level is None else assessment(level, [])
    picks = at.pick_prompts(catalog, k=3, today=TODAY, assessment=state)
    assert isinstance(picks, tuple)
    assert [chosen.prompt.id for chosen in picks] == ["hopes"]


def test_a_score_that_sums_to_zero_is_a_plain_zero() -> None:
    # -1.5 x (1 + 1/3) + 3 x 4/9 + 2 x 1/3 is zero, but float sums give
    # -1e-16, which rounds to -0.0. Apps store and show the score: it must
    # read "0.0", never "-0.0".
    subscales = list(at.Subscale)
    edge = prompt(
        "edge",
        Theme.DREAMS,
        addresses=frozenset({at.Sign.LESS_WARMTH}),
        subscales=frozenset({subscales[0]}),
    )
    used = [prompt("u0", Theme.DREAMS), prompt("u1", Theme.PLAY), prompt("u2", Theme.DREAMS)]
    history = [
        at.PromptUse(prompt_id=p.id, on=TODAY - dt.timedelta(days=n + 1))
        for n, p in enumerate(used)
    ]
    signs = [
        at.Contribution(factor=at.Factor.SIGN, points=4.0, label="a", sign=at.Sign.LESS_WARMTH),
        at.Contribution(factor=at.Factor.SIGN, points=9.0, label="b", sign=at.Sign.LESS_TOUCH),
    ]
    high = dict.fromkeys(at.Subscale, 4.0)
    chosen = at.pick_prompt(
        at.PromptCatalog(prompts=(*used, edge)),
        today=TODAY,
        history=history,
        assessment=assessment(at.DistanceLevel.DRIFTING, signs),
        profiles=[profile(high | {facet: 2.0}) for facet in subscales[:3]],
    )
    assert isinstance(chosen, at.Pick)
    assert chosen.prompt.id == "edge"
    assert math.copysign(1.0, chosen.score) == 1.0
    assert b'"score":0.0' in at.to_json(chosen)


def test_equally_heavy_signs_name_the_first_in_value_order() -> None:
    # The reason names one sign; on a tie, the first by value, so the
    # sentence never depends on set order.
    both = frozenset({at.Sign.LESS_WARMTH, at.Sign.LESS_TOUCH})
    assert min(sign.value for sign in both) == at.Sign.LESS_TOUCH.value
    signs = [
        at.Contribution(factor=at.Factor.SIGN, points=3.0, label="a", sign=sign) for sign in both
    ]
    chosen = at.pick_prompt(
        at.PromptCatalog(prompts=(prompt("close", Theme.INTIMACY, addresses=both),)),
        today=TODAY,
        assessment=assessment(at.DistanceLevel.CONNECTED, signs),
    )
    assert isinstance(chosen, at.Pick)
    assert chosen.reasons[0] == "Your check-ins mention that casual touch has become rare."
