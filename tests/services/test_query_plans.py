"""The plan check that every service test runs (query_plans.py) sees and catches scans."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.db import SQLiteDatabase
from bot.services.attendance import AttendanceService
from bot.services.guild_settings import GuildSettingsService
from bot.services.meets import MeetService
from tests.services.meetkit import GUILD, NOW, make
from tests.services.query_plans import Statement, full_scans, service_statements

# The plans checked are SQLite's (EXPLAIN QUERY PLAN).
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def conn(db: SQLiteDatabase) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(db.path)
    try:
        yield connection
    finally:
        connection.close()


def test_a_full_scan_of_a_growing_table_is_caught(conn: sqlite3.Connection) -> None:
    assert full_scans(conn, "SELECT * FROM meets WHERE title = ?", ("Ring",)) == ["SCAN meets"]
    # through an alias, and a walk of a whole (not partial) index counts too
    assert full_scans(conn, "SELECT m.id FROM meets m ORDER BY m.guild_id, m.starts_at", ())
    assert full_scans(
        conn,
        "SELECT r.user_id FROM meet_rsvps r JOIN meets m ON m.id = r.meet_id WHERE m.title = ?",
        ("Ring",),
    )


def test_index_searches_and_partial_index_walks_pass(conn: sqlite3.Connection) -> None:
    assert full_scans(conn, "SELECT * FROM meets WHERE guild_id = ? AND id = ?", (1, 2)) == []
    live = "SELECT meet_id FROM attendance_counters WHERE stopped_at IS NULL"
    assert full_scans(conn, live, ()) == []  # attendance_counters_open holds only these
    assert full_scans(conn, "SELECT value FROM meta", ()) == []  # a few keys, never grows


async def test_the_trace_keeps_service_statements_only(tmp_path: Path) -> None:
    seen: list[Statement] = []
    database = SQLiteDatabase(tmp_path / "t.db", trace=service_statements(seen))
    await database.connect()
    try:
        await database.migrate()
        meets = MeetService(database, ManualClock(NOW))
        meet_id = await make(meets)
        await meets.rsvp(GUILD, meet_id, 1, "going")
        await database.fetchall("SELECT * FROM meet_rsvps")  # the test's own look
        counters = AttendanceService(
            database, ManualClock(NOW), GuildSettingsService(database), meets
        )
        await counters.meet_choices(GUILD, "")
    finally:
        await database.close()
    sql = [s for s, _ in seen]
    assert any(s.startswith("INSERT INTO meets") for s in sql)  # inside a write
    assert any("FROM attendance_counters c CROSS JOIN meets m" in s for s in sql)  # a read
    assert "SELECT * FROM meet_rsvps" not in sql
    assert all(not s.startswith(("PRAGMA", "BEGIN", "SAVEPOINT")) for s in sql)
