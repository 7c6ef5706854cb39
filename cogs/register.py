"""/register: the club's own production statistics, from the members' garages."""

from __future__ import annotations

import asyncio
import io

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import PaddockBot
from bot.errors import InvalidInput
from bot.flows.garage import (
    family_named,
    one_generation,
    register_labels,
    register_model,
    shown_name,
)
from bot.flows.guards import require_member
from bot.flows.locale import member_language, server_language
from bot.i18n import t
from bot.render.garage import colours_embed, register_embed
from bot.render.register_chart import render_register_chart
from bot.render.text import truncate
from bot.services.garage.picking import typed_text
from cogs.garage import model_choices


@app_commands.guild_only()
class Register(commands.GroupCog, group_name="register"):
    """The club register: members' cars counted by model, colour and year."""

    def __init__(self, bot: PaddockBot) -> None:
        self.bot = bot
        self.garage = bot.services.garage
        super().__init__()

    async def _complete_model(
        self, interaction: discord.Interaction[PaddockBot], current: str
    ) -> list[app_commands.Choice[str]]:
        free = (
            await self.garage.free_models(interaction.guild_id, current)
            if interaction.guild_id is not None
            else []
        )
        lang = member_language(interaction)
        choices = model_choices(self.bot, current, free, lang)
        found = family_named(self.bot, current)
        if found is None:
            return choices
        # "m3" offers every M3 first: a member picking the top entry out of habit should
        # get the club's M3s, not the newest generation alone.
        text = " ".join(current.split())[:100]
        name = t(lang, "reg4-all-generations", model=found.name, count=len(found.cars))
        rest = [c for c in choices if c.value != text]
        return [app_commands.Choice(name=truncate(name, 100), value=text), *rest][:25]

    @app_commands.command(name="overview")
    @app_commands.describe(model="A model (default: the whole garage)")
    async def overview(
        self,
        interaction: discord.Interaction[PaddockBot],
        model: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        """The club's cars: by colour, by year, verified, and the share of production."""
        guild_id = require_member(interaction)
        car, family = register_model(self.bot, model) if model else (None, None)
        # Text that names no catalogue car or family filters by make, model start or words.
        text = typed_text(model) if model and car is None and family is None else None
        stats = await self.garage.register(guild_id, car, model_text=text, family=family)
        # Posted for the whole channel: the server's language.
        settings = await self.bot.services.settings.get(guild_id)
        lang = server_language(settings, interaction.guild)
        short = self.bot.services.specs.in_language(car, lang).model if car is not None else None
        stats = register_labels(self.bot, stats, car, lang)
        embed = register_embed(stats, short, lang)
        if stats.cars == 0:
            await interaction.response.send_message(embed=embed)
            return
        await interaction.response.defer(thinking=True)
        # matplotlib is CPU-bound: render in a thread so the bot keeps answering.
        chart = await asyncio.to_thread(
            render_register_chart, stats, stats.model or t(lang, "register-all-members-cars"), lang
        )
        await interaction.followup.send(
            embed=embed, file=discord.File(io.BytesIO(chart.png), filename="register.png")
        )

    overview.autocomplete("model")(_complete_model)

    @app_commands.command(name="colours")
    @app_commands.describe(model="A catalogue model")
    async def colours(
        self, interaction: discord.Interaction[PaddockBot], model: app_commands.Range[str, 1, 100]
    ) -> None:
        """Every factory colour of a model with how many the club has, zeros included."""
        guild_id = require_member(interaction)
        settings = await self.bot.services.settings.get(guild_id)
        lang = server_language(settings, interaction.guild)
        # "m3" is ten cars with ten palettes: asked which, in the member's language.
        car = one_generation(self.bot, model, member_language(interaction))
        if car is None:
            raise InvalidInput(key="error-register-not-in-catalogue")
        # The colour notes as the server reads them; the names are the maker's own.
        local = self.bot.services.specs.in_language(car, lang)
        counts = await self.garage.colours(guild_id, local)
        await interaction.response.send_message(
            embed=colours_embed(shown_name(self.bot, car, lang), counts, lang)
        )

    @colours.autocomplete("model")
    async def _complete_catalogue_model(
        self, interaction: discord.Interaction[PaddockBot], current: str
    ) -> list[app_commands.Choice[str]]:
        # Factory colours are known for catalogue cars only: a club's own model, or the
        # text as typed, would only lead to "not in the catalogue".
        return model_choices(self.bot, current, [], member_language(interaction), typed=False)


async def setup(bot: PaddockBot) -> None:
    await bot.add_cog(Register(bot))
