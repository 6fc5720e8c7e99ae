"""The prompt picker's rules: eligibility, pacing, relevance, tie-breaks and reasons.

:func:`attunement.pick_prompt` and :func:`attunement.pick_prompts` check their
arguments and put safety first, then call :func:`pick_one` or
:func:`pick_many` here. A catalog's lookups (:class:`_CatalogIndex`) are built
once, on first use, so that a pick is one cheap pass: the couple's state is
reduced once (:class:`_State`), prompts sharing every tag the score reads are
scored as one group, and the first pick is a bounded search over themes.

The module holds no attrs classes, only plain functions and slotted classes,
so that it can also be compiled with mypyc for speed (an optional build; see
the "Speed" section of the prompts explanation). It behaves the same either
way.
"""

import datetime as dt
import functools
import hashlib
import math
import operator
from collections.abc import Iterable, Sequence
from typing import NamedTuple, cast

import attrs

from ._differentiation import DifferentiationProfile, Subscale
from ._distance import DistanceAssessment, DistanceLevel, Factor
from ._errors import ValidationError
from ._goals import Goal, Practice
from ._prompts import (
    COOLDOWN_DAYS,
    DEPTH_RANGE,
    RECENT_USES,
    Audience,
    Pick,
    Prompt,
    PromptCatalog,
    PromptUse,
    Theme,
    _read_items,
)
from ._signs import Sign

_new = object.__new__
#: Pick's slot setters, in field order, for the picker's hot path.
_PICK_SLOTS = tuple(Pick.__dict__[field.name].__set__ for field in attrs.fields(Pick))

# ------------------------------------------------------------------ the index


class _Group(NamedTuple):
    """Prompts that share every tag the score reads: scored once per pick."""

    number: int
    cell: int
    sign_slot: int
    subscale_slot: int
    members: tuple[int, ...]
    theme_number: int
    member_ids: frozenset[str]


#: A group as the per-pick loop reads it: (theme number, sign slot, subscale
#: slot, the members' ids, the group).
_Row = tuple[int, int, int, frozenset[str], _Group]
#: A row without its theme, filed under its theme: (sign slot, subscale slot,
#: the members' ids, the group).
_ThemeRow = tuple[int, int, frozenset[str], _Group]

_THEMES = tuple(Theme)
_THEME_NUMBER = {theme: number for number, theme in enumerate(_THEMES)}
_THEME_NUMBERS = range(len(_THEMES))


def _cell(theme: Theme, depth: int) -> int:
    return _THEME_NUMBER[theme] * DEPTH_RANGE[1] + depth - 1


#: For each ceiling 0-3, which of depths 1-3 are allowed.
_ALLOWED_ROWS = tuple(
    tuple(depth <= ceiling for depth in range(DEPTH_RANGE[0], DEPTH_RANGE[1] + 1))
    for ceiling in range(DEPTH_RANGE[1] + 1)
)
_REPAIR_CELLS = slice(_cell(Theme.REPAIR, 1), _cell(Theme.REPAIR, DEPTH_RANGE[1]) + 1)


def _allowed_cells(ceiling: int, repair_ceiling: int) -> list[bool]:
    allowed = list(_ALLOWED_ROWS[ceiling] * len(_THEMES))
    allowed[_REPAIR_CELLS] = _ALLOWED_ROWS[repair_ceiling]
    return allowed


_GROUP_NUMBER = operator.itemgetter(0)

#: How many seeds' tie-break keys a catalog keeps (apps usually use one seed).
_SEEDS_CACHED = 4


