"""Clauses and sentence ends: how far a negator reaches, where a question stops."""

from __future__ import annotations

import pytest

import attunement as at


def quotes(text: str, dimension: at.Dimension) -> list[str]:
    """The words quoted as evidence for one dimension."""
    return [e.text for e in at.score_reflection(text).evidence_for(dimension)]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("It's not fair, you never help.", "you never help"),
        ("No, you never help.", "you never help"),
        ("Not really; you never listen.", "you never listen"),
        ("I don't mind: you never listen anyway.", "you never listen"),
        ("Not again \u2014 you never listen.", "you never listen"),
        ("Not again \u2013 you never listen.", "you never listen"),
        ("Not again - you never listen.", "you never listen"),
    ],
)
def test_a_negator_before_a_clause_break_does_not_excuse_blame(text: str, quoted: str) -> None:
    assert quotes(text, at.Dimension.BLAME) == [quoted]


@pytest.mark.parametrize(
    "text",
    [
        "I don't blame you.",
        "I don't blame you, honestly.",
        "I never said you were lazy.",
        "I do not see why you never listen",
    ],
)
def test_a_negator_inside_the_clause_still_cancels(text: str) -> None:
    assert at.score_reflection(text).blame == 0.0


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Did you sleep well?\nok", "Did you sleep well?"),
        ("How was work?!", "How was work?"),
        ("Are you ok?? I worry.", "Are you ok?"),
        ("I worry. Did you eat?\n\n", "Did you eat?"),
    ],
)
def test_a_question_ends_at_its_first_mark(text: str, quoted: str) -> None:
    assert quotes(text, at.Dimension.CURIOSITY) == [quoted]


@pytest.mark.parametrize(
    "later",
    [" Ant and Dec - Warren Beatty!", " Ant and Dec!!!", " Ant and Dec?? Warren Beatty!"],
)
def test_marks_of_a_sentence_without_roles_stay_in_that_sentence(later: str) -> None:
    # The later sentence has no word with a role: its "!" and "?" must not be
    # counted into the sentence before it (whose valence they would boost).
    assert at.score_reflection("lol!" + later).valence == at.score_reflection("lol!").valence


def test_valence_does_not_depend_on_which_words_an_app_adds() -> None:
    text = "lol! Ant and Dec - Warren Beatty!"
    lexicon = at.ReflectionLexicon().extend(at.Dimension.WE_NESS, ["and us"])
    assert at.score_reflection(text, lexicon=lexicon).valence == at.score_reflection(text).valence
