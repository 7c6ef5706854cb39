"""The SQLite backend: the one place that owns SQLite connections.

Each connection lives on a thread of its own, and nothing here touches a library's
internals:

* one writer connection (stdlib sqlite3 on a single-thread executor). `write(fn)` calls queue up; a drainer hands up to
  WRITE_BATCH of them at a time to the writer's thread, which runs them in one
  BEGIN IMMEDIATE ... COMMIT, each inside its own savepoint. One trip through the
  event loop and one COMMIT serve a whole burst of presses, and every caller hears
  back only after the COMMIT.
* READERS read-only connections through aiosqlite's public API (`query_only`),
  each on aiosqlite's own thread. In WAL mode a reader never waits
  for the writer and never sees uncommitted data; two of them mean a slow read
  (a background job's) doesn't hold up an autocomplete behind it.

A write function is an `async def` that awaits only its `Tx`. On the writer's thread
its coroutine is driven by hand (`send(None)`): the Tx's methods complete without
suspending, so the whole function runs there in one go, with no trip back to the
event loop per statement. Awaiting anything else would need the event loop, so it
is refused with an error (and that write alone is rolled back).

Why the writer is not an aiosqlite connection too: aiosqlite runs one statement (or
one cursor call) per trip to its thread and has no public way to run a whole
function there, so a write would cost a trip through the event loop per statement
and could not share a transaction with the writes queued behind it. Running a burst
of writes as one batch, one trip and one COMMIT, is what keeps RSVP bursts fast
(bench/README.md, "RSVP burst").
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import Callable, Coroutine, Hashable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Final, TypeVar

import aiosqlite

from bot.db.base import Database, Params, Row, Tx, WriteFn
from bot.db.rows import to_db
from bot.db.sql import fold
from bot.errors import DatabaseFileError

log = logging.getLogger(__name__)

T = TypeVar("T")
SQLITE_HEADER = b"SQLite format 3\x00"
# Most queued writes that share one transaction. Small, so that in a burst the
# first answers go out while later writes are still running: a WAL commit with
# synchronous=NORMAL costs no fsync, and the bench's N = 200 RSVP burst ran about
# 15 % faster with 10 than with 100.
WRITE_BATCH = 10
READERS = 2
BUSY_TIMEOUT_MS = 5000
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


# -- binding values --------------------------------------------------------
def _value(v: Any) -> Any:
    # datetime before date: a datetime is a date too.
    if isinstance(v, datetime):
        return to_db(v)
    if isinstance(v, date):
        return v.isoformat()
    return v


def bind(params: Params) -> Params:
    """Parameters as SQLite stores them: times in the one timestamp format."""
    if isinstance(params, Mapping):
        return {k: _value(v) for k, v in params.items()}
    return [_value(v) for v in params]


# -- on a connection's own thread -------------------------------------------
Trace = Callable[[str, Params], None]


class _SyncTx:
    """The Tx a write function gets: sqlite3 calls behind coroutine methods that never
    suspend, so `_drive` can run the whole function on the writer's thread."""

    __slots__ = ("_conn", "_trace")
    dialect: Final = "sqlite"
    alone: Final = False

    def __init__(self, conn: sqlite3.Connection, trace: Trace | None) -> None:
        self._conn = conn
        self._trace = trace

    async def execute(self, sql: str, params: Params = ()) -> int:
        if self._trace is not None:
            self._trace(sql, params)
        return _rowcount(self._conn, sql, params)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        if self._trace is not None:
            self._trace(sql, params)
        row: Row | None = _fetchone(self._conn, sql, params)
        return row

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        if self._trace is not None:
            self._trace(sql, params)
        rows: list[Row] = _fetchall(self._conn, sql, params)
        return rows

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    async def defer(self, sql: str, params: Sequence[int] = ()) -> None:
        await self.execute(sql, params)

    async def lock(self, sql: str, params: Params = ()) -> Row | None:
        # The writer holds the whole database until COMMIT: reading is locking.
        return await self.fetchone(sql, params)


def _fetchone(conn: sqlite3.Connection, sql: str, params: Params) -> Any:
    cursor = conn.execute(sql, bind(params))
    try:
        return cursor.fetchone()
    finally:
        cursor.close()


def _fetchall(conn: sqlite3.Connection, sql: str, params: Params) -> Any:
    return conn.execute(sql, bind(params)).fetchall()


