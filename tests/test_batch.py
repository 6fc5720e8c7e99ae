"""Batch helpers: columns in, columns out, equal to the single-record functions."""

from __future__ import annotations

import datetime as dt
import math
import pickle
import random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import attunement as at
from attunement import strategies as ats

AS_OF = dt.date(2026, 4, 26)  # a Sunday, the end of the window below


def _table(couples: dict[str, list[at.CheckIn]], *, iso: bool = False) -> dict[str, list[Any]]:
    table: dict[str, list[Any]] = {name: [] for name in at.CHECKIN_COLUMNS}
    for couple_id, checkins in couples.items():
        for checkin in checkins:
            table["couple_id"].append(couple_id)
            table["partner_id"].append(checkin.partner_id)
            table["on"].append(checkin.on.isoformat() if iso else checkin.on)
            table["closeness"].append(checkin.closeness)
            table["felt_heard"].append(checkin.felt_heard)
            table["stress"].append(checkin.stress)
            table["signs"].append(sorted(sign.value for sign in checkin.signs))
            table["events"].append([event.value for event in checkin.events])
    return table


def _expected_row(couple_id: str, result: at.DistanceAssessment) -> dict[str, Any]:
    top = result.contributions[0] if result.contributions else None
    row: dict[str, Any] = {
        "couple_id": couple_id,
        "score": result.score,
        "level": result.level.value,
        "trend": result.trend.value,
        "weeks_observed": result.weeks_observed,
        "missed_weeks": result.missed_weeks,
        "provisional": result.provisional,
        "perception_gap": result.perception_gap,
        "out_of_step": result.out_of_step,
        "top_factor": None if top is None else top.factor.value,
        "top_contribution": None if top is None else top.label,
        "top_points": None if top is None else top.points,
    }
    for event in at.LifeEvent:
        row[f"context_{event.value}"] = event in result.contexts
    return row


def _rows(columns: dict[str, list[Any]]) -> list[dict[str, Any]]:
    return [
        dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)
    ]


def _check_types(columns: dict[str, list[Any]], spec: Any) -> None:
    assert list(columns) == list(spec)
    for name, values in columns.items():
        # Plain Python values only: nothing but builtins crosses a process boundary.
        assert all(value is None or type(value) is spec[name] for value in values), name


couple_weeks = ats.couple_checkins(start=dt.date(2026, 3, 2), max_weeks=8)


# ------------------------------------------------------------- reflections


@given(st.lists(ats.reflection_texts(max_fragments=12), max_size=8))
def test_score_reflections_equals_score_reflection_row_by_row(texts: list[str]) -> None:
    columns = at.score_reflections(texts)
    _check_types(columns, at.REFLECTION_COLUMNS)
    assert all(len(values) == len(texts) for values in columns.values())
    for index, text in enumerate(texts):
        score = at.score_reflection(text)
        for name, values in columns.items():
            if name.startswith("safety_"):
                concern = at.SafetyConcern(name.removeprefix("safety_"))
                assert values[index] is (concern in score.safety)
            else:
                assert values[index] == getattr(score, name)


def test_reflection_columns_cover_every_dimension_and_concern() -> None:
    dimensions = {d.value for d in at.Dimension} - {"safety"}
    concerns = {f"safety_{c.value}" for c in at.SafetyConcern}
    assert dimensions | concerns | {"words"} <= set(at.REFLECTION_COLUMNS)


def test_score_reflections_flags_safety_in_its_own_column() -> None:
    columns = at.score_reflections(["Lovely walk today.", "I'm not saying I want to die, but..."])
    assert columns["safety_self_harm"] == [False, True]
    assert columns["safety_partner_violence"] == [False, False]


def test_score_reflections_accepts_any_iterable_and_an_app_lexicon() -> None:
    lexicon = at.ReflectionLexicon().extend(at.Dimension.APPRECIATION, ["ta {love|mate}"])
    texts = ("Ta love!", "Nothing new.")
    assert at.score_reflections(iter(texts), lexicon=lexicon)["appreciation"] == [1.0, 0.0]
    assert at.score_reflections(texts)["appreciation"] == [0.0, 0.0]


def test_score_reflections_of_nothing_gives_empty_columns() -> None:
    assert at.score_reflections([]) == {name: [] for name in at.REFLECTION_COLUMNS}


def test_score_reflections_results_survive_pickling() -> None:
    columns = at.score_reflections(["We laughed together. Thank you."])
    assert pickle.loads(pickle.dumps(columns)) == columns  # noqa: S301 - our own bytes


@pytest.mark.parametrize(
    ("texts", "path"),
    [
        ("one whole secret text", "$.texts"),
        (42, "$.texts"),
        (["fine", None], "$.texts[1]"),
        (["fine", "also fine", b"secret bytes"], "$.texts[2]"),
        (["fine", math.nan], "$.texts[1]"),
    ],
)
def test_score_reflections_refuses_what_is_not_a_list_of_texts(texts: Any, path: str) -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.score_reflections(texts)
    assert caught.value.field == "texts"
    assert caught.value.path == path
    assert "secret" not in str(caught.value)


