"""Unit conversion: reference values, rounding, and round trips."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.specs.models import Power
from bot.services.specs.units import (
    KG_PER_LB,
    KM_PER_MILE,
    NM_PER_LBFT,
    SPRINT_MPH,
    format_int,
    format_number,
    from_watts,
    kg_to_lb,
    kmh_to_mph,
    nm_to_lbft,
    power_figures,
    round_half_up,
    to_watts,
    whole,
)

UNITS = ("hp", "kW", "PS")


def convert_power(value: float, from_unit: str, to_unit: str) -> float:
    return from_watts(to_watts(value, from_unit), to_unit)


def test_reference_values() -> None:
    # Definitions: mechanical hp = 745.6999 W, metric PS = 735.49875 W.
    assert to_watts(1, "hp") == pytest.approx(745.7, abs=0.001)
    assert to_watts(1, "PS") == pytest.approx(735.49875)
    assert convert_power(100, "kW", "PS") == pytest.approx(135.962, abs=0.001)
    assert convert_power(100, "kW", "hp") == pytest.approx(134.102, abs=0.001)
    assert nm_to_lbft(1.35582) == pytest.approx(1.0, abs=1e-5)
    assert kmh_to_mph(100) == pytest.approx(62.137, abs=0.001)
    assert kg_to_lb(1) == pytest.approx(2.20462, abs=1e-5)
    assert SPRINT_MPH == 62


def test_the_1m_rounds_to_the_published_conversions() -> None:
    figures = power_figures(Power(335, "hp", "SAE"))
    assert (figures.hp, figures.kw, figures.ps) == (335, 250, 340)
    assert whole(nm_to_lbft(450)) == 332
    assert whole(nm_to_lbft(500)) == 369
    assert whole(kmh_to_mph(250)) == 155
    assert whole(kg_to_lb(1495)) == 3296


def test_published_figure_is_never_rerounded() -> None:
    # 460 PS goes through watts and back; it must still read 460, and a
    # fractional published figure rounds half up, not to even.
    assert power_figures(Power(460, "PS", "ECE")).ps == 460
    assert power_figures(Power(252.5, "PS", "ECE")).ps == 253
    assert power_figures(Power(150, "kW", "ECE")).get("kW") == 150


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [(2.5, 0, 3), (3.5, 0, 4), (-2.5, 0, -3), (0.45, 1, 0.5), (339.65, 0, 340), (0.04, 1, 0.0)],
)
def test_round_half_up(value: float, digits: int, expected: float) -> None:
    assert round_half_up(value, digits) == expected


def test_formatting() -> None:
    assert format_int(6309) == "6,309"
    assert format_int(249.81) == "250"
    assert format_number(4.9) == "4.9"
    assert format_number(500.0) == "500"
    assert format_number(3.45) == "3.45"


@given(
    value=st.floats(min_value=0.1, max_value=5000, allow_nan=False),
    a=st.sampled_from(UNITS),
    b=st.sampled_from(UNITS),
)
def test_power_round_trip(value: float, a: str, b: str) -> None:
    assert convert_power(convert_power(value, a, b), b, a) == pytest.approx(value, rel=1e-12)


@given(
    value=st.floats(min_value=0.1, max_value=5000, allow_nan=False),
    a=st.sampled_from(UNITS),
    b=st.sampled_from(UNITS),
)
def test_power_is_ordered_ps_hp_kw(value: float, a: str, b: str) -> None:
    # For the same power the count is always PS > hp > kW (PS is the smallest unit).
    watts = to_watts(value, a)
    ps, hp, kw = (from_watts(watts, u) for u in ("PS", "hp", "kW"))
    assert ps > hp > kw
    assert convert_power(value, a, b) > 0


@given(st.floats(min_value=0.0, max_value=10_000, allow_nan=False))
def test_other_round_trips(value: float) -> None:
    assert nm_to_lbft(value * NM_PER_LBFT) == pytest.approx(value, rel=1e-12, abs=1e-12)
    assert kmh_to_mph(value * KM_PER_MILE) == pytest.approx(value, rel=1e-12, abs=1e-12)
    assert kg_to_lb(value * KG_PER_LB) == pytest.approx(value, rel=1e-12, abs=1e-12)


@given(
    value=st.integers(min_value=1, max_value=2000),
    unit=st.sampled_from(UNITS),
)
def test_whole_figures_are_within_half_a_unit(value: int, unit: str) -> None:
    figures = power_figures(Power(value, unit, "ECE"))  # type: ignore[arg-type]
    for other in UNITS:
        exact = convert_power(value, unit, other)
        assert math.isclose(figures.get(other), exact, abs_tol=0.5 + 1e-9)
    assert figures.get(unit) == value


def test_unknown_unit_is_refused() -> None:
    with pytest.raises(ValueError, match="bhp"):
        to_watts(1, "bhp")
