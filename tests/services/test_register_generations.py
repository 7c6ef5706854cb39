"""The register counts each catalogue car (generation) apart, though several share a name
("BMW M3"); "m3" means every M3, "m3 e46" one; old free text that names one generation
becomes that car (SQLite and PostgreSQL alike)."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.db import Database, Tx
from bot.errors import ChooseOne
from bot.flows.garage import adopt_typed_models, one_generation, register_labels, register_model
from bot.services.garage import GarageService
from bot.services.garage.generations import family
from bot.services.shards import ALL
from bot.services.specs import load_catalogue
from bot.services.specs.lookup import SpecsLookup
from bot.services.specs.models import Car

GUILD = 111
CATALOGUE = load_catalogue()
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _car(car_id: str) -> Car:
    car = CATALOGUE.get(car_id)
    assert car is not None, car_id
    return car


E30, E46, CSL, G80 = (_car(f"bmw-m3-{c}") for c in ("e30", "e46", "csl-e46", "g80"))
ONE_M, E82_135I, M2C = _car("bmw-1m-e82"), _car("bmw-135i-e82"), _car("bmw-m2-f87-competition")

LOOKUP = SpecsLookup()
LOOKUP.load()
# What the flows read of the bot: its catalogue and search.
BOT: Any = SimpleNamespace(services=SimpleNamespace(specs=LOOKUP))


@pytest.fixture
def garage(db: Database, clock: ManualClock) -> GarageService:
    return GarageService(db, clock)


async def _add(garage: GarageService, user: int, car: Car | str, year: int | None = None) -> None:
    if isinstance(car, str):
        await garage.add(GUILD, user, car=None, model_text=car, colour="Red", year=year)
    else:
        await garage.add(GUILD, user, car=car, colour="Red", year=year)


async def _typed(db: Database, user: int, text: str, year: int | None = None, vin: str = "") -> int:
    """A row as stored before migration 0015's choice: free text, `typed`."""

    async def insert(tx: Tx) -> int:
        return int(
            await tx.fetchval(
                "INSERT INTO garage_cars (guild_id, user_id, model, colour, year, vin, "
                "model_source, created_at) VALUES (?, ?, ?, ?, ?, ?, 'typed', ?) RETURNING id",
                (GUILD, user, text, "alpine white", year, vin or None, NOW),
            )
        )

    return await db.write(insert)


async def _adopt(garage: GarageService) -> int:
    """The start-up pass over old typed models, as the garage cog runs it."""
    bot: Any = SimpleNamespace(
        services=SimpleNamespace(specs=LOOKUP, garage=garage), shards_run=ALL
    )
    return await adopt_typed_models(bot)


async def test_the_whole_garage_counts_each_generation_apart(garage: GarageService) -> None:
    for user in range(4):
        await _add(garage, 10 + user, E46)
    await _add(garage, 20, G80)
    await _add(garage, 21, G80)
    stats = await garage.register(GUILD)
    # Every one of them is stored as "BMW M3": counted by the catalogue car instead.
    assert {(c.model_id, c.cars) for c in stats.by_model} == {(E46.id, 4), (G80.id, 2)}
    shown = register_labels(BOT, stats, None, "en")
    assert [(c.label, c.cars) for c in shown.by_model] == [
        ("BMW M3 (E46)", 4),
        ("BMW M3 (G80)", 2),
    ]


async def test_m3_means_every_m3_and_a_chassis_narrows_it(garage: GarageService) -> None:
    for car in (E30, E46, E46, CSL, G80, "BMW M3", "M340i", "M3 E46 Touring Eigenbau"):
        await _add(garage, 30, car)
    await _add(garage, 31, ONE_M)

    for typed in ("m3", "bmw m3", "BMW M3"):
        car, found = register_model(BOT, typed)
        assert car is None and found is not None and found.name == "BMW M3", typed
        stats = await garage.register(GUILD, family=found)
        # Four catalogue generations and two own texts holding "M3"; not the M340i.
        assert (stats.model, stats.cars) == ("BMW M3", 7), typed
        shown = register_labels(BOT, stats, None, "en")
        assert {(c.label, c.cars) for c in shown.by_model} == {
            ("BMW M3 (E46)", 2),
            ("BMW M3 (E30)", 1),
            ("BMW M3 CSL", 1),  # the only CSL: its name alone
            ("BMW M3 (G80)", 1),
            ("BMW M3 (generation not given)", 1),  # old free text naming no generation
            ("M3 E46 Touring Eigenbau", 1),
        }, typed
        german = register_labels(BOT, stats, None, "de")
        assert "BMW M3 (Generation nicht angegeben)" in {c.label for c in german.by_model}

    for typed in ("m3 e46", "E46 M3", "bmw m3 e46"):
        car, found = register_model(BOT, typed)
        assert (car, found) == (E46, None), typed
        one = register_labels(BOT, await garage.register(GUILD, car), car, "en")
        assert (one.model, one.cars, one.by_model) == ("BMW M3 (E46)", 2, ()), typed
    # A picked id is that car, however its name is shared.
    assert register_model(BOT, G80.id) == (G80, None)
    assert register_model(BOT, "m3 competition")[0] == _car("bmw-m3-g80-competition")


