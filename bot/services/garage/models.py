"""The garage's values: a member's car, the register's counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

MAX_CARS = 10
TEXT_MAX = 50  # nicknames, free-text models and colours
FIRST_YEAR = 1886
DEPARTED_DAYS = 30


@dataclass(frozen=True, slots=True)
class GarageCar:
    id: int
    guild_id: int
    user_id: int
    model_id: str | None  # the catalogue id; None for a car the catalogue lacks
    model: str  # the catalogue's name, or the member's own text
    make: str | None
    colour: str
    year: int | None
    nickname: str
    verified: bool
    # Never shown to anyone but the owner; repr=False keeps it out of tracebacks and logs.
    vin: str | None = None
    # How the model was given (migration 0015): "catalogue", "own" (the member chose
    # "(not in the catalogue)"), or "typed" (free text from before that choice existed).
    model_source: str = "catalogue"

    @property
    def in_catalogue(self) -> bool:
        return self.model_id is not None

    @property
    def has_vin(self) -> bool:
        return self.vin is not None

    @property
    def vin_tail(self) -> str | None:
        return None if self.vin is None else self.vin[-7:]

    def __repr__(self) -> str:
        return f"GarageCar(id={self.id}, guild_id={self.guild_id}, user_id={self.user_id})"


@dataclass(frozen=True, slots=True)
class VerifyResult:
    car: GarageCar
    owner_verified_cars: int  # how many of the owner's cars are verified now
    changed: bool = True  # False: the car already was as asked (verified, or not)


@dataclass(frozen=True, slots=True)
class EditResult:
    car: GarageCar
    unverified: bool  # the edit took a verified car's mark away (a new model or VIN)
    owner_verified_cars: int


@dataclass(frozen=True, slots=True)
class RemoveResult:
    car: GarageCar
    owner_verified_cars: int


@dataclass(frozen=True, slots=True)
class Count:
    label: str
    cars: int
    verified: int = 0
    # The catalogue car counted, in the register's model breakdown: generations that
    # share a name ("BMW M3") are apart by it. None for a member's own text.
    model_id: str | None = None


@dataclass(frozen=True, slots=True)
class RegisterStats:
    """The club's numbers for one model (model set) or the whole garage (model None)."""

    model: str | None
    model_id: str | None
    cars: int
    owners: int
    verified: int
    by_colour: tuple[Count, ...]
    by_year: tuple[Count, ...]
    by_model: tuple[Count, ...]  # every model but one catalogue car's: per car or own text
    production: int | None

    @property
    def share(self) -> float | None:
        """Percent of the production the club holds, where the catalogue knows it."""
        if not self.production:
            return None
        return 100.0 * self.cars / self.production


@dataclass(frozen=True, slots=True)
class ColourCount:
    colour: str
    cars: int
    factory: bool  # a factory colour in the catalogue (False: a member's own text)
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Departure:
    guild_id: int
    user_id: int
    left_at: datetime
