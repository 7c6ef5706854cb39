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
process that started it (its pid and start time), and the next start stops and deletes
the clusters whose process is gone, in case a watchdog was killed as well.

The service tests share one database per session, copied from a template migrated once
(`CREATE DATABASE ... TEMPLATE`) and emptied after each test (`TRUNCATE ... RESTART
IDENTITY`, a few milliseconds, where a new database per test cost a few hundred); tests
that need a database of their own (migrate-db's) get a fresh copy.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
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


def reap_leftovers(bin_dir: Path, tmp: Path | None = None) -> list[Path]:
    """Stop and delete the clusters whose test process died without stopping them (its
    watchdog killed too); the folders reaped. A cluster whose process still runs is left
    alone, and so is a folder naming no process (just being made, or from before
    clusters named theirs)."""
    reaped: list[Path] = []
    owner = _cluster_owner()
    for root in sorted(Path(tmp or tempfile.gettempdir()).glob(f"{PREFIX}*")):
        try:
            pid, _, started = (root / OWNER_FILE).read_text().strip().partition(" ")
            alive = _identity(int(pid))
        except (OSError, ValueError):
            continue
        if alive is not None and alive == started:
            continue
        stop_cluster(str(bin_dir / "pg_ctl"), str(root / "data"), owner)
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


async def empty_database(test_url: str) -> None:
    """Every table emptied and every identity restarted: as the template left it."""
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
        await conn.execute(
            f"TRUNCATE {', '.join(f'{t!r}'.replace(chr(39), chr(34)) for t in tables)} "
            "RESTART IDENTITY CASCADE"
        )
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
