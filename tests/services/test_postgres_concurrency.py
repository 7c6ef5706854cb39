"""What SQLite's single writer gave for free, held on PostgreSQL by several processes.

Each `PostgresDatabase` below has its own connection pool, as each bot process would;
their writes race for real on one server (bot/db/postgres.py: SERIALIZABLE with
retries, or READ COMMITTED behind a row lock). Exactly one of them may break the record,
claim its announcement, or claim a reminder; no check-in may be lost; a capped meet
never takes more than its places, whoever presses at the same moment.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import asyncpg
import pytest

from bot.clock import ManualClock
from bot.db import Tx
from bot.db.postgres import PostgresDatabase
from bot.services.attendance import AttendanceService, RecordsService
from bot.services.guild_settings import GuildSettingsService
from bot.services.meets import MeetService
from bot.services.meets.reminders import ReminderService, schedule_reminders
from bot.services.outbox import OutboxService
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


async def capped_meet(db: PostgresDatabase, places: int) -> int:
    meets = MeetService(db, ManualClock(NOW))
    meet = await meets.create(
        GUILD,
        title="Capped",
        starts_at=NOW + timedelta(days=2),
        location="Ring",
        created_by=ORGANISER,
        capacity=places,
    )
    return meet.id


async def test_racing_rsvps_never_overfill_a_capped_meet(
    processes: list[PostgresDatabase],
) -> None:
    places, per_process = 5, 12
    meet_id = await capped_meet(processes[0], places)
    services = [MeetService(db, ManualClock(NOW)) for db in processes]

    results = await asyncio.gather(
        *(
            services[p].rsvp(GUILD, meet_id, 2000 + p * per_process + i, "going")
            for i in range(per_process)
            for p in range(PROCESSES)
        )
    )

    going = [r for r in results if r.rsvp.status == "going"]
    waiting = [r for r in results if r.rsvp.status == "waitlist"]
    assert len(going) == places
    assert sorted(r.waitlist_position or 0 for r in waiting) == list(
        range(1, PROCESSES * per_process - places + 1)
    )
    seqs = [r.rsvp.seq for r in results]
    assert sorted(seqs) == list(range(1, len(results) + 1))
    meet = await services[1].get(GUILD, meet_id)
    assert (meet.going, meet.waitlist) == (places, PROCESSES * per_process - places)


async def test_an_rsvp_waits_for_another_process_taking_the_last_place(
    processes: list[PostgresDatabase], postgres_url: str
) -> None:
    """Another process holds the meet (mid-RSVP) and takes its last place: this RSVP
    must wait for it and then join the waitlist, not decide on the count it saw."""
    meet_id = await capped_meet(processes[0], 1)
    meets = MeetService(processes[1], ManualClock(NOW))
    other = await asyncpg.connect(postgres_url)
    try:
        waiting_before = await _lock_waits(other)
        tx = other.transaction()
        await tx.start()
        await other.execute("SELECT id FROM meets WHERE id = $1 FOR UPDATE", meet_id)
        pressed = asyncio.ensure_future(meets.rsvp(GUILD, meet_id, 3001, "going"))
        await _until_waiting(other, waiting_before + 1)
        await other.execute(
            "INSERT INTO meet_rsvps (meet_id, guild_id, user_id, status, seq, responded_at) "
            "VALUES ($1, $2, 3000, 'going', 1, '2024-08-24T10:00:00.000Z')",
            meet_id,
            GUILD,
        )
        await tx.commit()
        result = await asyncio.wait_for(pressed, 30)
    finally:
        await other.close()

    assert (result.rsvp.status, result.waitlist_position, result.rsvp.seq) == ("waitlist", 1, 2)
    assert (result.meet.going, result.meet.waitlist) == (1, 1)


async def test_a_check_in_waits_for_another_process_checking_in_on_the_same_counter(
    processes: list[PostgresDatabase], postgres_url: str
) -> None:
    """Another process holds the counter (mid-check-in) and moves it to 1 car: this
    check-in must wait for it and count the second car, not write back the total it saw."""
    first = processes[0]
    meet_id = await add_meet(first)
    await attendance(first).start(GUILD, meet_id, channel_id=5, actor_id=ORGANISER)
    other = await asyncpg.connect(postgres_url)
    try:
        waiting_before = await _lock_waits(other)
        tx = other.transaction()
        await tx.start()
        await other.execute(
            "SELECT meet_id FROM attendance_counters WHERE meet_id = $1 FOR UPDATE", meet_id
        )
        pressed = asyncio.ensure_future(attendance(processes[1]).check_in(GUILD, meet_id, 4001))
        await _until_waiting(other, waiting_before + 1)
        await other.execute(
            "INSERT INTO attendance_events (guild_id, meet_id, kind, member_id, delta, "
            "actor_id, total_after, at) VALUES ($1, $2, 'checkin', 4000, 1, 4000, 1, "
            "'2024-08-24T10:00:00.000Z')",
            GUILD,
            meet_id,
        )
        await other.execute(
            "UPDATE attendance_counters SET checked_in = 1, high_water = 1 WHERE meet_id = $1",
            meet_id,
        )
        await tx.commit()
        change = await asyncio.wait_for(pressed, 30)
    finally:
        await other.close()

    assert (change.status, change.checked_in, change.car) == ("checked_in", 2, 2)
    state = await attendance(first).state(GUILD, meet_id)
    assert (state.checked_in, state.high_water) == (2, 2)


async def _until_waiting(conn: asyncpg.Connection, backends: int) -> None:
    """Poll until `backends` wait for a lock here (a generous ceiling, no fixed sleep)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 20
    while await _lock_waits(conn) < backends:
        assert loop.time() < deadline, "the RSVP never waited for the meet's lock"
        await asyncio.sleep(0.01)


async def _lock_waits(conn: asyncpg.Connection) -> int:
    """Backends of this database waiting for a lock (a row lock among them)."""
    return int(
        await conn.fetchval(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'"
        )
    )


async def test_a_mark_raised_while_its_clearing_waits_stays(
    processes: list[PostgresDatabase], postgres_url: str
) -> None:
    """Another process is raising the announcement's mark (an RSVP not yet committed)
    while this one clears the version it rendered: the clearing, one autocommitted
    statement, must wait for it and then leave the newer mark standing."""
    meet_id = await capped_meet(processes[0], 5)
    outbox = OutboxService(processes[1])
    rendered = await outbox.version("announcement", meet_id)
    other = await asyncpg.connect(postgres_url)
    try:
        waiting_before = await _lock_waits(other)
        tx = other.transaction()
        await tx.start()
        await other.execute(
            "UPDATE visible_outbox SET version = version + 1 "
            "WHERE kind = 'announcement' AND meet_id = $1",
            meet_id,
        )
        cleared = asyncio.ensure_future(outbox.done("announcement", meet_id, rendered))
        await _until_waiting(other, waiting_before + 1)
        await tx.commit()
        assert not await asyncio.wait_for(cleared, 30)
    finally:
        await other.close()

    assert await outbox.version("announcement", meet_id) == (rendered or 0) + 1
