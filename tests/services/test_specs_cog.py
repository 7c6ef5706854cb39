"""The /specs cog's plumbing that needs no Discord: startup logging and choices."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from bot.app import PaddockBot
from bot.config import Settings
from bot.flows.specs import miss_message
from bot.render.specs_pick import no_match_message, pick_message
from bot.services.specs.catalogue import load_catalogue
from bot.services.specs.lookup import SpecsLookup
from bot.services.specs.search import SpecsSearch
from cogs.specs import Specs, car_choices

BAD = Path(__file__).resolve().parent.parent / "data" / "specs_bad"


def bot_with(settings: Settings, lookup: SpecsLookup) -> PaddockBot:
    """Just what the cog reads of the bot: its settings and the shared catalogue."""
    fake = SimpleNamespace(settings=settings, services=SimpleNamespace(specs=lookup))
    return cast(PaddockBot, fake)


async def test_catalogue_errors_are_logged_at_startup_and_good_cars_load(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    lookup = SpecsLookup()
    monkeypatch.setattr(lookup, "load", lambda **_: SpecsLookup.load(lookup, BAD / "bad_body.toml"))
    cog = Specs(bot=bot_with(Settings(), lookup))
    with caplog.at_level(logging.WARNING, logger="paddock.specs"):
        await cog.cog_load()
    assert any(
        "bad_body.toml, line 55: car 'broken-car' field 'body'" in r.getMessage()
        for r in caplog.records
    )
    assert [car.id for car in cog.search.cars] == ["good-car"]
    found = cog.search.resolve("good car")
    assert found is not None and found.id == "good-car"


async def test_the_club_folder_is_loaded_next_to_the_bundled_catalogue(tmp_path: Path) -> None:
    good = (BAD.parent / "specs_good" / "good.toml").read_text()
    (tmp_path / "ours.toml").write_text(
        good.replace("good-car", "ring-taxi")
        .replace('"good car", "goodie"', '"ring taxi"')
        .replace("minimal-car", "ring-minimal")
        .replace('"minimal"', '"ring minimal"')
    )
    cog = Specs(bot=bot_with(Settings(catalogue_extra=tmp_path), SpecsLookup()))
    await cog.cog_load()
    taxi = cog.search.resolve("ring taxi")
    assert taxi is not None and taxi.club
    assert cog.search.resolve("1m") is not None  # the bundled catalogue is all there
    [choice] = car_choices(cog.search, "ring taxi")
    assert choice.name == "Testmake Good (T1, 2011–2012) · club entry"


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
    message = miss_message(search, hostile, "model")
    assert message.startswith("No car matches '")
    assert "@everyone" not in message
    assert "y" * 50 not in message
    assert len(message) < 600


def test_no_match_points_at_the_make_when_the_catalogue_has_it() -> None:
    search = SpecsSearch(load_catalogue().cars)
    message = miss_message(search, "toyota corolla", "model")
    assert message.startswith(
        "No car matches 'toyota corolla' in `model`: the catalogue has nothing by that name."
    )
    toyotas = len([c for c in search.cars if c.make == "Toyota"])
    assert f"It has {toyotas} Toyota cars: try `/specs toyota`." in message
    assert "It has" not in miss_message(search, "fiat multipla", "model")


def test_the_make_hint_copies_as_written() -> None:
    # A club's own make with markdown and a mention in it: shown escaped in bold, but the
    # command to copy is as written (no backslash, no zero-width space).
    message = no_match_message("x", "model", "Club_Cars @here", 2)
    assert "It has 2 Club\\_Cars @\u200bhere cars: try `/specs club_cars @here`." in message


def test_pick_messages_say_why_there_is_a_list() -> None:
    search = SpecsSearch(load_catalogue().cars)
    bmws = search.candidates("bmw")
    assert pick_message("bmw", "model", bmws, make=True) == (
        f"**BMW**: {len(bmws)} cars in the catalogue. Pick one below."
    )
    [supra] = search.candidates("supra mk4")
    assert pick_message("supra mk4", "model", [supra], make=False) == (
        "No car is exactly 'supra mk4' in `model`. "
        "Did you mean Toyota GR Supra 3.0 (A90, 2019–)? Pick it below."
    )
    gt3s = search.candidates("porsche gt3")
    assert pick_message("porsche gt3", "compare", gt3s, make=False).startswith(
        f"'porsche gt3' in `compare` could be {len(gt3s)} cars."
    )
    many = [dataclasses.replace(bmws[0], id=f"x{i}") for i in range(130)]
    assert "Showing the first 125" in pick_message("m", "model", many, make=False)
