"""German paint names find the catalogue's English ones, in the garage and its suggestions."""

from __future__ import annotations

import pytest

from bot.services.specs.catalogue import load_catalogue
from bot.services.specs.paint import match_paint, paint_matches

NAMES = ["Alpine White", "Black Sapphire", "Monte Carlo Blue", "Valencia Orange", "Silver Grey"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Alpinweiß", "Alpine White"),
        ("alpinweiss", "Alpine White"),
        ("ALPINE WHITE", "Alpine White"),
        ("Saphirschwarz", "Black Sapphire"),
        ("Monte-Carlo-Blau", "Monte Carlo Blue"),
        ("Valencia Orange", "Valencia Orange"),
        ("Silbergrau", "Silver Grey"),
    ],
)
def test_german_and_english_names_find_the_catalogue_spelling(typed: str, meant: str) -> None:
    assert match_paint(typed, NAMES) == meant


@pytest.mark.parametrize("typed", ["Rot", "Alpinschwarz", "white", "Karminrot"])
def test_other_colours_match_nothing(typed: str) -> None:
    assert match_paint(typed, NAMES) is None


def test_suggestions_while_typing() -> None:
    assert [n for n in NAMES if paint_matches("alpin", n)] == ["Alpine White"]
    assert [n for n in NAMES if paint_matches("Alpinweiß", n)] == ["Alpine White"]
    assert [n for n in NAMES if paint_matches("blau", n)] == ["Monte Carlo Blue"]


def test_the_1m_catalogue_entry_knows_alpinweiss() -> None:
    car = next(c for c in load_catalogue().cars if c.id == "bmw-1m-e82")
    assert match_paint("Alpinweiß", [c.name for c in car.colours]) == "Alpine White"
