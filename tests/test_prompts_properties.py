"""Hypothesis properties of the picker: the invariants the issue promises.

The last test holds the quickstart to the same issue's promise: it ends with
a pick and its reasons.
"""

import datetime as dt
import runpy
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import attunement as at
from attunement import strategies as ats
from prompt_states import assessment as assessment_of

TODAY = dt.date(2026, 11, 22)
#: The documented cooldown and the size of "recent" (docs/explanation/prompts.md).
COOLDOWN_DAYS = 180
RECENT_USES = 8
#: An id the catalogs never hold: a use of a retired prompt, to be ignored.
RETIRED = "retired-prompt"
CEILING = {
    at.DistanceLevel.CONNECTED: 3,
    at.DistanceLevel.DRIFTING: 2,
    at.DistanceLevel.DISTANT: 1,
    at.DistanceLevel.DETACHED: 1,
}


@st.composite
def histories(draw: st.DrawFn, ids: list[str]) -> list[at.PromptUse]:
    """Uses over the last ``span`` days: a few random ones, or nearly the whole catalog.

    The dense form leaves at most three prompts unused, none of them the
    light ones, so that reuse, and the choice between an unused deeper prompt
    and a used light one, is common.
    """
    span = draw(st.sampled_from([30, COOLDOWN_DAYS - 1, COOLDOWN_DAYS, 400]))
    days = st.dates(TODAY - dt.timedelta(days=span), TODAY)
    retired = draw(
        st.lists(st.builds(at.PromptUse, prompt_id=st.just(RETIRED), on=days), max_size=2)
    )
    if draw(st.booleans()):
        uses = st.builds(at.PromptUse, prompt_id=st.sampled_from(ids), on=days)
        return draw(st.lists(uses, max_size=30)) + retired
    # The light prompts are used, so an unused prompt is a deeper one: the
    # case where reusing a light prompt would be the easy mistake.
    deeper = [prompt_id for prompt_id in ids if not prompt_id.startswith("light-")]
    unused = (
        set(draw(st.lists(st.sampled_from(deeper), max_size=3, unique=True))) if deeper else set()
    )
    dense = [
        at.PromptUse(prompt_id=prompt_id, on=on)
        for prompt_id in ids
        if prompt_id not in unused
        for on in draw(st.lists(days, min_size=1, max_size=2))
    ]
    return list(draw(st.permutations(dense + retired)))


@st.composite
def situations(draw: st.DrawFn) -> dict[str, Any]:
    """A catalog with a light prompt per audience, a history over it, and a state."""
    # Half the prompts are repair prompts, whose own depth rule is easy to get wrong.
    any_prompt = ats.prompts() | ats.prompts().map(
        lambda p: attrs.evolve(p, theme=at.Theme.REPAIR)
    )
    drawn = draw(st.lists(any_prompt, max_size=25, unique_by=lambda p: p.id))
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
    prompts = tuple(
        light + [p for p in drawn if not p.id.startswith("light-") and p.id != RETIRED]
    )
    ids = [p.id for p in prompts]
    history = draw(histories(ids))
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
        assessment = assessment_of(level, contributions)
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


def latest_uses(situation: dict[str, Any]) -> dict[str, dt.date]:
    """The latest use of each prompt of the catalog (uses of other ids are ignored)."""
    in_catalog = {p.id for p in situation["catalog"].prompts}
    latest: dict[str, dt.date] = {}
    for use in situation["history"]:
        if use.prompt_id in in_catalog:
            latest[use.prompt_id] = max(use.on, latest.get(use.prompt_id, use.on))
    return latest


def eligible_ids(situation: dict[str, Any]) -> set[str]:
    """The prompts the documented rules allow, worked out from them independently.

    The rules of ``pick_prompt`` and docs/explanation/prompts.md: the audience
    matches; depth is at most the level's ceiling (repair one deeper); at
    most one step deeper than the deepest of the recent uses (the eight
    latest distinct prompts, by date then id); and not depth 3 right after a
    depth-3 prompt (any prompt used on the latest day of use counts as the
    one before).
    """
    by_id = {p.id: p for p in situation["catalog"].prompts}
    latest = latest_uses(situation)
    recent = sorted(((on, prompt_id) for prompt_id, on in latest.items()), reverse=True)
    recent = recent[:RECENT_USES]
    deepest = max((by_id[prompt_id].depth for _, prompt_id in recent), default=0)
    after_deep = any(by_id[prompt_id].depth == 3 for on, prompt_id in recent if on == recent[0][0])
    assessment = situation["assessment"]
    level_ceiling = 3 if assessment is None else CEILING[assessment.level]
    eligible = set()
    for prompt in by_id.values():
        limit = min(level_ceiling + (prompt.theme is at.Theme.REPAIR), deepest + 1)
        if after_deep:
            limit = min(limit, 2)
        if prompt.audience is situation["audience"] and prompt.depth <= limit:
            eligible.add(prompt.id)
    return eligible


@given(situations())
def test_no_reuse_inside_cooldown_while_an_unused_eligible_prompt_exists(
    situation: dict[str, Any],
) -> None:
    chosen = pick(situation)
    eligible = eligible_ids(situation)
    latest = latest_uses(situation)
    assert chosen.prompt.id in eligible
    unused = eligible - latest.keys()
    rested = {
        prompt_id
        for prompt_id in eligible & latest.keys()
        if (TODAY - latest[prompt_id]).days >= COOLDOWN_DAYS
    }
    if unused:
        # Never a reuse while any eligible prompt, of any depth or theme, is unused.
        assert chosen.prompt.id in unused
    elif rested:
        # Every eligible prompt was used: only one past its cooldown comes back.
        assert chosen.prompt.id in rested
        assert "past the 180-day pause" in chosen.reasons[0]
    else:
        # Everything eligible is inside its cooldown: the one used longest ago.
        assert latest[chosen.prompt.id] == min(latest[prompt_id] for prompt_id in eligible)
        assert "longest ago" in chosen.reasons[0]


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
    # Uses of a retired prompt say nothing about how deep this couple has gone.
    depths = [by_id[u.prompt_id].depth for u in situation["history"] if u.prompt_id in by_id]
    if not depths:
        assert chosen.prompt.depth == 1
    else:
        assert chosen.prompt.depth <= max(depths) + 1


QUICKSTART = Path(__file__).resolve().parents[1] / "examples" / "quickstart.py"


def test_the_quickstart_ends_with_a_pick_and_its_reasons(
    capsys: pytest.CaptureFixture[str],
) -> None:
    runpy.run_path(str(QUICKSTART), run_name="__main__")
    lines = capsys.readouterr().out.rstrip("\n").split("\n")
    # The last section is tonight's prompt: its text, then only its reasons.
    heading = max(number for number, line in enumerate(lines) if line == "Tonight's prompt")
    prompt_line, *reasons = lines[heading + 1 :]
    assert prompt_line.strip() in {prompt.text for prompt in at.default_catalog().prompts}
    assert reasons
    assert all(line.startswith("  because: ") for line in reasons)
