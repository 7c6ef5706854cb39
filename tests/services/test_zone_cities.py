"""/config timezone finds a zone by its city's name in the member's language: "東京",
"Wien", "Lissabon", "München" (a city without a zone of its own)."""

from __future__ import annotations

import babel
import pytest

from bot.services import zone_cities
from bot.services.zone_choices import MAX_CHOICES, resolve_zone, zone_choices
from bot.services.zone_cities_data import BABEL, NAMES
from bot.services.zones import offered_zones

# typed -> the zone offered first
FIRST = [
    ("東京", "Asia/Tokyo"),
    ("東", "Asia/Tokyo"),
    ("トウキョウ", None),  # CLDR writes Tokyo 東京 in Japanese; nothing pretends otherwise
    ("도쿄", "Asia/Tokyo"),
    ("Tokio", "Asia/Tokyo"),
    ("Wien", "Europe/Vienna"),
    ("wie", "Europe/Vienna"),
    ("Lissabon", "Europe/Lisbon"),
    ("lissab", "Europe/Lisbon"),
    ("Москва", "Europe/Moscow"),
    ("ニューヨーク", "America/New_York"),
    ("Kiew", "Europe/Kyiv"),  # CLDR's Europe/Kiev, offered under today's name
    ("Kalkutta", "Asia/Kolkata"),
    ("München", "Europe/Berlin"),
    ("muenchen", "Europe/Berlin"),
    ("munchen", "Europe/Berlin"),
    ("Munich", "Europe/Berlin"),
    ("Mailand", "Europe/Rome"),
    ("Genf", "Europe/Zurich"),
    ("São Paulo", "America/Sao_Paulo"),
    ("Zürich", "Europe/Zurich"),
    ("ber", "Europe/Berlin"),  # the tz database's own names before other languages'
]


@pytest.mark.parametrize(("typed", "first"), FIRST)
def test_first_choice(typed: str, first: str | None) -> None:
    choices = zone_choices(typed)
    if first is None:
        assert choices == []
        return
    assert choices, typed
    assert choices[0].zone == first, [c.label for c in choices[:5]]


def test_a_name_in_another_language_is_shown_with_its_zone() -> None:
    assert [(c.label, c.zone) for c in zone_choices("東京")] == [("東京: Asia/Tokyo", "Asia/Tokyo")]
    assert zone_choices("Wien")[0].label == "Wien: Europe/Vienna"
    assert zone_choices("muenchen")[0].label == "München: Europe/Berlin"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Wien", "Europe/Vienna"),
        ("東京", "Asia/Tokyo"),
        ("lissabon", "Europe/Lisbon"),
        ("München", "Europe/Berlin"),
        ("Wi", "Wi"),  # the start of a name is a question, not an answer
    ],
)
def test_a_typed_name_is_stored_as_its_zone(typed: str, stored: str) -> None:
    assert resolve_zone(typed) == stored


def test_every_choice_fits_discord_and_is_a_zone() -> None:
    offered = set(offered_zones())
    starts = {e.name[:k] for e in zone_cities.index().entries for k in (1, 2)}
    for typed in [*sorted(starts)[::7], "a", "e", "東", "ン", "и", "s"]:
        choices = zone_choices(typed)
        assert len(choices) <= MAX_CHOICES
        for c in choices:
            assert 0 < len(c.label) <= 100 and c.zone in offered, (typed, c)
        assert len({c.zone for c in choices}) == len(choices), typed


def test_every_name_leads_to_an_offered_zone() -> None:
    offered = set(offered_zones())
    assert {e.zone for e in zone_cities.index().entries} <= offered
    assert set(zone_cities.CITIES.values()) <= offered


@pytest.mark.skipif(
    babel.__version__ != BABEL, reason=f"zone_cities_data.py was written from Babel {BABEL}"
)
def test_the_generated_names_are_what_babel_says() -> None:
    # Stale after a Babel upgrade or a change to LANGUAGES: `python -m bot.services.zone_cities`.
    assert zone_cities.build(set(offered_zones())) == NAMES
