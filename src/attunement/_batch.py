"""Batch helpers: plain columns in, plain columns out, for data pipelines.

:func:`score_reflections` and :func:`assess_couples` run the very same pure
functions as :func:`~attunement.score_reflection` and
:func:`~attunement.assess_distance`, record by record, but take and return
*columns*: a ``dict`` mapping a column name to a plain Python ``list``. Such
a dict is what ``pandas.DataFrame.to_dict("list")`` and
``pyarrow.Table.to_pydict()`` give, and what ``pandas.DataFrame(...)`` and
``pyarrow.table(...)`` take back, so the helpers drop into
``dask.dataframe.map_partitions``, Spark's ``mapInPandas`` or a
multiprocessing pool without any per-record Python object crossing a process
boundary. This module imports neither pandas nor pyarrow nor dask.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final, TypeVar

from ._checkins import CheckIn
from ._distance import DistanceAssessment, _check_arguments, assess_distance
from ._errors import ValidationError
from ._fields import check_id
from ._reflections import Dimension, ReflectionLexicon, score_reflection
from ._safety import SafetyConcern
from ._signs import LifeEvent, Sign

_NOT_A_COLUMN: Final = frozenset({Dimension.EMOTION_WORDS, Dimension.SAFETY})
_FLOAT_COLUMNS: Final = tuple(d.value for d in Dimension if d not in _NOT_A_COLUMN)
_COUNT_COLUMNS: Final = (
    "emotion_words",
    "positive_emotion_words",
    "negative_emotion_words",
    "words",
)
_SAFETY_COLUMNS: Final = tuple((f"safety_{c.value}", c) for c in SafetyConcern)

#: The columns :func:`score_reflections` returns, in order, with the Python
#: type of their values (never ``None``).
REFLECTION_COLUMNS: Final[Mapping[str, type]] = MappingProxyType(
    dict.fromkeys(_FLOAT_COLUMNS, float)
    | dict.fromkeys(_COUNT_COLUMNS, int)
    | {name: bool for name, _ in _SAFETY_COLUMNS}
)

_CONTEXT_COLUMNS: Final = tuple((f"context_{e.value}", e) for e in LifeEvent)

#: The columns :func:`assess_couples` returns, in order, with the Python type
#: of their values. ``perception_gap``, ``top_factor``, ``top_contribution``
#: and ``top_points`` are ``None`` when there is nothing to report.
COUPLE_COLUMNS: Final[Mapping[str, type]] = MappingProxyType(
    {
        "couple_id": str,
        "score": float,
        "level": str,
        "trend": str,
        "weeks_observed": int,
        "missed_weeks": int,
        "provisional": bool,
        "perception_gap": float,
        "out_of_step": bool,
        "top_factor": str,
        "top_contribution": str,
        "top_points": float,
    }
    | {name: bool for name, _ in _CONTEXT_COLUMNS}
)

#: The columns :func:`assess_couples` reads; ``signs`` and ``events`` may be absent.
CHECKIN_COLUMNS: Final = (
    "couple_id",
    "partner_id",
    "on",
    "closeness",
    "felt_heard",
    "stress",
    "signs",
    "events",
)
_OPTIONAL_COLUMNS: Final = frozenset({"signs", "events"})
_TABLE = "checkins_table"
_Member = TypeVar("_Member", Sign, LifeEvent)


def score_reflections(
    texts: Iterable[str], *, lexicon: ReflectionLexicon | None = None
) -> dict[str, list[Any]]:
    """Score many reflections at once; one column per measure.

    Row ``i`` of every column is exactly what :func:`~attunement.score_reflection`
    gives for ``texts[i]``: the nine relational dimensions and ``valence``
    (floats), ``emotion_words``, ``positive_emotion_words``,
    ``negative_emotion_words`` and ``words`` (ints), and one bool column per
    :class:`~attunement.SafetyConcern` (``safety_self_harm``,
    ``safety_partner_violence``). Evidence spans are left out: they hold the
    user's words, and a data pipeline rarely needs them (call
    :func:`~attunement.score_reflection` for the texts you want to explain).
    :data:`attunement.REFLECTION_COLUMNS` lists the columns and their types.

    Args:
        texts: The reflections, for example ``df["reflection"].tolist()``
            or ``table.column("reflection").to_pylist()``. Missing values
            (``None``, ``NaN``) are refused, not skipped: filter them first.
        lexicon: Optional additions to the built-in word lists.

    Returns:
        A dict of equal-length lists, ready for ``pandas.DataFrame(...)``
        or ``pyarrow.table(...)``.

    Raises:
        ValidationError: If ``texts`` is a single string or not iterable, an
            item is not a string (the path names its index), or ``lexicon``
            is not a :class:`~attunement.ReflectionLexicon`.

    Example:
        >>> import attunement as at
        >>> columns = at.score_reflections(["Thank you for dinner.", "We need to talk."])
        >>> columns["appreciation"], columns["we_ness"], columns["safety_self_harm"]
        ([1.0, 0.0], [0.0, 1.0], [False, False])
        >>> list(columns) == list(at.REFLECTION_COLUMNS)
        True
    """
    if isinstance(texts, str | bytes):
        raise ValidationError("must be a list of texts, not one text", path=("texts",))
    if lexicon is not None and type(lexicon) is not ReflectionLexicon:
        raise ValidationError("must be a ReflectionLexicon or None", path=("lexicon",))
    try:
        items = iter(texts)
    except TypeError:
        raise ValidationError("must be an iterable of strings", path=("texts",)) from None

    names = (*_FLOAT_COLUMNS, *_COUNT_COLUMNS)
    measures = operator.attrgetter(*names)
    columns: list[list[Any]] = [[] for _ in names]
    safety: list[list[bool]] = [[] for _ in _SAFETY_COLUMNS]
    concerns = [concern for _, concern in _SAFETY_COLUMNS]
    for index, text in enumerate(items):
        if not isinstance(text, str):
            raise ValidationError("must be a string", path=("texts", index))
        score = score_reflection(text, lexicon=lexicon)
        for column, value in zip(columns, measures(score), strict=True):
            column.append(value)
        found = score.safety
        for column, concern in zip(safety, concerns, strict=True):
            column.append(concern in found)
    result: dict[str, list[Any]] = dict(zip(names, columns, strict=True))
    for (name, _), flags in zip(_SAFETY_COLUMNS, safety, strict=True):
        result[name] = flags
    return result


class _Column:
    """Stands in for an attrs attribute so a shared validator names the column."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


