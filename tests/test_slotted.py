"""The assessor's check-in scan, and the optional build's C helpers that replace it.

``_assessor.select_rows`` checks every item, finds the two partners and keeps
the rows inside the window; the optional build does the same in C
(``_slotted.select``) and fills result objects' slots directly
(``_slotted.make``). The rules of the scan are tested here against a
restatement, in every build; the C helpers are held to the Python reference
and to the attrs constructors when they are built (``tools/compiled_build.sh``
runs this file against them), and skipped in a pure install.
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
import pickle
from collections.abc import Callable
from types import ModuleType
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import attunement as at
from attunement import _assessor
from attunement import strategies as ats


def built_helpers() -> ModuleType | None:
    try:
        return importlib.import_module("attunement._slotted")
    except ImportError:  # a pure install
        return None


slotted = built_helpers()
needs_c = pytest.mark.skipif(
    slotted is None, reason="the C helpers are not built (a pure install, or mypyc alone)"
)

Select = Callable[[list[object], dt.date, dt.date], Any]


def c_select(items: list[object], first_monday: dt.date, last_day: dt.date) -> Any:
    assert slotted is not None
    return slotted.select(_assessor._CHECKIN_LAYOUT, items, first_monday, last_day)


SELECTS: list[Any] = [
    pytest.param(_assessor.select_rows, id="python"),
    pytest.param(c_select, id="c", marks=needs_c),
]


def restated(
    items: list[at.CheckIn], first_monday: dt.date, last_day: dt.date
) -> tuple[str, str, bool, list[Any]] | None:
    """The scan's contract, written out plainly."""
    ids: list[str] = []
    for checkin in items:
        if checkin.partner_id not in ids:
            ids.append(checkin.partner_id)
    if len(ids) > 2:  # a couple has two partners
        return None
    rows: list[Any] = []
    for checkin in items:
        if first_monday <= checkin.on <= last_day:
            rows += [
                ids.index(checkin.partner_id),
                (checkin.on - first_monday).days // 7,
                checkin.closeness,
                checkin.felt_heard,
                checkin.signs,
                checkin.events,
            ]
    seen_before = any(checkin.on < first_monday for checkin in items)
    return (*ids, "", "")[0], (*ids, "", "")[1], seen_before, rows


three_partners = st.sampled_from(["alex", "sam", "kai"])
histories = st.lists(
    ats.checkins(
        partner_id=three_partners, on=ats.dates(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    ),
    max_size=30,
)
mondays = ats.dates(dt.date(2025, 12, 1), dt.date(2026, 6, 30)).map(
    lambda day: day - dt.timedelta(days=day.weekday())
)


@pytest.mark.parametrize("select", SELECTS)
@given(items=histories, first_monday=mondays, weeks=st.integers(1, 30))
def test_the_scan_keeps_every_row_of_the_window_in_input_order(
    select: Select, items: list[at.CheckIn], first_monday: dt.date, weeks: int
) -> None:
    last_day = first_monday + dt.timedelta(weeks=weeks, days=-1)
    assert select(list(items), first_monday, last_day) == restated(items, first_monday, last_day)


@pytest.mark.parametrize("select", SELECTS)
def test_the_scan_refuses_an_item_that_is_not_exactly_a_checkin(select: Select) -> None:
    @attrs.frozen(kw_only=True, weakref_slot=False)
    class Special(at.CheckIn):
        pass

    monday = dt.date(2026, 11, 23)
    plain = at.CheckIn(partner_id="alex", on=monday, closeness=4, felt_heard=3, stress=2)
    special = Special(partner_id="alex", on=monday, closeness=4, felt_heard=3, stress=2)
    assert select([plain], monday, monday) is not None
    for bad in (special, "alex", None, attrs.asdict(plain)):
        assert select([plain, bad], monday, monday) is None


@pytest.mark.parametrize("select", SELECTS)
def test_equal_ids_that_are_different_objects_are_one_partner(select: Select) -> None:
    monday = dt.date(2026, 11, 23)
    # Ids read from storage are equal strings, seldom the same object.
    ids = ["".join(list("alex")), "".join(list("alex")), "sam", "".join(list("sam"))]
    assert len({id(partner_id) for partner_id in ids}) == len(ids)
    items: list[object] = [
        at.CheckIn(partner_id=who, on=monday, closeness=4, felt_heard=3, stress=2) for who in ids
    ]
    found = select(items, monday, monday)
    assert found is not None
    assert found[:3] == ("alex", "sam", False)
    assert found[3][::6] == [0, 0, 1, 1]


@needs_c
@given(st.dates())
@example(dt.date.min)
@example(dt.date.max)
@example(dt.date(2000, 2, 29))
@example(dt.date(1900, 3, 1))
def test_the_c_ordinal_of_a_date_is_its_toordinal(day: dt.date) -> None:
    assert slotted is not None
    assert slotted.ordinal(day) == day.toordinal()


@needs_c
def test_the_c_scan_refuses_arguments_of_the_wrong_kind() -> None:
    assert slotted is not None
    monday = dt.date(2026, 11, 23)
    noon = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)
    layout = _assessor._CHECKIN_LAYOUT
    with pytest.raises(TypeError):
        slotted.select(layout, (), monday, monday)  # a tuple, not a list
    with pytest.raises(TypeError):
        slotted.select(layout, [], noon, monday)  # a datetime, not a date
    with pytest.raises(TypeError):
        slotted.select(_assessor._WEEKLY_LAYOUT, [], monday, monday)  # three slots, not six
    with pytest.raises(TypeError):
        slotted.select("layout", [], monday, monday)


