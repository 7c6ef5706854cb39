"""A PostgreSQL server for the tests: the one named by PADDOCK_TEST_POSTGRES, or a
throwaway cluster of our own when PostgreSQL's binaries are installed.

`.ci/run` starts a cluster and exports PADDOCK_TEST_POSTGRES; a plain `pytest` on a
machine with `initdb` and `pg_ctl` on PATH (or in /usr/lib/postgresql/*/bin) starts one
itself, once per session, in a temporary folder: a unix socket only, a free port, no
fsync (the data is thrown away), stopped when the session ends. Without either, the
PostgreSQL half of the service tests is skipped with a reason.

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
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from glob import glob
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bot.db import Database, SQLiteDatabase
from bot.db.postgres import PostgresDatabase

ENV = "PADDOCK_TEST_POSTGRES"
# Per process, so pytest-xdist workers sharing one server never drop each other's template.
TEMPLATE = f"paddock_template_{os.getpid()}"
_names = itertools.count(1)


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
    # initdb refuses to run as root; the Debian package's `postgres` user owns the cluster.
    return ["runuser", "-u", owner, "--", *command] if owner else command


@contextmanager
def throwaway_cluster(bin_dir: Path) -> Iterator[str]:
    """Start a cluster in a temporary folder; yield its URL; stop and delete it."""
    owner = "postgres" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="paddock-pg-"))
    data, sockets = root / "data", root / "run"
    sockets.mkdir()
    if owner:
        shutil.chown(root, owner)
        shutil.chown(sockets, owner)
    port = _free_port()
    user = owner or "paddock"
    try:
        subprocess.run(
            _as_owner(
                [str(bin_dir / "initdb"), "-D", str(data), "-U", user, "-A", "trust",
                 "-E", "UTF8", "--no-sync"],
                owner,
            ),
            check=True,
            capture_output=True,
        )
        options = (
            f"-k {sockets} -p {port} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        subprocess.run(
            _as_owner(
                [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w",
                 "-o", options, "start"],
                owner,
            ),
            check=True,
            capture_output=True,
        )
        try:
            yield f"postgresql://{user}@/postgres?host={sockets}&port={port}"
        finally:
            subprocess.run(
                _as_owner(
                    [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                    owner,
                ),
                check=False,
                capture_output=True,
            )
    finally:
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
