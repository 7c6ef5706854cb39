"""Attendance history and club records: live meets plus imported past meets.

The record for a meet is the highest attendance of any *earlier* history entry
in the same series (held on or before the meet's day, never the meet itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.db import Database, Queries, Tx
from bot.db.rows import load, load_all, load_one
from bot.db.sql import contains
from bot.errors import Conflict, InvalidInput, NotFound
from bot.services.meets.validation import series as clean_series
from bot.services.text import field

MAX_CARS = 100_000
LABEL_MAX = 100
EARLIEST = date(1900, 1, 1)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Source = Literal["import", "live"]


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    id: int
    guild_id: int
    series: str
    meet_id: int | None
    source: Source
    label: str
    held_on: date
    cars: int


@dataclass(frozen=True, slots=True)
class Record:
    """The attendance to beat: how many cars, and where and when that was."""

    cars: int
    label: str
    held_on: date
    meet_id: int | None = None


# Series match case-insensitively: "1M meet" and "1M Meet" are the same club tradition.
# (COLLATE NOCASE is SQLite's; PostgreSQL would compare lower(series) or use citext.)
# The attendance_history_record index walks (cars DESC, held_on, id) within the series,
# so the record is the first row old enough, however long the history. likely() (SQLite's;
# drop it elsewhere) tells the planner that most rows are old enough: without it, it
# takes the held_on range on attendance_history_by_day and sorts the whole series.
_RECORD_SQL = (
    "SELECT cars, label, held_on, meet_id FROM attendance_history "
    "WHERE guild_id = ? AND series = ? COLLATE NOCASE AND likely(held_on <= ?) "
    "AND (meet_id IS NULL OR meet_id != ?) "
    # Ties go to the first meet that reached the number: that one set the record.
    "ORDER BY cars DESC, held_on ASC, id ASC LIMIT 1"
)


async def record_in(
    source: Queries,
    guild_id: int,
    series: str,
    on_or_before: date,
    exclude_meet: int,
) -> Record | None:
    """The standing record; read through a write transaction it can't change under us."""
    params = (guild_id, clean_series(series), on_or_before, exclude_meet)
    return load_one(Record, await source.fetchone(_RECORD_SQL, params))


def clean_label(label: str) -> str:
    return field("label", label, LABEL_MAX, required=True)


def check_cars(cars: int) -> int:
    if not 0 <= cars <= MAX_CARS:
        raise InvalidInput("`count`: a number of cars from 0 to 100 000.")
    return cars


def parse_held_on(text: str, today: date) -> date:
    """A strict YYYY-MM-DD date between 1900-01-01 and today."""
    cleaned = text.strip()
    example = "Use YYYY-MM-DD, e.g. `2023-08-26`."
    if not _ISO_DATE.match(cleaned):
        raise InvalidInput(f"`date`: `{cleaned[:20]}` is not a date I can read. {example}")
    try:
        held_on = date.fromisoformat(cleaned)
    except ValueError:
        raise InvalidInput(f"`date`: {cleaned} does not exist. {example}") from None
    if held_on > today:
        raise InvalidInput(
            f"`date`: {cleaned} is in the future; import meets that already happened. "
            "A live meet is counted with /attendance start."
        )
    if held_on < EARLIEST:
        raise InvalidInput(f"`date`: {cleaned} is before 1900. {example}")
    return held_on