class _CatalogIndex:
    """Per-catalog lookups, built once so that a pick is one cheap pass."""

    __slots__ = (
        "depths",
        "eligible_rows",
        "group_of",
        "groups",
        "id_bytes",
        "ids",
        "position",
        "prompts",
        "sign_slots",
        "sign_values",
        "subscale_ranks",
        "subscale_slots",
        "theme_numbers",
        "tie_key_cache",
        "zero_signs",
        "zero_subscales",
    )

    def __init__(self, prompts: tuple[Prompt, ...]) -> None:
        self.prompts = prompts
        self.position = {prompt.id: position for position, prompt in enumerate(prompts)}
        self.ids = tuple(prompt.id for prompt in prompts)
        self.depths = tuple(prompt.depth for prompt in prompts)
        self.theme_numbers = tuple(_THEME_NUMBER[prompt.theme] for prompt in prompts)
        # (audience value, ceiling, repair ceiling) -> the groups deep enough
        # to be eligible, and the same filed by theme number (for the first
        # pick's bounded search), filled on demand (at most 2 x 4 x 4 entries).
        self.eligible_rows: dict[
            tuple[str, int, int], tuple[tuple[_Row, ...], tuple[tuple[_ThemeRow, ...], ...]]
        ] = {}
        # seed -> {position: tie-break key}, for the few most recent seeds.
        self.tie_key_cache: dict[int, dict[int, bytes]] = {}
        self.id_bytes = tuple(prompt_id.encode() for prompt_id in self.ids)
        sign_sets: dict[frozenset[Sign], int] = {}
        subscale_sets: dict[frozenset[Subscale], int] = {}
        keyed: dict[tuple[Audience, Theme, int, int, int], list[int]] = {}
        sign_slot_of: list[int] = []
        subscale_slot_of: list[int] = []
        for position, prompt in enumerate(prompts):
            sign_slot = sign_sets.setdefault(prompt.addresses, len(sign_sets))
            subscale_slot = subscale_sets.setdefault(prompt.subscales, len(subscale_sets))
            sign_slot_of.append(sign_slot)
            subscale_slot_of.append(subscale_slot)
            key = (prompt.audience, prompt.theme, prompt.depth, sign_slot, subscale_slot)
            keyed.setdefault(key, []).append(position)
        # For the reasons, per prompt (computed once per tag set): its sign
        # values, sorted, and its facets' ranks in Subscale order, sorted.
        slot_values = [tuple(sorted(sign.value for sign in signs)) for signs in sign_sets]
        slot_ranks = [
            tuple(sorted(_FACET_RANK[facet.value] for facet in facets)) for facets in subscale_sets
        ]
        self.sign_values = tuple(map(slot_values.__getitem__, sign_slot_of))
        self.subscale_ranks = tuple(map(slot_ranks.__getitem__, subscale_slot_of))
        # Per sign (facet), the slots of the tag sets holding it: a pick touches
        # only the slots of the signs the couple actually named.
        # Keyed by the enum's value: str hashes are cached, Enum.__hash__ is Python.
        self.sign_slots = {
            sign.value: tuple(slot for signs, slot in sign_sets.items() if sign in signs)
            for sign in Sign
        }
        self.subscale_slots = {
            facet.value: tuple(slot for facets, slot in subscale_sets.items() if facet in facets)
            for facet in Subscale
        }
        self.zero_signs = (0.0,) * len(sign_sets)
        self.zero_subscales = (0.0,) * len(subscale_sets)
        groups: dict[Audience, list[_Group]] = {audience: [] for audience in Audience}
        group_of: list[_Group | None] = [None] * len(prompts)
        for number, (key, members) in enumerate(keyed.items()):
            audience, theme, depth, sign_slot, subscale_slot = key
            group = _Group(
                number,
                _cell(theme, depth),
                sign_slot,
                subscale_slot,
                tuple(members),
                _THEME_NUMBER[theme],
                frozenset(map(self.ids.__getitem__, members)),
            )
            groups[audience].append(group)
            for position in members:
                group_of[position] = group
        self.group_of: list[_Group] = [group for group in group_of if group is not None]
        self.groups = {audience: tuple(found) for audience, found in groups.items()}

    def tie_keys_for(self, seed: int) -> dict[int, bytes]:
        """The memo of tie-break keys for one seed (kept for the last few seeds)."""
        cache = self.tie_key_cache
        found = cache.get(seed)
        if found is None:
            if len(cache) >= _SEEDS_CACHED:
                # Start afresh (simple and thread-safe); keys are recomputed identically.
                cache.clear()
            found = cache[seed] = {}
        return found

    def eligible(
        self, audience: Audience, ceiling: int, repair_ceiling: int
    ) -> tuple[tuple["_Row", ...], tuple[tuple["_ThemeRow", ...], ...]]:
        """The audience's groups whose depth the ceilings allow, and the same filed by theme.

        Both in catalog order, as plain-tuple rows: unpacking a NamedTuple in
        the per-group loop is several times slower than unpacking an exact
        tuple. One lookup per pick.
        """
        key = (audience._value_, ceiling, repair_ceiling)
        found = self.eligible_rows.get(key)
        if found is None:
            allowed = _allowed_cells(ceiling, repair_ceiling)
            rows = tuple(
                (
                    group.theme_number,
                    group.sign_slot,
                    group.subscale_slot,
                    group.member_ids,
                    group,
                )
                for group in self.groups[audience]
                if allowed[group.cell]
            )
            by_theme: list[list[_ThemeRow]] = [[] for _ in _THEMES]
            for theme_number, sign_slot, subscale_slot, member_ids, group in rows:
                by_theme[theme_number].append((sign_slot, subscale_slot, member_ids, group))
            found = self.eligible_rows[key] = (rows, tuple(map(tuple, by_theme)))
        return found


# ------------------------------------------------------------------ the rules

#: The deepest prompt offered at each distance level; repair may go one deeper.
LEVEL_CEILINGS = {
    DistanceLevel.CONNECTED: 3,
    DistanceLevel.DRIFTING: 2,
    DistanceLevel.DISTANT: 1,
    DistanceLevel.DETACHED: 1,
}

# Relevance weights: signs the couple named count most, then the practices
# they chose (goals) and their weakest facet; variety pulls the other way.
_SIGN_WEIGHT = 3.0
_GOAL_WEIGHT = 2.0
_SUBSCALE_WEIGHT = 2.0
_FACTOR_WEIGHT = 1.0
_LEVEL_WEIGHT = 1.0
_VARIETY_WEIGHT = 1.5
# In pick_prompts, a theme already chosen ranks below every new theme (scores
# stay far below this), so the hot loop still compares a single number.
_THEME_TAKEN = 1e3

_SIGN_REASONS = {
    Sign.BIDS_MISSED: "small bids for attention have been going unnoticed",
    Sign.LESS_WARMTH: "there has been less warmth and laughter lately",
    Sign.LOGISTICS_ONLY: "talk has shrunk to logistics",
    Sign.WITHDRAWAL: "someone goes quiet when things get tense",
    Sign.HANDLING_ALONE: "worries are being handled alone",
    Sign.CONFIDING_ELSEWHERE: "what matters is shared with others first",
    Sign.PARALLEL_LIVES: "your days run side by side",
    Sign.LONELY_TOGETHER: "you feel lonely even when together",
    Sign.NEGATIVE_OVERRIDE: "neutral moments have started to feel like slights",
    Sign.LESS_TOUCH: "casual touch has become rare",
    Sign.INDIFFERENCE: "disagreements have faded into not caring",
    Sign.PHONE_DISTRACTION: "screens keep pulling attention away",
    Sign.EMOTIONAL_CUTOFF: "feelings are being shut away to keep the peace",
}

