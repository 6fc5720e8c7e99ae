"""Differentiation of self: instruments, self-ratings, scoring, reliability and change.

The scoring rules follow the Differentiation of Self Inventory's conventions
(Skowron & Friedlander 1998; Skowron & Schmitt 2003): reverse-keyed answers are
flipped as ``low + high - x`` so that a higher score always means more
differentiated, a subscale is the mean of its answered items, and a subscale
with too few answers is missing rather than guessed. Reliable change follows
Jacobson & Truax (1991); internal consistency is Cronbach's (1951) alpha.
"""

import datetime as dt
import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import Any, NoReturn, TypeGuard

import attrs

from ._errors import ValidationError
from ._fields import check_date, check_id, check_name, member_of
from ._lazy import load_once

#: |RC| above this is unlikely (p < .05) to be measurement noise (Jacobson & Truax 1991).
RELIABLE_CHANGE_THRESHOLD = 1.96

#: The widest answer scale an instrument may have (``high - low``), e.g. 0-100.
MAX_SCALE_SPAN = 100

#: Default share of a subscale's items that must be answered for it to be scored.
DEFAULT_MIN_ANSWERED = 0.8

_MIN_ITEMS_PER_SUBSCALE = 2
_MIN_ALPHA_ROWS = 2
_MIN_ALPHA_ITEMS = 2


class Subscale(enum.Enum):
    """The four facets of differentiation of self (Skowron & Schmitt 2003).

    Scores are oriented so that higher always means more differentiated.

    Example:
        >>> import attunement as at
        >>> at.Subscale("i_position")
        <Subscale.I_POSITION: 'i_position'>
    """

    #: Being swept up by emotion, versus staying steady when feelings run high.
    EMOTIONAL_REACTIVITY = "emotional_reactivity"
    #: Holding a clear sense of one's own views, even under pressure to agree.
    I_POSITION = "i_position"
    #: Pulling away to manage closeness, versus staying connected.
    EMOTIONAL_CUTOFF = "emotional_cutoff"
    #: Merging with others' needs and views, versus staying oneself while close.
    FUSION_WITH_OTHERS = "fusion_with_others"


_SUBSCALES: tuple[Subscale, ...] = tuple(Subscale)
_SLOT: dict[Subscale, int] = {facet: index for index, facet in enumerate(_SUBSCALES)}


class ChangeDirection(enum.Enum):
    """Which way a score moved, once measurement noise is taken into account.

    Higher scores mean more differentiated, so a reliable rise is
    ``IMPROVED`` and a reliable fall is ``WORSENED``.

    Example:
        >>> import attunement as at
        >>> at.ChangeDirection("no_reliable_change")
        <ChangeDirection.NO_RELIABLE_CHANGE: 'no_reliable_change'>
    """

    #: The score rose by more than measurement noise explains.
    IMPROVED = "improved"
    #: The score fell by more than measurement noise explains.
    WORSENED = "worsened"
    #: The difference is within what measurement noise explains.
    NO_RELIABLE_CHANGE = "no_reliable_change"


# ------------------------------------------------------------------ validators


def _is_number(value: object) -> TypeGuard[float]:
    # bool is an int subclass, and True is not a score.
    return (type(value) is float or type(value) is int) and math.isfinite(value)


def _is_positive(value: object) -> bool:
    return _is_number(value) and value > 0


def _is_proportion(value: object) -> bool:
    return _is_number(value) and 0 < value < 1


