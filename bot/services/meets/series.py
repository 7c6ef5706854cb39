"""Recurring meets: a repeat rule, and the meets it makes, one per date.

Each date becomes an ordinary meet (own answers, capacity, waitlist, reminders,
announcement, counter) when it comes within the server's post-ahead time. The
scheduler's INSERT is keyed by (rule, the rule's local date), which the unique index
meets_rule_date holds to one row, so a date is made at most once, whatever restarts or
overlapping passes happen; a pass makes every date now within reach (none skipped) and
never one that has already started (after a long downtime only upcoming dates appear).

Writes run SERIALIZABLE with retries (bot/db/base.py), and the unique index is what
holds "once per date" even if two processes made the same pass.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.db import Database, Tx
from bot.db.base import Row
from bot.db.rows import load, load_all
from bot.errors import Conflict, InvalidInput
from bot.i18n.formats import Day
from bot.services.guild_settings import GuildSettingsService
from bot.services.shards import ALL, Shards

from . import validation as check
from .models import CANCELLED_KEPT_DAYS, CancelResult, EditResult, Meet, MeetChanges
from .recurrence import RepeatRule, before_on_the_wall
from .reminders import schedule_reminders
from .service import MeetService
from .timeparse import OFFSET_MAX

SERIES_SCOPES = ("this", "later")


@dataclass(frozen=True, slots=True)
class SeriesRule:
    """A row of meet_rules: the template and the repeat."""

    id: int
    guild_id: int
    title: str
    location: str
    description: str
    capacity: int | None
    series: str
    channel_id: int | None
    duration_min: int | None
    zone: str
    freq: str
    start_local: str
    every: int
    nth: int | None
    until: date | None
    count: int | None
    stopped_from: date | None
    active: bool
    sequence: int
    created_by: int
    created_at: datetime
    updated_at: datetime
    rsvp_before_min: int | None = None  # each date's RSVPs close this long before it

    @property
    def repeat(self) -> RepeatRule:
        return RepeatRule(
            freq=self.freq,  # type: ignore[arg-type]
            start=datetime.fromisoformat(self.start_local),
            zone=self.zone,
            interval=self.every,
            nth=self.nth,
            until=self.until,
            count=self.count,
            stopped_from=self.stopped_from,
        )

    def describe(self) -> str:
        return self.repeat.describe()

    def deadline_on(self, start: datetime) -> datetime | None:
        """The RSVP deadline of the date starting at `start` (None: at the start)."""
        if self.rsvp_before_min is None:
            return None
        return before_on_the_wall(start, self.rsvp_before_min, ZoneInfo(self.zone))


def check_rsvp_before(minutes: int) -> int:
    if not 5 <= minutes <= OFFSET_MAX:
        raise InvalidInput(key="error-recurring-rsvp-before-range")
    return minutes


@dataclass(frozen=True, slots=True)
class NextDate:
    """An upcoming date of a rule: the meet made for it, or only the rule's time."""

    on: date
    starts_at: datetime
    meet: Meet | None


@dataclass(frozen=True, slots=True)
class SeriesEdit:
    rule: SeriesRule
    moved: tuple[EditResult, ...]  # later dates nobody had answered, now at the new time
    edited: tuple[EditResult, ...]  # later answered dates: other changes only
    kept: tuple[tuple[Meet, tuple[int, ...]], ...]  # answered dates keeping their time