_SUBSCALE_REASONS = {
    Subscale.EMOTIONAL_REACTIVITY: "staying steady when feelings run high",
    Subscale.I_POSITION: "saying what you think and want, kindly and clearly",
    Subscale.EMOTIONAL_CUTOFF: "staying in touch when closeness feels hard",
    Subscale.FUSION_WITH_OTHERS: "staying yourself while staying close",
}

_FACTOR_THEMES = {
    Factor.CLOSENESS: frozenset({Theme.APPRECIATION, Theme.MEMORIES, Theme.PLAY}),
    Factor.FELT_HEARD: frozenset({Theme.FEELINGS, Theme.NEEDS, Theme.CHECK_IN}),
    Factor.MISSED_WEEKS: frozenset({Theme.CHECK_IN}),
}
_FACTOR_REASONS = {
    Factor.CLOSENESS: "Closeness ratings have dipped, and warm themes help rebuild it.",
    Factor.FELT_HEARD: "Feeling heard has been lower lately, so this makes room to listen.",
    Factor.MISSED_WEEKS: "A few check-ins were missed, so this is an easy way back in.",
}

_LEVEL_THEMES = {
    DistanceLevel.CONNECTED: frozenset({Theme.DREAMS, Theme.CURIOSITY, Theme.INTIMACY}),
    DistanceLevel.DRIFTING: frozenset({Theme.CHECK_IN, Theme.CURIOSITY, Theme.APPRECIATION}),
    DistanceLevel.DISTANT: frozenset(
        {Theme.APPRECIATION, Theme.MEMORIES, Theme.PLAY, Theme.REPAIR}
    ),
    DistanceLevel.DETACHED: frozenset(
        {Theme.APPRECIATION, Theme.MEMORIES, Theme.PLAY, Theme.REPAIR}
    ),
}
_LEVEL_REASONS = {
    DistanceLevel.CONNECTED: "You have been feeling close, a good time to explore together.",
    DistanceLevel.DRIFTING: "A light check on each other helps when things start to drift.",
    DistanceLevel.DISTANT: "Warm, light themes are a gentle way back toward each other.",
    DistanceLevel.DETACHED: "Warm, light themes are a gentle way back toward each other.",
}

#: Goal practices and the themes that serve them.
PRACTICE_THEMES: dict[Practice, frozenset[Theme]] = {
    Practice.CHECK_IN: frozenset({Theme.CHECK_IN}),
    Practice.APPRECIATION: frozenset({Theme.APPRECIATION}),
    Practice.CURIOSITY_QUESTION: frozenset({Theme.CURIOSITY}),
    Practice.QUALITY_TIME: frozenset({Theme.PLAY, Theme.MEMORIES, Theme.DREAMS}),
    Practice.PHYSICAL_AFFECTION: frozenset({Theme.INTIMACY}),
    Practice.REPAIR_CONVERSATION: frozenset({Theme.REPAIR}),
    Practice.COUPLES_THERAPY: frozenset({Theme.NEEDS, Theme.FEELINGS}),
}
_PRACTICE_REASONS = {
    Practice.CHECK_IN: "It fits your goal of checking in regularly.",
    Practice.APPRECIATION: "It fits your goal of showing appreciation.",
    Practice.CURIOSITY_QUESTION: "It fits your goal of staying curious about each other.",
    Practice.QUALITY_TIME: "It fits your goal of spending time together.",
    Practice.PHYSICAL_AFFECTION: "It fits your goal of more physical affection.",
    Practice.REPAIR_CONVERSATION: "It fits your goal of repairing after hard moments.",
    Practice.COUPLES_THERAPY: "It fits your goal of working through things with support.",
}

# The same tables by enum value and theme number, for the per-pick path
# (Enum.__hash__ is Python code; "" stands for "no assessment").
_PRACTICE_NUMBERS = {
    practice.value: tuple(_THEME_NUMBER[theme] for theme in PRACTICE_THEMES.get(practice, ()))
    for practice in Practice
}
_FACTOR_NUMBERS = {
    factor.value: tuple(_THEME_NUMBER[theme] for theme in _FACTOR_THEMES.get(factor, ()))
    for factor in Factor
}
_LEVEL_NUMBERS: dict[str, tuple[int, ...]] = {"": ()} | {
    level.value: tuple(_THEME_NUMBER[theme] for theme in themes)
    for level, themes in _LEVEL_THEMES.items()
}
_LEVEL_CEILING_BY_VALUE = {"": DEPTH_RANGE[1]} | {
    level.value: ceiling for level, ceiling in LEVEL_CEILINGS.items()
}

# ------------------------------------------------------------------ the picker

#: The variety penalty of the recent use at each rank: 1, 1/2, 1/3...
_RANK_PENALTY = tuple(1.0 / (rank + 1) for rank in range(RECENT_USES))


