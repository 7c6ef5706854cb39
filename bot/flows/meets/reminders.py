"""Sending due reminders: claim first, then post, so none goes out twice."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.render.meets import reminder_text
from bot.services.guild_settings import format_minutes

from .actions import tell_members

if TYPE_CHECKING:
    from bot.app import PaddockBot

log = logging.getLogger("paddock.meets.reminders")


async def send_due_reminders(bot: PaddockBot) -> int:
    """One pass: every due reminder is claimed, posted once, and marked sent."""
    reminders = bot.services.reminders
    sent = 0
    for due in await reminders.due():
        if not await reminders.claim(due.id):
            continue
        channel_id = due.meet.channel_id
        if channel_id is None:
            await reminders.mark_sent(due.id, None)
            continue
        # Going members who chose DMs get the reminder by DM; the channel post mentions
        # the rest, split so that each message stays within Discord's limits.
        posted = await tell_members(
            bot, due.meet, due.going_ids, reminder_text(due), post_without_mentions=True
        )
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
