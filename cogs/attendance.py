"""/attendance and /checkin: the live counter at a meet, its buttons and upkeep."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from datetime import datetime, timedelta
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import PaddockBot
from bot.errors import Conflict, InvalidInput, NotFound
from bot.services.attendance import AttendanceService, Change, CounterState
from bot.services.ids import as_id
from bot.ui import attendance as ui
from bot.ui.errors import report_error
from bot.ui.permissions import require_member, require_organiser
from bot.ui.text import plain

log = logging.getLogger("paddock.attendance")

# Discord refuses most edits to messages older than an hour; repost well before.
REPOST_AFTER = timedelta(minutes=50)
_ACTIONS: dict[str, tuple[str, discord.ButtonStyle, int]] = {
    # action: (label, style, staff delta)
    "here": ("I'm here", discord.ButtonStyle.success, 0),
    "p1": ("+1", discord.ButtonStyle.secondary, 1),
    "p5": ("+5", discord.ButtonStyle.secondary, 5),
    "m1": ("−1", discord.ButtonStyle.secondary, -1),
    "out": ("Check out", discord.ButtonStyle.danger, 0),
}


class CounterButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"paddock:att:(?P<meet>[0-9]{1,18}):(?P<action>here|out|p1|p5|m1)",
):
    """A counter button. It carries the meet id, never the message id, so buttons on
    an old or reposted counter message keep working after restarts."""

    def __init__(self, meet_id: int, action: str, *, disabled: bool = False) -> None:
        label, style, _ = _ACTIONS[action]
        super().__init__(
            discord.ui.Button(
                label=label,
                style=style,
                custom_id=f"paddock:att:{meet_id}:{action}",
                disabled=disabled,
            )
        )
        self.meet_id = meet_id
        self.action = action

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> CounterButton:
        return cls(int(match["meet"]), match["action"])

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            cog = interaction.client.get_cog("Attendance")  # type: ignore[attr-defined]
            if not isinstance(cog, Attendance):
                raise Conflict("Paddock is restarting; try again in a minute.")
            await cog.press(interaction, self.meet_id, self.action)
        except Exception as exc:
            await report_error(interaction, exc)


def counter_view(meet_id: int, *, disabled: bool = False) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for action in ("here", "p1", "p5", "m1"):
        view.add_item(CounterButton(meet_id, action, disabled=disabled))
    return view


def checkout_view(meet_id: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(CounterButton(meet_id, "out"))
    return view


class Attendance(commands.Cog):
    attendance = app_commands.Group(
        name="attendance", description="The live attendance counter at a meet.", guild_only=True
    )

    def __init__(self, bot: PaddockBot) -> None:
        self.bot = bot
        self.service = AttendanceService(bot.db, bot.clock, bot.guild_settings)
        self._upkeep_task: asyncio.Task[None] | None = None

    async def cog_load(self) -> None:
        self._upkeep_task = asyncio.create_task(self._upkeep(), name="attendance-upkeep")

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
            return (await self.service.meet(guild_id, meet_id)).id
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
            await self._delete(guild_id, *result.old_message)
        # Presses can't arrive before the message exists, but /checkin and adjust can:
        # only then is an edit worth one of the channel's few sends.
        if (await self.service.state(guild_id, meet_id)).total != result.state.total:
            self.schedule_counter(result.state.channel_id, guild_id, meet_id)
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
        self.schedule_counter(state.channel_id, guild_id, meet_id)
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
        await self.after_change(change)

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
            change = await self.service.adjust(guild_id, meet_id, user_id, _ACTIONS[action][2])
            text = f"Staff tally {change.applied:+d}: {ui.cars(change.total)} now."
        if view is None:
            await interaction.response.send_message(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True, view=view)
        await self.after_change(change)

    # -- keeping messages up to date -------------------------------------
    async def after_change(self, change: Change) -> None:
        """Bring the messages up to date. The member already has their answer and the
        change is committed, so a failure here is logged, never reported as theirs."""
        if change.applied == 0:
            return
        try:
            self.schedule_counter(change.channel_id, change.guild_id, change.meet_id)
            if change.record_broken or change.record_raised:
                await self.schedule_record(change.guild_id, change.meet_id)
            if change.milestone:
                await self._post_milestone(change)
        except Exception:
            log.exception("could not schedule counter updates for meet %s", change.meet_id)

    async def _announce_channel(self, guild_id: int, meet_id: int) -> int:
        """Where record news goes: where it already went, else /config's channel, else the
        counter's own channel."""
        state = await self.service.state(guild_id, meet_id)
        if state.announce_channel_id is not None:
            return state.announce_channel_id
        settings = await self.bot.guild_settings.get(guild_id)
        return settings.announce_channel_id or state.channel_id

    async def schedule_record(self, guild_id: int, meet_id: int) -> None:
        """Post the record announcement, or edit it to the new high; coalesced like the
        counter, and keyed per meet so only one post can ever be in flight."""
        channel_id = await self._announce_channel(guild_id, meet_id)
        self.bot.pacer.schedule_edit(
            channel_id,
            ("record", meet_id),
            lambda: self._render_record(guild_id, meet_id, channel_id),
        )

    async def _post_milestone(self, change: Change) -> None:
        assert change.milestone is not None
        channel_id = await self._announce_channel(change.guild_id, change.meet_id)
        meet = await self.service.meet(change.guild_id, change.meet_id)
        channel = self.bot.get_partial_messageable(channel_id, guild_id=change.guild_id)
        text = ui.milestone_text(meet, change.milestone)
        try:
            await self.bot.pacer.send(channel_id, lambda: channel.send(text))
        except discord.HTTPException:
            log.warning("could not post milestone %s for meet %s", change.milestone, meet.id)

    def schedule_counter(self, channel_id: int, guild_id: int, meet_id: int) -> None:
        """Coalesced: however many changes arrive, the message is edited about once a
        second, and each edit reads the newest count when it runs."""
        self.bot.pacer.schedule_edit(
            channel_id, ("counter", meet_id), lambda: self._render_counter(guild_id, meet_id)
        )

    async def refresh_guild(self, guild_id: int) -> None:
        """Re-render this server's live counters (e.g. after a record import)."""
        for counter in await self.service.live_counters(guild_id):
            self.schedule_counter(counter.channel_id, guild_id, counter.meet_id)

    def _too_old(self, posted_at: datetime | None) -> bool:
        return posted_at is not None and self.bot.clock.now() - posted_at >= REPOST_AFTER

    async def _render_counter(self, guild_id: int, meet_id: int) -> None:
        state = await self.service.state(guild_id, meet_id)
        if state.message_id is None:
            return
        if self._too_old(state.message_posted_at):
            await self._repost(state)
            return
        channel = self.bot.get_partial_messageable(state.channel_id, guild_id=guild_id)
        try:
            await channel.get_partial_message(state.message_id).edit(
                embed=ui.counter_embed(state), view=counter_view(meet_id, disabled=not state.live)
            )
        except discord.NotFound:
            if state.live:  # someone deleted the counter: put it back
                await self._repost(state)
        except discord.HTTPException as exc:
            if exc.code == 30046:  # too many edits to an old message
                await self._repost(state)
            else:
                raise

    async def _repost(self, state: CounterState) -> None:
        """Post a fresh counter and delete the old one; buttons on either keep working."""
        guild_id, meet_id = state.meet.guild_id, state.meet.id
        channel = self.bot.get_partial_messageable(state.channel_id, guild_id=guild_id)
        fresh = await channel.send(
            embed=ui.counter_embed(state), view=counter_view(meet_id, disabled=not state.live)
        )
        if await self.service.set_message(guild_id, meet_id, fresh.id, replaces=state.message_id):
            if state.message_id is not None:
                await self._delete(guild_id, state.channel_id, state.message_id)
        else:
            await self._delete(guild_id, state.channel_id, fresh.id)

    async def _delete(self, guild_id: int, channel_id: int, message_id: int) -> None:
        channel = self.bot.get_partial_messageable(channel_id, guild_id=guild_id)
        try:
            await channel.get_partial_message(message_id).delete()
        except discord.HTTPException:
            log.info("old counter message %s was already gone", message_id)

    async def _render_record(self, guild_id: int, meet_id: int, channel_id: int) -> None:
        state = await self.service.state(guild_id, meet_id)
        if state.record_broken_at is None:
            return
        role_id = (await self.bot.guild_settings.get(guild_id)).announce_role_id
        text = ui.record_announcement(state, role_id)
        channel = self.bot.get_partial_messageable(channel_id, guild_id=guild_id)
        message_id = state.announce_message_id
        if message_id is None:
            message_id = await self._post_record(state, channel, text, role_id)
            if message_id is None:
                return  # posted just now, with the newest text
        await channel.get_partial_message(message_id).edit(
            content=text, allowed_mentions=discord.AllowedMentions.none()
        )

    async def _post_record(
        self,
        state: CounterState,
        channel: discord.PartialMessageable,
        text: str,
        role_id: int | None,
    ) -> int | None:
        """Post the record announcement exactly once, pinging the announce role at most once.

        Returns None after a fresh post, or the id of an earlier post (found in the
        channel) that still needs editing to `text`.

        A crash, or a timeout / 5xx on a send Discord did carry out, can lose the new
        message's id. So: the counter is claimed before the send; only the first claim
        may ping; a later attempt (after a restart or an ambiguous failure) first looks
        for the bot's own post in the channel's recent history and adopts it. The nonce
        makes Discord itself return the existing message for a repeat within minutes,
        should the post be further back than the history we read.
        """
        guild_id, meet_id = state.meet.guild_id, state.meet.id
        first = await self.service.claim_announcement(guild_id, meet_id, channel.id)
        if not first:
            for found in await self._find_record_posts(state, channel):
                # Refused if another counter (a same-titled meet) owns that post.
                if await self.service.set_announcement(guild_id, meet_id, channel.id, found):
                    log.info("adopted record announcement %s for meet %s", found, meet_id)
                    return found
        # The one ping of the whole feature: the announce role, once, on the first send.
        # A repeat (its first send may have reached Discord) carries the same text but
        # notifies nobody.
        mentions = discord.AllowedMentions(
            everyone=False,
            users=False,
            replied_user=False,
            roles=[discord.Object(role_id)] if role_id and first else False,
        )
        try:
            message = await channel.send(
                text, allowed_mentions=mentions, nonce=f"paddock-record-{meet_id}"
            )
        except discord.HTTPException as exc:
            if exc.status < 500:
                # A refusal (403, 400, 429): Discord created nothing, so the next try is
                # a first one again and may still ping.
                await self.service.release_announcement(guild_id, meet_id)
            raise
        if not await self.service.set_announcement(guild_id, meet_id, channel.id, message.id):
            log.warning("record announcement %s for meet %s was not stored", message.id, meet_id)
        return None

    async def _find_record_posts(
        self, state: CounterState, channel: discord.PartialMessageable
    ) -> list[int]:
        """The bot's own messages in the channel's recent history that read as this
        meet's record announcement, newest first."""
        me = self.bot.user
        found: list[int] = []
        try:
            async for message in channel.history(limit=50):
                if (
                    me is not None
                    and message.author.id == me.id
                    and ui.is_record_announcement(message.content, state)
                ):
                    found.append(message.id)
        except discord.Forbidden:
            # No Read Message History: rely on the nonce and an unpinged send.
            log.warning("can't read history in %s to find a record post", channel.id)
        return found

    async def _upkeep(self) -> None:
        """Bring every live counter up to date after a start, and repost old ones."""
        await self.bot.wait_until_ready()
        first = True
        while not self.bot.is_closed():
            try:
                for counter in await self.service.live_counters():
                    if first or self._too_old(counter.message_posted_at):
                        self.schedule_counter(counter.channel_id, counter.guild_id, counter.meet_id)
                    if first and counter.announce_pending:
                        # Stopped between deciding the record fell and posting it.
                        await self.schedule_record(counter.guild_id, counter.meet_id)
                first = False
            except Exception:
                log.exception("attendance upkeep failed; retrying")
            await asyncio.sleep(self.bot.tick_seconds)


async def setup(bot: PaddockBot) -> None:
    bot.add_dynamic_items(CounterButton)
    await bot.add_cog(Attendance(bot))
