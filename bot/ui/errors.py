"""One way to tell a member something went wrong, for commands and buttons alike."""

from __future__ import annotations

import logging
import secrets

import discord
from discord import app_commands

from bot.errors import PaddockError

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


def describe(error: BaseException) -> str | None:
    """The member-facing text for an expected error, or None for a bug."""
    if isinstance(error, app_commands.CommandInvokeError | app_commands.TransformerError):
        inner = error.__cause__ or getattr(error, "original", None)
        if isinstance(error, app_commands.TransformerError):
            return f"`{str(error.value)[:50]}` is not valid here. Pick one of the suggestions."
        if inner is not None:
            return describe(inner)
    if isinstance(error, PaddockError):
        return error.message
    if isinstance(error, app_commands.MissingPermissions):
        perms = ", ".join(p.replace("_", " ").title() for p in error.missing_permissions)
        return f"You need the {perms} permission for that."
    if isinstance(error, app_commands.BotMissingPermissions):
        perms = ", ".join(p.replace("_", " ").title() for p in error.missing_permissions)
        return f"I need the {perms} permission for that. Ask a server admin."
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down: try again in {error.retry_after:.0f} s."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "Paddock works inside a server, not in DMs."
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use that command here."
    return None


async def report_error(interaction: discord.Interaction, error: BaseException) -> None:
    message = describe(error)
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
        message = (
            f"Something went wrong on our side (error id `{error_id}`). "
            "Please try again, and quote the id to an admin if it keeps happening."
        )
    await reply_ephemeral(interaction, message)
