# Types of the optional build's C helpers (_slotted.c); absent from a pure install.
import datetime as dt
from collections.abc import Callable
from typing import Any, Generic, TypeVar, final

_T = TypeVar("_T")

@final
class Layout(Generic[_T]): ...  # where named object slots sit in a class's instances

def balance(
    ranked: list[tuple[float, int]],
    fsum: Callable[[list[float]], float],
    total: Callable[[list[float]], float],
    /,
) -> tuple[list[int], list[float], float]: ...
def beyond_band(
    weeks: list[int], scores: list[float], start: int, band: float, /
) -> tuple[int, int]: ...
def layout(cls: type[_T], names: tuple[str, ...], /) -> Layout[_T]: ...
def make(layout: Layout[_T], /, *values: object) -> _T: ...
def ordinal(date: dt.date, /) -> int: ...
def select(
    layout: Layout[Any], items: list[object], first_monday: dt.date, last_day: dt.date, /
) -> tuple[str, str, bool, list[Any]] | None: ...
