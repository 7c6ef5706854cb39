"""What the meets service hands out: frozen snapshots, never live rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from bot.db.rows import column
from bot.errors import InvalidInput

Status = Literal["going", "waitlist", "maybe", "no"]
Answer = Literal["going", "maybe", "no"]
Notify = Literal["channel", "dm"]
ANSWERS: tuple[Answer, ...] = ("going", "maybe", "no")

# The limits members see in error messages; the schema enforces the same ones.
TITLE_MAX = 100
LOCATION_MAX = 100
DESCRIPTION_MAX = 1000
SERIES_MAX = 50
CAR_MAX = 80
PASSENGERS_MAX = 8
CAPACITY_MIN, CAPACITY_MAX = 1, 10_000
REASON_MAX = 300
DEFAULT_DURATION_HOURS = 4


def as_answer(value: str) -> Answer:
    """An answer from Discord (an option choice or a button id) as an Answer."""
    for answer in ANSWERS:
        if value == answer:
            return answer
    raise InvalidInput("Answer going, maybe or no.")


@dataclass(frozen=True, slots=True)
class Meet:
    id: int
    guild_id: int
    title: str
    starts_at: datetime
    ends_at: datetime | None
    location: str
    description: str
    capacity: int | None
    series: str
    channel_id: int | None
    message_id: int | None
    event_id: int | None
    created_by: int
    created_at: datetime
    cancelled_at: datetime | None
    cancel_reason: str | None
    # The answer counts are columns kept by triggers (migration 0004).
    going: int = field(default=0, metadata=column("n_going"))
    waitlist: int = field(default=0, metadata=column("n_waitlist"))
    maybe: int = field(default=0, metadata=column("n_maybe"))
    # A date of a recurring meet: its rule and the rule's local date for it (migration 0007).
    rule_id: int | None = None
    occurs_on: date | None = None
    sequence: int = 0
    updated_at: datetime | None = None

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def full(self) -> bool:
        return self.capacity is not None and self.going >= self.capacity

    @property
    def jump_url(self) -> str | None:
        if self.channel_id is None or self.message_id is None:
            return None
        return f"https://discord.com/channels/{self.guild_id}/{self.channel_id}/{self.message_id}"

    def has_started(self, now: datetime) -> bool:
        return now >= self.starts_at


@dataclass(frozen=True, slots=True)
class Rsvp:
    meet_id: int
    user_id: int
    status: Status
    display_name: str
    car: str
    passengers: int
    seq: int
    responded_at: datetime


@dataclass(frozen=True, slots=True)
class Roster:
    """Everyone who answered, each list in press order."""

    meet: Meet
    going: tuple[Rsvp, ...]
    waitlist: tuple[Rsvp, ...]
    maybe: tuple[Rsvp, ...]
    no: tuple[Rsvp, ...]

    def position(self, user_id: int) -> int | None:
        """1-based waitlist position, or None if not waiting."""
        for index, rsvp in enumerate(self.waitlist, start=1):
            if rsvp.user_id == user_id:
                return index
        return None


@dataclass(frozen=True, slots=True)
class RsvpResult:
    meet: Meet
    rsvp: Rsvp
    waitlist_position: int | None
    promoted: tuple[int, ...]  # user ids moved off the waitlist by this change
    changed_status: bool


@dataclass(frozen=True, slots=True)
class EditResult:
    meet: Meet
    time_changed: bool
    place_changed: bool
    going_ids: tuple[int, ...]
    promoted: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class CancelResult:
    meet: Meet
    notify_ids: tuple[int, ...]  # going, waitlist and maybe members


@dataclass(frozen=True, slots=True)
class DueReminder:
    id: int
    meet: Meet
    minutes_before: int
    going_ids: tuple[int, ...]
