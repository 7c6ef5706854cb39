"""Property test: any sequence of answers and capacity changes keeps the rules."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.services.meets.models import MeetChanges
from tests.services.meetkit import GUILD, NOW, example_meets, make

answer = st.tuples(st.integers(1, 8), st.sampled_from(["going", "maybe", "no"]))
capacity = st.integers(1, 6)
steps = st.lists(st.one_of(answer, capacity), min_size=1, max_size=30)


async def _run(initial: int, ops: list[object]) -> None:
    async with example_meets() as meets:
        meet_id = await make(meets, starts_at=NOW + timedelta(days=1), capacity=initial)
        confirmed: set[int] = set()
        for op in ops:
            if isinstance(op, int):
                before = set(confirmed)
                await meets.edit(GUILD, meet_id, MeetChanges(capacity=op))
                roster = await meets.roster(GUILD, meet_id)
                confirmed = {r.user_id for r in roster.going}
                assert before <= confirmed, "a capacity change removed someone going"
                roster = await meets.roster(GUILD, meet_id)
            else:
                user, status = op  # type: ignore[misc]
                result = await meets.rsvp(GUILD, meet_id, user, status)
                roster = await meets.roster(GUILD, meet_id)
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


@settings(max_examples=40)
@given(initial=capacity, ops=steps)
def test_rules_hold_for_any_sequence(initial: int, ops: list[object]) -> None:
    asyncio.run(_run(initial, ops))