def test_families_are_one_make_and_the_start_of_their_names() -> None:
    cars = CATALOGUE.cars
    m2 = family(cars, "m2")
    assert m2 is not None and M2C in m2.cars and _car("bmw-m240i-f22") not in m2.cars
    cs = family(cars, "m2 cs")
    assert cs is not None and {c.id for c in cs.cars} == {"bmw-m2-cs-f87", "bmw-m2-cs-g87"}
    # One car, a chassis, or words scattered over unrelated names: no family.
    for text in ("1m", "135i", "e82 135i", "m3 e46", "s", "bmw", ""):
        assert family(cars, text) is None, text


def test_colours_ask_which_generation_a_family_means() -> None:
    with pytest.raises(ChooseOne) as asked:
        one_generation(BOT, "m3", "en")
    assert asked.value.key == "reg4-error-pick-generation"
    assert "BMW M3 (E46, 2000–2006)" in asked.value.options
    assert one_generation(BOT, "e46 m3", "en") == E46


async def test_a_1m_club_sees_its_cars_by_catalogue_car(
    garage: GarageService, db: Database
) -> None:
    for user in range(3):
        await _add(garage, 40 + user, ONE_M, 2011)
    await _add(garage, 43, E82_135I, 2009)
    await _add(garage, 44, M2C)
    await _typed(db, 45, "E82 135i")  # typed before the catalogue had the 135i
    await _typed(db, 46, "BMW M3")  # no generation: stays as typed

    assert await _adopt(garage) == 1
    stats = register_labels(BOT, await garage.register(GUILD), None, "en")
    assert [(c.label, c.cars) for c in stats.by_model] == [
        ("BMW 1M Coupé", 3),  # one car of the name: no chassis needed
        ("BMW 135i Coupé", 2),
        ("BMW M2 Competition", 1),
        ("BMW M3 (generation not given)", 1),
    ]


async def test_old_typed_text_becomes_the_generation_it_names_and_no_more(
    garage: GarageService, db: Database
) -> None:
    chassis = await _typed(db, 50, "E82 135i")
    by_year = await _typed(db, 51, "135i", year=2009)
    no_year = await _typed(db, 52, "135i")  # an E82, most likely; but not sure
    wrong_year = await _typed(db, 53, "135i", year=2019)
    generic = await _typed(db, 54, "m3")  # the alias means the G80: a guess, not kept
    supra = await _typed(db, 55, "Supra", year=1997)  # an A80; the catalogue has the A90
    honda_vin = await _typed(db, 56, "E82 135i", vin="1HGCM82633A004352")
    own = await _typed(db, 57, "Datsun 240Z")
    one_m = await _typed(db, 58, "1M E82")

    assert await _adopt(garage) == 3
    assert await _adopt(garage) == 0  # once: the mapped rows are catalogue rows now
    mapped = await garage.get(GUILD, chassis)
    assert (mapped.model_id, mapped.model, mapped.make, mapped.model_source) == (
        E82_135I.id,
        E82_135I.name,
        "BMW",
        "catalogue",
    )
    # The catalogue's paint spelling, so /register colours counts it with the rest.
    assert (await garage.get(GUILD, one_m)).colour == "Alpine White"
    assert (await garage.get(GUILD, by_year)).model_id == E82_135I.id
    for kept in (no_year, wrong_year, generic, supra, honda_vin, own):
        row = await garage.get(GUILD, kept)
        assert (row.model_id, row.model_source) == (None, "typed"), row.model


async def test_a_garage_names_each_generation_and_its_specs_card(garage: GarageService) -> None:
    from bot.flows.garage import garage_names, specs_query
    from bot.render.garage import garage_embed

    cars = [
        await garage.add(GUILD, 60, car=E46, colour="Phoenix Yellow"),
        await garage.add(GUILD, 60, car=ONE_M, colour="Valencia Orange"),
        await garage.add(GUILD, 60, car=_car("bmw-m5-e39"), colour="Black"),
    ]
    embed = garage_embed("Alice", cars, viewer_is_owner=True, names=garage_names(BOT, cars, "en"))
    fields = [(f.name, f.value or "") for f in embed.fields]
    # "BMW M3" alone is five generations, and /specs "BMW M5" opens the F90's card.
    assert fields[0][0] == "BMW M3 (E46)" and "`/specs model:BMW M3 E46`" in fields[0][1]
    assert fields[1][0] == "BMW 1M Coupé" and "`/specs model:BMW 1M Coupé`" in fields[1][1]
    assert fields[2][0] == "BMW M5 (E39)"
    # Every catalogue car gets a text that opens its own card (its id at worst).
    for car in CATALOGUE.cars:
        found = LOOKUP.search.resolve(specs_query(LOOKUP.search, car))
        assert found is not None and found.id == car.id, car.id
