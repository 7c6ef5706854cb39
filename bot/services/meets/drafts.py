"""Previews: what an organiser typed, held until Post, Discard or 15 minutes pass.

Nothing in a draft is public. Post turns it into a meet (or applies the edit) in the
same write that deletes the draft, so a second Post, a Post after a restart, or a
Post racing a Discard finds nothing and can't announce twice.

Every write here runs SERIALIZABLE with retries (bot/db/base.py); taking a draft is a
DELETE of its row, so of two processes' Posts one deletes it and the other (waiting
on the row, then retrying) finds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta
from typing import Any

from bot.clock import Clock
from bot.db import Database, Queries, Row, Tx
from bot.db.rows import from_db, to_db
from bot.errors import Forbidden, NotFound
from bot.services.shards import ALL, Shards

from .models import EditResult, MeetChanges, MeetPlan
from .service import MeetService
from .timeparse import Note

DRAFT_MINUTES = 15
_TIMES = ("starts_at", "ends_at", "rsvp_deadline")
# A payload holding this key is a pending choice, not a draft (see hold_choice).
_CHOICE = "_choice"


@dataclass(frozen=True, slots=True)
class Draft:
    id: int
    guild_id: int
    user_id: int
    meet_id: int | None  # the meet an edit changes; None for a new meet
    plan: MeetPlan  # a new meet's fields
    changes: MeetChanges  # an edit's fields
    note: str | None  # how the time was read, told with the preview
    expires_at: datetime
    later: bool = False  # an edit of this and all later dates of a recurring meet

    @property
    def is_edit(self) -> bool:
        return self.meet_id is not None


@dataclass(frozen=True, slots=True)
class PendingChoice:
    """An edit or cancel of a recurring meet's date, held while its organiser chooses
    between this date only and this and all later dates."""

    id: int
    guild_id: int
    user_id: int
    meet_id: int
    action: str  # "edit" or "cancel"
    options: dict[str, Any]  # the command's options, as typed


def _encode(value: MeetPlan | MeetChanges, note: str | None, later: bool = False) -> str:
    data: dict[str, Any] = {}
    for f in fields(value):
        item = getattr(value, f.name)
        data[f.name] = to_db(item) if isinstance(item, datetime) else item
    # A note the catalogue words is kept as its key and fields, to be shown in the
    # language of whoever reads the preview.
    data["_note"] = {"key": note.key, "fields": note.fields} if isinstance(note, Note) else note
    if later:
        data["_later"] = True
    return json.dumps(data, ensure_ascii=False)


def _decode(text: str, meet_id: int | None) -> tuple[MeetPlan, MeetChanges, str | None, bool]:
    data: dict[str, Any] = json.loads(text)
    if _CHOICE in data:
        raise NotFound(key="error-meets-preview-expired")  # a pending choice's id is no draft's
    note = data.pop("_note", None)
    if isinstance(note, dict):
        note = Note(note["key"], **note["fields"])
    later = bool(data.pop("_later", False))
    for name in _TIMES:
        if data.get(name) is not None:
            data[name] = from_db(data[name])
    if meet_id is None:
        return MeetPlan(**data), MeetChanges(), note, False
    return MeetPlan(), MeetChanges(**data), note, later


class DraftService:
    def __init__(self, db: Database, clock: Clock, meets: MeetService) -> None:
        self.db = db
        self.clock = clock
        self.meets = meets

    async def open(
        self,
        guild_id: int,
        user_id: int,
        value: MeetPlan | MeetChanges,
        *,
        meet_id: int | None = None,
        note: str | None = None,
        later: bool = False,
    ) -> Draft:
        """Hold a new meet's plan (meet_id None) or an edit's changes (`later`: to this
        and all later dates of a recurring meet)."""
        now = self.clock.now()
        expires = now + timedelta(minutes=DRAFT_MINUTES)

        async def write(tx: Tx) -> int:
            return int(
                await tx.fetchval(
                    "INSERT INTO meet_drafts (guild_id, user_id, meet_id, payload, created_at, "
                    "expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                    (guild_id, user_id, meet_id, _encode(value, note, later), now, expires),
                )
            )

        draft_id = await self.db.write(write)
        return await self.get(guild_id, draft_id, user_id)

    async def get(
        self, guild_id: int, draft_id: int, user_id: int, *, via: Queries | None = None
    ) -> Draft:
        """The open draft, if `user_id` made it; NotFound once expired, posted or discarded."""
        row = await (via or self.db).fetchone(
            "SELECT * FROM meet_drafts WHERE guild_id = ? AND id = ? AND expires_at > ?",
            (guild_id, draft_id, self.clock.now()),
        )
        return _checked(row, user_id)

    async def revise(self, draft: Draft, value: MeetPlan | MeetChanges, note: str | None) -> Draft:
        """Replace what the draft holds (the Change… form); the 15 minutes start again."""
        expires = self.clock.now() + timedelta(minutes=DRAFT_MINUTES)

        async def write(tx: Tx) -> None:
            await self.get(draft.guild_id, draft.id, draft.user_id, via=tx)
            await tx.execute(
                "UPDATE meet_drafts SET payload = ?, expires_at = ? WHERE id = ?",
                (_encode(value, note, draft.later), expires, draft.id),
            )

        await self.db.write(write)
        return await self.get(draft.guild_id, draft.id, draft.user_id)

    async def discard(self, guild_id: int, draft_id: int, user_id: int) -> None:
        async def write(tx: Tx) -> None:
            await self.get(guild_id, draft_id, user_id, via=tx)
            await tx.execute("DELETE FROM meet_drafts WHERE id = ?", (draft_id,))

        await self.db.write(write)

    async def take(self, guild_id: int, draft_id: int, user_id: int) -> Draft:
        """Delete the draft and hand it over (Post of a recurring meet, which its own
        service makes): whoever takes it first posts; a second press finds nothing."""

        async def write(tx: Tx) -> Draft:
            draft = await self.get(guild_id, draft_id, user_id, via=tx)
            await tx.execute("DELETE FROM meet_drafts WHERE id = ?", (draft_id,))
            return draft

        return await self.db.write(write)

    async def post_new(
        self, guild_id: int, draft_id: int, user_id: int, reminder_minutes: Iterable[int]
    ) -> int:
        """Make the draft a meet and delete the draft, in one write; the meet's id."""
        minutes = tuple(reminder_minutes)

        async def write(tx: Tx) -> int:
            draft = await self.get(guild_id, draft_id, user_id, via=tx)
            plan = self.meets.check_plan(draft.plan)  # the start may have passed meanwhile
            await tx.execute("DELETE FROM meet_drafts WHERE id = ?", (draft_id,))
            return await self.meets.insert(tx, guild_id, plan, user_id, minutes)

        return await self.db.write(write)

    async def post_edit(
        self, guild_id: int, draft_id: int, user_id: int, reminder_minutes: Iterable[int]
    ) -> EditResult:
        """Apply the draft's edit and delete the draft, in one write."""
        minutes = tuple(reminder_minutes)

        async def write(tx: Tx) -> tuple[int, EditResult]:
            draft = await self.get(guild_id, draft_id, user_id, via=tx)
            assert draft.meet_id is not None
            changes = self.meets.check_changes(draft.changes)
            await tx.execute("DELETE FROM meet_drafts WHERE id = ?", (draft_id,))
            result = await self.meets.change(tx, guild_id, draft.meet_id, changes, minutes)
            return draft.meet_id, result

        meet_id, result = await self.db.write(write)
        return replace(result, meet=await self.meets.get(guild_id, meet_id))

    async def hold_choice(
        self, guild_id: int, user_id: int, meet_id: int, action: str, options: dict[str, Any]
    ) -> int:
        """Hold what /meet edit or /meet cancel was given until its organiser presses
        "this date only" or "this and all later dates" (for 15 minutes, like a draft, and
        across restarts: the buttons carry only this id). Kept after a press, so an
        answer that failed (a `when` on another day for all later dates, say) can be
        answered with the other button."""
        now = self.clock.now()
        payload = json.dumps({_CHOICE: action, "options": options}, ensure_ascii=False)

        async def write(tx: Tx) -> int:
            return int(
                await tx.fetchval(
                    "INSERT INTO meet_drafts (guild_id, user_id, meet_id, payload, created_at, "
                    "expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                    (
                        guild_id,
                        user_id,
                        meet_id,
                        payload,
                        now,
                        now + timedelta(minutes=DRAFT_MINUTES),
                    ),
                )
            )

        return await self.db.write(write)

    async def choice(self, guild_id: int, choice_id: int, user_id: int) -> PendingChoice:
        """The pending choice, if `user_id` made it; NotFound once expired."""
        row = await self.db.fetchone(
            "SELECT * FROM meet_drafts WHERE guild_id = ? AND id = ? AND expires_at > ?",
            (guild_id, choice_id, self.clock.now()),
        )
        data: dict[str, Any] = json.loads(row["payload"]) if row is not None else {}
        if row is None or row["meet_id"] is None or _CHOICE not in data:
            raise NotFound(key="error-recurring-choice-expired")
        if row["user_id"] != user_id:
            raise Forbidden(key="error-recurring-choice-not-yours")
        return PendingChoice(
            id=row["id"],
            guild_id=row["guild_id"],
            user_id=row["user_id"],
            meet_id=row["meet_id"],
            action=str(data[_CHOICE]),
            options=dict(data.get("options") or {}),
        )

    async def sweep(self, *, shards: Shards = ALL) -> int:
        """Forget the expired drafts of the servers of `shards` (quietly: nobody is told)."""
        now = self.clock.now()
        mine = shards.where("guild_id")
        if not await self.db.fetchval(
            f"SELECT 1 FROM meet_drafts WHERE expires_at <= ?{mine} LIMIT 1", (now,)
        ):
            return 0
        return await self.db.execute(f"DELETE FROM meet_drafts WHERE expires_at <= ?{mine}", (now,))


def _checked(row: Row | None, user_id: int) -> Draft:
    if row is None:
        raise NotFound(key="error-meets-preview-expired")
    if row["user_id"] != user_id:
        raise Forbidden(key="error-meets-preview-not-yours")
    plan, changes, note, later = _decode(row["payload"], row["meet_id"])
    return Draft(
        id=row["id"],
        guild_id=row["guild_id"],
        user_id=row["user_id"],
        meet_id=row["meet_id"],
        plan=plan,
        changes=changes,
        note=note,
        expires_at=from_db(row["expires_at"]),
        later=later,
    )