_COUPLE_ID = _Column("couple_id")
_SIGN_BY_VALUE: Final = {sign.value: sign for sign in Sign}
_EVENT_BY_VALUE: Final = {event.value: event for event in LifeEvent}
_PARTNERS_PER_COUPLE = 2
_ISO_DATE_LENGTH = 10


def _parse_date(value: object, row: int, cache: dict[str, dt.date]) -> dt.date:
    # datetime.datetime (and pandas.Timestamp) are date subclasses: refused, a
    # time of day is not a day, and silently dropping it could move the week.
    if type(value) is dt.date:
        return value
    if type(value) is str:
        known = cache.get(value)
        if known is not None:
            return known
        digits = value[:4] + value[5:7] + value[8:]
        if (
            len(value) != _ISO_DATE_LENGTH
            or value[4] != "-"
            or value[7] != "-"
            or not (digits.isascii() and digits.isdigit())
        ):
            raise ValidationError("must be a date written as YYYY-MM-DD", path=(_TABLE, "on", row))
        try:
            parsed = dt.date.fromisoformat(value)
        except ValueError:
            raise ValidationError(
                "must be a real calendar date (YYYY-MM-DD)", path=(_TABLE, "on", row)
            ) from None
        cache[value] = parsed
        return parsed
    raise ValidationError(
        "must be a datetime.date or a YYYY-MM-DD string (not a datetime or timestamp)",
        path=(_TABLE, "on", row),
    )


