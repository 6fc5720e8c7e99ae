"""The batch helpers on a real two-process Dask cluster give the single-process results.

Skipped when the ``dask`` extra (dask[distributed], pandas, pyarrow) is not installed;
CI installs it.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import sys
from collections.abc import Iterator
from typing import Any, cast

import pytest

import attunement as at

distributed = pytest.importorskip("dask.distributed")
dd = pytest.importorskip("dask.dataframe")
pd = pytest.importorskip("pandas")
dask = pytest.importorskip("dask")
cloudpickle = pytest.importorskip("cloudpickle")

AS_OF = dt.date(2026, 11, 29)
FRAGMENTS = (
    "Thank you for the coffee.",
    "You never listen to me.",
    "We should plan a day out.",
    "I feel worn out and unseen.",
    "What was the best part of your week?",
    "It's not my fault.",
    "I am scared of him when he drinks.",
    "Honestly, whatever.",
)
DTYPES = {float: "float64", int: "int64", bool: "bool", str: "string"}


def _texts(count: int) -> list[str]:
    rng = random.Random(7)  # noqa: S311 - fixed-seed test data
    return [" ".join(rng.choices(FRAGMENTS, k=rng.randint(0, 4))) for _ in range(count)]


def _checkins(couples: int) -> dict[str, list[Any]]:
    rng = random.Random(11)  # noqa: S311 - fixed-seed test data
    table: dict[str, list[Any]] = {name: [] for name in at.CHECKIN_COLUMNS}
    signs = [sign.value for sign in at.Sign]
    events = [event.value for event in at.LifeEvent]
    for number in range(couples):
        for week in range(8):
            for partner in ("a", "b"):
                if rng.random() < 0.2:
                    continue
                table["couple_id"].append(f"c{number}")
                table["partner_id"].append(f"p{number}{partner}")
                on = dt.date(2026, 10, 5) + dt.timedelta(weeks=week, days=rng.randint(0, 6))
                table["on"].append(on)
                table["closeness"].append(rng.randint(1, 7))
                table["felt_heard"].append(rng.randint(1, 5))
                table["stress"].append(rng.randint(1, 5))
                table["signs"].append(rng.sample(signs, k=rng.randint(0, 3)))
                table["events"].append(rng.sample(events, k=1) if rng.random() < 0.1 else [])
    return table


def _typed(columns: dict[str, list[Any]], kinds: dict[str, type], index: Any = None) -> Any:
    frame = pd.DataFrame(columns, index=index)
    return frame.astype({name: DTYPES[kinds[name]] for name in columns})


def _score_partition(frame: Any) -> Any:
    # Row i of the result is text i: keep the partition's index, for joins.
    scores = at.score_reflections(frame["text"].tolist())
    return _typed(scores, dict(at.REFLECTION_COLUMNS), index=frame.index)


def _assess_partition(frame: Any) -> Any:
    return _typed(at.assess_couples(frame.to_dict("list"), as_of=AS_OF), dict(at.COUPLE_COLUMNS))


def _plain(frame: Any) -> dict[str, list[Any]]:
    # pandas shows a missing value as NaN or pd.NA; the helpers return None.
    columns = cast("dict[str, list[Any]]", frame.to_dict("list"))
    return {
        name: [
            None if value is pd.NA or (isinstance(value, float) and math.isnan(value)) else value
            for value in values
        ]
        for name, values in columns.items()
    }


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    # Workers are separate processes: ship this module's partition functions by value.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as connected,
        dask.config.set({"dataframe.convert-string": False}),
    ):
        yield connected
    cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


def test_plain_chunks_scored_on_workers_equal_one_process(client: Any) -> None:
    texts = _texts(600)
    chunks = [texts[start : start + 150] for start in range(0, len(texts), 150)]
    futures = client.map(at.score_reflections, chunks)
    parts = client.gather(futures)
    merged = {name: [value for part in parts for value in part[name]] for name in parts[0]}
    assert merged == at.score_reflections(texts)


@pytest.mark.usefixtures("client")
def test_dataframe_partitions_scored_on_workers_equal_one_process() -> None:
    texts = _texts(600)
    frame = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=4)
    kinds = dict(at.REFLECTION_COLUMNS)
    meta = _typed({name: [] for name in kinds}, kinds)
    scored = frame.map_partitions(_score_partition, meta=meta).compute()
    assert scored.index.tolist() == list(range(len(texts)))  # none lost, moved or repeated
    assert _plain(scored) == at.score_reflections(texts)


@pytest.mark.usefixtures("client")
def test_couples_assessed_on_workers_equal_one_process() -> None:
    table = _checkins(120)
    # Partition by couple: every couple's rows in one partition.
    frame = dd.from_pandas(pd.DataFrame(table).set_index("couple_id", drop=False), npartitions=4)
    assert frame.known_divisions
    kinds = dict(at.COUPLE_COLUMNS)
    meta = _typed({name: [] for name in kinds}, kinds)
    assessed = frame.map_partitions(_assess_partition, meta=meta).compute()
    expected = at.assess_couples(table, as_of=AS_OF)
    got = _plain(assessed.reset_index(drop=True))
    order = sorted(range(len(got["couple_id"])), key=got["couple_id"].__getitem__)
    want = sorted(range(len(expected["couple_id"])), key=expected["couple_id"].__getitem__)
    assert {name: [values[i] for i in order] for name, values in got.items()} == {
        name: [values[i] for i in want] for name, values in expected.items()
    }
    # And both equal assess_distance itself, couple by couple.
    first = at.assess_distance(
        [
            at.CheckIn(
                partner_id=table["partner_id"][row],
                on=table["on"][row],
                closeness=table["closeness"][row],
                felt_heard=table["felt_heard"][row],
                stress=table["stress"][row],
                signs=frozenset(at.Sign(value) for value in table["signs"][row]),
                events=frozenset(at.LifeEvent(value) for value in table["events"][row]),
            )
            for row in range(len(table["couple_id"]))
            if table["couple_id"][row] == "c0"
        ],
        as_of=AS_OF,
    )
    row = got["couple_id"].index("c0")
    assert got["score"][row] == first.score
    assert got["level"][row] == first.level.value
    assert got["perception_gap"][row] == first.perception_gap


def test_tables_converted_by_pandas_and_pyarrow_give_the_plain_result() -> None:
    pa = pytest.importorskip("pyarrow")
    table = _checkins(40)
    expected = at.assess_couples(table, as_of=AS_OF)
    # Arrow keeps dates as date32 and sign lists as list<string>: to_pydict gives them back.
    arrow = pa.Table.from_pydict(table)
    assert arrow.schema.field("on").type == pa.date32()
    assert at.assess_couples(arrow.to_pydict(), as_of=AS_OF) == expected
    # Through pandas (as from Parquet): sign lists become arrays, the helper reads them alike.
    frame = arrow.to_pandas()
    assert at.assess_couples(frame.to_dict("list"), as_of=AS_OF) == expected
    texts = _texts(50)
    column = pa.table({"text": texts}).column("text").to_pylist()
    assert at.score_reflections(column) == at.score_reflections(texts)
