"""German words for body styles find the catalogue's English names, in /specs and the
garage alike (both resolve through SpecsSearch): "m3 kombi" is the Touring."""

from __future__ import annotations

import pytest

from bot.services.specs.catalogue import load_catalogue
from bot.services.specs.paint import match_paint
from bot.services.specs.search import SpecsSearch


@pytest.fixture(scope="module")
def search() -> SpecsSearch:
    catalogue = load_catalogue()
    assert catalogue.errors == []
    return SpecsSearch(catalogue.cars)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("m3 kombi", "bmw-m3-touring-g81"),
        ("BMW M5 Kombi", "bmw-m5-touring-e61"),
        ("rs4 kombi", "audi-rs4-avant-b9"),
        ("rs6 kombi c7", "audi-rs6-avant-c7"),
        ("z4 m cabrio", "bmw-z4-m-roadster-e85"),
        ("z4 m coupé", "bmw-z4-m-coupe-e86"),
        ("1M Coupé", "bmw-1m-e82"),
        ("rs3 limousine", "audi-rs3-8v-saloon"),
        ("m3 limousine e90", "bmw-m3-e90"),
    ],
)
def test_german_body_words_find_the_car(search: SpecsSearch, typed: str, meant: str) -> None:
    ranked = search.search(typed, 5)
    assert ranked, f"nothing for {typed!r}"
    assert ranked[0].car.id == meant, [m.car.id for m in ranked]


def test_a_german_word_is_no_wildcard(search: SpecsSearch) -> None:
    # "kombi" finds estates only: never a coupé or a hatchback.
    bodies = {m.car.body for m in search.search("kombi", 25)}
    assert bodies == {"estate"}
    # and "m2 kombi" is nothing the catalogue has: no M2 is an estate.
    assert all(m.car.body == "estate" for m in search.search("m2 kombi", 25))


def test_the_garage_resolves_german_model_text_to_the_catalogue_car(
    search: SpecsSearch,
) -> None:
    car = search.resolve("M3 Touring")
    assert car is not None and car.id == "bmw-m3-touring-g81"
    german = search.resolve("BMW M5 Kombi")
    assert german is not None and german.id == "bmw-m5-touring-e61"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Saphirschwarz Metallic", "Black Sapphire"),
        ("Alpinweiß III", "Alpine White"),
        ("Alpinweiss 3", "Alpine White"),
        ("Java Grün", "Java Green"),
        ("Atacamagelb", "Atacama Yellow"),
    ],
)
def test_german_paint_names_as_brochures_write_them(typed: str, meant: str) -> None:
    car = next(c for c in load_catalogue().cars if c.id == "bmw-1m-e82")
    assert match_paint(typed, [c.name for c in car.colours]) == meant
