"""Posting a meet's announcement, and finding it again after a crash."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

import discord

from bot.errors import InvalidInput
from bot.flows.locale import posts_language
from bot.render.meets import announcement_embed
from bot.render.views import announcement_view
from bot.services.meets import Meet

from .actions import find_announcement, refresh_announcement

if TYPE_CHECKING:
    from bot.app import PaddockBot

log = logging.getLogger("paddock.meets")


def announcement_nonce(meet_id: int) -> str:
    """Discord returns the earlier message for a repeat of this nonce within minutes, so a
    recovery post right after a crash can't double one that did go out (<= 25 chars)."""
    return f"paddock-meet-{meet_id}"


async def _send_announcement(bot: PaddockBot, meet: Meet, channel_id: int) -> int:
    roster = await bot.services.meets.roster(meet.guild_id, meet.id)
    target = bot.get_partial_messageable(channel_id, guild_id=meet.guild_id)
    lang = await posts_language(bot, meet.guild_id)

    async def send() -> discord.Message:
        return await target.send(
            embed=announcement_embed(roster, lang=lang),
            view=announcement_view(meet.id, lang=lang),
            nonce=announcement_nonce(meet.id),
        )

    message: discord.Message = await bot.pacer.send(channel_id, send)
    return message.id


async def post_announcement(bot: PaddockBot, meet: Meet, channel_id: int | None) -> Meet:
    """Post a new meet's announcement and store its id; a meet that can't be announced
    is deleted again, so /meet create either fully happens or not at all."""
    meets = bot.services.meets
    if channel_id is None:
        await meets.delete(meet.guild_id, meet.id)
        raise InvalidInput(key="error-meets-no-channel")
    try:
        message_id = await _send_announcement(bot, meet, channel_id)
    except discord.HTTPException as exc:
        log.info("could not announce meet %s: %s %s", meet.id, exc.status, exc.text)
        await meets.delete(meet.guild_id, meet.id)
        raise InvalidInput(key="error-meets-cannot-post", channel=f"<#{channel_id}>") from None
    await meets.attach_message(meet.guild_id, meet.id, channel_id, message_id)
    return await meets.get(meet.guild_id, meet.id)


async def recover_announcements(bot: PaddockBot, started: datetime) -> list[Meet]:
    """After a crash between posting a meet's announcement and storing its id (or
    between committing the meet and posting it), find the announcement and adopt it.

    For each upcoming meet of an earlier run (created before `started`) with no stored
    announcement: the bot's own message in the meet channel's recent history whose
    buttons carry the meet id is adopted; if there is none, the post never happened, so
    it is made now. The organiser asked for an announced meet, and the meet is already
    live without one (listed, RSVP-able by /rsvp, reminders scheduled); dropping it
    instead would silently undo a create that may have half-succeeded. A press on an
    orphan before this runs adopts it too (adopt_pressed); both adopt only while the id
    is NULL. Only the meets of this process's shards: the others' processes recover
    theirs when they start. Returns the meets whose announcement still couldn't be
    posted (Discord refused it), for the scheduler to try again.
    """
    failed: list[Meet] = []
    for meet in await bot.services.meets.unannounced(started, shards=bot.shards_run):
        try:
            await _recover(bot, meet)
        except discord.HTTPException as exc:
            log.warning(
                "could not recover the announcement of meet %s: %s %s",
                meet.id,
                exc.status,
                exc.text,
            )
            failed.append(meet)
        except Exception:
            log.exception("could not recover the announcement of meet %s", meet.id)
    return failed


async def _recover(bot: PaddockBot, meet: Meet) -> None:
    meets = bot.services.meets
    channel_id = meet.channel_id
    assert channel_id is not None
    channel = bot.get_partial_messageable(channel_id, guild_id=meet.guild_id)
    try:
        message_id = await find_announcement(bot, channel, meet.id)
    except discord.Forbidden:
        log.info("can't read history in %s; relying on the nonce for meet %s", channel_id, meet.id)
        message_id = None  # the nonce still dedupes a recent post
    if message_id is None:
        message_id = await _send_announcement(bot, meet, channel_id)
        log.info("posted the missing announcement of meet %s", meet.id)
    else:
        log.info("found the announcement of meet %s: %s", meet.id, message_id)
    await meets.adopt_message(meet.guild_id, meet.id, channel_id, message_id)
    refresh_announcement(bot, await meets.get(meet.guild_id, meet.id))
