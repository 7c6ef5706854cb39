"""What a press, a command or a background job does on Discord's side.

Flows call services, post, edit and recover; they know discord and hold no SQL.
The bot builds one `Flows` at start-up (bot/app.py), next to its `Services`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import discord

from bot.flows import attendance
from bot.flows import specs as specs_flow
from bot.flows.attendance import CounterPublisher
from bot.flows.meets import dates, drafts
from bot.flows.meets.actions import answer
from bot.flows.meets.drafts import form_draft
from bot.flows.meets.garage_pick import picked_garage_car
from bot.flows.meets.presses import car_form_meet, open_car_form, submit_car_form
from bot.flows.outbox import Outbox
from bot.flows.replies import report_error
from bot.services.meets import models

if TYPE_CHECKING:
    from bot.app import PaddockBot


class Presses:
    """Where buttons and forms land (bot/render/views.py forwards here). Each press is
    answered here, errors included, and held open at shutdown until it has answered."""

    def __init__(self, bot: PaddockBot) -> None:
        self.bot = bot

    async def rsvp(
        self, interaction: discord.Interaction[PaddockBot], meet_id: int, status: models.Answer
    ) -> None:
        self.bot.hold_until_answered()
        try:
            await answer(interaction, meet_id, status)
        except Exception as exc:
            await report_error(interaction, exc)

    async def car(
        self, interaction: discord.Interaction[PaddockBot], meet_id: int, *, going: bool = False
    ) -> None:
        self.bot.hold_until_answered()
        try:
            await open_car_form(interaction, meet_id, going=going)
        except Exception as exc:
            await report_error(interaction, exc)

    async def form(self, interaction: discord.Interaction[PaddockBot]) -> bool:
        """Answer a submitted form (car or meet); False if the form isn't ours. Forms
        can't be dynamic items, so they are recognised by custom id (which survives
        restarts)."""
        car = car_form_meet(interaction)
        draft_id = form_draft(interaction)
        if car is None and draft_id is None:
            return False
        self.bot.hold_until_answered()
        try:
            if car is not None:
                await submit_car_form(interaction, car[0], going=car[1])
            elif draft_id is not None:
                await drafts.submit_form(interaction, draft_id)
        except Exception as exc:
            await report_error(interaction, exc)
        return True

    async def specs_pick(
        self,
        interaction: discord.Interaction[PaddockBot],
        car_id: str,
        slot: Literal["m", "c"],
        other: str,
        units: str,
    ) -> None:
        self.bot.hold_until_answered()
        try:
            await specs_flow.picked(interaction, car_id, slot, other, units)
        except Exception as exc:
            await report_error(interaction, exc)

    async def garage_car(
        self, interaction: discord.Interaction[PaddockBot], meet_id: int, value: str, going: bool
    ) -> None:
        """A pick from My car…'s garage menu."""
        self.bot.hold_until_answered()
        try:
            await picked_garage_car(interaction, meet_id, value, going=going)
        except Exception as exc:
            await report_error(interaction, exc)

    async def draft(
        self, interaction: discord.Interaction[PaddockBot], draft_id: int, action: str
    ) -> None:
        self.bot.hold_until_answered()
        try:
            await drafts.press(interaction, draft_id, action)
        except Exception as exc:
            await report_error(interaction, exc)

    async def dates(
        self, interaction: discord.Interaction[PaddockBot], choice_id: int, scope: str
    ) -> None:
        """This date only, or this and all later dates, for an edit or a cancel."""
        self.bot.hold_until_answered()
        try:
            await dates.press(interaction, choice_id, scope)
        except Exception as exc:
            await report_error(interaction, exc)

    async def counter(
        self, interaction: discord.Interaction[PaddockBot], meet_id: int, action: str
    ) -> None:
        self.bot.hold_until_answered()
        try:
            await attendance.press(interaction, meet_id, action)
        except Exception as exc:
            await report_error(interaction, exc)


@dataclass(frozen=True, slots=True)
class Flows:
    presses: Presses
    counters: CounterPublisher
    outbox: Outbox

    @classmethod
    def build(cls, bot: PaddockBot) -> Flows:
        return cls(presses=Presses(bot), counters=CounterPublisher(bot), outbox=Outbox(bot))
