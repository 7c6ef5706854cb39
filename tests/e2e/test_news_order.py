"""The order of the channel's news in a burst of check-ins: milestones and the record
post read the way the evening went, whatever order the presses were handled in."""

from __future__ import annotations

import re

import pytest

from tests.e2e.harness import Harness
from tests.e2e.test_attendance import create_meet, import_record, press_all, start_counter

pytestmark = pytest.mark.e2e

MILESTONE = re.compile(r"^🚗 (\d+) cars at ")
RECORD = re.compile(r"^🏁 New club record: (\d+) cars at ")


def news(p: Harness) -> list[str]:
    """The channel's posts other than the counter, oldest first."""
    return [m["content"] for m in p.fake.messages_in(p.meets_id) if m["content"]]


def first_record_count(p: Harness) -> int:
    """The count the record post named when it went out (later edits raise it)."""
    sends = [
        found
        for r in p.fake.requests_to("POST", rf"^/channels/{p.meets_id}/messages$")
        if (found := RECORD.match((r.json or {}).get("content") or ""))
    ]
    assert len(sends) == 1, "exactly one record announcement"
    return int(sends[0].group(1))


async def test_a_burst_across_milestones_and_the_record_reads_in_order(paddock: Harness) -> None:
    p = paddock
    await p.run(p.owner_id, "config milestones", {"every": 10})
    await import_record(p, 91)
    meet_id = await create_meet(p)
    counter = await start_counter(p, meet_id)
    members = await p.add_members(100)

    here = f"paddock:att:{meet_id}:here"
    # Half the club at once: the channel hears the newest milestone, 50.
    await press_all(p, counter["id"], here, members[:50])
    await p.fake.wait_for_message(
        p.meets_id, lambda m: m["content"] == "🚗 50 cars at 1M Meet 2027!", 30
    )
    # The rest at once: 60 … 90 are reached, the record falls at 92, then 100.
    await press_all(p, counter["id"], here, members[50:])
    await p.fake.wait_for_message(
        p.meets_id, lambda m: m["content"] == "🚗 100 cars at 1M Meet 2027!", 30
    )
    await p.bot.pacer.flush(timeout=60)

    posts = news(p)
    record_at = [i for i, text in enumerate(posts) if text.startswith("🏁")]
    assert len(record_at) == 1, posts
    crossing = first_record_count(p)
    assert crossing == 92
    milestones = [
        (i, int(found.group(1))) for i, t in enumerate(posts) if (found := MILESTONE.match(t))
    ]
    counts = [cars for _, cars in milestones]
    assert counts == sorted(set(counts)), f"milestones out of order: {posts}"
    before = [cars for i, cars in milestones if i < record_at[0]]
    after = [cars for i, cars in milestones if i > record_at[0]]
    assert 50 in before, posts
    assert all(cars < crossing for cars in before), (
        f"a milestone above the record before it: {posts}"
    )
    assert after == [100], f"only the milestone beyond the record follows it: {posts}"
    assert p.fake.rate_limited == [], "the pacer keeps under Discord's channel limit"
    assert p.fake.late_answers == []
