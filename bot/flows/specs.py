"""What /specs and a pick from its list do on Discord's side: post a card, or offer a list."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.errors import InvalidInput, NotFound
from bot.flows.guards import require_member
from bot.flows.locale import member_language, server_language
from bot.i18n import t
from bot.render.garage import in_garage_text
from bot.render.specs import compare_embed, spec_embed
from bot.render.specs_pick import (
    MAX_PICKS,
    Slot,
    UnitsCode,
    no_match_message,
    pick_message,
    pick_view,
)
from bot.render.text import plain
from bot.services.specs.models import Car
from bot.services.specs.search import SpecsSearch
from bot.services.specs.units import UnitSystem

if TYPE_CHECKING:
    from bot.app import PaddockBot


def miss_message(search: SpecsSearch, text: str, option: str, lang: str = "en") -> str:
    make = search.make_of(text)
    count = len(search.make(make)) if make else 0
    return no_match_message(text, option, make, count, lang)


async def answer(
    interaction: discord.Interaction[PaddockBot],
    model: str,
    compare: str | None,
    units: UnitsCode,
) -> None:
    """The command: a card when the text is clear, a private pick list when it is not."""
    guild_id = require_member(interaction)
    search = interaction.client.services.specs.search
    car = search.resolve(model)
    other = search.resolve(compare) if compare is not None else None
    if car is None:
        # With both unclear, the model is asked first and compare is dropped.
        await offer(interaction, search, model, "m", other, units)
        return
    if compare is not None and other is None:
        await offer(interaction, search, compare, "c", car, units)
        return
    await post(interaction, guild_id, car, other, units)


async def offer(
    interaction: discord.Interaction[PaddockBot],
    search: SpecsSearch,
    text: str,
    slot: Slot,
    other: Car | None,
    units: UnitsCode,
) -> None:
    """Answer unclear text with a private pick list, or say plainly that nothing matches."""
    option = "model" if slot == "m" else "compare"
    lang = member_language(interaction)  # the list is the member's alone
    cars = [c for c in search.candidates(text, MAX_PICKS + 1) if other is None or c.id != other.id]
    cars = [interaction.client.services.specs.named_in(c, lang) for c in cars]
    if not cars:
        raise NotFound(miss_message(search, text, option, lang))
    await interaction.response.send_message(
        pick_message(text, option, cars, make=bool(search.make(text)), lang=lang),
        view=pick_view(cars, slot, other.id if other else "", units, lang),
        ephemeral=True,
    )


async def picked(
    interaction: discord.Interaction[PaddockBot], car_id: str, slot: Slot, other: str, units: str
) -> None:
    """A pick from the list: post the card (or the comparison) as /specs would have."""
    guild_id = require_member(interaction)
    search = interaction.client.services.specs.search
    chosen = search.get(car_id)
    partner = search.get(other) if other else None
    if chosen is None or (other and partner is None):
        raise NotFound(t(member_language(interaction), "pick-gone"))
    if slot == "m":
        await post(interaction, guild_id, chosen, partner, units)
    else:
        await post(interaction, guild_id, partner or chosen, chosen if partner else None, units)


async def post(
    interaction: discord.Interaction[PaddockBot],
    guild_id: int,
    car: Car,
    other: Car | None,
    units: str,
) -> None:
    if other is not None and other.id == car.id:
        lang = member_language(interaction)
        raise InvalidInput(t(lang, "specs-same-car", car=plain(car.label)))
    settings = await interaction.client.services.settings.get(guild_id)
    chosen: dict[str, UnitSystem] = {"m": "metric", "i": "imperial"}
    system = chosen.get(units, settings.units)
    # The card is posted for the whole channel: the server's language, the catalogue's
    # notes and factory included.
    lang = server_language(settings, interaction.guild)
    specs = interaction.client.services.specs
    car = specs.in_language(car, lang)
    other = None if other is None else specs.in_language(other, lang)
    embed = (
        spec_embed(car, system, lang) if other is None else compare_embed(car, other, system, lang)
    )
    if other is None and (
        owned := await interaction.client.services.garage.count_model(guild_id, car.id)
    ):
        embed.add_field(
            name=t(lang, "specs-club-garage"), value=in_garage_text(owned, lang), inline=False
        )
    await interaction.response.send_message(embed=embed)
