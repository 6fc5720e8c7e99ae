"""Score 200,000 reflections and assess 20,000 couples on a local Dask cluster.

This is the nightly job of a data team, in miniature: generate (here) or read
(in real life) a table of reflections and a table of check-ins, run the
library's batch helpers on every partition with ``map_partitions``, and write
the results to Parquet. Run it with::

    pip install "attunement[dask]"
    python examples/batch_dask.py [OUTPUT_DIR] [--reflections N] [--couples N]

Without ``OUTPUT_DIR`` the Parquet files go to a temporary directory that is
removed at the end. Everything is generated from a fixed seed, so two runs
write the same numbers. The workers run the very same pure functions as a
single process would: partition functions take plain columns
(``df.to_dict("list")``) and give plain columns back.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import dask
import dask.dataframe as dd
import pandas as pd
from dask.distributed import Client, LocalCluster, progress

import attunement as at

SEED = 20261125
AS_OF = dt.date(2026, 11, 29)  # a Sunday: the window is the 8 ISO weeks up to it
WEEKS = 8
ROWS_PER_PARTITION = 10_000
COUPLES_PER_PARTITION = 1_000
SCORE_KINDS: dict[str, type] = {"reflection_id": int, **at.REFLECTION_COLUMNS}
COUPLE_KINDS: dict[str, type] = dict(at.COUPLE_COLUMNS)

# Written for this example: everyday sentences of the kind partners write.
FRAGMENTS = (
    "Thank you for making dinner tonight.",
    "I feel tired and a bit lonely lately.",
    "You never ask how my day went.",
    "We laughed a lot on Saturday.",
    "Can we plan a walk this weekend?",
    "It's not my fault the bills were late.",
    "I need a quiet evening with you.",
    "That makes sense, I see why you were upset.",
    "Work has been everything this month.",
    "I appreciate how patient you were with my mum.",
    "We keep talking only about the schedule.",
    "What would help you feel closer this week?",
    "You always check your phone at dinner.",
    "I felt hopeful after our talk.",
    "Honestly, whatever, it doesn't matter.",
    "Our Sunday breakfast felt warm again.",
    "I was frustrated and I said it badly.",
    "I am scared of him when he drinks.",
)


def reflections_partition(index: int) -> pd.DataFrame:
    """Generate one partition of reflections, seeded by the partition index."""
    rng = random.Random(SEED * 1_000 + index)
    first = index * ROWS_PER_PARTITION
    texts = [
        " ".join(rng.choices(FRAGMENTS, k=rng.randint(1, 6))) for _ in range(ROWS_PER_PARTITION)
    ]
    return pd.DataFrame({"reflection_id": range(first, first + ROWS_PER_PARTITION), "text": texts})


def score_partition(frame: pd.DataFrame) -> pd.DataFrame:
    """Score one partition: a list of texts in, plain columns out."""
    columns = at.score_reflections(frame["text"].tolist())
    return typed_frame({"reflection_id": frame["reflection_id"].tolist(), **columns}, SCORE_KINDS)


def checkins_partition(index: int) -> pd.DataFrame:
    """Generate one partition of check-ins: whole couples, never split."""
    rng = random.Random(SEED * 2_000 + index)
    rows: dict[str, list[Any]] = {name: [] for name in at.CHECKIN_COLUMNS}
    first_monday = AS_OF - dt.timedelta(days=AS_OF.weekday(), weeks=WEEKS - 1)
    signs = [sign.value for sign in at.Sign]
    events = [event.value for event in at.LifeEvent]
    for number in range(index * COUPLES_PER_PARTITION, (index + 1) * COUPLES_PER_PARTITION):
        drift = rng.random()  # how far this couple drifts over the window
        for week in range(WEEKS):
            for partner in ("a", "b"):
                if rng.random() < 0.15:  # a missed check-in
                    continue
                pressure = drift * week / WEEKS
                rows["couple_id"].append(f"c{number}")
                rows["partner_id"].append(f"c{number}{partner}")
                rows["on"].append(first_monday + dt.timedelta(weeks=week, days=rng.randint(0, 6)))
                rows["closeness"].append(max(1, min(7, round(6 - 4 * pressure + rng.gauss(0, 1)))))
                rows["felt_heard"].append(
                    max(1, min(5, round(4 - 3 * pressure + rng.gauss(0, 1))))
                )
                rows["stress"].append(rng.randint(1, 5))
                rows["signs"].append(rng.sample(signs, k=min(3, int(pressure * 4 * rng.random()))))
                rows["events"].append(rng.sample(events, k=1) if rng.random() < 0.03 else [])
    return pd.DataFrame(rows)


def assess_partition(frame: pd.DataFrame) -> pd.DataFrame:
    """Assess every couple of one partition: columns in, one row per couple out."""
    return typed_frame(at.assess_couples(frame.to_dict("list"), as_of=AS_OF), COUPLE_KINDS)


# Pandas dtypes for the helpers' Python types. Strings get pandas' "string"
# dtype (nullable, written to Parquet as strings), the same on pandas 2 and 3.
DTYPES: dict[type, str] = {float: "float64", int: "int64", bool: "bool", str: "string"}


def typed_frame(columns: dict[str, list[Any]], kinds: dict[str, type]) -> pd.DataFrame:
    """A frame of the helpers' plain columns, with explicit dtypes."""
    return pd.DataFrame(columns).astype({name: DTYPES[kinds[name]] for name in columns})


