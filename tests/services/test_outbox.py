"""The outbox (migration 0011): every change that makes what members see stale marks it in
the same write, and a mark is cleared only by an update rendered from a later read."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.db import Database, Row
from bot.db.base import Params
from bot.errors import NotFound, RsvpClosed
from bot.services.attendance import AttendanceService
from bot.services.guild_settings import GuildSettingsService
from bot.services.meets import MeetService
from bot.services.meets.models import MeetChanges
from bot.services.outbox import OutboxService
from bot.services.shards import Shards
from tests.services.meetkit import GUILD, OTHER_GUILD, make


@pytest.fixture
def outbox(db: Database) -> OutboxService:
    return OutboxService(db)


async def versions(outbox: OutboxService, meet_id: int) -> dict[str, int | None]:
    return {k: await outbox.version(k, meet_id) for k in ("announcement", "event", "counter")}


async def clear(outbox: OutboxService, meet_id: int) -> None:
    for kind in ("announcement", "event", "counter"):
        assert await outbox.version(kind, meet_id) is None or await outbox.done(
            kind, meet_id, await outbox.version(kind, meet_id)
        )


async def test_each_change_marks_what_it_makes_stale(
    meets: MeetService, outbox: OutboxService
) -> None:
    meet_id = await make(meets, channel_id=5)
    # A new meet: its announcement and its event are still to be brought up to date.
    assert await versions(outbox, meet_id) == {"announcement": 1, "event": 1, "counter": None}
    await clear(outbox, meet_id)

    await meets.rsvp(GUILD, meet_id, 1, "going")
    await meets.rsvp(GUILD, meet_id, 2, "maybe")
    # An answer changes the announcement only; each one raises its version.
    assert await versions(outbox, meet_id) == {"announcement": 2, "event": None, "counter": None}

    await meets.edit(GUILD, meet_id, MeetChanges(location="Spa"))
    assert await versions(outbox, meet_id) == {"announcement": 3, "event": 1, "counter": None}
    await clear(outbox, meet_id)

    await meets.cancel(GUILD, meet_id, "rain")
    assert await versions(outbox, meet_id) == {"announcement": 1, "event": 1, "counter": None}


async def test_a_mark_is_cleared_only_with_the_version_read_before_rendering(
    meets: MeetService, outbox: OutboxService
) -> None:
    meet_id = await make(meets, channel_id=5)
    read = await outbox.version("announcement", meet_id)
    await meets.rsvp(GUILD, meet_id, 1, "going")  # committed after the render read
    assert not await outbox.done("announcement", meet_id, read), "a newer change was lost"
    assert await outbox.version("announcement", meet_id) == 2
    assert await outbox.done("announcement", meet_id, 2)
    assert await outbox.version("announcement", meet_id) is None
    assert not await outbox.done("announcement", meet_id, None)


async def test_a_refused_change_leaves_no_mark(meets: MeetService, outbox: OutboxService) -> None:
    meet_id = await make(meets, channel_id=5)
    await meets.cancel(GUILD, meet_id)
    await clear(outbox, meet_id)
    with pytest.raises(RsvpClosed):
        await meets.rsvp(GUILD, meet_id, 1, "going")
    assert await versions(outbox, meet_id) == {"announcement": None, "event": None, "counter": None}


async def test_a_press_that_promotes_marks_once(meets: MeetService, outbox: OutboxService) -> None:
    # On PostgreSQL this press is first tried alone, refused (a promotion is due) and
    # rolled back with its mark, then run in a transaction: one mark, not two.
    meet_id = await make(meets, channel_id=5, capacity=1)
    for user in (1, 2):
        await meets.rsvp(GUILD, meet_id, user, "going")
    await clear(outbox, meet_id)
    dropped = await meets.rsvp(GUILD, meet_id, 1, "no")
    assert dropped.promoted == (2,)
    assert await versions(outbox, meet_id) == {"announcement": 1, "event": None, "counter": None}


async def test_adopting_an_announcement_marks_it(meets: MeetService, outbox: OutboxService) -> None:
    meet_id = await make(meets, channel_id=5)
    await clear(outbox, meet_id)
    assert await meets.adopt_message(GUILD, meet_id, 5, 777)
    assert await outbox.version("announcement", meet_id) == 1
    assert not await meets.adopt_message(GUILD, meet_id, 5, 778)  # already adopted
    assert await outbox.version("announcement", meet_id) == 1


async def test_counter_changes_mark_the_counter(
    db: Database, meets: MeetService, clock: ManualClock, outbox: OutboxService
) -> None:
    attendance = AttendanceService(db, clock, GuildSettingsService(db), meets)
    meet_id = await make(meets, channel_id=5, starts_at=clock.now() + timedelta(hours=1))
    await clear(outbox, meet_id)
    await attendance.start(GUILD, meet_id, 6, 9)
    assert await outbox.version("counter", meet_id) == 1
    # The drain finds the counter's channel with its mark; other marks carry none.
    await meets.rsvp(GUILD, meet_id, 1, "going")
    assert {(m.kind, m.counter_channel_id) for m in await outbox.pending()} == {
        ("announcement", None),
        ("counter", 6),
    }
    # Posted but its id not stored yet (a crash here): the start-up recovery's list.
    assert await attendance.unposted_counters() == [(GUILD, meet_id, 6)]
    assert await attendance.set_message(GUILD, meet_id, 4242)
    assert await attendance.unposted_counters() == []
    await attendance.check_in(GUILD, meet_id, 1)
    await attendance.check_in(GUILD, meet_id, 1)  # already in: nothing changed
    await attendance.adjust(GUILD, meet_id, 9, 2)
    assert await outbox.version("counter", meet_id) == 3
    assert await outbox.done("counter", meet_id, 3)
    await attendance.stop(GUILD, meet_id, 9)
    assert await outbox.version("counter", meet_id) == 1


async def test_pending_lists_only_the_servers_of_this_process_shards(
    meets: MeetService, outbox: OutboxService
) -> None:
    odd, even = 1 << 22, 2 << 22  # shard 1 and shard 0 of 2
    on_odd = await make(meets, guild=odd, channel_id=5)
    on_even = await make(meets, guild=even, channel_id=6)
    marks = await outbox.pending(shards=Shards.of(2, [1]))
    assert {(m.kind, m.meet_id) for m in marks} == {("announcement", on_odd), ("event", on_odd)}
    assert {m.meet_id for m in await outbox.pending(shards=Shards.of(2, [0]))} == {on_even}
    assert {m.meet_id for m in await outbox.pending()} == {on_odd, on_even}


async def test_an_announcement_edit_reads_its_state_version_and_language_together(
    db: Database, meets: MeetService, outbox: OutboxService
) -> None:
    meet_id = await make(meets, channel_id=5, capacity=1)
    await meets.rsvp(GUILD, meet_id, 1, "going")
    await meets.rsvp(GUILD, meet_id, 2, "going")  # waitlisted
    await meets.rsvp(GUILD, meet_id, 3, "maybe")
    shown = await meets.roster_shown(GUILD, meet_id)
    assert shown.roster == await meets.roster(GUILD, meet_id)
    assert [r.user_id for r in shown.roster.waitlist] == [2]
    assert shown.version == await outbox.version("announcement", meet_id) == 4
    assert shown.language is None  # not set: the server's preferred locale decides

    await GuildSettingsService(db).update(GUILD, language="de")
    assert await outbox.done("announcement", meet_id, shown.version)
    shown = await meets.roster_shown(GUILD, meet_id)
    assert (shown.version, shown.language) == (None, "de")
    with pytest.raises(NotFound):
        await meets.roster_shown(OTHER_GUILD, meet_id)


async def test_an_announcement_edit_never_clears_a_change_it_did_not_render(
    db: Database, meets: MeetService, outbox: OutboxService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The version comes from the statement that reads the meet: a change committed just
    after it (before the answers are read) keeps its mark for the next edit."""
    meet_id = await make(meets, channel_id=5)  # its announcement's mark: version 1
    answers = db.fetchall
    moved = False

    async def then_a_change(sql: str, params: Params = ()) -> list[Row]:
        nonlocal moved
        if not moved:
            moved = True
            await meets.edit(GUILD, meet_id, MeetChanges(location="Spa"))
        return await answers(sql, params)

    monkeypatch.setattr(db, "fetchall", then_a_change)
    shown = await meets.roster_shown(GUILD, meet_id)
    assert moved
    assert shown.roster.meet.location == "Nürburg"  # rendered from before the change
    assert shown.version == 1  # as the meet was read
    assert not await outbox.done("announcement", meet_id, shown.version)
    assert await outbox.version("announcement", meet_id) == 2, "the change's mark was lost"


async def test_a_counter_mark_whose_counter_is_gone_carries_no_channel(
    db: Database, meets: MeetService, clock: ManualClock, outbox: OutboxService
) -> None:
    attendance = AttendanceService(db, clock, GuildSettingsService(db), meets)
    meet_id = await make(meets, channel_id=5, starts_at=clock.now() + timedelta(hours=1))
    await clear(outbox, meet_id)
    await attendance.start(GUILD, meet_id, 6, 9)
    await attendance.abandon(GUILD, meet_id)  # its message never went out
    assert [(m.kind, m.counter_channel_id) for m in await outbox.pending()] == [("counter", None)]
