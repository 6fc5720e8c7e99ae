"""Sixteen weeks of a couple drifting apart and finding their way back.

Alex and Sam check in every Sunday. In week 4 Sam starts a new job; over the
next weeks their talk shrinks to logistics, Sam stops feeling heard, and Sam
feels much further apart than Alex does (a perception gap). In week 9 they
take up the practices the library suggests, keep most of them up (missing a
week here and there, which is fine), and distance eases.

Each row is what an app would know on that Sunday: the level, the trend, the
score, the perception gap, the goals' progress, and the largest
contributions to the score. Run it with no arguments:

    python examples/drifting_couple.py

Colour is used only when stdout is a terminal.
"""

from __future__ import annotations

import datetime as dt
import sys

import attunement as at

FIRST_MONDAY = dt.date(2026, 8, 3)
WEEKS = 16
GOALS_FROM_WEEK = 9
NEW_JOB_WEEK = 4
MISSED_WEEK = 7

# (alex closeness, alex felt heard, sam closeness, sam felt heard) per week.
RATINGS = {
    1: (6, 4, 6, 4),
    2: (6, 4, 6, 4),
    3: (6, 4, 6, 4),
    4: (6, 4, 5, 3),
    5: (5, 4, 4, 3),
    6: (5, 3, 3, 2),
    8: (5, 3, 2, 2),
    9: (5, 4, 3, 2),
    10: (5, 4, 3, 3),
    11: (5, 4, 4, 3),
    12: (6, 4, 4, 3),
    13: (6, 4, 5, 4),
    14: (6, 5, 5, 4),
    15: (6, 4, 6, 4),
    16: (6, 5, 6, 5),
}
SAM_SIGNS = {
    5: {at.Sign.LOGISTICS_ONLY},
    6: {at.Sign.LOGISTICS_ONLY, at.Sign.HANDLING_ALONE},
    8: {at.Sign.LOGISTICS_ONLY, at.Sign.LONELY_TOGETHER, at.Sign.BIDS_MISSED},
    9: {at.Sign.LOGISTICS_ONLY, at.Sign.LONELY_TOGETHER},
    10: {at.Sign.LOGISTICS_ONLY, at.Sign.LONELY_TOGETHER},
    11: {at.Sign.LOGISTICS_ONLY},
    12: {at.Sign.LOGISTICS_ONLY},
}
ALEX_SIGNS = {
    6: {at.Sign.PHONE_DISTRACTION},
    8: {at.Sign.PHONE_DISTRACTION},
    9: {at.Sign.PHONE_DISTRACTION},
}
# Weeks in which each practice was done (the couple skips a week now and then).
SKIPPED = {"g-check_in": {12}, "g-curiosity_question": {11, 14}, "g-quality_time": {10}}

SHORT_NAMES = {
    at.Practice.CHECK_IN: "check-in",
    at.Practice.APPRECIATION: "appreciation",
    at.Practice.CURIOSITY_QUESTION: "questions",
    at.Practice.QUALITY_TIME: "time together",
    at.Practice.PHYSICAL_AFFECTION: "affection",
    at.Practice.REPAIR_CONVERSATION: "repair talk",
    at.Practice.COUPLES_THERAPY: "therapy",
}
LEVEL_COLOURS = {
    at.DistanceLevel.CONNECTED: "\033[32m",
    at.DistanceLevel.DRIFTING: "\033[33m",
    at.DistanceLevel.DISTANT: "\033[31m",
    at.DistanceLevel.DETACHED: "\033[35m",
}
RESET = "\033[0m"


def sunday(week: int) -> dt.date:
    return FIRST_MONDAY + dt.timedelta(weeks=week - 1, days=6)


def checkins_for(week: int) -> list[at.CheckIn]:
    if week not in RATINGS:
        return []
    alex_close, alex_heard, sam_close, sam_heard = RATINGS[week]
    events = frozenset({at.LifeEvent.JOB_CHANGE}) if week == NEW_JOB_WEEK else frozenset()
    return [
        at.CheckIn(
            partner_id="alex",
            on=sunday(week),
            closeness=alex_close,
            felt_heard=alex_heard,
            stress=2,
            signs=frozenset(ALEX_SIGNS.get(week, ())),
        ),
        at.CheckIn(
            partner_id="sam",
            on=sunday(week),
            closeness=sam_close,
            felt_heard=sam_heard,
            stress=4 if NEW_JOB_WEEK <= week <= 10 else 2,
            signs=frozenset(SAM_SIGNS.get(week, ())),
            events=events,
        ),
    ]


