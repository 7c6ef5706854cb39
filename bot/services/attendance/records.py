"""Attendance history and club records: live meets plus imported past meets.

The record for a meet is the highest attendance of any *earlier* history entry
in the same series (held on or before the meet's day, never the meet itself).

Importing and removing a past meet run SERIALIZABLE with retries (bot/db/base.py):
the duplicate check reads a range no row lock covers.
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
from bot.db.sql import contains, fold
from bot.errors import Conflict, InvalidInput, NotFound
from bot.i18n.formats import Day
from bot.services.meets.timeparse import named_day
from bot.services.meets.validation import series as clean_series
from bot.services.text import field

MAX_CARS = 100_000
LABEL_MAX = 100
EARLIEST = date(1900, 1, 1)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# "26.08.2023", as German clubs write a date: day, month, year (dots never mean another
# order, unlike slashes).
_DOTTED_DATE = re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})$")
_NUMBERS = re.compile(r"\d+")

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


# Series match case- and accent-insensitively ("nurburgring" is "Nürburgring") through
# the stored series_key (migration 0008). A meet without a series competes with the whole
# server. Either way an index walks (cars DESC, held_on, id), so the record is the first
# row old enough, however long the history. likely() (SQLite's; drop it elsewhere) tells
# the planner that most rows are old enough: without it, it takes the held_on range on
# the by-day index and sorts the whole series.
_RECORD_COLUMNS = "SELECT cars, label, held_on, meet_id FROM attendance_history "
_RECORD_REST = (
    "AND likely(held_on <= ?) AND (meet_id IS NULL OR meet_id != ?) "
    # Ties go to the first meet that reached the number: that one set the record.
    "ORDER BY cars DESC, held_on ASC, id ASC LIMIT 1"
)
_RECORD_SQL = _RECORD_COLUMNS + "WHERE guild_id = ? AND series_key = ? " + _RECORD_REST
_SERVER_RECORD_SQL = _RECORD_COLUMNS + "WHERE guild_id = ? " + _RECORD_REST


def series_key(series: str | None) -> str:
    """The key a series is matched by: cleaned, then case and accents folded."""
    return fold(clean_series(series))


async def record_in(
    source: Queries,
    guild_id: int,
    series: str,
    on_or_before: date,
    exclude_meet: int,
) -> Record | None:
    """The standing record in a series, or the whole server's for no series; read
    through a write transaction it can't change under us."""
    key = series_key(series)
    if key:
        row = await source.fetchone(_RECORD_SQL, (guild_id, key, on_or_before, exclude_meet))
    else:
        row = await source.fetchone(_SERVER_RECORD_SQL, (guild_id, on_or_before, exclude_meet))
    return load_one(Record, row)


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and
    swaps of neighbours each cost 1 ("Nurbrugring" is 1 from "Nurburgring")."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]


def near_miss(key: str, other: str) -> bool:
    """A small slip: 1 edit for short names, 2 from 8 characters, 3 from 16. Numbers are
    never slips: "Track Day 2" is not a typo of "Track Day 1"."""
    if _NUMBERS.findall(key) != _NUMBERS.findall(other):
        return False
    allowed = 1 + (len(key) >= 8) + (len(key) >= 16)
    return abs(len(key) - len(other)) <= allowed and edit_distance(key, other) <= allowed


@dataclass(frozen=True, slots=True)
class SeriesMatch:
    """A series as typed, read against the server's series."""

    name: str  # what to store: the existing spelling if the key matches, else as typed
    known: bool  # an existing series (or none at all)
    suggestion: str | None  # an existing series this is probably a slip for


def clean_label(label: str) -> str:
    return field("label", label, LABEL_MAX, required=True)


def check_cars(cars: int) -> int:
    if not 0 <= cars <= MAX_CARS:
        raise InvalidInput(key="error-records-count")
    return cars


def parse_held_on(text: str, today: date) -> date:
    """A YYYY-MM-DD (or DD.MM.YYYY, or 26 Aug 2023) date between 1900-01-01 and today."""
    typed = text.strip()
    dotted = _DOTTED_DATE.match(typed)
    iso = f"{dotted['y']}-{int(dotted['m']):02d}-{int(dotted['d']):02d}" if dotted else typed
    # As Paddock writes dates back ('26 Aug 2023'), so an organiser can copy one.
    if (named := named_day(typed)) is not None:
        iso = "{:04d}-{:02d}-{:02d}".format(*named)
    if not _ISO_DATE.match(iso):
        raise InvalidInput(key="error-records-date-unreadable", text=typed[:20])
    try:
        held_on = date.fromisoformat(iso)
    except ValueError:
        raise InvalidInput(key="error-records-date-missing", text=typed) from None
    if held_on > today:
        raise InvalidInput(key="error-records-date-future", text=typed)
    if held_on < EARLIEST:
        raise InvalidInput(key="error-records-date-early", text=typed)
    return held_on


