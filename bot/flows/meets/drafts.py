"""Previews on Discord's side: show one, and what Post, Change… and Discard do.

/meet create and a /meet edit that moves a meet never post at once: the organiser
sees the announcement as members would, with its times spelled out, and nothing is
public, stored as a meet or mirrored as an event until Post.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import discord

from bot.errors import InvalidInput
from bot.flows.guards import require_member, require_organiser
from bot.flows.locale import member_language, posts_language
from bot.i18n import t
from bot.render.errors import describe
from bot.render.formatting import timestamp
from bot.render.meets import announcement_embed, meet_ref, preview_text
from bot.render.series import (
    before_words,
    repeat_text,
    rsvp_before_text,
    rule_text,
    series_edit_summary,
)
from bot.render.text import plain
from bot.render.views import MEET_FORM, MeetForm, draft_view, modal_values
from bot.services.guild_settings import GuildSettings
from bot.services.meets import EditResult, Meet, Roster, parse_when
from bot.services.meets.drafts import Draft
from bot.services.meets.models import MeetChanges, MeetPlan
from bot.services.meets.recurrence import before_on_the_wall, repeat_from_options
from bot.services.meets.timeparse import Note

from .actions import refresh_announcement, tell_edit
from .announce import post_announcement
from .events import mirror_create, mirror_update
from .names import remember_mentions
from .series import finish_series_edit
from .threads import open_thread, rename_thread

if TYPE_CHECKING:
    from bot.app import PaddockBot

log = logging.getLogger("paddock.meets.drafts")
_NONE = discord.AllowedMentions.none()


def said(note: str | None, lang: str) -> str | None:
    """A draft's note in `lang` (a note from before the catalogue reads as stored)."""
    return note.text(lang) if isinstance(note, Note) else note


def wall(when: datetime | None, tz: ZoneInfo) -> str:
    """A time as the organiser would type it back into the form."""
    return "" if when is None else when.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def plan_fields(plan: MeetPlan) -> dict[str, Any]:
    """What a new meet and a new recurring meet's rule both take over from a plan as it
    is: one place, so the preview and the Post can't drift apart."""
    return {
        "title": plan.title,
        "location": plan.location,
        "description": plan.description,
        "capacity": plan.capacity,
        "series": plan.series,
        "channel_id": plan.channel_id,
    }


def preview_meet(bot: PaddockBot, draft: Draft, current: Meet | None, tz: ZoneInfo) -> Meet:
    """The meet as it would look once posted (id 0 for a new one); a recurring meet's
    first date with its RSVP deadline counted back from its start."""
    if current is not None:
        c = draft.changes
        changed = {
            name: getattr(c, name)
            for name in ("title", "location", "description", "capacity")
            if getattr(c, name) is not None
        }
        # The times as the edit will store them (a moved start takes its end along).
        starts_at, ends_at, deadline = c.times_for(current)
        changed["starts_at"] = starts_at
        if ends_at is not None:
            changed["ends_at"] = ends_at
        if deadline is not None:
            changed["rsvp_deadline"] = deadline
        if c.rsvp_before is not None:
            start = c.starts_at or current.starts_at
            changed["rsvp_deadline"] = before_on_the_wall(start, c.rsvp_before, tz)
        return replace(current, **changed)
    p = draft.plan
    assert p.starts_at is not None
    deadline = p.rsvp_deadline
    if p.rsvp_before is not None:
        deadline = before_on_the_wall(p.starts_at, p.rsvp_before, tz)
    return Meet(
        id=0,
        guild_id=draft.guild_id,
        starts_at=p.starts_at,
        ends_at=p.ends_at,
        **plan_fields(p),
        message_id=None,
        event_id=None,
        created_by=draft.user_id,
        created_at=bot.clock.now(),
        cancelled_at=None,
        cancel_reason=None,
        rsvp_deadline=deadline,
    )