class _State:
    """Everything a pick reads, reduced once from the inputs."""

    __slots__ = (
        "ceilings",
        "chronological",
        "factors",
        "goal_practices",
        "latest",
        "level",
        "ordered",
        "recent_depth",
        "seed",
        "sign_partners",
        "sign_score",
        "sign_top",
        "sign_weights",
        "subscale_score",
        "subscale_top",
        "theme_bonus",
        "theme_penalty",
        "theme_rows",
        "today",
        "used",
        "used_any",
        "weak",
    )

    today: dt.date
    chronological: Sequence[PromptUse]  # the history, oldest first
    used: set[str]  # the prompt ids used before (ids of other catalogs match nothing)
    latest: dict[str, dt.date] | None  # the latest use per prompt id, built when needed
    used_any: bool  # some prompt of this catalog was used before
    recent_depth: int
    theme_penalty: list[float]  # by theme number
    ceilings: tuple[int, int]
    theme_bonus: list[float]  # by theme number: goals, factors, level, minus variety
    sign_score: Sequence[float]
    subscale_score: Sequence[float]
    sign_top: float  # no sign slot scores more
    ordered: bool  # every score is a number (no NaN from non-finite points)
    subscale_top: float  # no subscale slot scores more
    theme_rows: tuple[tuple[_ThemeRow, ...], ...]  # the eligible groups by theme number
    # Keyed by enum value: str hashes are cached, Enum.__hash__ is Python code.
    sign_weights: dict[str, float]
    sign_partners: dict[str, set[str | None]]
    factors: tuple[str, ...]  # values, in Factor order
    weak: dict[str, float]
    goal_practices: tuple[str, ...]  # values, in Practice order
    level: DistanceLevel | None
    seed: int


_SEQUENCES = (list, tuple)
#: The date of a use, as a C-level sort key.
_USE_DATE = operator.attrgetter("on")


def _read_history(history: Iterable[PromptUse]) -> tuple[Sequence[PromptUse], set[str]]:
    """The uses oldest first, and the set of prompt ids used.

    Comprehensions and C-level sorts instead of a Python loop with a dict per
    use: one pass checks the types while it reads the dates, one collects the
    ids. Apps keep histories in date order (either way round), so sorting the
    dates alone usually shows that the uses need no sort (the comparison of
    two lists of the same date objects is by identity); other histories are
    sorted by date. Ids from another catalog stay in (nothing can match
    them); only :func:`_recent` must skip them, and does.
    """
    # A list or tuple is read as it is (never changed); other iterables once.
    uses = _read_items(history, "history", "PromptUse")
    prompt_use = PromptUse
    dates = [use.on for use in uses if type(use) is prompt_use]
    if len(dates) != len(uses):
        number = next(n for n, item in enumerate(uses) if type(item) is not prompt_use)
        raise ValidationError("must be a PromptUse", path=("history", number))
    used = {use.prompt_id for use in uses}
    ordered = sorted(dates)
    if ordered == dates:
        return uses, used
    dates.reverse()
    if ordered == dates:
        return uses[::-1], used
    return sorted(uses, key=_USE_DATE), used


def _latest(state: "_State") -> dict[str, dt.date]:
    """The latest use of each prompt id, built on demand (only reuse needs dates)."""
    latest = state.latest
    if latest is None:
        # Oldest first, so each id keeps its latest date.
        latest = state.latest = {use.prompt_id: use.on for use in state.chronological}
    return latest


def _read_assessment(
    assessment: DistanceAssessment | None,
) -> tuple[dict[str, float], dict[str, set[str | None]], tuple[str, ...]]:
    """Per sign value: its weight (1 for the heaviest) and who noticed it; and the factors.

    The factors as values, in Factor order.
    """
    if assessment is None:
        return {}, {}, ()
    if type(assessment) is not DistanceAssessment:
        raise ValidationError("must be a DistanceAssessment or None", path=("assessment",))
    points: dict[str, float] = {}
    partners: dict[str, set[str | None]] = {}
    factor_seen: set[str] = set()
    sign_factor = Factor.SIGN
    for contribution in assessment.contributions:
        if contribution.points <= 0:
            continue
        factor = contribution.factor
        if factor is sign_factor:
            sign = contribution.sign
            if sign is not None:
                value = sign._value_
                if value in points:
                    points[value] += contribution.points
                    partners[value].add(contribution.partner_id)
                else:
                    # 0.0 + points, as a running total started at 0.0 would be.
                    points[value] = 0.0 + contribution.points
                    partners[value] = {contribution.partner_id}
        else:
            factor_seen.add(factor._value_)
    weights: dict[str, float] = {}
    if points:
        top = max(points.values())
        weights = {value: total / top for value, total in points.items()}
    factors: tuple[str, ...] = ()
    if factor_seen:
        factors = tuple(sorted(factor_seen, key=_FACTOR_RANK.__getitem__))
    return weights, partners, factors


def _read_profiles(profiles: Iterable[DifferentiationProfile]) -> dict[str, float]:
    weakest: list[str] = []
    for number, profile in enumerate(_read_items(profiles, "profiles", "DifferentiationProfile")):
        if type(profile) is not DifferentiationProfile:
            raise ValidationError("must be a DifferentiationProfile", path=("profiles", number))
        # profile.weakest, without hashing enum members: the lowest mean below
        # infinity; on ties, the first facet in Subscale order.
        facet = None
        lowest = math.inf
        facet_rank = 0
        for candidate, value in profile.subscales.items():
            if value is None:
                continue
            name = candidate._value_
            rank = _FACET_RANK[name]
            if value < lowest or (facet is not None and value == lowest and rank < facet_rank):
                facet, lowest, facet_rank = name, value, rank
        if facet is not None:
            weakest.append(facet)
    if not weakest:
        return {}
    # Two partners with the same weakest facet make it twice as relevant.
    return {facet: weakest.count(facet) / len(weakest) for facet in set(weakest)}


_FACET_RANK = {facet.value: rank for rank, facet in enumerate(Subscale)}
_FACET_VALUES = tuple(facet.value for facet in Subscale)
_PRACTICE_RANK = {practice.value: rank for rank, practice in enumerate(Practice)}
_FACTOR_RANK = {factor.value: rank for rank, factor in enumerate(Factor)}


