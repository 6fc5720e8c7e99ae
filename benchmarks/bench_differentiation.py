"""Score 46-item self-ratings: attunement vs a plain-Python floor.

The instrument has the DSI-R's structure (Skowron & Schmitt 2003): 46 items,
11 / 11 / 12 / 12 per subscale, reactivity, cutoff and fusion reverse-keyed,
answered on 1-6, with placeholder ids (the real wording is licensed).

The floor is the least work any scorer must do: it receives answers that are
*already reverse-keyed* and only sums them per subscale through an item ->
subscale table, then divides. :func:`attunement.score_self_rating` also
checks the rating belongs to the instrument, checks every answer's range,
reverse-keys, applies the missing-answer rule and builds a validated
``DifferentiationProfile``. Target: at most 3x the floor.

Run: python benchmarks/bench_differentiation.py [--quick]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import attunement as at
from _timing import median_seconds

TARGET_RATIO = 3.0
STRUCTURE = (
    (at.Subscale.EMOTIONAL_REACTIVITY, 11, True),
    (at.Subscale.I_POSITION, 11, False),
    (at.Subscale.EMOTIONAL_CUTOFF, 12, True),
    (at.Subscale.FUSION_WITH_OTHERS, 12, True),
)


def dsi_shaped_instrument() -> at.Instrument:
    items = tuple(
        at.Item(
            id=f"dsi-{facet.value}-{number}",
            text=f"Placeholder item {number} of {facet.value}",
            subscale=facet,
            reverse=reverse,
        )
        for facet, count, reverse in STRUCTURE
        for number in range(1, count + 1)
    )
    return at.Instrument(id="dsi-shaped", name="DSI-R-shaped", items=items, low=1, high=6)


def ratings(instrument: at.Instrument, count: int, seed: int = 3) -> list[at.SelfRating]:
    rng = random.Random(seed)
    start = dt.date(2026, 1, 1)
    return [
        at.SelfRating(
            partner_id="alex",
            on=start + dt.timedelta(days=30 * index),
            instrument_id=instrument.id,
            answers={item.id: rng.randint(1, 6) for item in instrument.items},
        )
        for index in range(count)
    ]


def main() -> None:
    quick = "--quick" in sys.argv
    instrument = dsi_shaped_instrument()
    batch = ratings(instrument, 100)
    facets = list(at.Subscale)
    # Integer slots and lists: the cheapest plain-Python shape (enum hashing is slow).
    slot_of = {item.id: facets.index(item.subscale) for item in instrument.items}
    keyed = [
        {
            item_id: 7 - answer if instrument.items[index].reverse else answer
            for index, (item_id, answer) in enumerate(rating.answers.items())
        }
        for rating in batch
    ]

    def floor() -> object:
        out = []
        for answers in keyed:
            sums = [0, 0, 0, 0]
            counts = [0, 0, 0, 0]
            for item_id, value in answers.items():
                slot = slot_of[item_id]
                sums[slot] += value
                counts[slot] += 1
            out.append([total / count for total, count in zip(sums, counts, strict=True)])
        return out

    def attunement() -> object:
        return [at.score_self_rating(rating, instrument) for rating in batch]

    # The two must agree before their speed means anything.
    got = [list(profile.subscales.values()) for profile in attunement()]  # type: ignore[attr-defined]
    assert got == floor(), "attunement and the floor disagree"

    rounds, number = (7, 5) if quick else (9, 40)
    medians = median_seconds(
        {"floor": floor, "attunement": attunement}, rounds=rounds, number=number
    )
    per_rating = {name: seconds / len(batch) * 1e6 for name, seconds in medians.items()}
    ratio = medians["attunement"] / medians["floor"]
    print("Scoring one 46-item self-rating (median of alternating rounds)")
    print(f"  plain-Python floor (pre-keyed sums): {per_rating['floor']:.2f} us")
    print(f"  attunement.score_self_rating:        {per_rating['attunement']:.2f} us")
    print(f"  ratio: {ratio:.2f}x the floor (target <= {TARGET_RATIO:.0f}x)")


if __name__ == "__main__":
    main()
