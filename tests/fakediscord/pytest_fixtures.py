"""Pytest fixture ``fake_discord``: import it from a conftest (``from tests.fakediscord.pytest_fixtures import fake_discord``)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest_asyncio

from . import MANAGE_EVENTS, FakeDiscord, FakeGuild, patch_discord, snowflake


@dataclass
class TestClub:
    """Ids of the standard test guild built by the fixture."""

    __test__ = False

    guild: FakeGuild
    guild_id: int
    general_id: int
    meets_id: int
    owner_id: int
    organiser_role_id: int
    organiser_id: int
    member_id: int


def build_test_club(
    fake: FakeDiscord, *, shard: int | None = None, count: int | None = None
) -> TestClub:
    """The standard test guild; with `shard`, on that shard of `count` shards."""
    owner_id = snowflake()
    fake.make_user(owner_id, "clubowner")
    guild = fake.add_guild("Test Club", owner_id=owner_id, shard=shard, count=count)
    general = guild.add_channel("general")
    meets = guild.add_channel("meets")
    organiser_role = guild.add_role("Organiser", MANAGE_EVENTS)
    organiser = guild.add_member(name="organiser", roles=[organiser_role])
    member = guild.add_member(name="member")
    return TestClub(
        guild, guild.id, general, meets, int(owner_id), organiser_role, organiser, member
    )


@contextlib.asynccontextmanager
async def serving() -> AsyncIterator[FakeDiscord]:
    """A started FakeDiscord with discord.py patched to use it. On a clean exit it fails
    if the bot hit unknown routes, sent request bodies the official API spec rejects, or
    answered an interaction too late for Discord."""
    fake = FakeDiscord()
    await fake.start()
    try:
        with patch_discord(fake):
            yield fake
        fake.assert_no_unknown_routes()
        fake.assert_answered_in_time()
    finally:
        await fake.close()


@pytest_asyncio.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """`serving()` with guild "Test Club" (#general, #meets, owner, Organiser role with
    MANAGE_EVENTS, an organiser member and a plain member); ``fake.club`` holds the ids
    (:class:`TestClub`)."""
    async with serving() as fake:
        fake.club = build_test_club(fake)
        yield fake
