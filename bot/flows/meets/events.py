"""Mirror meets as Discord scheduled events (external, with a location).

Best effort: without Manage Events the meet works the same, and the
organiser is told once per server rather than on every create.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import discord

from bot.errors import NotFound
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
    """The meet's description, then the link to its announcement. The link stays whole
    (the description gives way): it is how the bot finds its own event again when a
    crash lost the event's id."""
    link = t(lang, "meets-event-rsvp", url=meet.jump_url) if meet.jump_url else ""
    room = 1000 - len(link) - 2
    return "\n\n".join(p for p in (meet.description.strip()[: max(room, 0)], link) if p)


async def _warn_once(bot: PaddockBot, guild_id: int, lang: str) -> str | None:
    if await bot.services.settings.first_notice(guild_id, _WARNED):
        return t(lang, "meets-event-no-permission")
    return None


def _ours(bot: PaddockBot, event: discord.ScheduledEvent, meet: Meet) -> bool:
    return (
        bot.user is not None
        and event.creator_id == bot.user.id
        and meet.jump_url is not None
        and meet.jump_url in (event.description or "")
    )


async def _find(bot: PaddockBot, guild: discord.Guild, meet: Meet) -> list[discord.ScheduledEvent]:
    """The bot's events for this meet in the server's list (Discord's, not the cache)."""
    events = await guild.fetch_scheduled_events(with_counts=False)
    return [e for e in events if _ours(bot, e, meet)]


_OPEN = (discord.EventStatus.scheduled, discord.EventStatus.active)


async def sync_event(
    bot: PaddockBot, guild_id: int, meet_id: int, lang: str = DEFAULT
) -> str | None:
    """Bring the meet's Discord event to the stored meet: created (once: an event whose
    id a crash lost is found in the server's list and adopted), edited to the meet's
    details, or cancelled with it. One at a time per meet. Clears the meet's outbox
    mark when done; returns a one-time note for the organiser, if any."""
    async with bot.flows.outbox.event_lock(meet_id):
        outbox = bot.services.outbox
        version = await outbox.version("event", meet_id)
        try:
            meet = await bot.services.meets.get(guild_id, meet_id)
        except NotFound:
            return None
        guild = bot.get_guild(guild_id)
        if guild is None:
            log.warning("no event for meet %s: server %s is not in my cache", meet_id, guild_id)
            return None
        if meet.jump_url is None and not meet.cancelled:
            return None  # announced first (the event links to it); its mark stays till then
        try:
            await _sync(bot, guild, meet)
        except discord.Forbidden:
            await outbox.done("event", meet_id, version)
            return await _warn_once(bot, guild_id, lang)
        except discord.HTTPException as exc:
            log.warning(
                "could not bring the event of meet %s up to date: %s %s",
                meet_id,
                exc.status,
                exc.text,
            )
            if 400 <= exc.status < 500 and exc.status != 429:
                # Refused as asked: trying the same again would be refused again.
                await outbox.done("event", meet_id, version)
            return None  # otherwise left marked: the outbox drain tries again
        await outbox.done("event", meet_id, version)
        return None


async def _sync(bot: PaddockBot, guild: discord.Guild, meet: Meet) -> None:
    public = await posts_language(bot, meet.guild_id)  # the event is public
    meets = bot.services.meets
    event: discord.ScheduledEvent | None = None
    if meet.event_id is not None:
        try:
            event = await _event(bot, guild, meet.event_id)
        except discord.NotFound:
            log.info("the event of meet %s was deleted", meet.id)
            await meets.attach_event(meet.guild_id, meet.id, None)
    if meet.cancelled:
        if event is not None:
            found = [event]
        else:
            found = [] if meet.jump_url is None else await _find(bot, guild, meet)
        for one in found:
            if one.status in _OPEN:
                with contextlib.suppress(discord.NotFound):
                    if one.status == discord.EventStatus.scheduled:
                        await one.cancel()
                    else:
                        await one.end()
        return
    if meet.has_started(bot.clock.now()):
        return  # Discord runs a started event itself; its details are history now
    if event is None:
        found = await _find(bot, guild, meet)
        open_ = [e for e in found if e.status in _OPEN]
        if open_:
            event = open_[0]
            log.info("found the event of meet %s: %s", meet.id, event.id)
            await meets.attach_event(meet.guild_id, meet.id, event.id)
    if event is None:
        created = await guild.create_scheduled_event(
            name=_name(meet),
            start_time=meet.starts_at,
            end_time=_end(meet),
            entity_type=discord.EntityType.external,
            privacy_level=discord.PrivacyLevel.guild_only,
            location=_location(meet),
            description=_description(meet, public),
        )
        await meets.attach_event(meet.guild_id, meet.id, created.id)
        return
    if event.status not in _OPEN:
        return  # ended, or cancelled by hand on Discord: not brought back
    await event.edit(
        name=_name(meet),
        start_time=meet.starts_at,
        end_time=_end(meet),
        location=_location(meet),
        description=_description(meet, public),
    )


async def _event(bot: PaddockBot, guild: discord.Guild, event_id: int) -> discord.ScheduledEvent:
    """The event from the cache (kept by gateway events), else from Discord."""
    return guild.get_scheduled_event(event_id) or await guild.fetch_scheduled_event(
        event_id, with_counts=False
    )


async def mirror_create(bot: PaddockBot, meet: Meet, lang: str = DEFAULT) -> str | None:
    """Create the meet's scheduled event (see sync_event); a note in `lang`, if any."""
    return await sync_event(bot, meet.guild_id, meet.id, lang)


async def mirror_update(bot: PaddockBot, meet: Meet, lang: str = DEFAULT) -> str | None:
    """Edit the meet's scheduled event, or create it if it has none (see sync_event)."""
    return await sync_event(bot, meet.guild_id, meet.id, lang)


async def mirror_cancel(bot: PaddockBot, meet: Meet, lang: str = DEFAULT) -> str | None:
    """Cancel the meet's scheduled event (see sync_event)."""
    return await sync_event(bot, meet.guild_id, meet.id, lang)
