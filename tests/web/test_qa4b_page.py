"""The club page's chart descriptions (the qa4b pass): the whole server's chart is the
club's, not "of All meets", and one meet is one meet, not "the last 1 meets"."""

from __future__ import annotations

import aiohttp
import pytest

from bot.clock import ManualClock
from bot.db import SQLiteDatabase
from tests.web.calkit import GUILD, NOW, ORGANISER, TZ, Club, make_club, serving


@pytest.fixture
async def club(db: SQLiteDatabase) -> Club:
    made = await make_club(db, ManualClock(NOW))
    # A second series with a single meet: the page then shows the whole server too.
    await made.services.records.import_entry(
        GUILD,
        cars=1234,
        held_on="2026-08-22",
        label="Ring 2026",
        series="Nürburgring",
        actor_id=ORGANISER,
        tz=TZ,
    )
    return made


async def page_html(club: Club) -> str:
    secret = await club.services.calendar.secret(GUILD)
    async with (
        serving(club) as base,
        aiohttp.ClientSession() as session,
        session.get(f"{base}/cal/{secret}/") as resp,
    ):
        assert resp.status == 200
        return await resp.text()


@pytest.mark.parametrize(
    ("language", "whole", "single", "several"),
    [
        (
            "de",
            'alt="Balkendiagramm der Autos bei den letzten 3 Treffen des Clubs.',
            'alt="Balkendiagramm der Autos beim letzten Treffen von Nürburgring.',
            'alt="Balkendiagramm der Autos bei den letzten 2 Treffen von Sunday Drive',
        ),
        (
            "en",
            'alt="Bar chart of cars at the club&#39;s last 3 meets.',
            'alt="Bar chart of cars at the last meet of Nürburgring.',
            'alt="Bar chart of cars at the last 2 meets of Sunday Drive',
        ),
    ],
)
async def test_chart_descriptions_read_right_for_the_club_and_for_one_meet(
    club: Club, language: str, whole: str, single: str, several: str
) -> None:
    await club.services.settings.update(GUILD, language=language)
    html = await page_html(club)
    assert whole in html, html
    assert single in html
    assert several in html
    assert "Alle Treffen." not in html and "All meets." not in html
    assert " 1 Treffen" not in html and " 1 meets" not in html
