"""What Paddock stores for one server, for /about. Never another server's numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.clock import Clock
from bot.db import Database
from bot.db.rows import load


@dataclass(frozen=True, slots=True)
class ServerStats:
    meets: int
    upcoming: int  # not started and not cancelled
    rsvps: int
    counters: int
    check_ins: int
    history: int  # attendance history entries, imported or counted live
    garage_cars: int = 0  # members' cars
    vins: int = 0  # of those, how many carry a VIN (personal data the owner gave)


# Each count is an index range of this server's rows (migration 0005), so /about costs
# the same however much other servers store.
_STATS_SQL = (
    "SELECT (SELECT COUNT(*) FROM meets WHERE guild_id = ?) AS meets, "
    "(SELECT COUNT(*) FROM meets WHERE guild_id = ? AND starts_at > ? "
    "AND cancelled_at IS NULL) AS upcoming, "
    "(SELECT COUNT(*) FROM meet_rsvps WHERE guild_id = ?) AS rsvps, "
    "(SELECT COUNT(*) FROM attendance_counters WHERE guild_id = ?) AS counters, "
    "(SELECT COUNT(*) FROM attendance_events WHERE guild_id = ? AND kind = 'checkin') "
    "AS check_ins, "
    "(SELECT COUNT(*) FROM attendance_history WHERE guild_id = ?) AS history, "
    "(SELECT COUNT(*) FROM garage_cars WHERE guild_id = ?) AS garage_cars, "
    "(SELECT COUNT(*) FROM garage_cars WHERE guild_id = ? AND vin IS NOT NULL) AS vins"
)


async def server_stats(db: Database, guild_id: int, now: datetime) -> ServerStats:
    g = guild_id
    row = await db.fetchone(_STATS_SQL, (g, g, now, g, g, g, g, g, g))
    assert row is not None
    return load(ServerStats, row)


class StatsService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def for_server(self, guild_id: int) -> ServerStats:
        return await server_stats(self.db, guild_id, self.clock.now())
