"""Found in the qa3a pass, driven through the fake Discord as organisers and members do."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.harness import Harness, post_preview

pytestmark = pytest.mark.e2e


def _announcements(p: Harness) -> list[dict[str, Any]]:
    return [m for m in p.fake.messages_in(p.meets_id) if m.get("embeds")]


def _meet_id(message: dict[str, Any]) -> str:
    return next(
        c["custom_id"].split(":")[2]
        for row in message["components"]
        for c in row["components"]
        if c["custom_id"].endswith(":going")
    )


async def test_a_meets_thread_takes_its_new_title(paddock: Harness) -> None:
    """The thread was named after the first title for good: after /meet edit title:… the
    announcement said "Cars and Coffee" and its thread still "Cars & Cofee"."""
    p = paddock
    await p.run(p.owner_id, "config meet-threads", {"state": "on"})
    await p.create(
        {
            "title": "Cars & Cofee",
            "when": "2027-06-05 10:00",
            "location": "Aral",
            "channel": p.meets_id,
        }
    )
    (announcement,) = _announcements(p)
    thread = p.fake.channels[int(announcement["id"])]
    assert thread.name == "Cars & Cofee"
    meet_id = _meet_id(announcement)

    # A title alone is applied at once, without a preview.
    done = await p.run(p.organiser_id, "meet edit", {"meet": meet_id, "title": "Cars & Coffee"})
    assert (done.content or "").startswith("Updated"), done.content
    await p.fake.wait_until(lambda: thread.name == "Cars & Coffee", 5, "the thread renamed")

    # With a new time, through the preview.
    edit = await p.run(
        p.organiser_id,
        "meet edit",
        {"meet": meet_id, "title": "Cars and Coffee", "when": "2027-06-06 11:00"},
    )
    await post_preview(p.fake, edit, p.organiser_id)
    await p.fake.wait_until(lambda: thread.name == "Cars and Coffee", 5, "renamed again")

    # An edit that leaves the title alone doesn't touch the thread (Discord allows a
    # thread two renames per ten minutes).
    renames = len(p.fake.requests_to("PATCH", rf"^/channels/{thread.id}$"))
    assert renames == 2
    moved = await p.run(p.organiser_id, "meet edit", {"meet": meet_id, "location": "Shell"})
    await post_preview(p.fake, moved, p.organiser_id)
    assert len(p.fake.requests_to("PATCH", rf"^/channels/{thread.id}$")) == renames
