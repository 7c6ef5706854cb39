"""The measures. Each returns plain dicts that go into results.json as they are."""

from __future__ import annotations

import asyncio
import itertools
import random
import re
import sqlite3
import string
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.e2e.harness import post_preview, preview_of
from tests.fakediscord import FakeDiscord, Interaction, snowflake

from .common import (
    BotProcess,
    Club,
    Kind,
    build_club,
    harness_gc_paused,
    median,
    plant_buttons,
    poll,
    start_fake,
    summary_ms,
)

MEET_WHEN = "2030-06-01 12:00"  # far enough ahead that RSVPs stay open
CALLBACK_DEADLINE = 3.0  # Discord's own limit; the bench fake has none, so count instead


# ===================================================================== helpers
def _components(message: dict[str, Any]) -> Iterable[dict[str, Any]]:
    for row in message.get("components") or []:
        yield from row.get("components") or []


def find_button(fake: FakeDiscord, channel_id: int, prefix: str) -> tuple[int, str]:
    """(message id, custom id) of the newest message in the channel with a matching button."""
    for message in reversed(fake.messages_in(channel_id)):
        for comp in _components(message):
            cid = comp.get("custom_id") or ""
            if cid.startswith(prefix):
                return int(message["id"]), cid
    raise LookupError(f"no button {prefix!r} in channel {channel_id}")


async def run_slash(
    club: Club, name: str, options: dict[str, Any], *, timeout: float = 15.0
) -> Interaction:
    """Run an organiser command and wait for its answer (a follow-up after a defer)."""
    rec = await club.fake.slash(club.guild_id, club.general_id, club.organiser_id, name, options)
    await rec.wait_response(timeout)
    if rec.response is not None and rec.response.type == 5:
        await rec.wait_followup(1, timeout)
    return rec


def _text(rec: Interaction) -> str:
    if rec.followups:
        return str(rec.followups[0].get("content") or "")
    return rec.content or ""


async def paddock_meet(club: Club, title: str) -> tuple[int, int, int, str]:
    """Create a meet through /meet create in a fresh channel.

    Returns (meet id, channel id, announcement id, Going custom id)."""
    channel_id = club.guild.add_channel(re.sub(r"[^a-z0-9]+", "-", title.lower()))
    created = await run_slash(
        club,
        "meet create",
        {"title": title, "when": MEET_WHEN, "location": "Nürburgring", "channel": channel_id},
    )
    if preview_of(created) is None:
        raise RuntimeError(f"/meet create showed no preview: {_text(created)!r}")
    rec = await post_preview(club.fake, created, club.organiser_id, timeout=15.0)
    if not _text(rec).startswith("Announced"):
        raise RuntimeError(f"/meet create failed: {_text(rec)!r}")
    message_id, custom_id = find_button(club.fake, channel_id, "paddock:rsvp:")
    meet_id = int(custom_id.split(":")[2])
    return meet_id, channel_id, message_id, f"paddock:rsvp:{meet_id}:going"


async def fire(
    fake: FakeDiscord, message_id: int, custom_id: str, users: list[int]
) -> list[Interaction]:
    """Dispatch every press without yielding to the loop in between (fake.press never awaits)."""
    return [await fake.press(message_id, custom_id, uid) for uid in users]


async def settle(recs: list[Interaction], timeout: float) -> None:
    await poll(lambda: all(r.response_time is not None for r in recs), timeout, interval=0.01)


def burst_stats(recs: list[Interaction]) -> dict[str, Any]:
    answered = [r for r in recs if r.response_time is not None]
    lat = [r.response_time - r.dispatched_at for r in answered if r.response_time is not None]
    start = min(r.dispatched_at for r in recs)
    end = max((r.response_time for r in answered if r.response_time is not None), default=start)
    wall = max(end - start, 1e-9)
    return {
        "n": len(recs),
        "answered": len(answered),
        "wall_s": round(wall, 4),
        "per_s": round(len(answered) / wall, 1),
        **summary_ms(lat),
        "over_3s": sum(1 for x in lat if x > CALLBACK_DEADLINE),
    }


