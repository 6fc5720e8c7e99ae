"""The scoring engine behind :func:`attunement.score_reflection`.

:func:`score_text` tokenises a text once, looks every token up once in a
merged table (valence, negator, booster, person, emotion word, safety cue,
start of a phrase) and builds the :class:`ReflectionScore`. The models and
the checks of user input live in ``_reflections``; this module holds only
the tables and the hot loop, and no attrs class, so that it can be compiled
with mypyc (see ``pyproject.toml``) and still run unchanged as plain Python.
"""

from __future__ import annotations

import re
from typing import Any, Final, cast

import attrs

from . import _valence
from ._lazy import load_once, load_once_bounded
from ._reflections import (
    _WILDCARD,
    Dimension,
    Evidence,
    ReflectionScore,
    _EvidenceBuilder,
    _expand,
)
from ._safety import SafetyConcern

# -------------------------------------------------------- compiled table

_ORDERED_DIMENSIONS: Final = tuple(Dimension)
_DIMENSION_ORDER: Final = {dimension: order for order, dimension in enumerate(Dimension)}
# A question in a sentence with these is not counted again as an open question.
_NOT_OPEN_QUESTION: Final = frozenset(
    {Dimension.BLAME, Dimension.CONTEMPT, Dimension.DEFENSIVENESS, Dimension.CURIOSITY}
)

# Target kinds.
_DIM: Final = 0
_SAFETY: Final = 1
_BENIGN: Final = 2
_EXCEPTION: Final = 3
_VALENCE_PHRASE: Final = 4


class _Target:
    """What a phrase counts toward, with the rules that gate it."""

    __slots__ = (
        "accusing",
        "appreciative",
        "cancel_orders",
        "concern",
        "dimension",
        "ident",
        "kind",
        "negatable",
        "order",
        "soft",
        "subject",
        "weight",
    )

    def __init__(
        self,
        kind: int,
        dimension: Dimension | None = None,
        *,
        weight: float = 1.0,
        negatable: bool = False,
        subject: str | None = None,
        soft: bool = False,
        cancels: frozenset[Dimension] = frozenset(),
        concern: SafetyConcern | None = None,
    ) -> None:
        self.kind = kind
        self.dimension = dimension
        self.weight = weight
        self.negatable = negatable
        self.subject = subject
        self.soft = soft
        # What an exception cancels, as dimension orders: ints hash in C,
        # enum members do not.
        self.cancel_orders = frozenset(_DIMENSION_ORDER[cancelled] for cancelled in cancels)
        self.concern = concern
        # Precomputed so the hot loop never hashes an enum member.
        self.order = -1 if dimension is None else _DIMENSION_ORDER[dimension]
        self.appreciative = dimension is Dimension.APPRECIATION
        self.ident = -1  # its index in its table's ``targets``, set by _Node.finish()
        self.accusing = dimension in _NOT_OPEN_QUESTION

    def gated(self, weight: float, subject: str) -> _Target:
        """The same target with another weight and a required subject."""
        return _Target(
            self.kind,
            self.dimension,
            weight=weight,
            negatable=self.negatable,
            subject=subject,
            soft=self.soft,
        )


class _Entry:
    __slots__ = (
        "boost",
        "boundary",
        "contrast",
        "emotion",
        "lexicon_value",
        "modifier",
        "negator",
        "partner",
        "phrase_only",
        "phrases",
        "subject",
        "subject_only",
        "valence",
        "valence_only",
    )

    def __init__(self) -> None:
        self.valence: float | None = None
        self.boost: float | None = None
        self.negator = False
        # A booster, a negator or "no": valence words after it need adjusting.
        self.modifier = False
        self.subject: str | None = None
        self.partner = False  # subject == "partner", precomputed
        self.boundary = False
        self.contrast = False  # "but"
        self.emotion = 0
        self.phrases: _Node | None = None
        # Only starts phrases (most function words): the loop skips the rest.
        self.phrase_only = False
        # Only a lexicon word (most hits): the loop takes a short path.
        self.valence_only = False
        self.lexicon_value = 0.0  # the valence as a plain float, for that path
        # Only names a subject (and maybe starts phrases): nothing else to do.
        self.subject_only = False

    def fields(self) -> tuple[object, ...]:
        """Every field, floats exactly (0.0 and -0.0 apart): equal for entries alike."""
        return (
            _exactly(self.valence),
            _exactly(self.boost),
            self.negator,
            self.modifier,
            self.subject,
            self.partner,
            self.boundary,
            self.contrast,
            self.emotion,
            self.phrases,
            self.phrase_only,
            self.valence_only,
            _exactly(self.lexicon_value),
            self.subject_only,
        )


