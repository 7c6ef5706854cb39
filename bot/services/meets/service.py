"""The club's meet rules: announcing, RSVP with capacity and waitlist, edits, cancels.

Every read and write filters by guild_id, so one server never sees another's
meets. Each RSVP is one short serialised transaction that reads the counts it
decides on, which is what keeps a burst of presses exact.

What makes each write correct among several processes (bot/db/base.py): an RSVP, by
the meet's row lock (`rsvp`); create, edit and cancel run SERIALIZABLE with retries
(the default), and each updates the meet row, so an RSVP holding its lock makes them
wait and retry rather than interleave; the one-statement updates of a meet's ids and
flags (`attach_*`, `adopt_message`, `mark_closed_shown`) and the member preference
upsert are single-row writes that the row lock and the primary key make atomic.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.db import Database, Queries, Row, Tx
from bot.db.rows import load, load_all, load_one
from bot.db.sql import contains
from bot.errors import Conflict, InvalidInput, NeedsAnswer, RsvpClosed
from bot.services.guild_settings import known_language
from bot.services.ids import as_id, check_meet_id, meet_not_found
from bot.services.outbox import mark
from bot.services.shards import ALL, Shards

from . import names as names_module
from . import validation as check
from .models import (
    CANCELLED_KEPT_DAYS,
    Answer,
    CancelResult,
    EditResult,
    Meet,
    MeetChanges,
    MeetPlan,
    MyAnswer,
    Notify,
    Roster,
    RosterShown,
    Rsvp,
    RsvpResult,
    Status,
)
from .reminders import schedule_reminders

# The answer counts are columns kept by triggers (migration 0004).
MEET_SELECT = "SELECT m.* FROM meets m"
MEET_SQL = f"{MEET_SELECT} WHERE m.guild_id = ? AND m.id = ?"
PLACES = "SELECT capacity, n_going, n_waitlist FROM meets WHERE id = ?"
RSVP_SQL = "SELECT * FROM meet_rsvps WHERE meet_id = ? AND user_id = ?"
LOCK_MEET = "SELECT * FROM meets WHERE guild_id = ? AND id = ?"
# The member's answer (all NULL if none) and the seq a new or changed one gets.
ANSWER_AND_NEXT_SEQ = (
    "SELECT (SELECT COALESCE(MAX(seq), 0) + 1 FROM meet_rsvps WHERE meet_id = ?) AS next_seq, "
    "r.* FROM (SELECT 1) AS one LEFT JOIN meet_rsvps r ON r.meet_id = ? AND r.user_id = ?"
)
ROSTER_SQL = "SELECT * FROM meet_rsvps WHERE meet_id = ? AND guild_id = ? ORDER BY seq"
# The meet as an announcement's edit renders it, with its outbox mark's version (in the
# same statement, so from the same snapshot as the meet) and the server's /config language.
SHOWN_SQL = (
    "SELECT m.*, (SELECT o.version FROM visible_outbox o WHERE o.kind = 'announcement' "
    "AND o.meet_id = m.id) AS outbox_version, (SELECT s.language FROM guild_settings s "
    "WHERE s.guild_id = m.guild_id) AS server_language FROM meets m "
    "WHERE m.guild_id = ? AND m.id = ?"
)
# PostgreSQL only: the three statements of an RSVP in one, its outbox mark and place in
# line with them (`_rsvp_on_server`, migrations postgres/0013 and 0014).
RSVP_ON_SERVER = "SELECT paddock_rsvp(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
RSVP_UPSERT = (
    "INSERT INTO meet_rsvps (meet_id, guild_id, user_id, status, display_name, car, "
    "passengers, seq, responded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (meet_id, user_id) DO UPDATE SET status = excluded.status, "
    "display_name = CASE WHEN excluded.display_name = '' THEN meet_rsvps.display_name "
    "ELSE excluded.display_name END, "
    "car = excluded.car, passengers = excluded.passengers, seq = excluded.seq, "
    "responded_at = CASE WHEN meet_rsvps.status = excluded.status THEN meet_rsvps.responded_at "
    "ELSE excluded.responded_at END RETURNING *"
)


# What `paddock_rsvp` returns: the meet as locked, the answer before, the answer
# written, a waiting answer's place in line.
OnServer = tuple[Meet | None, Rsvp | None, Rsvp | None, int | None]


class MeetService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # -- reading ---------------------------------------------------------
    async def get(self, guild_id: int, meet_id: int, *, via: Queries | None = None) -> Meet:
        """The meet, or NotFound if it doesn't exist in *this* server. `via` reads it
        inside a write transaction instead."""
        row = await (via or self.db).fetchone(MEET_SQL, (guild_id, check_meet_id(meet_id)))
        if row is None:
            raise meet_not_found()
        return load(Meet, row)

    async def upcoming(
        self,
        guild_id: int,
        query: str = "",
        limit: int = 25,
        *,
        include_past_hours: int = 0,
        include_cancelled: bool = False,
    ) -> list[Meet]:
        """Meets that haven't started (or started within the last N hours), soonest first."""
        now = self.clock.now()
        since = now - timedelta(hours=include_past_hours)
        if include_cancelled:
            # A cancelled meet stays findable until a week after its start.
            kept = now - timedelta(days=CANCELLED_KEPT_DAYS)
            sql = (
                f"{MEET_SELECT} WHERE m.guild_id = ? AND (m.starts_at > ? OR "
                "(m.cancelled_at IS NOT NULL AND m.starts_at > ?))"
            )
            params: list[object] = [guild_id, since, min(kept, since)]
        else:
            sql = (
                f"{MEET_SELECT} WHERE m.guild_id = ? AND m.starts_at > ? AND m.cancelled_at IS NULL"
            )
            params = [guild_id, since]
        query = query.strip()
        if query:
            sql += " AND (m.title LIKE ? ESCAPE '\\' OR m.series LIKE ? ESCAPE '\\' OR m.id = ?)"
            params += [
                contains(query),
                contains(query),
                as_id(query) or -1,
            ]
        sql += " ORDER BY m.starts_at, m.id LIMIT ?"
        params.append(max(1, min(limit, 100)))
        return load_all(Meet, await self.db.fetchall(sql, params))

    async def roster(self, guild_id: int, meet_id: int) -> Roster:
        meet = await self.get(guild_id, meet_id)
        return self._roster(meet, await self.db.fetchall(ROSTER_SQL, (meet.id, guild_id)))

    async def roster_shown(self, guild_id: int, meet_id: int) -> RosterShown:
        """The roster an announcement's edit renders, its outbox mark's version and the
        server's /config language, in two statements instead of four (each a round trip
        on PostgreSQL): the meet with the other two, then the answers."""
        row = await self.db.fetchone(SHOWN_SQL, (guild_id, check_meet_id(meet_id)))
        if row is None:
            raise meet_not_found()
        meet = load(Meet, row)
        # Read after the version: a change committed in between shows in the answers and
        # keeps its mark (the version it raised is not the one cleared).
        roster = self._roster(meet, await self.db.fetchall(ROSTER_SQL, (meet.id, guild_id)))
        version = row["outbox_version"]
        return RosterShown(
            roster,
            None if version is None else int(version),
            known_language(row["server_language"]),
        )

    @staticmethod
    def _roster(meet: Meet, rows: list[Row]) -> Roster:
        by: dict[str, list[Rsvp]] = {"going": [], "waitlist": [], "maybe": [], "no": []}
        for row in rows:
            by[row["status"]].append(load(Rsvp, row))
        return Roster(
            meet=meet,
            going=tuple(by["going"]),
            waitlist=tuple(by["waitlist"]),
            maybe=tuple(by["maybe"]),
            no=tuple(by["no"]),
        )

    async def rsvp_of(self, guild_id: int, meet_id: int, user_id: int) -> Rsvp | None:
        row = await self.db.fetchone(
            "SELECT * FROM meet_rsvps WHERE guild_id = ? AND meet_id = ? AND user_id = ?",
            (guild_id, meet_id, user_id),
        )
        return load_one(Rsvp, row)

    # -- organising ------------------------------------------------------
    async def create(
        self,
        guild_id: int,
        *,
        title: str,
        starts_at: datetime,
        location: str,
        created_by: int,
        capacity: int | None = None,
        description: str = "",
        series: str = "",
        channel_id: int | None = None,
        ends_at: datetime | None = None,
        rsvp_deadline: datetime | None = None,
        reminder_minutes: Iterable[int] = (),
    ) -> Meet:
        plan = MeetPlan(
            title=title,
            starts_at=starts_at,
            location=location,
            capacity=capacity,
            description=description,
            series=series,
            channel_id=channel_id,
            ends_at=ends_at,
            rsvp_deadline=rsvp_deadline,
        )
        checked = self.check_plan(plan)
        minutes = tuple(reminder_minutes)

        async def write(tx: Tx) -> int:
            return await self.insert(tx, guild_id, checked, created_by, minutes)

        meet_id = await self.db.write(write)
        return await self.get(guild_id, meet_id)

    def check_plan(self, plan: MeetPlan) -> MeetPlan:
        """The plan with every field cleaned, or InvalidInput naming the first bad one."""
        now = self.clock.now()
        if plan.starts_at is None:
            raise InvalidInput(key="error-meets-when-missing")
        if plan.capacity is not None:
            check.capacity(plan.capacity)
        check.start(plan.starts_at, now)
        check.times(plan.starts_at, plan.ends_at, plan.rsvp_deadline, now)
        return replace(
            plan,
            title=check.title(plan.title),
            location=check.location(plan.location),
            description=check.description(plan.description),
            series=check.series(plan.series),
        )

    async def insert(
        self,
        tx: Tx,
        guild_id: int,
        plan: MeetPlan,
        created_by: int,
        reminder_minutes: Iterable[int],
    ) -> int:
        """Insert a checked plan as a meet, with its reminders, in the caller's write."""
        now = self.clock.now()
        assert plan.starts_at is not None
        meet_id = int(
            await tx.fetchval(
                "INSERT INTO meets (guild_id, title, starts_at, ends_at, rsvp_deadline, "
                "location, description, capacity, series, channel_id, created_by, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    guild_id,
                    plan.title,
                    plan.starts_at,
                    plan.ends_at,
                    plan.rsvp_deadline,
                    plan.location,
                    plan.description,
                    plan.capacity,
                    plan.series,
                    plan.channel_id,
                    created_by,
                    now,
                ),
            )
        )
        await schedule_reminders(tx, meet_id, plan.starts_at, reminder_minutes, now)
        await mark(tx, guild_id, meet_id, "announcement", "event")
        return meet_id

    async def delete(self, guild_id: int, meet_id: int) -> None:
        """Undo a create whose announcement could not be posted."""
        await self.db.execute(
            "DELETE FROM meets WHERE guild_id = ? AND id = ?", (guild_id, meet_id)
        )

    async def attach_message(
        self, guild_id: int, meet_id: int, channel_id: int, message_id: int
    ) -> None:
        async def write(tx: Tx) -> None:
            await tx.execute(
                "UPDATE meets SET channel_id = ?, message_id = ? WHERE guild_id = ? AND id = ?",
                (channel_id, message_id, guild_id, meet_id),
            )
            # Answers given while it was being posted are shown by the next edit.
            await mark(tx, guild_id, meet_id, "announcement")

        await self.db.write(write)

    # A crash between posting an announcement and attach_message() leaves a meet
    # whose announcement exists but is unknown (message_id NULL). The two methods
    # below let the bot find and adopt it: from a button press on it, or at startup.
    async def adopt_message(
        self, guild_id: int, meet_id: int, channel_id: int, message_id: int
    ) -> bool:
        """Store `message_id` as the announcement only if none is stored yet and it is in
        the meet's own channel; True if it was stored. One conditional UPDATE, so two
        adopters (or an adopter and attach_message) can't disagree, in one process or
        several: on PostgreSQL the row lock makes the second wait and then find the id set
        (SERIALIZABLE fails it instead, and its retry finds the id set)."""

        async def write(tx: Tx) -> bool:
            changed = await tx.execute(
                "UPDATE meets SET message_id = ? WHERE guild_id = ? AND id = ? "
                "AND channel_id = ? AND message_id IS NULL",
                (message_id, guild_id, meet_id, channel_id),
            )
            if changed == 1:
                await mark(tx, guild_id, meet_id, "announcement")
            return changed == 1

        return await self.db.write(write)

    async def unannounced(self, created_before: datetime, *, shards: Shards = ALL) -> list[Meet]:
        """Upcoming, not cancelled meets with a channel but no stored announcement, created
        before `created_before` (so a /meet create still in flight is never included), in
        the servers of `shards`. The meets_closing index walks only the upcoming meets
        that are not cancelled (an unannounced meet was never shown closed)."""
        rows = await self.db.fetchall(
            f"{MEET_SELECT} WHERE m.closed_shown = 0 AND m.cancelled_at IS NULL "
            "AND m.starts_at > ? AND m.message_id IS NULL AND m.channel_id IS NOT NULL "
            f"AND m.created_at < ?{shards.where('m.guild_id')} ORDER BY m.id",
            (self.clock.now(), created_before),
        )
        return load_all(Meet, rows)

    async def attach_event(self, guild_id: int, meet_id: int, event_id: int | None) -> None:
        await self.db.execute(
            "UPDATE meets SET event_id = ? WHERE guild_id = ? AND id = ?",
            (event_id, guild_id, meet_id),
        )

    async def edit(
        self,
        guild_id: int,
        meet_id: int,
        changes: MeetChanges,
        reminder_minutes: Iterable[int] = (),
    ) -> EditResult:
        """Check and apply `changes` in one write."""
        changes = self.check_changes(changes)
        minutes = tuple(reminder_minutes)

        async def write(tx: Tx) -> EditResult:
            return await self.change(tx, guild_id, meet_id, changes, minutes)

        result = await self.db.write(write)
        return replace(result, meet=await self.get(guild_id, meet_id))

    def check_changes(self, changes: MeetChanges) -> MeetChanges:
        now = self.clock.now()
        if changes.empty:
            raise InvalidInput(key="error-meets-nothing-to-change")
        if changes.capacity is not None:
            check.capacity(changes.capacity)
        if changes.starts_at is not None:
            check.start(changes.starts_at, now)
        return replace(
            changes,
            # "" takes the meet out of its series: it then competes with the whole server.
            series=None if changes.series is None else check.series(changes.series),
            title=None if changes.title is None else check.title(changes.title),
            location=None if changes.location is None else check.location(changes.location),
            description=(
                None if changes.description is None else check.description(changes.description)
            ),
        )

    async def change(
        self,
        tx: Tx,
        guild_id: int,
        meet_id: int,
        changes: MeetChanges,
        reminder_minutes: Iterable[int],
    ) -> EditResult:
        """Apply checked changes in the caller's write."""
        now = self.clock.now()
        before = await self.get(guild_id, meet_id, via=tx)
        if before.cancelled:
            raise Conflict(key="error-meets-edit-cancelled")
        columns: dict[str, object] = {}
        for name in ("title", "location", "description", "capacity", "series"):
            value = getattr(changes, name)
            if value is not None:
                columns[name] = value
        starts_at, ends_at, deadline = changes.times_for(before)
        time_changed = starts_at != before.starts_at
        place_changed = changes.location is not None and changes.location != before.location
        if time_changed:
            columns["starts_at"] = starts_at
        check.times(starts_at, ends_at, deadline, now)
        if ends_at is not None:
            columns["ends_at"] = ends_at
        if deadline is not None:
            columns["rsvp_deadline"] = deadline
        if time_changed or changes.rsvp_deadline is not None:
            # A later close shows the announcement open again; the job closes it anew.
            columns["closed_shown"] = 0
        assignments = ", ".join(f"{c} = ?" for c in columns)
        await tx.execute(
            f"UPDATE meets SET {assignments} WHERE guild_id = ? AND id = ?",
            (*columns.values(), guild_id, meet_id),
        )
        if time_changed:
            await tx.execute(
                "DELETE FROM meet_reminders WHERE meet_id = ? AND state = 'pending'",
                (meet_id,),
            )
            await schedule_reminders(tx, meet_id, starts_at, reminder_minutes, now)
        promoted = await self._promote(tx, meet_id, now)
        await mark(tx, guild_id, meet_id, "announcement", "event")
        rows = await tx.fetchall(
            "SELECT user_id FROM meet_rsvps WHERE meet_id = ? "
            "AND status IN ('going', 'waitlist', 'maybe') ORDER BY seq",
            (meet_id,),
        )
        return EditResult(
            meet=await self.get(guild_id, meet_id, via=tx),
            time_changed=time_changed,
            place_changed=place_changed,
            notify_ids=tuple(r["user_id"] for r in rows),
            promoted=promoted,
        )

    async def cancel(self, guild_id: int, meet_id: int, reason: str = "") -> CancelResult:
        reason = check.reason(reason)
        now = self.clock.now()

        async def write(tx: Tx) -> tuple[int, ...]:
            meet = await self.get(guild_id, meet_id, via=tx)
            if meet.cancelled:
                raise Conflict(key="error-meets-already-cancelled")
            await tx.execute(
                "UPDATE meets SET cancelled_at = ?, cancel_reason = ? WHERE guild_id = ? AND id = ?",
                (now, reason or None, guild_id, meet_id),
            )
            await tx.execute(
                "UPDATE meet_reminders SET state = 'skipped' WHERE meet_id = ? AND state = 'pending'",
                (meet_id,),
            )
            await mark(tx, guild_id, meet_id, "announcement", "event")
            rows = await tx.fetchall(
                "SELECT user_id FROM meet_rsvps WHERE meet_id = ? "
                "AND status IN ('going', 'waitlist', 'maybe') ORDER BY seq",
                (meet_id,),
            )
            return tuple(r["user_id"] for r in rows)

        notify_ids = await self.db.write(write)
        return CancelResult(meet=await self.get(guild_id, meet_id), notify_ids=notify_ids)

    # -- answering ---------------------------------------------------------
    async def rsvp(
        self,
        guild_id: int,
        meet_id: int,
        user_id: int,
        answer: Answer | None,
        *,
        display_name: str = "",
        car: str | None = None,
        passengers: int | str | None = None,
        organiser: bool = False,
    ) -> RsvpResult:
        """Record a member's answer; `answer=None` keeps it and changes only the car
        (NeedsAnswer if there is none yet: a car never answers for the member).
        Organisers may still answer after the RSVP deadline, until the start."""
        clean_car = check.car(car) if car is not None else None
        clean_passengers = check.passengers(passengers) if passengers is not None else None
        now = self.clock.now()

        # Correct by the meet's row lock (db.write(row_lock=...), base.py): every
        # write of a meet's answers locks or updates its row first (an RSVP here, an
        # edit's UPDATE in `change`; the count triggers update it too), so the capacity
        # and waitlist decision, the next seq and the promotions read answers no one
        # else is changing. The primary key (meet_id, user_id) keeps one answer per
        # member. Three statements on SQLite, as few as that allows; on PostgreSQL,
        # where each is a round trip, one (`_rsvp_on_server`), checked against the
        # same decision made here. A press that arrives alone there (tx.alone) is that
        # one call autocommitted, no BEGIN or COMMIT: the check then comes after the
        # commit, so a disagreement is reported (the member hears an error, the log has
        # it) but not undone; tests/services/test_postgres_batches.py compares the two.
        async def write(tx: Tx) -> RsvpResult:
            on_server: OnServer | None = None
            if tx.dialect == "postgresql":
                on_server = await self._rsvp_on_server(
                    tx,
                    (guild_id, check_meet_id(meet_id), user_id, answer, display_name[:100]),
                    (clean_car, clean_passengers, now, organiser, tx.alone),
                )
                meet = on_server[0]
            else:
                meet = load_one(Meet, await tx.lock(LOCK_MEET, (guild_id, check_meet_id(meet_id))))
            if meet is None:
                raise meet_not_found()
            if meet.cancelled:
                raise RsvpClosed(meet.title, meet.starts_at, cancelled=True)
            if meet.has_started(now):
                raise RsvpClosed(meet.title, meet.starts_at, cancelled=False)
            if not organiser and now >= meet.rsvp_closes_at:
                raise RsvpClosed(
                    meet.title, meet.starts_at, cancelled=False, deadline=meet.rsvp_closes_at
                )
            next_seq = 0  # on PostgreSQL, the function's to find
            if on_server is not None:
                existing = on_server[1]
            else:
                found = await tx.fetchone(ANSWER_AND_NEXT_SEQ, (meet_id, meet_id, user_id))
                assert found is not None
                existing = None if found["user_id"] is None else load(Rsvp, found)
                next_seq = int(found["next_seq"])
            if answer is None and existing is None:
                raise NeedsAnswer(meet.id, meet.title)
            status = self._next_status(meet, existing, answer)
            changed = existing is None or existing.status != status
            if on_server is not None:
                mine = on_server[2]
                kept_seq = existing.seq if existing is not None and not changed else None
                if mine is None or mine.status != status or kept_seq not in (None, mine.seq):
                    # Rolls back what the function wrote: the rules here are the rules.
                    raise RuntimeError(f"paddock_rsvp wrote {mine!r}, the service says {status}")
            else:
                seq = existing.seq if existing is not None and not changed else next_seq
                row = await tx.fetchone(
                    RSVP_UPSERT,
                    (
                        meet_id,
                        guild_id,
                        user_id,
                        status,
                        display_name[:100],
                        clean_car if clean_car is not None else (existing.car if existing else ""),
                        clean_passengers
                        if clean_passengers is not None
                        else (existing.passengers if existing else 0),
                        seq,
                        now,
                    ),
                )
                assert row is not None
                mine = load(Rsvp, row)
                # On PostgreSQL the function marks it, in the same statement.
                await mark(tx, guild_id, meet_id, "announcement")
            after = self._counted(meet, existing.status if existing else None, status)
            position = None
            if status == "waitlist":
                # A new place in line comes after everyone in it (its seq is the highest).
                if changed:
                    position = after.waitlist
                elif on_server is not None:
                    position = on_server[3]
                else:
                    position = await self._place(tx, mine)
            promoted: tuple[int, ...] = ()
            if after.waitlist and (after.capacity is None or after.going < after.capacity):
                # Rare (a place freed with a line waiting): promote, then read what moved.
                promoted = await self._promote(tx, meet_id, now)
                again = await tx.fetchone(RSVP_SQL, (meet_id, user_id))
                assert again is not None
                mine = load(Rsvp, again)
                after = await self.get(guild_id, meet_id, via=tx)
                position = await self._place(tx, mine) if mine.status == "waitlist" else None
            return RsvpResult(
                meet=after,
                rsvp=mine,
                waitlist_position=position,
                promoted=promoted,
                changed_status=changed,
            )

        return await self.db.write(write, row_lock=("meet", meet_id))

    @staticmethod
    async def _rsvp_on_server(
        tx: Tx,
        who: tuple[int, int, int, Answer | None, str],
        what: tuple[str | None, int | None, datetime, bool, bool],
    ) -> OnServer:
        """PostgreSQL: `rsvp`'s lock, read, upsert and outbox mark in one round trip
        (migrations postgres/0013 and 0014). The meet as locked (None: no such meet in
        this server), the member's answer before, the answer it wrote (None: it
        refused, for a reason `rsvp` finds in the meet and the answer before), and a
        waiting answer's place in line."""
        value = await tx.fetchval(RSVP_ON_SERVER, (*who, *what))
        if value is None:
            return None, None, None, None
        found = json.loads(value)
        return (
            load(Meet, found["meet"]),
            load_one(Rsvp, found["old"]),
            load_one(Rsvp, found["new"]),
            found.get("place"),
        )

    @staticmethod
    def _counted(meet: Meet, old: Status | None, new: Status) -> Meet:
        """The meet with one answer moved from `old` to `new`, its counts as the count
        triggers (migration 0004) leave them: an RSVP changes nothing else of the meet,
        so it need not be read back (tests/services/test_meets_properties.py compares)."""
        if old == new:
            return meet

        def moved(status: Status) -> int:
            return (new == status) - (old == status)

        return replace(
            meet,
            going=meet.going + moved("going"),
            waitlist=meet.waitlist + moved("waitlist"),
            maybe=meet.maybe + moved("maybe"),
        )

    @staticmethod
    async def _place(tx: Tx, rsvp: Rsvp) -> int:
        """A waiting answer's place in line, 1 for the first."""
        return int(
            await tx.fetchval(
                "SELECT COUNT(*) FROM meet_rsvps WHERE meet_id = ? AND status = 'waitlist' "
                "AND seq <= ?",
                (rsvp.meet_id, rsvp.seq),
            )
        )

    @staticmethod
    def _next_status(meet: Meet, existing: Rsvp | None, answer: Answer | None) -> Status:
        if answer is None:
            assert existing is not None  # rsvp() refuses a car without an answer
            return existing.status
        if answer != "going":
            return answer
        if existing is not None and existing.status in ("going", "waitlist"):
            # Pressing Going again keeps a confirmed place, or the place in line.
            return existing.status
        if meet.capacity is not None and (meet.going >= meet.capacity or meet.waitlist > 0):
            return "waitlist"
        return "going"

    @staticmethod
    async def _promote(tx: Tx, meet_id: int, now: datetime) -> tuple[int, ...]:
        """Fill free places from the waitlist, first in line first."""
        row = await tx.fetchone(PLACES, (meet_id,))
        if row is None or not row["n_waitlist"]:
            return ()
        capacity, going = row["capacity"], row["n_going"]
        if capacity is None:
            free = int(row["n_waitlist"])  # no capacity: everyone waiting
        else:
            free = capacity - going
            if free <= 0:
                # Lowering capacity never removes anyone; it only stops new places.
                return ()
        waiting = await tx.fetchall(
            "SELECT user_id FROM meet_rsvps WHERE meet_id = ? AND status = 'waitlist' "
            "ORDER BY seq LIMIT ?",
            (meet_id, free),
        )
        ids = tuple(r["user_id"] for r in waiting)
        for user_id in ids:
            await tx.execute(
                "UPDATE meet_rsvps SET status = 'going', responded_at = ? "
                "WHERE meet_id = ? AND user_id = ?",
                (now, meet_id, user_id),
            )
        return ids

    # -- the meet's life ---------------------------------------------------
    async def attach_thread(self, guild_id: int, meet_id: int, thread_id: int) -> None:
        await self.db.execute(
            "UPDATE meets SET thread_id = ? WHERE guild_id = ? AND id = ?",
            (thread_id, guild_id, meet_id),
        )

    async def closing_due(self, limit: int = 25, *, shards: Shards = ALL) -> list[Meet]:
        """Announced meets whose RSVPs have closed (deadline or start) but whose
        announcement doesn't show it yet, in the servers of `shards`; cancelled meets
        show it already."""
        rows = await self.db.fetchall(
            f"{MEET_SELECT} WHERE m.closed_shown = 0 AND m.cancelled_at IS NULL "
            "AND m.message_id IS NOT NULL AND COALESCE(m.rsvp_deadline, m.starts_at) <= ?"
            f"{shards.where('m.guild_id')} ORDER BY m.id LIMIT ?",
            (self.clock.now(), limit),
        )
        return load_all(Meet, rows)

    async def mark_closed_shown(self, meet_id: int) -> None:
        await self.db.execute("UPDATE meets SET closed_shown = 1 WHERE id = ?", (meet_id,))

    async def answers_of(self, guild_id: int, user_id: int, limit: int = 25) -> list[MyAnswer]:
        """A member's own answers to this server's meets that haven't started, soonest
        first (cancelled ones included, so the member sees they are off)."""
        rows = await self.db.fetchall(
            "SELECT m.*, r.status AS my_status, (SELECT COUNT(*) FROM meet_rsvps w "
            "WHERE w.meet_id = m.id AND w.status = 'waitlist' AND w.seq <= r.seq) AS my_place "
            "FROM meet_rsvps r JOIN meets m ON m.id = r.meet_id "
            "WHERE r.guild_id = ? AND r.user_id = ? AND m.guild_id = ? AND m.starts_at > ? "
            "ORDER BY m.starts_at, m.id LIMIT ?",
            (guild_id, user_id, guild_id, self.clock.now(), limit),
        )
        return [
            MyAnswer(
                meet=load(Meet, r),
                status=r["my_status"],
                waitlist_position=r["my_place"] if r["my_status"] == "waitlist" else None,
            )
            for r in rows
        ]

    # -- member preferences -------------------------------------------------
    async def remember_names(self, guild_id: int, names: Mapping[int, str]) -> None:
        """Keep the names of members mentioned in meet text (bot/services/meets/names.py)."""
        await names_module.remember(self.db, guild_id, names, self.clock.now())

    async def set_notify(self, guild_id: int, user_id: int, via: Notify) -> None:
        if via not in ("channel", "dm"):
            raise InvalidInput(key="error-meets-bad-via")
        await self.db.execute(
            "INSERT INTO meet_member_prefs (guild_id, user_id, notify) VALUES (?, ?, ?) "
            "ON CONFLICT (guild_id, user_id) DO UPDATE SET notify = excluded.notify",
            (guild_id, user_id, via),
        )

    async def notify_pref(self, guild_id: int, user_id: int) -> Notify:
        value = await self.db.fetchval(
            "SELECT notify FROM meet_member_prefs WHERE guild_id = ? AND user_id = ?",
            (guild_id, user_id),
        )
        return "dm" if value == "dm" else "channel"

    async def dm_opt_ins(self, guild_id: int, user_ids: Iterable[int]) -> set[int]:
        wanted = list(dict.fromkeys(user_ids))
        found: set[int] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = await self.db.fetchall(
                f"SELECT user_id FROM meet_member_prefs WHERE guild_id = ? AND notify = 'dm' "
                f"AND user_id IN ({marks})",
                (guild_id, *chunk),
            )
            found.update(r["user_id"] for r in rows)
        return found
