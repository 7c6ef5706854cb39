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
from collections.abc import AsyncIterator, Hashable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

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
DEFAULT_JSON = Path(__file__).resolve().parent / "shards.json"


# ---------------------------------------------------------------- the database server
def _cpu_of(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


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
    with throwaway_cluster(binaries) as started:
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
    bots: list[tuple[BotProcess, Club]], presses: int, label: str, db: PostgresServer | None
) -> dict[str, Any]:
    """`presses` Going presses spread over every server's fresh meet, all at once (for
    the bare bot, a planted message with Paddock's buttons in a fresh channel)."""
    targets = []
    for proc, club in bots:
        name = f"{label} {club.guild_id % 1000}"
        if proc.kind == "paddock":
            _, _, message_id, custom_id = await paddock_meet(club, name)
        else:
            channel_id = club.guild.add_channel(name.replace(" ", "-"))
            ids = [f"paddock:rsvp:4242:{s}" for s in ("going", "maybe", "no")]
            message_id, custom_id = plant_buttons(club.fake, channel_id, ids), ids[0]
        users = club.guild.add_members_bulk(presses // len(bots), prefix=f"{label}-")
        targets.append((club, message_id, custom_id, users))
    await asyncio.sleep(0.3)  # the announcements' first edits
    fake = bots[0][1].fake
    cpu0 = [proc.cpu_seconds() for proc, _ in bots]
    db0 = db.cpu_seconds() if db else None
    fake0 = time.process_time()
    with harness_gc_paused():
        recs = []
        # Interleaved, so every process has work from the first press on.
        for i in range(presses // len(bots)):
            for _club, message_id, custom_id, users in targets:
                recs += await fire(fake, message_id, custom_id, [users[i]])
        await settle(recs, timeout=60 + presses * 0.05)
    stats = burst_stats(recs)
    n = len(recs)
    bot_cpu = sum(proc.cpu_seconds() - c for (proc, _), c in zip(bots, cpu0, strict=True))
    stats["bot_cpu_ms_per_press"] = round(bot_cpu * 1000 / n, 3)
    db1 = db.cpu_seconds() if db else None
    stats["db_cpu_ms_per_press"] = (
        None if db0 is None or db1 is None else round((db1 - db0) * 1000 / n, 3)
    )
    stats["fake_cpu_ms_per_press"] = round((time.process_time() - fake0) * 1000 / n, 3)
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
        "over_3s",
    )
    out: dict[str, Any] = {}
    for key in keys:
        values = [float(t[key]) for t in trials if t.get(key) is not None]
        out[key] = round(median(values), 3) if values else None
    return out


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


async def run(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    results: dict[str, Any] = {"presses": args.presses, "trials": args.trials, "rows": []}
    with postgres(args.postgres) as server:
        if server is not None:
            results["retries"] = [await retry_rate(server, k) for k in args.processes]
        for backend in ("postgresql", "sqlite"):
            if backend == "postgresql" and server is None:
                continue
            for k in args.processes:
                if backend == "postgresql":
                    assert server is not None
                    database: Path | str = await server.fresh(f"bench_shards_{k}")
                else:
                    database = workdir / f"shards-{k}.db"
                print(f"{backend}, {k} process(es)", file=sys.stderr)
                async with (
                    sharded_bots(workdir, k, database) as bots,
                    sharded_bots(workdir, k, None, "bare") as bare,
                ):
                    await burst(bots, 20 * k, "warm", None)
                    await burst(bare, 20 * k, "warm", None)
                    trials = []
                    for t in range(args.trials):
                        db = server if backend == "postgresql" else None
                        trials.append(await burst(bots, args.presses, f"b{t}", db))
                        # The bare floor with as many processes, in between, for the
                        # same machine state.
                        base = await burst(bare, args.presses, f"bare{t}", None)
                        base.pop("db_cpu_ms_per_press")
                        trials[-1]["bare"] = base
                row = {"backend": backend, "processes": k, **_median(trials)}
                row["bare"] = {"processes": k, **_median([t["bare"] for t in trials])}
                row["trials"] = trials
                results["rows"].append(row)
    cpu_growth(results["rows"])
    return results


def render(results: dict[str, Any]) -> str:
    def num(value: Any, fmt: str, unit: str = "ms") -> str:
        return "—" if value is None else f"{format(value, fmt)} {unit}"

    def growth(value: dict[str, float] | None) -> str:
        if value is None:
            return "—"
        return f"×{value['paddock']:.2f} ÷ ×{value['bare']:.2f} = {value['ratio']:.2f}"

    lines = [
        f"{results['presses']} presses a burst, median of {results['trials']} trials; "
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
    if results.get("retries"):
        lines.append("")
    for r in results.get("retries", []):
        lines.append(
            f"PostgreSQL, {r['handles']} handle(s) on different servers: {r['retries']} "
            f"serialization retries in {r['writes']} writes ({r['retries_per_write']:.1%})"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.shards", description=__doc__)
    parser.add_argument("--presses", type=int, default=400, help="presses a burst (default 400)")
    parser.add_argument("--trials", type=int, default=3, help="bursts per row (default 3)")
    parser.add_argument(
        "--processes", type=int, nargs="+", default=list(PROCESSES), help="default 1 2 4"
    )
    parser.add_argument("--postgres", default=None, help="a server URL (default: a throwaway one)")
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
