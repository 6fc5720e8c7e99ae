"""Conversation prompts: the catalog, its quality checks, and the seeded picker.

The picker is a pure function of the couple's state. Safety comes first: any
safety concern returns a :class:`Referral` to professional help instead of a
prompt. Otherwise it keeps only the prompts the couple is ready for (audience,
the 180-day cooldown, depth paced by distance and by Aron's escalation, never
two depth-3 prompts in a row), scores them for relevance, breaks ties with a
stable hash of the seed and the prompt id, and says why it chose what it chose.

This module holds the models, the packaged data, :func:`check_catalog` and the
public :func:`pick_prompt` and :func:`pick_prompts`, which check their
arguments and put safety first; the picking rules themselves live in
:mod:`attunement._picker`.
"""

# No `from __future__ import annotations`: real (not string) annotations keep
# the converter's type hints bound to this module's classes even when a test
# runner imports the module a second time.
import datetime as dt
import enum
import functools
import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TypeVar, cast

import attrs

from ._differentiation import DifferentiationProfile, Subscale
from ._distance import DistanceAssessment
from ._errors import ValidationError
from ._fields import (
    Validator,
    check_date,
    check_id,
    check_name,
    frozenset_of,
    int_between,
    member_of,
)
from ._goals import Goal
from ._lazy import load_once
from ._safety import SafetyConcern
from ._signs import Sign

#: A prompt is not offered again within this many days while an unused one is eligible.
COOLDOWN_DAYS = 180
#: How many of the latest distinct prompts count as "recent" (escalation, variety).
RECENT_USES = 8
#: The depth range of a prompt: 1 (light) to 3 (deep).
DEPTH_RANGE = (1, 3)
#: The data formats this library reads for packaged prompts and resources.
DATA_VERSION = 1


class Theme(enum.Enum):
    """What a prompt is about.

    Example:
        >>> import attunement as at
        >>> at.Theme("check_in")
        <Theme.CHECK_IN: 'check_in'>
    """

    CHECK_IN = "check_in"
    CURIOSITY = "curiosity"
    APPRECIATION = "appreciation"
    MEMORIES = "memories"
    DREAMS = "dreams"
    FEELINGS = "feelings"
    NEEDS = "needs"
    REPAIR = "repair"
    STRESS = "stress"
    PLAY = "play"
    INTIMACY = "intimacy"
    SELF = "self"


class Audience(enum.Enum):
    """Who answers a prompt: the two partners together, or one partner alone.

    Example:
        >>> import attunement as at
        >>> at.Audience("solo")
        <Audience.SOLO: 'solo'>
    """

    TOGETHER = "together"
    SOLO = "solo"


class ResourceKind(enum.Enum):
    """The kind of help a referral resource offers.

    Example:
        >>> import attunement as at
        >>> at.ResourceKind("crisis_line")
        <ResourceKind.CRISIS_LINE: 'crisis_line'>
    """

    #: Emergency services, for immediate danger.
    EMERGENCY = "emergency"
    #: A crisis or suicide-prevention line.
    CRISIS_LINE = "crisis_line"
    #: Specialist domestic-violence support.
    DOMESTIC_VIOLENCE = "domestic_violence"
    #: A licensed therapist, individual or couples.
    THERAPIST = "therapist"


class ProblemKind(enum.Enum):
    """What :func:`check_catalog` found wrong with a catalog.

    Example:
        >>> import attunement as at
        >>> at.ProblemKind("near_duplicate")
        <ProblemKind.NEAR_DUPLICATE: 'near_duplicate'>
    """

    #: Two prompts with the same text once case, accents and punctuation are ignored.
    DUPLICATE = "duplicate"
    #: Two prompts whose content words overlap almost entirely.
    NEAR_DUPLICATE = "near_duplicate"
    #: A prompt that reads like a worksheet, with an opener such as "Describe...", a
    #: homework instruction such as "write it down", or a rating scale ("from 1 to 10").
    BANNED_OPENER = "banned_opener"
    #: A prompt containing "you always" or "you never".
    ABSOLUTE_BLAME = "absolute_blame"
    #: A prompt that assumes a gender ("husband", "girlfriend"...).
    GENDERED = "gendered"
    #: A prompt longer than the length limit.
    TOO_LONG = "too_long"
    #: Too few prompts for a theme, depth, sign, subscale or audience.
    COVERAGE = "coverage"


