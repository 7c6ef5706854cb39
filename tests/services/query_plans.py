"""Every statement the service tests run is EXPLAINed; a full scan of a growing table fails.

The `db` fixture (tests/conftest.py) records each statement a service (bot/services)
sends, with its parameters, through `SQLiteDatabase(trace=...)`. When the test ends, each
statement not seen before in this session is run as `EXPLAIN QUERY PLAN` against the
test's own database (built by the production migrations) and the test fails if the
plan walks the whole of a table that grows with use: `SCAN meets`, with or without
an index (a full index walk grows too). A walk of a partial index is allowed: it
holds only the rows its WHERE admits (e.g. the live counters). So a new query is
covered the day a test first runs it, without a list to keep up to date.
"""

from __future__ import annotations

import inspect
import re
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bot.db.database import bind

# Tables that grow with servers, meets, answers and time. `meta` is a handful of keys.
GROWING = frozenset(
    {
        "guild_settings",
        "meets",
        "meet_rsvps",
        "meet_reminders",
        "meet_member_prefs",
        "attendance_counters",
        "attendance_events",
        "attendance_history",
        "attendance_series_sizes",
        "garage_cars",
        "garage_members",
        "meet_rsvp_cars",
        "meet_rules",
        "calendar_links",
        "mention_names",
    }
)
_SCAN = re.compile(r"^SCAN (\w+)(?: AS (\w+))?(?: USING (?:COVERING )?INDEX (\w+))?")
_TABLE_REF = re.compile(r"\b(?:FROM|JOIN|UPDATE|INTO)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?", re.I)
_KEYWORDS = {"WHERE", "ON", "SET", "JOIN", "LEFT", "INNER", "ORDER", "GROUP", "LIMIT", "VALUES"}

Statement = tuple[str, Any]
_explained: set[str] = set()  # statements already checked in this session


def service_statements(into: list[Statement]) -> Callable[[str, Any], None]:
    """A `SQLiteDatabase` trace that keeps the statements sent from the service layer
    (bot/services), not a test's own look at the tables."""

    def trace(sql: str, params: Any) -> None:
        frame = inspect.currentframe()
        while frame is not None:
            if str(frame.f_globals.get("__name__", "")).startswith("bot.services"):
                into.append((sql, params))
                return
            frame = frame.f_back

    return trace


def _aliases(sql: str) -> dict[str, str]:
    """alias (or table name) -> table, from the statement's FROM/JOIN/UPDATE/INTO."""
    found: dict[str, str] = {}
    for table, alias in _TABLE_REF.findall(sql):
        found[table] = table
        if alias and alias.upper() not in _KEYWORDS:
            found[alias] = table
    return found


def full_scans(conn: sqlite3.Connection, sql: str, params: Any) -> list[str]:
    """The plan lines of `sql` that walk a whole growing table."""
    partial = {
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql LIKE '% WHERE %'"
        )
    }
    tables = _aliases(sql)
    bad = []
    for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", bind(params)):
        detail = str(row[3])
        match = _SCAN.match(detail)
        if match is None:
            continue
        name, alias, index = match.groups()
        table = tables.get(alias or name, tables.get(name, name))
        if table in GROWING and index not in partial:
            bad.append(detail)
    return bad


def check_plans(db_path: Path, statements: Iterable[Statement]) -> list[str]:
    """A problem per statement (not yet checked this session) that scans a growing table."""
    fresh = [(sql, p) for sql, p in statements if sql not in _explained]
    problems = []
    conn = sqlite3.connect(db_path)
    try:
        for sql, params in fresh:
            if sql in _explained or sql.lstrip().upper().startswith("PRAGMA"):
                continue
            _explained.add(sql)
            bad = full_scans(conn, sql, params)
            if bad:
                problems.append(f"{sql}\n    plan: {'; '.join(bad)}")
    finally:
        conn.close()
    return problems
