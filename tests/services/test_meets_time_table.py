"""The `when` table: what members type in English and German, and what it must mean.

Each row fixes its own "now" (local wall time in Berlin unless the row says
otherwise) and the local wall time the input must be read as, or the words the
refusal must contain. Rows marked with issue 12 come from its examples.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import InvalidInput
from bot.services.meets import parse_when

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TUE = datetime(2027, 6, 1, 10, 0)  # Tuesday 1 June 2027, 10:00 local (the "now")
SAT = datetime(2027, 6, 5, 8, 0)  # Saturday 5 June 2027, 08:00 local
AUG21 = datetime(2027, 8, 21, 12, 0)  # Saturday 21 August 2027, noon
MARCH = datetime(2027, 3, 20, 10, 0)  # the Saturday before the spring change
OCTOBER = datetime(2027, 10, 25, 10, 0)  # the Monday before the autumn change


def _now(local: datetime, tz: ZoneInfo = BERLIN) -> datetime:
    return local.replace(tzinfo=tz).astimezone(UTC)


def at(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi)


READ: list[tuple[str, datetime, datetime]] = [
    # issue 12
    ("tomorrow 9", TUE, at(2027, 6, 2, 9)),
    ("tomorrow 9pm", TUE, at(2027, 6, 2, 21)),
    ("tomorrow 21:00", TUE, at(2027, 6, 2, 21)),
    ("sat 10am", TUE, at(2027, 6, 5, 10)),
    ("saturday 10:00", TUE, at(2027, 6, 5, 10)),
    ("Samstag 10 Uhr", TUE, at(2027, 6, 5, 10)),
    ("nächsten Samstag 10:00", TUE, at(2027, 6, 5, 10)),
    ("21.8. 10:00", TUE, at(2027, 8, 21, 10)),
    ("21 Aug 10:00", TUE, at(2027, 8, 21, 10)),
    ("2027-08-21T10:00", TUE, at(2027, 8, 21, 10)),
    ("morgen 9 Uhr", TUE, at(2027, 6, 2, 9)),
    # English
    ("Tomorrow 18:30", TUE, at(2027, 6, 2, 18, 30)),
    ("tomorrow at 9", TUE, at(2027, 6, 2, 9)),
    ("tomorrow noon", TUE, at(2027, 6, 2, 12)),
    ("next friday 7pm", TUE, at(2027, 6, 4, 19)),
    ("Saturday at 10am", TUE, at(2027, 6, 5, 10)),
    ("at 9 on saturday", TUE, at(2027, 6, 5, 9)),
    ("sat 21 aug 10:00", TUE, at(2027, 8, 21, 10)),
    ("Aug 21 10am", TUE, at(2027, 8, 21, 10)),
    ("2027-08-21 10:00", TUE, at(2027, 8, 21, 10)),
    ("21/08/2027 7:30 pm", TUE, at(2027, 8, 21, 19, 30)),
    ("in 3 days 10:00", TUE, at(2027, 6, 4, 10)),
    ("in 2 hours", TUE, at(2027, 6, 1, 12)),
    ("12am", TUE, at(2027, 6, 2, 0)),
    ("12pm", TUE, at(2027, 6, 1, 12)),
    # a time without a date: its next occurrence
    ("11:00", TUE, at(2027, 6, 1, 11)),
    ("9:00", TUE, at(2027, 6, 2, 9)),
    ("10:00", TUE, at(2027, 6, 2, 10)),  # exactly now is not the future
    ("9pm", TUE, at(2027, 6, 1, 21)),
    ("21 Uhr", TUE, at(2027, 6, 1, 21)),
    # weekdays: the next such moment, today included
    ("tuesday 11:00", TUE, at(2027, 6, 1, 11)),
    ("tuesday 9:00", TUE, at(2027, 6, 8, 9)),
    ("next tuesday 11:00", TUE, at(2027, 6, 8, 11)),
    ("saturday 10:00", SAT, at(2027, 6, 5, 10)),
    ("saturday 7:00", SAT, at(2027, 6, 12, 7)),
    ("21.8. 18:00", AUG21, at(2027, 8, 21, 18)),
    ("21.8. 10:00", AUG21, at(2028, 8, 21, 10)),
    # German
    ("morgen um 9", TUE, at(2027, 6, 2, 9)),
    ("übermorgen 18:30", TUE, at(2027, 6, 3, 18, 30)),
    ("heute 18 Uhr", TUE, at(2027, 6, 1, 18)),
    ("am Samstag um 10 Uhr", TUE, at(2027, 6, 5, 10)),
    ("kommenden Sonntag 9.30 Uhr", TUE, at(2027, 6, 6, 9, 30)),
    ("Samstag morgen 10 Uhr", TUE, at(2027, 6, 5, 10)),
    ("Di 19 Uhr", TUE, at(2027, 6, 1, 19)),
    ("Sa 10 Uhr", TUE, at(2027, 6, 5, 10)),
    ("Samstag, 5.6. 10:00", TUE, at(2027, 6, 5, 10)),
    ("21.08.2027 10:00", TUE, at(2027, 8, 21, 10)),
    ("21. August 10 Uhr", TUE, at(2027, 8, 21, 10)),
    ("21. August 2027 10 Uhr", TUE, at(2027, 8, 21, 10)),
    ("1. März 10:00", TUE, at(2028, 3, 1, 10)),
    ("in 2 Tagen 10:00", TUE, at(2027, 6, 3, 10)),
    ("in 2 Stunden", TUE, at(2027, 6, 1, 12)),
    ("10:00 Samstag", TUE, at(2027, 6, 5, 10)),
    ("am 21.8. um 10 Uhr", TUE, at(2027, 8, 21, 10)),
    ("Samstag, den 21.8. um 10 Uhr", TUE, at(2027, 8, 21, 10)),
    ("Sat 9.30pm", TUE, at(2027, 6, 5, 21, 30)),
    ("saturday 18h", TUE, at(2027, 6, 5, 18)),
    ("tmrw 9", TUE, at(2027, 6, 2, 9)),
    # around the clock changes
    ("Sonntag 2:30", MARCH, at(2027, 3, 21, 2, 30)),
    ("sunday 3:30", OCTOBER, at(2027, 10, 31, 3, 30)),
]


@pytest.mark.parametrize(("text", "now", "wall"), READ, ids=[r[0] for r in READ])
def test_reads_exactly(text: str, now: datetime, wall: datetime) -> None:
    parsed = parse_when(text, BERLIN, _now(now))
    assert parsed.local.replace(tzinfo=None) == wall
    assert parsed.local.tzinfo is not None
    assert parsed.utc == wall.replace(tzinfo=BERLIN).astimezone(UTC)


def test_read_in_the_servers_zone() -> None:
    parsed = parse_when("tomorrow 9", NEW_YORK, _now(TUE, NEW_YORK))
    assert parsed.local.replace(tzinfo=None) == at(2027, 6, 2, 9)
    assert parsed.utc == datetime(2027, 6, 2, 13, 0, tzinfo=UTC)  # EDT = UTC-4


REFUSED: list[tuple[str, datetime, str]] = [
    # a day without a time of day is a question, never midnight or the clock time
    ("saturday", TUE, "At what time on Saturday, June 5? e.g. `saturday 10:00`"),
    ("Samstag", TUE, "At what time on Saturday, June 5? e.g. `Samstag 10:00`"),
    ("tomorrow", TUE, "At what time on Wednesday, June 2?"),
    ("morgen", TUE, "At what time on Wednesday, June 2?"),
    ("nächsten Samstag", TUE, "At what time on Saturday, June 5?"),
    ("21.8.", TUE, "At what time on Saturday, August 21? e.g. `21.8. 10:00`"),
    ("21 Aug", TUE, "At what time on Saturday, August 21?"),
    ("2028-03-01", TUE, "At what time on Wednesday, March 1, 2028?"),
    # impossible or contradictory
    ("13pm", TUE, "`13pm` is not a time of day"),
    ("25:00", TUE, "`25:00` is not a time of day"),
    ("fr 21.8. 10:00", TUE, "August 21, 2027 is a Saturday, not a Friday"),
    ("banana 10:00", TUE, "I can't read `banana 10:00`"),
    ("31.6. 10:00", TUE, "June has 30 days, so there is no 31 June"),
    ("today 9", TUE, "is in the past"),
    ("gestern 10:00", TUE, "is in the past"),
    ("2027-03-28 02:30", MARCH, "doesn't exist in Europe/Berlin"),
]


@pytest.mark.parametrize(("text", "now", "needle"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_with_a_hint(text: str, now: datetime, needle: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_when(text, BERLIN, _now(now))
    assert needle in caught.value.message
    assert len(caught.value.message) < 300


def test_the_doubled_autumn_hour_says_which_one() -> None:
    parsed = parse_when("Sonntag 2:30", BERLIN, _now(OCTOBER))
    assert parsed.local.replace(tzinfo=None) == at(2027, 10, 31, 2, 30)
    assert parsed.utc == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    assert parsed.note is not None and "happens twice" in parsed.note


def test_the_table_is_big_enough() -> None:
    assert len(READ) + len(REFUSED) >= 40


_DAY_WORDS = [
    "tomorrow",
    "saturday",
    "sat",
    "Samstag",
    "morgen",
    "21.8.",
    "21 Aug",
    "nächsten Samstag",
]


@settings(max_examples=60, deadline=None)
@given(day=st.sampled_from(_DAY_WORDS), hour=st.integers(0, 23), minute=st.integers(0, 59))
def test_any_typed_clock_time_is_the_one_read(day: str, hour: int, minute: int) -> None:
    parsed = parse_when(f"{day} {hour}:{minute:02d}", BERLIN, _now(TUE))
    assert (parsed.local.hour, parsed.local.minute) == (hour, minute)
    assert parsed.utc > _now(TUE)


@settings(max_examples=30, deadline=None)
@given(day=st.sampled_from(_DAY_WORDS))
def test_a_day_alone_is_never_read_as_a_time(day: str) -> None:
    with pytest.raises(InvalidInput, match="At what time on"):
        parse_when(day, BERLIN, _now(TUE))


_PIECES = st.sampled_from(
    [
        "tomorrow",
        "morgen",
        "sat",
        "Samstag",
        "nächsten",
        "am",
        "um",
        "at",
        "Uhr",
        "pm",
        "am",
        "21.8.",
        "10:00",
        "9",
        "25",
        "2027-08-21",
        "T",
        "+05:00",
        "Z",
        "in",
        "2",
        "hours",
        ",",
        ".",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=6).map(" ".join) | st.text(max_size=120))
def test_any_text_is_read_into_the_future_or_refused(text: str) -> None:
    refusal: InvalidInput | None = None
    try:
        parsed = parse_when(text, BERLIN, _now(TUE))
    except InvalidInput as refused:  # anything else (a crash) fails the test
        refusal = refused
    if refusal is not None:
        assert 0 < len(refusal.message) < 400
        return
    assert parsed.utc > _now(TUE)
    assert parsed.local.utcoffset() is not None
