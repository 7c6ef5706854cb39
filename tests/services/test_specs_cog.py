"""The /specs cog's plumbing that needs no Discord: startup logging and choices."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import cogs.specs
from bot.services.specs.catalogue import load_catalogue
from bot.services.specs.search import SpecsSearch
from cogs.specs import Specs, car_choices, no_match_message

BAD = Path(__file__).resolve().parent.parent / "data" / "specs_bad"


async def test_catalogue_errors_are_logged_at_startup_and_good_cars_load(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(cogs.specs, "load_catalogue", lambda: load_catalogue(BAD / "bad_body.toml"))
    cog = Specs(bot=None)  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING, logger="paddock.specs"):
        await cog.cog_load()
    assert any(
        "bad_body.toml: car 'broken-car' field 'body'" in r.getMessage() for r in caplog.records
    )
    assert [car.id for car in cog.search.cars] == ["good-car"]
    assert cog.resolve("good car", "model").id == "good-car"


def test_choice_names_and_values_fit_discord() -> None:
    search = SpecsSearch(load_catalogue().cars)
    for query in ("", "m", "1m", "x" * 500):
        choices = car_choices(search, query)
        assert len(choices) <= 25
        for choice in choices:
            assert 1 <= len(choice.name) <= 100
            assert 1 <= len(choice.value) <= 100


def test_no_match_message_escapes_and_truncates() -> None:
    search = SpecsSearch(load_catalogue().cars)
    hostile = "@everyone " + "y" * 10_000
    message = no_match_message(search, hostile, "model")
    assert "@everyone" not in message
    assert "y" * 50 not in message
    suggestions = search.suggest(hostile)
    assert len(suggestions) == 3
    for car in suggestions:
        assert car.label in message
    assert len(message) < 600