def meta(kinds: dict[str, type]) -> pd.DataFrame:
    """An empty frame with the dtypes of the helpers' columns, for Dask."""
    return typed_frame({name: [] for name in kinds}, kinds)


def run(output: Path, *, reflections: int, couples: int) -> dict[str, Any]:
    """Run both jobs on a 2-worker local cluster; return what was written."""
    reflection_parts = max(1, reflections // ROWS_PER_PARTITION)
    couple_parts = max(1, couples // COUPLES_PER_PARTITION)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
        # Dask turns object columns into strings by default, lists included
        # (["move"] would arrive as the text "['move']"): keep Python objects.
        dask.config.set({"dataframe.convert-string": False}),
    ):
        texts = dd.from_map(reflections_partition, range(reflection_parts))
        scores = texts.map_partitions(score_partition, meta=meta(SCORE_KINDS))
        checkins = dd.from_map(checkins_partition, range(couple_parts))
        assessments = checkins.map_partitions(assess_partition, meta=meta(COUPLE_KINDS))
        jobs = client.compute(
            [
                scores.to_parquet(output / "reflection_scores", compute=False),
                assessments.to_parquet(output / "couple_assessments", compute=False),
            ]
        )
        progress(jobs)  # a text progress bar on the terminal
        client.gather(jobs)
    written_scores = pd.read_parquet(output / "reflection_scores")
    written_couples = pd.read_parquet(output / "couple_assessments")
    return {
        "reflections": len(written_scores),
        "safety_flagged": int(
            (written_scores["safety_self_harm"] | written_scores["safety_partner_violence"]).sum()
        ),
        "couples": len(written_couples),
        "levels": written_couples["level"].value_counts().sort_index().to_dict(),
    }


def main(argv: list[str]) -> None:
    """Parse the arguments, run, print a summary and the wall time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, help="directory for the Parquet files")
    parser.add_argument(
        "--reflections", type=int, default=200_000, help="in whole partitions of 10,000"
    )
    parser.add_argument("--couples", type=int, default=20_000, help="in whole partitions of 1,000")
    arguments = parser.parse_args(argv)
    start = time.perf_counter()
    if arguments.output is None:
        with tempfile.TemporaryDirectory() as directory:
            summary = run(
                Path(directory), reflections=arguments.reflections, couples=arguments.couples
            )
    else:
        summary = run(
            arguments.output, reflections=arguments.reflections, couples=arguments.couples
        )
    print()
    print(f"scored {summary['reflections']:,} reflections ({summary['safety_flagged']:,} flagged)")
    print(f"assessed {summary['couples']:,} couples: {summary['levels']}")
    print(f"wall time {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
