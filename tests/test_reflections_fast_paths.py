"""Reflection scoring's fast paths give exactly what the reference paths give.

``_valence.scan`` splits plain ASCII text with C-level string methods instead
of the tokenising regex; ``score_reflection`` takes shortcuts for common
cases. Each shortcut is checked here against the reference behaviour: the
regex tokeniser (``_valence.tokenize``) and scoring over its tokens.
"""

from __future__ import annotations

import itertools
import math
from unittest import mock

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import attunement as at
from attunement import _scorer, _valence
from attunement import strategies as ats

# Characters that steer text into and out of the fast path: letters in both
# cases, digits, apostrophes (inner and stray), sentence punctuation, other
# separators, emoticon marks and a few non-ASCII characters.
PLAIN_ALPHABET = "abcdeioruy AIUY019'.!?\n,;-()"
EMOTICON_MARKS = ":;=<3)(DPpo/"
WORDS = (
    "you",
    "never",
    "not",
    "I",
    "we",
    "thank",
    "don't",
    "but",
    "no",
    "VERY",
    "good",
    "bad ass",
    "fed up",
    "whatever",
    "kill myself",
    "hit me",
    "dying to see",
    "I'm",
    "always",
    "?!",
    "...",
)


def reference_scan(text: str) -> tuple[list[str], list[int], int]:
    # The regex tokeniser, in scan()'s return shape (a punctuation token's
    # offset plus 1 is its end).
    tokens, offsets, _ = _valence.tokenize(text)
    return tokens, offsets[: len(tokens)], 1


def ends_of_punctuation(tokens: list[str], offsets: list[int], shift: int) -> list[int]:
    return [
        offset + shift
        for token, offset in zip(tokens, offsets, strict=True)
        if token in _valence.BOUNDARIES
    ]


def evidence_rows(score: at.ReflectionScore) -> list[tuple[object, ...]]:
    return [(e.dimension, e.start, e.end, e.text, e.concern) for e in score.evidence]


mixed_texts = st.one_of(
    st.text(),
    st.text(alphabet=PLAIN_ALPHABET),
    st.text(alphabet=PLAIN_ALPHABET + EMOTICON_MARKS + "\u2019\u00e9"),
    st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join),
    ats.reflection_texts(),
)


# ------------------------------------------------------------------- scan


@given(mixed_texts)
def test_scan_finds_the_tokens_and_offsets_of_the_regex_tokeniser(text: str) -> None:
    tokens, offsets, shift = _valence.scan(text)
    expected_tokens, expected_offsets, _ = reference_scan(text)
    assert tokens == expected_tokens
    assert len(offsets) >= len(tokens)  # one per token (the regex path adds the end)
    offsets = offsets[: len(tokens)]
    words = [i for i, token in enumerate(tokens) if token not in _valence.BOUNDARIES]
    # Words: the same start offsets. Punctuation: the same end offsets.
    assert [offsets[i] for i in words] == [expected_offsets[i] for i in words]
    assert ends_of_punctuation(tokens, offsets, shift) == ends_of_punctuation(
        expected_tokens, expected_offsets, 1
    )


def test_plain_text_takes_the_fast_path_with_true_offsets() -> None:
    text = "Fine; sure, OK.  We'll see?!"
    tokens, offsets, shift = _valence.scan(text)
    assert shift == 0  # the fast path ran (";" starts no emoticon here)
    assert tokens == ["fine", "sure", "ok", ".", "we'll", "see", "?", "!"]
    # Worked by hand: words start at their first letter, "." ends at 15.
    assert offsets == [0, 6, 12, 15, 17, 23, 27, 28]


