"""Reflection scoring: dimensions, evidence, valence, safety, antidotes, models."""

from __future__ import annotations

import json
import math
import pickle
from importlib import resources

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import attunement as at
from attunement import _reflections, _valence
from attunement import strategies as ats

RELATIONAL = (
    "ownership",
    "blame",
    "absolutism",
    "we_ness",
    "empathy",
    "defensiveness",
    "contempt",
    "curiosity",
    "appreciation",
)
NEUTRAL_SENTENCES = (
    "The train left at nine.",
    "We bought bread and milk.",
    "It rained on Thursday.",
    "The meeting moved to the blue room.",
)


def normalise(total: float) -> float:
    # VADER's published normalisation, written out again here on purpose.
    return total / math.sqrt(total * total + 15)


def lexicon_value(word: str) -> float:
    return _valence.vader_lexicon()[word]


# ------------------------------------------------------------ dimensions


def test_a_gentle_start_up_reads_as_ownership_and_we_ness() -> None:
    score = at.score_reflection("I feel lonely lately. Can we talk tonight?")
    assert (score.ownership, score.we_ness, score.curiosity) == (1.0, 1.0, 1.0)
    assert (score.blame, score.contempt, score.defensiveness) == (0.0, 0.0, 0.0)
    assert (score.emotion_words, score.negative_emotion_words) == (1, 1)
    assert score.words == 8


def test_nothing_matched_means_exactly_zero() -> None:
    score = at.score_reflection("The train left at nine.")
    assert all(getattr(score, name) == 0.0 for name in RELATIONAL)
    assert score.emotion_words == 0
    assert score.safety == frozenset()


def test_empty_text_scores_zero_words() -> None:
    score = at.score_reflection("")
    assert score.words == 0
    assert score.valence == 0.0
    assert score.evidence == ()


def test_blame_and_its_absolutist_word_are_both_counted() -> None:
    source = "You never listen to me."
    score = at.score_reflection(source)
    assert score.blame == 1.0
    assert score.absolutism == 1.0
    blame = score.evidence_for(at.Dimension.BLAME)
    assert [source[e.start : e.end] for e in blame] == ["You never listen"]


def test_negation_cancels_blame() -> None:
    assert at.score_reflection("I don't blame you.").blame == 0.0
    assert at.score_reflection("I blame you.").blame == 1.0


def test_never_fail_to_is_appreciation_not_blame() -> None:
    score = at.score_reflection("You never fail to make me laugh.")
    assert score.appreciation > 0
    assert score.blame == 0.0
    assert score.absolutism == 0.0


def test_self_directed_absolutes_are_not_blame() -> None:
    score = at.score_reflection("I always forget to ask.")
    assert score.blame == 0.0
    assert score.absolutism == 1.0


def test_self_directed_insult_is_not_contempt() -> None:
    assert at.score_reflection("I'm such an idiot.").contempt == 0.0
    assert at.score_reflection("You're such an idiot.").contempt == 1.0


def test_admiration_counts_half_and_only_about_the_partner() -> None:
    # Thanks weigh 1; admiration of the partner ("so thoughtful") weighs 0.5.
    assert at.score_reflection("You were so thoughtful.").appreciation == 0.5
    assert at.score_reflection("The hotel was so thoughtful.").appreciation == 0.0
    assert at.score_reflection("Thank you.").appreciation == 1.0


def test_an_accusing_question_is_not_curiosity() -> None:
    assert at.score_reflection("Why do you always do this?").curiosity == 0.0
    assert at.score_reflection("How was your day?").curiosity == 1.0


@pytest.mark.parametrize(
    ("text", "curious"),
    [
        ("You free tonight?", 1.0),  # names the partner: an invitation
        ("Dinner with you on Friday?", 1.0),
        ("I guess?", 0.0),  # about oneself, with no question word
        ("Long day for me?", 0.0),
        ("Me again?", 0.0),
    ],
)
def test_a_question_without_a_question_word_is_curiosity_only_about_the_partner(
    text: str, curious: float
) -> None:
    assert at.score_reflection(text).curiosity == curious


