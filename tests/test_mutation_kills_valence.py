"""VADER's published rules, checked one by one (found by mutation testing).

Each expected number is worked by hand from the constants of Hutto & Gilbert
(2014) as the module documents them: a negator multiplies by -0.74, a booster
adds 0.293 damped by 1.0/0.95/0.9 for one/two/three words back, each "!" adds
0.292 (at most four), two or more "?" add 0.18 each (at most 0.96), and sums
are normalised by x / sqrt(x * x + 15).
"""

from __future__ import annotations

import math

import pytest

import attunement as at
from attunement import _valence

BOOSTERS = {"very": 0.293, "slightly": -0.293}
GOOD = 1.9
BAD = -2.5
PROBLEM = -1.7
# sentence_sum takes "was there a but" positionally (a hot path).
NO_BUT = False


def normalise(total: float) -> float:
    # VADER's published normalisation, written out again on purpose.
    return total / math.sqrt(total * total + 15)


# ------------------------------------------------------------- negation by "no"


def test_no_negates_the_word_right_after_it() -> None:
    # Rule: "no problem" is read as a negated problem (VADER's "no" rule).
    value = _valence.adjust(PROBLEM, ["no", "problem"], 1, 0, {})
    assert value == pytest.approx(PROBLEM * -0.74)


def test_no_negates_the_second_word_after_it() -> None:
    # Rule: "no real problem": "no" reaches two words ahead.
    value = _valence.adjust(PROBLEM, ["no", "real", "problem"], 2, 0, {})
    assert value == pytest.approx(PROBLEM * -0.74)


def test_no_does_not_reach_three_words_ahead() -> None:
    value = _valence.adjust(PROBLEM, ["no", "x", "y", "problem"], 3, 0, {})
    assert value == PROBLEM


def test_no_in_the_previous_sentence_negates_nothing() -> None:
    # Rule: negation never crosses a sentence boundary ("No. Problem.").
    assert _valence.adjust(PROBLEM, ["no", ".", "problem"], 2, 2, {}) == PROBLEM
    assert _valence.adjust(PROBLEM, ["no", "problem"], 1, 1, {}) == PROBLEM


def test_a_no_later_in_the_text_does_not_reach_back() -> None:
    # Rule: negation only reads backwards from the word; a trailing "no" must
    # not wrap around to the first word of the text.
    assert _valence.adjust(PROBLEM, ["problem", "no"], 0, 0, {}) == PROBLEM
    assert _valence.adjust(PROBLEM, ["problem", "x", "no"], 0, 0, {}) == PROBLEM


def test_public_no_problem_reads_as_reassurance_not_as_a_problem() -> None:
    assert at.score_reflection("No problem.").valence > 0
    assert at.score_reflection("Problem.").valence < 0


# ------------------------------------------------------------------- boosters


def test_booster_right_before_adds_its_full_boost() -> None:
    value = _valence.adjust(GOOD, ["very", "good"], 1, 0, BOOSTERS)
    assert value == pytest.approx(GOOD + 0.293)


def test_booster_two_words_back_is_damped_to_95_percent() -> None:
    value = _valence.adjust(GOOD, ["very", "x", "good"], 2, 0, BOOSTERS)
    assert value == pytest.approx(GOOD + 0.293 * 0.95)


def test_booster_three_words_back_is_damped_to_90_percent() -> None:
    value = _valence.adjust(GOOD, ["very", "x", "y", "good"], 3, 0, BOOSTERS)
    assert value == pytest.approx(GOOD + 0.293 * 0.9)


def test_booster_four_words_back_is_out_of_reach() -> None:
    value = _valence.adjust(GOOD, ["very", "w", "x", "y", "good"], 4, 0, BOOSTERS)
    assert value == GOOD


def test_booster_two_back_counts_late_in_a_long_sentence() -> None:
    # The window slides with the word: the same rule at word six as at word three.
    tokens = ["a", "b", "c", "very", "x", "good"]
    value = _valence.adjust(GOOD, tokens, 5, 0, BOOSTERS)
    assert value == pytest.approx(GOOD + 0.293 * 0.95)


