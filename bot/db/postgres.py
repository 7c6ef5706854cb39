"""The PostgreSQL backend (asyncpg): the same `Database` the services are written against.

`PADDOCK_DATABASE=postgresql://...` selects it (`bot.db.open_database`). Several Paddock
processes may share one database, so nothing here may rely on a single writer:

* **A write runs SERIALIZABLE and is retried** when PostgreSQL reports a
  serialization failure or a deadlock (up to WRITE_ATTEMPTS times, with a short random
  backoff), unless it says it is made correct by a row lock. A committed SERIALIZABLE
  write behaves as if the writes had run one after another, which is what the SQLite
  backend's single writer gives. A write function may therefore run more than once; it
  must not have effects outside its `Tx` (base.py says so for every backend).
* **`write(fn, row_lock=key)` runs READ COMMITTED**: `fn` locks the row it decides
  on first (`tx.lock`, SELECT ... FOR UPDATE), so writes of the same meet or counter
  take turns on that row and writes of different ones never meet. SERIALIZABLE's
  predicate locks are taken per index page, so unrelated writes of different servers
  failed each other (7-15 % of RSVP writes retried with 2-4 processes, bench/shards.py);
  a row lock has no such false conflicts. Deadlocks are still retried.
* Within one process, SERIALIZABLE writes take turns (WRITERS at a time), as on
  SQLite: letting them race each other only to be retried costs more than queueing
  them. Row-locked writes run LOCKED_WRITERS transactions at a time, those naming the
  same row one after another in the order asked for, up to WRITE_BATCH of them in one
  transaction (the row's lock would queue them inside PostgreSQL anyway, but in no
  particular order and each holding a connection); a batch in which one write fails
  runs again one write at a time, so only that write's caller hears the error. A
  batch of writes that each make one server-function call (an RSVP: `paddock_rsvp`,
  migration postgres/0013) sends those calls as one statement (`_Merge`): a batch of
  ten presses is three round trips (BEGIN, the calls, COMMIT) instead of twelve; one
  that asks for more (a promotion) runs the batch again one write after another.
  A write that arrives alone (a batch of one) and is one such call runs as one
  autocommitted statement, no BEGIN or COMMIT (`_AloneTx`, migration postgres/0014:
  the functions mark the outbox themselves and refuse, SQLSTATE PDK01, rolled back,
  when the write needs more, which then runs in a transaction): one round trip
  instead of three, so a press that finds no other press of its meet queued costs
  one wait on the server, not three.
  Measured (bench/shards.py, docs/scaling.md): a burst's round trips per press went
  from 3.2-3.3 to 0.30-0.42, a bot process's sleeps (voluntary context switches) per
  press from 0.64-1.04 to 0.09-0.26 with one process and from 0.94-1.10 to 0.64-0.74
  with four, and its CPU per press down by 16-24 %. Writes
  of different servers never touch the same rows, so their round trips overlap. Measured in one process, 1,200 RSVPs spread over 8 servers' meets: 4 at a
  time gave 30-60 % more presses a second than 1 and 10-15 % less CPU a press (on one
  meet, whose writes take turns anyway, no change). The pool (POOL_MAX) leaves
  connections for the reads.
* Unique constraints back the claims as well (one counter per meet, one history entry
  per meet, one answer per member), so a bug in a retry path still cannot duplicate.
* Reads run on their own pooled connections (READ COMMITTED, autocommit) and see only
  committed data, as on SQLite.
* Every round trip costs the bot CPU (asyncpg, the event loop) and the server a wake-up,
  so a pooled connection goes back without asyncpg's reset query (Paddock changes no
  session state: no SET, LISTEN, cursors or session advisory locks), and the hot writes
  keep their statements few (bot/services/meets/service.py, `rsvp`).

The statements are the services' own, written in the portable subset base.py describes;
`to_postgres` rewrites the little that differs: `?` placeholders become `$1, $2, ...`,
`LIKE` becomes `ILIKE` (SQLite's LIKE ignores case), and `COLLATE NOCASE` is dropped
because the columns compared that way are `citext` here. Timestamps are stored as the
same fixed-width UTC text as on SQLite (bot/db/rows.py), so they compare, sort and copy
(`python -m bot migrate-db`) the same way on both.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import random
import re
from collections.abc import Awaitable, Hashable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Final, TypeVar

import asyncpg

from bot.db.base import Database, Params, Row, Tx, WriteFn
from bot.db.database import Trace, bind
from bot.errors import DatabaseFileError

log = logging.getLogger(__name__)

T = TypeVar("T")
WRITE_ATTEMPTS = 50
# Most row-locked writes of one row run in one transaction, as SQLite's WRITE_BATCH.
WRITE_BATCH = 10
WRITERS = 1  # SERIALIZABLE writes in flight per process
LOCKED_WRITERS = 4  # row-locked writes in flight per process
POOL_MAX = 10
# Serializes migrations between processes starting at the same time.
_MIGRATION_LOCK = 0x5061646B  # "Padk"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_RETRY = (asyncpg.SerializationError, asyncpg.DeadlockDetectedError)
_BEGIN = {
    "serializable": "BEGIN ISOLATION LEVEL SERIALIZABLE",
    "read_committed": "BEGIN ISOLATION LEVEL READ COMMITTED",
}


def is_postgres_url(target: str | Path) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def postgres_migration_files() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every bundled PostgreSQL migration, in order."""
    found: list[tuple[int, str, str]] = []
    folder = resources.files("bot.db") / "migrations" / "postgres"
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 0001, 0002, ... without gaps: {versions}")
    return found


