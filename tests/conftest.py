"""Shared fixtures: a real SQLite file built by the production migrations."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.db import SQLiteDatabase
from bot.services.meets import MeetService
from tests.services.meetkit import NOW
from tests.services.query_plans import Statement, check_plans, service_statements


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests talk to loopback only; anything else is a bug in the test."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        loopback = isinstance(host, str) and (
            host.startswith("127.") or host in {"localhost", "::1"}
        )
        if self.family in (socket.AF_INET, socket.AF_INET6) and not loopback:
            raise RuntimeError(f"test tried to reach {host}; only loopback is allowed")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "paddock.db"


@pytest.fixture
async def db(db_path: Path) -> AsyncIterator[SQLiteDatabase]:
    """The production schema in a fresh file. Every statement the test runs through it
    is checked for full scans of growing tables when the test ends (query_plans.py)."""
    statements: list[Statement] = []
    database = SQLiteDatabase(db_path, trace=service_statements(statements))
    await database.connect()
    await database.migrate()
    try:
        yield database
    finally:
        await database.close()
    problems = check_plans(db_path, statements)
    if problems:
        pytest.fail("full scan of a growing table:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture
def clock() -> ManualClock:
    """A clock at tests.services.meetkit.NOW that moves only when a test moves it."""
    return ManualClock(NOW)


@pytest.fixture
def meets(db: SQLiteDatabase, clock: ManualClock) -> MeetService:
    return MeetService(db, clock)