async def _repeat_lines(
    bot: PaddockBot, draft: Draft, settings: GuildSettings, lang: str
) -> list[str]:
    """What a recurring meet's preview adds: the rule in words, when each date's RSVPs
    close, and for an edit of later dates, which dates it reaches."""
    if draft.later and draft.meet_id is not None:
        rule = await bot.services.series.check_later(draft.guild_id, draft.meet_id, draft.changes)
        lines = [t(lang, "recurring-preview-later", rule=plain(rule_text(rule, lang), 300))]
        if draft.changes.starts_at is not None:
            lines.append(t(lang, "recurring-preview-later-kept"))
        closes = rsvp_before_text(rule.rsvp_before_min, lang)
        return lines + ([closes] if closes else [])
    p = draft.plan
    if draft.meet_id is not None or p.repeat is None or p.starts_at is None:
        return []
    repeat = repeat_from_options(
        p.repeat, p.starts_at, settings.timezone, every=p.every, until=p.until, times=p.times
    )
    lines = [t(lang, "recurring-preview-repeats", rule=plain(rule_text(repeat, lang), 300))]
    closes = rsvp_before_text(p.rsvp_before, lang)
    return lines + ([closes] if closes else [])


def _answered(roster: Roster) -> bool:
    return bool(roster.going or roster.waitlist or roster.maybe or roster.no)


async def preview_message(bot: PaddockBot, draft: Draft, lang: str) -> dict[str, Any]:
    """content, embed and view of a draft's preview: the words and buttons in the
    organiser's language `lang`, the announcement as the server will read it."""
    settings = await bot.services.settings.get(draft.guild_id)
    tz = settings.tz
    current = None
    if draft.meet_id is not None:
        current = await bot.services.meets.get(draft.guild_id, draft.meet_id)
    meet = preview_meet(bot, draft, current, tz)
    kept: list[str] = []
    if current is not None:
        roster = await bot.services.meets.roster(draft.guild_id, current.id)
        if draft.later and meet.starts_at != current.starts_at and _answered(roster):
            # This and later dates: a date members answered keeps its time (SeriesService.
            # edit_later), this one too, so its preview shows the time it keeps.
            before = draft.changes.rsvp_before
            meet = replace(
                meet,
                starts_at=current.starts_at,
                ends_at=current.ends_at,
                rsvp_deadline=current.rsvp_deadline
                if before is None
                else before_on_the_wall(current.starts_at, before, tz),
            )
            kept.append(t(lang, "qameets-preview-this-kept"))
        roster = replace(roster, meet=meet)
    else:
        roster = Roster(meet=meet, going=(), waitlist=(), maybe=(), no=())
    note = said(draft.note, lang)
    content = preview_text(meet, tz, note=note, editing=current is not None, lang=lang)
    lines = [*await _repeat_lines(bot, draft, settings, lang), *kept]
    content += "".join(f"\n{line}" for line in lines)
    if meet.channel_id and not current:
        content += "\n" + t(lang, "meets-preview-where", channel=f"<#{meet.channel_id}>")
    public = await posts_language(bot, draft.guild_id)
    return {
        "content": content,
        "embed": announcement_embed(roster, lang=public),
        "view": draft_view(draft.id, lang),
    }


async def send_preview(interaction: discord.Interaction[PaddockBot], draft: Draft) -> None:
    """Answer with the preview: a fresh ephemeral message, or the preview updated in place
    when the answer comes from the preview itself (its Change… form)."""
    parts = await preview_message(interaction.client, draft, member_language(interaction))
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=True, allowed_mentions=_NONE, **parts)
    elif interaction.message is not None and interaction.type in (
        discord.InteractionType.modal_submit,
        discord.InteractionType.component,  # "this date only": the question becomes it
    ):
        await interaction.response.edit_message(allowed_mentions=_NONE, **parts)
    else:
        await interaction.response.send_message(ephemeral=True, allowed_mentions=_NONE, **parts)


