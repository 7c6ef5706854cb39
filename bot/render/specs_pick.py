"""The pick list /specs answers with when a member's text names several cars (or a make).

Each select's custom id carries everything needed to finish the lookup: which
slot the pick fills (model or compare), the car already chosen for the other
slot, and the units asked for. So a pick list keeps working after a restart,
like the meet buttons, and holds nothing in memory. A pick only forwards to
`bot.flows.presses`; what it posts is decided there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, cast

import discord

from bot.i18n import option_name, t
from bot.render.text import copyable, plain, truncate
from bot.services.specs.models import Car

if TYPE_CHECKING:
    from bot.app import PaddockBot

Slot = Literal["m", "c"]  # the pick is the model, or the car to compare with
UnitsCode = Literal["m", "i", "s"]  # metric, imperial, the server's setting
PER_SELECT = 25  # Discord's limit for options in one select
MAX_SELECTS = 5  # one per action row
MAX_PICKS = PER_SELECT * MAX_SELECTS
ECHO_LIMIT = 40  # how much of a member's text is repeated back
CUSTOM_ID = re.compile(
    r"paddock:specs:(?P<slot>[mc]):(?P<part>[0-4]):(?P<other>[a-z0-9-]{0,64}):(?P<units>[mis])"
)


def _option(car: Car, lang: str) -> discord.SelectOption:
    detail = f"{car.chassis}, {car.years_label}"
    if car.club:
        detail = t(lang, "pick-club-entry", detail=detail)
    return discord.SelectOption(
        label=truncate(car.name, 100), value=car.id, description=truncate(detail, 100)
    )


class CarPick(discord.ui.DynamicItem[discord.ui.Select[Any]], template=CUSTOM_ID.pattern):
    def __init__(
        self,
        slot: Slot,
        part: int,
        other: str,
        units: UnitsCode,
        cars: Sequence[Car] = (),
        placeholder: str | None = None,
        lang: str = "en",
    ) -> None:
        options = [_option(car, lang) for car in cars] or [
            discord.SelectOption(label="-", value="-")
        ]
        super().__init__(
            discord.ui.Select(
                custom_id=f"paddock:specs:{slot}:{part}:{other}:{units}",
                placeholder=truncate(placeholder or t(lang, "pick-a-car"), 150),
                options=options,
                min_values=1,
                max_values=1,
            )
        )
        self.slot: Slot = slot
        self.other = other
        self.units: UnitsCode = units

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> CarPick:
        slot: Slot = "c" if match["slot"] == "c" else "m"
        units: UnitsCode = "i" if match["units"] == "i" else "m" if match["units"] == "m" else "s"
        return cls(slot, int(match["part"]), match["other"], units)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        values = self.item.values
        presses = cast("PaddockBot", interaction.client).flows.presses
        await presses.specs_pick(
            interaction, values[0] if values else "", self.slot, self.other, self.units
        )


def pick_view(
    cars: Sequence[Car], slot: Slot, other: str, units: UnitsCode, lang: str = "en"
) -> discord.ui.View:
    """Up to five selects of 25 cars each; pick_message says when there were more."""
    view = discord.ui.View(timeout=None)
    shown = list(cars[:MAX_PICKS])
    chunks = [shown[i : i + PER_SELECT] for i in range(0, len(shown), PER_SELECT)]
    for part, chunk in enumerate(chunks):
        placeholder = t(lang, "pick-a-car")
        if len(chunks) > 1:
            first, last = truncate(chunk[0].name, 50), truncate(chunk[-1].name, 50)
            placeholder = t(lang, "pick-a-car-between", first=first, last=last)
        view.add_item(CarPick(slot, part, other, units, chunk, placeholder, lang))
    return view


def pick_message(
    text: str, option: str, cars: Sequence[Car], *, make: bool, lang: str = "en"
) -> str:
    """Why the member sees a list: a make, a near miss, or several cars."""
    echoed, option = plain(text, ECHO_LIMIT), option_name(lang, option)
    if make:
        message = t(lang, "pick-make", make=plain(cars[0].make), count=len(cars))
    elif len(cars) == 1:
        message = t(lang, "pick-near-miss", text=echoed, option=option, car=plain(cars[0].label))
    else:
        message = t(lang, "pick-several", text=echoed, option=option, count=len(cars))
    if len(cars) > MAX_PICKS:
        message += " " + t(lang, "pick-first-only", count=MAX_PICKS)
    return message


def no_match_message(
    text: str, option: str, make: str | None = None, count: int = 0, lang: str = "en"
) -> str:
    """A car the catalogue lacks: say so plainly, and point at the make's list if it has one."""
    echoed = plain(text, ECHO_LIMIT) or t(lang, "pick-nothing")
    message = t(lang, "pick-no-match", text=echoed, option=option_name(lang, option))
    if make is not None and count:
        # `/specs bmw` is a command to copy: as written, not escaped (render/text.py).
        lower = copyable(make).lower()
        message += " " + t(lang, "pick-make-has", count=count, make=plain(make), lower=lower)
    return message + " " + t(lang, "pick-how-to-add")
