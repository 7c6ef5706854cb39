"""/help: what Paddock does and the commands this member can use, from the live tree."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import PaddockBot
from bot.errors import InvalidInput
from bot.flows.help import all_entries, find_entry, may_use
from bot.flows.locale import member_language
from bot.i18n import option_name, t
from bot.render.help import HelpEntry, detail_embed, overview_embeds
from bot.render.text import truncate
from bot.services.guild_settings import GuildSettings

CHOICE_LIMIT = 25  # Discord's limit for autocomplete choices
CHOICE_NAME_LIMIT = 100


class Help(commands.Cog):
    def __init__(self, bot: PaddockBot) -> None:
        self.bot = bot

    async def _settings(self, interaction: discord.Interaction[PaddockBot]) -> GuildSettings | None:
        if interaction.guild_id is None:
            return None
        return await self.bot.services.settings.get(interaction.guild_id)

    def _entries(self, interaction: discord.Interaction[PaddockBot], lang: str) -> list[HelpEntry]:
        guild_id = interaction.guild_id
        ids = {c.name: self.bot.command_id(c.name, guild_id) for c in self.bot.tree.get_commands()}
        return all_entries(self.bot.tree, lang, ids)

    @app_commands.command(name="help")
    @app_commands.describe(command="One command to show in detail, with all its options")
    async def help(
        self,
        interaction: discord.Interaction[PaddockBot],
        command: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        """Show what Paddock does and the commands you can use here."""
        lang = member_language(interaction)
        entries = self._entries(interaction, lang)
        if command is not None:
            entry = find_entry(entries, command)
            if entry is None:
                text = command[:40].replace("`", "'")
                raise InvalidInput(key="error-help-unknown-command", text=text, name="command")
            await interaction.response.send_message(embed=detail_embed(entry, lang), ephemeral=True)
            return
        settings = await self._settings(interaction)
        shown = [e for e in entries if may_use(e, interaction, settings)]
        this = next((e for e in entries if e.qualified_name == "help"), None)
        tip = t(
            lang,
            "help-tip",
            help=this.mention if this is not None else "/help",
            option=option_name(lang, "command"),
        )
        first, *more = overview_embeds(shown, f"{t(lang, 'help-intro')}\n\n{tip}", lang)
        await interaction.response.send_message(embed=first, ephemeral=True)
        for embed in more:
            await interaction.followup.send(embed=embed, ephemeral=True)

    @help.autocomplete("command")
    async def _complete_command(
        self, interaction: discord.Interaction[PaddockBot], current: str
    ) -> list[app_commands.Choice[str]]:
        lang = member_language(interaction)
        settings = await self._settings(interaction)
        typed = current.strip().lstrip("/").casefold()
        choices = []
        for entry in self._entries(interaction, lang):
            if not may_use(entry, interaction, settings):
                continue
            words = f"{entry.qualified_name} {entry.shown} {entry.description}".casefold()
            if typed and typed not in words:
                continue
            label = truncate(f"{entry.shown} · {entry.description}", CHOICE_NAME_LIMIT)
            choices.append(app_commands.Choice(name=label, value=entry.qualified_name))
        return choices[:CHOICE_LIMIT]


async def setup(bot: PaddockBot) -> None:
    await bot.add_cog(Help(bot))
