"""Batch throughput: one process against two worker processes, and what shipping costs.

For ``score_reflections`` and ``assess_couples`` this prints:

* records per second in one process (the floor every pipeline starts from);
* records per second on a 2-process ``concurrent.futures`` pool (the machine
  has 2 cores), and, if the ``dask`` extra is installed, on a 2-worker
  ``dask.distributed.LocalCluster``;
* the scaling efficiency, ``(pool rate / single rate) / 2``: 1.0 is perfect;
* the serialization share: the time to pickle and unpickle a chunk's input
  and output columns, as a share of (that + the time to compute the chunk).
  This is the price of crossing a process boundary with plain columns.

Rounds alternate between the contenders; medians of 7 rounds. Run::

    python benchmarks/bench_batch.py [--texts 20000] [--couples 2000]

Other work on the machine lowers the two-process numbers first: read the
efficiency as a floor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import pickle
import random
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

import attunement as at

if TYPE_CHECKING:
    from dask.distributed import Client

AS_OF = dt.date(2026, 11, 29)
ROUNDS = 7
CHUNKS = 8  # per round: enough to keep both workers busy to the end
FRAGMENTS = (
    "Thank you for making dinner tonight.",
    "I feel tired and a bit lonely lately.",
    "You never ask how my day went.",
    "We laughed a lot on Saturday.",
    "Can we plan a walk this weekend?",
    "It's not my fault the bills were late.",
    "I need a quiet evening with you.",
    "That makes sense, I see why you were upset.",
    "I appreciate how patient you were with my mum.",
    "What would help you feel closer this week?",
)


def make_texts(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choices(FRAGMENTS, k=rng.randint(1, 6))) for _ in range(count)]


def make_table(couples: int, seed: int = 2) -> dict[str, list[Any]]:
    rng = random.Random(seed)
    table: dict[str, list[Any]] = {name: [] for name in at.CHECKIN_COLUMNS}
    signs = [sign.value for sign in at.Sign]
    for number in range(couples):
        for week in range(8):
            for partner in ("a", "b"):
                table["couple_id"].append(f"c{number}")
                table["partner_id"].append(f"c{number}{partner}")
                table["on"].append(
                    dt.date(2026, 10, 5) + dt.timedelta(weeks=week, days=partner == "b")
                )
                table["closeness"].append(rng.randint(1, 7))
                table["felt_heard"].append(rng.randint(1, 5))
                table["stress"].append(rng.randint(1, 5))
                table["signs"].append(rng.sample(signs, k=rng.randint(0, 2)))
                table["events"].append([])
    return table


def split_texts(texts: list[str]) -> list[list[str]]:
    size = -(-len(texts) // CHUNKS)
    return [texts[start : start + size] for start in range(0, len(texts), size)]


def split_table(table: dict[str, list[Any]]) -> list[dict[str, list[Any]]]:
    # Whole couples per chunk: every couple has the same number of rows here.
    rows = len(table["couple_id"])
    size = -(-rows // CHUNKS // 16) * 16
    return [
        {name: values[start : start + size] for name, values in table.items()}
        for start in range(0, rows, size)
    ]


def assess(chunk: dict[str, list[Any]]) -> dict[str, list[Any]]:
    return at.assess_couples(chunk, as_of=AS_OF)


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def serialization_share(function: Callable[[Any], Any], chunks: list[Any]) -> float:
    """Pickle + unpickle of input and output, over that plus the compute time."""
    shipping = []
    computing = []
    for _ in range(ROUNDS):
        compute = ship = 0.0
        for chunk in chunks:
            start = time.perf_counter()
            result = function(chunk)
            compute += time.perf_counter() - start
            start = time.perf_counter()
            pickle.loads(pickle.dumps(chunk, protocol=5))  # noqa: S301 - our own bytes
            pickle.loads(pickle.dumps(result, protocol=5))  # noqa: S301 - our own bytes
            ship += time.perf_counter() - start
        shipping.append(ship)
        computing.append(compute)
    ship_median = statistics.median(shipping)
    return ship_median / (ship_median + statistics.median(computing))


def spin(steps: int) -> int:
    """The machine's ceiling: plain-Python arithmetic, nothing to ship, nothing shared."""
    total = 0
    for step in range(steps):
        total += step
    return total


