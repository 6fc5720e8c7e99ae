"""The prompt catalog, its checks and the picker: behaviour apps rely on."""

import datetime as dt
import pickle
import re
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import attunement as at
from attunement import _prompts
from attunement import strategies as ats
from prompt_states import assessment

TODAY = dt.date(2026, 11, 22)
LEVELS_CEILING = {
    at.DistanceLevel.CONNECTED: 3,
    at.DistanceLevel.DRIFTING: 2,
    at.DistanceLevel.DISTANT: 1,
    at.DistanceLevel.DETACHED: 1,
}


def prompt(
    prompt_id: str,
    *,
    theme: at.Theme = at.Theme.CURIOSITY,
    depth: int = 1,
    audience: at.Audience = at.Audience.TOGETHER,
    addresses: Iterable[at.Sign] = (),
    subscales: Iterable[at.Subscale] = (),
    text: str | None = None,
) -> at.Prompt:
    return at.Prompt(
        id=prompt_id,
        text=text or f"What is on your mind today, question {prompt_id}?",
        theme=theme,
        depth=depth,
        audience=audience,
        addresses=frozenset(addresses),
        subscales=frozenset(subscales),
    )


def catalog(*prompts: at.Prompt) -> at.PromptCatalog:
    return at.PromptCatalog(prompts=prompts)


def sign_contribution(sign: at.Sign, partner: str | None, points: float = 5.0) -> at.Contribution:
    return at.Contribution(
        factor=at.Factor.SIGN, points=points, label="a sign", sign=sign, partner_id=partner
    )


def use(prompt_id: str, days_ago: int) -> at.PromptUse:
    return at.PromptUse(prompt_id=prompt_id, on=TODAY - dt.timedelta(days=days_ago))


def pick(cat: at.PromptCatalog, **kwargs: Any) -> at.Pick:
    kwargs.setdefault("today", TODAY)
    result = at.pick_prompt(cat, **kwargs)
    assert isinstance(result, at.Pick)
    return result


def no_coverage(cat: at.PromptCatalog) -> tuple[at.CatalogProblem, ...]:
    return at.check_catalog(
        cat, min_per_theme=0, min_per_depth=0, min_per_sign=0, min_per_subscale=0, min_solo=0
    )


# ------------------------------------------------------------ the default catalog


def test_default_catalog_passes_its_own_checks() -> None:
    assert at.check_catalog(at.default_catalog()) == ()


def test_default_catalog_meets_the_issue_counts_independently() -> None:
    # Counted here without check_catalog, so a bug there cannot hide a gap.
    prompts = at.default_catalog().prompts
    assert len(prompts) >= 300
    for theme in at.Theme:
        assert sum(p.theme is theme for p in prompts) >= 15, theme
    for depth in (1, 2, 3):
        assert sum(p.depth == depth for p in prompts) >= 60, depth
    for sign in at.Sign:
        assert sum(sign in p.addresses for p in prompts) >= 8, sign
    for facet in at.Subscale:
        assert sum(facet in p.subscales for p in prompts) >= 8, facet
    assert sum(p.audience is at.Audience.SOLO for p in prompts) >= 60
    assert all(len(p.text) <= 200 for p in prompts)
    worksheet = re.compile(r"^(describe|reflect on|how satisfied)", re.IGNORECASE)
    assert not [p.id for p in prompts if worksheet.match(p.text)]
    blame = re.compile(r"\byou (always|never)\b", re.IGNORECASE)
    assert not [p.id for p in prompts if blame.search(p.text)]
    # Homework instructions anywhere and he/she words (the audit found both in the catalog).
    homework = re.compile(
        r"\b(write (it |them )?down|jot (it )?down|(complete|finish) (this|the) sentence"
        r"|fill in the blank|on a scale|out of 10)\b",
        re.IGNORECASE,
    )
    assert not [p.id for p in prompts if homework.search(p.text)]
    gendered = re.compile(r"\b(he|she|him|her|his|hers|himself|herself)\b", re.IGNORECASE)
    assert not [p.id for p in prompts if gendered.search(p.text)]


def test_default_catalog_serves_every_sign_lightly_for_both_audiences() -> None:
    # Distant and detached couples only get depth 1, together or alone: every sign
    # their assessment names needs at least three light prompts of its own per audience.
    prompts = at.default_catalog().prompts
    for audience in at.Audience:
        for sign in at.Sign:
            light = [
                p.id
                for p in prompts
                if p.depth == 1 and p.audience is audience and sign in p.addresses
            ]
            assert len(light) >= 3, (sign, audience, light)


def test_default_catalog_is_cached_and_round_trips() -> None:
    first = at.default_catalog()
    assert at.default_catalog() is first
    assert at.from_json(at.to_json(first), at.PromptCatalog) == first


def test_referral_resources_hold_no_phone_number_but_well_known_emergency_ones() -> None:
    resources = at.default_referral_resources()
    assert {r.kind for r in resources} == set(at.ResourceKind)
    for resource in resources:
        text = f"{resource.name} {resource.description} {resource.contact}"
        # Only the widely known emergency numbers may appear (Martinengo et al. 2019:
        # apps listed wrong helpline numbers).
        assert set(re.findall(r"\d+", text)) <= {"112", "911"}
    source = (_prompts.__file__ or "").replace(".pyc", ".py")
    with open(source, encoding="utf-8") as handle:  # noqa: PTH123
        assert not re.search(r"\b\d{3}[- ]?\d{3}[- ]?\d{4}\b", handle.read())


# ------------------------------------------------------------ models


