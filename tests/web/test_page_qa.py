"""The club page as a club with a weekly meet reads it (found in the qa pass)."""

from __future__ import annotations

from datetime import datetime

from bot.clock import ManualClock
from bot.db import SQLiteDatabase
from tests.web.calkit import GUILD, NOW, ORGANISER, TZ, make_club


async def test_a_weekly_meet_does_not_crowd_the_big_meet_off_the_page(db: SQLiteDatabase) -> None:
    club = await make_club(db, ManualClock(NOW))  # a weekly Sunday Drive from 6 June
    await club.services.meets.create(
        GUILD,
        title="Nürburgring 2027",
        starts_at=datetime(2027, 9, 18, 10, 0, tzinfo=TZ),
        location="Nürburgring",
        created_by=ORGANISER,
        capacity=90,
    )
    page = await club.services.calendar.page(GUILD, "Europe/Berlin")
    titles = [e.title for e in page.upcoming]
    # The next three Sundays tell a visitor it repeats; the year's meet is still there.
    assert titles.count("Sunday Drive <b>&") == 3
    assert [e.starts_at.day for e in page.upcoming if e.recurring] == [6, 13, 20]
    assert "Nürburgring weekend" in titles and "Nürburgring 2027" in titles
    assert "Track day" in titles
    # The feed still has every date: calendars want them all.
    feed = await club.services.calendar.events(GUILD)
    assert sum(e.title == "Sunday Drive <b>&" for e in feed) > 3
