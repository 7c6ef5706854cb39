"""/meet and /rsvp: announce meets, answer with one tap, waitlists and reminders."""

from __future__ import annotations

import asyncio
import functools
import io
import logging
from datetime import datetime, timedelta
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import PaddockBot
from bot.errors import InvalidInput
from bot.flows.guards import require_member, require_organiser
from bot.flows.locale import member_language
from bot.flows.meets import dates as dates_flow
from bot.flows.meets import drafts
from bot.flows.meets.actions import answer
from bot.flows.meets.announce import recover_announcements
from bot.flows.meets.reminders import close_due_announcements, send_due_reminders
from bot.flows.meets.series import (
    AnnounceRetries,
    post_due_dates,
    retry_failed,
)
from bot.flows.options import meet_picker, resolve_meet, series_picker, settle_series
from bot.i18n import t
from bot.render.export import gate_list_words
from bot.render.garage import cars_going_text
from bot.render.meets import attendees_embed, info_embed, meet_ref, mine_embed
from bot.render.series import add_repeat_field, meets_list_embed
from bot.services.club_calendar import readable_event
from bot.services.guild_settings import GuildSettings
from bot.services.meets import models, parse_when
from bot.services.meets.calendar import meet_ics
from bot.services.meets.export import roster_csv
from bot.services.meets.models import CANCELLED_KEPT_DAYS, MeetPlan, as_answer
from bot.services.meets.recurrence import repeat_from_options

log = logging.getLogger("paddock.meets")
DATES_PASS_EVERY = timedelta(minutes=1)

STATUS_CHOICES = [
    app_commands.Choice(name="going", value="going"),
    app_commands.Choice(name="maybe", value="maybe"),
    app_commands.Choice(name="not going", value="no"),
]
NOTIFY_CHOICES = [
    app_commands.Choice(name="a mention in the meet channel", value="channel"),
    app_commands.Choice(name="a direct message", value="dm"),
]

REPEAT_CHOICES = [
    app_commands.Choice(name="every week (or every N weeks with every)", value="weekly"),
    app_commands.Choice(name="every month on this date (e.g. the 14th)", value="monthly_date"),
    app_commands.Choice(
        name="every month on this weekday (e.g. the first Sunday)", value="monthly_weekday"
    ),
    app_commands.Choice(name="every month on the last such weekday", value="monthly_last"),
]
DATES_CHOICES = [
    app_commands.Choice(name="this date only", value="this"),
    app_commands.Choice(name="this and all later dates", value="later"),
]


def _file(name: str, data: bytes) -> discord.File:
    return discord.File(io.BytesIO(data), filename=name)


