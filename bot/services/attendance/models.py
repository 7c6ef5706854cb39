"""What the attendance counter hands back: plain values, read inside one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from .records import Record

Status = Literal["checked_in", "already_in", "checked_out", "not_in", "staff", "voided"]
Kind = Literal["checkin", "checkout", "staff", "void"]


@dataclass(frozen=True, slots=True)
class MeetInfo:
    id: int
    guild_id: int
    title: str
    starts_at: datetime
    series: str
    cancelled: bool


@dataclass(frozen=True, slots=True)
class Arrival:
    kind: Kind
    member_id: int | None
    delta: int
    actor_id: int
    total_after: int
    at: datetime
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class CounterState:
    meet: MeetInfo
    held_on: date
    channel_id: int
    message_id: int | None
    message_posted_at: datetime | None
    started_at: datetime
    stopped_at: datetime | None
    checked_in: int
    staff: int
    high_water: int  # the peak
    record: Record | None  # the record to beat (earlier meets only)
    record_broken_at: datetime | None
    record_broken_cars: int | None  # the count that beat it
    previous_record: Record | None  # what stood when the record fell
    announce_channel_id: int | None
    announce_message_id: int | None
    recent: tuple[Arrival, ...]
    corrections: tuple[Arrival, ...] = ()  # the last staff changes and voids, newest first

    @property
    def total(self) -> int:
        return self.checked_in + self.staff

    @property
    def live(self) -> bool:
        return self.stopped_at is None


@dataclass(frozen=True, slots=True)
class CounterShown:
    """What an edit of the counter or of its record post renders, with what the edit
    needs besides, read with the counter row: the version of the counter's outbox mark
    (never newer than what is rendered; None: no mark standing) and the server's /config
    language, announcement channel and announce role (None: not set)."""

    state: CounterState
    version: int | None
    language: str | None
    config_announce_channel_id: int | None
    announce_role_id: int | None

    @property
    def news_channel_id(self) -> int:
        """Where record news goes: where it already went, else /config's channel, else
        the counter's own channel."""
        state = self.state
        return state.announce_channel_id or self.config_announce_channel_id or state.channel_id


@dataclass(frozen=True, slots=True)
class Change:
    meet_id: int
    guild_id: int
    channel_id: int  # where the counter message lives
    status: Status
    applied: int  # the delta actually stored (clamped at 0 and 100 000)
    checked_in: int
    staff: int
    car: int | None  # the member's car number, for check-ins
    record_broken: bool  # this change is the one that beat the record
    record_raised: bool  # the record was already broken and the high just rose
    milestone: int | None  # a milestone reached by this change

    @property
    def total(self) -> int:
        return self.checked_in + self.staff


@dataclass(frozen=True, slots=True)
class StartResult:
    state: CounterState
    old_message: tuple[int, int] | None  # (channel, message) of a counter this replaces
    reopened: bool


@dataclass(frozen=True, slots=True)
class StopSummary:
    meet: MeetInfo
    final: int
    checked_in: int
    staff: int
    previous: Record | None  # the record that stood before this meet
    peak: int = 0  # the highest count while it ran

    @property
    def new_record(self) -> bool:
        return self.previous is not None and self.final > self.previous.cars

    @property
    def margin(self) -> int:
        return self.final - (self.previous.cars if self.previous else 0)


@dataclass(frozen=True, slots=True)
class LiveCounter:
    guild_id: int
    meet_id: int
    channel_id: int
    message_posted_at: datetime | None
    announce_pending: bool  # the record fell but its announcement was never posted