def _exactly(value: float | None) -> str | None:
    return None if value is None else value.hex()


# What a node that is no first word reads as its first_hits: never read, never changed.
_NO_HITS: Final[list[int]] = []


class _Node:
    """A trie of phrase continuations.

    ``children`` maps the next word to a node; ``targets`` are the phrases
    that end here, until :meth:`finish` turns them into ``hits``.
    """

    __slots__ = (
        "children",
        "deep_wildcard",
        "first_hits",
        "height",
        "hits",
        "several",
        "targets",
        "wildcard",
    )

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.targets: tuple[_Target, ...] = ()
        self.wildcard = False
        # Set by finish() once the table is built:
        self.deep_wildcard = False  # a "*" here or anywhere below
        self.several = False  # more than one target ends here
        self.height = 0  # the most words a phrase goes on below here
        # The targets' indexes in the table's registry, for phrases ending here.
        # Tables hold over 12,000 nodes for as long as the process runs:
        # tuples (shared when empty), not lists, so the garbage collector
        # stops tracking them and every full collection has fewer to visit.
        self.hits: tuple[int, ...] = ()
        # The hits of a first word, as the list the scoring loop reads
        # (phrases of one word); empty below the first word.
        self.first_hits: list[int] = _NO_HITS

    def finish(self, registry: list[_Target]) -> bool:
        """Set the precomputed flags of this subtree; return deep_wildcard.

        Every target gets its index in ``registry`` (the table's targets),
        which keeps it alive: the node keeps only the indexes.
        """
        deep = self.wildcard
        for child in self.children.values():
            deep = child.finish(registry) or deep
            self.height = max(self.height, child.height + 1)
        if self.targets:
            for target in self.targets:
                if target.ident < 0:
                    target.ident = len(registry)
                    registry.append(target)
            self.hits = tuple(target.ident for target in self.targets)
            self.several = len(self.targets) > 1
            self.targets = ()
        self.deep_wildcard = deep
        return deep


class _Table:
    """Everything the scoring loop looks up, built once per lexicon."""

    __slots__ = (
        "entries",
        "lexicon",
        "longest",
        "modifiers",
        "question_words",
        "targets",
        "window",
    )

    def __init__(
        self,
        *,
        entries: dict[str, _Entry],
        lexicon: dict[str, float],
        modifiers: dict[str, float],
        window: int,
        question_words: frozenset[str],
        targets: list[_Target],
    ) -> None:
        self.entries = entries
        self.targets = targets
        # The most tokens any phrase spans (_Node.finish() has run).
        self.longest = max(
            (entry.phrases.height + 1 for entry in entries.values() if entry.phrases is not None),
            default=1,
        )
        self.lexicon = lexicon
        self.modifiers = modifiers
        self.window = window
        self.question_words = question_words


@load_once
def _data(name: str) -> dict[str, Any]:
    # Only the serialization module knows JSON.
    from ._serialization import read_package_json  # noqa: PLC0415 - keeps import light

    loaded: dict[str, Any] = read_package_json(name)
    return loaded


def _add_phrase(
    entries: dict[str, _Entry], phrase: str, target: _Target, partner_words: frozenset[str]
) -> None:
    ungated = target
    if target.subject == "partner":
        # A phrase that names the partner itself ("proud of you") needs no
        # earlier "you" to be about them.
        ungated = _Target(
            target.kind,
            target.dimension,
            weight=target.weight,
            negatable=target.negatable,
            soft=target.soft,
        )
    for sequence in _expand(phrase):
        chosen = ungated if partner_words.intersection(sequence) else target
        entry = entries.get(sequence[0])
        if entry is None:
            entry = entries[sequence[0]] = _Entry()
        if entry.phrases is None:
            entry.phrases = _Node()
        node = entry.phrases
        for word in sequence[1:]:
            node.wildcard = node.wildcard or word == _WILDCARD
            child = node.children.get(word)
            if child is None:
                child = node.children[word] = _Node()
            node = child
        if chosen not in node.targets:
            node.targets = (*node.targets, chosen)


def _set_paths(token: str, entry: _Entry, registry: list[_Target]) -> None:
    """Precompute which short path of the scoring loop an entry can take."""
    plain = (
        token not in {_BUT, _NO}
        and entry.subject is None
        and entry.boost is None
        and not (entry.modifier or entry.boundary)
    )
    entry.phrase_only = (
        plain and not entry.emotion and entry.phrases is not None and entry.valence is None
    )
    # An emotion word may take the lexicon-word path too: it only adds a span.
    entry.valence_only = plain and entry.phrases is None and entry.valence is not None
    entry.lexicon_value = entry.valence or 0.0
    entry.partner = entry.subject == "partner"
    entry.contrast = token == _BUT
    entry.subject_only = (
        entry.subject is not None
        and entry.valence is None
        and not (entry.emotion or entry.modifier or entry.contrast)
    )
    if entry.phrases is not None:
        entry.phrases.finish(registry)
        if entry.phrases.hits:
            entry.phrases.first_hits = list(entry.phrases.hits)


