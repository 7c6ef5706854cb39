"""The real `python -m bot run` as a child process, for crash tests: start, SIGKILL, restart.

Each start logs to its own file (a pipe left undrained could stall the bot
mid-burst); `log()` returns all of them, for assertion messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import re
import signal
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from tests.e2e.cli import bot_argv, bot_env
from tests.fakediscord import FakeDiscord, Interaction
from tests.fakediscord.pytest_fixtures import TestClub, build_test_club

PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child, before exec: get SIGKILL if the test process dies first (Linux), so a
    killed test run leaves no bot behind."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class BotProcess:
    def __init__(
        self,
        fake: FakeDiscord,
        workdir: Path,
        db_path: Path | str,
        *,
        name: str = "bot",
        env: dict[str, str] | None = None,
    ) -> None:
        self.fake = fake
        self.workdir = workdir
        self.db_path = db_path  # a SQLite file, or a postgresql:// URL
        self.name = name
        self.env = env or {}
        self.proc: asyncio.subprocess.Process | None = None
        self.logs: list[Path] = []

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.returncode is None

    async def start(self, timeout: float = 60.0) -> None:
        """Spawn the bot and wait until it logs "ready as" (guilds loaded, buttons live)."""
        assert not self.running, "the previous process is still running"
        log_path = self.workdir / f"{self.name}-{len(self.logs) + 1}.log"
        self.logs.append(log_path)
        env = bot_env(self.fake.token, self.db_path, PADDOCK_LOG_LEVEL="INFO", **self.env)
        with log_path.open("wb") as err:
            self.proc = await asyncio.create_subprocess_exec(
                *bot_argv(self.fake, "run"),
                cwd=self.workdir,
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=err,
                preexec_fn=_die_with_parent,
            )
        deadline = time.monotonic() + timeout
        while "ready as" not in log_path.read_text(errors="replace"):
            if self.proc.returncode is not None:
                raise AssertionError(f"the bot exited with {self.proc.returncode}\n{self.log()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"the bot was not ready after {timeout} s\n{self.log()}")
            await asyncio.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, nothing is flushed by the bot."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)

    async def wait(self, timeout: float = 60.0) -> int:
        assert self.proc is not None
        return await asyncio.wait_for(self.proc.wait(), timeout)

    async def terminate(self, timeout: float = 60.0) -> int:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        return await self.wait(timeout)

    async def aclose(self) -> None:
        """Always safe: kill whatever is still running (used in `finally`)."""
        if self.running:
            assert self.proc is not None
            with contextlib.suppress(ProcessLookupError):
                self.proc.kill()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.proc.wait(), 10)

    def log(self) -> str:
        parts = []
        for path in self.logs:
            text = path.read_text(errors="replace") if path.exists() else "(no log)"
            parts.append(f"----- {path.name} -----\n{text[-20000:]}")
        return "\n".join(parts)


def open_readonly(db_path: Path) -> sqlite3.Connection:
    """A read-only view of the file as it is on disk (the WAL included)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
    conn.row_factory = sqlite3.Row
    return conn


def kill_when_sent(
    fake: FakeDiscord,
    bot: BotProcess,
    method: str,
    path_regex: str,
    predicate: Callable[[Any], bool] = lambda body: True,
) -> list[Any]:
    """SIGKILL the bot right after the fake has carried out a matching request, before
    the bot can read the answer: the crash lands between Discord doing something and
    the bot writing down that it was done. Returns a list that gets the request's body.

    Reaches into the fake's route table (tests only); the wrapper disarms after one kill.
    """
    rx = re.compile(path_regex)
    fired: list[Any] = []
    for index, (m, route_rx, handler, auth) in enumerate(fake._routes):
        if m != method.upper():
            continue

        async def wrapped(ctx: Any, handler: Any = handler) -> Any:
            response = await handler(ctx)
            if not fired and rx.search(ctx.path) and predicate(ctx.json):
                fired.append(ctx.json)
                bot.kill()
                await bot.wait()
            return response

        fake._routes[index] = (m, route_rx, wrapped, auth)
    return fired


def custom_ids(message: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in message.get("components", []) for c in row["components"]]


def with_button(fake: FakeDiscord, channel_id: int, prefix: str) -> dict[str, Any]:
    found = [
        m for m in fake.messages_in(channel_id) if any(i.startswith(prefix) for i in custom_ids(m))
    ]
    assert len(found) == 1, f"expected one message with a {prefix} button, found {len(found)}"
    return found[0]


async def run_and_wait(
    fake: FakeDiscord, club: TestClub, user: int, name: str, options: dict[str, Any]
) -> Interaction:
    record = await fake.slash(club.guild_id, club.general_id, user, name, options)
    await record.wait_response(10)
    return record


@contextlib.asynccontextmanager
async def crash_run(
    tmp_path: Path,
) -> AsyncIterator[tuple[FakeDiscord, TestClub, BotProcess, Path]]:
    """The fake Discord with the test club, and the real bot started against it."""
    db_path = tmp_path / "paddock.db"
    async with FakeDiscord() as fake:
        club = build_test_club(fake)
        bot = BotProcess(fake, tmp_path, db_path)
        try:
            await bot.start()
            yield fake, club, bot, db_path
        finally:
            await bot.aclose()
