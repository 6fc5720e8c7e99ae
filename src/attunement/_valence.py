"""Single-pass valence over the VADER lexicon (Hutto & Gilbert 2014, MIT licence).

The lexicon is read from the installed ``vaderSentiment`` package's data file
through :mod:`importlib.resources`, once, lazily. Its analyser is never called:
the rules it applies (boosters, a three-word negation window, capitals,
exclamation marks, contrast after "but") are re-implemented here over one
tokenising pass, and sentences are scored one by one and averaged so that a
long text does not saturate at +1 or -1.
"""

from __future__ import annotations

import importlib.resources
import math
import operator
import re
import types
from collections.abc import Sequence
from itertools import accumulate, compress, count
from typing import Final

from ._lazy import load_once


def _compiled() -> bool:
    # mypyc turns the functions of a module it compiles into built-in functions.
    return not isinstance(_compiled, types.FunctionType)


#: Whether this module runs compiled by mypyc (an optional build, see
#: ``pyproject.toml``): a few hot spots then take plain loops, which compiled
#: code runs faster than the C-level iterator chains the interpreter prefers.
COMPILED: Final = _compiled()

#: One regular expression, applied once: words (with inner apostrophes),
#: emoticons, and sentence punctuation (one character per token). Every
#: alternative is a plain character class run, so matching is linear.
TOKEN_PATTERN: Final = re.compile(
    r"([^\W_]+(?:'[^\W_]+)*"
    r"|[.!?\n]"
    r"|(?<![^\W_])(?:[:;=][\-'^o]?[()\[\]dpsc/\\|*3<>{}@$]+|</?3)(?![^\W_]))"
)
# The same tokens for lowercased ASCII text, where a plain class is faster
# than the Unicode word class.
_ASCII_PATTERN: Final = re.compile(
    r"([a-z0-9]+(?:'[a-z0-9]+)*"
    r"|[.!?\n]"
    r"|(?<![a-z0-9])(?:[:;=][\-'^o]?[()\[\]dpsc/\\|*3<>{}@$]+|</?3)(?![a-z0-9]))"
)

# Curly quotes become ASCII of the same length, so spans stay valid.
_APOSTROPHES: Final = ("\u2019", "\u2018", "\u02bc", "\uff07")

#: Sentence-ending tokens.
BOUNDARIES: Final = frozenset({".", "!", "?", "\n"})

# Constants of the published VADER rules (Hutto & Gilbert 2014).
BOOST_UP: Final = 0.293
BOOST_DOWN: Final = -0.293
CAPS_BOOST: Final = 0.733
NEGATION_SCALAR: Final = -0.74
# VADER weights words before "but" 0.5 and after it 1.5; on the even rows of
# its gold sets, discounting the clause before "but" without boosting the one
# after it tracks the human ratings better (benchmarks/eval_reflections.py).
BEFORE_BUT: Final = 0.4
AFTER_BUT: Final = 1.0
EXCLAMATION_BOOST: Final = 0.292
MAX_EXCLAMATIONS: Final = 4
QUESTION_BOOST: Final = 0.18
MAX_QUESTION_BOOST: Final = 0.96
NORMALISING_ALPHA: Final = 15.0
#: How far back a negator or booster reaches, in words.
LOOKBACK: Final = 3
_LOOKBACK_DAMPING: Final = (1.0, 0.95, 0.9)


@load_once
def vader_lexicon() -> dict[str, float]:
    """The VADER lexicon as ``{token: mean valence (-4..4)}``, read once."""
    source = importlib.resources.files("vaderSentiment").joinpath("vader_lexicon.txt")
    lexicon: dict[str, float] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and fields[0]:  # noqa: PLR2004 - token, mean, ...
            lexicon[fields[0]] = float(fields[1])
    return lexicon


