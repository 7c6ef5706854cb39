"""Per-server settings and their validation."""

from __future__ import annotations

import pytest

from bot.db import Database
from bot.errors import InvalidInput
from bot.services.guild_settings import (
    DEFAULT_REMINDERS,
    GuildSettingsService,
    format_minutes,
    parse_reminders,
)
from tests import pg_cluster


async def test_defaults_for_a_new_server(db: Database) -> None:
    settings = await GuildSettingsService(db, "Europe/London").get(1)
    assert settings.timezone == "Europe/London"
    assert settings.units == "metric"
    assert settings.reminder_minutes == DEFAULT_REMINDERS
    assert settings.milestone_every is None


async def test_update_persists_and_servers_are_isolated(db: Database) -> None:
    service = GuildSettingsService(db)
    await service.update(1, timezone="America/New_York", units="imperial", meets_channel_id=42)
    await service.update(2, timezone="Asia/Tokyo")
    one, two = await service.get(1), await service.get(2)
    assert (one.timezone, one.units, one.meets_channel_id) == ("America/New_York", "imperial", 42)
    assert (two.timezone, two.units, two.meets_channel_id) == ("Asia/Tokyo", "metric", None)
    # survives a reopen of the same database
    reopened = pg_cluster.reopened(db)
    await reopened.connect()
    try:
        assert (await GuildSettingsService(reopened).get(1)).timezone == "America/New_York"
    finally:
        await reopened.close()


async def test_clearing_a_setting_restores_the_default(db: Database) -> None:
    service = GuildSettingsService(db)
    await service.update(1, reminder_minutes=(30,), meets_channel_id=5)
    await service.update(1, reminder_minutes=None, meets_channel_id=None)
    settings = await service.get(1)
    assert settings.reminder_minutes == DEFAULT_REMINDERS
    assert settings.meets_channel_id is None


async def test_reminders_off_is_stored_as_empty(db: Database) -> None:
    service = GuildSettingsService(db)
    await service.update(1, reminder_minutes=())
    assert (await service.get(1)).reminder_minutes == ()


@pytest.mark.parametrize(
    "bad",
    [
        "Mars/Olympus_Mons",
        "",
        "Europe/Berlin; DROP TABLE meta",
        "Europe",  # a folder of zones: used to raise IsADirectoryError
        "Europe/",
        "../etc",
        "UTC+2",
        "x" * 5000,  # used to raise OSError: file name too long
        "Europe/Berlin\x00",
        "zone.tab",  # a data file beside the zones
    ],
)
async def test_unknown_timezone_is_refused(db: Database, bad: str) -> None:
    service = GuildSettingsService(db)
    with pytest.raises(InvalidInput, match="time zone"):
        await service.update(1, timezone=bad)
    assert (await service.get(1)).timezone == "Europe/Berlin"


async def test_timezone_is_stored_in_its_canonical_spelling(db: Database) -> None:
    service = GuildSettingsService(db)
    assert (await service.update(1, timezone=" europe/berlin ")).timezone == "Europe/Berlin"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24h, 1h", (1440, 60)),
        ("90m", (90,)),
        ("1h,24h,1h", (1440, 60)),
        ("2d", (2880,)),
        ("off", ()),
        ("aus", ()),
        (" 24 h , 1h ", (1440, 60)),
        # Unit words, English and German, singular and plural, with or without a space.
        ("2 days", (2880,)),
        ("2 Tage, 1 Stunde", (2880, 60)),
        ("1 day, 2hours, 30 Minuten", (1440, 120, 30)),
        ("1 hour, 30 minutes, 5min", (60, 30, 5)),
        ("3Tagen, 12 Std", (4320, 720)),
    ],
)
def test_parse_reminders(text: str, expected: tuple[int, ...]) -> None:
    assert parse_reminders(text) == expected


@pytest.mark.parametrize("bad", ["soon", "1m", "30d", "1h,2h,3h,4h,5h,6h", "-1h"])
def test_parse_reminders_refuses_nonsense(bad: str) -> None:
    with pytest.raises(InvalidInput):
        parse_reminders(bad)


@pytest.mark.parametrize(
    ("text", "echoed"), [("24h, 2 months", "2 months"), ("2 Monate", "2 Monate")]
)
def test_an_unreadable_reminder_is_echoed_as_typed(text: str, echoed: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_reminders(text)
    assert refused.value.fields["text"] == echoed


def test_format_minutes_round_trips() -> None:
    for minutes in (1440, 60, 90, 2880):
        assert parse_reminders(format_minutes(minutes)) == (minutes,)


@pytest.mark.parametrize(("text", "key"), [("30 Tage", "range"), ("2 Monate", "unreadable")])
def test_a_refused_reminder_names_what_was_typed(text: str, key: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_reminders(text)
    assert (refused.value.key, refused.value.fields["text"]) == (f"error-reminders-{key}", text)
