"""Reading the `when` a member typed, in the server's time zone.

dateparser does the reading (ISO, day-first dates, "next saturday 10:00");
this module only decides what a naive wall-clock time means in the server's
zone, including the two awkward hours a year around daylight-saving changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.errors import InvalidInput

from .validation import MAX_AHEAD

EXAMPLE = "`2027-08-21 10:00`, `21.08.2027 10:00` or `next saturday 10:00`"
_LANGUAGES = ["en", "de"]


@dataclass(frozen=True, slots=True)
class ParsedTime:
    utc: datetime
    local: datetime
    note: str | None = None  # told to the organiser, e.g. how an ambiguous hour was read


def _fmt(local: datetime) -> str:
    return local.strftime("%Y-%m-%d %H:%M")


def localise(wall: datetime, tz: ZoneInfo) -> tuple[datetime, str | None]:
    """Attach `tz` to a naive wall time; refuse times that don't exist, flag doubles."""
    first = wall.replace(tzinfo=tz, fold=0)
    second = wall.replace(tzinfo=tz, fold=1)
    round_trip = first.astimezone(UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != wall:
        # In a spring-forward gap: that wall time never happens. PEP 495 reads it
        # with the offset from before the change, which lands just after the gap.
        raise InvalidInput(
            f"`when`: {_fmt(wall)} doesn't exist in {tz.key}: the clocks go forward that night "
            f"and skip that hour. Did you mean `{_fmt(round_trip)}` ({round_trip.tzname()})?"
        )
    if first.utcoffset() != second.utcoffset():
        # The fall-back hour happens twice; fold=0 is the first (summer time) one.
        note = (
            f"{_fmt(wall)} happens twice in {tz.key} (the clocks go back that night); "
            f"I used the first one, {first.tzname()} (UTC{_offset(first)})."
        )
        return first, note
    return first, None


def _offset(when: datetime) -> str:
    delta = when.utcoffset() or timedelta(0)
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def parse_when(text: str, tz: ZoneInfo, now: datetime) -> ParsedTime:
    """The UTC instant `text` means in `tz`; must be in the future of `now`."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidInput(f"`when` is empty. Try {EXAMPLE}.")
    local_now = now.astimezone(tz)
    # Imported on first use: dateparser and its language data take ~18 MiB, which an
    # idle bot shouldn't carry. Callers run this in a worker thread, so the first,
    # slower call doesn't block the event loop.
    import dateparser

    try:
        parsed = dateparser.parse(
            cleaned[:100],
            languages=_LANGUAGES,
            settings={
                "PREFER_DATES_FROM": "future",
                "DATE_ORDER": "DMY",
                "RELATIVE_BASE": local_now.replace(tzinfo=None),
            },
        )
    except (ValueError, OverflowError, ArithmeticError):
        parsed = None
    if parsed is None:
        raise InvalidInput(
            f"`when`: I can't read `{cleaned[:40].replace('`', chr(39))}` as a time. Try {EXAMPLE}."
        )
    note = None
    try:
        if parsed.tzinfo is not None:
            instant = parsed.astimezone(UTC)
            local = instant.astimezone(tz)
        else:
            local, note = localise(parsed, tz)
            instant = local.astimezone(UTC)
    except (OverflowError, ValueError):
        # Year 1 or 9999 at the edge of what datetime can shift across zones.
        raise InvalidInput(f"`when`: that date is out of range. Try {EXAMPLE}.") from None
    instant = instant.replace(microsecond=0)
    if instant <= now:
        raise InvalidInput(
            f"`when`: {_fmt(local)} ({tz.key}) is in the past. Give a future time, e.g. {EXAMPLE}."
        )
    if instant - now > MAX_AHEAD:
        raise InvalidInput(f"`when`: {_fmt(local)} is more than 5 years away. Try e.g. {EXAMPLE}.")
    return ParsedTime(utc=instant, local=local, note=note)
