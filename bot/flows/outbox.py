"""Draining the outbox: what members see is brought to what is stored, after a crash too.

Services mark a meet's announcement, event or counter stale in the same transaction
as the change (bot/services/outbox.py). The usual path brings it up to date at once
(a coalesced edit, an event sync) and clears the mark; a mark still standing means
that never finished, say the process died. `drain` hands each standing mark of this
process's servers to the same coalesced path: at start, and every few seconds after.
Edits go through the channel pacer, so a drain after a crash spends the channel's
budget like any other burst and always sends the newest state.
"""

from __future__ import annotations

import asyncio
import collections
import functools
import logging
from typing import TYPE_CHECKING

from bot.errors import NotFound
from bot.flows.meets.actions import refresh_announcement
from bot.flows.meets.events import sync_event
from bot.services.outbox import Mark

if TYPE_CHECKING:
    from bot.app import PaddockBot

log = logging.getLogger("paddock.outbox")

# How often standing marks are looked for, beyond the one pass at start.
DRAIN_EVERY = 5.0


class Outbox:
    def __init__(self, bot: PaddockBot) -> None:
        self.bot = bot
        self._event_locks: collections.defaultdict[int, asyncio.Lock] = collections.defaultdict(
            asyncio.Lock
        )
        self._syncing: dict[int, asyncio.Task[object]] = {}
        self._notice_locks: collections.defaultdict[int, asyncio.Lock] = collections.defaultdict(
            asyncio.Lock
        )

    def notice_lock(self, meet_id: int) -> asyncio.Lock:
        """Notices about one meet go out one after another, never interleaved."""
        return self._notice_locks[meet_id]

    def event_lock(self, meet_id: int) -> asyncio.Lock:
        """One event create/edit/cancel at a time per meet, so two can never both create."""
        return self._event_locks[meet_id]

    async def drain(self) -> int:
        """Hand every standing mark of this process's servers to its update path; how many."""
        marks = await self.bot.services.outbox.pending(shards=self.bot.shards_run)
        for mark in marks:
            try:
                await self._handle(mark)
            except Exception:
                log.exception("could not bring %s of meet %s up to date", mark.kind, mark.meet_id)
        return len(marks)

    async def _handle(self, mark: Mark) -> None:
        bot = self.bot
        if mark.kind == "counter":
            if mark.counter_channel_id is None:
                # A start abandoned because its counter couldn't be posted.
                await bot.services.outbox.done("counter", mark.meet_id, mark.version)
                return
            bot.flows.counters.schedule_counter(
                mark.counter_channel_id, mark.guild_id, mark.meet_id
            )
            return
        try:
            meet = await bot.services.meets.get(mark.guild_id, mark.meet_id)
        except NotFound:
            return
        if mark.kind == "announcement":
            if meet.message_id is None:
                if meet.cancelled or meet.has_started(bot.clock.now()):
                    # Never announced and never will be: nothing to bring up to date.
                    await bot.services.outbox.done("announcement", meet.id, mark.version)
                return  # the start-up recovery (or the create in flight) posts it
            refresh_announcement(bot, meet)
            return
        running = self._syncing.get(meet.id)
        if running is None or running.done():
            task: asyncio.Task[object] = asyncio.create_task(
                sync_event(bot, meet.guild_id, meet.id)
            )
            self._syncing[meet.id] = task
            task.add_done_callback(functools.partial(self._forget, meet.id))

    def _forget(self, meet_id: int, task: asyncio.Task[object]) -> None:
        if self._syncing.get(meet_id) is task:
            del self._syncing[meet_id]

    async def run(self) -> None:
        """The drain loop: once right after ready (the crash recovery), then every
        DRAIN_EVERY seconds."""
        await self.bot.wait_until_ready()
        while not self.bot.is_closed():
            try:
                await self.drain()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox drain failed; trying again")
            # Tests shorten the tick; a drain more often than twice a second buys nothing.
            await asyncio.sleep(max(min(DRAIN_EVERY, self.bot.tick_seconds), 0.5))

    async def close(self) -> None:
        tasks = [t for t in self._syncing.values() if not t.done()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
