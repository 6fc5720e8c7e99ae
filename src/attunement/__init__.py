"""attunement: typed, pure building blocks for relationship-wellness apps."""

from typing import TYPE_CHECKING

from ._batch import (
    CHECKIN_COLUMNS,
    COUPLE_COLUMNS,
    REFLECTION_COLUMNS,
    assess_couples,
    score_reflections,
)
from ._checkins import CheckIn, Visibility, partner_view
from ._differentiation import (
    ChangeDirection,
    DifferentiationProfile,
    Instrument,
    Item,
    ReliableChange,
    SelfRating,
    Subscale,
    SubscaleNorm,
    compare_profiles,
    cronbach_alpha,
    item_rest_correlations,
    reliable_change,
    reverse_key_suspects,
    score_self_rating,
)
from ._differentiation import self_check as _self_check
from ._distance import (
    Contribution,
    DistanceAssessment,
    DistanceLevel,
    Factor,
    Trend,
    WeeklyScore,
    assess_distance,
)
from ._errors import ValidationError
from ._goals import (
    Cadence,
    Goal,
    GoalProgress,
    GoalStatus,
    GoalSuggestion,
    Period,
    Practice,
    goal_progress,
    suggest_goals,
)
from ._people import Couple, Partner
from ._prompts import (
    Audience,
    CatalogProblem,
    Pick,
    ProblemKind,
    Prompt,
    PromptCatalog,
    PromptUse,
    Referral,
    ReferralResource,
    ResourceKind,
    Theme,
    check_catalog,
    default_catalog,
    default_referral_resources,
    pick_prompt,
    pick_prompts,
)
from ._reflections import (
    Antidote,
    Dimension,
    Evidence,
    ReflectionLexicon,
    ReflectionScore,
    antidotes,
    score_reflection,
)
from ._safety import SafetyConcern
from ._serialization import from_json, structure, to_json, unstructure
from ._signs import LifeEvent, Sign, SignCategory

__all__ = [
    "CHECKIN_COLUMNS",
    "COUPLE_COLUMNS",
    "REFLECTION_COLUMNS",
    "SELF_CHECK",
    "Antidote",
    "Audience",
    "Cadence",
    "CatalogProblem",
    "ChangeDirection",
    "CheckIn",
    "Contribution",
    "Couple",
    "DifferentiationProfile",
    "Dimension",
    "DistanceAssessment",
    "DistanceLevel",
    "Evidence",
    "Factor",
    "Goal",
    "GoalProgress",
    "GoalStatus",
    "GoalSuggestion",
    "Instrument",
    "Item",
    "LifeEvent",
    "Partner",
    "Period",
    "Pick",
    "Practice",
    "ProblemKind",
    "Prompt",
    "PromptCatalog",
    "PromptUse",
    "Referral",
    "ReferralResource",
    "ReflectionLexicon",
    "ReflectionScore",
    "ReliableChange",
    "ResourceKind",
    "SafetyConcern",
    "SelfRating",
    "Sign",
    "SignCategory",
    "Subscale",
    "SubscaleNorm",
    "Theme",
    "Trend",
    "ValidationError",
    "Visibility",
    "WeeklyScore",
    "antidotes",
    "assess_couples",
    "assess_distance",
    "check_catalog",
    "compare_profiles",
    "cronbach_alpha",
    "default_catalog",
    "default_referral_resources",
    "from_json",
    "goal_progress",
    "item_rest_correlations",
    "partner_view",
    "pick_prompt",
    "pick_prompts",
    "reliable_change",
    "reverse_key_suspects",
    "score_reflection",
    "score_reflections",
    "score_self_rating",
    "structure",
    "suggest_goals",
    "to_json",
    "unstructure",
]

if TYPE_CHECKING:
    #: The built-in self-check instrument, read from package data on first access.
    SELF_CHECK: Instrument
else:
    # Hidden from type checkers, so a misspelt name is still a type error.
    def __getattr__(name: str) -> object:
        # Package data is read on first access, never at import time.
        if name == "SELF_CHECK":
            return _self_check()
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
