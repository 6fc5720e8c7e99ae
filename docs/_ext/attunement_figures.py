"""Draw the docs' figures at build time from the library's own results.

The figures are never checked in: each build recomputes them from the code
it documents, so a change to a weight or a threshold shows up in the pictures.
"""

from __future__ import annotations

import datetime as dt
import itertools
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attunement as at
from attunement import _distance

if TYPE_CHECKING:
    from sphinx.application import Sphinx

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "_static" / "generated"
FACTOR_COLOURS = {
    at.Factor.CLOSENESS: "#4c72b0",
    at.Factor.FELT_HEARD: "#55a868",
    at.Factor.SIGN: "#c44e52",
    at.Factor.MISSED_WEEKS: "#8c8c8c",
}
LEVEL_COLOURS = ("#e8f4ea", "#fdf5dc", "#fbe6d4", "#f6d5d5")


def _drifting_couple() -> ModuleType:
    # The example is the single source of the story the docs tell.
    sys.path.insert(0, str(HERE.parents[1] / "examples"))
    try:
        import drifting_couple  # noqa: PLC0415
    finally:
        sys.path.pop(0)
    return drifting_couple


def distance_figure(path: Path) -> None:
    import matplotlib as mpl  # noqa: PLC0415 - a docs-only dependency

    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    story = _drifting_couple()
    weeks = list(range(1, story.WEEKS + 1))
    checkins: list[at.CheckIn] = []
    stacks: dict[at.Factor, list[float]] = {factor: [] for factor in at.Factor}
    levels = []
    for week in weeks:
        checkins.extend(story.checkins_for(week))
        reading = at.assess_distance(checkins, as_of=story.sunday(week))
        for factor in at.Factor:
            points = (c.points for c in reading.contributions if c.factor is factor)
            stacks[factor].append(sum(points))
        levels.append(reading.level)

    fig, ax = plt.subplots(figsize=(8, 4.0), dpi=110)
    edges = (0.0, *_distance.LEVEL_THRESHOLDS, 100.0)
    for (low, high), colour, level in zip(
        itertools.pairwise(edges), LEVEL_COLOURS, at.DistanceLevel, strict=True
    ):
        ax.axhspan(low, high, color=colour, zorder=0)
        ax.text(16.6, (low + min(high, 70)) / 2, level.value, va="center", fontsize=8, alpha=0.7)
    bottom = [0.0] * len(weeks)
    for factor, values in stacks.items():
        ax.bar(weeks, values, bottom=bottom, color=FACTOR_COLOURS[factor], label=factor.value)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.axvline(story.NEW_JOB_WEEK - 0.5, color="black", linestyle=":", linewidth=1)
    ax.text(story.NEW_JOB_WEEK - 0.4, 66, "new job", fontsize=8)
    ax.axvline(story.GOALS_FROM_WEEK - 0.5, color="black", linestyle="--", linewidth=1)
    ax.text(story.GOALS_FROM_WEEK - 0.4, 66, "practices taken up", fontsize=8)
    ax.set_xlim(0.4, 17.8)
    ax.set_ylim(0, 70)
    ax.set_xticks(weeks)
    ax.set_xlabel("week")
    ax.set_ylabel("distance score (0-100)")
    ax.set_title("Alex and Sam: the distance score and what it is made of", fontsize=10)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=8, frameon=False, ncols=4)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def profile_figure(path: Path) -> None:
    import matplotlib as mpl  # noqa: PLC0415

    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    check = at.SELF_CHECK
    # Two self-checks five months apart, answered as in the tutorial.
    june = {
        i.id: 3 if i.reverse or i.subscale is at.Subscale.I_POSITION else 4 for i in check.items
    }
    november = {i.id: 2 if i.reverse else 5 for i in check.items}
    answers = [june, november]
    profiles = [
        at.score_self_rating(
            at.SelfRating(partner_id="alex", on=on, instrument_id=check.id, answers=a), check
        )
        for on, a in zip((dt.date(2026, 6, 1), dt.date(2026, 11, 1)), answers, strict=True)
    ]
    facets = list(at.Subscale)
    fig, ax = plt.subplots(figsize=(7, 3.2), dpi=110)
    width = 0.38
    for offset, profile, label, colour in (
        (-width / 2, profiles[0], "June", "#a1b9d9"),
        (width / 2, profiles[1], "November", "#4c72b0"),
    ):
        values = [profile.subscales[f] or 0.0 for f in facets]
        ax.barh(
            [i + offset for i in range(len(facets))],
            values,
            height=width,
            label=label,
            color=colour,
        )
    ax.set_yticks(range(len(facets)), [f.value.replace("_", " ") for f in facets])
    ax.set_xlim(check.low, check.high)
    ax.set_xlabel(f"mean on the {check.low}-{check.high} scale (higher = more differentiated)")
    ax.set_title("A differentiation profile across the four facets", fontsize=10)
    ax.invert_yaxis()
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _generate(_app: Sphinx) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    distance_figure(OUT / "distance-16-weeks.png")
    profile_figure(OUT / "differentiation-profile.png")


def _make_static_folder(_app: Sphinx, _config: object) -> None:
    # Before Sphinx checks html_static_path: a fresh clone has no _static yet.
    OUT.mkdir(parents=True, exist_ok=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _make_static_folder)
    app.connect("builder-inited", _generate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
