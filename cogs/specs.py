"""/specs: look up a car in the catalogue, optionally against a second one."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import PaddockBot
from bot.flows import specs as flow
from bot.flows.locale import member_language
from bot.i18n import t
from bot.render.specs_pick import UnitsCode
from bot.render.text import truncate
from bot.services.specs.models import Car
from bot.services.specs.search import MAX_RESULTS, SpecsSearch

log = logging.getLogger("paddock.specs")

CHOICE_NAME_LIMIT = 100  # Discord's limit for an autocomplete choice's name and value


def car_choices(
    search: SpecsSearch,
    current: str,
    exclude: str | None = None,
    lang: str = "en",
    localise: Callable[[Car], Car] | None = None,
) -> list[app_commands.Choice[str]]:
    """`localise`: the car as `lang` names it ("Audi RS 3 Limousine" in German)."""
    matches = [m for m in search.search(current, MAX_RESULTS + 1) if m.car.id != exclude]
    shown = [localise(m.car) if localise else m.car for m in matches[:MAX_RESULTS]]
    return [
        app_commands.Choice(name=truncate(choice_label(car, lang), CHOICE_NAME_LIMIT), value=car.id)
        for car in shown
    ]


def choice_label(car: Car, lang: str = "en") -> str:
    return t(lang, "pick-club-entry", detail=car.label) if car.club else car.label


class Specs(commands.Cog):
    def __init__(self, bot: PaddockBot) -> None:
        self.bot = bot

    @property
    def search(self) -> SpecsSearch:
        return self.bot.services.specs.search

    async def cog_load(self) -> None:
        # Reading ~150 small files takes milliseconds, but a club's catalogue can
        # grow, and the event loop should never wait on the disk.
        extra = self.bot.settings.catalogue_extra
        catalogue = await asyncio.to_thread(self.bot.services.specs.load, extra=extra)
        for error in catalogue.errors:
            log.warning("catalogue: %s", error)
        for translation in self.bot.services.specs.translations.values():
            for problem in translation.errors:
                log.warning("catalogue translation: %s", problem)
        club = sum(1 for car in catalogue.cars if car.club)
        log.info(
            "catalogue: %d cars from %s, %d club entries from %s (%d problems)",
            len(catalogue.cars) - club,
            catalogue.source,
            club,
            catalogue.extra or "no club folder",
            len(catalogue.errors),
        )

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
        model: app_commands.Range[str, 1, 100],
        compare: app_commands.Range[str, 1, 100] | None = None,
        units: app_commands.Choice[str] | None = None,
    ) -> None:
        """Show a car's specs from the club catalogue, or compare two cars."""
        code: UnitsCode = "s" if units is None else "i" if units.value == "imperial" else "m"
        await flow.answer(interaction, model, compare, code)

    @specs.autocomplete("model")
    async def _complete_model(
        self, interaction: discord.Interaction[PaddockBot], current: str
    ) -> list[app_commands.Choice[str]]:
        lang = member_language(interaction)
        return car_choices(self.search, current, lang=lang, localise=self._localiser(lang))

    @specs.autocomplete("compare")
    async def _complete_compare(
        self, interaction: discord.Interaction[PaddockBot], current: str
    ) -> list[app_commands.Choice[str]]:
        # Comparing a car with itself is refused, so don't offer the one already picked.
        picked = getattr(interaction.namespace, "model", None)
        chosen = self.search.resolve(picked) if isinstance(picked, str) and picked else None
        exclude = chosen.id if chosen else None
        lang = member_language(interaction)
        return car_choices(self.search, current, exclude, lang, self._localiser(lang))

    def _localiser(self, lang: str) -> Callable[[Car], Car]:
        return functools.partial(self.bot.services.specs.named_in, lang=lang)


async def setup(bot: PaddockBot) -> None:
    await bot.add_cog(Specs(bot))
