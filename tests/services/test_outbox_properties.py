"""Property tests: random interleavings of RSVP, edit, cancel, renders and crashes.

1. Convergence. The service and the outbox against a model of what members see: a
   render reads the mark's version, then the state, "edits the message", then clears
   the mark with the version it read; it can be cut in two by other changes, and a crash
   drops every render in flight and everything the process only held in memory. After a
   restart that drains the outbox, what is shown equals what is stored, for every meet.
2. Notice order. Edits, cancels and answers run as concurrent tasks through the real
   flows (tell_edit, tell_cancelled) with a stub Discord: no change notice is delivered
   after the cancel notice, notices arrive in the order their changes committed, and
   the newest change is always told.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.errors import Conflict, RsvpClosed
from bot.flows.meets.actions import tell_cancelled, tell_edit
from bot.flows.outbox import Outbox
from bot.services.guild_settings import GuildSettingsService
from bot.services.meets import MeetService
from bot.services.meets.models import MeetChanges
from bot.services.outbox import OutboxService
from tests.services.meetkit import GUILD, NOW, example_meets, make

CHANNEL = 50
TOMORROW: dict[str, object] = {"starts_at": NOW + timedelta(days=1), "channel_id": CHANNEL}

# -- 1. convergence ---------------------------------------------------------------
rsvp = st.tuples(
    st.just("rsvp"), st.integers(0, 1), st.integers(1, 5), st.sampled_from(["going", "maybe", "no"])
)
edit = st.tuples(st.just("edit"), st.integers(0, 1), st.integers(0, 3))
cancel = st.tuples(st.just("cancel"), st.integers(0, 1))
begin = st.tuples(st.just("begin"), st.integers(0, 1))  # a render reads version + state
end = st.tuples(st.just("end"), st.integers(0, 1))  # ... and shows it, clearing the mark
crash = st.tuples(st.just("crash"))
ops = st.lists(st.one_of(rsvp, edit, cancel, begin, end, crash), min_size=1, max_size=40)


async def shown_state(meets: MeetService, meet_id: int) -> tuple[Any, ...]:
    """What the announcement shows: rendered from the stored roster."""
    roster = await meets.roster(GUILD, meet_id)
    return (
        tuple(r.user_id for r in roster.going),
        tuple(r.user_id for r in roster.waitlist),
        tuple(r.user_id for r in roster.maybe),
        roster.meet.location,
        roster.meet.cancelled,
    )


@dataclass
class Process:
    """What one run of the bot holds in memory: edits it was asked for, renders under way."""

    scheduled: set[int] = field(default_factory=set)
    rendering: dict[int, tuple[int | None, tuple[Any, ...]]] = field(default_factory=dict)


async def _converges(steps: list[tuple[Any, ...]]) -> None:
    async with example_meets() as meets:
        outbox = OutboxService(meets.db)
        ids = [
            await make(meets, title=f"Meet {n}", location="Start", capacity=2, **TOMORROW)
            for n in range(2)
        ]
        shown: dict[int, tuple[Any, ...]] = {}
        for meet_id in ids:  # announced, then the marks of the create cleared
            shown[meet_id] = await shown_state(meets, meet_id)
            await outbox.done("announcement", meet_id, 1)
        run = Process()

        async def begin_render(meet_id: int) -> None:
            version = await outbox.version("announcement", meet_id)
            run.rendering[meet_id] = (version, await shown_state(meets, meet_id))

        async def end_render(meet_id: int) -> None:
            version, state = run.rendering.pop(meet_id)
            shown[meet_id] = state  # Discord took the edit ...
            await outbox.done("announcement", meet_id, version)  # ... then the mark goes

        for step in steps:
            kind, meet_id = step[0], ids[step[1]] if len(step) > 1 else 0
            try:
                if kind == "rsvp":
                    await meets.rsvp(GUILD, meet_id, step[2], step[3])
                    run.scheduled.add(meet_id)
                elif kind == "edit":
                    await meets.edit(GUILD, meet_id, MeetChanges(location=f"Place {step[2]}"))
                    run.scheduled.add(meet_id)
                elif kind == "cancel":
                    await meets.cancel(GUILD, meet_id)
                    run.scheduled.add(meet_id)
            except (RsvpClosed, Conflict):
                pass
            if kind == "begin" and meet_id in run.scheduled and meet_id not in run.rendering:
                run.scheduled.discard(meet_id)
                await begin_render(meet_id)
            elif kind == "end" and meet_id in run.rendering:
                await end_render(meet_id)
            elif kind == "crash":
                run = Process()  # kill -9: memory and renders in flight are gone

        # The restart: only the outbox says what may be stale.
        run = Process()

        async def standing() -> list[int]:
            marks = await outbox.pending()
            return [m.meet_id for m in marks if m.kind == "announcement"]

        for meet_id in await standing():
            await begin_render(meet_id)
            await end_render(meet_id)
        assert await standing() == []
        for meet_id in ids:
            assert shown[meet_id] == await shown_state(meets, meet_id), (
                f"meet {meet_id} shows a state that is not the stored one"
            )


@settings(max_examples=60)
@given(steps=ops)
# A render that read its state before an answer committed, then a crash: the mark must
# still stand for the restart (an edit from an old read never clears a newer mark).
@example(
    steps=[("rsvp", 0, 1, "going"), ("begin", 0), ("rsvp", 0, 2, "going"), ("end", 0), ("crash",)]
)
# A cancel committed and the process died before any edit.
@example(steps=[("cancel", 1), ("crash",)])
def test_after_any_crash_what_members_see_converges_to_what_is_stored(
    steps: list[tuple[Any, ...]],
) -> None:
    asyncio.run(_converges(steps))


# -- 2. notice order --------------------------------------------------------------
PLACE = re.compile(r"now meets at Place (\d+)")


class StubChannel:
    """The meet channel: records each notice's text as it is delivered."""

    def __init__(self, delivered: list[str], pauses: list[int]) -> None:
        self.delivered = delivered
        self.pauses = pauses
        self.next_id = 1000

    async def send(self, content: str, **_: Any) -> Any:
        for _ in range(self.pauses.pop() if self.pauses else 0):
            await asyncio.sleep(0)  # the network: other tasks run meanwhile
        self.delivered.append(content)
        self.next_id += 1
        return SimpleNamespace(id=self.next_id)


