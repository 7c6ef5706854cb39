"""Sending due reminders: claim first, then post, so none goes out twice."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from bot.flows.locale import posts_language
from bot.render.meets import reminder_text
from bot.services.guild_settings import format_minutes

from .actions import edit_announcement, tell_members

if TYPE_CHECKING:
    from bot.app import PaddockBot

log = logging.getLogger("paddock.meets.reminders")


async def send_due_reminders(bot: PaddockBot) -> int:
    """One pass: every due reminder is claimed, posted once, and marked sent."""
    reminders = bot.services.reminders
    sent = 0
    for listed in await reminders.due(shards=bot.shards_run):
        if not await reminders.claim(listed.id):
            continue
        lang = await posts_language(bot, listed.meet.guild_id)
        # Re-checked after the claim and as close to the post as can be: the meet may
        # have been cancelled or moved since `due` read it (confirm drops or re-plans
        # the claim then); the text uses the meet and the going members as they are now.
        due = await reminders.confirm(listed.id)
        if due is None:
            log.info("reminder %s of meet %s no longer fits; not sent", listed.id, listed.meet.id)
            continue
        if due.meet.notice_channel_id is None:
            await reminders.mark_sent(due.id, None)
            continue
        # Going members who chose DMs get the reminder by DM; the channel (or thread)
        # post mentions the rest, split so each message stays within Discord's limits:
        # each member is reached exactly once.
        text = reminder_text(due, lang)
        posted = await tell_members(bot, due.meet, due.going_ids, text, post_without_mentions=True)
        if not posted:
            # Claimed already, so it won't repeat; losing one beats sending twice.
            log.warning(
                "reminder %s (%s before meet %s) could not be posted",
                due.id,
                format_minutes(due.minutes_before),
                due.meet.id,
            )
        first_id = posted[0] if posted else None
        await reminders.mark_sent(due.id, first_id)
        sent += 1
    return sent


async def close_due_announcements(bot: PaddockBot) -> int:
    """Show "RSVPs closed" (buttons off) on each announcement whose deadline or start has
    passed. The mark is stored only after the edit went through, so a crash or restart
    in between edits again rather than never."""
    meets = bot.services.meets
    closed = 0
    for meet in await meets.closing_due(shards=bot.shards_run):
        channel_id, message_id = meet.channel_id, meet.message_id
        assert channel_id is not None and message_id is not None

        async def edit(
            g: int = meet.guild_id, meet_id: int = meet.id, c: int = channel_id, m: int = message_id
        ) -> None:
            await edit_announcement(bot, g, meet_id, c, m)

        try:
            await bot.pacer.send(channel_id, edit)
        except discord.NotFound:
            log.info("the announcement of meet %s is gone; nothing to close", meet.id)
        except discord.HTTPException as exc:
            log.warning("could not close the announcement of meet %s: %s", meet.id, exc.status)
            continue
        await meets.mark_closed_shown(meet.id)
        closed += 1
    return closed
