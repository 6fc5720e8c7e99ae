"""Weekly check-ins and what each partner may see of the other's."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from ._errors import ValidationError
from ._fields import (
    MAX_ID_LENGTH,
    MAX_TEXT_LENGTH,
    check_id,
    check_optional_text,
    frozenset_of,
)
from ._signs import LifeEvent, Sign

#: The Inclusion of Other in the Self scale's range (Aron, Aron & Smollan 1992).
CLOSENESS_RANGE = (1, 7)
#: "I felt heard this week": 1 (not at all) to 5 (completely).
FELT_HEARD_RANGE = (1, 5)
#: "How stressed was I this week": 1 (calm) to 5 (overwhelmed).
STRESS_RANGE = (1, 5)

_CLOSENESS_RULE = "must be an integer from 1 to 7"
_FELT_HEARD_RULE = "must be an integer from 1 to 5"
_STRESS_RULE = "must be an integer from 1 to 5"


class Visibility(enum.Enum):
    """What the other partner may see of a check-in.

    Example:
        >>> import attunement as at
        >>> at.Visibility("after_both")
        <Visibility.AFTER_BOTH: 'after_both'>
    """

    #: The ratings only, never the written text, the signs or the life events.
    PRIVATE = "private"
    #: Everything, once both partners have checked in that ISO week.
    AFTER_BOTH = "after_both"
    #: Everything, always.
    SHARED = "shared"


class _Named:
    """Stands in for an attrs attribute so argument checks name the argument."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


_VIEWER = _Named("viewer")
_PARTNER_ID = _Named("partner_id")
_SIGNS = _Named("signs")
_EVENTS = _Named("events")
_REFLECTION = _Named("reflection")
_APPRECIATION = _Named("appreciation")
_check_signs = frozenset_of(Sign)
_ALL_SIGNS = frozenset(Sign)
_ALL_EVENTS = frozenset(LifeEvent)
_check_events = frozenset_of(LifeEvent)


def _hidden(value: str | None) -> str:
    # Privacy by construction: a repr may end up in logs or crash reports.
    return "None" if value is None else "'<hidden>'"


@attrs.frozen(kw_only=True, weakref_slot=False)
class CheckIn:
    """One partner's weekly check-in.

    Args:
        partner_id: Whose check-in this is.
        on: The date of the check-in; its ISO week is the check-in's week.
        closeness: The Inclusion of Other in the Self rating, 1 (two separate
            circles) to 7 (almost complete overlap).
        felt_heard: How heard the partner felt this week, 1 to 5.
        stress: How stressed the partner felt this week, 1 to 5.
        signs: The distance signs the partner noticed this week.
        reflection: Optional free text; never shown in ``repr`` or errors.
        appreciation: Optional free text; never shown in ``repr`` or errors.
        visibility: What the other partner may see (default ``PRIVATE``, the
            safe choice: apps opt in to sharing).
        events: Life transitions around this week (a new job, a move...).

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> checkin = at.CheckIn(
        ...     partner_id="alex", on=date(2026, 11, 22), closeness=3, felt_heard=2,
        ...     stress=4, signs=frozenset({at.Sign.LOGISTICS_ONLY}),
        ...     reflection="I miss our long talks.",
        ... )
        >>> checkin.reflection is not None and "long talks" not in repr(checkin)
        True
    """

    partner_id: str
    on: dt.date
    closeness: int
    felt_heard: int
    stress: int
    signs: frozenset[Sign] = frozenset()
    reflection: str | None = attrs.field(default=None, repr=_hidden)
    appreciation: str | None = attrs.field(default=None, repr=_hidden)
    visibility: Visibility = Visibility.PRIVATE
    events: frozenset[LifeEvent] = frozenset()

    def __attrs_post_init__(self) -> None:  # noqa: C901 - one flat check per field
        # One method with inline checks instead of ten validator calls: check-ins
        # are loaded by the hundred, and this halves the cost of validation. The
        # common case (plain ASCII) is decided inline; anything else gets the
        # full check, which also names the rule broken.
        partner_id = self.partner_id
        if not (
            type(partner_id) is str
            and 0 < len(partner_id) <= MAX_ID_LENGTH
            and partner_id.isascii()
            and partner_id.isprintable()  # no control characters...
            and " " not in partner_id  # ...and no spaces: no ASCII whitespace at all
        ):
            check_id(self, _PARTNER_ID, partner_id)
        if type(self.on) is not dt.date:
            raise ValidationError("must be a date", path=("on",))
        rating = self.closeness
        if type(rating) is not int or not 1 <= rating <= 7:  # noqa: PLR2004
            raise ValidationError(_CLOSENESS_RULE, path=("closeness",))
        rating = self.felt_heard
        if type(rating) is not int or not 1 <= rating <= 5:  # noqa: PLR2004
            raise ValidationError(_FELT_HEARD_RULE, path=("felt_heard",))
        rating = self.stress
        if type(rating) is not int or not 1 <= rating <= 5:  # noqa: PLR2004
            raise ValidationError(_STRESS_RULE, path=("stress",))
        # A subset test runs in C; enum members compare by identity, so only
        # real Sign members pass it. Anything else gets the full check.
        signs = self.signs
        if type(signs) is not frozenset or not signs <= _ALL_SIGNS:
            _check_signs(self, _SIGNS, signs)
        reflection = self.reflection
        if reflection is not None and not (
            type(reflection) is str and len(reflection) <= MAX_TEXT_LENGTH and reflection.isascii()
        ):
            check_optional_text(self, _REFLECTION, reflection)
        appreciation = self.appreciation
        if appreciation is not None and not (
            type(appreciation) is str
            and len(appreciation) <= MAX_TEXT_LENGTH
            and appreciation.isascii()
        ):
            check_optional_text(self, _APPRECIATION, appreciation)
        if type(self.visibility) is not Visibility:
            raise ValidationError("must be a Visibility", path=("visibility",))
        events = self.events
        if type(events) is not frozenset or not events <= _ALL_EVENTS:
            _check_events(self, _EVENTS, events)

    @property
    def week(self) -> tuple[int, int]:
        """The ISO (year, week) this check-in belongs to."""
        iso = self.on.isocalendar()
        return (iso.year, iso.week)


