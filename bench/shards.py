"""`python -m bench.shards`: Paddock split over 1, 2 and 4 processes, on PostgreSQL and SQLite.

For each backend and process count K, K real bot processes (`python -m bot run` pointed at
one fake Discord, PADDOCK_SHARDS=K and each its own PADDOCK_SHARD_IDS) share one database:
a throwaway PostgreSQL cluster (tests/pg_cluster.py; or --postgres URL) or one SQLite
file. There is one server per shard; each gets a meet through /meet create, then a burst
of Going presses spread evenly over the servers (so over the processes) is dispatched at
once, `--presses` in all, `--trials` times (the median is shown, every trial is in the
JSON). In the same run, between Paddock's trials, a bare discord.py bot (bench/barebot.py,
stores nothing) split the same way, K processes on a fake of their own, shard i of K each,
one server per shard, takes the same burst: the floor this machine and this fake allow
with K processes.

Columns: presses/s = presses ÷ (last answer − first dispatch); p99 = dispatch to
callback; bot CPU/press = user+system CPU of all K bot processes during the burst ÷
presses; db CPU/press = the same for the PostgreSQL server's processes (on SQLite the
database works inside the bot processes, so it is in the bot column). The fake Discord
runs in this process and pays for every press too (fake CPU/press). growth ÷ bare =
(Paddock's bot CPU/press at K ÷ at 1 process) ÷ (the bare bot's at K ÷ at 1): what
Paddock's CPU per press grows by from 1 to K processes beyond what the same number of
bare discord.py processes grow by on this machine (1.00: no more than discord.py itself).

A second table says what each press asked for besides CPU, to tell a lock convoy or
shrinking batches from the machine's own cost of more processes: sleeps/press = the bot
processes' voluntary context switches (a wait on a socket with nothing else to do; the
bare bot's too); on PostgreSQL, from pg_stat_statements (loaded into the throwaway
cluster), transactions, statements and round trips per press, RSVPs per row-locked
transaction, merged statements (bot/db/postgres.py, `_Merge`), and the connections
waiting for a lock (pg_stat_activity, sampled every 20 ms).

That burst split over K processes is a strong-scaling test: each process gets 1/K of it,
so its work pattern changes with K, and on a machine with fewer cores than processes
the queue takes longer to drain. Two more views (`--modes`), with the same bots and the
bare bot measured the same way: `weak`, every process the whole burst on its own
server's meet (K × --presses in all), so CPU per press by K (bots, database, bare bot)
shows what grows with the number of processes; `rate`, --rate-presses presses open-loop
at --rate a second in all, spread evenly, so p99 by K is latency at a load every
configuration sustains, not the drain time of a queue (the table shows the rate
achieved, how late the schedule ran, and the drain after the last press).

A 2-core machine cannot show throughput scaling past 2 processes (the fake, the bots and
the database share the cores): read the CPU per press, which is what decides how many
cores a given load needs (docs/scaling.md).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.fakediscord import Interaction

from .common import (
    CLK_TCK,
    BotProcess,
    Club,
    Kind,
    build_club,
    harness_gc_paused,
    kill_strays,
    machine_info,
    median,
    plant_buttons,
    poll,
    start_fake,
)
from .scenarios import burst_stats, fire, paddock_meet, settle

PROCESSES = (1, 2, 4)
MODES = ("split", "weak", "rate")
RATE = 100.0  # presses/s in all, for the rate mode
RATE_PRESSES = 400
DEFAULT_JSON = Path(__file__).resolve().parent / "shards.json"


# ---------------------------------------------------------------- the database server
def _cpu_of(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def _wakeups_of(pid: int, kind: str = "voluntary") -> int:
    """How often the process has gone to sleep waiting (voluntary context switches): a
    press's every wait for a socket that had nothing yet ends in one, unless the loop
    found other work to do meanwhile. `kind="nonvoluntary"`: how often it was taken off
    a core that another process wanted."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{kind}_ctxt_switches:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == parent:
                    found.append(int(entry.name))
    return found


