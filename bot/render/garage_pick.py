"""My car… with a garage: a select menu of the member's cars, and "Other car…" for the form.

The select is a DynamicItem: its custom id carries the meet (and whether the pick
also says Going), the values carry garage car ids, so a pick after a restart works
like one before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

import discord

from bot.i18n import t
from bot.render.garage import car_choice_label
from bot.services.garage import GarageCar

if TYPE_CHECKING:
    from bot.app import PaddockBot

OTHER = "other"
GARAGE_PICK = re.compile(r"paddock:gcar:(?P<meet>[0-9]{1,18})(?P<going>:going)?")


class GarageCarSelect(discord.ui.DynamicItem[discord.ui.Select[Any]], template=GARAGE_PICK.pattern):
    def __init__(
        self,
        meet_id: int,
        going: bool = False,
        cars: Sequence[GarageCar] = (),
        lang: str = "en",
    ) -> None:
        options = [
            discord.SelectOption(label=car_choice_label(c, lang), value=str(c.id))
            for c in cars[:24]
        ]
        options.append(
            discord.SelectOption(
                label=t(lang, "garage-pick-other"),
                value=OTHER,
                description=t(lang, "garage-pick-other-hint"),
            )
        )
        super().__init__(
            discord.ui.Select(
                custom_id=f"paddock:gcar:{meet_id}" + (":going" if going else ""),
                placeholder=t(lang, "garage-pick-placeholder"),
                options=options,
                min_values=1,
                max_values=1,
            )
        )
        self.meet_id = meet_id
        self.going = going

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> GarageCarSelect:
        return cls(int(match["meet"]), bool(match["going"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
        values = [str(v) for v in data.get("values") or []]
        presses = cast("PaddockBot", interaction.client).flows.presses
        await presses.garage_car(
            interaction, self.meet_id, values[0] if values else OTHER, self.going
        )


def garage_pick_view(
    meet_id: int, cars: Sequence[GarageCar], *, going: bool = False, lang: str = "en"
) -> discord.ui.View:
    """The member's own pick list, in their language."""
    view = discord.ui.View(timeout=None)
    view.add_item(GarageCarSelect(meet_id, going, cars, lang))
    return view