class StubPacer:
    async def send(self, channel_id: int, action: Any) -> Any:
        return await action()


def stub_bot(meets: MeetService, channel: StubChannel) -> Any:
    bot = SimpleNamespace(
        services=SimpleNamespace(meets=meets, settings=GuildSettingsService(meets.db)),
        pacer=StubPacer(),
        get_partial_messageable=lambda channel_id, **_: channel,
        get_guild=lambda guild_id: None,
    )
    bot.flows = SimpleNamespace(outbox=Outbox(bot))
    return bot


op = st.one_of(
    st.tuples(st.just("edit"), st.integers(1, 1000)),
    st.tuples(st.just("cancel"), st.just(0)),
    st.tuples(st.just("rsvp"), st.integers(10, 14)),
)
notice_ops = st.lists(st.tuples(op, st.integers(0, 6)), min_size=1, max_size=12)


async def _notices(plan: list[tuple[tuple[str, int], int]], pauses: list[int]) -> None:
    async with example_meets() as meets:
        meet_id = await make(meets, title="Order", location="Start", **TOMORROW)
        for user in (1, 2, 3):
            await meets.rsvp(GUILD, meet_id, user, "going")
        delivered: list[str] = []
        bot = stub_bot(meets, StubChannel(delivered, list(pauses)))
        # Changes in the order they committed: the SQLite writer runs writes in the
        # order they were asked for, and nothing is awaited between asking and here.
        committed: list[str] = []
        failed: set[int] = set()

        async def one(index: int, action: tuple[str, int], delay: int) -> None:
            for _ in range(delay):
                await asyncio.sleep(0)
            kind, value = action
            try:
                if kind == "edit":
                    committed.append(f"Place {value}-{index}")
                    result = await meets.edit(
                        GUILD, meet_id, MeetChanges(location=f"Place {value}-{index}")
                    )
                    for _ in range(delay):
                        await asyncio.sleep(0)
                    await tell_edit(bot, result)
                elif kind == "cancel":
                    committed.append(f"cancel-{index}")
                    cancelled = await meets.cancel(GUILD, meet_id)
                    for _ in range(delay):
                        await asyncio.sleep(0)
                    await tell_cancelled(bot, cancelled.meet, cancelled.notify_ids)
                else:
                    await meets.rsvp(GUILD, meet_id, value, "going")
            except (Conflict, RsvpClosed):
                failed.add(index)

        await asyncio.gather(*(one(i, a, d) for i, (a, d) in enumerate(plan)))
        succeeded = [c for c in committed if int(c.rsplit("-", 1)[1]) not in failed]
        told: list[str] = []
        for text in delivered:
            if "is cancelled" in text:
                told.append(next(c for c in succeeded if c.startswith("cancel")))
            else:
                match = re.search(r"now meets at (Place \d+-\d+)", text)
                assert match, text
                told.append(match.group(1))
        positions = [succeeded.index(t) for t in dict.fromkeys(told)]
        assert positions == sorted(positions), f"an older notice after a newer: {told}"
        cancels = [t for t in told if t.startswith("cancel")]
        assert len(cancels) <= 1
        if cancels:
            assert told[-1] == cancels[0], f"a change notice after the cancel: {told}"
        stored = await meets.get(GUILD, meet_id)
        if stored.cancelled:
            assert cancels, "the cancel was never told"
        elif any(s.startswith("Place") for s in succeeded):
            assert told and told[-1] == stored.location, (
                f"the newest change ({stored.location}) was not told last: {told}"
            )


@settings(max_examples=60)
@given(plan=notice_ops, pauses=st.lists(st.integers(0, 5), max_size=30))
def test_no_notice_is_delivered_after_a_newer_one(
    plan: list[tuple[tuple[str, int], int]], pauses: list[int]
) -> None:
    asyncio.run(_notices(plan, pauses))
