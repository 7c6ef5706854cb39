"""Names of members mentioned in meet text, kept from when the organiser wrote it.

The bot has no members intent, so its cache lacks most members; the calendar feed and
/meet calendar show meet text outside Discord, where a mention must be a name. The
flow looks the names up as the organiser writes the text (bot/flows/meets/names.py);
here they are kept per server and read back for the feed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from bot.db import Database, Tx

NAME_MAX = 100  # Discord's display names are at most 32; a cap, not a rule
READ_MAX = 500


async def remember(db: Database, guild_id: int, names: Mapping[int, str], now: datetime) -> None:
    """Keep (or refresh) each member's name."""
    if not names:
        return

    async def write(tx: Tx) -> None:
        for user_id, name in names.items():
            await tx.execute(
                "INSERT INTO mention_names (guild_id, user_id, name, seen_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (guild_id, user_id) DO UPDATE SET "
                "name = excluded.name, seen_at = excluded.seen_at",
                (guild_id, user_id, name[:NAME_MAX], now),
            )

    await db.write(write)


async def names_of(db: Database, guild_id: int, user_ids: Iterable[int]) -> dict[int, str]:
    """The kept names of these members of the server (those it knows)."""
    wanted = list(dict.fromkeys(user_ids))[:READ_MAX]
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    rows = await db.fetchall(
        f"SELECT user_id, name FROM mention_names WHERE guild_id = ? AND user_id IN ({marks})",
        (guild_id, *wanted),
    )
    return {int(r["user_id"]): str(r["name"]) for r in rows}