def test_prompt_defaults_and_json_shape() -> None:
    made = prompt("p1", addresses=[at.Sign.LESS_TOUCH])
    assert made.audience is at.Audience.TOGETHER
    assert at.unstructure(made)["addresses"] == ["less_touch"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", ""),
        ("id", "has space"),
        ("text", "   "),
        ("text", 5),
        ("theme", "play"),
        ("depth", 0),
        ("depth", 4),
        ("depth", True),
        ("audience", "solo"),
        ("addresses", {at.Sign.LESS_TOUCH}),
        ("subscales", frozenset({"i_position"})),
    ],
)
def test_prompt_rejects_bad_fields(field: str, value: object) -> None:
    fields: dict[str, Any] = {"id": "p1", "text": "Hello?", "theme": at.Theme.PLAY, "depth": 1}
    fields[field] = value
    with pytest.raises(at.ValidationError) as caught:
        at.Prompt(**fields)
    assert caught.value.field == field


def test_catalog_rejects_duplicate_ids_without_echoing_them() -> None:
    with pytest.raises(at.ValidationError) as caught:
        catalog(prompt("secret-id"), prompt("secret-id"))
    assert caught.value.path == "$.prompts[1].id"
    assert "secret-id" not in str(caught.value)


@pytest.mark.parametrize(
    ("value", "path"), [((), "$.prompts"), ([], "$.prompts"), (("x",), "$.prompts[0]")]
)
def test_catalog_rejects_bad_prompt_lists(value: object, path: str) -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.PromptCatalog(prompts=value)  # type: ignore[arg-type]
    assert caught.value.path == path


def test_catalog_from_json_is_strict_about_tags() -> None:
    document = {
        "prompts": [
            {
                "id": "p1",
                "text": "What made you laugh?",
                "theme": "fun",
                "depth": 1,
                "audience": "together",
                "addresses": [],
                "subscales": [],
            }
        ]
    }
    with pytest.raises(at.ValidationError) as caught:
        at.structure(document, at.PromptCatalog)
    assert caught.value.path == "$.prompts[0].theme"
    document["prompts"][0]["theme"] = "play"
    document["prompts"][0]["depth"] = "1"
    with pytest.raises(at.ValidationError) as caught:
        at.structure(document, at.PromptCatalog)
    assert caught.value.path == "$.prompts[0].depth"


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: at.PromptUse(prompt_id="", on=TODAY), "prompt_id"),
        (lambda: at.PromptUse(prompt_id="p", on="2026-11-22"), "on"),  # type: ignore[arg-type]
        (lambda: at.Pick(prompt="p", score=1.0, reasons=("x",)), "prompt"),  # type: ignore[arg-type]
        (lambda: at.Pick(prompt=prompt("p"), score=1, reasons=("x",)), "score"),
        (lambda: at.Pick(prompt=prompt("p"), score=float("nan"), reasons=("x",)), "score"),
        (lambda: at.Pick(prompt=prompt("p"), score=1.0, reasons=()), "reasons"),
        (lambda: at.Pick(prompt=prompt("p"), score=1.0, reasons=(" ",)), "reasons"),
        (
            lambda: at.Referral(concerns=frozenset(), message="Help.", resources=()),
            "concerns",
        ),
        (
            lambda: at.Referral(
                concerns=frozenset({at.SafetyConcern.SELF_HARM}),
                message="Help.",
                resources=[],  # type: ignore[arg-type]
            ),
            "resources",
        ),
        (
            lambda: at.Referral(
                concerns=frozenset({at.SafetyConcern.SELF_HARM}),
                message="Help.",
                resources=("x",),  # type: ignore[arg-type]
            ),
            "resources",
        ),
        (
            lambda: at.CatalogProblem(
                kind=at.ProblemKind.COVERAGE,
                prompt_ids=[],  # type: ignore[arg-type]
                message="Too few.",
            ),
            "prompt_ids",
        ),
    ],
)
def test_models_reject_bad_fields(build: Any, field: str) -> None:
    with pytest.raises(at.ValidationError) as caught:
        build()
    assert caught.value.field == field


@given(ats.prompt_catalogs(max_size=5), ats.prompt_uses())
def test_models_round_trip_through_json_and_pickle(
    cat: at.PromptCatalog, prompt_use: at.PromptUse
) -> None:
    for value, cls in ((cat, at.PromptCatalog), (prompt_use, at.PromptUse)):
        assert at.from_json(at.to_json(value), cls) == value
        assert pickle.loads(pickle.dumps(value)) == value  # noqa: S301 - our own bytes
    first = cat.prompts[0]
    assert at.from_json(at.to_json(first), at.Prompt) == first


def test_pick_referral_and_resources_round_trip() -> None:
    chosen = pick(at.default_catalog())
    assert at.from_json(at.to_json(chosen), at.Pick) == chosen
    referral = at.pick_prompt(
        at.default_catalog(), today=TODAY, concerns=frozenset(at.SafetyConcern)
    )
    assert isinstance(referral, at.Referral)
    assert at.from_json(at.to_json(referral), at.Referral) == referral
    assert pickle.loads(pickle.dumps(referral)) == referral  # noqa: S301
    problem = at.CatalogProblem(kind=at.ProblemKind.DUPLICATE, prompt_ids=("a", "b"), message="M")
    assert at.from_json(at.to_json(problem), at.CatalogProblem) == problem


def test_unpickled_catalog_rebuilds_its_index() -> None:
    cat = catalog(prompt("a"), prompt("b"))
    before = pick(cat)
    again = pickle.loads(pickle.dumps(cat))  # noqa: S301
    assert pick(again) == before


