"""/config timezone's autocomplete ranking, as a table of what members type."""

from __future__ import annotations

import zoneinfo

import pytest

from bot.services.zone_choices import ABBREVIATIONS, MAX_CHOICES, resolve_zone, zone_choices

# typed -> the zone offered first
FIRST = [
    ("berl", "Europe/Berlin"),
    ("Berlin", "Europe/Berlin"),
    ("ber", "Europe/Berlin"),  # before Bermuda and Canberra
    ("CET", "Europe/Berlin"),
    ("cet", "Europe/Berlin"),
    ("CEST", "Europe/Berlin"),
    ("ce", "Europe/Berlin"),
    ("lon", "Europe/London"),  # before Longyearbyen
    ("london", "Europe/London"),
    ("GMT", "Europe/London"),
    ("BST", "Europe/London"),
    ("paris", "Europe/Paris"),
    ("amst", "Europe/Amsterdam"),
    ("vienna", "Europe/Vienna"),
    ("zurich", "Europe/Zurich"),
    ("new york", "America/New_York"),
    ("new_york", "America/New_York"),
    ("york", "America/New_York"),
    ("EST", "America/New_York"),
    ("PST", "America/Los_Angeles"),
    ("los", "America/Los_Angeles"),
    ("chicago", "America/Chicago"),
    ("sao", "America/Sao_Paulo"),  # the big city before São Tomé
    ("tokyo", "Asia/Tokyo"),
    ("JST", "Asia/Tokyo"),
    ("syd", "Australia/Sydney"),
    ("AEST", "Australia/Sydney"),
    ("Europe/Be", "Europe/Berlin"),
    ("europe/lisbon", "Europe/Lisbon"),
    ("utc", "UTC"),
    ("IST", "Asia/Kolkata"),
    ("", "Europe/Berlin"),
]


@pytest.mark.parametrize(("typed", "first"), FIRST)
def test_first_choice(typed: str, first: str) -> None:
    choices = zone_choices(typed)
    assert choices, typed
    assert choices[0].zone == first, [c.label for c in choices[:5]]


def test_cet_and_cest_are_offered_by_name_and_map_to_a_real_zone() -> None:
    for typed in ("CET", "CEST"):
        first = zone_choices(typed)[0]
        assert first.label.startswith(f"{typed} (Central European")
        assert first.label.endswith(": Europe/Berlin")
        # Other zones on the same clock follow, so a French club finds Paris too.
        assert "Europe/Paris" in [c.zone for c in zone_choices(typed)]
    assert zone_choices("ce")[0].label.startswith("CET / CEST (")


def test_ist_offers_both_places_it_means() -> None:
    zones = [c.zone for c in zone_choices("IST")]
    assert zones[:2] == ["Asia/Kolkata", "Europe/Dublin"]


@pytest.mark.parametrize(
    "typed", ["a", "e", "america", "CET", "new", "xyz", "@everyone", "x" * 500]
)
def test_every_choice_is_a_real_zone_within_discord_limits(typed: str) -> None:
    choices = zone_choices(typed)
    assert len(choices) <= MAX_CHOICES
    assert len({c.zone for c in choices}) == len(choices)
    for choice in choices:
        zoneinfo.ZoneInfo(choice.zone)
        assert 1 <= len(choice.label) <= 100
        assert len(choice.zone) <= 100


def test_legacy_links_are_not_offered() -> None:
    assert not [c for c in zone_choices("eastern") if c.zone.startswith("US/")]
    assert not [c for c in zone_choices("gmt+1") if c.zone.startswith("Etc/")]


def test_nothing_matches_nonsense() -> None:
    assert zone_choices("qqqqzz") == []


def test_every_abbreviation_maps_to_a_real_zone() -> None:
    for abbreviation, (_, zones) in ABBREVIATIONS.items():
        assert zones, abbreviation
        for zone in zones:
            zoneinfo.ZoneInfo(zone)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("CET", "Europe/Berlin"),
        (" cest ", "Europe/Berlin"),
        ("pst", "America/Los_Angeles"),
        ("Europe/Paris", "Europe/Paris"),
        ("Mars/Base", "Mars/Base"),
    ],
)
def test_typed_abbreviations_are_stored_as_their_zone(typed: str, stored: str) -> None:
    # Unknown names pass through, so the settings service can refuse them with its message.
    assert resolve_zone(typed) == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Berlin", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("London", "Europe/London"),
        ("MEZ", "Europe/Berlin"),
        ("mesz", "Europe/Berlin"),
        ("Wien", "Europe/Vienna"),  # the city's German name (bot/services/zone_cities.py)
        ("東京", "Asia/Tokyo"),
        ("München", "Europe/Berlin"),  # no zone of its own: CITIES
        ("Wienerwald", "Wienerwald"),  # no city's name: refused by the settings service
    ],
)
def test_a_typed_city_or_german_abbreviation_is_stored_as_its_zone(typed: str, stored: str) -> None:
    # `/config timezone zone:Berlin` sent without picking a suggestion was refused.
    assert resolve_zone(typed) == stored
