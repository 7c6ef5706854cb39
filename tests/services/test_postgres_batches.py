"""A process's RSVPs on one meet, batched on PostgreSQL: merged into one statement where
each is one server call (bot/db/postgres.py, `_Merge`), in order where one needs more;
one that arrives alone as one autocommitted statement (`_AloneTx`), in a transaction
where it needs more.

Either way the batch must give exactly what the writes one after another would: the
places in press order, the line behind them, a promotion before the next press's
decision, and each caller its own error.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.db import Tx, postgres
from bot.db.postgres import PostgresDatabase
from bot.errors import NeedsAnswer
from bot.services.attendance import AttendanceService, RecordsService
from bot.services.guild_settings import GuildSettingsService
from bot.services.meets import MeetService
from bot.services.outbox import OutboxService
from tests.services.test_attendance import BERLIN, GUILD, NOW, ORGANISER, add_meet
from tests.services.test_postgres_concurrency import capped_meet


@pytest.fixture
async def db(postgres_url: str) -> AsyncIterator[PostgresDatabase]:
    handle = PostgresDatabase(postgres_url)
    await handle.connect()
    try:
        yield handle
    finally:
        await handle.close()


@pytest.fixture
def merged(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many calls each merged statement carried."""
    sizes: list[int] = []
    send = postgres._Merge._send

    async def counted(self: Any) -> None:
        sizes.append(len(self.calls))
        await send(self)

    monkeypatch.setattr(postgres._Merge, "_send", counted)
    return sizes


async def test_a_burst_on_one_meet_merges_and_keeps_press_order(
    db: PostgresDatabase, merged: list[int]
) -> None:
    meet_id = await capped_meet(db, 5)
    meets = MeetService(db, ManualClock(NOW))

    results = await asyncio.gather(
        *(meets.rsvp(GUILD, meet_id, 5000 + i, "going") for i in range(25))
    )

    assert sum(merged) >= 20 and max(merged) == postgres.WRITE_BATCH
    assert [r.rsvp.seq for r in results] == list(range(1, 26))
    assert [r.rsvp.status for r in results] == ["going"] * 5 + ["waitlist"] * 20
    assert [r.waitlist_position for r in results[5:]] == list(range(1, 21))
    assert [(r.meet.going, r.meet.waitlist) for r in results[-2:]] == [(5, 19), (5, 20)]
    meet = await meets.get(GUILD, meet_id)
    assert (meet.going, meet.waitlist) == (5, 20)


async def test_a_promotion_in_a_batch_comes_before_the_next_press(
    db: PostgresDatabase, merged: list[int]
) -> None:
    meet_id = await capped_meet(db, 2)
    meets = MeetService(db, ManualClock(NOW))
    for user in (1, 2, 3, 4):  # 1 and 2 going, 3 and 4 waiting
        await meets.rsvp(GUILD, meet_id, user, "going")
    merged.clear()

    dropped, joined, changed = await asyncio.gather(
        meets.rsvp(GUILD, meet_id, 1, "no"),  # frees a place: 3 moves up
        meets.rsvp(GUILD, meet_id, 5, "going"),  # decided after the promotion
        meets.rsvp(GUILD, meet_id, 4, "maybe"),
    )

    assert merged == [3]  # sent merged first, then again one after another
    assert dropped.promoted == (3,)
    assert (joined.rsvp.status, joined.waitlist_position) == ("waitlist", 2)
    assert changed.rsvp.status == "maybe"
    roster = await meets.roster(GUILD, meet_id)
    assert [r.user_id for r in roster.going] == [2, 3]
    assert [r.user_id for r in roster.waitlist] == [5]


async def test_a_failing_press_in_a_merged_batch_fails_alone(
    db: PostgresDatabase, merged: list[int]
) -> None:
    meet_id = await capped_meet(db, 10)
    meets = MeetService(db, ManualClock(NOW))

    results = await asyncio.gather(
        meets.rsvp(GUILD, meet_id, 1, "going"),
        meets.rsvp(GUILD, meet_id, 2, None, car="Civic"),  # no answer yet: refused
        meets.rsvp(GUILD, meet_id, 3, "going"),
        return_exceptions=True,
    )

    assert merged  # it was merged first
    assert isinstance(results[1], NeedsAnswer)
    assert [r.rsvp.seq for r in (results[0], results[2])] == [1, 2]  # type: ignore[union-attr]
    meet = await meets.get(GUILD, meet_id)
    assert meet.going == 2


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """How each write ran: "alone" (one autocommitted statement) or in a transaction."""
    seen: list[str] = []
    transaction = PostgresDatabase._transaction

    async def recorded(self: PostgresDatabase, conn: Any, fn: Any, isolation: str) -> Any:
        seen.append(isolation)
        return await transaction(self, conn, fn, isolation)

    monkeypatch.setattr(PostgresDatabase, "_transaction", recorded)
    return seen