# ------------------------------------------------------------ safety first


def test_any_concern_returns_a_referral_whatever_else_is_given() -> None:
    solo_only = catalog(prompt("solo", audience=at.Audience.SOLO))
    result = at.pick_prompt(
        solo_only,  # nothing for TOGETHER: would otherwise be an error
        today=TODAY,
        concerns=frozenset({at.SafetyConcern.SELF_HARM}),
    )
    assert isinstance(result, at.Referral)
    assert {r.kind for r in result.resources} == {
        at.ResourceKind.EMERGENCY,
        at.ResourceKind.CRISIS_LINE,
        at.ResourceKind.THERAPIST,
    }
    assert "emergency" in result.message
    many = at.pick_prompts(solo_only, k=3, today=TODAY, concerns=[at.SafetyConcern.SELF_HARM])
    assert isinstance(many, at.Referral)


def test_referral_uses_the_apps_own_resources() -> None:
    local = at.ReferralResource(
        locale="de",
        kind=at.ResourceKind.DOMESTIC_VIOLENCE,
        name="Local service",
        description="Advocates.",
        contact="Via the app.",
        concerns=frozenset({at.SafetyConcern.PARTNER_VIOLENCE}),
    )
    result = at.pick_prompt(
        at.default_catalog(),
        today=TODAY,
        concerns=frozenset({at.SafetyConcern.PARTNER_VIOLENCE}),
        resources=[local],
    )
    assert isinstance(result, at.Referral)
    assert result.resources == (local,)
    # A list that names only other concerns is still offered rather than nothing.
    other = at.pick_prompt(
        at.default_catalog(),
        today=TODAY,
        concerns=frozenset({at.SafetyConcern.SELF_HARM}),
        resources=[local],
    )
    assert isinstance(other, at.Referral)
    assert other.resources == (local,)
    with pytest.raises(at.ValidationError) as caught:
        at.pick_prompt(
            at.default_catalog(),
            today=TODAY,
            concerns=frozenset({at.SafetyConcern.SELF_HARM}),
            resources=["call me"],  # type: ignore[list-item]
        )
    assert caught.value.path == "$.resources[0]"


@given(
    st.frozensets(st.sampled_from(at.SafetyConcern), min_size=1),
    st.integers(),
    st.lists(ats.prompt_uses(), max_size=5),
)
def test_property_a_concern_always_yields_a_referral(
    concerns: frozenset[at.SafetyConcern], seed: int, history: list[at.PromptUse]
) -> None:
    result = at.pick_prompt(
        at.default_catalog(), today=TODAY, history=history, concerns=concerns, seed=seed
    )
    assert isinstance(result, at.Referral)
    assert result.concerns == concerns
    assert all(r.concerns & concerns for r in result.resources)


# ------------------------------------------------------------ eligibility


def test_audience_is_respected_and_missing_audience_is_an_error() -> None:
    cat = catalog(prompt("t"), prompt("s", audience=at.Audience.SOLO))
    assert pick(cat, audience=at.Audience.SOLO).prompt.id == "s"
    with pytest.raises(at.ValidationError) as caught:
        pick(catalog(prompt("t")), audience=at.Audience.SOLO)
    assert caught.value.field == "catalog"
    assert "solo" in caught.value.reason


def test_cooldown_prefers_never_used_then_past_cooldown_then_least_recent() -> None:
    cat = catalog(prompt("a"), prompt("b"), prompt("c"))
    # b and c used recently: a, never used, must come first.
    assert pick(cat, history=[use("b", 3), use("c", 10)]).prompt.id == "a"
    # All used; only a is past the 180-day pause.
    chosen = pick(cat, history=[use("a", 200), use("b", 3), use("c", 10)])
    assert chosen.prompt.id == "a"
    assert "180" in chosen.reasons[0]
    # All inside the pause: the least recently used (c, 50 days) comes back.
    chosen = pick(cat, history=[use("a", 20), use("b", 3), use("c", 50)])
    assert chosen.prompt.id == "c"
    assert "longest ago" in chosen.reasons[0]


# A sign one partner noticed, and the prompts that address it fit best.
LOGISTICS = at.Sign.LOGISTICS_ONLY
LOGISTICS_NOTICED = assessment(contributions=[sign_contribution(LOGISTICS, "sam")])


@pytest.mark.parametrize(
    ("plain_days", "fits_days"),
    [
        # Past the 180-day pause, prompts are ranked by fit, as fresh ones
        # are, not by how long ago they were used.
        pytest.param(300, 200, id="past the cooldown"),
        # All inside the pause, the one used longest ago comes back; of two
        # used on the same day, the better fit.
        pytest.param(100, 100, id="inside the cooldown, same day"),
    ],
)
def test_a_reused_prompt_is_the_better_fit(plain_days: int, fits_days: int) -> None:
    cat = catalog(prompt("plain"), prompt("fits", addresses=[LOGISTICS]))
    history = [use("plain", plain_days), use("fits", fits_days)]
    assert pick(cat, assessment=LOGISTICS_NOTICED, history=history).prompt.id == "fits"


