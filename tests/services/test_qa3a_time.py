"""Times typed in the qa3a pass: an English hour with a spaced "am" before the weekday
("10 am saturday") was read as "10 saturday", the 10th of the month, and refused as
"June 10, 2027 is a Thursday"; "12 am saturday" asked for a time of day."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.errors import InvalidInput
from bot.services.meets import parse_when

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2027, 6, 1, 8, 0, tzinfo=UTC)  # Tuesday 1 June 2027, 10:00 in Berlin


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("10 am saturday", datetime(2027, 6, 5, 10, 0)),
        ("10 AM Saturday", datetime(2027, 6, 5, 10, 0)),
        ("7 am sat", datetime(2027, 6, 5, 7, 0)),
        ("12 am saturday", datetime(2027, 6, 5, 0, 0)),
        ("10:30 am saturday", datetime(2027, 6, 5, 10, 30)),
        ("10 am Samstag", datetime(2027, 6, 5, 10, 0)),
        # German "am" (on) still reads as before
        ("um 10 am Samstag", datetime(2027, 6, 5, 10, 0)),
        ("um 8 am Samstag", datetime(2027, 6, 5, 8, 0)),
        ("um 20 am Samstag", datetime(2027, 6, 5, 20, 0)),
        ("18 Uhr am Samstag", datetime(2027, 6, 5, 18, 0)),
        ("8 pm am Samstag", datetime(2027, 6, 5, 20, 0)),
    ],
)
def test_an_hour_with_a_spaced_am_before_the_weekday_is_that_hour(
    typed: str, meant: datetime
) -> None:
    assert parse_when(typed, BERLIN, NOW).local.replace(tzinfo=None) == meant


@pytest.mark.parametrize(
    ("typed", "start", "end"),
    [
        # was "June 10, 2114 is a Sunday, not a Saturday"
        ("Sa 10-14 Uhr", "Sa 10 Uhr", "14:00"),
        ("Sa. 10–14 Uhr", "Sa. 10 Uhr", "14:00"),
        # was "June 18, 2027 is a Friday"
        ("Samstag 18 - 22 Uhr", "Samstag 18 Uhr", "22:00"),
        ("Samstag 10 bis 14 Uhr", "Samstag 10 Uhr", "14:00"),
        ("Samstag von 10 bis 14 Uhr", "Samstag von 10 Uhr", "14:00"),
        ("Samstag 10:00-14:00", "Samstag 10:00", "14:00"),
        ("Samstag 18-22h", "Samstag 18h", "22:00"),
        ("12.06.2027 10:00-14:00", "12.06.2027 10:00", "14:00"),
        # was "June 10, 2027 is a Thursday"
        ("saturday 10-2pm", "saturday 10am", "14:00"),
        ("friday 6-9pm", "friday 6pm", "21:00"),
        ("Sat 10am-4pm", "Sat 10am", "16:00"),  # was read as 10:00, the end dropped
        ("Sunday 10:00 to 14:00", "Sunday 10:00", "14:00"),
        ("saturday 10:30-12", "saturday 10:30", "12:00"),
    ],
)
def test_a_start_and_an_end_in_when_are_told_apart(typed: str, start: str, end: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_when(typed, BERLIN, NOW)
    assert refused.value.key == "error-meets-when-range"
    assert f"e.g. `{start}`" in str(refused.value)
    assert f"`{end}`" in str(refused.value)
    assert "`ends`" in str(refused.value)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        # dates and offsets with dashes are no ranges
        ("12-06 10:00", datetime(2027, 6, 12, 10, 0)),
        ("12-06-2027 10:00", datetime(2027, 6, 12, 10, 0)),
        ("2027-06-12 10:00", datetime(2027, 6, 12, 10, 0)),
        ("2027-06-12T10:00-05:00", datetime(2027, 6, 12, 17, 0)),
        # "ab 10 Uhr" (from 10): the start
        ("Samstag ab 10 Uhr", datetime(2027, 6, 5, 10, 0)),
        ("ab 18:30 am Samstag", datetime(2027, 6, 5, 18, 30)),
    ],
)
def test_no_range_reads_as_before(typed: str, meant: datetime) -> None:
    assert parse_when(typed, BERLIN, NOW).local.replace(tzinfo=None) == meant


def test_two_numbers_without_a_time_of_day_are_no_range() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_when("in 2 to 3 weeks", BERLIN, NOW)
    assert refused.value.key != "error-meets-when-range"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        # were "`when` is in the past": read as the year 1030
        ("Saturday 1030", datetime(2027, 6, 5, 10, 30)),
        ("1030 saturday", datetime(2027, 6, 5, 10, 30)),
        ("Samstag 1030 Uhr", datetime(2027, 6, 5, 10, 30)),
        ("June 12 1930", datetime(2027, 6, 12, 19, 30)),
        ("saturday 0900", datetime(2027, 6, 5, 9, 0)),
        # a year still is one
        ("12 June 2028 10:00", datetime(2028, 6, 12, 10, 0)),
    ],
)
def test_four_digits_before_this_year_are_a_time_of_day(typed: str, meant: datetime) -> None:
    assert parse_when(typed, BERLIN, NOW).local.replace(tzinfo=None) == meant


def test_a_future_year_without_a_time_is_still_asked_about() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_when("June 12 2028", BERLIN, NOW)
    assert refused.value.key == "error-meets-what-time"
