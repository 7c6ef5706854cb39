"""The real `python -m bot` process against the fake Discord."""

from __future__ import annotations

import asyncio
import signal
import socket
from pathlib import Path
from types import SimpleNamespace

from tests.e2e.cli import FakeAddress, bot_argv, bot_env, is_ready, is_voice_noise, read_stderr
from tests.fakediscord import FakeDiscord
from tests.fakediscord.pytest_fixtures import build_test_club


async def spawn(
    fake: FakeAddress, tmp_path: Path, *args: str, token: str
) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        *bot_argv(fake, *args),
        cwd=tmp_path,
        env=bot_env(token, tmp_path / "paddock.db"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_rejected_token_exits_2_with_one_line(tmp_path: Path) -> None:
    async with FakeDiscord(rejected_tokens={"revoked-token"}) as fake:
        proc = await spawn(fake, tmp_path, token="revoked-token")
        _, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 2, err
    lines = [
        line for line in err.decode().splitlines() if line.strip() and not is_voice_noise(line)
    ]
    assert len(lines) == 1 and "DISCORD_TOKEN" in lines[0] and "401" in lines[0], err
    assert "Traceback" not in err.decode()


async def test_process_runs_and_sigterm_shuts_down_cleanly(tmp_path: Path) -> None:
    async with FakeDiscord() as fake:
        build_test_club(fake)
        proc = await spawn(fake, tmp_path, "run", token=fake.token)
        try:
            # Past on_ready, so that shutdown is logged at INFO.
            before = await read_stderr(proc, is_ready, 60)
            assert len(fake.sync_calls) == 1
            proc.send_signal(signal.SIGTERM)
            _, rest = await asyncio.wait_for(proc.communicate(), 60)
        finally:
            if proc.returncode is None:  # never leave a bot running after a failed test
                proc.kill()
                await proc.wait()
    err = "\n".join([*before, rest.decode()])
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    assert "shutting down" in err


async def test_sync_command_pushes_and_exits(tmp_path: Path) -> None:
    async with FakeDiscord() as fake:
        proc = await spawn(fake, tmp_path, "sync", token=fake.token)
        out, err = await asyncio.wait_for(proc.communicate(), 60)
        assert proc.returncode == 0, err.decode()
        assert "global" in out.decode()
        again = await spawn(fake, tmp_path, "sync", token=fake.token)
        out2, _ = await asyncio.wait_for(again.communicate(), 60)
        assert "unchanged" in out2.decode()
        forced = await spawn(fake, tmp_path, "sync", "--force", token=fake.token)
        await asyncio.wait_for(forced.communicate(), 60)
        assert len(fake.sync_calls) == 2


async def test_another_application_on_the_same_database_gets_its_commands(tmp_path: Path) -> None:
    async with FakeDiscord() as first, FakeDiscord() as second:
        assert first.app_id != second.app_id
        for fake in (first, second, first, second):
            proc = await spawn(fake, tmp_path, "sync", token=fake.token)
            _, err = await asyncio.wait_for(proc.communicate(), 60)
            assert proc.returncode == 0, err.decode()
        # Each application synced once; the second visit to each found its own record.
        assert len(first.sync_calls) == 1
        assert len(second.sync_calls) == 1
        assert second.commands_for(None), "the second application got no commands"


def closed_port() -> int:
    """A loopback port nothing listens on (yet): connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def nowhere(port: int) -> SimpleNamespace:
    return SimpleNamespace(
        api_base=f"http://127.0.0.1:{port}/api/v10", gateway_url=f"ws://127.0.0.1:{port}/"
    )


async def test_no_network_at_start_retries_with_backoff_until_discord_answers(
    tmp_path: Path,
) -> None:
    port = closed_port()
    proc = await spawn(nowhere(port), tmp_path, "run", token="fake.bot.token")
    try:
        waiting = await read_stderr(proc, lambda lines: len(lines) == 2, 60)
        for line, delay in zip(waiting, ("1", "2"), strict=True):
            assert "WARNING" in line and "cannot reach Discord" in line, waiting
            assert f"{port}" in line and line.endswith(f"retrying in {delay} s"), waiting
        # The network comes back: the same process logs in, syncs and connects.
        async with FakeDiscord(port=port) as fake:
            build_test_club(fake)
            later = await read_stderr(proc, is_ready, 60)
            assert len(fake.sync_calls) == 1 and fake.connected
            proc.send_signal(signal.SIGTERM)
            _, rest = await asyncio.wait_for(proc.communicate(), 60)
    finally:
        if proc.returncode is None:  # never leave a bot running after a failed test
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0, rest.decode()
    assert "Traceback" not in rest.decode(), rest.decode()
    assert "cannot reach Discord" not in "\n".join(later) + rest.decode(), "retried when up"


async def test_sigterm_while_waiting_for_the_network_exits_0(tmp_path: Path) -> None:
    proc = await spawn(nowhere(closed_port()), tmp_path, "run", token="fake.bot.token")
    try:
        [line] = await read_stderr(proc, lambda lines: len(lines) == 1, 60)
        assert "cannot reach Discord" in line
        proc.send_signal(signal.SIGTERM)
        _, rest = await asyncio.wait_for(proc.communicate(), 10)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0, rest.decode()
    assert "Traceback" not in rest.decode(), rest.decode()


async def test_sync_without_network_exits_1_with_one_line(tmp_path: Path) -> None:
    proc = await spawn(nowhere(closed_port()), tmp_path, "sync", token="fake.bot.token")
    _, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 1, err.decode()
    lines = [
        line for line in err.decode().splitlines() if line.strip() and not is_voice_noise(line)
    ]
    assert len(lines) == 1 and "cannot reach Discord" in lines[0], lines