def _check_prompts(_instance: object, _attribute: object, value: object) -> None:
    if type(value) is not tuple:
        raise ValidationError("must be a tuple of Prompt", path=("prompts",))
    if not value:
        raise ValidationError("must hold at least one prompt", path=("prompts",))
    seen: dict[str, int] = {}
    for position, prompt in enumerate(value):
        if type(prompt) is not Prompt:
            raise ValidationError("must be a Prompt", path=("prompts", position))
        first = seen.setdefault(prompt.id, position)
        if first != position:
            # Say where, never the id itself: ids may be chosen by the app's users.
            raise ValidationError(
                f"repeats the id of prompts[{first}]", path=("prompts", position, "id")
            )


@attrs.frozen(kw_only=True)
class Prompt:
    """A conversation question with the tags the picker reads.

    Args:
        id: A stable identifier, 1-64 characters without whitespace.
        text: The question as shown to the couple.
        theme: What it is about.
        depth: 1 (light), 2 (personal) or 3 (deep).
        audience: ``TOGETHER`` for both partners, ``SOLO`` for one alone.
        addresses: The distance signs this prompt speaks to.
        subscales: The differentiation facets it gives room to practise.

    Example:
        >>> import attunement as at
        >>> prompt = at.Prompt(id="p1", text="What made you smile this week?",
        ...     theme=at.Theme.APPRECIATION, depth=1,
        ...     addresses=frozenset({at.Sign.LESS_WARMTH}))
        >>> prompt.audience
        <Audience.TOGETHER: 'together'>
    """

    id: str = attrs.field(validator=check_id)
    text: str = attrs.field(validator=check_name)
    theme: Theme = attrs.field(validator=member_of(Theme))
    depth: int = attrs.field(validator=int_between(*DEPTH_RANGE))
    audience: Audience = attrs.field(default=Audience.TOGETHER, validator=member_of(Audience))
    addresses: frozenset[Sign] = attrs.field(default=frozenset(), validator=frozenset_of(Sign))
    subscales: frozenset[Subscale] = attrs.field(
        default=frozenset(), validator=frozenset_of(Subscale)
    )


@attrs.frozen(kw_only=True)
class PromptCatalog:
    """A validated set of prompts: at least one, each id unique.

    Tags are enums, so unknown themes, signs or subscales are refused when a
    catalog is loaded with :func:`attunement.structure`. The picker's indexes
    are built once per catalog, on first use, and never serialised.

    Example:
        >>> import attunement as at
        >>> catalog = at.structure({"prompts": [{"id": "p1",
        ...     "text": "What made you laugh today?", "theme": "play", "depth": 1,
        ...     "audience": "together", "addresses": [], "subscales": []}]},
        ...     at.PromptCatalog)
        >>> len(catalog.prompts)
        1
    """

    prompts: tuple[Prompt, ...] = attrs.field(validator=_check_prompts)

    # Typed `object`: the converter resolves this annotation at run time, and
    # this module imports the picker (which imports the models) only on first use.
    @functools.cached_property
    def _index(self) -> object:
        from ._picker import _CatalogIndex  # noqa: PLC0415 - the picker imports these models

        return _CatalogIndex(self.prompts)


@attrs.frozen(kw_only=True)
class PromptUse:
    """A prompt that was offered to the couple on a date.

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> at.PromptUse(prompt_id="p1", on=date(2026, 11, 22))
        PromptUse(prompt_id='p1', on=datetime.date(2026, 11, 22))
    """

    prompt_id: str = attrs.field(validator=check_id)
    on: dt.date = attrs.field(validator=check_date)


def _check_score(_instance: object, _attribute: object, value: object) -> None:
    if type(value) is not float or not math.isfinite(value):
        raise ValidationError("must be a finite number", path=("score",))


def _check_reasons(_instance: object, _attribute: object, value: object) -> None:
    if type(value) is not tuple or not value:
        raise ValidationError("must be a non-empty tuple of sentences", path=("reasons",))
    for position, reason in enumerate(value):
        if type(reason) is not str or not reason.strip():
            raise ValidationError("must be a non-blank string", path=("reasons", position))


def _check_prompt(_instance: object, _attribute: object, value: object) -> None:
    if type(value) is not Prompt:
        raise ValidationError("must be a Prompt", path=("prompt",))


# Typed as validators so the attrs plugin keeps the field types.
_PROMPT_CHECK: Validator = _check_prompt
_SCORE_CHECK: Validator = _check_score


@attrs.frozen(kw_only=True)
class Pick:
    """A chosen prompt, its relevance score and why it was chosen.

    Args:
        prompt: The prompt.
        score: Its relevance (higher = more relevant), rounded to six
            decimal places; comparable between picks from the same call only.
        reasons: Short sentences an app can show; they never quote user text.

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> pick = at.pick_prompt(at.default_catalog(), today=date(2026, 11, 22))
        >>> pick.prompt.depth, len(pick.reasons) >= 1
        (1, True)
    """

    prompt: Prompt = attrs.field(validator=_PROMPT_CHECK)
    score: float = attrs.field(validator=_SCORE_CHECK)
    reasons: tuple[str, ...] = attrs.field(validator=_check_reasons)


