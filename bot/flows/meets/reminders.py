"""Sending due reminders: claim first, then post, so none goes out twice."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord

from bot.render.meets import reminder_text
from bot.services.guild_settings import format_minutes

from .actions import MENTIONS_PER_MESSAGE

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
        text = reminder_text(due)
        going = list(due.going_ids)
        chunks = [
            going[i : i + MENTIONS_PER_MESSAGE] for i in range(0, len(going), MENTIONS_PER_MESSAGE)
        ]
        first_id: int | None = None
        channel = bot.get_partial_messageable(channel_id)
        for index, chunk in enumerate(chunks or [[]]):
            mentions = " ".join(f"<@{u}>" for u in chunk)
            content = f"{text}\n{mentions}" if index == 0 else mentions
            allowed = discord.AllowedMentions(
                everyone=False, roles=False, users=[discord.Object(u) for u in chunk]
            )

            async def post(
                content: str = content,
                allowed: discord.AllowedMentions = allowed,
                channel: Any = channel,
            ) -> Any:
                return await channel.send(content.strip()[:2000], allowed_mentions=allowed)

            try:
                message = await bot.pacer.send(channel_id, post)
            except discord.HTTPException as exc:
                # Claimed already, so it won't repeat; losing one beats sending twice.
                log.warning(
                    "reminder %s (%s before meet %s) could not be posted: %s %s",
                    due.id,
                    format_minutes(due.minutes_before),
                    due.meet.id,
                    exc.status,
                    exc.text,
                )
                break
            first_id = first_id or message.id
        await reminders.mark_sent(due.id, first_id)
        sent += 1
    return sent
