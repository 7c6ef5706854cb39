"""/specs: look up a car in the catalogue, optionally against a second one."""

from __future__ import annotations

import asyncio
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import PaddockBot
from bot.errors import InvalidInput, NotFound
from bot.flows.guards import require_member
from bot.render.specs import compare_embed, spec_embed
from bot.render.text import plain, truncate
from bot.services.specs.catalogue import load_catalogue
from bot.services.specs.models import Car, Catalogue
from bot.services.specs.search import MAX_RESULTS, SpecsSearch
from bot.services.specs.units import UnitSystem

log = logging.getLogger("paddock.specs")

CHOICE_NAME_LIMIT = 100  # Discord's limit for an autocomplete choice's name and value
ECHO_LIMIT = 40  # how much of a miss we repeat back


def car_choices(
    search: SpecsSearch, current: str, exclude: str | None = None
) -> list[app_commands.Choice[str]]:
    matches = [m for m in search.search(current, MAX_RESULTS + 1) if m.car.id != exclude]
    return [
        app_commands.Choice(name=truncate(m.car.label, CHOICE_NAME_LIMIT), value=m.car.id)
        for m in matches[:MAX_RESULTS]
    ]


def no_match_message(search: SpecsSearch, text: str, option: str) -> str:
    echoed = plain(text, ECHO_LIMIT) or "(nothing)"
    names = ", ".join(plain(car.label) for car in search.suggest(text))
    return (
        f"No car matches '{echoed}' in `{option}`. Did you mean: {names}? "
        "Pick one from the list as you type."
    )


class Specs(commands.Cog):
    def __init__(self, bot: PaddockBot) -> None:
        self.bot = bot
        self.catalogue: Catalogue | None = None
        self.search = SpecsSearch([])

    async def cog_load(self) -> None:
        # Reading ~40 small files takes milliseconds, but a club's catalogue can
        # grow, and the event loop should never wait on the disk.
        catalogue = await asyncio.to_thread(load_catalogue)
        for error in catalogue.errors:
            log.warning("catalogue: %s", error)
        log.info(
            "catalogue: %d cars from %s (%d problems)",
            len(catalogue.cars),
            catalogue.source,
            len(catalogue.errors),
        )
        self.catalogue = catalogue
        self.search = SpecsSearch(catalogue.cars)

    def resolve(self, text: str, option: str) -> Car:
        car = self.search.resolve(text)
        if car is None:
            raise NotFound(no_match_message(self.search, text, option))
        return car

    @app_commands.command(name="specs")
    @app_commands.guild_only()
    @app_commands.describe(
        model="The car: start typing a model, chassis code or nickname, e.g. 1M or E46 M3",
        compare="A second car to compare side by side",
        units="Metric or imperial; defaults to this server's /config units",
    )
    @app_commands.choices(
        units=[
            app_commands.Choice(name="metric", value="metric"),
            app_commands.Choice(name="imperial", value="imperial"),
        ]
    )
    async def specs(
        self,
        interaction: discord.Interaction[PaddockBot],
        model: str,
        compare: str | None = None,
        units: app_commands.Choice[str] | None = None,
    ) -> None:
        """Show a car's specs from the club catalogue, or compare two cars."""
        guild_id = require_member(interaction)
        car = self.resolve(model, "model")
        other = self.resolve(compare, "compare") if compare is not None else None
        if other is not None and other.id == car.id:
            raise InvalidInput(
                f"`compare` is the same car as `model` ({plain(car.label)}). "
                "Pick a different car to compare, or leave `compare` empty."
            )
        system: UnitSystem
        if units is not None:
            system = "imperial" if units.value == "imperial" else "metric"
        else:
            system = (await self.bot.services.settings.get(guild_id)).units
        embed = spec_embed(car, system) if other is None else compare_embed(car, other, system)
        await interaction.response.send_message(embed=embed)

    @specs.autocomplete("model")
    async def _complete_model(
        self, interaction: discord.Interaction[PaddockBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return car_choices(self.search, current)

    @specs.autocomplete("compare")
    async def _complete_compare(
        self, interaction: discord.Interaction[PaddockBot], current: str
    ) -> list[app_commands.Choice[str]]:
        # Comparing a car with itself is refused, so don't offer the one already picked.
        picked = getattr(interaction.namespace, "model", None)
        chosen = self.search.resolve(picked) if isinstance(picked, str) and picked else None
        return car_choices(self.search, current, exclude=chosen.id if chosen else None)


async def setup(bot: PaddockBot) -> None:
    await bot.add_cog(Specs(bot))
