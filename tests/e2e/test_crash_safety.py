"""SIGKILL in the middle of a burst of RSVPs and check-ins, then a restart on the same file.

The real `python -m bot run` runs as a child process against the fake Discord in
this test's event loop. What must hold after the kill:

* every press the member got an answer for is in the database, exactly once;
* no press is in the database twice (answered or not);
* the file passes `PRAGMA integrity_check`;
* after a restart, the buttons on the messages posted before the crash still work,
  and pressing again never counts a member twice.
"""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.crash_bot import (
    BotProcess,
    crash_run,
    custom_ids,
    kill_when_sent,
    open_readonly,
    run_and_wait,
    with_button,
)
from tests.e2e.harness import post_preview, press_post
from tests.fakediscord import FakeDiscord, Interaction
from tests.fakediscord.pytest_fixtures import TestClub, build_test_club

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(90)]

MEMBERS = 150
IN_FLIGHT = 40
CAR = re.compile(r"car (\d+)")


async def setup_meet_and_counter(
    fake: FakeDiscord, club: TestClub, bot: BotProcess
) -> tuple[int, dict[str, Any], dict[str, Any]]:
    """/meet create (announcement in #meets), /attendance start (counter in #general)."""
    create = await fake.slash(
        club.guild_id,
        club.general_id,
        club.organiser_id,
        "meet create",
        {
            "title": "Crash Test Cars and Coffee",
            "when": "2030-06-01 10:00",
            "location": "Nürburg",
            "channel": club.meets_id,
        },
    )
    done = await post_preview(fake, create, club.organiser_id)
    assert (done.content or "").startswith("Announced"), f"{done.content}\n{bot.log()}"
    announcement = with_button(fake, club.meets_id, "paddock:rsvp:")
    meet_id = int(custom_ids(announcement)[0].split(":")[2])

    start = await fake.slash(
        club.guild_id,
        club.general_id,
        club.organiser_id,
        "attendance start",
        {"meet": str(meet_id), "channel": club.general_id},
    )
    live = await start.wait_followup(1, 10)
    assert "is live in" in live["content"], f"{live}\n{bot.log()}"
    counter = with_button(fake, club.general_id, f"paddock:att:{meet_id}:")
    return meet_id, announcement, counter


def rsvp_rows(db_path: Path, meet_id: int) -> dict[int, tuple[str, int]]:
    """user -> (status, rows for that user)."""
    with open_readonly(db_path) as conn:
        rows = conn.execute(
            "SELECT user_id, MIN(status) AS status, COUNT(*) AS n FROM meet_rsvps "
            "WHERE meet_id = ? GROUP BY user_id",
            (meet_id,),
        ).fetchall()
    return {r["user_id"]: (r["status"], r["n"]) for r in rows}


def checkin_rows(db_path: Path, meet_id: int) -> dict[int, list[int]]:
    """member -> the `total_after` (car number) of each of their check-in events."""
    with open_readonly(db_path) as conn:
        rows = conn.execute(
            "SELECT member_id, total_after FROM attendance_events "
            "WHERE meet_id = ? AND kind = 'checkin' ORDER BY id",
            (meet_id,),
        ).fetchall()
    found: dict[int, list[int]] = {}
    for r in rows:
        found.setdefault(r["member_id"], []).append(r["total_after"])
    return found


def integrity(db_path: Path) -> tuple[str, list[Any]]:
    with open_readonly(db_path) as conn:
        check = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        fks = conn.execute("PRAGMA foreign_key_check").fetchall()
    return ", ".join(check), [tuple(r) for r in fks]


def car_of(press: Interaction) -> int:
    match = CAR.search(press.content or "")
    assert match, f"no car number in {press.content!r}"
    return int(match.group(1))


