"""Who may do what, checked in the bot rather than only hidden in Discord's UI."""

from __future__ import annotations

import discord

from bot.errors import Forbidden
from bot.i18n import language_of, t
from bot.services.guild_settings import GuildSettings


def is_organiser(interaction: discord.Interaction, settings: GuildSettings) -> bool:
    """Members with Manage Events (or admin), or the organiser role from /config."""
    perms = interaction.permissions
    if perms.administrator or perms.manage_events or perms.manage_guild:
        return True
    user = interaction.user
    if settings.organizer_role_id and isinstance(user, discord.Member):
        return any(role.id == settings.organizer_role_id for role in user.roles)
    return False


def require_organiser(interaction: discord.Interaction, settings: GuildSettings) -> None:
    if not is_organiser(interaction, settings):
        lang = language_of(interaction.locale)
        if settings.organizer_role_id:
            raise Forbidden(
                t(lang, "error-organisers-or-role", role=f"<@&{settings.organizer_role_id}>")
            )
        raise Forbidden(t(lang, "error-organisers-only"))


def require_member(interaction: discord.Interaction) -> int:
    """The guild id of a real (non-bot) member's interaction."""
    if interaction.guild_id is None:
        raise Forbidden(t(language_of(interaction.locale), "error-no-dms"))
    if interaction.user.bot:
        raise Forbidden(t(language_of(interaction.locale), "error-no-bots"))
    return interaction.guild_id


def require_manage_server(interaction: discord.Interaction) -> int:
    """The guild id, for a member with Manage Server (or admin): /config changes."""
    guild_id = require_member(interaction)
    perms = interaction.permissions
    if not (perms.manage_guild or perms.administrator):
        raise Forbidden(t(language_of(interaction.locale), "error-manage-server"))
    return guild_id
