"""Reflection scoring: an explainable, single-pass reader of relational language.

``score_reflection`` tokenises a text once, looks every token up once in a
merged table (valence, negator, booster, person, emotion word, safety cue,
start of a phrase) and returns counts per dimension with the exact spans that
produced them. Word lists live in ``data/reflection_patterns.json`` and
``data/safety_patterns.json``; apps add their own with
:class:`ReflectionLexicon`.
"""

from __future__ import annotations

import enum
import itertools
import math
import operator
import re
from collections import deque
from collections.abc import Iterable
from itertools import compress, repeat
from typing import Any, Final

import attrs

from . import _valence
from ._errors import ValidationError
from ._lazy import load_once, load_once_bounded
from ._safety import SafetyConcern


class Dimension(enum.Enum):
    """What a piece of evidence counts toward.

    Example:
        >>> import attunement as at
        >>> at.Dimension("we_ness")
        <Dimension.WE_NESS: 'we_ness'>
    """

    #: First-person feelings, needs and owned actions ("I feel", "I need").
    OWNERSHIP = "ownership"
    #: Accusing "you" statements ("you never listen").
    BLAME = "blame"
    #: The absolutist words of Al-Mosaiwi & Johnstone (2018).
    ABSOLUTISM = "absolutism"
    #: First-person plural ("we", "us", "our", "let's").
    WE_NESS = "we_ness"
    #: Validation and perspective-taking ("that makes sense").
    EMPATHY = "empathy"
    #: Warding off a complaint ("it's not my fault").
    DEFENSIVENESS = "defensiveness"
    #: Mockery, insults and sneering.
    CONTEMPT = "contempt"
    #: Open questions and invitations to the partner.
    CURIOSITY = "curiosity"
    #: Thanks, gratitude and admiration.
    APPRECIATION = "appreciation"
    #: Words naming emotions.
    EMOTION_WORDS = "emotion_words"
    #: Words carrying positive or negative feeling (VADER lexicon).
    VALENCE = "valence"
    #: A safety cue; the evidence names its :class:`SafetyConcern`.
    SAFETY = "safety"


#: The dimensions whose word lists an app can extend.
EXTENSIBLE: Final = frozenset(
    {
        Dimension.OWNERSHIP,
        Dimension.BLAME,
        Dimension.ABSOLUTISM,
        Dimension.WE_NESS,
        Dimension.EMPATHY,
        Dimension.DEFENSIVENESS,
        Dimension.CONTEMPT,
        Dimension.CURIOSITY,
        Dimension.APPRECIATION,
    }
)


# ------------------------------------------------------------------ models


