"""Quickstart: a couple, three weeks of check-ins, what each partner sees, and storage.

Run: python examples/quickstart.py
"""

from __future__ import annotations

import datetime as dt
import json

import attunement as at

alex = at.Partner(id="alex", name="Alex")
sam = at.Partner(id="sam", name="Sam")
couple = at.Couple(id="alex-sam", partners=(alex, sam), together_since=dt.date(2019, 6, 1))

monday = dt.date(2026, 11, 2)
checkins = [
    at.CheckIn(
        partner_id="alex",
        on=monday,
        closeness=4,
        felt_heard=3,
        stress=3,
        reflection="Busy week, but Sunday's walk was lovely.",
        visibility=at.Visibility.AFTER_BOTH,
    ),
    at.CheckIn(
        partner_id="sam",
        on=monday + dt.timedelta(days=2),
        closeness=5,
        felt_heard=4,
        stress=2,
        appreciation="Thank you for cooking on Wednesday.",
        visibility=at.Visibility.SHARED,
    ),
    at.CheckIn(
        partner_id="alex",
        on=monday + dt.timedelta(weeks=1),
        closeness=3,
        felt_heard=2,
        stress=4,
        signs=frozenset({at.Sign.LOGISTICS_ONLY, at.Sign.PHONE_DISTRACTION}),
        events=frozenset({at.LifeEvent.JOB_CHANGE}),
        reflection="I've been feeling distant lately, and I miss us.",
        visibility=at.Visibility.AFTER_BOTH,
    ),
    at.CheckIn(
        partner_id="sam",
        on=monday + dt.timedelta(weeks=2),
        closeness=4,
        felt_heard=3,
        stress=3,
        reflection="Still thinking about what Alex said.",
        visibility=at.Visibility.PRIVATE,
    ),
]


def show(viewer: at.Partner) -> None:
    print(f"\nWhat {viewer.name} may see:")
    print(f"  {'week':<9}{'who':<6}{'close':>6}{'heard':>6}{'stress':>7}  words and signs")
    for c in at.partner_view(checkins, viewer=viewer.id):
        year, week = c.week
        text = c.reflection or c.appreciation or "-"
        signs = ", ".join(sorted(s.value for s in c.signs))
        detail = f"{text} [{signs}]" if signs else text
        print(
            f"  {year}-W{week:02} {c.partner_id:<6}{c.closeness:>6}{c.felt_heard:>6}"
            f"{c.stress:>7}  {detail}"
        )


print(
    f"{couple.partners[0].name} and {couple.partners[1].name}, together since "
    f"{couple.together_since:%B %Y}"
)
for partner in couple.partners:
    show(partner)

stored = at.to_json(checkins)
loaded = at.from_json(stored, tuple[at.CheckIn, ...])
print(
    f"\nStored {len(checkins)} check-ins as {len(stored)} bytes of JSON (schema "
    f"{json.loads(stored)['schema_version']}); loaded back equal: {loaded == tuple(checkins)}"
)
