"""Model and variant names on German cards: the descriptive words (body styles, markets,
door counts, model years) are German, the makers' own names stay (data/specs/i18n/de.toml,
[names]); /specs finds a car by either language's words."""

from __future__ import annotations

import dataclasses

import pytest

from bot.services.specs.catalogue import load_catalogue
from bot.services.specs.lookup import SpecsLookup
from bot.services.specs.models import Catalogue
from bot.services.specs.translations import (
    Translation,
    gaps,
    load_translation,
    name_needs_words,
)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="module")
def german(catalogue: Catalogue) -> Translation:
    return load_translation(catalogue.source, "de")


@pytest.fixture(scope="module")
def lookup() -> SpecsLookup:
    found = SpecsLookup()
    found.load()
    return found


GERMAN_LABELS = [
    ("audi-rs3-8v-saloon", "Audi RS 3 Limousine (8V, 2017–2020)"),
    ("bmw-m3-e90", "BMW M3 Limousine (E90, 2008–2011)"),
    ("mercedes-amg-c63-s-w205", "Mercedes-AMG C 63 S Limousine (W205, 2015–2021)"),
    ("bmw-m3-e36-32", "BMW M3 3.2 (Europa) (E36, 1995–1999)"),
    ("bmw-z3-m-coupe", "BMW Z3 M Coupé 3.2 (S50, Europa) (E36/8, 1998–2002)"),
    ("subaru-impreza-wrx-sti-gd", "Subaru Impreza WRX STI 2.5 (Europa) (GD, 2005–2007)"),
    ("honda-integra-type-r-dc2", "Honda Integra Type R 96er-Version (Japan) (DC2, 1995–2001)"),
    ("mini-jcw-f56", "MINI John Cooper Works 3-Türer (F56, 2015–2024)"),
    ("nissan-gt-r-r35", "Nissan GT-R ab Modelljahr 2017 (570 PS) (R35, 2016–2025)"),
    ("nissan-gt-r-r35-2007", "Nissan GT-R Marktstart 2007 (480 PS) (R35, 2007–2010)"),
]


# The makers' own names, as BMW, Audi and Ford use them in Germany too.
KEPT = ["bmw-m3-touring-g81", "audi-rs4-avant-b9", "audi-s3-8y", "ford-mustang-gt-s550"]
KEPT += ["bmw-z4-m-roadster-e85", "bmw-1m-e82", "porsche-718-spyder"]


@pytest.mark.parametrize("car_id", KEPT)
def test_a_makers_own_name_stays(catalogue: Catalogue, lookup: SpecsLookup, car_id: str) -> None:
    car = catalogue.get(car_id)
    assert car is not None
    assert lookup.in_language(car, "de").label == car.label


@pytest.mark.parametrize(("car_id", "label"), GERMAN_LABELS)
def test_a_german_card_names_the_car_in_german(
    catalogue: Catalogue, lookup: SpecsLookup, car_id: str, label: str
) -> None:
    car = catalogue.get(car_id)
    assert car is not None
    assert lookup.in_language(car, "de").label == label
    assert lookup.in_language(car, "en") == car  # English cards keep the catalogue's names


def test_no_german_name_keeps_a_descriptive_english_word(
    catalogue: Catalogue, german: Translation
) -> None:
    left = [
        (car.id, text)
        for car in catalogue.cars
        for text in (german.localise(car).model, german.localise(car).variant)
        if name_needs_words(text)
    ]
    assert left == []


def test_which_names_need_german_words() -> None:
    needs = ["Saloon", "Estate", "3.2 (Euro)", "2.5 (Europe)", "3-door", "MY2017 on (570 PS)"]
    needs += ["96 spec (Japan)", "(US)", "Sedan"]
    keeps = ["Touring", "Avant", "Sportback", "Fastback", "Competition M xDrive", "Clubsport"]
    keeps += ["1M Coupé", "Z4 M Roadster", "V6 First Edition", "22B STi Version", "GT3 (992)"]
    assert [n for n in needs if not name_needs_words(n)] == []
    assert [n for n in keeps if name_needs_words(n)] == []


def test_a_new_descriptive_name_is_a_gap_until_translated(
    catalogue: Catalogue, german: Translation
) -> None:
    m5 = catalogue.get("bmw-m5-touring-e61")
    assert m5 is not None
    changed = dataclasses.replace(m5, model="M5", variant="Estate (US)")
    [gap] = gaps([changed], german)
    assert str(gap) == "car 'bmw-m5-touring-e61' variant: no [names] entry for 'Estate (US)'"
    assert german.localise(changed).variant == "Estate (US)"  # English until translated
    club = dataclasses.replace(changed, id="club-m5", club=True)
    assert gaps([club], german) == []  # a club's entry may stay English


@pytest.mark.parametrize(
    ("typed", "car_id"),
    [
        ("audi rs 3 limousine", "audi-rs3-8v-saloon"),
        ("audi rs 3 saloon", "audi-rs3-8v-saloon"),
        ("bmw m3 3.2 europa", "bmw-m3-e36-32"),
        ("bmw m3 3.2 euro", "bmw-m3-e36-32"),
        ("john cooper works 3-türer", "mini-jcw-f56"),
        ("john cooper works 3 tuerer", "mini-jcw-f56"),
        ("john cooper works 3-door", "mini-jcw-f56"),
        ("gt-r modelljahr 2017", "nissan-gt-r-r35"),
        ("gt-r marktstart", "nissan-gt-r-r35-2007"),
        ("gt-r 2007 launch", "nissan-gt-r-r35-2007"),
        ("integra 96er", "honda-integra-type-r-dc2"),
        ("impreza wrx sti europa", "subaru-impreza-wrx-sti-gd"),
    ],
)
def test_a_car_is_found_by_its_english_and_its_german_words(
    lookup: SpecsLookup, typed: str, car_id: str
) -> None:
    found = lookup.search.resolve(typed)
    assert found is not None, [m.car.id for m in lookup.search.search(typed)[:3]]
    assert found.id == car_id
