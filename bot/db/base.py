"""What services see of the database: one interface, whatever stands behind it.

Services are written against `Database` and `Tx` only, never against a driver, so both
backends stand behind the same service code: `bot.db.database.SQLiteDatabase` (the
embedded default) and `bot.db.postgres.PostgresDatabase` (asyncpg, for several
processes on one database). `bot.db.open_database` picks one from PADDOCK_DATABASE.

There is one way to write: `await db.write(fn)`, where `fn` is an `async def` taking
a `Tx` that awaits nothing but the `Tx`'s own methods (on SQLite they never suspend;
on PostgreSQL they are real I/O). It runs in one transaction,
and "done" (the awaited result) is only heard after that transaction committed. A
backend may run several callers' `fn`s in one transaction (SQLite does, each in its
own savepoint: one that raises is rolled back alone and only its caller hears the
error; PostgreSQL batches the row-locked writes of one row, and runs a batch in which
one raised again one write at a time), so an `fn` must not depend on being alone in its transaction except through
what it reads and writes itself. A backend may also run an `fn` more than once
(PostgreSQL retries a SERIALIZABLE transaction that lost a race with another
process), so an `fn` has no effects outside its `Tx`. `db.execute(sql)` is the one-statement shorthand.

What makes a write correct against other processes' writes (PostgreSQL; SQLite's single
writer gives all of it for free) is chosen per write and said where it is written:

* by default, SERIALIZABLE with retries: the write behaves as if every write ran one
  after another, whatever it reads. The safe choice for a write that decides on rows it
  cannot lock (a range, another table's rows that other writes don't lock first).
* `db.write(fn, row_lock=key)`: `fn`'s first statement is `tx.lock(...)` (or a
  server function whose own first statement is that lock), which
  locks the row its decision rests on (a meet, a counter), and every writer of the
  rows it then reads locks that same row first (or updates it, which waits the same
  way). PostgreSQL then runs it READ COMMITTED: it takes no predicate locks, so writes
  of different servers never fail each other, and each statement after the lock sees
  everything committed before it. Unique constraints back what a lock does not cover.
  `key` names that row (e.g. `("meet", 12)`): within one process, writes naming the
  same row run one after another in the order they were asked for (a burst of presses
  is served first come, first served), writes of different rows side by side.
* A row-locked write whose first statement is one call of a server function of the
  migrations (`tx.fetchval("SELECT paddock_x(?, ...)", ...)`, PostgreSQL only) may be
  merged with the other writes of its batch: PostgreSQL runs their calls as one
  statement, in the order asked for, each seeing what the ones before it wrote, and
  each `fn` goes on with its own result. If any of them then asks for another
  statement, the batch runs again one `fn` after another (so an `fn` must not mind
  starting again, which it never sees: nothing it did reached the database).
* Such a write that arrives alone (nothing else queued on its row) gets `tx.alone`:
  PostgreSQL sends its call as one autocommitted statement, no BEGIN or COMMIT, so the
  function must do the whole write (its marks too) and the `fn` ask for nothing after
  it. A function that finds it needs more refuses (SQLSTATE PDK01, rolled back) and the
  `fn` runs again in a transaction; an `fn` whose first statement is not such a call
  runs in a transaction from then on.

Reads (`fetchone`/`fetchall`/`fetchval`) see only committed data. A helper that only
reads takes a `Queries`, so the same helper runs on the database or inside a write.

Portable SQL, so the statements run on PostgreSQL as they are: `?` placeholders
(the PostgreSQL backend rewrites them to `$1, $2, ...`, LIKE to ILIKE and drops
COLLATE NOCASE, whose columns are citext there), qualified target columns in an
upsert's DO UPDATE (`meet_rsvps.status`, not `status`), `INSERT ... RETURNING id`
instead of a last-row-id, `ON CONFLICT ... DO NOTHING/UPDATE`, `IS NOT DISTINCT FROM`,
no SQLite date functions in queries (timestamps are bound as `datetime` values and
come back through `bot.db.rows.load`). Where a statement is SQLite-only, it says so.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Hashable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar

T = TypeVar("T")
Params = Sequence[Any] | Mapping[str, Any]


class Row(Protocol):
    """A result row: by column name or position (sqlite3.Row and asyncpg's Record both are)."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Any]: ...

    def keys(self) -> list[str]: ...


class Queries(Protocol):
    """Reading: the database itself, or a write transaction (which sees its own writes)."""

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None: ...

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]: ...

    async def fetchval(self, sql: str, params: Params = ()) -> Any: ...