@dataclass
class PostgresServer:
    url: str
    postmaster: int | None  # None: someone else's server, whose CPU we can't see
    statements: bool = False  # pg_stat_statements is loaded: the burst's SQL is counted

    def cpu_seconds(self) -> float | None:
        """CPU of the postmaster and its processes (the bots' connections among them)."""
        if self.postmaster is None:
            return None
        return sum(_cpu_of(pid) for pid in [self.postmaster, *_children(self.postmaster)])

    async def fresh(self, name: str) -> str:
        import asyncpg

        from tests.pg_cluster import with_database

        conn = await asyncpg.connect(self.url)
        try:
            await conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            await conn.execute(f"CREATE DATABASE {name}")
        finally:
            await conn.close()
        return with_database(self.url, name)

    async def load_statements(self) -> None:
        """pg_stat_statements in the server's first database, if the server loaded it."""
        import asyncpg

        conn = await asyncpg.connect(self.url)
        try:
            await conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            await conn.fetchval("SELECT count(*) FROM pg_stat_statements")
            self.statements = True
        except asyncpg.PostgresError as exc:
            print(f"no pg_stat_statements ({exc}): SQL is not counted", file=sys.stderr)
        finally:
            await conn.close()


# The bench's own look at the server goes through the server's first database, so it
# never counts as the bots' SQL.
_STATEMENTS = (
    "SELECT s.query, s.calls, s.total_exec_time, s.rows FROM pg_stat_statements s "
    "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1"
)
_LOCK_WAITERS = (
    "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'"
)


class SqlCounters:
    """What the bots asked of PostgreSQL during a burst (pg_stat_statements), and how
    often one of their connections waited for a lock (pg_stat_activity, sampled every
    LOCK_SAMPLE seconds)."""

    LOCK_SAMPLE = 0.02

    def __init__(self, server: PostgresServer, database: str) -> None:
        self.server = server
        self.database = database
        self.samples = 0
        self.waiting = 0  # connections seen waiting, summed over the samples
        self._task: asyncio.Task[None] | None = None
        self._conn: Any = None

    async def start(self) -> None:
        import asyncpg

        self._conn = await asyncpg.connect(self.server.url)
        await self._conn.execute("SELECT pg_stat_statements_reset()")
        self._task = asyncio.get_running_loop().create_task(self._sample())

    async def _sample(self) -> None:
        while True:
            self.waiting += int(await self._conn.fetchval(_LOCK_WAITERS, self.database))
            self.samples += 1
            await asyncio.sleep(self.LOCK_SAMPLE)

    async def stop(self, presses: int) -> dict[str, Any]:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        try:
            rows = await self._conn.fetch(_STATEMENTS, self.database)
        finally:
            await self._conn.close()
        found = [(r["query"], r["calls"], r["total_exec_time"], r["rows"]) for r in rows]
        return sql_counts(found, presses) | {
            "lock_wait_samples": self.samples,
            "lock_waiters_mean": round(self.waiting / max(self.samples, 1), 3),
        }


def sql_counts(rows: list[tuple[str, int, float, int]], presses: int) -> dict[str, Any]:
    """Per press: transactions, statements, round trips (the statements, less the outbox
    marks that travel with their COMMIT), row-locked writes per transaction (each RSVP
    locks its meet once: a FOR UPDATE, a paddock_rsvp call, or a row of a merged call),
    and the statements most often run."""

    def calls(predicate: Callable[[str], bool]) -> int:
        return sum(c for q, c, _, _ in rows if predicate(q))

    def merged(query: str) -> bool:
        return "LATERAL paddock_" in query

    def in_tx(query: str) -> bool:
        return query.rstrip().endswith("FOR UPDATE") or query.startswith("SELECT paddock_")

    def autocommitted(query: str) -> bool:  # a press that ran alone (postgres.py, _AloneTx)
        return query.startswith("SELECT * FROM paddock_")

    statements = calls(lambda q: True)
    deferred = calls(lambda q: q.startswith("INSERT INTO visible_outbox"))
    read_committed = calls(lambda q: q.startswith("BEGIN ISOLATION LEVEL READ COMMITTED"))
    serializable = calls(lambda q: q.startswith("BEGIN ISOLATION LEVEL SERIALIZABLE"))
    locked = calls(in_tx) + sum(n for q, _, _, n in rows if merged(q))
    top = sorted(rows, key=lambda r: -r[1])[:12]
    return {
        "tx_per_press": round((read_committed + serializable) / presses, 3),
        "serializable_per_press": round(serializable / presses, 3),
        "statements_per_press": round(statements / presses, 3),
        "round_trips_per_press": round((statements - deferred) / presses, 3),
        "writes_per_locked_tx": round(locked / read_committed, 2) if read_committed else None,
        "merged_per_press": round(calls(merged) / presses, 3),
        "alone_per_press": round(calls(autocommitted) / presses, 3),
        "top_statements": [
            {
                "sql": " ".join(q.split())[:90],
                "per_press": round(c / presses, 3),
                "rows_per_call": round(n / c, 2),
                "mean_ms": round(t / c, 3),
            }
            for q, c, t, n in top
        ],
    }