async def open_form(
    interaction: discord.Interaction[PaddockBot], draft: Draft, current: Meet | None = None
) -> None:
    """The meet form, filled with what the draft (or the meet being edited) holds."""
    bot = interaction.client
    tz = (await bot.services.settings.get(draft.guild_id)).tz
    shown = preview_meet(bot, draft, current, tz) if current or draft.plan.starts_at else None
    if shown is not None:
        values = (shown.title, wall(shown.starts_at, tz), shown.location, shown.description)
    else:
        p = draft.plan
        values = (p.title, "", p.location, p.description)
    await interaction.response.send_modal(
        MeetForm(
            draft.id,
            title=values[0],
            when=values[1],
            location=values[2],
            description=values[3],
            editing=current is not None,
            lang=member_language(interaction),
        )
    )


def form_draft(interaction: discord.Interaction) -> int | None:
    data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
    match = MEET_FORM.fullmatch(str(data.get("custom_id", "")))
    return None if match is None else int(match["draft"])


async def submit_form(interaction: discord.Interaction[PaddockBot], draft_id: int) -> None:
    """The form came back: check it, hold it in the draft, show the preview (or, for an
    edit that moves nothing, apply it at once: there is nothing to announce)."""
    bot = interaction.client
    guild_id = require_member(interaction)
    settings = await bot.services.settings.get(guild_id)
    require_organiser(interaction, settings)
    drafts = bot.services.drafts
    draft = await drafts.get(guild_id, draft_id, interaction.user.id)
    data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
    values = modal_values(data.get("components") or [])
    parsed = await asyncio.to_thread(
        parse_when, values.get("when", ""), settings.tz, bot.clock.now()
    )
    meets = bot.services.meets
    if draft.meet_id is None:
        plan = meets.check_plan(
            replace(
                draft.plan,
                title=values.get("title", ""),
                starts_at=parsed.utc,
                location=values.get("location", ""),
                description=values.get("description", ""),
            )
        )
        draft = await drafts.revise(draft, plan, parsed.note)
        await send_preview(interaction, draft)
        return
    current = await meets.get(guild_id, draft.meet_id)
    typed = replace(
        draft.changes,
        title=_changed(values.get("title"), current.title),
        starts_at=parsed.utc if parsed.utc != current.starts_at else None,
        location=_changed(values.get("location"), current.location),
        description=_changed(values.get("description"), current.description),
    )
    if draft.later:  # this and all later dates: always previewed
        await bot.services.series.check_later(guild_id, current.id, typed)
        draft = await drafts.revise(draft, typed, parsed.note)
        await send_preview(interaction, draft)
        return
    changes = meets.check_changes(typed)
    if not changes.moves:
        await drafts.discard(guild_id, draft.id, interaction.user.id)
        await apply_edit_now(interaction, current, changes)
        return
    draft = await drafts.revise(draft, changes, parsed.note)
    await send_preview(interaction, draft)


def _changed(typed: str | None, now: str) -> str | None:
    if typed is None or typed.strip() == now.strip():
        return None
    return typed


async def apply_edit_now(
    interaction: discord.Interaction[PaddockBot], meet: Meet, changes: MeetChanges
) -> None:
    """An edit that changes neither time nor place: no preview, nobody to tell."""
    bot = interaction.client
    # Pressed "this date only": the question is replaced by the outcome.
    pressed = interaction.type is discord.InteractionType.component
    if not interaction.response.is_done():
        if pressed:
            await interaction.response.defer()
        else:
            await interaction.response.defer(ephemeral=True, thinking=True)
    settings = await bot.services.settings.get(meet.guild_id)
    await remember_mentions(
        bot, meet.guild_id, changes.title, changes.location, changes.description
    )
    result = await bot.services.meets.edit(
        meet.guild_id, meet.id, changes, settings.reminder_minutes
    )
    await finish_edit(
        interaction, result, note=None, edit_original=pressed, retitled=changes.title is not None
    )


