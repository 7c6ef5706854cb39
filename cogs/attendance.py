"""/attendance and /checkin: start, stop and correct the live counter; check in."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import PaddockBot
from bot.errors import Conflict, InvalidInput, NotFound
from bot.services.attendance import AttendanceService
from bot.services.ids import as_id
from bot.ui import attendance as ui
from bot.ui.attendance_live import (
    ACTIONS,
    CounterButton,
    CounterPublisher,
    checkout_view,
    counter_view,
)
from bot.ui.permissions import require_member, require_organiser
from bot.ui.text import plain

log = logging.getLogger("paddock.attendance")


class Attendance(commands.Cog):
    attendance = app_commands.Group(
        name="attendance", description="The live attendance counter at a meet.", guild_only=True
    )

    def __init__(self, bot: PaddockBot) -> None:
        self.bot = bot
        self.service = AttendanceService(bot.db, bot.clock, bot.guild_settings)
        self.live = CounterPublisher(bot, self.service)
        self._upkeep_task: asyncio.Task[None] | None = None

    async def cog_load(self) -> None:
        self._upkeep_task = asyncio.create_task(self.live.upkeep(), name="attendance-upkeep")

    async def cog_unload(self) -> None:
        if self._upkeep_task is not None:
            self._upkeep_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._upkeep_task

    # -- options ---------------------------------------------------------
    async def _meet_id(self, guild_id: int, value: str | None) -> int:
        """The meet an option names: an id from autocomplete, a unique title, or the live one."""
        if value is None or not value.strip():
            return await self.service.live_meet(guild_id)
        value = value.strip()
        meet_id = as_id(value)
        if meet_id is not None:
            return (await self.service.meets.get(guild_id, meet_id)).id
        matches = await self.service.meet_choices(guild_id, value, 2)
        if len(matches) != 1:
            raise NotFound(
                f"`meet`: I can't find one meet called `{plain(value, 40)}`. "
                "Pick one from the list."
            )
        return matches[0].id

    async def _meet_complete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        meets = await self.service.meet_choices(interaction.guild_id, current)
        live = {c.meet_id for c in await self.service.live_counters(interaction.guild_id)}
        tz = (await self.bot.guild_settings.get(interaction.guild_id)).tz
        return [ui.meet_choice(m, tz, m.id in live) for m in meets]

    # -- commands --------------------------------------------------------
    @attendance.command(name="start")
    @app_commands.describe(
        meet="The meet to count", channel="Where the live counter goes (default: this channel)"
    )
    async def start(
        self,
        interaction: discord.Interaction,
        meet: app_commands.Range[str, 1, 100],
        channel: discord.TextChannel | None = None,
    ) -> None:
        """Post the live attendance counter for a meet (organisers)."""
        guild_id = require_member(interaction)
        require_organiser(interaction, await self.bot.guild_settings.get(guild_id))
        meet_id = await self._meet_id(guild_id, meet)
        target_id = channel.id if channel else interaction.channel_id
        if target_id is None:
            raise InvalidInput("`channel`: pick a text channel for the counter.")
        await interaction.response.defer(ephemeral=True, thinking=True)
        result = await self.service.start(guild_id, meet_id, target_id, interaction.user.id)
        target = self.bot.get_partial_messageable(target_id, guild_id=guild_id)
        try:
            message = await self.bot.pacer.send(
                target_id,
                lambda: target.send(
                    embed=ui.counter_embed(result.state), view=counter_view(meet_id)
                ),
            )
        except discord.HTTPException:
            if result.old_message is None:
                await self.service.abandon(guild_id, meet_id)
            raise Conflict(
                f"I couldn't post the counter in <#{target_id}>. Check that I can send "
                "messages and embeds there, then try again."
            ) from None
        await self.service.set_message(guild_id, meet_id, message.id)
        if result.old_message is not None:
            await self.live.delete(guild_id, *result.old_message)
        # Presses can't arrive before the message exists, but /checkin and adjust can:
        # only then is an edit worth one of the channel's few sends.
        if (await self.service.state(guild_id, meet_id)).total != result.state.total:
            self.live.schedule_counter(result.state.channel_id, guild_id, meet_id)
        again = " (reopened)" if result.reopened else ""
        await interaction.followup.send(
            f"Counter{again} for {plain(result.state.meet.title, 100)} is live in "
            f"<#{target_id}>: {message.jump_url}",
            ephemeral=True,
        )

    @start.autocomplete("meet")
    async def _start_complete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await self._meet_complete(interaction, current)

    @attendance.command(name="stop")
    @app_commands.describe(meet="The meet whose counter to stop")
    async def stop(
        self, interaction: discord.Interaction, meet: app_commands.Range[str, 1, 100]
    ) -> None:
        """Freeze the counter, store the final count and post a summary (organisers)."""
        guild_id = require_member(interaction)
        require_organiser(interaction, await self.bot.guild_settings.get(guild_id))
        meet_id = await self._meet_id(guild_id, meet)
        await interaction.response.defer(thinking=True)
        summary = await self.service.stop(guild_id, meet_id, interaction.user.id)
        state = await self.service.state(guild_id, meet_id)
        self.live.schedule_counter(state.channel_id, guild_id, meet_id)
        text = ui.stop_summary(summary)
        await interaction.followup.send(text)
        if state.channel_id != interaction.channel_id:
            counter_channel = self.bot.get_partial_messageable(state.channel_id, guild_id=guild_id)
            with contextlib.suppress(discord.HTTPException):
                await self.bot.pacer.send(state.channel_id, lambda: counter_channel.send(text))

    @stop.autocomplete("meet")
    async def _stop_complete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await self._meet_complete(interaction, current)

    @attendance.command(name="adjust")
    @app_commands.describe(
        meet="The meet whose counter to correct",
        cars="Cars to add to the staff tally (negative to remove), e.g. 3 or -2",
        reason="Why, for the audit log, e.g. 'coach party arrived'",
    )
    async def adjust(
        self,
        interaction: discord.Interaction,
        meet: app_commands.Range[str, 1, 100],
        cars: app_commands.Range[int, -100_000, 100_000],
        reason: app_commands.Range[str, 1, 200],
    ) -> None:
        """Correct the staff tally by any amount (organisers)."""
        guild_id = require_member(interaction)
        require_organiser(interaction, await self.bot.guild_settings.get(guild_id))
        meet_id = await self._meet_id(guild_id, meet)
        change = await self.service.adjust(guild_id, meet_id, interaction.user.id, cars, reason)
        clamped = (
            f" (limited to {change.applied:+d}: the tally stays between 0 and 100 000)"
            if change.applied != cars
            else ""
        )
        await interaction.response.send_message(
            f"Staff tally {change.applied:+d}{clamped}. Now {ui.cars(change.total)}: "
            f"{change.checked_in} checked in + {change.staff} staff tally.",
            ephemeral=True,
        )
        await self.live.after_change(change)

    @adjust.autocomplete("meet")
    async def _adjust_complete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await self._meet_complete(interaction, current)

    @attendance.command(name="status")
    @app_commands.describe(meet="The meet to show (default: the live counter)")
    async def status(
        self, interaction: discord.Interaction, meet: app_commands.Range[str, 1, 100] | None = None
    ) -> None:
        """Show the count, check-ins, staff tally and record for a meet."""
        guild_id = require_member(interaction)
        meet_id = await self._meet_id(guild_id, meet)
        state = await self.service.state(guild_id, meet_id)
        await interaction.response.send_message(embed=ui.status_embed(state), ephemeral=True)

    @status.autocomplete("meet")
    async def _status_complete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await self._meet_complete(interaction, current)

    @app_commands.command(name="checkin")
    @app_commands.guild_only()
    @app_commands.describe(meet="The meet you're at (default: the one with a live counter)")
    async def checkin(
        self, interaction: discord.Interaction, meet: app_commands.Range[str, 1, 100] | None = None
    ) -> None:
        """Check your car in at the meet, like the I'm here button."""
        guild_id = require_member(interaction)
        meet_id = await self._meet_id(guild_id, meet)
        await self.press(interaction, meet_id, "here")

    @checkin.autocomplete("meet")
    async def _checkin_complete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await self._meet_complete(interaction, current)

    # -- buttons ---------------------------------------------------------
    async def press(self, interaction: discord.Interaction, meet_id: int, action: str) -> None:
        """One press of a counter button (or /checkin); answered after the write commits."""
        guild_id = require_member(interaction)
        user_id = interaction.user.id
        view: discord.ui.View | None = None
        if action == "here":
            change = await self.service.check_in(guild_id, meet_id, user_id)
            text = ui.checkin_reply(change.status, change.car, change.total)
            if change.status == "already_in":
                view = checkout_view(meet_id)
        elif action == "out":
            change = await self.service.check_out(guild_id, meet_id, user_id)
            text = ui.checkin_reply(change.status, change.car, change.total)
        else:
            require_organiser(interaction, await self.bot.guild_settings.get(guild_id))
            change = await self.service.adjust(guild_id, meet_id, user_id, ACTIONS[action][2])
            text = f"Staff tally {change.applied:+d}: {ui.cars(change.total)} now."
        if view is None:
            await interaction.response.send_message(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True, view=view)
        await self.live.after_change(change)

    async def refresh_guild(self, guild_id: int) -> None:
        """Re-render this server's live counters (e.g. after a record import)."""
        await self.live.refresh_guild(guild_id)


async def setup(bot: PaddockBot) -> None:
    bot.add_dynamic_items(CounterButton)
    await bot.add_cog(Attendance(bot))
