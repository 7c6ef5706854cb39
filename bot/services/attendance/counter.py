"""The live attendance counter: an append-only event log and the rules around it.

Count = checked-in members (one car each) + the staff tally. Every change is an
event row (who, when, delta, by whom); the totals are always summed from those
rows inside the write transaction, so they are auditable, survive restarts and
cannot drift. Whether a change broke the club record is decided in that same
transaction, which is what makes "exactly one announcement" hold under
concurrent presses.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from typing import Literal

from bot.clock import Clock
from bot.db import Database
from bot.db.database import SyncTransaction, Transaction
from bot.db.sql import contains
from bot.errors import Conflict, InvalidInput, NotFound
from bot.services.attendance.records import (
    MAX_CARS,
    Record,
    clean_label,
    clean_series,
    record_in,
    record_in_sync,
    utc_date,
)
from bot.services.guild_settings import GuildSettingsService
from bot.services.ids import check_meet_id
from bot.services.meets import MeetService

from .models import (
    Arrival,
    Change,
    CounterState,
    LiveCounter,
    MeetInfo,
    StartResult,
    Status,
    StopSummary,
)

RECENT = 5
REASON_MAX = 200


def _dt(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


_COUNTER_SQL = (
    "SELECT c.*, m.title, m.starts_at, m.series, m.cancelled_at, m.id AS id "
    "FROM attendance_counters c JOIN meets m ON m.id = c.meet_id "
    "WHERE c.meet_id = ? AND c.guild_id = ? AND m.guild_id = ?"
)
_TOTALS_SQL = (
    "SELECT COALESCE(SUM(CASE WHEN kind = 'staff' THEN 0 ELSE delta END), 0) AS checked_in, "
    "COALESCE(SUM(CASE WHEN kind = 'staff' THEN delta ELSE 0 END), 0) AS staff "
    "FROM attendance_events WHERE meet_id = ? AND guild_id = ?"
)
_MEMBER_SQL = (
    "SELECT COALESCE(SUM(delta), 0) FROM attendance_events "
    "WHERE meet_id = ? AND guild_id = ? AND member_id = ? AND kind != 'staff'"
)

_CAR_SQL = (
    "SELECT total_after FROM attendance_events WHERE meet_id = ? AND guild_id = ? "
    "AND member_id = ? AND kind = 'checkin' ORDER BY id DESC LIMIT 1"
)


def _found(row: sqlite3.Row | None) -> sqlite3.Row:
    if row is None:
        raise NotFound(
            "That meet has no attendance counter. Organisers start one with /attendance start."
        )
    return row


class AttendanceService:
    def __init__(
        self, db: Database, clock: Clock, settings: GuildSettingsService, meets: MeetService
    ) -> None:
        self.db = db
        self.clock = clock
        self.settings = settings
        self.meets = meets

    # -- meets -----------------------------------------------------------
    async def meet_choices(self, guild_id: int, query: str = "", limit: int = 25) -> list[MeetInfo]:
        """Meets for autocomplete: live counters first, then the ones nearest to now."""
        rows = await self.db.fetchall(
            "SELECT m.*, c.stopped_at AS c_stopped, c.meet_id AS c_meet FROM meets m "
            "LEFT JOIN attendance_counters c ON c.meet_id = m.id AND c.guild_id = m.guild_id "
            "WHERE m.guild_id = ? AND m.cancelled_at IS NULL AND m.title LIKE ? ESCAPE '\\' "
            "ORDER BY (c.meet_id IS NOT NULL AND c.stopped_at IS NULL) DESC, "
            "ABS(julianday(m.starts_at) - julianday(?)) LIMIT ?",
            (guild_id, contains(query), self.clock.now().isoformat(), limit),
        )
        return [MeetInfo.from_row(r) for r in rows]

    async def live_meet(self, guild_id: int) -> int:
        """The meet whose counter is live here, for /checkin without a meet."""
        rows = await self.db.fetchall(
            "SELECT meet_id FROM attendance_counters WHERE guild_id = ? AND stopped_at IS NULL "
            "ORDER BY started_at DESC",
            (guild_id,),
        )
        if not rows:
            raise NotFound("No attendance counter is live in this server right now.")
        if len(rows) > 1:
            raise InvalidInput("`meet`: several counters are live here; pick the meet you're at.")
        return int(rows[0]["meet_id"])

    async def live_counters(self, guild_id: int | None = None) -> list[LiveCounter]:
        """Live counters in one server, or in every server for the background upkeep loop."""
        rows = await self.db.fetchall(
            "SELECT guild_id, meet_id, channel_id, message_posted_at, "
            "(record_broken_at IS NOT NULL AND announce_message_id IS NULL) AS pending "
            "FROM attendance_counters WHERE stopped_at IS NULL AND message_id IS NOT NULL "
            "AND (? IS NULL OR guild_id = ?)",
            (guild_id, guild_id),
        )
        return [
            LiveCounter(
                r["guild_id"],
                r["meet_id"],
                r["channel_id"],
                _dt(r["message_posted_at"]),
                bool(r["pending"]),
            )
            for r in rows
        ]

    # -- counter lifecycle -----------------------------------------------
    async def start(
        self, guild_id: int, meet_id: int, channel_id: int, actor_id: int
    ) -> StartResult:
        """Open a counter, reopen a stopped one, or move a live one to `channel_id`."""
        meet = await self.meets.get(guild_id, meet_id)
        if meet.cancelled:
            raise Conflict(f"{meet.title} was cancelled; there's nothing to count.")
        tz = (await self.settings.get(guild_id)).tz
        now = self.clock.now().isoformat()
        held_on = utc_date(meet.starts_at.isoformat(), tz).isoformat()
        async with self.db.transaction() as tx:
            row = await tx.fetchone(
                "SELECT * FROM attendance_counters WHERE meet_id = ? AND guild_id = ?",
                (meet_id, guild_id),
            )
            old: tuple[int, int] | None = None
            reopened = False
            if row is None:
                await tx.execute(
                    "INSERT INTO attendance_counters(meet_id, guild_id, held_on, channel_id, "
                    "started_by, started_at) VALUES(?, ?, ?, ?, ?, ?)",
                    (meet_id, guild_id, held_on, channel_id, actor_id, now),
                )
            else:
                if row["message_id"] is not None:
                    old = (row["channel_id"], row["message_id"])
                reopened = row["stopped_at"] is not None
                if reopened:
                    # The meet is live again, so its result leaves the history until it stops.
                    await tx.execute(
                        "DELETE FROM attendance_history WHERE meet_id = ? AND guild_id = ? "
                        "AND source = 'live'",
                        (meet_id, guild_id),
                    )
                await tx.execute(
                    "UPDATE attendance_counters SET channel_id = ?, message_id = NULL, "
                    "message_posted_at = NULL, stopped_at = NULL, stopped_by = NULL "
                    "WHERE meet_id = ? AND guild_id = ?",
                    (channel_id, meet_id, guild_id),
                )
            state = await self._state(tx, guild_id, meet_id)
        return StartResult(state, old, reopened)

    async def set_message(
        self, guild_id: int, meet_id: int, message_id: int, *, replaces: int | None = None
    ) -> bool:
        """Store the counter's (new) message; False if someone else replaced it first."""
        async with self.db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE attendance_counters SET message_id = ?, message_posted_at = ? "
                "WHERE meet_id = ? AND guild_id = ? AND message_id IS ?",
                (message_id, self.clock.now().isoformat(), meet_id, guild_id, replaces),
            )
        return changed == 1

    async def abandon(self, guild_id: int, meet_id: int) -> None:
        """Undo a start whose counter message could not be posted."""
        async with self.db.transaction() as tx:
            has_events = await tx.fetchval(
                "SELECT 1 FROM attendance_events WHERE meet_id = ? AND guild_id = ? LIMIT 1",
                (meet_id, guild_id),
            )
            if not has_events:
                await tx.execute(
                    "DELETE FROM attendance_counters WHERE meet_id = ? AND guild_id = ? "
                    "AND message_id IS NULL",
                    (meet_id, guild_id),
                )

    async def stop(self, guild_id: int, meet_id: int, actor_id: int) -> StopSummary:
        """Freeze the counter and write its final count to the meet's history."""
        now = self.clock.now().isoformat()
        async with self.db.transaction() as tx:
            row = await self._counter_row(tx, guild_id, meet_id)
            if row["stopped_at"] is not None:
                raise Conflict("That counter has already stopped. Start it again to reopen it.")
            meet = MeetInfo.from_row(row)
            totals = await tx.fetchone(_TOTALS_SQL, (meet_id, guild_id))
            assert totals is not None
            final = totals["checked_in"] + totals["staff"]
            held_on = date.fromisoformat(row["held_on"])
            previous = await record_in(tx, guild_id, meet.series, held_on, meet_id)
            await tx.execute(
                "UPDATE attendance_counters SET stopped_at = ?, stopped_by = ? "
                "WHERE meet_id = ? AND guild_id = ?",
                (now, actor_id, meet_id, guild_id),
            )
            await tx.execute(
                "INSERT INTO attendance_history(guild_id, series, meet_id, source, label, held_on, "
                "cars, created_by, created_at) VALUES(?, ?, ?, 'live', ?, ?, ?, ?, ?) "
                "ON CONFLICT(meet_id) DO UPDATE SET cars = excluded.cars, "
                "label = excluded.label, held_on = excluded.held_on, series = excluded.series",
                (
                    guild_id,
                    clean_series(meet.series),
                    meet_id,
                    clean_label(meet.title[:100]),
                    held_on.isoformat(),
                    final,
                    actor_id,
                    now,
                ),
            )
        return StopSummary(meet, final, totals["checked_in"], totals["staff"], previous)

    # The record announcement is sent in three steps so a crash (or a timeout on a post
    # Discord did create) can never make it go out, or ping the announce role, twice:
    # claim_announcement() before the send, set_announcement() with the message id
    # after it. A claimed counter without a message id means "a send may have reached
    # Discord": the caller then looks for that post before sending anything again, and
    # never pings a second time.
    async def claim_announcement(self, guild_id: int, meet_id: int, channel_id: int) -> bool:
        """Record that the announcement is about to be sent to `channel_id`. True only for
        the first attempt (nothing claimed or posted yet): only that send may ping."""
        async with self.db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE attendance_counters SET announce_channel_id = ? "
                "WHERE meet_id = ? AND guild_id = ? AND record_broken_at IS NOT NULL "
                "AND announce_channel_id IS NULL AND announce_message_id IS NULL",
                (channel_id, meet_id, guild_id),
            )
        return changed == 1

    async def release_announcement(self, guild_id: int, meet_id: int) -> None:
        """Undo a claim whose send Discord refused outright (nothing was posted), so the
        next attempt is a first one again and may ping."""
        await self.db.execute(
            "UPDATE attendance_counters SET announce_channel_id = NULL "
            "WHERE meet_id = ? AND guild_id = ? AND announce_message_id IS NULL",
            (meet_id, guild_id),
        )

    async def set_announcement(
        self, guild_id: int, meet_id: int, channel_id: int, message_id: int
    ) -> bool:
        """Store the announcement's message id, unless one is stored already or another
        counter of this server owns that message. False if nothing changed."""
        async with self.db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE attendance_counters SET announce_channel_id = ?, announce_message_id = ? "
                "WHERE meet_id = ? AND guild_id = ? AND announce_message_id IS NULL "
                "AND NOT EXISTS (SELECT 1 FROM attendance_counters o WHERE o.guild_id = ? "
                "AND o.announce_message_id = ?)",
                (channel_id, message_id, meet_id, guild_id, guild_id, message_id),
            )
        return changed == 1

    # -- reading ---------------------------------------------------------
    async def state(self, guild_id: int, meet_id: int) -> CounterState:
        params = (check_meet_id(meet_id), guild_id, guild_id)
        row = _found(await self.db.fetchone(_COUNTER_SQL, params))
        totals = await self.db.fetchone(_TOTALS_SQL, (meet_id, guild_id))
        events = await self.db.fetchall(
            "SELECT * FROM attendance_events WHERE meet_id = ? AND guild_id = ? "
            "ORDER BY id DESC LIMIT ?",
            (meet_id, guild_id, RECENT),
        )
        record = await record_in(
            self.db, guild_id, row["series"], date.fromisoformat(row["held_on"]), meet_id
        )
        assert totals is not None
        return self._build_state(row, totals, events, record)

    async def _state(self, tx: Transaction, guild_id: int, meet_id: int) -> CounterState:
        row = await self._counter_row(tx, guild_id, meet_id)
        totals = await tx.fetchone(_TOTALS_SQL, (meet_id, guild_id))
        events = await tx.fetchall(
            "SELECT * FROM attendance_events WHERE meet_id = ? AND guild_id = ? "
            "ORDER BY id DESC LIMIT ?",
            (meet_id, guild_id, RECENT),
        )
        record = await record_in(
            tx, guild_id, row["series"], date.fromisoformat(row["held_on"]), meet_id
        )
        assert totals is not None
        return self._build_state(row, totals, events, record)

    @staticmethod
    def _build_state(
        row: sqlite3.Row,
        totals: sqlite3.Row,
        events: list[sqlite3.Row],
        record: Record | None,
    ) -> CounterState:
        previous = None
        if row["record_prev_cars"] is not None:
            previous = Record(
                row["record_prev_cars"],
                row["record_prev_label"],
                date.fromisoformat(row["record_prev_on"]),
            )
        return CounterState(
            meet=MeetInfo.from_row(row),
            held_on=date.fromisoformat(row["held_on"]),
            channel_id=row["channel_id"],
            message_id=row["message_id"],
            message_posted_at=_dt(row["message_posted_at"]),
            started_at=datetime.fromisoformat(row["started_at"]),
            stopped_at=_dt(row["stopped_at"]),
            checked_in=totals["checked_in"],
            staff=totals["staff"],
            high_water=row["high_water"],
            record=record,
            record_broken_at=_dt(row["record_broken_at"]),
            previous_record=previous,
            announce_channel_id=row["announce_channel_id"],
            announce_message_id=row["announce_message_id"],
            recent=tuple(
                Arrival(
                    e["kind"],
                    e["member_id"],
                    e["delta"],
                    e["actor_id"],
                    e["total_after"],
                    datetime.fromisoformat(e["at"]),
                )
                for e in events
            ),
        )

    async def _counter_row(self, tx: Transaction, guild_id: int, meet_id: int) -> sqlite3.Row:
        return _found(await tx.fetchone(_COUNTER_SQL, (check_meet_id(meet_id), guild_id, guild_id)))

    # -- changes ---------------------------------------------------------
    async def check_in(self, guild_id: int, meet_id: int, member_id: int) -> Change:
        """Check a member's car in; pressing twice changes nothing (status `already_in`)."""
        return await self._change(guild_id, meet_id, member_id, "checkin", member_id, 1, None)

    async def check_out(self, guild_id: int, meet_id: int, member_id: int) -> Change:
        return await self._change(guild_id, meet_id, member_id, "checkout", member_id, -1, None)

    async def adjust(
        self, guild_id: int, meet_id: int, actor_id: int, cars: int, reason: str | None = None
    ) -> Change:
        """Move the staff tally (cars whose drivers aren't on Discord) by `cars`."""
        if cars == 0 or not -MAX_CARS <= cars <= MAX_CARS:
            raise InvalidInput(
                "`cars`: a change from -100 000 to 100 000, not 0; e.g. `3` or `-2`."
            )
        note = " ".join((reason or "").split())[:REASON_MAX] or None
        return await self._change(guild_id, meet_id, actor_id, "staff", None, cars, note)

    async def _change(
        self,
        guild_id: int,
        meet_id: int,
        actor_id: int,
        kind: Literal["checkin", "checkout", "staff"],
        member_id: int | None,
        delta: int,
        reason: str | None,
    ) -> Change:
        milestone_every = (await self.settings.get(guild_id)).milestone_every
        now = self.clock.now().isoformat()
        check_meet_id(meet_id)

        # One trip to the writer's thread; presses that arrive meanwhile share its COMMIT.
        def write(tx: SyncTransaction) -> Change:
            row = _found(tx.fetchone(_COUNTER_SQL, (meet_id, guild_id, guild_id)))
            if row["stopped_at"] is not None:
                raise Conflict("This counter has stopped; the final count is in /records show.")
            totals = tx.fetchone(_TOTALS_SQL, (meet_id, guild_id))
            assert totals is not None
            checked_in, staff = int(totals["checked_in"]), int(totals["staff"])
            total = checked_in + staff
            status: Status = "staff"
            car: int | None = None
            applied = delta
            if member_id is not None:
                here = int(tx.fetchval(_MEMBER_SQL, (meet_id, guild_id, member_id)))
                if kind == "checkin" and here:
                    car = int(tx.fetchval(_CAR_SQL, (meet_id, guild_id, member_id)) or 0)
                    return self._unchanged(row, "already_in", checked_in, staff, car)
                if kind == "checkout" and not here:
                    return self._unchanged(row, "not_in", checked_in, staff, None)
                status = "checked_in" if kind == "checkin" else "checked_out"
            else:
                # The tally stays within 0..100 000 and so does the total.
                applied = max(-staff, min(delta, MAX_CARS - total))
                if applied == 0:
                    raise Conflict(
                        "The staff tally is already 0; members who checked in can check out "
                        "with the I'm here button."
                        if delta < 0
                        else "The counter is at its maximum of 100 000 cars."
                    )
            if kind == "checkin" and total >= MAX_CARS:
                raise Conflict("The counter is at its maximum of 100 000 cars.")
            total += applied
            if kind == "staff":
                staff += applied
            else:
                checked_in += applied
            if kind == "checkin":
                car = total
            tx.execute(
                "INSERT INTO attendance_events(guild_id, meet_id, kind, member_id, delta, "
                "actor_id, reason, total_after, at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (guild_id, meet_id, kind, member_id, applied, actor_id, reason, total, now),
            )
            broken, raised, milestone = self._after_change(
                tx, row, guild_id, meet_id, total, milestone_every, now
            )
            return Change(
                meet_id,
                guild_id,
                row["channel_id"],
                status,
                applied,
                checked_in,
                staff,
                car,
                broken,
                raised,
                milestone,
            )

        return await self.db.write(write)

    @staticmethod
    def _after_change(
        tx: SyncTransaction,
        row: sqlite3.Row,
        guild_id: int,
        meet_id: int,
        total: int,
        milestone_every: int | None,
        now: str,
    ) -> tuple[bool, bool, int | None]:
        """Record and milestone bookkeeping, in the same transaction as the change."""
        high = int(row["high_water"])
        if total <= high:
            return False, False, None
        broken = raised = False
        updates: dict[str, object] = {"high_water": total}
        if row["record_broken_at"] is None:
            record = record_in_sync(
                tx, guild_id, row["series"], date.fromisoformat(row["held_on"]), meet_id
            )
            if record is not None and total > record.cars:
                broken = True
                updates |= {
                    "record_broken_at": now,
                    "record_prev_cars": record.cars,
                    "record_prev_label": record.label,
                    "record_prev_on": record.held_on.isoformat(),
                }
        else:
            raised = True
        milestone = None
        last = int(row["milestone_last"])
        if milestone_every and total // milestone_every > last // milestone_every:
            milestone = total // milestone_every * milestone_every
            updates["milestone_last"] = milestone
        sets = ", ".join(f"{k} = ?" for k in updates)
        tx.execute(
            f"UPDATE attendance_counters SET {sets} WHERE meet_id = ? AND guild_id = ?",
            (*updates.values(), meet_id, guild_id),
        )
        return broken, raised, milestone

    @staticmethod
    def _unchanged(
        row: sqlite3.Row, status: Status, checked_in: int, staff: int, car: int | None
    ) -> Change:
        return Change(
            row["meet_id"],
            row["guild_id"],
            row["channel_id"],
            status,
            0,
            checked_in,
            staff,
            car,
            False,
            False,
            None,
        )