async def test_sigkill_mid_burst_loses_no_answered_press_and_doubles_none(
    tmp_path: Path,
) -> None:
    async with crash_run(tmp_path) as (fake, club, bot, db_path):
        meet_id, announcement, counter = await setup_meet_and_counter(fake, club, bot)
        going = f"paddock:rsvp:{meet_id}:going"
        here = f"paddock:att:{meet_id}:here"
        members = club.guild.add_members_bulk(MEMBERS)

        # -- the burst: every member presses Going and I'm here. Up to IN_FLIGHT
        # presses are unanswered at any moment, so the bot always has a backlog of
        # both kinds when the kill lands, and most of the rest is not even sent yet.
        rsvps: list[Interaction] = []
        checkins: list[Interaction] = []
        total_presses = 2 * len(members)

        def answered() -> tuple[int, int]:
            return (
                sum(1 for press in rsvps if press.callbacks),
                sum(1 for press in checkins if press.callbacks),
            )

        async def fire() -> None:
            for uid in members:
                while bot.running and len(rsvps) * 2 - sum(answered()) >= IN_FLIGHT:
                    await asyncio.sleep(0.001)
                rsvps.append(await fake.press(announcement["id"], going, uid))
                checkins.append(await fake.press(counter["id"], here, uid))

        began = time.monotonic()
        firing = asyncio.create_task(fire())
        while sum(answered()) < total_presses // 2 or min(answered()) == 0:
            assert time.monotonic() - began < 60, f"answered {answered()}\n{bot.log()}"
            assert bot.running, f"the bot died by itself\n{bot.log()}"
            await asyncio.sleep(0.001)
        bot.kill()
        answered_at_kill = answered()
        assert await bot.wait() == -9
        await firing  # the rest of the burst goes to a dead bot: never answered
        # Answers already on the wire may still be recorded (that only adds to what is
        # checked below); let the fake finish those it has, then take the final picture.
        await fake.wait_until(
            lambda: all(r.status for r in fake.requests), what="the fake done with requests"
        )
        answered_rsvps = [p for p in rsvps if p.callbacks]
        answered_checkins = [p for p in checkins if p.callbacks]
        answered_total = len(answered_rsvps) + len(answered_checkins)
        assert answered_total < total_presses, (
            f"the kill came after the burst ({answered_at_kill} answered at the kill)"
        )
        context = (
            f"{answered_total}/{total_presses} answered ({len(answered_rsvps)} RSVPs, "
            f"{len(answered_checkins)} check-ins) when killed\n{bot.log()}"
        )

        # -- the file after the crash, exactly as it was left ---------------------
        check, fk_problems = integrity(db_path)
        assert check == "ok", context
        assert fk_problems == [], context

        rows = rsvp_rows(db_path, meet_id)
        assert set(rows) <= set(members), context
        assert all(n == 1 for _, n in rows.values()), context
        for press in answered_rsvps:
            assert (press.content or "").startswith("You're going"), press.content
            assert rows.get(press.user_id) == ("going", 1), (press.user_id, context)

        cars = checkin_rows(db_path, meet_id)
        assert set(cars) <= set(members), context
        doubled = {m: c for m, c in cars.items() if len(c) != 1}
        assert doubled == {}, f"checked in twice: {doubled}\n{context}"
        # The log is gap-free: car numbers 1..n, each given once.
        assert sorted(c[0] for c in cars.values()) == list(range(1, len(cars) + 1)), context
        for press in answered_checkins:
            assert (press.content or "").startswith("You're checked in"), press.content
            assert cars.get(press.user_id) == [car_of(press)], (press.user_id, context)
        with open_readonly(db_path) as conn:
            other = conn.execute(
                "SELECT COUNT(*) FROM attendance_events WHERE kind != 'checkin'"
            ).fetchone()[0]
        assert other == 0, context
        cars_before = len(cars)

        # -- restart on the same file; the old messages' buttons still work -------
        syncs = len(fake.sync_calls)
        await bot.start()
        assert len(fake.sync_calls) == syncs, "an unchanged tree is not synced again"

        newcomers = club.guild.add_members_bulk(20)
        answered_before = [p.user_id for p in answered_checkins[:10]]
        unanswered = [p.user_id for p in checkins if not p.callbacks][:10]
        unanswered_rsvp = [p.user_id for p in rsvps if not p.callbacks][:10]
        again_rsvp = [p.user_id for p in answered_rsvps[:10]]

        new_going = [await fake.press(announcement["id"], going, u) for u in newcomers]
        new_here = [await fake.press(counter["id"], here, u) for u in newcomers]
        re_here = [await fake.press(counter["id"], here, u) for u in answered_before]
        retry_here = [await fake.press(counter["id"], here, u) for u in unanswered]
        re_going = [
            await fake.press(announcement["id"], going, u) for u in again_rsvp + unanswered_rsvp
        ]
        after = new_going + new_here + re_here + retry_here + re_going
        await asyncio.gather(*(p.wait_response(5) for p in after))
        context = f"{context}\n(after the restart)"

        assert all(p.ephemeral for p in after), context
        assert all((p.content or "").startswith("You're going") for p in new_going + re_going)
        new_cars = sorted(car_of(p) for p in new_here)
        assert all((p.content or "").startswith("You're checked in") for p in new_here)
        for p in re_here:
            assert (p.content or "").startswith("You're already checked in"), p.content
            assert car_of(p) == cars[p.user_id][0], "the same car number as before the crash"
        for p in retry_here:
            # Either the press had committed before the kill (already in) or it had
            # not (checked in now); both are fine, as long as it counts once.
            assert re.match(r"You're (already )?checked in", p.content or ""), p.content

        rows = rsvp_rows(db_path, meet_id)
        assert all(n == 1 for _, n in rows.values()), context
        for uid in newcomers + again_rsvp + unanswered_rsvp:
            assert rows.get(uid) == ("going", 1), (uid, context)
        cars = checkin_rows(db_path, meet_id)
        assert {m: c for m, c in cars.items() if len(c) != 1} == {}, context
        for uid in newcomers + answered_before + unanswered:
            assert len(cars[uid]) == 1, (uid, context)
        total = len(cars)
        assert sorted(c[0] for c in cars.values()) == list(range(1, total + 1)), context
        retried_new = sum(1 for p in retry_here if not p.content.startswith("You're already"))
        assert total == cars_before + len(newcomers) + retried_new, context
        assert new_cars == sorted(cars[u][0] for u in newcomers)

        # The messages from before the crash converge to what the database says.
        going_now = sum(1 for status, _ in rows.values() if status == "going")

        def counter_shows() -> bool:
            message = fake.find_message(int(counter["id"]))
            return message is not None and message["embeds"][0]["description"].startswith(
                f"# {total} cars"
            )

        def announcement_shows() -> bool:
            message = fake.find_message(int(announcement["id"]))
            if message is None:
                return False
            places = message["embeds"][0]["fields"][0]["value"]
            return places == f"{going_now} going (no limit)"

        await fake.wait_until(counter_shows, 8, f"counter showing {total} cars")
        await fake.wait_until(announcement_shows, 8, f"announcement showing {going_now}")

        assert await bot.terminate() == 0, bot.log()
        assert "Traceback" not in bot.log(), bot.log()
        assert integrity(db_path) == ("ok", []), bot.log()
    fake.assert_no_unknown_routes()