@app_commands.guild_only()
class Meets(commands.GroupCog, group_name="meet"):
    """Plan club meets: announce, RSVP, waitlist, reminders."""

    def __init__(self, bot: PaddockBot) -> None:
        self.bot = bot
        self.meets = bot.services.meets
        self._loop_task: asyncio.Task[None] | None = None
        # Meets created before this moment belong to an earlier run of the bot; only
        # those are ever recovered, never a /meet create still in flight in this one.
        # (Times are stored to the second: an orphan from the very second the bot came
        # back up is left to adopt_pressed, which the first press on it triggers.)
        self._started = bot.clock.now()
        self._dates_pass: datetime | None = None
        self._retries = AnnounceRetries()  # dates whose announcement failed, tried again
        super().__init__()

    async def cog_load(self) -> None:
        self._loop_task = asyncio.create_task(self._reminder_loop(), name="meet-reminders")

    async def cog_unload(self) -> None:
        if self._loop_task is not None:
            self._loop_task.cancel()
            await asyncio.gather(self._loop_task, return_exceptions=True)

    async def _reminder_loop(self) -> None:
        await self.bot.wait_until_ready()
        try:
            failed = await recover_announcements(self.bot, self._started)
            retry_failed(self._retries, failed, self.bot.clock.now())
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("could not recover unannounced meets")
        while not self.bot.is_closed():
            now = self.bot.clock.now()
            # Dates are due by the day, not the second: a pass a minute (by the bot's clock)
            # is plenty, and leaves the ticks in between to reminders and presses.
            if self._dates_pass is None or now - self._dates_pass >= DATES_PASS_EVERY:
                self._dates_pass = now
                try:
                    await post_due_dates(self.bot, self._retries)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("recurring meets pass failed; trying again next minute")
            for job in (send_due_reminders, close_due_announcements, self._sweep_drafts):
                try:
                    await job(self.bot)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("%s failed; trying again next tick", job.__name__)
            await asyncio.sleep(self.bot.tick_seconds)

    @staticmethod
    async def _sweep_drafts(bot: PaddockBot) -> None:
        await bot.services.drafts.sweep(shards=bot.shards_run)

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction[PaddockBot]) -> None:
        # Modals can't be dynamic items, so the car form is handled from its
        # custom id here; that keeps it working across restarts too.
        if interaction.type is discord.InteractionType.modal_submit:
            await self.bot.flows.presses.form(interaction)

    async def _organiser(
        self, interaction: discord.Interaction[PaddockBot]
    ) -> tuple[int, GuildSettings]:
        guild_id = require_member(interaction)
        settings = await self.bot.services.settings.get(guild_id)
        require_organiser(interaction, settings)
        return guild_id, settings

    # -- organisers -------------------------------------------------------
    @app_commands.command(name="create")
    @app_commands.describe(
        title="What the meet is called; leave out title, when and location to fill in a form",
        when="Start, in the server's time zone: 2027-08-21 10:00, 21.08.2027 10:00, next saturday 10:00",
        location="Where to meet: a place, an address or a map link",
        capacity="Most cars that can come (1-10000); empty for no limit",
        description="Details: route, costs, what to bring (the form allows line breaks)",
        channel="Where to post the announcement; default the meets channel",
        series="Groups yearly meets for records, e.g. 'Nürburgring' (none: the whole server's)",
        ends="How long (3h, 90m) or when it ends (16:00); default 4 hours",
        rsvp_by="When RSVPs close, e.g. friday 18:00; default the start",
        repeat="Make it a recurring meet: each date is its own meet, announced ahead",
        every="With repeat: every N weeks or months (default 1)",
        until="With repeat: the last day it may repeat on, e.g. 2027-12-31",
        times="With repeat: how many dates in all (2-520)",
    )
    @app_commands.choices(repeat=REPEAT_CHOICES)
    @app_commands.autocomplete(series=series_picker)
    async def create(
        self,
        interaction: discord.Interaction[PaddockBot],
        title: app_commands.Range[str, 1, models.TITLE_MAX] | None = None,
        when: app_commands.Range[str, 1, models.WHEN_MAX] | None = None,
        location: app_commands.Range[str, 1, models.LOCATION_MAX] | None = None,
        capacity: app_commands.Range[int, models.CAPACITY_MIN, models.CAPACITY_MAX] | None = None,
        description: app_commands.Range[str, 1, models.DESCRIPTION_MAX] = "",
        channel: discord.TextChannel | None = None,
        series: app_commands.Range[str, 1, models.SERIES_MAX] = "",
        ends: app_commands.Range[str, 1, models.WHEN_MAX] | None = None,
        rsvp_by: app_commands.Range[str, 1, models.WHEN_MAX] | None = None,
        repeat: app_commands.Choice[str] | None = None,
        every: app_commands.Range[int, 1, 52] | None = None,
        until: app_commands.Range[str, 1, 20] | None = None,
        times: app_commands.Range[int, 2, 520] | None = None,
    ) -> None:
        """Announce a meet members can RSVP to, once or repeating, after a preview (organisers)."""
        _, settings = await self._organiser(interaction)
        parsed = (
            await asyncio.to_thread(parse_when, when, settings.tz, self.bot.clock.now())
            if when
            else None
        )
        series = await settle_series(interaction, series)
        starts_at = parsed.utc if parsed else None
        if repeat is None and (every is not None or until or times is not None):
            raise InvalidInput(key="error-meets-repeat-options-alone")
        if repeat is not None and starts_at is not None:
            # Checked now, so a bad rule is refused before the preview; made again on Post.
            repeat_from_options(
                repeat.value, starts_at, settings.timezone, every=every, until=until, times=times
            )
        rsvp_before = None
        if repeat is not None and rsvp_by:
            # A recurring meet's deadline is a time before each date, kept on the rule.
            rsvp_before = dates_flow.read_rsvp_before(rsvp_by, settings)
            rsvp_by = None
        ends_at, deadline = await dates_flow.read_times(
            self.bot, settings, starts_at, ends, rsvp_by
        )
        plan = MeetPlan(
            title=title or "",
            starts_at=starts_at,
            location=location or "",
            description=description,
            capacity=capacity,
            series=series,
            channel_id=channel.id
            if channel
            else settings.meets_channel_id or interaction.channel_id,
            ends_at=ends_at,
            rsvp_deadline=deadline,
            repeat=repeat.value if repeat else None,
            every=every,
            until=until,
            times=times,
            rsvp_before=rsvp_before,
        )
        complete = bool(title and when and location)
        await drafts.start_create(
            interaction, plan, parsed.note if parsed else None, complete=complete
        )

    @app_commands.command(name="edit")
    @app_commands.describe(
        meet="The meet to change; give nothing else to change it in a form",
        title="New title",
        when="New start, in the server's time zone, e.g. 2027-08-21 10:00",
        location="New place: a place, an address or a map link",
        capacity="New car limit (1-10000); lowering it never removes anyone going",
        description="New details (the form allows line breaks)",
        ends="New length (3h, 90m) or end (16:00)",
        rsvp_by="New RSVP deadline, e.g. friday 18:00",
        series="New series for records, e.g. 'Nürburgring'; 'none' for the whole server's",
        dates="For a recurring meet: change this date only, or this and all later dates",
    )
    @app_commands.choices(dates=DATES_CHOICES)
    @app_commands.autocomplete(meet=meet_picker(), series=series_picker)
    async def edit(
        self,
        interaction: discord.Interaction[PaddockBot],
        meet: app_commands.Range[str, 1, 100],
        title: app_commands.Range[str, 1, models.TITLE_MAX] | None = None,
        when: app_commands.Range[str, 1, models.WHEN_MAX] | None = None,
        location: app_commands.Range[str, 1, models.LOCATION_MAX] | None = None,
        capacity: app_commands.Range[int, models.CAPACITY_MIN, models.CAPACITY_MAX] | None = None,
        description: app_commands.Range[str, 1, models.DESCRIPTION_MAX] | None = None,
        ends: app_commands.Range[str, 1, models.WHEN_MAX] | None = None,
        rsvp_by: app_commands.Range[str, 1, models.WHEN_MAX] | None = None,
        series: app_commands.Range[str, 1, models.SERIES_MAX] | None = None,
        dates: app_commands.Choice[str] | None = None,
    ) -> None:
        """Change a meet; a new time or place is previewed, then told to members (organisers)."""
        guild_id, _ = await self._organiser(interaction)
        target = await resolve_meet(self.bot, guild_id, meet)
        options = dates_flow.EditOptions(
            title=title,
            when=when,
            location=location,
            capacity=capacity,
            description=description,
            ends=ends,
            rsvp_by=rsvp_by,
            series=series,
        )
        await dates_flow.start_edit(interaction, target, options, dates.value if dates else None)

    @app_commands.command(name="cancel")
    @app_commands.describe(
        meet="The meet to cancel",
        reason="Told to members (up to 300 characters)",
        dates="For a recurring meet: cancel this date only, or this and all later dates",
    )
    @app_commands.choices(dates=DATES_CHOICES)
    @app_commands.autocomplete(meet=meet_picker())
    async def cancel(
        self,
        interaction: discord.Interaction[PaddockBot],
        meet: app_commands.Range[str, 1, 100],
        reason: app_commands.Range[str, 1, models.REASON_MAX] = "",
        dates: app_commands.Choice[str] | None = None,
    ) -> None:
        """Cancel a meet and tell everyone going or maybe (organisers)."""
        guild_id, _ = await self._organiser(interaction)
        target = await resolve_meet(self.bot, guild_id, meet)
        await dates_flow.start_cancel(interaction, target, reason, dates.value if dates else None)

    @app_commands.command(name="attendees")
    @app_commands.describe(meet="The meet", export="Attach a CSV gate list as well")
    @app_commands.autocomplete(meet=meet_picker(include_past_hours=24 * 7))
    async def attendees(
        self,
        interaction: discord.Interaction[PaddockBot],
        meet: app_commands.Range[str, 1, 100],
        export: bool = False,
    ) -> None:
        """Everyone who answered, with cars and passengers (organisers)."""
        guild_id, _ = await self._organiser(interaction)
        target = await resolve_meet(self.bot, guild_id, meet)
        roster = await self.meets.roster(guild_id, target.id)
        lang = member_language(interaction)
        kwargs: dict[str, Any] = {}
        if export:
            name = t(lang, "meets-attendees-file", id=str(target.id))
            words = gate_list_words(lang)
            data = roster_csv(
                roster, delimiter=words.delimiter, header=words.header, statuses=words.statuses
            )
            kwargs["file"] = _file(name, data)
        embed = attendees_embed(roster, lang)
        going_cars = cars_going_text(await self.bot.services.garage.cars_going(guild_id, target.id))
        if going_cars:
            embed.add_field(name=t(lang, "meets-cars-going"), value=going_cars, inline=False)
        await interaction.response.send_message(embed=embed, ephemeral=True, **kwargs)

    # -- everyone ---------------------------------------------------------
    @app_commands.command(name="list")
    async def list_(self, interaction: discord.Interaction[PaddockBot]) -> None:
        """Show this server's upcoming meets."""
        guild_id = require_member(interaction)
        meets = await self.meets.upcoming(guild_id, limit=25, include_cancelled=True)
        series = self.bot.services.series
        repeating = []
        for rule in await series.rules(guild_id):
            if rule.active or any(m.rule_id == rule.id for m in meets):
                dates = await series.listed_dates(rule)
                if dates:
                    repeating.append((rule, dates))
        single = [m for m in meets if m.rule_id is None]
        await interaction.response.send_message(
            embed=meets_list_embed(single, repeating, member_language(interaction)), ephemeral=True
        )

    @app_commands.command(name="info")
    @app_commands.describe(meet="The meet")
    @app_commands.autocomplete(
        meet=meet_picker(include_past_hours=24 * CANCELLED_KEPT_DAYS, include_cancelled=True)
    )
    async def info(
        self, interaction: discord.Interaction[PaddockBot], meet: app_commands.Range[str, 1, 100]
    ) -> None:
        """Show a meet's details and a link to its announcement."""
        guild_id = require_member(interaction)
        target = await resolve_meet(self.bot, guild_id, meet, include_cancelled=True)
        lang = member_language(interaction)
        embed = info_embed(target, lang)
        if target.rule_id is not None:
            rule = await self.bot.services.series.get(guild_id, target.rule_id)
            add_repeat_field(embed, rule, await self.bot.services.series.listed_dates(rule), lang)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="mine")
    async def mine(self, interaction: discord.Interaction[PaddockBot]) -> None:
        """Your own answers to upcoming meets, with links."""
        guild_id = require_member(interaction)
        answers = await self.meets.answers_of(guild_id, interaction.user.id)
        await interaction.response.send_message(
            embed=mine_embed(answers, member_language(interaction)),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @app_commands.command(name="calendar")
    @app_commands.describe(meet="The meet to add to your calendar")
    @app_commands.autocomplete(meet=meet_picker())
    async def calendar(
        self, interaction: discord.Interaction[PaddockBot], meet: app_commands.Range[str, 1, 100]
    ) -> None:
        """Get an .ics file to add a meet to your calendar."""
        guild_id = require_member(interaction)
        target = await resolve_meet(self.bot, guild_id, meet)
        lang = member_language(interaction)
        event = await self.bot.services.calendar.event(target)
        event = readable_event(event, lang, functools.partial(self.bot.cached_name, guild_id))
        data = meet_ics(event, self.bot.clock.now())
        key = "meets-calendar-file-cancelled" if target.cancelled else "meets-calendar-file"
        await interaction.response.send_message(
            t(lang, key, meet=meet_ref(target)),
            file=_file(t(lang, "meets-calendar-filename", id=str(target.id)), data),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @app_commands.command(name="notify")
    @app_commands.describe(via="How to tell you about promotions, changes and cancellations")
    @app_commands.choices(via=NOTIFY_CHOICES)
    async def notify(
        self, interaction: discord.Interaction[PaddockBot], via: app_commands.Choice[str]
    ) -> None:
        """Choose how Paddock tells you about your meets in this server."""
        guild_id = require_member(interaction)
        await self.meets.set_notify(guild_id, interaction.user.id, via.value)  # type: ignore[arg-type]
        lang = member_language(interaction)
        text = t(lang, "meets-notify-dm") if via.value == "dm" else t(lang, "meets-notify-channel")
        await interaction.response.send_message(text, ephemeral=True)


class Rsvp(commands.Cog):
    def __init__(self, bot: PaddockBot) -> None:
        self.bot = bot

    @app_commands.command(name="rsvp")
    @app_commands.guild_only()
    @app_commands.describe(
        meet="The meet to answer",
        status="Are you coming?",
        car="The car you're bringing (up to 80 characters)",
        passengers="How many passengers you bring (0-8)",
        member="Organisers: answer for this member (also after the RSVP deadline)",
    )
    @app_commands.choices(status=STATUS_CHOICES)
    @app_commands.autocomplete(meet=meet_picker())
    async def rsvp(
        self,
        interaction: discord.Interaction[PaddockBot],
        meet: app_commands.Range[str, 1, 100],
        status: app_commands.Choice[str],
        car: app_commands.Range[str, 1, models.CAR_MAX] | None = None,
        passengers: app_commands.Range[int, 0, models.PASSENGERS_MAX] | None = None,
        member: discord.Member | None = None,
    ) -> None:
        """Answer a meet: going, maybe or not going, with your car."""
        guild_id = require_member(interaction)
        target = await resolve_meet(self.bot, guild_id, meet)
        await answer(
            interaction,
            target.id,
            as_answer(status.value),
            car=car,
            passengers=passengers,
            member=member,
        )


async def setup(bot: PaddockBot) -> None:
    await bot.add_cog(Meets(bot))
    await bot.add_cog(Rsvp(bot))
