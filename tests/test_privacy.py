"""One partner's private words never reach the other partner, a log or a crash report.

Every property plants random marker strings (lowercase letters that no
built-in text contains, because they start with ``qx`` and a rare letter run)
in the places users type into: reflections, appreciations, goal titles,
names and item texts. It then looks for them where they must not be: the other
partner's :func:`attunement.partner_view`, every ``repr``/``str`` of models and
results, every :class:`attunement.ValidationError` message and every
``Pick``/``Referral`` reason and message.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import attunement as at
from attunement import strategies as ats

START = dt.date(2026, 1, 5)
#: Random markers; the "qxz" prefix does not occur in any package data text.
markers = st.text("abcdefghijklmnopqrstuvwxyz", min_size=8, max_size=16).map(
    lambda tail: "qxz" + tail
)


@st.composite
def marked_checkins(draw: st.DrawFn) -> tuple[list[at.CheckIn], list[str]]:
    """A couple's check-ins, each with its own marker in its reflection and appreciation."""
    plain = draw(ats.couple_checkins(start=START, max_weeks=6))
    tags = draw(st.lists(markers, min_size=len(plain), max_size=len(plain), unique=True))
    marked = [
        attrs.evolve(
            checkin,
            reflection=f"You never listen and I feel {tag} lonely.",
            appreciation=f"Thank you for the {tag} walk.",
        )
        for checkin, tag in zip(plain, tags, strict=True)
    ]
    return marked, tags


def _visible_to(checkin: at.CheckIn, viewer: str, checkins: list[at.CheckIn]) -> bool:
    if checkin.partner_id == viewer or checkin.visibility is at.Visibility.SHARED:
        return True
    both = any(c.partner_id == viewer and c.week == checkin.week for c in checkins)
    return checkin.visibility is at.Visibility.AFTER_BOTH and both


def _everything_shown(value: object) -> str:
    return repr(value) + str(value)


@given(marked_checkins(), st.sampled_from(["alex", "sam"]))
def test_the_other_partners_hidden_words_and_signs_stay_hidden(
    data: tuple[list[at.CheckIn], list[str]], viewer: str
) -> None:
    checkins, tags = data
    view = at.partner_view(checkins, viewer=viewer)
    stored = at.to_json(view).decode()
    for original, seen, tag in zip(checkins, view, tags, strict=True):
        if _visible_to(original, viewer, checkins):
            assert seen == original
            continue
        assert tag not in stored
        assert seen.reflection is None
        assert seen.appreciation is None
        assert seen.signs == frozenset()
        assert seen.events == frozenset()


@given(marked_checkins(), st.sampled_from(["alex", "sam"]))
def test_a_private_checkins_signs_never_reach_the_other_partners_view(
    data: tuple[list[at.CheckIn], list[str]], viewer: str
) -> None:
    checkins, _ = data
    private = [
        attrs.evolve(c, visibility=at.Visibility.PRIVATE, signs=frozenset(at.Sign))
        for c in checkins
    ]
    for original, seen in zip(private, at.partner_view(private, viewer=viewer), strict=True):
        if original.partner_id != viewer:
            assert seen.signs == frozenset()
            assert seen.reflection is None
            assert seen.appreciation is None


@given(marked_checkins(), st.integers(1, 8))
def test_no_model_or_result_shows_the_words_in_a_repr(
    data: tuple[list[at.CheckIn], list[str]], window: int
) -> None:
    checkins, tags = data
    assessment = at.assess_distance(
        checkins, as_of=START + dt.timedelta(weeks=6), window_weeks=window
    )
    shown = [_everything_shown(checkins), _everything_shown(assessment)]
    shown += [_everything_shown(at.score_reflection(c.reflection or "")) for c in checkins]
    shown += [_everything_shown(at.suggest_goals(assessment))]
    pick = at.pick_prompt(at.default_catalog(), today=assessment.as_of, assessment=assessment)
    shown.append(_everything_shown(pick))
    for text in shown:
        for tag in tags:
            assert tag not in text


# Each custom lexicon is compiled afresh (about 80 ms), so fewer examples.
@settings(max_examples=25)
@given(markers, st.sampled_from(list(at.Dimension)))
def test_evidence_quoting_the_words_never_shows_them_in_a_repr(
    tag: str, dimension: at.Dimension
) -> None:
    # A lexicon addition makes the marker itself the evidence, so the quoted
    # span certainly holds it; only the repr must leave it out.
    if dimension in (at.Dimension.SAFETY, at.Dimension.VALENCE, at.Dimension.EMOTION_WORDS):
        dimension = at.Dimension.BLAME
    lexicon = at.ReflectionLexicon().extend(dimension, [tag])
    text = f"Honestly you {tag} me, you always do."
    score = at.score_reflection(text, lexicon=lexicon)
    assert any(e.text == tag for e in score.evidence)
    assert tag not in _everything_shown(score)
    for evidence in score.evidence:
        assert tag not in _everything_shown(evidence)
    assert tag not in _everything_shown(at.antidotes(score))
    assert tag not in _everything_shown(at.score_reflections([text], lexicon=lexicon))


