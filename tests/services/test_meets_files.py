"""The .ics calendar file and the CSV gate list, parsed back."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from bot.clock import ManualClock
from bot.db import Database
from bot.render.export import gate_list_words
from bot.services.club_calendar import meet_event
from bot.services.meets import MeetService
from bot.services.meets.calendar import meet_ics
from bot.services.meets.export import HEADER, roster_csv, safe_cell
from bot.services.meets.models import MeetChanges

NOW = datetime(2027, 6, 1, 9, 0, tzinfo=UTC)
GUILD = 7


@pytest.fixture
def meets(db: Database) -> MeetService:
    return MeetService(db, ManualClock(NOW))


def only_event(data: bytes) -> Calendar:
    events = list(Calendar.from_ical(data).walk("VEVENT"))
    assert len(events) == 1
    return events[0]


async def test_ics_is_parseable_and_uid_is_stable(meets: MeetService) -> None:
    meet = await meets.create(
        GUILD,
        title="Nürburgring 2027",
        starts_at=datetime(2027, 8, 21, 8, tzinfo=UTC),
        location="Nürburgring, Döttinger Höhe",
        description="Line 1\nLine 2",
        created_by=1,
    )
    first = Calendar.from_ical(meet_ics(meet_event(meet, None), NOW))
    events = list(first.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(first["VERSION"]) == "2.0"
    assert first["PRODID"]
    assert str(event["SUMMARY"]) == "Nürburgring 2027"
    assert str(event["LOCATION"]) == "Nürburgring, Döttinger Höhe"
    assert event.decoded("DTSTART") == datetime(2027, 8, 21, 8, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2027, 8, 21, 12, tzinfo=UTC)
    assert event["DTSTAMP"]

    edited = (await meets.edit(GUILD, meet.id, MeetChanges(title="Ring day"))).meet
    second = only_event(meet_ics(meet_event(edited, None), NOW + timedelta(hours=1)))
    assert str(second["UID"]) == str(event["UID"])
    assert str(second["SUMMARY"]) == "Ring day"
    other = await meets.create(
        GUILD, title="Other", starts_at=NOW + timedelta(days=1), location="x", created_by=1
    )
    third = only_event(meet_ics(meet_event(other, None), NOW))
    assert str(third["UID"]) != str(event["UID"])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("BMW 1M", "BMW 1M"),
    ],
)
def test_safe_cell(value: str, expected: str) -> None:
    assert safe_cell(value) == expected


async def test_csv_has_every_answer_with_waitlist_positions(meets: MeetService) -> None:
    meet = await meets.create(
        GUILD,
        title="Drive",
        starts_at=NOW + timedelta(days=2),
        location="x",
        created_by=1,
        capacity=1,
    )
    await meets.rsvp(GUILD, meet.id, 10, "going", display_name="Anna", car="=1+1", passengers=2)
    await meets.rsvp(GUILD, meet.id, 11, "going", display_name="@everyone", car="M2")
    await meets.rsvp(GUILD, meet.id, 12, "going", display_name="Carl")
    await meets.rsvp(GUILD, meet.id, 13, "maybe", display_name="Dora")
    data = roster_csv(await meets.roster(GUILD, meet.id)).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    assert tuple(rows[0]) == HEADER
    body = {row[1]: row for row in rows[1:]}
    assert body["10"][:5] == ["Anna", "10", "going", "'=1+1", "2"]
    assert body["11"][0] == "'@everyone"
    assert (body["11"][2], body["11"][6]) == ("waitlist", "1")
    assert (body["12"][2], body["12"][6]) == ("waitlist", "2")
    assert body["13"][2] == "maybe"
    assert datetime.fromisoformat(body["10"][5]) == NOW


async def test_a_german_gate_list_opens_in_columns_in_a_german_spreadsheet(
    meets: MeetService,
) -> None:
    # German Excel splits at ";": the comma-separated list opened as one column of mush.
    meet = await meets.create(
        GUILD, title="Ring", starts_at=NOW + timedelta(days=2), location="x", created_by=1,
        capacity=1,
    )  # fmt: skip
    await meets.rsvp(GUILD, meet.id, 10, "going", display_name="Jörg", car="1M, orange")
    await meets.rsvp(GUILD, meet.id, 11, "going", display_name="Anna")
    await meets.rsvp(GUILD, meet.id, 12, "no", display_name="Carl")
    words = gate_list_words("de")
    data = roster_csv(
        await meets.roster(GUILD, meet.id),
        delimiter=words.delimiter,
        header=words.header,
        statuses=words.statuses,
    ).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data), delimiter=";"))
    assert data.splitlines()[0].startswith("Name;Nutzer-ID;Status;Auto;Mitfahrer;")
    body = {row[1]: row for row in rows[1:]}
    assert body["10"][:4] == ["Jörg", "10", "dabei", "1M, orange"]
    assert (body["11"][2], body["11"][6]) == ("Warteliste", "1")
    assert body["12"][2] == "nicht dabei"
    english = gate_list_words("en")
    assert (english.delimiter, english.header) == (",", HEADER)
