"""Sending due reminders: claim first, then post, so none goes out twice."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from bot.flows.locale import posts_language
from bot.render.meets import reminder_text
from bot.services.guild_settings import format_minutes
from bot.services.meets import DueReminder

from .actions import Delivery, deliver, edit_announcement

if TYPE_CHECKING:
    from bot.app import PaddockBot

log = logging.getLogger("paddock.meets.reminders")


async def send_due_reminders(bot: PaddockBot) -> int:
    """One pass: every due reminder is claimed, posted once, and marked sent; one whose
    meet was cancelled while it was being posted is taken back."""
    reminders = bot.services.reminders
    sent = 0
    for listed in await reminders.due(shards=bot.shards_run):
        if not await reminders.claim(listed.id):
            continue
        # In the meet's notice order: a cancel notice racing this reminder goes out
        # after it has been posted, or taken back, never in between.
        async with bot.flows.outbox.notice_lock(listed.meet.id):
            sent += await _send_claimed(bot, listed)
    return sent


async def _send_claimed(bot: PaddockBot, listed: DueReminder) -> int:
    reminders = bot.services.reminders
    lang = await posts_language(bot, listed.meet.guild_id)
    # Re-checked after the claim and as close to the post as can be: the meet may
    # have been cancelled or moved since `due` read it (confirm drops or re-plans
    # the claim then); the text uses the meet and the going members as they are now.
    due = await reminders.confirm(listed.id)
    if due is None:
        log.info("reminder %s of meet %s no longer fits; not sent", listed.id, listed.meet.id)
        return 0
    if due.meet.notice_channel_id is None:
        await reminders.mark_sent(due.id, None)
        return 0
    # Going members who chose DMs get the reminder by DM; the channel (or thread)
    # post mentions the rest, split so each message stays within Discord's limits:
    # each member is reached exactly once.
    text = reminder_text(due, lang)
    delivery = await deliver(bot, due.meet, due.going_ids, text, post_without_mentions=True)
    # A cancel can commit while the post is in flight (confirm ran before it): asked
    # again now the post has landed, and a cancelled meet's reminder is taken back.
    # A cancel after this read comes after the reminder was out, as it may.
    now = await bot.services.meets.get(due.meet.guild_id, due.meet.id)
    if now.cancelled:
        await _take_back(bot, delivery)
        await reminders.withdrawn(due.id)
        log.info(
            "meet %s was cancelled while its reminder %s was posted; taken back", now.id, due.id
        )
        return 0
    if not delivery.posted and not delivery.dms:
        # Claimed already, so it won't repeat; losing one beats sending twice.
        log.warning(
            "reminder %s (%s before meet %s) could not be posted",
            due.id,
            format_minutes(due.minutes_before),
            due.meet.id,
        )
    await reminders.mark_sent(due.id, delivery.posted[0] if delivery.posted else None)
    return 1


async def _take_back(bot: PaddockBot, delivery: Delivery) -> None:
    """Delete a reminder's channel posts and DMs; one that can't be deleted is logged
    (the cancel notice that follows still tells its members)."""
    messages: list[discord.Message | discord.PartialMessage] = [*delivery.dms]
    if delivery.channel_id is not None:
        channel = bot.get_partial_messageable(delivery.channel_id)
        messages += [channel.get_partial_message(m) for m in delivery.posted]
    for message in messages:
        try:
            await message.delete()
        except discord.NotFound:
            pass
        except discord.HTTPException as exc:
            log.warning("could not take back reminder message %s: %s", message.id, exc.status)


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
