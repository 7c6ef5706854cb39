"""What a member reads when something went wrong: words only, no sending."""

from __future__ import annotations

from discord import app_commands

from bot.errors import ChooseOne, PaddockError, RsvpClosed
from bot.i18n import option_name, t
from bot.i18n.formats import in_words
from bot.render.formatting import timestamp
from bot.render.text import plain


def unexpected(error_id: str, lang: str = "en") -> str:
    return t(lang, "error-unexpected", id=error_id)


def _domain(error: PaddockError, lang: str) -> str:
    if isinstance(error, RsvpClosed):
        title = f"**{plain(error.title, 100)}**"
        if error.cancelled:
            return t(lang, "error-rsvp-cancelled", title=title)
        if error.deadline is not None:
            when = timestamp(error.deadline, "F")
            return t(lang, "error-rsvp-deadline", title=title, when=when)
        return t(lang, "error-rsvp-started", title=title, when=timestamp(error.starts_at, "F"))
    if isinstance(error, ChooseOne):
        options = ", ".join(f"**{plain(option, 60)}**" for option in error.options)
        fields = {**in_words(lang, error.fields), "text": plain(error.text, 50)}
        return t(lang, error.key or "", **{**fields, "options": options})
    if error.key is not None:
        fields = in_words(lang, error.fields)
        if "name" in fields:  # a slash-command option, named as the member's Discord shows it
            fields["name"] = option_name(lang, str(fields["name"]))
        return t(lang, error.key, **fields)
    return error.message


def _permissions(names: list[str]) -> str:
    # Discord shows permission names in English in every client language.
    return ", ".join(p.replace("_", " ").title() for p in names)


def describe(error: BaseException, lang: str = "en") -> str | None:
    """The member-facing text for an expected error, or None for a bug."""
    if isinstance(error, app_commands.CommandInvokeError | app_commands.TransformerError):
        inner = error.__cause__ or getattr(error, "original", None)
        if isinstance(error, app_commands.TransformerError):
            return t(lang, "error-not-valid-here", value=str(error.value)[:50])
        if inner is not None:
            return describe(inner, lang)
    if isinstance(error, PaddockError):
        return _domain(error, lang)
    if isinstance(error, app_commands.MissingPermissions):
        return t(lang, "error-member-missing", perms=_permissions(error.missing_permissions))
    if isinstance(error, app_commands.BotMissingPermissions):
        return t(lang, "error-bot-missing", perms=_permissions(error.missing_permissions))
    if isinstance(error, app_commands.CommandOnCooldown):
        return t(lang, "error-cooldown", seconds=round(error.retry_after))
    if isinstance(error, app_commands.NoPrivateMessage):
        return t(lang, "error-no-dms")
    if isinstance(error, app_commands.CheckFailure):
        return t(lang, "error-check-failed")
    return None
