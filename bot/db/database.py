"""The one place that owns the SQLite connections.

Two aiosqlite connections share one file in WAL mode: a writer, used only
inside `transaction()` under a lock so writes are serialised and short, and a
read-only connection for queries, so a reader never sees a write that has not
committed yet.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

from bot.errors import DatabaseFileError

log = logging.getLogger(__name__)

Row = sqlite3.Row
T = TypeVar("T")
SQLITE_HEADER = b"SQLite format 3\x00"
# Most queued writes that share one transaction. Small, so that in a burst the
# first answers go out while later writes are still running: a WAL commit with
# synchronous=NORMAL costs no fsync, and the bench's N = 200 RSVP burst ran about
# 15 % faster with 10 than with 100.
WRITE_BATCH = 10
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def migration_files() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every bundled migration, in order."""
    found: list[tuple[int, str, str]] = []
    folder = resources.files("bot.db") / "migrations"
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 0001, 0002, ... without gaps: {versions}")
    return found


def check_database_file(path: Path) -> None:
    """Refuse, without touching it, a file that is not SQLite."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseFileError(
            f"{path} exists but is not a SQLite database; move it away or set PADDOCK_DATABASE "
            "to another file"
        )


class Database:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._writer: aiosqlite.Connection | None = None
        self._reader: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()
        self._queued: list[tuple[Callable[[SyncTransaction], Any], asyncio.Future[Any]]] = []
        self._drainer: asyncio.Task[None] | None = None
        self._closed = False

    # -- lifecycle -------------------------------------------------------
    async def connect(self) -> None:
        check_database_file(self.path)
        try:
            self._writer = await self._open(readonly=False)
            await self._writer.execute("PRAGMA journal_mode=WAL")
            await self._writer.execute("PRAGMA synchronous=NORMAL")
            result = list(await self._writer.execute_fetchall("PRAGMA quick_check"))
            if not result or result[0][0] != "ok":
                raise DatabaseFileError(
                    f"{self.path} is damaged: {result[0][0] if result else '?'}"
                )
            self._reader = await self._open(readonly=True)
        except sqlite3.DatabaseError as exc:
            await self.close()
            raise DatabaseFileError(f"{self.path} cannot be opened as SQLite: {exc}") from None
        except DatabaseFileError:
            await self.close()
            raise

    async def _open(self, *, readonly: bool) -> aiosqlite.Connection:
        conn = await aiosqlite.connect(self.path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        # foreign_keys and busy_timeout are per connection, so both get them.
        await conn.execute("PRAGMA foreign_keys=ON")
        await conn.execute("PRAGMA busy_timeout=5000")
        if readonly:
            await conn.execute("PRAGMA query_only=ON")
        return conn

    async def close(self) -> None:
        """Wait for the write in flight, then close both connections."""
        async with self._write_lock:
            self._closed = True
            for conn in (self._reader, self._writer):
                if conn is not None:
                    await conn.close()
            self._reader = self._writer = None

    @property
    def is_open(self) -> bool:
        return self._writer is not None and not self._closed

    # -- migrations ------------------------------------------------------
    async def user_version(self) -> int:
        row = await self.fetchone("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def migrate(self) -> list[str]:
        """Apply pending migrations, each in its own transaction. Returns their names."""
        applied: list[str] = []
        writer = self._require(self._writer)
        for version, name, sql in migration_files():
            async with self._write_lock:
                rows = list(await writer.execute_fetchall("PRAGMA user_version"))
                current = rows[0][0]
                if version <= current:
                    continue
                try:
                    await writer.executescript(
                        f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;"
                    )
                except sqlite3.Error:
                    if writer.in_transaction:
                        await writer.rollback()
                    raise
            log.info("applied migration %s", name)
            applied.append(name)
        return applied

    # -- queries ---------------------------------------------------------
    # Each call below is one trip to the connection's thread (aiosqlite's
    # execute + fetchone + close would be three), so a busy event loop, which
    # every trip has to wait for, slows a transaction as little as possible.
    async def fetchone(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Row | None:
        return await _run(self._require(self._reader), _fetchone, sql, params)

    async def fetchall(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        rows = await self._require(self._reader).execute_fetchall(sql, params)
        return list(rows)

    async def fetchval(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """A short serialised write transaction; commits on exit, rolls back on error."""
        async with self._write_lock:
            writer = self._require(self._writer)
            await writer.execute("BEGIN IMMEDIATE")
            try:
                yield Transaction(writer)
            except BaseException:
                await writer.rollback()
                raise
            else:
                await writer.commit()

    async def write(self, fn: Callable[[SyncTransaction], T]) -> T:
        """Run `fn` as one write on the writer's thread, sharing a trip with the writes
        that queued up meanwhile.

        `fn` gets a SyncTransaction (Transaction's methods, not async) and must not touch
        the event loop. Writes queued together run in order in one BEGIN IMMEDIATE ...
        COMMIT, each inside its own savepoint: one that raises is rolled back alone and
        its caller gets the exception. Every caller hears back only after the COMMIT, so
        "done" still means "committed". `transaction()` costs a trip through the event
        loop per statement; under a burst the loop is busy and every trip is slow.
        """
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._queued.append((fn, future))
        if self._drainer is None or self._drainer.done():
            self._drainer = loop.create_task(self._drain_writes())
        return await future

    async def _drain_writes(self) -> None:
        while self._queued:
            async with self._write_lock:
                batch = [w for w in self._queued[:WRITE_BATCH] if not w[1].cancelled()]
                del self._queued[:WRITE_BATCH]
                if not batch:
                    continue
                try:
                    writer = self._require(self._writer)
                    outcomes = await _run(writer, _in_batch, [fn for fn, _ in batch])
                except asyncio.CancelledError:
                    for _, future in batch:
                        future.cancel()
                    raise
                except BaseException as exc:
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(exc)
                    continue
                for (_, future), (ok, value) in zip(batch, outcomes, strict=True):
                    if future.done():
                        continue
                    if ok:
                        future.set_result(value)
                    else:
                        future.set_exception(value)

    async def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        """One statement in its own transaction; returns the affected row count."""
        async with self.transaction() as tx:
            return await tx.execute(sql, params)

    async def backup(self, target: Path) -> None:
        """A consistent online copy through SQLite's backup API."""
        target.parent.mkdir(parents=True, exist_ok=True)
        dest = await aiosqlite.connect(target)
        try:
            await self._require(self._reader).backup(dest)
        finally:
            await dest.close()

    async def table_counts(self) -> dict[str, int]:
        tables = await self.fetchall(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
        counts: dict[str, int] = {}
        for row in tables:
            name = row["name"]
            counts[name] = int(await self.fetchval(f'SELECT COUNT(*) FROM "{name}"'))
        return counts

    # -- key/value meta --------------------------------------------------
    async def get_meta(self, key: str) -> str | None:
        return await self.fetchval("SELECT value FROM meta WHERE key = ?", (key,))

    async def set_meta(self, key: str, value: str) -> None:
        await self.execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    @staticmethod
    def _require(conn: aiosqlite.Connection | None) -> aiosqlite.Connection:
        if conn is None:
            raise RuntimeError("database is not connected")
        return conn


def _fetchone(conn: sqlite3.Connection, sql: str, params: Any) -> Row | None:
    cursor = conn.execute(sql, params)
    try:
        row: Row | None = cursor.fetchone()
        return row
    finally:
        cursor.close()


def _rowcount(conn: sqlite3.Connection, sql: str, params: Any) -> int:
    cursor = conn.execute(sql, params)
    try:
        return cursor.rowcount
    finally:
        cursor.close()


def _lastrowid(conn: sqlite3.Connection, sql: str, params: Any) -> int:
    cursor = conn.execute(sql, params)
    try:
        return int(cursor.lastrowid or 0)
    finally:
        cursor.close()


async def _run(conn: aiosqlite.Connection, fn: Callable[..., T], *args: Any) -> T:
    """Run `fn(sqlite3_connection, *args)` on the connection's own thread, in one trip."""
    raw = conn._conn  # raises if the connection is closed, like every aiosqlite call
    return await conn._execute(fn, raw, *args)


def _in_batch(
    conn: sqlite3.Connection, fns: list[Callable[[SyncTransaction], Any]]
) -> list[tuple[bool, Any]]:
    """Run each write in its own savepoint inside one transaction; (ok, result or error)."""
    outcomes: list[tuple[bool, Any]] = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        for fn in fns:
            conn.execute("SAVEPOINT paddock_write")
            try:
                result = fn(SyncTransaction(conn))
            except Exception as exc:
                conn.execute("ROLLBACK TO paddock_write")
                conn.execute("RELEASE paddock_write")
                outcomes.append((False, exc))
            else:
                conn.execute("RELEASE paddock_write")
                outcomes.append((True, result))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return outcomes


class SyncTransaction:
    """The writer's sqlite3 connection inside `Database.write`: Transaction, not async."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        return _rowcount(self._conn, sql, params)

    def insert(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        return _lastrowid(self._conn, sql, params)

    def fetchone(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Row | None:
        return _fetchone(self._conn, sql, params)

    def fetchall(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        return list(self._conn.execute(sql, params).fetchall())

    def fetchval(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.fetchone(sql, params)
        return None if row is None else row[0]


class Transaction:
    """The writer connection, lent out for the length of one transaction."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        return await _run(self._conn, _rowcount, sql, params)

    async def insert(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        return await _run(self._conn, _lastrowid, sql, params)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        await self._conn.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Row | None:
        return await _run(self._conn, _fetchone, sql, params)

    async def fetchall(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Row]:
        return list(await self._conn.execute_fetchall(sql, params))

    async def fetchval(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]
