"""Two real bot processes, one shard each, sharing one PostgreSQL database and one fake
Discord: every server is served by the process of its shard, counts stay exact, the
record is announced once, and each reminder goes out once, even across a restart."""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.db.postgres import PostgresDatabase
from bot.db.rows import from_db
from tests.e2e.crash_bot import BotProcess, custom_ids, with_button
from tests.e2e.harness import post_preview
from tests.e2e.run_bot import TICK
from tests.fakediscord import FakeDiscord, Interaction
from tests.fakediscord.pytest_fixtures import TestClub, build_test_club

pytestmark = pytest.mark.e2e

RSVPS = 30  # members answering Going, per server
ARRIVALS = 25  # members checking in, per server
RECORD = 20  # server A's imported record, crossed by car 21


@pytest.fixture
async def database(postgres_url: str) -> AsyncIterator[PostgresDatabase]:
    """The test's own look at the database both bots share."""
    db = PostgresDatabase(postgres_url)
    await db.connect()
    try:
        yield db
    finally:
        await db.close()


def soon() -> str:
    """Three hours from now in the servers' zone: the 24 h reminder is already past (so
    skipped), the 1 h one pending."""
    when = datetime.now(ZoneInfo("Europe/Berlin")) + timedelta(hours=3)
    return when.strftime("%Y-%m-%d %H:%M")


async def meet_and_counter(fake: FakeDiscord, club: TestClub, bot: BotProcess) -> int:
    create = await fake.slash(
        club.guild_id,
        club.general_id,
        club.organiser_id,
        "meet create",
        {
            "title": "Cars and Coffee",
            "when": soon(),
            "location": "Nürburg",
            "channel": club.meets_id,
        },
    )
    done = await post_preview(fake, create, club.organiser_id)
    assert (done.content or "").startswith("Announced"), f"{done.content}\n{bot.log()}"
    meet_id = int(custom_ids(with_button(fake, club.meets_id, "paddock:rsvp:"))[0].split(":")[2])
    start = await fake.slash(
        club.guild_id,
        club.general_id,
        club.organiser_id,
        "attendance start",
        {"meet": str(meet_id), "channel": club.general_id},
    )
    live = await start.wait_followup(1, 10)
    assert "is live in" in live["content"], f"{live}\n{bot.log()}"
    return meet_id


async def reminder_states(db: PostgresDatabase, meet_id: int) -> list[str]:
    rows = await db.fetchall(
        "SELECT state FROM meet_reminders WHERE meet_id = ? ORDER BY minutes_before", (meet_id,)
    )
    return [r["state"] for r in rows]


def reminders_in(fake: FakeDiscord, channel_id: int) -> list[dict[str, Any]]:
    return [m for m in fake.messages_in(channel_id) if m["content"].startswith("Reminder:")]