def _members(
    value: object, lookup: Mapping[str, _Member], column: str, noun: str, row: int
) -> frozenset[_Member]:
    if type(value) in {list, tuple} and not value:
        return frozenset()
    if value is None or isinstance(value, str | bytes | Mapping):
        raise ValidationError(
            f"must be a list of {noun} values (an empty list for none)",
            path=(_TABLE, column, row),
        )
    try:
        items = list(value)  # type: ignore[call-overload]
    except TypeError:
        raise ValidationError(
            f"must be a list of {noun} values (an empty list for none)",
            path=(_TABLE, column, row),
        ) from None
    members: set[_Member] = set()
    for position, item in enumerate(items):
        member = lookup.get(item) if isinstance(item, str) else None
        if member is None:
            raise ValidationError(
                f"must be a known {noun} value", path=(_TABLE, column, row, position)
            )
        if member in members:
            raise ValidationError(
                f"must not repeat a {noun} value", path=(_TABLE, column, row, position)
            )
        members.add(member)
    return frozenset(members)


def _columns(checkins_table: object) -> tuple[dict[str, Sequence[Any]], int]:
    if not isinstance(checkins_table, Mapping):
        raise ValidationError(
            "must be a mapping of column name to list (df.to_dict('list'), table.to_pydict())",
            path=(_TABLE,),
        )
    columns: dict[str, Sequence[Any]] = {}
    for name, column in checkins_table.items():
        if name not in CHECKIN_COLUMNS:
            raise ValidationError(
                "is not a column assess_couples reads; select CHECKIN_COLUMNS first",
                path=(_TABLE, str(name)),
            )
        if not isinstance(column, Sequence) or isinstance(column, str | bytes):
            raise ValidationError("must be a list", path=(_TABLE, name))
        columns[name] = column
    for name in CHECKIN_COLUMNS:
        if name not in columns and name not in _OPTIONAL_COLUMNS:
            raise ValidationError("is a required column", path=(_TABLE, name))
    rows = len(columns["couple_id"])
    for name, column in columns.items():
        if len(column) != rows:
            raise ValidationError("must have as many rows as couple_id", path=(_TABLE, name))
    return columns, rows


def _relocated(error: ValidationError, row: int) -> ValidationError:
    # A model error names its field first; a table error names the column, then the row.
    field, *rest = error.segments
    return ValidationError(error.reason, path=(_TABLE, field, row, *rest))


def _group(
    checkins_table: object,
) -> dict[str, list[CheckIn]]:
    columns, rows = _columns(checkins_table)
    no_lists: Sequence[Any] = ((),) * rows
    signs_column = columns.get("signs", no_lists)
    events_column = columns.get("events", no_lists)
    couples: dict[str, list[CheckIn]] = {}
    partners: dict[str, tuple[str, ...]] = {}
    dates: dict[str, dt.date] = {}
    for row, (
        couple_id,
        partner_id,
        on,
        closeness,
        felt_heard,
        stress,
        signs,
        events,
    ) in enumerate(
        zip(
            columns["couple_id"],
            columns["partner_id"],
            columns["on"],
            columns["closeness"],
            columns["felt_heard"],
            columns["stress"],
            signs_column,
            events_column,
            strict=True,
        )
    ):
        checkins = couples.get(couple_id) if type(couple_id) is str else None
        if checkins is None:
            try:
                check_id(None, _COUPLE_ID, couple_id)
            except ValidationError as error:
                raise _relocated(error, row) from None
            checkins = couples[couple_id] = []
            partners[couple_id] = ()
        try:
            checkin = CheckIn(
                partner_id=partner_id,
                on=_parse_date(on, row, dates),
                closeness=closeness,
                felt_heard=felt_heard,
                stress=stress,
                signs=_members(signs, _SIGN_BY_VALUE, "signs", "sign", row),
                events=_members(events, _EVENT_BY_VALUE, "events", "life event", row),
            )
        except ValidationError as error:
            if error.segments[0] == _TABLE:
                raise
            raise _relocated(error, row) from None
        seen = partners[couple_id]
        if partner_id not in seen:
            if len(seen) == _PARTNERS_PER_COUPLE:
                raise ValidationError(
                    "a couple's check-ins must come from at most two partners",
                    path=(_TABLE, "partner_id", row),
                )
            partners[couple_id] = (*seen, partner_id)
        checkins.append(checkin)
    return couples


def _row(couple_id: str, assessment: DistanceAssessment) -> tuple[Any, ...]:
    top = assessment.contributions[0] if assessment.contributions else None
    contexts = assessment.contexts
    return (
        couple_id,
        assessment.score,
        assessment.level.value,
        assessment.trend.value,
        assessment.weeks_observed,
        assessment.missed_weeks,
        assessment.provisional,
        assessment.perception_gap,
        assessment.out_of_step,
        None if top is None else top.factor.value,
        None if top is None else top.label,
        None if top is None else top.points,
        *(event in contexts for _, event in _CONTEXT_COLUMNS),
    )


