"""The car catalogue: the real data files, and the validator against broken ones."""

from __future__ import annotations

import re
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
    # A weight no stored source states is left out, and the car still loads.
    assert full.kerb_weight_kg == 1495
    assert minimal.kerb_weight_kg is None
    assert (full.top_speed_kmh, full.top_speed_limited) == (250, True)
    assert (minimal.top_speed_kmh, minimal.top_speed_limited) == (None, False)
    # A torque no stored source states is left out (no [car.torque] table) too.
    assert full.torque is not None and full.torque.nm == 450
    assert minimal.torque is None
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
    "missing_table": "missing_table.toml: car 'broken-car' field 'power': is required",
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
    "homepage_source": (
        "homepage_source.toml: car 'broken-car' field 'sources[0]': "
        "'https://www.press.bmwgroup.com/global' is a site's home page"
    ),
    "famous_alias": (
        "famous_alias.toml: car 'broken-car' field 'aliases[1]': alias 'F40' names another "
        "well-known car (the Ferrari F40)"
    ),
    "optional_speed_without_label": (
        "optional_speed_without_label.toml: car 'broken-car' field 'top_speed_optional_label': "
        "is required with top_speed_optional_kmh"
    ),
    "optional_speed_not_faster": (
        "optional_speed_not_faster.toml: car 'broken-car' field 'top_speed_optional_kmh': "
        "must be more than top_speed_kmh (250)"
    ),
    # The weight may be left out, but a weight that is given is still checked.
    "weight_too_light": (
        "weight_too_light.toml: car 'broken-car' field 'kerb_weight_kg': "
        "must be between 300 and 5000, not 50"
    ),
    "weight_zero": "weight_zero.toml: car 'broken-car' field 'kerb_weight_kg': must be positive",
    # So may the torque table, but a table that is given needs its figure.
    "torque_without_nm": "torque_without_nm.toml: car 'broken-car' field 'torque.nm': is required",
    # A top speed may be left out too, but not the words that qualify it.
    "limited_without_speed": (
        "limited_without_speed.toml: car 'broken-car' field 'top_speed_limited': "
        "is only allowed with top_speed_kmh"
    ),
    "optional_speed_without_standard": (
        "optional_speed_without_standard.toml: car 'broken-car' field 'top_speed_optional_kmh': "
        "needs the standard figure in top_speed_kmh"
    ),
}
LINE = re.compile(r", line \d+(?=[: ])")


def without_line(error: CatalogueError) -> str:
    return LINE.sub("", str(error), count=1)


def test_every_bad_fixture_is_covered() -> None:
    stems = {p.stem for p in BAD.glob("*.toml")}
    assert stems == {*EXPECTED, "parse_error"}


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_broken_entry_is_reported_and_the_valid_one_still_loads(stem: str) -> None:
    catalogue = load_catalogue(BAD / f"{stem}.toml", year_now=YEAR)
    messages = [without_line(e) for e in catalogue.errors]
    assert len(messages) == 1, messages
    assert messages[0].startswith(EXPECTED[stem]), messages[0]
    # Every error points at a line a club member can open the file at.
    assert catalogue.errors[0].line is not None
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
    messages = [without_line(e) for e in catalogue.errors]
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
        bot.check, "load_catalogue", lambda **_: load_catalogue(BAD / "negative_power.toml")
    )
    settings = load_settings(
        _env_file=None,
        DISCORD_TOKEN="MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDe.0123456789abcdefghijklmnopqrstuvwxyz-_AB",
        PADDOCK_DATABASE=tmp_path / "p.db",
    )
    assert await bot.check.run_check(settings) == 1
    out = capsys.readouterr().out
    assert (
        "[FAIL] catalogue: negative_power.toml, line 77: car 'broken-car' field 'power.value'"
        in out
    )
    assert "check failed: 1 problem" in out and "problem(s)" not in out


async def test_check_passes_on_the_real_catalogue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = load_settings(
        _env_file=None,
        DISCORD_TOKEN="MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDe.0123456789abcdefghijklmnopqrstuvwxyz-_AB",
        PADDOCK_DATABASE=tmp_path / "p.db",
    )
    assert await bot.check.run_check(settings) == 0
    assert "[ok] catalogue:" in capsys.readouterr().out


