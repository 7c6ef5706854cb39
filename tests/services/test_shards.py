"""Every background job's query, split by shard: each process sees only the servers of
its own shards, and the processes together see every server exactly once.

Two servers, A on shard 0 and B on shard 1 (of 2), each with something due for every
job. The jobs are asked as a process running shard 0, one running shard 1, and one
running both; on SQLite each statement's plan is checked too (query_plans.py).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import ManualClock
from bot.db import Database
from bot.services.container import Services
from bot.services.meets.models import MeetPlan
from bot.services.meets.recurrence import build_rule
from bot.services.shards import ALL, Shards, shard_of
from tests.services.meetkit import NOW, ORGANISER

# Real-sized snowflakes: the shard is in the timestamp bits above the low 22.
STAMP = 376_000_000_000
GUILD_A = (STAMP << 22) | 4_242  # shard 0 of 2, 0 of 4
GUILD_B = ((STAMP + 1) << 22) | 4_242  # shard 1 of 2, 1 of 4
FIRST = Shards.of(2, [0])
SECOND = Shards.of(2, [1])
BOTH = Shards.of(2)
SPLITS = [
    (FIRST, {GUILD_A}),
    (SECOND, {GUILD_B}),
    (BOTH, {GUILD_A, GUILD_B}),
    (ALL, {GUILD_A, GUILD_B}),
]


@pytest.fixture
def services(db: Database, clock: ManualClock) -> Services:
    return Services.build(db, clock, "Europe/Berlin")


def test_shard_of_is_discords_formula() -> None:
    assert (shard_of(GUILD_A, 2), shard_of(GUILD_B, 2)) == (0, 1)
    assert shard_of(GUILD_B, 4) == 1 and shard_of(GUILD_A, 1) == 0
    # discord.py's AutoShardedClient picks a guild's websocket the same way.
    assert shard_of(81_384_788_765_712_384, 10) == (81_384_788_765_712_384 >> 22) % 10


def test_the_filter_is_empty_for_every_shard_and_names_the_ids_otherwise() -> None:
    assert ALL.where("guild_id") == "" and BOTH.where("m.guild_id") == ""
    assert Shards.of(4, [1, 3]).where("m.guild_id") == " AND (m.guild_id >> 22) % 4 IN (1, 3)"
    assert FIRST.owns(GUILD_A) and not FIRST.owns(GUILD_B) and BOTH.owns(GUILD_B)


@pytest.mark.parametrize(("count", "ids"), [(0, [0]), (2, [2]), (2, []), (3, [-1])])
def test_impossible_shards_are_refused(count: int, ids: list[int]) -> None:
    with pytest.raises(ValueError, match="shard"):
        Shards.of(count, ids)


async def meet_in(services: Services, guild_id: int, **options: object) -> int:
    plan: dict[str, object] = {
        "title": "Cars and Coffee",
        "starts_at": NOW + timedelta(days=7),
        "location": "Nürburg",
        "created_by": ORGANISER,
        "channel_id": 55,
    }
    plan.update(options)
    return (await services.meets.create(guild_id, **plan)).id  # type: ignore[arg-type]


async def test_reminders_are_due_in_their_own_shard_only(
    services: Services, clock: ManualClock
) -> None:
    for guild in (GUILD_A, GUILD_B):
        await meet_in(services, guild, starts_at=NOW + timedelta(hours=2), reminder_minutes=(60,))
    clock.set(NOW + timedelta(hours=1, minutes=1))
    for shards, guilds in SPLITS:
        due = await services.reminders.due(shards=shards)
        assert {d.meet.guild_id for d in due} == guilds
    # A page of another shard's due reminders never hides this shard's (LIMIT after filter).
    assert [d.meet.guild_id for d in await services.reminders.due(1, shards=SECOND)] == [GUILD_B]


async def test_closing_announcements_split_by_shard(services: Services, clock: ManualClock) -> None:
    for guild in (GUILD_A, GUILD_B):
        meet_id = await meet_in(services, guild, starts_at=NOW + timedelta(hours=1))
        await services.meets.attach_message(guild, meet_id, 55, 700 + meet_id)
    clock.set(NOW + timedelta(hours=2))
    for shards, guilds in SPLITS:
        assert {m.guild_id for m in await services.meets.closing_due(shards=shards)} == guilds
    assert len(await services.meets.closing_due(1, shards=SECOND)) == 1


async def test_recovery_at_start_finds_its_own_shards_orphans(
    services: Services, clock: ManualClock
) -> None:
    for guild in (GUILD_A, GUILD_B):
        await meet_in(services, guild)  # committed, never announced
    clock.advance(minutes=1)
    for shards, guilds in SPLITS:
        found = await services.meets.unannounced(clock.now(), shards=shards)
        assert {m.guild_id for m in found} == guilds


async def test_recurring_dates_are_made_by_their_own_shard(
    services: Services, db: Database, clock: ManualClock
) -> None:
    first = datetime(2027, 6, 6, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    for guild in (GUILD_A, GUILD_B):
        await services.series.create(
            guild,
            build_rule("weekly", first, "Europe/Berlin"),
            title="Sunday Drive",
            location="Leipzig",
            created_by=ORGANISER,
            channel_id=55,
        )
    clock.set(NOW + timedelta(days=6))  # 13 June comes within the week ahead
    assert {m.guild_id for m in await services.series.make_due(shards=SECOND)} == {GUILD_B}
    assert await services.series.make_due(shards=SECOND) == []  # done, not redone
    made = await services.series.make_due(shards=FIRST)
    assert [(m.guild_id, m.occurs_on) for m in made] == [(GUILD_A, date(2027, 6, 13))]
    assert await services.series.make_due(shards=ALL) == []  # nothing left undone


async def test_expired_drafts_are_swept_by_their_own_shard(
    services: Services, db: Database, clock: ManualClock
) -> None:
    plan = MeetPlan(title="Spring drive", starts_at=NOW + timedelta(days=7), location="Adenau")
    for guild in (GUILD_A, GUILD_B):
        await services.drafts.open(guild, ORGANISER, plan)
    clock.advance(timedelta(minutes=15))
    assert await services.drafts.sweep(shards=FIRST) == 1
    guilds = await db.fetchall("SELECT guild_id FROM meet_drafts")
    assert [r["guild_id"] for r in guilds] == [GUILD_B]
    assert await services.drafts.sweep(shards=FIRST) == 0
    assert await services.drafts.sweep(shards=SECOND) == 1


async def test_counter_upkeep_sees_its_own_shards_counters(services: Services) -> None:
    for guild in (GUILD_A, GUILD_B):
        meet_id = await meet_in(services, guild, starts_at=NOW + timedelta(hours=1))
        await services.attendance.start(guild, meet_id, channel_id=5, actor_id=ORGANISER)
        await services.attendance.set_message(guild, meet_id, 1000 + meet_id)
    for shards, guilds in SPLITS:
        live = await services.attendance.live_counters(shards=shards)
        assert {c.guild_id for c in live} == guilds


async def test_departed_members_are_purged_by_their_own_shard(
    services: Services, clock: ManualClock
) -> None:
    for guild in (GUILD_A, GUILD_B):
        await services.garage.add(guild, 7, car=None, model_text="Golf GTI", colour="Tornado Red")
        await services.garage.mark_left(guild, 7)
    clock.set(clock.now() + timedelta(days=31))
    assert [d.guild_id for d in await services.garage.purge_departed(shards=SECOND)] == [GUILD_B]
    assert await services.garage.purge_departed(shards=SECOND) == []
    assert [d.guild_id for d in await services.garage.purge_departed(shards=BOTH)] == [GUILD_A]
