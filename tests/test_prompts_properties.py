"""Hypothesis properties of the picker: the invariants the issue promises."""

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import attunement as at
from attunement import strategies as ats

TODAY = dt.date(2026, 11, 22)
CEILING = {
    at.DistanceLevel.CONNECTED: 3,
    at.DistanceLevel.DRIFTING: 2,
    at.DistanceLevel.DISTANT: 1,
    at.DistanceLevel.DETACHED: 1,
}


@st.composite
def situations(draw: st.DrawFn) -> dict[str, Any]:
    """A catalog with a light prompt per audience, a history over it, and a state."""
    drawn = draw(st.lists(ats.prompts(), max_size=25, unique_by=lambda p: p.id))
    light = [
        at.Prompt(
            id=f"light-{a.value}",
            text="What made you smile?",
            theme=at.Theme.PLAY,
            depth=1,
            audience=a,
        )
        for a in at.Audience
    ]
    prompts = tuple(light + [p for p in drawn if not p.id.startswith("light-")])
    ids = [p.id for p in prompts]
    history = draw(
        st.lists(
            st.builds(
                at.PromptUse,
                prompt_id=st.sampled_from(ids),
                on=st.dates(TODAY - dt.timedelta(days=400), TODAY),
            ),
            max_size=30,
        )
    )
    level = draw(st.none() | st.sampled_from(at.DistanceLevel))
    contributions = draw(
        st.lists(
            st.builds(
                at.Contribution,
                factor=st.just(at.Factor.SIGN),
                points=st.floats(0.5, 30),
                label=st.just("sign"),
                sign=st.sampled_from(at.Sign),
                partner_id=st.sampled_from(["alex", "sam", None]),
            ),
            max_size=4,
        )
    )
    assessment = None
    if level is not None:
        assessment = at.DistanceAssessment(
            as_of=TODAY,
            window_weeks=8,
            score=50.0,
            level=level,
            trend=at.Trend.STABLE,
            contributions=tuple(contributions),
            weekly=(),
            weeks_observed=8,
            missed_weeks=0,
            provisional=False,
            perception_gap=None,
            out_of_step=False,
            contexts=frozenset(),
        )
    return {
        "catalog": at.PromptCatalog(prompts=prompts),
        "history": history,
        "assessment": assessment,
        "audience": draw(st.sampled_from(at.Audience)),
        "seed": draw(st.integers()),
    }


def pick(situation: dict[str, Any], **changes: Any) -> at.Pick:
    arguments = {**situation, **changes}
    result = at.pick_prompt(arguments.pop("catalog"), today=TODAY, **arguments)
    assert isinstance(result, at.Pick)
    return result


@given(situations(), st.randoms(use_true_random=False))
def test_deterministic_and_history_order_does_not_matter(
    situation: dict[str, Any], rng: Any
) -> None:
    first = pick(situation)
    assert pick(situation) == first
    shuffled = list(situation["history"])
    rng.shuffle(shuffled)
    assert pick(situation, history=shuffled) == first


@given(situations())
def test_no_reuse_inside_cooldown_while_an_unused_eligible_prompt_exists(
    situation: dict[str, Any],
) -> None:
    chosen = pick(situation)
    last: dict[str, dt.date] = {}
    for use in situation["history"]:
        last[use.prompt_id] = max(use.on, last.get(use.prompt_id, use.on))
    # Depth-1 prompts of the audience are always eligible, so a reuse means
    # every one of them was used too (and, inside the pause, recently).
    light = [
        p.id
        for p in situation["catalog"].prompts
        if p.audience is situation["audience"] and p.depth == 1
    ]
    if chosen.prompt.id in last:
        assert all(prompt_id in last for prompt_id in light)
        if (TODAY - last[chosen.prompt.id]).days < 180:
            assert "longest ago" in chosen.reasons[0]
            assert all((TODAY - last[prompt_id]).days < 180 for prompt_id in light)


@given(situations())
def test_depth_never_exceeds_the_levels_ceiling(situation: dict[str, Any]) -> None:
    assessment = situation["assessment"]
    arguments = dict(situation)
    picks = at.pick_prompts(arguments.pop("catalog"), k=3, today=TODAY, **arguments)
    assert isinstance(picks, tuple)
    for chosen in picks:
        assert isinstance(chosen, at.Pick)
        if assessment is not None:
            ceiling = CEILING[assessment.level] + (chosen.prompt.theme is at.Theme.REPAIR)
            assert chosen.prompt.depth <= min(ceiling, 3)


@given(situations())
def test_no_two_depth_three_in_a_row(situation: dict[str, Any]) -> None:
    history = list(situation["history"])
    previous_depth = 0
    # Ten weekly picks forward, each fed back into the history.
    for week in range(1, 11):
        day = TODAY + dt.timedelta(days=7 * week)
        arguments = {**situation, "history": history}
        result = at.pick_prompt(arguments.pop("catalog"), today=day, **arguments)
        assert isinstance(result, at.Pick)
        assert not (previous_depth == 3 and result.prompt.depth == 3)
        previous_depth = result.prompt.depth
        history.append(at.PromptUse(prompt_id=result.prompt.id, on=day))


@given(situations())
def test_escalation_goes_at_most_one_step_past_recent_depth(situation: dict[str, Any]) -> None:
    chosen = pick(situation)
    by_id = {p.id: p for p in situation["catalog"].prompts}
    if not situation["history"]:
        assert chosen.prompt.depth == 1
    else:
        deepest = max(by_id[u.prompt_id].depth for u in situation["history"])
        assert chosen.prompt.depth <= deepest + 1
