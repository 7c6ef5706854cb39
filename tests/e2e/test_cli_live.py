"""The real `python -m bot` process against the fake Discord."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from tests.e2e.cli import bot_argv, bot_env
from tests.fakediscord import FakeDiscord
from tests.fakediscord.pytest_fixtures import build_test_club


async def spawn(
    fake: FakeDiscord, tmp_path: Path, *args: str, token: str
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
        _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 2, err
    lines = [
        line
        for line in err.decode().splitlines()
        if line.strip() and "PyNaCl" not in line and "davey" not in line
    ]
    assert len(lines) == 1 and "DISCORD_TOKEN" in lines[0] and "401" in lines[0], err
    assert "Traceback" not in err.decode()


async def test_process_runs_and_sigterm_shuts_down_cleanly(tmp_path: Path) -> None:
    async with FakeDiscord() as fake:
        build_test_club(fake)
        proc = await spawn(fake, tmp_path, "run", token=fake.token)
        try:
            await fake.wait_until(lambda: len(fake.sync_calls) == 1 and fake.connected, 20)
            await asyncio.sleep(0.5)  # past on_ready, so shutdown is logged at INFO
            proc.send_signal(signal.SIGTERM)
            _, err = await asyncio.wait_for(proc.communicate(), 20)
        finally:
            if proc.returncode is None:  # never leave a bot running after a failed test
                proc.kill()
                await proc.wait()
    assert proc.returncode == 0, err.decode()
    assert "Traceback" not in err.decode()
    assert "shutting down" in err.decode()


async def test_sync_command_pushes_and_exits(tmp_path: Path) -> None:
    async with FakeDiscord() as fake:
        proc = await spawn(fake, tmp_path, "sync", token=fake.token)
        out, err = await asyncio.wait_for(proc.communicate(), 30)
        assert proc.returncode == 0, err.decode()
        assert "global" in out.decode()
        again = await spawn(fake, tmp_path, "sync", token=fake.token)
        out2, _ = await asyncio.wait_for(again.communicate(), 30)
        assert "unchanged" in out2.decode()
        forced = await spawn(fake, tmp_path, "sync", "--force", token=fake.token)
        await asyncio.wait_for(forced.communicate(), 30)
        assert len(fake.sync_calls) == 2


async def test_another_application_on_the_same_database_gets_its_commands(tmp_path: Path) -> None:
    async with FakeDiscord() as first, FakeDiscord() as second:
        assert first.app_id != second.app_id
        for fake in (first, second, first, second):
            proc = await spawn(fake, tmp_path, "sync", token=fake.token)
            _, err = await asyncio.wait_for(proc.communicate(), 30)
            assert proc.returncode == 0, err.decode()
        # Each application synced once; the second visit to each found its own record.
        assert len(first.sync_calls) == 1
        assert len(second.sync_calls) == 1
        assert second.commands_for(None), "the second application got no commands"