# -- where an error is -------------------------------------------------------------


@pytest.mark.parametrize(
    ("stem", "line_text"),
    [
        ("negative_power", "value = -335"),  # a key inside [car.power]
        ("unknown_key", "horsepower"),  # a top-level key of the entry
        ("colour_without_name", "[[car.colours]]"),  # a missing key points at its table
        ("famous_alias", 'aliases = ["broken alias", "F40"]'),
        ("homepage_source", "press.bmwgroup.com/global"),
    ],
)
def test_errors_point_at_the_line_that_holds_the_mistake(stem: str, line_text: str) -> None:
    path = BAD / f"{stem}.toml"
    [error] = load_catalogue(path, year_now=YEAR).errors
    assert error.line is not None
    assert line_text in path.read_text().splitlines()[error.line - 1]


def test_missing_field_points_at_the_entry() -> None:
    path = BAD / "missing_field.toml"
    [error] = load_catalogue(path, year_now=YEAR).errors
    assert error.line is not None
    lines = path.read_text().splitlines()
    assert lines[error.line - 1].strip() == "[[car]]"
    assert 'id = "broken-car"' in lines[error.line]


# -- the catalogue's own rules, on the real files -------------------------------------


def test_no_real_alias_borrows_a_famous_name(real: list[Car]) -> None:
    aliases = {alias.casefold(): car.id for car in real for alias in car.aliases}
    assert aliases["f40"] == "ferrari-f40"  # not the M135i (chassis F40): members mean the Ferrari
    assert aliases["911 gt3"].startswith("porsche-911")


def test_every_real_source_is_a_specific_page(real: list[Car]) -> None:
    for car in real:
        for url in car.sources:
            path = url.split("://", 1)[1].partition("/")[2]
            assert path.strip("/") not in ("", "global"), (car.id, url)


def test_corrected_figures(real: list[Car]) -> None:
    by_id = {car.id: car for car in real}
    assert by_id["bmw-m3-e30"].kerb_weight_kg == 1165
    assert by_id["bmw-m3-f80"].factory == "Regensburg, Germany"
    assert by_id["honda-civic-type-r-fk8"].zero_to_100_s == 5.7
    assert "SMG gearbox arrived in 1996" in (by_id["bmw-m3-e36-32"].notes or "")
    cs = by_id["bmw-m2-cs-f87"]
    assert (cs.top_speed_kmh, cs.top_speed_limited) == (250, True)
    assert (cs.top_speed_optional_kmh, cs.top_speed_optional_label) == (
        280,
        "with M Driver's Package",
    )
    z = by_id["nissan-370z-z34"]
    assert (z.power.value, z.power.unit, z.torque.nm) == (331, "PS", 366)
    assert "328 PS" in (z.notes or "")


def test_figures_corrected_from_stored_pages(real: list[Car]) -> None:
    by_id = {car.id: car for car in real}
    # Where a stored page differs from the figure quoted before, the page's figure is shown
    # and the note says which one and why.
    for car_id, kg, said in [
        ("renault-megane-rs-275-trophy", 1381, "TopCar"),
        ("lotus-exige-sport-380", 1100, "titanium exhaust"),
        ("bmw-z3-m-coupe", 1270, "BMW M"),
        ("subaru-brz-zd8", 1277, "2,815 lb"),
        ("ford-mustang-gt-s650", 1736, "3,827 lb"),
    ]:
        assert by_id[car_id].kerb_weight_kg == kg, car_id
        assert said in (by_id[car_id].notes or ""), car_id
    assert by_id["lotus-elise-sport-240-final-edition"].top_speed_kmh == 237


