"""The baseline: a bare discord.py bot that only acknowledges each interaction.

`python -m bench.barebot API_BASE GATEWAY_URL [--sync] [--shard I/K]` runs it against
a fake Discord, the same way `tests.e2e.run_bot` runs Paddock's real CLI; with `--shard`
it identifies as shard I of K (one process of K, as `python -m bench.shards` runs both
bots). It answers
the buttons Paddock puts on an announcement and on a live counter (same custom
ids, a persistent DynamicItem, like Paddock's) with the same kind of response
Paddock sends: an ephemeral message. With `--sync` it also syncs a `/specs`
command whose autocomplete returns a fixed list, for the autocomplete floor.
This is the best a discord.py bot can do on this machine: no storage, no work.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import sys
from types import SimpleNamespace
from typing import Any

import discord
from discord import app_commands

from tests.fakediscord import patch_discord

FIXED_CHOICES = [app_commands.Choice(name=f"Car {i}", value=f"car-{i}") for i in range(25)]


class AckButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"paddock:(?P<kind>rsvp|car|att):(?P<rest>[a-z0-9:]+)",
):
    def __init__(self, custom_id: str) -> None:
        super().__init__(discord.ui.Button(label="ack", custom_id=custom_id))

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> AckButton:
        return cls(match.string)

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            "You're going.", ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )


class BareBot(discord.Client):
    def __init__(self, *, sync: bool, shard: tuple[int, int] | None = None) -> None:
        intents = discord.Intents.default()
        intents.typing = False
        sharding: dict[str, int] = {}
        if shard is not None:
            sharding = {"shard_id": shard[0], "shard_count": shard[1]}
        super().__init__(
            intents=intents, allowed_mentions=discord.AllowedMentions.none(), **sharding
        )
        self.tree = app_commands.CommandTree(self)
        self.sync = sync

        @self.tree.command(name="specs", description="Autocomplete floor")
        async def specs(interaction: discord.Interaction, model: str) -> None:
            await interaction.response.send_message(model, ephemeral=True)

        @specs.autocomplete("model")
        async def _complete(
            interaction: discord.Interaction, current: str
        ) -> list[app_commands.Choice[str]]:
            return FIXED_CHOICES

    async def setup_hook(self) -> None:
        self.add_dynamic_items(AckButton)
        if self.sync:
            await self.tree.sync()


async def _run(sync: bool, shard: tuple[int, int] | None) -> None:
    bot = BareBot(sync=sync, shard=shard)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.close()))
    async with bot:
        await bot.start(os.environ["DISCORD_TOKEN"])


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    target = SimpleNamespace(api_base=argv[0], gateway_url=argv[1])
    options = argv[2:]
    shard = None
    if "--shard" in options:
        shard_id, count = options[options.index("--shard") + 1].split("/")
        shard = (int(shard_id), int(count))
    with patch_discord(target):  # type: ignore[arg-type]
        asyncio.run(_run("--sync" in options, shard))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