@load_once_bounded(32)
def _table(  # noqa: C901, PLR0912 - one loader for every list, in file order
    additions: tuple[tuple[Dimension | SafetyConcern, str], ...],
) -> _Table:
    patterns = _data("reflection_patterns.json")
    safety = _data("safety_patterns.json")
    lexicon = _valence.vader_lexicon()
    entries: dict[str, _Entry] = {}

    def entry(token: str) -> _Entry:
        found = entries.get(token)
        if found is None:
            found = entries[token] = _Entry()
        return found

    for token, value in lexicon.items():
        if " " not in token:
            entry(token).valence = value
    boosters = dict.fromkeys(patterns["boosters"]["up"], _valence.BOOST_UP)
    boosters.update(dict.fromkeys(patterns["boosters"]["down"], _valence.BOOST_DOWN))
    for token, value in boosters.items():
        entry(token).boost = value
        entry(token).modifier = True
    negators = frozenset(patterns["negators"])
    for token in negators:
        entry(token).negator = True
        entry(token).modifier = True
    entry("no").modifier = True  # VADER negates the two words after "no"
    partner = frozenset(patterns["subjects"]["partner"])
    for subject, tokens in patterns["subjects"].items():
        for token in tokens:
            entry(token).subject = subject
    for token in _valence.BOUNDARIES:
        entry(token).boundary = True
    entry("but")  # contrast marker: must be seen even when in no list
    for sign, key in ((1, "positive"), (-1, "negative")):
        for token in patterns["emotions"][key]:
            entry(token).emotion = sign
    for phrase, value in patterns["valence_phrases"]["phrases"].items():
        _add_phrase(entries, phrase, _Target(_VALENCE_PHRASE, weight=float(value)), partner)

    configs: dict[Dimension, _Target] = {}
    for name, spec in patterns["dimensions"].items():
        dimension = Dimension(spec.get("dimension", name))
        target = _Target(
            _DIM,
            dimension,
            negatable=spec["negatable"],
            subject=spec.get("subject"),
            soft=spec.get("soft", False),
        )
        configs.setdefault(dimension, target)
        for phrase in spec["phrases"]:
            _add_phrase(entries, phrase, target, partner)
        extra = spec.get("partner_phrases")
        if extra:
            gated = target.gated(float(extra["weight"]), "partner")
            for phrase in extra["phrases"]:
                _add_phrase(entries, phrase, gated, partner)
    for exception in patterns["exceptions"]:
        cancels = frozenset(Dimension(name) for name in exception["cancels"])
        _add_phrase(entries, exception["phrase"], _Target(_EXCEPTION, cancels=cancels), partner)
    for concern in SafetyConcern:
        for phrase in safety[concern.value]:
            _add_phrase(
                entries, phrase, _Target(_SAFETY, Dimension.SAFETY, concern=concern), partner
            )
    for phrase in safety["benign"]:
        _add_phrase(entries, phrase, _Target(_BENIGN), partner)
    for target_key, phrase in additions:
        if isinstance(target_key, SafetyConcern):
            target = _Target(_SAFETY, Dimension.SAFETY, concern=target_key)
        else:
            target = configs[target_key]
        _add_phrase(entries, phrase, target, partner)
    registry: list[_Target] = []
    for token, found in entries.items():
        _set_paths(token, found, registry)
    # Most entries are lexicon words that differ only in a value many share:
    # entries alike in every field become one object (a few hundred for
    # about 7,800 words), which the processor's caches hold more easily and
    # the garbage collector, visiting every tracked object a process keeps,
    # need not visit for as long as the process runs.
    alike: dict[tuple[object, ...], _Entry] = {}
    for token, found in list(entries.items()):
        if found.phrases is None:
            entries[token] = alike.setdefault(found.fields(), found)
    return _Table(
        entries=entries,
        lexicon=lexicon,
        # Lexicon words never act as modifiers (VADER's rule): leave them out
        # so the window needs one lookup per word.
        modifiers={
            token: value
            for token, value in {**boosters, **dict.fromkeys(negators, _valence.NEGATES)}.items()
            if token not in lexicon
        },
        window=int(patterns["negation_window"]),
        question_words=frozenset(patterns["dimensions"]["curiosity"]["question_words"]),
        targets=registry,
    )