def test_figures_rechecked_in_the_m_to_z_files(real: list[Car]) -> None:
    by_id = {car.id: car for car in real}
    # A figure quoted before without a stored page gave way to the one a stored page states;
    # the note names the page.
    for car_id, kg, said in [
        ("volkswagen-golf-gti-mk5", 1328, "evo"),
        ("volkswagen-golf-gti-mk8", 1460, "one more lap"),
        ("porsche-718-cayman-s", 1430, "Autocar"),
        ("porsche-cayman-s-981", 1415, "Autocar"),
        ("mazda-mx5-nd", 1052, "autopresse"),
    ]:
        assert by_id[car_id].kerb_weight_kg == kg, car_id
        assert said in (by_id[car_id].notes or ""), car_id
    assert by_id["porsche-cayman-s-981"].top_speed_kmh == 282  # Car Enthusiast's 175 mph
    assert by_id["porsche-boxster-s-981"].zero_to_100_s == 5.0  # PDK, What Car?
    # An rpm no stored page gives is left out rather than guessed.
    assert by_id["porsche-911-turbo-s-992"].power.rpm is None
    assert by_id["porsche-911-gt3-rs-992"].torque.rpm is None
    # A figure no stored page states is left out, and the note says so.
    for car_id in [
        "mercedes-amg-c63-w204",
        "mercedes-amg-c63-s-w205",
        "mitsubishi-lancer-evolution-vi",
        "mitsubishi-lancer-evolution-ix",
        "nissan-gt-r-r35",
        "nissan-z-rz34",
        "porsche-911-gt3-rs-992",
        "porsche-boxster-s-981",
        "porsche-718-cayman",
        "renault-clio-rs-220-trophy-iv",
        "subaru-impreza-22b-sti",
        "subaru-impreza-wrx-sti-gd",
        "mazda-mx5-nb",
        "volkswagen-golf-gti-clubsport-mk7",
        "volkswagen-golf-r-mk7-5",
    ]:
        assert by_id[car_id].kerb_weight_kg is None, car_id
        assert "no stored page" in (by_id[car_id].notes or "").lower(), car_id
    assert by_id["mazda-mx5-nb"].top_speed_kmh is None
    assert by_id["subaru-brz-zd8"].top_speed_kmh is None  # 226 km/h is the GR86 twin's
    jcw = by_id["mini-jcw-f56"]
    assert jcw.kerb_weight_kg == 1245 and "Gazzetta" in (jcw.notes or "")


def test_weights_corrected_to_the_stored_pages_figures(real: list[Car]) -> None:
    by_id = {car.id: car for car in real}
    # A figure carried before but stated by no stored page is replaced by the one a stored
    # page states, and the note names the page (and the old figure) so the change is visible.
    for car_id, kg, said in [
        ("ford-focus-st-mk4", 1468, "Motor Sport"),
        ("honda-civic-type-r-ep3", 1270, "PistonHeads"),
        ("honda-civic-type-r-fn2", 1301, "PistonHeads"),
        ("honda-integra-type-r-dc2", 1060, "gatsby"),
        ("bmw-m5-e60", 1755, "Irish Times"),
        ("bmw-135i-e82", 1560, "Krone"),
        ("audi-r8-v10-performance-4s", 1670, "SPORTcars"),
        ("audi-rs6-avant-c7", 1920, "Caradisiac"),
        ("honda-s2000-ap2", 1286, "Enquirer"),
        ("ford-focus-rs-mk3", 1599, "GTPlanet"),
        ("ford-fiesta-st-mk8", 1283, "five-door"),
        ("honda-civic-type-r-fk2", 1453, "Drivers Club"),
        ("abarth-595-competizione", 1100, "auto-medienportal"),
        ("bmw-z3-m-coupe", 1270, "BMW M"),
    ]:
        assert by_id[car_id].kerb_weight_kg == kg, car_id
        assert said in (by_id[car_id].notes or ""), car_id
    rs500 = by_id["ford-focus-rs500-mk2"]
    assert (rs500.zero_to_100_s, rs500.top_speed_kmh) == (5.6, 265)


def test_figures_no_stored_page_states_are_left_out(real: list[Car]) -> None:
    by_id = {car.id: car for car in real}
    unweighed = [
        "ford-focus-rs-mk2",
        "ford-focus-rs500-mk2",
        "bmw-m5-e39",
        "bmw-m135-f70",
        "audi-rs4-avant-b8",
        "audi-rs6-avant-c8",
        "audi-s3-8y",
    ]
    for car_id in unweighed:
        car = by_id[car_id]
        assert car.kerb_weight_kg is None, car_id
        # The note says why, so nobody adds the old unchecked number back.
        assert "kerb weight" in (car.notes or "").casefold(), car_id
    s2000 = by_id["honda-s2000-ap2"]
    assert (s2000.top_speed_kmh, s2000.top_speed_limited) == (None, False)
    assert "No stored source states a top speed" in (s2000.notes or "")


