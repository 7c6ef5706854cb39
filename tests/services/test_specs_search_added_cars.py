"""Chassis codes and common spellings members type for the cars added for issue 14."""

from __future__ import annotations

import pytest

from bot.services.specs.catalogue import load_catalogue
from bot.services.specs.search import SpecsSearch


@pytest.fixture(scope="module")
def search() -> SpecsSearch:
    catalogue = load_catalogue()
    assert catalogue.errors == []
    return SpecsSearch(catalogue.cars)


# query -> the car that must be taken without asking
NAMED = [
    ("r34", "nissan-skyline-gt-r-r34"),
    ("skyline r34", "nissan-skyline-gt-r-r34"),
    ("gtr r35", "nissan-gt-r-r35"),
    ("gtr", "nissan-gt-r-r35"),  # the generic name belongs to the newest
    ("nd mx5", "mazda-mx5-nd"),
    ("mx5 nd", "mazda-mx5-nd"),
    ("miata nd", "mazda-mx5-nd"),
    ("mx5", "mazda-mx5-nd"),
    ("na miata", "mazda-mx5-na"),
    ("evo ix", "mitsubishi-lancer-evolution-ix"),
    ("evo 9", "mitsubishi-lancer-evolution-ix"),
    ("evo", "mitsubishi-lancer-evolution-x"),
    ("gr86", "toyota-gr86-zn8"),
    ("gt86", "toyota-gt86-zn6"),
    ("s2k", "honda-s2000-ap2"),
    ("ap1", "honda-s2000-ap1"),
    ("dc2", "honda-integra-type-r-dc2"),
    ("fd rx7", "mazda-rx7-fd"),
    ("e60 m5", "bmw-m5-e60"),
    ("m5", "bmw-m5-f90"),
    ("z4m", "bmw-z4-m-coupe-e86"),
    ("m4 csl", "bmw-m4-csl-g82"),
    ("m3 csl", "bmw-m3-csl-e46"),  # the new CSL does not take the old one's name
    ("e90 m3", "bmw-m3-e90"),
    ("m3 touring", "bmw-m3-touring-g81"),
    ("gt3 rs", "porsche-911-gt3-rs-992"),
    ("991 gt3 rs", "porsche-911-gt3-rs-991-2"),
    ("gt4", "porsche-718-cayman-gt4"),
    ("981 gt4", "porsche-cayman-gt4-981"),
    ("22b", "subaru-impreza-22b-sti"),
    ("350z", "nissan-350z-z33"),
    ("370z", "nissan-370z-z34"),
    ("gti clubsport", "volkswagen-golf-gti-clubsport-mk8"),  # the newest takes the plain name
    ("mk7 clubsport", "volkswagen-golf-gti-clubsport-mk7"),
    ("clubsport s", "volkswagen-golf-gti-clubsport-s-mk7"),
    ("formentor", "cupra-formentor-vz-310"),
    ("formentor vz5", "cupra-formentor-vz5"),
]


@pytest.mark.parametrize(("query", "expected"), NAMED)
def test_common_spellings_name_their_car(search: SpecsSearch, query: str, expected: str) -> None:
    car = search.resolve(query)
    assert car is not None, [(m.car.id, round(m.score, 1)) for m in search.search(query)[:3]]
    assert car.id == expected


def test_a_make_and_model_lists_the_plain_cars_before_their_specials(
    search: SpecsSearch,
) -> None:
    # The GT3 RS (992) is the newest match, but "rs" was not typed.
    ids = [m.car.id for m in search.search("porsche gt3")]
    assert ids[0] == "porsche-911-gt3-992"
    assert ids.index("porsche-911-gt3-991-2") < ids.index("porsche-911-gt3-rs-992")
    assert search.resolve("porsche gt3") is None  # several generations: ask


@pytest.mark.parametrize(
    ("query", "expected"), [("m2 cs g87", "bmw-m2-cs-g87"), ("m2 cs f87", "bmw-m2-cs-f87")]
)
def test_the_two_m2_cs_keep_their_chassis(search: SpecsSearch, query: str, expected: str) -> None:
    car = search.resolve(query)
    assert car is not None
    assert car.id == expected