def _read_goals(goals: Iterable[Goal], today: dt.date) -> tuple[str, ...]:
    """The values of the practices of the goals running today, in Practice order."""
    practices: set[str] = set()
    for number, goal in enumerate(_read_items(goals, "goals", "Goal")):
        if type(goal) is not Goal:
            raise ValidationError("must be a Goal", path=("goals", number))
        # Only goals running today steer tonight's prompt.
        if goal.starts <= today and (goal.ends is None or today <= goal.ends):
            practices.add(goal.practice._value_)
    if not practices:
        return ()
    return tuple(sorted(practices, key=_PRACTICE_RANK.__getitem__))


def _recent(
    index: _CatalogIndex, chronological: Sequence[PromptUse]
) -> list[tuple[dt.date, str, int]]:
    """The RECENT_USES latest distinct prompts of this catalog, latest first.

    As (date, id, catalog position). Ordered by (date, id) so that "recent" never
    depends on the order of the history (ids are unique, so positions are
    never compared). Walks back from the newest use, so it reads only the
    last few.
    """
    position = index.position.get
    found: list[tuple[dt.date, str, int]] = []
    seen: set[str] = set()
    cutoff = None
    previous = None
    tied = False
    for use in reversed(chronological):
        on = use.on
        if cutoff is not None and on < cutoff:
            break  # older than the RECENT_USES-th distinct prompt: cannot rank
        prompt_id = use.prompt_id
        if prompt_id in seen:
            continue
        found_at = position(prompt_id)
        # Uses of prompts from another catalog cannot be paced against this one.
        if found_at is None:
            continue
        seen.add(prompt_id)
        found.append((on, prompt_id, found_at))
        tied = tied or on == previous
        previous = on
        if len(found) == RECENT_USES:
            # Later finds can only tie on this date (and win on their id).
            cutoff = on
    if tied:
        # Found newest first already; only uses on the same day need their ids.
        found.sort(reverse=True)
        del found[RECENT_USES:]
    return found


def _pace(
    index: _CatalogIndex, recent_uses: list[tuple[dt.date, str, int]]
) -> tuple[list[float], int, int]:
    """The variety penalty per theme number, the deepest recent depth, the newest use's depth."""
    # Lists by theme number: Enum.__hash__ is Python code, list indexing is not.
    theme_penalty = [0.0] * len(_THEMES)
    recent_depth = last_depth = 0
    if recent_uses:
        depths = index.depths
        theme_numbers = index.theme_numbers
        newest = recent_uses[0][0]
        for rank, (on, _, found_at) in enumerate(recent_uses):
            depth = depths[found_at]
            if depth > recent_depth:  # noqa: PLR1730 - a comparison is cheaper than max()
                recent_depth = depth
            if on == newest and depth > last_depth:
                last_depth = depth
            theme_penalty[theme_numbers[found_at]] += _RANK_PENALTY[rank]
    return theme_penalty, recent_depth, last_depth


def _theme_bonus(
    practices: tuple[str, ...],
    factors: tuple[str, ...],
    level_value: str,
    theme_penalty: list[float],
) -> list[float]:
    """The part of the score that depends on the theme alone, by theme number."""
    bonus = [0.0] * len(_THEMES)
    # Each theme gets a weight once per source, however many goals or factors
    # name it; the sources are added in this order (goals, factors, level,
    # variety) so that the sums never depend on the inputs' order.
    if practices:
        for number in {n for practice in practices for n in _PRACTICE_NUMBERS[practice]}:
            bonus[number] += _GOAL_WEIGHT
    if factors:
        for number in {n for factor in factors for n in _FACTOR_NUMBERS[factor]}:
            bonus[number] += _FACTOR_WEIGHT
    for number in _LEVEL_NUMBERS[level_value]:
        bonus[number] += _LEVEL_WEIGHT
    for number, penalty in enumerate(theme_penalty):
        if penalty:
            bonus[number] -= _VARIETY_WEIGHT * penalty
    return bonus


def _tag_scores(
    index: _CatalogIndex, sign_weights: dict[str, float], weak: dict[str, float]
) -> tuple[Sequence[float], Sequence[float]]:
    """One score per tag set: its heaviest named sign's, and the sum of its weak facets'.

    Ascending weights (then values), so that the heaviest sign is written
    last and the sums never depend on dict order.
    """
    sign_score: Sequence[float] = index.zero_signs
    if sign_weights:
        scores = list(index.zero_signs)
        sign_slots = index.sign_slots
        for weight, value in sorted(zip(sign_weights.values(), sign_weights, strict=True)):
            score = _SIGN_WEIGHT * weight
            for slot in sign_slots[value]:
                scores[slot] = score
        sign_score = scores
    subscale_score: Sequence[float] = index.zero_subscales
    if weak:
        scores = list(index.zero_subscales)
        subscale_slots = index.subscale_slots
        for weight, value in sorted(zip(weak.values(), weak, strict=True)):
            score = _SUBSCALE_WEIGHT * weight
            for slot in subscale_slots[value]:
                scores[slot] += score
        subscale_score = scores
    return sign_score, subscale_score