def test_score_reflections_refuses_a_bad_lexicon() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.score_reflections(["fine"], lexicon="ta love")  # type: ignore[arg-type]
    assert caught.value.field == "lexicon"


# ----------------------------------------------------------------- couples


@given(
    couples=st.dictionaries(ats.ids(), couple_weeks, min_size=1, max_size=4),
    iso=st.booleans(),
    shuffler=st.randoms(use_true_random=False),
)
def test_assess_couples_equals_assess_distance_per_couple(
    *, couples: dict[str, list[at.CheckIn]], iso: bool, shuffler: random.Random
) -> None:
    table = _table(couples, iso=iso)
    # Rows of different couples interleaved: a table need not be sorted.
    order = list(range(len(table["couple_id"])))
    shuffler.shuffle(order)
    shuffled = {name: [values[i] for i in order] for name, values in table.items()}
    for columns in (
        at.assess_couples(table, as_of=AS_OF),
        at.assess_couples(shuffled, as_of=AS_OF),
    ):
        _check_types(columns, at.COUPLE_COLUMNS)
        by_couple = {row["couple_id"]: row for row in _rows(columns)}
        expected = {
            couple_id: _expected_row(couple_id, at.assess_distance(checkins, as_of=AS_OF))
            for couple_id, checkins in couples.items()
            if checkins
        }
        assert by_couple == expected


def test_assess_couples_worked_by_hand() -> None:
    # One week, both partners. alex: closeness 4 -> 40*(7-4)/6 = 20, felt heard 3 ->
    # 25*(5-3)/4 = 12.5, logistics_only (weight 1) -> 35*1/8 = 4.375; sam: closeness 6
    # -> 6.667, felt heard 4 -> 6.25. Each partner's points are halved (two partners):
    # 10 + 6.25 + 2.1875 + 3.333 + 3.125 = 24.896 -> 24.9. Gap |4 - 6| = 2.
    table: dict[str, list[Any]] = {
        "couple_id": ["c1", "c1", "c2"],
        "partner_id": ["alex", "sam", "kim"],
        "on": ["2026-11-23", dt.date(2026, 11, 24), "2026-11-25"],
        "closeness": [4, 6, 7],
        "felt_heard": [3, 4, 5],
        "stress": [2, 2, 1],
        "signs": [["logistics_only"], [], ()],
        "events": [[], ["move"], []],
    }
    result = at.assess_couples(table, as_of=dt.date(2026, 11, 29))
    assert result["couple_id"] == ["c1", "c2"]
    assert result["score"] == [24.9, 0.0]
    assert result["level"] == ["connected", "connected"]
    assert result["perception_gap"] == [2.0, None]
    assert result["top_factor"] == ["closeness", None]
    assert result["top_contribution"] == ["alex feels less close", None]
    assert result["top_points"] == [10.0, None]
    assert result["provisional"] == [True, True]


def test_signs_and_events_columns_are_optional() -> None:
    table: dict[str, list[Any]] = {
        "couple_id": ["c1"],
        "partner_id": ["alex"],
        "on": ["2026-11-23"],
        "closeness": [7],
        "felt_heard": [5],
        "stress": [1],
    }
    result = at.assess_couples(table, as_of=dt.date(2026, 11, 29), window_weeks=2)
    checkin = at.CheckIn(
        partner_id="alex", on=dt.date(2026, 11, 23), closeness=7, felt_heard=5, stress=1
    )
    expected = at.assess_distance([checkin], as_of=dt.date(2026, 11, 29), window_weeks=2)
    assert _rows(result) == [_expected_row("c1", expected)]


def test_a_rising_couple_reports_its_life_event_context() -> None:
    monday = dt.date(2026, 3, 2)
    table: dict[str, list[Any]] = {name: [] for name in at.CHECKIN_COLUMNS}
    for week, closeness in enumerate([6, 5, 3]):
        for partner in ("alex", "sam"):
            table["couple_id"].append("c1")
            table["partner_id"].append(partner)
            table["on"].append(monday + dt.timedelta(weeks=week))
            table["closeness"].append(closeness)
            table["felt_heard"].append(4)
            table["stress"].append(3)
            table["signs"].append([])
            table["events"].append(["job_change"] if week == 2 else [])
    result = at.assess_couples(table, as_of=dt.date(2026, 3, 22))
    assert result["context_job_change"] == [True]
    assert result["context_move"] == [False]


def test_an_empty_table_gives_empty_columns_but_still_checks_arguments() -> None:
    empty: dict[str, list[Any]] = {name: [] for name in at.CHECKIN_COLUMNS}
    assert at.assess_couples(empty, as_of=AS_OF) == {name: [] for name in at.COUPLE_COLUMNS}
    with pytest.raises(at.ValidationError) as caught:
        at.assess_couples(empty, as_of="2026-04-26")  # type: ignore[arg-type]
    assert caught.value.field == "as_of"
    with pytest.raises(at.ValidationError) as caught:
        at.assess_couples(empty, as_of=AS_OF, window_weeks=0)
    assert caught.value.field == "window_weeks"


