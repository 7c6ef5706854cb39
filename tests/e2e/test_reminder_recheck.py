"""A reminder claimed just before the meet is cancelled or moved: the send step checks
again (ReminderService.confirm) and posts nothing stale, end to end. The organiser's
/meet cancel or edit is run through the fake Discord while the reminder loop holds its
claim, the moment the QA pass found unguarded."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.e2e.harness import Harness, post_preview
from tests.e2e.test_meets import create_meet, press

pytestmark = pytest.mark.e2e


def _reminders(p: Harness) -> list[dict[str, Any]]:
    return [m for m in p.fake.messages_in(p.meets_id) if "Reminder" in (m.get("content") or "")]


def _hold_claims(p: Harness) -> tuple[asyncio.Event, asyncio.Event]:
    """The reminder loop claims as before, then waits for `release`; `claimed` says it
    holds one."""
    reminders = p.bot.services.reminders
    claim: Callable[[int], Awaitable[bool]] = reminders.claim
    claimed, release = asyncio.Event(), asyncio.Event()

    async def held(reminder_id: int) -> bool:
        taken = await claim(reminder_id)
        claimed.set()
        await release.wait()
        return taken

    reminders.claim = held  # type: ignore[method-assign]
    return claimed, release


async def _states(p: Harness) -> list[str]:
    rows = await p.bot.db.fetchall("SELECT state FROM meet_reminders ORDER BY id")
    return [r["state"] for r in rows]


async def test_a_meet_cancelled_after_the_claim_gets_no_reminder(paddock: Harness) -> None:
    p = paddock
    # Harness clock: 1 June 09:00 UTC; the meet is 3 June 10:00 Berlin (08:00 UTC).
    announcement = await create_meet(p, when="2027-06-03 10:00")
    meet_id = announcement["embeds"][0]["footer"]["text"].split("#")[1].split()[0]
    await press(p, announcement, ":going", p.member_ids[0])
    claimed, release = _hold_claims(p)
    p.clock.set(datetime(2027, 6, 2, 8, 0, 5, tzinfo=UTC))  # the 24 h reminder is due
    await asyncio.wait_for(claimed.wait(), 10)
    cancel = await p.run(p.organiser_id, "meet cancel", {"meet": meet_id, "reason": "Rain"})
    assert str(cancel.content).startswith("Cancelled"), cancel.content
    release.set()
    await p.fake.wait_until(
        lambda: "Rain" in str(p.fake.messages_in(p.meets_id)[-1].get("content")),
        10,
        "the cancel notice",
    )
    for _ in range(200):  # 10 s
        if "claimed" not in await _states(p):
            break
        await asyncio.sleep(0.05)
    assert await _states(p) == ["skipped", "skipped"]  # the 24 h claim dropped, the 1 h one
    assert _reminders(p) == []


async def test_a_meet_moved_after_the_claim_gets_its_reminder_once_at_the_new_time(
    paddock: Harness,
) -> None:
    p = paddock
    announcement = await create_meet(p, when="2027-06-03 10:00")
    meet_id = announcement["embeds"][0]["footer"]["text"].split("#")[1].split()[0]
    await press(p, announcement, ":going", p.member_ids[0])
    claimed, release = _hold_claims(p)
    p.clock.set(datetime(2027, 6, 2, 8, 0, 5, tzinfo=UTC))
    await asyncio.wait_for(claimed.wait(), 10)
    edit = await p.slash(p.organiser_id, "meet edit", {"meet": meet_id, "when": "2027-06-03 14:00"})
    posted = await post_preview(p.fake, edit, p.organiser_id)
    assert str(posted.content).startswith("Updated"), posted.content
    release.set()
    for _ in range(200):
        if "claimed" not in await _states(p):
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.3)  # the loop runs every 0.05 s: a stale post would be out
    assert _reminders(p) == [], "no reminder for 10:00 once the meet moved to 14:00"
    # At the new time's 24 h mark it goes out, once, with the new time.
    p.clock.set(datetime(2027, 6, 2, 12, 0, 5, tzinfo=UTC))
    await p.fake.wait_until(lambda: len(_reminders(p)) == 1, 10, "the moved reminder")
    await asyncio.sleep(0.3)
    sent = _reminders(p)
    assert len(sent) == 1 and "<t:1812024000:F>" in sent[0]["content"], sent  # 3 June 12:00 UTC
    assert sent[0]["_pings"]["users"] == [p.member_ids[0]]
