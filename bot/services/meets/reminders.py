"""Reminder bookkeeping: materialise, find due, claim exactly once, mark sent."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.db import Database, Row, Tx
from bot.db.rows import from_db, load, to_db
from bot.services.shards import ALL, Shards

from .models import DueReminder, Meet

# Every pending reminder whose time has come, with its meet: the (state, due_at) index
# finds them without looking at any other meet, however many servers there are.
# The shard filter (bot/services/shards.py) goes between the two. `superseded`: a later
# reminder of the same meet is due too (both fell due while the bot was down), so this
# one would only repeat it; the meet's (meet_id, ...) unique index answers it.
_DUE_SQL = (
    "SELECT r.id AS reminder_id, r.minutes_before, m.*, EXISTS ("
    "SELECT 1 FROM meet_reminders l WHERE l.meet_id = r.meet_id AND l.state = 'pending' "
    "AND l.due_at <= ? AND l.due_at > r.due_at) AS superseded "
    "FROM meet_reminders r JOIN meets m ON m.id = r.meet_id "
    "WHERE r.state = 'pending' AND r.due_at <= ?{shards} ORDER BY r.due_at, r.id LIMIT ?"
)


async def schedule_reminders(
    tx: Tx, meet_id: int, starts_at: datetime, minutes: Iterable[int], now: datetime
) -> None:
    """One row per offset; an offset already in the past is recorded as skipped."""
    for before in sorted(set(minutes), reverse=True):
        due = starts_at - timedelta(minutes=before)
        await tx.execute(
            "INSERT INTO meet_reminders (meet_id, minutes_before, due_at, state) "
            "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (meet_id, before, due, "pending" if due > now else "skipped"),
        )


class ReminderService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def due(self, limit: int = 50, *, shards: Shards = ALL) -> list[DueReminder]:
        """Pending reminders whose time has come, for meets that haven't started, in the
        servers of `shards`."""
        now = self.clock.now()
        sql = _DUE_SQL.format(shards=shards.where("m.guild_id"))
        while True:
            rows = await self.db.fetchall(sql, (now, now, limit))
            meets = [(row, load(Meet, row)) for row in rows]
            # A reminder for a meet that started (or was cancelled) while we were down,
            # or one a later reminder of its meet replaces, is pointless now: retire it
            # rather than send it late. Only rows already read are retired, so the
            # write stays as short as the read.
            stale = [row["reminder_id"] for row, meet in meets if not _sendable(row, meet, now)]
            if stale:
                await self._skip(stale)
            sendable = [(row, meet) for row, meet in meets if _sendable(row, meet, now)]
            going = await self._going([meet.id for _, meet in sendable])
            found = [
                DueReminder(
                    id=row["reminder_id"],
                    meet=meet,
                    minutes_before=row["minutes_before"],
                    going_ids=tuple(going.get(meet.id, ())),
                )
                for row, meet in sendable
            ]
            # A page that was all stale may hide sendable ones behind it.
            if found or len(rows) < limit:
                return found

    async def _skip(self, reminder_ids: list[int]) -> None:
        marks = ", ".join("?" for _ in reminder_ids)
        await self.db.execute(
            f"UPDATE meet_reminders SET state = 'skipped' WHERE state = 'pending' "
            f"AND id IN ({marks})",
            reminder_ids,
        )

    async def _going(self, meet_ids: list[int]) -> dict[int, list[int]]:
        """Who is going to each meet, in press order: one read for the whole tick."""
        going: dict[int, list[int]] = {}
        if meet_ids:
            marks = ", ".join("?" for _ in meet_ids)
            rows = await self.db.fetchall(
                f"SELECT meet_id, user_id FROM meet_rsvps WHERE meet_id IN ({marks}) "
                "AND status = 'going' ORDER BY meet_id, seq",
                meet_ids,
            )
            for r in rows:
                going.setdefault(r["meet_id"], []).append(r["user_id"])
        return going

    async def claim(self, reminder_id: int) -> bool:
        """Take the reminder for sending; False if someone already did.

        Exclusive across processes by the row lock the UPDATE takes: of two concurrent
        claims, the second waits for the first to commit, then finds state 'claimed'
        (on PostgreSQL's SERIALIZABLE it fails instead and its retry finds that), so
        exactly one caller sees 1 row changed. SQLite's single writer gives the same.
        The shard filter in `due` keeps two processes from even trying."""
        taken = await self.db.execute(
            "UPDATE meet_reminders SET state = 'claimed', claimed_at = ? "
            "WHERE id = ? AND state = 'pending'",
            (self.clock.now(), reminder_id),
        )
        return taken == 1

    async def confirm(self, reminder_id: int) -> DueReminder | None:
        """The send step's re-check of a claimed reminder, just before it is posted:
        the reminder with its meet and going members as they are now, or None when it
        must not go out (then it is no longer 'claimed').

        Between `due` and `claim` a cancel or a move retires or deletes the pending row,
        so the claim fails; after the claim they leave a 'claimed' row alone. So here:
        a cancelled or started meet drops it ('skipped'). A meet moved so the reminder
        no longer fits (its due time is not the start minus its offset) drops it too
        when the move planned its replacement (meet_reminders is unique by due time, so
        a claimed row never blocks that), and otherwise re-plans this one for the new
        time ('pending' again, claimed afresh then), or drops it if that time has
        passed, as `schedule_reminders` would. One write, so a concurrent cancel or
        edit is either seen here or comes after the decision."""
        now = self.clock.now()

        async def write(tx: Tx) -> tuple[Meet, int] | None:
            row = await tx.fetchone(
                "SELECT r.state AS reminder_state, r.minutes_before, r.due_at AS reminder_due, "
                "m.* FROM meet_reminders r JOIN meets m ON m.id = r.meet_id WHERE r.id = ?",
                (reminder_id,),
            )
            if row is None or row["reminder_state"] != "claimed":
                return None
            meet = load(Meet, row)
            minutes = int(row["minutes_before"])
            fits = meet.starts_at - timedelta(minutes=minutes)
            if meet.cancelled or meet.has_started(now):
                await self._set(tx, reminder_id, "skipped")
                return None
            if to_db(from_db(row["reminder_due"])) == to_db(fits):
                return meet, minutes
            planned = await tx.fetchval(
                "SELECT COUNT(*) FROM meet_reminders WHERE meet_id = ? AND minutes_before = ? "
                "AND due_at = ?",
                (meet.id, minutes, fits),
            )
            if planned or fits <= now:
                await self._set(tx, reminder_id, "skipped")
            else:
                await tx.execute(
                    "UPDATE meet_reminders SET state = 'pending', due_at = ?, claimed_at = NULL "
                    "WHERE id = ?",
                    (fits, reminder_id),
                )
            return None

        found = await self.db.write(write)
        if found is None:
            return None
        meet, minutes = found
        going = await self._going([meet.id])
        return DueReminder(reminder_id, meet, minutes, tuple(going.get(meet.id, ())))

    @staticmethod
    async def _set(tx: Tx, reminder_id: int, state: str) -> None:
        await tx.execute(
            "UPDATE meet_reminders SET state = ? WHERE id = ? AND state = 'claimed'",
            (state, reminder_id),
        )

    async def mark_sent(self, reminder_id: int, message_id: int | None) -> None:
        await self.db.execute(
            "UPDATE meet_reminders SET state = 'sent', message_id = ? WHERE id = ?",
            (message_id, reminder_id),
        )

    async def withdrawn(self, reminder_id: int) -> None:
        """A reminder taken back after its post: its meet was cancelled while the post
        was in flight. Never sent again ('skipped' is final, as 'sent' is)."""
        await self.db.execute(
            "UPDATE meet_reminders SET state = 'skipped', message_id = NULL WHERE id = ?",
            (reminder_id,),
        )

    async def states(self, meet_id: int) -> dict[int, str]:
        rows = await self.db.fetchall(
            "SELECT minutes_before, state FROM meet_reminders WHERE meet_id = ? "
            "ORDER BY minutes_before DESC",
            (meet_id,),
        )
        return {r["minutes_before"]: r["state"] for r in rows}


def _sendable(row: Row, meet: Meet, now: datetime) -> bool:
    return not row["superseded"] and not meet.cancelled and not meet.has_started(now)
