"""Strict, versioned JSON storage: round trips, every bad input, migrations."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import attunement as at
from attunement import _serialization
from attunement import strategies as ats

CHECKINS = tuple[at.CheckIn, ...]


def good_checkin() -> at.CheckIn:
    return at.CheckIn(
        partner_id="alex",
        on=dt.date(2026, 11, 22),
        closeness=5,
        felt_heard=4,
        stress=2,
        signs=frozenset({at.Sign.LOGISTICS_ONLY, at.Sign.LONELY_TOGETHER}),
        reflection="PRIVATE-REFLECTION-MARKER",
        appreciation="PRIVATE-APPRECIATION-MARKER",
        visibility=at.Visibility.AFTER_BOTH,
        events=frozenset({at.LifeEvent.MOVE}),
    )


def document_with(change: Any) -> bytes:
    """A stored list of two check-ins whose second one has been altered."""
    document = orjson.loads(at.to_json([good_checkin(), good_checkin()]))
    change(document["data"][1])
    return orjson.dumps(document)


def set_key(key: str, value: Any) -> Any:
    return lambda item: item.__setitem__(key, value)


BAD_FIELDS = [
    pytest.param(set_key("closeness", "5"), "closeness", "integer", id="string-for-int"),
    pytest.param(set_key("closeness", value=True), "closeness", "integer", id="bool-for-int"),
    pytest.param(set_key("closeness", 3.7), "closeness", "integer", id="float-for-int"),
    pytest.param(set_key("closeness", 5.0), "closeness", "integer", id="whole-float-for-int"),
    pytest.param(set_key("closeness", 8), "closeness", "1 to 7", id="out-of-range"),
    pytest.param(set_key("stress", 0), "stress", "1 to 5", id="stress-out-of-range"),
    pytest.param(set_key("signs", ["not_a_sign"]), "signs", "Sign values", id="unknown-sign"),
    pytest.param(set_key("signs", [1]), "signs", "Sign values", id="number-as-sign"),
    pytest.param(
        set_key("signs", ["withdrawal", "withdrawal"]), "signs", "twice", id="repeated-sign"
    ),
    pytest.param(set_key("visibility", "public"), "visibility", "Visibility", id="bad-enum"),
    pytest.param(set_key("events", ["moon_landing"]), "events", "LifeEvent", id="bad-event"),
    pytest.param(set_key("surprise", 1), "surprise", "not a known field", id="unknown-key"),
    pytest.param(lambda item: item.pop("stress"), "stress", "required", id="missing-key"),
    pytest.param(lambda item: item.pop("on"), "on", "required", id="missing-date"),
    pytest.param(set_key("on", "2026-02-30"), "on", "calendar date", id="impossible-date"),
    pytest.param(set_key("on", "22/11/2026"), "on", "YYYY-MM-DD", id="foreign-date"),
    pytest.param(set_key("on", "20261122"), "on", "YYYY-MM-DD", id="compact-date"),
    pytest.param(set_key("on", 20261122), "on", "YYYY-MM-DD", id="number-date"),
    pytest.param(set_key("signs", "withdrawal"), "signs", "list", id="string-for-list"),
    pytest.param(set_key("signs", {"a": 1}), "signs", "list", id="object-for-list"),
    pytest.param(set_key("reflection", 7), "reflection", "string", id="number-for-text"),
    pytest.param(set_key("reflection", "x" * 10_001), "reflection", "10000", id="too-long"),
    pytest.param(set_key("partner_id", ""), "partner_id", "empty", id="empty-id"),
]


@pytest.mark.parametrize(("change", "field", "reason"), BAD_FIELDS)
def test_each_bad_field_raises_a_located_validation_error(
    change: Any, field: str, reason: str
) -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.from_json(document_with(change), CHECKINS)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.field == field
    assert error.path.startswith(f"$.data[1].{field}")
    assert reason in error.reason
    assert "PRIVATE" not in str(error)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        pytest.param(b"\xff\xfe{}", "UTF-8 JSON", id="invalid-utf8"),
        pytest.param(b'{"schema_version": 2, "data": "\\ud800"}', "UTF-8 JSON", id="surrogate"),
        pytest.param('{"a": "\ud800"}', "UTF-8 JSON", id="surrogate-in-str"),
        pytest.param(b"not json at all", "UTF-8 JSON", id="not-json"),
        pytest.param(b'{"schema_version": 2, "data": [', "UTF-8 JSON", id="truncated"),
        pytest.param(b"[1, 2]", "object", id="not-an-envelope"),
        pytest.param(b'{"data": []}', "required", id="no-version"),
        pytest.param(b'{"schema_version": 2}', "required", id="no-data"),
        pytest.param(b'{"schema_version": 2, "data": [], "x": 1}', "known", id="extra-key"),
        pytest.param(b'{"schema_version": "2", "data": []}', "positive", id="string-version"),
        pytest.param(b'{"schema_version": 0, "data": []}', "positive", id="zero-version"),
        pytest.param(b'{"schema_version": 99, "data": []}', "newer", id="future-version"),
        pytest.param(b'{"schema_version": 2, "data": {}}', "list", id="object-for-list"),
        pytest.param(b'{"schema_version": 2, "data": [[]]}', "object", id="list-for-object"),
    ],
)
def test_bad_documents_are_refused(raw: bytes | str, reason: str) -> None:
    with pytest.raises(at.ValidationError, match=reason):
        at.from_json(raw, CHECKINS)


def test_from_json_refuses_non_text_input() -> None:
    with pytest.raises(at.ValidationError, match="bytes or str"):
        at.from_json(12, at.Partner)  # type: ignore[arg-type]


def test_a_newer_schema_is_refused_with_advice() -> None:
    future = f'{{"schema_version": {_serialization.SCHEMA_VERSION + 1}, "data": {{}}}}'
    with pytest.raises(at.ValidationError) as caught:
        at.from_json(future, at.Partner)
    assert caught.value.field == "schema_version"
    assert "upgrade attunement" in caught.value.reason


def test_schema_one_check_ins_gain_an_empty_set_of_life_events() -> None:
    # Written by schema 1, before check-ins carried life events.
    old = {
        "schema_version": 1,
        "data": [
            {
                "partner_id": "alex",
                "on": "2026-11-22",
                "closeness": 3,
                "felt_heard": 2,
                "stress": 4,
                "signs": ["withdrawal"],
                "reflection": None,
                "appreciation": None,
                "visibility": "private",
            }
        ],
    }
    (loaded,) = at.from_json(orjson.dumps(old), CHECKINS)
    assert loaded.events == frozenset()
    assert loaded.signs == frozenset({at.Sign.WITHDRAWAL})


def schema_one_checkin() -> dict[str, Any]:
    """A check-in as schema 1 stored it: every field but ``events``."""
    stored: dict[str, Any] = orjson.loads(at.to_json(good_checkin()))["data"]
    del stored["events"]
    return stored


def test_the_check_in_migration_step_adds_an_empty_list_of_events() -> None:
    # CheckIn.events has a default, so loading alone cannot show whether the
    # migration ran: exercise the registered step itself.
    step = _serialization._MIGRATIONS[at.CheckIn][1]
    old = schema_one_checkin()
    assert step(dict(old)) == {**old, "events": []}


def test_loading_schema_one_check_ins_runs_the_migration_on_each(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[dict[str, Any]] = []
    step = _serialization._MIGRATIONS[at.CheckIn][1]

    def spy(document: dict[str, Any]) -> dict[str, Any]:
        seen.append(dict(document))
        return step(document)

    monkeypatch.setitem(_serialization._MIGRATIONS[at.CheckIn], 1, spy)
    old = schema_one_checkin()
    document = orjson.dumps({"schema_version": 1, "data": [old, old]})
    assert len(at.from_json(document, CHECKINS)) == 2
    assert seen == [old, old]
    seen.clear()
    at.from_json(at.to_json([good_checkin()]), CHECKINS)
    assert seen == []  # current documents are not migrated


def test_migrations_reach_check_ins_nested_in_any_container() -> None:
    old_checkin = orjson.loads(at.to_json(good_checkin()))["data"]
    del old_checkin["events"]
    for payload, cls in [
        (old_checkin, at.CheckIn),
        ({"k": [old_checkin]}, dict[str, list[at.CheckIn]]),
        (old_checkin, at.CheckIn | None),
    ]:
        document = orjson.dumps({"schema_version": 1, "data": payload})
        assert at.from_json(document, cls) is not None  # type: ignore[arg-type]


def test_current_documents_are_not_migrated() -> None:
    # A current document that lacks events is an app's own JSON: the default applies.
    current = orjson.loads(at.to_json(good_checkin()))
    del current["data"]["events"]
    assert at.from_json(orjson.dumps(current), at.CheckIn).events == frozenset()


def test_json_is_byte_identical_for_equal_values() -> None:
    first = at.to_json(good_checkin())
    again = at.to_json(at.from_json(first, at.CheckIn))
    assert first == again
    assert b'"signs":["logistics_only","lonely_together"]' in first


def test_fast_and_detailed_paths_read_a_check_in_identically() -> None:
    data = at.unstructure(good_checkin())
    fast = _serialization._load_checkin(data, at.CheckIn)
    detailed = _serialization._checkin_detailed(data, at.CheckIn)
    assert fast == detailed == good_checkin()
    # The fast path builds a real, frozen CheckIn, not a look-alike.
    assert type(fast) is at.CheckIn
    assert hash(fast) == hash(good_checkin())
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fast.closeness = 1  # type: ignore[misc]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("partner_id", "tab\tinside"),
        ("partner_id", "é space"),
        ("partner_id", "x" * 65),
        ("reflection", "caf\u00e9 \udc80"),
        ("appreciation", "x" * 10_001),
    ],
)
def test_the_inline_fast_checks_defer_to_the_full_rules(field: str, value: str) -> None:
    data = at.unstructure(good_checkin())
    data[field] = value
    with pytest.raises(at.ValidationError) as caught:
        at.structure(data, at.CheckIn)
    assert caught.value.field == field


def test_non_ascii_ids_and_text_are_welcome() -> None:
    data = at.unstructure(good_checkin())
    data.update(partner_id="ålex-小", reflection="Je t'aime 💞", appreciation="Ďakujem")
    loaded = at.structure(data, at.CheckIn)
    assert (loaded.partner_id, loaded.reflection) == ("ålex-小", "Je t'aime 💞")


@given(
    st.dictionaries(
        st.sampled_from(
            [
                *("partner_id", "on", "closeness", "felt_heard", "stress", "signs", "extra"),
                *("reflection", "appreciation", "visibility", "events"),
            ]
        ),
        st.none()
        | st.booleans()
        | st.integers(-2, 9)
        | st.floats(allow_nan=False)
        | st.sampled_from(["alex", "2026-11-22", "2026-99-01", "withdrawal", "shared"])
        | st.lists(st.sampled_from(["withdrawal", "move", "nope"]), max_size=3),
    )
)
def test_fast_path_accepts_exactly_what_the_strict_path_accepts(data: dict[str, Any]) -> None:
    try:
        expected: Any = _serialization._checkin_detailed(data, at.CheckIn)
    except Exception as error:  # noqa: BLE001
        expected = type(error)
    with (
        pytest.raises(at.ValidationError)
        if expected is not None and isinstance(expected, type)
        else _no_error()
    ):
        assert at.structure(data, at.CheckIn) == expected


_TRICKY_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1, 9),
    st.floats(allow_nan=False),
    st.sampled_from(["", " ", "alex", "x" * 64, "x" * 65, "tab\tin", "\x1f", "Zoë", "\udc80"]),
    st.sampled_from(["2026-11-22", "20261122", "2026-02-30", "2026-W47-1", "2026-11-22T10:00"]),
    st.sampled_from(["shared", "private", "SHARED", "withdrawal", "move"]),
    st.lists(st.sampled_from(["withdrawal", "less_touch", "move", "illness", "nope"]), max_size=3),
    st.text(max_size=20),
)


def _detailed_or_error(row: Any) -> Any:
    try:
        return _serialization._checkin_detailed(row, at.CheckIn)
    except Exception as error:  # noqa: BLE001 - compared by kind below
        return type(error)


@given(
    st.lists(
        st.tuples(
            ats.checkins(),
            st.dictionaries(
                st.sampled_from([field.name for field in attrs.fields(at.CheckIn)]),
                _TRICKY_VALUES,
                max_size=2,
            ),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_fast_row_loop_agrees_with_the_detailed_path_on_nearly_valid_rows(
    rows: list[tuple[at.CheckIn, dict[str, Any]]],
) -> None:
    # Valid rows with one or two fields swapped for awkward values: the fast
    # loop's inline checks see every field, unlike with random dictionaries.
    documents = [at.unstructure(checkin) | change for checkin, change in rows]
    expected = [_detailed_or_error(document) for document in documents]
    refused = [index for index, outcome in enumerate(expected) if isinstance(outcome, type)]
    for document, outcome in zip(documents, expected, strict=True):
        if isinstance(outcome, type):
            with pytest.raises(at.ValidationError):
                at.structure(document, at.CheckIn)
        else:
            loaded = at.structure(document, at.CheckIn)
            assert loaded == outcome
            assert type(loaded) is at.CheckIn
    if refused:
        with pytest.raises(at.ValidationError) as caught:
            at.structure(documents, CHECKINS)
        # The list loader names the first refused row, as the item-by-item path does.
        assert caught.value.path.startswith(f"$[{refused[0]}]")
    else:
        assert at.structure(documents, CHECKINS) == tuple(expected)
        assert at.structure(documents, list[at.CheckIn]) == expected


_AWKWARD_VALUES: list[Any] = [
    *(None, True, False, 1.0, 5.0, [], {}),
    *range(-1, 10),
    *("", " ", "alex", "x" * 64, "x" * 65, "tab\tin", "nl\n", "\x1f", "\x7f", "Zoë", "\udc80"),
    *("x" * 10_000, "x" * 10_001, "é" * 10_000, "é" * 10_001),
    *("2026-11-22", "20261122", "2026-02-30", "2026-W47-1", "2026-11-22T10:00", "\uff12026-11-22"),
    *("shared", "private", "SHARED", "withdrawal", "move"),
    *(["withdrawal"], ["less_touch", "withdrawal"], ["move"], ["move", "move"], ["nope"]),
]


def test_fast_loader_agrees_with_the_detailed_path_field_by_field() -> None:
    # Every field of a valid row swapped, one at a time, for every awkward
    # value: each inline check of the fast loop meets its boundaries.
    base = at.unstructure(good_checkin())
    for field in base:
        for value in _AWKWARD_VALUES:
            document = base | {field: value}
            expected = _detailed_or_error(document)
            if isinstance(expected, type):
                with pytest.raises(at.ValidationError) as caught:
                    at.structure(document, at.CheckIn)
                assert caught.value.field == field
            else:
                assert at.structure(document, at.CheckIn) == expected


class _no_error:  # noqa: N801 - reads as a context manager name
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def test_structure_reports_paths_without_an_envelope() -> None:
    partners = [{"id": "alex", "name": "Alex"}, {"id": "sam", "name": 3}]
    with pytest.raises(at.ValidationError) as caught:
        at.structure({"id": "c1", "partners": partners}, at.Couple)
    assert caught.value.path == "$.partners[1].name"


def test_unknown_failures_do_not_echo_values() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.structure({"id": "alex", "name": "Alex"}, dict[int, str])
    assert "alex" not in str(caught.value)


def test_errors_survive_pickling_with_their_location() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.structure({"id": "x"}, at.Partner)
    # No chained exception rides along: its state could hold user text, and
    # tools that pickle chains (tblib, used by Dask) must not choke on it.
    assert caught.value.__context__ is None
    assert caught.value.__cause__ is None
    restored = pickle.loads(pickle.dumps(caught.value))  # noqa: S301 - our own bytes
    assert (restored.field, restored.path, restored.reason) == ("name", "$.name", "is required")


MODELS = st.one_of(
    ats.partners(),
    ats.couples(),
    ats.checkins(),
    st.lists(ats.checkins(), max_size=5).map(tuple),
)


def _only_json_primitives(value: Any) -> bool:
    if isinstance(value, dict):
        return all(type(k) is str and _only_json_primitives(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_only_json_primitives(v) for v in value)
    return value is None or type(value) in {str, int, float, bool}


@given(MODELS)
def test_json_round_trip(model: Any) -> None:
    assert (
        at.from_json(at.to_json(model), type(model) if type(model) is not tuple else CHECKINS)
        == model
    )


@given(MODELS)
def test_structure_round_trip_and_primitives(model: Any) -> None:
    plain = at.unstructure(model)
    assert _only_json_primitives(plain)
    cls = type(model) if type(model) is not tuple else CHECKINS
    assert at.structure(plain, cls) == model
    # The string form of a document parses to the same value as the bytes.
    assert at.from_json(at.to_json(model).decode(), cls) == model


@given(MODELS)
def test_pickle_and_deepcopy_round_trip(model: Any) -> None:
    assert pickle.loads(pickle.dumps(model)) == model  # noqa: S301 - our own bytes
    assert copy.deepcopy(model) == model


@given(st.lists(ats.checkins(), max_size=4))
def test_lists_round_trip_as_lists(models: list[at.CheckIn]) -> None:
    assert at.from_json(at.to_json(models), list[at.CheckIn]) == models


@given(st.binary(max_size=200))
def test_arbitrary_bytes_give_a_model_or_a_validation_error(raw: bytes) -> None:
    try:
        result = at.from_json(raw, CHECKINS)
    except at.ValidationError:
        return
    assert isinstance(result, tuple)


def test_the_set_memo_is_bounded_and_never_changes_a_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_serialization, "_SIGN_SETS", {})
    monkeypatch.setattr(_serialization, "_SET_MEMO_LIMIT", 3)
    signs = sorted(s.value for s in at.Sign)
    for size in range(1, 8):
        data = at.unstructure(good_checkin())
        data["signs"] = signs[:size]
        loaded = at.structure(data, at.CheckIn)
        assert loaded.signs == frozenset(at.Sign(v) for v in signs[:size])
    assert len(_serialization._SIGN_SETS) == 3
    # A remembered list still refuses what it must: a repeated value.
    data = at.unstructure(good_checkin())
    data["signs"] = [signs[0], signs[0]]
    with pytest.raises(at.ValidationError, match="twice"):
        at.structure(data, at.CheckIn)


def test_a_bad_item_deep_in_a_list_is_located() -> None:
    items = [at.unstructure(good_checkin()) for _ in range(5)]
    items[3]["stress"] = 9
    with pytest.raises(at.ValidationError) as caught:
        at.structure(items, list[at.CheckIn])
    assert caught.value.path == "$[3].stress"


def test_a_fixed_one_tuple_of_check_ins_stays_fixed() -> None:
    row = at.unstructure(good_checkin())
    assert at.structure([row], tuple[at.CheckIn]) == (good_checkin(),)
    with pytest.raises(at.ValidationError, match="exactly 1"):
        at.structure([row, row], tuple[at.CheckIn])
