"""The club page in a real browser: headless Chromium loads it over loopback, as a
visitor's phone or desktop would, and we check what it shows.

Skipped where Chromium isn't installed; .ci/run installs Debian's `chromium`, so CI
always runs it. PADDOCK_SCREENSHOTS=<folder> keeps the screenshots for a human to look at.
"""

from __future__ import annotations

import asyncio
import html
import os
import re
import shutil
import struct
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.db import SQLiteDatabase
from tests.web.calkit import GUILD, MEMBER_ID, MEMBER_NAME, NOW, make_club, serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
PHONE, DESKTOP = (390, 844), (1280, 900)


async def chromium(profile: Path, *args: str) -> bytes:
    assert CHROMIUM is not None
    process = await asyncio.create_subprocess_exec(
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    out, _ = await asyncio.wait_for(process.communicate(), timeout=90)
    assert process.returncode == 0
    return out


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def visible_text(dom: str) -> str:
    body = re.sub(r"<style>.*?</style>", "", dom, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


async def test_a_visitor_sees_the_meets_and_the_record(db: SQLiteDatabase, tmp_path: Path) -> None:
    club = await make_club(db, ManualClock(NOW))
    secret = await club.services.calendar.secret(GUILD)
    keep = os.environ.get("PADDOCK_SCREENSHOTS")
    async with serving(club) as base:
        url = f"{base}/cal/{secret}/"
        dom = (
            await chromium(tmp_path / "profile", "--virtual-time-budget=5000", "--dump-dom", url)
        ).decode()
        shots: dict[str, bytes] = {}
        for name, (width, height) in (("phone", PHONE), ("desktop", DESKTOP)):
            target = tmp_path / f"{name}.png"
            await chromium(
                tmp_path / f"profile-{name}",
                f"--window-size={width},{height}",
                f"--screenshot={target}",
                url,
            )
            shots[name] = target.read_bytes()
            if keep:
                Path(keep).mkdir(parents=True, exist_ok=True)
                shutil.copy(target, Path(keep) / f"club-page-{name}.png")
    text = visible_text(dom)
    assert "Upcoming meets" in text
    assert "Sunday Drive <b>&" in text  # shown as typed, not as markup
    assert "Sunday 6 June 2027, 10:00 CEST" in text
    assert "1 going · 19 places left" in text
    assert "Nürburgring weekend" in text and "Saturday 14 August 2027, 08:00 CEST" in text
    assert "Record: 42 cars at Sunday Drive May, 2 May 2027." in text
    assert MEMBER_NAME not in dom and str(MEMBER_ID) not in dom
    # The browser loaded the chart: an <img> that failed would have no natural size, and
    # the page applies the CSP, so an inline style it blocked would leave default fonts.
    assert re.search(r'<img class="chart" src="chart-0.png"[^>]*alt="Bar chart', dom)
    for name, (width, _) in (("phone", PHONE), ("desktop", DESKTOP)):
        shot_width, _ = png_size(shots[name])
        assert shot_width == width, name
