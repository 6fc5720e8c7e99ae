"""Hypothesis strategies for every attunement model.

Apps that embed attunement can property-test their own code with the same
generators the library's test suite uses::

    from hypothesis import given
    from attunement import strategies as ats

    @given(ats.checkins())
    def test_my_storage_round_trips(checkin): ...

This module needs Hypothesis (``pip install "attunement[test]"``); importing
``attunement`` alone never imports it.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from ._checkins import CLOSENESS_RANGE, FELT_HEARD_RANGE, STRESS_RANGE, CheckIn, Visibility
from ._differentiation import (
    DifferentiationProfile,
    Instrument,
    Item,
    SelfRating,
    Subscale,
    SubscaleNorm,
)
from ._distance import DistanceAssessment, assess_distance
from ._fields import MAX_ID_LENGTH
from ._goals import MAX_TIMES, Cadence, Goal, Period, Practice
from ._people import Couple, Partner
from ._prompts import (
    DEPTH_RANGE,
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
)
from ._reflections import ReflectionScore, score_reflection
from ._safety import SafetyConcern
from ._signs import LifeEvent, Sign

__all__ = [
    "cadences",
    "catalog_problems",
    "checkins",
    "couple_checkins",
    "couples",
    "dates",
    "differentiation_profiles",
    "distance_assessments",
    "goals",
    "ids",
    "instruments",
    "items",
    "life_events",
    "names",
    "partners",
    "picks",
    "prompt_catalogs",
    "prompt_uses",
    "prompts",
    "referral_resources",
    "referrals",
    "reflection_scores",
    "reflection_texts",
    "self_ratings",
    "signs",
    "subscale_norms",
    "texts",
    "visibilities",
]

# Whitespace lives in the Z* and Cc categories; surrogates (Cs) cannot be stored.
_ID_CHARS = st.characters(exclude_categories=["Cs", "Zs", "Zl", "Zp", "Cc"])
_TEXT_CHARS = st.characters(exclude_categories=["Cs"])


def ids() -> st.SearchStrategy[str]:
    """Valid identifiers: 1-64 characters of any script, no whitespace.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.ids(), lambda s: len(s) == 3)
        '000'
    """
    return st.text(_ID_CHARS, min_size=1, max_size=MAX_ID_LENGTH)


def names() -> st.SearchStrategy[str]:
    """Valid display names: any text that is not blank.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.names(), lambda name: True).strip() != ""
        True
    """
    return st.text(_TEXT_CHARS, min_size=1, max_size=40).filter(str.strip)


def texts(max_size: int = 300) -> st.SearchStrategy[str]:
    """Free text of any script, as users write it (no lone surrogates).

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.texts(), lambda text: len(text) > 5)
        '000000'
    """
    return st.text(_TEXT_CHARS, max_size=max_size)


def dates(
    min_value: dt.date = dt.date(2000, 1, 1), max_value: dt.date = dt.date(2100, 12, 31)
) -> st.SearchStrategy[dt.date]:
    """Calendar dates (never datetimes) in a plausible range.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.dates(), lambda day: day.year == 2026)
        datetime.date(2026, 1, 1)
    """
    return st.dates(min_value=min_value, max_value=max_value)


def signs() -> st.SearchStrategy[frozenset[Sign]]:
    """Any set of distance signs, including none.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> len(find(ats.signs(), lambda signs: len(signs) == 2))
        2
    """
    return st.frozensets(st.sampled_from(Sign))


def life_events() -> st.SearchStrategy[frozenset[LifeEvent]]:
    """Any set of life events, including none.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.life_events(), lambda events: True)
        frozenset()
    """
    return st.frozensets(st.sampled_from(LifeEvent))


def visibilities() -> st.SearchStrategy[Visibility]:
    """Any visibility.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> import attunement as at
        >>> find(ats.visibilities(), lambda v: v is not at.Visibility.PRIVATE)
        <Visibility.AFTER_BOTH: 'after_both'>
    """
    return st.sampled_from(Visibility)


def partners(partner_id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Partner]:
    """Partners with valid ids and names.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.partners(), lambda p: True)
        Partner(id='0', name='0')
    """
    return st.builds(Partner, id=ids() if partner_id is None else partner_id, name=names())


def couples() -> st.SearchStrategy[Couple]:
    """Couples of two partners with distinct ids.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.couples(), lambda c: True).partner_ids
        ('0', '1')
    """
    two_ids = st.lists(ids(), min_size=2, max_size=2, unique=True)
    return two_ids.flatmap(
        lambda pair: st.builds(
            Couple,
            id=ids(),
            partners=st.tuples(partners(st.just(pair[0])), partners(st.just(pair[1]))),
            together_since=st.none() | dates(),
        )
    )


def checkins(
    partner_id: st.SearchStrategy[str] | None = None,
    on: st.SearchStrategy[dt.date] | None = None,
) -> st.SearchStrategy[CheckIn]:
    """Valid check-ins; pass strategies to fix whose they are or when.

    Example:
        >>> from hypothesis import find, strategies as st
        >>> from attunement import strategies as ats
        >>> found = find(ats.checkins(partner_id=st.just("alex")), lambda c: c.closeness == 7)
        >>> found.partner_id, found.closeness
        ('alex', 7)
    """
    return st.builds(
        CheckIn,
        partner_id=ids() if partner_id is None else partner_id,
        on=dates() if on is None else on,
        closeness=st.integers(*CLOSENESS_RANGE),
        felt_heard=st.integers(*FELT_HEARD_RANGE),
        stress=st.integers(*STRESS_RANGE),
        signs=signs(),
        reflection=st.none() | texts(),
        appreciation=st.none() | texts(),
        visibility=visibilities(),
        events=life_events(),
    )


def couple_checkins(
    partner_ids: tuple[str, str] = ("alex", "sam"),
    start: dt.date = dt.date(2026, 1, 5),
    max_weeks: int = 16,
) -> st.SearchStrategy[list[CheckIn]]:
    """A couple's check-ins over up to ``max_weeks`` weeks from ``start``.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> week = find(ats.couple_checkins(), lambda cs: len({c.partner_id for c in cs}) == 2)
        >>> sorted(c.partner_id for c in week)
        ['alex', 'sam']
    """
    end = start + dt.timedelta(weeks=max_weeks) - dt.timedelta(days=1)
    return st.lists(
        checkins(partner_id=st.sampled_from(partner_ids), on=dates(start, end)),
        max_size=2 * max_weeks,
    )


def items(subscale: st.SearchStrategy[Subscale] | None = None) -> st.SearchStrategy[Item]:
    """Valid instrument items, direct or reverse-keyed.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.items(), lambda item: item.reverse).reverse
        True
    """
    return st.builds(
        Item,
        id=ids(),
        text=names(),
        subscale=st.sampled_from(Subscale) if subscale is None else subscale,
        reverse=st.booleans(),
    )


def subscale_norms(
    subscale: st.SearchStrategy[Subscale] | None = None,
) -> st.SearchStrategy[SubscaleNorm]:
    """Valid norms: a positive SD and a reliability strictly between 0 and 1.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> norm = find(ats.subscale_norms(), lambda norm: norm.sd > 1)
        >>> norm.sd > 1 and 0 < norm.reliability < 1
        True
    """
    return st.builds(
        SubscaleNorm,
        subscale=st.sampled_from(Subscale) if subscale is None else subscale,
        sd=st.floats(min_value=0.01, max_value=10.0),
        reliability=st.floats(min_value=0.01, max_value=0.99),
    )


@st.composite
def _instruments(draw: st.DrawFn, max_items_per_subscale: int) -> Instrument:
    covered = draw(st.lists(st.sampled_from(Subscale), min_size=1, max_size=4, unique=True))
    sizes = [draw(st.integers(2, max_items_per_subscale)) for _ in covered]
    item_ids = draw(st.lists(ids(), min_size=sum(sizes), max_size=sum(sizes), unique=True))
    facets = [facet for facet, size in zip(covered, sizes, strict=True) for _ in range(size)]
    built = tuple(
        Item(id=item_id, text=draw(names()), subscale=facet, reverse=draw(st.booleans()))
        for item_id, facet in zip(item_ids, facets, strict=True)
    )
    shuffled = tuple(draw(st.permutations(built)))
    low = draw(st.integers(-5, 5))
    normed = draw(st.lists(st.sampled_from(covered), unique=True))
    return Instrument(
        id=draw(ids()),
        name=draw(names()),
        items=shuffled,
        low=low,
        high=low + draw(st.integers(1, 9)),
        min_answered=draw(st.floats(min_value=0.0, max_value=1.0, exclude_min=True)),
        norms=tuple(draw(subscale_norms(st.just(facet))) for facet in normed),
    )


def instruments(max_items_per_subscale: int = 6) -> st.SearchStrategy[Instrument]:
    """Valid instruments covering one to four subscales, each with 2+ items.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> instrument = find(ats.instruments(), lambda i: len(i.subscales) == 4)
        >>> len(instrument.items) >= 8 and instrument.low < instrument.high
        True
    """
    return _instruments(max_items_per_subscale)


@st.composite
def _self_ratings(draw: st.DrawFn, instrument: Instrument | None, *, complete: bool) -> SelfRating:
    chosen = draw(instruments()) if instrument is None else instrument
    answered = [item for item in chosen.items if complete or draw(st.booleans())]
    answers = {item.id: draw(st.integers(chosen.low, chosen.high)) for item in answered}
    return SelfRating(
        partner_id=draw(ids()), on=draw(dates()), instrument_id=chosen.id, answers=answers
    )


def self_ratings(
    instrument: Instrument | None = None, *, complete: bool = False
) -> st.SearchStrategy[SelfRating]:
    """Ratings valid for ``instrument`` (any drawn instrument when ``None``).

    Any subset of items is answered, each within the instrument's range;
    ``complete=True`` answers every item.

    Example:
        >>> import attunement as at
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> rating = find(ats.self_ratings(at.SELF_CHECK, complete=True), lambda r: True)
        >>> len(rating.answers) == len(at.SELF_CHECK.items)
        True
    """
    return _self_ratings(instrument, complete=complete)


def differentiation_profiles() -> st.SearchStrategy[DifferentiationProfile]:
    """Valid profiles (as stored or sent; not necessarily from a real scoring).

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> profile = find(ats.differentiation_profiles(), lambda p: p.weakest is not None)
        >>> profile.subscales[profile.weakest] is not None
        True
    """
    score = st.none() | st.floats(min_value=-1e6, max_value=1e6)
    return st.builds(
        DifferentiationProfile,
        instrument_id=ids(),
        subscales=st.dictionaries(st.sampled_from(Subscale), score),
        overall=score,
        answered=st.integers(0, 1000),
        partner_id=st.none() | ids(),
        on=st.none() | dates(),
    )


def prompts(prompt_id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Prompt]:
    """Valid prompts of any theme, depth, audience and tags.

    Example:
        >>> from hypothesis import given, settings
        >>> from attunement import strategies as ats
        >>> @settings(max_examples=10)
        ... @given(ats.prompts())
        ... def check(prompt):
        ...     assert 1 <= prompt.depth <= 3
        >>> check()
    """
    return st.builds(
        Prompt,
        id=ids() if prompt_id is None else prompt_id,
        text=names(),
        theme=st.sampled_from(Theme),
        depth=st.integers(*DEPTH_RANGE),
        audience=st.sampled_from(Audience),
        addresses=signs(),
        subscales=st.frozensets(st.sampled_from(Subscale)),
    )


@st.composite
def _prompt_catalogs(draw: st.DrawFn, min_size: int, max_size: int) -> PromptCatalog:
    prompt_ids = draw(st.lists(ids(), min_size=min_size, max_size=max_size, unique=True))
    return PromptCatalog(
        prompts=tuple(draw(prompts(st.just(prompt_id))) for prompt_id in prompt_ids)
    )


def prompt_catalogs(min_size: int = 1, max_size: int = 20) -> st.SearchStrategy[PromptCatalog]:
    """Valid catalogs: ``min_size`` to ``max_size`` prompts with unique ids.

    Example:
        >>> from hypothesis import given, settings
        >>> from attunement import strategies as ats
        >>> @settings(max_examples=10)
        ... @given(ats.prompt_catalogs(max_size=3))
        ... def check(catalog):
        ...     assert 1 <= len(catalog.prompts) <= 3
        >>> check()
    """
    return _prompt_catalogs(min_size, max_size)


def prompt_uses(
    prompt_id: st.SearchStrategy[str] | None = None,
    on: st.SearchStrategy[dt.date] | None = None,
) -> st.SearchStrategy[PromptUse]:
    """Valid prompt uses; pass strategies to fix which prompt or when.

    Example:
        >>> from hypothesis import given, settings
        >>> from attunement import strategies as ats
        >>> @settings(max_examples=10)
        ... @given(ats.prompt_uses())
        ... def check(use):
        ...     assert use.prompt_id
        >>> check()
    """
    return st.builds(
        PromptUse,
        prompt_id=ids() if prompt_id is None else prompt_id,
        on=dates() if on is None else on,
    )


def picks(prompt: st.SearchStrategy[Prompt] | None = None) -> st.SearchStrategy[Pick]:
    """Valid picks (as stored or sent; not necessarily what the picker would choose).

    Any finite score and one to four non-blank reasons; pass a strategy to fix
    the prompt.

    Example:
        >>> import math
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> found = find(ats.picks(), lambda pick: len(pick.reasons) == 2)
        >>> math.isfinite(found.score), all(reason.strip() for reason in found.reasons)
        (True, True)
    """
    return st.builds(
        Pick,
        prompt=prompts() if prompt is None else prompt,
        score=st.floats(allow_nan=False, allow_infinity=False),
        reasons=st.lists(names(), min_size=1, max_size=4).map(tuple),
    )


def _concern_sets() -> st.SearchStrategy[frozenset[SafetyConcern]]:
    return st.frozensets(st.sampled_from(SafetyConcern), min_size=1)


def referral_resources() -> st.SearchStrategy[ReferralResource]:
    """Valid referral resources: any kind, for one or more safety concerns.

    Example:
        >>> import attunement as at
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> found = find(ats.referral_resources(), lambda r: len(r.concerns) == 2)
        >>> found.concerns == frozenset(at.SafetyConcern)
        True
    """
    return st.builds(
        ReferralResource,
        locale=ids(),
        kind=st.sampled_from(ResourceKind),
        name=names(),
        description=names(),
        contact=names(),
        concerns=_concern_sets(),
    )


def referrals(max_resources: int = 3) -> st.SearchStrategy[Referral]:
    """Valid referrals: one or more concerns, a message, up to ``max_resources`` resources.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> found = find(ats.referrals(), lambda referral: len(referral.resources) == 2)
        >>> len(found.resources), len(found.concerns) >= 1
        (2, True)
    """
    return st.builds(
        Referral,
        concerns=_concern_sets(),
        message=names(),
        resources=st.lists(referral_resources(), max_size=max_resources).map(tuple),
    )


def catalog_problems() -> st.SearchStrategy[CatalogProblem]:
    """Valid catalog problems: any kind, naming up to three prompt ids.

    Example:
        >>> import attunement as at
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> found = find(ats.catalog_problems(),
        ...     lambda problem: problem.kind is at.ProblemKind.NEAR_DUPLICATE)
        >>> found.kind.value
        'near_duplicate'
    """
    return st.builds(
        CatalogProblem,
        kind=st.sampled_from(ProblemKind),
        prompt_ids=st.lists(ids(), max_size=3).map(tuple),
        message=names(),
    )


def cadences() -> st.SearchStrategy[Cadence]:
    """Valid cadences: 1-100 times per day, week or month.

    Example:
        >>> import attunement as at
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.cadences(), lambda cadence: cadence.per is at.Period.MONTH).times
        1
    """
    return st.builds(Cadence, times=st.integers(1, MAX_TIMES), per=st.sampled_from(Period))


@st.composite
def _goals(draw: st.DrawFn) -> Goal:
    starts = draw(dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)))
    length = draw(st.none() | st.integers(0, 400))
    return Goal(
        id=draw(ids()),
        title=draw(names()),
        practice=draw(st.sampled_from(Practice)),
        cadence=draw(cadences()),
        starts=starts,
        ends=None if length is None else starts + dt.timedelta(days=length),
        addresses=draw(signs()),
    )


def goals() -> st.SearchStrategy[Goal]:
    """Valid goals: open-ended or ending on or after their start.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> goal = find(ats.goals(), lambda goal: goal.ends is not None)
        >>> goal.ends >= goal.starts
        True
    """
    return _goals()


def distance_assessments(max_weeks: int = 16) -> st.SearchStrategy[DistanceAssessment]:
    """Assessments of generated couples' check-ins (built by ``assess_distance``).

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.distance_assessments(), lambda result: result.score > 50).score <= 100
        True
    """
    start = dt.date(2026, 1, 5)
    return st.builds(
        assess_distance,
        couple_checkins(start=start, max_weeks=max_weeks),
        as_of=dates(start, start + dt.timedelta(weeks=max_weeks + 2)),
        window_weeks=st.integers(1, max_weeks),
    )


# Fragments that exercise every reflection rule: feelings, accusations,
# negation, absolutes, questions, thanks, idioms and safety cues, joined with
# arbitrary Unicode so the scorer meets both the words it knows and noise.
_REFLECTION_FRAGMENTS = (
    "I feel",
    "lonely",
    "you never",
    "you always",
    "don't",
    "not",
    "we",
    "us",
    "thank you",
    "I appreciate",
    "that makes sense",
    "it's not my fault",
    "whatever",
    "how was your day",
    "?",
    "!",
    ".",
    ",",
    "but",
    "really",
    "very",
    "no",
    "I'm sorry",
    "selfish",
    "want to die",
    "hit me",
    "killed it",
    "dying to",
    "I\u2019m",
    "\U0001f602",
    "\n",
    " ",
)


def reflection_texts(max_fragments: int = 30) -> st.SearchStrategy[str]:
    """Reflection-like text: known phrases, punctuation and arbitrary Unicode.

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> "never" in find(ats.reflection_texts(), lambda text: "never" in text)
        True
    """
    fragment = st.sampled_from(_REFLECTION_FRAGMENTS) | texts(max_size=12)
    return st.lists(fragment, max_size=max_fragments).map(" ".join)


def reflection_scores() -> st.SearchStrategy[ReflectionScore]:
    """Scores of generated reflections (built by ``score_reflection``).

    Example:
        >>> from hypothesis import find
        >>> from attunement import strategies as ats
        >>> find(ats.reflection_scores(), lambda score: score.blame > 0).blame
        1.0
    """
    return st.builds(score_reflection, reflection_texts())
