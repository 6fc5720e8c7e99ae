"""Reflection scoring rules and refusal reasons that mutation testing found unguarded.

The valence of a short, single-sentence text without "but" follows VADER's
published rules exactly, so the reference analyser shipped in the
``vaderSentiment`` package (Hutto & Gilbert 2014) is an independent oracle:
its ``compound`` score is our ``valence`` rounded to four decimals. The
library never calls that analyser; these tests do.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import attunement as at
from attunement import _valence

ANALYSER = SentimentIntensityAnalyzer()

# Lexicon words below and above 1 in size, negators and neutral fillers, in
# any case; boosters in lower or title case. Left out: "but" (weighed
# differently on purpose), "no" (VADER's own handling of a lone or final "no"
# differs from the rule documented here), idioms, and one-letter words (VADER
# counts a lone "I" as a capitalised word).
WORDS = (
    "good",
    "bad",
    "okay",
    "happy",
    "sad",
    "nice",
    "fun",
    "angry",
    "fresh",
    "hurt",
    "not",
    "never",
    "the",
    "food",
    "day",
    "we",
    "today",
    "and",
    "it",
    "was",
)
BOOSTERS = ("very", "extremely", "slightly", "really")
ENDINGS = ("", ".", "!", "!!", "!!!!!", "?", "??", "???", "????????")

# The same package, typed loosely: the refusals below pass wrong types on purpose.
AT: Any = at


def vader(text: str) -> float:
    return float(ANALYSER.polarity_scores(text)["compound"])


def normalise(total: float) -> float:
    return total / math.sqrt(total * total + 15)


@pytest.mark.parametrize(
    "text",
    [
        "The food is GOOD.",  # capitals add 0.733 to a positive word
        "The food is BAD.",  # and take 0.733 from a negative one
        "The food is OKAY.",  # also for a word below 1
        "THE FOOD IS GOOD.",  # but not when the whole text shouts
        "I am HAPPY and SAD.",
        "We are extremely HAPPY today!",
        "The food is very good.",  # a booster right before the word
        "The food is very fresh and good.",  # two and three words back
        "It was very much fun and good.",
        "The food is not very good.",  # negation and booster together
        "Good happy day.",  # neighbouring lexicon words each count
        "Is this good??",  # two question marks add emphasis
        "Is this good???",
        "Is this good?",  # one does not
        "Not bad at all?? Really good.",
    ],
)
def test_valence_matches_the_reference_vader_analyser(text: str) -> None:
    assert at.score_reflection(text).valence == pytest.approx(vader(text), abs=5e-5)


@given(
    words=st.lists(
        st.one_of(
            st.tuples(st.sampled_from(WORDS), st.sampled_from(("lower", "upper", "title"))),
            st.tuples(st.sampled_from(BOOSTERS), st.sampled_from(("lower", "title"))),
        ),
        min_size=1,
        max_size=8,
    ),
    ending=st.sampled_from(ENDINGS),
)
def test_single_sentences_match_the_reference_vader_analyser(
    words: list[tuple[str, str]], ending: str
) -> None:
    text = " ".join(getattr(word, case)() for word, case in words) + ending
    assert at.score_reflection(text).valence == pytest.approx(vader(text), abs=5e-5)


def test_but_discounts_the_clause_before_it_and_keeps_the_one_after() -> None:
    # Our documented variant: words before "but" count 0.4, words after it 1.0.
    lexicon = _valence.vader_lexicon()
    before = lexicon["good"] + lexicon["nice"]
    after = lexicon["bad"] + lexicon["sad"]
    expected = normalise(0.4 * before + 1.0 * after)
    assert at.score_reflection("Good and nice, but bad and sad.").valence == pytest.approx(
        expected
    )


def test_valence_evidence_quotes_the_valence_words_themselves() -> None:
    score = at.score_reflection("The food is good, the day was sad.")
    quoted = [(e.text, e.start) for e in score.evidence_for(at.Dimension.VALENCE)]
    assert quoted == [("good", 12), ("sad", 30)]


@pytest.mark.parametrize(
    ("text", "emotion", "valence_words"),
    [
        ("Tender yet darkly funny.", "Tender", ["funny"]),
        ("I have seen the excitement.", "seen", ["excitement"]),
    ],
)
def test_an_emotion_word_without_valence_is_not_quoted_as_valence(
    text: str, emotion: str, valence_words: list[str]
) -> None:
    # Rule: valence evidence quotes only words that carry valence; a word of
    # the emotion list that VADER gives no valence is emotion evidence alone.
    score = at.score_reflection(text)
    assert [e.text for e in score.evidence_for(at.Dimension.EMOTION_WORDS)] == [emotion]
    assert [e.text for e in score.evidence_for(at.Dimension.VALENCE)] == valence_words


def test_a_capitalised_booster_gets_capital_emphasis_as_in_vader() -> None:
    text = "The food is VERY good."
    assert at.score_reflection(text).valence == pytest.approx(vader(text), abs=5e-5)


def test_curiosity_evidence_starts_at_the_question_and_quotes_whole_words() -> None:
    text = "Hello. What do you need from me?"
    score = at.score_reflection(text)
    (question,) = score.evidence_for(at.Dimension.CURIOSITY)
    assert question.start == text.index("What")
    assert question.text.startswith("What ")
    # The span ends at the end of a word, never inside one or on a space.
    assert text[question.end - 1].isalpha()
    assert not text[question.end].isalpha()


def test_each_open_question_counts_once() -> None:
    score = at.score_reflection("What do you need from me? How was your day?")
    assert score.curiosity == 2.0


@pytest.mark.parametrize(
    ("text", "empathy"),
    [
        ("I hear you", 1.0),
        ("I hear", 0.0),  # a * stands for a word: the end of the text is none
        ("I hear.", 0.0),  # nor is a sentence mark
        ("We walk home together", 1.0),
        ("We walk together", 0.0),  # two * need two words
    ],
)
def test_a_wildcard_stands_for_exactly_one_word(text: str, empathy: float) -> None:
    lexicon = at.ReflectionLexicon().extend(at.Dimension.EMPATHY, ["i hear *", "we * * together"])
    assert at.score_reflection(text, lexicon=lexicon).empathy == empathy


# ------------------------------------------------------------------ refusals

PHRASE_RULE = (
    "must be a phrase of at least one word, not starting with * and with no "
    "sentence punctuation (. ! ?) inside"
)

REFUSALS: list[tuple[str, Callable[[], object], str, str]] = [
    (
        "dimension",
        lambda: AT.Evidence(dimension="blame", start=0, end=1, text="x"),
        "$.dimension",
        "must be a Dimension",
    ),
    (
        "start",
        lambda: AT.Evidence(dimension=at.Dimension.BLAME, start=-1, end=1, text="x"),
        "$.start",
        "must be a non-negative integer",
    ),
    (
        "end",
        lambda: AT.Evidence(dimension=at.Dimension.BLAME, start=1, end=1, text=""),
        "$.end",
        "must be an integer greater than start",
    ),
    (
        "text type",
        lambda: AT.Evidence(dimension=at.Dimension.BLAME, start=0, end=1, text=1),
        "$.text",
        "must be a string",
    ),
    (
        "text length",
        lambda: AT.Evidence(dimension=at.Dimension.BLAME, start=0, end=2, text="x"),
        "$.text",
        "must be as long as the span end - start",
    ),
    (
        "safety concern",
        lambda: AT.Evidence(dimension=at.Dimension.SAFETY, start=0, end=1, text="x"),
        "$.concern",
        "must be a SafetyConcern for safety evidence",
    ),
    (
        "concern elsewhere",
        lambda: AT.Evidence(
            dimension=at.Dimension.BLAME,
            start=0,
            end=1,
            text="x",
            concern=at.SafetyConcern.SELF_HARM,
        ),
        "$.concern",
        "must be null unless the dimension is safety",
    ),
    ("amount", lambda: AT.ReflectionScore(blame=-1.0), "$.blame", "must be a finite number >= 0"),
    (
        "valence",
        lambda: AT.ReflectionScore(valence=1.5),
        "$.valence",
        "must be a number from -1 to 1",
    ),
    ("count", lambda: AT.ReflectionScore(words=-1), "$.words", "must be a non-negative integer"),
    (
        "evidence",
        lambda: AT.ReflectionScore(evidence=[]),
        "$.evidence",
        "must be a tuple of Evidence",
    ),
    (
        "evidence item",
        lambda: AT.ReflectionScore(evidence=("x",)),
        "$.evidence[0]",
        "must be an Evidence",
    ),
    (
        "safety",
        lambda: AT.ReflectionScore(safety={at.SafetyConcern.SELF_HARM}),
        "$.safety",
        "must be a frozenset of SafetyConcern",
    ),
    (
        "additions",
        lambda: AT.ReflectionLexicon(additions=[]),
        "$.additions",
        "must be a tuple of (Dimension or SafetyConcern, phrase) pairs",
    ),
    (
        "addition pair",
        lambda: AT.ReflectionLexicon(additions=(("x",),)),
        "$.additions[0]",
        "must be a tuple of (Dimension or SafetyConcern, phrase) pairs",
    ),
    (
        "addition target",
        lambda: AT.ReflectionLexicon(additions=((at.Dimension.VALENCE, "great"),)),
        "$.additions[0]",
        "must name a relational Dimension or a SafetyConcern",
    ),
    (
        "addition phrase",
        lambda: AT.ReflectionLexicon(additions=((at.Dimension.BLAME, "*"),)),
        "$.additions[0]",
        PHRASE_RULE,
    ),
    (
        "addition with an unclosed group",
        lambda: AT.ReflectionLexicon(additions=((at.Dimension.BLAME, "you {never|rarely"),)),
        "$.additions[0]",
        "has a { with no } after it",
    ),
    (
        "addition with a stray closing brace",
        lambda: AT.ReflectionLexicon(additions=((at.Dimension.BLAME, "you never}"),)),
        "$.additions[0]",
        "has a } with no { before it",
    ),
    (
        "addition with a nested group",
        lambda: AT.ReflectionLexicon(
            additions=((at.Dimension.BLAME, "you {never|{hardly|barely} ever}"),)
        ),
        "$.additions[0]",
        "must not put a {...} group inside another",
    ),
    (
        "addition with a group glued to the word before",
        lambda: AT.ReflectionLexicon(additions=((at.Dimension.BLAME, "you un{kind|fair}"),)),
        "$.additions[0]",
        "must leave a space before a {...} group",
    ),
    (
        "addition with a group glued to the word after",
        lambda: AT.ReflectionLexicon(additions=((at.Dimension.BLAME, "you {walk|talk}ed out"),)),
        "$.additions[0]",
        "must leave a space after a {...} group",
    ),
    (
        "addition with a bar outside a group",
        lambda: AT.ReflectionLexicon(additions=((at.Dimension.BLAME, "you never|rarely"),)),
        "$.additions[0]",
        "has a | outside a {...} group",
    ),
    (
        "addition phrase with punctuation",
        lambda: AT.ReflectionLexicon(additions=((at.Dimension.BLAME, "word."),)),
        "$.additions[0]",
        PHRASE_RULE,
    ),
    (
        "phrases string",
        lambda: AT.ReflectionLexicon().extend(at.Dimension.BLAME, "you never"),
        "$.phrases",
        "must be a list of phrases, not one string",
    ),
    ("text", lambda: AT.score_reflection(b"hi"), "$.text", "must be a string"),
    (
        "lexicon",
        lambda: AT.score_reflection("hi", lexicon={}),
        "$.lexicon",
        "must be a ReflectionLexicon or None",
    ),
    ("score", lambda: AT.antidotes("score"), "$.score", "must be a ReflectionScore"),
]


def antidote(**changes: Any) -> at.Antidote:
    found = at.antidotes(at.score_reflection("You never listen to me."))[0]
    return attrs.evolve(found, **changes)


REFUSALS += [
    (
        "antidote pattern",
        lambda: antidote(pattern=at.Dimension.WE_NESS),
        "$.pattern",
        (
            "must be one of the dimensions with an antidote: "
            "blame, contempt, defensiveness, absolutism"
        ),
    ),
    ("antidote name", lambda: antidote(name="  "), "$.name", "must be a non-blank string"),
    (
        "antidote evidence",
        lambda: antidote(evidence=()),
        "$.evidence",
        "must hold at least one Evidence",
    ),
    (
        "too many additions",
        lambda: at.ReflectionLexicon(additions=((at.Dimension.BLAME, "you forget"),) * 10_001),
        "$.additions",
        "must hold at most 10000 phrases",
    ),
    (
        "phrase too long",
        lambda: at.ReflectionLexicon(additions=((at.Dimension.BLAME, "x" * 201),)),
        "$.additions[0]",
        "must be at most 200 characters and stand for at most 256 word sequences",
    ),
]


@pytest.mark.parametrize(
    ("call", "path", "reason"),
    [pytest.param(call, path, reason, id=name) for name, call, path, reason in REFUSALS],
)
def test_each_refusal_states_where_and_why(
    call: Callable[[], object],
    path: str,
    reason: str,
    assert_refused: Callable[[Callable[[], object], str, str], None],
) -> None:
    assert_refused(call, path, reason)


def test_valence_bounds_are_inclusive() -> None:
    # A text can be scored at exactly -1 or 1 after rounding, and must load back.
    assert at.ReflectionScore(valence=1.0).valence == 1.0
    assert at.ReflectionScore(valence=-1.0).valence == -1.0
    with pytest.raises(at.ValidationError):
        at.ReflectionScore(valence=-1.5)


def test_the_documented_limits_are_inclusive() -> None:
    # 10,000 additions of up to 200 characters each are accepted (docs: limits page).
    full = at.ReflectionLexicon(additions=((at.Dimension.BLAME, "you forget"),) * 10_000)
    assert len(full.additions) == 10_000
    longest = at.ReflectionLexicon(additions=((at.Dimension.BLAME, "x" * 200),))
    assert len(longest.additions) == 1


def test_a_default_score_is_all_zero() -> None:
    # Documented: each relational dimension is exactly 0.0 when nothing matched.
    score = at.ReflectionScore()
    assert score.blame == score.ownership == score.appreciation == 0.0
    assert score == at.score_reflection("")