_check_concern_members = frozenset_of(SafetyConcern)


def _check_concerns(instance: object, attribute: object, value: object) -> None:
    _check_concern_members(instance, attribute, value)
    if not value:
        raise ValidationError("must name at least one concern", path=("concerns",))


@attrs.frozen(kw_only=True)
class ReferralResource:
    """One kind of professional help, as locale-tagged data.

    The packaged resources describe kinds of help without phone numbers; apps
    should supply verified local resources of their own.

    Args:
        locale: A BCP 47 language tag such as ``"en"`` or ``"en-GB"``.
        kind: The kind of help.
        name: A short name to show.
        description: One or two sentences on what the help offers.
        contact: How to reach it.
        concerns: The safety concerns this resource helps with.

    Example:
        >>> import attunement as at
        >>> resource = at.ReferralResource(locale="en-GB",
        ...     kind=at.ResourceKind.CRISIS_LINE, name="Our partner helpline",
        ...     description="Trained listeners, any time of day.",
        ...     contact="Tap Call in the app.",
        ...     concerns=frozenset({at.SafetyConcern.SELF_HARM}))
        >>> resource.kind.value
        'crisis_line'
    """

    locale: str = attrs.field(validator=check_id)
    kind: ResourceKind = attrs.field(validator=member_of(ResourceKind))
    name: str = attrs.field(validator=check_name)
    description: str = attrs.field(validator=check_name)
    contact: str = attrs.field(validator=check_name)
    concerns: frozenset[SafetyConcern] = attrs.field(validator=_check_concerns)


def _check_resources(_instance: object, _attribute: object, value: object) -> None:
    if type(value) is not tuple:
        raise ValidationError("must be a tuple of ReferralResource", path=("resources",))
    for position, resource in enumerate(value):
        if type(resource) is not ReferralResource:
            raise ValidationError("must be a ReferralResource", path=("resources", position))


@attrs.frozen(kw_only=True)
class Referral:
    """Returned instead of a prompt when someone's safety is in question.

    Args:
        concerns: The safety concerns that led here (at least one).
        message: A short, caring message that points to help; never diagnostic.
        resources: The kinds of help that fit the concerns.

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> result = at.pick_prompt(at.default_catalog(), today=date(2026, 11, 22),
        ...     concerns=frozenset({at.SafetyConcern.PARTNER_VIOLENCE}))
        >>> isinstance(result, at.Referral)
        True
        >>> sorted({resource.kind.value for resource in result.resources})
        ['domestic_violence', 'emergency', 'therapist']
    """

    concerns: frozenset[SafetyConcern] = attrs.field(validator=_check_concerns)
    message: str = attrs.field(validator=check_name)
    resources: tuple[ReferralResource, ...] = attrs.field(validator=_check_resources)


def _check_prompt_ids(_instance: object, _attribute: object, value: object) -> None:
    if type(value) is not tuple or any(type(item) is not str for item in value):
        raise ValidationError("must be a tuple of strings", path=("prompt_ids",))


@attrs.frozen(kw_only=True)
class CatalogProblem:
    """One problem :func:`check_catalog` found.

    Args:
        kind: What is wrong.
        prompt_ids: The prompts involved (empty for coverage problems).
        message: A sentence for the catalog's author.

    Example:
        >>> import attunement as at
        >>> problem = at.CatalogProblem(kind=at.ProblemKind.TOO_LONG,
        ...     prompt_ids=("p1",), message="Longer than 200 characters.")
        >>> problem.kind.value
        'too_long'
    """

    kind: ProblemKind = attrs.field(validator=member_of(ProblemKind))
    prompt_ids: tuple[str, ...] = attrs.field(validator=_check_prompt_ids)
    message: str = attrs.field(validator=check_name)


# ------------------------------------------------------------------ package data


@attrs.frozen(kw_only=True)
class _PromptFile:
    version: int
    prompts: tuple[Prompt, ...]


@attrs.frozen(kw_only=True)
class _ResourceFile:
    version: int
    resources: tuple[ReferralResource, ...]


def _read_package_data(name: str) -> object:
    # Only the serialization module knows JSON; it also keeps the structure strict.
    from ._serialization import read_package_json  # noqa: PLC0415 - the converter imports models

    return read_package_json(name)


def _check_version(document: object) -> object:
    # Checked before the shape, since a newer format may have another shape.
    version = document.get("version") if isinstance(document, dict) else None
    if type(version) is int and version > DATA_VERSION:
        raise ValidationError(
            f"is {version}, newer than this library understands ({DATA_VERSION})",
            path=("version",),
        )
    return document


