"""Announcement, list and attendee embeds stay inside Discord's limits with hostile text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import discord
import pytest

from bot.clock import ManualClock
from bot.db import Database
from bot.render.meets import announcement_embed, attendees_embed, list_embed
from bot.services.meets import MeetService, Roster

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


def going_values(embed: discord.Embed) -> list[str]:
    """The Going list's values: its first field and any continuation fields after it."""
    names = [f.name or "" for f in embed.fields]
    start = next(i for i, n in enumerate(names) if n.startswith(("Going (", "Zusagen (")))
    values = [embed.fields[start].value or ""]
    for field in embed.fields[start + 1 :]:
        if field.name not in ("Going (continued)", "Zusagen (Fortsetzung)"):
            break
        values.append(field.value or "")
    return values


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
    going = "\n".join(going_values(embed))
    # Cars give way so that all 150 members are listed, over continuation fields.
    assert [line.split(" ")[0] for line in going.splitlines()] == [
        f"<@{r.user_id}>" for r in roster.going
    ]
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


def club_car(user: int) -> str:
    """An 80-character car name, different for every member."""
    return f"BMW 1M Coupé {user} Valencia Orange, Akrapovič exhaust, KW V3 coilovers, CSL wing"[
        :80
    ].ljust(80, "x")


async def big_meet(db: Database, going: int, description: str = "Meet at the Ring.") -> Roster:
    meets = MeetService(db, ManualClock(NOW))
    meet = await meets.create(
        GUILD,
        title="Nürburgring Nordschleife – 1M Owners' Day",
        starts_at=NOW + timedelta(days=3),
        location="Parkplatz T13, Nürburg",
        description=description,
        created_by=1,
    )
    for user in range(10**17, 10**17 + going):
        await meets.rsvp(GUILD, meet.id, user, "going", car=club_car(user))
    for user in range(10**18, 10**18 + 3):
        await meets.rsvp(GUILD, meet.id, user, "maybe", car=club_car(user))
    return await meets.roster(GUILD, meet.id)


@pytest.mark.parametrize("lang", ["en", "de"])
async def test_ninety_cars_with_long_names_all_show(db: Database, lang: str) -> None:
    roster = await big_meet(db, 90)
    assert len(club_car(1)) == 80 and len(roster.going) == 90
    embed = announcement_embed(roster, lang=lang)
    assert_within_limits(embed)
    lines = "\n".join(going_values(embed)).splitlines()
    # The old renderer showed 9 of the 90 in one field; every member fits if cars are shortened.
    assert [line.split(" ")[0] for line in lines] == [f"<@{r.user_id}>" for r in roster.going]
    assert not any(line.startswith("+") for line in lines)
    assert all(" · BMW 1M Coupé" in line for line in lines), "cars shortened, not dropped"
    assert all(line.endswith("…") for line in lines), "cut cars say they were cut"
    continued = "Zusagen (Fortsetzung)" if lang == "de" else "Going (continued)"
    assert len(going_values(embed)) > 1
    assert [f.name for f in embed.fields].count(continued) == len(going_values(embed)) - 1
    maybe = next(f for f in embed.fields if (f.name or "").startswith(("Maybe (", "Vielleicht (")))
    assert [line.split(" ")[0] for line in (maybe.value or "").splitlines()] == [
        f"<@{r.user_id}>" for r in roster.maybe
    ]


async def test_small_meet_keeps_whole_car_names(db: Database) -> None:
    roster = await big_meet(db, 5)
    embed = announcement_embed(roster)
    assert_within_limits(embed)
    assert going_values(embed) == ["\n".join(f"<@{r.user_id}> · {r.car}" for r in roster.going)]


async def test_long_description_drops_cars_before_members(db: Database) -> None:
    roster = await big_meet(db, 250, description=("*_" * 24 + "\n") * 20)
    embed = announcement_embed(roster)
    assert_within_limits(embed)
    assert len(embed.description or "") > 1900
    lines = "\n".join(going_values(embed)).splitlines()
    shown = len(lines) - 1
    # Old: 9 shown. Without cars about 150 fit beside the long description.
    assert 120 <= shown < 250, shown
    assert lines[-1] == f"+{250 - shown} more"
    assert [line.split(" ")[0] for line in lines[:-1]] == [
        f"<@{r.user_id}>" for r in roster.going[:shown]
    ]
    assert all(" · " not in line for line in lines), "cars go before members do"
    assert len(embed) > 5000, "the room the rest leaves is used"
