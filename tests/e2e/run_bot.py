"""`python -m tests.e2e.run_bot API_BASE GATEWAY_URL [bot args]`: the real CLI against a fake.

Tests only: production code never points discord.py anywhere but Discord.
"""

from __future__ import annotations

import sys
from types import SimpleNamespace

from bot.__main__ import main
from tests.fakediscord import patch_discord

if __name__ == "__main__":
    target = SimpleNamespace(api_base=sys.argv[1], gateway_url=sys.argv[2])
    with patch_discord(target):  # type: ignore[arg-type]
        code = main(sys.argv[3:])
    sys.exit(code)
