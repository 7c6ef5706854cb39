"""Shared fixtures data for meet service tests: a fixed clock, one way to make a meet,
and a fresh database for each example of a property test."""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.clock import ManualClock
from bot.db import SQLiteDatabase
from bot.services.meets import MeetService

NOW = datetime(2027, 6, 1, 9, 0, tzinfo=UTC)
START = NOW + timedelta(days=7)
GUILD, OTHER_GUILD = 111, 222
ORGANISER = 9


async def make(meets: MeetService, guild: int = GUILD, **kwargs: object) -> int:
    """Create a meet a week from NOW (override any option); returns its id."""
    options: dict[str, object] = {
        "title": "Cars and Coffee",
        "starts_at": START,
        "location": "Nürburg",
        "created_by": ORGANISER,
    }
    options.update(kwargs)
    meet = await meets.create(guild, **options)  # type: ignore[arg-type]
    return meet.id


@asynccontextmanager
async def example_meets() -> AsyncIterator[MeetService]:
    """For one Hypothesis example: the meets service on a fresh SQLite file built by the
    production migrations, its clock at NOW. (A pytest fixture is made once per test,
    not per example, so property tests make their database here.) Hypothesis's
    settings for them are the `paddock` profile in tests/conftest.py."""
    with tempfile.TemporaryDirectory() as folder:
        db = SQLiteDatabase(Path(folder) / "p.db")
        await db.connect()
        await db.migrate()
        try:
            yield MeetService(db, ManualClock(NOW))
        finally:
            await db.close()
