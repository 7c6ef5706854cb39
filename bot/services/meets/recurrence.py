"""Repeat rules for meets: which dates a rule gives, and how it reads in words.

The arithmetic is dateutil's rrule (RFC 5545) over *wall-clock* times: a rule is a
local start such as Sunday 10:00 plus a zone, and each date it gives is placed in the
zone on its own, so "every Sunday 10:00 Europe/Berlin" is 10:00 local in March and
in October alike (the UTC instant moves by an hour, the wall clock doesn't).

Decisions members can read in /meet info and the README:

* Monthly on a date past the 28th happens on the month's last day in shorter months
  ("the 31st" is 30 April and 28 or 29 February): a club that meets "on the 31st"
  means "at the end of the month", and skipping months silently loses meets.
* Monthly on a weekday is the 1st to 4th, or the last, such weekday of the month; a
  5th one doesn't happen every month, so it is refused with "last" offered instead.
* A wall time that doesn't exist on a date (the hour the clocks skip in spring) is
  read as the same time after the change (02:30 -> 03:30), as PEP 495 does.
* `until` is a local date and includes that day; `count` is the number of dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

from bot.errors import InvalidInput
from bot.i18n.formats import Day
from bot.services.meets.timeparse import no_such_month

if TYPE_CHECKING:
    from dateutil import rrule

Freq = Literal["weekly", "monthly_date", "monthly_weekday"]
FREQS: tuple[Freq, ...] = ("weekly", "monthly_date", "monthly_weekday")
MAX_INTERVAL = 52
MAX_COUNT = 520
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def ordinal_day(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True, slots=True)
class RepeatRule:
    """How a recurring meet repeats. `start` is the first date's local wall time."""

    freq: Freq
    start: datetime  # naive, local to `zone`
    zone: str
    interval: int = 1
    nth: int | None = None  # monthly_weekday: 1..4 or -1 (last)
    until: date | None = None  # inclusive, local
    count: int | None = None
    stopped_from: date | None = None  # "cancel this and all later dates": none from here

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def _rrule(self) -> rrule.rrule:
        # Imported on a series' first date, not with the bot (~0.4 MiB that most idle
        # hours never use).
        from dateutil import rrule

        weekday = self.start.weekday()
        freq: Literal[2, 1] = rrule.WEEKLY if self.freq == "weekly" else rrule.MONTHLY
        byweekday: int | rrule.weekday | None = None
        bymonthday: int | tuple[int, ...] | None = None
        bysetpos: int | None = None
        if self.freq == "weekly":
            byweekday = weekday
        elif self.freq == "monthly_date":
            day = self.start.day
            # Past the 28th: the last of 28..day the month has, the day itself or its end.
            bymonthday, bysetpos = (day, None) if day <= 28 else (tuple(range(28, day + 1)), -1)
        else:
            assert self.nth is not None
            byweekday = rrule.weekday(weekday, self.nth)
        return rrule.rrule(
            freq,
            dtstart=self.start,
            interval=self.interval,
            count=self.count,
            until=datetime.combine(self.until, time(23, 59, 59)) if self.until else None,
            byweekday=byweekday,
            bymonthday=bymonthday,
            bysetpos=bysetpos,
        )

    def local_dates(self) -> Iterator[datetime]:
        """Every date's local wall time, in order (endless without until/count)."""
        for wall in self._rrule():
            if self.stopped_from is not None and wall.date() >= self.stopped_from:
                return
            yield wall

    def occurrences(self, after: datetime, before: datetime) -> list[tuple[date, datetime]]:
        """(local date, UTC start) of each date starting in (after, before]."""
        found: list[tuple[date, datetime]] = []
        tz = self.tz
        # Wall times within a day of the bounds, then the exact instants compared.
        lo = after.astimezone(tz).replace(tzinfo=None) - timedelta(days=1)
        hi = before.astimezone(tz).replace(tzinfo=None) + timedelta(days=1)
        for wall in self._rrule().between(lo, hi, inc=True):
            if self.stopped_from is not None and wall.date() >= self.stopped_from:
                break
            start = place(wall, tz)
            if after < start <= before:
                found.append((wall.date(), start))
        return found

    def next_start(self, after: datetime) -> datetime | None:
        """The UTC start of the first date after `after`; None once the rule has ended."""
        tz = self.tz
        for wall in self._rrule().xafter(
            after.astimezone(tz).replace(tzinfo=None) - timedelta(days=1)
        ):
            if self.stopped_from is not None and wall.date() >= self.stopped_from:
                return None
            start = place(wall, tz)
            if start > after:
                return start
        return None

    def start_on(self, day: date) -> datetime:
        """The UTC start of this rule's date `day` at the rule's time of day."""
        return place(datetime.combine(day, self.start.time()), self.tz)

    def describe(self) -> str:
        """The rule in words: "every first Sunday at 10:00, until 31 December 2027"."""
        at = f"at {self.start:%H:%M}"
        if self.freq == "weekly":
            every = "every" if self.interval == 1 else f"every {self.interval} weeks on"
            text = f"{every} {WEEKDAYS[self.start.weekday()]} {at}"
        elif self.freq == "monthly_date":
            day = self.start.day
            months = "every month" if self.interval == 1 else f"every {self.interval} months"
            text = f"{months} on the {ordinal_day(day)}"
            if day > 28:
                text += " (the last day in shorter months)"
            text += f" {at}"
        else:
            assert self.nth is not None
            head = "every" if self.interval == 1 else f"every {self.interval} months on the"
            text = f"{head} {ORDINALS[self.nth]} {WEEKDAYS[self.start.weekday()]} {at}"
        text += f" ({self.zone})"
        end = self.stopped_from - timedelta(days=1) if self.stopped_from else None
        if self.until is not None and (end is None or self.until < end):
            end = self.until
        if end is not None:
            text += f", until {end.day} {end:%B %Y}"
        if self.count is not None:
            text += f", {self.count} times"
        return text


