"""/about: what is running and how it is doing."""

from __future__ import annotations

import math

import discord
from discord import app_commands
from discord.ext import commands

from bot import __version__
from bot.app import PaddockBot
from bot.flows.locale import member_language
from bot.i18n import t
from bot.i18n.formats import number
from bot.render.formatting import format_duration, stats_text


class About(commands.Cog):
    def __init__(self, bot: PaddockBot) -> None:
        self.bot = bot

    @app_commands.command(name="about")
    async def about(self, interaction: discord.Interaction[PaddockBot]) -> None:
        """Show Paddock's version, uptime, latency and what it stores for this server."""
        # Counting a big server's rows can outlast Discord's 3 s answer window.
        await interaction.response.defer(ephemeral=True, thinking=True)
        latency = self.bot.latency
        lang = member_language(interaction)
        embed = discord.Embed(title="Paddock", colour=discord.Colour.dark_teal())
        embed.description = t(lang, "about-description")
        embed.add_field(name=t(lang, "about-version"), value=__version__)
        embed.add_field(name=t(lang, "about-uptime"), value=format_duration(self.bot.uptime))
        embed.add_field(
            name=t(lang, "about-latency"),
            value=t(lang, "about-measuring")
            if not math.isfinite(latency)
            else f"{number(lang, latency * 1000)} ms",
        )
        if interaction.guild_id is not None:
            stats = await self.bot.services.stats.for_server(interaction.guild_id)
            embed.add_field(
                name=t(lang, "about-stored"), value=stats_text(stats, lang), inline=False
            )
        await interaction.followup.send(embed=embed, ephemeral=True)


async def setup(bot: PaddockBot) -> None:
    await bot.add_cog(About(bot))
