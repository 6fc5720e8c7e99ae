"""Smoke test (not part of CI): the batch helpers through PySpark's ``mapInPandas``.

Runs a local Spark session (``local[2]``), scores a few thousand reflections
and assesses a few hundred couples with the same helpers as the Dask example,
and checks that Spark's rows equal a single-process run exactly. Needs Java 17
and ``pip install pyspark pandas pyarrow`` in the environment attunement is
installed in (``pip install -e .`` from the repository); the how-to page
``docs/howto/spark.md`` walks through the same code. Run::

    python benchmarks/spark_smoke.py
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
import sys
import time
from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd
import pyarrow as pa
from pyspark.sql import SparkSession

import attunement as at

AS_OF = dt.date(2026, 11, 29)
SPARK_TYPES = {float: "double", int: "long", bool: "boolean", str: "string"}


def spark_schema(columns: Mapping[str, type]) -> str:
    """A Spark DDL schema for the helpers' columns."""
    return ", ".join(f"{name} {SPARK_TYPES[kind]}" for name, kind in columns.items())


def score_batches(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """Spark hands over batches of rows as pandas frames; hand back plain columns."""
    for frame in frames:
        columns = at.score_reflections(frame["text"].tolist())
        yield pd.DataFrame({"reflection_id": frame["reflection_id"].tolist(), **columns})


def score_arrow_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The same through mapInArrow: RecordBatch.to_pydict() gives the columns."""
    for batch in batches:
        columns = batch.to_pydict()
        scores = at.score_reflections(columns["text"])
        yield pa.RecordBatch.from_pydict({"reflection_id": columns["reflection_id"], **scores})


def assess_batches(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """One Spark partition holds whole couples (repartitioned by couple_id)."""
    whole = pd.concat(list(frames), ignore_index=True)
    if len(whole):
        yield pd.DataFrame(at.assess_couples(whole.to_dict("list"), as_of=AS_OF))


def make_texts(count: int) -> list[str]:
    rng = random.Random(3)
    words = ["Thank you for dinner.", "You never listen.", "Can we talk tonight?", "We laughed."]
    return [" ".join(rng.choices(words, k=rng.randint(0, 4))) for _ in range(count)]


def make_table(couples: int) -> dict[str, list[Any]]:
    rng = random.Random(4)
    table: dict[str, list[Any]] = {name: [] for name in at.CHECKIN_COLUMNS}
    signs = [sign.value for sign in at.Sign]
    for number in range(couples):
        for week in range(8):
            for partner in ("a", "b"):
                table["couple_id"].append(f"c{number}")
                table["partner_id"].append(f"c{number}{partner}")
                table["on"].append(dt.date(2026, 10, 5) + dt.timedelta(weeks=week))
                table["closeness"].append(rng.randint(1, 7))
                table["felt_heard"].append(rng.randint(1, 5))
                table["stress"].append(rng.randint(1, 5))
                table["signs"].append(rng.sample(signs, k=rng.randint(0, 2)))
                table["events"].append(["move"] if rng.random() < 0.05 else [])
    return table


def plain(rows: list[Any], names: list[str]) -> dict[str, list[Any]]:
    """Spark rows as plain columns (Spark's nulls are None already)."""
    columns: dict[str, list[Any]] = {name: [] for name in names}
    for row in rows:
        for name in names:
            value = row[name]
            columns[name].append(None if isinstance(value, float) and math.isnan(value) else value)
    return columns


def main() -> None:
    # Spark's Python workers must import attunement too: run them on this interpreter.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    start = time.perf_counter()
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("attunement-smoke")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    try:
        texts = make_texts(4_000)
        frame = spark.createDataFrame(
            pd.DataFrame({"reflection_id": range(len(texts)), "text": texts})
        ).repartition(4)
        schema = "reflection_id long, " + spark_schema(at.REFLECTION_COLUMNS)
        rows = frame.mapInPandas(score_batches, schema=schema).orderBy("reflection_id").collect()
        got = plain(rows, list(at.REFLECTION_COLUMNS))
        assert got == at.score_reflections(texts), "reflection scores differ"
        print(f"score_reflections: {len(rows):,} rows equal the single-process result")
        rows = (
            frame.mapInArrow(score_arrow_batches, schema=schema).orderBy("reflection_id").collect()
        )
        assert plain(rows, list(at.REFLECTION_COLUMNS)) == at.score_reflections(texts), "arrow"
        print(f"score_reflections via mapInArrow: {len(rows):,} rows equal too")

        table = make_table(300)
        checkins = spark.createDataFrame(pd.DataFrame(table)).repartition(4, "couple_id")
        rows = (
            checkins.mapInPandas(assess_batches, schema=spark_schema(at.COUPLE_COLUMNS))
            .orderBy("couple_id")
            .collect()
        )
        got = plain(rows, list(at.COUPLE_COLUMNS))
        expected = at.assess_couples(table, as_of=AS_OF)
        order = sorted(range(len(expected["couple_id"])), key=expected["couple_id"].__getitem__)
        want = {name: [values[i] for i in order] for name, values in expected.items()}
        assert got == want, "couple assessments differ"
        print(f"assess_couples: {len(rows):,} couples equal the single-process result")
    finally:
        spark.stop()
    print(f"wall time {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