def place(wall: datetime, tz: ZoneInfo) -> datetime:
    """A naive local wall time as a UTC instant; a skipped hour lands after the change."""
    aware = wall.replace(tzinfo=tz, fold=0)
    return aware.astimezone(UTC)


def before_on_the_wall(start: datetime, minutes: int, tz: ZoneInfo) -> datetime:
    """`minutes` before `start` on the wall clock of `tz`: "2 days before" a Sunday 10:00
    is the Friday 10:00, also when the clocks change in between."""
    wall = start.astimezone(tz).replace(tzinfo=None) - timedelta(minutes=minutes)
    return place(wall, tz)


def build_rule(
    freq: str,
    first: datetime,
    zone: str,
    *,
    interval: int = 1,
    until: date | None = None,
    count: int | None = None,
    last_weekday: bool = False,
) -> RepeatRule:
    """A checked rule from what the organiser gave; `first` is the first date (aware)."""
    if freq not in FREQS:
        raise InvalidInput(key="error-meets-repeat-kind")
    if not 1 <= interval <= MAX_INTERVAL:
        raise InvalidInput(key="error-meets-every-range", most=MAX_INTERVAL)
    if count is not None and not 2 <= count <= MAX_COUNT:
        raise InvalidInput(key="error-meets-times-range", most=MAX_COUNT)
    if until is not None and count is not None:
        raise InvalidInput(key="error-meets-until-or-times")
    tz = ZoneInfo(zone)
    local = first.astimezone(tz).replace(tzinfo=None, second=0, microsecond=0)
    if until is not None and until <= local.date():
        raise InvalidInput(
            key="error-meets-until-not-after",
            until=Day(until, "date"),
            first=Day(local.date(), "date"),
        )
    nth: int | None = None
    if freq == "monthly_weekday":
        if last_weekday:
            if (local + timedelta(days=7)).month == local.month:
                raise InvalidInput(
                    key="error-meets-not-last-weekday",
                    day=Day(local.date()),
                    weekday=Day(local.date(), "weekday"),
                )
            nth = -1
        else:
            nth = (local.day - 1) // 7 + 1
            if nth == 5:
                raise InvalidInput(
                    key="error-meets-fifth-weekday",
                    day=Day(local.date()),
                    weekday=Day(local.date(), "weekday"),
                )
    return RepeatRule(
        freq=freq,
        start=local,
        zone=zone,
        interval=interval,
        nth=nth,
        until=until,
        count=count,
    )


# What /meet create offers (choice value -> freq, last weekday).
REPEAT_CHOICES: dict[str, tuple[Freq, bool]] = {
    "weekly": ("weekly", False),
    "monthly_date": ("monthly_date", False),
    "monthly_weekday": ("monthly_weekday", False),
    "monthly_last": ("monthly_weekday", True),
}
_UNTIL = re.compile(r"^(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})\.(\d{1,2})\.(\d{4}))$")


def parse_until(text: str) -> date:
    """The last day a rule may give: `2027-12-31` or `31.12.2027`."""
    cleaned = text.strip()
    match = _UNTIL.match(cleaned)
    if match is None:
        raise InvalidInput(key="error-meets-until-unreadable", text=cleaned[:20])
    y, m, d = (match[1], match[2], match[3]) if match[1] else (match[6], match[5], match[4])
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        # A month over 12 gets the swapped form `when` offers ("12.13.2027" -> "13.12.2027");
        # the year is typed, so the day it is compared with doesn't matter.
        swapped = no_such_month(cleaned.lower(), date(int(y), 1, 1), name="until")
        if swapped is not None:
            raise swapped from None
        raise InvalidInput(key="error-meets-until-no-such-day", text=cleaned[:20]) from None


def repeat_from_options(
    choice: str,
    first: datetime,
    zone: str,
    *,
    every: int | None = None,
    until: str | None = None,
    times: int | None = None,
) -> RepeatRule:
    """The rule /meet create's repeat options describe, starting at its `when`."""
    if choice not in REPEAT_CHOICES:
        raise InvalidInput(key="error-meets-repeat-choice")
    freq, last = REPEAT_CHOICES[choice]
    return build_rule(
        freq,
        first,
        zone,
        interval=1 if every is None else every,  # 0 is refused, not read as 1
        until=parse_until(until) if until else None,
        count=times,
        last_weekday=last,
    )
