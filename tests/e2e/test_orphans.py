"""A meet whose announcement was posted (or not) but whose message id was never stored.

That is what a crash between /meet create's post and its write leaves behind. The
bot adopts the announcement from the first press on it, or finds it at startup, and
posts it at startup if the post never happened: the meet never stays unannounced,
and an announcement is never duplicated.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from tests.e2e.harness import Harness

pytestmark = pytest.mark.e2e


def custom_ids(message: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in message.get("components", []) for c in row["components"]]


def announcements(p: Harness, meet_id: int) -> list[dict[str, Any]]:
    return [
        m
        for m in p.fake.messages_in(p.meets_id)
        if f"paddock:rsvp:{meet_id}:going" in custom_ids(m)
    ]


def places(message: dict[str, Any]) -> str:
    return str(message["embeds"][0]["fields"][0]["value"])


def stored_message_id(p: Harness, meet_id: int) -> int | None:
    with sqlite3.connect(p.db_path) as conn:
        row = conn.execute("SELECT message_id FROM meets WHERE id = ?", (meet_id,)).fetchone()
    return None if row[0] is None else int(row[0])


async def orphaned_meet(p: Harness) -> tuple[int, dict[str, Any]]:
    """A meet announced normally, then the bot stopped and its message id forgotten."""
    record = await p.create(
        {
            "title": "Orphan Run",
            "when": "2027-06-20 12:00",
            "location": "Nürburg",
            "channel": p.meets_id,
        },
    )
    assert (record.content or "").startswith("Announced"), record.content
    (announcement,) = [
        m
        for m in p.fake.messages_in(p.meets_id)
        if any("paddock:rsvp:" in i for i in custom_ids(m))
    ]
    meet_id = int(custom_ids(announcement)[0].split(":")[2])
    await p.stop()
    with sqlite3.connect(p.db_path) as conn:
        conn.execute("UPDATE meets SET message_id = NULL WHERE id = ?", (meet_id,))
    return meet_id, announcement


async def test_a_press_on_an_orphaned_announcement_adopts_it(paddock: Harness) -> None:
    p = paddock
    meet_id, announcement = await orphaned_meet(p)
    # Same clock: the meet looks like this run's own, so startup leaves it alone and
    # only the press can adopt it.
    await p.start()
    assert stored_message_id(p, meet_id) is None
    press = await p.fake.press(announcement["id"], f"paddock:rsvp:{meet_id}:going", p.member_ids[0])
    await press.wait_response(5)
    assert (press.content or "").startswith("You're going"), press.content

    def shows_one() -> bool:
        message = p.fake.find_message(int(announcement["id"]))
        return message is not None and places(message) == "1 going (no limit)"

    await p.fake.wait_until(shows_one, 5, "the adopted announcement showing the RSVP")
    assert stored_message_id(p, meet_id) == int(announcement["id"])
    assert len(announcements(p, meet_id)) == 1


async def test_startup_finds_the_orphaned_announcement(paddock: Harness) -> None:
    p = paddock
    meet_id, announcement = await orphaned_meet(p)
    p.clock.advance(minutes=5)  # a later run
    await p.start()
    await p.fake.wait_until(
        lambda: stored_message_id(p, meet_id) == int(announcement["id"]), 5, "adoption"
    )
    assert len(announcements(p, meet_id)) == 1


async def test_startup_posts_an_announcement_that_never_went_out(paddock: Harness) -> None:
    p = paddock
    meet_id, announcement = await orphaned_meet(p)
    del p.fake.channels[p.meets_id].messages[int(announcement["id"])]  # the post never happened
    p.clock.advance(minutes=5)
    await p.start()
    await p.fake.wait_until(lambda: len(announcements(p, meet_id)) == 1, 5, "the late post")
    posted = announcements(p, meet_id)[0]
    await p.fake.wait_until(
        lambda: stored_message_id(p, meet_id) == int(posted["id"]), 5, "its id stored"
    )
    await p.restart()  # found, not posted again
    assert len(announcements(p, meet_id)) == 1


async def test_a_press_elsewhere_or_on_a_known_announcement_adopts_nothing(
    paddock: Harness,
) -> None:
    p = paddock
    meet_id, announcement = await orphaned_meet(p)
    await p.start()
    # A message of the bot in another channel carrying the meet's buttons (forged).
    stray = p.fake.post_user_message(p.general_id, p.fake.bot_user_id, "stray")
    stray["components"] = announcement["components"]
    press = await p.fake.press(stray["id"], f"paddock:rsvp:{meet_id}:maybe", p.member_ids[0])
    await press.wait_response(5)
    assert stored_message_id(p, meet_id) is None