class RecordsService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def history(
        self, guild_id: int, series: str = "", *, last: int | None = None
    ) -> list[HistoryEntry]:
        """A series' history in date order: all of it, or only the `last` newest entries
        (what /records show draws, so its cost doesn't grow with the history)."""
        sql = (
            "SELECT * FROM attendance_history WHERE guild_id = ? AND series = ? COLLATE NOCASE "
            "ORDER BY held_on DESC, id DESC"
        )
        params: list[object] = [guild_id, clean_series(series)]
        if last is not None:
            sql += " LIMIT ?"
            params.append(max(0, last))
        return load_all(HistoryEntry, reversed(await self.db.fetchall(sql, params)))

    async def history_size(self, guild_id: int, series: str = "") -> int:
        """How many entries a series' history has (kept by triggers, migration 0005)."""
        size = await self.db.fetchval(
            "SELECT entries FROM attendance_series_sizes WHERE guild_id = ? AND series = ?",
            (guild_id, clean_series(series)),
        )
        return int(size or 0)

    async def record(
        self,
        guild_id: int,
        series: str = "",
        *,
        on_or_before: date | None = None,
        exclude_meet: int = 0,
    ) -> Record | None:
        """The best attendance in a series; `exclude_meet` leaves a meet out of its own record."""
        return await record_in(self.db, guild_id, series, on_or_before or date.max, exclude_meet)

    async def import_entry(
        self,
        guild_id: int,
        *,
        cars: int,
        held_on: str,
        label: str,
        series: str | None,
        actor_id: int,
        tz: ZoneInfo,
    ) -> HistoryEntry:
        """Add a past meet so the first live meet already has a record to beat."""
        check_cars(cars)
        now = self.clock.now()
        day = parse_held_on(held_on, now.astimezone(tz).date())
        name = clean_label(label)
        series_name = clean_series(series)

        async def write(tx: Tx) -> int:
            clash = await tx.fetchval(
                "SELECT id FROM attendance_history WHERE guild_id = ? AND series = ? COLLATE NOCASE "
                "AND held_on = ? AND label = ?",
                (guild_id, series_name, day, name),
            )
            if clash is not None:
                raise Conflict(
                    f"{name} on {day.isoformat()} is already in the history; "
                    "remove it first with /records remove to change it."
                )
            return int(
                await tx.fetchval(
                    "INSERT INTO attendance_history(guild_id, series, meet_id, source, label, "
                    "held_on, cars, created_by, created_at) "
                    "VALUES(?, ?, NULL, 'import', ?, ?, ?, ?, ?) RETURNING id",
                    (guild_id, series_name, name, day, cars, actor_id, now),
                )
            )

        entry_id = await self.db.write(write)
        return HistoryEntry(entry_id, guild_id, series_name, None, "import", name, day, cars)

    async def remove_import(self, guild_id: int, entry_id: int) -> HistoryEntry:
        """Undo an import. Live meets' results are not removable here."""
        if not 0 < entry_id < 2**63:
            raise NotFound("No imported meet with that id here. Pick one from the list.")

        async def write(tx: Tx) -> HistoryEntry:
            row = await tx.fetchone(
                "SELECT * FROM attendance_history WHERE id = ? AND guild_id = ? "
                "AND source = 'import'",
                (entry_id, guild_id),
            )
            if row is None:
                raise NotFound("No imported meet with that id here. Pick one from the list.")
            await tx.execute(
                "DELETE FROM attendance_history WHERE id = ? AND guild_id = ?", (entry_id, guild_id)
            )
            return load(HistoryEntry, row)

        return await self.db.write(write)

    async def imported(self, guild_id: int, query: str = "", limit: int = 25) -> list[HistoryEntry]:
        """Imported entries whose label matches `query`, newest first (for autocomplete)."""
        rows = await self.db.fetchall(
            "SELECT * FROM attendance_history WHERE guild_id = ? AND source = 'import' "
            "AND (label LIKE ? ESCAPE '\\' OR held_on LIKE ? ESCAPE '\\') "
            "ORDER BY held_on DESC, id DESC LIMIT ?",
            (guild_id, contains(query), contains(query), limit),
        )
        return load_all(HistoryEntry, rows)

    async def series_names(self, guild_id: int, query: str = "", limit: int = 25) -> list[str]:
        """Series that have history or meets in this server."""
        rows = await self.db.fetchall(
            "SELECT series FROM attendance_history WHERE guild_id = ? AND series != '' "
            "AND series LIKE ? ESCAPE '\\' "
            "UNION SELECT series FROM meets WHERE guild_id = ? AND series != '' "
            "AND series LIKE ? ESCAPE '\\' ORDER BY series LIMIT ?",
            (guild_id, contains(query), guild_id, contains(query), limit),
        )
        return [r["series"] for r in rows]


def local_date(when: datetime, tz: ZoneInfo) -> date:
    """A moment's calendar day in the server's zone."""
    return when.astimezone(tz).date()