def tokenize(text: str) -> tuple[list[str], list[int], list[str]]:
    """Split ``text`` once into lowercased tokens with their start offsets.

    Returns the tokens, the start offset of each token in ``text``, and the
    raw split parts (separators at even positions, tokens at odd ones) so
    that ``text[start:start + len(token)]`` is the token as written.
    """
    if text.isascii():
        parts = _ASCII_PATTERN.split(text.lower())
        offsets = list(accumulate(map(len, parts), initial=0))
        return parts[1::2], offsets[1::2], parts
    normal = text
    for apostrophe in _APOSTROPHES:
        normal = normal.replace(apostrophe, "'")
    lowered = normal.lower()
    if len(lowered) == len(text):
        parts = TOKEN_PATTERN.split(lowered)
        offsets = list(accumulate(map(len, parts), initial=0))
        return parts[1::2], offsets[1::2], parts
    # A few characters lowercase to two (e.g. "\u0130"): split the original so
    # offsets stay true, and lowercase token by token.
    parts = TOKEN_PATTERN.split(normal)
    offsets = list(accumulate(map(len, parts), initial=0))
    return [part.lower() for part in parts[1::2]], offsets[1::2], parts


# The fast path of scan(): every ASCII character maps to itself lowercased
# (letters, digits, apostrophes, sentence punctuation) or to a space. One
# character for one, so offsets survive the translation.
_SPACED: Final = str.maketrans(
    {
        code: chr(code).lower() if chr(code).isalnum() or chr(code) in "'.!?\n" else " "
        for code in range(128)
    }
)
# Characters that may start an emoticon, and the start of every emoticon
# TOKEN_PATTERN can match (a superset: no lookarounds, either case): a text
# where none of them starts one has no emoticon token.
_EMOTICON_MARKS: Final = (":", ";", "=", "<")
_EMOTICON_START: Final = re.compile(r"[:;=][\-'^oO]?[()\[\]dpscDPSC/\\|*3<>{}@$]|</?3")
# What may stand next to an apostrophe inside a word, after translate().
_NOT_INNER: Final = " '"
# How many marks _may_hold_emoticon() looks at before leaving it to the regex:
# this many, plus one per this many characters. A check costs about what the
# regex spends on a dozen characters more than the fast path does, so a long
# text with the odd semicolon still takes the fast path, and a text crowded
# with marks gives up early. Either way the cost stays linear.
_EMOTICON_CHECKS: Final = 32
_CHARS_PER_EMOTICON_CHECK: Final = 32
# For offsets: a sentence-punctuation chunk stands for one character of the
# text plus the two spaces padded around it (see scan()).
_PADDED_WEIGHT: Final = dict.fromkeys(BOUNDARIES, -1)
# Texts longer than this are scanned in pieces of about _PIECE_CHARS (see
# _scan_in_pieces). The scorer reads long texts in blocks of about 64 KiB cut
# between sentences, so this is for texts with few sentence ends.
_WHOLE_CHARS: Final = 1 << 17
_PIECE_CHARS: Final = 1 << 16


def _may_hold_emoticon(text: str) -> bool:
    # Most texts have no ":;=<" at all; the rest are checked where the marks
    # are ("; " or "a = b" start no emoticon), each check a bounded match.
    # Past a few marks, answering yes is cheaper: the regex is always right.
    match = _EMOTICON_START.match
    find = text.find
    budget = _EMOTICON_CHECKS + len(text) // _CHARS_PER_EMOTICON_CHECK
    for mark in _EMOTICON_MARKS:
        at = find(mark)
        while at >= 0:
            budget -= 1
            if not budget or match(text, at):
                return True
            at = find(mark, at + 1)
    return False