# -- the SQL dialect ------------------------------------------------------------
_LITERAL_OR_MARK = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|--[^\n]*")
_LIKE = re.compile(r"\bLIKE\b", re.IGNORECASE)
_NOCASE = re.compile(r"\s+COLLATE\s+NOCASE\b", re.IGNORECASE)


@functools.lru_cache(maxsize=2048)
def to_postgres(sql: str) -> str:
    """A portable statement in PostgreSQL's dialect (string literals left as they are)."""
    out: list[str] = []
    number = 0
    last = 0
    for match in _LITERAL_OR_MARK.finditer(sql):
        out.append(_dialect(sql[last : match.start()]))
        token = match.group(0)
        if token == "?":
            number += 1
            token = f"${number}"
        out.append(token)
        last = match.end()
    out.append(_dialect(sql[last:]))
    return "".join(out)


def _dialect(code: str) -> str:
    return _LIKE.sub("ILIKE", _NOCASE.sub("", code))


def _args(params: Params) -> list[Any]:
    if isinstance(params, Mapping):
        raise TypeError("named parameters are not portable; use ? placeholders")
    return list(bind(params))


def _changed(status: str) -> int:
    """Rows a statement changed, from asyncpg's command tag ('UPDATE 3', 'INSERT 0 1')."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class _PgTx:
    """The Tx a write function gets: one connection inside one transaction."""

    __slots__ = ("_conn", "_deferred", "_trace")
    dialect: Final = "postgresql"
    alone: Final = False

    def __init__(self, conn: asyncpg.Connection, trace: Trace | None) -> None:
        self._conn = conn
        self._trace = trace
        self._deferred: list[str] = []

    async def defer(self, sql: str, params: Sequence[int] = ()) -> None:
        if self._trace is not None:
            self._trace(sql, params)
        self._deferred.append(_with_integers(sql, params))

    @property
    def connection(self) -> asyncpg.Connection:
        return self._conn

    @property
    def trace(self) -> Trace | None:
        return self._trace

    def commit_sql(self) -> str:
        """The deferred statements and the COMMIT, one simple query: one round trip."""
        return ";\n".join([*self._deferred, "COMMIT"])

    async def execute(self, sql: str, params: Params = ()) -> int:
        if self._trace is not None:
            self._trace(sql, params)
        return _changed(await self._conn.execute(to_postgres(sql), *_args(params)))

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        if self._trace is not None:
            self._trace(sql, params)
        row: Row | None = await self._conn.fetchrow(to_postgres(sql), *_args(params))
        return row

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        if self._trace is not None:
            self._trace(sql, params)
        rows: list[Row] = await self._conn.fetch(to_postgres(sql), *_args(params))
        return rows

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    async def lock(self, sql: str, params: Params = ()) -> Row | None:
        if self._trace is not None:
            self._trace(sql, params)
        row: Row | None = await self._conn.fetchrow(_for_update(sql), *_args(params))
        return row


def _with_integers(sql: str, params: Sequence[int]) -> str:
    """A portable statement with its integer parameters written in, for the simple
    query protocol (which takes no parameters). Integers only, checked: nothing a
    member typed ever reaches SQL text."""
    values = iter(params)
    out: list[str] = []
    last = 0
    for match in _LITERAL_OR_MARK.finditer(sql):
        out.append(_dialect(sql[last : match.start()]))
        token = match.group(0)
        if token == "?":
            value = next(values, None)
            if type(value) is not int:
                raise TypeError(f"deferred statements take integers only, not {value!r}")
            token = str(value)
        out.append(token)
        last = match.end()
    out.append(_dialect(sql[last:]))
    if next(values, None) is not None:
        raise ValueError("more parameters than placeholders")
    return "".join(out)


@functools.lru_cache(maxsize=256)
def _for_update(sql: str) -> str:
    return f"{to_postgres(sql)} FOR UPDATE"


# A server function called alone, `SELECT paddock_x(?, ..., ?)`: what a merged batch
# sends in one statement for all its writes (`_Merge`).
_SERVER_CALL = re.compile(r"^SELECT (paddock_[a-z0-9_]+)\((\?(?:, \?)*)\)$")
# The calls' parameter types, by statement (asked of the server once per process).
_CALL_TYPES: dict[str, list[str]] = {}


class _NotMerged(Exception):
    """A write of a merged batch asked for something other than its one server call."""

    def __init__(self, sql: str, *, first: bool) -> None:
        super().__init__(sql)
        self.first = first  # its first statement: it never merges


class _Merge:
    """A batch's writes run side by side, each up to its one server-function call; the
    calls go to the server as one statement, in the batch's order (each call sees what
    the ones before it wrote, as if they had run one after another), and each write
    goes on with its own result. A write that asks for any other statement, or a second
    call, raises _NotMerged: the batch then runs again, one write after another."""

    def __init__(self, tx: _PgTx, fns: list[WriteFn[Any]]) -> None:
        self.tx = tx
        self.fns = fns
        self.size = len(fns)
        # The code of writes whose first statement was no server call: they never merge.
        self.never: set[object] = set()
        self.calls: dict[int, tuple[str, list[Any], asyncio.Future[Any]]] = {}
        self.arrived = 0  # writes that made their call or finished without one
        self.all_in = asyncio.Event()

    def arrive(self) -> None:
        self.arrived += 1
        if self.arrived == self.size:
            self.all_in.set()

    async def call(self, index: int, sql: str, params: Params) -> Any:
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.calls[index] = (sql, _args(params), future)
        self.arrive()
        return await future

    async def run(self) -> list[Any]:
        loop = asyncio.get_running_loop()
        tasks = []
        for index, fn in enumerate(self.fns):
            task = loop.create_task(_awaited(fn(_MergeTx(self, index))))
            task.add_done_callback(functools.partial(self._finished, index))
            tasks.append(task)
        try:
            await self.all_in.wait()
            for task in tasks:
                if task.done() and task.exception() is not None:
                    raise task.exception()  # type: ignore[misc]
            if self.calls:
                await self._send()
            return list(await asyncio.gather(*tasks))
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    def _finished(self, index: int, task: asyncio.Task[Any]) -> None:
        if not task.cancelled():
            error = task.exception()
            if isinstance(error, _NotMerged) and error.first:
                self.never.add(_code(self.fns[index]))
        if index not in self.calls:
            self.arrive()

    async def _send(self) -> None:
        calls = [self.calls[i] for i in sorted(self.calls)]
        sql = calls[0][0]
        if any(other != sql for other, _, _ in calls):
            raise _NotMerged(sql, first=False)
        conn = self.tx.connection
        types = _CALL_TYPES.get(sql)
        if types is None:
            statement = await conn.prepare(to_postgres(sql))
            types = _CALL_TYPES[sql] = [t.name for t in statement.get_parameters()]
        columns = [list(column) for column in zip(*(a for _, a, _ in calls), strict=True)]
        rows = await conn.fetch(_merged_sql(sql, tuple(types)), *columns)
        if len(rows) != len(calls):
            raise RuntimeError(f"{len(rows)} results for {len(calls)} calls of {sql}")
        for (_, _, future), row in zip(calls, rows, strict=True):
            future.set_result(row[0])


async def _awaited(result: Awaitable[T]) -> T:
    return await result


def _code(fn: WriteFn[Any]) -> object:
    """What tells one kind of write from another (a function's code, whatever it closes over)."""
    return getattr(fn, "__code__", None)


@functools.lru_cache(maxsize=64)
def _merged_sql(sql: str, types: tuple[str, ...]) -> str:
    """`SELECT paddock_x(?, ?)` for many rows of parameters, one array each, in order."""
    match = _SERVER_CALL.match(sql)
    assert match is not None
    names = [f"p{i}" for i in range(1, len(types) + 1)]
    arrays = ", ".join(f"${i}::{t}[]" for i, t in enumerate(types, start=1))
    return (
        f"SELECT r FROM unnest({arrays}) WITH ORDINALITY AS a({', '.join(names)}, i) "
        f"CROSS JOIN LATERAL {match.group(1)}({', '.join('a.' + n for n in names)}) AS r "
        "ORDER BY a.i"
    )


class _MergeTx:
    """The Tx each write of a merged batch gets: its one server call, and its marks."""

    __slots__ = ("_called", "_index", "_merge")
    dialect: Final = "postgresql"
    alone: Final = False

    def __init__(self, merge: _Merge, index: int) -> None:
        self._merge = merge
        self._index = index
        self._called = False

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        if self._called or _SERVER_CALL.match(sql) is None:
            raise _NotMerged(sql, first=not self._called)
        self._called = True
        trace = self._merge.tx.trace
        if trace is not None:
            trace(sql, params)
        return await self._merge.call(self._index, sql, params)

    async def defer(self, sql: str, params: Sequence[int] = ()) -> None:
        await self._merge.tx.defer(sql, params)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        raise _NotMerged(sql, first=not self._called)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        raise _NotMerged(sql, first=not self._called)

    async def execute(self, sql: str, params: Params = ()) -> int:
        raise _NotMerged(sql, first=not self._called)

    async def lock(self, sql: str, params: Params = ()) -> Row | None:
        raise _NotMerged(sql, first=not self._called)


# Raised by a server function asked to finish alone (p_alone) when the write needs more
# than its call (migration postgres/0014): the statement is rolled back whole.
_NEEDS_TRANSACTION = "PDK01"


@functools.lru_cache(maxsize=64)
def _alone_sql(sql: str) -> str:
    """`SELECT paddock_x(...)` as `SELECT * FROM paddock_x(...)`: the same call and
    result, but another statement to pg_stat_statements, so bench/shards.py can tell a
    press that ran alone from a call inside a transaction."""
    match = _SERVER_CALL.match(sql)
    assert match is not None
    return f"SELECT * FROM {to_postgres(sql).removeprefix('SELECT ')}"


class _AloneTx:
    """The Tx of a write that arrived alone (a batch of one): its first statement must be
    one server-function call, sent as one autocommitted statement (no BEGIN, no COMMIT:
    one round trip instead of three), and it asks for nothing after it. A write whose
    first statement is anything else raises _NotMerged(first=True) before anything ran,
    and runs in a transaction; a call the function refuses to finish alone (SQLSTATE
    PDK01, rolled back) raises _NotMerged(first=False) and runs again in a transaction.
    A statement or mark after the call is a bug in the write: the call has committed."""

    __slots__ = ("_called", "_conn", "_trace")
    dialect: Final = "postgresql"
    alone: Final = True

    def __init__(self, conn: asyncpg.Connection, trace: Trace | None) -> None:
        self._conn = conn
        self._trace = trace
        self._called = False

    def _refuse(self, sql: str) -> _NotMerged:
        if self._called:
            raise RuntimeError(f"a write run alone asked for more after its call: {sql}")
        return _NotMerged(sql, first=True)

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        if self._called or _SERVER_CALL.match(sql) is None:
            raise self._refuse(sql)
        self._called = True
        if self._trace is not None:
            self._trace(sql, params)
        try:
            return await self._conn.fetchval(_alone_sql(sql), *_args(params))
        except asyncpg.PostgresError as exc:
            if exc.sqlstate == _NEEDS_TRANSACTION:
                raise _NotMerged(sql, first=False) from None
            raise

    async def defer(self, sql: str, params: Sequence[int] = ()) -> None:
        raise self._refuse(sql)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        raise self._refuse(sql)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        raise self._refuse(sql)

    async def execute(self, sql: str, params: Params = ()) -> int:
        raise self._refuse(sql)

    async def lock(self, sql: str, params: Params = ()) -> Row | None:
        raise self._refuse(sql)


def _settle(future: asyncio.Future[Any], value: Any, *, failed: bool = False) -> None:
    if future.done():  # its caller gave up waiting; the write stands
        return
    if failed:
        future.set_exception(value)
    else:
        future.set_result(value)


async def _keep_session(conn: asyncpg.Connection) -> None:
    """The pool's reset on release: nothing to undo (asyncpg has already rolled back an
    open transaction). Its default, `RESET ALL`, `UNLISTEN *` and the like, would be
    one more round trip for every read and write."""


class PostgresDatabase(Database):
    def __init__(self, url: str, *, trace: Trace | None = None, pool_max: int = POOL_MAX) -> None:
        self.url = url
        self.trace = trace
        self._pool_max = pool_max
        self._pool: asyncpg.Pool | None = None
        self._closed = False
        self._writers = asyncio.Semaphore(WRITERS)
        self._locked_writers = asyncio.Semaphore(LOCKED_WRITERS)
        # Row-locked writes waiting, per row named, and the row keys being drained.
        self._row_queues: dict[Hashable, list[tuple[WriteFn[Any], asyncio.Future[Any]]]] = {}
        self._drainers: dict[Hashable, asyncio.Task[None]] = {}
        # The kinds of row-locked write that never merge (`_Merge`): they run in order.
        self._unmerged: set[object] = set()
        # The kinds of row-locked write that never run alone (`_AloneTx`).
        self._not_alone: set[object] = set()

    # -- lifecycle -------------------------------------------------------
    async def connect(self) -> None:
        self._closed = False
        try:
            self._pool = await asyncpg.create_pool(
                self.url,
                min_size=1,
                max_size=self._pool_max,
                command_timeout=60,
                reset=_keep_session,
            )
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            raise DatabaseFileError(f"cannot connect to PostgreSQL: {exc}") from None

    async def close(self) -> None:
        self._closed = True
        # Let the queued row-locked writes finish, as SQLite's close does.
        while self._drainers:
            await asyncio.gather(*self._drainers.values(), return_exceptions=True)
        pool, self._pool = self._pool, None
        if pool is not None:
            # Waits for the connections in use (the writes in flight) to be released.
            await pool.close()

    @property
    def is_open(self) -> bool:
        return self._pool is not None and not self._closed

    def _require_pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("database is not connected")
        return self._pool

    # -- migrations and maintenance ------------------------------------------
    async def user_version(self) -> int:
        async with self._require_pool().acquire() as conn:
            return await _schema_version(conn)

    async def migrate(self) -> list[str]:
        applied: list[str] = []
        async with self._require_pool().acquire() as conn:
            for version, name, sql in postgres_migration_files():
                async with conn.transaction():
                    await conn.execute("SELECT pg_advisory_xact_lock($1)", _MIGRATION_LOCK)
                    if await _schema_version(conn) >= version:
                        continue
                    await conn.execute(sql)
                    await conn.execute("UPDATE paddock_schema SET version = $1", version)
                log.info("applied migration %s", name)
                applied.append(name)
        return applied

    async def integrity_check(self) -> list[str]:
        """PostgreSQL keeps its own data consistent; what can drift is the schema."""
        latest = len(postgres_migration_files())
        version = await self.user_version()
        return [] if version <= latest else [f"schema version {version} is newer than {latest}"]

    async def backup(self, target: Path) -> None:
        raise RuntimeError("on PostgreSQL, back up with pg_dump (python -m bot backup is SQLite's)")

    # -- reading ---------------------------------------------------------
    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        if self.trace is not None:
            self.trace(sql, params)
        row: Row | None = await self._require_pool().fetchrow(to_postgres(sql), *_args(params))
        return row

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        if self.trace is not None:
            self.trace(sql, params)
        rows: list[Row] = await self._require_pool().fetch(to_postgres(sql), *_args(params))
        return rows

    # -- writing ---------------------------------------------------------
    async def execute(self, sql: str, params: Params = (), *, alone: bool = False) -> int:
        if not alone:
            return await super().execute(sql, params)
        if self._closed:
            raise RuntimeError("database is closed")
        if self.trace is not None:
            self.trace(sql, params)
        status = await self._require_pool().execute(to_postgres(sql), *_args(params))
        return _changed(status)

    async def write(self, fn: WriteFn[T], *, row_lock: Hashable | None = None) -> T:
        if self._closed:
            raise RuntimeError("database is closed")
        if row_lock is None:
            return await self._attempts(fn, "serializable", self._writers)
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._row_queues.setdefault(row_lock, []).append((fn, future))
        if row_lock not in self._drainers:
            self._drainers[row_lock] = loop.create_task(self._drain(row_lock))
        return await future

    async def _drain(self, key: Hashable) -> None:
        """The writes naming `key`, in the order asked for, up to WRITE_BATCH of them in
        one transaction (as SQLite's writer batches): the row is locked once more per
        write, but BEGIN and COMMIT are shared, so a burst of presses on one meet costs
        three round trips a press instead of five."""
        queue = self._row_queues[key]
        try:
            while queue:
                batch = [w for w in queue[:WRITE_BATCH] if not w[1].cancelled()]
                del queue[:WRITE_BATCH]
                if batch:
                    await self._run_batch(batch)
        finally:
            del self._drainers[key]
            if not queue:
                self._row_queues.pop(key, None)

    async def _run_batch(self, batch: list[tuple[WriteFn[Any], asyncio.Future[Any]]]) -> None:
        fns = [fn for fn, _ in batch]

        never: set[object] = set()

        async def merged(tx: Tx) -> list[Any]:
            assert isinstance(tx, _PgTx)
            merge = _Merge(tx, fns)
            try:
                return await merge.run()
            finally:
                never.update(merge.never)

        async def together(tx: Tx) -> list[Any]:
            return [await fn(tx) for fn in fns]

        try:
            if len(fns) == 1 and _code(fns[0]) not in self._not_alone:
                try:
                    results = [await self._attempts(fns[0], "alone", self._locked_writers)]
                except _NotMerged as refused:
                    if refused.first:
                        self._not_alone.add(_code(fns[0]))
                    results = await self._attempts(together, "read_committed", self._locked_writers)
            elif len(fns) > 1 and not any(_code(fn) in self._unmerged for fn in fns):
                try:
                    results = await self._attempts(merged, "read_committed", self._locked_writers)
                except _NotMerged:
                    self._unmerged.update(never)
                    results = await self._attempts(together, "read_committed", self._locked_writers)
            else:
                results = await self._attempts(together, "read_committed", self._locked_writers)
        except Exception as exc:
            if len(batch) == 1:
                _settle(batch[0][1], exc, failed=True)
                return
            # One of them failed (and took the others' work with it): each alone, so
            # only its own caller hears its error.
            for fn, future in batch:
                try:
                    result = await self._attempts(fn, "read_committed", self._locked_writers)
                except Exception as alone:
                    _settle(future, alone, failed=True)
                else:
                    _settle(future, result)
            return
        for (_, future), result in zip(batch, results, strict=True):
            _settle(future, result)

    async def _attempts(self, fn: WriteFn[T], isolation: str, turns: asyncio.Semaphore) -> T:
        pool = self._require_pool()
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                async with turns, pool.acquire() as conn:
                    return await self._transaction(conn, fn, isolation)
            except _RETRY:
                if attempt == WRITE_ATTEMPTS:
                    raise
            # Another process's write got there first (or, READ COMMITTED, two writes
            # locked rows in opposite orders): run again on the new state, after
            # a random pause that grows, so the losers don't collide again in step.
            await asyncio.sleep(random.uniform(0, 0.001 * 2 ** min(attempt, 7)))
        raise AssertionError("unreachable")

    async def _transaction(self, conn: asyncpg.Connection, fn: WriteFn[T], isolation: str) -> T:
        """`fn` in one transaction. BEGIN and COMMIT by hand rather than asyncpg's
        `transaction()`, so the deferred statements travel with the COMMIT. "alone": no
        transaction at all, `fn`'s one server call autocommits (`_AloneTx`)."""
        if isolation == "alone":
            return await fn(_AloneTx(conn, self.trace))
        await conn.execute(_BEGIN[isolation])
        tx = _PgTx(conn, self.trace)
        try:
            result = await fn(tx)
            await conn.execute(tx.commit_sql())
        except BaseException:
            # A failed COMMIT has ended the transaction already; anything else left it open.
            if not conn.is_closed() and conn.is_in_transaction():
                with contextlib.suppress(Exception):
                    await conn.execute("ROLLBACK")
            raise
        return result


async def _schema_version(conn: asyncpg.Connection) -> int:
    # The table (one row) is created here rather than by a migration, as SQLite's
    # user_version exists before any migration.
    await conn.execute(
        "CREATE TABLE IF NOT EXISTS paddock_schema (version integer NOT NULL);"
        "INSERT INTO paddock_schema (version) SELECT 0 "
        "WHERE NOT EXISTS (SELECT 1 FROM paddock_schema)"
    )
    return int(await conn.fetchval("SELECT version FROM paddock_schema"))


__all__ = ["PostgresDatabase", "is_postgres_url", "postgres_migration_files", "to_postgres"]
