"""End-to-end fixtures: the real bot over loopback against the fake Discord."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from tests.e2e.harness import Harness
from tests.fakediscord import FakeDiscord
from tests.fakediscord.pytest_fixtures import build_test_club, serving


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with serving() as fake:
        yield fake


def make_harness(
    fake: FakeDiscord,
    tmp_path: Path,
    *,
    members: int = 3,
    shard: int | None = None,
    count: int | None = None,
) -> Harness:
    """A Harness for a new "Test Club" (on `shard` of `count` shards, if given)."""
    club = build_test_club(fake, shard=shard, count=count)
    extra = [club.guild.add_member(name=f"member{i}") for i in range(members - 1)]
    return Harness(
        fake=fake,
        guild=club.guild,
        general_id=club.general_id,
        meets_id=club.meets_id,
        owner_id=club.owner_id,
        organiser_id=club.organiser_id,
        organiser_role_id=club.organiser_role_id,
        member_ids=[club.member_id, *extra],
        db_path=tmp_path / "paddock.db",
    )


@pytest_asyncio.fixture
async def paddock(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[Harness]:
    """The real PaddockBot, started and ready, in a guild "Test Club"."""
    harness = make_harness(fake, tmp_path)
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()
