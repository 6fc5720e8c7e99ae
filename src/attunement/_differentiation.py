"""Differentiation of self: instruments, self-ratings and their scoring."""

from __future__ import annotations

import enum


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
