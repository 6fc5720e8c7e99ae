"""Round trips and privacy of the picker's result models, over the public strategies.

``Pick``, ``Referral``, ``ReferralResource`` and ``CatalogProblem`` are what an
app stores, sends or logs after a pick or a catalog check, so each one must
come back equal from JSON (through the strict converter) and from pickle (as
Dask and multiprocessing ship results), for every valid value the
``attunement.strategies`` generators build, not only for a fixed example.
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import attunement as at
from attunement import strategies as ats

TODAY = dt.date(2026, 11, 22)

#: Every model of the picker's results, with its class, drawn from the public strategies.
RESULT_MODELS = st.one_of(
    ats.picks().map(lambda model: (model, at.Pick)),
    ats.referrals().map(lambda model: (model, at.Referral)),
    ats.referral_resources().map(lambda model: (model, at.ReferralResource)),
    ats.catalog_problems().map(lambda model: (model, at.CatalogProblem)),
)


@given(RESULT_MODELS)
def test_json_round_trip(drawn: tuple[Any, type[Any]]) -> None:
    model, cls = drawn
    stored = at.to_json(model)
    assert at.from_json(stored, cls) == model
    # The text form parses to the same value as the bytes.
    assert at.from_json(stored.decode(), cls) == model


@given(RESULT_MODELS)
def test_pickle_and_deepcopy_round_trip(drawn: tuple[Any, type[Any]]) -> None:
    model, _ = drawn
    assert pickle.loads(pickle.dumps(model)) == model  # noqa: S301 - our own bytes
    assert copy.deepcopy(model) == model


@given(ats.picks())
def test_a_picks_prompt_keeps_every_tag_through_json(pick: at.Pick) -> None:
    # Equality alone would hide a tag dropped on both sides; compare the parts.
    loaded = at.from_json(at.to_json(pick), at.Pick)
    assert loaded.prompt.addresses == pick.prompt.addresses
    assert loaded.prompt.subscales == pick.prompt.subscales
    assert loaded.reasons == pick.reasons
    assert type(loaded.reasons) is tuple


@given(ats.referrals())
def test_a_referrals_resources_keep_their_order_and_concerns(referral: at.Referral) -> None:
    # Resources are shown in the app's order: JSON must not reorder them.
    loaded = at.from_json(at.to_json(referral), at.Referral)
    assert [r.name for r in loaded.resources] == [r.name for r in referral.resources]
    assert [r.concerns for r in loaded.resources] == [r.concerns for r in referral.resources]
    assert loaded.concerns == referral.concerns


@given(st.lists(ats.picks(), max_size=3), st.lists(ats.catalog_problems(), max_size=3))
def test_collections_of_results_round_trip(
    picks: list[at.Pick], problems: list[at.CatalogProblem]
) -> None:
    # check_catalog returns a tuple of problems; pick_prompts a tuple of picks.
    assert at.from_json(at.to_json(tuple(picks)), tuple[at.Pick, ...]) == tuple(picks)
    assert at.from_json(at.to_json(tuple(problems)), tuple[at.CatalogProblem, ...]) == tuple(
        problems
    )


# ------------------------------------------------------------------ privacy

#: Random markers: "qxz" and lowercase letters, absent from every packaged text.
markers = st.text("abcdefghijklmnopqrstuvwxyz", min_size=8, max_size=16).map(
    lambda tail: "qxz" + tail
)

# Prompt texts that trip each text check of check_catalog around the marker.
_FAULTY_TEXTS = (
    "Describe the {} moment you felt closest this year?",
    "Why do you never ask about {} plans?",
    "What did your husband say about {}?",
    "What made {} feel easy today? " + "Tell me more. " * 20,
    "What {} song reminds you of us?",
)


@given(st.lists(markers, min_size=2, max_size=6, unique=True))
def test_catalog_problems_never_quote_a_prompts_text(tags: list[str]) -> None:
    # An app may let couples write their own prompts; the problems check_catalog
    # reports end up in logs, so they name prompts by id and never quote them.
    prompts = [
        at.Prompt(
            id=f"p{number}",
            text=_FAULTY_TEXTS[number % len(_FAULTY_TEXTS)].format(tag),
            theme=at.Theme.PLAY,
            depth=1,
        )
        for number, tag in enumerate(tags)
    ]
    # The same text twice: a duplicate problem, which must not quote it either.
    prompts.append(at.Prompt(id="again", text=prompts[0].text, theme=at.Theme.PLAY, depth=1))
    problems = at.check_catalog(at.PromptCatalog(prompts=tuple(prompts)))
    kinds = {problem.kind for problem in problems}
    assert {at.ProblemKind.BANNED_OPENER, at.ProblemKind.DUPLICATE} <= kinds
    shown = repr(problems) + str(problems) + "".join(problem.message for problem in problems)
    for tag in tags:
        assert tag not in shown


@given(st.lists(markers, min_size=4, max_size=4, unique=True), st.integers(0, 2**32))
def test_pick_reasons_never_quote_ids_or_texts(tags: list[str], seed: int) -> None:
    # Reasons are written by the library from tags and state: never from a
    # prompt's id or text, a partner's id or a goal's id or title.
    prompt_tag, partner_tag, goal_tag, title_tag = tags
    catalog = at.PromptCatalog(
        prompts=tuple(
            at.Prompt(
                id=f"{prompt_tag}-{depth}-{theme.value}",
                text=f"What {prompt_tag} thing made you smile?",
                theme=theme,
                depth=depth,
                addresses=frozenset(at.Sign),
                subscales=frozenset(at.Subscale),
            )
            for theme in at.Theme
            for depth in (1, 2)
        )
    )
    profile = at.DifferentiationProfile(
        instrument_id="self-check",
        subscales=dict.fromkeys(at.Subscale, 3.0),
        overall=3.0,
        answered=20,
        partner_id=partner_tag,
    )
    goal = at.Goal(
        id=goal_tag,
        title=f"Our {title_tag} evenings",
        practice=at.Practice.APPRECIATION,
        cadence=at.Cadence(times=1, per=at.Period.WEEK),
        starts=TODAY - dt.timedelta(days=7),
    )
    history = [at.PromptUse(prompt_id=catalog.prompts[0].id, on=TODAY - dt.timedelta(days=7))]
    picks = at.pick_prompts(
        catalog,
        k=3,
        today=TODAY,
        history=history,
        profiles=[profile],
        goals=[goal],
        seed=seed,
    )
    assert isinstance(picks, tuple)
    assert picks
    for pick in picks:
        for tag in tags:
            assert all(tag not in reason for reason in pick.reasons)