@pytest.mark.parametrize(
    "days_ago",
    [
        pytest.param((200, 200, 200), id="past the cooldown"),
        pytest.param((100, 90, 10), id="inside the cooldown"),
    ],
)
def test_reused_prompts_still_spread_over_themes(days_ago: tuple[int, int, int]) -> None:
    # Rule: pick_prompts prefers a theme not yet picked, in every tier. The
    # second curiosity prompt fits better than the play one (and, inside the
    # cooldown, was used longer ago), but play comes second.
    cat = catalog(
        prompt("fits-1", addresses=[LOGISTICS]),
        prompt("fits-2", addresses=[LOGISTICS]),
        prompt("play", theme=at.Theme.PLAY),
    )
    history = [
        use(prompt_id, days)
        for prompt_id, days in zip(("fits-1", "fits-2", "play"), days_ago, strict=True)
    ]
    picks = at.pick_prompts(cat, k=2, today=TODAY, assessment=LOGISTICS_NOTICED, history=history)
    assert isinstance(picks, tuple)
    assert [p.prompt.theme for p in picks] == [at.Theme.CURIOSITY, at.Theme.PLAY]


REPAIR_DEEPER = "Repair may go a step deeper than other prompts, since it comes first."
WARM_WAY_BACK = "Warm, light themes are a gentle way back toward each other."
NOT_RECENT = "Its theme has not come up recently."


@pytest.mark.parametrize(
    ("level", "depth", "reasons"),
    [
        (at.DistanceLevel.DISTANT, 2, (WARM_WAY_BACK, REPAIR_DEEPER, NOT_RECENT)),
        (at.DistanceLevel.DETACHED, 2, (WARM_WAY_BACK, REPAIR_DEEPER, NOT_RECENT)),
        # At the level's own ceiling repair goes no deeper than the rest.
        (at.DistanceLevel.DISTANT, 1, (WARM_WAY_BACK, NOT_RECENT)),
        # Drifting couples may get repair at depth 3 (repair is not one of
        # their level's themes, so no level reason).
        (at.DistanceLevel.DRIFTING, 3, (REPAIR_DEEPER, NOT_RECENT)),
        (at.DistanceLevel.DRIFTING, 2, (NOT_RECENT,)),
    ],
)
def test_a_repair_prompt_says_when_it_goes_deeper_than_the_level_allows(
    level: at.DistanceLevel, depth: int, reasons: tuple[str, ...]
) -> None:
    # Rule: repair may go one step deeper than the level's ceiling, and the
    # pick says so whenever it does; a deep history lifts Aron's escalation
    # limit so only the level binds.
    cat = catalog(
        prompt("repair", theme=at.Theme.REPAIR, depth=depth),
        prompt("deep-3", depth=3),
        prompt("warm-2", theme=at.Theme.PLAY, depth=2),
    )
    history = [use("deep-3", 400), use("warm-2", 10)]
    chosen = pick(cat, assessment=assessment(level), history=history)
    assert chosen.prompt.id == "repair"
    assert chosen.reasons == reasons


def test_a_catalog_with_nothing_light_enough_says_what_to_add(
    assert_refused: Callable[[Callable[[], object], str, str], None],
) -> None:
    assert_refused(
        lambda: pick(
            catalog(prompt("deep", depth=3)), assessment=assessment(at.DistanceLevel.DISTANT)
        ),
        "$.catalog",
        "has no together prompt light enough for this couple's state (add depth-1 prompts)",
    )


def test_history_with_repeats_and_unknown_ids() -> None:
    cat = catalog(prompt("a"), prompt("b"))
    # a's latest use counts, not its first; unknown ids are ignored.
    history = [use("a", 400), use("a", 5), use("b", 30), use("gone", 1)]
    assert pick(cat, history=history).prompt.id == "b"


def test_depth_ceilings_per_level_and_repair_one_deeper() -> None:
    prompts = [
        prompt(f"{theme.value}-{depth}", theme=theme, depth=depth)
        for theme in (at.Theme.CURIOSITY, at.Theme.REPAIR)
        for depth in (1, 2, 3)
    ]
    cat = catalog(*prompts, prompt("warm-2", theme=at.Theme.PLAY, depth=2))
    # Deep recent history lifts Aron's escalation limit so only the level binds;
    # the latest use is depth 2, so depth 3 is not blocked as "two in a row".
    history = [use("curiosity-3", 400), use("repair-3", 401), use("warm-2", 10)]
    for level, ceiling in LEVELS_CEILING.items():
        picks = at.pick_prompts(
            cat, k=6, today=TODAY, history=history, assessment=assessment(level)
        )
        assert isinstance(picks, tuple)
        for chosen in picks:
            limit = min(ceiling + (chosen.prompt.theme is at.Theme.REPAIR), 3)
            assert chosen.prompt.depth <= limit
        depths = {(c.prompt.theme, c.prompt.depth) for c in picks}
        assert (at.Theme.REPAIR, min(ceiling + 1, 3)) in depths


def test_escalation_needs_the_step_below_among_recent_uses() -> None:
    cat = catalog(prompt("deep", depth=3), prompt("mid", depth=2), prompt("light", depth=1))
    # Fresh couple: only depth 1 is open.
    assert pick(cat).prompt.id == "light"
    # After a depth-1 prompt, depth 2 opens, depth 3 does not.
    chosen = pick(cat, history=[use("light", 7)])
    assert chosen.prompt.id == "mid"
    assert any("deeper" in reason for reason in chosen.reasons)
    # After depth 2, depth 3 opens.
    assert pick(cat, history=[use("light", 14), use("mid", 7)]).prompt.id == "deep"


def test_never_two_depth_three_in_a_row() -> None:
    cat = catalog(prompt("d3a", depth=3), prompt("d3b", depth=3), prompt("d2", depth=2))
    chosen = pick(cat, history=[use("d2", 14), use("d3a", 7)])
    assert chosen.prompt.depth < 3


