"""Store check-ins as JSON documents in SQLite, then load one partner's view back.

Run: python examples/store_in_sqlite.py   (uses a temporary database file)
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
from pathlib import Path

import attunement as at

SCHEMA = """
CREATE TABLE checkins (
    couple_id TEXT NOT NULL,
    partner_id TEXT NOT NULL,
    week TEXT NOT NULL,            -- ISO week, e.g. 2026-W47
    doc BLOB NOT NULL,             -- at.to_json(checkin): versioned JSON
    PRIMARY KEY (couple_id, partner_id, week)
)
"""


def save(db: sqlite3.Connection, couple_id: str, checkin: at.CheckIn) -> None:
    year, week = checkin.week
    db.execute(
        "INSERT OR REPLACE INTO checkins VALUES (?, ?, ?, ?)",
        (couple_id, checkin.partner_id, f"{year}-W{week:02}", at.to_json(checkin)),
    )


def load_for(db: sqlite3.Connection, couple_id: str, viewer: str) -> tuple[at.CheckIn, ...]:
    rows = db.execute(
        "SELECT doc FROM checkins WHERE couple_id = ? ORDER BY week, partner_id", (couple_id,)
    )
    checkins = [at.from_json(doc, at.CheckIn) for (doc,) in rows]
    return at.partner_view(checkins, viewer=viewer)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "app.sqlite3"
        with sqlite3.connect(path) as db:
            db.execute(SCHEMA)
            start = dt.date(2026, 10, 5)
            for week in range(4):
                for partner, closeness in (("alex", 5 - week), ("sam", 5)):
                    save(
                        db,
                        "alex-sam",
                        at.CheckIn(
                            partner_id=partner,
                            on=start + dt.timedelta(weeks=week, days=1),
                            closeness=max(closeness, 1),
                            felt_heard=3,
                            stress=2 + week % 3,
                            reflection=f"{partner}'s private notes for week {week + 1}",
                            visibility=at.Visibility.PRIVATE
                            if partner == "alex"
                            else at.Visibility.SHARED,
                        ),
                    )
            count, size = db.execute("SELECT count(*), sum(length(doc)) FROM checkins").fetchone()
            print(f"Stored {count} check-ins in {path.name}: {size:,} bytes of JSON in all.\n")

            print("Sam's view (Alex's check-ins are private: ratings only):")
            print(f"  {'week':<11}{'who':<6}{'closeness':>10}  reflection")
            for checkin in load_for(db, "alex-sam", viewer="sam"):
                year, week = checkin.week
                text = checkin.reflection or "(hidden)"
                print(
                    f"  {year}-W{week:02}   {checkin.partner_id:<6}{checkin.closeness:>10}  {text}"
                )

            # A corrupted row is refused with its location, never half-read.
            db.execute("UPDATE checkins SET doc = ? WHERE partner_id = 'sam'", (b'{"x": 1}',))
            try:
                load_for(db, "alex-sam", viewer="sam")
            except at.ValidationError as error:
                print(f"\nA damaged row is refused: {error}")


if __name__ == "__main__":
    main()