def test_distinct_emotion_words_are_counted_once_each() -> None:
    score = at.score_reflection("Sad. So sad. Sad and happy.")
    assert (score.emotion_words, score.positive_emotion_words) == (2, 1)
    assert score.negative_emotion_words == 1
    assert len(score.evidence_for(at.Dimension.EMOTION_WORDS)) == 4


def test_an_emotion_word_that_starts_a_phrase_still_counts_as_an_emotion_word() -> None:
    # "afraid" starts phrases ("afraid of him" is a safety cue) and has no
    # lexicon valence: neither takes it out of the emotion words.
    for text in ("I am afraid we drifted.", "I am afraid of him."):
        score = at.score_reflection(text)
        assert (score.emotion_words, score.negative_emotion_words) == (1, 1)
        assert [e.text for e in score.evidence_for(at.Dimension.EMOTION_WORDS)] == ["afraid"]
    assert at.score_reflection("I am afraid of him.").safety == {at.SafetyConcern.PARTNER_VIOLENCE}


def test_curly_apostrophes_read_like_straight_ones() -> None:
    curly = at.score_reflection("I don\u2019t blame you, I\u2019m sorry.")
    straight = at.score_reflection("I don't blame you, I'm sorry.")
    assert curly.blame == straight.blame == 0.0
    assert curly.ownership == straight.ownership == 1.0
    assert [e.text for e in curly.evidence_for(at.Dimension.OWNERSHIP)] == ["I\u2019m sorry"]


def test_case_does_not_matter_but_capitals_add_emphasis() -> None:
    assert at.score_reflection("YOU NEVER LISTEN.").blame == 1.0
    quiet = at.score_reflection("this is good, i think").valence
    loud = at.score_reflection("this is GOOD, i think").valence
    assert loud > quiet > 0


def test_text_whose_lowercase_is_longer_keeps_valid_spans() -> None:
    source = "\u0130stanbul was lovely. Thank you!"
    score = at.score_reflection(source)
    assert score.appreciation == 1.0
    assert all(source[e.start : e.end] == e.text for e in score.evidence)


def test_a_str_subclass_is_scored_like_a_str() -> None:
    class Note(str):
        __slots__ = ()

    assert at.score_reflection(Note("Thank you")) == at.score_reflection("Thank you")


# ---------------------------------------------------------------- valence


def test_valence_of_one_word_follows_vader_normalisation() -> None:
    good = lexicon_value("good")
    assert at.score_reflection("The food is good.").valence == pytest.approx(normalise(good))


def test_negation_flips_and_dampens_valence() -> None:
    good = lexicon_value("good")
    expected = normalise(good * _valence.NEGATION_SCALAR)
    assert at.score_reflection("The food is not good.").valence == pytest.approx(expected)


def test_boosters_raise_valence() -> None:
    good = lexicon_value("good")
    expected = normalise(good + _valence.BOOST_UP)
    assert at.score_reflection("The food is very good.").valence == pytest.approx(expected)


def test_no_negates_the_words_after_it() -> None:
    problem = lexicon_value("problem")
    expected = normalise(problem * _valence.NEGATION_SCALAR)
    assert at.score_reflection("I had no problem.").valence == pytest.approx(expected)


def test_but_weights_the_clause_after_it() -> None:
    good, bad = lexicon_value("good"), lexicon_value("bad")
    expected = normalise(_valence.BEFORE_BUT * good + _valence.AFTER_BUT * bad)
    assert at.score_reflection("The food was good but the service was bad.").valence == (
        pytest.approx(expected)
    )


def test_exclamation_marks_add_emphasis_up_to_four() -> None:
    good = lexicon_value("good")
    assert at.score_reflection("good!!").valence == pytest.approx(
        normalise(good + 2 * _valence.EXCLAMATION_BOOST)
    )
    assert at.score_reflection("good!!!!!!!").valence == pytest.approx(
        normalise(good + 4 * _valence.EXCLAMATION_BOOST)
    )


def test_multi_word_lexicon_entries_match() -> None:
    # "fed up" and "can't stand" are single entries of the VADER lexicon.
    assert at.score_reflection("I'm fed up.").valence == pytest.approx(normalise(-1.8))
    assert at.score_reflection("I can't stand it.").valence == pytest.approx(normalise(-2.0))


