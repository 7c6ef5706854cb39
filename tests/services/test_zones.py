"""One check of a time-zone name: listed zones pass, everything else is a clear refusal."""

from __future__ import annotations

import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import _timezone
from bot.errors import InvalidInput
from bot.services.guild_settings import validate_timezone
from bot.services.zones import refusal, zone_name, zone_names

NOT_ZONES = [
    "",
    "   ",
    "Europe",
    "America",
    "Europe/",
    "/Europe/Berlin",
    "../etc",
    "../../etc/passwd",
    "/etc/localtime",
    "UTC+2",
    "GMT+2h",
    "x" * 10_000,
    "\x00",
    "Europe/Berlin\x00",
    "zone.tab",
    "tzdata.zi",
    "Europe/__init__.py",
    "Factory",
    "localtime",
    "Berlin",
]


@pytest.mark.parametrize("text", NOT_ZONES, ids=[repr(t[:20]) for t in NOT_ZONES])
def test_not_a_zone_is_refused_clearly(text: str) -> None:
    assert zone_name(text) is None
    with pytest.raises(InvalidInput) as caught:
        validate_timezone(text)
    message = caught.value.message
    assert "time zone" in message and "Europe/Berlin" in message
    assert len(message) < 200
    assert "\x00" not in message
    with pytest.raises(ValueError, match="time zone"):
        _timezone(text)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("  europe/berlin ", "Europe/Berlin"),
        ("AMERICA/NEW_YORK", "America/New_York"),
        ("UTC", "UTC"),
        ("Etc/GMT-2", "Etc/GMT-2"),
    ],
)
def test_zones_are_accepted_in_their_canonical_spelling(text: str, zone: str) -> None:
    assert validate_timezone(text) == zone
    assert _timezone(text) == zone


def test_autocomplete_offers_only_zones() -> None:
    names = zone_names()
    assert "Europe/Berlin" in names and "UTC" in names
    assert "Europe" not in names and "Factory" not in names
    assert all(zoneinfo.ZoneInfo(n) for n in names[:50])


def test_an_empty_name_asks_for_one() -> None:
    assert refusal("  ").message.startswith("Give a time zone")
    assert refusal("Mars/Olympus").key == "error-zone-unknown"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80) | st.from_regex(r"[A-Za-z_./+-]{0,40}", fullmatch=True))
def test_any_text_is_a_listed_zone_or_a_clear_refusal(text: str) -> None:
    if zone_name(text) is None:
        with pytest.raises(InvalidInput, match="time zone"):
            validate_timezone(text)
        return
    zone = validate_timezone(text)
    assert zone in zoneinfo.available_timezones()
    assert zoneinfo.ZoneInfo(zone).key == zone