class SeriesService:
    def __init__(
        self, db: Database, clock: Clock, meets: MeetService, settings: GuildSettingsService
    ) -> None:
        self.db = db
        self.clock = clock
        self.meets = meets
        self.settings = settings

    # -- reading ---------------------------------------------------------
    async def get(self, guild_id: int, rule_id: int) -> SeriesRule:
        row = await self.db.fetchone(
            "SELECT * FROM meet_rules WHERE guild_id = ? AND id = ?", (guild_id, rule_id)
        )
        if row is None:
            raise InvalidInput(key="error-meets-no-such-series")
        return load(SeriesRule, row)

    async def rules(self, guild_id: int) -> list[SeriesRule]:
        rows = await self.db.fetchall(
            "SELECT * FROM meet_rules WHERE guild_id = ? ORDER BY id", (guild_id,)
        )
        return load_all(SeriesRule, rows)

    async def made(self, rule_id: int, since: date, until: date) -> dict[date, Meet]:
        """The meets already made for a rule's dates in [since, until], by date."""
        rows = await self.db.fetchall(
            "SELECT * FROM meets WHERE rule_id = ? AND occurs_on BETWEEN ? AND ?",
            (rule_id, since, until),
        )
        found = load_all(Meet, rows)
        return {m.occurs_on: m for m in found if m.occurs_on is not None}

    async def next_dates(self, rule: SeriesRule, n: int = 4) -> list[NextDate]:
        """The next `n` dates that haven't started, cancelled ones left out."""
        now = self.clock.now()
        repeat = rule.repeat
        found: list[NextDate] = []
        horizon = now
        for _ in range(6):  # a year at a time; a sparse rule needs a few
            span = repeat.occurrences(horizon, horizon + timedelta(days=366))
            if span:
                made = await self.made(rule.id, span[0][0], span[-1][0])
                for day, start in span:
                    meet = made.get(day)
                    if meet is not None and (meet.cancelled or meet.starts_at <= now):
                        continue
                    found.append(NextDate(day, meet.starts_at if meet else start, meet))
                    if len(found) >= n:
                        return found
            horizon += timedelta(days=366)
        return found

    async def listed_dates(self, rule: SeriesRule, n: int = 4) -> list[NextDate]:
        """What /meet list shows of a rule: its next `n` dates, and before them its
        cancelled dates for as long as a cancelled one-off meet stays listed (until a
        week after its start), so cancelling this date, or this and all later ones,
        shows as cancelled rather than as the meet vanishing."""
        now = self.clock.now()
        rows = await self.db.fetchall(
            "SELECT * FROM meets WHERE rule_id = ? AND cancelled_at IS NOT NULL "
            "AND starts_at > ? ORDER BY starts_at, id LIMIT ?",
            (rule.id, now - timedelta(days=CANCELLED_KEPT_DAYS), n),
        )
        cancelled = [
            NextDate(m.occurs_on or m.starts_at.date(), m.starts_at, m)
            for m in load_all(Meet, rows)
        ]
        dates = [*cancelled, *await self.next_dates(rule, n)]
        return sorted(dates, key=lambda d: d.starts_at)

    # -- creating --------------------------------------------------------
    async def create(
        self,
        guild_id: int,
        repeat: RepeatRule,
        *,
        title: str,
        location: str,
        created_by: int,
        capacity: int | None = None,
        description: str = "",
        series: str = "",
        channel_id: int | None = None,
        duration: timedelta | None = None,
        reminder_minutes: tuple[int, ...] = (),
        rsvp_before: int | None = None,
    ) -> tuple[SeriesRule, Meet]:
        """The rule and the meet for its first date (announced now, like any meet).
        `rsvp_before`: each date's RSVPs close that many minutes before it."""
        now = self.clock.now()
        title = check.title(title)
        location = check.location(location)
        description = check.description(description)
        # Dates of one recurring meet share a record series: its own title by default.
        series = check.series(series) or check.series(title)
        if capacity is not None:
            check.capacity(capacity)
        first_day = repeat.start.date()
        first = repeat.start_on(first_day)
        check.start(first, now)
        minutes = int(duration.total_seconds() // 60) if duration else None
        if rsvp_before is not None:
            check_rsvp_before(rsvp_before)
            if before_on_the_wall(first, rsvp_before, repeat.tz) <= now:
                raise InvalidInput(key="error-recurring-rsvp-before-first")

        async def write(tx: Tx) -> tuple[int, int]:
            rule_id = int(
                await tx.fetchval(
                    "INSERT INTO meet_rules (guild_id, title, location, description, capacity, "
                    "series, channel_id, duration_min, zone, freq, start_local, every, nth, "
                    "until, count, created_by, created_at, updated_at, rsvp_before_min) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "RETURNING id",
                    (
                        guild_id,
                        title,
                        location,
                        description,
                        capacity,
                        series,
                        channel_id,
                        minutes,
                        repeat.zone,
                        repeat.freq,
                        repeat.start.isoformat(timespec="minutes"),
                        repeat.interval,
                        repeat.nth,
                        repeat.until,
                        repeat.count,
                        created_by,
                        now,
                        now,
                        rsvp_before,
                    ),
                )
            )
            rule = load(SeriesRule, await _rule_row(tx, rule_id))
            meet_id = await _make_date(tx, rule, first_day, first, reminder_minutes, now)
            assert meet_id is not None
            return rule_id, meet_id

        rule_id, meet_id = await self.db.write(write)
        return await self.get(guild_id, rule_id), await self.meets.get(guild_id, meet_id)

    async def delete(self, guild_id: int, rule_id: int) -> None:
        """Undo a create whose first date could not be announced: the rule and its dates."""

        async def write(tx: Tx) -> None:
            await tx.execute(
                "DELETE FROM meets WHERE rule_id = ? AND guild_id = ?", (rule_id, guild_id)
            )
            await tx.execute(
                "DELETE FROM meet_rules WHERE id = ? AND guild_id = ?", (rule_id, guild_id)
            )

        await self.db.write(write)

    # -- the scheduler -----------------------------------------------------
    async def make_due(self, *, shards: Shards = ALL) -> list[Meet]:
        """Make a meet for every rule date within its server's post-ahead time that has
        not started and has no meet yet, for the servers of `shards`. Safe to run any
        number of times, concurrently or after a restart: each date is made once (the
        unique index meets_rule_date, on both backends)."""
        now = self.clock.now()
        rows = await self.db.fetchall(
            f"SELECT * FROM meet_rules WHERE active = 1{shards.where('guild_id')} ORDER BY id"
        )
        made: list[Meet] = []
        for rule in load_all(SeriesRule, rows):
            settings = await self.settings.get(rule.guild_id)
            ahead = timedelta(minutes=settings.post_ahead_minutes)
            repeat = rule.repeat
            due = repeat.occurrences(now, now + ahead)
            finished = not due and repeat.next_start(now) is None
            if not due and not finished:
                continue
            for meet_id in await self._make_dates(
                rule.id, now, ahead, settings.reminder_minutes, finished=finished
            ):
                made.append(await self.meets.get(rule.guild_id, meet_id))
        return made

    async def _make_dates(
        self,
        rule_id: int,
        now: datetime,
        ahead: timedelta,
        reminders: tuple[int, ...],
        *,
        finished: bool,
    ) -> list[int]:
        """One write: the rule's due dates from its row as it is now (an edit or a
        cancel may have come in since it was read), then retire it if it is done."""

        async def write(tx: Tx) -> list[int]:
            ids: list[int] = []
            rule = load(SeriesRule, await _rule_row(tx, rule_id))
            if not rule.active:
                return ids
            for day, start in rule.repeat.occurrences(now, now + ahead):
                meet_id = await _make_date(tx, rule, day, start, reminders, now)
                if meet_id is not None:
                    ids.append(meet_id)
            if finished:
                await tx.execute("UPDATE meet_rules SET active = 0 WHERE id = ?", (rule_id,))
            return ids

        return await self.db.write(write)

    # -- changing ----------------------------------------------------------
    async def _later(self, meet: Meet) -> list[Meet]:
        """This date and the rule's later dates that haven't started, not cancelled."""
        assert meet.rule_id is not None and meet.occurs_on is not None
        rows = await self.db.fetchall(
            "SELECT * FROM meets WHERE rule_id = ? AND occurs_on >= ? "
            "AND starts_at > ? AND cancelled_at IS NULL ORDER BY occurs_on",
            (meet.rule_id, meet.occurs_on, self.clock.now()),
        )
        return load_all(Meet, rows)

    async def cancel_later(
        self, guild_id: int, meet_id: int, reason: str = ""
    ) -> tuple[SeriesRule, list[CancelResult]]:
        """Cancel this date and every later one: the rule makes no more dates from this
        one on, and the dates already made are cancelled (their members told by the flow)."""
        meet = await self._series_meet(guild_id, meet_id)
        reason = check.reason(reason)
        now = self.clock.now()
        assert meet.rule_id is not None
        await self.db.execute(
            "UPDATE meet_rules SET stopped_from = ?, active = 0, sequence = sequence + 1, "
            "updated_at = ? WHERE guild_id = ? AND id = ? "
            "AND (stopped_from IS NULL OR stopped_from > ?)",
            (meet.occurs_on, now, guild_id, meet.rule_id, meet.occurs_on),
        )
        results = [
            await self.meets.cancel(guild_id, later.id, reason) for later in await self._later(meet)
        ]
        return await self.get(guild_id, meet.rule_id), results

    async def check_later(self, guild_id: int, meet_id: int, edit: MeetChanges) -> SeriesRule:
        """The rule as edit_later would leave it, checked, with nothing written (for the
        preview shown before Post). Of `edit`, only what edit_later takes counts."""
        *_, new_rule = await self._later_plan(guild_id, meet_id, edit)
        return new_rule

    async def _later_plan(
        self, guild_id: int, meet_id: int, edit: MeetChanges
    ) -> tuple[Meet, SeriesRule, dict[str, object], RepeatRule, SeriesRule]:
        title, starts_at, location = edit.title, edit.starts_at, edit.location
        capacity, description, rsvp_before = edit.capacity, edit.description, edit.rsvp_before
        meet = await self._series_meet(guild_id, meet_id)
        assert meet.rule_id is not None and meet.occurs_on is not None
        rule = await self.get(guild_id, meet.rule_id)
        repeat = rule.repeat
        changes: dict[str, object] = {}
        if title is not None:
            changes["title"] = check.title(title)
        if location is not None:
            changes["location"] = check.location(location)
        if description is not None:
            changes["description"] = check.description(description)
        if capacity is not None:
            changes["capacity"] = check.capacity(capacity)
        new_repeat = repeat
        if starts_at is not None:
            local = starts_at.astimezone(repeat.tz).replace(tzinfo=None)
            if local.date() != meet.occurs_on:
                raise InvalidInput(
                    key="error-meets-series-keep-date", date=Day(meet.occurs_on, "date")
                )
            new_start = datetime.combine(repeat.start.date(), local.time().replace(second=0))
            new_repeat = replace(repeat, start=new_start)
            changes["start_local"] = new_start.isoformat(timespec="minutes")
        if rsvp_before is not None:
            changes["rsvp_before_min"] = check_rsvp_before(rsvp_before)
        if not changes:
            raise InvalidInput(key="error-meets-series-nothing-to-change")
        new_rule = replace(rule, **changes)  # type: ignore[arg-type]
        if rsvp_before is not None:
            this_start = new_repeat.start_on(meet.occurs_on) if starts_at else meet.starts_at
            deadline = new_rule.deadline_on(this_start)
            if deadline is not None and deadline <= self.clock.now():
                raise InvalidInput(key="error-recurring-rsvp-before-this")
        return meet, rule, changes, new_repeat, new_rule

    async def edit_later(
        self,
        guild_id: int,
        meet_id: int,
        edit: MeetChanges,
        reminder_minutes: tuple[int, ...] = (),
    ) -> SeriesEdit:
        """Change this date and all later ones. A new time of day moves every later date
        nobody has answered yet; dates with answers keep their time, and their members are
        told (by the flow) that the series moved but their date didn't. `rsvp_before`
        sets when each date's RSVPs close, for this date and the later ones. Of `edit`,
        the title, time, place, capacity, description and rsvp_before count."""
        meet, rule, changes, new_repeat, new_rule = await self._later_plan(guild_id, meet_id, edit)
        now = self.clock.now()
        columns = ", ".join(f"{c} = ?" for c in changes)
        await self.db.execute(
            f"UPDATE meet_rules SET {columns}, sequence = sequence + 1, updated_at = ? "
            "WHERE guild_id = ? AND id = ?",
            (*changes.values(), now, guild_id, rule.id),
        )
        moved: list[EditResult] = []
        edited: list[EditResult] = []
        kept: list[tuple[Meet, tuple[int, ...]]] = []
        # What every later date takes as it is; the time and the deadline vary by date.
        same = MeetChanges(
            title=edit.title,
            location=edit.location,
            description=edit.description,
            capacity=edit.capacity,
        )
        for later in await self._later(meet):
            assert later.occurs_on is not None
            answered = await self._answered(later.id)
            new_time = new_repeat.start_on(later.occurs_on) if edit.starts_at is not None else None
            if new_time is not None and new_time != later.starts_at and not answered:
                deadline = new_rule.deadline_on(new_time)
                moved.append(
                    await self.meets.edit(
                        guild_id,
                        later.id,
                        replace(same, starts_at=new_time, rsvp_deadline=deadline),
                        reminder_minutes,
                    )
                )
                continue
            if new_time is not None and new_time != later.starts_at:
                kept.append((later, answered))
            deadline = (
                new_rule.deadline_on(later.starts_at) if edit.rsvp_before is not None else None
            )
            if not same.empty or deadline is not None:
                edited.append(
                    await self.meets.edit(
                        guild_id, later.id, replace(same, rsvp_deadline=deadline), reminder_minutes
                    )
                )
        return SeriesEdit(
            await self.get(guild_id, rule.id), tuple(moved), tuple(edited), tuple(kept)
        )

    async def _answered(self, meet_id: int) -> tuple[int, ...]:
        rows = await self.db.fetchall(
            "SELECT user_id FROM meet_rsvps WHERE meet_id = ? ORDER BY seq", (meet_id,)
        )
        return tuple(r["user_id"] for r in rows)

    async def _series_meet(self, guild_id: int, meet_id: int) -> Meet:
        meet = await self.meets.get(guild_id, meet_id)
        if meet.rule_id is None or meet.occurs_on is None:
            raise InvalidInput(key="error-meets-not-a-series")
        if meet.cancelled:
            raise Conflict(key="error-meets-date-cancelled")
        return meet


async def _rule_row(tx: Tx, rule_id: int) -> Row:
    row = await tx.fetchone("SELECT * FROM meet_rules WHERE id = ?", (rule_id,))
    assert row is not None
    return row


async def _make_date(
    tx: Tx,
    rule: SeriesRule,
    day: date,
    start: datetime,
    reminder_minutes: tuple[int, ...],
    now: datetime,
) -> int | None:
    """The meet for one date of a rule, or None if that date already has one."""
    ends = start + timedelta(minutes=rule.duration_min) if rule.duration_min else None
    meet_id = await tx.fetchval(
        "INSERT INTO meets (guild_id, title, starts_at, ends_at, rsvp_deadline, location, "
        "description, capacity, series, channel_id, created_by, created_at, rule_id, "
        "occurs_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (rule_id, occurs_on) WHERE rule_id IS NOT NULL DO NOTHING RETURNING id",
        (
            rule.guild_id,
            rule.title,
            start,
            ends,
            rule.deadline_on(start),
            rule.location,
            rule.description,
            rule.capacity,
            rule.series,
            rule.channel_id,
            rule.created_by,
            now,
            rule.id,
            day,
        ),
    )
    if meet_id is None:
        return None
    await schedule_reminders(tx, int(meet_id), start, reminder_minutes, now)
    return int(meet_id)
