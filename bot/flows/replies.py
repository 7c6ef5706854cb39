"""One way to tell a member something went wrong, for commands and buttons alike."""

from __future__ import annotations

import logging
import secrets

import discord

from bot.i18n import language_of
from bot.render.errors import describe, unexpected

log = logging.getLogger("paddock.errors")


async def reply_ephemeral(interaction: discord.Interaction, message: str) -> None:
    """Answer, or follow up if the interaction was already answered. Never raises."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(
                message, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
        else:
            await interaction.response.send_message(
                message, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
    except discord.NotFound:
        # 10062: the 3 s window passed or the token expired; nothing left to answer.
        log.warning("interaction %s expired before the error reply", interaction.id)
    except discord.HTTPException:
        log.exception("could not send an error reply for interaction %s", interaction.id)


async def report_error(interaction: discord.Interaction, error: BaseException) -> None:
    # Only the member reads it: their client language.
    lang = language_of(interaction.locale)
    message = describe(error, lang)
    if message is None:
        error_id = secrets.token_hex(4)
        original = getattr(error, "original", error)
        log.error(
            "unexpected error %s in interaction %s (%s)",
            error_id,
            interaction.id,
            interaction.command.qualified_name if interaction.command else interaction.data,
            exc_info=original,
        )
        message = unexpected(error_id, lang)
    await reply_ephemeral(interaction, message)
