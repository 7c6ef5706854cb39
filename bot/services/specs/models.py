"""The catalogue's values: a car and its figures exactly as the maker published them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

PowerUnit = Literal["hp", "kW", "PS"]


@dataclass(frozen=True, slots=True)
class Engine:
    code: str
    layout: str
    cylinders: int
    displacement_cc: int
    aspiration: str


@dataclass(frozen=True, slots=True)
class Power:
    """The figure exactly as the maker published it; conversions live in units.py."""

    value: float
    unit: PowerUnit
    standard: str
    rpm: int | None = None


@dataclass(frozen=True, slots=True)
class Torque:
    nm: float
    overboost_nm: float | None = None
    rpm: str | None = None


@dataclass(frozen=True, slots=True)
class Colour:
    name: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Car:
    id: str
    make: str
    model: str
    variant: str
    chassis: str
    first_year: int
    last_year: int | None  # None: still in production
    body: str
    aliases: tuple[str, ...]
    drive: str
    gearboxes: tuple[str, ...]
    kerb_weight_kg: int | None  # None where no stored source states it
    zero_to_100_s: float | None  # None where the maker publishes no figure
    top_speed_kmh: int | None  # None where no stored source states it
    top_speed_limited: bool  # False when the top speed is not known
    engine: Engine
    power: Power
    torque: Torque | None  # None where no stored source states it
    sources: tuple[str, ...]
    colours: tuple[Colour, ...] = ()
    production: int | None = None
    production_planned: int | None = None
    factory: str | None = None
    notes: str | None = None
    file: str = ""
    # A second, optional top speed (e.g. 280 km/h "with M Driver's Package"): the
    # standard figure stays in top_speed_kmh, so compare always sets like against like.
    top_speed_optional_kmh: int | None = None
    top_speed_optional_label: str | None = None
    # True for entries from the club's own folder (PADDOCK_CATALOGUE_EXTRA), which the
    # card marks so nobody mistakes a club's figures for the bundled, sourced ones.
    club: bool = False

    @property
    def name(self) -> str:
        """'BMW 1M Coupé', 'Porsche 911 GT3 (992)'."""
        return " ".join(part for part in (self.make, self.model, self.variant) if part)

    @property
    def years_label(self) -> str:
        if self.last_year is None:
            return f"{self.first_year}–"
        if self.last_year == self.first_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"

    @property
    def label(self) -> str:
        """'BMW 1M Coupé (E82, 2011–2012)': what a member sees in autocomplete."""
        return f"{self.name} ({self.chassis}, {self.years_label})"


@dataclass(frozen=True, slots=True)
class CatalogueError:
    file: str
    car: str | None  # "'bmw-m2-f87'" when the id is known, "#3" otherwise, None for the file
    field: str | None
    message: str
    line: int | None = None  # 1-based line in the file, where it could be found

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        if self.car is not None:
            where += f": car {self.car}"
        if self.field is not None:
            where += f" field '{self.field}'"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Catalogue:
    cars: list[Car]
    errors: list[CatalogueError]
    source: Path
    extra: Path | None = None  # the club's own folder, if one was given
    by_id: dict[str, Car] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {car.id: car for car in self.cars})

    def get(self, car_id: str) -> Car | None:
        return self.by_id.get(car_id)