def _good_table() -> dict[str, list[Any]]:
    return {
        "couple_id": ["c1", "c1", "c2"],
        "partner_id": ["alex", "sam", "kim"],
        "on": ["2026-04-20", dt.date(2026, 4, 21), "2026-04-22"],
        "closeness": [4, 6, 7],
        "felt_heard": [3, 4, 5],
        "stress": [2, 2, 1],
        "signs": [["logistics_only"], [], []],
        "events": [[], ["move"], []],
    }


@pytest.mark.parametrize(
    ("column", "row", "value", "path"),
    [
        ("couple_id", 1, "", "$.checkins_table.couple_id[1]"),
        ("couple_id", 2, 7, "$.checkins_table.couple_id[2]"),
        ("couple_id", 0, "has space", "$.checkins_table.couple_id[0]"),
        ("partner_id", 1, None, "$.checkins_table.partner_id[1]"),
        ("on", 0, dt.datetime(2026, 4, 20, 9, 30, tzinfo=dt.UTC), "$.checkins_table.on[0]"),
        ("on", 2, "20260422", "$.checkins_table.on[2]"),
        ("on", 2, "2026-W17-3", "$.checkins_table.on[2]"),
        ("on", 2, "2026-02-30", "$.checkins_table.on[2]"),
        ("on", 2, "2026-\u0661\u0662-01", "$.checkins_table.on[2]"),
        ("on", 1, 20260421, "$.checkins_table.on[1]"),
        ("closeness", 1, "5", "$.checkins_table.closeness[1]"),
        ("closeness", 1, 5.0, "$.checkins_table.closeness[1]"),
        ("closeness", 1, math.nan, "$.checkins_table.closeness[1]"),
        ("closeness", 1, 8, "$.checkins_table.closeness[1]"),
        ("felt_heard", 0, True, "$.checkins_table.felt_heard[0]"),
        ("stress", 2, 0, "$.checkins_table.stress[2]"),
        ("signs", 1, None, "$.checkins_table.signs[1]"),
        ("signs", 1, "logistics_only", "$.checkins_table.signs[1]"),
        ("signs", 1, {"logistics_only": 1}, "$.checkins_table.signs[1]"),
        ("signs", 1, 3, "$.checkins_table.signs[1]"),
        ("signs", 0, ["logistics_only", "secret typo"], "$.checkins_table.signs[0][1]"),
        ("signs", 0, ["logistics_only", "logistics_only"], "$.checkins_table.signs[0][1]"),
        ("signs", 0, [None], "$.checkins_table.signs[0][0]"),
        ("events", 2, ["new_baby", "MOVE"], "$.checkins_table.events[2][1]"),
    ],
)
def test_a_bad_value_names_its_column_and_row(
    column: str, row: int, value: object, path: str
) -> None:
    table = _good_table()
    table[column][row] = value
    with pytest.raises(at.ValidationError) as caught:
        at.assess_couples(table, as_of=AS_OF)
    assert caught.value.field == column
    assert caught.value.path == path
    assert "secret" not in str(caught.value)


def test_a_third_partner_in_a_couple_is_refused_at_its_row() -> None:
    table = _good_table()
    table["couple_id"][2] = "c1"  # alex, sam and now kim
    with pytest.raises(at.ValidationError) as caught:
        at.assess_couples(table, as_of=AS_OF)
    assert caught.value.path == "$.checkins_table.partner_id[2]"


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda t: t.update(sings=t.pop("signs")), "$.checkins_table.sings"),
        (lambda t: t.update(reflection=["secret"] * 3), "$.checkins_table.reflection"),
        (lambda t: t.pop("stress"), "$.checkins_table.stress"),
        (lambda t: t.pop("couple_id"), "$.checkins_table.couple_id"),
        (lambda t: t["closeness"].pop(), "$.checkins_table.closeness"),
        (lambda t: t.update(on="2026-04-20"), "$.checkins_table.on"),
        (lambda t: t.update(stress=None), "$.checkins_table.stress"),
    ],
)
def test_a_bad_table_shape_names_the_column(change: Any, path: str) -> None:
    table = _good_table()
    change(table)
    with pytest.raises(at.ValidationError) as caught:
        at.assess_couples(table, as_of=AS_OF)
    assert caught.value.path == path
    assert "secret" not in str(caught.value)


def test_a_table_must_be_a_mapping_of_columns() -> None:
    rows = _rows(_good_table())
    with pytest.raises(at.ValidationError) as caught:
        at.assess_couples(rows, as_of=AS_OF)  # type: ignore[arg-type]
    assert caught.value.field == "checkins_table"


def test_array_like_sign_lists_are_read_like_lists() -> None:
    # Arrow list columns reach pandas (and Spark's mapInPandas) as arrays, not lists.
    class ArrayLike:
        def __init__(self, *values: str) -> None:
            self.values = values

        def __iter__(self) -> Any:
            return iter(self.values)

    table = _good_table()
    plain = at.assess_couples(table, as_of=AS_OF)
    table["signs"] = [ArrayLike("logistics_only"), ArrayLike(), ArrayLike()]
    assert at.assess_couples(table, as_of=AS_OF) == plain
