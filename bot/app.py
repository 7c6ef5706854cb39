"""The Paddock bot and its composition root.

The bot builds the database, every service (`Services`) and every flow (`Flows`)
once, and hands them out typed: cogs and flows reach them as `bot.services` and
`bot.flows`, with `discord.Interaction[PaddockBot]` so mypy follows them across
the Discord boundary too.
"""

from __future__ import annotations

import asyncio
import gc
import hashlib
import json
import logging
import pkgutil
import time
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

import cogs
from bot import i18n
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.db import open_database
from bot.flows import Flows
from bot.flows.replies import reply_ephemeral, report_error
from bot.i18n import language_of, t, translations_fingerprint
from bot.i18n.commands import CommandTranslator
from bot.pacing import ChannelPacer
from bot.redact import install_vin_redaction
from bot.render.views import DYNAMIC_ITEMS
from bot.services.container import Services
from bot.services.meets.mentions import Kind
from bot.services.shards import Shards

if TYPE_CHECKING:
    from bot.web.server import WebServer

log = logging.getLogger("paddock")


def extension_names() -> list[str]:
    """Every module under cogs/, each one an extension."""
    return sorted(
        f"{cogs.__name__}.{m.name}"
        for m in pkgutil.iter_modules(cogs.__path__)
        if not m.name.startswith("_")
    )


# Shutdown closes the HTTP session only once no handler has begun for this long, so a
# burst still arriving from the gateway is answered rather than cut off mid-reply.
SHUTDOWN_QUIET = 0.3


def _read_ids(stored: str | None) -> dict[str, int]:
    """Command ids as sync_commands stored them; none from a database synced before it
    stored them (that tree differs from today's, so it is synced again anyway)."""
    if not stored:
        return {}
    try:
        found = json.loads(stored)
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {str(k): v for k, v in found.items() if isinstance(v, int)}


class PaddockTree(app_commands.CommandTree["PaddockBot"]):
    async def interaction_check(self, interaction: discord.Interaction[PaddockBot]) -> bool:
        interaction.client.hold_until_answered()
        if interaction.client.shutting_down:
            lang = language_of(interaction.locale)
            await reply_ephemeral(interaction, t(lang, "error-restarting"))
            return False
        return True

    async def on_error(
        self, interaction: discord.Interaction[PaddockBot], error: app_commands.AppCommandError
    ) -> None:
        await report_error(interaction, error)


def freeze_heap() -> None:
    """Move everything alive now (modules, the catalogue, the guild and member caches)
    out of the garbage collector's reach.

    Each interaction leaves reference cycles behind, so a busy bot runs full
    collections every few seconds, and a full collection walks the whole heap. In
    the bench's press bursts those pauses (40-110 ms) were the bot's largest
    stall; with the startup heap frozen they are 7-27 ms.
    Only a process that runs one bot for its lifetime should do this: what is
    frozen is never collected, so tests that start many bots in one process don't.
    """
    gc.collect()
    gc.freeze()