@needs_c
def test_the_c_scan_refuses_a_checkin_whose_date_was_forced_to_another_type() -> None:
    assert slotted is not None
    monday = dt.date(2026, 11, 23)
    checkin = at.CheckIn(partner_id="alex", on=monday, closeness=4, felt_heard=3, stress=2)
    object.__setattr__(checkin, "on", "2026-11-23")  # past the frozen class's guard
    with pytest.raises(TypeError, match="a date"):
        c_select([checkin], monday, monday)


@needs_c
def test_a_layout_names_only_writable_object_slots() -> None:
    assert slotted is not None
    assert "WeeklyScore" in repr(_assessor._WEEKLY_LAYOUT)
    with pytest.raises(TypeError, match="is not a slot"):
        slotted.layout(at.WeeklyScore, ("week_start", "missing"))
    with pytest.raises(TypeError, match="is not a slot"):
        slotted.layout(at.CheckIn, ("week",))  # a property
    with pytest.raises(TypeError, match="not a writable object slot"):
        slotted.layout(type, ("__basicsize__",))  # a read-only number
    with pytest.raises(TypeError, match="str"):
        slotted.layout(at.WeeklyScore, (1,))
    with pytest.raises(ValueError, match="named twice"):
        slotted.layout(at.WeeklyScore, ("score", "level", "score"))
    with pytest.raises(ValueError, match="at most 16"):
        slotted.layout(at.WeeklyScore, ("score",) * 17)
    with pytest.raises(TypeError):
        slotted.layout(at.WeeklyScore, ["score"])


@needs_c
@given(
    week_start=ats.dates(),
    score=st.none() | st.floats(0, 100),
    level=st.none() | st.sampled_from(at.DistanceLevel),
)
def test_make_builds_what_the_constructor_builds(
    week_start: dt.date, score: float | None, level: at.DistanceLevel | None
) -> None:
    assert slotted is not None
    made = slotted.make(_assessor._WEEKLY_LAYOUT, week_start, score, level)
    built = at.WeeklyScore(week_start=week_start, score=score, level=level)
    assert type(made) is at.WeeklyScore
    assert made == built
    assert repr(made) == repr(built)
    assert hash(made) == hash(built)
    assert pickle.loads(pickle.dumps(made)) == built  # noqa: S301 - our own bytes
    assert at.to_json(made) == at.to_json(built)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.score = 1.0  # type: ignore[misc]


@needs_c
def test_make_refuses_a_wrong_number_of_values_or_a_missing_layout() -> None:
    assert slotted is not None
    monday = dt.date(2026, 11, 23)
    with pytest.raises(TypeError, match="2 values for 3 slots"):
        slotted.make(_assessor._WEEKLY_LAYOUT, monday, None)
    with pytest.raises(TypeError):
        slotted.make(at.WeeklyScore, monday, None, None)