@pytest.mark.parametrize(
    "text",
    [
        "so happy :)",  # an emoticon
        "a; b; :-D",  # a mark that starts nothing, then one that does
        "love you <3",
        "'quoted' words",  # an apostrophe outside a word
        "rock''n roll",
        "caf\u00e9 time",  # not ASCII
    ],
)
def test_text_the_fast_path_cannot_split_takes_the_regex(text: str) -> None:
    tokens, _, shift = _valence.scan(text)
    assert shift == 1
    assert tokens == _valence.tokenize(text)[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no marks at all", False),
        ("a; b = c; d < e", False),
        ("a; b; :)", True),
        ("x =D", True),
        ("</3", True),
        ("time: 5", False),
    ],
)
def test_emoticon_check_looks_at_every_mark(text: str, *, expected: bool) -> None:
    assert _valence._may_hold_emoticon(text) is expected


def test_many_marks_are_left_to_the_regex_so_the_check_stays_cheap() -> None:
    # Checking each mark costs more than the regex; past a budget (a few
    # checks plus one per _CHARS_PER_EMOTICON_CHECK characters) the check
    # gives up and answers "maybe", which is always safe.
    allowance = _valence._EMOTICON_CHECKS
    few = "a; " * (allowance - 1) + "ok."
    crowded = "a; " * (allowance * 3) + "ok."  # 96 marks, a budget of 41
    assert _valence.scan(few)[2] == 0
    assert _valence.scan(crowded)[2] == 1
    assert _valence.scan(crowded)[0] == _valence.tokenize(crowded)[0]


def test_a_long_text_with_scattered_marks_keeps_the_fast_path() -> None:
    # 1,000 semicolons in 60,000 characters: far more marks than the fixed
    # allowance, but fewer than one per _CHARS_PER_EMOTICON_CHECK characters.
    sentence = "We talked for a while about the week ahead; it went well. "
    text = sentence * 1000
    assert text.count(";") > 10 * _valence._EMOTICON_CHECKS
    assert text.count(";") <= len(text) // _valence._CHARS_PER_EMOTICON_CHECK
    tokens, _, shift = _valence.scan(text)
    assert shift == 0
    assert tokens == _valence.tokenize(text)[0]


def whole_fast_scan(text: str) -> tuple[list[str], list[int]] | None:
    # scan()'s fast path over the whole text at once, as for a short text.
    padded = _valence._padded(text)
    if _valence._stray_apostrophe(padded):
        return None
    return _valence._tokens_and_offsets(padded.split(" "))


@given(
    st.one_of(mixed_texts, st.text(alphabet="ab '.!?\n")),
    st.integers(min_value=0, max_value=40),
)
def test_scanning_in_pieces_gives_the_tokens_and_offsets_of_the_whole(
    text: str, piece: int
) -> None:
    # Pieces are cut at spaces (several in a row, or one at either end, too);
    # tokens, offsets and the stray-apostrophe verdict must not change.
    assert _valence._scan_in_pieces(text, piece) == whole_fast_scan(text)


@pytest.mark.parametrize(
    ("text", "stray"),
    [
        ("it's fine, we're ok", False),  # inner apostrophes only
        ("'tis fine", True),  # at the start
        ("the dogs' bowls", True),  # before a space
        ("rock 'n roll", True),  # after a space
        ("rock 'n roll, it's", True),  # a stray one, then an inner one
        ("it's rock 'n roll", True),  # an inner one, then a stray one
        ("it's rock 'n roll, isn't it", True),  # a stray one between inner ones
        ("rock''n", True),  # two in a row
        ("fine'", True),  # at the end
        ("it's.'", True),  # after padded punctuation
    ],
)
def test_an_apostrophe_outside_a_word_is_stray(text: str, *, stray: bool) -> None:
    assert _valence._stray_apostrophe(_valence._padded(text)) is stray
    # Stray ones are the regex's: the tokens are its tokens either way.
    scanned = _valence.scan(text)
    assert scanned[0] == _valence.tokenize(text)[0]
    assert scanned[2] == (1 if stray else 0)


