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
            key="error-meets-capacity", least=CAPACITY_MIN, most=CAPACITY_MAX, got=value
        )
    return value


def passengers(value: int | str) -> int:
    if isinstance(value, str):
        stripped = value.strip() or "0"
        if not (stripped.isascii() and stripped.isdigit()):  # isdigit() accepts '²'; int() doesn't
            raise InvalidInput(
                key="error-meets-passengers-number", most=PASSENGERS_MAX, got=stripped[:10]
            )
        value = int(stripped)
    if not 0 <= value <= PASSENGERS_MAX:
        raise InvalidInput(key="error-meets-passengers-range", most=PASSENGERS_MAX, got=value)
    return value


def start(when: datetime, now: datetime) -> datetime:
    if when <= now:
        raise InvalidInput(key="error-meets-when-past")
    if when - now > MAX_AHEAD:
        raise InvalidInput(key="error-meets-when-too-far")
    return when


def times(
    starts_at: datetime, ends_at: datetime | None, deadline: datetime | None, now: datetime
) -> None:
    """The end after the start (at most two days later), the RSVP deadline between now
    and the start."""
    if ends_at is not None:
        if ends_at <= starts_at:
            raise InvalidInput(key="error-meets-ends-before-start")
        if ends_at - starts_at > MAX_LENGTH:
            raise InvalidInput(key="error-meets-ends-too-long")
    if deadline is not None:
        if deadline > starts_at:
            raise InvalidInput(key="error-meets-rsvp-by-after-start")
        if deadline <= now:
            raise InvalidInput(key="error-meets-rsvp-by-past")
