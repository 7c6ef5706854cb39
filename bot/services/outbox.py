"""Durable "what members see is behind" marks (migration 0012).

A change that makes a meet's announcement, its Discord event or its attendance
counter stale calls `mark(tx, ...)` inside its own write, so the mark commits with
the change or not at all. Whoever brings the message up to date reads the mark's
`version` *before* reading the state it renders, and after Discord confirmed the
edit calls `done(...)` with that version: a change committed meanwhile has raised
the version, so its mark stays for the next edit. After a crash, the marks still
standing are exactly the messages that may be stale; the bot drains them at start
and on every tick.

One upsert per mark, inside a write that already runs: an RSVP press costs no extra
round trip (the batched writer runs it in the press's own savepoint; PostgreSQL sends
it with the COMMIT).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.db import Database, Queries, Tx
from bot.services.shards import ALL, Shards

Kind = Literal["announcement", "event", "counter"]
KINDS: tuple[Kind, ...] = ("announcement", "event", "counter")

# One statement per kind, the kind written in: a mark's parameters are integers, so it
# can be deferred to the commit (Tx.defer).
MARKS: dict[Kind, str] = {
    kind: (
        f"INSERT INTO visible_outbox (kind, meet_id, guild_id) VALUES ('{kind}', ?, ?) "
        "ON CONFLICT (kind, meet_id) DO UPDATE SET version = visible_outbox.version + 1"
    )
    for kind in KINDS
}


@dataclass(frozen=True, slots=True)
class Mark:
    kind: Kind
    guild_id: int
    meet_id: int
    version: int
    # A counter mark: the counter's channel, read with the mark (None: no such counter
    # any more, or another kind of mark).
    counter_channel_id: int | None = None


async def mark(tx: Tx, guild_id: int, meet_id: int, *kinds: Kind) -> None:
    """Record, in the caller's write, that these views of the meet are now stale. The
    write never reads the mark back, so it goes with the commit (Tx.defer)."""
    for kind in kinds:
        await tx.defer(MARKS[kind], (meet_id, guild_id))


async def version_of(q: Queries, kind: Kind, meet_id: int) -> int | None:
    """The mark's version now (None: nothing pending). Read before the state rendered."""
    value = await q.fetchval(
        "SELECT version FROM visible_outbox WHERE kind = ? AND meet_id = ?", (kind, meet_id)
    )
    return None if value is None else int(value)


class OutboxService:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def version(self, kind: Kind, meet_id: int) -> int | None:
        return await version_of(self.db, kind, meet_id)

    async def done(self, kind: Kind, meet_id: int, version: int | None) -> bool:
        """Clear the mark if it is still the one read before rendering; True if cleared.
        A None version (nothing was pending when the render began) clears nothing."""
        if version is None:
            return False
        # Alone (base.py): a mark raised meanwhile makes the DELETE wait for its row and
        # then find another version, so it stays; one round trip, not a transaction's three.
        changed = await self.db.execute(
            "DELETE FROM visible_outbox WHERE kind = ? AND meet_id = ? AND version = ?",
            (kind, meet_id, version),
            alone=True,
        )
        return changed == 1

    async def pending(self, *, shards: Shards = ALL) -> list[Mark]:
        """The standing marks in the servers of `shards` (this process's), oldest meets
        first. The table holds only what is behind, so it is read whole."""
        # A counter mark's channel comes with it, so the drain reads nothing more for it.
        rows = await self.db.fetchall(
            "SELECT o.kind, o.guild_id, o.meet_id, o.version, c.channel_id "
            "FROM visible_outbox o LEFT JOIN attendance_counters c ON o.kind = 'counter' "
            "AND c.meet_id = o.meet_id AND c.guild_id = o.guild_id WHERE 1 = 1"
            f"{shards.where('o.guild_id')} ORDER BY o.meet_id, o.kind"
        )
        return [
            Mark(r["kind"], r["guild_id"], r["meet_id"], r["version"], r["channel_id"])
            for r in rows
        ]
