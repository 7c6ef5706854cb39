"""Issue 11's numbers: what a check-in costs as history grows, and how soon the channel
hears that the record fell while a storm of check-ins updates the counter beside it.

- `checkin_cost`: AttendanceService.check_in in one process, same run, on one database:
  a server with nothing (no history, a meet with no earlier events) against a server with
  10,000 history entries and a meet with 10,000 earlier events, for a meet in a series
  and a meet without one (the whole server's record). Rounds alternate between them so
  the machine's noise falls on both; the ratio is the median of the rounds' ratios.
- `record_storm`: the real bot against the fake Discord: history under "Nürburgring", a
  meet created with series "nurburgring", 92 arrivals in batches of 15 a second, the
  counter and the announcement in one channel. From the press that made car 81 to the
  record post reaching Discord, and whether any counter edit showing 81+ went first.
"""

from __future__ import annotations

import asyncio
import random
import re
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.e2e.harness import post_preview, preview_of

from .common import median, summary_ms

GUILD_EMPTY, GUILD_FULL = 1, 2
EARLIER = 10_000
NOW = datetime(2027, 6, 1, 9, 0, tzinfo=UTC)


async def _seed(db: Any, meet_full: int, history: int, events: int) -> None:
    """10,000 history entries in the full server (three series and none; records far above
    any count, so every press still looks the record up) and 10,000 earlier events."""
    from bot.db import Tx
    from bot.db.sql import fold

    rng = random.Random(11)
    names = ["Nürburgring", "Spa", "Hockenheim", ""]

    async def write(tx: Tx) -> None:
        for k in range(history):
            series = names[k % 4]
            await tx.execute(
                "INSERT INTO attendance_history (guild_id, series, series_key, meet_id, source, "
                "label, held_on, cars, created_by, created_at) "
                "VALUES (?, ?, ?, NULL, 'import', ?, ?, ?, 1, ?)",
                (
                    GUILD_FULL,
                    series,
                    fold(series),
                    f"Old meet {k}",
                    (NOW - timedelta(days=400 + k)).date(),
                    rng.randint(20_000, 99_000),
                    NOW,
                ),
            )
        for k in range(events):
            await tx.execute(
                "INSERT INTO attendance_events (guild_id, meet_id, kind, member_id, delta, "
                "actor_id, total_after, at) VALUES (?, ?, 'checkin', ?, 1, ?, ?, ?)",
                (GUILD_FULL, meet_full, 5_000_000 + k, 5_000_000 + k, k + 1, NOW),
            )
        await tx.execute(
            "UPDATE attendance_counters SET checked_in = ?, high_water = ? WHERE meet_id = ?",
            (events, events, meet_full),
        )

    await db.write(write)


async def checkin_cost(rounds: int = 7, presses: int = 150) -> dict[str, Any]:
    from bot.clock import ManualClock
    from bot.db import SQLiteDatabase
    from bot.services.container import Services

    with tempfile.TemporaryDirectory() as tmp:
        db = SQLiteDatabase(Path(tmp) / "records.db")
        await db.connect()
        await db.migrate()
        services = Services.build(db, ManualClock(NOW), "Europe/Berlin")
        meets = {}
        for case, guild, series in (
            ("empty", GUILD_EMPTY, "Nürburgring"),
            ("empty_no_series", GUILD_EMPTY, ""),
            ("full", GUILD_FULL, "nurburgring"),
            ("full_no_series", GUILD_FULL, ""),
        ):
            meet = await services.meets.create(
                guild,
                title=f"Bench {case}",
                starts_at=NOW + timedelta(hours=2),
                location="Ring",
                created_by=1,
                series=series,
            )
            await services.attendance.start(guild, meet.id, channel_id=9, actor_id=1)
            meets[case] = (guild, meet.id)
        await _seed(db, meets["full"][1], EARLIER, EARLIER)
        await _seed(db, meets["full_no_series"][1], 0, EARLIER)

        member = iter(range(10_000_000, 20_000_000))
        per_press: dict[str, list[float]] = {case: [] for case in meets}
        samples: dict[str, list[float]] = {case: [] for case in meets}
        for _ in range(rounds):
            for case, (guild, meet_id) in meets.items():
                t0 = time.perf_counter()
                for _ in range(presses):
                    t1 = time.perf_counter()
                    await services.attendance.check_in(guild, meet_id, next(member))
                    samples[case].append(time.perf_counter() - t1)
                per_press[case].append((time.perf_counter() - t0) * 1000 / presses)
        await db.close()

    def ratio(full: str, empty: str) -> float:
        return round(
            median([f / e for f, e in zip(per_press[full], per_press[empty], strict=True)]), 3
        )

    return {
        "earlier_events": EARLIER,
        "history_entries": EARLIER,
        "rounds": rounds,
        "presses_per_round": presses,
        "ms_per_press": {case: round(median(v), 4) for case, v in per_press.items()},
        "latency": {case: summary_ms(v) for case, v in samples.items()},
        "ratio_series": ratio("full", "empty"),
        "ratio_no_series": ratio("full_no_series", "empty_no_series"),
    }


