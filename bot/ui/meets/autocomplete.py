"""Picking a meet in a slash command option: autocomplete plus resolving the value."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

import discord
from discord import app_commands

from bot.errors import NotFound
from bot.services.ids import as_id
from bot.services.meets import Meet, MeetService
from bot.ui.text import truncate

# The shape discord.py's @app_commands.autocomplete expects: a coroutine function.
Complete = Callable[
    [discord.Interaction[Any], str], Coroutine[Any, Any, list[app_commands.Choice[str]]]
]


def service_for(client: discord.Client) -> MeetService:
    # Stateless over the shared Database, so building one per call is free.
    return MeetService(client.db, client.clock)  # type: ignore[attr-defined]


def choice_label(meet: Meet, tz: object | None = None) -> str:
    when = meet.starts_at.astimezone(tz) if tz is not None else meet.starts_at  # type: ignore[arg-type]
    stamp = when.strftime("%a %d %b %Y %H:%M")
    label = f"{meet.title} · {stamp}"
    if meet.cancelled:
        label = f"[cancelled] {label}"
    # Choice names are plain text (no markdown), capped at 100 by Discord.
    return truncate(" ".join(label.split()), 100)


def meet_autocomplete(include_past_hours: int = 0) -> Complete:
    """An autocomplete callback listing this server's upcoming meets.

    `include_past_hours` also offers meets that started that many hours ago
    (the attendance counter runs during a meet). Values are meet ids.
    """

    async def complete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        client = interaction.client
        meets = await service_for(client).upcoming(
            interaction.guild_id, current, 25, include_past_hours=include_past_hours
        )
        tz = None
        settings_service = getattr(client, "guild_settings", None)
        if settings_service is not None:
            tz = (await settings_service.get(interaction.guild_id)).tz
        return [app_commands.Choice(name=choice_label(m, tz), value=str(m.id)) for m in meets]

    return complete


async def resolve_meet(client: discord.Client, guild_id: int, value: str) -> Meet:
    """The meet an option names: an id from autocomplete, or a unique title match."""
    value = value.strip()
    service = service_for(client)
    meet_id = as_id(value)
    if meet_id is not None:
        return await service.get(guild_id, meet_id)
    matches = await service.upcoming(guild_id, value, 2, include_past_hours=24)
    if len(matches) == 1:
        return matches[0]
    raise NotFound(
        f"`meet`: I can't find one meet called `{truncate(value, 40)}`. Pick one from the list."
    )
