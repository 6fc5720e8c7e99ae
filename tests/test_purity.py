"""Public functions are pure: they leave their inputs alone, never read the clock
and give the same answer in every process, whatever ``PYTHONHASHSEED`` is.

Apps call these functions from request handlers and batch jobs and cache their
results; an input changed behind their back, an answer that depends on the
day it was computed, or one that changes between worker processes would all be
silent data bugs.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import attunement as at
from attunement import strategies as ats

START = dt.date(2026, 1, 5)
Call = tuple[str, Callable[..., Any], tuple[Any, ...], dict[str, Any]]


def _mini_instrument() -> at.Instrument:
    items = tuple(
        at.Item(id=f"{subscale.value}-{n}", text=f"Item {n}", subscale=subscale, reverse=n == 0)
        for subscale in at.Subscale
        for n in range(3)
    )
    norms = tuple(
        at.SubscaleNorm(subscale=subscale, sd=0.7, reliability=0.8) for subscale in at.Subscale
    )
    return at.Instrument(id="mini", name="Mini", items=items, low=1, high=6, norms=norms)


@st.composite
def calls(draw: st.DrawFn) -> list[Call]:
    """One call of every public function, on generated (mutable where allowed) inputs."""
    checkins = draw(ats.couple_checkins(start=START, max_weeks=8))
    as_of = draw(ats.dates(START, START + dt.timedelta(weeks=10)))
    window = draw(st.integers(1, 8))
    assessment = at.assess_distance(checkins, as_of=as_of, window_weeks=window)
    drawn_catalog = draw(ats.prompt_catalogs(max_size=8))
    # Picking needs at least one light (depth 1) prompt meant for two.
    first, *rest = drawn_catalog.prompts
    catalog = at.PromptCatalog(
        prompts=(attrs.evolve(first, audience=at.Audience.TOGETHER, depth=1), *rest)
    )
    uses = draw(st.lists(ats.prompt_uses(on=ats.dates(START, as_of)), max_size=6))
    goals = draw(st.lists(ats.goals(), max_size=3))
    text = draw(ats.reflection_texts())
    instrument = _mini_instrument()
    answers = {
        item.id: draw(st.integers(1, 6)) for item in instrument.items if draw(st.booleans())
    }
    answers.setdefault(instrument.items[0].id, 3)
    rating = at.SelfRating(partner_id="alex", on=START, instrument_id="mini", answers=answers)
    profile = at.score_self_rating(rating, instrument)
    responses = draw(
        st.lists(st.lists(st.integers(1, 6).map(float), min_size=3, max_size=3), min_size=3)
    )
    table = {
        "couple_id": ["c1"] * len(checkins),
        "partner_id": [c.partner_id for c in checkins],
        "on": [c.on.isoformat() for c in checkins],
        "closeness": [c.closeness for c in checkins],
        "felt_heard": [c.felt_heard for c in checkins],
        "stress": [c.stress for c in checkins],
        "signs": [sorted(s.value for s in c.signs) for c in checkins],
    }
    goal = goals[0] if goals else draw(ats.goals())
    done = draw(st.lists(ats.dates(goal.starts, goal.starts + dt.timedelta(days=90))))
    viewer = draw(st.sampled_from(["alex", "sam"]))
    return [
        ("partner_view", at.partner_view, (checkins,), {"viewer": viewer}),
        ("assess_distance", at.assess_distance, (checkins,), {"as_of": as_of}),
        ("assess_couples", at.assess_couples, (table,), {"as_of": as_of}),
        ("score_reflection", at.score_reflection, (text,), {}),
        ("score_reflections", at.score_reflections, ([text, text[::-1]],), {}),
        ("antidotes", at.antidotes, (at.score_reflection(text),), {}),
        (
            "pick_prompts",
            at.pick_prompts,
            (catalog,),
            {
                "k": 2,
                "today": as_of,
                "history": uses,
                "assessment": assessment,
                "profiles": [profile],
                "goals": goals,
            },
        ),
        ("pick_prompt", at.pick_prompt, (catalog,), {"today": as_of, "history": uses}),
        ("check_catalog", at.check_catalog, (catalog,), {}),
        ("suggest_goals", at.suggest_goals, (assessment,), {"active": goals}),
        ("goal_progress", at.goal_progress, (goal, done), {"as_of": as_of}),
        ("score_self_rating", at.score_self_rating, (rating, instrument), {}),
        ("compare_profiles", at.compare_profiles, (profile, profile, instrument), {}),
        ("cronbach_alpha", at.cronbach_alpha, (responses,), {}),
        ("item_rest_correlations", at.item_rest_correlations, (responses,), {}),
        ("reverse_key_suspects", at.reverse_key_suspects, (responses,), {}),
        ("reliable_change", at.reliable_change, (2.0, 3.0), {"sd": 0.7, "reliability": 0.8}),
        ("to_json", at.to_json, (checkins,), {}),
        ("unstructure", at.unstructure, (checkins,), {}),
        ("structure", at.structure, (at.unstructure(checkins), list[at.CheckIn]), {}),
        ("from_json", at.from_json, (at.to_json(assessment), at.DistanceAssessment), {}),
    ]


def _call(name: str, function: Callable[..., Any], args: Any, kwargs: Any) -> Any:
    try:
        return function(*args, **kwargs)
    except at.ValidationError:
        # Statistics refuse degenerate data (a constant column); that is an answer too.
        if name in ("cronbach_alpha", "item_rest_correlations", "reverse_key_suspects"):
            return None
        raise


# The whole public surface in one property: fewer, richer examples keep it quick.
@settings(max_examples=60)
@given(calls())
def test_no_public_function_changes_its_inputs(drawn: list[Call]) -> None:
    for name, function, args, kwargs in drawn:
        before = copy.deepcopy((args, kwargs))
        _call(name, function, args, kwargs)
        assert (args, kwargs) == before, name


def test_every_public_function_is_covered_by_the_purity_checks() -> None:
    # A new public function must be added to calls() above.
    functions = {
        name
        for name in at.__all__
        if callable(getattr(at, name))
        and name[0].islower()
        and not isinstance(getattr(at, name), type)
    }
    exercised = {"default_catalog", "default_referral_resources"}
    covered = {
        "partner_view", "assess_distance", "assess_couples", "score_reflection",
        "score_reflections", "antidotes", "pick_prompts", "pick_prompt", "check_catalog",
        "suggest_goals", "goal_progress", "score_self_rating", "compare_profiles",
        "cronbach_alpha", "item_rest_correlations", "reverse_key_suspects", "reliable_change",
        "to_json", "unstructure", "structure", "from_json",
    }  # fmt: skip
    assert functions == covered | exercised


# ----------------------------------------------------------------- the clock

_CLOCK_READERS = {
    time.time, time.time_ns, time.monotonic, time.monotonic_ns, time.perf_counter,
    time.perf_counter_ns, time.localtime, time.gmtime, time.ctime, time.asctime,
    time.strftime, time.process_time,
}  # fmt: skip
_PACKAGE = str(Path(at.__file__).parent)
_CLOCK_METHODS = {"today", "now", "utcnow", "fromtimestamp", "utcfromtimestamp"}


@contextmanager
def _clock_reads() -> Iterator[list[str]]:
    """Record every call to a clock-reading builtin made in this thread."""
    seen: list[str] = []

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        # Only calls made by attunement's own code: the test tools read the clock too.
        if event != "c_call" or not frame.f_code.co_filename.startswith(_PACKAGE):
            return
        owner = getattr(arg, "__self__", None)
        if arg in _CLOCK_READERS or (
            isinstance(owner, type)
            and issubclass(owner, dt.date)
            and getattr(arg, "__name__", "") in _CLOCK_METHODS
        ):
            seen.append(getattr(arg, "__qualname__", repr(arg)))

    sys.setprofile(profile)
    try:
        yield seen
    finally:
        sys.setprofile(None)


def test_the_clock_probe_sees_a_clock_read() -> None:
    # Guards the probe itself: without this, a broken probe would pass everything.
    # A stand-in for a library function that reads the clock, run as package code.
    namespace: dict[str, Any] = {"dt": dt, "time": time}
    source = "def stamp():\n    return dt.date.today(), time.time()\n"
    exec(compile(source, f"{_PACKAGE}/_probe.py", "exec"), namespace)  # noqa: S102
    with _clock_reads() as seen:
        namespace["stamp"]()
    assert len(seen) == 2


@settings(max_examples=20)
@given(calls())
def test_no_public_function_reads_the_clock(drawn: list[Call]) -> None:
    for name, function, args, kwargs in drawn:
        with _clock_reads() as seen:
            _call(name, function, args, kwargs)
        assert seen == [], name


def test_loading_package_data_does_not_read_the_clock() -> None:
    with _clock_reads() as seen:
        at.default_catalog()
        at.default_referral_resources()
        at.score_reflection("I feel heard when we talk.")
        assert at.SELF_CHECK.items
    assert seen == []


# ------------------------------------------------------------ hash seeds

DETERMINISM_SCRIPT = textwrap.dedent(
    """
    import datetime as dt
    import hashlib
    import attunement as at

    d = dt.date
    signs = [frozenset(), frozenset(at.Sign), frozenset({at.Sign.WITHDRAWAL, at.Sign.LESS_TOUCH})]
    checkins = [
        at.CheckIn(
            partner_id=("alex", "sam")[n % 2], on=d(2026, 1, 5) + dt.timedelta(days=3 * n),
            closeness=1 + n % 7, felt_heard=1 + n % 5, stress=1 + (n * 3) % 5,
            signs=signs[n % 3], events=frozenset(at.LifeEvent) if n % 4 == 0 else frozenset(),
            reflection="You never listen, but thank you for trying." if n % 2 else None,
            visibility=list(at.Visibility)[n % 3],
        )
        for n in range(30)
    ]
    out = [at.to_json(checkins), at.to_json(at.partner_view(checkins, viewer="sam"))]
    for weeks in (1, 4, 8, 12):
        assessment = at.assess_distance(checkins, as_of=d(2026, 4, 1), window_weeks=weeks)
        out.append(at.to_json(assessment))
        out.append(at.to_json(at.suggest_goals(assessment)))
        for seed in range(5):
            out.append(at.to_json(at.pick_prompt(
                at.default_catalog(), today=d(2026, 4, 1), assessment=assessment, seed=seed)))
            out.append(at.to_json(at.pick_prompts(
                at.default_catalog(), k=4, today=d(2026, 4, 1), assessment=assessment,
                seed=seed, audience=at.Audience.SOLO)))
    out.append(at.to_json(at.pick_prompt(at.default_catalog(), today=d(2026, 4, 1),
        concerns=frozenset(at.SafetyConcern))))
    for text in (
        "I feel lonely when you always ignore me. We could try again?",
        "Thank you, I appreciate you. Sometimes I want to die. He hit me.",
        "\\u05e9\\u05dc\\u05d5\\u05dd \\u200b I\\u2019m sorry, that makes sense",
    ):
        out.append(at.to_json(at.score_reflection(text)))
        out.append(at.to_json(at.antidotes(at.score_reflection(text))))
    out.append(at.to_json(at.check_catalog(at.PromptCatalog(
        prompts=at.default_catalog().prompts[:40]))))
    for chunk in out:
        print(hashlib.sha256(chunk).hexdigest())
    print(len(out))
    """
)


def _run_with_hash_seed(seed: str) -> str:
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    finished = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", DETERMINISM_SCRIPT],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return finished.stdout


def test_results_do_not_depend_on_the_hash_seed() -> None:
    first = _run_with_hash_seed("1")
    second = _run_with_hash_seed("2")
    # Every result was printed: 2 + 4 * (2 + 5 * 2) + 1 + 3 * 2 + 1 = 58 lines of digests.
    assert first.splitlines()[-1] == "58"
    assert first == second