def test_only_deep_prompts_is_a_clear_error() -> None:
    cat = catalog(prompt("deep", depth=3))
    with pytest.raises(at.ValidationError) as caught:
        pick(cat)
    assert caught.value.field == "catalog"
    with pytest.raises(at.ValidationError):
        at.pick_prompts(cat, k=2, today=TODAY)


# ------------------------------------------------------------ relevance and reasons


def test_signs_steer_the_pick_and_the_reason_names_both_partners() -> None:
    cat = catalog(
        prompt("plain", theme=at.Theme.PLAY),
        prompt("logistics", theme=at.Theme.CHECK_IN, addresses=[at.Sign.LOGISTICS_ONLY]),
    )
    state = assessment(
        at.DistanceLevel.DRIFTING,
        [
            sign_contribution(at.Sign.LOGISTICS_ONLY, "alex"),
            sign_contribution(at.Sign.LOGISTICS_ONLY, "sam"),
        ],
    )
    chosen = pick(cat, assessment=state)
    assert chosen.prompt.id == "logistics"
    assert "You both mentioned that talk has shrunk to logistics." in chosen.reasons
    one = assessment(contributions=[sign_contribution(at.Sign.LOGISTICS_ONLY, "alex")])
    assert pick(cat, assessment=one).reasons[0].startswith("One of you mentioned")
    nobody = assessment(contributions=[sign_contribution(at.Sign.LOGISTICS_ONLY, None)])
    assert pick(cat, assessment=nobody).reasons[0].startswith("Your check-ins mention")


def test_stronger_sign_wins_over_weaker_sign() -> None:
    cat = catalog(
        prompt("touch", addresses=[at.Sign.LESS_TOUCH]),
        prompt("lonely", addresses=[at.Sign.LONELY_TOGETHER]),
    )
    state = assessment(
        contributions=[
            sign_contribution(at.Sign.LESS_TOUCH, "alex", points=2.0),
            sign_contribution(at.Sign.LONELY_TOGETHER, "alex", points=9.0),
            at.Contribution(factor=at.Factor.CLOSENESS, points=0.0, label="zero"),
        ]
    )
    assert pick(cat, assessment=state).prompt.id == "lonely"


def test_factors_weakest_subscale_goals_and_level_steer_the_pick() -> None:
    cat = catalog(
        prompt("fun", theme=at.Theme.PLAY),
        prompt("heard", theme=at.Theme.FEELINGS),
        prompt("steady", theme=at.Theme.SELF, subscales=[at.Subscale.EMOTIONAL_REACTIVITY]),
        prompt("touch", theme=at.Theme.INTIMACY),
        prompt("dream", theme=at.Theme.DREAMS),
    )
    felt_heard = assessment(
        contributions=[at.Contribution(factor=at.Factor.FELT_HEARD, points=8.0, label="heard")]
    )
    chosen = pick(cat, assessment=felt_heard)
    assert chosen.prompt.id == "heard"
    assert any("heard" in reason for reason in chosen.reasons)

    profile = at.DifferentiationProfile(
        instrument_id="self-check",
        subscales={
            at.Subscale.EMOTIONAL_REACTIVITY: 2.0,
            at.Subscale.I_POSITION: 4.0,
            at.Subscale.EMOTIONAL_CUTOFF: 5.0,
            at.Subscale.FUSION_WITH_OTHERS: 4.5,
        },
        overall=3.9,
        answered=20,
    )
    chosen = pick(cat, profiles=[profile])
    assert chosen.prompt.id == "steady"
    assert any("self-check" in reason for reason in chosen.reasons)

    goal = at.Goal(
        id="g1",
        title="More hugs",
        practice=at.Practice.PHYSICAL_AFFECTION,
        cadence=at.Cadence(times=3, per=at.Period.WEEK),
        starts=TODAY - dt.timedelta(days=30),
    )
    chosen = pick(cat, goals=[goal])
    assert chosen.prompt.id == "touch"
    assert "It fits your goal of more physical affection." in chosen.reasons
    ended = at.Goal(
        id="g2",
        title="Old goal",
        practice=at.Practice.PHYSICAL_AFFECTION,
        cadence=at.Cadence(times=1, per=at.Period.WEEK),
        starts=TODAY - dt.timedelta(days=90),
        ends=TODAY - dt.timedelta(days=10),
    )
    assert pick(cat, goals=[ended]) == pick(cat)

    connected = pick(cat, assessment=assessment(at.DistanceLevel.CONNECTED))
    assert connected.prompt.id == "dream"


def test_distant_couple_gets_repair_one_deeper_with_a_reason() -> None:
    cat = catalog(
        prompt("light", theme=at.Theme.CURIOSITY),
        prompt("repair2", theme=at.Theme.REPAIR, depth=2),
    )
    chosen = pick(
        cat,
        history=[use("light", 7)],
        assessment=assessment(at.DistanceLevel.DISTANT),
    )
    assert chosen.prompt.id == "repair2"
    assert any("Repair may go a step deeper" in reason for reason in chosen.reasons)


def test_recent_themes_weigh_less() -> None:
    cat = catalog(
        prompt("play-1", theme=at.Theme.PLAY),
        prompt("play-2", theme=at.Theme.PLAY),
        prompt("dream-1", theme=at.Theme.DREAMS),
    )
    for seed in range(20):
        chosen = pick(cat, history=[use("play-1", 7)], seed=seed)
        assert chosen.prompt.id == "dream-1"
        assert "Its theme has not come up recently." in chosen.reasons


