"""Cheap single-check validators shared by the models.

Each validator is one function doing one comparison chain, because stacked
``attrs`` validators (``ge`` then ``le`` then ``instance_of``) cost several
times more on the hot load path.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from typing import Any

from ._errors import ValidationError

MAX_ID_LENGTH = 64
MAX_TEXT_LENGTH = 10_000

Validator = Callable[[Any, Any, Any], None]

_SURROGATE = "must be valid Unicode text (it contains a lone surrogate)"


def _is_encodable(value: str) -> bool:
    # Lone surrogates cannot be stored as UTF-8 JSON; refuse them at the door.
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_id(_instance: object, attribute: Any, value: Any) -> None:
    """An identifier: a non-empty string of at most 64 characters, no whitespace."""
    if type(value) is not str:
        raise ValidationError("must be a string", path=(attribute.name,))
    if not value:
        raise ValidationError("must not be empty", path=(attribute.name,))
    if len(value) > MAX_ID_LENGTH:
        raise ValidationError(
            f"must be at most {MAX_ID_LENGTH} characters", path=(attribute.name,)
        )
    # str.split() with no argument splits on every Unicode whitespace character.
    if len(value.split()) != 1 or value.strip() != value:
        raise ValidationError("must not contain whitespace", path=(attribute.name,))
    if not _is_encodable(value):
        raise ValidationError(_SURROGATE, path=(attribute.name,))


def check_name(_instance: object, attribute: Any, value: Any) -> None:
    """A display name: a string that is not blank, at most 10,000 characters."""
    if type(value) is not str:
        raise ValidationError("must be a string", path=(attribute.name,))
    if len(value) > MAX_TEXT_LENGTH:
        raise ValidationError(
            f"must be at most {MAX_TEXT_LENGTH} characters", path=(attribute.name,)
        )
    if not value.strip():
        raise ValidationError("must not be blank", path=(attribute.name,))
    if not _is_encodable(value):
        raise ValidationError(_SURROGATE, path=(attribute.name,))


def check_optional_text(_instance: object, attribute: Any, value: Any) -> None:
    """Free text or ``None``; never echoed back, only measured."""
    if value is None:
        return
    if type(value) is not str:
        raise ValidationError("must be a string or null", path=(attribute.name,))
    if len(value) > MAX_TEXT_LENGTH:
        raise ValidationError(
            f"must be at most {MAX_TEXT_LENGTH} characters", path=(attribute.name,)
        )
    if not _is_encodable(value):
        raise ValidationError(_SURROGATE, path=(attribute.name,))


def int_between(low: int, high: int) -> Validator:
    """An integer (not a bool, not a float) in ``low..high`` inclusive."""
    reason = f"must be an integer from {low} to {high}"

    def check(_instance: object, attribute: Any, value: Any) -> None:
        if type(value) is not int or not low <= value <= high:
            raise ValidationError(reason, path=(attribute.name,))

    return check


def check_date(_instance: object, attribute: Any, value: Any) -> None:
    """A calendar date; a ``datetime`` is refused, since a time would be lost."""
    if type(value) is not dt.date:
        raise ValidationError("must be a date", path=(attribute.name,))


def check_optional_date(instance: object, attribute: Any, value: Any) -> None:
    """A calendar date or ``None``."""
    if value is not None:
        check_date(instance, attribute, value)


def frozenset_of(kind: type[enum.Enum]) -> Validator:
    """A frozenset whose members are all of the enum ``kind``."""
    reason = f"must be a frozenset of {kind.__name__}"

    def check(_instance: object, attribute: Any, value: Any) -> None:
        if type(value) is not frozenset:
            raise ValidationError(reason, path=(attribute.name,))
        for member in value:
            if type(member) is not kind:
                raise ValidationError(reason, path=(attribute.name,))

    return check


def member_of(kind: type[enum.Enum]) -> Validator:
    """A member of the enum ``kind``."""
    reason = f"must be a {kind.__name__}"

    def check(_instance: object, attribute: Any, value: Any) -> None:
        if type(value) is not kind:
            raise ValidationError(reason, path=(attribute.name,))

    return check