def _rowcount(conn: sqlite3.Connection, sql: str, params: Params) -> int:
    cursor = conn.execute(sql, bind(params))
    try:
        # RETURNING rows must be stepped through before the statement is done.
        cursor.fetchall()
        return cursor.rowcount
    finally:
        cursor.close()


class _OneStatement:
    """`execute()`'s write: traced where it was called, in its caller's stack, rather
    than on the writer's thread where nothing tells who asked for it."""

    __slots__ = ("params", "sql")

    def __init__(self, sql: str, params: Params) -> None:
        self.sql = sql
        self.params = params

    async def __call__(self, tx: Tx) -> int:
        return await tx.execute(self.sql, self.params)


def _drive(coro: Coroutine[Any, Any, T]) -> T:
    """Run a write function's coroutine to its end, here and now."""
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    coro.close()
    raise RuntimeError(
        "a write function awaited something other than its transaction; read first, then write"
    )


def _in_batch(
    conn: sqlite3.Connection, fns: list[WriteFn[Any]], trace: Trace | None
) -> list[tuple[bool, Any]]:
    """Run each write in its own savepoint inside one transaction; (ok, result or error)."""
    outcomes: list[tuple[bool, Any]] = []
    tx, untraced = _SyncTx(conn, trace), _SyncTx(conn, None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for fn in fns:
            conn.execute("SAVEPOINT paddock_write")
            try:
                coro = fn(untraced if isinstance(fn, _OneStatement) else tx)
                if not isinstance(coro, Coroutine):
                    raise TypeError(f"write functions are `async def`; {fn!r} is not")
                result = _drive(coro)
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


def _migrate_one(conn: sqlite3.Connection, version: int, sql: str) -> bool:
    """Apply one migration unless the schema already has it; True if it was applied."""
    if conn.execute("PRAGMA user_version").fetchone()[0] >= version:
        return False
    try:
        conn.executescript(f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
    except sqlite3.Error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return True


class _Reader:
    """One read-only aiosqlite connection, and how many calls it has in flight."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn
        self.busy = 0  # calls in flight or queued, to pick the idlest reader

    @classmethod
    async def open(cls, path: Path) -> _Reader:
        conn = await aiosqlite.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.row_factory = sqlite3.Row
            await _setup(conn, readonly=True)
        except BaseException:
            await conn.close()
            raise
        return cls(conn)

    async def fetchall(self, sql: str, params: Params) -> list[Row]:
        self.busy += 1
        try:
            # One trip to the connection's thread: execute, fetch, close the cursor.
            rows = await self.conn.execute_fetchall(sql, bind(params))
        finally:
            self.busy -= 1
        return list(rows)

    async def fetchone(self, sql: str, params: Params) -> Row | None:
        self.busy += 1
        try:
            async with self.conn.execute(sql, bind(params)) as cursor:
                row: Row | None = await cursor.fetchone()
                return row
        finally:
            self.busy -= 1

    async def backup(self, target: Path) -> None:
        dest = await aiosqlite.connect(target)
        try:
            await self.conn.backup(dest)
        finally:
            await dest.close()

    async def close(self) -> None:
        await self.conn.close()


class _Connection:
    """One sqlite3 connection living on its own thread."""

    def __init__(self, name: str) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._conn: sqlite3.Connection | None = None

    async def open(self, path: Path) -> None:
        self._conn = await self._call(_open, path)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(connection, *args)` on this connection's thread."""
        if self._conn is None:
            raise RuntimeError("database is not connected")
        return await self._call(fn, self._conn, *args)

    async def _call(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    async def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            await self._call(conn.close)
        self._executor.shutdown(wait=False)


def _setup_statements(readonly: bool) -> list[str]:
    # foreign_keys and busy_timeout are per connection, so every one gets them.
    setup = ["PRAGMA foreign_keys=ON", f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}"]
    if readonly:
        setup.append("PRAGMA query_only=ON")
    else:
        setup += ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL"]
    # Reads the schema: a file that is not a database fails here, cheaply (the full
    # integrity check is `python -m bot check`; at 100 MB it takes about a second).
    setup.append("SELECT COUNT(*) FROM sqlite_schema")
    return setup


async def _setup(conn: aiosqlite.Connection, *, readonly: bool) -> None:
    for statement in _setup_statements(readonly):
        await conn.execute_fetchall(statement)


def _open(path: Path) -> sqlite3.Connection:
    """The writer's connection. isolation_level=None: we say BEGIN and COMMIT ourselves."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.row_factory = sqlite3.Row
        # Migrations key stored text with the same fold() the services use.
        conn.create_function("paddock_fold", 1, fold, deterministic=True)
        for statement in _setup_statements(readonly=False):
            conn.execute(statement).fetchall()
    except BaseException:
        conn.close()
        raise
    return conn


class SQLiteDatabase(Database):
    def __init__(self, path: Path | str, *, trace: Trace | None = None) -> None:
        self.path = Path(path)
        # Called with every statement, before it runs, in its caller's stack (tests use
        # it to check the plan of every query a service runs); None costs nothing.
        self.trace = trace
        self._writer: _Connection | None = None
        self._readers: list[_Reader] = []
        self._queued: list[tuple[WriteFn[Any], asyncio.Future[Any]]] = []
        self._drainer: asyncio.Task[None] | None = None
        self._write_lock = asyncio.Lock()
        self._closed = False

    # -- lifecycle -------------------------------------------------------
    async def connect(self) -> None:
        check_database_file(self.path)
        self._closed = False
        try:
            self._writer = _Connection("paddock-db-writer")
            await self._writer.open(self.path)
            for _ in range(READERS):
                self._readers.append(await _Reader.open(self.path))
        except sqlite3.DatabaseError as exc:
            await self._close_connections()
            raise DatabaseFileError(f"{self.path} cannot be opened as SQLite: {exc}") from None

    async def close(self) -> None:
        """Wait for the writes queued and in flight, then close every connection."""
        while self._drainer is not None and not self._drainer.done():
            await asyncio.shield(self._drainer)
        async with self._write_lock:
            self._closed = True
            await self._close_connections()

    async def _close_connections(self) -> None:
        readers, writer = self._readers, self._writer
        self._readers, self._writer = [], None
        for reader in readers:
            await reader.close()
        if writer is not None:
            await writer.close()

    @property
    def is_open(self) -> bool:
        return self._writer is not None and not self._closed

    def _reader(self) -> _Reader:
        if not self._readers:
            raise RuntimeError("database is not connected")
        return min(self._readers, key=lambda r: r.busy)

    def _require_writer(self) -> _Connection:
        if self._writer is None:
            raise RuntimeError("database is not connected")
        return self._writer

    # -- migrations and maintenance ------------------------------------------
    async def user_version(self) -> int:
        return int(await self.fetchval("PRAGMA user_version"))

    async def migrate(self) -> list[str]:
        applied: list[str] = []
        for version, name, sql in migration_files():
            async with self._write_lock:
                if not await self._require_writer().run(_migrate_one, version, sql):
                    continue
            log.info("applied migration %s", name)
            applied.append(name)
        return applied

    async def integrity_check(self) -> list[str]:
        rows = await self.fetchall("PRAGMA integrity_check")
        problems = [str(r[0]) for r in rows]
        return [] if problems == ["ok"] else problems

    async def backup(self, target: Path) -> None:
        """A consistent online copy through SQLite's backup API."""
        target.parent.mkdir(parents=True, exist_ok=True)
        await self._reader().backup(target)

    # -- reading ---------------------------------------------------------
    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        if self.trace is not None:
            self.trace(sql, params)
        return await self._reader().fetchone(sql, params)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        if self.trace is not None:
            self.trace(sql, params)
        return await self._reader().fetchall(sql, params)

    # -- writing ---------------------------------------------------------
    async def execute(self, sql: str, params: Params = (), *, alone: bool = False) -> int:
        # `alone` changes nothing here: every write already runs as if alone.
        if self.trace is not None:
            self.trace(sql, params)
        return await self.write(_OneStatement(sql, params))

    async def write(self, fn: WriteFn[T], *, row_lock: Hashable | None = None) -> T:
        # One writer: every write already runs as if alone and in the order asked for.
        if self._closed:
            raise RuntimeError("database is closed")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
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
                    writer = self._require_writer()
                    outcomes = await writer.run(_in_batch, [fn for fn, _ in batch], self.trace)
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


# Services are typed against `Database`; this is the one the bot builds.
__all__ = ["Database", "SQLiteDatabase", "Tx", "check_database_file", "migration_files"]
