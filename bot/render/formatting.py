"""Small formatting helpers shared by embeds."""

from __future__ import annotations

from datetime import datetime

from bot.i18n import t
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


def stats_text(stats: ServerStats, lang: str = "en") -> str:
    """'3 meets (1 upcoming) · 42 RSVPs · 1 counter · 92 check-ins · 2 history entries ·
    12 garage cars (3 with a VIN)'."""
    return " · ".join(
        [
            t(lang, "about-meets", count=stats.meets, upcoming=stats.upcoming),
            t(lang, "about-rsvps", count=stats.rsvps),
            t(lang, "about-counters", count=stats.counters),
            t(lang, "about-check-ins", count=stats.check_ins),
            t(lang, "about-history", count=stats.history),
            t(lang, "qagarage-about-garage", count=stats.garage_cars, vins=stats.vins),
        ]
    )
