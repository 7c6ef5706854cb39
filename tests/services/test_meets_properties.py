"""Property test: any sequence of answers and capacity changes keeps the rules."""

from __future__ import annotations

import asyncio
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.clock import ManualClock
from bot.db import SQLiteDatabase
from bot.services.meets import MeetService
from bot.services.meets.models import MeetChanges

NOW = datetime(2027, 6, 1, 9, 0, tzinfo=UTC)
GUILD = 3

answer = st.tuples(st.integers(1, 8), st.sampled_from(["going", "maybe", "no"]))
capacity = st.integers(1, 6)
steps = st.lists(st.one_of(answer, capacity), min_size=1, max_size=30)


async def _run(initial: int, ops: list[object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = SQLiteDatabase(Path(folder) / "p.db")
        await db.connect()
        await db.migrate()
        try:
            meets = MeetService(db, ManualClock(NOW))
            meet = await meets.create(
                GUILD,
                title="t",
                starts_at=NOW + timedelta(days=1),
                location="l",
                created_by=1,
                capacity=initial,
            )
            confirmed: set[int] = set()
            for op in ops:
                if isinstance(op, int):
                    before = set(confirmed)
                    await meets.edit(GUILD, meet.id, MeetChanges(capacity=op))
                    roster = await meets.roster(GUILD, meet.id)
                    confirmed = {r.user_id for r in roster.going}
                    assert before <= confirmed, "a capacity change removed someone going"
                    roster = await meets.roster(GUILD, meet.id)
                else:
                    user, status = op  # type: ignore[misc]
                    result = await meets.rsvp(GUILD, meet.id, user, status)
                    roster = await meets.roster(GUILD, meet.id)
                    # What the press is told is what was stored, to the last count.
                    assert result.meet == roster.meet
                    stored = [
                        r
                        for group in (roster.going, roster.waitlist, roster.maybe, roster.no)
                        for r in group
                        if r.user_id == user
                    ]
                    assert [result.rsvp] == stored
                    assert result.waitlist_position == roster.position(user)
                cap = roster.meet.capacity or 0
                confirmed = {r.user_id for r in roster.going}
                users = [
                    r.user_id
                    for group in (roster.going, roster.waitlist, roster.maybe, roster.no)
                    for r in group
                ]
                assert len(users) == len(set(users)), "one answer per member"
                # The counts the triggers keep agree with the answers themselves.
                counts = (roster.meet.going, roster.meet.waitlist, roster.meet.maybe)
                assert counts == (len(roster.going), len(roster.waitlist), len(roster.maybe))
                if roster.waitlist:
                    assert len(roster.going) >= cap, "someone waits while a place is free"
                seqs = [r.seq for r in roster.waitlist]
                assert seqs == sorted(seqs)
        finally:
            await db.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(initial=capacity, ops=steps)
def test_rules_hold_for_any_sequence(initial: int, ops: list[object]) -> None:
    asyncio.run(_run(initial, ops))