def _build_state(  # noqa: PLR0917 - positional: one call per pick, keywords cost more
    index: _CatalogIndex,
    today: dt.date,
    seed: int,
    history: Iterable[PromptUse],
    assessment: DistanceAssessment | None,
    profiles: Iterable[DifferentiationProfile],
    goals: Iterable[Goal],
) -> _State:
    chronological, used = _read_history(history)
    sign_weights, sign_partners, factors = _read_assessment(assessment)
    weak = _read_profiles(profiles)
    practices = _read_goals(goals, today)
    recent_uses = _recent(index, chronological)
    theme_penalty, recent_depth, last_depth = _pace(index, recent_uses)

    level = None if assessment is None else assessment.level
    level_value = "" if level is None else level._value_
    level_ceiling = _LEVEL_CEILING_BY_VALUE[level_value]
    # Aron et al. (1997): go one step deeper only after the step below.
    escalation = min(recent_depth + 1, DEPTH_RANGE[1])
    # Never two depth-3 prompts in a row.
    top = DEPTH_RANGE[1] - (last_depth == DEPTH_RANGE[1])
    ceiling = min(escalation, level_ceiling, top)
    repair_ceiling = min(escalation, level_ceiling + 1, top)
    state = _State()
    state.today = today
    state.chronological = chronological
    state.used = used
    state.latest = None
    state.used_any = bool(recent_uses)
    state.recent_depth = recent_depth
    state.theme_penalty = theme_penalty
    state.ceilings = (ceiling, repair_ceiling)
    state.theme_bonus = _theme_bonus(practices, factors, level_value, theme_penalty)
    state.sign_score, state.subscale_score = _tag_scores(index, sign_weights, weak)
    # Bounds for the first pick's search: a sign slot scores the weight of one
    # named sign (float products keep their order); subscale slots are few.
    state.sign_top = _SIGN_WEIGHT * max(sign_weights.values()) if sign_weights else 0.0
    # Non-finite contribution points give NaN weights, and NaN scores do not
    # order: the bounded search then gives way to the exhaustive pass.
    state.ordered = math.isfinite(sum(sign_weights.values()))
    state.subscale_top = max(state.subscale_score)
    state.sign_weights = sign_weights
    state.sign_partners = sign_partners
    state.factors = factors
    state.weak = weak
    state.goal_practices = practices
    state.level = level
    state.seed = seed
    return state


@functools.lru_cache(maxsize=256)
def _seed_key(seed: int) -> bytes:
    return hashlib.blake2b(str(seed).encode(), digest_size=32).digest()


def _tie_break(index: _CatalogIndex, state: _State, members: list[int]) -> int:
    """The member with the smallest tie-break key (the first of equals)."""
    if len(members) == 1:
        return members[0]  # nothing to break
    # Looked up only when there is a tie to break.
    tie_keys = index.tie_keys_for(state.seed)
    seed_key = _seed_key(state.seed)

    def tie_key(position: int) -> bytes:
        # A keyed BLAKE2b is stable across processes, unlike the salted hash().
        # It depends only on the catalog, the seed and the prompt, so it is
        # computed once per prompt and seed (a new couple's pick ties widely).
        found = tie_keys.get(position)
        if found is None:
            found = tie_keys[position] = hashlib.blake2b(
                index.id_bytes[position], digest_size=8, key=seed_key
            ).digest()
        return found

    return min(members, key=tie_key)


def _choose(
    index: _CatalogIndex,
    groups: tuple[_Row, ...],
    state: _State,
    excluded: dict[int, set[int]],
    taken: set[int],
) -> tuple[int, int, float] | None:
    """The best eligible prompt as (position, tier, score), or ``None`` if none is left.

    Tier 0 is never used, tier 1 used before the cooldown, tier 2 used inside
    it. ``excluded`` maps group numbers to positions already picked.
    """
    if excluded or taken or not state.ordered:
        return _choose_again(index, groups, state, excluded, taken)
    # The first pick (all of pick_prompt) is a bounded search: themes in
    # descending order of their bonus, stopping at the first theme whose
    # bound (its bonus plus the best sign and subscale scores) is below the
    # best score found. Float addition is monotonic, so no skipped group can
    # beat or tie it. A group only asks whether it still has a never-used
    # member; the members are listed for the winning groups alone.
    bonus = state.theme_bonus
    sign_score = state.sign_score
    subscale_score = state.subscale_score
    sign_top = state.sign_top
    subscale_top = state.subscale_top
    theme_rows = state.theme_rows
    used = state.used
    best = -math.inf
    winners: list[_Group] = []
    for theme_number in sorted(_THEME_NUMBERS, key=bonus.__getitem__, reverse=True):
        theme_bonus = bonus[theme_number]
        if theme_bonus + sign_top + subscale_top < best:
            break
        for sign_slot, subscale_slot, member_ids, group in theme_rows[theme_number]:
            # The same sum, in the same order, as _choose_again and _reuse.
            score = theme_bonus + sign_score[sign_slot] + subscale_score[subscale_slot]
            if score < best:
                continue
            if member_ids <= used:
                continue  # every member was used before
            if score > best:
                best = score
                winners = [group]
            else:
                winners.append(group)
    if winners:
        ids = index.ids
        # Catalog order, as the other tiers list them.
        winners.sort(key=_GROUP_NUMBER)
        members = [
            member for group in winners for member in group.members if ids[member] not in used
        ]
        return _tie_break(index, state, members), 0, best
    # Every eligible prompt was used before (rare): rank them all for reuse.
    spent = [
        (group, bonus[theme_number] + sign_score[sign_slot] + subscale_score[subscale_slot])
        for theme_number, sign_slot, subscale_slot, _, group in groups
    ]
    return _reuse(index, state, spent, excluded, taken)


