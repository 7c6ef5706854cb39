"""Announcement, list and attendee embeds stay inside Discord's limits with hostile text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import discord

from bot.clock import ManualClock
from bot.db import Database
from bot.render.meets import announcement_embed, attendees_embed, list_embed
from bot.services.meets import MeetService

NOW = datetime(2027, 6, 1, 9, 0, tzinfo=UTC)
GUILD = 5
NASTY_TITLE = "*_`~|>" * 16 + "@everyone"  # 105 -> trimmed below
NASTY_CAR = ("**@here** <@&1> " * 6)[:80]


def assert_within_limits(embed: discord.Embed) -> None:
    assert len(embed) <= 6000
    assert len(embed.title or "") <= 256
    assert len(embed.description or "") <= 4096
    assert len(embed.fields) <= 25
    for field in embed.fields:
        assert len(field.name) <= 256
        assert 0 < len(field.value or "") <= 1024


async def test_full_meet_with_hostile_text_fits(db: Database) -> None:
    meets = MeetService(db, ManualClock(NOW))
    meet = await meets.create(
        GUILD,
        title=NASTY_TITLE[:100],
        starts_at=NOW + timedelta(days=3),
        location="_" * 100,
        description="**bold** @everyone\n" * 52 + "x" * 12,
        created_by=1,
        capacity=150,
    )
    for user in range(1000, 1300):
        status = "going" if user < 1200 else "maybe"
        await meets.rsvp(GUILD, meet.id, user, status, car=NASTY_CAR, passengers=8)
    roster = await meets.roster(GUILD, meet.id)
    assert (len(roster.going), len(roster.waitlist), len(roster.maybe)) == (150, 50, 100)

    embed = announcement_embed(roster)
    assert_within_limits(embed)
    going = next(f.value for f in embed.fields if f.name.startswith("Going"))
    assert going is not None
    assert going.splitlines()[-1].endswith("more")
    shown = len(going.splitlines()) - 1
    assert going.splitlines()[-1] == f"+{150 - shown} more"
    assert "**@here**" not in going
    assert "@everyone" not in (embed.description or "").replace("@\u200beveryone", "")
    assert "▰" in next(f.value for f in embed.fields if f.name == "Places")  # type: ignore[operator]
    assert_within_limits(attendees_embed(roster))


async def test_list_of_many_meets_fits(db: Database) -> None:
    meets = MeetService(db, ManualClock(NOW))
    for day in range(1, 31):
        await meets.create(
            GUILD,
            title="~" * 100,
            starts_at=NOW + timedelta(days=day),
            location="*" * 100,
            created_by=1,
        )
    upcoming = await meets.upcoming(GUILD, limit=25)
    assert len(upcoming) == 25
    embed = list_embed(upcoming)
    assert_within_limits(embed)
    assert embed.footer.text == "and 15 more; pick one in /meet info"
