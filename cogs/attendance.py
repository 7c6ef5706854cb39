"""/attendance and /checkin: start, stop and correct the live counter; check in."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import PaddockBot
from bot.errors import Conflict, InvalidInput
from bot.flows import attendance as flows
from bot.flows.guards import require_member, require_organiser
from bot.flows.locale import member_language, posts_language
from bot.flows.options import meet_picker, resolve_meet
from bot.i18n import t
from bot.render import attendance as ui
from bot.render.text import plain

log = logging.getLogger("paddock.attendance")

counter_meets = meet_picker(counters=True)


class Attendance(commands.Cog):
    attendance = app_commands.Group(
        name="attendance", description="The live attendance counter at a meet.", guild_only=True
    )

    def __init__(self, bot: PaddockBot) -> None:
        self.bot = bot
        self.service = bot.services.attendance
        self._upkeep_task: asyncio.Task[None] | None = None

    async def cog_load(self) -> None:
        self._upkeep_task = asyncio.create_task(
            self.bot.flows.counters.upkeep(), name="attendance-upkeep"
        )

    async def cog_unload(self) -> None:
        if self._upkeep_task is not None:
            self._upkeep_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._upkeep_task

    async def _meet_id(self, guild_id: int, value: str | None) -> int:
        return (await resolve_meet(self.bot, guild_id, value, counters=True)).id

    async def _organiser(self, interaction: discord.Interaction[PaddockBot]) -> int:
        guild_id = require_member(interaction)
        require_organiser(interaction, await self.bot.services.settings.get(guild_id))
        return guild_id

    # -- commands --------------------------------------------------------
    @attendance.command(name="start")
    @app_commands.describe(
        meet="The meet to count", channel="Where the live counter goes (default: this channel)"
    )
    @app_commands.autocomplete(meet=counter_meets)
    async def start(
        self,
        interaction: discord.Interaction[PaddockBot],
        meet: app_commands.Range[str, 1, 100],
        channel: discord.TextChannel | None = None,
    ) -> None:
        """Post the live attendance counter for a meet (organisers)."""
        guild_id = await self._organiser(interaction)
        meet_id = await self._meet_id(guild_id, meet)
        target_id = channel.id if channel else interaction.channel_id
        if target_id is None:
            raise InvalidInput(key="error-att-channel")
        await interaction.response.defer(ephemeral=True, thinking=True)
        result = await self.service.start(guild_id, meet_id, target_id, interaction.user.id)
        message = await flows.post_counter(self.bot, result, target_id)
        await interaction.followup.send(
            t(
                member_language(interaction),
                "att-reopened" if result.reopened else "att-started",
                title=plain(result.state.meet.title, 100),
                channel=f"<#{target_id}>",
                url=message.jump_url,
            ),
            ephemeral=True,
        )

    @attendance.command(name="stop")
    @app_commands.describe(meet="The meet whose counter to stop")
    @app_commands.autocomplete(meet=counter_meets)
    async def stop(
        self, interaction: discord.Interaction[PaddockBot], meet: app_commands.Range[str, 1, 100]
    ) -> None:
        """Freeze the counter, store the final count and post a summary (organisers)."""
        guild_id = await self._organiser(interaction)
        meet_id = await self._meet_id(guild_id, meet)
        # Refused before thinking in public: once deferred that way, the refusal would
        # replace the "thinking…" for the whole channel. (Two organisers stopping at the
        # same moment still race past this; the service refuses the second.)
        if not (await self.service.state(guild_id, meet_id)).live:
            raise Conflict(key="error-att-already-stopped")
        await interaction.response.defer(thinking=True)
        summary = await self.service.stop(guild_id, meet_id, interaction.user.id)
        state = await self.service.state(guild_id, meet_id)
        await self.bot.flows.counters.after_stop(guild_id, meet_id)
        # Posted for the whole channel: the server's language.
        text = ui.stop_summary(summary, await posts_language(self.bot, guild_id))
        await interaction.followup.send(text)
        if state.channel_id != interaction.channel_id:
            await flows.tell_counter_channel(self.bot, guild_id, state.channel_id, text)

    @attendance.command(name="adjust")
    @app_commands.describe(
        meet="The meet whose counter to correct",
        cars="Cars to add to the staff tally (negative to remove), e.g. 3 or -2",
        reason="Why, for the audit log, e.g. 'coach party arrived'",
    )
    @app_commands.autocomplete(meet=counter_meets)
    async def adjust(
        self,
        interaction: discord.Interaction[PaddockBot],
        meet: app_commands.Range[str, 1, 100],
        cars: app_commands.Range[int, -100_000, 100_000],
        reason: app_commands.Range[str, 1, 200],
    ) -> None:
        """Correct the staff tally by any amount (organisers)."""
        guild_id = await self._organiser(interaction)
        meet_id = await self._meet_id(guild_id, meet)
        change = await self.service.adjust(guild_id, meet_id, interaction.user.id, cars, reason)
        await interaction.response.send_message(
            ui.adjust_reply(change, cars, member_language(interaction)), ephemeral=True
        )
        await self.bot.flows.counters.after_change(change)

    @attendance.command(name="remove")
    @app_commands.describe(
        member="The member whose check-in is false (e.g. tapped I'm here from home)",
        reason="Why, for the audit log, e.g. 'not at the meet'",
        meet="The meet (default: the live counter)",
    )
    @app_commands.autocomplete(meet=counter_meets)
    async def remove(
        self,
        interaction: discord.Interaction[PaddockBot],
        member: discord.Member,
        reason: app_commands.Range[str, 1, 200] | None = None,
        meet: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        """Void a member's check-in; they can check in again later (organisers)."""
        guild_id = await self._organiser(interaction)
        meet_id = await self._meet_id(guild_id, meet)
        change = await self.service.void(guild_id, meet_id, interaction.user.id, member.id, reason)
        lang = member_language(interaction)
        if change.status == "not_in":
            text = t(lang, "att-void-not-in", member=member.mention)
        else:
            text = ui.void_reply(change, member.id, lang)
        await interaction.response.send_message(text, ephemeral=True)
        await self.bot.flows.counters.after_change(change)

    @attendance.command(name="status")
    @app_commands.describe(meet="The meet to show (default: the live counter)")
    @app_commands.autocomplete(meet=counter_meets)
    async def status(
        self,
        interaction: discord.Interaction[PaddockBot],
        meet: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        """Show the count, check-ins, staff tally, record and last corrections for a meet."""
        guild_id = require_member(interaction)
        meet_id = await self._meet_id(guild_id, meet)
        state = await self.service.state(guild_id, meet_id)
        await interaction.response.send_message(
            embed=ui.status_embed(state, member_language(interaction)), ephemeral=True
        )

    @app_commands.command(name="checkin")
    @app_commands.guild_only()
    @app_commands.describe(meet="The meet you're at (default: the one with a live counter)")
    @app_commands.autocomplete(meet=counter_meets)
    async def checkin(
        self,
        interaction: discord.Interaction[PaddockBot],
        meet: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        """Check your car in at the meet, like the I'm here button."""
        guild_id = require_member(interaction)
        meet_id = await self._meet_id(guild_id, meet)
        await flows.press(interaction, meet_id, "here")


async def setup(bot: PaddockBot) -> None:
    await bot.add_cog(Attendance(bot))
