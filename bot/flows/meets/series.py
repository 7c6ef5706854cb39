"""Recurring meets on Discord's side: announcing each date as it comes within reach,
and telling members about changes to this and later dates."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

import discord

from bot.render.meets import cancelled_text
from bot.render.series import kept_time_text
from bot.services.meets import CancelResult, Meet
from bot.services.meets.series import SeriesEdit

from .actions import refresh_announcement, tell_edit, tell_members
from .announce import _send_announcement
from .events import mirror_cancel, mirror_create, mirror_update

if TYPE_CHECKING:
    from bot.app import PaddockBot

log = logging.getLogger("paddock.meets.series")


async def post_due_dates(bot: PaddockBot) -> list[Meet]:
    """One scheduler pass: make the dates now within each server's post-ahead time (the
    service makes each date once, whatever restarts happen) and announce them."""
    announced: list[Meet] = []
    for meet in await bot.services.series.make_due():
        posted = await announce_date(bot, meet)
        if posted is not None:
            announced.append(posted)
    return announced


async def announce_date(bot: PaddockBot, meet: Meet) -> Meet | None:
    """Announce a date the scheduler made, like /meet create does, and mirror it as a
    Discord event. If posting fails the date stays, unannounced: the next start's
    recovery (recover_announcements) finds or posts its announcement, and the message
    nonce keeps that from doubling a post that did go out."""
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
    posted = await meets.get(meet.guild_id, meet.id)
    note = await mirror_create(bot, posted)
    if note:
        log.info("meet %s: %s", meet.id, note)
    return posted


async def finish_cancels(bot: PaddockBot, results: Sequence[CancelResult]) -> int:
    """After cancelling this and later dates: each announcement greyed out, its members
    told, its Discord event cancelled. Returns how many members were told."""
    told = 0
    for result in results:
        refresh_announcement(bot, result.meet)
        await tell_members(bot, result.meet, result.notify_ids, cancelled_text(result.meet))
        await mirror_cancel(bot, result.meet)
        told += len(result.notify_ids)
    return told


async def finish_series_edit(bot: PaddockBot, result: SeriesEdit) -> None:
    """After changing this and later dates: every changed announcement and event updated,
    going members told of a new place, and the members of dates that kept their time
    told that the series moved but their date did not."""
    for edit in (*result.moved, *result.edited):
        refresh_announcement(bot, edit.meet)
        await mirror_update(bot, edit.meet)
        await tell_edit(bot, edit)
    for meet, member_ids in result.kept:
        await tell_members(bot, meet, member_ids, kept_time_text(meet, result.rule))
