"""Every service, built once over one database and one clock (the composition root's parts).

The bot builds one `Services` at start-up and hands it to cogs and flows typed, so no
cog constructs a service and no service constructs another behind the caller's back.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.db import Database
from bot.services.attendance import AttendanceService, RecordsService
from bot.services.club_calendar import CalendarService
from bot.services.garage import GarageService
from bot.services.guild_settings import GuildSettingsService
from bot.services.meets import MeetService, ReminderService
from bot.services.meets.drafts import DraftService
from bot.services.meets.series import SeriesService
from bot.services.outbox import OutboxService
from bot.services.specs.lookup import SpecsLookup
from bot.services.stats import StatsService


@dataclass(frozen=True, slots=True)
class Services:
    settings: GuildSettingsService
    meets: MeetService
    drafts: DraftService
    reminders: ReminderService
    attendance: AttendanceService
    records: RecordsService
    stats: StatsService
    specs: SpecsLookup  # filled by the /specs extension when it loads
    garage: GarageService
    series: SeriesService
    calendar: CalendarService
    outbox: OutboxService

    @classmethod
    def build(cls, db: Database, clock: Clock, default_timezone: str) -> Services:
        settings = GuildSettingsService(db, default_timezone)
        meets = MeetService(db, clock)
        records = RecordsService(db, clock)
        series = SeriesService(db, clock, meets, settings)
        return cls(
            settings=settings,
            meets=meets,
            drafts=DraftService(db, clock, meets),
            reminders=ReminderService(db, clock),
            attendance=AttendanceService(db, clock, settings, meets),
            records=records,
            stats=StatsService(db, clock),
            specs=SpecsLookup(),
            garage=GarageService(db, clock),
            series=series,
            calendar=CalendarService(db, clock, series, records),
            outbox=OutboxService(db),
        )
