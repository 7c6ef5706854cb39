"""Reading `when` in the server's time zone, across daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.errors import InvalidInput
from bot.services.meets import parse_when

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2027, 1, 15, 12, 0, tzinfo=UTC)  # a Friday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-08-21 10:00", datetime(2027, 8, 21, 8, 0, tzinfo=UTC)),  # CEST = UTC+2
        ("21.08.2027 10:00", datetime(2027, 8, 21, 8, 0, tzinfo=UTC)),
        ("2027-02-21 10:00", datetime(2027, 2, 21, 9, 0, tzinfo=UTC)),  # CET = UTC+1
        ("2027-08-21T10:00:00+05:00", datetime(2027, 8, 21, 5, 0, tzinfo=UTC)),
        ("2027-08-21T10:00:00Z", datetime(2027, 8, 21, 10, 0, tzinfo=UTC)),
        ("next saturday 10:00", datetime(2027, 1, 16, 9, 0, tzinfo=UTC)),
        ("tomorrow 18:30", datetime(2027, 1, 16, 17, 30, tzinfo=UTC)),
    ],
)
def test_formats_in_berlin(text: str, expected: datetime) -> None:
    parsed = parse_when(text, BERLIN, NOW)
    assert parsed.utc == expected
    assert parsed.note is None


def test_same_wall_time_differs_by_zone() -> None:
    berlin = parse_when("2027-08-21 10:00", BERLIN, NOW).utc
    new_york = parse_when("2027-08-21 10:00", NEW_YORK, NOW).utc
    assert new_york - berlin == (
        datetime(2027, 8, 21, 14, tzinfo=UTC) - datetime(2027, 8, 21, 8, tzinfo=UTC)
    )


def test_spring_forward_gap_is_refused_with_a_suggestion() -> None:
    # Last Sunday of March 2027: Berlin jumps from 02:00 CET to 03:00 CEST.
    with pytest.raises(InvalidInput) as caught:
        parse_when("2027-03-28 02:30", BERLIN, NOW)
    message = caught.value.message
    assert "doesn't exist in Europe/Berlin" in message
    assert "2027-03-28 03:30" in message


def test_times_either_side_of_the_spring_gap() -> None:
    assert parse_when("2027-03-28 01:59", BERLIN, NOW).utc == datetime(
        2027, 3, 28, 0, 59, tzinfo=UTC
    )
    assert parse_when("2027-03-28 03:00", BERLIN, NOW).utc == datetime(
        2027, 3, 28, 1, 0, tzinfo=UTC
    )


def test_fall_back_hour_picks_the_first_and_says_so() -> None:
    # Last Sunday of October 2027: 02:00-03:00 happens twice in Berlin.
    parsed = parse_when("2027-10-31 02:30", BERLIN, NOW)
    assert parsed.utc == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)  # CEST, fold=0
    assert parsed.note is not None
    assert "happens twice" in parsed.note
    assert "CEST" in parsed.note


def test_after_fall_back_is_winter_time() -> None:
    parsed = parse_when("2027-10-31 03:30", BERLIN, NOW)
    assert parsed.utc == datetime(2027, 10, 31, 2, 30, tzinfo=UTC)
    assert parsed.note is None


def test_new_york_gap_on_its_own_date() -> None:
    with pytest.raises(InvalidInput, match="America/New_York"):
        parse_when("2027-03-14 02:30", NEW_YORK, NOW)
    # The same wall time is fine in Berlin that day.
    assert parse_when("2027-03-14 02:30", BERLIN, NOW).utc == datetime(
        2027, 3, 14, 1, 30, tzinfo=UTC
    )


@pytest.mark.parametrize("text", ["2026-08-21 10:00", "yesterday 10:00"])
def test_past_times_are_refused_with_an_example(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_when(text, BERLIN, NOW)
    assert "in the past" in caught.value.message
    assert "2027-08-21 10:00" in caught.value.message


@pytest.mark.parametrize("text", ["banana", "", "   "])
def test_unreadable_input_gets_an_example(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_when(text, BERLIN, NOW)
    assert "`when`" in caught.value.message
    assert "next saturday 10:00" in caught.value.message


@pytest.mark.parametrize(
    "text",
    ["9999-12-31 23:59", "0001-01-01 00:30", "99999999999999999999999", "2027-02-30 25:61"],
)
def test_out_of_range_dates_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="`when`"):
        parse_when(text, BERLIN, NOW)
