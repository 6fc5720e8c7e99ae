"""Differentiation of self: instruments, self-ratings and their scoring."""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs


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


@attrs.frozen(kw_only=True)
class DifferentiationProfile:
    """A scored self-rating: one mean per facet, higher = more differentiated."""

    instrument_id: str
    # Not hashed: a dict cannot be; equality still compares it.
    subscales: Mapping[Subscale, float | None] = attrs.field(hash=False)
    overall: float | None
    answered: int

    @property
    def weakest(self) -> Subscale | None:
        """The facet with the lowest mean (first in enum order on ties), if any."""
        present = [
            (value, index, facet)
            for index, (facet, value) in enumerate(
                (facet, self.subscales.get(facet)) for facet in Subscale
            )
            if value is not None
        ]
        return min(present)[2] if present else None