class Tx(Queries, Protocol):
    """A write transaction, lent to a `Database.write` function."""

    # Which backend runs it: a hot write may take a path of fewer round trips on
    # PostgreSQL (a function of its own migrations), where each statement is one.
    @property
    def dialect(self) -> Literal["sqlite", "postgresql"]: ...

    # True: this write runs as one autocommitted statement (PostgreSQL, a row-locked
    # write that arrived alone): its first statement must be one server-function call
    # that does the whole write, marks included, and nothing may follow it.
    @property
    def alone(self) -> bool: ...

    async def defer(self, sql: str, params: Sequence[int] = ()) -> None:
        """Run `sql` by the end of this write, before it commits, for its effect alone:
        nothing in the write reads what it changes, and its parameters are integers.
        PostgreSQL sends it with the COMMIT (a round trip fewer); SQLite runs it now.
        An error in it fails the write as any statement's would."""
        ...

    async def lock(self, sql: str, params: Params = ()) -> Row | None:
        """The first row `sql` finds, with every row it reads locked against other
        writers until this transaction ends (FOR UPDATE on PostgreSQL; SQLite's single
        writer holds everything already). `sql` is a SELECT of table columns (joins
        lock every table joined), no subqueries: those would read from before a wait
        for the lock. Its values are the newest committed ones; take it before reading
        anything the write decides on."""
        ...

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; the number of rows it changed."""
        ...


WriteFn = Callable[[Tx], Awaitable[T]]


class Database(ABC):
    """The storage every service is given (see the module docstring for the rules)."""

    # -- lifecycle -------------------------------------------------------
    @abstractmethod
    async def connect(self) -> None:
        """Open the connections. Cheap: no integrity scan (see `integrity_check`)."""

    @abstractmethod
    async def close(self) -> None:
        """Let the queued writes finish, then close."""

    @property
    @abstractmethod
    def is_open(self) -> bool: ...

    @abstractmethod
    async def migrate(self) -> list[str]:
        """Apply pending migrations, each in its own transaction; their names."""

    @abstractmethod
    async def user_version(self) -> int:
        """The schema version: the number of the last migration applied."""

    @abstractmethod
    async def integrity_check(self) -> list[str]:
        """A full consistency check of the stored data: [] if sound, else the problems.
        Slow on a big database; `python -m bot check` runs it, never the start-up."""

    @abstractmethod
    async def backup(self, target: Path) -> None:
        """A consistent online copy of the whole database."""

    # -- reading ---------------------------------------------------------
    @abstractmethod
    async def fetchone(self, sql: str, params: Params = ()) -> Row | None: ...

    @abstractmethod
    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]: ...

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    # -- writing ---------------------------------------------------------
    @abstractmethod
    async def write(self, fn: WriteFn[T], *, row_lock: Hashable | None = None) -> T:
        """Run `fn(tx)` in a write transaction; its result once that has committed.
        `row_lock`: `fn` is made correct by the row it locks first, named by this key
        (module docstring)."""

    async def execute(self, sql: str, params: Params = (), *, alone: bool = False) -> int:
        """One statement as one write; the number of rows it changed. `alone`: the
        statement is correct on the row locks it takes itself (an UPDATE or DELETE of
        rows named by their key, no subquery, nothing read elsewhere): PostgreSQL runs
        it as one autocommitted statement, READ COMMITTED, where a concurrent change of
        such a row makes it wait and then check its WHERE again on the newest version,
        instead of a SERIALIZABLE transaction (three round trips, and retries)."""

        async def one(tx: Tx) -> int:
            return await tx.execute(sql, params)

        return await self.write(one)

    # -- key/value meta --------------------------------------------------
    async def get_meta(self, key: str) -> str | None:
        value = await self.fetchval("SELECT value FROM meta WHERE key = ?", (key,))
        return None if value is None else str(value)

    async def set_meta(self, key: str, value: str) -> None:
        await self.execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