def test_reasons_never_contain_user_text() -> None:
    hidden = "HIDDEN-LABEL"
    state = assessment(
        contributions=[
            at.Contribution(
                factor=at.Factor.SIGN,
                points=4.0,
                label=hidden,
                sign=at.Sign.PHONE_DISTRACTION,
                partner_id="secret-partner",
            )
        ]
    )
    for seed in range(10):
        chosen = pick(at.default_catalog(), assessment=state, seed=seed)
        joined = " ".join(chosen.reasons)
        assert hidden not in joined
        assert "secret-partner" not in joined


def test_pick_prompts_gives_distinct_themes_where_possible() -> None:
    cat = at.default_catalog()
    picks = at.pick_prompts(cat, k=6, today=TODAY, seed=3)
    assert isinstance(picks, tuple)
    assert len({p.prompt.theme for p in picks}) == 6
    assert picks[0] == at.pick_prompt(cat, today=TODAY, seed=3)
    # Only one theme available: distinct prompts still come back.
    small = catalog(prompt("a"), prompt("b"), prompt("c"))
    picks = at.pick_prompts(small, k=5, today=TODAY)
    assert isinstance(picks, tuple)
    assert sorted(p.prompt.id for p in picks) == ["a", "b", "c"]


def test_pick_prompts_reaches_into_the_cooldown_last() -> None:
    small = catalog(prompt("a"), prompt("b"), prompt("c", theme=at.Theme.PLAY))
    picks = at.pick_prompts(small, k=3, today=TODAY, history=[use("a", 5), use("c", 300)])
    assert isinstance(picks, tuple)
    assert [p.prompt.id for p in picks] == ["b", "c", "a"]


def test_seed_changes_only_tie_breaks() -> None:
    cat = catalog(*(prompt(f"p{n}") for n in range(30)))
    chosen = {pick(cat, seed=seed).prompt.id for seed in range(40)}
    assert len(chosen) > 5  # ties spread over many prompts
    assert pick(cat, seed=11) == pick(cat, seed=11)


# ------------------------------------------------------------ bad arguments


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"today": "2026-11-22"}, "$.today"),
        ({"today": dt.datetime(2026, 11, 22, tzinfo=dt.UTC)}, "$.today"),
        ({"seed": 1.5}, "$.seed"),
        ({"seed": True}, "$.seed"),
        ({"audience": "solo"}, "$.audience"),
        ({"history": ["p1"]}, "$.history[0]"),
        ({"assessment": "distant"}, "$.assessment"),
        ({"profiles": [None]}, "$.profiles[0]"),
        ({"goals": ["hug"]}, "$.goals[0]"),
        ({"concerns": ["self_harm"]}, "$.concerns"),
        ({"concerns": [["self_harm"]]}, "$.concerns"),
        ({"concerns": 3}, "$.concerns"),
        ({"history": None}, "$.history"),
        ({"history": 5}, "$.history"),
        ({"profiles": None}, "$.profiles"),
        ({"goals": 3}, "$.goals"),
        ({"concerns": {at.SafetyConcern.SELF_HARM}, "resources": 5}, "$.resources"),
    ],
)
def test_pick_rejects_bad_arguments(kwargs: dict[str, Any], path: str) -> None:
    kwargs.setdefault("today", TODAY)
    with pytest.raises(at.ValidationError) as caught:
        at.pick_prompt(at.default_catalog(), **kwargs)
    assert caught.value.path == path


def test_an_empty_list_of_resources_still_refers_to_the_packaged_help() -> None:
    # A referral must always say where to turn, even if an app's list is empty.
    referral = at.pick_prompt(
        at.default_catalog(), today=TODAY, concerns={at.SafetyConcern.SELF_HARM}, resources=[]
    )
    assert isinstance(referral, at.Referral)
    assert referral.resources
    assert set(referral.resources) <= set(at.default_referral_resources())


def test_pick_rejects_a_non_catalog_and_bad_k() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.pick_prompt((prompt("a"),), today=TODAY)  # type: ignore[arg-type]
    assert caught.value.field == "catalog"
    for k in (0, -1, 2.0, True):
        with pytest.raises(at.ValidationError) as caught:
            at.pick_prompts(at.default_catalog(), k=k, today=TODAY)  # type: ignore[arg-type]
        assert caught.value.field == "k"


# ------------------------------------------------------------ check_catalog


def test_check_catalog_finds_each_kind_of_problem() -> None:
    cat = catalog(
        prompt("long", text="What " + "really " * 40 + "matters?"),
        prompt("opener", text="Describe a perfect Sunday together."),
        prompt("reflect", text="Reflect on a time you felt close."),
        prompt("sat", text="How satisfied are you with our weekends?"),
        prompt("blame", text="Why do you always leave the dishes?"),
        prompt("blame2", text="What\u2019s something you never say out loud?"),
        prompt("gender", text="What does your husband do that makes you laugh?"),
        prompt("dup1", text="What small thing made you smile today?"),
        prompt("dup2", text="what small thing made you SMILE today"),
        prompt("near1", text="Which song always reminds you of our first summer together?"),
        prompt("near2", text="Which song reminds you of our first summer together?"),
        prompt("fine", text="Where would you love to wander next spring?"),
    )
    found = {(p.kind, p.prompt_ids) for p in no_coverage(cat)}
    assert (at.ProblemKind.TOO_LONG, ("long",)) in found
    assert (at.ProblemKind.BANNED_OPENER, ("opener",)) in found
    assert (at.ProblemKind.BANNED_OPENER, ("reflect",)) in found
    assert (at.ProblemKind.BANNED_OPENER, ("sat",)) in found
    assert (at.ProblemKind.ABSOLUTE_BLAME, ("blame",)) in found
    assert (at.ProblemKind.ABSOLUTE_BLAME, ("blame2",)) in found
    assert (at.ProblemKind.GENDERED, ("gender",)) in found
    assert (at.ProblemKind.DUPLICATE, ("dup1", "dup2")) in found
    assert (at.ProblemKind.NEAR_DUPLICATE, ("near1", "near2")) in found
    assert not [ids for _, ids in found if "fine" in ids]