@contextlib.contextmanager
def postgres(url: str | None) -> Iterator[PostgresServer | None]:
    if url:
        yield PostgresServer(url, None)
        return
    from tests.pg_cluster import find_binaries, throwaway_cluster

    binaries = find_binaries()
    if binaries is None:
        print("no PostgreSQL binaries: the PostgreSQL rows are skipped", file=sys.stderr)
        yield None
        return
    settings = {}
    if (binaries.parent / "lib" / "pg_stat_statements.so").exists():
        settings["shared_preload_libraries"] = "pg_stat_statements"
    with throwaway_cluster(binaries, settings) as started:
        host = parse_qs(urlsplit(started).query)["host"][0]
        pid_file = Path(host).parent / "data" / "postmaster.pid"
        yield PostgresServer(started, int(pid_file.read_text().split()[0]))


# ---------------------------------------------------------------- serialization retries
async def retry_rate(server: PostgresServer, handles: int, per_handle: int = 300) -> dict[str, Any]:
    """K database handles (as K processes would hold), each answering its own server's
    meet: how often a SERIALIZABLE write failed and ran again though no two handles ever
    touch the same rows (predicate locks are taken per index page, not per row)."""
    from datetime import timedelta

    from bot.clock import SystemClock
    from bot.db.base import Tx, WriteFn
    from bot.db.postgres import PostgresDatabase
    from bot.services.meets import MeetService

    runs = {"writes": 0, "attempts": 0}

    class Counting(PostgresDatabase):
        async def write(self, fn: WriteFn[Any], *, row_lock: Hashable | None = None) -> Any:
            async def counted(tx: Tx) -> Any:
                runs["attempts"] += 1
                return await fn(tx)

            runs["writes"] += 1
            return await super().write(counted, row_lock=row_lock)

    url = await server.fresh(f"bench_retries_{handles}")
    dbs = [Counting(url) for _ in range(handles)]
    for db in dbs:
        await db.connect()
    try:
        await dbs[0].migrate()
        clock = SystemClock()
        services = [MeetService(db, clock) for db in dbs]
        meets = []
        for i, service in enumerate(services):
            guild = ((376_000_000_000 + i) << 22) | 7  # shard i of `handles`
            meet = await service.create(
                guild,
                title="Retries",
                starts_at=clock.now() + timedelta(days=3),
                location="Ring",
                created_by=1,
            )
            meets.append((guild, meet.id))
        runs.update(writes=0, attempts=0)
        await asyncio.gather(
            *(
                services[h].rsvp(meets[h][0], meets[h][1], 1000 + u, "going")
                for u in range(per_handle)
                for h in range(handles)
            )
        )
    finally:
        for db in dbs:
            await db.close()
    retried = runs["attempts"] - runs["writes"]
    return {
        "handles": handles,
        "writes": runs["writes"],
        "retries": retried,
        "retries_per_write": round(retried / max(runs["writes"], 1), 3),
    }


# ---------------------------------------------------------------- one configuration
@contextlib.asynccontextmanager
async def sharded_bots(
    workdir: Path, processes: int, database: Path | str | None, kind: Kind = "paddock"
) -> AsyncIterator[list[tuple[BotProcess, Club]]]:
    """K bot processes, shard i of K each, one server per shard, on one fake Discord."""
    fake = await start_fake()
    bots: list[tuple[BotProcess, Club]] = []
    try:
        for shard in range(processes):
            club = build_club(fake, shard=shard, count=processes)
            if kind == "paddock":
                proc = BotProcess(
                    "paddock",
                    fake,
                    workdir,
                    database=database,
                    env={"PADDOCK_SHARDS": str(processes), "PADDOCK_SHARD_IDS": str(shard)},
                    name=f"paddock-{processes}-{shard}",
                )
            else:
                proc = BotProcess(
                    "bare",
                    fake,
                    workdir,
                    ("--shard", f"{shard}/{processes}"),
                    name=f"bare-{processes}-{shard}",
                )
            bots.append((proc, club))
        # One at a time: the first migrates and syncs the commands, the others find
        # both done (they would wait on the migration lock anyway).
        for proc, club in bots:
            proc.spawn()
            await proc.wait_ready(club)
            if kind == "paddock":
                await poll(lambda: bool(fake.global_commands), 15)
        yield bots
    finally:
        for proc, _ in bots:
            await proc.stop()
        await fake.close()