async def finish_edit(
    interaction: discord.Interaction[PaddockBot],
    result: EditResult,
    *,
    note: str | None,
    edit_original: bool,
    retitled: bool,
) -> None:
    bot = interaction.client
    updated = result.meet
    refresh_announcement(bot, updated)
    if retitled:
        await rename_thread(bot, updated)
    # A live counter shows a new series' record to beat at once (cheap when none is live).
    await bot.flows.counters.refresh_guild(updated.guild_id)
    lang = member_language(interaction)
    notes = [n for n in (said(note, lang), await mirror_update(bot, updated, lang)) if n]
    told = await tell_edit(bot, result)
    lines = [t(lang, "meets-updated", meet=meet_ref(updated), told=told)]
    if result.promoted:
        lines.append(t(lang, "meets4-moved-up", count=len(result.promoted)))
    text = "\n".join([*lines, *notes])
    if edit_original:
        await interaction.edit_original_response(
            content=text, embed=None, view=None, allowed_mentions=_NONE
        )
    else:
        await interaction.followup.send(text, ephemeral=True, allowed_mentions=_NONE)


async def press(interaction: discord.Interaction[PaddockBot], draft_id: int, action: str) -> None:
    """Post, Change… or Discard on a preview; only its organiser may press."""
    bot = interaction.client
    guild_id = require_member(interaction)
    settings = await bot.services.settings.get(guild_id)
    require_organiser(interaction, settings)
    drafts = bot.services.drafts
    draft = await drafts.get(guild_id, draft_id, interaction.user.id)
    if action == "change":
        current = None
        if draft.meet_id is not None:
            current = await bot.services.meets.get(guild_id, draft.meet_id)
        await open_form(interaction, draft, current)
        return
    if action == "discard":
        await drafts.discard(guild_id, draft.id, interaction.user.id)
        await interaction.response.edit_message(
            content=t(member_language(interaction), "meets-discarded"), embed=None, view=None
        )
        return
    # Post: the preview message becomes the answer, so it can't be pressed twice.
    await interaction.response.defer()
    lang = member_language(interaction)
    typed = draft.changes if draft.is_edit else draft.plan
    await remember_mentions(bot, guild_id, typed.title, typed.location, typed.description)
    if draft.meet_id is not None and draft.later:
        await _post_series_edit(interaction, draft, settings)
        return
    if draft.meet_id is not None:
        result = await drafts.post_edit(
            guild_id, draft.id, interaction.user.id, settings.reminder_minutes
        )
        await finish_edit(
            interaction,
            result,
            note=draft.note,
            edit_original=True,
            retitled=draft.changes.title is not None,
        )
        return
    repeats = ""
    try:
        if draft.plan.repeat is not None:
            meet, repeats = await _post_recurring(interaction, draft, settings, lang)
        else:
            meet_id = await drafts.post_new(
                guild_id, draft.id, interaction.user.id, settings.reminder_minutes
            )
            meet = await bot.services.meets.get(guild_id, meet_id)
            meet = await post_announcement(bot, meet, meet.channel_id)
    except InvalidInput as exc:
        await interaction.edit_original_response(
            content=t(lang, "meets-not-posted", error=describe(exc, lang) or exc.message),
            embed=None,
            view=None,
            allowed_mentions=_NONE,
        )
        return
    if settings.meet_threads:
        meet = await open_thread(bot, meet)
        refresh_announcement(bot, meet)
    notes = [n for n in (said(draft.note, lang), await mirror_create(bot, meet, lang)) if n]
    text = t(
        lang,
        "meets-announced",
        meet=meet_ref(meet),
        when=timestamp(meet.starts_at, "F"),
        channel=f"<#{meet.channel_id}>",
    )
    text += repeats
    await interaction.edit_original_response(
        content="\n".join([text, *notes]), embed=None, view=None, allowed_mentions=_NONE
    )