@pytest.mark.skipif(_valence.COMPILED, reason="compiled code calls _padded past any patch")
def test_a_long_text_is_padded_a_piece_at_a_time() -> None:
    text = "we never talk anymore and it hurts " * 300
    padded_sizes: list[int] = []
    pad = _valence._padded

    def padded(piece: str) -> str:
        padded_sizes.append(len(piece))
        return pad(piece)

    with mock.patch.object(_valence, "_padded", padded):
        scanned = _valence._scan_in_pieces(text, 1000)
    assert scanned == whole_fast_scan(text)
    # Pieces of at least 1,000 characters, cut at the first space after
    # that: no piece runs longer than a word past it, and the pieces and
    # the spaces cut out make up the text.
    assert len(padded_sizes) >= len(text) // (1000 + len("anymore "))
    assert all(1000 <= size <= 1000 + len("anymore") for size in padded_sizes[:-1])
    assert sum(padded_sizes) + len(padded_sizes) - 1 == len(text)


def test_pieces_share_one_string_per_distinct_token() -> None:
    text = "you never listen. " * 20
    scanned = _valence._scan_in_pieces(text, 7)
    assert scanned is not None
    tokens, _ = scanned
    assert len(tokens) == 80
    assert len({id(token) for token in tokens}) == 4  # you, never, listen, "."