def test_long_texts_do_not_saturate() -> None:
    good = lexicon_value("good")
    long_text = " ".join(["It was good."] * 200)
    assert at.score_reflection(long_text).valence == pytest.approx(normalise(good))


def test_the_lexicon_is_read_from_the_installed_package() -> None:
    lexicon = _valence.vader_lexicon()
    assert len(lexicon) > 7000
    assert _valence.vader_lexicon() is lexicon


# ----------------------------------------------------------------- safety


def test_negation_never_silences_a_concern() -> None:
    score = at.score_reflection("I'm not saying I want to die, but I'm exhausted.")
    assert score.safety == frozenset({at.SafetyConcern.SELF_HARM})
    [evidence] = score.evidence_for(at.Dimension.SAFETY)
    assert evidence.concern is at.SafetyConcern.SELF_HARM
    assert evidence.text == "want to die"


def test_idioms_do_not_fire() -> None:
    assert at.score_reflection("We killed it at trivia!").safety == frozenset()
    assert at.score_reflection("I'm dying to see that film.").safety == frozenset()


def test_both_concerns_can_be_found_together() -> None:
    score = at.score_reflection("He choked me and now I want to die.")
    assert score.safety == frozenset(at.SafetyConcern)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("He pushed me to the ground.", "pushed me"),
        ("He pushes me to the wall when he's angry.", "pushes me"),
        ("He pushed me away and I fell down the stairs.", "pushed me"),
        ("He hit me up against the wall.", "hit me"),
        ("He threw me a punch.", "threw me"),
        ("He grabbed me a few times by the throat.", "grabbed me"),
        ("He beat me at home.", "beat me"),
    ],
)
def test_an_idiom_without_its_harmless_continuation_cancels_nothing(text: str, cue: str) -> None:
    # "pushed me to", "hit me up", "threw me a", "grabbed me a" and "beat me at"
    # once cancelled the cue on their own; before a place or a blow they are danger.
    score = at.score_reflection(text)
    assert score.safety == frozenset({at.SafetyConcern.PARTNER_VIOLENCE})
    assert [e.text for e in score.evidence_for(at.Dimension.SAFETY)] == [cue]


@pytest.mark.parametrize(
    "text",
    [
        "My coach pushed me to try out.",
        "Hit me up later.",
        "She threw me a surprise party.",
        "He grabbed me a coffee.",
        "She beat me at chess again.",
        "Work is pushing me to my limits.",
    ],
)
def test_an_idiom_with_its_harmless_continuation_still_cancels_the_cue(text: str) -> None:
    assert at.score_reflection(text).safety == frozenset()


@pytest.mark.parametrize(
    ("text", "concern"),
    [
        ("I don't have a plan to end it, not yet.", at.SafetyConcern.SELF_HARM),
        ("I'm not going to end it tonight, I think.", at.SafetyConcern.SELF_HARM),
        ("I wouldn't say there's no point living.", at.SafetyConcern.SELF_HARM),
        ("Not that I might as well be dead or anything.", at.SafetyConcern.SELF_HARM),
        ("I'm not saying he scares me, but I stay quiet.", at.SafetyConcern.PARTNER_VIOLENCE),
        ("It's not like he hurt me badly.", at.SafetyConcern.PARTNER_VIOLENCE),
        (
            "He never said I can't see my friends, he just sulks.",
            at.SafetyConcern.PARTNER_VIOLENCE,
        ),
    ],
)
def test_negation_never_silences_the_newer_phrasings(text: str, concern: at.SafetyConcern) -> None:
    assert at.score_reflection(text).safety == frozenset({concern})


@pytest.mark.parametrize(
    "text",
    [
        "The movie scared me.",
        "It scares me how much I love you.",
        "I hurt my knee.",
        "There's no reason to be upset.",
        "There's no point trying to argue.",
        "I can't see my friends this weekend.",
        "I'm going to end it with him tonight.",
    ],
)
def test_look_alikes_of_the_newer_phrasings_stay_silent(text: str) -> None:
    assert at.score_reflection(text).safety == frozenset()


# ------------------------------------------------ narrower relational cues