@load_once
def default_catalog() -> PromptCatalog:
    """The catalog of prompts written for this library, loaded once on first use.

    Every theme, depth, sign, subscale and audience is covered (see
    :func:`check_catalog`); the texts are original to this project.

    Example:
        >>> import attunement as at
        >>> catalog = at.default_catalog()
        >>> len(catalog.prompts) >= 300, at.check_catalog(catalog)
        (True, ())
    """
    from ._serialization import structure  # noqa: PLC0415 - the converter imports models

    data = structure(_check_version(_read_package_data("prompts.json")), _PromptFile)
    return PromptCatalog(prompts=data.prompts)


@load_once
def default_referral_resources() -> tuple[ReferralResource, ...]:
    """The packaged referral resources: kinds of help, without phone numbers.

    They are generic on purpose. Apps should pass verified local resources
    to :func:`pick_prompt` (``resources=``) for each market they serve.

    Example:
        >>> import attunement as at
        >>> kinds = {resource.kind for resource in at.default_referral_resources()}
        >>> at.ResourceKind.CRISIS_LINE in kinds
        True
    """
    from ._serialization import structure  # noqa: PLC0415 - the converter imports models

    data = structure(_check_version(_read_package_data("referral_resources.json")), _ResourceFile)
    return data.resources


# ------------------------------------------------------------------ the public picker
# Safety first, then the plain arguments are checked here; the rules are in _picker.

_MESSAGE_OPENING = (
    "Your safety matters more than any conversation prompt, so prompts are paused for now."
)
_CONCERN_MESSAGES = {
    SafetyConcern.SELF_HARM: (
        "If you are thinking about hurting yourself or ending your life, please reach out "
        "to a crisis line or someone you trust today."
    ),
    SafetyConcern.PARTNER_VIOLENCE: (
        "If you feel afraid of your partner, or are being hurt, threatened or controlled, "
        "specialist domestic-violence services can help you plan for safety, in confidence."
    ),
}
_MESSAGE_CLOSING = "If anyone is in immediate danger, call your local emergency number now."


def _validate_common(
    catalog: object,
    today: object,
    audience: object,
    seed: object,
) -> None:
    if type(catalog) is not PromptCatalog:
        raise ValidationError("must be a PromptCatalog", path=("catalog",))
    if type(today) is not dt.date:
        raise ValidationError("must be a date", path=("today",))
    if type(audience) is not Audience:
        raise ValidationError("must be an Audience", path=("audience",))
    if type(seed) is not int:
        raise ValidationError("must be an integer", path=("seed",))


def _safety_concerns(concerns: Iterable[SafetyConcern]) -> frozenset[SafetyConcern]:
    try:
        found = frozenset(concerns)
    except TypeError:
        raise ValidationError(
            "must be a set of SafetyConcern values", path=("concerns",)
        ) from None
    for concern in found:
        if type(concern) is not SafetyConcern:
            raise ValidationError("must hold only SafetyConcern values", path=("concerns",))
    return found


_SEQUENCES = (list, tuple)
_Item = TypeVar("_Item")


def _read_items(value: Iterable[_Item], field: str, kind: str) -> Sequence[_Item]:
    """A list or tuple as it is, any other iterable read once; a named error for the rest."""
    if type(value) in _SEQUENCES:
        return cast("Sequence[_Item]", value)
    try:
        return tuple(value)
    except TypeError:
        # None, a number...: say which argument, not Python's "not iterable".
        raise ValidationError(f"must be an iterable of {kind}", path=(field,)) from None


def _referral(
    concerns: frozenset[SafetyConcern], resources: Iterable[ReferralResource] | None
) -> Referral:
    given = default_referral_resources()
    if resources is not None:
        # An empty list still gets the packaged, generic help: a referral must
        # always say where to turn.
        given = tuple(_read_items(resources, "resources", "ReferralResource")) or given
    for position, resource in enumerate(given):
        if type(resource) is not ReferralResource:
            raise ValidationError("must be a ReferralResource", path=("resources", position))
    fitting = tuple(resource for resource in given if resource.concerns & concerns)
    parts = [_MESSAGE_OPENING]
    parts.extend(_CONCERN_MESSAGES[concern] for concern in SafetyConcern if concern in concerns)
    parts.append(_MESSAGE_CLOSING)
    # An app's own list that names other concerns is still better than no help at all.
    return Referral(concerns=concerns, message=" ".join(parts), resources=fitting or given)