def compare(
    name: str,
    *,
    records: int,
    function: Callable[[Any], Any],
    chunks: list[Any],
    pool: ProcessPoolExecutor,
    client: Client | None,
) -> dict[str, float]:
    """Print and return the speed-up of each contender over one process."""
    contenders: dict[str, Callable[[], object]] = {
        "1 process": lambda: [function(chunk) for chunk in chunks],
        "2-process pool": lambda: list(pool.map(function, chunks)),
    }
    if client is not None:
        # As in a real pipeline, the data already lives on the workers (read
        # from Parquet there): scatter it once, then time compute + results.
        scattered = client.scatter(chunks, broadcast=False)
        contenders["dask, 2 workers"] = lambda: client.gather(
            client.map(function, scattered, pure=False)
        )
    samples: dict[str, list[float]] = {label: [] for label in contenders}
    for _ in range(ROUNDS):
        for label, call in contenders.items():
            samples[label].append(timed(call))
    single_seconds = statistics.median(samples["1 process"])
    print(f"{name}: {records:,} records in {len(chunks)} chunks, median of {ROUNDS} rounds")
    speedups = {}
    for label, values in samples.items():
        speedup = single_seconds / statistics.median(values)
        speedups[label] = speedup
        extra = "" if label == "1 process" else f"  x{speedup:.2f}, efficiency {speedup / 2:.0%}"
        rate = records / statistics.median(values)
        print(f"  {label:<16} {rate:>12,.0f} records/s{extra}")
    if function is not spin:
        share = serialization_share(function, chunks)
        print(f"  serialization share (pickle in + out): {share:.1%}")
    return speedups


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description="batch throughput")
    parser.add_argument("--texts", type=int, default=12_000)
    parser.add_argument("--couples", type=int, default=1_000)
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask contender")
    arguments = parser.parse_args(argv)

    texts = make_texts(arguments.texts)
    table = make_table(arguments.couples)
    text_chunks = split_texts(texts)
    table_chunks = split_table(table)
    # The batch results are the single-record results, chunked or not.
    merged = at.assess_couples(table, as_of=AS_OF)
    assert [row for chunk in table_chunks for row in assess(chunk)["score"]] == merged["score"]

    print(f"{os.cpu_count()} CPUs; python {sys.version.split()[0]}")
    client = cluster = None
    if not arguments.no_dask:
        try:
            from dask.distributed import (  # noqa: PLC0415 - the optional extra
                Client,
                LocalCluster,
            )
        except ImportError:
            print("dask not installed: skipping the Dask contender")
        else:
            cluster = LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
    with ProcessPoolExecutor(max_workers=2) as pool:
        # Warm up: start the workers and load the lexicons in each of them.
        list(pool.map(at.score_reflections, [texts[:10]] * 4))
        list(pool.map(assess, table_chunks[:4]))
        if client is not None:
            client.gather(client.map(at.score_reflections, [texts[:10]] * 4, pure=False))
            client.gather(client.map(assess, table_chunks[:4], pure=False))
        ceiling = compare(
            "machine ceiling (a bare Python loop; records = 1,000 steps)",
            records=CHUNKS * 400,
            function=spin,
            chunks=[400_000] * CHUNKS,
            pool=pool,
            client=client,
        )
        runs = {
            "score_reflections": compare(
                "score_reflections",
                records=len(texts),
                function=at.score_reflections,
                chunks=text_chunks,
                pool=pool,
                client=client,
            ),
            "assess_couples": compare(
                "assess_couples (records = check-in rows)",
                records=len(table["couple_id"]),
                function=assess,
                chunks=table_chunks,
                pool=pool,
                client=client,
            ),
        }
    if client is not None and cluster is not None:
        client.close()
        cluster.close()
    print("speed-up as a share of the bare loop's (1.00 = scales like the machine allows):")
    for name, speedups in runs.items():
        for label, speedup in speedups.items():
            if label != "1 process":
                print(f"  {name:<18} {label:<16} {speedup / ceiling[label]:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
