"""partner_view: what one partner may see of the other's check-ins."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import attunement as at
from attunement import strategies as ats

MONDAY = dt.date(2026, 11, 16)


def make(partner: str, on: dt.date, visibility: at.Visibility) -> at.CheckIn:
    return at.CheckIn(
        partner_id=partner,
        on=on,
        closeness=3,
        felt_heard=2,
        stress=4,
        signs=frozenset({at.Sign.LOGISTICS_ONLY}),
        reflection=f"{partner} wrote this",
        appreciation=f"{partner} is grateful",
        visibility=visibility,
        events=frozenset({at.LifeEvent.JOB_CHANGE}),
    )


def test_own_checkins_come_back_unchanged() -> None:
    mine = make("sam", MONDAY, at.Visibility.PRIVATE)
    assert at.partner_view([mine], viewer="sam") == (mine,)


def test_private_checkins_keep_ratings_and_lose_text_signs_and_events() -> None:
    theirs = make("alex", MONDAY, at.Visibility.PRIVATE)
    mine = make("sam", MONDAY, at.Visibility.SHARED)
    (seen, _) = at.partner_view([theirs, mine], viewer="sam")
    assert (seen.closeness, seen.felt_heard, seen.stress) == (3, 2, 4)
    assert seen.reflection is None
    assert seen.appreciation is None
    assert seen.signs == frozenset()
    assert seen.events == frozenset()


def test_shared_checkins_are_seen_whole() -> None:
    theirs = make("alex", MONDAY, at.Visibility.SHARED)
    assert at.partner_view([theirs], viewer="sam") == (theirs,)


def test_after_both_reveals_only_once_the_viewer_checked_in_that_iso_week() -> None:
    theirs = make("alex", MONDAY, at.Visibility.AFTER_BOTH)
    assert at.partner_view([theirs], viewer="sam")[0].reflection is None
    # Sunday closes the same ISO week: the reveal happens.
    same_week = make("sam", MONDAY + dt.timedelta(days=6), at.Visibility.PRIVATE)
    assert at.partner_view([theirs, same_week], viewer="sam")[0] == theirs
    # The following Monday is a new ISO week: still hidden.
    next_week = make("sam", MONDAY + dt.timedelta(days=7), at.Visibility.PRIVATE)
    assert at.partner_view([theirs, next_week], viewer="sam")[0].reflection is None


def test_order_is_kept() -> None:
    items = [make(p, MONDAY, at.Visibility.SHARED) for p in ("sam", "alex", "sam")]
    assert [c.partner_id for c in at.partner_view(items, viewer="sam")] == ["sam", "alex", "sam"]


def test_bad_arguments_name_themselves() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.partner_view([], viewer="not an id")
    assert caught.value.field == "viewer"
    with pytest.raises(at.ValidationError) as caught:
        at.partner_view([make("a", MONDAY, at.Visibility.SHARED), "x"], viewer="sam")  # type: ignore[list-item]
    assert caught.value.path == "$.checkins[1]"


@given(
    checkins=ats.couple_checkins(),
    marker=st.uuids().map(str),
)
def test_no_hidden_text_or_signs_ever_reach_the_other_partner(
    checkins: list[at.CheckIn], marker: str
) -> None:
    marked = [
        attrs.evolve(c, reflection=f"{marker} r", appreciation=f"{marker} a")
        if c.partner_id == "alex"
        else c
        for c in checkins
    ]
    sam_weeks = {c.week for c in marked if c.partner_id == "sam"}
    for original, seen in zip(marked, at.partner_view(marked, viewer="sam"), strict=True):
        if original.partner_id == "sam":
            assert seen is original
            continue
        revealed = original.visibility is at.Visibility.SHARED or (
            original.visibility is at.Visibility.AFTER_BOTH and original.week in sam_weeks
        )
        if not revealed:
            assert marker not in repr(attrs.asdict(seen))
            assert seen.reflection is None
            assert seen.appreciation is None
            assert seen.signs == frozenset()
            assert seen.events == frozenset()
        # Ratings are never hidden.
        assert (seen.closeness, seen.felt_heard, seen.stress, seen.on) == (
            original.closeness,
            original.felt_heard,
            original.stress,
            original.on,
        )


@given(ats.couple_checkins())
def test_view_is_pure_and_deterministic(checkins: list[at.CheckIn]) -> None:
    before = list(checkins)
    assert at.partner_view(checkins, "alex") == at.partner_view(tuple(checkins), "alex")
    assert checkins == before
