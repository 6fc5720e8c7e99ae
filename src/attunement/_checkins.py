"""Weekly check-ins and what each partner may see of the other's."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from ._errors import ValidationError
from ._fields import (
    check_date,
    check_id,
    check_optional_text,
    frozenset_of,
    int_between,
    member_of,
)
from ._signs import LifeEvent, Sign

#: The Inclusion of Other in the Self scale's range (Aron, Aron & Smollan 1992).
CLOSENESS_RANGE = (1, 7)
#: "I felt heard this week": 1 (not at all) to 5 (completely).
FELT_HEARD_RANGE = (1, 5)
#: "How stressed was I this week": 1 (calm) to 5 (overwhelmed).
STRESS_RANGE = (1, 5)


class Visibility(enum.Enum):
    """What the other partner may see of a check-in.

    Example:
        >>> import attunement as at
        >>> at.Visibility("after_both")
        <Visibility.AFTER_BOTH: 'after_both'>
    """

    #: Ratings only: never the written text, the signs or the life events.
    PRIVATE = "private"
    #: Everything, once both partners have checked in that ISO week.
    AFTER_BOTH = "after_both"
    #: Everything, always.
    SHARED = "shared"


def _hidden(value: str | None) -> str:
    # Privacy by construction: a repr may end up in logs or crash reports.
    return "None" if value is None else "'<hidden>'"


@attrs.frozen(kw_only=True)
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

    partner_id: str = attrs.field(validator=check_id)
    on: dt.date = attrs.field(validator=check_date)
    closeness: int = attrs.field(validator=int_between(*CLOSENESS_RANGE))
    felt_heard: int = attrs.field(validator=int_between(*FELT_HEARD_RANGE))
    stress: int = attrs.field(validator=int_between(*STRESS_RANGE))
    signs: frozenset[Sign] = attrs.field(default=frozenset(), validator=frozenset_of(Sign))
    reflection: str | None = attrs.field(
        default=None, validator=check_optional_text, repr=_hidden
    )
    appreciation: str | None = attrs.field(
        default=None, validator=check_optional_text, repr=_hidden
    )
    visibility: Visibility = attrs.field(
        default=Visibility.PRIVATE, validator=member_of(Visibility)
    )
    events: frozenset[LifeEvent] = attrs.field(
        default=frozenset(), validator=frozenset_of(LifeEvent)
    )

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


class _Named:
    """Stands in for an attrs attribute so argument checks name the argument."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


_VIEWER = _Named("viewer")