async def test_two_processes_split_the_shards_and_do_everything_once(
    tmp_path: Path, postgres_url: str, database: PostgresDatabase
) -> None:
    async with FakeDiscord() as fake:
        a = build_test_club(fake, shard=0, count=2)
        b = build_test_club(fake, shard=1, count=2)
        env = {"PADDOCK_SHARDS": "2", TICK: "0.2"}
        bots = {
            a.guild_id: BotProcess(
                fake, tmp_path, postgres_url, name="shard0", env={**env, "PADDOCK_SHARD_IDS": "0"}
            ),
            b.guild_id: BotProcess(
                fake, tmp_path, postgres_url, name="shard1", env={**env, "PADDOCK_SHARD_IDS": "1"}
            ),
        }
        clubs = {a.guild_id: a, b.guild_id: b}
        try:
            await asyncio.gather(*(bot.start() for bot in bots.values()))
            await fake.wait_ready()
            assert sorted(p["shard"] for p in fake.identify_payloads) == [[0, 2], [1, 2]]
            record = await fake.slash(
                a.guild_id,
                a.general_id,
                a.organiser_id,
                "records import",
                {
                    "count": RECORD,
                    "date": (datetime.now(UTC) - timedelta(days=100)).strftime("%Y-%m-%d"),
                    "label": "Summer Meet",
                },
            )
            await record.wait_response(10)
            meets = {gid: await meet_and_counter(fake, clubs[gid], bots[gid]) for gid in clubs}

            # The storm: both servers' members answer and arrive at once, interleaved.
            presses: list[Interaction] = []
            for gid, club in clubs.items():
                announcement = with_button(fake, club.meets_id, "paddock:rsvp:")
                counter = with_button(fake, club.general_id, f"paddock:att:{meets[gid]}:")
                members = club.guild.add_members_bulk(RSVPS)
                presses += [
                    await fake.press(announcement["id"], f"paddock:rsvp:{meets[gid]}:going", uid)
                    for uid in members
                ]
                presses += [
                    await fake.press(counter["id"], f"paddock:att:{meets[gid]}:here", uid)
                    for uid in members[:ARRIVALS]
                ]
            await asyncio.gather(*(press.wait_response(15) for press in presses))
            logs = "\n".join(bot.log() for bot in bots.values())
            assert all(press.content for press in presses), logs

            for gid, meet_id in meets.items():
                going = await database.fetchval(
                    "SELECT COUNT(*) FROM meet_rsvps WHERE meet_id = ? AND status = 'going'",
                    (meet_id,),
                )
                total = await database.fetchval(
                    "SELECT COUNT(*) FROM attendance_events WHERE meet_id = ? AND kind = 'checkin'",
                    (meet_id,),
                )
                assert (going, total) == (RSVPS, ARRIVALS)
                club = clubs[gid]
                announcement = with_button(fake, club.meets_id, "paddock:rsvp:")
                await fake.wait_until(
                    lambda m=announcement: any(
                        f["name"] == f"Going ({RSVPS})" for f in m["embeds"][0]["fields"]
                    ),
                    20,
                    "the announcement showing every answer",
                )

            # Record news goes where the counter is (no /config announce channel).
            def record_posts(club: TestClub) -> list[dict[str, Any]]:
                return [
                    m
                    for m in fake.messages_in(club.general_id)
                    if "New club record" in m["content"]
                ]

            await fake.wait_until(lambda: bool(record_posts(a)), 20, "the record post")
            for club in clubs.values():
                await wait_counter_shows(fake, club, meets[club.guild_id], ARRIVALS)
            # The post goes out at car 21 and is then edited as the high climbs, so it
            # reads either way depending on when the edits land; it ends at the last car.
            await fake.wait_until(
                lambda: f"now {ARRIVALS} cars!" in record_posts(a)[0]["content"],
                20,
                "the record post showing the final high",
            )
            record_posts = {gid: record_posts(c) for gid, c in clubs.items()}
            assert [len(record_posts[a.guild_id]), len(record_posts[b.guild_id])] == [1, 0]
            assert record_posts[a.guild_id][0]["content"].startswith("🏁 New club record")
            assert f"Previous record: {RECORD} " in record_posts[a.guild_id][0]["content"]

            # Reminders due in both servers while shard 1's process is down: shard 0's
            # process sends its own and leaves the other's alone (due first, so the same
            # pass would have met it), and shard 1's sends it once it is back.
            await bots[b.guild_id].terminate()
            # Each pending reminder becomes one due `ago` minutes back: its offset grows
            # with it, so it still fits the meet's start (the send step re-checks that
            # due time is the start minus the offset, and drops or re-plans one that isn't).
            now = datetime.now(UTC)
            for gid, ago in ((b.guild_id, 2), (a.guild_id, 1)):
                starts = from_db(
                    await database.fetchval(
                        "SELECT starts_at FROM meets WHERE id = ?", (meets[gid],)
                    )
                )
                before = math.ceil((starts - now).total_seconds() / 60) + ago
                await database.execute(
                    "UPDATE meet_reminders SET due_at = ?, minutes_before = ? "
                    "WHERE meet_id = ? AND state = 'pending'",
                    (starts - timedelta(minutes=before), before, meets[gid]),
                )

            async def sent(gid: int) -> bool:
                return await reminder_states(database, meets[gid]) == ["sent", "skipped"]

            await poll(lambda: sent(a.guild_id), "server A's reminder sent")
            assert await reminder_states(database, meets[b.guild_id]) == ["pending", "skipped"]
            await bots[b.guild_id].start()
            await poll(lambda: sent(b.guild_id), "server B's reminder sent after the restart")
            for club in clubs.values():
                await fake.wait_until(lambda c=club: len(reminders_in(fake, c.meets_id)) == 1)
            assert all(len(reminders_in(fake, c.meets_id)) == 1 for c in clubs.values())
        finally:
            for bot in bots.values():
                await bot.aclose()
        fake.assert_no_unknown_routes()
        fake.assert_answered_in_time()


async def wait_counter_shows(fake: FakeDiscord, club: TestClub, meet_id: int, cars: int) -> None:
    message_id = int(with_button(fake, club.general_id, f"paddock:att:{meet_id}:")["id"])

    def shows() -> bool:
        message = fake.find_message(message_id)
        return message is not None and message["embeds"][0]["description"].startswith(
            f"# {cars} cars"
        )

    await fake.wait_until(shows, 20, f"counter showing {cars} cars")


async def poll(check: Any, what: str, timeout: float = 20.0) -> None:
    """Until the async `check()` holds (a generous ceiling, no fixed sleep)."""
    async with asyncio.timeout(timeout):
        while not await check():
            await asyncio.sleep(0.05)
