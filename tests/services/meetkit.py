"""Shared fixtures data for meet service tests: a fixed clock and one way to make a meet."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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
