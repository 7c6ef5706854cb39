"""What the announcement's buttons and the car form do once pressed or submitted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord

from bot.flows.guards import require_member
from bot.flows.locale import member_language
from bot.i18n import t
from bot.render.meets import meet_ref
from bot.render.views import CAR_MODAL, CarModal, car_going_view, modal_values

from .actions import adopt_pressed, answer
from .garage_pick import offer_garage_cars

if TYPE_CHECKING:
    from bot.app import PaddockBot


async def open_car_form(
    interaction: discord.Interaction[PaddockBot], meet_id: int, *, going: bool = False
) -> None:
    """The My car… button: the form, filled in with what the member gave before. Without
    an answer yet, the member is asked to answer first, or offered Going with the car in
    one step (`going`): a car never answers for them silently."""
    guild_id = require_member(interaction)
    service = interaction.client.services.meets
    meet = await service.get(guild_id, meet_id)  # refuses other servers' meets
    mine = await service.rsvp_of(guild_id, meet.id, interaction.user.id)
    lang = member_language(interaction)
    if mine is None and not going:
        await interaction.response.send_message(
            t(lang, "meets-answer-first", meet=meet_ref(meet)),
            view=car_going_view(meet.id, lang),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        return
    # With cars in the garage, My car… offers them (Other car… opens the form).
    if await offer_garage_cars(interaction, meet, going=going and mine is None):
        if meet.message_id is None:
            await adopt_pressed(interaction, meet)
        return
    modal = CarModal(
        meet.id,
        car=mine.car if mine else "",
        passengers=mine.passengers if mine else 0,
        going=going and mine is None,
        lang=lang,
    )
    await interaction.response.send_modal(modal)
    # Forget it at once: every submit, before or after a restart, is handled the
    # same way by submit_car_form from its custom id.
    modal.stop()
    if meet.message_id is None:
        await adopt_pressed(interaction, meet)


def car_form_meet(interaction: discord.Interaction) -> tuple[int, bool] | None:
    """The meet a submitted car form is for and whether it also says Going, or None if
    the form isn't ours."""
    data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
    match = CAR_MODAL.fullmatch(str(data.get("custom_id", "")))
    return None if match is None else (int(match["meet"]), bool(match["going"]))


async def submit_car_form(
    interaction: discord.Interaction[PaddockBot], meet_id: int, *, going: bool = False
) -> None:
    data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
    values = modal_values(data.get("components") or [])
    await answer(
        interaction,
        meet_id,
        "going" if going else None,
        car=values.get("car", ""),
        passengers=values.get("passengers", "0"),
    )
