"""kill -9 at the four moments of issue 13, then a restart on the same file and the same
fake Discord: what members see comes to what is stored within 30 s, with nothing posted
or created twice.

1. after an RSVP's commit, before the announcement edit;
2. after a cancel's commit, before the announcement edit and the event's cancel;
3. after Discord created the meet's event, before its id was stored;
4. after the counter's send, before its id was stored.

Each test first checks that the kill landed where it should (members see the old state),
so a pass means the restart repaired it, not that the edit slipped out before the kill.
"""

from __future__ import annotations

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
from tests.fakediscord import FakeDiscord
from tests.fakediscord.pytest_fixtures import TestClub

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(120)]

CONVERGE = 30.0  # the bound, from the restart being ready
CALLBACK = r"^/interactions/\d+/[^/]+/callback$"


def hold_edits(fake: FakeDiscord, club: TestClub, announcement: dict[str, Any]) -> None:
    """Discord fails every edit of the announcement (503) until the test clears the
    failures after the kill: whatever the timing, the edit can't slip out before it."""
    path = rf"^/channels/{club.meets_id}/messages/{announcement['id']}$"
    fake.fail_next("PATCH", path, 503, count=10_000)


def stored(db_path: Path, sql: str, params: tuple[Any, ...] = ()) -> Any:
    with open_readonly(db_path) as conn:
        row = conn.execute(sql, params).fetchone()
    return None if row is None else row[0]


def places(message: dict[str, Any] | None) -> str:
    assert message is not None
    return str(message["embeds"][0]["fields"][0]["value"])


def buttons_disabled(message: dict[str, Any] | None) -> bool:
    assert message is not None
    buttons = [c for row in message.get("components", []) for c in row["components"]]
    return bool(buttons) and all(c.get("disabled") for c in buttons)


def events(club: TestClub) -> list[dict[str, Any]]:
    return list(club.guild.scheduled_events.values())


async def create_meet(fake: FakeDiscord, club: TestClub, bot: BotProcess, title: str) -> int:
    create = await fake.slash(
        club.guild_id,
        club.general_id,
        club.organiser_id,
        "meet create",
        {
            "title": title,
            "when": "2030-06-01 10:00",
            "location": "Nürburg",
            "channel": club.meets_id,
        },
    )
    done = await post_preview(fake, create, club.organiser_id)
    assert (done.content or "").startswith("Announced"), f"{done.content}\n{bot.log()}"
    return int(custom_ids(with_button(fake, club.meets_id, "paddock:rsvp:"))[0].split(":")[2])


async def test_kill_after_an_rsvp_commit_and_the_announcement_catches_up(tmp_path: Path) -> None:
    async with crash_run(tmp_path) as (fake, club, bot, db_path):
        meet_id = await create_meet(fake, club, bot, "RSVP Crash Run")
        announcement = with_button(fake, club.meets_id, "paddock:rsvp:")
        going = f"paddock:rsvp:{meet_id}:going"
        members = club.guild.add_members_bulk(11)
        for uid in members[:10]:
            await (await fake.press(announcement["id"], going, uid)).wait_response(5)
        await fake.wait_until(
            lambda: places(fake.find_message(int(announcement["id"]))) == "10 going (no limit)",
            10,
            f"the announcement at 10\n{bot.log()}",
        )
        hold_edits(fake, club, announcement)
        killed = kill_when_sent(
            fake,
            bot,
            "POST",
            CALLBACK,
            lambda body: "You're going" in ((body or {}).get("data") or {}).get("content", ""),
        )
        await fake.press(announcement["id"], going, members[10])
        await fake.wait_until(lambda: bool(killed) and not bot.running, 10, "the kill")
        assert stored(db_path, "SELECT n_going FROM meets WHERE id = ?", (meet_id,)) == 11
        assert places(fake.find_message(int(announcement["id"]))) == "10 going (no limit)"

        fake._failures.clear()
        await bot.start()
        await fake.wait_until(
            lambda: places(fake.find_message(int(announcement["id"]))) == "11 going (no limit)",
            CONVERGE,
            f"the announcement at 11 after the restart\n{bot.log()}",
        )
        assert len(fake.messages_in(club.meets_id)) == 1, "nothing posted twice"


