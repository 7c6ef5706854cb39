"""What /about reports for a server, on a real SQLite file built by the migrations."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.clock import ManualClock
from bot.db import Database
from bot.services.attendance import AttendanceService, RecordsService
from bot.services.guild_settings import GuildSettingsService
from bot.services.meets import MeetService
from bot.services.stats import ServerStats, server_stats
from tests.services.meetkit import GUILD, NOW, OTHER_GUILD, make

VIN = "WBSUR9C50BVZ12345"  # a German-built BMW M: no check digit


async def test_counts_are_this_servers_only(
    db: Database, meets: MeetService, clock: ManualClock
) -> None:
    assert await server_stats(db, GUILD, NOW) == ServerStats(0, 0, 0, 0, 0, 0)

    soon = await make(meets)
    cancelled = await make(meets, title="Rained off")
    await meets.cancel(GUILD, cancelled)
    for user in (1, 2, 3):
        await meets.rsvp(GUILD, soon, user, "going")
    await meets.rsvp(GUILD, soon, 4, "no")
    other = await make(meets, guild=OTHER_GUILD)
    await meets.rsvp(OTHER_GUILD, other, 9, "going")

    attendance = AttendanceService(db, clock, GuildSettingsService(db), MeetService(db, clock))
    await attendance.start(GUILD, soon, channel_id=5, actor_id=9)
    for member in (1, 2):
        await attendance.check_in(GUILD, soon, member)
    await attendance.check_out(GUILD, soon, 2)
    await RecordsService(db, clock).import_entry(
        GUILD,
        cars=80,
        held_on="2023-08-26",
        label="1M Meet 2023",
        series="",
        actor_id=9,
        tz=ZoneInfo("Europe/Berlin"),
    )

    # Two meets (one cancelled, so not upcoming), four answers, one counter, two
    # check-ins (a check-out doesn't undo the record of one), one history entry.
    assert await server_stats(db, GUILD, NOW) == ServerStats(2, 1, 4, 1, 2, 1)
    assert await server_stats(db, OTHER_GUILD, NOW) == ServerStats(1, 1, 1, 0, 0, 0)
    later = NOW + timedelta(days=30)
    assert (await server_stats(db, GUILD, later)).upcoming == 0


async def test_the_garage_is_counted_with_its_vins(db: Database, clock: ManualClock) -> None:
    from bot.render.formatting import stats_text
    from bot.services.garage import GarageService

    garage = GarageService(db, clock)
    await garage.add(GUILD, 1, car=None, model_text="BMW E30 325i", colour="Red")
    await garage.add(GUILD, 2, car=None, model_text="BMW E30 M3", colour="Red", vin=VIN)
    await garage.add(OTHER_GUILD, 1, car=None, model_text="BMW E30 325i", colour="Red", vin=VIN)
    stats = await server_stats(db, GUILD, NOW)
    assert (stats.garage_cars, stats.vins) == (2, 1)
    assert stats_text(stats, "en").endswith(" · 2 garage cars (1 with a VIN)")
    assert stats_text(stats, "de").endswith(" · 2 Autos in Garagen (1 mit FIN)")
    other = await server_stats(db, OTHER_GUILD, NOW)
    assert (other.garage_cars, other.vins) == (1, 1)
