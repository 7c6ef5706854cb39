"""The two backends keep one schema: every SQLite migration has its PostgreSQL twin,
both build the same tables and columns, and `migrate-db` moves a club across intact."""

from __future__ import annotations

import re
import sqlite3
from datetime import timedelta
from pathlib import Path

import asyncpg
import pytest

from bot.__main__ import main
from bot.clock import ManualClock
from bot.db import SQLiteDatabase
from bot.db.database import migration_files
from bot.db.postgres import (
    PostgresDatabase,
    _with_integers,
    postgres_migration_files,
    to_postgres,
)
from bot.services.attendance import RecordsService
from bot.services.meets import MeetService
from tests.services.meetkit import NOW, make
from tests.services.test_attendance import BERLIN, GUILD, ORGANISER


def test_every_sqlite_migration_has_a_postgres_twin() -> None:
    # A migration added for SQLite alone would leave PostgreSQL installations behind:
    # write bot/db/migrations/postgres/NNNN_*.sql with the same number.
    sqlite_versions = {v: name for v, name, _ in migration_files()}
    pg_versions = {v: name for v, name, _ in postgres_migration_files()}
    assert sorted(pg_versions) == sorted(sqlite_versions), (
        "SQLite and PostgreSQL migrations differ: "
        f"SQLite only {sorted(set(sqlite_versions) - set(pg_versions))}, "
        f"PostgreSQL only {sorted(set(pg_versions) - set(sqlite_versions))}"
    )


def test_statements_are_rewritten_for_postgres() -> None:
    assert (
        to_postgres("SELECT * FROM t WHERE a = ? AND b LIKE ? ESCAPE '\\' AND c = '?'")
        == "SELECT * FROM t WHERE a = $1 AND b ILIKE $2 ESCAPE '\\' AND c = '?'"
    )
    assert (
        to_postgres("WHERE series = ? COLLATE NOCASE AND x = ?") == "WHERE series = $1 AND x = $2"
    )
    assert to_postgres("SELECT 'it''s ?', ?") == "SELECT 'it''s ?', $1"


@pytest.mark.sqlite_only
def test_a_deferred_statement_takes_integers_only() -> None:
    assert (
        _with_integers("UPDATE t SET a = ?, b = '?' WHERE c LIKE 'x' AND d = ?", (7, -2))
        == "UPDATE t SET a = 7, b = '?' WHERE c ILIKE 'x' AND d = -2"
    )
    with pytest.raises(TypeError):
        _with_integers("UPDATE t SET a = ?", ("1; DROP TABLE meets",))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _with_integers("UPDATE t SET a = ?", (True,))
    with pytest.raises(ValueError):
        _with_integers("UPDATE t SET a = ?", (1, 2))


def _sqlite_columns(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables}


async def test_both_backends_build_the_same_tables_and_columns(
    tmp_path: Path, postgres_url: str
) -> None:
    lite = SQLiteDatabase(tmp_path / "schema.db")
    await lite.connect()
    try:
        await lite.migrate()
    finally:
        await lite.close()
    expected = _sqlite_columns(tmp_path / "schema.db")
    conn = await asyncpg.connect(postgres_url)
    try:
        rows = await conn.fetch(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name <> 'paddock_schema' "
            "ORDER BY table_name, ordinal_position"
        )
    finally:
        await conn.close()
    found: dict[str, list[str]] = {}
    for table, column in rows:
        found.setdefault(table, []).append(column)
    assert {t: sorted(c) for t, c in found.items()} == {t: sorted(c) for t, c in expected.items()}


async def _a_club(path: Path) -> None:
    db = SQLiteDatabase(path)
    await db.connect()
    try:
        await db.migrate()
        clock = ManualClock(NOW)
        meets = MeetService(db, clock)
        first = await make(meets, title="Ring day", capacity=1)
        await make(meets, title="Coffee", starts_at=NOW + timedelta(days=3))
        await meets.rsvp(GUILD, first, 501, "going", display_name="Ann")
        await meets.rsvp(GUILD, first, 502, "going", display_name="Bob")  # waitlisted
        records = RecordsService(db, clock)
        await records.import_entry(
            GUILD,
            cars=80,
            held_on="2023-08-26",
            label="1M Meet 2023",
            series="1M Meet",
            actor_id=ORGANISER,
            tz=BERLIN,
        )
        await db.set_meta("club", "BMW 1M")
    finally:
        await db.close()


async def test_migrate_db_copies_everything_and_refuses_a_non_empty_target(
    tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "club.db"
    await _a_club(source)

    assert await _run(["migrate-db", "--from", str(source), "--to", postgres_url]) == 0
    out = capsys.readouterr().out
    assert "every count matches" in out
    # One series, one meta key: "1 row", never "1 rows"; the total counts in the plural.
    assert "attendance_series_sizes: 1 row\n" in out and " 1 rows" not in out
    assert re.search(r"^copied \d+ rows in \d+ tables; every count matches$", out, re.M)

    pg = PostgresDatabase(postgres_url)
    await pg.connect()
    try:
        clock = ManualClock(NOW)
        meets = MeetService(pg, clock)
        listed = await meets.upcoming(GUILD)
        assert sorted(m.title for m in listed) == ["Coffee", "Ring day"]
        ring = next(m for m in listed if m.title == "Ring day")
        # Kept counts arrive as they were, not counted twice by the triggers.
        assert (ring.going, ring.waitlist) == (1, 1)
        assert await pg.get_meta("club") == "BMW 1M"
        # New rows get new ids after the copied ones.
        third = await make(meets, title="Track night")
        assert third > max(m.id for m in listed)
        series = await pg.fetchval(
            "SELECT entries FROM attendance_series_sizes WHERE series_key = ?",
            ("1m meet",),
        )
        assert series == 1
    finally:
        await pg.close()

    assert await _run(["migrate-db", "--from", str(source), "--to", postgres_url]) == 1
    assert "not empty" in capsys.readouterr().err


async def _run(argv: list[str]) -> int:
    # main() runs its own event loop; keep it off this test's loop.
    import asyncio

    return await asyncio.to_thread(main, argv)
