"""What SQLite's single writer gave for free, held on PostgreSQL by several processes.

Each `PostgresDatabase` below has its own connection pool, as each bot process would;
their writes race for real on one server (bot/db/postgres.py: SERIALIZABLE with
retries). Exactly one of them may break the record, claim its announcement, or claim a
reminder; no check-in may be lost.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.db import Tx
from bot.db.postgres import PostgresDatabase
from bot.services.attendance import AttendanceService, RecordsService
from bot.services.guild_settings import GuildSettingsService
from bot.services.meets import MeetService
from bot.services.meets.reminders import ReminderService, schedule_reminders
from tests.services.test_attendance import GUILD, NOW, ORGANISER, add_meet, import_80

PROCESSES = 4


@pytest.fixture
async def processes(postgres_url: str) -> AsyncIterator[list[PostgresDatabase]]:
    handles = [PostgresDatabase(postgres_url) for _ in range(PROCESSES)]
    try:
        for handle in handles:
            await handle.connect()
        yield handles
    finally:
        for handle in handles:
            await handle.close()


def attendance(db: PostgresDatabase) -> AttendanceService:
    clock = ManualClock(NOW)
    return AttendanceService(db, clock, GuildSettingsService(db), MeetService(db, clock))


async def test_racing_check_ins_count_exactly_and_break_the_record_once(
    processes: list[PostgresDatabase],
) -> None:
    first = processes[0]
    meet_id = await add_meet(first)
    await attendance(first).start(GUILD, meet_id, channel_id=5, actor_id=ORGANISER)
    await import_80(RecordsService(first, ManualClock(NOW)))
    services = [attendance(db) for db in processes]

    per_process = 30
    changes = await asyncio.gather(
        *(
            services[p].check_in(GUILD, meet_id, member_id=1000 + p * per_process + i)
            for i in range(per_process)
            for p in range(PROCESSES)
        )
    )

    total = PROCESSES * per_process
    assert sorted(c.checked_in for c in changes) == list(range(1, total + 1))
    assert [c.checked_in for c in changes if c.record_broken] == [81]
    state = await services[1].state(GUILD, meet_id)
    assert state.checked_in == total

    claims = await asyncio.gather(
        *(s.claim_announcement(GUILD, meet_id, 7) for s in services for _ in range(3))
    )
    assert claims.count(True) == 1


async def test_racing_reminder_claims_have_one_winner(
    processes: list[PostgresDatabase],
) -> None:
    first = processes[0]
    meet_id = await add_meet(first, starts_at=NOW + timedelta(days=2))

    async def schedule(tx: Tx) -> None:
        await schedule_reminders(tx, meet_id, NOW + timedelta(days=2), (60, 1440), NOW)

    await first.write(schedule)
    ids = [int(r["id"]) for r in await first.fetchall("SELECT id FROM meet_reminders", ())]
    assert len(ids) == 2
    reminders = [ReminderService(db, ManualClock(NOW)) for db in processes]

    claims = await asyncio.gather(
        *(r.claim(reminder_id) for reminder_id in ids for r in reminders for _ in range(2))
    )
    per_reminder = [claims[i * 2 * PROCESSES : (i + 1) * 2 * PROCESSES] for i in range(len(ids))]
    assert [c.count(True) for c in per_reminder] == [1, 1]
