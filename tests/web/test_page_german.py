"""The club page and the feed speak the server's language, as its posts on Discord do:
/config language, else the server's Discord language, else English."""

from __future__ import annotations

import aiohttp
import pytest
from icalendar import Calendar

from bot.clock import ManualClock
from bot.db import SQLiteDatabase
from tests.web.calkit import GUILD, NOW, Club, make_club, serving
from tests.web.test_page_browser import visible_text


@pytest.fixture
async def club(db: SQLiteDatabase) -> Club:
    return await make_club(db, ManualClock(NOW))


async def fetch(url: str) -> bytes:
    async with aiohttp.ClientSession() as session, session.get(url) as resp:
        assert resp.status == 200
        return await resp.read()


async def test_a_german_server_gets_a_german_page_chart_and_feed(club: Club) -> None:
    await club.services.settings.update(GUILD, language="de")
    secret = await club.services.calendar.secret(GUILD)
    async with serving(club) as base:
        html = (await fetch(f"{base}/cal/{secret}/")).decode()
        feed = await fetch(f"{base}/cal/{secret}.ics")
        png = await fetch(f"{base}/cal/{secret}/chart-0.png")
    assert '<html lang="de">' in html
    assert "<title>Clubtreffen</title>" in html
    assert "Anstehende Treffen" in html and "Anwesenheitsrekorde" in html
    assert "Sonntag, 6. Juni 2027, 10:00 CEST" in html
    assert "1 dabei · 19 Plätze frei" in html
    assert "Rekord: <strong>42 Autos</strong> bei Sunday Drive May, 2. Mai 2027." in html
    assert 'alt="Balkendiagramm der Autos bei den letzten 2 Treffen von Sunday Drive' in html
    assert "Der Rekord liegt bei 42 Autos. Zuletzt: 4. Apr. 2027: 35, 2. Mai 2027: 42." in html
    assert "abgesagt" in html and "wiederkehrend" in html
    assert "Sunday Drive &lt;b&gt;&amp;" in html and "<b>&" not in html  # still escaped
    shown = visible_text(html)
    for english in ("Upcoming meets", "places left", "Record", "cancelled", "map", "going"):
        assert english not in shown
    assert "Bar chart" not in html
    calendar = Calendar.from_ical(feed)
    assert str(calendar["X-WR-CALNAME"]) == "Clubtreffen (Paddock)"
    described = [str(e.get("DESCRIPTION", "")) for e in calendar.walk("VEVENT")]
    assert any("Ankündigung: https://discord.com/channels/" in d for d in described)
    assert not any("Announcement:" in d for d in described)
    assert png.startswith(b"\x89PNG")


async def test_the_servers_discord_language_counts_until_config_language_is_set(
    club: Club,
) -> None:
    secret = await club.services.calendar.secret(GUILD)
    async with serving(club, discord_locale="de") as base:
        german = (await fetch(f"{base}/cal/{secret}/")).decode()
        await club.services.settings.update(GUILD, language="en")
        english = (await fetch(f"{base}/cal/{secret}/")).decode()
    assert '<html lang="de">' in german and "Anstehende Treffen" in german
    assert '<html lang="en">' in english and "Upcoming meets" in english
    assert "1 going · 19 places left" in english