def _redacted(checkin: CheckIn) -> CheckIn:
    return attrs.evolve(
        checkin, signs=frozenset(), reflection=None, appreciation=None, events=frozenset()
    )


def partner_view(checkins: Iterable[CheckIn], viewer: str) -> tuple[CheckIn, ...]:
    """Return what ``viewer`` may see of a couple's check-ins, in input order.

    The viewer's own check-ins come back unchanged. Of everyone else's:

    * ``SHARED`` check-ins come back unchanged;
    * ``AFTER_BOTH`` check-ins come back unchanged only for ISO weeks in which
      the viewer has also checked in (the "reveal"), otherwise redacted;
    * ``PRIVATE`` check-ins are always redacted.

    Redacted means the ratings stay and the reflection, appreciation, signs
    and life events are removed.

    Args:
        checkins: Check-ins of both partners, in any order.
        viewer: The id of the partner who is looking.

    Returns:
        One check-in per input check-in, in the same order.

    Raises:
        ValidationError: If ``viewer`` is not a valid id or an item is not a
            :class:`CheckIn`.

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> alex = at.CheckIn(partner_id="alex", on=date(2026, 11, 23), closeness=4,
        ...     felt_heard=3, stress=2, reflection="Tired but hopeful.",
        ...     visibility=at.Visibility.AFTER_BOTH)
        >>> at.partner_view([alex], viewer="sam")[0].reflection is None
        True
        >>> sam = at.CheckIn(partner_id="sam", on=date(2026, 11, 25), closeness=5,
        ...     felt_heard=4, stress=2)
        >>> at.partner_view([alex, sam], viewer="sam")[0].reflection
        'Tired but hopeful.'
    """
    items = tuple(checkins)
    check_id(None, _VIEWER, viewer)
    for index, item in enumerate(items):
        if type(item) is not CheckIn:
            raise ValidationError("must be a CheckIn", path=("checkins", index))
    viewer_weeks = {c.week for c in items if c.partner_id == viewer}
    return tuple(
        c
        if c.partner_id == viewer
        or c.visibility is Visibility.SHARED
        or (c.visibility is Visibility.AFTER_BOTH and c.week in viewer_weeks)
        else _redacted(c)
        for c in items
    )
