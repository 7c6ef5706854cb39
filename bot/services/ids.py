"""Ids that members type or pick in command options, and the one answer for a meet id
that names nothing here."""

from __future__ import annotations

from bot.errors import NotFound

# SQLite integers are 64-bit; a bigger "id" can only be a typo or a forgery.
_MAX_ID = 2**63 - 1


def as_id(text: str) -> int | None:
    """An id typed or picked in an option; None for anything SQLite can't hold."""
    text = text.strip()
    # isdigit() accepts '²', and 20-digit numbers overflow SQLite's 64-bit INTEGER.
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    return None


def meet_not_found() -> NotFound:
    """The error for a meet id that doesn't exist in this server (or at all)."""
    return NotFound(key="error-meets-not-found")


def check_meet_id(meet_id: int) -> int:
    """The id, if it could be a meet's; NotFound before any query if it can't."""
    if not 0 < meet_id <= _MAX_ID:
        raise meet_not_found()
    return meet_id
