"""Mirror meets as Discord scheduled events (external, with a location).

Best effort: without Manage Events the meet works the same, and the
organiser is told once per server rather than on every create.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import discord

from bot.services.meets import Meet, models

from .autocomplete import service_for

log = logging.getLogger("paddock.meets.events")

_EXTERNAL = 3
_GUILD_ONLY = 2
_CANCELLED = 4
NO_PERMISSION = (
    "I couldn't add this meet to the server's Events tab: I need the **Manage Events** "
    "permission for that. Everything else works without it; I won't mention it again."
)


def _payload(meet: Meet) -> dict[str, Any]:
    end = meet.ends_at or meet.starts_at + timedelta(hours=models.DEFAULT_DURATION_HOURS)
    payload: dict[str, Any] = {
        "name": " ".join(meet.title.split())[:100],
        "scheduled_start_time": meet.starts_at.isoformat(),
        "scheduled_end_time": end.isoformat(),
        "entity_metadata": {"location": " ".join(meet.location.split())[:100]},
    }
    description = meet.description
    if meet.jump_url:
        description = f"{description}\n\nRSVP: {meet.jump_url}".strip()
    payload["description"] = description[:1000]
    return payload


async def _warn_once(bot: Any, guild_id: int) -> str | None:
    key = f"meets:event_permission_warned:{guild_id}"
    if await bot.db.get_meta(key):
        return None
    await bot.db.set_meta(key, "1")
    return NO_PERMISSION


async def mirror_create(bot: Any, meet: Meet) -> str | None:
    """Create the scheduled event; returns a one-time note for the organiser, if any."""
    try:
        data = await bot.http.create_guild_scheduled_event(
            meet.guild_id,
            privacy_level=_GUILD_ONLY,
            entity_type=_EXTERNAL,
            **_payload(meet),
        )
    except discord.Forbidden:
        return await _warn_once(bot, meet.guild_id)
    except discord.HTTPException:
        log.warning("could not create a scheduled event for meet %s", meet.id, exc_info=True)
        return None
    await service_for(bot).attach_event(meet.guild_id, meet.id, int(data["id"]))
    return None


async def mirror_update(bot: Any, meet: Meet) -> str | None:
    if meet.event_id is None:
        return await mirror_create(bot, meet)
    try:
        await bot.http.edit_scheduled_event(meet.guild_id, meet.event_id, **_payload(meet))
    except discord.NotFound:
        # Someone deleted the event by hand; make a fresh one.
        await service_for(bot).attach_event(meet.guild_id, meet.id, None)
        return await mirror_create(bot, meet)
    except discord.Forbidden:
        return await _warn_once(bot, meet.guild_id)
    except discord.HTTPException:
        log.warning("could not update the scheduled event of meet %s", meet.id, exc_info=True)
    return None


async def mirror_cancel(bot: Any, meet: Meet) -> str | None:
    if meet.event_id is None:
        return None
    try:
        await bot.http.edit_scheduled_event(meet.guild_id, meet.event_id, status=_CANCELLED)
    except discord.NotFound:
        return None
    except discord.Forbidden:
        return await _warn_once(bot, meet.guild_id)
    except discord.HTTPException:
        log.warning("could not cancel the scheduled event of meet %s", meet.id, exc_info=True)
    return None
