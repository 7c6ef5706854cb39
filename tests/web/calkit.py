"""A club with a recurring meet, a one-off, a cancelled meet and a record, served over
loopback by the real calendar web app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.clock import ManualClock
from bot.db import SQLiteDatabase
from bot.services.container import Services
from bot.services.meets.recurrence import build_rule
from bot.web.server import WebServer, make_app

TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2027, 6, 1, 9, 0, tzinfo=UTC)
FIRST = datetime(2027, 6, 6, 10, 0, tzinfo=TZ)  # a Sunday
GUILD = 111
ORGANISER = 9
MEMBER_NAME = "Zebediah Quux"
MEMBER_ID = 987654321012345678


@dataclass
class Club:
    services: Services
    clock: ManualClock
    rule_id: int
    first_id: int
    oneoff_id: int
    cancelled_id: int


async def make_club(db: SQLiteDatabase, clock: ManualClock) -> Club:
    services = Services.build(db, clock, "Europe/Berlin")
    rule, first = await services.series.create(
        GUILD,
        build_rule("weekly", FIRST, "Europe/Berlin"),
        title="Sunday Drive <b>&",
        location="Völkerschlachtdenkmal, Leipzig",
        created_by=ORGANISER,
        capacity=20,
        description="Coffee first.",
        channel_id=55,
    )
    await services.meets.attach_message(GUILD, first.id, 55, 777)
    await services.meets.rsvp(GUILD, first.id, MEMBER_ID, "going", display_name=MEMBER_NAME)
    oneoff = await services.meets.create(
        GUILD,
        title="Nürburgring weekend",
        starts_at=datetime(2027, 8, 14, 8, 0, tzinfo=TZ),
        location="Nürburgring",
        created_by=ORGANISER,
    )
    cancelled = await services.meets.create(
        GUILD,
        title="Track day",
        starts_at=NOW + timedelta(days=20),
        location="Sachsenring",
        created_by=ORGANISER,
    )
    await services.meets.cancel(GUILD, cancelled.id, "rain")
    await services.records.import_entry(
        GUILD,
        cars=42,
        held_on="2027-05-02",
        label="Sunday Drive May",
        series="Sunday Drive <b>&",
        actor_id=ORGANISER,
        tz=TZ,
    )
    await services.records.import_entry(
        GUILD,
        cars=35,
        held_on="2027-04-04",
        label="Sunday Drive April",
        series="Sunday Drive <b>&",
        actor_id=ORGANISER,
        tz=TZ,
    )
    return Club(services, clock, rule.id, first.id, oneoff.id, cancelled.id)


@asynccontextmanager
async def serving(
    club: Club, discord_locale: str | None = None, server_name: str | None = None
) -> AsyncIterator[str]:
    """The web app on a free loopback port; yields its base URL. `discord_locale` and
    `server_name` are the server's preferred locale and name as the bot's cache would
    report them."""
    app = make_app(
        club.services.calendar,
        club.services.settings,
        club.clock,
        lambda _: discord_locale,
        guild_name=lambda _: server_name,
    )
    server = WebServer(app, "127.0.0.1", 0)
    await server.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        await server.stop()
