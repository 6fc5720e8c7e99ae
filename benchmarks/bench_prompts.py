"""Time per pick against a floor: one pass over the catalog computing a trivial score.

Catalogs of 300, 3,000 and 30,000 prompts, each with 200 past uses and a full
state (an assessment with three signs, two profiles, a goal). Two shapes:

* ``tiled``: the default catalog's prompts repeated with new ids, so tags
  repeat the way a real, larger catalog's do;
* ``random``: every prompt gets random tags, the worst case for the picker's
  per-catalog grouping (almost every prompt is its own group).

The floor is a plain loop over ``catalog.prompts`` keeping the prompt with
the best ``depth + (theme is wanted)``. A second peer adds one pass over the
200 past uses (the least any history-aware picker pays). Targets: pick <= 5x
floor, linear in catalog size. The index each catalog builds once, on first pick, is timed
separately. The first line says whether the picker is the optional compiled
build. Run: python benchmarks/bench_prompts.py
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import attunement as at
from _timing import median_seconds
from attunement import _picker

TODAY = dt.date(2026, 11, 22)
SIZES = (300, 3_000, 30_000)


def tiled_catalog(size: int) -> at.PromptCatalog:
    base = at.default_catalog().prompts
    prompts = [
        at.Prompt(
            id=f"{p.id}-{n // len(base)}",
            text=p.text,
            theme=p.theme,
            depth=p.depth,
            audience=p.audience,
            addresses=p.addresses,
            subscales=p.subscales,
        )
        for n, p in ((n, base[n % len(base)]) for n in range(size))
    ]
    return at.PromptCatalog(prompts=tuple(prompts))


def random_catalog(size: int, seed: int = 11) -> at.PromptCatalog:
    rng = random.Random(seed)
    signs, facets, themes = list(at.Sign), list(at.Subscale), list(at.Theme)
    prompts = [
        at.Prompt(
            id=f"r{n}",
            text=f"Question number {n}?",
            theme=rng.choice(themes),
            depth=rng.choice((1, 1, 2, 2, 3)),
            audience=at.Audience.SOLO if rng.random() < 0.2 else at.Audience.TOGETHER,
            addresses=frozenset(rng.sample(signs, rng.randint(0, 3))),
            subscales=frozenset(rng.sample(facets, rng.randint(0, 2))),
        )
        for n in range(size)
    ]
    return at.PromptCatalog(prompts=tuple(prompts))


def state(catalog: at.PromptCatalog, seed: int = 5) -> dict[str, Any]:
    rng = random.Random(seed)
    ids = [p.id for p in catalog.prompts]
    history = [
        at.PromptUse(prompt_id=rng.choice(ids), on=TODAY - dt.timedelta(days=7 * week + 1))
        for week in range(200)
    ]
    contributions = tuple(
        at.Contribution(factor=at.Factor.SIGN, points=p, label="sign", sign=s, partner_id=who)
        for s, p, who in (
            (at.Sign.LOGISTICS_ONLY, 6.0, "alex"),
            (at.Sign.LESS_TOUCH, 4.0, "sam"),
            (at.Sign.PHONE_DISTRACTION, 3.0, "sam"),
        )
    )
    assessment = at.DistanceAssessment(
        as_of=TODAY,
        window_weeks=8,
        score=40.0,
        level=at.DistanceLevel.DRIFTING,
        trend=at.Trend.WORSENING,
        contributions=contributions,
        weekly=(),
        weeks_observed=8,
        missed_weeks=0,
        provisional=False,
        perception_gap=None,
        out_of_step=False,
        contexts=frozenset(),
    )
    profiles = [
        at.DifferentiationProfile(
            instrument_id="self-check",
            subscales={facet: 3.0 + index for index, facet in enumerate(order)},
            overall=4.0,
            answered=20,
        )
        for order in (list(at.Subscale), list(reversed(at.Subscale)))
    ]
    goal = at.Goal(
        id="g",
        title="Weekly talk",
        practice=at.Practice.CHECK_IN,
        cadence=at.Cadence(times=1, per=at.Period.WEEK),
        starts=TODAY - dt.timedelta(days=60),
    )
    return {"history": history, "assessment": assessment, "profiles": profiles, "goals": [goal]}


def floor(catalog: at.PromptCatalog) -> at.Prompt | None:
    wanted = at.Theme.CHECK_IN
    best, best_score = None, -1
    for prompt in catalog.prompts:
        score = prompt.depth + (prompt.theme is wanted)
        if score > best_score:
            best, best_score = prompt, score
    return best


def floor_with_history(catalog: at.PromptCatalog, history: list[at.PromptUse]) -> object:
    # The least any history-aware picker pays: the floor plus one pass over the uses.
    latest: dict[str, dt.date] = {}
    for use in history:
        previous = latest.get(use.prompt_id)
        if previous is None or use.on > previous:
            latest[use.prompt_id] = use.on
    return floor(catalog), latest


def picker_build() -> str:
    # The optional build compiles the picker with mypyc (see docs/installation.md).
    compiled = (_picker.__file__ or "").endswith((".so", ".pyd"))
    return "compiled with mypyc" if compiled else "pure Python"


def main() -> None:
    print(f"picker: {picker_build()}")
    print(
        f"{'catalog':>16} {'pick us':>10} {'floor us':>10} {'ratio':>6} "
        f"{'floor+uses us':>14} {'ratio':>6} {'index ms':>9}"
    )
    for shape, build in (("tiled", tiled_catalog), ("random", random_catalog)):
        per_prompt = []
        for size in SIZES:
            catalog = build(size)
            arguments = state(catalog)
            start = time.perf_counter()
            at.pick_prompt(catalog, today=TODAY, **arguments)
            index_ms = (time.perf_counter() - start) * 1e3
            number = max(3, 30_000 // size)
            times = median_seconds(
                {
                    "pick": functools.partial(at.pick_prompt, catalog, today=TODAY, **arguments),
                    "floor": functools.partial(floor, catalog),
                    "floor+uses": functools.partial(
                        floor_with_history, catalog, arguments["history"]
                    ),
                },
                rounds=9,
                number=number,
            )
            per_prompt.append(times["pick"] / size)
            print(
                f"{shape + ' ' + str(size):>16} {times['pick'] * 1e6:10.1f} "
                f"{times['floor'] * 1e6:10.1f} {times['pick'] / times['floor']:6.2f} "
                f"{times['floor+uses'] * 1e6:14.1f} {times['pick'] / times['floor+uses']:6.2f} "
                f"{index_ms:9.1f}"
            )
        growth = per_prompt[-1] / per_prompt[0]
        print(
            f"{shape}: time per prompt at 30,000 / at 300 = {growth:.2f} (<= 1: linear or better)"
        )


if __name__ == "__main__":
    main()
