"""Reflection scoring speed, against VADER and a plain floor, in one process.

(a) 100-word reflections: texts per second for ``at.score_reflection`` (every
    dimension, evidence and the safety gate) against vaderSentiment's
    ``polarity_scores`` (valence only) and against a floor: the same
    tokenising regex plus one dict lookup per token, the least any
    single-pass lexicon scorer must do. Targets: >= 10x VADER, <= 3x floor.
(b) Length: a 1,000-word text must cost <= 11x a 100-word one.
(c) Linear time: a 1 MB text completes, and its cost per character stays
    within 1.5x of the 100 kB text's (medians of 5 alternating runs).

The first line says whether the scorer is the optional compiled build.
Run: python benchmarks/bench_reflections.py
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import attunement as at
from _timing import median_seconds
from attunement import _scorer, _valence
from attunement._scorer import _table

VADER_TARGET = 10.0
FLOOR_TARGET = 3.0
LENGTH_TARGET = 11.0
LINEAR_TARGET = 1.5

# Sentences in a partner's voice, written for this benchmark.
SENTENCES = [
    "I've been feeling distant from you lately, and I miss us.",
    "Thank you for making dinner on Tuesday when I was exhausted.",
    "You never ask how my day went, and it hurts.",
    "Can we plan a quiet evening together this weekend?",
    "I know work has been hard for you, and that makes sense.",
    "It's not my fault the bills were late; you always leave them to me.",
    "We laughed so much at the park, it felt like old times!",
    "I'm worried we only talk about logistics now.",
    "What would help you feel more supported this week?",
    "Honestly I felt ignored at the party, but I didn't say anything.",
    "I really appreciate how patient you were with my mum.",
    "Whatever, I'm too tired to argue about the dishes again.",
]


def reflection(words: int, rng: random.Random) -> str:
    parts: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(SENTENCES)
        parts.append(sentence)
        count += len(sentence.split())
    return " ".join(parts)


def make_floor() -> Callable[[str], list[object]]:
    """Regex tokenisation plus one dict lookup per token, over the same table."""
    get = _table(()).entries.get
    # The fastest tokeniser the scorer has (the ASCII one; all texts here are ASCII).
    findall = _valence._ASCII_PATTERN.findall  # noqa: SLF001

    def floor(text: str) -> list[object]:
        return [get(token) for token in findall(text.lower())]

    return floor


def scorer_build() -> str:
    # The optional build compiles the scorer with mypyc (see docs/installation.md).
    compiled = (_scorer.__file__ or "").endswith((".so", ".pyd"))
    return "compiled with mypyc" if compiled else "pure Python"


def main() -> None:
    print(f"scorer: {scorer_build()}")
    rng = random.Random(7)
    texts = [reflection(100, rng) for _ in range(20)]
    analyzer = SentimentIntensityAnalyzer()
    at.score_reflection("warm up")  # load the tables once, outside the timing
    floor = make_floor()
    score = at.score_reflection
    polarity = analyzer.polarity_scores

    # Each call runs a contender over all the texts: no per-text harness
    # overhead (a lambda, a counter) dilutes the ratios.
    def run_ours() -> object:
        return [score(text) for text in texts]

    def run_vader() -> object:
        return [polarity(text) for text in texts]

    def run_floor() -> object:
        return [floor(text) for text in texts]

    batch = median_seconds(
        {"score_reflection": run_ours, "vader": run_vader, "floor": run_floor},
        rounds=11,
        number=10,
    )
    times = {name: seconds / len(texts) for name, seconds in batch.items()}
    ours, vader, base = times["score_reflection"], times["vader"], times["floor"]
    print("(a) 100-word reflections (median of 11 rounds, alternating)")
    for name, seconds in times.items():
        print(f"    {name:<17} {seconds * 1e6:8.1f} us/text  {1 / seconds:10,.0f} texts/s")
    speedup = vader / ours
    over_floor = ours / base
    print(f"    vs VADER: {speedup:.1f}x faster (target >= {VADER_TARGET:.0f}x)")
    print(f"    vs floor: {over_floor:.2f}x the floor (target <= {FLOOR_TARGET:.0f}x)")

    short, long_text = texts[0], reflection(1000, rng)
    length = median_seconds(
        {
            "100": lambda: at.score_reflection(short),
            "1000": lambda: at.score_reflection(long_text),
        },
        rounds=7,
        number=40,
    )
    ratio = length["1000"] / length["100"]
    print(f"(b) 1,000 words vs 100 words: {ratio:.2f}x (target <= {LENGTH_TARGET:.0f}x)")

    megabyte = reflection(200_000, rng)[:1_000_000]
    tenth = megabyte[:100_000]
    result = at.score_reflection(megabyte)
    # Median of 5 alternating runs each: one run of a 1 MB text is at the
    # mercy of whatever else the machine is doing at that moment.
    sizes = median_seconds(
        {
            "100 kB": lambda: at.score_reflection(tenth),
            "1 MB": lambda: at.score_reflection(megabyte),
        },
        rounds=5,
        number=1,
    )
    elapsed = sizes["1 MB"]
    large, small = elapsed / len(megabyte), sizes["100 kB"] / len(tenth)
    print(
        f"(c) 1 MB text: {elapsed:.2f} s, {result.words:,} words; per-character cost "
        f"{large / small:.2f}x the 100 kB text's (target <= {LINEAR_TARGET})"
    )
    # The hardest shape for linear time: one unpunctuated sentence, dense with
    # cues and the idioms and exceptions that cancel them.
    unit = "hit me up later you never listen thanks to you at all "
    dense = unit * (1_000_000 // len(unit))
    dense_tenth = dense[: len(dense) // 10]
    dense_sizes = median_seconds(
        {
            "100 kB": lambda: at.score_reflection(dense_tenth),
            "1 MB": lambda: at.score_reflection(dense),
        },
        rounds=5,
        number=1,
    )
    dense_ratio = (dense_sizes["1 MB"] / len(dense)) / (dense_sizes["100 kB"] / len(dense_tenth))
    print(
        f"    1 MB in one unpunctuated sentence: {dense_sizes['1 MB']:.2f} s; per-character "
        f"cost {dense_ratio:.2f}x the 100 kB text's (target <= {LINEAR_TARGET})"
    )
    met = (
        speedup >= VADER_TARGET
        and over_floor <= FLOOR_TARGET
        and ratio <= LENGTH_TARGET
        and large / small <= LINEAR_TARGET
        and dense_ratio <= LINEAR_TARGET
    )
    print("all targets met" if met else "SOME TARGETS MISSED")


if __name__ == "__main__":
    main()
