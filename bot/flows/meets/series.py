"""Recurring meets on Discord's side: announcing each date as it comes within reach,
and telling members about changes to this and later dates."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import discord

from bot.errors import NotFound
from bot.flows.locale import posts_language
from bot.render.series import kept_time_text
from bot.services.meets import CancelResult, Meet
from bot.services.meets.series import SeriesEdit

from .actions import refresh_announcement, tell_cancelled, tell_edit, tell_members
from .announce import _recover, _send_announcement
from .events import mirror_cancel, mirror_create, mirror_update
from .threads import open_thread, rename_thread

if TYPE_CHECKING:
    from bot.app import PaddockBot

log = logging.getLogger("paddock.meets.series")


RETRY_FIRST = timedelta(minutes=1)
RETRY_MOST = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class _Retry:
    guild_id: int
    tries: int
    next_at: datetime


class AnnounceRetries:
    """Dates whose announcement failed in this run (Discord down, a permission missing
    for a while), each tried again after 1, 2, 4 … minutes, at most every 30, until it
    is posted, cancelled or has started. Kept in memory: after a restart the startup
    recovery (recover_announcements) picks up every date still unannounced, and what it
    can't post comes back here."""

    def __init__(self) -> None:
        self._due: dict[int, _Retry] = {}

    def failed(self, meet: Meet, now: datetime) -> None:
        before = self._due.get(meet.id)
        tries = before.tries + 1 if before else 1
        wait = min(RETRY_FIRST * 2 ** min(tries - 1, 10), RETRY_MOST)
        self._due[meet.id] = _Retry(meet.guild_id, tries, now + wait)

    def due(self, now: datetime) -> list[tuple[int, int]]:
        """(guild id, meet id) of each date whose next try has come."""
        return [(r.guild_id, meet_id) for meet_id, r in self._due.items() if r.next_at <= now]

    def forget(self, meet_id: int) -> None:
        self._due.pop(meet_id, None)

    def __contains__(self, meet_id: object) -> bool:
        return meet_id in self._due


async def post_due_dates(bot: PaddockBot, retries: AnnounceRetries | None = None) -> list[Meet]:
    """One scheduler pass: make the dates now within each server's post-ahead time (the
    service makes each date once, whatever restarts happen) and announce them; then try
    again the dates whose announcement failed earlier and whose wait is over."""
    retries = retries if retries is not None else AnnounceRetries()
    now = bot.clock.now()  # the waits count from the pass, however long its posts take
    announced: list[Meet] = []
    for meet in await bot.services.series.make_due(shards=bot.shards_run):
        posted = await announce_date(bot, meet)
        if posted is not None:
            announced.append(posted)
        elif meet.channel_id is not None:
            retries.failed(meet, now)
    for guild_id, meet_id in retries.due(now):
        posted = await retry_announcement(bot, retries, guild_id, meet_id, now)
        if posted is not None:
            announced.append(posted)
    return announced


async def retry_announcement(
    bot: PaddockBot, retries: AnnounceRetries, guild_id: int, meet_id: int, now: datetime
) -> Meet | None:
    """Try once more to announce a date whose post failed. The channel's recent history
    is searched first and the post carries the meet's nonce, as at a restart's
    recovery, so a post that did reach Discord before the error is adopted, not doubled."""
    meets = bot.services.meets
    try:
        meet = await meets.get(guild_id, meet_id)
    except NotFound:
        retries.forget(meet_id)  # its recurring meet was deleted meanwhile
        return None
    gone = meet.cancelled or meet.has_started(now) or meet.channel_id is None
    if meet.message_id is not None or gone:
        retries.forget(meet_id)  # announced meanwhile (a press adopted it), or too late
        return None
    try:
        await _recover(bot, meet)
    except discord.HTTPException as exc:
        retries.failed(meet, now)
        log.warning(
            "could not announce meet %s (a recurring date) in %s again: %s %s",
            meet.id,
            meet.channel_id,
            exc.status,
            exc.text,
        )
        return None
    retries.forget(meet_id)
    posted = await _thread_if_wanted(bot, await meets.get(guild_id, meet_id))
    if posted.event_id is None:
        note = await mirror_create(bot, posted)
        if note:
            log.info("meet %s: %s", meet_id, note)
        posted = await meets.get(guild_id, meet_id)
    log.info("announced meet %s (a recurring date) on a later try", meet_id)
    return posted


def retry_failed(retries: AnnounceRetries, failed: Iterable[Meet], now: datetime) -> None:
    """Hand what the startup recovery couldn't post to the retries."""
    for meet in failed:
        retries.failed(meet, now)


async def announce_date(bot: PaddockBot, meet: Meet) -> Meet | None:
    """Announce a date the scheduler made, like /meet create does, and mirror it as a
    Discord event. If posting fails the date stays, unannounced, and None is returned:
    the scheduler tries again with a growing wait (AnnounceRetries), and a restart's
    recovery (recover_announcements) finds or posts it; the message nonce and the
    history search keep either from doubling a post that did go out."""
    if meet.channel_id is None:
        log.warning("recurring meet %s has no channel to be announced in", meet.id)
        return None
    try:
        message_id = await _send_announcement(bot, meet, meet.channel_id)
    except discord.HTTPException as exc:
        log.warning(
            "could not announce meet %s (a recurring date) in %s: %s %s",
            meet.id,
            meet.channel_id,
            exc.status,
            exc.text,
        )
        return None
    meets = bot.services.meets
    await meets.attach_message(meet.guild_id, meet.id, meet.channel_id, message_id)
    posted = await _thread_if_wanted(bot, await meets.get(meet.guild_id, meet.id))
    note = await mirror_create(bot, posted)
    if note:
        log.info("meet %s: %s", meet.id, note)
    return posted


async def _thread_if_wanted(bot: PaddockBot, meet: Meet) -> Meet:
    """A newly announced date's discussion thread, where the server has meet threads on,
    as /meet create gives a new meet; its announcement then shows the thread."""
    if not (await bot.services.settings.get(meet.guild_id)).meet_threads:
        return meet
    opened = await open_thread(bot, meet)
    if opened.thread_id is not None and opened.thread_id != meet.thread_id:
        refresh_announcement(bot, opened)
    return opened


async def finish_cancels(bot: PaddockBot, results: Sequence[CancelResult]) -> int:
    """After cancelling this and later dates: each announcement greyed out, its members
    told, its Discord event cancelled. Returns how many members were told."""
    told = 0
    for result in results:
        refresh_announcement(bot, result.meet)
        await tell_cancelled(bot, result.meet, result.notify_ids)
        await mirror_cancel(bot, result.meet)
        told += len(result.notify_ids)
    return told


async def finish_series_edit(bot: PaddockBot, result: SeriesEdit, *, retitled: bool) -> None:
    """After changing this and later dates: every changed announcement and event updated,
    going members told of a new place, and the members of dates that kept their time
    told that the series moved but their date did not."""
    for edit in (*result.moved, *result.edited):
        refresh_announcement(bot, edit.meet)
        if retitled:
            await rename_thread(bot, edit.meet)
        await mirror_update(bot, edit.meet)
        await tell_edit(bot, edit)
    for meet, member_ids in result.kept:
        lang = await posts_language(bot, meet.guild_id)
        await tell_members(bot, meet, member_ids, kept_time_text(meet, result.rule, lang))