async def test_a_lone_press_is_one_autocommitted_statement_with_its_mark(
    db: PostgresDatabase, runs: list[str]
) -> None:
    meet_id = await capped_meet(db, 1)
    meets, outbox = MeetService(db, ManualClock(NOW)), OutboxService(db)
    before = await outbox.version("announcement", meet_id)
    runs.clear()

    first = await meets.rsvp(GUILD, meet_id, 1, "going")
    second = await meets.rsvp(GUILD, meet_id, 2, "going")
    again = await meets.rsvp(GUILD, meet_id, 2, "going")  # its place, read in the call

    assert runs == ["alone"] * 3
    assert (first.rsvp.status, second.rsvp.status) == ("going", "waitlist")
    assert (second.waitlist_position, again.waitlist_position) == (1, 1)
    assert await outbox.version("announcement", meet_id) == (before or 0) + 3


async def test_a_lone_press_that_frees_a_place_runs_again_in_a_transaction(
    db: PostgresDatabase, runs: list[str]
) -> None:
    meet_id = await capped_meet(db, 2)
    meets, outbox = MeetService(db, ManualClock(NOW)), OutboxService(db)
    for user in (1, 2, 3, 4):  # 1 and 2 going, 3 and 4 waiting
        await meets.rsvp(GUILD, meet_id, user, "going")
    marked = await outbox.version("announcement", meet_id)
    runs.clear()

    dropped = await meets.rsvp(GUILD, meet_id, 1, "no")

    # Refused alone (a promotion is due) and rolled back whole, mark included.
    assert runs == ["alone", "read_committed"]
    assert dropped.promoted == (3,)
    assert (dropped.meet.going, dropped.meet.waitlist) == (2, 1)
    assert await outbox.version("announcement", meet_id) == (marked or 0) + 1
    roster = await meets.roster(GUILD, meet_id)
    assert [r.user_id for r in roster.going] == [2, 3]
    assert [r.user_id for r in roster.waitlist] == [4]


async def test_a_write_that_starts_with_no_server_call_learns_to_run_in_a_transaction(
    db: PostgresDatabase, runs: list[str]
) -> None:
    async def bump(tx: Tx) -> int:
        row = await tx.lock("SELECT id FROM meets WHERE id = ?", (meet_id,))
        assert row is not None
        return await tx.execute("UPDATE meets SET location = 'Spa' WHERE id = ?", (meet_id,))

    meet_id = await capped_meet(db, 2)
    runs.clear()

    assert await db.write(bump, row_lock=("meet", meet_id)) == 1
    assert await db.write(bump, row_lock=("meet", meet_id)) == 1

    # Tried alone once (nothing reached the server), then straight to a transaction.
    assert runs == ["alone", "read_committed", "read_committed"]


