"""/records import reads a date as Paddock writes it back ('26 Aug 2023'), so an
organiser can copy one from /records show or an old announcement; it was refused as
'not a date I can read'."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.clock import ManualClock
from bot.db import Database
from bot.errors import Conflict, InvalidInput
from bot.render.errors import describe
from bot.services.attendance.records import RecordsService, parse_held_on

TODAY = date(2027, 6, 1)
BERLIN = ZoneInfo("Europe/Berlin")


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


async def test_a_duplicate_import_names_its_day_as_the_records_do(db: Database) -> None:
    """It said 'on 2023-08-26' beside a history that reads '26 Aug 2023'."""
    records = RecordsService(db, ManualClock(datetime(2027, 6, 1, 9, 0, tzinfo=UTC)))
    first: dict[str, Any] = {
        "label": "1M Meet 2023",
        "series": "Nürburgring",
        "actor_id": 7,
        "tz": BERLIN,
    }
    await records.import_entry(1, cars=80, held_on="26 Aug 2023", **first)
    with pytest.raises(Conflict) as refused:
        await records.import_entry(1, cars=81, held_on="2023-08-26", **first)
    assert describe(refused.value, "en") == (
        "1M Meet 2023 on 26 Aug 2023 is already in the history; "
        "remove it first with /records remove to change it."
    )
    assert (describe(refused.value, "de") or "").startswith("1M Meet 2023 am 26. Aug. 2023 ")
