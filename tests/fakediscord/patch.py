"""Point discord.py at a running :class:`FakeDiscord` (tests only)."""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import discord
import discord.http
import discord.state
import discord.utils
import yarl
from discord.gateway import DiscordWebSocket

if TYPE_CHECKING:
    from .server import FakeDiscord


class _ZlibStreamContext:
    """Same as discord.utils._ZlibDecompressionContext (absent when zstd is importable)."""

    __slots__ = ("buffer", "context")

    COMPRESSION_TYPE: str = "zlib-stream"

    def __init__(self) -> None:
        self.buffer: bytearray = bytearray()
        self.context = zlib.decompressobj()

    def decompress(self, data: bytes, /) -> str | None:
        self.buffer.extend(data)
        if len(data) < 4 or data[-4:] != b"\x00\x00\xff\xff":
            return None
        msg = self.context.decompress(self.buffer)
        self.buffer = bytearray()
        return msg.decode("utf-8")


@contextlib.contextmanager
def patch_discord(fake: FakeDiscord, *, guild_ready_timeout: float | None = 0.05) -> Iterator[None]:
    """Route discord.py's REST + gateway to ``fake`` for the duration of the block.

    * ``discord.http.Route.BASE`` -> ``fake.api_base``
    * ``DiscordWebSocket.DEFAULT_GATEWAY`` -> ``fake.gateway_url``
    * forces ``compress=zlib-stream`` (the fake does not speak zstd)
    * ``guild_ready_timeout``: discord.py waits this long after the last GUILD_CREATE
      before firing on_ready (default 2 s in discord.py). The patch makes that the
      default for clients built inside the block unless they pass it explicitly;
      ``None`` leaves discord.py's default alone.
    """
    old_base = discord.http.Route.BASE
    old_gateway = DiscordWebSocket.DEFAULT_GATEWAY
    old_ctx = discord.utils._ActiveDecompressionContext
    old_init = discord.state.ConnectionState.__init__
    discord.http.Route.BASE = fake.api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    if getattr(old_ctx, "COMPRESSION_TYPE", "") != "zlib-stream":
        discord.utils._ActiveDecompressionContext = _ZlibStreamContext  # type: ignore[assignment,misc]
    if guild_ready_timeout is not None:
        timeout = guild_ready_timeout

        def init(self: Any, *args: Any, **options: Any) -> None:
            options.setdefault("guild_ready_timeout", timeout)
            old_init(self, *args, **options)

        discord.state.ConnectionState.__init__ = init  # type: ignore[method-assign]
    try:
        yield
    finally:
        discord.http.Route.BASE = old_base
        DiscordWebSocket.DEFAULT_GATEWAY = old_gateway
        discord.utils._ActiveDecompressionContext = old_ctx  # type: ignore[misc]
        discord.state.ConnectionState.__init__ = old_init  # type: ignore[method-assign]