def assess_couples(
    checkins_table: Mapping[str, Sequence[Any]], *, as_of: dt.date, window_weeks: int = 8
) -> dict[str, list[Any]]:
    """Assess many couples at once from a table of check-ins; one row per couple.

    The table is columnar: a mapping of column name to list, one row per
    check-in, with the columns :data:`attunement.CHECKIN_COLUMNS`:

    * ``couple_id``, ``partner_id``: id strings (the rules of
      :class:`~attunement.Partner` ids);
    * ``on``: a ``datetime.date`` or a ``"YYYY-MM-DD"`` string (what Arrow's
      ``date32`` and a CSV or JSON file give). A ``datetime`` or
      ``pandas.Timestamp`` is refused: convert with ``.dt.date`` first;
    * ``closeness`` (1-7), ``felt_heard`` (1-5), ``stress`` (1-5): Python ints
      (``df.to_dict("list")`` gives them; a ``NaN`` is refused);
    * ``signs``, ``events`` (optional columns): per row, a list of
      :class:`~attunement.Sign` / :class:`~attunement.LifeEvent` values such
      as ``["logistics_only"]`` (a tuple or an array of strings will do);
      ``[]`` for none, never ``None``; no value twice.

    Other columns are refused rather than ignored, so a misspelt ``sings`` is
    an error, not a couple without signs. Rows may come in any order; each
    couple's rows must all be in the same call (in Dask or Spark, partition
    by ``couple_id`` first). Output rows follow the order in which couples
    first appear.

    Row ``i`` of the result is exactly :func:`~attunement.assess_distance` of
    that couple's check-ins: ``score``, ``level`` and ``trend`` (enum values),
    ``weeks_observed``, ``missed_weeks``, ``provisional``, ``perception_gap``,
    ``out_of_step``, the largest contribution (``top_factor``,
    ``top_contribution`` — its label — and ``top_points``; ``None`` when the
    score is 0) and one bool column ``context_<event>`` per
    :class:`~attunement.LifeEvent` for the assessment's ``contexts``.
    :data:`attunement.COUPLE_COLUMNS` lists the columns and their types.

    Args:
        checkins_table: Columns of check-ins, for example
            ``df[list(at.CHECKIN_COLUMNS)].to_dict("list")`` or
            ``table.to_pydict()``.
        as_of: The day to assess.
        window_weeks: How many ISO weeks to look at, 1 to 5200.

    Returns:
        A dict of equal-length lists, one entry per couple.

    Raises:
        ValidationError: For a bad argument, a missing or unknown column,
            columns of different lengths, or a bad value; the path names the
            column and the row, as in ``$.checkins_table.closeness[3]``.

    Example:
        >>> import attunement as at
        >>> table = {
        ...     "couple_id": ["c1", "c1", "c2"],
        ...     "partner_id": ["alex", "sam", "kim"],
        ...     "on": ["2026-11-23", "2026-11-24", "2026-11-25"],
        ...     "closeness": [4, 6, 7],
        ...     "felt_heard": [3, 4, 5],
        ...     "stress": [2, 2, 1],
        ...     "signs": [["logistics_only"], [], []],
        ... }
        >>> from datetime import date
        >>> result = at.assess_couples(table, as_of=date(2026, 11, 29))
        >>> result["couple_id"], result["score"], result["level"]
        (['c1', 'c2'], [24.9, 0.0], ['connected', 'connected'])
        >>> result["top_factor"], result["perception_gap"]
        (['closeness', None], [2.0, None])
    """
    _check_arguments(as_of, window_weeks)
    couples = _group(checkins_table)
    rows = [
        _row(couple_id, assess_distance(checkins, as_of=as_of, window_weeks=window_weeks))
        for couple_id, checkins in couples.items()
    ]
    names = tuple(COUPLE_COLUMNS)
    if not rows:
        return {name: [] for name in names}
    return {
        name: list(values) for name, values in zip(names, zip(*rows, strict=True), strict=True)
    }