async def burst(
    bots: list[tuple[BotProcess, Club]],
    presses: int,
    label: str,
    db: PostgresServer | None,
    database: str | None = None,
    gap: float = 0.0,
    *,
    each: bool = False,
    rate: float | None = None,
) -> dict[str, Any]:
    """`presses` Going presses spread over every server's fresh meet, all at once, or
    `gap` seconds apart (for the bare bot, a planted message with Paddock's buttons in a
    fresh channel). `each`: every server gets `presses` of its own (weak scaling), not a
    share of them. `rate`: the presses leave on a fixed schedule, `rate` a second in all,
    whatever the answers do (open loop: a bot that falls behind builds a queue, it does
    not slow the presses down)."""
    per_server = presses if each else presses // len(bots)
    targets = []
    for proc, club in bots:
        name = f"{label} {club.guild_id % 1000}"
        if proc.kind == "paddock":
            _, _, message_id, custom_id = await paddock_meet(club, name)
        else:
            channel_id = club.guild.add_channel(name.replace(" ", "-"))
            ids = [f"paddock:rsvp:4242:{s}" for s in ("going", "maybe", "no")]
            message_id, custom_id = plant_buttons(club.fake, channel_id, ids), ids[0]
        users = club.guild.add_members_bulk(per_server, prefix=f"{label}-")
        targets.append((club, message_id, custom_id, users))
    await asyncio.sleep(0.3)  # the announcements' first edits
    fake = bots[0][1].fake
    counters = None
    if db is not None and db.statements and database is not None:
        counters = SqlCounters(db, database)
        await counters.start()
    procs = list({proc.pid: proc for proc, _ in bots}.values())  # a process may serve several
    cpu0 = [proc.cpu_seconds() for proc in procs]
    sleeps0 = [_wakeups_of(proc.pid) for proc in procs]
    preempted0 = [_wakeups_of(proc.pid, "nonvoluntary") for proc in procs]
    db0 = db.cpu_seconds() if db else None
    fake0 = time.process_time()
    with harness_gc_paused():
        recs: list[Interaction] = []
        behind = 0.0  # how late the schedule's presses left, at worst
        began = time.monotonic()
        # Interleaved, so every process has work from the first press on.
        for i in range(per_server):
            for _club, message_id, custom_id, users in targets:
                if rate:
                    due = began + len(recs) / rate
                    if (wait := due - time.monotonic()) > 0:
                        await asyncio.sleep(wait)
                    behind = max(behind, time.monotonic() - due)
                recs += await fire(fake, message_id, custom_id, [users[i]])
                if gap:
                    await asyncio.sleep(gap)
        await settle(recs, timeout=60 + len(recs) * 0.05)
    stats = burst_stats(recs)
    n = len(recs)
    if rate:
        sent = [r.dispatched_at for r in recs]
        answered = [r.response_time for r in recs if r.response_time is not None]
        stats["offered_per_s"] = round((n - 1) / max(max(sent) - min(sent), 1e-9), 1)
        stats["schedule_behind_ms"] = round(behind * 1000, 1)
        # A bot that keeps up answers the last press about as fast as the first; a queue
        # shows as a tail after the last press has left.
        stats["drain_ms"] = round((max(answered, default=max(sent)) - max(sent)) * 1000, 1)
    bot_cpu = sum(proc.cpu_seconds() - c for proc, c in zip(procs, cpu0, strict=True))
    sleeps = sum(_wakeups_of(proc.pid) - c for proc, c in zip(procs, sleeps0, strict=True))
    stats["bot_sleeps_per_press"] = round(sleeps / n, 3)
    preempted = sum(
        _wakeups_of(proc.pid, "nonvoluntary") - c for proc, c in zip(procs, preempted0, strict=True)
    )
    stats["bot_preempted_per_press"] = round(preempted / n, 3)
    stats["bot_cpu_ms_per_press"] = round(bot_cpu * 1000 / n, 3)
    db1 = db.cpu_seconds() if db else None
    stats["db_cpu_ms_per_press"] = (
        None if db0 is None or db1 is None else round((db1 - db0) * 1000 / n, 3)
    )
    stats["fake_cpu_ms_per_press"] = round((time.process_time() - fake0) * 1000 / n, 3)
    if counters is not None:
        stats["sql"] = await counters.stop(n)
    stats["confirmed_going"] = sum(1 for r in recs if (r.content or "").startswith("You're going"))
    return stats


