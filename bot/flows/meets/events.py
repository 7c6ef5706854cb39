"""Mirror meets as Discord scheduled events (external, with a location).

Best effort: without Manage Events the meet works the same, and the
organiser is told once per server rather than on every create.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import discord

from bot.flows.locale import posts_language
from bot.i18n import DEFAULT, t
from bot.services.meets import Meet, models

if TYPE_CHECKING:
    from bot.app import PaddockBot

log = logging.getLogger("paddock.meets.events")

_WARNED = "meets:event_permission_warned"  # the stored key predates this module


def _name(meet: Meet) -> str:
    return " ".join(meet.title.split())[:100]


def _location(meet: Meet) -> str:
    return " ".join(meet.location.split())[:100]


def _end(meet: Meet) -> datetime:
    return meet.ends_at or meet.starts_at + timedelta(hours=models.DEFAULT_DURATION_HOURS)


def _description(meet: Meet, lang: str) -> str:
    description = meet.description
    if meet.jump_url:
        rsvp = t(lang, "meets-event-rsvp", url=meet.jump_url)
        description = f"{description}\n\n{rsvp}".strip()
    return description[:1000]


async def _warn_once(bot: PaddockBot, guild_id: int, lang: str) -> str | None:
    if await bot.services.settings.first_notice(guild_id, _WARNED):
        return t(lang, "meets-event-no-permission")
    return None


async def _event(bot: PaddockBot, guild: discord.Guild, event_id: int) -> discord.ScheduledEvent:
    """The event from the cache (kept by gateway events), else from Discord."""
    return guild.get_scheduled_event(event_id) or await guild.fetch_scheduled_event(
        event_id, with_counts=False
    )


async def mirror_create(bot: PaddockBot, meet: Meet, lang: str = DEFAULT) -> str | None:
    """Create the scheduled event; returns a one-time note for the organiser, if any (in
    `lang`, the organiser's). The event itself is public: in the server's language."""
    guild = bot.get_guild(meet.guild_id)
    if guild is None:
        log.warning("no event for meet %s: server %s is not in my cache", meet.id, meet.guild_id)
        return None
    try:
        event = await guild.create_scheduled_event(
            name=_name(meet),
            start_time=meet.starts_at,
            end_time=_end(meet),
            entity_type=discord.EntityType.external,
            privacy_level=discord.PrivacyLevel.guild_only,
            location=_location(meet),
            description=_description(meet, await posts_language(bot, meet.guild_id)),
        )
    except discord.Forbidden:
        return await _warn_once(bot, meet.guild_id, lang)
    except discord.HTTPException:
        log.warning("could not create a scheduled event for meet %s", meet.id, exc_info=True)
        return None
    await bot.services.meets.attach_event(meet.guild_id, meet.id, event.id)
    return None


async def mirror_update(bot: PaddockBot, meet: Meet, lang: str = DEFAULT) -> str | None:
    guild = bot.get_guild(meet.guild_id)
    if meet.event_id is None or guild is None:
        return await mirror_create(bot, meet, lang)
    try:
        event = await _event(bot, guild, meet.event_id)
        await event.edit(
            name=_name(meet),
            start_time=meet.starts_at,
            end_time=_end(meet),
            location=_location(meet),
            description=_description(meet, await posts_language(bot, meet.guild_id)),
        )
    except discord.NotFound:
        # Someone deleted the event by hand; make a fresh one.
        log.info("the event of meet %s was deleted; making a new one", meet.id)
        await bot.services.meets.attach_event(meet.guild_id, meet.id, None)
        return await mirror_create(bot, meet, lang)
    except discord.Forbidden:
        return await _warn_once(bot, meet.guild_id, lang)
    except discord.HTTPException:
        log.warning("could not update the scheduled event of meet %s", meet.id, exc_info=True)
    return None


async def mirror_cancel(bot: PaddockBot, meet: Meet, lang: str = DEFAULT) -> str | None:
    guild = bot.get_guild(meet.guild_id)
    if meet.event_id is None or guild is None:
        return None
    try:
        event = await _event(bot, guild, meet.event_id)
        await event.cancel()
    except discord.NotFound:
        log.info("the event of meet %s was already deleted", meet.id)
        return None
    except discord.Forbidden:
        return await _warn_once(bot, meet.guild_id, lang)
    except discord.HTTPException:
        log.warning("could not cancel the scheduled event of meet %s", meet.id, exc_info=True)
    return None
