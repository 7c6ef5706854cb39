"""Shared pieces of the bench: bot subprocesses, the club on the fake, statistics."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import math
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tests.e2e.cli import bot_argv, bot_env
from tests.fakediscord import MANAGE_EVENTS, FakeDiscord, FakeGuild, Interaction

Kind = Literal["paddock", "bare"]
CLK_TCK = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- statistics
@contextlib.contextmanager
def harness_gc_paused() -> Iterator[None]:
    """Keep the bench process's own garbage collector out of a timed window.

    The fakes live in this process and keep every message and interaction, so a
    full collection here takes tens of milliseconds and lands on whichever bot
    is being measured. The bots' own collectors are left alone: they are part of
    what is measured."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); nan for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(seconds, 50) * 1000, 3),
        "p99_ms": round(percentile(seconds, 99) * 1000, 3),
        "max_ms": round(max(seconds) * 1000, 3) if seconds else math.nan,
    }


# ---------------------------------------------------------------- the club
@dataclass
class Club:
    fake: FakeDiscord
    guild: FakeGuild
    general_id: int
    meets_id: int
    organiser_id: int
    member_id: int
    probe_message_id: int = 0

    @property
    def guild_id(self) -> int:
        return self.guild.id


def build_club(
    fake: FakeDiscord,
    members: int = 0,
    *,
    shard: int | None = None,
    count: int | None = None,
    guild_id: int | None = None,
) -> Club:
    """One server: #general, #meets, an organiser (Manage Events) and `members` members;
    with `shard`, on that shard of `count` shards; with `guild_id`, that server again."""
    guild = fake.add_guild("Bench Club", shard=shard, count=count, guild_id=guild_id)
    general = guild.add_channel("general")
    meets = guild.add_channel("meets")
    role = guild.add_role("Organiser", MANAGE_EVENTS)
    organiser = guild.add_member(name="organiser", roles=[role])
    member = guild.add_member(name="member")
    if members:
        guild.add_members_bulk(members, prefix="fan")
    club = Club(fake, guild, general, meets, organiser, member)
    club.probe_message_id = plant_buttons(fake, general, ["paddock:rsvp:1:going"])
    return club


def plant_buttons(fake: FakeDiscord, channel_id: int, custom_ids: Sequence[str]) -> int:
    """Put a bot-authored message with these buttons in the fake (no gateway event)."""
    row = [
        {"type": 2, "style": 3, "label": cid.rsplit(":", 1)[-1], "custom_id": cid}
        for cid in custom_ids
    ]
    msg = fake._build_message(channel_id, {"components": [{"type": 1, "components": row}]}, [])
    fake.channels[channel_id].messages[int(msg["id"])] = msg
    return int(msg["id"])


async def poll(predicate: Callable[[], bool], timeout: float, interval: float = 0.005) -> bool:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(interval)
    return True


# ---------------------------------------------------------------- bot processes
_RUNNING: set[subprocess.Popen[bytes]] = set()


def kill_strays() -> None:
    """Kill any bot process this bench started that is still running (after an error)."""
    for popen in list(_RUNNING):
        if popen.poll() is None:
            popen.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                popen.wait(5)
        _RUNNING.discard(popen)


@dataclass
class BotProcess:
    """A bot under test in its own process (its own interpreter, loop and core)."""

    kind: Kind
    fake: FakeDiscord
    workdir: Path
    extra: Sequence[str] = ()
    popen: subprocess.Popen[bytes] | None = None
    spawned_at: float = 0.0
    ready_at: float = 0.0
    log_path: Path = field(default_factory=Path)
    # A postgresql:// URL or a shared SQLite file (default: a file of its own), and more
    # settings (the shard keys).
    database: Path | str | None = None
    env: dict[str, str] = field(default_factory=dict)
    name: str = ""

    @property
    def pid(self) -> int:
        assert self.popen is not None
        return self.popen.pid

    def command(self) -> list[str]:
        if self.kind == "paddock":
            return bot_argv(self.fake, "run")
        return [
            sys.executable,
            "-m",
            "bench.barebot",
            self.fake.api_base,
            self.fake.gateway_url,
            *self.extra,
        ]

    def spawn(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        # PYTHON* settings of the shell (dev mode, tracemalloc, ...) would skew the numbers.
        env = bot_env(
            self.fake.token,
            self.database or self.workdir / "paddock.db",
            drop=("PYTHON",),
            PADDOCK_LOG_LEVEL="WARNING",
            PADDOCK_TIMEZONE="Europe/Berlin",
            **self.env,
        )
        self.log_path = self.workdir / f"{self.name or self.kind}.log"
        log = self.log_path.open("ab")
        self.spawned_at = time.monotonic()
        self.popen = subprocess.Popen(
            self.command(), cwd=self.workdir, env=env, stdout=log, stderr=log
        )
        _RUNNING.add(self.popen)
        log.close()

    async def wait_ready(self, club: Club, timeout: float = 60.0) -> float:
        """Seconds from spawn until the fake saw IDENTIFY and the bot answered a first press.

        A probe button is pressed every 20 ms from IDENTIFY on; the first answer to any of
        them counts. Both bots are timed this way.
        """
        fake = self.fake
        assert self.popen is not None
        deadline = time.monotonic() + timeout
        probes: list[Interaction] = []
        answered: list[Interaction] = []
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise RuntimeError(
                    f"{self.kind} exited with {self.popen.returncode}: {self.tail()}"
                )
            answered = [p for p in probes if p.response_time is not None]
            if answered:
                break
            if fake.shard_of(club.guild_id) is not None:
                probes.append(
                    await fake.press(club.probe_message_id, "paddock:rsvp:1:going", club.member_id)
                )
            await asyncio.sleep(0.02)
        else:
            raise TimeoutError(f"{self.kind} was not ready in {timeout}s: {self.tail()}")
        first = min(p.response_time for p in answered if p.response_time is not None)
        self.ready_at = first
        return first - self.spawned_at

    def tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def rss_kib(self) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS")

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        # fields[0] is state (field 3); utime is field 14, stime field 15.
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    async def stop(self, timeout: float = 15.0) -> int | None:
        if self.popen is None:
            return None
        _RUNNING.discard(self.popen)
        if self.popen.poll() is not None:
            return self.popen.returncode
        self.popen.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.popen.poll() is None and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        if self.popen.poll() is None:
            self.popen.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(5)
        return self.popen.returncode


async def start_fake(**options: Any) -> FakeDiscord:
    options.setdefault("interaction_timeout", None)
    fake = FakeDiscord(**options)
    await fake.start()
    return fake


def machine_info() -> dict[str, Any]:
    import platform

    import discord

    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "discord.py": discord.__version__,
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
    }
