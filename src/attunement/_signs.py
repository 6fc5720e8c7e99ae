"""Warning signs of emotional distance, with their categories and weights.

The signs follow Gottman's distance-and-isolation cascade (Gottman 1993) and
the signs commonly named alongside it; see the "How the distance score is
built" explanation page for the sources. Weights are ordinal (1-3): signs from
later in the cascade, where partners have stopped turning to each other,
weigh more than early ones. They feed a score, never a verdict.
"""

from __future__ import annotations

import enum
from types import MappingProxyType


class SignCategory(enum.Enum):
    """The family a distance sign belongs to.

    Example:
        >>> import attunement as at
        >>> at.Sign.LOGISTICS_ONLY.category
        <SignCategory.COMMUNICATION: 'communication'>
    """

    #: Everyday bids for attention that go unanswered.
    TURNING_AWAY = "turning_away"
    #: What and how the partners talk to each other.
    COMMUNICATION = "communication"
    #: Warmth, fondness and touch.
    AFFECTION = "affection"
    #: Living and coping apart while sharing a home.
    ISOLATION = "isolation"
    #: The lens through which each partner reads the other.
    SENTIMENT = "sentiment"


class Sign(enum.Enum):
    """A warning sign of emotional distance that a partner may notice.

    Each member carries a :attr:`category`, an ordinal :attr:`weight` (1-3)
    and a one-line :attr:`description` an app can show.

    Example:
        >>> import attunement as at
        >>> sign = at.Sign.LONELY_TOGETHER
        >>> sign.value, sign.weight
        ('lonely_together', 3)
        >>> sign.description
        'Feeling lonely even when the two of you are in the same room.'
    """

    BIDS_MISSED = "bids_missed"
    LESS_WARMTH = "less_warmth"
    LOGISTICS_ONLY = "logistics_only"
    WITHDRAWAL = "withdrawal"
    HANDLING_ALONE = "handling_alone"
    CONFIDING_ELSEWHERE = "confiding_elsewhere"
    PARALLEL_LIVES = "parallel_lives"
    LONELY_TOGETHER = "lonely_together"
    NEGATIVE_OVERRIDE = "negative_override"
    LESS_TOUCH = "less_touch"
    INDIFFERENCE = "indifference"
    PHONE_DISTRACTION = "phone_distraction"
    EMOTIONAL_CUTOFF = "emotional_cutoff"

    @property
    def category(self) -> SignCategory:
        """The family this sign belongs to."""
        return _SIGN_INFO[self][0]

    @property
    def weight(self) -> int:
        """How much the sign counts toward distance, from 1 (early) to 3 (late)."""
        return _SIGN_INFO[self][1]

    @property
    def description(self) -> str:
        """A one-line, non-judgemental description an app can show."""
        return _SIGN_INFO[self][2]


_SIGN_INFO: MappingProxyType[Sign, tuple[SignCategory, int, str]] = MappingProxyType(
    {
        Sign.BIDS_MISSED: (
            SignCategory.TURNING_AWAY,
            1,
            "Small attempts to get each other's attention are going unnoticed.",
        ),
        Sign.LESS_WARMTH: (
            SignCategory.AFFECTION,
            2,
            "Fewer shared laughs, smiles and moments of fondness than before.",
        ),
        Sign.LOGISTICS_ONLY: (
            SignCategory.COMMUNICATION,
            1,
            "Conversations are mostly about schedules, chores and errands.",
        ),
        Sign.WITHDRAWAL: (
            SignCategory.COMMUNICATION,
            2,
            "One of you goes quiet or leaves the room when things get tense.",
        ),
        Sign.HANDLING_ALONE: (
            SignCategory.ISOLATION,
            2,
            "Working through worries on your own instead of together.",
        ),
        Sign.CONFIDING_ELSEWHERE: (
            SignCategory.ISOLATION,
            2,
            "Sharing what matters with other people before your partner.",
        ),
        Sign.PARALLEL_LIVES: (
            SignCategory.ISOLATION,
            3,
            "Days run side by side with little that is truly shared.",
        ),
        Sign.LONELY_TOGETHER: (
            SignCategory.ISOLATION,
            3,
            "Feeling lonely even when the two of you are in the same room.",
        ),
        Sign.NEGATIVE_OVERRIDE: (
            SignCategory.SENTIMENT,
            2,
            "Neutral moments from your partner start to feel like slights.",
        ),
        Sign.LESS_TOUCH: (
            SignCategory.AFFECTION,
            1,
            "Hugs, hand-holding and casual touch have become rare.",
        ),
        Sign.INDIFFERENCE: (
            SignCategory.SENTIMENT,
            3,
            "Disagreements have faded because caring about them feels pointless.",
        ),
        Sign.PHONE_DISTRACTION: (
            SignCategory.TURNING_AWAY,
            1,
            "Screens keep pulling attention away during time together.",
        ),
        Sign.EMOTIONAL_CUTOFF: (
            SignCategory.ISOLATION,
            3,
            "Shutting feelings away from your partner to keep the peace.",
        ),
    }
)


class LifeEvent(enum.Enum):
    """A life transition around a check-in's week that often underlies distance.

    Distance during a known transition is common; naming the transition lets
    an app say "this began around the new job" without blaming either partner.

    Example:
        >>> import attunement as at
        >>> at.LifeEvent.NEW_BABY.description
        'A new baby in the family.'
    """

    NEW_BABY = "new_baby"
    JOB_CHANGE = "job_change"
    JOB_LOSS = "job_loss"
    MOVE = "move"
    ILLNESS = "illness"
    BEREAVEMENT = "bereavement"
    FINANCIAL_STRAIN = "financial_strain"
    CARING_FOR_RELATIVE = "caring_for_relative"
    TIME_APART = "time_apart"

    @property
    def description(self) -> str:
        """A short, neutral description an app can show."""
        return _EVENT_DESCRIPTIONS[self]


_EVENT_DESCRIPTIONS: MappingProxyType[LifeEvent, str] = MappingProxyType(
    {
        LifeEvent.NEW_BABY: "A new baby in the family.",
        LifeEvent.JOB_CHANGE: "Starting a new job or a new role.",
        LifeEvent.JOB_LOSS: "Losing a job or income from work.",
        LifeEvent.MOVE: "Moving home, town or country.",
        LifeEvent.ILLNESS: "An illness or injury, of either partner.",
        LifeEvent.BEREAVEMENT: "The death of someone close.",
        LifeEvent.FINANCIAL_STRAIN: "Money worries weighing on the household.",
        LifeEvent.CARING_FOR_RELATIVE: "Looking after a parent, child or other relative.",
        LifeEvent.TIME_APART: "Living apart for a while: travel, work or distance.",
    }
)