_TABLES: Final = _table.cache


def _materialise(
    spans: list[int], text: str, start_shift: int, concerns: dict[int, SafetyConcern]
) -> tuple[Evidence, ...]:
    """Evidence objects for spans packed by :func:`_read`, in order.

    Each evidence takes its span's place in ``spans``, which is then spent.
    """
    # One loop with no call per span but object.__new__: calling a class runs
    # its __init__ in a new interpreter frame, which costs more than filling
    # the five slots here.
    blank = object.__new__
    builder = _EvidenceBuilder
    ordered = _ORDERED_DIMENSIONS
    order_bits, order_mask = _ORDER_BITS, _ORDER_MASK
    end_mask = (1 << (start_shift - order_bits)) - 1
    concern_at = concerns.get if concerns else None
    evidence_type = Evidence
    # The evidence replaces its span in the same list: no second list, and
    # the span's int is freed as its evidence is made, so on a long text the
    # evidence's ints reuse that memory instead of fresh pages.
    built = cast("list[object]", spans)
    for index in range(len(spans)):
        span = spans[index]
        made = blank(builder)
        made.dimension = ordered[span & order_mask]
        made.start = start = span >> start_shift
        made.end = end = (span >> order_bits) & end_mask
        made.text = text[start:end]
        made.concern = None if concern_at is None else concern_at(span)
        made.__class__ = evidence_type  # type: ignore[assignment]
        built[index] = made  # an Evidence now
    return tuple(built)  # type: ignore[arg-type]  # every item an Evidence now


# A phrase match found while walking is packed into one int (no tuple per
# match): how many tokens past its first token it ends, then its target's index.
# A table holds a few thousand targets (an app adds at most MAX_ADDITIONS, each
# one target at most), far below 2**24.
_IDENT_BITS: Final = 24
_IDENT_MASK: Final = (1 << _IDENT_BITS) - 1


def _walk(  # noqa: PLR0917 - hot path, positional is cheaper
    node: _Node, tokens: list[str], start: int, index: int, found: list[int], count: int
) -> None:
    """Collect a packed hit for every phrase from ``start`` continuing at ``index``.

    A loop down the single matching branch; only a ``*`` child branches.
    ``count`` is the number of tokens (``tokens`` may hold a sentinel after them).
    """
    while True:
        if node.hits:
            ending = (index - start) << _IDENT_BITS
            for ident in node.hits:
                found.append(ending | ident)  # noqa: PERF401 - usually 0 or 1 target
        children = node.children
        if not children:
            return
        # index < count, so tokens[following] exists (the sentinel at worst,
        # which is no child); only a wildcard must not step onto it.
        following = index + 1
        if node.wildcard and following < count and tokens[following] not in _valence.BOUNDARIES:
            _walk(children[_WILDCARD], tokens, start, following, found, count)
        child = children.get(tokens[following])
        if child is None:
            return
        node, index = child, following


def _settle(
    spans: list[int],
    targets: list[_Target],
    canceller_spans: list[int],
    canceller_targets: list[_Target],
    *,
    bits: int,
    longest: int,
) -> list[int]:
    """The indexes of the matches that no exception or benign idiom cancels.

    Matches and cancellers are packed as in :func:`_read` (first token, last
    token inverted, sentence), both in order of their first token. A
    canceller acts on the matches it overlaps in its own sentence. It is at
    most ``longest`` tokens long, so a match only looks at the few cancellers
    that start within that reach of it, and the first of those only moves
    forward: linear in the length of the text even when one long,
    unpunctuated sentence holds thousands of both, with no allocation per
    match.
    """
    mask = (1 << bits) - 1
    first_shift = 2 * bits
    kept: list[int] = []
    earliest = 0  # the first canceller that may still reach a match
    for index in range(len(spans)):
        packed = spans[index]
        first = packed >> first_shift
        last = mask - ((packed >> bits) & mask)
        where = packed & mask
        target = targets[index]
        safety = target.kind == _SAFETY
        order = target.order
        cancelled = False
        while (
            earliest < len(canceller_spans)
            and canceller_spans[earliest] >> first_shift <= first - longest
        ):
            earliest += 1
        at = earliest
        while at < len(canceller_spans):
            other = canceller_spans[at]
            if other >> first_shift > last:
                break
            canceller = canceller_targets[at]
            at += 1
            if (
                other & mask == where
                and mask - ((other >> bits) & mask) >= first
                and (safety if canceller.kind == _BENIGN else order in canceller.cancel_orders)
            ):
                cancelled = True
                break
        if not cancelled:
            kept.append(index)
    return kept


