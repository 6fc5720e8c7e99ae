"""Partners, couples, check-ins and signs: construction rules and privacy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import attunement as at
from attunement import strategies as ats

DAY = dt.date(2026, 11, 23)


def checkin(**changes: Any) -> at.CheckIn:
    fields: dict[str, Any] = {
        "partner_id": "alex",
        "on": DAY,
        "closeness": 4,
        "felt_heard": 3,
        "stress": 2,
    }
    fields.update(changes)
    return at.CheckIn(**fields)


class TestPartner:
    @pytest.mark.parametrize(
        ("bad_id", "reason"),
        [
            ("", "must not be empty"),
            ("a" * 65, "at most 64"),
            ("two words", "whitespace"),
            ("tab\there", "whitespace"),
            (" lead", "whitespace"),
            ("nbsp\u00a0inside", "whitespace"),
            (42, "must be a string"),
            ("lone\ud800", "surrogate"),
        ],
    )
    def test_bad_ids_are_refused_with_the_field_named(self, bad_id: Any, reason: str) -> None:
        with pytest.raises(at.ValidationError) as caught:
            at.Partner(id=bad_id, name="Alex")
        assert caught.value.field == "id"
        assert caught.value.path == "$.id"
        assert reason in caught.value.reason

    def test_sixty_four_characters_is_the_longest_id(self) -> None:
        assert at.Partner(id="a" * 64, name="A").id == "a" * 64

    @pytest.mark.parametrize("bad_name", ["", "   ", "\n\t", None])
    def test_blank_names_are_refused(self, bad_name: Any) -> None:
        with pytest.raises(at.ValidationError) as caught:
            at.Partner(id="alex", name=bad_name)
        assert caught.value.field == "name"

    def test_names_keep_their_spaces(self) -> None:
        assert at.Partner(id="mx", name=" Mx Río ").name == " Mx Río "

    def test_models_are_frozen_and_keyword_only(self) -> None:
        partner = at.Partner(id="alex", name="Alex")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            partner.name = "Sam"  # type: ignore[misc]
        with pytest.raises(TypeError):
            at.Partner("alex", "Alex")  # type: ignore[call-arg]


class TestCouple:
    def test_two_distinct_partners(self) -> None:
        alex = at.Partner(id="alex", name="Alex")
        sam = at.Partner(id="sam", name="Sam")
        couple = at.Couple(id="c1", partners=(alex, sam))
        assert couple.partner_ids == ("alex", "sam")
        assert couple.together_since is None

    def test_same_partner_twice_is_refused(self) -> None:
        alex = at.Partner(id="alex", name="Alex")
        with pytest.raises(at.ValidationError, match="distinct") as caught:
            at.Couple(id="c1", partners=(alex, at.Partner(id="alex", name="Other")))
        assert caught.value.field == "partners"

    @pytest.mark.parametrize("count", [0, 1, 3])
    def test_a_couple_is_exactly_two(self, count: int) -> None:
        people = tuple(at.Partner(id=f"p{i}", name="P") for i in range(count))
        with pytest.raises(at.ValidationError, match="exactly two"):
            at.Couple(id="c1", partners=people)  # type: ignore[arg-type]

    def test_partners_must_be_partners(self) -> None:
        alex = at.Partner(id="alex", name="Alex")
        with pytest.raises(at.ValidationError) as caught:
            at.Couple(id="c1", partners=(alex, "sam"))  # type: ignore[arg-type]
        assert caught.value.path == "$.partners[1]"

    def test_together_since_must_be_a_date(self) -> None:
        pair = (at.Partner(id="a", name="A"), at.Partner(id="b", name="B"))
        with pytest.raises(at.ValidationError) as caught:
            at.Couple(id="c", partners=pair, together_since="2019-06-01")  # type: ignore[arg-type]
        assert caught.value.field == "together_since"


class TestCheckIn:
    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("closeness", 0),
            ("closeness", 8),
            ("closeness", 3.0),
            ("closeness", True),
            ("closeness", "5"),
            ("felt_heard", 0),
            ("felt_heard", 6),
            ("stress", 6),
            ("stress", None),
            ("on", dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)),
            ("on", "2026-11-23"),
            ("signs", {at.Sign.WITHDRAWAL}),
            ("signs", frozenset({"withdrawal"})),
            ("events", frozenset({at.Sign.WITHDRAWAL})),
            ("events", [at.LifeEvent.MOVE]),
            ("visibility", "shared"),
            ("reflection", 12),
            ("reflection", "x" * 10_001),
            ("appreciation", "x" * 10_001),
            ("appreciation", "bad \udfff text"),
            ("partner_id", "a b"),
        ],
    )
    def test_each_bad_value_names_its_field(self, field: str, value: Any) -> None:
        with pytest.raises(at.ValidationError) as caught:
            checkin(**{field: value})
        assert caught.value.field == field
        assert caught.value.path == f"$.{field}"

    @pytest.mark.parametrize(
        ("field", "low", "high"), [("closeness", 1, 7), ("felt_heard", 1, 5), ("stress", 1, 5)]
    )
    def test_scale_ends_are_accepted(self, field: str, low: int, high: int) -> None:
        assert getattr(checkin(**{field: low}), field) == low
        assert getattr(checkin(**{field: high}), field) == high

    def test_defaults_are_private_and_empty(self) -> None:
        plain = checkin()
        assert plain.visibility is at.Visibility.PRIVATE
        assert plain.signs == frozenset()
        assert plain.events == frozenset()
        assert plain.reflection is None

    def test_text_of_the_maximum_length_is_kept_whole(self) -> None:
        assert checkin(reflection="é" * 10_000).reflection == "é" * 10_000

    def test_week_is_the_iso_week(self) -> None:
        # 2027-01-01 is a Friday in ISO week 53 of 2026.
        assert checkin(on=dt.date(2027, 1, 1)).week == (2026, 53)

    @given(ats.checkins(), st.uuids().map(str))
    def test_repr_and_str_never_show_the_written_text(self, base: at.CheckIn, marker: str) -> None:
        private = attrs.evolve(
            base, reflection=f"start {marker} end", appreciation=f"thanks {marker}"
        )
        for shown in (repr(private), str(private), repr([private])):
            assert marker not in shown
            assert "<hidden>" in shown

    def test_error_messages_never_show_the_written_text(self) -> None:
        with pytest.raises(at.ValidationError) as caught:
            checkin(reflection="my secret words " * 700)
        assert "secret" not in str(caught.value)


DISTANCE_PAGE = Path(__file__).resolve().parents[1] / "docs" / "explanation" / "distance.md"
#: Each sign's weight, by its place in Gottman's (1993) distance-and-isolation
#: cascade: 1 early, 2 pulling back, 3 the end of the cascade. The table
#: under "Sign weights" on docs/explanation/distance.md says the same.
SIGN_WEIGHTS = {
    at.Sign.BIDS_MISSED: 1,
    at.Sign.LOGISTICS_ONLY: 1,
    at.Sign.LESS_TOUCH: 1,
    at.Sign.PHONE_DISTRACTION: 1,
    at.Sign.WITHDRAWAL: 2,
    at.Sign.LESS_WARMTH: 2,
    at.Sign.HANDLING_ALONE: 2,
    at.Sign.CONFIDING_ELSEWHERE: 2,
    at.Sign.NEGATIVE_OVERRIDE: 2,
    at.Sign.PARALLEL_LIVES: 3,
    at.Sign.LONELY_TOGETHER: 3,
    at.Sign.INDIFFERENCE: 3,
    at.Sign.EMOTIONAL_CUTOFF: 3,
}


class TestSigns:
    def test_at_least_twelve_signs_each_described_and_weighted(self) -> None:
        assert len(at.Sign) >= 12
        descriptions = {sign.description for sign in at.Sign}
        assert len(descriptions) == len(at.Sign)
        for sign in at.Sign:
            assert isinstance(sign.category, at.SignCategory)
            assert sign.weight in {1, 2, 3}
            assert sign.description.endswith(".")
            assert sign.value == sign.name.lower()

    def test_later_cascade_signs_weigh_more_than_early_ones(self) -> None:
        # Gottman (1993): loneliness and parallel lives come late in the cascade.
        assert at.Sign.LONELY_TOGETHER.weight > at.Sign.BIDS_MISSED.weight
        assert at.Sign.PARALLEL_LIVES.weight > at.Sign.LOGISTICS_ONLY.weight

    @pytest.mark.parametrize(("sign", "weight"), SIGN_WEIGHTS.items())
    def test_each_sign_has_its_documented_weight(self, sign: at.Sign, weight: int) -> None:
        assert sign.weight == weight

    def test_the_docs_weight_table_is_the_pinned_one(self) -> None:
        lines = DISTANCE_PAGE.read_text(encoding="utf-8").splitlines()
        start = lines.index("### Sign weights")
        rows = []
        for line in lines[start + 1 :]:
            if line.startswith("|"):
                rows.append([cell.replace("`", "").strip() for cell in line.strip("|").split("|")])
            elif rows:
                break
        documented = {at.Sign(row[0]): int(row[1]) for row in rows[2:]}
        assert documented == SIGN_WEIGHTS

    def test_every_category_is_used(self) -> None:
        assert {sign.category for sign in at.Sign} == set(at.SignCategory)

    def test_life_events_cover_the_common_transitions(self) -> None:
        names = {event.name for event in at.LifeEvent}
        assert {"NEW_BABY", "JOB_CHANGE", "JOB_LOSS", "MOVE", "ILLNESS"} <= names
        assert {"BEREAVEMENT", "FINANCIAL_STRAIN", "CARING_FOR_RELATIVE", "TIME_APART"} <= names
        assert all(event.description for event in at.LifeEvent)
