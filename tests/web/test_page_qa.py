"""The club page as a club with a weekly meet reads it (found in the qa pass)."""

from __future__ import annotations

from datetime import datetime

import aiohttp

from bot.clock import ManualClock
from bot.db import SQLiteDatabase
from tests.web.calkit import GUILD, NOW, ORGANISER, TZ, make_club, serving


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


async def test_a_place_given_as_a_link_is_the_pages_map_link(db: SQLiteDatabase) -> None:
    club = await make_club(db, ManualClock(NOW))
    link = "https://maps.app.goo.gl/Rk3bQ9"
    await club.services.meets.create(
        GUILD,
        title="Ring meet",
        starts_at=datetime(2027, 9, 18, 10, 0, tzinfo=TZ),
        location=link,
        created_by=ORGANISER,
    )
    async with serving(club) as base:
        secret = await club.services.calendar.secret(GUILD)
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"{base}/cal/{secret}/") as resp,
        ):
            html = await resp.text()
    # The announcement opens the organiser's own link; the page must too, not an
    # OpenStreetMap search for the text of a URL.
    assert f'href="{link}"' in html
    assert "search?query=https" not in html
    assert 'href="https://www.openstreetmap.org/search?query=Sachsenring"' in html


async def test_a_club_with_one_series_shows_its_chart_once(db: SQLiteDatabase) -> None:
    club = await make_club(db, ManualClock(NOW))  # every imported meet is a Sunday Drive
    shown = await club.services.calendar.records_shown(GUILD)
    # It showed "All meets" and then the Sunday Drive: the same bars and record twice.
    assert [r.series for r in shown] == ["Sunday Drive <b>&"]
    async with serving(club) as base:
        secret = await club.services.calendar.secret(GUILD)
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{base}/cal/{secret}/") as resp:
                html = await resp.text()
            async with session.get(f"{base}/cal/{secret}/chart-1.png") as second:
                assert second.status == 404
    assert html.count('class="chart"') == 1
    assert "All meets" not in html
    # A meet outside the series makes the whole server's history differ: both show.
    await club.services.records.import_entry(
        GUILD, cars=20, held_on="2027-03-07", label="Spring", series="", actor_id=ORGANISER, tz=TZ
    )
    both = await club.services.calendar.records_shown(GUILD)
    assert [r.series for r in both] == ["", "Sunday Drive <b>&"]


async def test_the_page_heading_names_the_server_escaped(db: SQLiteDatabase) -> None:
    club = await make_club(db, ManualClock(NOW))
    secret = await club.services.calendar.secret(GUILD)
    pages = []
    for locale in ("en-US", "de"):
        async with (
            serving(club, locale, server_name="<b>Ring & Co</b>") as base,
            aiohttp.ClientSession() as session,
            session.get(f"{base}/cal/{secret}/") as resp,
        ):
            pages.append(await resp.text())
    english, german = pages
    # The heading was only "Club meets": a visitor couldn't tell whose meets these were.
    assert "<h1>&lt;b&gt;Ring &amp; Co&lt;/b&gt;: club meets</h1>" in english
    assert "<title>&lt;b&gt;Ring &amp; Co&lt;/b&gt;: club meets</title>" in english
    assert "<h1>&lt;b&gt;Ring &amp; Co&lt;/b&gt;: Clubtreffen</h1>" in german
    assert "<b>Ring" not in english + german
    async with serving(club) as base, aiohttp.ClientSession() as session:
        async with session.get(f"{base}/cal/{secret}/") as resp:
            assert "<h1>Club meets</h1>" in await resp.text()  # name not in the cache
