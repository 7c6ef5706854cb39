"""/records import reads a date as Paddock writes it back ('26 Aug 2023'), so an
organiser can copy one from /records show or an old announcement; it was refused as
'not a date I can read'."""

from __future__ import annotations

from datetime import date

import pytest

from bot.errors import InvalidInput
from bot.services.attendance.records import parse_held_on

TODAY = date(2027, 6, 1)


@pytest.mark.parametrize(
    "typed",
    ["26 Aug 2023", "26 August 2023", "26. August 2023", "August 26, 2023", "aug 26 2023"],
)
def test_a_day_with_its_month_by_name_is_read(typed: str) -> None:
    assert parse_held_on(typed, TODAY) == date(2023, 8, 26)


def test_german_month_names_are_read() -> None:
    assert parse_held_on("3. März 2024", TODAY) == date(2024, 3, 3)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("31 April 2023", "error-records-date-missing"),
        ("26 Aug", "error-records-date-unreadable"),  # which year? not guessed
        ("26 Aug 2030", "error-records-date-future"),
    ],
)
def test_named_dates_keep_the_same_refusals(typed: str, key: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_held_on(typed, TODAY)
    assert refused.value.key == key
