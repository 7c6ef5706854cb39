"""/about: what is running and how it is doing."""

from __future__ import annotations

import math

import discord
from discord import app_commands
from discord.ext import commands

from bot import __version__
from bot.app import PaddockBot
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
        embed = discord.Embed(title="Paddock", colour=discord.Colour.dark_teal())
        embed.description = "Car specs, meets with RSVP and a live attendance counter."
        embed.add_field(name="Version", value=__version__)
        embed.add_field(name="Uptime", value=format_duration(self.bot.uptime))
        embed.add_field(
            name="Gateway latency",
            value="measuring…" if not math.isfinite(latency) else f"{latency * 1000:.0f} ms",
        )
        if interaction.guild_id is not None:
            stats = await self.bot.services.stats.for_server(interaction.guild_id)
            embed.add_field(name="Stored for this server", value=stats_text(stats), inline=False)
        await interaction.followup.send(embed=embed, ephemeral=True)


async def setup(bot: PaddockBot) -> None:
    await bot.add_cog(About(bot))
