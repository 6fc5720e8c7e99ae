"""Picking rules and the wording apps show, where mutation testing found gaps.

Apps show a pick's reasons, a referral's message and a catalog problem's
message to people as they are, so each must read as a sentence: a capital
first letter on a normally written first word, a full stop at the end, and
not shouting in capitals.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import attunement as at
from attunement import strategies as ats
from prompt_states import assessment

TODAY = dt.date(2026, 11, 30)


def is_sentence(text: str) -> bool:
    first_word = text.split(" ", 1)[0]
    return (
        text[:1].isupper()
        and (len(first_word) == 1 or first_word[1:].islower() or not first_word[1].isalpha())
        and text.endswith(".")
        and not text.endswith("..")
        and text != text.upper()
    )


def prompt(prompt_id: str, *, depth: int = 1, theme: at.Theme = at.Theme.DREAMS) -> at.Prompt:
    return at.Prompt(
        id=prompt_id, text=f"What would a good {prompt_id} be for us?", theme=theme, depth=depth
    )


def pick(catalog: at.PromptCatalog, **kwargs: object) -> at.Pick:
    result = at.pick_prompt(catalog, today=TODAY, **kwargs)  # type: ignore[arg-type]
    assert isinstance(result, at.Pick)
    return result


def test_a_fresh_pick_explains_itself_in_a_sentence() -> None:
    result = pick(at.default_catalog())
    assert result.reasons
    assert all(is_sentence(reason) for reason in result.reasons)


def test_a_prompt_back_after_its_pause_says_so_in_a_sentence() -> None:
    catalog = at.PromptCatalog(prompts=(prompt("walk"),))
    result = pick(catalog, history=[at.PromptUse(prompt_id="walk", on=TODAY - dt.timedelta(200))])
    assert any("200" in reason for reason in result.reasons)
    assert all(is_sentence(reason) for reason in result.reasons)


def test_a_prompt_inside_its_pause_says_why_it_is_back_in_a_sentence() -> None:
    catalog = at.PromptCatalog(prompts=(prompt("walk"), prompt("meal")))
    history = [
        at.PromptUse(prompt_id="walk", on=TODAY - dt.timedelta(10)),
        at.PromptUse(prompt_id="meal", on=TODAY - dt.timedelta(3)),
    ]
    result = pick(catalog, history=history)
    # Rule: when every prompt is inside its pause, the least recently used returns.
    assert result.prompt.id == "walk"
    assert all(is_sentence(reason) for reason in result.reasons)


@given(
    uses=st.lists(st.tuples(st.integers(0, 368), st.integers(0, 400)), max_size=40),
    level=st.sampled_from(at.DistanceLevel),
    audience=st.sampled_from(at.Audience),
    seed=st.integers(0, 2**32),
)
def test_every_reason_of_any_pick_is_a_sentence(
    uses: list[tuple[int, int]], level: at.DistanceLevel, audience: at.Audience, seed: int
) -> None:
    catalog = at.default_catalog()
    prompts = catalog.prompts
    history = [
        at.PromptUse(prompt_id=prompts[index % len(prompts)].id, on=TODAY - dt.timedelta(days))
        for index, days in uses
    ]
    checkin = at.CheckIn(
        partner_id="sam",
        on=TODAY,
        closeness={at.DistanceLevel.CONNECTED: 7, at.DistanceLevel.DRIFTING: 4}.get(level, 1),
        felt_heard=3,
        stress=3,
        signs=frozenset({at.Sign.LOGISTICS_ONLY}),
    )
    assessment = at.assess_distance([checkin], as_of=TODAY)
    result = pick(catalog, history=history, assessment=assessment, audience=audience, seed=seed)
    assert all(is_sentence(reason) for reason in result.reasons)


def test_the_default_seed_is_zero() -> None:
    # Documented default: the same pick as an explicit seed=0.
    catalog = at.default_catalog()
    assert pick(catalog) == pick(catalog, seed=0)


# A word each concern's message must use, and the other's must not.
CONCERN_WORDS = {
    at.SafetyConcern.SELF_HARM: "yourself",
    at.SafetyConcern.PARTNER_VIOLENCE: "afraid",
}


@pytest.mark.parametrize("concern", list(at.SafetyConcern))
def test_a_referral_speaks_to_the_concern_raised_and_only_that_one(
    concern: at.SafetyConcern,
) -> None:
    result = at.pick_prompt(at.default_catalog(), today=TODAY, concerns={concern})
    assert isinstance(result, at.Referral)
    for other, word in CONCERN_WORDS.items():
        assert (word in result.message) is (other is concern)
    assert is_sentence(result.message)


def test_one_pick_is_a_valid_request() -> None:
    # Rule: k is at least 1; k = 1 is the smallest allowed request.
    picks = at.pick_prompts(at.default_catalog(), k=1, today=TODAY)
    assert isinstance(picks, tuple)
    assert len(picks) == 1


def test_a_prompt_exactly_at_the_length_limit_is_accepted() -> None:
    text = "What " + "x" * 194 + "?"
    assert len(text) == 200
    catalog = at.PromptCatalog(
        prompts=(at.Prompt(id="long", text=text, theme=at.Theme.DREAMS, depth=1),)
    )
    problems = at.check_catalog(
        catalog, min_per_theme=0, min_per_depth=0, min_per_sign=0, min_per_subscale=0, min_solo=0
    )
    assert problems == ()


def test_every_catalog_problem_message_is_a_sentence() -> None:
    catalog = at.PromptCatalog(
        prompts=(
            at.Prompt(id="a", text="Describe your ideal weekend.", theme=at.Theme.DREAMS, depth=1),
            at.Prompt(id="b", text="Why do you always forget?", theme=at.Theme.REPAIR, depth=1),
            at.Prompt(
                id="c", text="What would your ideal weekend be?", theme=at.Theme.DREAMS, depth=1
            ),
            at.Prompt(
                id="d", text="What would your ideal weekend be?", theme=at.Theme.DREAMS, depth=1
            ),
            at.Prompt(
                id="e",
                text="What does your wife think? " + "x" * 200,
                theme=at.Theme.DREAMS,
                depth=1,
            ),
        )
    )
    problems = at.check_catalog(catalog)
    assert len({problem.kind for problem in problems}) >= 4
    assert all(is_sentence(problem.message) for problem in problems)


DEEPER = "It goes one step deeper than recent prompts, as closeness grows."
NOT_RECENT = "Its theme has not come up recently."
CONNECTED_REASON = "You have been feeling close, a good time to explore together."
LAUGH = at.Prompt(
    id="laugh",
    text="What made you laugh this week?",
    theme=at.Theme.PLAY,
    depth=1,
    addresses=frozenset({at.Sign.LESS_WARMTH}),
)


def test_a_first_pick_claims_neither_a_deeper_step_nor_variety() -> None:
    # Rule: with no history nothing was "recent": no reason compares with it.
    result = pick(at.PromptCatalog(prompts=(prompt("walk"),)))
    assert DEEPER not in result.reasons
    assert NOT_RECENT not in result.reasons


def test_only_a_step_past_the_recent_depth_says_it_goes_deeper() -> None:
    catalog = at.PromptCatalog(
        prompts=(
            prompt("walk", theme=at.Theme.PLAY),
            prompt("meal", theme=at.Theme.PLAY),
            prompt("hopes", depth=2),
        )
    )
    history = [at.PromptUse(prompt_id="walk", on=TODAY - dt.timedelta(days=3))]
    picks = at.pick_prompts(catalog, k=2, today=TODAY, history=history)
    assert isinstance(picks, tuple)
    deeper, same = picks
    assert (deeper.prompt.id, same.prompt.id) == ("hopes", "meal")
    assert DEEPER in deeper.reasons
    assert NOT_RECENT in deeper.reasons  # dreams: only play was used
    assert DEEPER not in same.reasons
    assert NOT_RECENT not in same.reasons


def test_the_level_reason_comes_with_the_levels_themes_only() -> None:
    catalog = at.PromptCatalog(prompts=(prompt("hopes"), prompt("game", theme=at.Theme.PLAY)))
    picks = at.pick_prompts(
        catalog, k=2, today=TODAY, assessment=assessment(at.DistanceLevel.CONNECTED)
    )
    assert isinstance(picks, tuple)
    reasons = {chosen.prompt.id: chosen.reasons for chosen in picks}
    assert CONNECTED_REASON in reasons["hopes"]  # dreams suit a connected couple
    assert CONNECTED_REASON not in reasons["game"]


def test_a_weak_facet_does_not_hide_the_other_reasons() -> None:
    # Rule: every source that raised a prompt's score gives its reason.
    steady = at.Prompt(
        id="steady",
        text="What helps you stay calm when we disagree?",
        theme=at.Theme.DREAMS,
        depth=1,
        subscales=frozenset({at.Subscale.EMOTIONAL_REACTIVITY, at.Subscale.I_POSITION}),
    )
    profile = at.DifferentiationProfile(
        instrument_id="self-check",
        subscales=dict.fromkeys(at.Subscale, 4.0) | {at.Subscale.EMOTIONAL_REACTIVITY: 2.0},
        overall=3.5,
        answered=20,
    )
    goal = at.Goal(
        id="g",
        title="Time together",
        practice=at.Practice.QUALITY_TIME,
        cadence=at.Cadence(times=1, per=at.Period.WEEK),
        starts=TODAY - dt.timedelta(days=14),
    )
    result = pick(
        at.PromptCatalog(prompts=(steady,)),
        profiles=[profile],
        goals=[goal],
        assessment=assessment(at.DistanceLevel.CONNECTED),
    )
    assert len(result.reasons) == 3
    assert "self-check" in result.reasons[0]
    assert result.reasons[1:] == ("It fits your goal of spending time together.", CONNECTED_REASON)


def test_a_named_sign_speaks_instead_of_the_rating_factors() -> None:
    # Rule: a sign the couple named is the specific reason; the general
    # "ratings dipped" sentence is only for prompts that answer no sign.
    contributions = (
        at.Contribution(factor=at.Factor.CLOSENESS, points=6.0, label="closeness"),
        at.Contribution(
            factor=at.Factor.SIGN,
            points=4.0,
            label="a sign",
            sign=at.Sign.LESS_WARMTH,
            partner_id="sam",
        ),
    )
    catalog = at.PromptCatalog(
        prompts=(
            LAUGH,
            prompt("album", theme=at.Theme.MEMORIES),
        )
    )
    state = assessment(at.DistanceLevel.CONNECTED, contributions)
    picks = at.pick_prompts(catalog, k=2, today=TODAY, assessment=state)
    assert isinstance(picks, tuple)
    signed, plain = picks
    closeness = "Closeness ratings have dipped, and warm themes help rebuild it."
    assert signed.prompt.id == "laugh"
    assert signed.reasons[0] == (
        "One of you mentioned that there has been less warmth and laughter lately."
    )
    assert closeness not in signed.reasons
    assert plain.reasons[0] == closeness


def test_a_sign_named_by_more_than_two_partner_ids_still_reads_as_a_reason() -> None:
    # A hand-built assessment may carry any partner ids; the picker must not
    # fail on a third one, and says the sign was mentioned by both.
    contributions = tuple(
        at.Contribution(
            factor=at.Factor.SIGN,
            points=2.0,
            label="a sign",
            sign=at.Sign.LESS_WARMTH,
            partner_id=partner,
        )
        for partner in ("alex", "sam", "kai")
    )
    result = pick(
        at.PromptCatalog(prompts=(LAUGH,)),
        assessment=assessment(at.DistanceLevel.CONNECTED, contributions),
    )
    assert result.reasons[0] == (
        "You both mentioned that there has been less warmth and laughter lately."
    )


WALK = at.Prompt(
    id="walk", text="Where should we walk this weekend?", theme=at.Theme.PLAY, depth=1
)
ONE_PROMPT = at.PromptCatalog(prompts=(WALK,))
SELF_HARM = frozenset({at.SafetyConcern.SELF_HARM})


def a_resource() -> at.ReferralResource:
    return at.default_referral_resources()[0]


# Every refusal of the prompt API: the call, the path it names, the reason.
# Apps log these and show them to developers, so each must say what to fix.
REFUSALS: dict[str, tuple[Callable[[], object], str, str]] = {
    "a catalog from a list": (
        lambda: at.PromptCatalog(prompts=[WALK]),  # type: ignore[arg-type]
        "$.prompts",
        "must be a tuple of Prompt",
    ),
    "an empty catalog": (
        lambda: at.PromptCatalog(prompts=()),
        "$.prompts",
        "must hold at least one prompt",
    ),
    "a catalog holding a string": (
        lambda: at.PromptCatalog(prompts=(WALK, "walk")),  # type: ignore[arg-type]
        "$.prompts[1]",
        "must be a Prompt",
    ),
    "a catalog repeating an id": (
        lambda: at.PromptCatalog(prompts=(WALK, WALK)),
        "$.prompts[1].id",
        "repeats the id of prompts[0]",
    ),
    "an infinite score": (
        lambda: at.Pick(prompt=WALK, score=math.inf, reasons=("Fine.",)),
        "$.score",
        "must be a finite number",
    ),
    "no reasons": (
        lambda: at.Pick(prompt=WALK, score=1.0, reasons=()),
        "$.reasons",
        "must be a non-empty tuple of sentences",
    ),
    "a blank reason": (
        lambda: at.Pick(prompt=WALK, score=1.0, reasons=("Fine.", " ")),
        "$.reasons[1]",
        "must be a non-blank string",
    ),
    "a pick of an id": (
        lambda: at.Pick(prompt="walk", score=1.0, reasons=("Fine.",)),  # type: ignore[arg-type]
        "$.prompt",
        "must be a Prompt",
    ),
    "a referral for no concern": (
        lambda: at.Referral(
            concerns=frozenset(), message="Help is near.", resources=(a_resource(),)
        ),
        "$.concerns",
        "must name at least one concern",
    ),
    "a referral for a concern as text": (
        lambda: at.Referral(
            concerns=frozenset({"self_harm"}),  # type: ignore[arg-type]
            message="Help is near.",
            resources=(a_resource(),),
        ),
        "$.concerns",
        "must be a frozenset of SafetyConcern",
    ),
    "referral resources in a list": (
        lambda: at.Referral(
            concerns=SELF_HARM,
            message="Help is near.",
            resources=[a_resource()],  # type: ignore[arg-type]
        ),
        "$.resources",
        "must be a tuple of ReferralResource",
    ),
    "a referral resource that is a string": (
        lambda: at.Referral(
            concerns=SELF_HARM,
            message="Help is near.",
            resources=(a_resource(), "call someone"),  # type: ignore[arg-type]
        ),
        "$.resources[1]",
        "must be a ReferralResource",
    ),
    "problem ids in a list": (
        lambda: at.CatalogProblem(
            kind=at.ProblemKind.TOO_LONG,
            prompt_ids=["walk"],  # type: ignore[arg-type]
            message="Too long.",
        ),
        "$.prompt_ids",
        "must be a tuple of strings",
    ),
    "picking from a name": (
        lambda: at.pick_prompt("default", today=TODAY),  # type: ignore[arg-type]
        "$.catalog",
        "must be a PromptCatalog",
    ),
    "a date as text": (
        lambda: at.pick_prompt(ONE_PROMPT, today="2026-11-30"),  # type: ignore[arg-type]
        "$.today",
        "must be a date",
    ),
    "an audience as text": (
        lambda: at.pick_prompt(ONE_PROMPT, today=TODAY, audience="together"),  # type: ignore[arg-type]
        "$.audience",
        "must be an Audience",
    ),
    "a float seed": (
        lambda: at.pick_prompt(ONE_PROMPT, today=TODAY, seed=1.0),  # type: ignore[arg-type]
        "$.seed",
        "must be an integer",
    ),
    "concerns of None": (
        lambda: at.pick_prompt(ONE_PROMPT, today=TODAY, concerns=None),  # type: ignore[arg-type]
        "$.concerns",
        "must be a set of SafetyConcern values",
    ),
    "a concern as text": (
        lambda: at.pick_prompt(ONE_PROMPT, today=TODAY, concerns={"self_harm"}),  # type: ignore[arg-type]
        "$.concerns",
        "must hold only SafetyConcern values",
    ),
    "a history of None": (
        lambda: at.pick_prompt(ONE_PROMPT, today=TODAY, history=None),  # type: ignore[arg-type]
        "$.history",
        "must be an iterable of PromptUse",
    ),
    "a history holding a string": (
        lambda: at.pick_prompt(
            ONE_PROMPT,
            today=TODAY,
            history=[at.PromptUse(prompt_id="walk", on=TODAY), "walk"],  # type: ignore[list-item]
        ),
        "$.history[1]",
        "must be a PromptUse",
    ),
    "an assessment as a number": (
        lambda: at.pick_prompt(ONE_PROMPT, today=TODAY, assessment=42.0),  # type: ignore[arg-type]
        "$.assessment",
        "must be a DistanceAssessment or None",
    ),
    "profiles of None": (
        lambda: at.pick_prompt(ONE_PROMPT, today=TODAY, profiles=None),  # type: ignore[arg-type]
        "$.profiles",
        "must be an iterable of DifferentiationProfile",
    ),
    "a profile that is a string": (
        lambda: at.pick_prompt(ONE_PROMPT, today=TODAY, profiles=["calm"]),  # type: ignore[list-item]
        "$.profiles[0]",
        "must be a DifferentiationProfile",
    ),
    "goals of None": (
        lambda: at.pick_prompt(ONE_PROMPT, today=TODAY, goals=None),  # type: ignore[arg-type]
        "$.goals",
        "must be an iterable of Goal",
    ),
    "a goal that is a string": (
        lambda: at.pick_prompt(ONE_PROMPT, today=TODAY, goals=["hugs"]),  # type: ignore[list-item]
        "$.goals[0]",
        "must be a Goal",
    ),
    "resources of a number": (
        lambda: at.pick_prompt(
            ONE_PROMPT,
            today=TODAY,
            concerns=SELF_HARM,
            resources=5,  # type: ignore[arg-type]
        ),
        "$.resources",
        "must be an iterable of ReferralResource",
    ),
    "a resource that is a string": (
        lambda: at.pick_prompt(
            ONE_PROMPT,
            today=TODAY,
            concerns=SELF_HARM,
            resources=[a_resource(), "call someone"],  # type: ignore[list-item]
        ),
        "$.resources[1]",
        "must be a ReferralResource",
    ),
    "no picks": (
        lambda: at.pick_prompts(ONE_PROMPT, k=0, today=TODAY),
        "$.k",
        "must be a positive integer",
    ),
    "checking a name": (
        lambda: at.check_catalog("default"),  # type: ignore[arg-type]
        "$.catalog",
        "must be a PromptCatalog",
    ),
    "a zero length limit": (
        lambda: at.check_catalog(ONE_PROMPT, max_length=0),
        "$.max_length",
        "must be a positive integer",
    ),
    "a zero overlap": (
        lambda: at.check_catalog(ONE_PROMPT, near_duplicate_overlap=0),
        "$.near_duplicate_overlap",
        "must be a number above 0 and at most 1",
    ),
    "a negative minimum": (
        lambda: at.check_catalog(ONE_PROMPT, min_solo=-1),
        "$.min_solo",
        "must be a non-negative integer",
    ),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_each_refusal_names_its_path_and_reason(
    case: str, assert_refused: Callable[[Callable[[], object], str, str], None]
) -> None:
    call, path, reason = REFUSALS[case]
    assert_refused(call, path, reason)


def test_a_length_limit_of_one_is_allowed() -> None:
    # The smallest positive limit: every real prompt is then too long.
    problems = at.check_catalog(ONE_PROMPT, max_length=1)
    assert [p.kind for p in problems if p.kind is at.ProblemKind.TOO_LONG] == [
        at.ProblemKind.TOO_LONG
    ]


def test_the_default_length_limit_is_200_characters() -> None:
    text = "What " + "x" * 195 + "?"
    assert len(text) == 201
    long_one = at.PromptCatalog(
        prompts=(at.Prompt(id="long", text=text, theme=at.Theme.DREAMS, depth=1),)
    )
    kinds = [p.kind for p in at.check_catalog(long_one)]
    assert at.ProblemKind.TOO_LONG in kinds


def test_pick_prompts_seeds_like_pick_prompt_and_uses_the_apps_resources() -> None:
    catalog = at.default_catalog()
    picks = at.pick_prompts(catalog, k=1, today=TODAY)
    assert isinstance(picks, tuple)
    assert picks == at.pick_prompts(catalog, k=1, today=TODAY, seed=0)
    # An app's own resources reach the referral, as with pick_prompt.
    own = at.ReferralResource(
        name="Our local line",
        locale="en",
        kind=at.ResourceKind.CRISIS_LINE,
        description="Listeners, day and night.",
        concerns=SELF_HARM,
        contact="Via the app.",
    )
    referral = at.pick_prompts(catalog, k=1, today=TODAY, concerns=SELF_HARM, resources=[own])
    assert isinstance(referral, at.Referral)
    assert referral.resources == (own,)


def coverage_messages(catalog: at.PromptCatalog, **minimums: int) -> set[str]:
    problems = at.check_catalog(catalog, **minimums)
    return {p.message for p in problems if p.kind is at.ProblemKind.COVERAGE}


def expected_coverage(prompts: tuple[at.Prompt, ...], minimums: dict[str, int]) -> set[str]:
    """The coverage rules of check_catalog, counted here prompt by prompt."""
    audiences = {p.audience for p in prompts}
    light_per_sign = minimums["min_light_per_sign"] if minimums["min_per_sign"] else 0
    counted: list[tuple[str, int, int]] = [
        (
            f"theme {theme.value}",
            sum(p.theme is theme for p in prompts),
            minimums["min_per_theme"],
        )
        for theme in at.Theme
    ]
    counted += [
        (f"depth {depth}", sum(p.depth == depth for p in prompts), minimums["min_per_depth"])
        for depth in (1, 2, 3)
    ]
    counted += [
        (f"sign {sign.value}", sum(sign in p.addresses for p in prompts), minimums["min_per_sign"])
        for sign in at.Sign
    ]
    counted += [
        (
            f"subscale {facet.value}",
            sum(facet in p.subscales for p in prompts),
            minimums["min_per_subscale"],
        )
        for facet in at.Subscale
    ]
    counted.append(
        (
            "the solo audience",
            sum(p.audience is at.Audience.SOLO for p in prompts),
            minimums["min_solo"],
        )
    )
    for audience in audiences:
        light = [p for p in prompts if p.audience is audience and p.depth == 1]
        counted.append((f"depth 1 for the {audience.value} audience", len(light), 1))
        counted += [
            (
                f"sign {sign.value} at depth 1 for the {audience.value} audience",
                sum(sign in p.addresses for p in light),
                light_per_sign,
            )
            for sign in at.Sign
        ]
    return {
        f"Only {count} prompts for {what}; at least {minimum} wanted."
        for what, count, minimum in counted
        if count < minimum
    }


@given(
    prompts=st.lists(ats.prompts(), min_size=1, max_size=12, unique_by=lambda p: p.id),
    minimums=st.fixed_dictionaries(
        {
            name: st.integers(0, 3)
            for name in (
                "min_per_theme",
                "min_per_depth",
                "min_per_sign",
                "min_per_subscale",
                "min_solo",
                "min_light_per_sign",
            )
        }
    ),
)
def test_coverage_problems_are_exactly_the_counts_below_their_minimum(
    prompts: list[at.Prompt], minimums: dict[str, int]
) -> None:
    catalog = at.PromptCatalog(prompts=tuple(prompts))
    assert coverage_messages(catalog, **minimums) == expected_coverage(catalog.prompts, minimums)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Fill in the blank: our best day was...", "fill in the blank"),
        ("Please reflect on a day when we laughed a lot.", "reflect on"),
        ("What did we learn this month? Write it down.", "write it down"),
        ("Out of 10, how rested do you feel?", "rating scale"),
        ("From 1 to 10, how close do we feel?", "rating scale"),
    ],
)
def test_a_worksheet_problem_quotes_the_phrase(text: str, phrase: str) -> None:
    catalog = at.PromptCatalog(
        prompts=(at.Prompt(id="form", text=text, theme=at.Theme.DREAMS, depth=1),)
    )
    messages = [
        p.message for p in at.check_catalog(catalog) if p.kind is at.ProblemKind.BANNED_OPENER
    ]
    assert messages == [f'Reads like a worksheet ("{phrase}").']


@pytest.mark.parametrize(
    "text",
    [
        "What are 1 or 2 things you would change about our mornings?",
        "What would 1 perfect day at 10 in the morning look like?",
        "Which 2 to 10 songs belong on our playlist?",
    ],
)
def test_numbers_that_are_not_a_rating_range_pass(text: str) -> None:
    # Rule: a rating range is a scale bottom (0 or 1), "to" or "and", and a
    # scale top (5, 7, 10 or 100), in that order.
    catalog = at.PromptCatalog(
        prompts=(at.Prompt(id="count", text=text, theme=at.Theme.DREAMS, depth=1),)
    )
    kinds = {p.kind for p in at.check_catalog(catalog)}
    assert at.ProblemKind.BANNED_OPENER not in kinds


def test_a_curly_apostrophe_still_makes_you_re_always_blame() -> None:
    catalog = at.PromptCatalog(
        prompts=(
            at.Prompt(
                id="curly",
                text="Why do you think you\u2019re always the one who plans?",
                theme=at.Theme.REPAIR,
                depth=1,
            ),
        )
    )
    kinds = {p.kind for p in at.check_catalog(catalog)}
    assert at.ProblemKind.ABSOLUTE_BLAME in kinds


@pytest.mark.parametrize("concerns", [SELF_HARM, frozenset(at.SafetyConcern)])
def test_a_referral_message_is_sentences_joined_by_single_spaces(
    concerns: frozenset[at.SafetyConcern],
) -> None:
    referral = at.pick_prompt(at.default_catalog(), today=TODAY, concerns=concerns)
    assert isinstance(referral, at.Referral)
    assert "  " not in referral.message
    # No sentence runs into the next: every full stop ends the text or a space follows.
    assert all(
        end == len(referral.message) - 1 or referral.message[end + 1] == " "
        for end, char in enumerate(referral.message)
        if char == "."
    )


@pytest.mark.parametrize(
    ("starts", "ends", "goal_weight"),
    [
        (0, None, 2.0),  # starts today
        (30, 0, 2.0),  # ends today
        (-1, None, 0.0),  # starts tomorrow
        (30, 1, 0.0),  # ended yesterday
    ],
)
def test_a_goal_steers_the_pick_on_its_first_and_last_day(
    starts: int, ends: int | None, goal_weight: float
) -> None:
    # Rule: only goals running today steer tonight's prompt, and a goal runs
    # from its start to its end date, both included.
    hugs = at.Goal(
        id="hugs",
        title="More hugs",
        practice=at.Practice.PHYSICAL_AFFECTION,
        cadence=at.Cadence(times=3, per=at.Period.WEEK),
        starts=TODAY - dt.timedelta(days=starts),
        ends=None if ends is None else TODAY - dt.timedelta(days=ends),
    )
    catalog = at.PromptCatalog(
        prompts=(
            prompt("hopes"),
            at.Prompt(
                id="hold",
                text="When do you most like to be held?",
                theme=at.Theme.INTIMACY,
                depth=1,
            ),
        )
    )
    picks = at.pick_prompts(catalog, k=2, today=TODAY, goals=[hugs])
    assert isinstance(picks, tuple)
    scores = {chosen.prompt.id: chosen.score for chosen in picks}
    assert scores["hold"] == goal_weight


def test_repair_too_never_follows_a_depth_three_prompt_at_depth_three() -> None:
    # Rule: never two depth-3 prompts in a row, whatever their themes.
    catalog = at.PromptCatalog(
        prompts=(
            prompt("deep", depth=3),
            at.Prompt(
                id="mend",
                text="What would help us mend the hardest thing between us?",
                theme=at.Theme.REPAIR,
                depth=3,
            ),
            prompt("light"),
        )
    )
    history = [at.PromptUse(prompt_id="deep", on=TODAY - dt.timedelta(days=1))]
    picks = at.pick_prompts(catalog, k=3, today=TODAY, history=history)
    assert isinstance(picks, tuple)
    assert [chosen.prompt.id for chosen in picks] == ["light"]


@pytest.mark.parametrize(
    ("days_ago", "first_reason_opens"),
    [
        (180, "Every suitable prompt has been used; this one was last offered 180 days ago"),
        (179, "Every suitable prompt was used in the last 180 days"),
    ],
)
def test_the_pause_ends_on_its_180th_day(days_ago: int, first_reason_opens: str) -> None:
    # Rule: a prompt last used at least 180 days ago is back after its pause.
    catalog = at.PromptCatalog(prompts=(prompt("walk"),))
    history = [at.PromptUse(prompt_id="walk", on=TODAY - dt.timedelta(days=days_ago))]
    result = pick(catalog, history=history)
    assert result.reasons[0].startswith(first_reason_opens)
