"""The engine line of a /specs card, as a car magazine writes it: "3,2-l-Reihensechszylinder,
Saugmotor" and "3,0-l-Reihensechszylinder mit Biturbo" in German (not "3,2 L Saugmotor
Reihensechszylinder"), "3.2-litre naturally aspirated inline-six" in English."""

from __future__ import annotations

import pytest

from bot.render.specs import compare_embed, engine_text, spec_embed
from bot.services.specs.catalogue import load_catalogue
from bot.services.specs.models import Car


@pytest.fixture(scope="module")
def cars() -> dict[str, Car]:
    catalogue = load_catalogue()
    assert catalogue.errors == []
    return catalogue.by_id


ENGINES = [
    ("bmw-m3-e36-32", "3,2-l-Reihensechszylinder, Saugmotor", "3.2-litre naturally aspirated inline-six"),
    ("bmw-135i-e82", "3,0-l-Reihensechszylinder mit Biturbo", "3.0-litre twin-turbo inline-six"),
    ("bmw-m140i-f20", "3,0-l-Reihensechszylinder mit Turbo", "3.0-litre turbo inline-six"),
    ("audi-rs6-avant-c7", "4,0-l-V8 mit Biturbo", "4.0-litre twin-turbo V8"),
    ("audi-r8-v10-42", "5,2-l-V10, Saugmotor", "5.2-litre naturally aspirated V10"),
    ("lotus-elise-sport-220-s3", "1,8-l-Reihenvierzylinder mit Kompressor", "1.8-litre supercharged inline-four"),
    ("porsche-911-turbo-s-992", "3,7-l-Boxer-Sechszylinder mit Biturbo", "3.7-litre twin-turbo flat-six"),
    ("mazda-rx7-fd", "1,3-l-Zweischeiben-Wankelmotor mit Biturbo", "1.3-litre twin-turbo twin-rotor Wankel"),
]  # fmt: skip


@pytest.mark.parametrize(("car_id", "german", "english"), ENGINES, ids=[e[0] for e in ENGINES])
def test_the_engine_reads_as_a_magazine_writes_it(
    cars: dict[str, Car], car_id: str, german: str, english: str
) -> None:
    car = cars[car_id]
    assert engine_text(car, "de").split("\n")[1] == german
    assert engine_text(car, "en").split("\n")[1] == english
    # The same words on the compare card's summary line.
    other = cars["bmw-m3-e30"]
    assert german in str(compare_embed(car, other, "metric", lang="de").to_dict())


def test_the_displacement_is_in_cubic_centimetres_in_german(cars: dict[str, Car]) -> None:
    car = cars["bmw-m3-e36-32"]
    assert engine_text(car, "de").split("\n")[2] == "3.201 cm³"
    assert engine_text(car, "en").split("\n")[2] == "3,201 cc"
    german = spec_embed(car, "metric", lang="de").to_dict()
    [engine] = [f["value"] for f in german["fields"] if f["name"] == "Motor"]
    assert "Saugmotor Reihen" not in engine and " cc" not in engine