def test_booster_intensifies_negative_words_downwards() -> None:
    # Rule: "very bad" is worse than "bad" (the boost follows the word's sign).
    value = _valence.adjust(BAD, ["very", "bad"], 1, 0, BOOSTERS)
    assert value == pytest.approx(BAD - 0.293)


def test_booster_intensifies_mildly_positive_words_upwards() -> None:
    # "okay" is +0.9 in the lexicon: below 1 but still positive.
    okay = _valence.vader_lexicon()["okay"]
    assert 0 < okay < 1
    value = _valence.adjust(okay, ["very", "okay"], 1, 0, BOOSTERS)
    assert value == pytest.approx(okay + 0.293)


def test_dampener_softens_a_negative_word() -> None:
    # "slightly bad" is less bad than "bad".
    value = _valence.adjust(BAD, ["slightly", "bad"], 1, 0, BOOSTERS)
    assert value == pytest.approx(BAD + 0.293)


# ------------------------------------------------------- punctuation emphasis


def test_a_single_question_mark_adds_no_emphasis() -> None:
    assert _valence.sentence_sum(1.0, 0.0, NO_BUT, 0, 1) == 1.0


def test_two_question_marks_add_emphasis_per_mark() -> None:
    assert _valence.sentence_sum(1.0, 0.0, NO_BUT, 0, 2) == pytest.approx(1.36)
    assert _valence.sentence_sum(1.0, 0.0, NO_BUT, 0, 3) == pytest.approx(1.54)


def test_question_emphasis_is_capped() -> None:
    assert _valence.sentence_sum(1.0, 0.0, NO_BUT, 0, 10) == pytest.approx(1.96)


def test_question_and_exclamation_emphasis_add_up() -> None:
    total = _valence.sentence_sum(1.0, 0.0, NO_BUT, 1, 2)
    assert total == pytest.approx(1.0 + 0.292 + 0.36)


def test_emphasis_pushes_a_negative_sentence_further_down() -> None:
    assert _valence.sentence_sum(-1.0, 0.0, NO_BUT, 1, 0) == pytest.approx(-1.292)
    assert _valence.sentence_sum(-1.0, 0.0, NO_BUT, 0, 2) == pytest.approx(-1.36)


def test_emphasis_lifts_a_mildly_positive_sentence() -> None:
    assert _valence.sentence_sum(0.5, 0.0, NO_BUT, 1, 0) == pytest.approx(0.792)


def test_punctuation_alone_carries_no_valence() -> None:
    # Rule: "!!!" or "??" with no valence word stays exactly neutral.
    assert _valence.sentence_sum(0.0, 0.0, NO_BUT, 3, 3) == 0.0
    assert at.score_reflection("Tuesday!!! Tuesday??").valence == 0.0


# ------------------------------------------------------- short and long texts


def test_texts_up_to_sixty_words_are_normalised_as_one_unit() -> None:
    # SHORT_TEXT_WORDS is 60: at exactly 60 words, sums add before normalising.
    assert _valence.combine([1.0, 1.0], 60) == pytest.approx(normalise(2.0))


def test_longer_texts_average_their_sentences() -> None:
    assert _valence.combine([1.0, 1.0], 61) == pytest.approx(normalise(1.0))


# ------------------------------------------- offsets when lowercasing grows text


def test_offsets_stay_true_when_lowercasing_lengthens_the_text() -> None:
    # "\u0130".lower() is two characters: the spans must still point into the
    # original text, at the words as written.
    text = "\u0130 feel wonderful"
    tokens, offsets, _ = _valence.tokenize(text)
    assert tokens[1:] == ["feel", "wonderful"]
    assert offsets[:3] == [0, 2, 7]


def test_evidence_after_a_dotted_capital_i_quotes_the_right_words() -> None:
    score = at.score_reflection("\u0130stanbul was lovely. Thank you!")
    assert {e.text for e in score.evidence} == {"lovely", "Thank", "Thank you"}
