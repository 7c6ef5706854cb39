"""What a started bot holds before anyone needs it (README, "Benchmarks": idle RSS).

Charts (matplotlib), free-text dates (dateparser), calendars (icalendar), the club page
(jinja2), fuzzy car search (rapidfuzz), recurring series (dateutil) and numpy are
imported on first use; the command sync's digest reads no language's messages, and no
Babel locale data is loaded until a message needs a number, a plural or a date. Checked
in a fresh interpreter: this test process has imported everything already.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.e2e.cli import ROOT

LAZY = ("matplotlib", "dateparser", "icalendar", "jinja2", "rapidfuzz", "dateutil", "numpy")

PROBE = """\
import asyncio, json, sys
from pathlib import Path

import babel.localedata

import bot.i18n
from bot.app import PaddockBot
from bot.config import load_settings


async def main() -> None:
    settings = load_settings(_env_file=None, PADDOCK_DATABASE=Path(sys.argv[1]))
    paddock = PaddockBot(settings, sync_on_start=False)
    async with paddock:
        await paddock.setup_hook()  # every cog loaded, the catalogue read
        paddock.command_digest(None)
        english = bot.i18n.t("en", "error-restarting")
    print(json.dumps({
        "modules": sorted(sys.modules),
        "catalogues": bot.i18n.bundle.cache_info().currsize,
        "babel_locales": sorted(babel.localedata._cache),
        "english": english,
    }))


asyncio.run(main())
"""


def test_a_started_bot_has_not_loaded_what_only_some_commands_need(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "paddock.db")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found = json.loads(result.stdout.strip().splitlines()[-1])
    top_level = {name.split(".")[0] for name in found["modules"]}
    assert sorted(top_level & set(LAZY)) == []
    # The digest read no catalogue; the one message formatted read English's alone,
    # and plain text needs none of Babel's locale data.
    assert found["catalogues"] == 1
    assert found["babel_locales"] == []
    assert found["english"].startswith("Paddock")