def pick_prompt(
    catalog: PromptCatalog,
    *,
    today: dt.date,
    history: Iterable[PromptUse] = (),
    assessment: DistanceAssessment | None = None,
    profiles: Iterable[DifferentiationProfile] = (),
    goals: Iterable[Goal] = (),
    audience: Audience = Audience.TOGETHER,
    concerns: Iterable[SafetyConcern] = frozenset(),
    seed: int = 0,
    resources: Iterable[ReferralResource] | None = None,
) -> Pick | Referral:
    """Choose tonight's prompt for a couple, or a referral if safety is in question.

    The rules, in order:

    1. Any safety concern returns a :class:`Referral`, whatever else is given.
    2. Eligible prompts match the ``audience``; are no deeper than the
       distance level allows (connected 3, drifting 2, distant and detached 1;
       repair one deeper); are at most one step deeper than the deepest of the
       recent uses; and are not depth 3 right after a depth-3 prompt.
    3. Never-used eligible prompts come first; then prompts last used at least
       180 days ago; only when every eligible prompt is inside its cooldown
       does the least recently used come back, with a reason saying so.
    4. Among those, the most relevant wins: the signs behind the assessment,
       the profiles' weakest facets, the practices of active goals, the
       distance level, minus a penalty for themes used recently.
    5. Ties go to the smallest keyed BLAKE2b hash of the prompt id, keyed by
       the seed, so the same inputs always give the same pick.

    Args:
        catalog: The prompts to choose from.
        today: The date of the pick (the library never reads the clock).
        history: Earlier uses, in any order; uses of unknown ids are ignored.
        assessment: The couple's distance assessment, if any.
        profiles: Each partner's differentiation profile, if any.
        goals: The couple's goals; only those running ``today`` count.
        audience: Together or solo.
        concerns: Safety concerns; any one returns a :class:`Referral`.
        seed: Varies the tie-breaks between equally good prompts.
        resources: The app's own referral resources (default, and when the
            list is empty: the packaged, generic ones).

    Returns:
        A :class:`Pick`, or a :class:`Referral` if there is a concern.

    Raises:
        ValidationError: If an argument has the wrong type, or the catalog has
            no prompt for the audience (or none light enough).

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> catalog = at.default_catalog()
        >>> first = at.pick_prompt(catalog, today=date(2026, 11, 22), seed=7)
        >>> again = at.pick_prompt(catalog, today=date(2026, 11, 22), seed=7)
        >>> first == again
        True
        >>> history = [at.PromptUse(prompt_id=first.prompt.id, on=date(2026, 11, 22))]
        >>> later = at.pick_prompt(catalog, today=date(2026, 11, 29), history=history)
        >>> later.prompt.id != first.prompt.id
        True
    """
    found = _safety_concerns(concerns)
    if found:
        return _referral(found, resources)
    _validate_common(catalog, today, audience, seed)
    from ._picker import pick_one  # noqa: PLC0415 - the picker imports these models

    return pick_one(catalog, today, history, assessment, profiles, goals, audience, seed)


def pick_prompts(
    catalog: PromptCatalog,
    *,
    k: int,
    today: dt.date,
    history: Iterable[PromptUse] = (),
    assessment: DistanceAssessment | None = None,
    profiles: Iterable[DifferentiationProfile] = (),
    goals: Iterable[Goal] = (),
    audience: Audience = Audience.TOGETHER,
    concerns: Iterable[SafetyConcern] = frozenset(),
    seed: int = 0,
    resources: Iterable[ReferralResource] | None = None,
) -> tuple[Pick, ...] | Referral:
    """Choose ``k`` distinct prompts to offer side by side, of distinct themes where possible.

    The rules are those of :func:`pick_prompt`; each pick is the best one left,
    preferring themes not yet chosen. The first pick equals
    :func:`pick_prompt`'s. Fewer than ``k`` picks come back only when the
    catalog has fewer eligible prompts.

    Args:
        catalog: The prompts to choose from.
        k: How many picks, at least 1.
        today: The date of the pick.
        history: Earlier uses, in any order.
        assessment: The couple's distance assessment, if any.
        profiles: Each partner's differentiation profile, if any.
        goals: The couple's goals.
        audience: Together or solo.
        concerns: Safety concerns; any one returns a :class:`Referral`.
        seed: Varies the tie-breaks.
        resources: The app's own referral resources (an empty list gets the
            packaged ones).

    Returns:
        The picks, best first, or a :class:`Referral`.

    Raises:
        ValidationError: As for :func:`pick_prompt`, or if ``k`` is not a
            positive integer.

    Example:
        >>> import attunement as at
        >>> from datetime import date
        >>> picks = at.pick_prompts(at.default_catalog(), k=3, today=date(2026, 11, 22))
        >>> len({pick.prompt.theme for pick in picks})
        3
    """
    found = _safety_concerns(concerns)
    if found:
        return _referral(found, resources)
    if type(k) is not int or k < 1:
        raise ValidationError("must be a positive integer", path=("k",))
    _validate_common(catalog, today, audience, seed)
    from ._picker import pick_many  # noqa: PLC0415 - the picker imports these models

    return pick_many(catalog, k, today, history, assessment, profiles, goals, audience, seed)