@pytest.mark.parametrize(
    ("text", "gesture"),
    [
        ("I rolled my eyes.", "rolled my eyes"),
        ("You rolled your eyes at me.", "rolled your eyes"),
        ("He rolled his eyes.", "rolled his eyes"),
        ("You always roll your eyes at me.", "roll your eyes"),
        ("*rolls eyes*", "rolls eyes"),
        ("Another eyeroll.", "eyeroll"),
    ],
)
def test_eye_rolling_by_anyone_is_contempt(text: str, gesture: str) -> None:
    score = at.score_reflection(text)
    assert [e.text for e in score.evidence_for(at.Dimension.CONTEMPT)] == [gesture]


@pytest.mark.parametrize(
    "text",
    [
        "lmao that was so funny, thank you",
        "I'll pick you up at six as usual.",
        "No wonder you're tired, you worked so hard.",
        "It was a typical Sunday.",
        "Ugh, I miss you so much.",
        "The stupid printer jammed again.",
    ],
)
def test_sneering_words_aimed_at_nobody_bring_no_contempt_antidote(text: str) -> None:
    score = at.score_reflection(text)
    assert score.contempt == 0.0
    assert [a.pattern for a in at.antidotes(score) if a.pattern is at.Dimension.CONTEMPT] == []


@pytest.mark.parametrize(
    ("text", "sneer"),
    [
        ("You were late as usual.", "You were late as usual"),
        ("You forgot again, ugh.", "ugh"),
        ("Typical you.", "Typical you"),
        ("You're being ridiculous.", "ridiculous"),
        ("No wonder you never call.", "No wonder you never"),
    ],
)
def test_sneering_words_aimed_at_the_partner_are_contempt(text: str, sneer: str) -> None:
    score = at.score_reflection(text)
    assert [e.text for e in score.evidence_for(at.Dimension.CONTEMPT)] == [sneer]


def test_what_about_you_as_a_question_back_is_curiosity() -> None:
    score = at.score_reflection("I had a lovely day. What about you?")
    assert score.defensiveness == 0.0
    assert [e.text for e in score.evidence_for(at.Dimension.CURIOSITY)] == ["What about you?"]


def test_what_about_you_as_a_counter_attack_is_still_defensive() -> None:
    score = at.score_reflection("What about you, you never do it either!")
    assert score.defensiveness == 1.0
    assert score.curiosity == 0.0


def test_but_you_before_a_complaint_is_blame_not_defensiveness() -> None:
    score = at.score_reflection("I love you but you never call.")
    assert score.defensiveness == 0.0
    assert [a.pattern for a in at.antidotes(score)] == [
        at.Dimension.BLAME,
        at.Dimension.ABSOLUTISM,
    ]
    # "but you ... too" still turns the complaint back on the partner.
    assert at.score_reflection("I forgot, but you forgot too.").defensiveness == 1.0


def test_for_you_and_for_me_need_a_feeling_or_a_burden() -> None:
    assert at.score_reflection("I bought flowers for you.").empathy == 0.0
    assert at.score_reflection("I'm so happy for you.").empathy == 1.0
    assert at.score_reflection("It's been hard for me lately.").ownership == 1.0
    assert at.score_reflection("You cooked for me.").ownership == 0.0


@pytest.mark.parametrize(
    ("text", "thanks"),
    [
        ("I can't thank you enough.", "can't thank you enough"),
        ("I don't know what I'd do without you.", "don't know what I'd do without you"),
        ("Not a day goes by that I'm not grateful.", "Not a day goes by that I'm not grateful"),
    ],
)
def test_thanks_phrased_with_a_negator_is_appreciation(text: str, thanks: str) -> None:
    score = at.score_reflection(text)
    assert [e.text for e in score.evidence_for(at.Dimension.APPRECIATION)] == [thanks]


def test_thanks_that_never_came_is_not_appreciation() -> None:
    # "not" is four words before "thank": past the negation window, so an
    # exception cancels it.
    assert at.score_reflection("Not once did you thank me.").appreciation == 0.0
    assert at.score_reflection("Not once has he thanked me.").appreciation == 0.0


def test_youre_without_an_apostrophe_is_the_partner() -> None:
    score = at.score_reflection("Youre never there for me.")
    assert [e.text for e in score.evidence_for(at.Dimension.BLAME)] == ["Youre never"]
    assert score.ownership == 0.0


