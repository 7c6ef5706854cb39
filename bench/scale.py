"""Scale: the service layer's reads on a big real SQLite file (`--only scale`).

1,000 servers, 100,000 meets, 500,000 RSVPs, 200,000 reminders, 10,000 attendance
counters with 100,000 check-ins, 20,000 history entries (10,000 of them in one
server's series), built through the production migrations and bulk-inserted with
executemany in one transaction, then cached in bench/.cache/ (keyed by the schema
and this module's dataset version) and copied to a temp file for each run, so a run
never measures a half-written cache. Timed in this process, through the real
`SQLiteDatabase` and services, each call awaited alone unless said otherwise:

* the reminder tick (`ReminderService.due`, a few reminders due),
* `/about` (`server_stats`), every autocomplete that reads the database (meet,
  attendance meet + live counters, series, imported history entries),
* `/records show`'s reads (newest entries, their count, the record), on a random
  server and on the one with 10,000 entries,
* every read while background jobs (reminder ticks, counter upkeep, short writes)
  run without pause alongside, and
* start-up: connect + migrate (nothing pending) on the file, against the
  `PRAGMA quick_check` every start used to run.
"""

from __future__ import annotations

import asyncio
import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from .common import median, summary_ms

DATASET_VERSION = 3
SERVERS = 1_000
MEETS_PER_SERVER = 100
RSVPS_PER_MEET = 5
COUNTERS_PER_SERVER = 10
CHECKINS_PER_COUNTER = 10
HISTORY_PER_SERVER = 10
BIG_HISTORY = 10_000
NOW = datetime(2030, 6, 1, 12, 0, tzinfo=UTC)
FIRST_GUILD = 10_000
BIG_GUILD = FIRST_GUILD + 1  # also has the long history
SERIES = ("", "Track Day", "Cars and Coffee")
CACHE = Path(__file__).resolve().parent / ".cache"
CALLS = 400  # per measure


def _ts(when: datetime) -> str:
    from bot.db.rows import to_db

    return to_db(when)


def _rows(rng: random.Random) -> dict[str, Iterator[tuple[Any, ...]] | list[tuple[Any, ...]]]:
    meets: list[tuple[Any, ...]] = []
    rsvps: list[tuple[Any, ...]] = []
    reminders: list[tuple[Any, ...]] = []
    counters: list[tuple[Any, ...]] = []
    events: list[tuple[Any, ...]] = []
    history: list[tuple[Any, ...]] = []
    prefs: list[tuple[Any, ...]] = []
    meet_id = 0
    for g in range(SERVERS):
        guild = FIRST_GUILD + g
        past: list[tuple[int, datetime, str, str]] = []
        for i in range(MEETS_PER_SERVER):
            meet_id += 1
            if i == 0 and g % 200 == 0:  # a few meets whose 1 h reminder is due now
                starts = NOW + timedelta(minutes=30 + i)
            else:
                starts = NOW + timedelta(minutes=rng.randint(-700 * 1440, 300 * 1440))
            title = f"Meet {i} of club {g}"
            series = SERIES[i % 3]
            cancelled = _ts(starts - timedelta(days=1)) if rng.random() < 0.05 else None
            meets.append(
                (
                    meet_id,
                    guild,
                    title,
                    _ts(starts),
                    None,
                    "Nürburgring",
                    "",
                    40,
                    series,
                    900 + g,
                    5_000_000 + meet_id,
                    None,
                    1,
                    _ts(starts - timedelta(days=30)),
                    cancelled,
                    None,
                )
            )
            for u in range(RSVPS_PER_MEET):
                status = ("going", "going", "maybe", "no", "waitlist")[u]
                rsvps.append(
                    (
                        meet_id,
                        guild,
                        1_000_000 + g * 1000 + (i * 7 + u) % 1000,
                        status,
                        f"member {u}",
                        "1M",
                        0,
                        u + 1,
                        _ts(starts - timedelta(days=2)),
                    )
                )
            for before in (1440, 60):
                due = starts - timedelta(minutes=before)
                # Sent when due, but for the few planted above: a tick finds those.
                state = "pending" if due > NOW or (due <= NOW < starts and before == 60) else "sent"
                if cancelled and state == "pending":
                    state = "skipped"
                reminders.append((meet_id, before, _ts(due), state))
            if starts < NOW and not cancelled:
                past.append((meet_id, starts, title, series))
        for n, (mid, starts, title, series) in enumerate(past[:COUNTERS_PER_SERVER]):
            live = n == 0 and g % 10 == 0
            counters.append(
                (
                    mid,
                    guild,
                    starts.date().isoformat(),
                    800 + g,
                    7_000_000 + mid,
                    _ts(starts),
                    1,
                    _ts(starts),
                    None if live else 1,
                    None if live else _ts(starts + timedelta(hours=4)),
                    CHECKINS_PER_COUNTER,
                )
            )
            for k in range(CHECKINS_PER_COUNTER):
                events.append(
                    (
                        guild,
                        mid,
                        "checkin",
                        2_000_000 + k,
                        1,
                        2_000_000 + k,
                        k + 1,
                        _ts(starts + timedelta(minutes=k)),
                    )
                )
            if not live:
                history.append(
                    (
                        guild,
                        series,
                        mid,
                        "live",
                        title,
                        starts.date().isoformat(),
                        CHECKINS_PER_COUNTER,
                        1,
                        _ts(starts),
                    )
                )
        for k in range(HISTORY_PER_SERVER - len(past[:COUNTERS_PER_SERVER])):
            day = (NOW - timedelta(days=800 + k * 30)).date()
            history.append(
                (
                    guild,
                    SERIES[k % 3],
                    None,
                    "import",
                    f"Old meet {k}",
                    day.isoformat(),
                    20 + k,
                    1,
                    _ts(NOW),
                )
            )
        prefs += [(guild, 1_000_000 + g * 1000, "dm"), (guild, 1_000_001 + g * 1000, "channel")]
    for k in range(BIG_HISTORY):
        day = (NOW - timedelta(days=BIG_HISTORY - k)).date()
        history.append(
            (
                BIG_GUILD,
                "Track Day",
                None,
                "import",
                f"Track day {k}",
                day.isoformat(),
                rng.randint(5, 120),
                1,
                _ts(NOW),
            )
        )
    return {
        "meets": meets,
        "rsvps": rsvps,
        "reminders": reminders,
        "counters": counters,
        "events": events,
        "history": history,
        "prefs": prefs,
    }