async def test_a_disagreement_with_the_service_is_reported_alone_and_undone_in_a_batch(
    db: PostgresDatabase, runs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    meet_id = await capped_meet(db, 5)
    meets = MeetService(db, ManualClock(NOW))
    monkeypatch.setattr(MeetService, "_next_status", staticmethod(lambda *_: "maybe"))

    with pytest.raises(RuntimeError, match="paddock_rsvp wrote"):
        await meets.rsvp(GUILD, meet_id, 1, "going")  # alone: heard, after its commit
    results = await asyncio.gather(
        *(meets.rsvp(GUILD, meet_id, 10 + i, "going") for i in range(3)),
        return_exceptions=True,
    )

    assert all(isinstance(r, RuntimeError) for r in results)
    # In a transaction (the batch, then each press in its own) nothing of them stayed.
    assert "read_committed" in runs
    assert [r.user_id for r in (await meets.roster(GUILD, meet_id)).going] == [1]


def attendance(db: PostgresDatabase) -> AttendanceService:
    clock = ManualClock(NOW)
    return AttendanceService(db, clock, GuildSettingsService(db), MeetService(db, clock))


async def live_counter(db: PostgresDatabase, service: AttendanceService, record: int) -> int:
    await RecordsService(db, ManualClock(NOW)).import_entry(
        GUILD,
        cars=record,
        held_on="2023-08-26",
        label="Last year",
        series="",
        actor_id=1,
        tz=BERLIN,
    )
    meet_id = await add_meet(db)
    await service.start(GUILD, meet_id, channel_id=5, actor_id=ORGANISER)
    return meet_id


async def test_a_lone_check_in_is_one_autocommitted_statement_with_its_mark(
    db: PostgresDatabase, runs: list[str]
) -> None:
    service, outbox = attendance(db), OutboxService(db)
    meet_id = await live_counter(db, service, record=2)
    marked = await outbox.version("counter", meet_id) or 0
    runs.clear()

    first = await service.check_in(GUILD, meet_id, 1)
    second = await service.check_in(GUILD, meet_id, 2)
    again = await service.check_in(GUILD, meet_id, 2)
    third = await service.check_in(GUILD, meet_id, 3)
    await service.check_out(GUILD, meet_id, 3)  # starts with a lock: never alone
    back = await service.check_in(GUILD, meet_id, 3)

    # The first needs the meet's series key (refused alone, then asked in a transaction);
    # from then on this process knows it. A check-out is tried alone once, and learning
    # that it never is costs the check-ins nothing.
    assert runs == ["alone", "read_committed"] + ["alone"] * 4 + ["read_committed", "alone"]
    assert [c.car for c in (first, second, again, third, back)] == [1, 2, 2, 3, 3]
    assert again.status == "already_in" and again.applied == 0
    assert [c.record_broken for c in (first, second, third)] == [False, False, True]
    assert await outbox.version("counter", meet_id) == marked + 5  # not for the repeat
    state = await service.state(GUILD, meet_id)
    assert (state.total, state.high_water, state.record_broken_cars) == (3, 3, 3)


async def test_a_burst_of_check_ins_merges_counts_each_and_breaks_the_record_once(
    db: PostgresDatabase, merged: list[int]
) -> None:
    service = attendance(db)
    meet_id = await live_counter(db, service, record=12)
    await service.check_in(GUILD, meet_id, 1)  # learns the series key
    merged.clear()

    changes = await asyncio.gather(*(service.check_in(GUILD, meet_id, 100 + i) for i in range(25)))

    assert sum(merged) >= 20 and max(merged) == postgres.WRITE_BATCH
    # (Each press reads the server's settings first, so they reach the queue in any order.)
    assert sorted(c.car or 0 for c in changes) == list(range(2, 27))
    assert all(c.total == c.car for c in changes)
    assert [c.total for c in changes if c.record_broken] == [13]
    assert sum(c.record_raised for c in changes) == 26 - 13
    state = await service.state(GUILD, meet_id)
    assert (state.total, state.high_water) == (26, 26)


async def test_a_check_in_the_service_disagrees_with_is_rolled_back_in_a_transaction(
    db: PostgresDatabase, runs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    service = attendance(db)
    meet_id = await live_counter(db, service, record=0)
    loaded = AttendanceService._loaded

    def blind(value: str | None) -> Any:  # the service "sees" no record to beat
        return dataclasses.replace(loaded(value), record=None)

    monkeypatch.setattr(AttendanceService, "_loaded", staticmethod(blind))
    runs.clear()

    with pytest.raises(RuntimeError, match="record_broken_at"):
        await service.check_in(GUILD, meet_id, 1)  # first press: in a transaction

    assert runs == ["alone", "read_committed"]
    state = await service.state(GUILD, meet_id)
    assert (state.total, state.high_water, state.record_broken_cars) == (0, 0, None)


async def test_clearing_a_mark_is_one_statement_and_no_transaction(
    db: PostgresDatabase, runs: list[str]
) -> None:
    meet_id = await capped_meet(db, 5)
    outbox = OutboxService(db)
    version = await outbox.version("announcement", meet_id)
    runs.clear()

    assert await outbox.done("announcement", meet_id, version)
    assert not await outbox.done("announcement", meet_id, version)  # already cleared

    assert runs == []
    assert await outbox.version("announcement", meet_id) is None