class PaddockBot(commands.AutoShardedBot):
    """Sharded from the start (PADDOCK_SHARDS, PADDOCK_SHARD_IDS): one shard for a club,
    as many as Discord asks for in a large instance, split over processes if need be."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        sync_on_start: bool = True,
        pacer: ChannelPacer | None = None,
        tick_seconds: float = 10.0,
        freeze_heap: bool = False,
        identify_spacing: float = 5.0,
    ) -> None:
        # Non-privileged intents only: slash commands and buttons need no member
        # list or message content. Nor any message or reaction event: Paddock has no
        # prefix commands and reads a channel's messages only through the API, while
        # with these intents Discord would send it every message (its own announcement
        # edits among them) and reaction of every server, the bulk of a big instance's
        # gateway traffic (docs/scaling.md).
        intents = discord.Intents.default()
        intents.typing = False
        intents.messages = False
        intents.reactions = False
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            tree_cls=PaddockTree,
            help_command=None,
            # User text never pings: messages opt in to the exact users they mean.
            allowed_mentions=discord.AllowedMentions.none(),
            shard_count=settings.shard_count,
            # None (every shard) is discord.py's default, though its stubs want a list.
            shard_ids=list(settings.shard_ids) if settings.shard_ids is not None else None,  # type: ignore[arg-type]
        )
        # Discord takes one IDENTIFY per 5 s (per max_concurrency bucket); the fake doesn't.
        self.identify_spacing = identify_spacing
        # Libraries log command options at DEBUG; a VIN must never reach a log line.
        install_vin_redaction()
        self.settings = settings
        self.clock: Clock = clock or SystemClock()
        self.db = open_database(settings.database)
        self.services = Services.build(self.db, self.clock, settings.timezone)
        self.flows = Flows.build(self)
        self.pacer = pacer or ChannelPacer()
        self.sync_on_start = sync_on_start
        # How often background loops (reminders, counters) wake up; tests shorten it.
        self.tick_seconds = tick_seconds
        self.started_at = time.monotonic()
        self.shutting_down = False
        self._closing: asyncio.Future[None] | None = None
        self.synced: list[str] = []
        # Each sync target's command ids by top-level name ("global", "guild:<id>"), as
        # Discord gave them at the last sync, for clickable mentions (</meet create:ID>).
        self.command_ids: dict[str, dict[str, int]] = {}
        self._freeze_heap = freeze_heap
        self.web: WebServer | None = None
        # Tasks answering an interaction right now, waited for at shutdown.
        self._answering: set[asyncio.Task[object]] = set()
        self._last_press = float("-inf")  # loop time the last handler began
        self._outbox_task: asyncio.Task[None] | None = None

    # -- startup ---------------------------------------------------------
    async def setup_hook(self) -> None:
        await self.db.connect()
        applied = await self.db.migrate()
        if applied:
            log.info("database migrated: %s", ", ".join(applied))
        # Buttons are parsed from their custom id, so presses on messages from any
        # earlier run land here too.
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        await self.tree.set_translator(CommandTranslator())
        for name in extension_names():
            await self.load_extension(name)
        log.info("loaded %d extensions", len(self.extensions))
        if self.sync_on_start:
            await self.sync_commands()
        await self.start_web()
        # Brings what members see to what is stored: after a crash, and whenever an
        # update didn't finish.
        self._outbox_task = asyncio.create_task(self.flows.outbox.run(), name="outbox")

    async def start_web(self) -> None:
        """The calendar feed and club page, if PADDOCK_WEB_PORT is set. Imported only
        then: a bot without it carries no web server, templates or routes."""
        if self.settings.web_port is None:
            return
        from bot.web.server import WebServer, make_app

        app = make_app(
            self.services.calendar,
            self.services.settings,
            self.clock,
            self._preferred_locale,
            self.cached_name,
            self.cached_guild_name,
        )
        self.web = WebServer(app, self.settings.web_host, self.settings.web_port)
        await self.web.start()

    def cached_guild_name(self, guild_id: int) -> str | None:
        """The server's name from the bot's cache (no REST call), for its club page."""
        guild = self.get_guild(guild_id)
        return guild.name if guild is not None else None

    def cached_name(self, guild_id: int, kind: Kind, ident: int) -> str | None:
        """A member's, role's or channel's name from the bot's cache (no REST call), for
        mentions in text shown outside Discord."""
        guild = self.get_guild(guild_id)
        if guild is None:
            return None
        if kind == "member":
            member = guild.get_member(ident)
            return member.display_name if member is not None else None
        if kind == "role":
            role = guild.get_role(ident)
            return role.name if role is not None else None
        channel = guild.get_channel_or_thread(ident)
        return channel.name if channel is not None else None

    def _preferred_locale(self, guild_id: int) -> str | None:
        """The server's language as Discord reports it, for the club page (no REST call)."""
        guild = self.get_guild(guild_id)
        return str(guild.preferred_locale) if guild is not None else None

    def command_targets(self) -> list[discord.Object | None]:
        """Where the tree goes: the dev guilds if set, otherwise global (None)."""
        if not self.settings.dev_guilds:
            return [None]
        targets: list[discord.Object | None] = []
        for guild_id in self.settings.dev_guilds:
            guild = discord.Object(guild_id)
            self.tree.copy_global_to(guild=guild)
            targets.append(guild)
        return targets

    async def command_payload(self, guild: discord.Object | None) -> list[dict[str, Any]]:
        """What tree.sync() sends, translations included (for the tests and tools that
        look at it; the sync itself compares command_digest)."""
        commands_ = self.tree.get_commands(guild=guild)  # the same list tree.sync() sends
        translator = self.tree.translator
        if translator is None:
            payload = [c.to_dict(self.tree) for c in commands_]
        else:
            payload = [await c.get_translated_payload(self.tree, translator) for c in commands_]
        return sorted(payload, key=lambda c: c["name"])

    @staticmethod
    def payload_hash(payload: object) -> str:
        blob = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()

    def command_digest(self, guild: discord.Object | None) -> str:
        """What decides whether a target needs syncing: the tree as the cogs define it
        and everything its translations come from (the catalogues, the key scheme).

        Not the translated payload itself: building that at every start parsed every
        language's catalogue and loaded Babel's data for it (~4 MiB kept for good) only
        to find, most starts, that nothing changed. tree.sync() still sends every
        translation when something did."""
        commands_ = self.tree.get_commands(guild=guild)  # the same list tree.sync() sends
        tree = sorted((c.to_dict(self.tree) for c in commands_), key=lambda c: c["name"])
        translations = None
        if self.tree.translator is not None:
            # The locales discord.py asks the translator for, should a release add one.
            locales = [locale.value for locale in discord.Locale]
            translations = {"catalogues": translations_fingerprint(), "locales": locales}
        return self.payload_hash({"tree": tree, "translations": translations})

    async def sync_commands(self, *, force: bool = False) -> list[str]:
        """Sync each target whose definition changed since its last successful sync."""
        synced: list[str] = []
        for guild in self.command_targets():
            target = "global" if guild is None else f"guild:{guild.id}"
            digest = self.command_digest(guild)
            # Per application: the same database behind another bot application (a test bot,
            # a new token from a new app) has never had its commands synced.
            meta_key = f"command_hash:{self.application_id}:{target}"
            ids_key = f"command_ids:{self.application_id}:{target}"
            if not force and await self.db.get_meta(meta_key) == digest:
                log.info("command tree unchanged for %s; not syncing", target)
                self.command_ids[target] = _read_ids(await self.db.get_meta(ids_key))
                continue
            commands_ = await self.tree.sync(guild=guild)
            ids = {c.name: c.id for c in commands_}
            # The ids first: a hash stored without them would leave a restart none to show.
            await self.db.set_meta(ids_key, json.dumps(ids, sort_keys=True))
            await self.db.set_meta(meta_key, digest)
            self.command_ids[target] = ids
            log.info("synced commands to %s", target)
            synced.append(target)
        self.synced.extend(synced)
        if synced:
            # The sync read every language's command strings; most are not needed again
            # until the next one, and a language's messages load again on first use.
            i18n.unload()
        return synced

    def command_id(self, name: str, guild_id: int | None) -> int | None:
        """The id Discord gave the top-level command `name` where this guild sees it (its
        dev-guild copy, else the global one); None when no sync has told it."""
        if guild_id is not None and (found := self.command_ids.get(f"guild:{guild_id}")):
            return found.get(name)
        return self.command_ids.get("global", {}).get(name)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        if not initial:
            await asyncio.sleep(self.identify_spacing)

    @property
    def shards_run(self) -> Shards:
        """The shards this process runs, for the background jobs' SQL filters. Known once
        connected (with PADDOCK_SHARDS=auto, Discord says how many); jobs ask after
        wait_until_ready."""
        if self.shard_count is None:
            raise RuntimeError("the shard count is known only once the bot has connected")
        return Shards.of(self.shard_count, self.shard_ids)

    async def on_ready(self) -> None:
        assert self.user is not None
        log.info(
            "ready as %s (%s) in %d servers, shards %s of %s",
            self.user,
            self.user.id,
            len(self.guilds),
            ",".join(str(i) for i in sorted(self.shards_run.ids)),
            self.shard_count,
        )
        if self._freeze_heap:
            self._freeze_heap = False
            freeze_heap()

    # -- shutdown --------------------------------------------------------
    async def close(self) -> None:
        """Stop taking work, let the writes in flight finish, then close.

        Safe to call more than once (a signal and `async with` both call it):
        later callers wait for the first shutdown rather than racing it.
        """
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._shutdown())
        await asyncio.shield(self._closing)

    async def _shutdown(self) -> None:
        self.shutting_down = True
        # A failed login also closes; only a bot that was running says so at INFO.
        log.log(logging.INFO if self.is_ready() else logging.DEBUG, "shutting down")
        await self._finish_interactions()
        if self._outbox_task is not None:
            self._outbox_task.cancel()
            await asyncio.gather(self._outbox_task, return_exceptions=True)
        await self.flows.outbox.close()
        try:
            await asyncio.wait_for(self.pacer.flush(), timeout=5)
        except TimeoutError:
            log.warning("gave up waiting for pending message edits")
        await self.pacer.close()
        for name in list(self.extensions):
            try:
                await self.unload_extension(name)
            except Exception:
                log.exception("error unloading %s", name)
        if self.web is not None:
            # Before the database closes: a request in flight still reads from it.
            await self.web.stop()
        try:
            await super().close()
        finally:
            if self.db.is_open:
                await self.db.close()

    def hold_until_answered(self) -> None:
        """Called at the start of every command, press and form: shutdown waits for the
        task handling it (see _finish_interactions)."""
        task = asyncio.current_task()
        if task is not None and task not in self._answering:
            self._answering.add(task)
            self._last_press = asyncio.get_running_loop().time()
            task.add_done_callback(self._answering.discard)

    async def _finish_interactions(self, timeout: float = 10.0) -> None:
        """Let handlers already running write and answer before the HTTP session closes.

        Longer than Discord's 3 s answer window on purpose: on a busy machine a handler
        can still be mid-write after 3 s, and its write must commit before the database
        closes even if its answer no longer reaches Discord. 10 s fits inside Docker's
        and systemd's default stop timeouts.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        current = asyncio.current_task()
        # Handlers dispatched just before the shutdown began register when they first run.
        await asyncio.sleep(0)
        told = False
        while (remaining := deadline - loop.time()) > 0:
            running = [t for t in self._answering if t is not current and not t.done()]
            if running:
                if not told:
                    log.info("waiting for %d interaction(s) in flight", len(running))
                    told = True
                await asyncio.wait(running, timeout=remaining)
                continue
            # Nothing running, but the gateway may still be handing over presses Discord
            # sent before the shutdown began (a burst sits in the socket's buffer): wait
            # for a quiet moment with no new handler before the HTTP session closes.
            quiet_for = loop.time() - self._last_press
            if quiet_for >= SHUTDOWN_QUIET:
                return
            await asyncio.sleep(min(SHUTDOWN_QUIET - quiet_for, remaining))
        if running := [t for t in self._answering if t is not current and not t.done()]:
            log.warning("%d interaction(s) still running at shutdown", len(running))

    @property
    def uptime(self) -> float:
        return time.monotonic() - self.started_at
