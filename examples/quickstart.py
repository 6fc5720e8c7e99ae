"""Quickstart: the whole flow for one couple, from check-ins to tonight's prompt.

Alex and Sam check in weekly for eight weeks while Alex starts a new job. The
script shows what each partner may see, stores the check-ins as JSON and reads
them back, reads their distance, scores Alex's latest reflection, suggests
small practices, reads a monthly self-check, and ends with tonight's
conversation prompt and the reasons it was chosen.

Run: python examples/quickstart.py
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import attunement as at

BOLD, DIM, RESET = ("\033[1m", "\033[2m", "\033[0m") if sys.stdout.isatty() else ("", "", "")


def heading(title: str) -> None:
    print(f"\n{BOLD}{title}{RESET}")


alex = at.Partner(id="alex", name="Alex")
sam = at.Partner(id="sam", name="Sam")
couple = at.Couple(id="alex-sam", partners=(alex, sam), together_since=dt.date(2019, 6, 1))

# Eight weeks: close at first; from week 4 Alex's new job squeezes their time.
first_monday = dt.date(2026, 9, 28)
alex_closeness = [6, 6, 5, 4, 4, 3, 3, 3]
sam_closeness = [6, 6, 6, 5, 5, 5, 5, 5]
week_signs = [
    set(),
    set(),
    set(),
    {at.Sign.LOGISTICS_ONLY},
    {at.Sign.LOGISTICS_ONLY, at.Sign.PHONE_DISTRACTION},
    {at.Sign.LOGISTICS_ONLY, at.Sign.LONELY_TOGETHER},
    {at.Sign.LOGISTICS_ONLY, at.Sign.LONELY_TOGETHER},
    {at.Sign.LONELY_TOGETHER, at.Sign.HANDLING_ALONE},
]
checkins: list[at.CheckIn] = []
for week in range(8):
    monday = first_monday + dt.timedelta(weeks=week)
    checkins.append(
        at.CheckIn(
            partner_id="alex",
            on=monday + dt.timedelta(days=6),
            closeness=alex_closeness[week],
            felt_heard=max(2, 4 - week // 3),
            stress=min(5, 2 + week // 2),
            signs=frozenset(week_signs[week]),
            events=frozenset({at.LifeEvent.JOB_CHANGE}) if week == 3 else frozenset(),
            reflection=(
                "I've been feeling distant from you lately, and I miss us. "
                "You never ask about my day anymore. Thank you for Sunday's walk, though. "
                "What would help us find time?"
                if week == 7
                else None
            ),
            visibility=at.Visibility.AFTER_BOTH,
        )
    )
    if week != 5:  # Sam misses one week; that is information, not failure.
        checkins.append(
            at.CheckIn(
                partner_id="sam",
                on=monday + dt.timedelta(days=5),
                closeness=sam_closeness[week],
                felt_heard=4,
                stress=2,
                appreciation="Thanks for the coffee this morning." if week == 7 else None,
                visibility=at.Visibility.SHARED,
            )
        )
today = first_monday + dt.timedelta(weeks=8)

heading(f"{alex.name} and {sam.name}: eight weeks of check-ins")
for partner in couple.partners:
    seen = at.partner_view(checkins, viewer=partner.id)
    words = sum(1 for c in seen if c.reflection or c.appreciation)
    print(f"  {partner.name} may see {len(seen)} check-ins, {words} with written words")

heading("Storage")
# An app stores the check-ins as they come in and reads them back later.
stored = at.to_json(checkins)
loaded = at.from_json(stored, tuple[at.CheckIn, ...])
print(
    f"  {len(checkins)} check-ins as {len(stored):,} bytes of JSON "
    f"(schema {json.loads(stored)['schema_version']}); loaded back equal: "
    f"{loaded == tuple(checkins)}"
)

heading("Distance")
reading = at.assess_distance(checkins, as_of=today)
print(f"  score {reading.score:.0f}/100, {reading.level.value}, trend {reading.trend.value}")
print(f"  weeks observed {reading.weeks_observed}, missed {reading.missed_weeks}")
if reading.perception_gap is not None:
    flag = " (out of step)" if reading.out_of_step else ""
    print(f"  closeness gap between partners {reading.perception_gap:.1f}{flag}")
top = sorted(reading.contributions, key=lambda c: -c.points)[:3]
print("  mostly: " + "; ".join(c.label for c in top))
if reading.contexts:
    print("  around: " + ", ".join(e.description for e in sorted(reading.contexts, key=str)))

heading("Alex's latest reflection")
latest_text = next(c.reflection for c in reversed(checkins) if c.reflection)
score = at.score_reflection(latest_text)
dims = ("ownership", "blame", "absolutism", "we_ness", "appreciation", "curiosity", "valence")
print("  " + "  ".join(f"{d} {getattr(score, d):.2f}" for d in dims))
for evidence in score.evidence:
    if evidence.dimension is not at.Dimension.VALENCE:
        text = latest_text[evidence.start : evidence.end]
        print(f"  {DIM}{evidence.dimension.value:>13}{RESET}  {text!r}")
for antidote in at.antidotes(score):
    print(f"  instead of {antidote.pattern.value} ({antidote.name}): {antidote.template}")

heading("Small practices to try")
suggestions = at.suggest_goals(reading)
for suggestion in suggestions:
    print(f"  - {suggestion.title}")
goal = at.Goal(
    id="sunday-check-in",
    title=suggestions[0].title,
    practice=suggestions[0].practice,
    cadence=suggestions[0].cadence,
    starts=today - dt.timedelta(weeks=3),
)
done = [today - dt.timedelta(weeks=3, days=-1), today - dt.timedelta(days=6)]
progress = at.goal_progress(goal, done, as_of=today)
print(
    f"  '{goal.title}': met {progress.periods_met} of {progress.periods_due} weeks,"
    f" {progress.status.value}"
)

heading("Alex's monthly self-check")
check = at.SELF_CHECK
before = at.score_self_rating(
    at.SelfRating(
        partner_id="alex",
        on=dt.date(2026, 6, 1),
        instrument_id=check.id,
        answers={item.id: 3 if item.reverse else 4 for item in check.items},
    ),
    check,
)
after = at.score_self_rating(
    at.SelfRating(
        partner_id="alex",
        on=dt.date(2026, 11, 1),
        instrument_id=check.id,
        answers={item.id: 2 if item.reverse else 5 for item in check.items},
    ),
    check,
)
print(f"  overall {before.overall} in June, {after.overall} in November")
# The built-in self-check states no norms: apps supply SDs and reliabilities.
norms = [at.SubscaleNorm(subscale=facet, sd=0.8, reliability=0.8) for facet in at.Subscale]
for facet, change in at.compare_profiles(before, after, check, norms=norms).items():
    if change is not None:
        print(f"  {facet.value:<21} {change.direction.value} (RC {change.index:+.2f})")

heading("Tonight's prompt")
history = [at.PromptUse(prompt_id="chk-001", on=today - dt.timedelta(days=7))]
pick = at.pick_prompt(
    at.default_catalog(),
    today=today,
    history=history,
    assessment=reading,
    profiles=[after],
    goals=[goal],
    concerns=score.safety,
    seed=42,
)
if isinstance(pick, at.Referral):
    print(f"  {pick.message}")
else:
    print(f"  {pick.prompt.text}")
    for reason in pick.reasons:
        print(f"  {DIM}because: {reason}{RESET}")