async def _post_series_edit(
    interaction: discord.Interaction[PaddockBot], draft: Draft, settings: GuildSettings
) -> None:
    """Post of an edit of this and all later dates: the rule and the dates changed, their
    announcements and events updated, their members told."""
    bot = interaction.client
    taken = await bot.services.drafts.take(draft.guild_id, draft.id, draft.user_id)
    assert taken.meet_id is not None
    changed = await bot.services.series.edit_later(
        taken.guild_id, taken.meet_id, taken.changes, settings.reminder_minutes
    )
    await finish_series_edit(bot, changed, retitled=taken.changes.title is not None)
    await interaction.edit_original_response(
        content=series_edit_summary(changed, member_language(interaction)),
        embed=None,
        view=None,
        allowed_mentions=_NONE,
    )


async def _post_recurring(
    interaction: discord.Interaction[PaddockBot],
    draft: Draft,
    settings: GuildSettings,
    lang: str,
) -> tuple[Meet, str]:
    """Post of a recurring meet: the rule and its first date, announced; all or nothing."""
    bot = interaction.client
    taken = await bot.services.drafts.take(draft.guild_id, draft.id, draft.user_id)
    plan = bot.services.meets.check_plan(taken.plan)
    assert plan.starts_at is not None and plan.repeat is not None
    rule = repeat_from_options(
        plan.repeat,
        plan.starts_at,
        settings.timezone,
        every=plan.every,
        until=plan.until,
        times=plan.times,
    )
    made, meet = await bot.services.series.create(
        draft.guild_id,
        rule,
        **plan_fields(plan),
        created_by=draft.user_id,
        duration=plan.ends_at - plan.starts_at if plan.ends_at else None,
        reminder_minutes=settings.reminder_minutes,
        rsvp_before=plan.rsvp_before,
    )
    try:
        meet = await post_announcement(bot, meet, meet.channel_id)
    except InvalidInput:
        await bot.services.series.delete(draft.guild_id, made.id)  # all or nothing
        raise
    repeats = " " + t(
        lang,
        "meets-announced-repeats",
        repeats=repeat_text(made, lang),
        ahead=before_words(settings.post_ahead_minutes, lang),
    )
    return meet, repeats


async def start_create(
    interaction: discord.Interaction[PaddockBot],
    plan: MeetPlan,
    note: str | None,
    *,
    complete: bool,
) -> None:
    """/meet create: with every text option, straight to the preview; otherwise the form."""
    bot = interaction.client
    guild_id = require_member(interaction)
    if complete:
        plan = bot.services.meets.check_plan(plan)
    draft = await bot.services.drafts.open(guild_id, interaction.user.id, plan, note=note)
    if complete:
        await send_preview(interaction, draft)
    else:
        await open_form(interaction, draft)


async def start_edit(
    interaction: discord.Interaction[PaddockBot],
    meet: Meet,
    changes: MeetChanges,
    note: str | None,
) -> None:
    """/meet edit: no options opens the form; a move previews; anything else applies."""
    bot = interaction.client
    guild_id = require_member(interaction)
    drafts = bot.services.drafts
    if changes.empty:
        draft = await drafts.open(guild_id, interaction.user.id, changes, meet_id=meet.id)
        await open_form(interaction, draft, meet)
        return
    changes = bot.services.meets.check_changes(changes)
    if not changes.moves:
        await apply_edit_now(interaction, meet, changes)
        return
    draft = await drafts.open(guild_id, interaction.user.id, changes, meet_id=meet.id, note=note)
    await send_preview(interaction, draft)


async def start_series_edit(
    interaction: discord.Interaction[PaddockBot],
    meet: Meet,
    changes: MeetChanges,
    note: str | None,
) -> None:
    """/meet edit of this and all later dates: the form without options, else checked
    and previewed like a create; nothing changes before Post."""
    bot = interaction.client
    guild_id = require_member(interaction)
    drafts = bot.services.drafts
    if changes.empty:
        draft = await drafts.open(
            guild_id, interaction.user.id, changes, meet_id=meet.id, later=True
        )
        await open_form(interaction, draft, meet)
        return
    await bot.services.series.check_later(guild_id, meet.id, changes)
    draft = await drafts.open(
        guild_id, interaction.user.id, changes, meet_id=meet.id, note=note, later=True
    )
    await send_preview(interaction, draft)
