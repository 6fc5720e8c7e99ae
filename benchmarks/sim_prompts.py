"""Simulate couples picking a prompt every week for two years with the default catalog.

Each simulated couple drifts between distance levels (a Markov chain that
favours staying put), notices signs that fit its level, has two differentiation
profiles with a weakest facet, sometimes an active goal, and answers alone one
week in five. Every pick is fed back into the couple's history.

Reports: the repeat rate inside 180 days (target 0), theme entropy (bits; 12
themes give at most log2(12) = 3.58), the depth mix per distance level, and
catalog coverage after two years.

Run: python benchmarks/sim_prompts.py [couples] (default 1,000 couples x 104 weeks)
"""

from __future__ import annotations

import collections
import datetime as dt
import math
import random
import sys
import time

import attunement as at

START = dt.date(2025, 1, 6)
WEEKS = 104
LEVELS = list(at.DistanceLevel)
# Stay at the level most weeks; otherwise move one step.
STAY = 0.85
SIGNS_BY_LEVEL = {
    at.DistanceLevel.CONNECTED: [at.Sign.PHONE_DISTRACTION, at.Sign.LOGISTICS_ONLY],
    at.DistanceLevel.DRIFTING: [
        at.Sign.BIDS_MISSED,
        at.Sign.LOGISTICS_ONLY,
        at.Sign.LESS_TOUCH,
        at.Sign.PHONE_DISTRACTION,
    ],
    at.DistanceLevel.DISTANT: [
        at.Sign.WITHDRAWAL,
        at.Sign.HANDLING_ALONE,
        at.Sign.LESS_WARMTH,
        at.Sign.NEGATIVE_OVERRIDE,
        at.Sign.PARALLEL_LIVES,
    ],
    at.DistanceLevel.DETACHED: [
        at.Sign.LONELY_TOGETHER,
        at.Sign.INDIFFERENCE,
        at.Sign.EMOTIONAL_CUTOFF,
        at.Sign.CONFIDING_ELSEWHERE,
    ],
}


def assessment(on: dt.date, level: at.DistanceLevel, rng: random.Random) -> at.DistanceAssessment:
    signs = rng.sample(SIGNS_BY_LEVEL[level], rng.randint(0, 2))
    contributions = tuple(
        at.Contribution(
            factor=at.Factor.SIGN,
            points=rng.uniform(1.0, 8.0),
            label="a sign",
            sign=sign,
            partner_id=rng.choice(("alex", "sam")),
        )
        for sign in signs
    )
    if rng.random() < 0.3:
        factor = rng.choice((at.Factor.CLOSENESS, at.Factor.FELT_HEARD, at.Factor.MISSED_WEEKS))
        contributions += (at.Contribution(factor=factor, points=5.0, label="a factor"),)
    return at.DistanceAssessment(
        as_of=on,
        window_weeks=8,
        score=25.0 * LEVELS.index(level) + 10.0,
        level=level,
        trend=at.Trend.STABLE,
        contributions=contributions,
        weekly=(),
        weeks_observed=8,
        missed_weeks=0,
        provisional=False,
        perception_gap=None,
        out_of_step=False,
        contexts=frozenset(),
    )


def profile(rng: random.Random) -> at.DifferentiationProfile:
    return at.DifferentiationProfile(
        instrument_id="self-check",
        subscales={facet: rng.uniform(2.0, 5.5) for facet in at.Subscale},
        overall=3.5,
        answered=20,
    )


def simulate(couples: int, seed: int = 2026) -> dict[str, object]:
    catalog = at.default_catalog()
    by_id = {p.id: p for p in catalog.prompts}
    repeats = picks = 0
    themes: collections.Counter[at.Theme] = collections.Counter()
    depth_mix: dict[at.DistanceLevel, collections.Counter[int]] = {
        level: collections.Counter() for level in LEVELS
    }
    coverage: list[float] = []
    seen_anywhere: set[str] = set()
    couple_entropy: list[float] = []
    for couple in range(couples):
        rng = random.Random(seed * 100_003 + couple)
        level = rng.choice(LEVELS)
        profiles = [profile(rng), profile(rng)]
        history: list[at.PromptUse] = []
        last_seen: dict[str, dt.date] = {}
        goals: list[at.Goal] = []
        own_themes: collections.Counter[at.Theme] = collections.Counter()
        for week in range(WEEKS):
            today = START + dt.timedelta(weeks=week)
            if rng.random() > STAY:
                step = rng.choice((-1, 1))
                level = LEVELS[min(max(LEVELS.index(level) + step, 0), len(LEVELS) - 1)]
            if week % 13 == 0:
                goals = (
                    [
                        at.Goal(
                            id=f"g{week}",
                            title="A small goal",
                            practice=rng.choice(list(at.Practice)),
                            cadence=at.Cadence(times=1, per=at.Period.WEEK),
                            starts=today,
                        )
                    ]
                    if rng.random() < 0.5
                    else []
                )
            audience = at.Audience.SOLO if rng.random() < 0.2 else at.Audience.TOGETHER
            result = at.pick_prompt(
                catalog,
                today=today,
                history=history,
                assessment=assessment(today, level, rng),
                profiles=profiles,
                goals=goals,
                audience=audience,
                seed=couple,
            )
            assert isinstance(result, at.Pick)
            chosen = result.prompt
            previous = last_seen.get(chosen.id)
            if previous is not None and (today - previous).days < 180:
                repeats += 1
            picks += 1
            last_seen[chosen.id] = today
            history.append(at.PromptUse(prompt_id=chosen.id, on=today))
            themes[chosen.theme] += 1
            own_themes[chosen.theme] += 1
            depth_mix[level][by_id[chosen.id].depth] += 1
        coverage.append(len(last_seen) / len(catalog.prompts))
        seen_anywhere.update(last_seen)
        couple_entropy.append(entropy(own_themes))
    return {
        "picks": picks,
        "repeat_rate": repeats / picks,
        "theme_entropy": entropy(themes),
        "mean_couple_entropy": sum(couple_entropy) / len(couple_entropy),
        "depth_mix": depth_mix,
        "mean_coverage": sum(coverage) / len(coverage),
        "union_coverage": len(seen_anywhere) / len(catalog.prompts),
    }


def entropy(counts: collections.Counter[at.Theme]) -> float:
    total = sum(counts.values())
    return -sum(n / total * math.log2(n / total) for n in counts.values() if n)


def main() -> None:
    couples = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    start = time.perf_counter()
    report = simulate(couples)
    elapsed = time.perf_counter() - start
    picks = report["picks"]
    print(f"{couples} couples x {WEEKS} weekly picks = {picks} picks in {elapsed:.1f} s")
    print(f"repeat rate inside 180 days: {report['repeat_rate']:.4%} (target 0)")
    print(
        f"theme entropy, all picks: {report['theme_entropy']:.3f} bits "
        f"(max {math.log2(len(at.Theme)):.3f}); mean per couple: "
        f"{report['mean_couple_entropy']:.3f} bits"
    )
    print("depth mix per distance level (share of depth 1 / 2 / 3):")
    mix = report["depth_mix"]
    assert isinstance(mix, dict)
    for level, counts in mix.items():
        total = sum(counts.values()) or 1
        shares = " / ".join(f"{counts[d] / total:5.1%}" for d in (1, 2, 3))
        print(f"  {level.value:>9}: {shares}   ({total} picks)")
    print(
        f"coverage after two years: {report['mean_coverage']:.1%} of the catalog per couple "
        f"on average; {report['union_coverage']:.1%} picked by at least one couple"
    )


if __name__ == "__main__":
    main()