# Each custom lexicon is compiled afresh (about 80 ms), so fewer examples.
@settings(max_examples=25)
@given(markers, st.sampled_from(list(at.SafetyConcern)))
def test_a_referral_never_repeats_the_words_that_raised_it(
    tag: str, concern: at.SafetyConcern
) -> None:
    lexicon = at.ReflectionLexicon().extend(concern, [tag])
    score = at.score_reflection(f"Tonight I {tag}.", lexicon=lexicon)
    assert score.safety == frozenset({concern})
    referral = at.pick_prompt(at.default_catalog(), today=START, concerns=score.safety)
    assert isinstance(referral, at.Referral)
    assert tag not in _everything_shown(referral)
    assert tag not in referral.message


@given(st.lists(markers, min_size=1, max_size=4, unique=True), st.integers(0, 2**32))
def test_pick_reasons_never_repeat_goal_titles(titles: list[str], seed: int) -> None:
    goals = [
        at.Goal(
            id=f"goal-{index}",
            title=f"Our {title} evenings",
            practice=practice,
            cadence=at.Cadence(times=1, per=at.Period.WEEK),
            starts=START,
            addresses=frozenset(at.Sign),
        )
        for index, (title, practice) in enumerate(zip(titles, at.Practice, strict=False))
    ]
    picks = at.pick_prompts(at.default_catalog(), k=3, today=START, goals=goals, seed=seed)
    assert not isinstance(picks, at.Referral)
    for pick in picks:
        for title in titles:
            assert all(title not in reason for reason in pick.reasons)
            assert title not in _everything_shown(pick)


def _message(error: pytest.ExceptionInfo[at.ValidationError]) -> str:
    value = error.value
    return " ".join([str(value), repr(value), value.reason, value.path, *map(str, value.args)])


@given(markers)
def test_checkin_errors_never_repeat_the_text(tag: str) -> None:
    # More words than the 10,000-character limit allows.
    too_long = (tag + " ") * (10_000 // len(tag) + 1)
    not_unicode = f"{tag}\ud800"
    for field, value in [
        ("reflection", too_long),
        ("appreciation", too_long),
        ("reflection", not_unicode),
        ("appreciation", not_unicode),
    ]:
        text: dict[str, Any] = {field: value}
        with pytest.raises(at.ValidationError) as caught:
            at.CheckIn(partner_id="alex", on=START, closeness=4, felt_heard=3, stress=2, **text)
        assert caught.value.field == field
        assert tag not in _message(caught)


@given(markers)
def test_name_title_and_item_errors_never_repeat_the_text(tag: str) -> None:
    cases: list[tuple[Callable[[], object], str]] = [
        (lambda: at.Partner(id="alex", name=tag * 1000), "name"),
        (lambda: at.Partner(id=f"{tag} {tag}", name="Alex"), "id"),
        (lambda: at.Partner(id="alex", name=f"{tag}\udc00"), "name"),
        (
            lambda: at.Goal(
                id="g",
                title=tag * 1000,
                practice=at.Practice.CHECK_IN,
                cadence=at.Cadence(times=1, per=at.Period.WEEK),
                starts=START,
            ),
            "title",
        ),
        (lambda: at.Item(id="i", text=tag, subscale="i_position"), "subscale"),  # type: ignore[arg-type]
    ]
    for build, field in cases:
        with pytest.raises(at.ValidationError) as caught:
            build()
        assert caught.value.field == field
        assert tag not in _message(caught)


DOCUMENT_FIELDS = ["closeness", "on", "visibility", "signs", "events", "reflection", "stress"]


@given(markers, st.sampled_from(DOCUMENT_FIELDS))
def test_document_errors_never_repeat_the_stored_text(tag: str, field: str) -> None:
    data = {
        "partner_id": "alex",
        "on": "2026-01-05",
        "closeness": 4,
        "felt_heard": 3,
        "stress": 2,
        "signs": [],
        "reflection": f"I feel {tag}.",
        "appreciation": f"Thanks, {tag}.",
        "visibility": "private",
        "events": [],
    }
    # Put the text where it does not belong: in place of a number, a date, an
    # enum value, a set member, or as the wrong JSON kind.
    data[field] = [tag] if field == "reflection" else tag
    if field in ("signs", "events"):
        data[field] = [tag]
    document = json.dumps({"schema_version": 2, "data": data})
    with pytest.raises(at.ValidationError) as caught:
        at.from_json(document, at.CheckIn)
    assert caught.value.field == field
    assert tag not in _message(caught)
    # A document cut short mid-text: the parser's message is not repeated.
    with pytest.raises(at.ValidationError) as cut:
        at.from_json(document[: document.index(tag) + 4], at.CheckIn)
    assert tag not in _message(cut)
