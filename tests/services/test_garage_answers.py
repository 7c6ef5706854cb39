"""The garage's answers that said the wrong thing: verifying a car twice, which model a
typed text names, and the register's model filter (SQLite and PostgreSQL alike)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.db import Database
from bot.services.garage import GarageService
from bot.services.specs import load_catalogue

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