class RecordsService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def history(
        self, guild_id: int, series: str = "", *, last: int | None = None
    ) -> list[HistoryEntry]:
        """A series' history in date order (no series: the whole server's): all of it, or
        only the `last` newest entries (what /records show draws, so its cost doesn't
        grow with the history)."""
        key = series_key(series)
        where = "guild_id = ? AND series_key = ?" if key else "guild_id = ?"
        sql = f"SELECT * FROM attendance_history WHERE {where} ORDER BY held_on DESC, id DESC"
        params: list[object] = [guild_id, key] if key else [guild_id]
        if last is not None:
            sql += " LIMIT ?"
            params.append(max(0, last))
        return load_all(HistoryEntry, reversed(await self.db.fetchall(sql, params)))

    async def history_size(self, guild_id: int, series: str = "") -> int:
        """How many entries a series' history has, or the whole server's (kept by
        triggers, migration 0008: a handful of rows per server)."""
        key = series_key(series)
        if key:
            size = await self.db.fetchval(
                "SELECT entries FROM attendance_series_sizes WHERE guild_id = ? AND series_key = ?",
                (guild_id, key),
            )
        else:
            size = await self.db.fetchval(
                "SELECT SUM(entries) FROM attendance_series_sizes WHERE guild_id = ?",
                (guild_id,),
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
        key = fold(series_name)

        async def write(tx: Tx) -> int:
            clash = await tx.fetchval(
                "SELECT id FROM attendance_history WHERE guild_id = ? AND series_key = ? "
                "AND held_on = ? AND label = ?",
                (guild_id, key, day, name),
            )
            if clash is not None:
                raise Conflict(key="error-records-duplicate", label=name, day=Day(day, "short"))
            return int(
                await tx.fetchval(
                    "INSERT INTO attendance_history(guild_id, series, series_key, meet_id, "
                    "source, label, held_on, cars, created_by, created_at) "
                    "VALUES(?, ?, ?, NULL, 'import', ?, ?, ?, ?, ?) RETURNING id",
                    (guild_id, series_name, key, name, day, cars, actor_id, now),
                )
            )

        entry_id = await self.db.write(write)
        return HistoryEntry(entry_id, guild_id, series_name, None, "import", name, day, cars)

    async def remove_import(self, guild_id: int, entry_id: int) -> HistoryEntry:
        """Undo an import. Live meets' results are not removable here."""
        if not 0 < entry_id < 2**63:
            raise NotFound(key="error-records-no-import")

        async def write(tx: Tx) -> HistoryEntry:
            row = await tx.fetchone(
                "SELECT * FROM attendance_history WHERE id = ? AND guild_id = ? "
                "AND source = 'import'",
                (entry_id, guild_id),
            )
            if row is None:
                raise NotFound(key="error-records-no-import")
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

    async def known_series(self, guild_id: int) -> list[str]:
        """Every series this server has used, once each in its first spelling: the
        history's (kept per key by triggers) and the meets'."""
        rows = await self.db.fetchall(
            "SELECT series FROM attendance_series_sizes WHERE guild_id = ? AND series_key != '' "
            "AND entries > 0",
            (guild_id,),
        )
        rows += await self.db.fetchall(
            "SELECT DISTINCT series FROM meets WHERE guild_id = ? AND series != ''", (guild_id,)
        )
        names: dict[str, str] = {}
        for row in rows:
            names.setdefault(fold(row["series"]), row["series"])
        return sorted(names.values(), key=fold)

    async def series_names(self, guild_id: int, query: str = "", limit: int = 25) -> list[str]:
        """Series for autocomplete: those containing `query`, case and accents aside."""
        wanted = fold(query)
        return [n for n in await self.known_series(guild_id) if wanted in fold(n)][:limit]

    async def match_series(self, guild_id: int, series: str | None) -> SeriesMatch:
        """Read a typed series against this server's: the same key is that series (in
        its existing spelling); a small slip from one is offered back as a suggestion."""
        name = clean_series(series)
        key = fold(name)
        if not key:
            return SeriesMatch("", True, None)
        known = await self.known_series(guild_id)
        for existing in known:
            if fold(existing) == key:
                return SeriesMatch(existing, True, None)
        close = sorted(
            (edit_distance(key, fold(e)), fold(e), e) for e in known if near_miss(key, fold(e))
        )
        return SeriesMatch(name, False, close[0][2] if close else None)


def local_date(when: datetime, tz: ZoneInfo) -> date:
    """A moment's calendar day in the server's zone."""
    return when.astimezone(tz).date()