@needs_c
def test_the_layouts_cover_every_field_of_the_results() -> None:
    for layout, cls in (
        (_assessor._WEEKLY_LAYOUT, at.WeeklyScore),
        (_assessor._CONTRIBUTION_LAYOUT, at.Contribution),
        (_assessor._ASSESSMENT_LAYOUT, at.DistanceAssessment),
    ):
        assert f"{len(attrs.fields(cls))} slots" in repr(layout)
        assert cls.__name__ in repr(layout)


@given(ats.couple_checkins(max_weeks=12), st.integers(0, 90), st.integers(1, 12))
def test_every_result_object_has_every_field_set_as_its_constructor_would(
    checkins: list[at.CheckIn], days: int, window_weeks: int
) -> None:
    # In the optional build, make() fills the results' slots: a slot it
    # missed would make evolve() (which reads every field) fail, and a value
    # in the wrong slot would make the copy differ.
    as_of = dt.date(2026, 1, 5) + dt.timedelta(days=days)
    result = at.assess_distance(checkins, as_of=as_of, window_weeks=window_weeks)
    assert attrs.evolve(result) == result
    for contribution in result.contributions:
        assert type(contribution) is at.Contribution
        assert attrs.evolve(contribution) == contribution
    for week in result.weekly:
        assert type(week) is at.WeeklyScore
        assert attrs.evolve(week) == week


def rankings() -> st.SearchStrategy[list[tuple[float, int]]]:
    """Shares as the assessor ranks them: (-share, code), largest share first."""
    shares = st.lists(
        st.floats(min_value=1e-9, max_value=100.0)
        | st.sampled_from([0.125, 0.005, 0.004999, 12.345, 33.333333333333336, 50.0]),
        max_size=40,
    )
    return shares.map(
        lambda values: sorted(
            ((-share, code) for code, share in enumerate(values)), key=lambda entry: entry[0]
        )
    )


@needs_c
@given(rankings())
@example([])
@example([(-0.125, 0), (-0.125, 1), (-0.125, 2), (-0.125, 3)])
@example([(-0.004, 0), (-0.004, 1)])
def test_the_c_balance_gives_what_the_python_one_gives(ranked: list[tuple[float, int]]) -> None:
    assert slotted is not None
    expected = _assessor._balance(list(ranked))
    assert slotted.balance(list(ranked), math.fsum, sum) == expected
    _, points, score = expected
    assert sum(points) == score


@needs_c
def test_the_c_balance_refuses_what_is_not_a_ranking() -> None:
    assert slotted is not None
    with pytest.raises(TypeError, match="balance"):
        slotted.balance(((-1.0, 0),), math.fsum, sum)
    for entry in ((-1.0,), [-1.0, 0], (1, 0), "ab"):
        with pytest.raises(TypeError, match=r"\(float, int\) tuples"):
            slotted.balance([entry], math.fsum, sum)


@needs_c
@given(
    st.lists(st.floats(min_value=0, max_value=100), min_size=0, max_size=16),
    st.integers(0, 16),
    st.data(),
)
@example([10.0, 11.0, 12.0, 12.5], 0, None)
def test_the_c_band_count_gives_what_the_python_one_gives(
    scores: list[float], start: int, data: st.DataObject | None
) -> None:
    assert slotted is not None
    # Observed weeks rise but may skip some, as weeks without a check-in do.
    weeks: list[int] = []
    week = 0
    for _ in scores:
        weeks.append(week)
        week += 1 if data is None else data.draw(st.integers(1, 3))
    start = min(start, len(scores))
    expected = _assessor._beyond_band(weeks, scores, start)
    assert slotted.beyond_band(weeks, scores, start, _assessor._TREND_DEAD_BAND) == expected


@needs_c
def test_the_c_band_count_refuses_what_is_not_points() -> None:
    assert slotted is not None
    band = _assessor._TREND_DEAD_BAND
    with pytest.raises(TypeError, match="same length"):
        slotted.beyond_band([0, 1], [1.0], 0, band)
    with pytest.raises(TypeError, match="ints and scores floats"):
        slotted.beyond_band([0, 1], [1.0, 2], 0, band)
    with pytest.raises(ValueError, match="outside"):
        slotted.beyond_band([0, 1], [1.0, 2.0], 3, band)