def take_up(suggestions: tuple[at.GoalSuggestion, ...], starts: dt.date) -> list[at.Goal]:
    return [
        at.Goal(
            id=f"g-{suggestion.practice.value}",
            title=suggestion.title,
            practice=suggestion.practice,
            cadence=suggestion.cadence,
            starts=starts,
            addresses=suggestion.addresses,
        )
        for suggestion in suggestions
    ]


def done_dates(goal: at.Goal, up_to_week: int) -> list[dt.date]:
    """The dates a goal was done, following its cadence, minus skipped weeks."""
    dates = []
    for week in range(GOALS_FROM_WEEK, up_to_week + 1):
        if week in SKIPPED.get(goal.id, ()):
            continue
        monday = FIRST_MONDAY + dt.timedelta(weeks=week - 1)
        if goal.cadence.per is at.Period.DAY:
            dates += [monday + dt.timedelta(days=d) for d in range(7) if d != 2]
        else:
            times = goal.cadence.times if goal.cadence.per is at.Period.WEEK else 1
            dates += [monday + dt.timedelta(days=2 + 2 * t) for t in range(times)]
    return dates


def progress_cell(goals: list[at.Goal], week: int) -> str:
    cells = []
    for goal in goals:
        progress = at.goal_progress(goal, done_dates(goal, week), as_of=sunday(week))
        name = SHORT_NAMES[goal.practice]
        cells.append(f"{name} {progress.periods_met}/{progress.periods_due} run {progress.streak}")
    return ", ".join(cells) or "-"


def main() -> int:
    colour = sys.stdout.isatty()
    checkins: list[at.CheckIn] = []
    goals: list[at.Goal] = []
    rows: list[tuple[list[str], at.DistanceLevel]] = []
    notes: list[str] = []
    for week in range(1, WEEKS + 1):
        checkins += checkins_for(week)
        assessment = at.assess_distance(checkins, as_of=sunday(week), window_weeks=6)
        if week == GOALS_FROM_WEEK - 1:
            suggestions = at.suggest_goals(assessment)
            goals = take_up(suggestions, sunday(week) + dt.timedelta(days=1))
            notes.extend(f"  - {s.title}: {s.rationale}" for s in suggestions)
        gap = "-" if assessment.perception_gap is None else f"{assessment.perception_gap:.1f}"
        if assessment.out_of_step:
            gap += " out of step"
        mostly = "; ".join(c.label for c in assessment.contributions[:2]) or "-"
        level = assessment.level.value + ("?" if assessment.provisional else "")
        cells = [
            str(week),
            sunday(week).isoformat(),
            f"{assessment.score:.1f}",
            level,
            assessment.trend.value,
            gap,
            progress_cell(goals, week) if week >= GOALS_FROM_WEEK else "-",
            mostly,
        ]
        rows.append((cells, assessment.level))
    headers = ("wk", "sunday", "score", "level", "trend", "gap", "goals", "mostly")
    widths = [max(len(h), *(len(cells[i]) for cells, _ in rows)) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for cells, distance_level in rows:
        text = [c.ljust(w) for c, w in zip(cells, widths, strict=True)]
        if colour:
            text[3] = f"{LEVEL_COLOURS[distance_level]}{text[3]}{RESET}"
        print("  ".join(text).rstrip())
    final = at.assess_distance(checkins, as_of=sunday(WEEKS), window_weeks=WEEKS)
    print()
    print(f"Practices taken up after week {GOALS_FROM_WEEK - 1}:")
    print("\n".join(notes))
    contexts = ", ".join(sorted(e.description for e in final.contexts)) or "none reported"
    print(f"Life events around the weeks distance rose: {contexts}")
    print("goals: periods met / periods due, and the current run of met periods;")
    print("an open week never counts against the couple. '?' marks a provisional level.")
    print("These are patterns in what Alex and Sam reported, not a diagnosis.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
