"""German (and any later language's) names for slash commands, options and choices.

discord.py hands every command, option and choice string to the tree's translator when
it builds the sync payload. The catalogue key comes from where the string sits, so a cog
needs no edits to be translated:

    /meet create               cmd-meet-create.name, cmd-meet-create.description
    its option `title`         cmd-meet-create-opt-title.name, ….description
    a choice named "metric"    choice-metric

A language without a key gives None, and Discord shows that member the English one.
"""

from __future__ import annotations

from discord import Locale, app_commands
from discord.app_commands import TranslationContextLocation as Where

from bot.i18n import DEFAULT, has, language_of, slug, t


def command_key(qualified_name: str) -> str:
    return "cmd-" + slug(qualified_name)


def option_key(qualified_name: str, option: str) -> str:
    return f"{command_key(qualified_name)}-opt-{slug(option)}"


def choice_key(name: str) -> str:
    return "choice-" + slug(name)


def catalogue_key(context: app_commands.TranslationContextTypes) -> str | None:
    """The key a command string is translated under, from its place in the tree."""
    where, data = context.location, context.data
    attribute = (
        ".name"
        if where in (Where.command_name, Where.group_name, Where.parameter_name)
        else ".description"
    )
    if isinstance(data, app_commands.Command | app_commands.Group | app_commands.ContextMenu):
        return command_key(data.qualified_name) + attribute
    if isinstance(data, app_commands.Parameter):
        return option_key(data.command.qualified_name, data.name) + attribute
    if isinstance(data, app_commands.Choice):
        return choice_key(data.name)
    return None


class CommandTranslator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        lang = language_of(locale)
        if lang == DEFAULT:
            # Most of Discord's ~30 locales: asked for every string at each sync.
            return None  # English is the command's own text
        key = catalogue_key(context)
        if key is None or not has(lang, key):
            return None
        return t(lang, key)