def _median(trials: list[dict[str, Any]]) -> dict[str, Any]:
    keys = (
        "per_s",
        "p50_ms",
        "p99_ms",
        "bot_cpu_ms_per_press",
        "db_cpu_ms_per_press",
        "fake_cpu_ms_per_press",
        "bot_sleeps_per_press",
        "bot_preempted_per_press",
        "over_3s",
        "n",
        "max_ms",
        "offered_per_s",
        "schedule_behind_ms",
        "drain_ms",
    )
    out: dict[str, Any] = {}
    for key in keys:
        values = [float(t[key]) for t in trials if t.get(key) is not None]
        out[key] = round(median(values), 3) if values else None
    sql = [t["sql"] for t in trials if t.get("sql")]
    if sql:
        out["sql"] = {}
        for key in SQL_KEYS:
            values = [float(s[key]) for s in sql if s.get(key) is not None]
            out["sql"][key] = round(median(values), 3) if values else None
    return out


SQL_KEYS = (
    "tx_per_press",
    "serializable_per_press",
    "statements_per_press",
    "round_trips_per_press",
    "writes_per_locked_tx",
    "merged_per_press",
    "alone_per_press",
    "lock_waiters_mean",
)


def cpu_growth(rows: list[dict[str, Any]]) -> None:
    """Each row's bot CPU/press against its backend's 1-process row, Paddock's and the
    bare bot's, and the one growth divided by the other (None without a 1-process row)."""
    for row in rows:
        row["cpu_growth"] = None
        first = next(
            (r for r in rows if r["backend"] == row["backend"] and r["processes"] == 1), None
        )
        if first is None or row is first:
            continue
        values = [
            row["bot_cpu_ms_per_press"],
            first["bot_cpu_ms_per_press"],
            row["bare"]["bot_cpu_ms_per_press"],
            first["bare"]["bot_cpu_ms_per_press"],
        ]
        if not all(values):
            continue
        paddock, bare = values[0] / values[1], values[2] / values[3]
        row["cpu_growth"] = {
            "paddock": round(paddock, 3),
            "bare": round(bare, 3),
            "ratio": round(paddock / bare, 3),
        }


def weak_growth(rows: list[dict[str, Any]]) -> None:
    """Each weak-scaling row's CPU per press against its backend's 1-process row: the
    bots', the database server's and the bare bot's, and the bots' ÷ the bare bot's."""
    for row in rows:
        first = next(
            (r for r in rows if r["backend"] == row["backend"] and r["processes"] == 1), None
        )
        row["growth"] = None
        if first is None:
            continue

        def ratio(a: float | None, b: float | None) -> float | None:
            return round(a / b, 3) if a and b else None

        bot = ratio(row["bot_cpu_ms_per_press"], first["bot_cpu_ms_per_press"])
        bare = ratio(row["bare"]["bot_cpu_ms_per_press"], first["bare"]["bot_cpu_ms_per_press"])
        row["growth"] = {
            "bot": bot,
            "db": ratio(row["db_cpu_ms_per_press"], first["db_cpu_ms_per_press"]),
            "bare": bare,
            "ratio": ratio(bot, bare),
        }


def p99_growth(rows: list[dict[str, Any]]) -> None:
    """Each fixed-rate row's p99 against its backend's 1-process row, Paddock's and the
    bare bot's."""
    for row in rows:
        first = next(
            (r for r in rows if r["backend"] == row["backend"] and r["processes"] == 1), None
        )
        row["p99_growth"] = None
        if first is None or not first["p99_ms"] or not first["bare"]["p99_ms"]:
            continue
        row["p99_growth"] = {
            "paddock": round(row["p99_ms"] / first["p99_ms"], 3),
            "bare": round(row["bare"]["p99_ms"] / first["bare"]["p99_ms"], 3),
        }


