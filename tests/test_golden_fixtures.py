# ruff: noqa: E501 - golden values hold long prose strings verbatim; splitting them hides diffs
"""Stored documents written by earlier versions must keep loading.

Every file under ``tests/fixtures/v<N>/`` is a document as ``at.to_json``
wrote it at schema version N (``v1/checkin.json`` was written by hand in the
schema-1 form, before check-ins had ``events``). Each test loads one with the
current code and compares it with the same model rebuilt here field by field.

A change that breaks one of these tests must add a migration (see
``attunement._serialization.register_migration``) and, if the schema version
moves on, a new ``fixtures/v<N+1>/`` directory. It must never edit a fixture:
apps hold millions of documents exactly like them in their databases.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

import attunement as at
from attunement._serialization import SCHEMA_VERSION

FIXTURES = Path(__file__).parent / "fixtures"

# The models the fixtures were made from, spelt out. Numbers such as the
# distance scores are what the scoring rules gave when the fixture was written;
# here they only need to survive storage unchanged, so they are not re-derived.
# The profile is checkable by hand: er-1 is reverse-keyed on a 1..6 scale, so
# its answer 2 counts as 5, and (5 + 4) / 2 = 4.5; (5 + 3) / 2 = 4.0; the
# overall mean of 5, 4, 5, 3 is 4.25.
EXPECTED: dict[str, tuple[type, object]] = {
    "antidote": (
        at.Antidote,
        at.Antidote(
            pattern=at.Dimension.BLAME,
            name="gentle start-up",
            advice="Criticism names a flaw in the partner; a gentle start-up names your feeling about one situation and what you need, without 'you always'.",
            template="I feel ___ about ___. I need ___.",
            evidence=(
                at.Evidence(
                    dimension=at.Dimension.BLAME,
                    start=17,
                    end=27,
                    text="you always",
                    concern=None,
                ),
            ),
        ),
    ),
    "cadence": (
        at.Cadence,
        at.Cadence(
            times=1,
            per=at.Period.WEEK,
        ),
    ),
    "catalog_problem": (
        at.CatalogProblem,
        at.CatalogProblem(
            kind=at.ProblemKind.COVERAGE,
            prompt_ids=(),
            message="Only 2 prompts for theme check_in; at least 15 wanted.",
        ),
    ),
    "checkin": (
        at.CheckIn,
        at.CheckIn(
            partner_id="alex",
            on=dt.date(2026, 11, 2),
            closeness=3,
            felt_heard=2,
            stress=4,
            signs=frozenset({at.Sign.BIDS_MISSED, at.Sign.LOGISTICS_ONLY}),
            reflection="You never listen. I feel lonely.",
            appreciation="Thanks for cooking dinner.",
            visibility=at.Visibility.AFTER_BOTH,
            events=frozenset({at.LifeEvent.MOVE}),
        ),
    ),
    "contribution": (
        at.Contribution,
        at.Contribution(
            factor=at.Factor.CLOSENESS,
            points=24.2,
            label="alex feels less close",
            sign=None,
            partner_id="alex",
        ),
    ),
    "couple": (
        at.Couple,
        at.Couple(
            id="c-1",
            partners=(
                at.Partner(
                    id="alex",
                    name="Alex",
                ),
                at.Partner(
                    id="sam",
                    name="Sam",
                ),
            ),
            together_since=dt.date(2019, 6, 1),
        ),
    ),
    "differentiation_profile": (
        at.DifferentiationProfile,
        at.DifferentiationProfile(
            instrument_id="mini",
            subscales={at.Subscale.EMOTIONAL_REACTIVITY: 4.5, at.Subscale.I_POSITION: 4.0},
            overall=4.25,
            answered=4,
            partner_id="alex",
            on=dt.date(2026, 11, 12),
        ),
    ),
    "distance_assessment": (
        at.DistanceAssessment,
        at.DistanceAssessment(
            as_of=dt.date(2026, 11, 12),
            window_weeks=2,
            score=49.89,
            level=at.DistanceLevel.DISTANT,
            trend=at.Trend.UNKNOWN,
            contributions=(
                at.Contribution(
                    factor=at.Factor.CLOSENESS,
                    points=24.2,
                    label="alex feels less close",
                    sign=None,
                    partner_id="alex",
                ),
                at.Contribution(
                    factor=at.Factor.FELT_HEARD,
                    points=14.47,
                    label="alex feels unheard",
                    sign=None,
                    partner_id="alex",
                ),
                at.Contribution(
                    factor=at.Factor.SIGN,
                    points=4.75,
                    label="one of you goes quiet when things get tense (noticed by alex)",
                    sign=at.Sign.WITHDRAWAL,
                    partner_id="alex",
                ),
                at.Contribution(
                    factor=at.Factor.CLOSENESS,
                    points=3.04,
                    label="sam feels less close",
                    sign=None,
                    partner_id="sam",
                ),
                at.Contribution(
                    factor=at.Factor.FELT_HEARD,
                    points=1.43,
                    label="sam feels unheard",
                    sign=None,
                    partner_id="sam",
                ),
                at.Contribution(
                    factor=at.Factor.SIGN,
                    points=1.0,
                    label="small bids for attention go unanswered (noticed by alex)",
                    sign=at.Sign.BIDS_MISSED,
                    partner_id="alex",
                ),
                at.Contribution(
                    factor=at.Factor.SIGN,
                    points=1.0,
                    label="talk has shrunk to logistics (noticed by alex)",
                    sign=at.Sign.LOGISTICS_ONLY,
                    partner_id="alex",
                ),
            ),
            weekly=(
                at.WeeklyScore(
                    week_start=dt.date(2026, 11, 2),
                    score=36.88,
                    level=at.DistanceLevel.DRIFTING,
                ),
                at.WeeklyScore(
                    week_start=dt.date(2026, 11, 9),
                    score=60.83,
                    level=at.DistanceLevel.DISTANT,
                ),
            ),
            weeks_observed=2,
            missed_weeks=0,
            provisional=False,
            perception_gap=2.0,
            out_of_step=False,
            contexts=frozenset({at.LifeEvent.MOVE}),
        ),
    ),
    "evidence": (
        at.Evidence,
        at.Evidence(
            dimension=at.Dimension.OWNERSHIP,
            start=0,
            end=11,
            text="I feel hurt",
            concern=None,
        ),
    ),
    "goal": (
        at.Goal,
        at.Goal(
            id="weekly-talk",
            title="Talk on Sundays",
            practice=at.Practice.CHECK_IN,
            cadence=at.Cadence(
                times=1,
                per=at.Period.WEEK,
            ),
            starts=dt.date(2026, 11, 1),
            ends=dt.date(2026, 12, 31),
            addresses=frozenset({at.Sign.LOGISTICS_ONLY}),
        ),
    ),
    "goal_progress": (
        at.GoalProgress,
        at.GoalProgress(
            goal_id="weekly-talk",
            as_of=dt.date(2026, 11, 20),
            periods_due=3,
            periods_met=2,
            adherence=0.6666666666666666,
            streak=1,
            best_streak=1,
            status=at.GoalStatus.ON_TRACK,
            outside_span=0,
            done_this_period=0,
        ),
    ),
    "goal_suggestion": (
        at.GoalSuggestion,
        at.GoalSuggestion(
            practice=at.Practice.QUALITY_TIME,
            cadence=at.Cadence(
                times=1,
                per=at.Period.WEEK,
            ),
            title="An hour a week of undistracted time together",
            rationale="Suggested for: alex feels less close; sam feels less close.",
            addresses=frozenset(),
        ),
    ),
    "instrument": (
        at.Instrument,
        at.Instrument(
            id="mini",
            name="Mini check",
            items=(
                at.Item(
                    id="er-1",
                    text="When upset I need a while to calm down.",
                    subscale=at.Subscale.EMOTIONAL_REACTIVITY,
                    reverse=True,
                ),
                at.Item(
                    id="er-2",
                    text="Small slights stay with me for days.",
                    subscale=at.Subscale.EMOTIONAL_REACTIVITY,
                    reverse=False,
                ),
                at.Item(
                    id="ip-1",
                    text="I say what I think even when it is unpopular.",
                    subscale=at.Subscale.I_POSITION,
                    reverse=False,
                ),
                at.Item(
                    id="ip-2",
                    text="I know what I value without asking others.",
                    subscale=at.Subscale.I_POSITION,
                    reverse=False,
                ),
            ),
            low=1,
            high=6,
            min_answered=0.8,
            norms=(
                at.SubscaleNorm(
                    subscale=at.Subscale.I_POSITION,
                    sd=0.8,
                    reliability=0.83,
                ),
            ),
        ),
    ),
    "item": (
        at.Item,
        at.Item(
            id="er-1",
            text="When upset I need a while to calm down.",
            subscale=at.Subscale.EMOTIONAL_REACTIVITY,
            reverse=True,
        ),
    ),
    "partner": (
        at.Partner,
        at.Partner(
            id="alex",
            name="Alex",
        ),
    ),
    "pick": (
        at.Pick,
        at.Pick(
            prompt=at.Prompt(
                id="rep-025",
                text="After friction, do you prefer to talk it through soon or later? How could you meet in the middle?",
                theme=at.Theme.REPAIR,
                depth=1,
                audience=at.Audience.TOGETHER,
                addresses=frozenset({at.Sign.WITHDRAWAL}),
                subscales=frozenset({at.Subscale.EMOTIONAL_CUTOFF}),
            ),
            score=4.0,
            reasons=(
                "One of you mentioned that someone goes quiet when things get tense.",
                "Warm, light themes are a gentle way back toward each other.",
            ),
        ),
    ),
    "prompt": (
        at.Prompt,
        at.Prompt(
            id="chk-001",
            text="What was the best ten minutes of your day today, and what made them good?",
            theme=at.Theme.CHECK_IN,
            depth=1,
            audience=at.Audience.TOGETHER,
            addresses=frozenset({at.Sign.LOGISTICS_ONLY}),
            subscales=frozenset(),
        ),
    ),
    "prompt_catalog": (
        at.PromptCatalog,
        at.PromptCatalog(
            prompts=(
                at.Prompt(
                    id="chk-001",
                    text="What was the best ten minutes of your day today, and what made them good?",
                    theme=at.Theme.CHECK_IN,
                    depth=1,
                    audience=at.Audience.TOGETHER,
                    addresses=frozenset({at.Sign.LOGISTICS_ONLY}),
                    subscales=frozenset(),
                ),
                at.Prompt(
                    id="chk-002",
                    text="If your week were weather, would it be drizzle, fog, a storm or sunshine? Tell each other why.",
                    theme=at.Theme.CHECK_IN,
                    depth=1,
                    audience=at.Audience.TOGETHER,
                    addresses=frozenset({at.Sign.LOGISTICS_ONLY}),
                    subscales=frozenset(),
                ),
            ),
        ),
    ),
    "prompt_use": (
        at.PromptUse,
        at.PromptUse(
            prompt_id="rep-025",
            on=dt.date(2026, 11, 5),
        ),
    ),
    "referral": (
        at.Referral,
        at.Referral(
            concerns=frozenset({at.SafetyConcern.PARTNER_VIOLENCE}),
            message="Your safety matters more than any conversation prompt, so prompts are paused for now. If you feel afraid of your partner, or are being hurt, threatened or controlled, specialist domestic-violence services can help you plan for safety, in confidence. If anyone is in immediate danger, call your local emergency number now.",
            resources=(
                at.ReferralResource(
                    locale="en",
                    kind=at.ResourceKind.EMERGENCY,
                    name="Emergency services",
                    description="If anyone is in immediate danger or has been hurt, emergency services can come now.",
                    contact="Call your local emergency number (for example 112 across Europe, or 911 in North America).",
                    concerns=frozenset(
                        {at.SafetyConcern.PARTNER_VIOLENCE, at.SafetyConcern.SELF_HARM}
                    ),
                ),
                at.ReferralResource(
                    locale="en",
                    kind=at.ResourceKind.DOMESTIC_VIOLENCE,
                    name="Domestic-violence services",
                    description="Specialist advocates who help people who feel afraid of, hurt, threatened or controlled by a partner, including with a safety plan.",
                    contact="Search for the domestic-violence helpline of your country from a device your partner cannot check, or ask a doctor.",
                    concerns=frozenset({at.SafetyConcern.PARTNER_VIOLENCE}),
                ),
                at.ReferralResource(
                    locale="en",
                    kind=at.ResourceKind.THERAPIST,
                    name="A licensed therapist",
                    description="A licensed mental-health professional, seen on your own first. Couples therapy can help later, once both partners feel safe.",
                    contact="Ask your doctor for a referral, or look for a licensed therapist through your national professional register.",
                    concerns=frozenset(
                        {at.SafetyConcern.PARTNER_VIOLENCE, at.SafetyConcern.SELF_HARM}
                    ),
                ),
            ),
        ),
    ),
    "referral_resource": (
        at.ReferralResource,
        at.ReferralResource(
            locale="en",
            kind=at.ResourceKind.EMERGENCY,
            name="Emergency services",
            description="If anyone is in immediate danger or has been hurt, emergency services can come now.",
            contact="Call your local emergency number (for example 112 across Europe, or 911 in North America).",
            concerns=frozenset({at.SafetyConcern.PARTNER_VIOLENCE, at.SafetyConcern.SELF_HARM}),
        ),
    ),
    "reflection_lexicon": (
        at.ReflectionLexicon,
        at.ReflectionLexicon(
            additions=(
                (
                    at.Dimension.EMPATHY,
                    "i hear you",
                ),
                (
                    at.SafetyConcern.SELF_HARM,
                    "cannot go on",
                ),
            ),
        ),
    ),
    "reflection_score": (
        at.ReflectionScore,
        at.ReflectionScore(
            ownership=1.0,
            blame=1.0,
            absolutism=1.0,
            we_ness=0.0,
            empathy=0.0,
            defensiveness=0.0,
            contempt=0.0,
            curiosity=0.0,
            appreciation=1.0,
            emotion_words=1,
            positive_emotion_words=0,
            negative_emotion_words=1,
            valence=-0.5267415375673765,
            words=12,
            evidence=(
                at.Evidence(
                    dimension=at.Dimension.OWNERSHIP,
                    start=0,
                    end=11,
                    text="I feel hurt",
                    concern=None,
                ),
                at.Evidence(
                    dimension=at.Dimension.EMOTION_WORDS,
                    start=7,
                    end=11,
                    text="hurt",
                    concern=None,
                ),
                at.Evidence(
                    dimension=at.Dimension.VALENCE,
                    start=7,
                    end=11,
                    text="hurt",
                    concern=None,
                ),
                at.Evidence(
                    dimension=at.Dimension.BLAME,
                    start=17,
                    end=27,
                    text="you always",
                    concern=None,
                ),
                at.Evidence(
                    dimension=at.Dimension.ABSOLUTISM,
                    start=21,
                    end=27,
                    text="always",
                    concern=None,
                ),
                at.Evidence(
                    dimension=at.Dimension.VALENCE,
                    start=28,
                    end=34,
                    text="ignore",
                    concern=None,
                ),
                at.Evidence(
                    dimension=at.Dimension.VALENCE,
                    start=39,
                    end=44,
                    text="Thank",
                    concern=None,
                ),
                at.Evidence(
                    dimension=at.Dimension.APPRECIATION,
                    start=39,
                    end=48,
                    text="Thank you",
                    concern=None,
                ),
            ),
            safety=frozenset(),
        ),
    ),
    "reliable_change": (
        at.ReliableChange,
        at.ReliableChange(
            before=50.0,
            after=60.0,
            index=1.5811388300841898,
            s_diff=6.324555320336758,
            reliable=False,
            direction=at.ChangeDirection.NO_RELIABLE_CHANGE,
        ),
    ),
    "self_rating": (
        at.SelfRating,
        at.SelfRating(
            partner_id="alex",
            on=dt.date(2026, 11, 12),
            instrument_id="mini",
            answers={"er-1": 2, "er-2": 4, "ip-1": 5, "ip-2": 3},
        ),
    ),
    "subscale_norm": (
        at.SubscaleNorm,
        at.SubscaleNorm(
            subscale=at.Subscale.I_POSITION,
            sd=0.8,
            reliability=0.83,
        ),
    ),
    "weekly_score": (
        at.WeeklyScore,
        at.WeeklyScore(
            week_start=dt.date(2026, 11, 2),
            score=36.88,
            level=at.DistanceLevel.DRIFTING,
        ),
    ),
}


def _document(version: int, name: str) -> bytes:
    return (FIXTURES / f"v{version}" / f"{name}.json").read_bytes()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_current_fixture_loads_as_the_model_it_was_made_from(name: str) -> None:
    cls, expected = EXPECTED[name]
    assert at.from_json(_document(SCHEMA_VERSION, name), cls) == expected


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixtures_carry_the_schema_version_of_their_directory(name: str) -> None:
    assert json.loads(_document(SCHEMA_VERSION, name))["schema_version"] == SCHEMA_VERSION


def test_every_public_model_has_a_fixture() -> None:
    models = {
        value
        for name in at.__all__
        if name != "SELF_CHECK"
        and isinstance(value := getattr(at, name), type)
        and attrs.has(value)
    }
    assert models == {cls for cls, _ in EXPECTED.values()}


def test_no_fixture_is_left_without_a_check() -> None:
    on_disk = {path.stem for path in (FIXTURES / f"v{SCHEMA_VERSION}").glob("*.json")}
    assert on_disk == set(EXPECTED)


def test_a_schema_1_checkin_loads_with_no_life_events() -> None:
    # Schema 1 had no events field: "none recorded" is the faithful reading.
    loaded = at.from_json(_document(1, "checkin"), at.CheckIn)
    assert loaded == at.CheckIn(
        partner_id="sam",
        on=dt.date(2024, 3, 11),
        closeness=6,
        felt_heard=5,
        stress=1,
        signs=frozenset({at.Sign.PHONE_DISTRACTION}),
        reflection="We laughed a lot this week.",
        appreciation=None,
        visibility=at.Visibility.SHARED,
        events=frozenset(),
    )


def test_a_schema_1_checkin_with_events_is_refused_not_silently_kept() -> None:
    document = json.loads(_document(1, "checkin"))
    document["data"]["events"] = ["bogus"]
    with pytest.raises(at.ValidationError) as caught:
        at.from_json(json.dumps(document), at.CheckIn)
    assert caught.value.path == "$.data.events[0]"
