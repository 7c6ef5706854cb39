"""Reminder bookkeeping: materialise, find due, claim exactly once, mark sent."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.db import Database
from bot.db.database import SyncTransaction

from .models import DueReminder, Meet, to_db


def schedule_reminders(
    tx: SyncTransaction, meet_id: int, starts_at: datetime, minutes: Iterable[int], now: datetime
) -> None:
    """One row per offset; an offset already in the past is recorded as skipped."""
    for before in sorted(set(minutes), reverse=True):
        due = starts_at - timedelta(minutes=before)
        tx.execute(
            "INSERT OR IGNORE INTO meet_reminders (meet_id, minutes_before, due_at, state) "
            "VALUES (?, ?, ?, ?)",
            (meet_id, before, to_db(due), "pending" if due > now else "skipped"),
        )


class ReminderService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    async def due(self, limit: int = 50) -> list[DueReminder]:
        """Pending reminders whose time has come, for meets that haven't started."""
        now = to_db(self.clock.now())
        # A reminder for a meet that started (or was cancelled) while we were
        # down is pointless now; retire it rather than send it late. Checked
        # with a read first so an idle tick costs no write transaction.
        stale = (
            "FROM meet_reminders WHERE state = 'pending' AND meet_id IN (SELECT id FROM meets "
            "WHERE starts_at <= ? OR cancelled_at IS NOT NULL)"
        )
        if await self.db.fetchval(f"SELECT 1 {stale} LIMIT 1", (now,)):
            async with self.db.transaction() as tx:
                await tx.execute(
                    f"UPDATE meet_reminders SET state = 'skipped' WHERE id IN (SELECT id {stale})",
                    (now,),
                )
        rows = await self.db.fetchall(
            "SELECT r.id AS reminder_id, r.minutes_before, m.* "
            "FROM meet_reminders r JOIN meets m ON m.id = r.meet_id "
            "WHERE r.state = 'pending' AND r.due_at <= ? AND m.starts_at > ? "
            "AND m.cancelled_at IS NULL ORDER BY r.due_at LIMIT ?",
            (now, now, limit),
        )
        found: list[DueReminder] = []
        for row in rows:
            going = await self.db.fetchall(
                "SELECT user_id FROM meet_rsvps WHERE meet_id = ? AND status = 'going' "
                "ORDER BY seq",
                (row["id"],),
            )
            found.append(
                DueReminder(
                    id=row["reminder_id"],
                    meet=Meet.from_row(row),
                    minutes_before=row["minutes_before"],
                    going_ids=tuple(r["user_id"] for r in going),
                )
            )
        return found

    async def claim(self, reminder_id: int) -> bool:
        """Take the reminder for sending; False if someone already did."""
        async with self.db.transaction() as tx:
            taken = await tx.execute(
                "UPDATE meet_reminders SET state = 'claimed', claimed_at = ? "
                "WHERE id = ? AND state = 'pending'",
                (to_db(self.clock.now()), reminder_id),
            )
        return taken == 1

    async def mark_sent(self, reminder_id: int, message_id: int | None) -> None:
        async with self.db.transaction() as tx:
            await tx.execute(
                "UPDATE meet_reminders SET state = 'sent', message_id = ? WHERE id = ?",
                (message_id, reminder_id),
            )

    async def states(self, meet_id: int) -> dict[int, str]:
        rows = await self.db.fetchall(
            "SELECT minutes_before, state FROM meet_reminders WHERE meet_id = ? "
            "ORDER BY minutes_before DESC",
            (meet_id,),
        )
        return {r["minutes_before"]: r["state"] for r in rows}
