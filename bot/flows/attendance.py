"""The live attendance messages: presses, the counter itself, record news.

Everything after a press or command has committed only brings Discord's
messages up to date, through the per-channel pacer, so a burst of check-ins
never exceeds Discord's per-channel limit.

The record announcement is the one message that must be first: the press that
beats the record posts it at once through the slot the pacer holds back for
it (`send_urgent`), and a counter edit that finds the record fallen but not yet
announced waits for that post, so the channel never shows the new count before
it says the record fell. Later versions of the post (higher counts, the final
count) are ordinary coalesced edits.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import discord

from bot.errors import Conflict
from bot.flows.guards import require_member, require_organiser
from bot.flows.locale import member_language, posts_language, public_language
from bot.flows.news import NewsDesk
from bot.render import attendance as ui
from bot.render.views import COUNTER_ACTIONS, carries_counter, checkout_view, counter_view
from bot.services.attendance import Change, CounterShown, CounterState, StartResult

if TYPE_CHECKING:
    from bot.app import PaddockBot

log = logging.getLogger("paddock.attendance")

# Discord refuses most edits to messages older than an hour; repost well before.
REPOST_AFTER = timedelta(minutes=50)
# How long a counter edit waits for the record post before showing the count anyway.
FIRST_POST_WAIT = 5.0


class CounterPublisher:
    """Keeps a server's counter messages and record announcements in step with SQLite."""

    def __init__(self, bot: PaddockBot) -> None:
        self.bot = bot
        self.service = bot.services.attendance
        # The first record post per meet in flight: every path that needs it shares it.
        self._first_posts: dict[int, asyncio.Task[bool]] = {}
        # Milestones and the record post, kept in count order (bot/flows/news.py).
        self.news = NewsDesk()

    async def after_change(self, change: Change) -> None:
        """Bring the messages up to date. The member already has their answer and the
        change is committed, so a failure here is logged, never reported as theirs."""
        if change.applied == 0:
            return
        try:
            if change.record_broken and not await self.announce_record(
                change.guild_id, change.meet_id
            ):
                # Before the counter is even scheduled: the record post goes first. If it
                # failed, the coalesced path keeps trying, with the pacer's retries.
                await self.schedule_record(change.guild_id, change.meet_id)
            self.schedule_counter(change.channel_id, change.guild_id, change.meet_id)
            if change.record_raised:
                await self.schedule_record(change.guild_id, change.meet_id)
            if change.milestone:
                await self._post_milestone(change)
        except Exception:
            log.exception("could not schedule counter updates for meet %s", change.meet_id)

    async def after_stop(self, guild_id: int, meet_id: int) -> None:
        """Freeze the counter's message and bring the record post to the final count."""
        state = await self.service.state(guild_id, meet_id)
        await self.hold_for_record(state)
        self.schedule_counter(state.channel_id, guild_id, meet_id)
        if state.record_broken_at is not None:
            await self.schedule_record(guild_id, meet_id)
        self.news.forget(meet_id)

    async def _announce_channel(self, guild_id: int, meet_id: int) -> int:
        return await self._announce_channel_of(await self.service.state(guild_id, meet_id))

    async def _announce_channel_of(self, state: CounterState) -> int:
        """Where record news goes: where it already went, else /config's channel, else the
        counter's own channel."""
        if state.announce_channel_id is not None:
            return state.announce_channel_id
        settings = await self.bot.services.settings.get(state.meet.guild_id)
        return settings.announce_channel_id or state.channel_id

    async def hold_for_record(self, state: CounterState, channel_id: int | None = None) -> None:
        """While this counter's record can still fall, keep a slot of the announcement
        channel's budget back for that post; lift the hold once it is out or can't come.
        `channel_id`: that channel, if the caller read it already."""
        waiting = state.live and state.record is not None and state.announce_message_id is None
        if channel_id is None:
            channel_id = await self._announce_channel_of(state)
        self.bot.pacer.hold_slot(channel_id, ("record", state.meet.id), waiting)

    async def announce_record(self, guild_id: int, meet_id: int) -> bool:
        """Post the record announcement now (once per meet, whoever asks) and wait for
        it; False if it is not out (a failure is logged, not raised)."""
        task = self._first_posts.get(meet_id)
        if task is None or task.done():
            task = asyncio.create_task(self._first_post(guild_id, meet_id))
            self._first_posts[meet_id] = task
            task.add_done_callback(lambda t: self._forget_first_post(meet_id, t))
        done, _ = await asyncio.wait({task}, timeout=FIRST_POST_WAIT)
        return bool(done) and not task.cancelled() and task.result()

    def _forget_first_post(self, meet_id: int, task: asyncio.Task[bool]) -> None:
        if self._first_posts.get(meet_id) is task:
            del self._first_posts[meet_id]

    async def _first_post(self, guild_id: int, meet_id: int) -> bool:
        """The first version of the record post, through the channel's reserved slot.
        True once the post is out (now or earlier), or if there is nothing to announce."""
        try:
            state = await self.service.state(guild_id, meet_id)
            if state.record_broken_at is None or state.announce_message_id is not None:
                return True
            channel_id = await self._announce_channel_of(state)
            role_id = (await self.bot.services.settings.get(guild_id)).announce_role_id
            lang = await posts_language(self.bot, guild_id)
            text = ui.record_announcement(state, role_id, first=True, lang=lang)
            channel = self.bot.get_partial_messageable(channel_id, guild_id=guild_id)
            news = self.news.of(meet_id)
            # From now on a milestone at or below the crossing count is old news; one
            # already on its way lands first.
            news.tell(state.record_broken_cars or state.high_water)
            async with news.sending:
                adopted = await self.bot.pacer.send_urgent(
                    channel_id, lambda: self._post_record(state, channel, text, role_id)
                )
            now = await self.service.state(guild_id, meet_id)
            await self.hold_for_record(now)
            if adopted is not None or ui.record_announcement(now, role_id, lang=lang) != text:
                await self.schedule_record(guild_id, meet_id)
            return True
        except Exception:
            log.exception("could not post the record announcement of meet %s", meet_id)
            return False

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
        """Post the newest milestone in its turn, unless the channel already heard a
        higher count by then (bot/flows/news.py)."""
        assert change.milestone is not None
        news = self.news.of(change.meet_id)
        news.reach(change.milestone)
        if change.record_raised:
            # Reached after the record fell: the record post comes first.
            await self.announce_record(change.guild_id, change.meet_id)
        if news.milestone_due() is None:
            return
        channel_id = await self._announce_channel(change.guild_id, change.meet_id)
        meet = await self.service.meets.get(change.guild_id, change.meet_id)
        channel = self.bot.get_partial_messageable(channel_id, guild_id=change.guild_id)
        lang = await posts_language(self.bot, change.guild_id)

        async def send() -> None:
            async with news.sending:
                milestone = news.milestone_due()
                if milestone is None:
                    return  # the record post went out while this waited for the lock
                await channel.send(ui.milestone_text(meet, milestone, lang))
                news.tell(milestone)

        try:
            await self.bot.pacer.send_if(channel_id, lambda: news.milestone_due() is not None, send)
        except discord.HTTPException as exc:
            log.warning(
                "could not post milestone %s for meet %s: %s %s",
                news.reached,
                meet.id,
                exc.status,
                exc.text,
            )

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
        # The mark's version comes with the state it goes with (bot/services/outbox.py).
        shown = await self.service.shown(guild_id, meet_id)
        try:
            await self._show_counter(shown)
        except discord.Forbidden as exc:
            # Out of the bot's reach: no later try would do better, so the mark goes too.
            log.warning("can't update the counter of meet %s: %s", meet_id, exc.text)
        await self.bot.services.outbox.done("counter", meet_id, shown.version)

    async def _show_counter(self, shown: CounterShown) -> None:
        state = shown.state
        guild_id, meet_id = state.meet.guild_id, state.meet.id
        if state.message_id is None:
            if state.live and await self._recover(state):
                await self._show_counter(await self.service.shown(guild_id, meet_id))
            return
        if state.live and state.record_broken_at and state.announce_message_id is None:
            # The record fell and the channel hasn't been told: that post goes first.
            await self.announce_record(guild_id, meet_id)
            shown = await self.service.shown(guild_id, meet_id)
            state = shown.state
        message_id = state.message_id
        if message_id is None:
            return
        await self.hold_for_record(state, shown.news_channel_id)
        lang = public_language(shown.language, self.bot.get_guild(guild_id))
        if self._too_old(state.message_posted_at):
            await self._repost(state, lang)
            return
        channel = self.bot.get_partial_messageable(state.channel_id, guild_id=guild_id)
        try:
            await channel.get_partial_message(message_id).edit(
                embed=ui.counter_embed(state, lang),
                view=counter_view(meet_id, disabled=not state.live, lang=lang),
            )
        except discord.NotFound:
            if state.live:  # someone deleted the counter: put it back
                await self._repost(state, lang)
        except discord.HTTPException as exc:
            if exc.code == 30046:  # too many edits to an old message
                await self._repost(state, lang)
            else:
                raise

    async def _repost(self, state: CounterState, lang: str) -> None:
        """Post a fresh counter and delete the old one; buttons on either keep working."""
        guild_id, meet_id = state.meet.guild_id, state.meet.id
        channel = self.bot.get_partial_messageable(state.channel_id, guild_id=guild_id)
        fresh = await channel.send(
            embed=ui.counter_embed(state, lang),
            view=counter_view(meet_id, disabled=not state.live, lang=lang),
        )
        if await self.service.set_message(guild_id, meet_id, fresh.id, replaces=state.message_id):
            if state.message_id is not None:
                await self.delete(guild_id, state.channel_id, state.message_id)
        else:
            await self.delete(guild_id, state.channel_id, fresh.id)

    async def _recover(self, state: CounterState) -> bool:
        """A live counter with no stored message: a crash between posting it and storing
        its id. Adopt the bot's own counter for this meet from the channel's recent
        history, or post it if it never went out; True once one is stored."""
        guild_id, meet_id = state.meet.guild_id, state.meet.id
        channel = self.bot.get_partial_messageable(state.channel_id, guild_id=guild_id)
        found = await self._find_counter(channel, meet_id)
        if found is None:
            lang = await posts_language(self.bot, guild_id)
            fresh = await channel.send(
                embed=ui.counter_embed(state, lang),
                view=counter_view(meet_id, disabled=not state.live, lang=lang),
            )
            found = fresh.id
            log.info("posted the missing counter of meet %s", meet_id)
        else:
            log.info("found the counter of meet %s: %s", meet_id, found)
        return await self.service.set_message(guild_id, meet_id, found)

    async def _find_counter(self, channel: discord.PartialMessageable, meet_id: int) -> int | None:
        me = self.bot.user
        try:
            async for message in channel.history(limit=50):
                if (
                    me is not None
                    and message.author.id == me.id
                    and carries_counter(message.components, meet_id)
                ):
                    return int(message.id)
        except discord.Forbidden:
            log.warning("can't read history in %s to find a counter", channel.id)
        return None

    async def delete(self, guild_id: int, channel_id: int, message_id: int) -> None:
        channel = self.bot.get_partial_messageable(channel_id, guild_id=guild_id)
        try:
            await channel.get_partial_message(message_id).delete()
        except discord.NotFound:
            log.info("old counter message %s was already gone", message_id)
        except discord.HTTPException as exc:
            # Left behind: its buttons still work, and it no longer updates.
            log.warning(
                "could not delete old counter message %s: %s %s", message_id, exc.status, exc.text
            )

    async def _render_record(self, guild_id: int, meet_id: int, channel_id: int) -> None:
        """Edit the record post to the newest count (posting it first if it isn't yet)."""
        shown = await self.service.shown(guild_id, meet_id)
        state = shown.state
        if state.record_broken_at is None:
            return
        if state.announce_message_id is None:
            if not await self.announce_record(guild_id, meet_id):
                raise RuntimeError(f"the record post of meet {meet_id} is not out yet")
            shown = await self.service.shown(guild_id, meet_id)
            state = shown.state
            if state.announce_message_id is None:
                return  # a post we couldn't store: nothing we can edit
        lang = public_language(shown.language, self.bot.get_guild(guild_id))
        text = ui.record_announcement(state, shown.announce_role_id, lang=lang)
        channel_id = state.announce_channel_id or channel_id
        channel = self.bot.get_partial_messageable(channel_id, guild_id=guild_id)
        await channel.get_partial_message(state.announce_message_id).edit(
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

    async def upkeep(self) -> None:
        """Bring every live counter up to date after a start, and repost old ones."""
        await self.bot.wait_until_ready()
        first = True
        while not self.bot.is_closed():
            try:
                if first:
                    # Counters posted just before a crash, their id never stored.
                    for g, m, c in await self.service.unposted_counters(shards=self.bot.shards_run):
                        self.schedule_counter(c, g, m)
                for counter in await self.service.live_counters(shards=self.bot.shards_run):
                    if first or self._too_old(counter.message_posted_at):
                        self.schedule_counter(counter.channel_id, counter.guild_id, counter.meet_id)
                    # A restart between deciding the record fell and posting it.
                    if (
                        first
                        and counter.announce_pending
                        and not await self.announce_record(counter.guild_id, counter.meet_id)
                    ):
                        await self.schedule_record(counter.guild_id, counter.meet_id)
                first = False
            except Exception:
                log.exception("attendance upkeep failed; retrying")
            await asyncio.sleep(self.bot.tick_seconds)


async def press(interaction: discord.Interaction[PaddockBot], meet_id: int, action: str) -> None:
    """One press of a counter button (or /checkin); answered after the write commits."""
    guild_id = require_member(interaction)
    bot = interaction.client
    service = bot.services.attendance
    user_id = interaction.user.id
    view: discord.ui.View | None = None
    lang = member_language(interaction)  # the answer is the member's alone
    if action == "here":
        change = await service.check_in(guild_id, meet_id, user_id)
        text = ui.checkin_reply(change.status, change.car, change.total, lang)
        if change.status == "already_in":
            view = checkout_view(meet_id, lang)
    elif action == "out":
        change = await service.check_out(guild_id, meet_id, user_id)
        text = ui.checkin_reply(change.status, change.car, change.total, lang)
    else:
        require_organiser(interaction, await bot.services.settings.get(guild_id))
        change = await service.adjust(guild_id, meet_id, user_id, COUNTER_ACTIONS[action][2])
        text = ui.staff_reply(change, lang)
    if view is None:
        await interaction.response.send_message(text, ephemeral=True)
    else:
        await interaction.response.send_message(text, ephemeral=True, view=view)
    await bot.flows.counters.after_change(change)


async def post_counter(bot: PaddockBot, result: StartResult, channel_id: int) -> discord.Message:
    """Post a started counter in its channel; a counter that can't be posted is abandoned
    again (unless it is a reopened one, whose old message still stands)."""
    state = result.state
    guild_id, meet_id = state.meet.guild_id, state.meet.id
    target = bot.get_partial_messageable(channel_id, guild_id=guild_id)
    service = bot.services.attendance
    lang = await posts_language(bot, guild_id)
    try:
        message = await bot.pacer.send(
            channel_id,
            lambda: target.send(
                embed=ui.counter_embed(state, lang), view=counter_view(meet_id, lang=lang)
            ),
        )
    except discord.HTTPException as exc:
        log.info("could not post the counter of meet %s: %s %s", meet_id, exc.status, exc.text)
        if result.old_message is None:
            await service.abandon(guild_id, meet_id)
        raise Conflict(key="error-att-cannot-post", channel=f"<#{channel_id}>") from None
    # If a recovery adopted another counter first, keep that one: one, never two.
    if (
        not await service.set_message(guild_id, meet_id, message.id)
        and (await service.state(guild_id, meet_id)).message_id != message.id
    ):
        await bot.flows.counters.delete(guild_id, channel_id, message.id)
    counters = bot.flows.counters
    await counters.hold_for_record(state)
    if result.reopened and state.record_broken_at is not None:
        await counters.schedule_record(guild_id, meet_id)  # "final …" reads "now …" again
    if result.old_message is not None:
        await counters.delete(guild_id, *result.old_message)
    # Presses can't arrive before the message exists, but /checkin and adjust can:
    # only then is an edit worth one of the channel's few sends.
    if (await service.state(guild_id, meet_id)).total != state.total:
        counters.schedule_counter(state.channel_id, guild_id, meet_id)
    return message


async def tell_counter_channel(bot: PaddockBot, guild_id: int, channel_id: int, text: str) -> None:
    """Post a line (the stop summary) under the counter, where the members are looking."""
    channel = bot.get_partial_messageable(channel_id, guild_id=guild_id)
    try:
        await bot.pacer.send(channel_id, lambda: channel.send(text))
    except discord.HTTPException as exc:
        log.warning(
            "could not post the summary in counter channel %s: %s %s",
            channel_id,
            exc.status,
            exc.text,
        )
