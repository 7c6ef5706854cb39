"""What a member reads when something went wrong: words only, no sending."""

from __future__ import annotations

from discord import app_commands

from bot.errors import PaddockError, RsvpClosed
from bot.render.formatting import timestamp
from bot.render.text import plain


def unexpected(error_id: str) -> str:
    return (
        f"Something went wrong on our side (error id `{error_id}`). "
        "Please try again, and quote the id to an admin if it keeps happening."
    )


def _domain(error: PaddockError) -> str:
    if isinstance(error, RsvpClosed):
        title = f"**{plain(error.title, 100)}**"
        if error.cancelled:
            return f"{title} is cancelled, so RSVPs are closed."
        if error.deadline is not None:
            return (
                f"RSVPs for {title} closed at its deadline ({timestamp(error.deadline, 'F')}). "
                "An organiser can still change your answer until it starts."
            )
        return f"RSVPs for {title} closed when it started ({timestamp(error.starts_at, 'F')})."
    return error.message


def describe(error: BaseException) -> str | None:
    """The member-facing text for an expected error, or None for a bug."""
    if isinstance(error, app_commands.CommandInvokeError | app_commands.TransformerError):
        inner = error.__cause__ or getattr(error, "original", None)
        if isinstance(error, app_commands.TransformerError):
            return f"`{str(error.value)[:50]}` is not valid here. Pick one of the suggestions."
        if inner is not None:
            return describe(inner)
    if isinstance(error, PaddockError):
        return _domain(error)
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