async def test_kill_after_a_cancel_commit_and_buttons_and_event_follow(tmp_path: Path) -> None:
    async with crash_run(tmp_path) as (fake, club, bot, db_path):
        meet_id = await create_meet(fake, club, bot, "Cancel Crash Run")
        announcement = with_button(fake, club.meets_id, "paddock:rsvp:")
        press = await fake.press(
            announcement["id"], f"paddock:rsvp:{meet_id}:going", club.member_id
        )
        await press.wait_response(5)
        await fake.wait_until(
            lambda: (
                stored(db_path, "SELECT event_id FROM meets WHERE id = ?", (meet_id,)) is not None
            ),
            10,
            f"the event stored\n{bot.log()}",
        )
        hold_edits(fake, club, announcement)
        # The outbox's drain loop may sync the event while the notice is still on its
        # way (on a busy machine it did): Discord fails those edits too, so the kill
        # always finds the event as it was and the restart has to bring it in line.
        fake.fail_next("PATCH", rf"^/guilds/{club.guild_id}/scheduled-events/\d+$", 503, 10_000)
        killed = kill_when_sent(
            fake,
            bot,
            "POST",
            rf"^/channels/{club.meets_id}/messages$",
            lambda body: "is cancelled" in (body or {}).get("content", ""),
        )
        await fake.slash(
            club.guild_id,
            club.general_id,
            club.organiser_id,
            "meet cancel",
            {"meet": str(meet_id)},
        )
        await fake.wait_until(lambda: bool(killed) and not bot.running, 10, "the kill")
        assert stored(db_path, "SELECT cancelled_at FROM meets WHERE id = ?", (meet_id,))
        assert not buttons_disabled(fake.find_message(int(announcement["id"])))
        assert [e["status"] for e in events(club)] == [1], "the event is still scheduled"

        fake._failures.clear()
        await bot.start()

        def converged() -> bool:
            return buttons_disabled(fake.find_message(int(announcement["id"]))) and [
                e["status"] for e in events(club)
            ] == [4]

        await fake.wait_until(
            converged, CONVERGE, f"buttons off and the event cancelled\n{bot.log()}"
        )
        notices = [m for m in fake.messages_in(club.meets_id) if "is cancelled" in m["content"]]
        assert len(notices) == 1, "the cancel notice went out once"
        assert len(fake.messages_in(club.meets_id)) == 2, "nothing else was posted"


async def test_kill_after_the_event_is_created_and_no_second_event(tmp_path: Path) -> None:
    async with crash_run(tmp_path) as (fake, club, bot, db_path):
        killed = kill_when_sent(fake, bot, "POST", rf"^/guilds/{club.guild_id}/scheduled-events$")
        create = await fake.slash(
            club.guild_id,
            club.general_id,
            club.organiser_id,
            "meet create",
            {
                "title": "Event Crash Run",
                "when": "2030-06-01 10:00",
                "location": "Nürburg",
                "channel": club.meets_id,
            },
        )
        await press_post(fake, create, club.organiser_id)
        await fake.wait_until(lambda: bool(killed) and not bot.running, 10, "the kill")
        meet_id = int(
            custom_ids(with_button(fake, club.meets_id, "paddock:rsvp:"))[0].split(":")[2]
        )
        assert len(events(club)) == 1
        event_id = int(events(club)[0]["id"])
        assert stored(db_path, "SELECT event_id FROM meets WHERE id = ?", (meet_id,)) is None

        await bot.start()
        await fake.wait_until(
            lambda: (
                stored(db_path, "SELECT event_id FROM meets WHERE id = ?", (meet_id,)) == event_id
            ),
            CONVERGE,
            f"the event found again and adopted\n{bot.log()}",
        )
        # An edit and a cancel now reach that event; no second one is ever made.
        edit = await run_and_wait(
            fake,
            club,
            club.organiser_id,
            "meet edit",
            {"meet": str(meet_id), "title": "Renamed"},
        )
        await edit.wait_followup(1, 10)
        await fake.wait_until(
            lambda: [e["name"] for e in events(club)] == ["Renamed"],
            CONVERGE,
            f"the one event renamed\n{bot.log()}",
        )
        cancel = await run_and_wait(
            fake, club, club.organiser_id, "meet cancel", {"meet": str(meet_id)}
        )
        await cancel.wait_followup(1, 10)
        await fake.wait_until(
            lambda: [e["status"] for e in events(club)] == [4],
            CONVERGE,
            f"the one event cancelled\n{bot.log()}",
        )


async def test_kill_after_the_counter_is_posted_and_it_counts_after_restart(
    tmp_path: Path,
) -> None:
    async with crash_run(tmp_path) as (fake, club, bot, db_path):
        meet_id = await create_meet(fake, club, bot, "Counter Crash Run")
        killed = kill_when_sent(
            fake,
            bot,
            "POST",
            rf"^/channels/{club.general_id}/messages$",
            lambda body: f"paddock:att:{meet_id}:" in str((body or {}).get("components")),
        )
        await fake.slash(
            club.guild_id,
            club.general_id,
            club.organiser_id,
            "attendance start",
            {"meet": str(meet_id), "channel": club.general_id},
        )
        await fake.wait_until(lambda: bool(killed) and not bot.running, 10, "the kill")
        counter = with_button(fake, club.general_id, f"paddock:att:{meet_id}:")
        sql = "SELECT message_id FROM attendance_counters WHERE meet_id = ?"
        assert stored(db_path, sql, (meet_id,)) is None

        await bot.start()
        await fake.wait_until(
            lambda: stored(db_path, sql, (meet_id,)) == int(counter["id"]),
            CONVERGE,
            f"the counter found again and adopted\n{bot.log()}",
        )
        here = await fake.press(counter["id"], f"paddock:att:{meet_id}:here", club.member_id)
        await here.wait_response(5)

        def shows_one() -> bool:
            message = fake.find_message(int(counter["id"]))
            assert message is not None
            return message["embeds"][0]["description"].split("\n")[0] == "# 1 car"

        await fake.wait_until(shows_one, CONVERGE, f"the counter at 1 car\n{bot.log()}")
        counters = [
            m
            for m in fake.messages_in(club.general_id)
            if any(i.startswith(f"paddock:att:{meet_id}:") for i in custom_ids(m))
        ]
        assert len(counters) == 1, "one counter, never two"
