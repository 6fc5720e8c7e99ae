"""attunement: typed, pure building blocks for relationship-wellness apps."""

import importlib
from typing import TYPE_CHECKING

from ._checkins import CheckIn, Visibility, partner_view
from ._errors import ValidationError
from ._people import Couple, Partner
from ._safety import SafetyConcern
from ._serialization import from_json, structure, to_json, unstructure
from ._signs import LifeEvent, Sign, SignCategory

if TYPE_CHECKING:
    from ._batch import (
        CHECKIN_COLUMNS,
        COUPLE_COLUMNS,
        REFLECTION_COLUMNS,
        assess_couples,
        score_reflections,
    )
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
    from ._distance import (
        Contribution,
        DistanceAssessment,
        DistanceLevel,
        Factor,
        Trend,
        WeeklyScore,
        assess_distance,
    )
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

    #: The built-in self-check instrument, read from package data on first access.
    SELF_CHECK: Instrument

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

# Importing attunement loads only the models and the converter. Each reader
# module is imported the first time one of its names is used, which keeps the
# import about as cheap as importing cattrs itself: command-line tools and
# freshly started workers should not pay for readers they never call.
_LAZY = {
    "CHECKIN_COLUMNS": "_batch",
    "COUPLE_COLUMNS": "_batch",
    "REFLECTION_COLUMNS": "_batch",
    "assess_couples": "_batch",
    "score_reflections": "_batch",
    "ChangeDirection": "_differentiation",
    "DifferentiationProfile": "_differentiation",
    "Instrument": "_differentiation",
    "Item": "_differentiation",
    "ReliableChange": "_differentiation",
    "SelfRating": "_differentiation",
    "Subscale": "_differentiation",
    "SubscaleNorm": "_differentiation",
    "compare_profiles": "_differentiation",
    "cronbach_alpha": "_differentiation",
    "item_rest_correlations": "_differentiation",
    "reliable_change": "_differentiation",
    "reverse_key_suspects": "_differentiation",
    "score_self_rating": "_differentiation",
    "Contribution": "_distance",
    "DistanceAssessment": "_distance",
    "DistanceLevel": "_distance",
    "Factor": "_distance",
    "Trend": "_distance",
    "WeeklyScore": "_distance",
    "assess_distance": "_distance",
    "Cadence": "_goals",
    "Goal": "_goals",
    "GoalProgress": "_goals",
    "GoalStatus": "_goals",
    "GoalSuggestion": "_goals",
    "Period": "_goals",
    "Practice": "_goals",
    "goal_progress": "_goals",
    "suggest_goals": "_goals",
    "Audience": "_prompts",
    "CatalogProblem": "_prompts",
    "Pick": "_prompts",
    "ProblemKind": "_prompts",
    "Prompt": "_prompts",
    "PromptCatalog": "_prompts",
    "PromptUse": "_prompts",
    "Referral": "_prompts",
    "ReferralResource": "_prompts",
    "ResourceKind": "_prompts",
    "Theme": "_prompts",
    "check_catalog": "_prompts",
    "default_catalog": "_prompts",
    "default_referral_resources": "_prompts",
    "pick_prompt": "_prompts",
    "pick_prompts": "_prompts",
    "Antidote": "_reflections",
    "Dimension": "_reflections",
    "Evidence": "_reflections",
    "ReflectionLexicon": "_reflections",
    "ReflectionScore": "_reflections",
    "antidotes": "_reflections",
    "score_reflection": "_reflections",
}

if not TYPE_CHECKING:  # hidden from type checkers, so a misspelt name stays a type error

    def __getattr__(name: str) -> object:
        if name == "SELF_CHECK":
            from ._differentiation import self_check  # noqa: PLC0415

            # Package data is read on first access, never at import time.
            return self_check()
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{module}", __name__), name)
        globals()[name] = value  # later look-ups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(__all__))