def _choose_again(
    index: _CatalogIndex,
    groups: tuple[_Row, ...],
    state: _State,
    excluded: dict[int, set[int]],
    taken: set[int],
) -> tuple[int, int, float] | None:
    """:func:`_choose` for the later picks of :func:`pick_prompts`.

    Themes already taken rank below the others, and prompts already picked
    are left out.
    """
    bonus = state.theme_bonus
    sign_score = state.sign_score
    subscale_score = state.subscale_score
    used = state.used
    ids = index.ids
    best = -math.inf
    best_members: list[int] = []
    best_score = 0.0
    spent: list[tuple[_Group, float]] = []
    for theme_number, sign_slot, subscale_slot, _, group in groups:
        rank = score = bonus[theme_number] + sign_score[sign_slot] + subscale_score[subscale_slot]
        if theme_number in taken:
            rank -= _THEME_TAKEN
        if rank < best:
            continue
        # Only groups that could win pay for finding their never-used members.
        blocked = excluded.get(group.number, ())
        members = tuple(m for m in group.members if ids[m] not in used and m not in blocked)
        if not members:
            spent.append((group, score))
            continue
        if rank > best:
            best = rank
            best_members = list(members)
            best_score = score
        else:
            best_members.extend(members)
    if best_members:
        return _tie_break(index, state, best_members), 0, best_score
    return _reuse(index, state, spent, excluded, taken)


def _reuse(
    index: _CatalogIndex,
    state: _State,
    spent: list[tuple[_Group, float]],
    excluded: dict[int, set[int]],
    taken: set[int],
) -> tuple[int, int, float] | None:
    # No never-used prompt is eligible: those past the cooldown come next.
    cutoff = state.today - dt.timedelta(days=COOLDOWN_DAYS)
    last_used = _latest(state)
    ids = index.ids
    best: tuple[bool, float] | None = None
    best_members: list[int] = []
    best_score = 0.0
    cooling: list[tuple[_Group, float]] = []
    for group, score in spent:
        blocked = excluded.get(group.number, ())
        rested = [m for m in group.members if m not in blocked and last_used[ids[m]] <= cutoff]
        if not rested:
            cooling.append((group, score))
            continue
        key = (group.theme_number in taken, -score)
        if best is None or key < best:
            best, best_members, best_score = key, rested, score
        elif key == best:
            best_members.extend(rested)
    if best_members:
        return _tie_break(index, state, best_members), 1, best_score
    return _least_recent(index, state, cooling, excluded, taken)


def _least_recent(
    index: _CatalogIndex,
    state: _State,
    cooling: list[tuple[_Group, float]],
    excluded: dict[int, set[int]],
    taken: set[int],
) -> tuple[int, int, float] | None:
    # Everything eligible is in its cooldown: offer the one used longest ago.
    last_used = _latest(state)
    best: tuple[bool, dt.date, float] | None = None
    best_members: list[int] = []
    best_score = 0.0
    for group, score in cooling:
        blocked = excluded.get(group.number, ())
        for member in group.members:
            if member in blocked:
                continue
            key = (group.theme_number in taken, last_used[index.ids[member]], -score)
            if best is None or key < best:
                best, best_members, best_score = key, [member], score
            elif key == best:
                best_members.append(member)
    if not best_members:
        return None
    return _tie_break(index, state, best_members), 2, best_score


def _reasons(
    index: _CatalogIndex, position: int, tier: int, state: _State, days_since: int | None
) -> tuple[str, ...]:
    theme_number = index.theme_numbers[position]
    reasons = _tier_reasons(tier, days_since) if tier else []
    weights = state.sign_weights
    named = None
    if weights:
        # The heaviest named sign, the first in value order on ties, so that
        # it never depends on set order (as max over the sorted values).
        for value in index.sign_values[position]:
            if value in weights and (named is None or weights[value] > weights[named]):
                named = value
        if named is not None:
            # Who noticed it: nobody named, one partner, or both.
            noticed = len(state.sign_partners[named] - _NO_PARTNER)
            reasons.append(_SIGN_SENTENCES[named][min(noticed, 2)])
    if state.factors and named is None:
        for factor in state.factors:
            if theme_number in _FACTOR_NUMBERS[factor]:
                reasons.append(_FACTOR_REASON_BY_VALUE[factor])
    _state_reasons(
        index.prompts[position], index.subscale_ranks[position], theme_number, state, reasons
    )
    if not reasons:
        reasons.append("A fresh prompt, chosen to keep your conversations varied.")
    return tuple(reasons)


def _tier_reasons(tier: int, days_since: int | None) -> list[str]:
    """The first reason of a reused prompt (tier 1 or 2)."""
    if tier == 1:
        reason = (
            f"Every suitable prompt has been used; this one was last offered {days_since} "
            "days ago, past the 180-day pause."
        )
    else:
        reason = (
            "Every suitable prompt was used in the last 180 days, so this is the one "
            "used longest ago."
        )
    return [reason]


# The reason tables by enum value (or rank): Enum.__hash__ is Python code.
_SUBSCALE_SENTENCES = tuple(
    f"It gives room to practise {_SUBSCALE_REASONS[facet]}, which a self-check pointed to."
    for facet in Subscale
)
_PRACTICE_REASON_BY_VALUE = {
    practice.value: reason for practice, reason in _PRACTICE_REASONS.items()
}
_LEVEL_REASON_BY_VALUE = {level.value: reason for level, reason in _LEVEL_REASONS.items()}
_FACTOR_REASON_BY_VALUE = {factor.value: reason for factor, reason in _FACTOR_REASONS.items()}


_NO_PARTNER = frozenset({None})
#: Per sign value, its sentence when noticed by nobody named, one partner, both.
_SIGN_SENTENCES = {
    sign.value: tuple(
        f"{who} that {reason}."
        for who in ("Your check-ins mention", "One of you mentioned", "You both mentioned")
    )
    for sign, reason in _SIGN_REASONS.items()
}