# ===================================================================== 1+2: RSVP burst
class BurstTarget:
    """One bot process with its own fake, ready to take bursts of Going presses."""

    def __init__(self, kind: Kind, workdir: Path) -> None:
        self.kind = kind
        self.workdir = workdir
        self.fake: FakeDiscord
        self.club: Club
        self.proc: BotProcess
        # What the bare bot's presses carry: a copy of Paddock's fresh announcement
        # (same embed and buttons), so both bots parse the same interaction payloads.
        self.template: dict[str, Any] | None = None

    async def start(self) -> None:
        self.fake = await start_fake()
        self.club = build_club(self.fake)
        extra = ("--sync",) if self.kind == "bare" else ()
        self.proc = BotProcess(self.kind, self.fake, self.workdir / self.kind, extra)
        self.proc.spawn()
        await self.proc.wait_ready(self.club)
        # Paddock syncs its commands on a fresh database; let that finish first.
        await poll(lambda: bool(self.fake.global_commands), 15)

    async def target(self, label: str, template: dict[str, Any] | None = None) -> tuple[int, str]:
        if self.kind == "paddock":
            _, channel_id, message_id, custom_id = await paddock_meet(self.club, label)
            message = self.fake.find_message(message_id)
            assert message is not None
            first = (message["_history"] or [message])[0]
            self.template = {"embeds": first["embeds"], "components": first["components"]}
            return message_id, custom_id
        channel_id = self.club.guild.add_channel(label)
        if template is None:
            ids = [f"paddock:rsvp:4242:{s}" for s in ("going", "maybe", "no")]
            return plant_buttons(self.fake, channel_id, ids), ids[0]
        msg = self.fake._build_message(channel_id, dict(template), [])
        self.fake.channels[channel_id].messages[int(msg["id"])] = msg
        _, custom_id = find_button(self.fake, channel_id, "paddock:rsvp:")
        return int(msg["id"]), custom_id

    async def burst(
        self, n: int, label: str, template: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        message_id, custom_id = await self.target(label, template)
        users = self.club.guild.add_members_bulk(n, prefix=f"{label}-")
        await asyncio.sleep(0.3)  # let the announcement's first edit and GC settle
        cpu0, fake_cpu0 = self.proc.cpu_seconds(), time.process_time()
        with harness_gc_paused():
            recs = await fire(self.fake, message_id, custom_id, users)
            await settle(recs, timeout=60 + n * 0.05)
        stats = burst_stats(recs)
        stats["bot_cpu_ms_per_press"] = round((self.proc.cpu_seconds() - cpu0) * 1000 / n, 3)
        # The fake (this process) pays for every press too; near 1 ms a press it, not the
        # bot, is what limits the bare bot.
        stats["fake_cpu_ms_per_press"] = round((time.process_time() - fake_cpu0) * 1000 / n, 3)
        if self.kind == "paddock":
            ok = sum(1 for r in recs if (r.content or "").startswith("You're going"))
            stats["confirmed_going"] = ok
        short = n - stats.get("confirmed_going", stats["answered"])
        if short:
            print(
                f"warning: {self.kind} N={n}: {short} presses not answered as going",
                file=sys.stderr,
            )
        return stats

    async def stop(self) -> None:
        await self.proc.stop()
        await self.fake.close()


async def rsvp_burst(
    workdir: Path, sizes: list[int], trials: dict[int, int]
) -> tuple[dict[str, Any], BurstTarget, BurstTarget]:
    """Alternate bare and Paddock bursts so both see the same machine state."""
    bare = BurstTarget("bare", workdir)
    paddock = BurstTarget("paddock", workdir)
    await asyncio.gather(bare.start(), paddock.start())
    # Warm both up (first-use imports and caches), uncounted; Paddock first for the template.
    await paddock.burst(20, "warm-up")
    await bare.burst(20, "warm-up", paddock.template)
    out: dict[str, Any] = {}
    for n in sizes:
        runs: dict[str, list[dict[str, Any]]] = {"bare": [], "paddock": []}
        for t in range(trials.get(n, 1)):
            for target in (bare, paddock) if t % 2 == 0 else (paddock, bare):
                stats = await target.burst(n, f"burst-{n}-{t}", paddock.template)
                runs[target.kind].append(stats)
                await asyncio.sleep(0.5)
        out[str(n)] = {kind: _median_run(r) | {"trials": r} for kind, r in runs.items()}
    return out, bare, paddock


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    keys = (
        "per_s",
        "p50_ms",
        "p99_ms",
        "max_ms",
        "over_3s",
        "bot_cpu_ms_per_press",
        "fake_cpu_ms_per_press",
    )
    return {k: round(median([float(r[k]) for r in runs]), 3) for k in keys}


# ===================================================================== 3: storage floor
def sqlite_floor(n: int) -> dict[str, Any]:
    """The statements MeetService.rsvp runs for a first Going press, through plain sqlite3:
    one transaction per press, WAL, synchronous=NORMAL, like bot/db/database.py."""
    from bot.db.database import migration_files
    from bot.db.sql import fold
    from bot.services.meets.service import ANSWER_AND_NEXT_SEQ, LOCK_MEET, RSVP_UPSERT
    from bot.services.outbox import MARKS

    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(Path(tmp) / "floor.db", isolation_level=None)
        # Migrations call it, as the bot's own connections do (bot/db/database.py).
        conn.create_function("paddock_fold", 1, fold, deterministic=True)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        for version, _, sql in migration_files():
            conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
        guild_id, now = 1, datetime.now(UTC).isoformat(timespec="seconds")
        starts = (datetime.now(UTC) + timedelta(days=30)).isoformat(timespec="seconds")
        meet_id = conn.execute(
            "INSERT INTO meets (guild_id, title, starts_at, location, created_by, created_at) "
            "VALUES (?, 'Floor', ?, 'Ring', 1, ?)",
            (guild_id, starts, now),
        ).lastrowid
        t0 = time.perf_counter()
        for user_id in range(1000, 1000 + n):
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(LOCK_MEET, (guild_id, meet_id)).fetchone()
            seq = conn.execute(ANSWER_AND_NEXT_SEQ, (meet_id, meet_id, user_id)).fetchone()[0]
            conn.execute(
                RSVP_UPSERT,
                (meet_id, guild_id, user_id, "going", f"fan{user_id}", "", 0, seq, now),
            ).fetchone()  # RETURNING the answer as stored
            conn.execute(MARKS["announcement"], (meet_id, guild_id))  # the stale announcement
            conn.execute("COMMIT")
        elapsed = time.perf_counter() - t0
        conn.close()
    return {"n": n, "ms_per_press": round(elapsed * 1000 / n, 4)}


async def service_storage(n: int) -> dict[str, Any]:
    """Paddock's own storage path without Discord: MeetService.rsvp through the
    Database, n presses in flight at once, in this process."""
    from bot.clock import SystemClock
    from bot.db import SQLiteDatabase
    from bot.services.meets import MeetService

    with tempfile.TemporaryDirectory() as tmp:
        db = SQLiteDatabase(Path(tmp) / "service.db")
        await db.connect()
        await db.migrate()
        service = MeetService(db, SystemClock())
        meet = await service.create(
            1,
            title="Storage",
            starts_at=datetime.now(UTC) + timedelta(days=30),
            location="Ring",
            created_by=1,
        )
        t0 = time.perf_counter()
        await asyncio.gather(
            *(
                service.rsvp(1, meet.id, uid, "going", display_name=f"fan{uid}")
                for uid in range(1000, 1000 + n)
            )
        )
        elapsed = time.perf_counter() - t0
        await db.close()
    return {"n": n, "ms_per_press": round(elapsed * 1000 / n, 4)}


# ===================================================================== 4: check-in storm
async def checkin_storm(
    target: BurstTarget, *, rate: float = 100.0, seconds: float = 10.0, settle_s: float = 4.0
) -> dict[str, Any]:
    club, fake = target.club, target.fake
    meet_id, _, _, _ = await paddock_meet(club, "storm meet")
    counter_channel = club.guild.add_channel("storm-counter")
    rec = await run_slash(
        club, "attendance start", {"meet": str(meet_id), "channel": counter_channel}
    )
    if "is live in" not in _text(rec):
        raise RuntimeError(f"/attendance start failed: {_text(rec)!r}")
    message_id, custom_id = find_button(fake, counter_channel, f"paddock:att:{meet_id}:here")
    n = int(rate * seconds)
    users = club.guild.add_members_bulk(n, prefix="storm-")
    await asyncio.sleep(1.5)  # the start's own edit goes out first
    edit_path = rf"^/channels/{counter_channel}/messages/{message_id}$"
    limited_before = len(fake.rate_limited)
    loop = asyncio.get_running_loop()
    recs: list[Interaction] = []
    t0 = loop.time()
    for i, uid in enumerate(users):
        due = t0 + i / rate
        delay = due - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        recs.append(await fake.press(message_id, custom_id, uid))
    first, last = recs[0].dispatched_at, recs[-1].dispatched_at
    await settle(recs, timeout=60)
    await asyncio.sleep(settle_s)
    final = fake.find_message(message_id)
    assert final is not None
    final_heading = (final["embeds"][0].get("description") or "").split("\n")[0]
    edits = [r for r in fake.requests_to("PATCH", edit_path) if r.at >= first]
    shown_at = None
    for r in edits:
        embeds = (r.json or {}).get("embeds") or [{}]
        if (embeds[0].get("description") or "").split("\n")[0] == final_heading and r.status < 300:
            shown_at = r.at
            break
    during = [r for r in edits if first <= r.at <= last]
    gaps = [b.at - a.at for a, b in itertools.pairwise(edits)]
    # Most edits in any 1 s window (a window opening at each edit catches the worst one).
    times = [r.at for r in edits]
    most_in_1s = max((sum(1 for t in times if a <= t < a + 1.0) for a in times), default=0)
    lat = [r.response_time - r.dispatched_at for r in recs if r.response_time is not None]
    return {
        "presses": n,
        "press_rate_per_s": round(n / max(last - first, 1e-9), 1),
        "answered": len(lat),
        **{f"press_{k}": v for k, v in summary_ms(lat).items()},
        "final_heading": final_heading,
        "final_shows_all": final_heading == f"# {n:,} cars",  # English groups thousands
        "edits_during_storm": len(during),
        "storm_s": round(last - first, 3),
        # Rate from the intervals between the storm's edits (k edits span k - 1 intervals);
        # k / storm length would count a fence post too many for evenly spaced edits.
        "edits_per_s": (
            round((len(during) - 1) / (during[-1].at - during[0].at), 3)
            if len(during) > 1
            else float(len(during))
        ),
        "most_edits_in_any_1s": most_in_1s,
        "min_gap_between_edits_s": round(min(gaps), 3) if gaps else None,
        "http_429": len(fake.rate_limited) - limited_before,
        "final_shown_after_last_press_s": None if shown_at is None else round(shown_at - last, 3),
        "edit_times_s": [round(r.at - first, 3) for r in edits],
        "edit_statuses": [r.status for r in edits],
    }


# ===================================================================== 5: autocomplete
def catalogue_queries(seed: int = 6, noise: int = 150) -> list[str]:
    """What members type, over every car: empty, each id, alias and label, label prefixes,
    word-order swaps and one-typo variants; then `noise` random strings of letters, digits
    and spaces, which match nothing well and so get the least help from the tiers."""
    from bot.services.specs.catalogue import load_catalogue

    rng = random.Random(seed)
    queries: list[str] = [""]
    for car in load_catalogue().cars:
        label = car.label
        queries += [car.id, label, *car.aliases]
        queries += [label[:k] for k in range(1, min(len(label), 14))]
        words = label.split()
        if len(words) > 1:
            queries.append(" ".join(reversed(words)))
        if len(label) > 4:
            i = rng.randrange(1, len(label) - 2)
            queries.append(label[:i] + label[i + 1] + label[i] + label[i + 2 :])
    alphabet = string.ascii_lowercase + "0123 "
    queries += ["".join(rng.choices(alphabet, k=rng.randint(1, 20))) for _ in range(noise)]
    return queries


def _per_query_summary(per_query: list[list[float]], queries: list[str]) -> dict[str, Any]:
    """A query's latency is the median of its passes (so one preemption by another process
    doesn't count as the search being slow); p50/p99 are over the queries. The p99 over
    every single call is reported too."""
    every = [t for times in per_query for t in times]
    return {
        **summary_ms([median(times) for times in per_query]),
        "p99_every_call_ms": summary_ms(every)["p99_ms"],
        "slowest_query": queries[max(range(len(queries)), key=lambda i: median(per_query[i]))],
    }


def autocomplete_direct(queries: list[str], passes: int = 5) -> dict[str, Any]:
    """`cogs.specs.car_choices()` in-process, each query timed `passes` times, and its
    same-run baseline: one plain `rapidfuzz.process.extract` (WRatio) of the normalised
    query over every car's normalised label, about the least a fuzzy search of this
    catalogue can cost. Passes alternate between the two, so load from elsewhere lands
    on both."""
    from rapidfuzz import fuzz, process

    from bot.services.specs.catalogue import load_catalogue
    from bot.services.specs.search import MAX_RESULTS, SpecsSearch, normalise
    from cogs.specs import car_choices

    search = SpecsSearch(load_catalogue().cars)
    labels = [normalise(car.label) for car in search.cars]
    runs: dict[str, Callable[[str], object]] = {
        "paddock": lambda q: car_choices(search, q),
        "baseline": lambda q: process.extract(
            normalise(q), labels, scorer=fuzz.WRatio, limit=MAX_RESULTS
        ),
    }
    for run in runs.values():
        for q in queries[:50]:  # warm caches
            run(q)
    per_query = {name: [[] for _ in queries] for name in runs}
    for _ in range(passes):
        for name, run in runs.items():
            for i, q in enumerate(queries):
                t0 = time.perf_counter()
                run(q)
                per_query[name][i].append(time.perf_counter() - t0)
    return {
        "queries": len(queries),
        "passes": passes,
        "cars": len(search.cars),
        **_per_query_summary(per_query["paddock"], queries),
        "baseline": _per_query_summary(per_query["baseline"], queries),
    }


async def autocomplete_e2e(target: BurstTarget, queries: list[str]) -> dict[str, Any]:
    """One autocomplete at a time through the fake: dispatch to the callback."""
    club, fake = target.club, target.fake
    lat: list[float] = []
    empty = 0
    for q in queries:
        rec = await fake.autocomplete(
            club.guild_id, club.general_id, club.member_id, "specs", {"model": q}, focused="model"
        )
        await rec.wait_response(10)
        if rec.response_time is not None:
            lat.append(rec.response_time - rec.dispatched_at)
        if not rec.choices:
            empty += 1
    return {"queries": len(queries), "empty_answers": empty, **summary_ms(lat)}


# ===================================================================== 6: memory and startup
async def memory_startup(workdir: Path, members: int, rounds: int) -> dict[str, Any]:
    """Alternate bare and Paddock starts against a server of `members` members.

    Paddock's first start is on a new database: migrations and a command sync. The
    rounds after it are real restarts: the same application id, server and database, so
    the tree's digest matches and nothing is synced, the everyday case. Each round has
    a fake of its own (a fresh gateway and member list), which plays the same
    application and server again. At least one restart follows the first start."""
    rounds = max(rounds, 2)
    app_id, guild_id = snowflake(), snowflake()
    results: dict[str, list[dict[str, Any]]] = {"bare": [], "paddock": []}
    for r in range(rounds):
        order: tuple[Kind, ...] = ("bare", "paddock") if r % 2 == 0 else ("paddock", "bare")
        for kind in order:
            fake = await start_fake(app_id=app_id)
            try:
                club = build_club(fake, members, guild_id=guild_id)
                proc = BotProcess(kind, fake, workdir / f"mem-{kind}")
                proc.spawn()
                ready = await proc.wait_ready(club)
                await asyncio.sleep(2.0)
                rss = proc.rss_kib()
                await proc.stop()
                synced = bool(fake.sync_calls)
                if kind == "paddock" and r > 0 and synced:
                    raise RuntimeError(
                        "a Paddock restart synced its command tree: it was not a restart"
                    )
                results[kind].append(
                    {
                        "ready_s": round(ready, 3),
                        "rss_mib": round(rss / 1024, 1),
                        "round": r,
                        "synced": synced,
                    }
                )
            finally:
                await fake.close()
    bare, paddock = results["bare"], results["paddock"]
    first, restarts = paddock[0], paddock[1:]
    return {
        "members": members,
        "bare": {
            "ready_s": median([x["ready_s"] for x in bare]),
            "rss_mib": median([x["rss_mib"] for x in bare]),
        },
        "paddock": {
            "ready_first_s": first["ready_s"],
            "rss_first_mib": first["rss_mib"],
            "ready_s": median([x["ready_s"] for x in restarts]),
            "rss_mib": median([x["rss_mib"] for x in restarts]),
        },
        "runs": results,
    }
