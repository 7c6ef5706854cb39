"""`python -m tests.e2e.run_bot API_BASE GATEWAY_URL [bot args]`: the real CLI against a fake.

Tests only: production code never points discord.py anywhere but Discord.
"""

from __future__ import annotations

import os
import sys
from types import SimpleNamespace
from typing import Any

from bot.__main__ import main
from tests.fakediscord import patch_discord

TICK = "PADDOCK_TEST_TICK_SECONDS"


def shorter_ticks(seconds: float) -> None:
    """Background loops wake every `seconds` instead of every 10 s, as the in-process
    harness's bots do, so a due reminder goes out within a test's patience."""
    from bot import app

    original = app.PaddockBot.__init__

    def init(self: app.PaddockBot, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("tick_seconds", seconds)
        original(self, *args, **kwargs)

    app.PaddockBot.__init__ = init  # type: ignore[method-assign]


if __name__ == "__main__":
    if os.environ.get(TICK):
        shorter_ticks(float(os.environ[TICK]))
    target = SimpleNamespace(api_base=sys.argv[1], gateway_url=sys.argv[2])
    with patch_discord(target):  # type: ignore[arg-type]
        code = main(sys.argv[3:])
    sys.exit(code)