def test_torques_no_stored_page_states_are_left_out(real: list[Car]) -> None:
    by_id = {car.id: car for car in real}
    # The pages give the GT/RS's 407 Nm and only "slightly lower" for the GSR, and only
    # "almost 400 Nm" for the European 2.5 STI: no figure, so no torque, and the note says so.
    for car_id in ("mitsubishi-lancer-evolution-ix", "subaru-impreza-wrx-sti-gd"):
        car = by_id[car_id]
        assert car.torque is None, car_id
        assert "no torque is shown" in (car.notes or ""), car_id
    assert "407 Nm" in (by_id["mitsubishi-lancer-evolution-ix"].notes or "")
    assert "almost 400 Nm" in (by_id["subaru-impreza-wrx-sti-gd"].notes or "")


def test_entries_that_cited_only_wikipedia_follow_the_stored_pages(real: list[Car]) -> None:
    by_id = {car.id: car for car in real}
    # Each entry now cites a stored page beyond Wikipedia for the figures it shows.
    checked = [
        "porsche-911-turbo-996",
        "porsche-911-gt3-997-1",
        "porsche-911-gt3-991-2",
        "porsche-911-carrera-s-992",
        "porsche-718-cayman-gt4-rs",
        "porsche-718-cayman-gts-40",
        "mercedes-amg-a45-w176",
        "mercedes-amg-a45-s-w177",
        "toyota-gr-yaris",
        "toyota-gr-supra-a90",
    ]
    for car_id in checked:
        assert any("wikipedia.org" not in url for url in by_id[car_id].sources), car_id
    # Figures a stored page confirms stay, and the note names the page.
    turbo = by_id["porsche-911-turbo-996"]
    assert (turbo.power.value, turbo.zero_to_100_s, turbo.top_speed_kmh) == (420, 4.2, 305)
    assert turbo.torque is not None and turbo.torque.nm == 560 and turbo.torque.rpm is None
    assert "auto123" in (turbo.notes or "") and "Elferspot" in (turbo.notes or "")
    gt3 = by_id["porsche-911-gt3-997-1"]
    assert (gt3.kerb_weight_kg, gt3.zero_to_100_s, gt3.power.rpm) == (1395, 4.3, 7600)
    assert gt3.torque is not None and (gt3.torque.nm, gt3.torque.rpm) == (405, "5500")
    assert "Spiegel" in (gt3.notes or "") and "4.1 s to 62 mph" in (gt3.notes or "")
    gt4rs = by_id["porsche-718-cayman-gt4-rs"]
    assert (gt4rs.kerb_weight_kg, gt4rs.top_speed_kmh, gt4rs.power.rpm) == (1415, 315, 8400)
    assert "fahrfreude" in (gt4rs.notes or "") and "go-motormagazin" in (gt4rs.notes or "")
    gts = by_id["porsche-718-cayman-gts-40"]
    assert (gts.kerb_weight_kg, gts.zero_to_100_s, gts.top_speed_kmh) == (1405, 4.5, 293)
    assert "autonotizen" in (gts.notes or "") and "HNA" in (gts.notes or "")
    yaris = by_id["toyota-gr-yaris"]
    assert yaris.torque is not None and yaris.torque.nm == 360  # two pages; Bild's 350 noted
    assert yaris.kerb_weight_kg == 1280 and "Bild gives 350 Nm" in (yaris.notes or "")
    # Where a stored page differs from the figure shown before, the page's figure is shown.
    carrera_s = by_id["porsche-911-carrera-s-992"]
    assert carrera_s.kerb_weight_kg == 1580 and "Motor1" in (carrera_s.notes or "")
    assert "1,515 kg" in (carrera_s.notes or "")
    a45 = by_id["mercedes-amg-a45-w176"]
    assert a45.kerb_weight_kg == 1555 and "Handelszeitung" in (a45.notes or "")
    assert a45.top_speed_optional_kmh is None  # the 270 km/h package figure is in no page
    supra = by_id["toyota-gr-supra-a90"]
    assert supra.power.rpm == 6500 and "Motor1" in (supra.notes or "")
    # A figure no stored page states is left out, and the note says so.
    assert turbo.kerb_weight_kg is None
    assert carrera_s.top_speed_kmh is None and "more than 300 km/h" in (carrera_s.notes or "")
    assert supra.kerb_weight_kg is None and "1,495 kg" in (supra.notes or "")
    a45s = by_id["mercedes-amg-a45-s-w177"]
    assert a45s.kerb_weight_kg is None and a45s.power.rpm is None
    gt3_991 = by_id["porsche-911-gt3-991-2"]
    assert gt3_991.power.rpm is None and gt3_991.torque is not None
    assert gt3_991.torque.rpm is None
    for car_id in (
        "porsche-911-turbo-996",
        "porsche-911-gt3-991-2",
        "porsche-911-carrera-s-992",
        "mercedes-amg-a45-w176",
        "mercedes-amg-a45-s-w177",
        "toyota-gr-supra-a90",
    ):
        assert "no stored page states" in (by_id[car_id].notes or "").casefold(), car_id


