"""Runs the real PaddockBot against the fake Discord, and restarts it on demand."""

from __future__ import annotations

import asyncio
import contextlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.app import PaddockBot
from bot.clock import ManualClock
from bot.config import Settings, load_settings
from tests.fakediscord import MANAGE_ROLES, MIN_CEILING, FakeDiscord, FakeGuild, Interaction

_POST = re.compile(r"paddock:draft:\d+:post")

# A fixed, realistic "now" so meets in tests are always in the future.
START = datetime(2027, 6, 1, 9, 0, tzinfo=UTC)


def preview_of(created: Interaction) -> dict[str, Any] | None:
    """The preview message (with its Post button) a command answered with, if any."""
    for message in [created.original, *created.followups]:
        if message is None:
            continue
        for row in message.get("components") or []:
            for item in row.get("components") or []:
                if _POST.fullmatch(str(item.get("custom_id", ""))):
                    return message
    return None


def post_id(preview: dict[str, Any]) -> str:
    return next(
        str(item["custom_id"])
        for row in preview["components"]
        for item in row["components"]
        if _POST.fullmatch(str(item.get("custom_id", "")))
    )


async def press_post(
    fake: FakeDiscord, created: Interaction, user_id: int, timeout: float = 10.0
) -> Interaction:
    """Press Post on the preview `created` (a /meet create or edit) answered with."""
    first = await created.wait_response(timeout)
    if first.type == 5:
        await created.wait_followup(1, timeout)
    preview = preview_of(created)
    if preview is None:
        raise AssertionError(f"no preview: {created.content!r} {created.followups!r}")
    return await fake.press(preview["id"], post_id(preview), user_id)


async def post_preview(
    fake: FakeDiscord, created: Interaction, user_id: int, timeout: float = 10.0
) -> Interaction:
    """Press Post on the preview, and wait until the preview has been replaced by the
    outcome (`press.content`)."""
    press = await press_post(fake, created, user_id, timeout)
    await press.wait_response(timeout)
    await fake.wait_until(
        lambda: bool(press.content) and not (press.content or "").startswith("**Preview"),
        timeout,
        "the preview replaced by its outcome",
    )
    return press


@dataclass
class Harness:
    fake: FakeDiscord
    guild: FakeGuild
    general_id: int
    meets_id: int
    owner_id: int
    organiser_id: int
    organiser_role_id: int
    member_ids: list[int]
    db_path: Path
    clock: ManualClock = field(default_factory=lambda: ManualClock(START))
    dev_guilds: bool = False
    catalogue_extra: Path | None = None  # a club's own catalogue folder, if the test has one
    tick_seconds: float = 0.05
    web_port: int | None = None  # serve the calendar feed and club page on this port
    bot: PaddockBot = field(init=False)
    _task: asyncio.Task[None] | None = field(default=None, init=False)
    starts: int = field(default=0, init=False)

    @property
    def guild_id(self) -> int:
        return self.guild.id

    def settings(self) -> Settings:
        return load_settings(
            _env_file=None,
            DISCORD_TOKEN=self.fake.token,
            PADDOCK_DATABASE=self.db_path,
            PADDOCK_DEV_GUILDS=str(self.guild.id) if self.dev_guilds else "",
            PADDOCK_TIMEZONE="Europe/Berlin",
            PADDOCK_LOG_LEVEL="INFO",
            PADDOCK_CATALOGUE_EXTRA=str(self.catalogue_extra) if self.catalogue_extra else "",
            PADDOCK_WEB_PORT=str(self.web_port) if self.web_port else "",
            PADDOCK_PUBLIC_URL=f"http://127.0.0.1:{self.web_port}" if self.web_port else "",
        )

    async def start(self, timeout: float = 60.0) -> PaddockBot:
        self.bot = PaddockBot(self.settings(), clock=self.clock, tick_seconds=self.tick_seconds)
        self._task = asyncio.create_task(self.bot.start(self.fake.token), name="paddock-bot")
        ready = asyncio.create_task(self.bot.wait_until_ready())
        done, _ = await asyncio.wait(
            {ready, self._task}, timeout=timeout, return_when="FIRST_COMPLETED"
        )
        if ready not in done:
            ready.cancel()
            if self._task.done():
                self._task.result()  # re-raise why the bot died
            raise TimeoutError("the bot did not become ready")
        self.starts += 1
        return self.bot

    async def stop(self) -> None:
        if self._task is None:
            return
        await self.bot.close()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None

    async def restart(self) -> PaddockBot:
        """A fresh bot process-equivalent on the same database and the same fake Discord."""
        await self.stop()
        return await self.start()

    async def add_members(self, count: int) -> list[int]:
        ids = self.guild.add_members_bulk(count)
        self.member_ids.extend(ids)
        return ids

    def role_the_bot_can_give(self, name: str) -> int:
        """A new role the bot may hand out: it may manage roles, and its own role sits
        above the new one."""
        role = self.guild.add_role(name)
        bot_role = self.guild.roles[self.guild.bot_role_id]
        bot_role["permissions"] = str(int(bot_role["permissions"]) | MANAGE_ROLES)
        bot_role["position"] = 50
        return role

    async def slash(
        self,
        user_id: int,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        channel_id: int | None = None,
        locale: str = "en-US",
    ) -> Interaction:
        return await self.fake.slash(
            self.guild.id,
            channel_id or self.general_id,
            user_id,
            name,
            options or {},
            locale=locale,
        )

    async def run(
        self,
        user_id: int,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        channel_id: int | None = None,
        timeout: float = MIN_CEILING,
        locale: str = "en-US",
    ) -> Interaction:
        """Invoke a slash command and wait for its answer.

        A deferred answer ("thinking…") is only complete with its first follow-up,
        so wait for that too; otherwise a test races the command's real work.
        """
        record = await self.slash(user_id, name, options, channel_id=channel_id, locale=locale)
        first = await record.wait_response(timeout)
        if first.type == 5:
            await record.wait_followup(1, timeout)
        return record

    async def create(
        self,
        options: dict[str, Any],
        *,
        user_id: int | None = None,
        channel_id: int | None = None,
    ) -> Interaction:
        """/meet create, then Post on its preview; the Post press (its text in .content)."""
        user = user_id or self.organiser_id
        created = await self.slash(user, "meet create", options, channel_id=channel_id)
        return await post_preview(self.fake, created, user)
