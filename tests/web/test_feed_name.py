"""The feed's name carries the server's name, kept to one short line (bot/web/server.py)."""

from __future__ import annotations

from icalendar import Calendar

from bot.services.meets.calendar import feed_ics
from bot.web.server import FEED_CLUB_MAX, _feed_name


def test_server_name_one_line_short_and_escaped() -> None:
    assert _feed_name("de", "Eifel; Ring, Club") == "Eifel; Ring, Club: Clubtreffen (Paddock)"
    assert _feed_name("en", " Two\nlines\t ") == "Two lines: club meets (Paddock)"
    assert _feed_name("en", None) == "Club meets (Paddock)"
    long = _feed_name("en", "x" * 100)
    assert long.startswith("x" * (FEED_CLUB_MAX - 1) + "…:")
    name = _feed_name("en", "A,B;C\\D")
    assert str(Calendar.from_ical(feed_ics([], name))["X-WR-CALNAME"]) == name