async def measure(
    bots: list[tuple[BotProcess, Club]],
    bare: list[tuple[BotProcess, Club]],
    args: argparse.Namespace,
    label: str,
    presses: int,
    db: PostgresServer | None,
    name: str,
    **how: Any,
) -> dict[str, Any]:
    """`args.trials` bursts on Paddock's bots, each followed by the same burst on the
    bare bots (the floor with as many processes, for the same machine state): the
    medians, and every trial."""
    trials = []
    for t in range(args.trials):
        trials.append(await burst(bots, presses, f"{label}{t}", db, name, **how))
        base = await burst(bare, presses, f"bare-{label}{t}", None, **how)
        base.pop("db_cpu_ms_per_press")
        trials[-1]["bare"] = base
    return {**_median(trials), "bare": _median([t["bare"] for t in trials]), "trials": trials}


async def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    results: dict[str, Any] = {
        "presses": args.presses,
        "trials": args.trials,
        "gap_s": args.gap,
        "modes": args.modes,
        "rows": [],
    }
    if "weak" in args.modes:
        results["weak"] = []
    if "rate" in args.modes:
        results |= {"rate": [], "rate_per_s": args.rate, "rate_presses": args.rate_presses}
    with postgres(args.postgres) as server:
        if server is not None:
            await server.load_statements()
            if args.retries:
                results["retries"] = [await retry_rate(server, k) for k in args.processes]
        for backend in args.backends:
            if backend == "postgresql" and server is None:
                continue
            for k in args.processes:
                if backend == "postgresql":
                    assert server is not None
                    database: Path | str = await server.fresh(f"bench_shards_{k}")
                else:
                    database = workdir / f"shards-{k}.db"
                print(f"{backend}, {k} process(es)", file=sys.stderr)
                db = server if backend == "postgresql" else None
                name = f"bench_shards_{k}"
                where = {"backend": backend, "processes": k}
                async with (
                    sharded_bots(workdir, k, database) as bots,
                    sharded_bots(workdir, k, None, "bare") as bare,
                ):
                    await burst(bots, 20 * k, "warm", None)
                    await burst(bare, 20 * k, "warm", None)
                    if "split" in args.modes:
                        # One burst split over the K processes (strong scaling).
                        row = await measure(
                            bots, bare, args, "b", args.presses, db, name, gap=args.gap
                        )
                        row["bare"]["processes"] = k
                        results["rows"].append(where | row)
                    if "weak" in args.modes:
                        # Every process the burst one process got (weak scaling).
                        row = await measure(
                            bots, bare, args, "w", args.presses, db, name, each=True
                        )
                        results["weak"].append(where | row)
                    if "rate" in args.modes:
                        row = await measure(
                            bots, bare, args, "r", args.rate_presses, db, name, rate=args.rate
                        )
                        results["rate"].append(where | row)
    cpu_growth(results["rows"])
    weak_growth(results.get("weak", []))
    p99_growth(results.get("rate", []))
    return results


def _num(value: Any, fmt: str, unit: str = "ms") -> str:
    return "—" if value is None else f"{format(value, fmt)} {unit}".rstrip()


def render(results: dict[str, Any]) -> str:
    lines = render_split(results) if results["rows"] else []
    if results.get("weak"):
        lines += ["", *render_weak(results)]
    if results.get("rate"):
        lines += ["", *render_rate(results)]
    if results.get("retries"):
        lines.append("")
    for r in results.get("retries", []):
        lines.append(
            f"PostgreSQL, {r['handles']} handle(s) on different servers: {r['retries']} "
            f"serialization retries in {r['writes']} writes ({r['retries_per_write']:.1%})"
        )
    return "\n".join(lines).strip("\n")


