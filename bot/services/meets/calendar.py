"""An RFC 5545 calendar file for one meet, built with icalendar."""

from __future__ import annotations

from datetime import datetime, timedelta

from .models import DEFAULT_DURATION_HOURS, Meet

PRODID = "-//Paddock//Meets//EN"


def meet_uid(meet: Meet) -> str:
    """Stable for the life of the meet, so re-importing updates instead of duplicating."""
    return f"meet-{meet.id}-guild-{meet.guild_id}@paddock"


def meet_ics(meet: Meet, now: datetime) -> bytes:
    # Imported on first use: most bots never export a calendar, and idle memory counts.
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    event = Event()
    event.add("uid", meet_uid(meet))
    event.add("dtstamp", now)
    event.add("dtstart", meet.starts_at)
    event.add("dtend", meet.ends_at or meet.starts_at + timedelta(hours=DEFAULT_DURATION_HOURS))
    event.add("summary", meet.title)
    event.add("location", meet.location)
    if meet.description:
        event.add("description", meet.description)
    if meet.jump_url:
        event.add("url", meet.jump_url)
    event.add("status", "CANCELLED" if meet.cancelled else "CONFIRMED")
    # SEQUENCE lets calendar apps notice a re-export after an edit or cancel.
    event.add("sequence", 1 if meet.cancelled else 0)
    cal.add_component(event)
    return cal.to_ical()