def scan(text: str) -> tuple[list[str], list[int], int]:
    """The tokens of :func:`tokenize` with their offsets, faster for plain text.

    Returns the lowercased tokens, an offset per token (the regex path adds
    the end of the text after them, as :func:`tokenize` does) and a shift: a
    word's offset is its start, a sentence-punctuation token's offset plus
    the shift is its end (the shift is 0 on the fast path, 1 otherwise).

    ASCII text with no emoticon and only inner apostrophes is split by C-level
    string methods instead of the regular expression, which is several times
    slower per character: translate() turns every separator into a space,
    sentence punctuation is padded with spaces, and ``split(" ")`` then yields
    exactly the regex's tokens, with one empty string per extra space. A
    text over ``_WHOLE_CHARS`` characters is split that way a piece at a
    time (see :func:`_scan_in_pieces`), with the same result.
    """
    if not text.isascii() or _may_hold_emoticon(text):
        tokens, offsets, _ = tokenize(text)
        return tokens, offsets, 1
    if len(text) > _WHOLE_CHARS:
        scanned = _scan_in_pieces(text)
        if scanned is None:
            tokens, offsets, _ = tokenize(text)
            return tokens, offsets, 1
        return (*scanned, 0)
    padded = _padded(text)
    if _stray_apostrophe(padded):
        tokens, offsets, _ = tokenize(text)
        return tokens, offsets, 1
    chunks = padded.split(" ")
    if COMPILED:
        return (*_tokens_and_offsets(chunks), 0)
    # A chunk's offset in the text: the lengths of the chunks before it, one
    # per space between them, less the padding; a punctuation chunk counts -1
    # (one character, two pads), which puts its own offset one past its start.
    starts = map(
        operator.add,
        accumulate(map(_PADDED_WEIGHT.get, chunks, map(len, chunks)), initial=0),
        count(),
    )
    return list(compress(chunks, chunks)), list(compress(starts, chunks)), 0


def _padded(text: str) -> str:
    # Character by character, so a piece of a text pads to the same piece of
    # the padded text (see _scan_in_pieces).
    return (
        text.translate(_SPACED)
        .replace(".", " . ")
        .replace("!", " ! ")
        .replace("?", " ? ")
        .replace("\n", " \n ")
    )


def _stray_apostrophe(padded: str) -> bool:
    # An apostrophe belongs to a word only between two letters or digits
    # (after translate(), neither a space nor another apostrophe); any other
    # apostrophe is a separator, which the regex handles.
    if padded.startswith("'") or padded.endswith("'"):
        return True
    at = padded.find("'")
    while at >= 0:  # each apostrophe looked at once: linear time
        if padded[at - 1] in _NOT_INNER or padded[at + 1] in _NOT_INNER:
            return True
        at = padded.find("'", at + 1)
    return False


def _scan_in_pieces(text: str, piece: int = _PIECE_CHARS) -> tuple[list[str], list[int]] | None:
    """The fast path of :func:`scan` for a long text, about ``piece`` characters at a time.

    ``None`` when an apostrophe stands outside a word (the regex's case).
    Pieces are cut at spaces of the text, which pad and split exactly as in
    the whole, so the tokens and offsets are those of the whole text. Only a
    piece's padded copy and chunks exist at a time, and equal tokens share
    one string: a long text without sentence ends (read as one block) then
    keeps one string per distinct word, not one per word, and memory the
    pieces free is reused instead of fresh pages mapped for the whole text.
    """
    tokens: list[str] = []
    offsets: list[int] = []
    shared: dict[str, str] = {}
    position = 0
    start = 0
    while start <= len(text):
        cut = text.find(" ", start + piece)
        end = len(text) if cut < 0 else cut
        padded = _padded(text[start:end])
        if _stray_apostrophe(padded):
            return None
        # _tokens_and_offsets() fused with the sharing: calling it per piece
        # and shifting its offsets is a second pass, 5% on a long run.
        for chunk in padded.split(" "):
            if chunk:
                known = shared.get(chunk)
                if known is None:
                    shared[chunk] = chunk
                    known = chunk
                tokens.append(known)
                offsets.append(position)
                size = len(chunk)
                position += 0 if size == 1 and chunk in BOUNDARIES else size + 1
            else:
                position += 1
        start = end + 1  # past the space at the cut, counted after the last chunk
    return tokens, offsets


def _tokens_and_offsets(chunks: list[str]) -> tuple[list[str], list[int]]:
    """What the end of :func:`scan` computes, as a plain loop for compiled builds.

    Under the interpreter the iterator chain in :func:`scan` is faster; once
    compiled, this loop runs on machine integers and beats it.
    """
    # Filled in place and cut once: no list regrows while it fills.
    tokens: list[str] = [""] * len(chunks)
    offsets: list[int] = [0] * len(chunks)
    found = 0
    position = 0
    for chunk in chunks:
        if chunk:
            tokens[found] = chunk
            offsets[found] = position
            found += 1
            size = len(chunk)
            # A punctuation chunk is one character padded by two spaces.
            position += 0 if size == 1 and chunk in BOUNDARIES else size + 1
        else:
            position += 1
    del tokens[found:], offsets[found:]
    return tokens, offsets