def kinds_for(text: str) -> set[at.ProblemKind]:
    return {problem.kind for problem in no_coverage(catalog(prompt("p", text=text)))}


@pytest.mark.parametrize(
    "text",
    [
        "Fill in the blank: the best part of my week was ___.",
        "Complete this sentence: I feel close to you when...",
        "Finish this sentence: home feels like...",
        "Finish the sentence together: our best trip was...",
        "Write down three things you liked about today.",
        "Jot down a moment that made you smile.",
        "Please describe your perfect Sunday.",
        "Kindly reflect on your last holiday together.",
        "Which trip do you remember best? Write it down and share it later.",
        "What made you smile? Jot it down for tonight.",
        "On a scale from 1 to 10, how close do you feel?",
        "How close do you feel this week, 1 to 10?",
        "How rested are you, somewhere between 0 and 5?",
        "How was your week, out of 10?",
        "How connected do you feel, on a scale of your own making?",
    ],
)
def test_check_catalog_flags_worksheet_forms_and_rating_scales(text: str) -> None:
    # Homework-style instructions and numeric ratings are what couples call therapy
    # homework, wherever they stand in the prompt.
    assert at.ProblemKind.BANNED_OPENER in kinds_for(text)


@pytest.mark.parametrize(
    "text",
    [
        "What would you write on a postcard to your younger self?",
        "Who was your hero from age 7 to 12?",
        "Which of the 10 places you have lived felt most like home?",
        "What gets you out of a bad mood fastest?",
        "What does the scale of the mountains make you feel?",
        "Which sentence from a book has stayed with you?",
    ],
)
def test_check_catalog_leaves_ordinary_words_alone(text: str) -> None:
    assert kinds_for(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "You're always on your phone: what would help?",
        "Why do you both never go out anymore?",
        "Do you two always argue about money?",
        "What\u2019s something you\u2019ve never told anyone?",
        "What did you all never get round to doing?",
        "Why do YOU NEVER call?",
    ],
)
def test_check_catalog_catches_absolutes_behind_contractions_and_plurals(text: str) -> None:
    assert at.ProblemKind.ABSOLUTE_BLAME in kinds_for(text)


@pytest.mark.parametrize(
    "text",
    [
        "Do you ever feel rushed in the mornings?",
        "What is always on your mind at night?",
        "Never mind the dishes: what made you laugh today?",
        "What do you rarely say out loud?",
        "Which song do you both love?",
    ],
)
def test_check_catalog_allows_always_and_never_away_from_you(text: str) -> None:
    assert kinds_for(text) == set()


def test_check_catalog_flags_you_never_even_in_a_relative_clause() -> None:
    # Deliberate: a word rule cannot tell "something you never say" from "you never
    # listen", and the harmless form rewrites in a word ("rarely"). Documented.
    assert kinds_for("What is something you never say out loud?") == {
        at.ProblemKind.ABSOLUTE_BLAME
    }


@pytest.mark.parametrize(
    "text",
    [
        "What does she do that makes you laugh?",
        "Tell me about his favourite meal.",
        "What did he say this morning?",
        "Which gift would surprise her most?",
        "What does your partner keep to himself?",
        "How does your partner talk about herself?",
        "Whose is this: yours or hers?",
        "What makes him smile?",
    ],
)
def test_check_catalog_flags_gendered_pronouns(text: str) -> None:
    assert kinds_for(text) == {at.ProblemKind.GENDERED}


def test_check_catalog_matches_pronouns_as_whole_words_only() -> None:
    # "shepherd", "hear", "this", "there" hold the letters of he/her/his but are not pronouns.
    assert kinds_for("Would you rather hear the sea or eat shepherd's pie there?") == set()


def test_check_catalog_does_not_flag_prompts_that_merely_share_words() -> None:
    cat = catalog(
        prompt("a", text="What's a small thing I did this week that made you smile?"),
        prompt("b", text="What's a small thing I could do this week to help you relax?"),
        prompt("c", text="Café moments: which one did you like best?"),
    )
    assert no_coverage(cat) == ()


def test_check_catalog_folds_accents_for_duplicates() -> None:
    cat = catalog(
        prompt("a", text="Which café would you pick for a long talk?"),
        prompt("b", text="Which cafe would you pick for a long talk?"),
    )
    assert [p.kind for p in no_coverage(cat)] == [at.ProblemKind.DUPLICATE]


def test_check_catalog_reports_coverage_gaps() -> None:
    cat = catalog(
        prompt("a", depth=2, text="Which trip would you repeat tomorrow?"),
        prompt("s", audience=at.Audience.SOLO, text="What helped you rest this week?"),
    )
    messages = [p.message for p in at.check_catalog(cat) if p.kind is at.ProblemKind.COVERAGE]
    assert "Only 0 prompts for theme play; at least 15 wanted." in messages
    assert "Only 0 prompts for depth 3; at least 60 wanted." in messages
    assert "Only 0 prompts for sign less_touch; at least 8 wanted." in messages
    assert "Only 0 prompts for subscale i_position; at least 8 wanted." in messages
    assert "Only 1 prompts for the solo audience; at least 60 wanted." in messages
    # The picker needs a depth-1 prompt per audience; reported even with minimums off.
    relaxed = no_coverage(cat)
    assert [p.message for p in relaxed] == [
        "Only 0 prompts for depth 1 for the together audience; at least 1 wanted."
    ]