def render_split(results: dict[str, Any]) -> list[str]:
    num = _num

    def growth(value: dict[str, float] | None) -> str:
        if value is None:
            return "—"
        return f"×{value['paddock']:.2f} ÷ ×{value['bare']:.2f} = {value['ratio']:.2f}"

    lines = [
        f"{results['presses']} presses a burst"
        + (f", {results['gap_s']} s apart" if results.get("gap_s") else "")
        + f", median of {results['trials']} trials; "
        "the bare bot runs as the same number of processes",
        "",
        "| database | processes | presses/s | p99 | bot CPU/press | db CPU/press | "
        "bare presses/s | bare p99 | bare CPU/press | CPU/press from 1 process: growth ÷ bare |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results["rows"]:
        bare = row["bare"]
        lines.append(
            f"| {row['backend']} | {row['processes']} | {num(row['per_s'], ',.0f', '/s')} | "
            f"{num(row['p99_ms'], '.0f')} | {num(row['bot_cpu_ms_per_press'], '.2f')} | "
            f"{num(row['db_cpu_ms_per_press'], '.2f')} | {num(bare['per_s'], ',.0f', '/s')} | "
            f"{num(bare['p99_ms'], '.0f')} | {num(bare['bot_cpu_ms_per_press'], '.2f')} | "
            f"{growth(row.get('cpu_growth'))} |"
        )
    lines += [
        "",
        "What a press asked for besides CPU: sleeps = the bot processes' voluntary context "
        "switches (each wait on a socket with nothing else to do ends in one), preempted = "
        "their involuntary ones (taken off a core another process wanted); on PostgreSQL, "
        "what pg_stat_statements saw (round trips: statements less the outbox marks sent with "
        "their COMMIT; alone: presses run as one autocommitted statement, no BEGIN or COMMIT) "
        "and connections waiting for a lock (mean of samples every 20 ms).",
        "",
        "| database | processes | sleeps/press | bare sleeps/press | preempted/press | "
        "transactions/press | "
        "SERIALIZABLE/press | statements/press | round trips/press | "
        "RSVPs a locked transaction | merged statements/press | alone/press | lock waiters |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results["rows"]:
        q = row.get("sql") or {}
        lines.append(
            f"| {row['backend']} | {row['processes']} | "
            f"{num(row.get('bot_sleeps_per_press'), '.2f', '')} | "
            f"{num(row['bare'].get('bot_sleeps_per_press'), '.2f', '')} | "
            f"{num(row.get('bot_preempted_per_press'), '.2f', '')} | "
            f"{num(q.get('tx_per_press'), '.2f', '')} | "
            f"{num(q.get('serializable_per_press'), '.3f', '')} | "
            f"{num(q.get('statements_per_press'), '.2f', '')} | "
            f"{num(q.get('round_trips_per_press'), '.2f', '')} | "
            f"{num(q.get('writes_per_locked_tx'), '.1f', '')} | "
            f"{num(q.get('merged_per_press'), '.2f', '')} | "
            f"{num(q.get('alone_per_press'), '.2f', '')} | "
            f"{num(q.get('lock_waiters_mean'), '.2f', '')} |"
        )
    return lines


def render_weak(results: dict[str, Any]) -> list[str]:
    def times(value: float | None) -> str:
        return "—" if value is None else f"×{value:.2f}"

    lines = [
        f"Weak scaling: every process gets the burst one process got ({results['presses']} "
        "presses on its own server's meet, all processes' presses at once, interleaved), so "
        "a process's work does not change with K; median of "
        f"{results['trials']} trials, the bare bot the same way. Growth = CPU/press at K "
        "processes ÷ at 1 (the bots', the PostgreSQL server's, the bare bot's); "
        "bots ÷ bare = what Paddock's grows beyond the bare bot's on this machine.",
        "",
        "| database | processes | presses in all | presses/s in all | bot CPU/press | "
        "db CPU/press | bare presses/s | bare CPU/press | growth bot / db / bare | "
        "bots ÷ bare | sleeps/press (bare) | preempted/press | round trips/press | "
        "lock waiters |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results["weak"]:
        bare, q, g = row["bare"], row.get("sql") or {}, row.get("growth") or {}
        lines.append(
            f"| {row['backend']} | {row['processes']} | {_num(row['n'], '.0f', '')} | "
            f"{_num(row['per_s'], ',.0f', '/s')} | {_num(row['bot_cpu_ms_per_press'], '.2f')} | "
            f"{_num(row['db_cpu_ms_per_press'], '.2f')} | {_num(bare['per_s'], ',.0f', '/s')} | "
            f"{_num(bare['bot_cpu_ms_per_press'], '.2f')} | "
            f"{times(g.get('bot'))} / {times(g.get('db'))} / {times(g.get('bare'))} | "
            f"{_num(g.get('ratio'), '.2f', '')} | "
            f"{_num(row.get('bot_sleeps_per_press'), '.2f', '')} "
            f"({_num(bare.get('bot_sleeps_per_press'), '.2f', '')}) | "
            f"{_num(row.get('bot_preempted_per_press'), '.2f', '')} | "
            f"{_num(q.get('round_trips_per_press'), '.2f', '')} | "
            f"{_num(q.get('lock_waiters_mean'), '.2f', '')} |"
        )
    return lines


def render_rate(results: dict[str, Any]) -> list[str]:
    lines = [
        f"Fixed offered rate: {results['rate_presses']} presses at {results['rate_per_s']:g} "
        "a second in all, open loop (on a schedule, whatever the answers do), spread evenly "
        f"over the processes; median of {results['trials']} trials, the bare bot the same way. "
        "offered = the rate the presses actually left at; late = how far the load generator "
        "fell behind its schedule at worst; drain = last answer − last press (a bot that "
        "keeps up answers the last press as fast as the others). p99 ÷ 1 process: "
        "Paddock's, the bare bot's.",
        "",
        "| database | processes | offered | late | p50 | p99 | max | drain | bot CPU/press | "
        "db CPU/press | bare p50 | bare p99 | bare drain | bare CPU/press | "
        "p99 ÷ 1 process (bare) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results["rate"]:
        bare, g = row["bare"], row.get("p99_growth")
        grown = "—" if g is None else f"×{g['paddock']:.2f} (×{g['bare']:.2f})"
        lines.append(
            f"| {row['backend']} | {row['processes']} | "
            f"{_num(row.get('offered_per_s'), ',.0f', '/s')} | "
            f"{_num(row.get('schedule_behind_ms'), '.0f')} | {_num(row['p50_ms'], '.1f')} | "
            f"{_num(row['p99_ms'], '.1f')} | {_num(row.get('max_ms'), '.1f')} | "
            f"{_num(row.get('drain_ms'), '.0f')} | {_num(row['bot_cpu_ms_per_press'], '.2f')} | "
            f"{_num(row['db_cpu_ms_per_press'], '.2f')} | {_num(bare['p50_ms'], '.1f')} | "
            f"{_num(bare['p99_ms'], '.1f')} | {_num(bare.get('drain_ms'), '.0f')} | "
            f"{_num(bare['bot_cpu_ms_per_press'], '.2f')} | {grown} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.shards", description=__doc__)
    parser.add_argument("--presses", type=int, default=400, help="presses a burst (default 400)")
    parser.add_argument("--trials", type=int, default=3, help="bursts per row (default 3)")
    parser.add_argument(
        "--processes", type=int, nargs="+", default=list(PROCESSES), help="default 1 2 4"
    )
    parser.add_argument("--postgres", default=None, help="a server URL (default: a throwaway one)")
    parser.add_argument(
        "--backends", nargs="+", choices=("postgresql", "sqlite"), default=["postgresql", "sqlite"]
    )
    parser.add_argument(
        "--gap",
        type=float,
        default=0.0,
        help="seconds between presses (default 0: the whole burst at once); a process's "
        "CPU per press depends on how many presses it has in hand at once",
    )
    parser.add_argument(
        "--modes",
        nargs="+",
        choices=MODES,
        default=list(MODES),
        help="split: one burst split over the K processes (the first table); weak: every "
        "process the whole burst (CPU per press by K); rate: presses at a fixed rate in all "
        "(p99 by K); default all three",
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=RATE,
        help=f"presses a second in all, for the rate mode (default {RATE:g}: below what "
        "every configuration sustains on a 2-core machine)",
    )
    parser.add_argument(
        "--rate-presses",
        type=int,
        default=RATE_PRESSES,
        help=f"presses a trial in the rate mode (default {RATE_PRESSES})",
    )
    parser.add_argument(
        "--no-retries", dest="retries", action="store_false", help="skip the retry count"
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="paddock-bench-shards-"))
    machine = machine_info()
    started = time.monotonic()
    try:
        results = asyncio.run(run(args, workdir))
    finally:
        kill_strays()
        shutil.rmtree(workdir, ignore_errors=True)
    table = render(results)
    print(table)
    out = {
        "machine": machine | {"loadavg_at_end": [round(x, 2) for x in os.getloadavg()]},
        "duration_s": round(time.monotonic() - started, 1),
        "table": table,
        "results": results,
    }
    args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json} in {out['duration_s']} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
