"""The one place that knows the wire format: strict JSON through one converter.

Models know nothing of JSON. This module owns a single ``cattrs`` converter
whose hooks are strict (``"5"``, ``true`` and ``3.7`` are not the integer 5,
1 and 3), turns every structuring failure into one
:class:`~attunement.ValidationError` with a JSON path, wraps documents in a
versioned envelope and migrates older documents forward.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs
import orjson
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn
from cattrs.preconf.orjson import make_converter

from ._checkins import CheckIn, Visibility
from ._errors import PathSegment, ValidationError
from ._fields import MAX_ID_LENGTH, MAX_TEXT_LENGTH
from ._signs import LifeEvent, Sign

T = TypeVar("T")

#: The version of the stored-document format that :func:`to_json` writes.
SCHEMA_VERSION = 2
_ENVELOPE_KEYS = frozenset({"schema_version", "data"})

Migration = Callable[[dict[str, Any]], dict[str, Any]]
#: model class -> version the migration upgrades *from* -> the upgrade step.
_MIGRATIONS: dict[type, dict[int, Migration]] = {}

_converter = make_converter(detailed_validation=True, forbid_extra_keys=True)


# ---------------------------------------------------------------- migrations


def register_migration(cls: type, from_version: int) -> Callable[[Migration], Migration]:
    """Register how one model's documents move from ``from_version`` to the next.

    A migration receives one object of ``cls`` as it was stored at
    ``from_version`` and returns it as it looks at ``from_version + 1``.
    Classes without a step for a version are unchanged by it.
    """

    def register(step: Migration) -> Migration:
        _MIGRATIONS.setdefault(cls, {})[from_version] = step
        return step

    return register


def _migrate(data: Any, tp: Any, version: int) -> Any:
    """Walk ``data`` guided by the type ``tp``, applying every step after ``version``."""
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        return next(
            (
                _migrate(data, arg, version)
                for arg in typing.get_args(tp)
                if attrs.has(arg) and type(data) is dict
            ),
            data,
        )
    if origin in (tuple, list, frozenset, set) and type(data) is list:
        args = typing.get_args(tp)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):  # noqa: PLR2004
            return [_migrate(item, arg, version) for item, arg in zip(data, args, strict=False)]
        return [_migrate(item, args[0], version) for item in data]
    if origin is dict and type(data) is dict:
        value_type = typing.get_args(tp)[1]
        return {key: _migrate(item, value_type, version) for key, item in data.items()}
    if isinstance(tp, type) and attrs.has(tp) and type(data) is dict:
        steps = _MIGRATIONS.get(tp, {})
        for from_version in range(version, SCHEMA_VERSION):
            if from_version in steps:
                data = steps[from_version](dict(data))
        hints = typing.get_type_hints(tp)
        return {
            key: _migrate(value, hints[key], version) if key in hints else value
            for key, value in data.items()
        }
    return data


# --------------------------------------------------------------------- hooks


def _strict_int(value: Any, _: Any) -> int:
    if type(value) is not int:
        raise ValidationError(f"must be an integer, not {_json_kind(value)}")
    return value


def _strict_float(value: Any, _: Any) -> float:
    if type(value) is float:
        return value
    if type(value) is int:
        return float(value)
    raise ValidationError(f"must be a number, not {_json_kind(value)}")


def _strict_str(value: Any, _: Any) -> str:
    if type(value) is not str:
        raise ValidationError(f"must be a string, not {_json_kind(value)}")
    return value


def _strict_bool(value: Any, _: Any) -> bool:
    if type(value) is not bool:
        raise ValidationError(f"must be true or false, not {_json_kind(value)}")
    return value


def _strict_date(value: Any, _: Any) -> dt.date:
    # date.fromisoformat also takes "20261122" and "2026-W47-7"; storage uses one form.
    if type(value) is not str or len(value) != 10 or value[4] != "-" or value[7] != "-":  # noqa: PLR2004
        raise ValidationError("must be a date written as YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError("must be a real calendar date (YYYY-MM-DD)") from None


def _json_kind(value: object) -> str:
    kinds = {
        bool: "a boolean",
        int: "an integer",
        float: "a number with a fraction",
        str: "a string",
        list: "a list",
        dict: "an object",
        type(None): "null",
    }
    return kinds.get(type(value), "a value of another type")


def _enum_hook(kind: type[enum.Enum]) -> Callable[[Any, Any], enum.Enum]:
    # A dict lookup is several times faster than calling the Enum class.
    by_value: dict[Any, enum.Enum] = {member.value: member for member in kind}
    allowed = ", ".join(sorted(str(v) for v in by_value))
    reason = f"must be one of the {kind.__name__} values: {allowed}"

    def structure(value: Any, _: Any) -> enum.Enum:
        if type(value) is not str:
            raise ValidationError(reason)
        try:
            return by_value[value]
        except KeyError:
            raise ValidationError(reason) from None

    return structure


def _is_enum_union(tp: Any) -> bool:
    # A field holding a member of one of several enums, e.g. Dimension | SafetyConcern.
    return typing.get_origin(tp) in (types.UnionType, typing.Union) and all(
        isinstance(arg, type) and issubclass(arg, enum.Enum) for arg in typing.get_args(tp)
    )


def _enum_union_hook(tp: Any) -> Callable[[Any, Any], enum.Enum]:
    kinds = typing.get_args(tp)
    by_value: dict[Any, enum.Enum] = {}
    for kind in reversed(kinds):  # on a shared value, the first enum listed wins
        by_value.update({member.value: member for member in kind})
    allowed = ", ".join(sorted(str(v) for v in by_value))
    reason = f"must be one of the {' or '.join(k.__name__ for k in kinds)} values: {allowed}"

    def structure(value: Any, _: Any) -> enum.Enum:
        if type(value) is not str or value not in by_value:
            raise ValidationError(reason)
        return by_value[value]

    return structure


def _require_list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise ValidationError(f"must be a list, not {_json_kind(value)}")
    return value


def _items(value: Any, item_hook: Callable[[Any, Any], Any], item_type: Any) -> list[Any]:
    items = _require_list(value)
    try:
        # The common case, in one comprehension; only a failure pays for locating it.
        return [item_hook(item, item_type) for item in items]
    except Exception:  # noqa: BLE001, S110 - located below
        pass
    out = []
    for index, item in enumerate(items):
        try:
            out.append(item_hook(item, item_type))
        except Exception as error:  # noqa: BLE001 - every failure becomes a located error
            raise _as_validation_error(error).under(index) from None
    return out  # pragma: no cover - the first attempt failed, so this one must too


def _sequence_hook(tp: Any) -> Callable[[Any, Any], Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):  # noqa: PLR2004
        hooks = [_converter.get_structure_hook(arg) for arg in args]

        def fixed_tuple(value: Any, _: Any) -> tuple[Any, ...]:
            items = _require_list(value)
            if len(items) != len(hooks):
                raise ValidationError(f"must be a list of exactly {len(hooks)} items")
            out = []
            for index, (item, hook, arg) in enumerate(zip(items, hooks, args, strict=True)):
                try:
                    out.append(hook(item, arg))
                except Exception as error:  # noqa: BLE001
                    raise _as_validation_error(error).under(index) from None
            return tuple(out)

        return fixed_tuple
    item_type = args[0] if args else Any
    item_hook = _converter.get_structure_hook(item_type)
    if origin is frozenset:

        def unique_set(value: Any, _: Any) -> frozenset[Any]:
            items = _items(value, item_hook, item_type)
            result = frozenset(items)
            # A set stored with repeats was written by something else: say so.
            if len(result) != len(items):
                raise ValidationError("must not contain the same value twice")
            return result

        return unique_set
    if origin is list:
        return lambda value, _: _items(value, item_hook, item_type)
    return lambda value, _: tuple(_items(value, item_hook, item_type))


def _is_sequence(tp: Any) -> bool:
    return typing.get_origin(tp) in (tuple, list, frozenset)


def _mapping_hook(tp: Any) -> Callable[[Any, Any], dict[Any, Any]]:
    key_type, value_type = typing.get_args(tp)
    key_hook = _converter.get_structure_hook(key_type)
    value_hook = _converter.get_structure_hook(value_type)

    def structure(value: Any, _: Any) -> dict[Any, Any]:
        if type(value) is not dict:
            raise ValidationError(f"must be an object, not {_json_kind(value)}")
        out = {}
        for key, item in value.items():
            try:
                out[key_hook(key, key_type)] = value_hook(item, value_type)
            except Exception as error:  # noqa: BLE001
                raise _as_validation_error(error).under(str(key)) from None
        return out

    return structure


def _is_mapping(tp: Any) -> bool:
    return typing.get_origin(tp) in (dict, Mapping)


def _attrs_hook(cls: type) -> Callable[[Any, Any], Any]:
    generated: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, _converter, _cattrs_forbid_extra_keys=True
    )

    def structure(value: Any, _: Any) -> Any:
        if type(value) is not dict:
            raise ValidationError(f"must be an object, not {_json_kind(value)}")
        return generated(value, cls)

    return structure


def _attrs_unstructure_hook(cls: type) -> Callable[[Any], Any]:
    return make_dict_unstructure_fn(cls, _converter)


def _is_tuple_or_list(tp: Any) -> bool:
    return tp in (tuple, list) or typing.get_origin(tp) in (tuple, list)


def _as_list(value: tuple[Any, ...] | list[Any]) -> list[Any]:
    # JSON has one kind of array; plain data should too.
    return [_converter.unstructure(item) for item in value]


def _is_frozenset(tp: Any) -> bool:
    return tp is frozenset or typing.get_origin(tp) is frozenset


def _sorted_set(value: frozenset[Any]) -> list[Any]:
    # Sets of enums iterate in hash order, which is salted per process: sort for
    # byte-identical documents across runs.
    items = [_converter.unstructure(item) for item in value]
    return sorted(items, key=lambda item: (str(type(item)), item))


_converter.register_structure_hook(int, _strict_int)
_converter.register_structure_hook(float, _strict_float)
_converter.register_structure_hook(str, _strict_str)
_converter.register_structure_hook(bool, _strict_bool)
_converter.register_structure_hook(dt.date, _strict_date)
_converter.register_unstructure_hook(dt.date, dt.date.isoformat)
_converter.register_structure_hook_factory(
    lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
)
_converter.register_unstructure_hook_factory(
    lambda t: isinstance(t, type) and issubclass(t, enum.Enum),
    lambda _t: lambda member: member.value,
)
_converter.register_structure_hook_factory(_is_enum_union, _enum_union_hook)
_converter.register_structure_hook_factory(_is_sequence, _sequence_hook)
_converter.register_structure_hook_factory(_is_mapping, _mapping_hook)
_converter.register_unstructure_hook_factory(_is_tuple_or_list, lambda _t: _as_list)
_converter.register_unstructure_hook_factory(_is_frozenset, lambda _t: _sorted_set)
_converter.register_structure_hook_factory(attrs.has, _attrs_hook)
_converter.register_unstructure_hook_factory(attrs.has, _attrs_unstructure_hook)


# ----------------------------------------------- the hot path: check-ins
# Apps load and store check-ins by the hundred per request, so CheckIn gets a
# hand-written loader and dumper. The loader only converts (dates, enums,
# sets); the class validates types and ranges itself. On any failure it hands
# the same data to the generic, detailed path, which finds and locates the
# error, so the fast path can never accept what the strict path refuses.

_CHECKIN_FIELD_COUNT = len(attrs.fields(CheckIn))
_EMPTY: frozenset[Any] = frozenset()
_SIGNS = {member.value: member for member in Sign}
_EVENTS = {member.value: member for member in LifeEvent}
_VISIBILITIES = {member.value: member for member in Visibility}


def _checkin_detailed(value: Any, cls: Any) -> CheckIn:
    """The generic strict path for check-ins, generated on first use."""
    return typing.cast("CheckIn", _detailed_checkin_hook()(value, cls))


@functools.cache
def _detailed_checkin_hook() -> Callable[[Any, Any], Any]:
    # Generating the function costs milliseconds; most processes never need it.
    return _attrs_hook(CheckIn)


_from_iso = dt.date.fromisoformat


# A plain class with CheckIn's exact slot layout. The loader fills one with
# ordinary attribute stores, switches its class to CheckIn (Python allows that
# between identical layouts) and runs CheckIn's own validation on it. That
# skips the keyword-argument call and the ten frozen-attribute setters of
# CheckIn.__init__, about a third of the cost of loading a check-in, while
# every rule is still checked by the one method that defines them.
_CheckInShell = type("_CheckInShell", (), {"__slots__": getattr(CheckIn, "__slots__")})  # noqa: B009
_validate_checkin = CheckIn.__attrs_post_init__
_new = object.__new__


# Building a frozenset of enum members is half the cost of the fast path, and
# check-ins repeat the same few sets of signs week after week. Remember the
# sets already built, keyed by the stored list; the memo is bounded so
# hostile input cannot grow it without limit, and it never changes a result.
_SET_MEMO_LIMIT = 4096
_SIGN_SETS: dict[tuple[str, ...], frozenset[Any]] = {}
_EVENT_SETS: dict[tuple[str, ...], frozenset[Any]] = {}


def _enum_set(
    values: list[Any], members: dict[Any, Any], memo: dict[tuple[str, ...], frozenset[Any]]
) -> frozenset[Any]:
    key = tuple(values)
    found = memo.get(key)
    if found is None:
        found = frozenset(map(members.__getitem__, values))
        if len(found) != len(values):
            raise LookupError  # a repeated value: the detailed path says so
        if len(memo) < _SET_MEMO_LIMIT:
            memo[key] = found
    return found


def _load_checkin_rows(rows: list[Any]) -> list[CheckIn]:
    """Load stored check-ins; a row the fast path cannot take goes the detailed way."""
    loaded: list[CheckIn] = []
    keep = loaded.append
    for value in rows:
        try:
            # Ten keys, all of them looked up below: exactly the known ones, no extras.
            if type(value) is not dict or len(value) != _CHECKIN_FIELD_COUNT:
                raise LookupError  # noqa: TRY301 - fall through to the detailed path
            on = value["on"]
            if type(on) is not str or len(on) != 10 or on[4] != "-" or on[7] != "-":  # noqa: PLR2004
                raise LookupError  # noqa: TRY301
            signs = value["signs"]
            events = value["events"]
            if type(signs) is not list or type(events) is not list:
                raise LookupError  # noqa: TRY301
            # The memo is read inline: a function call per set costs more than the look-up.
            sign_set = (
                (_SIGN_SETS.get(tuple(signs)) or _enum_set(signs, _SIGNS, _SIGN_SETS))
                if signs
                else _EMPTY
            )
            event_set = (
                (_EVENT_SETS.get(tuple(events)) or _enum_set(events, _EVENTS, _EVENT_SETS))
                if events
                else _EMPTY
            )
            partner_id = value["partner_id"]
            closeness = value["closeness"]
            felt_heard = value["felt_heard"]
            stress = value["stress"]
            reflection = value["reflection"]
            appreciation = value["appreciation"]
            shell: Any = _new(_CheckInShell)
            shell.partner_id = partner_id
            shell.on = _from_iso(on)
            shell.closeness = closeness
            shell.felt_heard = felt_heard
            shell.stress = stress
            shell.signs = sign_set
            shell.reflection = reflection
            shell.appreciation = appreciation
            shell.visibility = _VISIBILITIES[value["visibility"]]
            shell.events = event_set
            shell.__class__ = CheckIn
            # The date, the enums and the sets were built above and are valid by
            # construction. The rest passes the same quick tests that open
            # CheckIn.__attrs_post_init__ (sufficient, never necessary: plain
            # ASCII text and ids in range); anything else, such as a name with an
            # accent, runs the class's full validation, which owns every rule.
            if not (
                type(partner_id) is str
                and 0 < len(partner_id) <= MAX_ID_LENGTH
                and partner_id.isascii()
                and partner_id.isprintable()
                and " " not in partner_id
                and type(closeness) is int
                and 1 <= closeness <= 7  # noqa: PLR2004
                and type(felt_heard) is int
                and 1 <= felt_heard <= 5  # noqa: PLR2004
                and type(stress) is int
                and 1 <= stress <= 5  # noqa: PLR2004
                and (
                    reflection is None
                    or (
                        type(reflection) is str
                        and len(reflection) <= MAX_TEXT_LENGTH
                        and reflection.isascii()
                    )
                )
                and (
                    appreciation is None
                    or (
                        type(appreciation) is str
                        and len(appreciation) <= MAX_TEXT_LENGTH
                        and appreciation.isascii()
                    )
                )
            ):
                _validate_checkin(shell)
            keep(shell)
            continue
        except Exception:  # noqa: BLE001, S110 - the detailed path raises the located error
            pass
        # Outside the handler, so a refusal carries no chained fast-path error.
        keep(_checkin_detailed(value, CheckIn))
    return loaded


def _load_checkin(value: Any, _cls: Any) -> CheckIn:
    return _load_checkin_rows([value])[0]


def _load_checkins(value: Any, _cls: Any) -> list[CheckIn]:
    rows = _require_list(value)
    try:
        return _load_checkin_rows(rows)
    except Exception:  # noqa: BLE001, S110 - located below
        pass
    # Again item by item, to name the index of the row that was refused.
    return _items(rows, _load_checkin, CheckIn)


# Sorting a set's values is most of the cost of writing a check-in, and the
# same few sets recur. Keyed by the set itself (a frozenset keeps its hash), so
# at most one entry per distinct set of members: bounded by the enums.
_SORTED_VALUES: dict[frozenset[Any], tuple[str, ...]] = {}


def _sorted_values(members: frozenset[Any]) -> tuple[str, ...]:
    found = _SORTED_VALUES[members] = tuple(sorted([member.value for member in members]))
    return found


def _dump_checkin(checkin: CheckIn) -> dict[str, Any]:
    signs = checkin.signs
    events = checkin.events
    return {
        "partner_id": checkin.partner_id,
        "on": checkin.on.isoformat(),
        "closeness": checkin.closeness,
        "felt_heard": checkin.felt_heard,
        "stress": checkin.stress,
        "signs": list(_SORTED_VALUES.get(signs) or _sorted_values(signs)) if signs else [],
        "reflection": checkin.reflection,
        "appreciation": checkin.appreciation,
        "visibility": checkin.visibility.value,
        "events": list(_SORTED_VALUES.get(events) or _sorted_values(events)) if events else [],
    }


def _dump_checkin_native(checkin: CheckIn) -> dict[str, Any]:
    """Like :func:`_dump_checkin`, leaving the date, the enum and tuples to orjson."""
    signs = checkin.signs
    events = checkin.events
    return {
        "partner_id": checkin.partner_id,
        "on": checkin.on,
        "closeness": checkin.closeness,
        "felt_heard": checkin.felt_heard,
        "stress": checkin.stress,
        "signs": (_SORTED_VALUES.get(signs) or _sorted_values(signs)) if signs else (),
        "reflection": checkin.reflection,
        "appreciation": checkin.appreciation,
        "visibility": checkin.visibility,
        "events": (_SORTED_VALUES.get(events) or _sorted_values(events)) if events else (),
    }


def _is_checkin_rows(tp: Any) -> bool:
    # list[CheckIn] or tuple[CheckIn, ...]; tuple[CheckIn] is a fixed 1-tuple.
    args = typing.get_args(tp)
    origin = typing.get_origin(tp)
    return (origin is list and args == (CheckIn,)) or (
        origin is tuple and args == (CheckIn, Ellipsis)
    )


def _checkin_rows_hook(tp: Any) -> Callable[[Any, Any], Any]:
    # Lists of check-ins are the hot path: one loop, no call per row.
    if typing.get_origin(tp) is list:
        return _load_checkins
    return lambda value, _: tuple(_load_checkins(value, CheckIn))


_converter.register_structure_hook(CheckIn, _load_checkin)
# Registered after the generic sequence factory, so it takes precedence.
_converter.register_structure_hook_factory(_is_checkin_rows, _checkin_rows_hook)
_converter.register_unstructure_hook(CheckIn, _dump_checkin)


# -------------------------------------------------------------------- errors


def _segment(error: BaseException) -> tuple[PathSegment, ...]:
    for note in getattr(error, "__notes__", ()):
        # cattrs marks which attribute failed; our own hooks locate list items.
        name = getattr(note, "name", None)
        if isinstance(name, str):
            return (name,)
    return ()


def _as_validation_error(error: BaseException) -> ValidationError:
    """Collapse whatever structuring raised into one located ValidationError."""
    if isinstance(error, ValidationError):
        return error
    if isinstance(error, ForbiddenExtraKeysError):
        first = min(error.extra_fields)
        return ValidationError("is not a known field", path=(first,))
    if isinstance(error, BaseExceptionGroup):
        inner = error.exceptions[0]
        located = _as_validation_error(inner)
        segment = _segment(inner)
        # Errors from the class's own validators already carry their field.
        if segment and located.segments[: len(segment)] != segment:
            return located.under(*segment)
        return located
    if isinstance(error, KeyError):
        return ValidationError("is required")
    # Unknown failure: say where, never echo the value (it may be private text).
    return ValidationError(f"is not valid ({type(error).__name__})")


# ------------------------------------------------------------------- public


def unstructure(obj: Any) -> Any:
    """Turn a model (or a tuple or list of models) into plain JSON-ready data.

    The result holds only dicts, lists, strings, integers, floats, booleans
    and ``None``: dates become ``YYYY-MM-DD`` strings, enums their string
    values and sets sorted lists. It carries no schema version; embed it in a
    document of your own, or use :func:`to_json`.

    Example:
        >>> import attunement as at
        >>> at.unstructure(at.Partner(id="alex", name="Alex"))
        {'id': 'alex', 'name': 'Alex'}
    """
    return _converter.unstructure(obj)


def structure(data: Any, cls: type[T]) -> T:
    """Build a model (or a tuple or list of models) from plain data, strictly.

    Nothing is coerced: a closeness of ``"5"``, ``true`` or ``3.7`` is an
    error, as are unknown keys, unknown enum values and missing fields.

    Raises:
        ValidationError: Naming the JSON path of the first problem found.

    Example:
        >>> import attunement as at
        >>> at.structure({"id": "alex", "name": "Alex"}, at.Partner)
        Partner(id='alex', name='Alex')
        >>> at.structure({"id": "alex"}, at.Partner)
        Traceback (most recent call last):
        ...
        attunement._errors.ValidationError: $.name: is required
    """
    try:
        return _converter.structure(data, cls)
    except Exception as error:  # noqa: BLE001 - the one place errors are translated
        located = _as_validation_error(error).under()
    # Raised outside the handler: the error carries no chained exception, whose
    # message or pickled state could hold user text (or fail to unpickle).
    raise located


def read_package_json(name: str) -> Any:
    """Parse one of the package's own data files (``attunement/data/<name>``).

    The readers call this once, lazily, and structure the result through this
    module's strict converter; it is the only file input the library has.
    """
    # Imported here: importlib.resources costs more to import than it saves.
    from importlib import resources  # noqa: PLC0415

    return orjson.loads(resources.files("attunement.data").joinpath(name).read_bytes())


def to_json(obj: Any) -> bytes:
    """Serialise a model (or a tuple or list of models) as a versioned document.

    The document is ``{"schema_version": N, "data": ...}`` encoded as UTF-8
    JSON, with sets sorted so the same value always gives the same bytes.

    Example:
        >>> import attunement as at
        >>> at.to_json(at.Partner(id="alex", name="Alex"))
        b'{"schema_version":2,"data":{"id":"alex","name":"Alex"}}'
    """
    return orjson.dumps({"schema_version": SCHEMA_VERSION, "data": obj}, default=_json_default)


def _json_default(obj: Any) -> Any:
    # orjson writes tuples, lists, dates and enum values itself; it calls this
    # only for what it cannot write, so check-ins skip a whole unstructure pass.
    if type(obj) is CheckIn:
        return _dump_checkin_native(obj)
    return _converter.unstructure(obj)


def from_json(data: bytes | str, cls: type[T]) -> T:  # noqa: C901 - one check per envelope rule
    """Load a document written by :func:`to_json`, migrating older versions.

    Args:
        data: The JSON document, as UTF-8 bytes or a string.
        cls: What the document holds, for example ``at.CheckIn`` or
            ``tuple[at.CheckIn, ...]``.

    Raises:
        ValidationError: If the bytes are not JSON, the envelope is wrong, the
            schema version is newer than this library knows, or the data does
            not fit ``cls``.

    Example:
        >>> import attunement as at
        >>> alex = at.Partner(id="alex", name="Alex")
        >>> at.from_json(at.to_json(alex), at.Partner) == alex
        True
    """
    if not isinstance(data, bytes | bytearray | memoryview | str):
        raise ValidationError("the document must be bytes or str")
    position: int | None = None
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        # orjson's message can quote the input; report only the position.
        position = error.pos
    if position is not None:
        raise ValidationError(f"is not valid UTF-8 JSON (problem at character {position})")
    if type(document) is not dict:
        raise ValidationError("the document must be an object with schema_version and data")
    missing = sorted(_ENVELOPE_KEYS - document.keys())
    if missing:
        raise ValidationError("is required", path=(missing[0],))
    extra = sorted(document.keys() - _ENVELOPE_KEYS)
    if extra:
        raise ValidationError("is not a known field", path=(extra[0],))
    version = document["schema_version"]
    if type(version) is not int or version < 1:
        raise ValidationError("must be a positive integer", path=("schema_version",))
    if version > SCHEMA_VERSION:
        raise ValidationError(
            f"is {version}, newer than this library understands ({SCHEMA_VERSION}); "
            "upgrade attunement to read it",
            path=("schema_version",),
        )
    payload = document["data"]
    if version < SCHEMA_VERSION:
        payload = _migrate(payload, cls, version)
    try:
        return _converter.structure(payload, cls)
    except Exception as error:  # noqa: BLE001
        located = _as_validation_error(error).under("data")
    raise located  # outside the handler, as in structure()


# ------------------------------------------------------- the migrations


@register_migration(CheckIn, from_version=1)
def _checkin_gains_events(document: dict[str, Any]) -> dict[str, Any]:
    # Schema 1 had no life events; "none recorded" is the faithful reading.
    document.setdefault("events", [])
    return document