# A negator's reach ends at a comma, semicolon, colon or dash: in "It's not
# fair, you never help" the "not" belongs to the first clause only.
_CLAUSE_BREAK: Final = re.compile(r"[,;:\u2013\u2014]| - ")
_QUESTION: Final = "?"
# A bytes.translate table: ASCII capitals to "A", every other byte to " ".
_CAPITALS_ONLY: Final = bytes(
    [ord("A") if ord("A") <= byte <= ord("Z") else ord(" ") for byte in range(256)]
)
_TWO_CAPITALS: Final = b"AA"
_EXCLAMATION: Final = "!"
_BUT: Final = "but"
_NO: Final = "no"
_CURIOSITY: Final = _DIMENSION_ORDER[Dimension.CURIOSITY]
_VALENCE: Final = _DIMENSION_ORDER[Dimension.VALENCE]
_EMOTION_WORDS: Final = _DIMENSION_ORDER[Dimension.EMOTION_WORDS]
# Bits for a dimension's order in a packed span (see _Reading).
_ORDER_BITS: Final = len(_ORDERED_DIMENSIONS).bit_length()
_ORDER_MASK: Final = (1 << _ORDER_BITS) - 1
_RELATIONAL_COUNT: Final = 9  # the relational dimensions come first in Dimension


# Texts longer than this many characters are read in blocks of about this
# size, cut between sentences: the lists a block needs (its tokens, their
# offsets and table entries) then stay small enough for the processor's
# caches, and a megabyte scores about a fifth faster than read whole.
_BLOCK_CHARS: Final = 1 << 16
# A cut falls before a word that follows a word, one sentence mark and
# spaces: "... tonight. We ...". Sentences are what the scorer reads apart
# (no phrase, negation or question spans two), and here the two tokenisers
# agree that the mark is a token of its own and nothing else is split.
_SENTENCE_END: Final = re.compile(r"[A-Za-z0-9][.!?] +(?=[A-Za-z0-9])")


def _cuts(text: str, block: int) -> list[int]:
    """Offsets that cut ``text`` into blocks of at least ``block`` characters.

    The first is 0, the last ``len(text)``; the others are sentence starts
    (see ``_SENTENCE_END``). Each search starts where the previous block
    reached its size, so the text is searched once: linear time. A text with
    no such sentence start is one block.
    """
    cuts = [0]
    reach = block
    while reach < len(text):
        found = _SENTENCE_END.search(text, reach)
        if found is None:
            break
        cuts.append(found.end())
        reach = found.end() + block
    cuts.append(len(text))
    return cuts


class _Reading:
    """What the blocks of one text add up to, filled by :func:`_read`."""

    __slots__ = (
        "concern_at",
        "concerns",
        "emotions",
        "questions",
        "spans",
        "sums",
        "totals",
        "words",
    )

    def __init__(self) -> None:
        # Evidence spans packed into one int each until the end: start, end
        # and dimension order in bit fields, so that sorting the ints sorts
        # the spans (no tuple per span for the garbage collector to track).
        # Safety spans keep their concern on the side.
        self.spans: list[int] = []
        self.concern_at: dict[int, SafetyConcern] = {}
        self.concerns: set[SafetyConcern] = set()
        self.emotions: dict[str, int] = {}  # distinct emotion words and their sign
        self.sums: list[float] = []  # valence per scored sentence
        self.totals = [0.0] * len(_ORDERED_DIMENSIONS)
        self.questions = 0  # open questions to the partner
        self.words = 0