def _check_dimension(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not Dimension:
        raise ValidationError("must be a Dimension", path=(attribute.name,))


def _check_offset(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or value < 0:
        raise ValidationError("must be a non-negative integer", path=(attribute.name,))


def _check_end(instance: Evidence, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or value <= instance.start:
        raise ValidationError("must be an integer greater than start", path=(attribute.name,))


def _check_evidence_text(
    instance: Evidence, attribute: attrs.Attribute[Any], value: object
) -> None:
    if type(value) is not str:
        raise ValidationError("must be a string", path=(attribute.name,))
    if type(instance.end) is int and len(value) != instance.end - instance.start:
        raise ValidationError("must be as long as the span end - start", path=(attribute.name,))


def _check_concern(instance: Evidence, attribute: attrs.Attribute[Any], value: object) -> None:
    if instance.dimension is Dimension.SAFETY:
        if type(value) is not SafetyConcern:
            raise ValidationError(
                "must be a SafetyConcern for safety evidence", path=(attribute.name,)
            )
    elif value is not None:
        raise ValidationError(
            "must be null unless the dimension is safety", path=(attribute.name,)
        )


# No __weakref__ slot: the layout then matches _EvidenceBuilder (see below).
@attrs.frozen(kw_only=True, weakref_slot=False)
class Evidence:
    """The words behind a number: a span of the scored text.

    ``text == source[start:end]``. The text is never shown in ``repr``.

    Args:
        dimension: What the span counts toward.
        start: Offset of the first character in the scored text.
        end: Offset just past the last character.
        text: The matched words, as written.
        concern: For :attr:`Dimension.SAFETY` evidence, the concern it raises.

    Example:
        >>> import attunement as at
        >>> source = "Thank you for dinner."
        >>> [evidence] = at.score_reflection(source).evidence_for(at.Dimension.APPRECIATION)
        >>> evidence.dimension, source[evidence.start:evidence.end] == evidence.text
        (<Dimension.APPRECIATION: 'appreciation'>, True)
        >>> "Thank" in repr(evidence)
        False
    """

    dimension: Dimension = attrs.field(validator=_check_dimension)
    start: int = attrs.field(validator=_check_offset)
    end: int = attrs.field(validator=_check_end)
    text: str = attrs.field(repr=False, validator=_check_evidence_text)
    concern: SafetyConcern | None = attrs.field(default=None, validator=_check_concern)


def _check_amount(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not float or not 0.0 <= value < math.inf:
        raise ValidationError("must be a finite number >= 0", path=(attribute.name,))


def _check_valence(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not float or not -1.0 <= value <= 1.0:
        raise ValidationError("must be a number from -1 to 1", path=(attribute.name,))


def _check_count(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or value < 0:
        raise ValidationError("must be a non-negative integer", path=(attribute.name,))


def _check_evidence(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not tuple:
        raise ValidationError("must be a tuple of Evidence", path=(attribute.name,))
    for index, item in enumerate(value):
        if type(item) is not Evidence:
            raise ValidationError("must be an Evidence", path=(attribute.name, index))


def _check_safety(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not frozenset or any(type(c) is not SafetyConcern for c in value):
        raise ValidationError("must be a frozenset of SafetyConcern", path=(attribute.name,))


def _amount() -> float:
    # One validated, non-negative float field (a helper keeps the class short).
    return attrs.field(default=0.0, validator=_check_amount)


@attrs.frozen(kw_only=True)
class ReflectionScore:
    """The relational-language reading of one text.

    Each relational dimension is a weighted count of matches (1 per match,
    0.5 for admiration of the partner), exactly ``0.0`` when nothing matched;
    divide by ``words`` for a rate. ``valence`` is in [-1, 1].
    ``repr`` shows numbers only, never the text.

    Example:
        >>> import attunement as at
        >>> score = at.score_reflection("I feel lonely lately. Can we talk tonight?")
        >>> score.ownership, score.we_ness, score.curiosity, score.blame
        (1.0, 1.0, 1.0, 0.0)
        >>> score.valence < 0, score.safety
        (True, frozenset())
    """

    ownership: float = _amount()
    blame: float = _amount()
    absolutism: float = _amount()
    we_ness: float = _amount()
    empathy: float = _amount()
    defensiveness: float = _amount()
    contempt: float = _amount()
    curiosity: float = _amount()
    appreciation: float = _amount()
    #: Distinct emotion words (positive and negative together).
    emotion_words: int = attrs.field(default=0, validator=_check_count)
    positive_emotion_words: int = attrs.field(default=0, validator=_check_count)
    negative_emotion_words: int = attrs.field(default=0, validator=_check_count)
    valence: float = attrs.field(default=0.0, validator=_check_valence)
    words: int = attrs.field(default=0, validator=_check_count)
    evidence: tuple[Evidence, ...] = attrs.field(default=(), repr=False, validator=_check_evidence)
    safety: frozenset[SafetyConcern] = attrs.field(default=frozenset(), validator=_check_safety)

    def evidence_for(self, dimension: Dimension) -> tuple[Evidence, ...]:
        """The evidence that counted toward one dimension.

        Example:
            >>> import attunement as at
            >>> score = at.score_reflection("We did it together!")
            >>> len(score.evidence_for(at.Dimension.WE_NESS))
            2
        """
        return tuple(item for item in self.evidence if item.dimension is dimension)


# ---------------------------------------------------------------- lexicon


#: Limits on an app's additions, so a typo cannot cost unbounded time or memory:
#: each ``{a|b}`` group multiplies the word sequences a phrase stands for.
MAX_ADDITIONS = 10_000
MAX_PHRASE_LENGTH = 200
MAX_PHRASE_EXPANSIONS = 256


def _expansion_count(phrase: str) -> int:
    """How many word sequences a phrase expands to, stopping past the limit."""
    count = 1
    start = phrase.find("{")
    while start >= 0 and count <= MAX_PHRASE_EXPANSIONS:
        end = phrase.find("}", start)
        if end < 0:
            break
        count *= phrase.count("|", start, end) + 1
        start = phrase.find("{", end)
    return count


def _check_additions(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    reason = "must be a tuple of (Dimension or SafetyConcern, phrase) pairs"
    if type(value) is not tuple:
        raise ValidationError(reason, path=(attribute.name,))
    if len(value) > MAX_ADDITIONS:
        raise ValidationError(f"must hold at most {MAX_ADDITIONS} phrases", path=(attribute.name,))
    for index, pair in enumerate(value):
        if type(pair) is not tuple or len(pair) != 2:  # noqa: PLR2004
            raise ValidationError(reason, path=(attribute.name, index))
        target, phrase = pair
        if type(target) is SafetyConcern:
            pass
        elif type(target) is not Dimension or target not in EXTENSIBLE:
            raise ValidationError(
                "must name a relational Dimension or a SafetyConcern", path=(attribute.name, index)
            )
        if type(phrase) is str and (
            len(phrase) > MAX_PHRASE_LENGTH or _expansion_count(phrase) > MAX_PHRASE_EXPANSIONS
        ):
            raise ValidationError(
                f"must be at most {MAX_PHRASE_LENGTH} characters and stand for at most "
                f"{MAX_PHRASE_EXPANSIONS} word sequences",
                path=(attribute.name, index),
            )
        if type(phrase) is not str or not _expand(phrase):
            raise ValidationError(
                "must be a phrase of at least one word, not starting with * and with no "
                "sentence punctuation (. ! ?) inside",
                path=(attribute.name, index),
            )


@attrs.frozen(kw_only=True)
class ReflectionLexicon:
    """An app's own additions to the built-in word lists.

    Phrases use the package-data syntax: lowercase words, ``{a|b}`` for
    alternatives, ``{a|}`` for an optional word, ``*`` for any one word.
    Additions take the rules of the dimension they join (negation, subject).

    Example:
        >>> import attunement as at
        >>> lexicon = at.ReflectionLexicon().extend(at.Dimension.APPRECIATION, ["ta {love|mate}"])
        >>> at.score_reflection("Ta love!", lexicon=lexicon).appreciation
        1.0
        >>> at.score_reflection("Ta love!").appreciation
        0.0
    """

    additions: tuple[tuple[Dimension | SafetyConcern, str], ...] = attrs.field(
        default=(), validator=_check_additions
    )

    def extend(
        self, target: Dimension | SafetyConcern, phrases: Iterable[str]
    ) -> ReflectionLexicon:
        """Return a lexicon with ``phrases`` added to ``target``.

        Raises:
            ValidationError: If the target cannot be extended or a phrase has no word.

        Example:
            >>> import attunement as at
            >>> concern = at.SafetyConcern.SELF_HARM
            >>> extra = at.ReflectionLexicon().extend(concern, ["unalive myself"])
            >>> at.score_reflection("I want to unalive myself", lexicon=extra).safety
            frozenset({<SafetyConcern.SELF_HARM: 'self_harm'>})
        """
        if isinstance(phrases, str):
            raise ValidationError("must be a list of phrases, not one string", path=("phrases",))
        added = tuple((target, phrase) for phrase in phrases)
        return ReflectionLexicon(additions=self.additions + added)


# -------------------------------------------------------- compiled table

_ORDERED_DIMENSIONS: Final = tuple(Dimension)
_DIMENSION_ORDER: Final = {dimension: order for order, dimension in enumerate(Dimension)}
# A question in a sentence with these is not counted again as an open question.
_NOT_OPEN_QUESTION: Final = frozenset(
    {Dimension.BLAME, Dimension.CONTEMPT, Dimension.DEFENSIVENESS, Dimension.CURIOSITY}
)

_WILDCARD = "*"

# Target kinds.
_DIM = 0
_SAFETY = 1
_BENIGN = 2
_EXCEPTION = 3
_VALENCE_PHRASE = 4


class _Target:
    """What a phrase counts toward, with the rules that gate it."""

    __slots__ = (
        "accusing",
        "appreciative",
        "cancels",
        "concern",
        "dimension",
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
        self.cancels = cancels
        self.concern = concern
        # Precomputed so the hot loop never hashes an enum member.
        self.order = -1 if dimension is None else _DIMENSION_ORDER[dimension]
        self.appreciative = dimension is Dimension.APPRECIATION
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


class _Node:
    """A trie of phrase continuations.

    ``children`` maps the next word to a node; ``targets`` are the phrases
    that end here.
    """

    __slots__ = ("children", "deep_wildcard", "several", "targets", "wildcard")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.targets: list[_Target] = []
        self.wildcard = False
        # Set by finish() once the table is built:
        self.deep_wildcard = False  # a "*" here or anywhere below
        self.several = False  # more than one target ends here

    def finish(self) -> bool:
        """Set the precomputed flags of this subtree; return deep_wildcard."""
        deep = self.wildcard
        for child in self.children.values():
            deep = child.finish() or deep
        self.deep_wildcard = deep
        self.several = len(self.targets) > 1
        return deep


@attrs.frozen
class _Table:
    entries: dict[str, _Entry]
    lexicon: dict[str, float]
    modifiers: dict[str, float]
    window: int
    question_words: frozenset[str]


def _words(fragment: str) -> list[str]:
    out: list[str] = []
    for piece in fragment.split():
        if piece == _WILDCARD:
            out.append(piece)
        else:
            out.extend(_valence.tokenize(piece)[0])
    return out


def _expand(phrase: str) -> list[tuple[str, ...]]:
    """All token sequences a phrase stands for (see the data file's syntax)."""
    choices: list[list[list[str]]] = []
    rest = phrase
    while rest:
        opening = rest.find("{")
        if opening < 0:
            choices.extend([[word]] for word in _words(rest))
            break
        choices.extend([[word]] for word in _words(rest[:opening]))
        closing = rest.find("}", opening)
        if closing < 0:
            return []
        choices.append([_words(option) for option in rest[opening + 1 : closing].split("|")])
        rest = rest[closing + 1 :]
    sequences = [
        tuple(itertools.chain.from_iterable(combo)) for combo in itertools.product(*choices)
    ]
    # Punctuation ends a sentence and no phrase spans two sentences.
    return [
        seq
        for seq in sequences
        if seq and seq[0] != _WILDCARD and _valence.BOUNDARIES.isdisjoint(seq)
    ]


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
            node.targets.append(chosen)


def _set_paths(token: str, entry: _Entry) -> None:
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
        entry.phrases.finish()


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
    for token, found in entries.items():
        _set_paths(token, found)
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
    )


# ----------------------------------------------------------------- scoring

_DEFAULT_LEXICON = ReflectionLexicon()


class _EvidenceBuilder:
    """A blank with the slots of :class:`Evidence`, filled cheaply.

    A plain slotted class stores its attributes at full speed; its instance
    then becomes an ``Evidence`` by ``__class__`` assignment, which Python
    allows between classes with the same slots (``Evidence`` has no
    ``__weakref__`` slot for this reason). The result is indistinguishable
    from ``Evidence(...)``: same type, same slots, same values. Only spans
    from the tokeniser come through here; ``Evidence(...)`` and ``from_json``
    validate.
    """

    __slots__ = ("concern", "dimension", "end", "start", "text")

    dimension: Dimension
    start: int
    end: int
    text: str
    concern: SafetyConcern | None


def _materialise(
    spans: list[int], text: str, start_shift: int, concerns: dict[int, SafetyConcern]
) -> tuple[Evidence, ...]:
    """Evidence objects for spans packed by ``score_reflection``, in order."""
    # One loop with no call per span but object.__new__: calling a class runs
    # its __init__ in a new interpreter frame, which costs more than filling
    # the five slots here.
    blank = object.__new__
    builder = _EvidenceBuilder
    ordered = _ORDERED_DIMENSIONS
    order_bits, order_mask = _ORDER_BITS, _ORDER_MASK
    end_mask = (1 << (start_shift - order_bits)) - 1
    concern_at = concerns.get if concerns else None
    built: list[Evidence] = []
    add = built.append
    for span in spans:
        made = blank(builder)
        made.dimension = ordered[span & order_mask]
        made.start = start = span >> start_shift
        made.end = end = (span >> order_bits) & end_mask
        made.text = text[start:end]
        made.concern = None if concern_at is None else concern_at(span)
        made.__class__ = Evidence  # type: ignore[assignment]
        add(made)  # type: ignore[arg-type]  # an Evidence now
    return tuple(built)


def _walk(
    node: _Node, tokens: list[str], index: int, found: list[tuple[int, _Target]], count: int
) -> None:
    """Collect ``(last token index, target)`` for every phrase continuing at ``index``.

    A loop down the single matching branch; only a ``*`` child branches.
    ``count`` is the number of tokens (``tokens`` may hold a sentinel after them).
    """
    while True:
        for target in node.targets:
            found.append((index, target))  # noqa: PERF401 - usually 0 or 1 target
        children = node.children
        if not children:
            return
        # index < count, so tokens[following] exists (the sentinel at worst,
        # which is no child); only a wildcard must not step onto it.
        following = index + 1
        if node.wildcard and following < count and tokens[following] not in _valence.BOUNDARIES:
            _walk(children[_WILDCARD], tokens, following, found, count)
        child = children.get(tokens[following])
        if child is None:
            return
        node, index = child, following


def _settle(
    pending: list[tuple[int, int, int, _Target]],
    cancellers: list[tuple[int, int, int, _Target]],
) -> list[tuple[int, int, int, _Target]]:
    """Drop matches cancelled by an exception or a benign idiom they overlap.

    Cancellers only act within their own sentence. Each is filed under every
    token it covers (a phrase is a few tokens long), so a match looks only at
    the cancellers on its own tokens: linear in the length of the text even
    when one long, unpunctuated sentence holds thousands of both.
    """
    covering: dict[int, list[tuple[int, _Target]]] = {}
    for first, last, where, canceller in cancellers:
        for position in range(first, last + 1):
            covering.setdefault(position, []).append((where, canceller))
    kept = []
    for match in pending:
        first, last, where, target = match
        if not any(
            canceller_sentence == where
            and (
                target.kind == _SAFETY
                if canceller.kind == _BENIGN
                else target.dimension in canceller.cancels
            )
            for position in range(first, last + 1)
            for canceller_sentence, canceller in covering.get(position, ())
        ):
            kept.append(match)
    return kept


# A negator's reach ends at a comma, semicolon, colon or dash: in "It's not
# fair, you never help" the "not" belongs to the first clause only.
_CLAUSE_BREAK: Final = re.compile(r"[,;:\u2013\u2014]| - ")
_QUESTION: Final = "?"
# A bytes.translate table: ASCII capitals to "A", every other byte to " ".
_CAPITALS_ONLY: Final = bytes(
    ord("A") if ord("A") <= byte <= ord("Z") else ord(" ") for byte in range(256)
)
_TWO_CAPITALS: Final = b"AA"
_EXCLAMATION: Final = "!"
_BUT: Final = "but"
_NO: Final = "no"


def score_reflection(text: str, *, lexicon: ReflectionLexicon | None = None) -> ReflectionScore:  # noqa: C901, PLR0912, PLR0915 - one hot loop, kept flat for speed
    """Read a partner's written reflection: dimensions, evidence and safety.

    One tokenising pass and one table lookup per token; linear in the length
    of the text. Negation ("I don't blame you"), self-directed statements
    ("I'm such an idiot" is not contempt), contractions and curly
    apostrophes are handled. Safety cues are never silenced by negation or
    hedging.

    Args:
        text: Any string.
        lexicon: Optional additions to the built-in word lists.

    Raises:
        ValidationError: If ``text`` is not a string or ``lexicon`` not a
            :class:`ReflectionLexicon`.

    Example:
        >>> import attunement as at
        >>> text = "You never listen to me. I don't blame you for being tired."
        >>> score = at.score_reflection(text)
        >>> score.blame, score.absolutism, score.emotion_words
        (1.0, 1.0, 1)
        >>> [e.text for e in score.evidence_for(at.Dimension.BLAME)]
        ['You never listen']
        >>> at.score_reflection("I'm not saying I want to die, but...").safety
        frozenset({<SafetyConcern.SELF_HARM: 'self_harm'>})
    """
    if type(text) is not str:
        if not isinstance(text, str):
            raise ValidationError("must be a string", path=("text",))
        text = str(text)
    chosen = _DEFAULT_LEXICON if lexicon is None else lexicon
    if type(chosen) is not ReflectionLexicon:
        raise ValidationError("must be a ReflectionLexicon or None", path=("lexicon",))
    table = _table(chosen.additions)
    tokens, offsets, boundary_shift = _valence.scan(text)
    count = len(tokens)
    # Look every token up at C speed, then visit only the tokens with a role.
    # compress() below skips the misses, so every visited entry is an _Entry.
    found_entries: list[_Entry] = list(map(table.entries.get, tokens))  # type: ignore[arg-type]
    # A sentinel: ``tokens[index + 1]`` needs no bounds check ("" is no word).
    tokens.append("")
    lexicon_values = table.lexicon
    modifiers = table.modifiers
    window = table.window
    adjust = _valence.adjust
    lookback = _valence.LOOKBACK
    caps_boost = _valence.CAPS_BOOST
    # VADER adds emphasis to words in capitals when not all of the text is in
    # capitals. A quick scan finds ASCII texts with no capitalised word at all
    # (no two capitals in a row): translate() marks capitals at C speed.
    caps_words = not text.isupper() and (
        not text.isascii() or _TWO_CAPITALS in text.encode("ascii").translate(_CAPITALS_ONLY)
    )
    caps = (text, offsets) if caps_words else None  # boosters in capitals count more too

    pending: list[tuple[int, int, int, _Target]] = []
    add_pending = pending.append
    in_order = True  # pending is in (first, -last) order until a start yields two
    cancellers: list[tuple[int, int, int, _Target]] = []
    # Evidence spans packed into one int each until the end: start, end and
    # dimension order in bit fields, so that sorting the ints sorts the spans
    # (no tuple per span for the garbage collector to track). Safety spans
    # keep their concern on the side.
    spans: list[int] = []
    add_span = spans.append
    concern_at: dict[int, SafetyConcern] = {}
    end_shift = _ORDER_BITS
    start_shift = end_shift + (len(text) + 1).bit_length()
    emotions: dict[str, int] = {}
    sums: list[float] = []
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

    # zip() stops before the sentinel at the end of tokens.
    visits = zip(range(count), found_entries, tokens, strict=False)
    for index, entry, token in compress(visits, found_entries):
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
                add_span(start << start_shift | (start + len(token)) << end_shift | emotion_order)
            if index > skip_valence_until:
                scored = True
                base = entry.lexicon_value
                start = offsets[index]
                end = start + len(token)
                if caps_words and text[start:end].isupper():
                    base += caps_boost if base > 0 else -caps_boost
                if last_modifier >= floor and last_modifier >= index - lookback:
                    base = adjust(base, tokens, index, floor, modifiers, caps)
                add_span(start << start_shift | end << end_shift | valence_order)
                if seen_but:
                    after_but += base
                else:
                    before_but += base
            continue
        phrases = entry.phrases
        if phrases is not None:
            # Most phrase starts end here: look at the next word before
            # building anything.
            found: Iterable[tuple[int, _Target]]
            if phrases.wildcard or tokens[index + 1] in phrases.children:
                found = []
                if phrases.deep_wildcard:
                    _walk(phrases, tokens, index, found, count)
                else:
                    # _walk without a call: one branch, no "*" below.
                    node: _Node | None = phrases
                    last_index = index
                    while node is not None:
                        for target in node.targets:  # usually none or one
                            found.append((last_index, target))
                        last_index += 1
                        node = node.children.get(tokens[last_index])
                if len(found) > 1:
                    in_order = False
            elif phrases.targets:
                if phrases.several:
                    found = [(index, target) for target in phrases.targets]
                    in_order = False
                else:
                    found = ((index, phrases.targets[0]),)
            elif entry.phrase_only:
                continue  # the commonest case: a phrase start that goes nowhere
            else:
                found = ()
            for last, target in found:
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
                    add_pending((index, last, sentence, target))
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
                    add_pending((index, last, sentence, target))
                else:
                    cancellers.append((index, last, sentence, target))
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
            add_span(start << start_shift | (start + len(token)) << end_shift | emotion_order)
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
                        base = adjust(base, tokens, index, floor, modifiers, caps)
                    add_span(start << start_shift | end << end_shift | valence_order)
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
        kept = _settle(pending, cancellers)
        if len(kept) < len(pending):
            pending = kept
        else:
            cancellers = []  # nothing cancelled: the marks below stand
    if cancellers:
        # Some matches are cancelled: the sentences' marks come from the rest.
        appreciative.clear()
        accusing.clear()
        for _, _, where, target in pending:
            if target.appreciative:
                appreciative.add(where)
            elif target.accusing:
                accusing.add(where)
    if not in_order:
        pending.sort(key=_longest_first)

    totals = [0.0] * len(_ORDERED_DIMENSIONS)
    concerns: set[SafetyConcern] = set()
    # The last token of the latest match kept per dimension. Matches are in
    # token order here (sorted above if need be) and none spans a sentence
    # end, so a match from an earlier sentence always ends before the current
    # one starts: one slot per dimension does what a (sentence, dimension)
    # key would.
    reach = [-1] * len(_ORDERED_DIMENSIONS)
    for first, last, where, target in pending:
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
        add_span(span)
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
        totals[_CURIOSITY] += 1.0
        add_span(
            offsets[first] << start_shift
            | (offsets[last] + boundary_shift) << end_shift
            | _CURIOSITY
        )
    spans.sort()
    evidence = _materialise(spans, text, start_shift, concern_at)
    words = count - boundaries
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
            _valence.combine(sums, words),
            words,
            evidence,
            frozenset(concerns),
        ),
    )
    return made


_CURIOSITY = _DIMENSION_ORDER[Dimension.CURIOSITY]
_VALENCE = _DIMENSION_ORDER[Dimension.VALENCE]
_EMOTION_WORDS = _DIMENSION_ORDER[Dimension.EMOTION_WORDS]
# Bits for a dimension's order in a packed span (see score_reflection).
_ORDER_BITS = len(_ORDERED_DIMENSIONS).bit_length()
_ORDER_MASK = (1 << _ORDER_BITS) - 1
_RELATIONAL_COUNT = 9  # the relational dimensions come first in Dimension
_new_score = ReflectionScore.__new__
# The slot setters of ReflectionScore in field order: the relational
# dimensions (in Dimension order), then the counts, valence, words, evidence
# and safety.
_SCORE_SETTERS = tuple(
    ReflectionScore.__dict__[field.name].__set__ for field in attrs.fields(ReflectionScore)
)


def _set_all(score: ReflectionScore, values: tuple[object, ...]) -> None:
    # map() runs the slot setters at C speed; deque(maxlen=0) drains it.
    deque(map(operator.call, _SCORE_SETTERS, repeat(score), values), maxlen=0)


def _longest_first(match: tuple[int, int, int, _Target]) -> tuple[int, int]:
    return match[0], -match[1]


# ---------------------------------------------------------------- antidotes


def _check_horseman(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not Dimension or value not in _ANTIDOTE_TEXT:
        raise ValidationError(
            "must be one of the dimensions with an antidote: "
            "blame, contempt, defensiveness, absolutism",
            path=(attribute.name,),
        )


def _check_plain_text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not str or not value.strip():
        raise ValidationError("must be a non-blank string", path=(attribute.name,))


def _check_nonempty_evidence(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    _check_evidence(instance, attribute, value)
    if not value:
        raise ValidationError("must hold at least one Evidence", path=(attribute.name,))


@attrs.frozen(kw_only=True)
class Antidote:
    """Gottman's antidote to a pattern found in a reflection, ready to show.

    Args:
        pattern: The dimension that triggered it (blame, contempt,
            defensiveness or absolutism).
        name: The antidote's short name, e.g. ``"gentle start-up"``.
        advice: One or two sentences on what to try instead.
        template: A fill-in-the-blanks start the app can show.
        evidence: The spans that triggered it.

    Example:
        >>> import attunement as at
        >>> antidote = at.antidotes(at.score_reflection("You never help."))[0]
        >>> antidote.pattern, antidote.name
        (<Dimension.BLAME: 'blame'>, 'gentle start-up')
    """

    pattern: Dimension = attrs.field(validator=_check_horseman)
    name: str = attrs.field(validator=_check_plain_text)
    advice: str = attrs.field(validator=_check_plain_text)
    template: str = attrs.field(validator=_check_plain_text)
    evidence: tuple[Evidence, ...] = attrs.field(validator=_check_nonempty_evidence)


# Our own wording of the antidotes described by Gottman (1994) and
# Gottman & Silver (1999); the order is the order antidotes are returned in.
_ANTIDOTE_TEXT: Final = {
    Dimension.BLAME: (
        "gentle start-up",
        (
            "Criticism names a flaw in the partner; a gentle start-up names your feeling "
            "about one situation and what you need, without 'you always'."
        ),
        "I feel ___ about ___. I need ___.",
    ),
    Dimension.CONTEMPT: (
        "appreciation and respect",
        (
            "Contempt speaks from above; the antidote is to describe your own feelings and "
            "needs and to keep noticing what you value in your partner."
        ),
        "Something I value in you is ___. Right now I feel ___ and I need ___.",
    ),
    Dimension.DEFENSIVENESS: (
        "take responsibility",
        (
            "Defending yourself tells your partner their concern does not count; accepting "
            "even a small part of it opens the conversation."
        ),
        "You have a point about ___. My part in this was ___.",
    ),
    Dimension.ABSOLUTISM: (
        "be specific",
        (
            "'Always' and 'never' turn one event into a verdict; describe one moment "
            "instead, so it can be talked about."
        ),
        "When ___ happened, I felt ___. Next time I need ___.",
    ),
}


def antidotes(score: ReflectionScore) -> tuple[Antidote, ...]:
    """The antidotes to the blame, contempt, defensiveness and absolutism found.

    One :class:`Antidote` per pattern present, each carrying the evidence
    that triggered it, in the order blame, contempt, defensiveness,
    absolutism. An empty tuple when none of them appears, and always when the
    text raised a safety concern: then professional help comes first, not a
    communication exercise.

    Raises:
        ValidationError: If ``score`` is not a :class:`ReflectionScore`.

    Example:
        >>> import attunement as at
        >>> score = at.score_reflection("You're always late. Whatever.")
        >>> [antidote.name for antidote in at.antidotes(score)]
        ['gentle start-up', 'appreciation and respect', 'be specific']
        >>> at.antidotes(score)[0].template
        'I feel ___ about ___. I need ___.'
        >>> at.antidotes(at.score_reflection("You always say you'll hit me."))
        ()
    """
    if type(score) is not ReflectionScore:
        raise ValidationError("must be a ReflectionScore", path=("score",))
    if score.safety:
        return ()
    found = []
    for pattern, (name, advice, template) in _ANTIDOTE_TEXT.items():
        evidence = score.evidence_for(pattern)
        if evidence:
            found.append(
                Antidote(
                    pattern=pattern, name=name, advice=advice, template=template, evidence=evidence
                )
            )
    return tuple(found)
