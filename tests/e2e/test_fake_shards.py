"""The fake Discord shards like Discord: GET /gateway/bot recommends a count, IDENTIFY
carries `shard: [id, count]`, and each guild's events go only to its shard's connection."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import discord
import pytest

from tests.fakediscord import FakeDiscord, patch_discord
from tests.fakediscord.models import MIN_CEILING

pytestmark = pytest.mark.e2e


class Recorder(discord.AutoShardedClient):
    """A bare sharded client that remembers the guilds its messages came from."""

    def __init__(self, **options: Any) -> None:
        super().__init__(intents=discord.Intents.default(), **options)
        self.heard: list[int | None] = []

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None  # the fake has no IDENTIFY rate limit

    async def on_message(self, message: discord.Message) -> None:
        self.heard.append(message.guild.id if message.guild else None)


@contextlib.asynccontextmanager
async def running(client: discord.Client, fake: FakeDiscord) -> AsyncIterator[None]:
    await client.login(fake.token)
    task = asyncio.create_task(client.connect())
    try:
        async with asyncio.timeout(MIN_CEILING):
            await client.wait_until_ready()
        yield
    finally:
        await client.close()
        with contextlib.suppress(asyncio.CancelledError, discord.ConnectionClosed):
            await task


def sent_guild_ids(fake: FakeDiscord, shard: int, event: str) -> list[int]:
    """The guild ids of the `event` dispatches sent on a shard's session, in order."""
    found = []
    for _, frame in fake.sessions[shard].events:
        if frame.get("t") == event:
            data = frame["d"]
            found.append(int(data["id"] if event == "GUILD_CREATE" else data["guild_id"]))
    return found


async def test_a_sharded_client_gets_each_guild_on_its_own_shard() -> None:
    async with FakeDiscord(shards=2) as fake:
        guilds = [fake.add_guild(f"Club {s}", shard=s) for s in (0, 1, 1)]
        channels = [g.add_channel("general") for g in guilds]
        members = [g.add_member(name="member") for g in guilds]
        with patch_discord(fake):
            client = Recorder()  # no shard count: GET /gateway/bot recommends 2
            async with running(client, fake):
                assert client.shard_count == 2
                assert sorted(client.shards) == [0, 1]
                assert {g.id for g in client.guilds} == {g.id for g in guilds}
                assert sorted(p["shard"] for p in fake.identify_payloads) == [[0, 2], [1, 2]]
                for channel, member in zip(channels, members, strict=True):
                    fake.post_user_message(channel, member, "hello")
                await fake.wait_until(lambda: len(client.heard) == 3, what="three messages")
        for shard in (0, 1):
            on_shard = [g.id for g in guilds if (g.id >> 22) % 2 == shard]
            assert fake.shard_of(on_shard[0]) == shard
            assert sent_guild_ids(fake, shard, "GUILD_CREATE") == on_shard
            assert sent_guild_ids(fake, shard, "MESSAGE_CREATE") == on_shard


async def test_processes_with_a_shard_each_split_the_guilds() -> None:
    async with FakeDiscord() as fake:
        first = fake.add_guild("A", shard=0, count=2)
        second = fake.add_guild("B", shard=1, count=2)
        with patch_discord(fake):
            one = Recorder(shard_count=2, shard_ids=[0])
            two = Recorder(shard_count=2, shard_ids=[1])
            async with running(one, fake), running(two, fake):
                await fake.wait_ready()
                assert [g.id for g in one.guilds] == [first.id]
                assert [g.id for g in two.guilds] == [second.id]
                # A server added later reaches only the process of its shard.
                third = fake.add_guild("C", shard=1, count=2)
                await fake.wait_until(lambda: len(two.guilds) == 2, what="C on shard 1")
                assert third.id not in {g.id for g in one.guilds}


async def test_an_impossible_shard_is_refused_with_4010() -> None:
    async with FakeDiscord() as fake, aiohttp.ClientSession() as http:
        async with http.ws_connect(fake.gateway_url) as ws:
            hello = await ws.receive_json()
            assert hello["op"] == 10
            identify = {"token": fake.token, "intents": 0, "properties": {}, "shard": [2, 2]}
            await ws.send_str(json.dumps({"op": 2, "d": identify}))
            closed = await ws.receive()
        assert (closed.type, ws.close_code) == (aiohttp.WSMsgType.CLOSE, 4010)
        assert fake.sessions == {}
