"""The live attendance counter: an append-only event log and the rules around it.

Count = checked-in members (one car each) + the staff tally. Every change is an
event row (who, when, delta, by whom, why), and the counter row keeps the two
running totals, moved in the same transaction as the event: a press costs the
same with ten thousand earlier events as with none, and the log still adds up
to the totals (tests check it). Organisers' corrections (the staff tally, which
may go negative, and voided check-ins) can take the count down to 0, never
below. Whether a change broke the club record is decided in that same
transaction, which is what makes "exactly one announcement" hold under
concurrent presses.

What makes each write correct among several processes (bot/db/base.py): a check-in,
check-out, staff change or void, by the counter's row lock (`_change`); start, stop
and abandon run SERIALIZABLE with retries, and each updates (or deletes) the counter
row, so a change holding its lock makes them wait and retry; the announcement's claim,
release and message id are conditional one-row UPDATEs, exclusive by the row lock they
take (a second claimer waits, then finds it claimed); one counter per meet and one
history entry per meet are unique constraints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.clock import Clock
from bot.db import Database, Queries, Row, Tx
from bot.db.rows import load, load_all, load_one, to_db
from bot.db.sql import contains, fold
from bot.errors import Conflict, InvalidInput, NotFound
from bot.services.attendance.records import (
    MAX_CARS,
    Record,
    clean_label,
    clean_series,
    local_date,
    record_in,
    series_key,
)
from bot.services.guild_settings import GuildSettingsService, known_language
from bot.services.ids import check_meet_id
from bot.services.meets import MeetService
from bot.services.outbox import mark
from bot.services.shards import ALL, Shards

from .models import (
    Arrival,
    Change,
    CounterShown,
    CounterState,
    Kind,
    LiveCounter,
    MeetInfo,
    StartResult,
    Status,
    StopSummary,
)

RECENT = 5
REASON_MAX = 200


_MEET_INFO = (
    "m.id AS id, m.guild_id, m.title, m.starts_at, m.series, "
    "(m.cancelled_at IS NOT NULL) AS cancelled"
)
_COUNTER_SQL = (
    f"SELECT c.*, {_MEET_INFO} "
    "FROM attendance_counters c JOIN meets m ON m.id = c.meet_id "
    "WHERE c.meet_id = ? AND c.guild_id = ? AND m.guild_id = ?"
)
_CHOICES_MATCH = "m.guild_id = ? AND m.cancelled_at IS NULL AND m.title LIKE ? ESCAPE '\\'"
_CHOICES_SQL = (
    # The live part starts from the live counters (attendance_counters_open), not from
    # the server's meets: SQLite keeps the tables of a CROSS JOIN in the order written.
    f"SELECT * FROM (SELECT {_MEET_INFO}, 1 AS live FROM attendance_counters c "
    "CROSS JOIN meets m WHERE m.id = c.meet_id AND m.guild_id = c.guild_id "
    "AND c.stopped_at IS NULL AND c.guild_id = ? AND m.cancelled_at IS NULL "
    "AND m.title LIKE ? ESCAPE '\\' LIMIT ?) AS live_meets "
    f"UNION ALL SELECT * FROM (SELECT {_MEET_INFO}, 0 AS live FROM meets m WHERE {_CHOICES_MATCH} "
    "AND m.starts_at >= ? ORDER BY m.starts_at, m.id LIMIT ?) AS next_meets "
    f"UNION ALL SELECT * FROM (SELECT {_MEET_INFO}, 0 AS live FROM meets m WHERE {_CHOICES_MATCH} "
    "AND m.starts_at < ? ORDER BY m.starts_at DESC, m.id DESC LIMIT ?) AS last_meets"
)
# The counter as an edit renders it, with its outbox mark's version (in the same
# statement, so from the same snapshot as the counter) and the /config settings the edit
# needs: one round trip where there were up to four.
_SHOWN_SQL = (
    f"SELECT c.*, {_MEET_INFO}, (SELECT o.version FROM visible_outbox o "
    "WHERE o.kind = 'counter' AND o.meet_id = c.meet_id) AS outbox_version, "
    "s.language AS config_language, s.announce_channel_id AS config_announce_channel_id, "
    "s.announce_role_id AS config_announce_role_id "
    "FROM attendance_counters c JOIN meets m ON m.id = c.meet_id "
    "LEFT JOIN guild_settings s ON s.guild_id = c.guild_id "
    "WHERE c.meet_id = ? AND c.guild_id = ? AND m.guild_id = ?"
)
# The last arrivals and the last corrections in one statement (one round trip, not two),
# each part walking attendance_events_recent / _corrections backwards from the meet's end.
_EVENTS_SQL = (
    "SELECT 'recent' AS part, recent.* FROM (SELECT * FROM attendance_events "
    "WHERE meet_id = ? AND guild_id = ? ORDER BY id DESC LIMIT ?) AS recent "
    "UNION ALL SELECT 'correction' AS part, corrections.* FROM (SELECT * FROM attendance_events "
    "WHERE meet_id = ? AND guild_id = ? AND kind IN ('staff', 'void') "
    "ORDER BY id DESC LIMIT ?) AS corrections"
)
_MEMBER_SQL = (
    "SELECT COALESCE(SUM(delta), 0) FROM attendance_events "
    "WHERE meet_id = ? AND guild_id = ? AND member_id = ? AND kind != 'staff'"
)

_CAR_SQL = (
    "SELECT total_after FROM attendance_events WHERE meet_id = ? AND guild_id = ? "
    "AND member_id = ? AND kind = 'checkin' ORDER BY id DESC LIMIT 1"
)


_MEMBER_STATUS: dict[Kind, Status] = {
    "checkin": "checked_in",
    "checkout": "checked_out",
    "void": "voided",
}


# PostgreSQL only: a check-in in one call (`_check_in_on_server`, migration postgres/0014).
CHECK_IN_ON_SERVER = "SELECT paddock_check_in(?, ?, ?, ?, ?, ?, ?, ?)"
# The server's milestone step (GuildSettingsService's column), read inside a change.
_MILESTONE_SQL = "SELECT milestone_every FROM guild_settings WHERE guild_id = ?"
# The counter's columns a change may move (AttendanceService._after_change).
_TOTALS = (
    "checked_in",
    "staff",
    "high_water",
    "record_broken_at",
    "record_broken_cars",
    "record_prev_cars",
    "record_prev_label",
    "record_prev_on",
    "milestone_last",
)
# Meets whose series key this process knows, for paddock_check_in (bounded: cleared when full).
SERIES_KEYS_KEPT = 4096


@dataclass(frozen=True, slots=True)
class OnServer:
    """What paddock_check_in returns: the counter row as locked (with the meet's series),
    the member's state and car, the record measured against, and the counter after the
    change (None: it wrote nothing) with the event's total."""

    row: Any
    here: int = 0
    car: int | None = None
    record: Record | None = None
    after: dict[str, Any] | None = None
    total: int | None = None
    needs_key: bool = False
    milestone_every: int | None = None


def _stored(value: object) -> object:
    """A value as the database stores it (the one timestamp format, dates as text)."""
    if isinstance(value, datetime):
        return to_db(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _note(reason: str | None) -> str | None:
    return " ".join((reason or "").split())[:REASON_MAX] or None


def _found(row: Row | None) -> Row:
    if row is None:
        raise NotFound(key="error-att-no-counter")
    return row


class AttendanceService:
    def __init__(
        self, db: Database, clock: Clock, settings: GuildSettingsService, meets: MeetService
    ) -> None:
        self.db = db
        self.clock = clock
        self.settings = settings
        self.meets = meets
        # meet id -> (its series, that series' key), for paddock_check_in.
        self._series_keys: dict[int, tuple[str, str]] = {}

    # -- meets -----------------------------------------------------------
    async def meet_choices(self, guild_id: int, query: str = "", limit: int = 25) -> list[MeetInfo]:
        """Meets for autocomplete: live counters first, then the ones nearest to now.

        Nearest to now is the nearer end of two index walks (the next meets from now
        on, the last ones before it), each stopping after enough matches, so the cost
        doesn't grow with the server's history the way sorting all its meets did. One
        statement, so one trip to the database."""
        now = self.clock.now()
        pattern = contains(query)
        rows = await self.db.fetchall(
            _CHOICES_SQL,
            (guild_id, pattern, limit) + (guild_id, pattern, now, 2 * limit) * 2,
        )

        def distance(m: MeetInfo) -> float:
            return abs((m.starts_at - now).total_seconds())

        live = sorted((load(MeetInfo, r) for r in rows if r["live"]), key=distance)
        live_ids = {m.id for m in live}
        around = (load(MeetInfo, r) for r in rows if not r["live"] and r["id"] not in live_ids)
        return (live + sorted(around, key=distance))[:limit]

    async def live_meet(self, guild_id: int) -> int:
        """The meet whose counter is live here, for /checkin without a meet."""
        rows = await self.db.fetchall(
            "SELECT meet_id FROM attendance_counters WHERE guild_id = ? AND stopped_at IS NULL "
            "ORDER BY started_at DESC",
            (guild_id,),
        )
        if not rows:
            raise NotFound(key="error-att-none-live")
        if len(rows) > 1:
            raise InvalidInput(key="error-att-several-live")
        return int(rows[0]["meet_id"])

    async def live_counters(
        self, guild_id: int | None = None, *, shards: Shards = ALL
    ) -> list[LiveCounter]:
        """Live counters in one server, or in every server of `shards` for the background
        upkeep loop (the attendance_counters_open index holds only the live ones)."""
        sql = (
            "SELECT guild_id, meet_id, channel_id, message_posted_at, "
            "(record_broken_at IS NOT NULL AND announce_message_id IS NULL) AS announce_pending "
            "FROM attendance_counters WHERE stopped_at IS NULL AND message_id IS NOT NULL"
        )
        if guild_id is None:
            return load_all(LiveCounter, await self.db.fetchall(sql + shards.where("guild_id")))
        return load_all(LiveCounter, await self.db.fetchall(f"{sql} AND guild_id = ?", (guild_id,)))

    async def unposted_counters(self, *, shards: Shards = ALL) -> list[tuple[int, int, int]]:
        """(guild, meet, channel) of live counters whose message id was never stored (a
        crash between posting the counter and storing its id), in the servers of `shards`."""
        rows = await self.db.fetchall(
            "SELECT guild_id, meet_id, channel_id FROM attendance_counters "
            "WHERE stopped_at IS NULL AND message_id IS NULL" + shards.where("guild_id")
        )
        return [(r["guild_id"], r["meet_id"], r["channel_id"]) for r in rows]

    # -- counter lifecycle -----------------------------------------------
    async def start(
        self, guild_id: int, meet_id: int, channel_id: int, actor_id: int
    ) -> StartResult:
        """Open a counter, reopen a stopped one, or move a live one to `channel_id`."""
        meet = await self.meets.get(guild_id, meet_id)
        if meet.cancelled:
            raise Conflict(key="error-att-cancelled", title=meet.title)
        tz = (await self.settings.get(guild_id)).tz
        now = self.clock.now()
        held_on = local_date(meet.starts_at, tz)

        async def write(tx: Tx) -> StartResult:
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
            await mark(tx, guild_id, meet_id, "counter")
            return StartResult(await self._state(tx, guild_id, meet_id), old, reopened)

        return await self.db.write(write)

    async def set_message(
        self, guild_id: int, meet_id: int, message_id: int, *, replaces: int | None = None
    ) -> bool:
        """Store the counter's (new) message; False if someone else replaced it first."""
        changed = await self.db.execute(
            "UPDATE attendance_counters SET message_id = ?, message_posted_at = ? "
            "WHERE meet_id = ? AND guild_id = ? AND message_id IS NOT DISTINCT FROM ?",
            (message_id, self.clock.now(), meet_id, guild_id, replaces),
        )
        return changed == 1

    async def abandon(self, guild_id: int, meet_id: int) -> None:
        """Undo a start whose counter message could not be posted."""

        async def write(tx: Tx) -> None:
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

        await self.db.write(write)

    async def stop(self, guild_id: int, meet_id: int, actor_id: int) -> StopSummary:
        """Freeze the counter and write its final count to the meet's history."""
        now = self.clock.now()

        async def write(tx: Tx) -> StopSummary:
            row = await self._counter_row(tx, guild_id, meet_id)
            if row["stopped_at"] is not None:
                raise Conflict(key="error-att-already-stopped")
            meet = load(MeetInfo, row)
            checked_in, staff = int(row["checked_in"]), int(row["staff"])
            final = checked_in + staff
            held_on = date.fromisoformat(row["held_on"])
            previous = await record_in(tx, guild_id, meet.series, held_on, meet_id)
            await tx.execute(
                "UPDATE attendance_counters SET stopped_at = ?, stopped_by = ? "
                "WHERE meet_id = ? AND guild_id = ?",
                (now, actor_id, meet_id, guild_id),
            )
            await tx.execute(
                "INSERT INTO attendance_history(guild_id, series, series_key, meet_id, source, "
                "label, held_on, cars, created_by, created_at) "
                "VALUES(?, ?, ?, ?, 'live', ?, ?, ?, ?, ?) "
                "ON CONFLICT(meet_id) DO UPDATE SET cars = excluded.cars, "
                "label = excluded.label, held_on = excluded.held_on, series = excluded.series, "
                "series_key = excluded.series_key",
                (
                    guild_id,
                    clean_series(meet.series),
                    fold(clean_series(meet.series)),
                    meet_id,
                    clean_label(meet.title[:100]),
                    held_on,
                    final,
                    actor_id,
                    now,
                ),
            )
            await mark(tx, guild_id, meet_id, "counter")
            return StopSummary(meet, final, checked_in, staff, previous, int(row["high_water"]))

        return await self.db.write(write)

    # The record announcement is sent in three steps so a crash (or a timeout on a post
    # Discord did create) can never make it go out, or ping the announce role, twice:
    # claim_announcement() before the send, set_announcement() with the message id
    # after it. A claimed counter without a message id means "a send may have reached
    # Discord": the caller then looks for that post before sending anything again, and
    # never pings a second time.
    async def claim_announcement(self, guild_id: int, meet_id: int, channel_id: int) -> bool:
        """Record that the announcement is about to be sent to `channel_id`. True only for
        the first attempt (nothing claimed or posted yet): only that send may ping.

        Exclusive across processes by the row lock of the conditional UPDATE: a second
        claimer waits for the first to commit and then finds announce_channel_id set
        (PostgreSQL's SERIALIZABLE fails it instead; its retry finds the same)."""
        changed = await self.db.execute(
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
        changed = await self.db.execute(
            "UPDATE attendance_counters SET announce_channel_id = ?, announce_message_id = ? "
            "WHERE meet_id = ? AND guild_id = ? AND announce_message_id IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM attendance_counters o WHERE o.guild_id = ? "
            "AND o.announce_message_id = ?)",
            (channel_id, message_id, meet_id, guild_id, guild_id, message_id),
        )
        return changed == 1

    # -- reading ---------------------------------------------------------
    async def state(self, guild_id: int, meet_id: int) -> CounterState:
        return await self._state(self.db, guild_id, meet_id)

    async def shown(self, guild_id: int, meet_id: int) -> CounterShown:
        """The counter an edit renders (of the counter or of its record post), its outbox
        mark's version and the /config settings the edit needs: three statements (the
        counter with the rest, its last events, the record), where they were up to seven."""
        row = _found(
            await self.db.fetchone(_SHOWN_SQL, (check_meet_id(meet_id), guild_id, guild_id))
        )
        # Read after the version: a change committed in between shows in them and keeps
        # its mark (the version it raised is not the one cleared).
        state = await self._state_of(self.db, guild_id, meet_id, row)
        version = row["outbox_version"]
        return CounterShown(
            state,
            None if version is None else int(version),
            known_language(row["config_language"]),
            row["config_announce_channel_id"],
            row["config_announce_role_id"],
        )

    async def _state(self, q: Queries, guild_id: int, meet_id: int) -> CounterState:
        """The counter as `q` sees it: the database, or a write transaction."""
        row = await self._counter_row(q, guild_id, meet_id)
        return await self._state_of(q, guild_id, meet_id, row)

    async def _state_of(self, q: Queries, guild_id: int, meet_id: int, row: Row) -> CounterState:
        """The counter from its row (as `_COUNTER_SQL` reads it), with its last events and
        its record read through `q`."""
        recent: list[Row] = []
        corrections: list[Row] = []
        for event in await q.fetchall(
            _EVENTS_SQL, (meet_id, guild_id, RECENT, meet_id, guild_id, RECENT)
        ):
            (recent if event["part"] == "recent" else corrections).append(event)
        # Newest first, whatever order the server hands the two parts back in.
        recent.sort(key=lambda e: -int(e["id"]))
        corrections.sort(key=lambda e: -int(e["id"]))
        held_on = date.fromisoformat(row["held_on"])
        previous = None
        if row["record_prev_cars"] is not None:
            previous = Record(
                row["record_prev_cars"],
                row["record_prev_label"],
                date.fromisoformat(row["record_prev_on"]),
            )
        return load(
            CounterState,
            row,
            meet=load(MeetInfo, row),
            record=await record_in(q, guild_id, row["series"], held_on, meet_id),
            previous_record=previous,
            recent=tuple(load_all(Arrival, recent)),
            corrections=tuple(load_all(Arrival, corrections)),
        )

    async def _counter_row(self, q: Queries, guild_id: int, meet_id: int) -> Row:
        return _found(await q.fetchone(_COUNTER_SQL, (check_meet_id(meet_id), guild_id, guild_id)))

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
            raise InvalidInput(key="error-att-cars-change")
        return await self._change(guild_id, meet_id, actor_id, "staff", None, cars, _note(reason))

    async def void(
        self, guild_id: int, meet_id: int, actor_id: int, member_id: int, reason: str | None = None
    ) -> Change:
        """Void a member's check-in (a false one, e.g. tapped from home): the car leaves
        the count, the log keeps who did it and why, and they can check in again."""
        return await self._change(guild_id, meet_id, actor_id, "void", member_id, -1, _note(reason))

    async def _change(
        self,
        guild_id: int,
        meet_id: int,
        actor_id: int,
        kind: Kind,
        member_id: int | None,
        delta: int,
        reason: str | None,
    ) -> Change:
        now = self.clock.now()
        check_meet_id(meet_id)

        # One trip to the writer's thread; presses that arrive meanwhile share its COMMIT.
        # Correct by row locks (db.write(row_lock=...), base.py): the counter and its
        # meet are locked first, and every other write of this counter's events and
        # totals (a check-in, stop, start) locks or updates the counter row first, so the
        # member's state, the totals, the high water and record_broken_at read here can't
        # change before this commits: one record decision per counter, made in the same
        # transaction as the increment. The record it is measured against (the series'
        # history) is read once: a result stored meanwhile by another meet's stop puts
        # this change before that stop, as if the two had run one after the other.
        # On PostgreSQL a check-in is one call (`_check_in_on_server`, migration
        # postgres/0014) that does all of this under the same locks; `decide` then
        # makes every decision again from what it returns and fails the write (rolling
        # it back) if the totals written differ. A check-in that arrives alone is that
        # call autocommitted, so there the check comes after the commit: a disagreement
        # is reported, not undone (tests/services/test_postgres_batches.py).
        async def write(tx: Tx) -> Change:
            found: OnServer | None = None
            if tx.dialect == "postgresql" and kind == "checkin":
                assert member_id is not None
                found = await self._check_in_on_server(tx, guild_id, meet_id, member_id, now)
                row = _found(found.row)
                milestone_every = found.milestone_every
            else:
                row = _found(
                    await tx.lock(_COUNTER_SQL, (check_meet_id(meet_id), guild_id, guild_id))
                )
                # Read here, not before the write: on PostgreSQL a read of its own would
                # be one more round trip a press (paddock_check_in reads it itself).
                milestone_every = await tx.fetchval(_MILESTONE_SQL, (guild_id,))
            try:
                change = await decide(tx, row, found, milestone_every)
            except Conflict as refused:
                if found is not None and found.after is not None:
                    # Rolls back what the function wrote: the rules here are the rules.
                    raise RuntimeError(
                        "paddock_check_in wrote a change the service refuses"
                    ) from refused
                raise
            if found is not None:
                self._check_on_server(found, change, row)
            return change

        async def decide(
            tx: Tx, row: Row, found: OnServer | None, milestone_every: int | None
        ) -> Change:
            if row["stopped_at"] is not None:
                raise Conflict(key="error-att-stopped")
            checked_in, staff = int(row["checked_in"]), int(row["staff"])
            total = checked_in + staff
            status: Status = "staff"
            car: int | None = None
            applied = delta
            if member_id is not None:
                if found is not None:
                    here = found.here
                else:
                    here = int(await tx.fetchval(_MEMBER_SQL, (meet_id, guild_id, member_id)))
                if kind == "checkin" and here:
                    if found is not None:
                        car = found.car
                    else:
                        car = int(await tx.fetchval(_CAR_SQL, (meet_id, guild_id, member_id)) or 0)
                    return self._unchanged(row, "already_in", checked_in, staff, car)
                if kind in ("checkout", "void") and not here:
                    return self._unchanged(row, "not_in", checked_in, staff, None)
                if kind == "void" and total <= 0:
                    # Staff corrections already took the count to 0: nothing left to void.
                    raise Conflict(key="error-att-zero-no-car")
                status = _MEMBER_STATUS[kind]
            else:
                # The staff tally may go negative (correcting members' false check-ins),
                # but the count stays within 0..100 000.
                applied = max(-total, min(delta, MAX_CARS - total))
                if applied == 0:
                    raise Conflict(key="error-att-zero" if delta < 0 else "error-att-maximum")
            if kind == "checkin" and total >= MAX_CARS:
                raise Conflict(key="error-att-maximum")
            total += applied
            if kind == "staff":
                staff += applied
            else:
                checked_in += applied
            if kind == "checkin":
                car = total
            if found is None:
                await tx.execute(
                    "INSERT INTO attendance_events(guild_id, meet_id, kind, member_id, delta, "
                    "actor_id, reason, total_after, at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (guild_id, meet_id, kind, member_id, applied, actor_id, reason, total, now),
                )
            broken, raised, milestone = await self._after_change(
                tx, row, guild_id, meet_id, (checked_in, staff), milestone_every, now, found
            )
            if found is None:  # on PostgreSQL the function marks it, in the same statement
                await mark(tx, guild_id, meet_id, "counter")
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

        async def check_in(tx: Tx) -> Change:
            # A write of its own code: the PostgreSQL backend learns per code which
            # writes are one server call (merged, or run alone) and which never are, and
            # the other kinds of change start with a lock.
            return await write(tx)

        return await self.db.write(
            check_in if kind == "checkin" else write, row_lock=("meet", meet_id)
        )

    async def _check_in_on_server(
        self,
        tx: Tx,
        guild_id: int,
        meet_id: int,
        member_id: int,
        now: datetime,
    ) -> OnServer:
        """PostgreSQL: a check-in's lock, reads, event, totals, record decision and mark
        in one round trip (migration postgres/0014). The series key it needs (Python's
        fold, bot/db/sql.py) is the one this process knows for the meet; when the meet's
        series is another, the function wrote nothing and asks, and it is called again."""
        for _ in range(2):
            series, key = self._series_keys.get(meet_id, (None, ""))
            value = await tx.fetchval(
                CHECK_IN_ON_SERVER,
                (
                    guild_id,
                    meet_id,
                    member_id,
                    now,
                    MAX_CARS,
                    series,
                    key,
                    tx.alone,
                ),
            )
            found = self._loaded(value)
            if found.row is not None:
                if len(self._series_keys) >= SERIES_KEYS_KEPT:
                    self._series_keys.clear()
                self._series_keys[meet_id] = (
                    found.row["series"],
                    series_key(found.row["series"]),
                )
            if not found.needs_key:
                return found
        raise RuntimeError("paddock_check_in asked twice for the series key")

    @staticmethod
    def _loaded(value: str | None) -> OnServer:
        if value is None:
            return OnServer(None)
        found = json.loads(value)
        return OnServer(
            found["row"],
            int(found.get("here") or 0),
            found.get("car"),
            load_one(Record, found.get("record")),
            found.get("after"),
            found.get("total"),
            bool(found.get("needs_key")),
            found.get("milestone_every"),
        )

    @staticmethod
    def _check_on_server(found: OnServer, change: Change, row: Any) -> None:
        """The service's decision against what paddock_check_in wrote (`_update` checks
        the totals): a change written if and only if the service makes one, the same
        event total. Raising fails the write, rolling the function's work back."""
        wrote = change.status not in ("already_in", "not_in")
        if wrote != (found.after is not None) or (wrote and found.total != change.total):
            raise RuntimeError(
                f"paddock_check_in wrote {found.after!r} (total {found.total}), "
                f"the service says {change!r}"
            )

    @staticmethod
    async def _after_change(
        tx: Tx,
        row: Row,
        guild_id: int,
        meet_id: int,
        totals: tuple[int, int],
        milestone_every: int | None,
        now: datetime,
        found: OnServer | None = None,
    ) -> tuple[bool, bool, int | None]:
        """The running totals, and record and milestone bookkeeping, in the same
        transaction as the change (`found`: as paddock_check_in did them, to check)."""
        checked_in, staff = totals
        total = checked_in + staff
        updates: dict[str, object] = {"checked_in": checked_in, "staff": staff}
        high = int(row["high_water"])
        if total <= high:
            await AttendanceService._update(tx, updates, meet_id, guild_id, found)
            return False, False, None
        broken = raised = False
        updates["high_water"] = total
        if row["record_broken_at"] is None:
            if found is not None:
                record = found.record
            else:
                record = await record_in(
                    tx, guild_id, row["series"], date.fromisoformat(row["held_on"]), meet_id
                )
            if record is not None and total > record.cars:
                broken = True
                updates |= {
                    "record_broken_at": now,
                    "record_broken_cars": total,
                    "record_prev_cars": record.cars,
                    "record_prev_label": record.label,
                    "record_prev_on": record.held_on,
                }
        else:
            raised = True
        milestone = None
        last = int(row["milestone_last"])
        if milestone_every and total // milestone_every > last // milestone_every:
            milestone = total // milestone_every * milestone_every
            updates["milestone_last"] = milestone
        await AttendanceService._update(tx, updates, meet_id, guild_id, found)
        return broken, raised, milestone

    @staticmethod
    async def _update(
        tx: Tx,
        updates: dict[str, object],
        meet_id: int,
        guild_id: int,
        found: OnServer | None = None,
    ) -> None:
        if found is not None:
            # Written by paddock_check_in already: every total it keeps must be what is
            # decided here (the counter as locked, with `updates`).
            after = found.after or {}
            for name in _TOTALS:
                wanted = _stored(updates[name]) if name in updates else found.row[name]
                if after.get(name) != wanted:
                    raise RuntimeError(
                        f"paddock_check_in wrote {name} = {after.get(name)!r}, "
                        f"the service says {wanted!r}"
                    )
            return
        sets = ", ".join(f"{k} = ?" for k in updates)
        await tx.execute(
            f"UPDATE attendance_counters SET {sets} WHERE meet_id = ? AND guild_id = ?",
            (*updates.values(), meet_id, guild_id),
        )

    @staticmethod
    def _unchanged(
        row: Row, status: Status, checked_in: int, staff: int, car: int | None
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
