"""What a press, a modal and /rsvp share: write, answer, refresh, notify."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord

from bot.errors import InvalidInput, RsvpClosed
from bot.flows.guards import is_organiser, require_member, require_organiser
from bot.flows.locale import member_language, posts_language, public_language
from bot.i18n import t
from bot.render.meets import (
    announcement_embed,
    cancelled_text,
    change_text,
    promoted_text,
    rsvp_summary,
)
from bot.render.notices import split_notice
from bot.render.views import announcement_view, carries_meet
from bot.services.meets import EditResult, Meet, models

from .threads import add_to_thread

if TYPE_CHECKING:
    from bot.app import PaddockBot

log = logging.getLogger("paddock.meets")


async def answer(
    interaction: discord.Interaction[PaddockBot],
    meet_id: int,
    status: models.Answer | None,
    *,
    car: str | None = None,
    passengers: int | str | None = None,
    member: discord.Member | discord.User | None = None,
) -> None:
    """Record the member's RSVP, then tell them exactly where they stand. With `member`,
    an organiser answers for that member (also after the RSVP deadline)."""
    guild_id = require_member(interaction)
    bot = interaction.client
    user = interaction.user
    on_behalf = member is not None and member.id != user.id
    if member is not None and on_behalf:
        if member.bot:
            raise InvalidInput(key="error-meets-member-bot")
        require_organiser(interaction, await bot.services.settings.get(guild_id))
        user = member

    async def write(organiser: bool) -> models.RsvpResult:
        return await bot.services.meets.rsvp(
            guild_id,
            meet_id,
            user.id,
            status,
            display_name=user.display_name,
            car=car,
            passengers=passengers,
            organiser=organiser,
        )

    try:
        result = await write(on_behalf)
    except RsvpClosed as closed:
        # Organisers may still change answers after the RSVP deadline, until the start.
        # Asked only here, so an ordinary press costs no settings read.
        settings = await bot.services.settings.get(guild_id)
        if closed.deadline is None or not is_organiser(interaction, settings):
            raise
        result = await write(True)
    refresh_announcement(bot, result.meet)  # nothing to do while the announcement is unknown
    # The write has committed; only now is it true to say "you're going".
    lang = member_language(interaction)
    text = rsvp_summary(result, for_user=user.id if on_behalf else None, lang=lang)
    if car is not None or passengers is not None:
        text += " " + t(lang, "meets-car-saved")
    try:
        await interaction.response.send_message(
            text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )
    except discord.NotFound:
        # The 3 s window passed; the answer is saved, and promotions must still go out.
        log.warning("interaction %s expired before its RSVP reply", interaction.id)
    if result.meet.message_id is None:
        await adopt_pressed(interaction, result.meet)
    if result.changed_status and result.rsvp.status in ("going", "waitlist", "maybe"):
        await add_to_thread(bot, result.meet, user.id)
    if result.promoted:
        await tell_promoted(bot, result.meet, result.promoted)


async def adopt_pressed(interaction: discord.Interaction[PaddockBot], meet: Meet) -> Meet:
    """A press on an announcement whose id was never stored (a crash between posting it
    and storing the id): adopt the pressed message as the meet's announcement, so it is
    kept up to date from now on. Best effort; the press itself is already answered."""
    bot = interaction.client
    message = interaction.message
    try:
        if (
            message is None
            or meet.message_id is not None
            or bot.user is None
            or message.author.id != bot.user.id
            or interaction.guild_id != meet.guild_id
            or message.channel.id != meet.channel_id
            or not carries_meet(message.components, meet.id)
        ):
            return meet
        service = bot.services.meets
        adopted = await service.adopt_message(
            meet.guild_id, meet.id, message.channel.id, message.id
        )
        meet = await service.get(meet.guild_id, meet.id)
        if adopted:
            log.info("adopted message %s as the announcement of meet %s", message.id, meet.id)
        refresh_announcement(bot, meet)
    except Exception:
        log.exception("could not adopt the announcement of meet %s", meet.id)
    return meet


async def find_announcement(
    bot: PaddockBot, channel: discord.PartialMessageable, meet_id: int
) -> int | None:
    """The bot's own announcement of this meet in the channel's recent history, if any."""
    if bot.user is None:
        return None
    async for message in channel.history(limit=50):
        if message.author.id == bot.user.id and carries_meet(message.components, meet_id):
            return int(message.id)
    return None


async def edit_announcement(
    bot: PaddockBot, guild_id: int, meet_id: int, channel_id: int, message_id: int
) -> None:
    """Edit the announcement to the newest state: closed (buttons off) once the meet is
    cancelled or its RSVPs have closed. Its outbox mark is cleared once Discord took
    the edit, unless a change committed since (the mark's version is read first)."""
    outbox = bot.services.outbox
    # The mark's version comes with the state it goes with (bot/services/outbox.py).
    shown = await bot.services.meets.roster_shown(guild_id, meet_id)
    roster, version = shown.roster, shown.version
    closed = roster.meet.rsvps_closed(bot.clock.now())
    # Rendered in the server's language of now: a /config language change shows here.
    lang = public_language(shown.language, bot.get_guild(guild_id))
    message = bot.get_partial_messageable(channel_id).get_partial_message(message_id)
    try:
        await message.edit(
            embed=announcement_embed(roster, closed=closed, lang=lang),
            view=announcement_view(meet_id, disabled=closed, lang=lang),
        )
    except (discord.NotFound, discord.Forbidden):
        # Deleted, or out of the bot's reach: no later try would do better.
        await outbox.done("announcement", meet_id, version)
        raise
    await outbox.done("announcement", meet_id, version)


def refresh_announcement(bot: PaddockBot, meet: Meet) -> None:
    """Coalesced edit: the render reads the newest state when its turn comes."""
    if meet.channel_id is None or meet.message_id is None:
        return
    guild_id, meet_id = meet.guild_id, meet.id
    channel_id, message_id = meet.channel_id, meet.message_id

    async def render() -> None:
        try:
            await edit_announcement(bot, guild_id, meet_id, channel_id, message_id)
        except (discord.NotFound, discord.Forbidden) as exc:
            log.info("can't edit the announcement of meet %s: %s", meet_id, exc.status)

    bot.pacer.schedule_edit(channel_id, ("meet", meet_id), render)


@dataclass(frozen=True, slots=True)
class Delivery:
    """Where a notice went: the channel (or thread) and its messages, and the DMs."""

    channel_id: int | None
    posted: tuple[int, ...]
    dms: tuple[discord.Message, ...]


async def tell_members(
    bot: PaddockBot,
    meet: Meet,
    user_ids: Sequence[int],
    text: str,
    *,
    channel_id: int | None = None,
    post_without_mentions: bool = False,
) -> list[int]:
    """DM the members who chose DMs; mention everyone else in the channel, split over as
    many messages as Discord's limits need, the news first. Returns the channel messages'
    ids. With nobody left to mention, the channel hears nothing unless
    `post_without_mentions` (a reminder is still worth posting)."""
    delivery = await deliver(
        bot,
        meet,
        user_ids,
        text,
        channel_id=channel_id,
        post_without_mentions=post_without_mentions,
    )
    return list(delivery.posted)


async def deliver(
    bot: PaddockBot,
    meet: Meet,
    user_ids: Sequence[int],
    text: str,
    *,
    channel_id: int | None = None,
    post_without_mentions: bool = False,
) -> Delivery:
    """tell_members, saying where every message went (so it can be taken back)."""
    wanted = list(dict.fromkeys(user_ids))
    by_dm = await bot.services.meets.dm_opt_ins(meet.guild_id, wanted) if wanted else set()
    in_channel: list[int] = []
    dms: list[discord.Message] = []
    for user_id in wanted:
        if user_id in by_dm:
            sent = await _dm(bot, user_id, text)
            if sent is not None:
                dms.append(sent)
                continue
        in_channel.append(user_id)  # DMs closed: a channel mention instead, once
    target = channel_id or meet.notice_channel_id
    if target is None or not (in_channel or post_without_mentions):
        return Delivery(target, (), tuple(dms))
    return Delivery(target, tuple(await post_notice(bot, target, text, in_channel)), tuple(dms))


async def post_notice(
    bot: PaddockBot, channel_id: int, news: str, user_ids: Sequence[int]
) -> list[int]:
    """Post `news` mentioning each of `user_ids` once, paced within the channel's budget."""
    channel = bot.get_partial_messageable(channel_id)
    posted: list[int] = []
    for part in split_notice(news, user_ids):
        mentions = discord.AllowedMentions(
            everyone=False, roles=False, users=[discord.Object(u) for u in part.mention_ids]
        )

        async def send(content: str = part.content, allowed: Any = mentions) -> Any:
            return await channel.send(content, allowed_mentions=allowed)

        try:
            message = await bot.pacer.send(channel_id, send)
        except discord.HTTPException as exc:
            # The other parts still go out: each mentions different members.
            log.warning(
                "could not notify %d members in channel %s: %s %s",
                len(part.mention_ids),
                channel_id,
                exc.status,
                exc.text,
            )
            continue
        posted.append(int(message.id))
    return posted


async def _dm(bot: PaddockBot, user_id: int, text: str) -> discord.Message | None:
    try:
        channel = await bot.create_dm(discord.Object(user_id))
        return await channel.send(text, allowed_mentions=discord.AllowedMentions.none())
    except discord.HTTPException as exc:
        # DMs closed or the user left: fall back to the channel mention.
        log.info("could not DM %s (%s %s); mentioning instead", user_id, exc.status, exc.text)
        return None


async def tell_promoted(bot: PaddockBot, meet: Meet, user_ids: Sequence[int]) -> None:
    lang = await posts_language(bot, meet.guild_id)
    await tell_members(bot, meet, user_ids, promoted_text(meet, lang))


def still_news(told: Meet, stored: Meet) -> bool:
    """Whether a change notice about `told` (the meet as its edit left it) is still true
    of the stored meet: not once it is cancelled, and not once a later edit moved it
    again (that edit's own notice carries the newest time and place)."""
    return (
        not stored.cancelled
        and stored.starts_at == told.starts_at
        and stored.location == told.location
    )


async def tell_edit(bot: PaddockBot, result: EditResult) -> int:
    """Tell going, waitlisted and maybe members, each once, about a new time or place,
    and promoted members about their place. Returns how many were told of the change.

    Notices about one meet go out one at a time (the meet's notice lock), and a change
    notice is re-checked against the stored meet inside that lock: an edit racing a
    cancel or a later edit never delivers its now-stale news after the newer notice."""
    told = 0
    text = change_text(result, await posts_language(bot, result.meet.guild_id))
    if text is not None:
        meet = result.meet
        async with bot.flows.outbox.notice_lock(meet.id):
            stored = await bot.services.meets.get(meet.guild_id, meet.id)
            if still_news(meet, stored):
                await tell_members(bot, meet, result.notify_ids, text)
                told = len(result.notify_ids)
            else:
                log.info("meet %s changed again before its change notice; not sent", meet.id)
    if result.promoted:
        await tell_promoted(bot, result.meet, result.promoted)
    return told


async def tell_cancelled(bot: PaddockBot, meet: Meet, user_ids: Sequence[int]) -> None:
    """The cancel notice, in the meet's notice order (see tell_edit)."""
    text = cancelled_text(meet, await posts_language(bot, meet.guild_id))
    async with bot.flows.outbox.notice_lock(meet.id):
        await tell_members(bot, meet, user_ids, text)
