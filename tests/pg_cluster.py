"""A PostgreSQL server for the tests: the one named by PADDOCK_TEST_POSTGRES, or a
throwaway cluster of our own when PostgreSQL's binaries are installed.

`.ci/run` starts a cluster and exports PADDOCK_TEST_POSTGRES; a plain `pytest` on a
machine with `initdb` and `pg_ctl` on PATH (or in /usr/lib/postgresql/*/bin) starts one
itself, once per session, in a temporary folder: a unix socket only, a free port, no
fsync (the data is thrown away), stopped when the session ends. Without either, the
PostgreSQL half of the service tests is skipped with a reason.

A test process killed outright (SIGKILL, the OOM killer) runs no teardown, so each
cluster has a watchdog (tests/pg_watchdog.py): a child holding a pipe from the test
process, which stops the cluster when the pipe closes. Each cluster's folder names the
process that started it (its pid and start time), and every test session's start (and
every cluster's) stops and deletes the clusters whose process is gone, in case a
watchdog was killed as well. Clusters from before folders named their process (leaked by
runs killed before the watchdog existed) are reaped too, more carefully: see
`reap_leftovers`.

The service tests share one database per session, copied from a template migrated once
(`CREATE DATABASE ... TEMPLATE`) and emptied after each test (a TRUNCATE of the tables
that hold rows and a restart of the sequences used: see `empty_database`); tests that
need a database of their own (migrate-db's) get a fresh copy.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from glob import glob
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bot.db import Database, SQLiteDatabase
from bot.db.postgres import PostgresDatabase
from tests.pg_watchdog import stop_cluster

ENV = "PADDOCK_TEST_POSTGRES"
# Per process, so pytest-xdist workers sharing one server never drop each other's template.
TEMPLATE = f"paddock_template_{os.getpid()}"
_names = itertools.count(1)
PREFIX = "paddock-pg-"
OWNER_FILE = "owner"  # "<pid> <start time>" of the test process that started the cluster
# A cluster without an owner record is from a run before clusters named their process;
# it is reaped only once its postmaster has run this long (and no pytest that could have
# started it is still running). A whole suite takes minutes, not hours.
UNOWNED_AGE = 2 * 3600.0  # s
WATCHDOG = Path(__file__).with_name("pg_watchdog.py")


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None."""
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    for folder in sorted(glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_owner(command: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *command] if owner else command


def _identity(pid: int) -> str | None:
    """What tells process `pid` from a later one given the same pid (its start time, in
    clock ticks since boot), or None if it is not running. "" where there is no /proc:
    alive, start time unknown."""
    if not Path("/proc/self/stat").exists():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            return ""
        return ""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
    if fields[0] in ("Z", "X"):  # killed, not yet reaped by its parent: gone all the same
        return None
    return fields[19]  # field 22 of proc(5): starttime


@dataclass(frozen=True, slots=True)
class Process:
    pid: int
    started: float  # seconds since the epoch (to a clock tick; all on one scale)
    argv: tuple[str, ...]


def processes() -> dict[int, Process]:
    """The running processes (zombies left out), by pid; {} where there is no /proc."""
    found: dict[int, Process] = {}
    try:
        boot = next(
            float(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
        entries = list(Path("/proc").iterdir())
    except (OSError, StopIteration):
        return found
    tick = os.sysconf("SC_CLK_TCK")
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue  # gone meanwhile
        if fields[0] in ("Z", "X"):
            continue
        pid = int(entry.name)
        found[pid] = Process(
            pid,
            boot + int(fields[19]) / tick,
            tuple(a.decode(errors="replace") for a in argv if a),
        )
    return found


def _is_pytest(process: Process) -> bool:
    """`pytest …`, `python -m pytest …` or `python …/bin/pytest …` (the program, not an
    argument: a path under /tmp/pytest-of-… is no pytest)."""
    return any(Path(arg).name in ("pytest", "py.test", "pytest-3") for arg in process.argv[:3])


def _postmaster(root: Path, procs: Mapping[int, Process]) -> Process | None:
    """The running postmaster of the cluster in `root`, by its pid file. Its command line
    must name this cluster's data folder: a pid reused by another process is not it."""
    data = root / "data"
    try:
        pid = int((data / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    process = procs.get(pid)
    return process if process is not None and str(data) in process.argv else None


def _owner_gone(root: Path) -> bool | None:
    """Whether the process named by the folder's owner record is gone; None without a
    readable record."""
    try:
        pid, _, started = (root / OWNER_FILE).read_text().strip().partition(" ")
        alive = _identity(int(pid))
    except (OSError, ValueError):
        return None
    return alive is None or alive != started


def _unowned_abandoned(
    root: Path, postmaster: Process | None, procs: Mapping[int, Process], now: float, age: float
) -> bool:
    """A folder with no owner record (from a run before folders named their process, or
    one being made this instant) is abandoned once it is `age` old (its postmaster, or
    the folder if none runs) and no pytest that started before it still runs. A running
    pytest can only use a cluster it (or its xdist controller) started, so one started
    later can't be using it; another helper's long run started earlier keeps it."""
    try:
        born = postmaster.started if postmaster is not None else root.stat().st_mtime
    except OSError:
        return False
    if now - born < age:
        return False
    # The slack covers the clock-tick rounding of start times: when unsure, keep it.
    return not any(_is_pytest(p) and p.started <= born + 1.0 for p in procs.values())


def _stop(postmaster: Process, timeout: float = 30.0) -> None:
    """What `pg_ctl stop -m immediate` does (SIGQUIT to the postmaster), then wait for it
    to go. Unlike pg_ctl it signals only the process checked to be this cluster's."""
    running = _identity(postmaster.pid)
    if running is None:
        return
    try:
        os.kill(postmaster.pid, signal.SIGQUIT)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while _identity(postmaster.pid) == running and time.monotonic() < deadline:
        time.sleep(0.05)


def reap_leftovers(
    bin_dir: Path | None,
    tmp: Path | None = None,
    *,
    procs: Mapping[int, Process] | None = None,
    now: float | None = None,
    unowned_age: float = UNOWNED_AGE,
) -> list[Path]:
    """Stop and delete the clusters whose test process died without stopping them (its
    watchdog killed too); the folders reaped.

    A folder with an owner record is reaped when that process is gone (a pid reused
    since doesn't count: the record has its start time). A folder without one (leaked by
    a run killed before clusters named their process) is reaped only when it looks
    abandoned: see `_unowned_abandoned`; where there is no /proc to tell, it is left.
    Only a postmaster whose command line names the folder's data directory is signalled
    (without /proc, an owned cluster is stopped by `pg_ctl` from `bin_dir`, as before).
    `procs` and `now` are for the tests: a snapshot of `processes()`, and time.time()."""
    reaped: list[Path] = []
    for root in sorted(Path(tmp or tempfile.gettempdir()).glob(f"{PREFIX}*")):
        if not root.is_dir():
            continue
        gone = _owner_gone(root)
        if gone is False:
            continue
        if procs is None:
            procs = processes()
        postmaster = _postmaster(root, procs)
        if gone is None and (
            not procs
            or not _unowned_abandoned(
                root, postmaster, procs, time.time() if now is None else now, unowned_age
            )
        ):
            continue
        if postmaster is not None:
            _stop(postmaster)
        elif not procs and bin_dir is not None:
            stop_cluster(str(bin_dir / "pg_ctl"), str(root / "data"), _cluster_owner())
        shutil.rmtree(root, ignore_errors=True)
        reaped.append(root)
    return reaped


def _cluster_owner() -> str | None:
    # initdb refuses to run as root; the Debian package's `postgres` user owns the cluster.
    return "postgres" if os.geteuid() == 0 else None


def _start_watchdog(
    bin_dir: Path, root: Path, owner: str | None
) -> tuple[subprocess.Popen[bytes], list[int]]:
    """The watchdog child, and (in a list, emptied when closed) the pipe end whose
    closing, by this process or by its death, makes it stop the cluster."""
    read_end, write_end = os.pipe()  # neither inherited by other children (PEP 446)
    try:
        watchdog = subprocess.Popen(
            [
                sys.executable,
                str(WATCHDOG),
                str(bin_dir / "pg_ctl"),
                str(root / "data"),
                str(root),
                *([owner] if owner else []),
            ],
            stdin=read_end,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # out of reach of signals to the test's process group
        )
    except BaseException:
        os.close(write_end)
        raise
    finally:
        os.close(read_end)
    held = [write_end]

    def close_in_child() -> None:
        # A forked child (multiprocessing) would hold the pipe open past our death.
        if held:
            os.close(held[0])

    os.register_at_fork(after_in_child=close_in_child)
    return watchdog, held


@contextmanager
def throwaway_cluster(bin_dir: Path, settings: Mapping[str, str] | None = None) -> Iterator[str]:
    """Start a cluster in a temporary folder, watched; yield its URL; stop and delete it.
    `settings`: more server settings (bench/shards.py loads pg_stat_statements)."""
    reap_leftovers(bin_dir)
    owner = _cluster_owner()
    root = Path(tempfile.mkdtemp(prefix=PREFIX))
    (root / OWNER_FILE).write_text(f"{os.getpid()} {_identity(os.getpid())}")
    data, sockets = root / "data", root / "run"
    sockets.mkdir()
    if owner:
        shutil.chown(root, owner)
        shutil.chown(sockets, owner)
    port = _free_port()
    user = owner or "paddock"
    watchdog, held = _start_watchdog(bin_dir, root, owner)
    try:
        subprocess.run(
            _as_owner(
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    user,
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--no-sync",
                ],
                owner,
            ),
            check=True,
            capture_output=True,
        )
        options = (
            f"-k {sockets} -p {port} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        for name, value in (settings or {}).items():
            options += f" -c {name}={value}"
        subprocess.run(
            _as_owner(
                [
                    str(bin_dir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(root / "log"),
                    "-w",
                    "-o",
                    options,
                    "start",
                ],
                owner,
            ),
            check=True,
            capture_output=True,
        )
        yield f"postgresql://{user}@/postgres?host={sockets}&port={port}"
    finally:
        # Closing the pipe is the watchdog's signal: it stops the cluster and deletes it.
        os.close(held.pop())
        try:
            watchdog.wait(timeout=90)
        except subprocess.TimeoutExpired:
            watchdog.kill()
            watchdog.wait()
            stop_cluster(str(bin_dir / "pg_ctl"), str(data), owner)
            shutil.rmtree(root, ignore_errors=True)


def with_database(url: str, name: str) -> str:
    """`url` pointing at the database `name` instead."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


async def _admin(url: str, *statements: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


async def _build_template(url: str) -> None:
    await _admin(
        url,
        f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)",
        f"CREATE DATABASE {TEMPLATE}",
    )
    db = PostgresDatabase(with_database(url, TEMPLATE))
    await db.connect()
    try:
        await db.migrate()
    finally:
        await db.close()


def prepare_template(url: str) -> None:
    """Migrate the template once per session (called outside any running event loop)."""
    asyncio.run(_build_template(url))


async def fresh_database(url: str) -> str:
    """A new database copied from the migrated template; its URL."""
    name = f"paddock_test_{os.getpid()}_{next(_names)}"
    await _admin(url, f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} STRATEGY FILE_COPY")
    return with_database(url, name)


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


async def empty_database(test_url: str) -> None:
    """Every table emptied and every sequence restarted: as the template left it.

    Only the tables holding rows are truncated (with CASCADE, whatever references them),
    and only the sequences that have handed out a value are restarted: a TRUNCATE of all
    17 tables took ~250 ms (each gets new files), of the two or three a test used ~10."""
    import asyncpg

    conn = await asyncpg.connect(test_url)
    try:
        tables = [
            r[0]
            for r in await conn.fetch(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "AND tablename <> 'paddock_schema'"
            )
        ]
        probe = " UNION ALL ".join(
            f"SELECT {i}::int WHERE EXISTS (SELECT 1 FROM {_ident(t)})"
            for i, t in enumerate(tables)
        )
        filled = [r[0] for r in await conn.fetch(probe)] if tables else []
        # last_value is NULL until a sequence's first nextval, and again once restarted.
        used = [
            r[0]
            for r in await conn.fetch(
                "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() "
                "AND last_value IS NOT NULL"
            )
        ]
        statements = [f"ALTER SEQUENCE {_ident(s)} RESTART" for s in used]
        if filled:
            names = ", ".join(_ident(tables[i]) for i in filled)
            statements.insert(0, f"TRUNCATE {names} CASCADE")
        if statements:
            await conn.execute("; ".join(statements))
    finally:
        await conn.close()


async def drop_database(url: str, test_url: str) -> None:
    name = urlsplit(test_url).path.lstrip("/")
    await _admin(url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def reopened(db: Database) -> Database:
    """A second, unconnected handle on the same database as `db` (either backend)."""

    if isinstance(db, PostgresDatabase):
        return PostgresDatabase(db.url)
    if isinstance(db, SQLiteDatabase):
        return SQLiteDatabase(db.path)
    raise TypeError(f"unknown database {db!r}")
