"""Per-channel pacing for messages the bot sends or edits on its own.

Discord allows a channel about 5 message sends/edits per 5 s and does not
announce that limit in headers, so everything the bot posts to a channel
outside an interaction response (announcements, counters, reminders) spends
one shared budget here. Edits to the same message are coalesced: only the
newest state is ever sent, because the render function reads the state when
it runs, not when it was requested.

A channel can have a slot of its window kept back (`hold_slot`) for one
`send_urgent` that may come at any moment: while a live counter's record can
still fall, its routine edits use at most `per_window - reserve`, so the moment
the record falls the channel has room to say so at once, however busy the
counter is. Once that post is out the hold is lifted and routine traffic has
the whole window again.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

import aiohttp
import discord

log = logging.getLogger(__name__)

T = TypeVar("T")
Render = Callable[[], Awaitable[Any]]


def _discord_is_failing(exc: BaseException) -> bool:
    """Discord or the network failing (5xx, 429, a reset or a timeout): it will work again,
    so the edit is worth retrying for as long as that takes. A refusal such as 403 Missing
    Access or 404 Unknown Message is not."""
    if isinstance(exc, discord.HTTPException):
        return exc.status >= 500 or exc.status == 429
    return isinstance(exc, discord.RateLimited | aiohttp.ClientError | OSError | TimeoutError)


class _Channel:
    def __init__(self) -> None:
        self.sent: collections.deque[float] = collections.deque()
        self.next_free = 0.0
        self.lock = asyncio.Lock()
        self.pending: dict[Hashable, Render] = {}
        self.holds: set[Hashable] = set()  # who keeps a slot back in this channel
        self.last_edit: dict[Hashable, float] = {}
        self.worker: asyncio.Task[None] | None = None
        self.failures: dict[Hashable, int] = {}


class ChannelPacer:
    def __init__(
        self,
        *,
        per_window: int = 5,
        window: float = 5.5,
        spacing: float = 1.1,
        edit_interval: float = 1.0,
        debounce: float = 0.25,
        retry_delay: float = 2.0,
        max_retries: int = 5,
        reserve: int = 1,
    ) -> None:
        self.per_window = per_window
        self.reserve = min(reserve, per_window - 1)
        self.window = window
        # Even spacing rather than bursts: four edits at once followed by a long gap
        # would leave a live counter stale for seconds.
        self.spacing = spacing
        self.edit_interval = edit_interval
        # A quiet message's first edit waits this long, so the first presses of a burst
        # share one render instead of the render competing with the burst.
        self.debounce = debounce
        self.retry_delay = retry_delay
        self.max_retries = max_retries
        self._channels: dict[int, _Channel] = collections.defaultdict(_Channel)
        self._closed = False

    async def _take_slot(self, chan: _Channel, *, urgent: bool = False) -> float:
        loop = asyncio.get_running_loop()
        # Urgent sends skip the even spacing and may use the slot(s) kept back.
        held = self.reserve if chan.holds else 0
        limit = self.per_window if urgent else self.per_window - held
        while True:
            now = loop.time()
            while chan.sent and now - chan.sent[0] >= self.window:
                chan.sent.popleft()
            wait = 0.0 if urgent else chan.next_free - now
            if len(chan.sent) >= limit:
                wait = max(wait, self.window - (now - chan.sent[len(chan.sent) - limit]) + 0.01)
            if wait <= 0:
                chan.sent.append(now)
                if not urgent:
                    chan.next_free = now + self.spacing
                return now
            await asyncio.sleep(wait)

    def _finished(self, chan: _Channel, slot: float) -> None:
        """Count the operation given `slot` from when it finished. Discord counts it when
        it arrives, which can be well after its turn came (a render reading the database,
        a slow loop on a busy machine) but never after it finished; counted from its turn,
        a slow one could share a 5 s window with five quick ones."""
        now = asyncio.get_running_loop().time()
        with contextlib.suppress(ValueError):  # gone already if it took a whole window
            chan.sent.remove(slot)
        chan.sent.append(now)  # the latest time yet, so the window stays in order
        chan.next_free = max(chan.next_free, now + self.spacing)

    async def send(self, channel_id: int, action: Callable[[], Awaitable[T]]) -> T:
        """Run a one-off send in its turn within the channel's budget."""
        chan = self._channels[channel_id]
        async with chan.lock:
            slot = await self._take_slot(chan)
            try:
                return await action()
            finally:
                self._finished(chan, slot)

    async def send_if(
        self, channel_id: int, wanted: Callable[[], bool], action: Callable[[], Awaitable[T]]
    ) -> T | None:
        """Like `send`, for news that can go stale while it waits its turn: `wanted` is
        asked when the turn comes, and if it says no the slot goes back unspent and
        nothing is sent (None)."""
        chan = self._channels[channel_id]
        async with chan.lock:
            next_free = chan.next_free
            slot = await self._take_slot(chan)
            if not wanted():
                with contextlib.suppress(ValueError):
                    chan.sent.remove(slot)
                chan.next_free = next_free
                return None
            try:
                return await action()
            finally:
                self._finished(chan, slot)

    def hold_slot(self, channel_id: int, holder: Hashable, hold: bool = True) -> None:
        """Keep (or stop keeping) a slot of the channel's window back for `holder`'s
        urgent send."""
        holds = self._channels[channel_id].holds
        if hold:
            holds.add(holder)
        else:
            holds.discard(holder)

    async def send_urgent(self, channel_id: int, action: Callable[[], Awaitable[T]]) -> T:
        """Run a send now, ahead of anything queued in the channel: it takes the reserved
        slot instead of waiting for the channel's lock or its spacing. For the one post
        that must be first (the record falling), not for routine traffic."""
        chan = self._channels[channel_id]
        slot = await self._take_slot(chan, urgent=True)
        try:
            return await action()
        finally:
            self._finished(chan, slot)

    def schedule_edit(self, channel_id: int, key: Hashable, render: Render) -> None:
        """Ask for `key`'s message to be brought up to date soon; repeats coalesce."""
        if self._closed:
            return
        chan = self._channels[channel_id]
        now = asyncio.get_running_loop().time()
        if key not in chan.pending and chan.last_edit.get(key, -1e9) + self.edit_interval < now:
            chan.last_edit[key] = now - self.edit_interval + self.debounce
        chan.pending[key] = render
        if chan.worker is None or chan.worker.done():
            chan.worker = asyncio.create_task(self._drain(channel_id, chan))

    async def _drain(self, channel_id: int, chan: _Channel) -> None:
        loop = asyncio.get_running_loop()
        while chan.pending and not self._closed:
            # The key whose last edit is oldest goes first, so one busy counter
            # can't starve an announcement in the same channel.
            key = min(chan.pending, key=lambda k: chan.last_edit.get(k, 0.0))
            wait = chan.last_edit.get(key, -1e9) + self.edit_interval - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            render = chan.pending.pop(key, None)
            if render is None:
                continue
            async with chan.lock:
                slot = await self._take_slot(chan)
                chan.last_edit[key] = loop.time()
                try:
                    await render()
                    chan.failures.pop(key, None)
                except Exception as exc:
                    failures = chan.failures.get(key, 0) + 1
                    chan.failures[key] = failures
                    log.warning(
                        "edit %r in channel %s failed (%d/%d)",
                        key,
                        channel_id,
                        failures,
                        self.max_retries,
                        exc_info=True,
                    )
                    # An outage outlasting the retries must not leave the message stale
                    # for good: while Discord itself is failing, keep trying (at most
                    # max_retries * retry_delay apart); give up only on a refusal.
                    if failures < self.max_retries or _discord_is_failing(exc):
                        # Retry with whatever is newest by then, never the stale payload.
                        chan.pending.setdefault(key, render)
                        delay = self.retry_delay * min(failures, self.max_retries)
                        chan.last_edit[key] = loop.time() + delay
                    else:
                        chan.failures.pop(key, None)
                finally:
                    self._finished(chan, slot)

    def busy(self) -> bool:
        return any(c.pending or (c.worker and not c.worker.done()) for c in self._channels.values())

    async def flush(self, timeout: float = 10.0) -> None:
        """Wait until every scheduled edit has been sent (used at shutdown and in tests)."""
        async with asyncio.timeout(timeout):
            while self.busy():
                workers = [c.worker for c in self._channels.values() if c.worker]
                await asyncio.gather(*workers, return_exceptions=True)
                await asyncio.sleep(0)

    async def close(self) -> None:
        self._closed = True
        for chan in self._channels.values():
            chan.pending.clear()
            if chan.worker and not chan.worker.done():
                chan.worker.cancel()
        workers = [c.worker for c in self._channels.values() if c.worker]
        await asyncio.gather(*workers, return_exceptions=True)
