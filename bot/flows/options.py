"""Options that name a meet (or a series): the one picker and the one way to resolve them.

Every command that takes a meet offers it through `meet_picker` and reads it back
through `resolve_meet`, so an option behaves (and fails) the same everywhere.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.errors import InvalidInput, NotFound
from bot.flows.locale import member_language
from bot.render.meets import choice_label
from bot.render.text import copyable, plain, truncate
from bot.services.attendance.records import series_key
from bot.services.ids import as_id
from bot.services.meets import Meet

if TYPE_CHECKING:
    from bot.app import PaddockBot

# The shape discord.py's @app_commands.autocomplete expects: a coroutine function.
Complete = Callable[
    [discord.Interaction[Any], str], Coroutine[Any, Any, list[app_commands.Choice[str]]]
]
CHOICES = 25  # Discord shows at most 25 suggestions


def meet_picker(
    *, include_past_hours: int = 0, counters: bool = False, include_cancelled: bool = False
) -> Complete:
    """Autocomplete for a `meet` option; values are meet ids.

    Plain pickers list upcoming meets (and, with `include_past_hours`, those that started
    that long ago). `counters=True` is the attendance picker: meets nearest to now with
    live counters first (marked 🟢), because a counter runs during and after a meet.
    """

    async def complete(
        interaction: discord.Interaction[PaddockBot], current: str
    ) -> list[app_commands.Choice[str]]:
        guild_id = interaction.guild_id
        if guild_id is None:
            return []
        services = interaction.client.services
        tz = (await services.settings.get(guild_id)).tz
        lang = member_language(interaction)
        if counters:
            found = await services.attendance.meet_choices(guild_id, current, CHOICES)
            live = {c.meet_id for c in await services.attendance.live_counters(guild_id)}
            return [
                app_commands.Choice(
                    name=choice_label(m, tz, live=m.id in live, lang=lang), value=str(m.id)
                )
                for m in found
            ]
        meets = await services.meets.upcoming(
            guild_id,
            current,
            CHOICES,
            include_past_hours=include_past_hours,
            include_cancelled=include_cancelled,
        )
        return [
            app_commands.Choice(name=choice_label(m, tz, lang=lang), value=str(m.id)) for m in meets
        ]

    return complete


async def series_picker(
    interaction: discord.Interaction[PaddockBot], current: str
) -> list[app_commands.Choice[str]]:
    """Autocomplete for a `series` option: the series this server has used, matched
    regardless of case and accents ("nurb" offers "Nürburgring")."""
    if interaction.guild_id is None:
        return []
    names = await interaction.client.services.records.series_names(interaction.guild_id, current)
    return [app_commands.Choice(name=truncate(n, 100), value=n) for n in names]


# A near-miss series is asked about once; the same command again within this long
# means "yes, a new series".
CONFIRM_SECONDS = 600.0
_asked: dict[tuple[int, int, str], float] = {}


async def settle_series(interaction: discord.Interaction[PaddockBot], typed: str | None) -> str:
    """The series a command should store: an existing one in its own spelling whatever
    the case and accents typed, or a new name. A new name one slip away from an existing
    series is offered back first ("Did you mean Nürburgring?"); sending it again says
    it is meant."""
    guild_id = interaction.guild_id
    if guild_id is None or not (typed or "").strip():
        return ""
    match = await interaction.client.services.records.match_series(guild_id, typed)
    if match.known or match.suggestion is None:
        return match.name
    now = time.monotonic()
    for stale in [k for k, at in _asked.items() if now - at > CONFIRM_SECONDS]:
        del _asked[stale]
    key = (guild_id, interaction.user.id, series_key(match.name))
    if key in _asked:
        del _asked[key]
        return match.name
    _asked[key] = now
    raise InvalidInput(
        key="error-meets-series-did-you-mean",
        suggestion=plain(match.suggestion, 50),
        name=copyable(match.name, 50),  # inside a code span: as typed
        minutes=int(CONFIRM_SECONDS // 60),
    )


async def resolve_meet(
    bot: PaddockBot,
    guild_id: int,
    value: str | None,
    *,
    counters: bool = False,
    include_cancelled: bool = False,
) -> Meet:
    """The meet an option names: an id from the picker, or a title that matches one meet.

    With `counters=True` (the attendance commands) an empty option means the meet whose
    counter is live, and titles match the attendance picker's meets.
    """
    services = bot.services
    text = (value or "").strip()
    if not text:
        if not counters:
            raise NotFound(key="error-meets-pick-meet")
        return await services.meets.get(guild_id, await services.attendance.live_meet(guild_id))
    meet_id = as_id(text)
    if meet_id is not None:
        return await services.meets.get(guild_id, meet_id)
    if counters:
        infos = await services.attendance.meet_choices(guild_id, text, 3)
        ids = [m.id for m in infos]
    else:
        matches = await services.meets.upcoming(
            guild_id, text, 3, include_past_hours=24, include_cancelled=include_cancelled
        )
        if len(matches) == 1:
            return matches[0]
        ids = [m.id for m in matches]
    if len(ids) == 1:
        return await services.meets.get(guild_id, ids[0])
    if len(ids) > 1:
        raise NotFound(key="error-meets-ambiguous", count=len(ids), text=copyable(text, 40))
    raise NotFound(key="error-meets-unknown-title", text=copyable(text, 40))
