"""/meet edit and /meet cancel, for a one-off meet or a date of a recurring one.

A date of a recurring meet changes alone or with all its later dates. When the command
doesn't say which (`dates`), the organiser is asked with two buttons; what the command
was given waits in the database (a pending choice), so a press works after a restart,
and the press does exactly what the command with `dates` would have done.
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import discord

from bot.errors import InvalidInput
from bot.flows.guards import require_member, require_organiser
from bot.flows.locale import member_language
from bot.flows.options import settle_series
from bot.i18n import t
from bot.render.formatting import timestamp
from bot.render.meets import meet_ref
from bot.render.views import dates_view
from bot.services.guild_settings import GuildSettings, format_minutes
from bot.services.meets import Meet, parse_when
from bot.services.meets.models import MeetChanges
from bot.services.meets.recurrence import before_on_the_wall
from bot.services.meets.series import check_rsvp_before
from bot.services.meets.timeparse import for_option, read_end, read_offset

from . import drafts
from .actions import refresh_announcement, tell_cancelled
from .events import mirror_cancel
from .names import remember_mentions
from .series import finish_cancels

if TYPE_CHECKING:
    from bot.app import PaddockBot

_NONE = discord.AllowedMentions.none()


@dataclass(frozen=True, slots=True)
class EditOptions:
    """What /meet edit was given, as typed (a pending choice stores it as it is)."""

    title: str | None = None
    when: str | None = None
    location: str | None = None
    capacity: int | None = None
    description: str | None = None
    ends: str | None = None
    rsvp_by: str | None = None
    series: str | None = None

    @classmethod
    def stored(cls, options: dict[str, Any]) -> EditOptions:
        known = {k: v for k, v in options.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def scope_of(meet: Meet, dates: str | None) -> str | None:
    """Scope "this" or "later", or None when a recurring meet's date must ask. A one-off meet
    has only this date."""
    if meet.rule_id is None:
        if dates == "later":
            raise InvalidInput(key="error-meets-does-not-repeat")
        return "this"
    return dates


async def read_times(
    bot: PaddockBot,
    settings: GuildSettings,
    starts_at: datetime | None,
    ends: str | None,
    rsvp_by: str | None,
) -> tuple[datetime | None, datetime | None]:
    """The end (a duration such as `3h`, or a time read after the start) and the RSVP
    deadline (a time read from now), from their options."""
    now = bot.clock.now()
    ends_at = deadline = None
    if ends:
        if starts_at is None:
            raise InvalidInput(key="error-meets-ends-needs-when")
        ends_at = await asyncio.to_thread(read_end, ends, starts_at, settings.tz)
    if rsvp_by:
        before = read_offset(rsvp_by)
        if before is None:
            try:
                deadline = (await asyncio.to_thread(parse_when, rsvp_by, settings.tz, now)).utc
            except InvalidInput as refused:
                raise for_option(refused, "rsvp_by") from None
        elif starts_at is None:
            raise InvalidInput(key="error-recurring-rsvp-needs-when", typed=rsvp_by[:30])
        else:  # "2 days before": counted back from this meet's start
            deadline = before_on_the_wall(starts_at, before, settings.tz)
    return ends_at, deadline


def read_rsvp_before(rsvp_by: str, settings: GuildSettings) -> int:
    """A recurring meet's `rsvp_by`: minutes before each date, shorter than the time
    ahead each date is announced (or nobody could answer)."""
    before = read_offset(rsvp_by)
    if before is None:
        raise InvalidInput(key="error-recurring-rsvp-offset")
    check_rsvp_before(before)
    if before >= settings.post_ahead_minutes:
        raise InvalidInput(
            key="error-recurring-rsvp-before-ahead",
            ahead=format_minutes(settings.post_ahead_minutes),
        )
    return before


async def ask(
    interaction: discord.Interaction[PaddockBot],
    meet: Meet,
    action: str,
    options: dict[str, Any],
) -> None:
    """Ask "this date only, or this and all later dates?" with two buttons."""
    bot = interaction.client
    lang = member_language(interaction)
    choice_id = await bot.services.drafts.hold_choice(
        meet.guild_id, interaction.user.id, meet.id, action, options
    )
    text = t(
        lang,
        "recurring-ask-edit" if action == "edit" else "recurring-ask-cancel",
        meet=meet_ref(meet),
        date=timestamp(meet.starts_at, "F"),
    )
    await interaction.response.send_message(
        text, view=dates_view(choice_id, lang), ephemeral=True, allowed_mentions=_NONE
    )


async def start_edit(
    interaction: discord.Interaction[PaddockBot],
    meet: Meet,
    options: EditOptions,
    dates: str | None,
) -> None:
    """/meet edit: change the meet, or ask which dates first."""
    scope = scope_of(meet, dates)
    if scope is None:
        settings = await interaction.client.services.settings.get(meet.guild_id)
        if options.when:  # a time that can't be read is refused before the question
            await asyncio.to_thread(
                parse_when, options.when, settings.tz, interaction.client.clock.now()
            )
        await ask(interaction, meet, "edit", asdict(options))
        return
    later = scope == "later"
    await edit(interaction, meet, options, later=later)


async def start_cancel(
    interaction: discord.Interaction[PaddockBot], meet: Meet, reason: str, dates: str | None
) -> None:
    """/meet cancel: cancel the meet, or ask which dates first."""
    scope = scope_of(meet, dates)
    if scope is None:
        await ask(interaction, meet, "cancel", {"reason": reason})
        return
    await cancel(interaction, meet, reason, later=scope == "later")


async def press(interaction: discord.Interaction[PaddockBot], choice_id: int, scope: str) -> None:
    """A press on "this date only" or "this and all later dates"."""
    bot = interaction.client
    guild_id = require_member(interaction)
    require_organiser(interaction, await bot.services.settings.get(guild_id))
    choice = await bot.services.drafts.choice(guild_id, choice_id, interaction.user.id)
    meet = await bot.services.meets.get(guild_id, choice.meet_id)
    later = scope == "later"
    if choice.action == "cancel":
        await cancel(interaction, meet, str(choice.options.get("reason") or ""), later=later)
    else:
        await edit(interaction, meet, EditOptions.stored(choice.options), later=later)


def _from_button(interaction: discord.Interaction) -> bool:
    return interaction.type is discord.InteractionType.component


async def _begin(interaction: discord.Interaction[PaddockBot]) -> None:
    """Defer: a button's question is then replaced by the outcome, a command's
    "thinking…" followed up."""
    if _from_button(interaction):
        await interaction.response.defer()
    else:
        await interaction.response.defer(ephemeral=True, thinking=True)


async def _done(interaction: discord.Interaction[PaddockBot], text: str) -> None:
    if _from_button(interaction):
        await interaction.edit_original_response(
            content=text, embed=None, view=None, allowed_mentions=_NONE
        )
    else:
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=_NONE)


async def edit(
    interaction: discord.Interaction[PaddockBot],
    meet: Meet,
    options: EditOptions,
    *,
    later: bool,
) -> None:
    """Change this date (a preview when it moves), or this and all later dates."""
    bot = interaction.client
    settings = await bot.services.settings.get(meet.guild_id)
    series = options.series
    if series is not None:
        if later:
            raise InvalidInput(key="error-meets-series-one-date")
        # The German description offers "keine"; taken as a name it started a series so called.
        no_series = series.strip().casefold() in ("none", "keine", "-")
        series = "" if no_series else await settle_series(interaction, series)
    parsed = (
        await asyncio.to_thread(parse_when, options.when, settings.tz, bot.clock.now())
        if options.when
        else None
    )
    if later:
        # This and all later dates of a recurring meet: previewed, changed on Post.
        if options.ends:
            raise InvalidInput(key="error-recurring-later-ends")
        changes = MeetChanges(
            title=options.title,
            starts_at=parsed.utc if parsed else None,
            location=options.location,
            capacity=options.capacity,
            description=options.description,
            rsvp_before=read_rsvp_before(options.rsvp_by, settings) if options.rsvp_by else None,
        )
        await drafts.start_series_edit(interaction, meet, changes, parsed.note if parsed else None)
        return
    ends_at, deadline = await read_times(
        bot, settings, parsed.utc if parsed else meet.starts_at, options.ends, options.rsvp_by
    )
    changes = MeetChanges(
        title=options.title,
        starts_at=parsed.utc if parsed else None,
        location=options.location,
        capacity=options.capacity,
        description=options.description,
        ends_at=ends_at,
        rsvp_deadline=deadline,
        series=series,
    )
    await drafts.start_edit(interaction, meet, changes, parsed.note if parsed else None)


async def cancel(
    interaction: discord.Interaction[PaddockBot], meet: Meet, reason: str, *, later: bool
) -> None:
    """Cancel this date, or this and all later dates, and tell their members."""
    bot = interaction.client
    lang = member_language(interaction)
    await _begin(interaction)
    await remember_mentions(bot, meet.guild_id, reason)
    if later:
        _, results = await bot.services.series.cancel_later(meet.guild_id, meet.id, reason)
        told = await finish_cancels(bot, results)
        text = t(
            lang,
            "meets-cancelled-dates",
            count=len(results),
            meet=meet_ref(meet),
            when=timestamp(meet.starts_at, "F"),
            told=told,
        )
        await _done(interaction, text)
        return
    result = await bot.services.meets.cancel(meet.guild_id, meet.id, reason)
    meet_now = result.meet
    refresh_announcement(bot, meet_now)
    await tell_cancelled(bot, meet_now, result.notify_ids)
    note = await mirror_cancel(bot, meet_now, lang)
    reply = t(lang, "meets-cancelled-reply", meet=meet_ref(meet_now), told=len(result.notify_ids))
    await _done(interaction, "\n".join([reply, *([note] if note else [])]))
