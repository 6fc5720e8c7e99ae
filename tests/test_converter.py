"""The converter's strict hooks on every field shape a model may use."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs
import orjson
import pytest

import attunement as at
from attunement import _fields, _serialization


class Mood(enum.Enum):
    CALM = "calm"
    TENSE = "tense"


@attrs.frozen(kw_only=True)
class Sample:
    ratio: float
    flag: bool
    counts: dict[str, int]
    tags: list[str]
    pair: tuple[int, str]
    moods: frozenset[Mood]
    when: dt.date | None = None


GOOD: dict[str, Any] = {
    "ratio": 0.5,
    "flag": True,
    "counts": {"a": 1},
    "tags": ["x", "y"],
    "pair": [1, "one"],
    "moods": ["tense", "calm"],
    "when": "2026-01-05",
}


def test_every_shape_round_trips() -> None:
    sample = at.structure(GOOD, Sample)
    assert sample.moods == frozenset(Mood)
    assert sample.pair == (1, "one")
    assert at.unstructure(sample) == {**GOOD, "moods": ["calm", "tense"]}


def test_whole_numbers_are_accepted_as_floats() -> None:
    assert at.structure({**GOOD, "ratio": 2}, Sample).ratio == 2.0


@pytest.mark.parametrize(
    ("field", "value", "path", "reason"),
    [
        ("ratio", "0.5", "$.ratio", "number"),
        ("ratio", True, "$.ratio", "number"),
        ("flag", 1, "$.flag", "true or false"),
        ("counts", [], "$.counts", "object"),
        ("counts", {"a": "1"}, "$.counts.a", "integer"),
        ("tags", "xy", "$.tags", "list"),
        ("tags", ["x", 2], "$.tags[1]", "string"),
        ("pair", [1], "$.pair", "exactly 2"),
        ("pair", [1, 2], "$.pair[1]", "string"),
        ("moods", ["calm", "calm"], "$.moods", "twice"),
        ("when", "2026-1-5", "$.when", "YYYY-MM-DD"),
    ],
)
def test_each_shape_refuses_the_wrong_kind(field: str, value: Any, path: str, reason: str) -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.structure({**GOOD, field: value}, Sample)
    assert caught.value.path == path
    assert reason in caught.value.reason


def test_registered_migrations_walk_fixed_tuples_and_unions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    @attrs.frozen(kw_only=True)
    class Renamed:
        name: str

    monkeypatch.setitem(_serialization._MIGRATIONS, Renamed, {})

    @_serialization.register_migration(Renamed, from_version=1)
    def _rename(document: dict[str, Any]) -> dict[str, Any]:
        document["name"] = document.pop("title")
        return document

    old = {"schema_version": 1, "data": [{"title": "a"}, {"title": "b"}]}
    loaded = at.from_json(orjson.dumps(old), tuple[Renamed, Renamed])
    assert loaded == (Renamed(name="a"), Renamed(name="b"))
    single = {"schema_version": 1, "data": {"title": "c"}}
    assert at.from_json(orjson.dumps(single), Renamed | None) == Renamed(name="c")  # type: ignore[arg-type]


class TestFieldValidators:
    """The shared validators that models attach to their fields."""

    @attrs.frozen(kw_only=True)
    class Rated:
        score: int = attrs.field(validator=_fields.int_between(1, 3))
        mood: Mood = attrs.field(validator=_fields.member_of(Mood))
        note: str | None = attrs.field(default=None, validator=_fields.check_optional_text)
        label: str = attrs.field(default="x", validator=_fields.check_name)

    def test_int_between_accepts_only_ints_in_range(self) -> None:
        assert self.Rated(score=3, mood=Mood.CALM).score == 3
        bad: Any
        for bad in (0, 4, 2.0, True, "2"):
            with pytest.raises(at.ValidationError, match="1 to 3") as caught:
                self.Rated(score=bad, mood=Mood.CALM)
            assert caught.value.field == "score"

    def test_member_of_refuses_values_and_other_enums(self) -> None:
        bad: Any
        for bad in ("calm", at.Visibility.SHARED):
            with pytest.raises(at.ValidationError, match="must be a Mood"):
                self.Rated(score=1, mood=bad)

    def test_text_and_names_refuse_lone_surrogates(self) -> None:
        with pytest.raises(at.ValidationError, match="surrogate") as caught:
            self.Rated(score=1, mood=Mood.CALM, note="a\udc00b")
        assert caught.value.field == "note"
        with pytest.raises(at.ValidationError, match="surrogate"):
            self.Rated(score=1, mood=Mood.CALM, label="é\ud800")
        with pytest.raises(at.ValidationError, match="at most"):
            self.Rated(score=1, mood=Mood.CALM, label="x" * 10_001)
        assert self.Rated(score=1, mood=Mood.CALM, note="naïve 💞").note == "naïve 💞"