# ------------------------------------------------------------------ check_catalog

_WORD = re.compile(r"\w+")
# Worksheet openers read as homework (the second most common complaint).
BANNED_OPENERS = (
    ("describe",),
    ("reflect", "on"),
    ("reflect", "upon"),
    ("how", "satisfied"),
    ("explain",),
    ("discuss",),
    ("list",),
    ("rate",),
    ("on", "a", "scale"),
    ("evaluate",),
    ("identify",),
    ("analyse",),
    ("analyze",),
    ("elaborate",),
)
# Homework instructions, wherever they stand ("Write down...", "...? Write it down.").
_WORKSHEET_PHRASES = frozenset(
    {
        ("write", "down"),
        ("write", "it", "down"),
        ("write", "them", "down"),
        ("jot", "down"),
        ("jot", "it", "down"),
        ("fill", "in", "the", "blank"),
        ("fill", "in", "the", "blanks"),
        ("complete", "this", "sentence"),
        ("complete", "the", "sentence"),
        ("finish", "this", "sentence"),
        ("finish", "the", "sentence"),
        ("on", "a", "scale"),
    }
)
# Courtesy words that do not make a worksheet opener friendlier ("Please describe...").
_COURTESY = frozenset({"please", "kindly"})
# Contractions and plural subjects that may stand between "you" and "always"/"never".
_YOU_BRIDGES = frozenset({"re", "ve", "d", "ll", "both", "two", "all"})
_ABSOLUTES = frozenset({"always", "never"})
# A rating range is three words ("1 to 10", "0 and 5") with the usual ends of a scale,
# so "from 7 to 12" (an age) is not one.
_RANGE_WORDS = 3
_SCALE_BOTTOMS = frozenset({"0", "1"})
_SCALE_TOPS = frozenset({"5", "7", "10", "100"})
_OUT_OF_TOPS = [["of", top] for top in sorted(_SCALE_TOPS)]
_GENDERED = frozenset(
    {
        "husband",
        "husbands",
        "wife",
        "wives",
        "boyfriend",
        "boyfriends",
        "girlfriend",
        "girlfriends",
        "hubby",
        "wifey",
        "fiance",
        "fiancee",
        "he",
        "she",
        "him",
        "her",
        "his",
        "hers",
        "himself",
        "herself",
    }
)
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "one",
        "or",
        "our",
        "re",
        "s",
        "so",
        "some",
        "that",
        "the",
        "their",
        "there",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "ll",
        "ve",
        "d",
        "m",
        "t",
    ]
)


def _tokens(text: str) -> list[str]:
    # NFKD then dropping combining marks folds accents; casefold handles the rest.
    # Apostrophes of either kind split words ("you're" is "you", "re").
    folded = unicodedata.normalize("NFKD", text).casefold()
    stripped = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORD.findall(stripped)


def _worksheet_form(tokens: list[str]) -> str | None:
    """The worksheet phrase a prompt uses, if any: an opener or a homework instruction."""
    start = 1 if tokens[:1] and tokens[0] in _COURTESY else 0
    for opener in BANNED_OPENERS:
        if tuple(tokens[start : start + len(opener)]) == opener:
            return " ".join(opener)
    # One pass over short windows keeps this linear in the text's length.
    for position, word in enumerate(tokens):
        for size in (2, 3, 4):
            window = tuple(tokens[position : position + size])
            if window in _WORKSHEET_PHRASES:
                return " ".join(window)
        # A numeric rating scale: "1 to 10", "between 0 and 5", "out of 10".
        if _is_range(tokens[position : position + _RANGE_WORDS]) or (
            word == "out" and tokens[position + 1 : position + 3] in _OUT_OF_TOPS
        ):
            return "rating scale"
    return None


def _is_range(window: list[str]) -> bool:
    if len(window) != _RANGE_WORDS:
        return False
    low, joiner, high = window
    return low in _SCALE_BOTTOMS and joiner in {"to", "and"} and high in _SCALE_TOPS


def _has_absolute_you(tokens: list[str]) -> bool:
    """Whether "you" (or "you're", "you both"...) is followed by "always" or "never".

    A token rule cannot tell a habit pinned on the reader ("you never listen")
    from a relative clause ("something you never say"), so both are flagged:
    the harmless form rewrites in a word ("rarely", "keep to yourself").
    """
    triples = itertools.zip_longest(tokens, tokens[1:], tokens[2:], fillvalue="")
    return any(
        first == "you"
        and (second in _ABSOLUTES or (second in _YOU_BRIDGES and third in _ABSOLUTES))
        for first, second, third in triples
    )