def _check_bool(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if type(value) is not bool:
        raise ValidationError("must be true or false", path=(attribute.name,))


def _check_int(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if type(value) is not int:
        raise ValidationError("must be an integer", path=(attribute.name,))


def _check_count(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if type(value) is not int or value < 0:
        raise ValidationError("must be a non-negative integer", path=(attribute.name,))


def _check_number(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if not _is_number(value):
        raise ValidationError("must be a finite number", path=(attribute.name,))


def _check_optional_number(
    _instance: object, attribute: "attrs.Attribute[Any]", value: object
) -> None:
    if value is not None and not _is_number(value):
        raise ValidationError("must be a finite number or null", path=(attribute.name,))


def _check_positive(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if not _is_positive(value):
        raise ValidationError("must be a finite number above 0", path=(attribute.name,))


def _check_proportion(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if not _is_proportion(value):
        raise ValidationError(
            "must be a number between 0 and 1, exclusive", path=(attribute.name,)
        )


def _check_min_answered(
    _instance: object, attribute: "attrs.Attribute[Any]", value: object
) -> None:
    if not (_is_number(value) and 0 < value <= 1):
        raise ValidationError("must be a number above 0 and at most 1", path=(attribute.name,))


def _check_optional_id(instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if value is not None:
        check_id(instance, attribute, value)


def _check_optional_date(
    instance: object, attribute: "attrs.Attribute[Any]", value: object
) -> None:
    if value is not None:
        check_date(instance, attribute, value)


def _check_items(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if type(value) is not tuple or not value:
        raise ValidationError("must be a non-empty tuple of Item", path=(attribute.name,))
    for index, item in enumerate(value):
        if type(item) is not Item:
            raise ValidationError("must be an Item", path=(attribute.name, index))


def _check_norms(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if type(value) is not tuple:
        raise ValidationError("must be a tuple of SubscaleNorm", path=(attribute.name,))
    seen: set[Subscale] = set()
    for index, norm in enumerate(value):
        if type(norm) is not SubscaleNorm:
            raise ValidationError("must be a SubscaleNorm", path=(attribute.name, index))
        if norm.subscale in seen:
            raise ValidationError(
                "gives a second norm for the same subscale",
                path=(attribute.name, index, "subscale"),
            )
        seen.add(norm.subscale)


def _copy_mapping(value: object) -> object:
    # Keep a private copy, so changing the caller's dict later cannot bypass validation.
    return dict(value) if isinstance(value, Mapping) else value


def _check_answers(_instance: object, attribute: "attrs.Attribute[Any]", value: object) -> None:
    if type(value) is not dict:
        raise ValidationError("must be a mapping of item id to integer", path=(attribute.name,))
    for key, answer in value.items():
        try:
            check_id(None, _ITEM_ID, key)
        except ValidationError:
            # The key failed the id rules, so it is not safe to echo in the path.
            raise ValidationError(
                "every key must be an item id (1-64 characters, no whitespace)",
                path=(attribute.name,),
            ) from None
        if type(answer) is not int:
            raise ValidationError("must be an integer", path=(attribute.name, key))


def _check_subscale_means(
    _instance: object, attribute: "attrs.Attribute[Any]", value: object
) -> None:
    if type(value) is not dict:
        raise ValidationError("must be a mapping of Subscale to number", path=(attribute.name,))
    for key, mean in value.items():
        if type(key) is not Subscale:
            raise ValidationError("every key must be a Subscale", path=(attribute.name,))
        if mean is not None and not _is_number(mean):
            raise ValidationError(
                "must be a finite number or null", path=(attribute.name, key.value)
            )


class _Named:
    """Stands in for an attrs attribute so argument checks name the argument."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


_ITEM_ID = _Named("answers")


# ---------------------------------------------------------------------- models


@attrs.frozen(kw_only=True)
class Item:
    """One statement of a self-rating instrument.

    Args:
        id: Stable identifier, unique within the instrument; answers refer to it.
        text: What the person reads. Never shown in error messages.
        subscale: The facet the item measures.
        reverse: ``True`` when agreeing means *less* differentiated, so the
            answer is flipped before scoring.

    Example:
        >>> import attunement as at
        >>> item = at.Item(id="q1", text="I stay steady when plans change.",
        ...     subscale=at.Subscale.EMOTIONAL_REACTIVITY)
        >>> item.reverse
        False
    """

    id: str = attrs.field(validator=check_id)
    text: str = attrs.field(validator=check_name, repr=False)
    subscale: Subscale = attrs.field(validator=member_of(Subscale))
    reverse: bool = attrs.field(default=False, validator=_check_bool)


@attrs.frozen(kw_only=True)
class SubscaleNorm:
    """A subscale's spread and reliability in a reference sample.

    Reliable change needs both: the standard deviation of the subscale's
    scores and their reliability (Cronbach's alpha or test-retest), as
    published for the instrument or measured on the app's own users.

    Args:
        subscale: The facet these numbers describe.
        sd: Standard deviation of subscale means in the reference sample (> 0).
        reliability: Reliability of the subscale, strictly between 0 and 1.

    Example:
        >>> import attunement as at
        >>> at.SubscaleNorm(subscale=at.Subscale.I_POSITION, sd=0.8, reliability=0.8)
        SubscaleNorm(subscale=<Subscale.I_POSITION: 'i_position'>, sd=0.8, reliability=0.8)
    """

    subscale: Subscale = attrs.field(validator=member_of(Subscale))
    sd: float = attrs.field(validator=_check_positive)
    reliability: float = attrs.field(validator=_check_proportion)


@attrs.frozen(kw_only=True)
class Instrument:
    """A self-rating questionnaire: items keyed to subscales on a Likert range.

    Args:
        id: Stable identifier; a :class:`SelfRating` names the instrument it answers.
        name: A display name.
        items: The items, in the order they are shown. Item ids must be
            unique, and every subscale the instrument covers needs at least
            two items.
        low: The lowest answer on the scale (for example 1).
        high: The highest answer on the scale (for example 6); above ``low``
            and at most 100 above it (a 0-100 slider is the widest scale).
            There is no default range on purpose: scoring a 1-5 instrument as
            1-6 would silently flip reverse-keyed items wrongly.
        min_answered: The share of a subscale's items that must be answered
            for the subscale to be scored (default 0.8, so 4 of 5).
        norms: Optional per-subscale standard deviation and reliability, at
            most one per subscale, used by :func:`compare_profiles`.

    Raises:
        ValidationError: Naming the field, for duplicate item ids, ``low >=
            high``, a subscale with a single item, or a norm for a subscale
            the instrument does not cover.

    Example:
        >>> import attunement as at
        >>> R = at.Subscale.EMOTIONAL_REACTIVITY
        >>> instrument = at.Instrument(id="mini", name="Mini", low=1, high=6, items=(
        ...     at.Item(id="a", text="I stay calm.", subscale=R),
        ...     at.Item(id="b", text="I snap quickly.", subscale=R, reverse=True),
        ... ))
        >>> instrument.subscales
        (<Subscale.EMOTIONAL_REACTIVITY: 'emotional_reactivity'>,)
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_name)
    items: tuple[Item, ...] = attrs.field(validator=_check_items, repr=False)
    low: int = attrs.field(validator=_check_int)
    high: int = attrs.field(validator=_check_int)
    min_answered: float = attrs.field(default=DEFAULT_MIN_ANSWERED, validator=_check_min_answered)
    norms: tuple[SubscaleNorm, ...] = attrs.field(default=(), validator=_check_norms)
    # Derived once here so scoring is two dict lookups per answer: item id ->
    # (subscale slot, answer -> keyed answer). Not part of equality, hashing,
    # the repr or the stored form.
    _lookup: dict[str, tuple[int, dict[int, int]]] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )
    _needed: tuple[int, ...] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.low >= self.high:
            raise ValidationError("must be greater than low", path=("high",))
        if self.high - self.low > MAX_SCALE_SPAN:
            raise ValidationError(
                f"must be at most {MAX_SCALE_SPAN} above low (a rating scale, not a range)",
                path=("high",),
            )
        answers = range(self.low, self.high + 1)
        keyed = {
            False: {answer: answer for answer in answers},
            True: {answer: self.low + self.high - answer for answer in answers},
        }
        lookup: dict[str, tuple[int, dict[int, int]]] = {}
        counts = [0] * len(_SUBSCALES)
        for index, item in enumerate(self.items):
            if item.id in lookup:
                raise ValidationError("repeats an earlier item's id", path=("items", index, "id"))
            slot = _SLOT[item.subscale]
            lookup[item.id] = (slot, keyed[item.reverse])
            counts[slot] += 1
        for facet, count in zip(_SUBSCALES, counts, strict=True):
            if count == 1:
                raise ValidationError(
                    f"must give subscale {facet.value} at least "
                    f"{_MIN_ITEMS_PER_SUBSCALE} items, not 1",
                    path=("items",),
                )
        for index, norm in enumerate(self.norms):
            if counts[_SLOT[norm.subscale]] == 0:
                raise ValidationError(
                    "names a subscale that no item measures",
                    path=("norms", index, "subscale"),
                )
        # The fewest answers with answered / total >= min_answered; 0 = not covered.
        needed = tuple(
            next(k for k in range(1, count + 1) if k / count >= self.min_answered) if count else 0
            for count in counts
        )
        object.__setattr__(self, "_lookup", lookup)
        object.__setattr__(self, "_needed", needed)

    @property
    def subscales(self) -> tuple[Subscale, ...]:
        """The subscales the items cover, in :class:`Subscale` order."""
        return tuple(facet for facet, need in zip(_SUBSCALES, self._needed, strict=True) if need)

    def norm(self, subscale: Subscale) -> SubscaleNorm | None:
        """The instrument's stated norm for ``subscale``, if it gives one.

        Example:
            >>> import attunement as at
            >>> at.SELF_CHECK.norm(at.Subscale.I_POSITION) is None
            True
        """
        return next((n for n in self.norms if n.subscale is subscale), None)


@attrs.frozen(kw_only=True)
class SelfRating:
    """One partner's answers to an instrument on a date.

    Args:
        partner_id: Whose answers these are.
        on: When they answered.
        instrument_id: The ``id`` of the :class:`Instrument` answered.
        answers: Item id to the chosen answer (an integer). Unanswered items
            are simply absent. The mapping is copied at construction and is
            not hashed; treat it as read-only.

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> rating = at.SelfRating(partner_id="alex", on=date(2026, 11, 1),
        ...     instrument_id="mini", answers={"a": 5, "b": 2})
        >>> rating.answers["a"]
        5
    """

    partner_id: str = attrs.field(validator=check_id)
    on: dt.date = attrs.field(validator=check_date)
    instrument_id: str = attrs.field(validator=check_id)
    answers: dict[str, int] = attrs.field(
        converter=_copy_mapping, validator=_check_answers, hash=False
    )


@attrs.frozen(kw_only=True)
class DifferentiationProfile:
    """A scored self-rating: one mean per facet, higher = more differentiated.

    Args:
        instrument_id: The instrument that was scored.
        subscales: One entry per subscale the instrument covers, in
            :class:`Subscale` order: the mean keyed answer, or ``None`` when
            too few of its items were answered. Not hashed.
        overall: The mean of the subscale means, or ``None`` unless every
            covered subscale has a mean.
        answered: How many of the instrument's items were answered.
        partner_id: Whose rating was scored, when known.
        on: The date of the rating, when known.

    Example:
        >>> import attunement as at
        >>> profile = at.DifferentiationProfile(instrument_id="mini",
        ...     subscales={at.Subscale.I_POSITION: 4.5, at.Subscale.EMOTIONAL_CUTOFF: 3.0},
        ...     overall=3.75, answered=4)
        >>> profile.weakest
        <Subscale.EMOTIONAL_CUTOFF: 'emotional_cutoff'>
    """

    instrument_id: str = attrs.field(validator=check_id)
    # Not hashed: a dict cannot be; equality still compares it.
    subscales: Mapping[Subscale, float | None] = attrs.field(
        converter=_copy_mapping, validator=_check_subscale_means, hash=False
    )
    overall: float | None = attrs.field(validator=_check_optional_number)
    answered: int = attrs.field(validator=_check_count)
    partner_id: str | None = attrs.field(default=None, validator=_check_optional_id)
    on: dt.date | None = attrs.field(default=None, validator=_check_optional_date)

    @property
    def weakest(self) -> Subscale | None:
        """The facet with the lowest mean (first in :class:`Subscale` order on ties).

        ``None`` when no facet has a mean.
        """
        weakest: Subscale | None = None
        lowest = math.inf
        for facet in _SUBSCALES:
            value = self.subscales.get(facet)
            if value is not None and value < lowest:
                weakest, lowest = facet, value
        return weakest


@attrs.frozen(kw_only=True)
class ReliableChange:
    """Whether a change between two scores is larger than measurement noise.

    Args:
        before: The earlier score.
        after: The later score.
        index: The reliable change index RC = (after - before) / S_diff.
        s_diff: The standard error of the difference, √2 · sd · √(1 - r).
        reliable: Whether ``|index| > 1.96``.
        direction: Improved, worsened, or no reliable change.

    Example:
        >>> import attunement as at
        >>> change = at.reliable_change(3.0, 4.0, sd=0.8, reliability=0.8)
        >>> round(change.index, 2), change.direction.value
        (1.98, 'improved')
    """

    before: float = attrs.field(validator=_check_number)
    after: float = attrs.field(validator=_check_number)
    index: float = attrs.field(validator=_check_number)
    s_diff: float = attrs.field(validator=_check_positive)
    reliable: bool = attrs.field(validator=_check_bool)
    direction: ChangeDirection = attrs.field(validator=member_of(ChangeDirection))


# -------------------------------------------------------------------- scoring


def _raise_bad_answer(rating: SelfRating, instrument: Instrument) -> NoReturn:
    """Find and report the first answer the instrument cannot score."""
    items = {item.id for item in instrument.items}
    low, high = instrument.low, instrument.high
    for item_id, answer in rating.answers.items():
        if item_id not in items:
            raise ValidationError("is not an item of this instrument", path=("answers", item_id))
        if type(answer) is not int or not low <= answer <= high:
            raise ValidationError(
                f"must be an integer from {low} to {high}", path=("answers", item_id)
            )
    raise AssertionError("unreachable: the fast path failed on valid answers")  # pragma: no cover


def score_self_rating(rating: SelfRating, instrument: Instrument) -> DifferentiationProfile:
    """Score a self-rating: flip reverse-keyed answers, average per subscale.

    A reverse-keyed answer ``x`` counts as ``low + high - x``, so a higher
    score always means more differentiated. A subscale's score is the mean of
    its answered items; a subscale with fewer than ``instrument.min_answered``
    of its items answered is ``None`` (missing, never guessed). ``overall``
    is the mean of the subscale means, and only when all are present.

    Args:
        rating: The answers.
        instrument: The instrument they answer.

    Returns:
        The profile, carrying the rating's partner id and date.

    Raises:
        ValidationError: If the rating answers another instrument
            (``$.instrument_id``), names an item the instrument does not have,
            or gives an answer outside ``low..high`` (``$.answers.<item id>``).

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> R = at.Subscale.EMOTIONAL_REACTIVITY
        >>> instrument = at.Instrument(id="mini", name="Mini", low=1, high=6, items=(
        ...     at.Item(id="a", text="I stay calm.", subscale=R),
        ...     at.Item(id="b", text="I snap quickly.", subscale=R, reverse=True),
        ... ))
        >>> rating = at.SelfRating(partner_id="alex", on=date(2026, 11, 1),
        ...     instrument_id="mini", answers={"a": 5, "b": 2})
        >>> profile = at.score_self_rating(rating, instrument)
        >>> profile.subscales[R], profile.overall, profile.answered
        (5.0, 5.0, 2)
    """
    if type(rating) is not SelfRating:
        raise ValidationError("must be a SelfRating", path=("rating",))
    if type(instrument) is not Instrument:
        raise ValidationError("must be an Instrument", path=("instrument",))
    if rating.instrument_id != instrument.id:
        raise ValidationError("does not match the instrument's id", path=("instrument_id",))
    lookup = instrument._lookup  # noqa: SLF001 - the instrument's own precomputed index
    sums = [0, 0, 0, 0]
    counts = [0, 0, 0, 0]
    try:
        for item_id, answer in rating.answers.items():
            # An unknown item or an answer off the scale is a KeyError here.
            slot, keyed = lookup[item_id]
            sums[slot] += keyed[answer]
            counts[slot] += 1
    except KeyError:
        _raise_bad_answer(rating, instrument)
    means: dict[Subscale, float | None] = {}
    total = 0.0
    complete = True
    for facet, need, subtotal, count in zip(
        _SUBSCALES,
        instrument._needed,  # noqa: SLF001
        sums,
        counts,
        strict=True,
    ):
        if not need:
            continue
        if count >= need:
            mean = subtotal / count
            means[facet] = mean
            total += mean
        else:
            means[facet] = None
            complete = False
    return DifferentiationProfile(
        instrument_id=instrument.id,
        subscales=means,
        overall=total / len(means) if complete else None,
        answered=sum(counts),
        partner_id=rating.partner_id,
        on=rating.on,
    )


def _finite(value: object, name: str) -> float:
    if not _is_number(value):
        raise ValidationError("must be a finite number", path=(name,))
    return float(value)


def reliable_change(
    before: float, after: float, *, sd: float, reliability: float
) -> ReliableChange:
    """Tell a real change from measurement noise (Jacobson & Truax 1991).

    SE = sd · √(1 - r); S_diff = √2 · SE; RC = (after - before) / S_diff. The
    change is reliable when ``|RC| > 1.96``: a difference that large would
    arise from measurement error alone less than 5% of the time.

    Args:
        before: The earlier score.
        after: The later score.
        sd: Standard deviation of the score in a reference sample (> 0).
        reliability: The score's reliability, strictly between 0 and 1.

    Returns:
        The index, whether it is reliable, and the direction (higher is
        taken as improvement, as for differentiation scores).

    Raises:
        ValidationError: For a score that is not a finite number, ``sd <= 0``
            or a reliability outside (0, 1).

    Example:
        >>> import attunement as at
        >>> # SE = 0.8 * sqrt(0.2) = 0.358; S_diff = 0.506; RC = 0.5 / 0.506 = 0.99
        >>> change = at.reliable_change(3.5, 4.0, sd=0.8, reliability=0.8)
        >>> round(change.index, 2), change.reliable, change.direction.value
        (0.99, False, 'no_reliable_change')
    """
    start = _finite(before, "before")
    end = _finite(after, "after")
    if not _is_positive(sd):
        raise ValidationError("must be a finite number above 0", path=("sd",))
    if not _is_proportion(reliability):
        raise ValidationError("must be a number between 0 and 1, exclusive", path=("reliability",))
    s_diff = math.sqrt(2.0) * sd * math.sqrt(1.0 - reliability)
    index = (end - start) / s_diff
    if not math.isfinite(index):
        raise ValidationError("gives a change too large to measure", path=("after",))
    reliable = abs(index) > RELIABLE_CHANGE_THRESHOLD
    if not reliable:
        direction = ChangeDirection.NO_RELIABLE_CHANGE
    elif index > 0:
        direction = ChangeDirection.IMPROVED
    else:
        direction = ChangeDirection.WORSENED
    return ReliableChange(
        before=start,
        after=end,
        index=index,
        s_diff=s_diff,
        reliable=reliable,
        direction=direction,
    )


def _check_pair(
    before: DifferentiationProfile, after: DifferentiationProfile, instrument: Instrument
) -> None:
    """Refuse comparing profiles that are not one person's, on one instrument, in order."""
    if type(instrument) is not Instrument:
        raise ValidationError("must be an Instrument", path=("instrument",))
    for name, profile in (("before", before), ("after", after)):
        if type(profile) is not DifferentiationProfile:
            raise ValidationError("must be a DifferentiationProfile", path=(name,))
        if profile.instrument_id != instrument.id:
            raise ValidationError(
                "does not match the instrument's id", path=(name, "instrument_id")
            )
    if (
        before.partner_id is not None
        and after.partner_id is not None
        and before.partner_id != after.partner_id
    ):
        raise ValidationError(
            "must be the same partner's profile: change is measured within one person",
            path=("after", "partner_id"),
        )
    if before.on is not None and after.on is not None and after.on < before.on:
        raise ValidationError("must not be dated before the earlier profile", path=("after", "on"))


def compare_profiles(
    before: DifferentiationProfile,
    after: DifferentiationProfile,
    instrument: Instrument,
    *,
    norms: Iterable[SubscaleNorm] = (),
) -> dict[Subscale, ReliableChange | None]:
    """Reliable change per subscale between two profiles of the same instrument.

    Each subscale uses the standard deviation and reliability from ``norms``
    when given there, otherwise the instrument's own ``norms``.
    A subscale missing from either profile maps to ``None``: nothing is
    compared that was not measured twice.

    Args:
        before: The earlier profile.
        after: The later profile.
        instrument: The instrument both profiles were scored on.
        norms: App-supplied norms that take precedence over the instrument's
            (the built-in :data:`SELF_CHECK` states none, so it needs these).

    Returns:
        One entry per subscale the instrument covers, in :class:`Subscale` order.

    Raises:
        ValidationError: If a profile is of another instrument or partner,
            ``after`` is dated before ``before``, or a subscale measured in
            both profiles has no norm (``$.norms``).

    Example:
        >>> import attunement as at
        >>> I = at.Subscale.I_POSITION
        >>> instrument = at.Instrument(id="mini", name="Mini", low=1, high=6, items=(
        ...     at.Item(id="a", text="I say what I think.", subscale=I),
        ...     at.Item(id="b", text="I go along.", subscale=I, reverse=True),
        ... ), norms=(at.SubscaleNorm(subscale=I, sd=0.8, reliability=0.8),))
        >>> before = at.DifferentiationProfile(instrument_id="mini",
        ...     subscales={I: 3.0}, overall=3.0, answered=2)
        >>> after = at.DifferentiationProfile(instrument_id="mini",
        ...     subscales={I: 4.5}, overall=4.5, answered=2)
        >>> at.compare_profiles(before, after, instrument)[I].direction.value
        'improved'
    """
    _check_pair(before, after, instrument)
    chosen = {norm.subscale: norm for norm in instrument.norms}
    for index, norm in enumerate(tuple(norms)):
        if type(norm) is not SubscaleNorm:
            raise ValidationError("must be a SubscaleNorm", path=("norms", index))
        chosen[norm.subscale] = norm
    result: dict[Subscale, ReliableChange | None] = {}
    for facet in instrument.subscales:
        start = before.subscales.get(facet)
        end = after.subscales.get(facet)
        if start is None or end is None:
            result[facet] = None
            continue
        stated = chosen.get(facet)
        if stated is None:
            raise ValidationError(
                f"gives no SD and reliability for subscale {facet.value}", path=("norms",)
            )
        result[facet] = reliable_change(start, end, sd=stated.sd, reliability=stated.reliability)
    return result


# ---------------------------------------------------------------- reliability


def _matrix(responses: object) -> list[list[float]]:
    """Validate a respondents-by-items matrix of finite numbers."""
    if isinstance(responses, str | bytes) or not isinstance(responses, Sequence):
        raise ValidationError("must be a sequence of rows", path=("responses",))
    rows: list[list[float]] = []
    width = -1
    for row_index, row in enumerate(responses):
        if isinstance(row, str | bytes) or not isinstance(row, Sequence):
            raise ValidationError("must be a sequence of numbers", path=("responses", row_index))
        if width < 0:
            width = len(row)
        elif len(row) != width:
            raise ValidationError(
                f"must have {width} items like the first row", path=("responses", row_index)
            )
        for column, value in enumerate(row):
            if not _is_number(value):
                raise ValidationError(
                    "must be a finite number", path=("responses", row_index, column)
                )
        rows.append([float(value) for value in row])
    if len(rows) < _MIN_ALPHA_ROWS:
        raise ValidationError("must hold at least 2 respondents (rows)", path=("responses",))
    if width < _MIN_ALPHA_ITEMS:
        raise ValidationError("must hold at least 2 items (columns)", path=("responses",))
    return rows


def _sum_of_squares(values: Sequence[float]) -> float:
    # Two passes (mean, then squared deviations) for accuracy; fsum for exact sums.
    mean = math.fsum(values) / len(values)
    return math.fsum((value - mean) ** 2 for value in values)


def cronbach_alpha(responses: Sequence[Sequence[float]]) -> float:
    """Cronbach's (1951) alpha: how consistently the items measure one thing.

    alpha = k / (k - 1) · (1 - Σ item variances / variance of the totals),
    with respondents as rows and items as columns. Values near 1 mean the
    items move together; a negative alpha usually means an item's reverse key
    was forgotten (see :func:`reverse_key_suspects`).

    Args:
        responses: One row per respondent, one column per item, already
            reverse-keyed; every row the same length.

    Returns:
        Alpha, at most 1 (it can be negative).

    Raises:
        ValidationError: With fewer than 2 rows or 2 columns, ragged rows,
            non-numbers, or when the totals do not vary at all (alpha is then
            undefined: there is nothing to be consistent about).

    Example:
        >>> import attunement as at
        >>> # Item sums of squares 2 and 2/3, totals (3, 5, 6) give 14/3:
        >>> # alpha = 2 * (1 - (8/3) / (14/3)) = 6/7
        >>> round(at.cronbach_alpha([[1, 2], [2, 3], [3, 3]]), 3)
        0.857
    """
    rows = _matrix(responses)
    width = len(rows[0])
    columns = list(zip(*rows, strict=True))
    total_variance = _sum_of_squares([math.fsum(row) for row in rows])
    if total_variance == 0:
        raise ValidationError(
            "must vary in total score across respondents for alpha to be defined",
            path=("responses",),
        )
    item_variance = math.fsum(_sum_of_squares(column) for column in columns)
    return width / (width - 1) * (1 - item_variance / total_variance)


def _correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    mean_x = math.fsum(xs) / len(xs)
    mean_y = math.fsum(ys) / len(ys)
    dx = [x - mean_x for x in xs]
    dy = [y - mean_y for y in ys]
    ss_x = math.fsum(d * d for d in dx)
    ss_y = math.fsum(d * d for d in dy)
    if ss_x == 0 or ss_y == 0:
        return None
    r = math.fsum(a * b for a, b in zip(dx, dy, strict=True)) / math.sqrt(ss_x * ss_y)
    return max(-1.0, min(1.0, r))


def item_rest_correlations(responses: Sequence[Sequence[float]]) -> tuple[float | None, ...]:
    """Each item's correlation with the sum of the *other* items.

    Leaving the item out of the total keeps it from correlating with itself.
    An item is ``None`` when it, or the rest, does not vary.

    Args:
        responses: One row per respondent, one column per item (as for
            :func:`cronbach_alpha`).

    Returns:
        One Pearson correlation per column, in column order.

    Raises:
        ValidationError: As :func:`cronbach_alpha` does for malformed input.

    Example:
        >>> import attunement as at
        >>> answers = [[1, 2, 1, 5], [2, 1, 2, 6], [4, 5, 4, 2], [5, 4, 6, 1], [3, 4, 3, 3]]
        >>> [round(r, 2) for r in at.item_rest_correlations(answers)]
        [0.97, 0.37, 0.73, -0.97]
    """
    rows = _matrix(responses)
    totals = [math.fsum(row) for row in rows]
    result: list[float | None] = []
    for column in range(len(rows[0])):
        item = [row[column] for row in rows]
        rest = [total - value for total, value in zip(totals, item, strict=True)]
        result.append(_correlation(item, rest))
    return tuple(result)


def reverse_key_suspects(responses: Sequence[Sequence[float]]) -> tuple[int, ...]:
    """Columns whose item-rest correlation is negative: likely a forgotten reverse key.

    An item that runs against the rest of its scale is the classic sign that
    it was entered unreversed. Check the flagged items' keys before trusting
    the subscale or its alpha.

    Args:
        responses: One row per respondent, one column per item, keyed as
            the app scores them.

    Returns:
        The 0-based column indices, ascending; empty when nothing is suspect.

    Example:
        >>> import attunement as at
        >>> answers = [[1, 2, 1, 5], [2, 1, 2, 6], [4, 5, 4, 2], [5, 4, 6, 1], [3, 4, 3, 3]]
        >>> at.reverse_key_suspects(answers)
        (3,)
        >>> round(at.cronbach_alpha(answers), 2)  # negative: the tell-tale sign
        -0.81
        >>> fixed = [[*row[:3], 7 - row[3]] for row in answers]  # reverse-key item 3
        >>> at.reverse_key_suspects(fixed), round(at.cronbach_alpha(fixed), 2)
        ((), 0.96)
    """
    return tuple(
        index
        for index, r in enumerate(item_rest_correlations(responses))
        if r is not None and r < 0
    )


# ------------------------------------------------------------ built-in data


@load_once
def self_check() -> Instrument:
    """The built-in self-check, read from package data on first use, then cached."""
    from ._serialization import from_json  # noqa: PLC0415 - readers never import it at load

    data = (resources.files("attunement") / "data" / "self_check.json").read_bytes()
    return from_json(data, Instrument)
