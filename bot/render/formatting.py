"""Small formatting helpers shared by embeds."""

from __future__ import annotations

from datetime import datetime

from bot.services.stats import ServerStats


def format_duration(seconds: float) -> str:
    seconds = int(seconds)
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{days}d"] if days else []
    if days or hours:
        parts.append(f"{hours}h")
    if days or hours or minutes:
        parts.append(f"{minutes}m")
    parts.append(f"{secs}s")
    return " ".join(parts)


def timestamp(when: datetime, style: str = "F") -> str:
    """A Discord timestamp, shown to each member in their own time zone."""
    return f"<t:{int(when.timestamp())}:{style}>"


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def stats_text(stats: ServerStats) -> str:
    """'3 meets (1 upcoming) · 42 RSVPs · 1 counter · 92 check-ins · 2 history entries'."""
    return " · ".join(
        [
            f"{_count(stats.meets, 'meet', 'meets')} ({stats.upcoming:,} upcoming)",
            _count(stats.rsvps, "RSVP", "RSVPs"),
            _count(stats.counters, "attendance counter", "attendance counters"),
            _count(stats.check_ins, "check-in", "check-ins"),
            _count(stats.history, "history entry", "history entries"),
        ]
    )
