"""My car… for members with a garage: pick one of their cars, or "Other car…" for the form."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.errors import NotFound
from bot.flows.guards import require_member
from bot.flows.locale import member_language, posts_language
from bot.i18n import t
from bot.render.garage import rsvp_car_text
from bot.render.garage_pick import OTHER, garage_pick_view
from bot.render.meets import meet_ref
from bot.render.views import CarModal
from bot.services.ids import as_id
from bot.services.meets import Meet, Rsvp

from .actions import answer

if TYPE_CHECKING:
    from bot.app import PaddockBot


async def offer_garage_cars(
    interaction: discord.Interaction[PaddockBot], meet: Meet, *, going: bool = False
) -> bool:
    """Offer the member's garage cars for the meet; False when they have none (then the
    car form opens as before)."""
    cars = await interaction.client.services.garage.cars_of(meet.guild_id, interaction.user.id)
    if not cars:
        return False
    await interaction.response.send_message(
        t(member_language(interaction), "meets-which-car", meet=meet_ref(meet)),
        view=garage_pick_view(meet.id, cars, going=going, lang=member_language(interaction)),
        ephemeral=True,
        allowed_mentions=discord.AllowedMentions.none(),
    )
    return True


async def picked_garage_car(
    interaction: discord.Interaction[PaddockBot], meet_id: int, value: str, *, going: bool = False
) -> None:
    """A garage car picked: it becomes the RSVP's car. "Other car…": the car form."""
    guild_id = require_member(interaction)
    bot = interaction.client
    if value == OTHER:
        meet = await bot.services.meets.get(guild_id, meet_id)
        mine: Rsvp | None = await bot.services.meets.rsvp_of(guild_id, meet.id, interaction.user.id)
        modal = CarModal(
            meet.id,
            car=mine.car if mine else "",
            passengers=mine.passengers if mine else 0,
            going=going and mine is None,
            lang=member_language(interaction),
        )
        await interaction.response.send_modal(modal)
        modal.stop()  # submits are handled from the custom id, like the button's form
        return
    car_id = as_id(value)
    if car_id is None:
        raise NotFound(key="error-meets-unknown-garage-car")
    car = await bot.services.garage.own(guild_id, interaction.user.id, car_id)
    # The car column is posted with the meet: the server's language.
    text = rsvp_car_text(car, await posts_language(bot, guild_id))
    await answer(interaction, meet_id, "going" if going else None, car=text)
    await bot.services.garage.pick_for_meet(guild_id, meet_id, interaction.user.id, car.id, text)