def test_a_long_text_with_few_sentence_ends_is_scanned_in_pieces() -> None:
    unit = "hit me up later you never listen thanks to you at all "
    text = unit * (2 * _valence._WHOLE_CHARS // len(unit))
    assert len(text) > _valence._WHOLE_CHARS
    tokens, offsets, shift = _valence.scan(text)
    assert shift == 0
    assert (tokens, offsets) == whole_fast_scan(text)
    assert tokens == _valence.tokenize(text)[0]
    # A stray apostrophe anywhere sends the whole text to the regex.
    quoted = text + "'done'"
    assert _valence.scan(quoted)[2] == 1
    assert _valence.scan(quoted)[0] == _valence.tokenize(quoted)[0]


# ---------------------------------------------------------------- scoring


@given(mixed_texts)
def test_scoring_over_the_fast_scan_equals_scoring_over_the_regex(text: str) -> None:
    fast = at.score_reflection(text)
    with mock.patch.object(_valence, "scan", reference_scan):
        reference = at.score_reflection(text)
    assert fast == reference
    assert evidence_rows(fast) == evidence_rows(reference)


def test_a_one_word_phrase_in_two_dimensions_counts_in_both() -> None:
    # "whatever" is built-in contempt; the app adds it to absolutism too, so
    # one token starts two matches, each with its own evidence.
    lexicon = at.ReflectionLexicon().extend(at.Dimension.ABSOLUTISM, ["whatever"])
    score = at.score_reflection("Whatever. Fine!", lexicon=lexicon)
    assert (score.contempt, score.absolutism) == (1.0, 1.0)
    spans = [(e.dimension, e.start, e.end) for e in score.evidence if e.start == 0]
    assert spans == [(at.Dimension.ABSOLUTISM, 0, 8), (at.Dimension.CONTEMPT, 0, 8)]


def test_words_inside_a_valence_phrase_do_not_count_on_their_own() -> None:
    # "bad" and "ass" are both -2.5 in the VADER lexicon; the phrase "bad ass"
    # is +1.5 and replaces them.
    score = at.score_reflection("That was bad ass.")
    assert score.valence == pytest.approx(1.5 / math.sqrt(1.5 * 1.5 + 15))
    assert score.evidence_for(at.Dimension.VALENCE) == ()


def test_a_valence_phrase_after_but_carries_the_weight_after_but() -> None:
    # fine = 0.8 before "but" (weight 0.4), "fed up" = -1.8 after it (weight 1).
    total = 0.4 * 0.8 + 1.0 * -1.8
    score = at.score_reflection("It was fine but I am fed up.")
    assert score.valence == pytest.approx(total / math.sqrt(total * total + 15))


def test_an_idiom_that_cancels_nothing_leaves_the_other_matches() -> None:
    # A benign idiom cancels only safety matches it overlaps; here there are
    # none, so the appreciation and the we-ness in the sentence stand.
    score = at.score_reflection("Thank you, we killed it at trivia.")
    assert score.safety == frozenset()
    assert (score.appreciation, score.we_ness) == (1.0, 1.0)


# ------------------------------------------------------------------ blocks

# Words and sentence ends in the shapes that cut a long text into blocks
# ("... it. We ...") and in the shapes that must not ("?!", "...", "\n").
SENTENCE_WORDS = (
    *WORDS,
    "Fine.",
    "Yes!",
    "Why?",
    "it.",
    "We",
    "3.",
    "hit me up",
    "not my fault",
    "what about you?",
    "\n",
)
sentence_texts = st.lists(st.sampled_from(SENTENCE_WORDS), max_size=60).map(" ".join)


@given(st.one_of(mixed_texts, sentence_texts), st.integers(min_value=1, max_value=80))
# Cut into blocks for sure: evidence past the first block must keep its offsets.
@example("I miss us. You never listen. Thank you so much. I'm not okay.", 5)
# A word in capitals past the first block keeps its emphasis (VADER's rule).
@example("We were tired. It was VERY good to see you. Thank you.", 5)
def test_reading_a_text_in_blocks_gives_the_same_score(text: str, block: int) -> None:
    # Long texts are read in blocks cut between sentences; any block size
    # must give what one reading of the whole text gives.
    whole = _scorer.score_text(text, (), len(text) + 1)
    in_blocks = _scorer.score_text(text, (), block)
    assert in_blocks == whole
    assert evidence_rows(in_blocks) == evidence_rows(whole)


def test_blocks_are_cut_only_before_a_word_that_starts_a_sentence() -> None:
    text = "We talked. It helped!  Then we ate.\nLater, sure?! Fine. 3. ok"
    cuts = _scorer._cuts(text, 1)
    assert (cuts[0], cuts[-1]) == (0, len(text))
    # Not after a newline, nor after "?!" (two marks); "3. ok" is too close
    # to the cut before "3" for a block of one character to end after it.
    assert [text[cut:].split(maxsplit=1)[0] for cut in cuts[1:-1]] == ["It", "Then", "3."]


def test_a_text_without_a_sentence_start_is_one_block() -> None:
    text = "no marks here at all, just words and commas, " * 50
    assert _scorer._cuts(text, 10) == [0, len(text)]
    assert _scorer._cuts("Short. Text", 100) == [0, 11]


def test_a_long_text_is_read_in_blocks_of_the_block_size() -> None:
    sentence = "We walked by the river. "
    text = sentence * 10_000
    cuts = _scorer._cuts(text, _scorer._BLOCK_CHARS)
    sizes = [after - before for before, after in itertools.pairwise(cuts)]
    assert len(sizes) == math.ceil(len(text) / _scorer._BLOCK_CHARS)
    assert all(size >= _scorer._BLOCK_CHARS for size in sizes[:-1])
    assert all(size < _scorer._BLOCK_CHARS + len(sentence) for size in sizes)


# ---------------------------------------------------------------- tables


def entry_field_names() -> tuple[str, ...]:
    # A plain class lists its slots; mypyc's compiled class lists its attributes.
    entry_type = _scorer._Entry
    names: tuple[str, ...] = getattr(entry_type, "__mypyc_attrs__", None) or entry_type.__slots__
    return names


def test_entries_alike_in_every_field_are_one_object() -> None:
    table = _scorer._table(())
    names = entry_field_names()
    by_object: dict[int, list[str]] = {}
    for token, entry in table.entries.items():
        by_object.setdefault(id(entry), []).append(token)
    # About 7,800 tokens share a few hundred entries.
    assert len(by_object) < len(table.entries) / 5
    assert len(_scorer._Entry().fields()) == len(names)
    for tokens in by_object.values():
        shared = table.entries[tokens[0]]
        if len(tokens) > 1:
            assert shared.phrases is None  # a phrase trie is never shared
        # Sharing never mixes values: each word keeps its own lexicon valence.
        for token in tokens:
            assert shared.valence == table.lexicon.get(token)


def test_finished_phrase_nodes_keep_hits_as_shared_tuples() -> None:
    table = _scorer._table(())
    nodes = [entry.phrases for entry in table.entries.values() if entry.phrases is not None]
    seen = 0
    while nodes:
        node = nodes.pop()
        seen += 1
        assert node.targets == ()  # handed to the table's registry
        assert type(node.hits) is tuple
        assert all(table.targets[ident].ident == ident for ident in node.hits)
        nodes.extend(node.children.values())
    assert seen > 1000


# ---------------------------------------------------------------- settle

SETTLE_MATCHES = (
    _scorer._Target(_scorer._DIM, at.Dimension.BLAME),
    _scorer._Target(_scorer._DIM, at.Dimension.APPRECIATION),
    _scorer._Target(_scorer._SAFETY, at.Dimension.SAFETY, concern=at.SafetyConcern.SELF_HARM),
)
SETTLE_CANCELLERS = (
    _scorer._Target(_scorer._EXCEPTION, cancels=frozenset({at.Dimension.BLAME})),
    _scorer._Target(_scorer._BENIGN),
)
SETTLE_LONGEST = 4
SENTENCE_TOKENS = 10  # tokens 0-9 make sentence 0, 10-19 sentence 1, ...
# (first token, extra tokens, target): a span of 1 to SETTLE_LONGEST tokens.
settle_spans = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=30),
        st.integers(min_value=0, max_value=SETTLE_LONGEST - 1),
        st.integers(min_value=0, max_value=2),
    ),
    max_size=12,
)


