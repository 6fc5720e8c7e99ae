"""Partners and couples."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ._errors import ValidationError
from ._fields import check_id, check_name, check_optional_date


@attrs.frozen(kw_only=True)
class Partner:
    """One person in the relationship.

    Args:
        id: A stable identifier chosen by the app: 1-64 characters, no whitespace.
        name: The display name; must not be blank.

    Example:
        >>> import attunement as at
        >>> at.Partner(id="alex", name="Alex")
        Partner(id='alex', name='Alex')
    """

    id: str = attrs.field(validator=check_id)
    name: str = attrs.field(validator=check_name)


def _check_partners(_instance: object, _attribute: object, value: Any) -> None:  # noqa: ANN401
    if type(value) is not tuple or len(value) != 2:  # noqa: PLR2004 - a couple is two
        raise ValidationError("must be exactly two partners", path=("partners",))
    first, second = value
    for index, partner in enumerate(value):
        if type(partner) is not Partner:
            raise ValidationError("must be a Partner", path=("partners", index))
    if first.id == second.id:
        raise ValidationError("the two partners must have distinct ids", path=("partners",))


@attrs.frozen(kw_only=True)
class Couple:
    """Two distinct partners, and optionally when they got together.

    Args:
        id: A stable identifier for the couple.
        partners: Exactly two partners with distinct ids.
        together_since: When the relationship began, if the app knows.

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> couple = at.Couple(
        ...     id="c1",
        ...     partners=(at.Partner(id="alex", name="Alex"), at.Partner(id="sam", name="Sam")),
        ...     together_since=date(2019, 6, 1),
        ... )
        >>> couple.partner_ids
        ('alex', 'sam')
    """

    id: str = attrs.field(validator=check_id)
    partners: tuple[Partner, Partner] = attrs.field(validator=_check_partners)
    together_since: dt.date | None = attrs.field(default=None, validator=check_optional_date)

    @property
    def partner_ids(self) -> tuple[str, str]:
        """The two partners' ids, in the order given."""
        return (self.partners[0].id, self.partners[1].id)