def light_sign_messages(problems: Iterable[at.CatalogProblem]) -> list[str]:
    return [p.message for p in problems if "at depth 1 for the" in p.message]


def test_check_catalog_wants_light_prompts_for_every_sign_and_audience() -> None:
    deep = [
        prompt(f"d{n}", depth=2, addresses=at.Sign, text=f"Which trip number {n} comes to mind?")
        for n in range(3)
    ]
    light = [
        prompt(f"l{n}", addresses=at.Sign, text=f"Which snack number {n} do you crave?")
        for n in range(2)
    ]
    solo = prompt("s", audience=at.Audience.SOLO, addresses={at.Sign.WITHDRAWAL})
    cat = catalog(*deep, *light, solo)
    found = light_sign_messages(at.check_catalog(cat))
    # Depth-2 prompts do not count; two light prompts are one short of the default three.
    assert (
        "Only 2 prompts for sign withdrawal at depth 1 for the together audience; "
        "at least 3 wanted." in found
    )
    assert len(found) == 2 * len(at.Sign)
    assert (
        "Only 1 prompts for sign withdrawal at depth 1 for the solo audience; at least 3 wanted."
        in found
    )
    assert (
        "Only 0 prompts for sign less_touch at depth 1 for the solo audience; at least 3 wanted."
        in found
    )
    assert light_sign_messages(at.check_catalog(cat, min_light_per_sign=2)) == [
        f"Only {int(sign is at.Sign.WITHDRAWAL)} prompts for sign {sign.value} at depth 1 "
        "for the solo audience; at least 2 wanted."
        for sign in at.Sign
    ]
    assert light_sign_messages(at.check_catalog(cat, min_light_per_sign=0)) == []
    # Switching sign coverage off (small catalogs) switches its light refinement off too.
    assert light_sign_messages(at.check_catalog(cat, min_per_sign=0)) == []


def test_check_catalog_asks_light_prompts_only_for_audiences_the_catalog_serves() -> None:
    together_only = catalog(
        *(
            prompt(f"l{n}", addresses=at.Sign, text=f"Which snack number {n} do you crave?")
            for n in range(3)
        )
    )
    assert light_sign_messages(at.check_catalog(together_only)) == []


def test_check_catalog_accepts_an_integer_overlap_of_one() -> None:
    # 1 is the same threshold as 1.0: only identical content-word sets are near-duplicates.
    cat = catalog(
        prompt("a", text="Which song reminds you of our first summer together?"),
        prompt("b", text="So which song reminds you of our first summer together?"),
        prompt("c", text="Which song reminds you of our first summer?"),
    )
    as_int = no_coverage_with(cat, near_duplicate_overlap=1)
    assert as_int == no_coverage_with(cat, near_duplicate_overlap=1.0)
    assert [p.prompt_ids for p in as_int if p.kind is at.ProblemKind.NEAR_DUPLICATE] == [
        ("a", "b")
    ]


def no_coverage_with(cat: at.PromptCatalog, **kwargs: Any) -> tuple[at.CatalogProblem, ...]:
    return at.check_catalog(
        cat,
        min_per_theme=0,
        min_per_depth=0,
        min_per_sign=0,
        min_per_subscale=0,
        min_solo=0,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"max_length": 0}, "max_length"),
        ({"near_duplicate_overlap": 0.0}, "near_duplicate_overlap"),
        ({"near_duplicate_overlap": 2}, "near_duplicate_overlap"),
        ({"near_duplicate_overlap": True}, "near_duplicate_overlap"),
        ({"near_duplicate_overlap": "0.8"}, "near_duplicate_overlap"),
        ({"min_per_theme": -1}, "min_per_theme"),
        ({"min_solo": 1.0}, "min_solo"),
        ({"min_light_per_sign": -1}, "min_light_per_sign"),
        ({"min_light_per_sign": True}, "min_light_per_sign"),
    ],
)
def test_check_catalog_rejects_bad_thresholds(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.check_catalog(at.default_catalog(), **kwargs)
    assert caught.value.field == field
    with pytest.raises(at.ValidationError) as caught:
        at.check_catalog("catalog")  # type: ignore[arg-type]
    assert caught.value.field == "catalog"


def test_packaged_data_newer_than_the_library_is_refused() -> None:
    newer = _prompts.DATA_VERSION + 1
    with pytest.raises(at.ValidationError) as caught:
        _prompts._check_version({"version": newer, "items": []})
    assert caught.value.path == "$.version"
    assert caught.value.reason == (
        f"is {newer}, newer than this library understands ({_prompts.DATA_VERSION})"
    )
    current = {"version": _prompts.DATA_VERSION, "prompts": []}
    assert _prompts._check_version(current) is current
    # A document of another shape goes on to the converter, which names what is wrong.
    odd = ["not", "a", "mapping"]
    assert _prompts._check_version(odd) is odd


def test_empty_profiles_and_odd_contributions_change_nothing() -> None:
    cat = catalog(prompt("a"), prompt("b", theme=at.Theme.PLAY))
    unanswered = at.DifferentiationProfile(
        instrument_id="self-check", subscales=dict.fromkeys(at.Subscale), overall=None, answered=0
    )
    signless = assessment(
        contributions=[at.Contribution(factor=at.Factor.SIGN, points=3.0, label="x", sign=None)]
    )
    assert (
        pick(cat, profiles=[unanswered], assessment=signless).prompt
        == pick(cat, assessment=assessment()).prompt
    )
