"""Announcement buttons as dynamic items: the custom id carries the meet, SQLite the rest.

Nothing lives in memory, so buttons on a week-old announcement still work
after any number of restarts.
"""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.services.meets import models
from bot.ui.errors import report_error
from bot.ui.permissions import require_member

from .actions import answer
from .autocomplete import service_for

_STATUS_LOOK = {
    "going": ("Going", discord.ButtonStyle.success),
    "maybe": ("Maybe", discord.ButtonStyle.secondary),
    "no": ("Can't go", discord.ButtonStyle.danger),
}


class RsvpButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"paddock:rsvp:(?P<meet>[0-9]{1,18}):(?P<status>going|maybe|no)",
):
    def __init__(self, meet_id: int, status: models.Answer, *, disabled: bool = False) -> None:
        label, style = _STATUS_LOOK[status]
        super().__init__(
            discord.ui.Button(
                label=label,
                style=style,
                custom_id=f"paddock:rsvp:{meet_id}:{status}",
                disabled=disabled,
            )
        )
        self.meet_id = meet_id
        self.status: models.Answer = status

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> RsvpButton:
        return cls(int(match["meet"]), match["status"])  # type: ignore[arg-type]

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await answer(interaction, self.meet_id, self.status)
        except Exception as exc:
            await report_error(interaction, exc)


class CarButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"paddock:car:(?P<meet>[0-9]{1,18})",
):
    def __init__(self, meet_id: int, *, disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                label="My car…",
                style=discord.ButtonStyle.primary,
                custom_id=f"paddock:car:{meet_id}",
                disabled=disabled,
            )
        )
        self.meet_id = meet_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> CarButton:
        return cls(int(match["meet"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            guild_id = require_member(interaction)
            service = service_for(interaction.client)
            meet = await service.get(guild_id, self.meet_id)  # refuses other servers' meets
            mine = await service.rsvp_of(guild_id, meet.id, interaction.user.id)
            await interaction.response.send_modal(
                CarModal(
                    meet.id,
                    car=mine.car if mine else "",
                    passengers=mine.passengers if mine else 0,
                )
            )
        except Exception as exc:
            await report_error(interaction, exc)


class CarModal(discord.ui.Modal):
    def __init__(self, meet_id: int, *, car: str = "", passengers: int = 0) -> None:
        super().__init__(title="My car", custom_id=f"paddock:carmodal:{meet_id}", timeout=900)
        self.meet_id = meet_id
        self.car: discord.ui.TextInput[CarModal] = discord.ui.TextInput(
            label="Car",
            custom_id="car",
            placeholder="e.g. BMW 1M, Valencia Orange",
            default=car or None,
            required=False,
            max_length=models.CAR_MAX,
        )
        self.passengers: discord.ui.TextInput[CarModal] = discord.ui.TextInput(
            label=f"Passengers (0-{models.PASSENGERS_MAX})",
            custom_id="passengers",
            default=str(passengers),
            required=False,
            max_length=2,
        )
        self.add_item(self.car)
        self.add_item(self.passengers)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await answer(
            interaction,
            self.meet_id,
            None,
            car=self.car.value,
            passengers=self.passengers.value,
        )

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await report_error(interaction, error)


def announcement_view(meet_id: int, *, disabled: bool = False) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for status in ("going", "maybe", "no"):
        view.add_item(RsvpButton(meet_id, status, disabled=disabled))  # type: ignore[arg-type]
    view.add_item(CarButton(meet_id, disabled=disabled))
    return view
