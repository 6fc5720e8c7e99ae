"""Distance assessment speed: linear in the check-ins, and close to a plain floor.

(a) Cost per check-in for 1, 5 and 50 years of weekly check-ins by both
    partners, assessed over a window that covers the whole history (so every
    check-in is fully processed). Linear means the cost per check-in stays
    flat: target, the largest per-check-in cost within 1.5x the smallest.
(b) 10,000 couples x 52 weeks (104 check-ins each, both partners weekly),
    assessed the way an app does it (default 8-week window), against a floor
    that makes one pass over each couple's check-ins summing closeness, the
    least any assessment must do. Target: at most 10x the floor.

The first line says whether the assessor is the optional compiled build.
Run: python benchmarks/bench_distance.py [--quick]
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import attunement as at
from _timing import median_seconds
from attunement import _assessor

LINEAR_TARGET = 1.5
FLOOR_TARGET = 10.0
AS_OF = dt.date(2026, 11, 29)


def history(years: int, rng: random.Random) -> list[at.CheckIn]:
    """Weekly check-ins by two partners over ``years`` years, ending at AS_OF."""
    weeks = 52 * years
    start = AS_OF - dt.timedelta(weeks=weeks - 1, days=AS_OF.weekday())  # a Monday
    signs = list(at.Sign)
    events = list(at.LifeEvent)
    out = [
        at.CheckIn(
            partner_id=partner_id,
            on=start + dt.timedelta(weeks=week, days=rng.randrange(7)),
            closeness=rng.randint(1, 7),
            felt_heard=rng.randint(1, 5),
            stress=rng.randint(1, 5),
            signs=frozenset(rng.sample(signs, rng.randrange(3))),
            events=frozenset(rng.sample(events, 1 if rng.random() < 0.05 else 0)),
        )
        for week in range(weeks)
        for partner_id in ("alex", "sam")
    ]
    rng.shuffle(out)
    return [c for c in out if c.on <= AS_OF]


def floor(checkins: list[at.CheckIn]) -> int:
    """One pass summing closeness: the least work an assessment must do."""
    total = 0
    for checkin in checkins:
        total += checkin.closeness
    return total


def per_checkin_costs(*, quick: bool) -> dict[int, float]:
    rng = random.Random(4)
    histories = {years: history(years, rng) for years in (1, 5, 50)}
    # The three sizes alternate inside every round (as the peers of part (b)
    # do), so a busy machine slows them alike; each contender assesses about
    # 5,200 check-ins per call (50 one-year histories, 10 five-year ones, one
    # fifty-year one).
    contenders: dict[str, Callable[[], object]] = {}
    repeats: dict[int, int] = {}
    for years, checkins in histories.items():
        # Every check-in falls inside the window (52 * years + 1 weeks).
        call = functools.partial(
            at.assess_distance, checkins, as_of=AS_OF, window_weeks=52 * years + 1
        )
        repeats[years] = max(1, 5200 // len(checkins))
        contenders[str(years)] = functools.partial(_repeat, call, repeats[years])
    seconds = median_seconds(contenders, rounds=7, number=1 if quick else 4)
    return {
        years: seconds[str(years)] / (repeats[years] * len(checkins))
        for years, checkins in histories.items()
    }


def _repeat(call: Callable[[], object], times: int) -> None:
    for _ in range(times):
        call()


def fleet(*, quick: bool) -> tuple[float, float, float]:
    rng = random.Random(10_000)
    couples = 1_000 if quick else 10_000
    one_year = [history(1, rng) for _ in range(200)]
    data = [one_year[index % len(one_year)] for index in range(couples)]
    assess_times, floor_times, pass_times = [], [], []
    before_all = AS_OF - dt.timedelta(weeks=60)
    for _ in range(7):
        start = time.perf_counter()
        for checkins in data:
            at.assess_distance(checkins, as_of=AS_OF)
        middle = time.perf_counter()
        for checkins in data:
            floor(checkins)
        end = time.perf_counter()
        # The same pass over every check-in, all dated after as_of: what the
        # per-check-in checks cost, plus building an empty 8-week result.
        for checkins in data:
            at.assess_distance(checkins, as_of=before_all)
        last = time.perf_counter()
        assess_times.append(middle - start)
        floor_times.append(end - middle)
        pass_times.append(last - end)
    return (
        statistics.median(assess_times),
        statistics.median(floor_times),
        statistics.median(pass_times),
    )


def assessor_build() -> str:
    # The optional build compiles the assessor with mypyc and adds its C helpers
    # (see docs/installation.md); either may be missing from a partial build.
    compiled = (_assessor.__file__ or "").endswith((".so", ".pyd"))
    helpers = importlib.util.find_spec("attunement._slotted") is not None
    if compiled:
        return "compiled with mypyc" + (", with the C slot helpers" if helpers else "")
    return "pure Python" + (", with the C slot helpers" if helpers else "")


def main() -> int:
    quick = "--quick" in sys.argv
    print(f"assessor: {assessor_build()}")
    costs = per_checkin_costs(quick=quick)
    print("(a) cost per check-in, window covering the whole history")
    for years, cost in costs.items():
        print(
            f"    {years:>2} years ({104 * years:>5} check-ins): {cost * 1e6:6.3f} us per check-in"
        )
    spread = max(costs.values()) / min(costs.values())
    print(f"    largest / smallest: {spread:.2f}x (target <= {LINEAR_TARGET}x)")
    assess, base, checks_only = fleet(quick=quick)
    couples = 1_000 if quick else 10_000
    ratio = assess / base
    print(f"(b) {couples:,} couples x 52 weeks, default 8-week window")
    print(f"    assess_distance: {assess:.3f} s ({assess / couples * 1e6:.1f} us per couple)")
    print(f"    floor (sum closeness): {base:.3f} s ({base / couples * 1e6:.1f} us per couple)")
    print(f"    ratio: {ratio:.1f}x (target <= {FLOOR_TARGET}x)")
    print(
        f"    of which the per-check-in checks and an empty result: "
        f"{checks_only / couples * 1e6:.1f} us ({checks_only / base:.1f}x the floor); "
        "the rest builds the result (weekly scores, per-sign contributions)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