def test_the_cars_issue_14_still_lacked_are_there(real: list[Car]) -> None:
    by_id = {car.id: car for car in real}
    clubsport = by_id["volkswagen-golf-gti-clubsport-mk8"]
    assert (clubsport.power.value, clubsport.torque.nm, clubsport.kerb_weight_kg) == (
        300,
        400,
        1461,
    )
    assert clubsport.drive == "FWD" and clubsport.zero_to_100_s is None  # VW said only "under 6 s"
    formentor = by_id["cupra-formentor-vz-310"]
    assert (formentor.power.value, formentor.drive, formentor.zero_to_100_s) == (310, "AWD", 4.9)
    assert formentor.kerb_weight_kg == 1762


def test_colour_names_are_spelled_one_way(real: list[Car]) -> None:
    names = {colour.name for car in real for colour in car.colours}
    assert "Sapphire Black" not in names
    assert "Black Sapphire" in names
    # One paint, one spelling: no two names of a make are the same words in another order
    # ("Sapphire Black" next to "Black Sapphire") or differ only in case.
    spellings: dict[tuple[str, tuple[str, ...]], set[str]] = {}
    for car in real:
        for colour in car.colours:
            words = tuple(sorted(colour.name.casefold().replace("-", " ").split()))
            spellings.setdefault((car.make, words), set()).add(colour.name)
    assert [names for names in spellings.values() if len(names) > 1] == []


# -- a club's own folder ---------------------------------------------------------------


def club_car(car_id: str, aliases: str = '"club special"') -> str:
    text = (GOOD / "good.toml").read_text()
    first = text.split("[[car]]")[1]  # the full entry
    return "[[car]]" + first.replace('id = "good-car"', f'id = "{car_id}"').replace(
        'aliases = ["good car", "goodie"]', f"aliases = [{aliases}]"
    )


def test_club_entries_load_after_the_bundled_ones_and_are_marked(tmp_path: Path) -> None:
    (tmp_path / "ring-special.toml").write_text(club_car("ring-special"))
    catalogue = load_catalogue(GOOD, extra=tmp_path, year_now=YEAR)
    assert catalogue.errors == []
    assert [c.id for c in catalogue.cars] == ["good-car", "minimal-car", "ring-special"]
    special = catalogue.by_id["ring-special"]
    assert special.club
    assert special.file == f"{tmp_path.name}/ring-special.toml"
    assert not catalogue.by_id["good-car"].club
    assert catalogue.extra == tmp_path


