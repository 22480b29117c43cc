"""Document numbers (发文字号): each school's number of a year, assigned once and kept whatever the batch's order."""

from __future__ import annotations

import datetime as dt

from jigong.pipeline.store import Store


def assign(store: Store, year: int, schools: list[str], first: int = 1) -> dict[str, int]:
    """The number of each school for the year: the one it was given before, else the next free one (from `first`)."""
    with store.transaction() as conn:
        known = dict(conn.execute("SELECT school, number FROM doc_numbers WHERE year = ?", (year,)).fetchall())
        taken = max(known.values(), default=first - 1)
        stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        for school in schools:
            if school not in known:
                taken = max(taken + 1, first)
                known[school] = taken
                conn.execute("INSERT INTO doc_numbers VALUES (?, ?, ?, ?)", (year, school, taken, stamp))
    return {school: int(known[school]) for school in schools}


def numbers_of(store: Store, year: int) -> dict[str, int]:
    """Each school's number of the year, as assigned."""
    rows = store.conn.execute("SELECT school, number FROM doc_numbers WHERE year = ?", (year,)).fetchall()
    return {str(school): int(number) for school, number in rows}