def _shown(request: Any) -> int | None:
    embeds = (request.json or {}).get("embeds") or []
    if not embeds:
        return None
    found = re.match(r"# (?:Final: )?(\d+) cars?", embeds[0].get("description") or "")
    return int(found.group(1)) if found else None


async def record_storm(target: Any, runs: int = 3, per_second: int = 15) -> dict[str, Any]:
    """Run issue 11's storm `runs` times against one running bot (a new series each time)."""
    from .scenarios import find_button, run_slash

    club, fake = target.club, target.fake
    out: list[dict[str, Any]] = []
    loop = asyncio.get_running_loop()
    for run in range(runs):
        series = f"Nürburgring {run + 1}"
        imported = await run_slash(
            club,
            "records import",
            {"count": 80, "date": "2023-08-26", "label": "1M Meet 2023", "series": series},
        )
        if not (imported.content or "").startswith("Imported"):
            raise RuntimeError(f"/records import failed: {imported.content}")
        channel = club.guild.add_channel(f"record-storm-{run}")
        created = await run_slash(
            club,
            "meet create",
            {
                "title": f"1M Meet 2027 #{run + 1}",
                "when": "2030-06-01 12:00",
                "location": "Nürburgring",
                "channel": channel,
                "series": series.lower().replace("ü", "u"),
            },
        )
        if preview_of(created) is None:
            raise RuntimeError(f"/meet create showed no preview: {created.content!r}")
        posted = await post_preview(fake, created, club.organiser_id, timeout=15.0)
        if not (posted.content or "").startswith("Announced"):
            raise RuntimeError(f"/meet create failed: {posted.content!r}")
        _, rsvp = find_button(fake, channel, "paddock:rsvp:")
        meet_id = int(rsvp.split(":")[2])
        await run_slash(club, "attendance start", {"meet": str(meet_id), "channel": channel})
        message_id, custom_id = find_button(fake, channel, f"paddock:att:{meet_id}:here")
        members = club.guild.add_members_bulk(92, prefix=f"storm{run}-")
        limited = len(fake.rate_limited)
        await asyncio.sleep(1.5)  # the start's own edit goes out first
        start = loop.time()
        presses = []
        for batch, first in enumerate(range(0, len(members), per_second)):
            delay = start + batch - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            presses += [
                await fake.press(message_id, custom_id, uid)
                for uid in members[first : first + per_second]
            ]
        await asyncio.gather(*(p.wait_response(15) for p in presses))
        crossing = next(
            p for p in presses if (p.content or "").startswith("You're checked in: car 81.")
        )
        posts_path = rf"^/channels/{channel}/messages$"

        def record_sends(path: str = posts_path) -> list[Any]:
            return [
                r
                for r in fake.requests_to("POST", path)
                if ((r.json or {}).get("content") or "").startswith("🏁")
            ]

        deadline = loop.time() + 10
        while not record_sends() and loop.time() < deadline:
            await asyncio.sleep(0.01)
        sends = record_sends()
        edits = fake.requests_to("PATCH", rf"^/channels/{channel}/messages/{message_id}$")
        last_press = max(p.dispatched_at for p in presses)
        await asyncio.sleep(3)
        final_at = next(
            (
                r.at
                for r in fake.requests_to("PATCH", rf"^/channels/{channel}/messages/{message_id}$")
                if r.at >= last_press and _shown(r) == 92
            ),
            None,
        )
        post_id = None
        for m in fake.messages_in(channel):
            if m["content"].startswith("🏁"):
                post_id = m["id"]
        out.append(
            {
                "posts": len(sends),
                "first_version": sends[0].json["content"] if sends else None,
                "post_after_crossing_ms": (
                    round((sends[0].at - crossing.dispatched_at) * 1000, 1) if sends else None
                ),
                "counter_edits_81_plus_before_post": (
                    sum(1 for r in edits if sends and r.at < sends[0].at and (_shown(r) or 0) > 80)
                ),
                "final_shown_after_last_press_s": (
                    None if final_at is None else round(final_at - last_press, 3)
                ),
                "announcement_now": next(
                    (m["content"] for m in fake.messages_in(channel) if m["id"] == post_id), None
                ),
                "http_429": len(fake.rate_limited) - limited,
            }
        )
    latencies = [
        r["post_after_crossing_ms"] for r in out if r["post_after_crossing_ms"] is not None
    ]
    return {
        "runs": out,
        "post_after_crossing_max_ms": max(latencies, default=None),
        "post_after_crossing_median_ms": median(latencies) if latencies else None,
        "all_first": all(r["counter_edits_81_plus_before_post"] == 0 for r in out),
        "all_one_post": all(r["posts"] == 1 for r in out),
        "final_shown_max_s": max(
            (
                r["final_shown_after_last_press_s"]
                for r in out
                if r["final_shown_after_last_press_s"] is not None
            ),
            default=None,
        ),
    }
