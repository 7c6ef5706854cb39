"""What the meets service hands out: frozen snapshots, never live rows."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from typing import Literal
from urllib.parse import quote_plus

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
WHEN_MAX = 100
DEFAULT_DURATION_HOURS = 4
# A cancelled meet stays findable (listed, /meet info) this long after its start, so
# the members just told about it can look it up.
CANCELLED_KEPT_DAYS = 7


def as_answer(value: str) -> Answer:
    """An answer from Discord (an option choice or a button id) as an Answer."""
    for answer in ANSWERS:
        if value == answer:
            return answer
    raise InvalidInput(key="error-meets-bad-answer")


def maps_url(location: str) -> str:
    """Where a meet's place opens, on Discord and on the club page alike: the location
    itself if it is a link, else an OpenStreetMap search for its text."""
    text = location.strip()
    if text.startswith(("https://", "http://")) and " " not in text:
        return text
    return f"https://www.openstreetmap.org/search?query={quote_plus(' '.join(text.split()))}"


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
    rsvp_deadline: datetime | None = None  # None: RSVPs close at the start
    thread_id: int | None = None
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

    @property
    def rsvp_closes_at(self) -> datetime:
        """When members stop answering: the deadline, else the start."""
        return self.rsvp_deadline or self.starts_at

    def rsvps_closed(self, now: datetime) -> bool:
        return self.cancelled or now >= self.rsvp_closes_at

    @property
    def end(self) -> datetime:
        return self.ends_at or self.starts_at + timedelta(hours=DEFAULT_DURATION_HOURS)

    @property
    def notice_channel_id(self) -> int | None:
        """Where reminders and change notices go: the meet's thread if it has one."""
        return self.thread_id or self.channel_id


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
class RosterShown:
    """What an announcement's edit renders, with what the edit needs besides: the
    version of the announcement's outbox mark, read with the meet and so never newer
    than what is rendered (None: no mark standing), and the server's /config language
    (None: not set)."""

    roster: Roster
    version: int | None
    language: str | None


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
    notify_ids: tuple[int, ...]  # going, waitlisted and maybe members, in press order
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


@dataclass(frozen=True, slots=True)
class MyAnswer:
    """One of a member's own answers, for /meet mine."""

    meet: Meet
    status: Status
    waitlist_position: int | None


@dataclass(frozen=True, slots=True)
class MeetPlan:
    """Everything a new meet needs, before it is one (a draft, or /meet create's options)."""

    title: str = ""
    starts_at: datetime | None = None
    location: str = ""
    description: str = ""
    capacity: int | None = None
    series: str = ""
    channel_id: int | None = None
    ends_at: datetime | None = None
    rsvp_deadline: datetime | None = None
    # A recurring meet: /meet create's repeat options, made into a rule on Post.
    repeat: str | None = None
    every: int | None = None
    until: str | None = None
    times: int | None = None
    rsvp_before: int | None = None  # minutes before each date its RSVPs close


@dataclass(frozen=True, slots=True)
class MeetChanges:
    """What an edit changes; None leaves a field as it is."""

    title: str | None = None
    starts_at: datetime | None = None
    location: str | None = None
    description: str | None = None
    capacity: int | None = None
    ends_at: datetime | None = None
    rsvp_deadline: datetime | None = None
    series: str | None = None  # "" takes the meet out of its records series
    # This and all later dates of a recurring meet: their RSVPs close this long before.
    rsvp_before: int | None = None

    @property
    def empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    @property
    def moves(self) -> bool:
        """Whether it changes the time or the place: those need a preview and a notice."""
        return self.starts_at is not None or self.location is not None

    def times_for(self, before: Meet) -> tuple[datetime, datetime | None, datetime | None]:
        """The start, end and RSVP deadline these changes give `before` (end and deadline
        None: kept as they are). A new start alone keeps the meet's length and how long
        before the start RSVPs close. The preview and the edit both ask here."""
        starts_at = self.starts_at or before.starts_at
        ends_at, deadline = self.ends_at, self.rsvp_deadline
        if starts_at != before.starts_at:
            if ends_at is None and before.ends_at is not None:
                ends_at = starts_at + (before.ends_at - before.starts_at)
            if deadline is None and before.rsvp_deadline is not None:
                deadline = starts_at - (before.starts_at - before.rsvp_deadline)
        return starts_at, ends_at, deadline