@given(ats.reflection_texts(), st.lists(st.sampled_from(NEUTRAL_SENTENCES), max_size=5))
def test_appending_neutral_sentences_never_creates_a_concern(
    text: str, neutral: list[str]
) -> None:
    extended = text + "\n" + " ".join(neutral)
    assert at.score_reflection(extended).safety == at.score_reflection(text).safety


# --------------------------------------------------------------- lexicon


def test_an_app_can_add_its_own_phrases() -> None:
    lexicon = at.ReflectionLexicon().extend(at.Dimension.APPRECIATION, ["cheers {love|mate}"])
    assert at.score_reflection("Cheers mate.", lexicon=lexicon).appreciation == 1.0
    assert at.score_reflection("Cheers mate.").appreciation == 1.0  # "cheers" is built in
    assert at.score_reflection("Ta love.", lexicon=lexicon).appreciation == 0.0


def test_additions_follow_their_dimensions_rules() -> None:
    lexicon = at.ReflectionLexicon().extend(at.Dimension.BLAME, ["you forgot the bins"])
    assert at.score_reflection("You forgot the bins.", lexicon=lexicon).blame == 1.0
    # Blame is negatable: a negator just before cancels the addition too.
    assert at.score_reflection("Not you forgot the bins.", lexicon=lexicon).blame == 0.0


def test_an_app_can_add_safety_cues() -> None:
    lexicon = at.ReflectionLexicon().extend(at.SafetyConcern.SELF_HARM, ["unalive myself"])
    assert at.score_reflection("I could unalive myself.", lexicon=lexicon).safety == (
        frozenset({at.SafetyConcern.SELF_HARM})
    )


def test_wildcards_and_optional_words_in_phrases() -> None:
    lexicon = at.ReflectionLexicon().extend(at.Dimension.EMPATHY, ["i {really|} feel * pain"])
    assert at.score_reflection("I really feel your pain", lexicon=lexicon).empathy == 1.0
    assert at.score_reflection("I feel their pain", lexicon=lexicon).empathy == 1.0
    assert at.score_reflection("I feel. pain", lexicon=lexicon).empathy == 0.0


@pytest.mark.parametrize(
    "target", [at.Dimension.VALENCE, at.Dimension.SAFETY, at.Dimension.EMOTION_WORDS, "blame"]
)
def test_only_relational_dimensions_and_concerns_can_be_extended(target: object) -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.ReflectionLexicon().extend(target, ["anything"])  # type: ignore[arg-type]
    assert caught.value.field == "additions"
    assert caught.value.path == "$.additions[0]"


@pytest.mark.parametrize("phrase", ["", "   ", "* alone", "{unclosed", "!!!", 7])
def test_a_phrase_needs_a_word(phrase: object) -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.ReflectionLexicon().extend(at.Dimension.BLAME, [phrase])  # type: ignore[list-item]
    assert caught.value.path == "$.additions[0]"


def test_the_packaged_word_lists_follow_the_phrase_syntax_apps_must_follow() -> None:
    # The rules an app's phrases are held to (no stray, nested or unclosed
    # groups) hold for every phrase the library ships.
    phrases: list[str] = []

    def collect(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key != "about":  # prose for people, not phrases
                    collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)
        elif isinstance(node, str):
            phrases.append(node)

    for name in ("reflection_patterns.json", "safety_patterns.json"):
        collect(json.loads(resources.files("attunement").joinpath("data", name).read_text()))
    assert len(phrases) > 800
    assert [p for p in phrases if _reflections._group_problem(p) is not None] == []


def test_phrases_must_be_a_list_not_one_string() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.ReflectionLexicon().extend(at.Dimension.BLAME, "you never")
    assert caught.value.field == "phrases"


@pytest.mark.parametrize("additions", [[], ((at.Dimension.BLAME,),), ("x",)])
def test_lexicon_additions_must_be_pairs(additions: object) -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.ReflectionLexicon(additions=additions)  # type: ignore[arg-type]
    assert caught.value.field == "additions"


# ------------------------------------------------------------- antidotes


