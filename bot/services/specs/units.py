"""Unit conversion for /specs: every figure derives from the one value the maker published.

The catalogue stores each figure once (power in its published unit, torque in
Nm, speed in km/h, weight in kg); everything else is computed here so two
figures for the same car can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from bot.services.specs.models import Power, PowerUnit

UnitSystem = Literal["metric", "imperial"]

# Mechanical horsepower (SAE, US) and metric horsepower (PS, DIN/ECE) in watts.
WATTS_PER_HP = 745.699_871_582_270_22
WATTS_PER_PS = 735.498_75
WATTS_PER_KW = 1000.0
NM_PER_LBFT = 1.355_817_948_331_400_4
KM_PER_MILE = 1.609_344
KG_PER_LB = 0.453_592_37

_WATTS: dict[str, float] = {"hp": WATTS_PER_HP, "PS": WATTS_PER_PS, "kW": WATTS_PER_KW}


def round_half_up(value: float, digits: int = 0) -> float:
    """School rounding (2.5 -> 3): Python's round() would show 339.5 PS as 340 but 338.5 as 338."""
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def to_watts(value: float, unit: PowerUnit | str) -> float:
    try:
        return value * _WATTS[unit]
    except KeyError:
        raise ValueError(f"unknown power unit {unit!r}") from None


def from_watts(watts: float, unit: PowerUnit | str) -> float:
    try:
        return watts / _WATTS[unit]
    except KeyError:
        raise ValueError(f"unknown power unit {unit!r}") from None


def nm_to_lbft(nm: float) -> float:
    return nm / NM_PER_LBFT


def kmh_to_mph(kmh: float) -> float:
    return kmh / KM_PER_MILE


def kg_to_lb(kg: float) -> float:
    return kg / KG_PER_LB


@dataclass(frozen=True, slots=True)
class PowerFigures:
    """Whole-number power in all three units; the published one is kept exactly."""

    hp: int
    kw: int
    ps: int

    def get(self, unit: PowerUnit | str) -> int:
        return {"hp": self.hp, "kW": self.kw, "PS": self.ps}[unit]


def power_figures(power: Power) -> PowerFigures:
    watts = to_watts(power.value, power.unit)

    def whole(unit: str) -> int:
        # The published figure is shown as published, never re-rounded through watts.
        if unit == power.unit:
            return int(round_half_up(power.value))
        return int(round_half_up(from_watts(watts, unit)))

    return PowerFigures(hp=whole("hp"), kw=whole("kW"), ps=whole("PS"))


def whole(value: float) -> int:
    return int(round_half_up(value))


# 100 km/h is 62.14 mph: makers quote "0-62 mph" for the same run, never 0-60.
SPRINT_MPH = whole(kmh_to_mph(100))


def format_int(value: float) -> str:
    """1495 -> '1,495': thousands separated the way English-speaking clubs read them."""
    return f"{whole(value):,}"


def format_number(value: float) -> str:
    """4.9 -> '4.9', 500.0 -> '500': published figures without spurious decimals."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
