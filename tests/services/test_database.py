"""The store: migrations, transactions, corrupt files, backup."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.db import Database, SQLiteDatabase, Tx
from bot.db.database import migration_files
from bot.db.rows import column, from_db, load, to_db
from bot.errors import DatabaseFileError

BUMP = (
    "INSERT INTO meta(key, value) VALUES('n', ?) "
    "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
)


async def returning(database: Database, sql: str, params: tuple[object, ...] = ()) -> int:
    """Run an INSERT ... RETURNING id as one write; the id."""

    async def write(tx: Tx) -> int:
        return int(await tx.fetchval(sql, params))

    return await database.write(write)


async def bump(tx: Tx) -> None:
    current = int(await tx.fetchval("SELECT value FROM meta WHERE key='n'") or 0)
    await tx.execute(BUMP, (str(current + 1),))


async def test_migrations_set_user_version_and_rerun_as_noop(db: Database) -> None:
    latest = migration_files()[-1][0]
    assert await db.user_version() == latest
    assert await db.migrate() == []
    assert await db.user_version() == latest


@pytest.mark.sqlite_only
async def test_pragmas_are_set_on_both_connections(db: Database) -> None:
    assert await db.fetchval("PRAGMA foreign_keys") == 1
    assert await db.fetchval("PRAGMA journal_mode") == "wal"
    assert await db.fetchval("PRAGMA busy_timeout") == 5000

    async def pragmas(tx: Tx) -> tuple[int, int]:
        return (await tx.fetchval("PRAGMA foreign_keys"), await tx.fetchval("PRAGMA busy_timeout"))

    assert await db.write(pragmas) == (1, 5000)


@pytest.mark.sqlite_only
async def test_reader_cannot_write(db: Database) -> None:
    with pytest.raises(sqlite3.OperationalError):
        await db.fetchall("INSERT INTO meta(key, value) VALUES ('x', 'y')")


async def test_failed_write_rolls_back(db: Database) -> None:
    async def write(tx: Tx) -> None:
        await tx.execute("INSERT INTO meta(key, value) VALUES ('a', '1')")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await db.write(write)
    assert await db.get_meta("a") is None


async def test_a_deferred_statement_commits_with_its_write_or_fails_it_whole(
    db: Database,
) -> None:
    async def counted(tx: Tx) -> None:
        await tx.execute("INSERT INTO meta(key, value) VALUES ('d', '1')")
        await tx.defer("UPDATE meta SET value = ? WHERE key = 'd'", (2,))

    await db.write(counted)
    assert await db.get_meta("d") == "2"

    async def failing(tx: Tx) -> None:
        await tx.execute("INSERT INTO meta(key, value) VALUES ('e', '1')")
        # The primary key refuses the second row: the whole write goes, 'e' with it.
        await tx.defer("INSERT INTO meta(key, value) VALUES ('d', ?)", (3,))

    with pytest.raises(Exception, match=r"(?i)unique|duplicate"):
        await db.write(failing)
    assert (await db.get_meta("e"), await db.get_meta("d")) == (None, "2")
    # The connection is usable again (the failed transaction was rolled back).
    await db.set_meta("f", "1")
    assert await db.get_meta("f") == "1"


async def test_concurrent_writes_are_serialised_and_none_lost(db: Database) -> None:
    # Read-modify-write in 50 concurrent writes: none may see another's stale value.
    await asyncio.gather(*(db.write(bump) for _ in range(50)))
    assert await db.get_meta("n") == "50"


@pytest.mark.sqlite_only
async def test_a_write_that_awaits_anything_but_its_transaction_is_refused(
    db: Database,
) -> None:
    # Such a write would need the event loop in the middle of a transaction that other
    # callers' writes share; it is refused and rolled back, and the others go through.
    async def waits(tx: Tx) -> None:
        await tx.execute("INSERT INTO meta(key, value) VALUES ('w', '1')")
        await asyncio.sleep(0)  # yields to the event loop, which a write may not

    results = await asyncio.gather(db.write(waits), db.write(bump), return_exceptions=True)
    assert isinstance(results[0], RuntimeError)
    assert "awaited something other than its transaction" in str(results[0])
    assert results[1] is None
    assert await db.get_meta("w") is None
    assert await db.get_meta("n") == "1"


async def test_failed_migration_leaves_version_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = migration_files()
    broken = [
        *real,
        (len(real) + 1, "9999_broken.sql", "CREATE TABLE ok_table(x); SELEKT nonsense;"),
    ]
    monkeypatch.setattr("bot.db.database.migration_files", lambda: broken)
    database = SQLiteDatabase(tmp_path / "m.db")
    await database.connect()
    try:
        with pytest.raises(sqlite3.Error):
            await database.migrate()
        assert await database.user_version() == len(real)
        tables = {r[0] for r in await database.fetchall("SELECT name FROM sqlite_master")}
        assert "ok_table" not in tables
    finally:
        await database.close()


@pytest.mark.parametrize(
    "content",
    [b"this is not a database, just text\n" * 20, b"SQLite format 3\x00" + b"\xff" * 4000],
)
async def test_corrupt_file_is_refused_and_left_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "paddock.db"
    path.write_bytes(content)
    database = SQLiteDatabase(path)
    with pytest.raises(DatabaseFileError):
        await database.connect()
    assert path.read_bytes() == content
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


@pytest.mark.sqlite_only
async def test_backup_is_a_consistent_copy(db: Database, tmp_path: Path) -> None:
    await db.set_meta("club", "BMW 1M")
    target = tmp_path / "copies" / "backup.db"
    await db.backup(target)
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key='club'").fetchone()[0] == "BMW 1M"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migration_files()[-1][0]


@pytest.mark.sqlite_only
async def test_write_runs_queued_writes_in_one_trip_and_a_failure_rolls_back_alone(
    db: Database,
) -> None:
    def put(key: str, fail: bool = False) -> Callable[[Tx], Awaitable[str]]:
        async def write(tx: Tx) -> str:
            await tx.execute("INSERT INTO meta(key, value) VALUES (?, 'x')", (key,))
            if fail:
                raise ValueError(f"refused {key}")
            return key

        return write

    results = await asyncio.gather(
        *(db.write(put(f"k{i}", fail=i % 7 == 3)) for i in range(30)), return_exceptions=True
    )
    failed = {i for i, r in enumerate(results) if isinstance(r, ValueError)}
    assert failed == {i for i in range(30) if i % 7 == 3}
    stored = {row[0] for row in await db.fetchall("SELECT key FROM meta WHERE key LIKE 'k%'")}
    assert stored == {f"k{i}" for i in range(30) if i not in failed}


async def test_write_result_is_visible_to_readers_when_it_returns(db: Database) -> None:
    async def write(tx: Tx) -> int:
        return await tx.execute("INSERT INTO meta(key, value) VALUES ('seen', 'yes')")

    await db.write(write)
    # "done" means committed: the read-only connection already sees it
    assert await db.get_meta("seen") == "yes"


async def test_rsvp_counts_are_backfilled_and_then_kept_by_triggers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = migration_files()
    database = SQLiteDatabase(tmp_path / "old.db")
    await database.connect()
    try:
        # A database of the release before the counts existed, with answers in it.
        monkeypatch.setattr("bot.db.database.migration_files", lambda: real[:3])
        await database.migrate()
        meet_id = await returning(
            database,
            "INSERT INTO meets (guild_id, title, starts_at, location, created_by, created_at) "
            "VALUES (1, 'Ring', '2030-01-01T10:00:00+00:00', 'N', 1, "
            "'2029-01-01T10:00:00+00:00') RETURNING id",
        )
        for user, status in enumerate(["going", "going", "waitlist", "maybe", "no"], start=1):
            await database.execute(
                "INSERT INTO meet_rsvps (meet_id, guild_id, user_id, status, seq, responded_at) "
                "VALUES (?, 1, ?, ?, ?, '2029-01-01T10:00:00+00:00')",
                (meet_id, user, status, user),
            )
        monkeypatch.setattr("bot.db.database.migration_files", lambda: real)
        await database.migrate()

        async def counts() -> tuple[int, int, int]:
            row = await database.fetchone(
                "SELECT n_going, n_waitlist, n_maybe FROM meets WHERE id = ?", (meet_id,)
            )
            assert row is not None
            return (row[0], row[1], row[2])

        assert await counts() == (2, 1, 1)
        await database.execute("UPDATE meet_rsvps SET status = 'going' WHERE user_id = 3")
        await database.execute("UPDATE meet_rsvps SET display_name = 'x' WHERE user_id = 1")
        assert await counts() == (3, 0, 1)
        await database.execute("DELETE FROM meet_rsvps WHERE user_id IN (1, 4)")
        assert await counts() == (2, 0, 0)
    finally:
        await database.close()


async def test_upgrade_to_one_timestamp_format_keeps_every_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A version-4 database holding data in both old shapes (seconds for meets, RSVPs
    and reminders; microseconds for attendance) reads back the same moments after
    migration 0005, in one format whose text order is time order."""
    real = migration_files()
    database = SQLiteDatabase(tmp_path / "v4.db")
    await database.connect()
    try:
        monkeypatch.setattr("bot.db.database.migration_files", lambda: real[:4])
        await database.migrate()
        assert await database.user_version() == 4
        seconds, micros = "2030-01-01T10:00:00+00:00", "2029-12-31T09:30:15.123456+00:00"
        meet_id = await returning(
            database,
            "INSERT INTO meets (guild_id, title, starts_at, ends_at, location, created_by, "
            "created_at, cancelled_at) VALUES (1, 'Ring', ?, NULL, 'N', 1, "
            "'2029-01-01T11:00:00+01:00', NULL) RETURNING id",
            (seconds,),
        )
        await database.execute(
            "INSERT INTO meet_rsvps (meet_id, guild_id, user_id, status, seq, responded_at) "
            "VALUES (?, 1, 7, 'going', 1, ?)",
            (meet_id, seconds),
        )
        await database.execute(
            "INSERT INTO meet_reminders (meet_id, minutes_before, due_at) VALUES (?, 60, ?)",
            (meet_id, "2030-01-01T09:00:00+00:00"),
        )
        await database.execute(
            "INSERT INTO attendance_counters (meet_id, guild_id, held_on, channel_id, "
            "started_by, started_at) VALUES (?, 1, '2030-01-01', 5, 1, ?)",
            (meet_id, micros),
        )
        await database.execute(
            "INSERT INTO attendance_events (guild_id, meet_id, kind, member_id, delta, "
            "actor_id, total_after, at) VALUES (1, ?, 'checkin', 7, 1, 7, 1, ?)",
            (meet_id, micros),
        )
        await database.execute(
            "INSERT INTO attendance_history (guild_id, meet_id, source, label, held_on, cars, "
            "created_by, created_at) VALUES (1, NULL, 'import', 'Old', '2020-05-01', 40, 1, ?)",
            (micros,),
        )
        monkeypatch.setattr("bot.db.database.migration_files", lambda: real)
        assert "0005_one_timestamp_and_bounded_reads.sql" in await database.migrate()

        meet = await database.fetchone("SELECT * FROM meets WHERE id = ?", (meet_id,))
        assert meet is not None
        assert (meet["starts_at"], meet["created_at"], meet["ends_at"]) == (
            "2030-01-01T10:00:00.000Z",
            "2029-01-01T10:00:00.000Z",  # the +01:00 offset applied
            None,
        )
        stored = [
            await database.fetchval("SELECT responded_at FROM meet_rsvps"),
            await database.fetchval("SELECT due_at FROM meet_reminders"),
            await database.fetchval("SELECT started_at FROM attendance_counters"),
            await database.fetchval("SELECT at FROM attendance_events"),
            await database.fetchval("SELECT created_at FROM attendance_history"),
        ]
        assert stored == [
            "2030-01-01T10:00:00.000Z",
            "2030-01-01T09:00:00.000Z",
            "2029-12-31T09:30:15.123Z",
            "2029-12-31T09:30:15.123Z",
            "2029-12-31T09:30:15.123Z",
        ]
        # The same moments, read back the way services read them.
        for text, old in zip(stored, [seconds, "2030-01-01T09:00:00+00:00", micros], strict=False):
            assert abs(from_db(text) - datetime.fromisoformat(old)) < timedelta(milliseconds=1)
        # and what Python writes from now on is the same shape
        assert to_db(datetime.fromisoformat(micros)) == stored[2]
        sizes = await database.fetchall(
            "SELECT guild_id, series, entries FROM attendance_series_sizes"
        )
        assert [tuple(r) for r in sizes] == [(1, "", 1)]  # backfilled
        assert await database.integrity_check() == []
    finally:
        await database.close()


async def test_rows_load_into_dataclasses_by_field_type(db: Database) -> None:
    @dataclass(frozen=True)
    class Sample:
        at: datetime
        maybe_at: datetime | None
        day: date
        flag: bool
        count: int = field(default=0, metadata=column("n"))

    when = datetime(2030, 1, 2, 3, 4, 5, 678_999, tzinfo=UTC)
    row = await db.fetchone(
        "SELECT ? AS at, ? AS maybe_at, ? AS day, 1 = 1 AS flag, 7 AS n",
        (when, None, date(2030, 1, 2)),
    )
    assert row is not None
    assert row["at"] == "2030-01-02T03:04:05.678Z"  # stored: UTC, milliseconds, Z
    loaded = load(Sample, row)
    assert loaded == Sample(when.replace(microsecond=678_000), None, date(2030, 1, 2), True, 7)
    assert load(Sample, row, count=1).count == 1
    with pytest.raises(ValueError, match="naive"):
        to_db(datetime(2030, 1, 1))