def test_each_horseman_gets_its_antidote_with_evidence() -> None:
    source = "You never help. Whatever. It's not my fault."
    found = at.antidotes(at.score_reflection(source))
    assert [a.pattern for a in found] == [
        at.Dimension.BLAME,
        at.Dimension.CONTEMPT,
        at.Dimension.DEFENSIVENESS,
        at.Dimension.ABSOLUTISM,
    ]
    assert found[0].template == "I feel ___ about ___. I need ___."
    assert all(a.evidence for a in found)
    assert found[1].evidence[0].text == "Whatever"


def test_a_gentle_reflection_needs_no_antidote() -> None:
    assert at.antidotes(at.score_reflection("I miss you. Thank you for today.")) == ()


def test_no_antidote_is_offered_when_safety_is_in_question() -> None:
    # Safety overrides everything: no conflict exercise, professional help first.
    text = "You never listen. Sometimes I want to die."
    score = at.score_reflection(text)
    assert at.SafetyConcern.SELF_HARM in score.safety
    assert score.blame > 0
    assert at.antidotes(score) == ()


def test_antidotes_need_a_score() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.antidotes("You never help.")  # type: ignore[arg-type]
    assert caught.value.field == "score"


def _evidence(dimension: at.Dimension = at.Dimension.BLAME) -> at.Evidence:
    return at.Evidence(dimension=dimension, start=0, end=3, text="you")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pattern", at.Dimension.WE_NESS),
        ("pattern", "blame"),
        ("name", ""),
        ("advice", 3),
        ("template", "  "),
        ("evidence", ()),
        ("evidence", ("x",)),
        ("evidence", [1]),
    ],
)
def test_antidote_fields_are_validated(field: str, value: object) -> None:
    values: dict[str, object] = {
        "pattern": at.Dimension.BLAME,
        "name": "n",
        "advice": "a",
        "template": "t",
        "evidence": (_evidence(),),
    }
    values[field] = value
    with pytest.raises(at.ValidationError) as caught:
        at.Antidote(**values)  # type: ignore[arg-type]
    assert caught.value.field == field


# ---------------------------------------------------------- validation


def test_text_must_be_a_string() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.score_reflection(b"bytes")  # type: ignore[arg-type]
    assert caught.value.field == "text"


def test_lexicon_must_be_a_lexicon() -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.score_reflection("hi", lexicon={"blame": ["x"]})  # type: ignore[arg-type]
    assert caught.value.field == "lexicon"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("dimension", "blame"),
        ("start", -1),
        ("start", 1.0),
        ("end", 0),
        ("end", True),
        ("text", "yo"),
        ("text", None),
        ("concern", at.SafetyConcern.SELF_HARM),
    ],
)
def test_evidence_fields_are_validated(field: str, value: object) -> None:
    values: dict[str, object] = {
        "dimension": at.Dimension.BLAME,
        "start": 0,
        "end": 3,
        "text": "you",
    }
    values[field] = value
    with pytest.raises(at.ValidationError) as caught:
        at.Evidence(**values)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_safety_evidence_must_name_its_concern() -> None:
    with pytest.raises(at.ValidationError) as caught:
        _evidence(at.Dimension.SAFETY)
    assert caught.value.field == "concern"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("blame", -1.0),
        ("blame", 1),
        ("appreciation", math.inf),
        ("ownership", math.nan),
        ("valence", 1.5),
        ("valence", 0),
        ("words", -1),
        ("emotion_words", 1.0),
        ("evidence", [_evidence()]),
        ("evidence", ("x",)),
        ("safety", {at.SafetyConcern.SELF_HARM}),
        ("safety", frozenset({"self_harm"})),
    ],
)
def test_score_fields_are_validated(field: str, value: object) -> None:
    with pytest.raises(at.ValidationError) as caught:
        at.ReflectionScore(**{field: value})  # type: ignore[arg-type]
    assert caught.value.field == field


def test_stored_evidence_must_match_its_span_length() -> None:
    score = at.score_reflection("Thank you")
    [thanks] = score.evidence_for(at.Dimension.APPRECIATION)
    position = score.evidence.index(thanks)
    stored = at.to_json(score).replace(b'"Thank you"', b'"Thanks"')
    with pytest.raises(at.ValidationError) as caught:
        at.from_json(stored, at.ReflectionScore)
    assert caught.value.path == f"$.data.evidence[{position}].text"