def test_a_club_entry_never_replaces_a_bundled_car(tmp_path: Path) -> None:
    (tmp_path / "a-clash.toml").write_text(club_car("good-car", '"my good car"'))
    (tmp_path / "b-alias.toml").write_text(club_car("alias-thief", '"goodie"'))
    (tmp_path / "c-ok.toml").write_text(club_car("club-ok", '"club ok"'))
    catalogue = load_catalogue(GOOD, extra=tmp_path, year_now=YEAR)
    messages = [without_line(e) for e in catalogue.errors]
    assert messages[0].startswith(
        f"{tmp_path.name}/a-clash.toml: car 'good-car' field 'id': id already used by the "
        "bundled catalogue (good.toml)"
    )
    assert messages[1].startswith(
        f"{tmp_path.name}/b-alias.toml: car 'alias-thief' field 'aliases[0]': duplicate alias "
        "'goodie' (already used by 'good-car' in good.toml)"
    )
    assert len(messages) == 2
    bundled = catalogue.by_id["good-car"]
    assert not bundled.club and bundled.aliases == ("good car", "goodie")
    assert [c.id for c in catalogue.cars] == ["good-car", "minimal-car", "club-ok"]


def test_a_club_id_that_is_a_bundled_alias_loses_the_club_entry(tmp_path: Path) -> None:
    (tmp_path / "goodie.toml").write_text(club_car("goodie", '"another"'))
    catalogue = load_catalogue(GOOD, extra=tmp_path, year_now=YEAR)
    [error] = catalogue.errors
    assert error.car == "'goodie'" and error.field == "id"
    assert "alias of the bundled car 'good-car'" in error.message
    assert [c.id for c in catalogue.cars] == ["good-car", "minimal-car"]


def test_a_broken_club_file_is_reported_with_its_line_and_the_rest_loads(tmp_path: Path) -> None:
    shutil.copy(BAD / "parse_error.toml", tmp_path / "broken.toml")
    (tmp_path / "power.toml").write_text(
        club_car("club-power").replace("value = 335", "value = -5")
    )
    catalogue = load_catalogue(GOOD, extra=tmp_path, year_now=YEAR)
    parse, power = catalogue.errors
    assert parse.file == f"{tmp_path.name}/broken.toml" and parse.line == 5
    assert str(power).startswith(f"{tmp_path.name}/power.toml, line ")
    assert "field 'power.value': must be positive" in str(power)
    assert [c.id for c in catalogue.cars] == ["good-car", "minimal-car"]


def test_a_club_file_given_instead_of_a_folder_is_named_with_its_folder(
    tmp_path: Path,
) -> None:
    club = tmp_path / "club"
    club.mkdir()
    (club / "power.toml").write_text(club_car("club-power").replace("value = 335", "value = -5"))
    catalogue = load_catalogue(GOOD, extra=club / "power.toml", year_now=YEAR)
    [error] = catalogue.errors
    assert str(error).startswith("club/power.toml, line ")  # not 'power.toml/power.toml'


def test_a_missing_club_folder_is_an_error_and_the_bundled_cars_load(tmp_path: Path) -> None:
    catalogue = load_catalogue(GOOD, extra=tmp_path / "nope", year_now=YEAR)
    [error] = catalogue.errors
    assert "club catalogue folder not found" in str(error)
    assert [c.id for c in catalogue.cars] == ["good-car", "minimal-car"]


async def test_check_validates_the_club_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    club = tmp_path / "club"
    club.mkdir()
    (club / "special.toml").write_text(club_car("club-special", '"club special"'))
    settings = load_settings(
        _env_file=None,
        DISCORD_TOKEN="MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDe.0123456789abcdefghijklmnopqrstuvwxyz-_AB",
        PADDOCK_DATABASE=tmp_path / "p.db",
        PADDOCK_CATALOGUE_EXTRA=str(club),
    )
    assert await bot.check.run_check(settings) == 0
    assert f"1 club entry in {club}" in capsys.readouterr().out

    (club / "broken.toml").write_text(club_car("club-broken", '"f40"'))
    assert await bot.check.run_check(settings) == 1
    out = capsys.readouterr().out
    # What still loads is said too: the good club entry is in, the broken one left out.
    assert f"1 club entry in {club} (the entries above left out)" in out
    assert "[FAIL] catalogue: club/broken.toml, line " in out
    assert "alias 'f40' names another well-known car (the Ferrari F40)" in out