def packed_in_order(
    spans: list[tuple[int, int, int]], targets: tuple[_scorer._Target, ...], bits: int
) -> tuple[list[int], list[_scorer._Target], list[tuple[int, int, int, _scorer._Target]]]:
    # As _read packs them: first token, last token inverted, sentence; in
    # order of the first token, the longest first. No span crosses a sentence end.
    inverted = (1 << bits) - 1
    rows = []
    for first, extra, pick in spans:
        sentence = first // SENTENCE_TOKENS
        last = min(first + extra, (sentence + 1) * SENTENCE_TOKENS - 1)
        rows.append((first, last, sentence, targets[pick % len(targets)]))
    rows.sort(key=lambda row: (row[0], -row[1]))
    packed = [
        ((first << bits | inverted - last) << bits) | where for first, last, where, _ in rows
    ]
    return packed, [row[3] for row in rows], rows


@given(settle_spans, settle_spans)
def test_settle_cancels_exactly_the_matches_a_canceller_overlaps_in_its_sentence(
    matches: list[tuple[int, int, int]], cancellers: list[tuple[int, int, int]]
) -> None:
    bits = 6  # tokens and sentences below 64
    spans, targets, match_rows = packed_in_order(matches, SETTLE_MATCHES, bits)
    canceller_spans, canceller_targets, canceller_rows = packed_in_order(
        cancellers, SETTLE_CANCELLERS, bits
    )

    def cancels(canceller: _scorer._Target, match: _scorer._Target) -> bool:
        if canceller.kind == _scorer._BENIGN:
            return match.kind == _scorer._SAFETY  # idioms with no one at risk
        return match.order in canceller.cancel_orders  # exceptions, by dimension

    expected = [
        index
        for index, (first, last, where, target) in enumerate(match_rows)
        if not any(
            c_where == where and c_first <= last and c_last >= first and cancels(c_target, target)
            for c_first, c_last, c_where, c_target in canceller_rows
        )
    ]
    kept = _scorer._settle(
        spans, targets, canceller_spans, canceller_targets, bits=bits, longest=SETTLE_LONGEST
    )
    assert kept == expected
