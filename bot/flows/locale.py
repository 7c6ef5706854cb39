"""Which language a message is written in.

A reply only the member sees follows their client (`interaction.locale`); a public post
follows the server: its `/config language`, else the preferred locale Discord reports
for it, else English. Public messages are re-rendered in the server's language each
time they are edited, so a language change reaches live posts at their next update.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.i18n import language_of
from bot.services.guild_settings import GuildSettings

if TYPE_CHECKING:
    from bot.app import PaddockBot


def member_language(interaction: discord.Interaction) -> str:
    return language_of(interaction.locale)


def server_language(settings: GuildSettings, guild: discord.Guild | None) -> str:
    return public_language(settings.language, guild)


def public_language(configured: str | None, guild: discord.Guild | None) -> str:
    """A public post's language from the server's /config language (None: not set), for
    a render that read that setting along with its state."""
    if configured is not None:
        return configured
    return language_of(guild.preferred_locale if guild is not None else None)


async def posts_language(bot: PaddockBot, guild_id: int) -> str:
    """The language of a public post in this server (announcements, notices, reminders),
    read when the post is rendered, so a /config language change reaches the next one."""
    settings = await bot.services.settings.get(guild_id)
    return server_language(settings, bot.get_guild(guild_id))
