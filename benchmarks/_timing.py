"""Shared timing helpers for the benchmark scripts: alternate peers, report medians."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(
    contenders: dict[str, Callable[[], object]], *, rounds: int = 9, number: int = 50
) -> dict[str, float]:
    """Time each contender ``number`` times per round, alternating, and return
    the median seconds per call over ``rounds`` rounds.

    Alternating inside each round keeps slow drift of the machine (other
    processes, frequency scaling) from favouring whichever peer ran first.
    """
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, call in contenders.items():
            start = time.perf_counter()
            for _ in range(number):
                call()
            samples[name].append((time.perf_counter() - start) / number)
    return {name: statistics.median(values) for name, values in samples.items()}
