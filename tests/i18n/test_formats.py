"""Numbers, units and dates as each language writes them (Babel)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n import language_of
from bot.i18n.formats import long_datetime, measure, number, short_number


def test_numbers_and_units() -> None:
    assert measure("de", 1495, "kg") == "1.495 kg"
    assert measure("en", 1495, "kg") == "1,495 kg"
    assert f"0–100 km/h in {measure('de', 4.9, 's', 1)}" == "0–100 km/h in 4,9 s"
    assert number("de", 3.0, 1) == "3,0"
    assert short_number("de", 4.9) == "4,9" and short_number("en", 500.0) == "500"
    assert number("sv", 1495) == "1,495", "a language without a catalogue writes English"


def test_dates_spelled_out() -> None:
    when = datetime(2027, 6, 5, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert long_datetime("de", when) == "Samstag, 5. Juni 2027, 10:00"
    assert long_datetime("en", when) == "Saturday, June 5, 2027, 10:00"


def test_discord_locales_map_to_the_languages_paddock_speaks() -> None:
    assert language_of("de") == "de"
    assert language_of("en-US") == "en" and language_of("en-GB") == "en"
    assert language_of("fr") == "en" and language_of(None) == "en" and language_of("") == "en"
