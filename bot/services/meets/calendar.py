"""An RFC 5545 calendar file for one meet, built with icalendar."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from icalendar import Calendar, Event

    from bot.services.club_calendar import FeedEvent

PRODID = "-//Paddock//Meets//EN"


def _vevent(item: FeedEvent, stamp: datetime) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", item.starts_at)
    event.add("dtend", item.ends_at)
    event.add("summary", item.title)
    event.add("location", item.location)
    if item.description:
        event.add("description", item.description)
    if item.url:
        event.add("url", item.url)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    # SEQUENCE lets calendar apps notice that an edit or a cancel is newer.
    event.add("sequence", item.sequence)
    return event


def _calendar() -> Calendar:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    return cal


def meet_ics(item: FeedEvent, now: datetime) -> bytes:
    """One meet's file (`CalendarService.event`): the feed's UID and SEQUENCE for it, so
    a calendar that imports it again after a change, or subscribes to the feed as well,
    updates one event instead of keeping two."""
    # icalendar is imported on first use: most bots never export a calendar, and idle
    # memory counts.
    cal = _calendar()
    cal.add_component(_vevent(item, now))
    return cal.to_ical()


def feed_ics(events: Sequence[FeedEvent], name: str) -> bytes:
    """A whole server's calendar for subscription (bot.services.club_calendar.events).

    Recurring meets are written as their expanded dates, each its own VEVENT: every
    date is a meet of its own (its own answers, time changes and cancellation), and a
    calendar app then shows exactly those dates without interpreting a rule. DTSTAMP is
    each event's last change, not the time of the request, so an unchanged calendar
    gives the same bytes (and ETag) on every poll.
    """
    cal = _calendar()
    cal.add("x-wr-calname", name)
    cal.add("x-published-ttl", "PT1H")  # how often to poll, for clients that ask
    for item in events:
        event = _vevent(item, item.stamp)
        event.add("last-modified", item.stamp)
        cal.add_component(event)
    return cal.to_ical()
