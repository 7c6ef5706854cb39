"""Looking up the members an organiser mentions in meet text, as they write it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from bot.services.meets.mentions import member_ids

if TYPE_CHECKING:
    from bot.app import PaddockBot

log = logging.getLogger("paddock.meets")
# One REST call per member the bot's cache lacks; more mentions than this in one meet
# are left to the neutral word.
LOOKUPS_MAX = 10


async def remember_mentions(bot: PaddockBot, guild_id: int, *texts: str | None) -> None:
    """Keep the names of the members `texts` mention, so the calendar feed and /meet
    calendar can say "@Name" (the bot's cache lacks most members: no members intent).
    Best effort: a member who can't be looked up stays "@member" there."""
    wanted = member_ids(*texts)[:LOOKUPS_MAX]
    guild = bot.get_guild(guild_id)
    if not wanted or guild is None:
        return
    names: dict[int, str] = {}
    for user_id in wanted:
        member = guild.get_member(user_id)
        if member is None:
            try:
                member = await guild.fetch_member(user_id)
            except discord.NotFound:
                continue  # not (or no longer) a member of the server
            except discord.HTTPException as exc:
                log.info("could not look up member %s: %s", user_id, exc.status)
                continue
        names[user_id] = member.display_name
    try:
        await bot.services.meets.remember_names(guild_id, names)
    except Exception:
        log.exception("could not keep the names mentioned in a meet of %s", guild_id)
