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

from .actions import adopt_pressed, answer
from .autocomplete import service_for

CAR_MODAL = re.compile(r"paddock:carmodal:(?P<meet>[0-9]{1,18})")
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
        return cls(int(match["meet"]), models.as_answer(match["status"]))

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
            modal = CarModal(
                meet.id, car=mine.car if mine else "", passengers=mine.passengers if mine else 0
            )
            await interaction.response.send_modal(modal)
            # Forget it at once: every submit, before or after a restart, is
            # handled the same way by handle_modal_submit from its custom id.
            modal.stop()
            if meet.message_id is None:
                await adopt_pressed(interaction, meet)
        except Exception as exc:
            await report_error(interaction, exc)


class CarModal(discord.ui.Modal):
    """The form only; submits are read back from the raw payload by handle_modal_submit."""

    def __init__(self, meet_id: int, *, car: str = "", passengers: int = 0) -> None:
        super().__init__(title="My car", custom_id=f"paddock:carmodal:{meet_id}", timeout=None)
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


def _text_values(components: list[dict[str, Any]]) -> dict[str, str]:
    """custom_id -> value of every text input, in action rows or labels."""
    found: dict[str, str] = {}
    for component in components:
        if "value" in component and "custom_id" in component:
            found[component["custom_id"]] = str(component["value"])
        found.update(_text_values(component.get("components") or []))
        if component.get("component"):
            found.update(_text_values([component["component"]]))
    return found


async def handle_modal_submit(interaction: discord.Interaction) -> bool:
    """Answer a car-modal submit; False if the modal isn't ours."""
    data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
    match = CAR_MODAL.fullmatch(str(data.get("custom_id", "")))
    if match is None:
        return False
    try:
        values = _text_values(data.get("components") or [])
        await answer(
            interaction,
            int(match["meet"]),
            None,
            car=values.get("car", ""),
            passengers=values.get("passengers", "0"),
        )
    except Exception as exc:
        await report_error(interaction, exc)
    return True


def announcement_view(meet_id: int, *, disabled: bool = False) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for status in ("going", "maybe", "no"):
        view.add_item(RsvpButton(meet_id, status, disabled=disabled))
    view.add_item(CarButton(meet_id, disabled=disabled))
    return view
