"""Field limits shared by /meet, /rsvp and the car modal, so each names the field."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.errors import InvalidInput

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

# Invisible and direction-flipping characters: they make a title look empty
# or reverse the rest of a line in the embed.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_AHEAD = timedelta(days=5 * 366)


def _text(field: str, value: str, limit: int, *, required: bool, multiline: bool = False) -> str:
    value = _INVISIBLE.sub("", value)
    cleaned = value.strip() if multiline else " ".join(value.split())
    if required and not cleaned:
        raise InvalidInput(f"`{field}` can't be empty.")
    if len(cleaned) > limit:
        raise InvalidInput(
            f"`{field}` is {len(cleaned)} characters; the limit is {limit}. Please shorten it."
        )
    return cleaned


def title(value: str) -> str:
    return _text("title", value, TITLE_MAX, required=True)


def location(value: str) -> str:
    return _text("location", value, LOCATION_MAX, required=True)


def description(value: str) -> str:
    return _text("description", value, DESCRIPTION_MAX, required=False, multiline=True)


def series(value: str | None) -> str:
    """The one series cleaner, for meets, imports and record lookups alike: a series
    typed with an invisible character or extra spaces is the same series."""
    return _text("series", value or "", SERIES_MAX, required=False)


def car(value: str) -> str:
    return _text("car", value, CAR_MAX, required=False)


def reason(value: str) -> str:
    return _text("reason", value, REASON_MAX, required=False)


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