def score_text(
    text: str,
    additions: tuple[tuple[Dimension | SafetyConcern, str], ...],
    block: int = _BLOCK_CHARS,
) -> ReflectionScore:
    """Score ``text`` with the built-in lists plus ``additions``.

    The caller, :func:`attunement.score_reflection`, has checked both: ``text``
    is a ``str`` and ``additions`` come from a valid :class:`ReflectionLexicon`.
    A text longer than ``block`` characters is read in blocks cut between
    sentences (see :func:`_cuts`); the result is the same.
    """
    # The cache hit without the loader's call (the usual case).
    table = _TABLES.get((additions,))
    if table is None:
        table = _table(additions)
    # VADER adds emphasis to words in capitals when not all of the text is in
    # capitals. A quick scan finds ASCII texts with no capitalised word at all
    # (no two capitals in a row): translate() marks capitals at C speed.
    caps_words = not text.isupper() and (
        # find(), not ``in``: bytes ``in`` first tries the needle as an int
        # and pays for the TypeError.
        not text.isascii()
        or text.encode("ascii").translate(_CAPITALS_ONLY).find(_TWO_CAPITALS) >= 0
    )
    start_shift = _ORDER_BITS + (len(text) + 1).bit_length()
    reading = _Reading()
    if len(text) <= block:
        _read_block(reading, table, text, 0, len(text), caps_words, start_shift)
    else:
        cuts = _cuts(text, block)
        for index in range(len(cuts) - 1):
            _read_block(
                reading, table, text, cuts[index], cuts[index + 1], caps_words, start_shift
            )
    totals = reading.totals
    for _ in range(reading.questions):
        totals[_CURIOSITY] += 1.0
    spans = reading.spans
    spans.sort()
    evidence = _materialise(spans, text, start_shift, reading.concern_at)
    words = reading.words
    emotions = reading.emotions
    positive = [*emotions.values()].count(1)  # signs are 1 or -1
    # Every value is of the right type and range by construction: set the
    # slots directly instead of re-validating 16 fields and every evidence.
    made = _new_score(ReflectionScore)
    _set_all(
        made,
        (
            *totals[:_RELATIONAL_COUNT],
            len(emotions),
            positive,
            len(emotions) - positive,
            _valence.combine(reading.sums, words),
            words,
            evidence,
            frozenset(reading.concerns),
        ),
    )
    return made


def _read_block(  # noqa: PLR0917 - hot path, positional is cheaper
    reading: _Reading,
    table: _Table,
    text: str,
    first: int,
    end: int,
    caps_words: bool,  # noqa: FBT001 - positional on the hot path
    start_shift: int,
) -> None:
    """Scan ``text[first:end]`` and read it into ``reading``.

    The block's tokens and offsets die on return, before the evidence is
    made: on a long text their memory is then free for it, and a garbage
    collection that runs meanwhile has a few hundred thousand objects fewer
    to visit.
    """
    # The whole text when first == 0 and end == len(text): no copy.
    tokens, offsets, boundary_shift = _valence.scan(text[first:end])
    if first:
        offsets = [offset + first for offset in offsets]
    _read(reading, table, text, tokens, offsets, boundary_shift, caps_words, start_shift)