def _state_reasons(
    prompt: Prompt,
    subscale_ranks: tuple[int, ...],
    theme_number: int,
    state: _State,
    reasons: list[str],
) -> None:
    weak = state.weak
    if weak:
        # The first weak facet in Subscale order.
        for rank in subscale_ranks:
            if _FACET_VALUES[rank] in weak:
                reasons.append(_SUBSCALE_SENTENCES[rank])
                break
    for practice in state.goal_practices:
        if theme_number in _PRACTICE_NUMBERS[practice]:
            reasons.append(_PRACTICE_REASON_BY_VALUE[practice])  # noqa: PERF401 - few items
    level = state.level
    if level is not None:
        _level_reasons(prompt, theme_number, level, reasons)
    if prompt.depth > state.recent_depth > 0:
        reasons.append("It goes one step deeper than recent prompts, as closeness grows.")
    if state.used_any and state.theme_penalty[theme_number] == 0.0:
        reasons.append("Its theme has not come up recently.")


def _level_reasons(
    prompt: Prompt, theme_number: int, level: DistanceLevel, reasons: list[str]
) -> None:
    if theme_number in _LEVEL_NUMBERS[level._value_]:
        reasons.append(_LEVEL_REASON_BY_VALUE[level._value_])
    # Any level whose ceiling repair went past: distant and detached couples
    # at depth 2, drifting ones at depth 3.
    if prompt.theme is Theme.REPAIR and prompt.depth > _LEVEL_CEILING_BY_VALUE[level._value_]:
        reasons.append("Repair may go a step deeper than other prompts, since it comes first.")


def _make_pick(
    index: _CatalogIndex, state: _State, position: int, tier: int, score: float
) -> Pick:
    prompt = index.prompts[position]
    # Only a reused prompt (tier 1 or 2) has a last use.
    days_since = None if tier == 0 else (state.today - _latest(state)[prompt.id]).days
    # Scores are sums of floats; + 0.0 turns a -0.0 into 0.0.
    score = round(score, 6) + 0.0
    reasons = _reasons(index, position, tier, state, days_since)
    if not math.isfinite(score):
        # Only non-finite contribution points lead here: the validating
        # constructor refuses the score, as it always has.
        return Pick(prompt=prompt, score=score, reasons=reasons)
    # Every field is valid by construction (a catalog prompt, a finite score,
    # non-blank reasons), so the slots are filled directly: the same object as
    # the validating ``__init__`` builds, for a fraction of its cost.
    pick = _new(Pick)
    set_prompt, set_score, set_reasons = _PICK_SLOTS
    set_prompt(pick, prompt)
    set_score(pick, score)
    set_reasons(pick, reasons)
    return pick


def _prepare(  # noqa: PLR0917 - positional: one call per pick, keywords cost more
    catalog: PromptCatalog,
    today: dt.date,
    history: Iterable[PromptUse],
    assessment: DistanceAssessment | None,
    profiles: Iterable[DifferentiationProfile],
    goals: Iterable[Goal],
    audience: Audience,
    seed: int,
) -> tuple[_CatalogIndex, tuple[_Row, ...], _State]:
    # The arguments' own types were checked by the caller; the iterables are
    # read (and their items checked) while the state is built.
    # The catalog caches its own index (built by _CatalogIndex on first use).
    index = cast("_CatalogIndex", catalog._index)  # noqa: SLF001
    groups = index.groups[audience]
    if not groups:
        raise ValidationError(
            f"has no prompt for the {audience.value} audience", path=("catalog",)
        )
    state = _build_state(index, today, seed, history, assessment, profiles, goals)
    rows, state.theme_rows = index.eligible(audience, *state.ceilings)
    return index, rows, state


def _nothing_light_enough(audience: Audience) -> ValidationError:
    return ValidationError(
        f"has no {audience.value} prompt light enough for this couple's state "
        "(add depth-1 prompts)",
        path=("catalog",),
    )


def pick_one(  # noqa: PLR0917 - positional: one call per pick, keywords cost more
    catalog: PromptCatalog,
    today: dt.date,
    history: Iterable[PromptUse],
    assessment: DistanceAssessment | None,
    profiles: Iterable[DifferentiationProfile],
    goals: Iterable[Goal],
    audience: Audience,
    seed: int,
) -> Pick:
    """The best prompt for the couple (the rules of :func:`attunement.pick_prompt`)."""
    index, groups, state = _prepare(
        catalog, today, history, assessment, profiles, goals, audience, seed
    )
    chosen = _choose(index, groups, state, {}, set())
    if chosen is None:
        raise _nothing_light_enough(audience)
    return _make_pick(index, state, *chosen)


def pick_many(  # noqa: PLR0917 - positional: one call per pick, keywords cost more
    catalog: PromptCatalog,
    k: int,
    today: dt.date,
    history: Iterable[PromptUse],
    assessment: DistanceAssessment | None,
    profiles: Iterable[DifferentiationProfile],
    goals: Iterable[Goal],
    audience: Audience,
    seed: int,
) -> tuple[Pick, ...]:
    """Up to ``k`` picks of distinct themes where possible (:func:`attunement.pick_prompts`)."""
    index, groups, state = _prepare(
        catalog, today, history, assessment, profiles, goals, audience, seed
    )
    picks: list[Pick] = []
    excluded: dict[int, set[int]] = {}
    taken: set[int] = set()
    for _ in range(k):
        chosen = _choose(index, groups, state, excluded, taken)
        if chosen is None:
            break
        position = chosen[0]
        group = index.group_of[position]
        excluded.setdefault(group.number, set()).add(position)
        taken.add(group.theme_number)
        picks.append(_make_pick(index, state, *chosen))
    if not picks:
        raise _nothing_light_enough(audience)
    return tuple(picks)
