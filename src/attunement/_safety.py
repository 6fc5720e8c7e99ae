"""Safety concerns: what makes the library step back and point to professional help."""

from __future__ import annotations

import enum


class SafetyConcern(enum.Enum):
    """A concern for someone's safety found in what a partner wrote or said.

    When any concern is present the library offers a referral to
    professional help instead of a conversation prompt.

    Example:
        >>> import attunement as at
        >>> at.SafetyConcern("self_harm")
        <SafetyConcern.SELF_HARM: 'self_harm'>
    """

    #: Thoughts of dying, of ending one's life, or of hurting oneself.
    SELF_HARM = "self_harm"
    #: Violence, threats, fear of a partner, or coercive control.
    PARTNER_VIOLENCE = "partner_violence"
