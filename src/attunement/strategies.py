"""Hypothesis strategies for every attunement model.

Apps that embed attunement can property-test their own code with the same
generators the library's test suite uses::

    from hypothesis import given
    from attunement import strategies as ats

    @given(ats.checkins())
    def test_my_storage_round_trips(checkin): ...

This module needs Hypothesis (``pip install "attunement[test]"``); importing
``attunement`` alone never imports it.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from ._checkins import CLOSENESS_RANGE, FELT_HEARD_RANGE, STRESS_RANGE, CheckIn, Visibility
from ._fields import MAX_ID_LENGTH
from ._people import Couple, Partner
from ._signs import LifeEvent, Sign

__all__ = [
    "checkins",
    "couple_checkins",
    "couples",
    "dates",
    "ids",
    "life_events",
    "names",
    "partners",
    "signs",
    "texts",
    "visibilities",
]

# Whitespace lives in the Z* and Cc categories; surrogates (Cs) cannot be stored.
_ID_CHARS = st.characters(exclude_categories=["Cs", "Zs", "Zl", "Zp", "Cc"])
_TEXT_CHARS = st.characters(exclude_categories=["Cs"])


def ids() -> st.SearchStrategy[str]:
    """Valid identifiers: 1-64 characters of any script, no whitespace.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.ids(), lambda s: len(s) == 3)
        '000'
    """
    return st.text(_ID_CHARS, min_size=1, max_size=MAX_ID_LENGTH)


def names() -> st.SearchStrategy[str]:
    """Valid display names: any text that is not blank.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.names(), lambda name: True).strip() != ""
        True
    """
    return st.text(_TEXT_CHARS, min_size=1, max_size=40).filter(str.strip)


def texts(max_size: int = 300) -> st.SearchStrategy[str]:
    """Free text of any script, as users write it (no lone surrogates).

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.texts(), lambda text: len(text) > 5)
        '000000'
    """
    return st.text(_TEXT_CHARS, max_size=max_size)


def dates(
    min_value: dt.date = dt.date(2000, 1, 1), max_value: dt.date = dt.date(2100, 12, 31)
) -> st.SearchStrategy[dt.date]:
    """Calendar dates (never datetimes) in a plausible range.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.dates(), lambda day: day.year == 2026)
        datetime.date(2026, 1, 1)
    """
    return st.dates(min_value=min_value, max_value=max_value)


def signs() -> st.SearchStrategy[frozenset[Sign]]:
    """Any set of distance signs, including none.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> len(find(ats.signs(), lambda signs: len(signs) == 2))
        2
    """
    return st.frozensets(st.sampled_from(Sign))


def life_events() -> st.SearchStrategy[frozenset[LifeEvent]]:
    """Any set of life events, including none.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.life_events(), lambda events: True)
        frozenset()
    """
    return st.frozensets(st.sampled_from(LifeEvent))


def visibilities() -> st.SearchStrategy[Visibility]:
    """Any visibility.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> import attunement as at
        >>> find(ats.visibilities(), lambda v: v is not at.Visibility.PRIVATE)
        <Visibility.AFTER_BOTH: 'after_both'>
    """
    return st.sampled_from(Visibility)


def partners(partner_id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Partner]:
    """Partners with valid ids and names.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.partners(), lambda p: True)
        Partner(id='0', name='0')
    """
    return st.builds(Partner, id=ids() if partner_id is None else partner_id, name=names())


def couples() -> st.SearchStrategy[Couple]:
    """Couples of two partners with distinct ids.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.couples(), lambda c: True).partner_ids
        ('0', '1')
    """
    two_ids = st.lists(ids(), min_size=2, max_size=2, unique=True)
    return two_ids.flatmap(
        lambda pair: st.builds(
            Couple,
            id=ids(),
            partners=st.tuples(partners(st.just(pair[0])), partners(st.just(pair[1]))),
            together_since=st.none() | dates(),
        )
    )


def checkins(
    partner_id: st.SearchStrategy[str] | None = None,
    on: st.SearchStrategy[dt.date] | None = None,
) -> st.SearchStrategy[CheckIn]:
    """Valid check-ins; pass strategies to fix whose they are or when.

    Example:
        >>> from hypothesis import find, strategies as st
        >>> from attunement import strategies as ats
        >>> found = find(ats.checkins(partner_id=st.just("alex")), lambda c: c.closeness == 7)
        >>> found.partner_id, found.closeness
        ('alex', 7)
    """
    return st.builds(
        CheckIn,
        partner_id=ids() if partner_id is None else partner_id,
        on=dates() if on is None else on,
        closeness=st.integers(*CLOSENESS_RANGE),
        felt_heard=st.integers(*FELT_HEARD_RANGE),
        stress=st.integers(*STRESS_RANGE),
        signs=signs(),
        reflection=st.none() | texts(),
        appreciation=st.none() | texts(),
        visibility=visibilities(),
        events=life_events(),
    )


def couple_checkins(
    partner_ids: tuple[str, str] = ("alex", "sam"),
    start: dt.date = dt.date(2026, 1, 5),
    max_weeks: int = 16,
) -> st.SearchStrategy[list[CheckIn]]:
    """A couple's check-ins over up to ``max_weeks`` weeks from ``start``.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> week = find(ats.couple_checkins(), lambda cs: len({c.partner_id for c in cs}) == 2)
        >>> sorted(c.partner_id for c in week)
        ['alex', 'sam']
    """
    end = start + dt.timedelta(weeks=max_weeks) - dt.timedelta(days=1)
    return st.lists(
        checkins(partner_id=st.sampled_from(partner_ids), on=dates(start, end)),
        max_size=2 * max_weeks,
    )
