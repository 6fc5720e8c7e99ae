"""The one exception type the library raises for bad input."""

from __future__ import annotations

from collections.abc import Sequence

PathSegment = str | int


def _render_path(path: Sequence[PathSegment]) -> str:
    """Render path segments as a JSON path such as ``$.checkins[3].closeness``."""
    rendered = (f"[{s}]" if isinstance(s, int) else f".{s}" for s in path)
    return "$" + "".join(rendered)


class ValidationError(ValueError):
    """Input that the library refuses, with where and why.

    The message never repeats user-written text (reflections, appreciations,
    ids or names): it names the field, its JSON path and the rule broken, so
    it is safe to log.

    Attributes:
        field: The name of the offending field (the last named path segment),
            or ``""`` for the document itself.
        path: The location as a JSON path, for example ``$[3].closeness``.
        reason: What is wrong, in a short sentence fragment.

    Example:
        >>> import attunement as at
        >>> try:
        ...     at.Partner(id="", name="Alex")
        ... except at.ValidationError as error:
        ...     print(error.field, error.path, error.reason, sep=" | ")
        id | $.id | must not be empty
    """

    __slots__ = ("field", "path", "reason", "segments")

    def __init__(self, reason: str, *, path: Sequence[PathSegment] = ()) -> None:
        self.reason = reason
        self.segments: tuple[PathSegment, ...] = tuple(path)
        self.field = next((s for s in reversed(self.segments) if isinstance(s, str)), "")
        self.path = _render_path(self.segments)
        super().__init__(f"{self.path}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments need help to survive pickling across processes.
        return (_rebuild, (self.reason, self.segments))

    def under(self, *prefix: PathSegment) -> ValidationError:
        """Return the same error located below ``prefix`` (used when nesting)."""
        return ValidationError(self.reason, path=(*prefix, *self.segments))


def _rebuild(reason: str, segments: tuple[PathSegment, ...]) -> ValidationError:
    return ValidationError(reason, path=segments)
