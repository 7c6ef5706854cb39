"""Field limits shared by /meet, /rsvp and the car modal, so each names the field."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.errors import InvalidInput
from bot.services.text import field

from .models import (
    CAPACITY_MAX,
    CAPACITY_MIN,
    CAR_MAX,
    DESCRIPTION_MAX,
    LOCATION_MAX,
    PASSENGERS_MAX,
    REASON_MAX,
    SERIES_MAX,
    TITLE_MAX,
)

MAX_AHEAD = timedelta(days=5 * 366)
MAX_LENGTH = timedelta(days=2)


def title(value: str) -> str:
    return field("title", value, TITLE_MAX, required=True)


def location(value: str) -> str:
    return field("location", value, LOCATION_MAX, required=True)


def description(value: str) -> str:
    return field("description", value, DESCRIPTION_MAX, required=False, multiline=True)


def series(value: str | None) -> str:
    """The one series cleaner, for meets, imports and record lookups alike: a series
    typed with an invisible character or extra spaces is the same series."""
    return field("series", value or "", SERIES_MAX, required=False)


def car(value: str) -> str:
    return field("car", value, CAR_MAX, required=False)


def reason(value: str) -> str:
    return field("reason", value, REASON_MAX, required=False)


def capacity(value: int) -> int:
    if not CAPACITY_MIN <= value <= CAPACITY_MAX:
        raise InvalidInput(
            f"`capacity` must be a whole number from {CAPACITY_MIN} to {CAPACITY_MAX:,} cars "
            f"(got {value})."
        )
    return value


def passengers(value: int | str) -> int:
    if isinstance(value, str):
        stripped = value.strip() or "0"
        if not (stripped.isascii() and stripped.isdigit()):  # isdigit() accepts '²'; int() doesn't
            raise InvalidInput(
                f"`passengers` must be a number from 0 to {PASSENGERS_MAX} (got `{stripped[:10]}`)."
            )
        value = int(stripped)
    if not 0 <= value <= PASSENGERS_MAX:
        raise InvalidInput(f"`passengers` must be from 0 to {PASSENGERS_MAX} (got {value}).")
    return value


def start(when: datetime, now: datetime) -> datetime:
    if when <= now:
        raise InvalidInput("`when` is in the past. Give a future time, e.g. `next saturday 10:00`.")
    if when - now > MAX_AHEAD:
        raise InvalidInput("`when` is more than 5 years away. Plan meets up to 5 years ahead.")
    return when


def times(
    starts_at: datetime, ends_at: datetime | None, deadline: datetime | None, now: datetime
) -> None:
    """The end after the start (at most two days later), the RSVP deadline between now
    and the start."""
    if ends_at is not None:
        if ends_at <= starts_at:
            raise InvalidInput("`ends`: the end must be after the start, e.g. `3h` or `16:00`.")
        if ends_at - starts_at > MAX_LENGTH:
            raise InvalidInput("`ends`: a meet can last at most 2 days. Try e.g. `3h`.")
    if deadline is not None:
        if deadline > starts_at:
            raise InvalidInput(
                "`rsvp_by`: the RSVP deadline must be at or before the start of the meet."
            )
        if deadline <= now:
            raise InvalidInput("`rsvp_by` is in the past. Give a future time before the start.")