def _read(  # noqa: C901, PLR0912, PLR0915, PLR0917 - one hot loop, kept flat for speed
    reading: _Reading,
    table: _Table,
    text: str,
    tokens: list[str],
    offsets: list[int],
    boundary_shift: int,
    caps_words: bool,  # noqa: FBT001 - positional on the hot path
    start_shift: int,
) -> None:
    """Read the sentences of one block of ``text`` into ``reading``.

    ``tokens`` are the block's, ``offsets`` their offsets in the whole text
    and ``boundary_shift`` what :func:`_valence.scan` said about them.
    """
    count = len(tokens)
    # Look every token up once; the loop below skips the tokens with no role.
    entries = table.entries
    found_entries = [entries.get(token) for token in tokens]
    # A sentinel: ``tokens[index + 1]`` needs no bounds check ("" is no word).
    tokens.append("")
    lexicon_values = table.lexicon
    all_targets = table.targets
    modifiers = table.modifiers
    window = table.window
    lookback = _valence.LOOKBACK
    caps_boost = _valence.CAPS_BOOST
    caps = (text, offsets) if caps_words else None  # boosters in capitals count more too

    # Matches waiting for the cancellers, each packed into one int (first
    # token, last token inverted, sentence: the ints sort by first token,
    # longest first) beside a list of their targets; the same for exceptions
    # and benign idioms. Ints are not tracked by the garbage collector, which
    # a long text would otherwise keep busy with tens of thousands of tuples.
    bits = (count + 2).bit_length()
    inverted = (1 << bits) - 1
    pending: list[int] = []
    pending_targets: list[_Target] = []
    in_order = True  # pending is in (first, -last) order until a start yields two
    cancellers: list[int] = []
    canceller_targets: list[_Target] = []
    spans = reading.spans  # packed evidence spans: see _Reading
    concern_at = reading.concern_at
    end_shift = _ORDER_BITS
    emotions = reading.emotions
    sums = reading.sums
    questions: list[tuple[int, int, int, bool]] = []
    # Sentences with an appreciation match, and with an accusing one.
    appreciative: set[int] = set()
    accusing: set[int] = set()

    sentence = 0
    floor = 0
    before_but = after_but = 0.0
    seen_but = scored = False
    exclamations = question_marks = 0
    subject: str | None = None
    partner_named = False
    ended = False
    boundary_at = -1  # the last sentence-ending token seen
    run_start = -1  # the first of the run it belongs to ("?!\n"): where a question ends
    boundaries = 0
    last_negator = -window - 1
    last_modifier = -lookback - 1  # the last booster, negator or "no"
    skip_valence_until = -1
    valence_order = _VALENCE
    emotion_order = _EMOTION_WORDS

    # range(count) leaves out the sentinel at the end of tokens.
    # A plain loop with a None test: compiled, it runs on machine integers,
    # faster than itertools.compress() (which the interpreter prefers).
    for index in range(count):
        entry = found_entries[index]
        if entry is None:
            continue
        token = tokens[index]
        # A sentence closes at the first token after its final marks; a mark
        # that follows words without a role ("Ant and Dec!") closes it too, so
        # the new sentence's "!" or "?" is never counted into the old one.
        if ended and (not entry.boundary or index != boundary_at + 1):
            if scored:
                # With no "but", no "!" and at most one "?", a sentence's sum
                # is its words' sum (what sentence_sum returns): skip the call.
                if seen_but or exclamations or question_marks > 1:
                    sums.append(
                        _valence.sentence_sum(
                            before_but, after_but, seen_but, exclamations, question_marks
                        )
                    )
                else:
                    sums.append(before_but)
            if question_marks and run_start > floor:
                questions.append((floor, run_start, sentence, partner_named))
            sentence += 1
            floor = boundary_at + 1
            before_but = after_but = 0.0
            seen_but = scored = partner_named = ended = False
            exclamations = question_marks = 0
            subject = None
        if entry.boundary:
            boundaries += 1
            if not ended:
                run_start = index
            boundary_at = index
            if token == _EXCLAMATION:
                exclamations += 1
            elif token == _QUESTION:
                question_marks += 1
            ended = True
            continue
        if entry.valence_only:
            # The commonest hit: a lexicon word (maybe an emotion word) with
            # no other role.
            emotion = entry.emotion
            if emotion:
                emotions.setdefault(token, emotion)
                start = offsets[index]
                spans.append(
                    start << start_shift | (start + len(token)) << end_shift | emotion_order
                )
            if index > skip_valence_until:
                scored = True
                base = entry.lexicon_value
                start = offsets[index]
                end = start + len(token)
                if caps_words and text[start:end].isupper():
                    base += caps_boost if base > 0 else -caps_boost
                if last_modifier >= floor and last_modifier >= index - lookback:
                    base = _valence.adjust(base, tokens, index, floor, modifiers, caps)
                spans.append(start << start_shift | end << end_shift | valence_order)
                if seen_but:
                    after_but += base
                else:
                    before_but += base
            continue
        phrases = entry.phrases
        if phrases is not None:
            # Most phrase starts end here: look at the next word before
            # building anything.
            found: list[int]
            if phrases.wildcard or tokens[index + 1] in phrases.children:
                found = []
                if phrases.deep_wildcard:
                    _walk(phrases, tokens, index, index, found, count)
                else:
                    # _walk without a call: one branch, no "*" below.
                    node: _Node | None = phrases
                    last_index = index
                    while node is not None:
                        if node.hits:  # usually none or one
                            ending = (last_index - index) << _IDENT_BITS
                            for ident in node.hits:
                                found.append(ending | ident)
                        last_index += 1
                        node = node.children.get(tokens[last_index])
                if len(found) > 1:
                    in_order = False
            elif phrases.hits:
                found = phrases.first_hits  # phrases of one word: shared, never changed
                if phrases.several:
                    in_order = False
            elif entry.phrase_only:
                continue  # the commonest case: a phrase start that goes nowhere
            else:
                found = []
            for hit in found:
                target = all_targets[hit & _IDENT_MASK]
                last = index + (hit >> _IDENT_BITS)
                kind = target.kind
                if kind == _DIM:
                    if (
                        target.negatable
                        and last_negator >= floor
                        and last_negator >= index - window
                        and not _CLAUSE_BREAK.search(text, offsets[last_negator], offsets[index])
                    ):
                        continue  # negated ("I don't blame you"), within its clause
                    wanted = target.subject
                    if wanted is not None:
                        who = entry.subject or subject
                        if wanted == "partner":
                            if who != "partner":
                                continue
                        elif who == "self":
                            continue
                    pending.append(((index << bits | inverted - last) << bits) | sentence)
                    pending_targets.append(target)
                    if target.appreciative:
                        appreciative.add(sentence)
                    elif target.accusing:
                        accusing.add(sentence)
                elif kind == _VALENCE_PHRASE:
                    if last > skip_valence_until:
                        skip_valence_until = last
                        scored = True
                        if seen_but:
                            after_but += target.weight
                        else:
                            before_but += target.weight
                elif kind == _SAFETY:
                    pending.append(((index << bits | inverted - last) << bits) | sentence)
                    pending_targets.append(target)
                else:
                    cancellers.append(((index << bits | inverted - last) << bits) | sentence)
                    canceller_targets.append(target)
            if entry.phrase_only:
                continue
        who_now = entry.subject
        if who_now is not None:
            subject = who_now
            if entry.partner:
                partner_named = True
            if entry.subject_only:
                continue
        if entry.emotion:
            emotions.setdefault(token, entry.emotion)
            start = offsets[index]
            spans.append(start << start_shift | (start + len(token)) << end_shift | emotion_order)
        if entry.valence is not None:
            base = entry.lexicon_value
            if index > skip_valence_until and entry.boost is None:
                scored = True
                if token == _NO and tokens[index + 1] in lexicon_values:
                    base = 0.0
                else:
                    start = offsets[index]
                    end = start + len(token)
                    if caps_words and text[start:end].isupper():
                        base += caps_boost if base > 0 else -caps_boost
                    if last_modifier >= floor and last_modifier >= index - lookback:
                        base = _valence.adjust(base, tokens, index, floor, modifiers, caps)
                    spans.append(start << start_shift | end << end_shift | valence_order)
                if seen_but:
                    after_but += base
                else:
                    before_but += base
        elif entry.contrast:
            seen_but = True
        if entry.modifier:
            last_modifier = index
            if entry.negator:
                last_negator = index
    if scored:
        sums.append(
            _valence.sentence_sum(before_but, after_but, seen_but, exclamations, question_marks)
        )
    if question_marks and run_start > floor:
        questions.append((floor, run_start, sentence, partner_named))

    if cancellers:
        kept = _settle(
            pending,
            pending_targets,
            cancellers,
            canceller_targets,
            bits=bits,
            longest=table.longest,
        )
        if len(kept) < len(pending):
            pending = [pending[index] for index in kept]
            pending_targets = [pending_targets[index] for index in kept]
        else:
            cancellers = []  # nothing cancelled: the marks below stand
    if cancellers:
        # Some matches are cancelled: the sentences' marks come from the rest.
        appreciative.clear()
        accusing.clear()
        for index, target in enumerate(pending_targets):
            if target.appreciative:
                appreciative.add(pending[index] & inverted)
            elif target.accusing:
                accusing.add(pending[index] & inverted)
    if not in_order:
        # By first token, and longest first among matches that start together
        # (the order of the packed ints); sorted() is stable, so equal ones
        # keep their order.
        ranking = sorted(range(len(pending)), key=pending.__getitem__)
        pending = [pending[index] for index in ranking]
        pending_targets = [pending_targets[index] for index in ranking]

    totals = reading.totals
    concerns = reading.concerns
    # The last token of the latest match kept per dimension. Matches are in
    # token order here (sorted above if need be) and none spans a sentence
    # end, so a match from an earlier sentence always ends before the current
    # one starts: one slot per dimension does what a (sentence, dimension)
    # key would.
    reach = [-1] * len(_ORDERED_DIMENSIONS)
    first_shift = 2 * bits
    for index, packed in enumerate(pending):
        target = pending_targets[index]
        where = packed & inverted
        first = packed >> first_shift
        last = inverted - ((packed >> bits) & inverted)
        if target.soft and where in appreciative:
            continue
        order = target.order
        if reach[order] >= first:
            continue  # overlaps a longer match of the same dimension
        reach[order] = last
        span = (
            offsets[first] << start_shift
            | (offsets[last] + len(tokens[last])) << end_shift
            | order
        )
        spans.append(span)
        concern = target.concern
        if concern is not None:
            concerns.add(concern)
            concern_at[span] = concern
        else:
            totals[order] += target.weight
    question_words = table.question_words
    for first, last, where, partner in questions:
        if where in accusing or not (partner or tokens[first] in question_words):
            continue
        # Added to the total at the end, after every phrase's share: the
        # same order of float additions however the text is cut in blocks.
        reading.questions += 1
        spans.append(
            offsets[first] << start_shift
            | (offsets[last] + boundary_shift) << end_shift
            | _CURIOSITY
        )
    reading.words += count - boundaries


_new_score = ReflectionScore.__new__
# The slot setters of ReflectionScore in field order: the relational
# dimensions (in Dimension order), then the counts, valence, words, evidence
# and safety.
_SCORE_SETTERS = tuple(
    ReflectionScore.__dict__[field.name].__set__ for field in attrs.fields(ReflectionScore)
)


def _set_all(score: ReflectionScore, values: tuple[object, ...]) -> None:
    for setter, value in zip(_SCORE_SETTERS, values, strict=True):
        setter(score, value)
