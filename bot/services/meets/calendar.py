"""An RFC 5545 calendar file for one meet, built with icalendar."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from .models import DEFAULT_DURATION_HOURS, Meet

if TYPE_CHECKING:
    from bot.services.club_calendar import FeedEvent

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


def feed_ics(events: Sequence[FeedEvent], name: str) -> bytes:
    """A whole server's calendar for subscription (bot.services.club_calendar.events).

    Recurring meets are written as their expanded dates, each its own VEVENT: every
    date is a meet of its own (its own answers, time changes and cancellation), and a
    calendar app then shows exactly those dates without interpreting a rule. DTSTAMP is
    each event's last change, not the time of the request, so an unchanged calendar
    gives the same bytes (and ETag) on every poll.
    """
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-published-ttl", "PT1H")  # how often to poll, for clients that ask
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", item.stamp)
        event.add("last-modified", item.stamp)
        event.add("dtstart", item.starts_at)
        event.add("dtend", item.ends_at)
        event.add("summary", item.title)
        event.add("location", item.location)
        if item.description:
            event.add("description", item.description)
        if item.url:
            event.add("url", item.url)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        event.add("sequence", item.sequence)
        cal.add_component(event)
    return cal.to_ical()
