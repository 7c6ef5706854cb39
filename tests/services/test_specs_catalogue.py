"""The car catalogue: the real data files, and the validator against broken ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import bot.check
from bot.config import load_settings
from bot.services.specs.catalogue import default_catalogue_path, load_catalogue
from bot.services.specs.models import Car, CatalogueError
from bot.services.specs.units import nm_to_lbft, power_figures, whole

DATA = Path(__file__).resolve().parent.parent / "data"
BAD = DATA / "specs_bad"
GOOD = DATA / "specs_good"
YEAR = 2026  # fixed so "a year after next year" stays broken whenever the suite runs


# -- the real catalogue ------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> list[Car]:
    catalogue = load_catalogue()
    assert [str(e) for e in catalogue.errors] == []
    return catalogue.cars


def test_real_catalogue_has_no_errors_and_enough_cars() -> None:
    catalogue = load_catalogue()
    assert catalogue.source == default_catalogue_path()
    assert catalogue.source.name == "specs"
    assert catalogue.source.parent.name == "data"
    assert [str(e) for e in catalogue.errors] == []
    assert len(catalogue.cars) >= 31
    assert len({car.id for car in catalogue.cars}) == len(catalogue.cars)


def test_the_1m_carries_the_clubs_facts(real: list[Car]) -> None:
    [car] = [c for c in real if c.id == "bmw-1m-e82"]
    assert (car.make, car.chassis, car.first_year, car.last_year) == ("BMW", "E82", 2011, 2012)
    assert car.engine.code.startswith("N54")
    assert (car.power.value, car.power.unit, car.power.standard) == (335, "hp", "SAE")
    figures = power_figures(car.power)
    assert (figures.hp, figures.kw, figures.ps) == (335, 250, 340)
    assert (car.torque.nm, car.torque.overboost_nm) == (450, 500)
    assert whole(nm_to_lbft(car.torque.overboost_nm or 0)) == 369
    assert car.gearboxes == ("6-speed manual",)
    assert car.drive == "RWD"
    assert car.factory is not None
    assert "Leipzig" in car.factory
    assert (car.production_planned, car.production) == (2700, 6309)
    colours = {c.name: c.note or "" for c in car.colours}
    for standard in ("Valencia Orange", "Black Sapphire", "Alpine White"):
        assert standard in colours
    for individual in ("Monte Carlo Blue", "Java Green"):
        assert "Individual" in colours[individual]


def test_every_real_entry_is_complete(real: list[Car]) -> None:
    for car in real:
        assert car.sources, car.id
        assert all(s.startswith("https://") for s in car.sources), car.id
        assert car.aliases, car.id
        assert car.last_year is None or car.last_year >= car.first_year, car.id


# -- a valid file --------------------------------------------------------------------


def test_good_file_loads_every_field() -> None:
    catalogue = load_catalogue(GOOD, year_now=YEAR)
    assert catalogue.errors == []
    full, minimal = catalogue.cars
    assert full.id == "good-car"
    assert full.label == "Testmake Good (T1, 2011–2012)"
    assert full.aliases == ("good car", "goodie")
    assert full.power.rpm == 5900
    assert full.torque.rpm == "1500–4500"
    assert full.colours[0].name == "Valencia Orange"
    assert full.colours[0].note == "metallic"
    # Optional fields left out are empty, and [first] means still in production.
    assert minimal.variant == ""
    assert minimal.colours == ()
    assert minimal.notes is None
    assert minimal.production is None
    assert minimal.factory is None
    assert minimal.last_year is None
    assert minimal.years_label == "2020–"
    # An integer 0-100 time ("8") is accepted as a number of seconds.
    assert minimal.zero_to_100_s == 8.0
    assert catalogue.get("minimal-car") is minimal


def test_a_single_file_can_be_loaded(tmp_path: Path) -> None:
    target = tmp_path / "only.toml"
    shutil.copy(GOOD / "good.toml", target)
    catalogue = load_catalogue(target, year_now=YEAR)
    assert [c.id for c in catalogue.cars] == ["good-car", "minimal-car"]
    assert catalogue.source == target


# -- broken files: one per kind of mistake -----------------------------------------

# file stem -> the one error it must produce (str() of the CatalogueError)
EXPECTED: dict[str, str] = {
    "unknown_key": "unknown_key.toml: car 'broken-car' field 'horsepower': unknown key",
    "unknown_nested_key": "unknown_nested_key.toml: car 'broken-car' field 'power.kw': unknown key",
    "missing_field": "missing_field.toml: car 'broken-car' field 'chassis': is required",
    "missing_table": "missing_table.toml: car 'broken-car' field 'torque': is required",
    "wrong_type_string_for_int": (
        "wrong_type_string_for_int.toml: car 'broken-car' field 'kerb_weight_kg': "
        "must be a whole number, not a string"
    ),
    "wrong_type_float_for_int": (
        "wrong_type_float_for_int.toml: car 'broken-car' field 'top_speed_kmh': "
        "must be a whole number, not a decimal number"
    ),
    "wrong_type_bool": (
        "wrong_type_bool.toml: car 'broken-car' field 'top_speed_limited': "
        "must be true or false, not a string"
    ),
    "bool_for_int": (
        "bool_for_int.toml: car 'broken-car' field 'engine.cylinders': "
        "must be a whole number, not true/false"
    ),
    "negative_power": "negative_power.toml: car 'broken-car' field 'power.value': must be positive",
    "zero_sprint": "zero_sprint.toml: car 'broken-car' field 'zero_to_100_s': must be positive",
    "year_1800": (
        "year_1800.toml: car 'broken-car' field 'years[0]': must be between 1886 and 2027, not 1800"
    ),
    "year_future": (
        "year_future.toml: car 'broken-car' field 'years[0]': must be between 1886 and 2027, not 2099"
    ),
    "years_out_of_order": (
        "years_out_of_order.toml: car 'broken-car' field 'years': "
        "last year 2011 is before first year 2012"
    ),
    "years_three": "years_three.toml: car 'broken-car' field 'years': must be [first, last]",
    "bad_body": "bad_body.toml: car 'broken-car' field 'body': must be one of coupé | saloon",
    "bad_power_unit": (
        "bad_power_unit.toml: car 'broken-car' field 'power.unit': "
        "must be one of hp | kW | PS, not 'bhp'"
    ),
    "bad_id": "bad_id.toml: car 'Broken Car' field 'id': must be lowercase letters, digits",
    "http_source": (
        "http_source.toml: car 'broken-car' field 'sources[0]': must be an https:// URL"
    ),
    "no_sources": "no_sources.toml: car 'broken-car' field 'sources': must list at least one",
    "notes_too_long": (
        "notes_too_long.toml: car 'broken-car' field 'notes': must be at most 600 characters"
    ),
    "overboost_below_torque": (
        "overboost_below_torque.toml: car 'broken-car' field 'torque.overboost_nm': "
        "must be more than torque.nm (450)"
    ),
    "colour_without_name": (
        "colour_without_name.toml: car 'broken-car' field 'colours[0].name': is required"
    ),
    "duplicate_id": "duplicate_id.toml: car 'good-car' field 'id': duplicate id",
    "duplicate_alias": (
        "duplicate_alias.toml: car 'broken-car' field 'aliases[0]': duplicate alias 'GOOD CAR' "
        "(already used by 'good-car'"
    ),
    "alias_is_other_id": (
        "alias_is_other_id.toml: car 'broken-car' field 'aliases': alias 'good-car' is another car's id"
    ),
    "top_level_key": "top_level_key.toml field 'meta': unknown key",
}


def test_every_bad_fixture_is_covered() -> None:
    stems = {p.stem for p in BAD.glob("*.toml")}
    assert stems == {*EXPECTED, "parse_error"}


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_broken_entry_is_reported_and_the_valid_one_still_loads(stem: str) -> None:
    catalogue = load_catalogue(BAD / f"{stem}.toml", year_now=YEAR)
    messages = [str(e) for e in catalogue.errors]
    assert len(messages) == 1, messages
    assert messages[0].startswith(EXPECTED[stem]), messages[0]
    # The broken entry is left out whole; the valid entry before it loads.
    assert [car.id for car in catalogue.cars] == ["good-car"]


def test_a_file_that_is_not_toml_is_reported_with_its_line() -> None:
    catalogue = load_catalogue(BAD / "parse_error.toml", year_now=YEAR)
    [error] = catalogue.errors
    assert error.file == "parse_error.toml"
    assert error.car is None
    assert "line 5" in error.message
    assert catalogue.cars == []


def test_broken_files_do_not_stop_the_rest_of_the_folder(tmp_path: Path) -> None:
    shutil.copy(BAD / "parse_error.toml", tmp_path / "a-broken.toml")
    shutil.copy(BAD / "negative_power.toml", tmp_path / "b-power.toml")
    (tmp_path / "c-other.toml").write_text(
        (GOOD / "good.toml")
        .read_text()
        .replace("good-car", "other-car")
        .replace('"good car", "goodie"', '"other"')
        .replace("minimal-car", "other-minimal")
        .replace('"minimal"', '"other minimal"')
    )
    catalogue = load_catalogue(tmp_path, year_now=YEAR)
    assert [e.file for e in catalogue.errors] == ["a-broken.toml", "b-power.toml"]
    assert [c.id for c in catalogue.cars] == ["good-car", "other-car", "other-minimal"]


def test_duplicates_across_files_name_both_files(tmp_path: Path) -> None:
    shutil.copy(GOOD / "good.toml", tmp_path / "one.toml")
    shutil.copy(GOOD / "good.toml", tmp_path / "two.toml")
    catalogue = load_catalogue(tmp_path, year_now=YEAR)
    messages = [str(e) for e in catalogue.errors]
    assert "two.toml: car 'good-car' field 'id': duplicate id (already in one.toml)" in messages
    assert any(
        "duplicate alias 'good car' (already used by 'good-car' in one.toml)" in m for m in messages
    )
    assert [c.file for c in catalogue.cars] == ["one.toml", "one.toml"]


def test_missing_folder_is_an_error_not_a_crash(tmp_path: Path) -> None:
    catalogue = load_catalogue(tmp_path / "nope", year_now=YEAR)
    assert catalogue.cars == []
    assert "not found" in str(catalogue.errors[0])


def test_error_string_without_a_field() -> None:
    error = CatalogueError("x.toml", "#2", None, "must be a [[car]] table")
    assert str(error) == "x.toml: car #2: must be a [[car]] table"


# -- python -m bot check -----------------------------------------------------------


async def test_check_fails_on_a_broken_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        bot.check, "load_catalogue", lambda: load_catalogue(BAD / "negative_power.toml")
    )
    settings = load_settings(_env_file=None, DISCORD_TOKEN="x", PADDOCK_DATABASE=tmp_path / "p.db")
    assert await bot.check.run_check(settings) == 1
    out = capsys.readouterr().out
    assert "[FAIL] catalogue: negative_power.toml: car 'broken-car' field 'power.value'" in out
    assert "check failed: 1 problem(s)" in out


async def test_check_passes_on_the_real_catalogue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = load_settings(_env_file=None, DISCORD_TOKEN="x", PADDOCK_DATABASE=tmp_path / "p.db")
    assert await bot.check.run_check(settings) == 0
    assert "[ok] catalogue:" in capsys.readouterr().out
