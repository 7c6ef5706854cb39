"""Which servers this process looks after: Discord's shard of a server, in Python and SQL.

Discord sends a server's events to shard `(guild_id >> 22) % shard_count`, and a large
Paddock splits its shards over several processes (PADDOCK_SHARDS, PADDOCK_SHARD_IDS). Each
background job (reminders, closing RSVPs, recurring dates, counter upkeep, recovery at
start, draft and garage sweeps) then handles only the servers of this process's shards:
the process that gets a server's presses is the one that posts and edits its messages,
so one per-channel pacer sees every send to a channel, and nothing is done twice.

The filter is applied in SQL, before any LIMIT: filtered in Python after a LIMIT, another
process's due rows could fill every page and this process's would wait behind them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard Discord sends this server's events to."""
    return (guild_id >> 22) % shard_count


@dataclass(frozen=True, slots=True)
class Shards:
    """`count` shards in all, of which this process runs `ids`."""

    count: int = 1
    ids: frozenset[int] = frozenset({0})

    def __post_init__(self) -> None:
        if self.count < 1:
            raise ValueError(f"a shard count is at least 1, not {self.count}")
        if not self.ids or any(not 0 <= i < self.count for i in self.ids):
            raise ValueError(f"shard ids {sorted(self.ids)} are not all in 0..{self.count - 1}")

    @classmethod
    def of(cls, count: int, ids: Iterable[int] | None = None) -> Shards:
        """`ids` of `count` shards; None means all of them."""
        return cls(int(count), frozenset(range(count) if ids is None else (int(i) for i in ids)))

    @property
    def everything(self) -> bool:
        return len(self.ids) == self.count

    def owns(self, guild_id: int) -> bool:
        return shard_of(guild_id, self.count) in self.ids

    def where(self, column: str) -> str:
        """` AND <column's shard is ours>` for a WHERE clause, or "" for every shard.

        The numbers are inlined, not bound: they are ints checked above, never user
        text, and this keeps the statement's own `?` placeholders in order. Both
        backends evaluate `>>` and `%` on 64-bit integers (BIGINT on PostgreSQL).
        """
        if self.everything:
            return ""
        ids = ", ".join(str(i) for i in sorted(self.ids))
        return f" AND ({column} >> 22) % {self.count} IN ({ids})"


ALL = Shards()