def _text_problems(prompt: Prompt, tokens: list[str], max_length: int) -> list[CatalogProblem]:
    problems: list[CatalogProblem] = []
    ids = (prompt.id,)
    if len(prompt.text) > max_length:
        problems.append(
            CatalogProblem(
                kind=ProblemKind.TOO_LONG,
                prompt_ids=ids,
                message=f"Longer than {max_length} characters.",
            )
        )
    worksheet = _worksheet_form(tokens)
    if worksheet is not None:
        problems.append(
            CatalogProblem(
                kind=ProblemKind.BANNED_OPENER,
                prompt_ids=ids,
                message=f'Reads like a worksheet ("{worksheet}").',
            )
        )
    if _has_absolute_you(tokens):
        problems.append(
            CatalogProblem(
                kind=ProblemKind.ABSOLUTE_BLAME,
                prompt_ids=ids,
                message='Contains "you always" or "you never", the textbook form of criticism.',
            )
        )
    if _GENDERED.intersection(tokens):
        problems.append(
            CatalogProblem(
                kind=ProblemKind.GENDERED,
                prompt_ids=ids,
                message="Assumes a gender; use partner-neutral words.",
            )
        )
    return problems


def _duplicate_problems(
    prompts: tuple[Prompt, ...], token_lists: list[list[str]], overlap: float
) -> list[CatalogProblem]:
    problems: list[CatalogProblem] = []
    first_of: dict[tuple[str, ...], int] = {}
    content: list[frozenset[str]] = []
    postings: dict[str, list[int]] = {}
    for position, tokens in enumerate(token_lists):
        exact = tuple(tokens)
        if exact in first_of:
            problems.append(
                CatalogProblem(
                    kind=ProblemKind.DUPLICATE,
                    prompt_ids=(prompts[first_of[exact]].id, prompts[position].id),
                    message="Same text as another prompt.",
                )
            )
            content.append(frozenset())
            continue
        first_of[exact] = position
        words = frozenset(tokens) - _STOPWORDS
        content.append(words)
        shared: dict[int, int] = {}
        for word in words:
            for other in postings.get(word, ()):
                shared[other] = shared.get(other, 0) + 1
        for other in sorted(shared):
            common = shared[other]
            union = len(words) + len(content[other]) - common
            if common / union >= overlap:
                problems.append(
                    CatalogProblem(
                        kind=ProblemKind.NEAR_DUPLICATE,
                        prompt_ids=(prompts[other].id, prompts[position].id),
                        message=f"Shares {common} of {union} content words with another prompt.",
                    )
                )
        for word in words:
            postings.setdefault(word, []).append(position)
    return problems


def _coverage_problems(
    prompts: tuple[Prompt, ...],
    *,
    min_per_theme: int,
    min_per_depth: int,
    min_per_sign: int,
    min_per_subscale: int,
    min_solo: int,
    min_light_per_sign: int,
) -> list[CatalogProblem]:
    themes = dict.fromkeys(Theme, 0)
    depths = dict.fromkeys(range(DEPTH_RANGE[0], DEPTH_RANGE[1] + 1), 0)
    signs = dict.fromkeys(Sign, 0)
    facets = dict.fromkeys(Subscale, 0)
    solo = 0
    light = dict.fromkeys(Audience, 0)
    present = dict.fromkeys(Audience, 0)
    light_signs = {(sign, audience): 0 for audience in Audience for sign in Sign}
    for prompt in prompts:
        themes[prompt.theme] += 1
        depths[prompt.depth] += 1
        for sign in prompt.addresses:
            signs[sign] += 1
        for facet in prompt.subscales:
            facets[facet] += 1
        solo += prompt.audience is Audience.SOLO
        present[prompt.audience] += 1
        light[prompt.audience] += prompt.depth == 1
        if prompt.depth == 1:
            for sign in prompt.addresses:
                light_signs[sign, prompt.audience] += 1
    wanted: list[tuple[str, int, int]] = [
        (f"theme {theme.value}", count, min_per_theme) for theme, count in themes.items()
    ]
    wanted += [(f"depth {depth}", count, min_per_depth) for depth, count in depths.items()]
    wanted += [(f"sign {sign.value}", count, min_per_sign) for sign, count in signs.items()]
    wanted += [
        (f"subscale {facet.value}", count, min_per_subscale) for facet, count in facets.items()
    ]
    wanted.append(("the solo audience", solo, min_solo))
    # The picker needs a light prompt for every audience the catalog serves.
    wanted += [
        (f"depth 1 for the {audience.value} audience", light[audience], 1)
        for audience in Audience
        if present[audience]
    ]
    # Distant and detached couples only get depth 1: each sign needs light prompts of its own.
    # A refinement of sign coverage, so switching that off (small catalogs) skips it too.
    if not min_per_sign:
        min_light_per_sign = 0
    wanted += [
        (
            f"sign {sign.value} at depth 1 for the {audience.value} audience",
            count,
            min_light_per_sign,
        )
        for (sign, audience), count in light_signs.items()
        if present[audience]
    ]
    return [
        CatalogProblem(
            kind=ProblemKind.COVERAGE,
            prompt_ids=(),
            message=f"Only {count} prompts for {what}; at least {minimum} wanted.",
        )
        for what, count, minimum in wanted
        if count < minimum
    ]


