"""How tests and the bench start Paddock's real CLI as a child process against a fake."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

ROOT = Path(__file__).resolve().parents[2]


class FakeAddress(Protocol):
    @property
    def api_base(self) -> str: ...

    @property
    def gateway_url(self) -> str: ...


def bot_argv(fake: FakeAddress, *args: str) -> list[str]:
    """`python -m bot ARGS`, pointed at the fake through tests/e2e/run_bot.py."""
    return [sys.executable, "-m", "tests.e2e.run_bot", fake.api_base, fake.gateway_url, *args]


def bot_env(
    token: str, database: Path | str, *, drop: tuple[str, ...] = (), **extra: str
) -> dict[str, str]:
    """This process's environment with the bot's own settings replaced: a developer's
    DISCORD_* and PADDOCK_* variables (or those of a .env they exported) must not leak
    into a test. `drop` removes more prefixes."""
    skip = ("DISCORD_", "PADDOCK_", *drop)
    env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    env.update(DISCORD_TOKEN=token, PADDOCK_DATABASE=str(database), PYTHONPATH=str(ROOT), **extra)
    return env


def is_voice_noise(line: str) -> bool:
    """discord.py's warnings about voice libraries, which Paddock does not use."""
    return "PyNaCl" in line or "davey" in line


async def read_stderr(
    proc: asyncio.subprocess.Process, until: Callable[[list[str]], bool], timeout: float
) -> list[str]:
    """The bot's log lines (voice noise left out) as they come, until `until(lines)` holds."""
    assert proc.stderr is not None
    lines: list[str] = []
    async with asyncio.timeout(timeout):
        while not until(lines):
            line = await proc.stderr.readline()
            assert line, f"the bot exited early: {lines}"
            if not is_voice_noise(line.decode()):
                lines.append(line.decode().rstrip())
    return lines


def is_ready(lines: list[str]) -> bool:
    """Past on_ready: discord.py trips over a close during its ready delay."""
    return any("ready as" in line for line in lines)
