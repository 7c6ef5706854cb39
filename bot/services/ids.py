"""Ids that members type or pick in command options."""

from __future__ import annotations


def as_id(text: str) -> int | None:
    """An id typed or picked in an option; None for anything SQLite can't hold."""
    text = text.strip()
    # isdigit() accepts '²', and 20-digit numbers overflow SQLite's 64-bit INTEGER.
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    return None