async def test_a_crash_right_after_the_record_post_does_not_post_or_ping_twice(
    tmp_path: Path,
) -> None:
    """The record announcement pings the announce role once. A crash between Discord
    creating that post and the bot storing its id must not make the restarted bot
    post (and ping) a second time."""
    db_path = tmp_path / "paddock.db"
    async with FakeDiscord() as fake:
        club = build_test_club(fake)
        role_id = club.guild.add_role("Record fans", mentionable=True)
        bot = BotProcess(fake, tmp_path, db_path)
        try:
            await bot.start()
            await run_and_wait(fake, club, club.owner_id, "config announce-role", {"role": role_id})
            imported = await run_and_wait(
                fake,
                club,
                club.organiser_id,
                "records import",
                {"count": 3, "date": "2023-08-26", "label": "Crash Meet 2023"},
            )
            assert (imported.content or "").startswith("Imported 3 cars"), bot.log()
            meet_id, _, counter = await setup_meet_and_counter(fake, club, bot)
            here = f"paddock:att:{meet_id}:here"
            members = club.guild.add_members_bulk(5)

            killed = kill_when_sent(
                fake,
                bot,
                "POST",
                rf"^/channels/{club.general_id}/messages$",
                lambda body: "New club record" in (body or {}).get("content", ""),
            )
            for uid in members[:4]:
                press = await fake.press(counter["id"], here, uid)
                await press.wait_response(5)
            await fake.wait_until(lambda: bool(killed) and not bot.running, 10, "the record post")
            assert not bot.running

            def record_posts() -> list[dict[str, Any]]:
                return [
                    m
                    for m in fake.messages_in(club.general_id)
                    if "New club record" in m["content"]
                ]

            assert len(record_posts()) == 1
            await bot.start()
            # One more car: the record news is brought up to date, by an edit.
            press = await fake.press(counter["id"], here, members[4])
            await press.wait_response(5)
            await fake.wait_until(
                lambda: any("now 5 cars" in m["content"] for m in record_posts()),
                10,
                f"record news at 5 cars\n{bot.log()}",
            )
            posts = record_posts()
            assert len(posts) == 1, [m["content"] for m in posts]
            assert len(fake.all_pings()) == 1, fake.all_pings()
        finally:
            await bot.aclose()


async def test_a_crash_right_after_the_announcement_is_posted_leaves_no_orphan(
    tmp_path: Path,
) -> None:
    """/meet create commits the meet, posts the announcement, then stores its message id.
    A crash in between must not leave an announcement whose buttons take RSVPs that it
    never shows."""
    async with crash_run(tmp_path) as (fake, club, bot, _):
        killed = kill_when_sent(fake, bot, "POST", rf"^/channels/{club.meets_id}/messages$")
        create = await fake.slash(
            club.guild_id,
            club.general_id,
            club.organiser_id,
            "meet create",
            {
                "title": "Orphan Run",
                "when": "2030-06-01 10:00",
                "location": "Nürburg",
                "channel": club.meets_id,
            },
        )
        post = await press_post(fake, create, club.organiser_id)
        await fake.wait_until(
            lambda: bool(killed) and not bot.running, 10, f"the announcement\n{bot.log()}"
        )
        assert not (post.content or "").startswith("Announced"), (
            "the organiser was never told it was announced"
        )
        announcement = with_button(fake, club.meets_id, "paddock:rsvp:")
        meet_id = int(custom_ids(announcement)[0].split(":")[2])

        await bot.start()
        member = club.guild.add_members_bulk(1)[0]
        press = await fake.press(announcement["id"], f"paddock:rsvp:{meet_id}:going", member)
        await press.wait_response(5)
        assert (press.content or "").startswith("You're going"), press.content

        def shows_one() -> bool:
            message = fake.find_message(int(announcement["id"]))
            return message is not None and message["embeds"][0]["fields"][0]["value"] == (
                "1 going (no limit)"
            )

        await fake.wait_until(shows_one, 4, f"the announcement showing the RSVP\n{bot.log()}")
