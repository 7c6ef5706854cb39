"""The garage's answers that said the wrong thing: verifying a car twice, which model a
typed text names, and the register's model filter (SQLite and PostgreSQL alike)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.db import Database, SQLiteDatabase
from bot.db.database import _migrate_one, _open, migration_files
from bot.errors import ChooseOne, InvalidInput
from bot.services.garage import GarageService
from bot.services.garage.picking import own_value, pick_model
from bot.services.specs import load_catalogue
from bot.services.specs.search import SpecsSearch

GUILD = 111
ALICE, BOB, CAROL = 1001, 1002, 1003
CATALOGUE = load_catalogue()
ONE_M = CATALOGUE.get("bmw-1m-e82")
assert ONE_M is not None


@pytest.fixture
def garage(db: Database, clock: ManualClock) -> GarageService:
    return GarageService(db, clock)


async def _stamp(db: Database, car_id: int) -> tuple[object, object]:
    row = await db.fetchone(
        "SELECT verified_at, verified_by FROM garage_cars WHERE id = ?", (car_id,)
    )
    assert row is not None
    return row["verified_at"], row["verified_by"]


async def test_verifying_a_verified_car_changes_nothing(
    garage: GarageService, db: Database, clock: ManualClock
) -> None:
    car = await garage.add(GUILD, ALICE, car=ONE_M, colour="Alpine White")
    first = await garage.verify(GUILD, car.id, by=BOB)
    assert first.changed and first.car.verified and first.owner_verified_cars == 1
    stamp = await _stamp(db, car.id)

    clock.advance(timedelta(hours=1))
    again = await garage.verify(GUILD, car.id, by=CAROL)
    assert not again.changed and again.car.verified and again.owner_verified_cars == 1
    # Who verified it, and when, stay the first organiser's.
    assert await _stamp(db, car.id) == stamp

    taken = await garage.verify(GUILD, car.id, by=BOB, verified=False)
    assert taken.changed and not taken.car.verified and taken.owner_verified_cars == 0
    not_again = await garage.verify(GUILD, car.id, by=BOB, verified=False)
    assert not not_again.changed and not not_again.car.verified


# -- which model a typed text means (/garage add and edit) ----------------------------

SEARCH = SpecsSearch(CATALOGUE.cars)


def test_the_explicit_choice_is_own_text_and_a_picked_id_is_the_car() -> None:
    assert pick_model(SEARCH, own_value("bmw m3")) == (None, "bmw m3")
    assert pick_model(SEARCH, ONE_M.id) == (ONE_M, "")


@pytest.mark.parametrize("typed", ["bmw 1m", "1M", "BMW 1M Coupé", "1m coupe"])
def test_text_naming_one_car_is_that_car(typed: str) -> None:
    assert pick_model(SEARCH, typed) == (ONE_M, "")


def test_text_fitting_several_cars_is_a_question_closest_first() -> None:
    with pytest.raises(ChooseOne) as asked:
        pick_model(SEARCH, "  bmw   m3 ")
    assert asked.value.key == "garage3-error-model-several" and asked.value.text == "bmw m3"
    assert len(asked.value.options) == 5
    assert all(o.startswith("BMW M3") for o in asked.value.options)
    assert asked.value.options[0].startswith("BMW M3 (G80")  # the newest generation first


def test_text_fitting_no_car_is_a_question_too() -> None:
    with pytest.raises(ChooseOne) as asked:
        pick_model(SEARCH, "Datsun 240Z")
    assert asked.value.key == "garage3-error-model-unknown" and asked.value.options == ()
    with pytest.raises(InvalidInput, match="can't be empty"):
        pick_model(SEARCH, "   ")


async def test_stored_rows_say_how_the_model_was_given(garage: GarageService) -> None:
    car, _ = pick_model(SEARCH, "bmw 1m")
    picked = await garage.add(GUILD, ALICE, car=car, colour="Alpine White")
    assert (picked.model_id, picked.model_source) == (ONE_M.id, "catalogue")
    _, text = pick_model(SEARCH, own_value("Datsun 240Z"))
    own = await garage.add(GUILD, ALICE, car=None, model_text=text, colour="Red")
    assert (own.model_id, own.model, own.model_source) == (None, "Datsun 240Z", "own")
    # A new model is given again: the source follows it, a colour alone leaves it.
    assert (await garage.edit(GUILD, ALICE, own.id, car=ONE_M)).car.model_source == "catalogue"
    back = await garage.edit(GUILD, ALICE, own.id, model_text="Datsun 240Z")
    assert back.car.model_source == "own"
    assert (await garage.edit(GUILD, ALICE, own.id, colour="Blue")).car.model_source == "own"


async def test_migration_marks_old_free_text_as_typed(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = _open(path)  # the writer's own connection: the functions migrations use
    try:
        for version, _, sql in migration_files():
            if version < 15:
                _migrate_one(conn, version, sql)
        conn.executemany(
            "INSERT INTO garage_cars (guild_id, user_id, model_id, model, colour, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (GUILD, ALICE, ONE_M.id, ONE_M.name, "Alpine White", "2026-01-01T00:00:00+00:00"),
                (GUILD, ALICE, None, "bmw m3", "Silver", "2026-01-01T00:00:00+00:00"),
            ],
        )
    finally:
        conn.close()
    db = SQLiteDatabase(path)
    await db.connect()
    try:
        await db.migrate()
        garage = GarageService(db, ManualClock(datetime(2026, 12, 1, tzinfo=UTC)))
        old = await garage.cars_of(GUILD, ALICE)
        assert [(c.model, c.model_source) for c in old] == [
            (ONE_M.name, "catalogue"),
            ("bmw m3", "typed"),
        ]
        # Old free text keeps working: shown, edited, counted.
        edited = await garage.edit(GUILD, ALICE, old[1].id, colour="Black")
        assert (edited.car.colour, edited.car.model_source) == ("Black", "typed")
        assert (await garage.register(GUILD, model_text="bmw m3")).cars == 1
    finally:
        await db.close()


# -- the register's model filter ----------------------------------------------------


async def test_register_text_matches_a_make_a_start_or_words(garage: GarageService) -> None:
    await garage.add(GUILD, ALICE, car=None, model_text="Datsun 240Z", colour="Red")
    await garage.add(GUILD, BOB, car=None, model_text="datsun 240z", colour="Orange")
    await garage.add(GUILD, BOB, car=None, model_text="VW Golf GTI Mk2", colour="Red")
    await garage.add(GUILD, CAROL, car=ONE_M, colour="Alpine White")
    await garage.add(GUILD, CAROL, car=None, model_text="BMW E30 325i", colour="Red")
    await garage.add(999, CAROL, car=None, model_text="Datsun 260Z", colour="Red")  # elsewhere

    for typed in ("Datsun", "DATSUN 240", "240z", "240z datsun", "datsun240"):
        stats = await garage.register(GUILD, model_text=typed)
        # Both spellings, counted as one model; nothing from the other server.
        assert (stats.model, stats.cars, stats.owners, stats.by_model) == (
            "Datsun 240Z",
            2,
            2,
            (),
        ), typed
    bmw = await garage.register(GUILD, model_text="bmw")
    assert (bmw.model, bmw.cars) == ("bmw", 2)
    assert sorted(c.label for c in bmw.by_model) == ["BMW 1M Coupé", "BMW E30 325i"]
    # Everyday make names count ("vw" is Volkswagen), as in /specs.
    assert (await garage.register(GUILD, model_text="golf")).cars == 1
    assert (await garage.register(GUILD, model_text="gt")).model == "VW Golf GTI Mk2"


async def test_register_text_matching_nothing_names_what_would(garage: GarageService) -> None:
    # An empty garage: nothing to suggest, just the empty register.
    assert (await garage.register(GUILD, model_text="Datsun")).cars == 0
    await garage.add(GUILD, ALICE, car=None, model_text="Datsun 240Z", colour="Red")
    await garage.add(GUILD, ALICE, car=ONE_M, colour="Alpine White")
    await garage.add(GUILD, BOB, car=ONE_M, colour="Black Sapphire")
    with pytest.raises(ChooseOne) as typo:
        await garage.register(GUILD, model_text="datsn")
    assert typo.value.key == "garage3-error-register-no-match"
    assert typo.value.options == ("Datsun 240Z",)
    # Nothing close: the models most members have, most first.
    with pytest.raises(ChooseOne) as far:
        await garage.register(GUILD, model_text="porsche")
    assert far.value.options == ("BMW 1M Coupé", "Datsun 240Z")


async def test_register_ties_are_in_natural_order(garage: GarageService) -> None:
    for model in ("Eigenbau 10", "Eigenbau 2", "Eigenbau 11", "Eigenbau 1", "eigenbau 3"):
        await garage.add(GUILD, ALICE, car=None, model_text=model, colour="Red")
    await garage.add(GUILD, BOB, car=None, model_text="Eigenbau 11", colour="Blue")
    stats = await garage.register(GUILD, model_text="eigenbau")
    # Text order put "Eigenbau 10" and "11" before "2"; the most cars still come first.
    assert [c.label for c in stats.by_model] == [
        "Eigenbau 11",
        "Eigenbau 1",
        "Eigenbau 2",
        "eigenbau 3",
        "Eigenbau 10",
    ]