def check_catalog(
    catalog: PromptCatalog,
    *,
    max_length: int = 200,
    near_duplicate_overlap: float = 0.8,
    min_per_theme: int = 15,
    min_per_depth: int = 60,
    min_per_sign: int = 8,
    min_per_subscale: int = 8,
    min_solo: int = 60,
    min_light_per_sign: int = 3,
) -> tuple[CatalogProblem, ...]:
    """Vet a catalog: the quality checks the default catalog passes.

    Checks each prompt for length; worksheet forms: openers ("Describe...",
    "Reflect on...", "How satisfied...", "Complete this sentence...", also
    after "Please"), homework instructions anywhere ("Write it down", "jot
    down") and numeric rating scales ("from 1 to 10", "on a scale");
    "you always" / "you never", also as "you're always" or "you both never"
    (in any clause: a word rule cannot parse grammar, and "rarely" reads as
    well); and gendered words ("husband", "she", "his"...). Each pair is
    checked for duplicates and near-duplicates (Jaccard overlap of content
    words, after folding case and accents, of at least
    ``near_duplicate_overlap``; ``1`` means only identical word sets). The
    catalog is checked for coverage: every theme, depth, sign, subscale and
    the solo audience, a depth-1 prompt for each audience it serves, and
    ``min_light_per_sign`` depth-1 prompts per sign and served audience,
    since distant and detached couples only get depth 1. Pass ``0`` to a
    ``min_*`` keyword to skip that coverage rule (small catalogs);
    ``min_per_sign=0`` skips the light-per-sign rule too, as it refines
    sign coverage.

    Returns:
        The problems found, prompt problems in catalog order, then coverage.

    Raises:
        ValidationError: If ``catalog`` is not a :class:`PromptCatalog` or a
            threshold is out of range.

    Example:
        >>> import attunement as at
        >>> catalog = at.PromptCatalog(prompts=(
        ...     at.Prompt(id="a", text="Describe your ideal weekend.",
        ...         theme=at.Theme.DREAMS, depth=1),
        ...     at.Prompt(id="b", text="What would your ideal weekend look like?",
        ...         theme=at.Theme.DREAMS, depth=1),
        ... ))
        >>> problems = at.check_catalog(catalog, min_per_theme=0, min_per_depth=0,
        ...     min_per_sign=0, min_per_subscale=0, min_solo=0)
        >>> [problem.kind.value for problem in problems]
        ['banned_opener']
    """
    if type(catalog) is not PromptCatalog:
        raise ValidationError("must be a PromptCatalog", path=("catalog",))
    if type(max_length) is not int or max_length < 1:
        raise ValidationError("must be a positive integer", path=("max_length",))
    # An int is a number too (``1`` is in range); a bool is not.
    if type(near_duplicate_overlap) not in {float, int} or not (
        0.0 < near_duplicate_overlap <= 1.0
    ):
        raise ValidationError(
            "must be a number above 0 and at most 1", path=("near_duplicate_overlap",)
        )
    thresholds = {
        "min_per_theme": min_per_theme,
        "min_per_depth": min_per_depth,
        "min_per_sign": min_per_sign,
        "min_per_subscale": min_per_subscale,
        "min_solo": min_solo,
        "min_light_per_sign": min_light_per_sign,
    }
    for name, value in thresholds.items():
        if type(value) is not int or value < 0:
            raise ValidationError("must be a non-negative integer", path=(name,))
    prompts = catalog.prompts
    token_lists = [_tokens(prompt.text) for prompt in prompts]
    problems: list[CatalogProblem] = []
    for prompt, tokens in zip(prompts, token_lists, strict=True):
        problems.extend(_text_problems(prompt, tokens, max_length))
    problems.extend(_duplicate_problems(prompts, token_lists, near_duplicate_overlap))
    problems.extend(_coverage_problems(prompts, **thresholds))
    return tuple(problems)
