"""Reflection scoring: an explainable, single-pass reader of relational language.

``score_reflection`` tokenises a text once, looks every token up once in a
merged table (valence, negator, booster, person, emotion word, safety cue,
start of a phrase) and returns counts per dimension with the exact spans that
produced them. Word lists live in ``data/reflection_patterns.json`` and
``data/safety_patterns.json``; apps add their own with
:class:`ReflectionLexicon`.

This module holds the models, the checks of user input and the antidotes;
the tables and the scoring loop live in ``_scorer``, which optional builds
compile with mypyc.
"""

from __future__ import annotations

import enum
import itertools
import math
from collections.abc import Iterable
from typing import Any, Final

import attrs

from . import _valence
from ._errors import ValidationError
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
        problem = _group_problem(phrase) if type(phrase) is str else None
        if problem is not None:
            raise ValidationError(problem, path=(attribute.name, index))
        if type(phrase) is not str or not _expand(phrase):
            raise ValidationError(
                "must be a phrase of at least one word, not starting with * and with no "
                "sentence punctuation (. ! ?) inside",
                path=(attribute.name, index),
            )


def _group_problem(phrase: str) -> str | None:
    """What is wrong with a phrase's ``{a|b}`` groups, if anything.

    A stray brace or bar would otherwise be read as a word break, a group
    glued to a word ("{walk|talk}ed") as two words, and an unclosed group
    would make the phrase match nothing: all silently.
    """
    inside = False
    last = len(phrase) - 1
    for position, char in enumerate(phrase):
        if char == "{":
            if inside:
                return "must not put a {...} group inside another"
            if position and not phrase[position - 1].isspace():
                return "must leave a space before a {...} group"
            inside = True
        elif char == "}":
            if not inside:
                return "has a } with no { before it"
            if position < last and not phrase[position + 1].isspace():
                return "must leave a space after a {...} group"
            inside = False
        elif char == "|" and not inside:
            return "has a | outside a {...} group"
    return "has a { with no } after it" if inside else None


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
            ValidationError: If the target cannot be extended, or a phrase has no
                word or a malformed ``{a|b}`` group (left open, nested, glued to a
                word, or a ``}`` or ``|`` outside one).

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


_WILDCARD = "*"


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
        if closing < 0:  # pragma: no cover - app phrases are checked first, ours by a test
            raise AssertionError("unreachable: a phrase with an open {...} group")
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


# ----------------------------------------------------------------- scoring

_DEFAULT_LEXICON = ReflectionLexicon()


def score_reflection(text: str, *, lexicon: ReflectionLexicon | None = None) -> ReflectionScore:
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
    return _scorer.score_text(text, chosen.additions)


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


# The scorer builds Evidence and ReflectionScore objects, so it imports this
# module: it is imported last, once everything it needs is defined, and as a
# module, so that either of the two may be imported first.
from . import _scorer  # noqa: E402