#: In a modifier table, the value that marks a negator (boosters map to
#: their boost, which is never exactly zero).
NEGATES: Final = 0.0


def adjust(  # noqa: PLR0917 - hot path, positional is cheaper
    base: float,
    tokens: Sequence[str],
    index: int,
    floor: int,
    modifiers: dict[str, float],
    caps: tuple[str, Sequence[int]] | None = None,
) -> float:
    """Apply the boosters and negators of up to three preceding words.

    ``modifiers`` maps boosters to their boost and negators to
    :data:`NEGATES`, leaving out words of the lexicon (which VADER never
    treats as modifiers). ``floor`` is the first index of the sentence: the
    window never crosses it. ``caps`` is ``(source text, token offsets)``
    when the text mixes case: a booster written in capitals ("VERY good")
    then adds :data:`CAPS_BOOST`, as in VADER.
    """
    valence = base
    # "no" is itself a lexicon word, so the window below skips it; VADER's
    # own rule negates the two words after it ("no problem", "no real help").
    if (index - 1 >= floor and tokens[index - 1] == "no") or (
        index - 2 >= floor and tokens[index - 2] == "no"
    ):
        valence *= NEGATION_SCALAR
    back = index - 1
    lowest = max(floor, index - LOOKBACK)
    while back >= lowest:
        modifier = modifiers.get(tokens[back])
        if modifier is not None:
            if modifier == NEGATES:
                valence *= NEGATION_SCALAR
            else:
                if caps is not None:
                    text, offsets = caps
                    start = offsets[back]
                    if text[start : start + len(tokens[back])].isupper():
                        modifier += CAPS_BOOST
                boost = modifier if valence >= 0 else -modifier
                valence += boost * _LOOKBACK_DAMPING[index - 1 - back]
        back -= 1
    return valence


def sentence_sum(
    before_but: float,
    after_but: float,
    seen_but: bool,  # noqa: FBT001 - hot path, positional is cheaper
    exclamations: int,
    questions: int,
) -> float:
    """Add up one sentence's word valences, with contrast and punctuation.

    With a "but" in the sentence, words before it count 0.4 times
    (``BEFORE_BUT``) and words after it once (``AFTER_BUT``): VADER's contrast
    rule (0.5 and 1.5) applied per sentence and reweighted, because
    discounting the first clause without boosting the second tracked the
    human ratings better on the tuning half of VADER's gold sets.
    """
    total = BEFORE_BUT * before_but + AFTER_BUT * after_but if seen_but else before_but
    emphasis = min(exclamations, MAX_EXCLAMATIONS) * EXCLAMATION_BOOST
    if questions > 1:
        emphasis += min(questions * QUESTION_BOOST, MAX_QUESTION_BOOST)
    if total > 0:
        return total + emphasis
    if total < 0:
        return total - emphasis
    return total


def normalise(total: float) -> float:
    """Squash a sum of valences into (-1, 1) as VADER does."""
    return total / math.sqrt(total * total + NORMALISING_ALPHA)


def combine(sums: Sequence[float], words: int) -> float:
    """The text's valence from its sentences' sums, in [-1, 1].

    Short texts (up to :data:`SHORT_TEXT_WORDS` words) are scored as one
    unit, as VADER scores them; longer ones average the per-sentence scores,
    so that a long, mildly positive text stays mildly positive.
    """
    if not sums:
        return 0.0
    if words <= SHORT_TEXT_WORDS:
        return normalise(math.fsum(sums))
    alpha = NORMALISING_ALPHA
    # normalise() inlined: one list at C speed instead of a call per sentence.
    return math.fsum([total / math.sqrt(total * total + alpha) for total in sums]) / len(sums)


#: Up to this many words a text is normalised as a whole (tuned on the even
#: rows of the VADER gold sets; see ``benchmarks/eval_reflections.py``).
SHORT_TEXT_WORDS: Final = 60
