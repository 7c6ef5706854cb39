"""The follow-up question's example for a `when` without a time of day is one that
would be read (timeparse.py): "9 tomorrow" was asked "e.g. `9 tomorrow 10:00`", "now"
"e.g. `now 10:00`"."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.errors import InvalidInput
from bot.services.meets import parse_when

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2027, 6, 1, 10, 20, tzinfo=BERLIN).astimezone(UTC)  # Tuesday


def _example(text: str) -> str:
    with pytest.raises(InvalidInput) as caught:
        parse_when(text, BERLIN, NOW)
    assert caught.value.key == "error-meets-what-time"
    return str(caught.value.fields["example"])


@pytest.mark.parametrize(
    ("typed", "example"),
    [
        ("9 tomorrow", "tomorrow 09:00"),
        ("saturday", "saturday 10:00"),
        ("21 Aug", "21 Aug 10:00"),
        ("21.8.", "21.8. 10:00"),
    ],
)
def test_example_is_the_day_with_a_time(typed: str, example: str) -> None:
    assert _example(typed) == example


@pytest.mark.parametrize("typed", ["now", "jetzt", "Now"])
def test_now_gets_a_real_date_and_time(typed: str) -> None:
    example = _example(typed)
    assert example == "2027-06-01 12:00"
    assert parse_when(example, BERLIN, NOW).local.replace(tzinfo=None) == datetime(
        2027, 6, 1, 12, 0
    )


@pytest.mark.parametrize(
    ("typed", "suggest"), [("12.13.2027", "13.12.2027"), ("2027-31-12", "2027-12-31")]
)
def test_until_with_day_and_month_swapped_gets_the_swap(typed: str, suggest: str) -> None:
    from bot.services.meets.recurrence import parse_until

    with pytest.raises(InvalidInput) as caught:
        parse_until(typed)
    assert caught.value.fields["suggest"] == suggest
    assert "`until`" in caught.value.message and f"`{suggest}`" in caught.value.message