# --------------------------------------------------------------- privacy


def test_no_repr_or_message_contains_the_text() -> None:
    private = "Zanzibar you never listen selfish whatever"
    score = at.score_reflection(private)
    shown = repr(score) + repr(score.evidence) + repr(at.antidotes(score))
    assert score.evidence
    assert "Zanzibar" not in shown
    assert "listen" not in shown
    assert "selfish" not in shown
    with pytest.raises(at.ValidationError) as caught:
        at.Evidence(dimension=at.Dimension.BLAME, start=0, end=3, text="Zanzibar")
    assert "Zanzibar" not in str(caught.value)


# ------------------------------------------------------------- properties


@given(st.text())
def test_never_raises_and_spans_match_the_source(text: str) -> None:
    score = at.score_reflection(text)
    for evidence in score.evidence:
        assert 0 <= evidence.start < evidence.end <= len(text)
        assert text[evidence.start : evidence.end] == evidence.text
    assert -1.0 <= score.valence <= 1.0
    assert all(getattr(score, name) >= 0.0 for name in RELATIONAL)


@given(ats.reflection_texts())
def test_scores_pass_their_own_validation(text: str) -> None:
    # The scorer builds results without re-running validators: rebuilding
    # them through the validating constructors must give equal objects.
    score = at.score_reflection(text)
    evidence = tuple(
        at.Evidence(
            dimension=e.dimension, start=e.start, end=e.end, text=e.text, concern=e.concern
        )
        for e in score.evidence
    )
    values = attrs.asdict(score, recurse=False)
    values["evidence"] = evidence
    assert at.ReflectionScore(**values) == score


@given(ats.reflection_texts())
def test_scoring_is_deterministic(text: str) -> None:
    assert at.score_reflection(text) == at.score_reflection(text)
    assert at.to_json(at.score_reflection(text)) == at.to_json(at.score_reflection(text))


@given(ats.reflection_texts())
def test_evidence_spans_match_for_reflection_like_text(text: str) -> None:
    score = at.score_reflection(text)
    assert all(text[e.start : e.end] == e.text for e in score.evidence)
    counted = {e.dimension for e in score.evidence}
    for name in RELATIONAL:
        # A dimension is above zero exactly when it has evidence.
        assert (getattr(score, name) > 0) == (at.Dimension(name) in counted)
    assert score.safety == {e.concern for e in score.evidence if e.concern is not None}


@given(ats.reflection_texts(), ats.reflection_texts())
def test_adding_a_sentence_never_lowers_a_count(first: str, second: str) -> None:
    before = at.score_reflection(first)
    after = at.score_reflection(first + "\n" + second)
    for name in RELATIONAL:
        assert getattr(after, name) >= getattr(before, name)
    assert before.safety <= after.safety
    assert after.words >= before.words


@given(ats.reflection_scores())
def test_scores_round_trip_through_json_and_pickle(score: at.ReflectionScore) -> None:
    assert at.from_json(at.to_json(score), at.ReflectionScore) == score
    assert pickle.loads(pickle.dumps(score)) == score  # noqa: S301 - our own bytes


@given(ats.reflection_scores())
def test_antidotes_round_trip_through_json_and_pickle(score: at.ReflectionScore) -> None:
    for antidote in at.antidotes(score):
        assert at.from_json(at.to_json(antidote), at.Antidote) == antidote
        assert pickle.loads(pickle.dumps(antidote)) == antidote  # noqa: S301


def test_evidence_round_trips_with_its_concern() -> None:
    [evidence] = at.score_reflection("I want to die").evidence_for(at.Dimension.SAFETY)
    assert at.from_json(at.to_json(evidence), at.Evidence) == evidence
    assert pickle.loads(pickle.dumps(evidence)) == evidence  # noqa: S301


def test_a_megabyte_of_text_is_scored() -> None:
    text = "I feel close to you. You never call. Thank you! " * 21_000
    score = at.score_reflection(text)
    assert len(text) > 1_000_000
    assert score.appreciation == 21_000.0
    assert score.blame == 21_000.0
