"""A meet's discussion thread: opened under the announcement, joined by who answers."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Literal

import discord

from bot.flows.locale import posts_language
from bot.i18n import DEFAULT, t
from bot.services.meets import Meet

if TYPE_CHECKING:
    from bot.app import PaddockBot

log = logging.getLogger("paddock.meets.threads")
ARCHIVE_MINUTES: Literal[10080] = 10080  # a week, the longest Discord allows


def thread_name(meet: Meet, lang: str = DEFAULT) -> str:
    return " ".join(meet.title.split())[:100] or t(lang, "meets-number", id=str(meet.id))


async def open_thread(bot: PaddockBot, meet: Meet) -> Meet:
    """Start the meet's thread on its announcement (once); best effort: a meet without a
    thread still works, its notices go to the channel."""
    if meet.thread_id or meet.channel_id is None or meet.message_id is None:
        return meet
    lang = await posts_language(bot, meet.guild_id)
    try:
        data = await bot.http.start_thread_with_message(
            meet.channel_id,
            meet.message_id,
            name=thread_name(meet, lang),
            auto_archive_duration=ARCHIVE_MINUTES,
            # The server's admins read the audit log: in the server's language.
            reason=t(lang, "meets-thread-reason", id=str(meet.id)),
        )
    except discord.HTTPException as exc:
        log.warning("could not open a thread for meet %s: %s %s", meet.id, exc.status, exc.text)
        return meet
    await bot.services.meets.attach_thread(meet.guild_id, meet.id, int(data["id"]))
    return await bot.services.meets.get(meet.guild_id, meet.id)


async def rename_thread(bot: PaddockBot, meet: Meet) -> None:
    """After a new title: the thread takes it too. Only then, since Discord allows a
    thread two renames per ten minutes; best effort, like opening it."""
    if not meet.thread_id:
        return
    lang = await posts_language(bot, meet.guild_id)
    try:
        await bot.http.edit_channel(
            meet.thread_id,
            name=thread_name(meet, lang),
            reason=t(lang, "meets-thread-reason", id=str(meet.id)),
        )
    except discord.HTTPException as exc:
        log.info("could not rename the thread of meet %s: %s %s", meet.id, exc.status, exc.text)


async def add_to_thread(bot: PaddockBot, meet: Meet, user_id: int) -> None:
    if not meet.thread_id:
        return
    try:
        await bot.http.add_user_to_thread(meet.thread_id, user_id)
    except discord.HTTPException as exc:
        log.info("could not add %s to the thread of meet %s: %s", user_id, meet.id, exc.status)