_INSERTS = {
    "meets": "INSERT INTO meets (id, guild_id, title, starts_at, ends_at, location, description, "
    "capacity, series, channel_id, message_id, event_id, created_by, created_at, cancelled_at, "
    "cancel_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "rsvps": "INSERT INTO meet_rsvps (meet_id, guild_id, user_id, status, display_name, car, "
    "passengers, seq, responded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "reminders": "INSERT INTO meet_reminders (meet_id, minutes_before, due_at, state) "
    "VALUES (?, ?, ?, ?)",
    # Every counter's events are check-ins, so its running total is its high water.
    "counters": "INSERT INTO attendance_counters (meet_id, guild_id, held_on, channel_id, "
    "message_id, message_posted_at, started_by, started_at, stopped_by, stopped_at, high_water, "
    "checked_in) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    "events": "INSERT INTO attendance_events (guild_id, meet_id, kind, member_id, delta, "
    "actor_id, total_after, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "history": "INSERT INTO attendance_history (guild_id, series, series_key, meet_id, source, "
    "label, held_on, cars, created_by, created_at) "
    "VALUES (?1, ?2, paddock_fold(?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    "prefs": "INSERT INTO meet_member_prefs (guild_id, user_id, notify) VALUES (?, ?, ?)",
}


async def _build(path: Path) -> None:
    from bot.db import SQLiteDatabase
    from bot.db.sql import fold

    db = SQLiteDatabase(path)
    await db.connect()
    await db.migrate()
    await db.close()
    rows = _rows(random.Random(42))
    conn = sqlite3.connect(path, isolation_level=None)
    conn.create_function("paddock_fold", 1, fold, deterministic=True)
    try:
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN")
        for name, sql in _INSERTS.items():
            conn.executemany(sql, rows[name])
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


async def dataset(log: Callable[[str], None]) -> Path:
    """The cached dataset file, built first if there is none for this schema."""
    from bot.db.database import migration_files

    schema = migration_files()[-1][0]
    cached = CACHE / f"scale-v{DATASET_VERSION}-schema{schema}.db"
    if not cached.exists():
        CACHE.mkdir(exist_ok=True)
        log(f"scale: building the dataset in {cached} (once; cached for later runs)")
        t0 = time.monotonic()
        partial = cached.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        await _build(partial)
        partial.rename(cached)
        log(f"scale: built in {time.monotonic() - t0:.1f} s")
    return cached


Call = Callable[[], Awaitable[object]]
PASSES = 3


async def _times(calls: list[Call]) -> list[float]:
    out = []
    for call in calls:
        t0 = time.perf_counter()
        await call()
        out.append(time.perf_counter() - t0)
    return out


async def _measure(make: Callable[[], Call], calls: int) -> dict[str, Any]:
    """`calls` calls (random arguments each), each timed PASSES times in a row. A call's
    latency is the median of its passes, as for /specs autocomplete: one preemption by
    another process on this shared machine is not the query being slow. The p99 over
    every single pass is reported too."""
    per_call = []
    for _ in range(calls):
        call = make()
        per_call.append(await _times([call] * PASSES))
    every = [t for times in per_call for t in times]
    return {
        **summary_ms([median(times) for times in per_call]),
        "p99_every_call_ms": summary_ms(every)["p99_ms"],
        "calls": calls,
        "passes": PASSES,
    }


async def run(log: Callable[[str], None]) -> dict[str, Any]:
    from bot.clock import ManualClock
    from bot.db import SQLiteDatabase
    from bot.services.container import Services
    from bot.services.stats import server_stats

    cached = await dataset(log)
    with tempfile.TemporaryDirectory(prefix="paddock-scale-") as tmp:
        path = Path(tmp) / "scale.db"
        shutil.copyfile(cached, path)
        res: dict[str, Any] = {"file_mib": round(path.stat().st_size / 2**20, 1)}
        counts = sqlite3.connect(path)
        res["rows"] = {
            t: counts.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in (
                "meets",
                "meet_rsvps",
                "meet_reminders",
                "attendance_events",
                "attendance_history",
            )
        }
        counts.close()

        log("scale: start-up")
        starts = []
        for _ in range(5):
            t0 = time.perf_counter()
            db = SQLiteDatabase(path)
            await db.connect()
            await db.migrate()
            starts.append(time.perf_counter() - t0)
            await db.close()
        conn = sqlite3.connect(path)
        t0 = time.perf_counter()
        conn.execute("PRAGMA quick_check").fetchall()
        quick_check = time.perf_counter() - t0
        conn.close()
        res["startup"] = {
            "connect_migrate_s": round(median(starts), 4),
            "quick_check_s": round(quick_check, 3),
        }

        clock = ManualClock(NOW)
        db = SQLiteDatabase(path)
        await db.connect()
        try:
            services = Services.build(db, clock, "Europe/Berlin")
            meets, reminders = services.meets, services.reminders
            attendance, records = services.attendance, services.records
            rng = random.Random(7)

            def guild() -> int:
                return FIRST_GUILD + rng.randrange(SERVERS)

            queries = ["", "", "Meet 4", "club", "zzz", "Track"]

            def q() -> str:
                return rng.choice(queries)

            def records_show(g: int) -> Call:
                async def show() -> None:
                    await records.history(g, "Track Day", last=40)
                    await records.history_size(g, "Track Day")
                    await records.record(g, "Track Day")

                return show

            def attendance_autocomplete(g: int, query: str) -> Call:
                async def complete() -> None:
                    await attendance.meet_choices(g, query)
                    await attendance.live_counters(g)

                return complete

            def bind(fn: Callable[..., Awaitable[object]], *args: object) -> Call:
                return lambda: fn(*args)

            # Each makes one call with fresh random arguments.
            measures: dict[str, Callable[[], Call]] = {
                "reminder_tick": lambda: reminders.due,
                "about": lambda: bind(server_stats, db, guild(), NOW),
                "autocomplete_meet": lambda: bind(meets.upcoming, guild(), q(), 25),
                "autocomplete_attendance": lambda: attendance_autocomplete(guild(), q()),
                "autocomplete_series": lambda: bind(records.series_names, guild(), q()),
                "autocomplete_imported": lambda: bind(records.imported, guild(), q()),
                "records_show": lambda: records_show(guild()),
                "records_show_10k_history": lambda: records_show(BIG_GUILD),
            }
            await reminders.due()  # the first tick retires what went stale
            for name, make in measures.items():
                log(f"scale: {name}")
                await _times([make() for _ in range(20)])  # warm the page cache
                res[name] = await _measure(make, CALLS)

            log("scale: reads while background jobs run")
            res["reads_during_background"] = await _reads_during_background(
                db, reminders, attendance, measures
            )
        finally:
            await db.close()
    return res


async def _reads_during_background(
    db: Any,
    reminders: Any,
    attendance: Any,
    measures: dict[str, Callable[[], Call]],
) -> dict[str, Any]:
    """Every interactive read above, one at a time, while the background jobs (reminder
    ticks, the counter upkeep's scan, and short writes like a reminder's claim) run
    back to back. The latency over the same reads alone is what they waited."""
    stop = asyncio.Event()
    jobs = 0

    async def background() -> None:
        nonlocal jobs
        while not stop.is_set():
            due = await reminders.due()
            await attendance.live_counters()
            for item in due[:1]:  # claim and put back: a short write each round
                await reminders.claim(item.id)
                await db.execute(
                    "UPDATE meet_reminders SET state = 'pending' WHERE id = ?", (item.id,)
                )
            jobs += 1
            await asyncio.sleep(0)

    reads = [make for name, make in measures.items() if name != "reminder_tick"]
    task = asyncio.create_task(background())
    try:
        times = await _times([make() for make in reads * (CALLS // len(reads))])
    finally:
        stop.set()
        await task
    return {**summary_ms(times), "reads": len(times), "background_rounds": jobs}
