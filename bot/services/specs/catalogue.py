"""Loading and validating the car catalogue in data/specs/*.toml.

The catalogue is edited by club members, so a mistake in one entry must never
take the bot down: every problem becomes a `CatalogueError` naming the file,
the entry and the field, the broken entry is left out, and the rest loads.
`python -m bot check` prints the same errors before a club deploys.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import bot

from .famous import borrowed_name
from .models import (
    Car,
    Catalogue,
    CatalogueError,
    Colour,
    Engine,
    Power,
    Torque,
)
from .toml_lines import Lines, parse_error_line

BODIES = ("coupé", "saloon", "hatchback", "convertible", "estate", "roadster", "targa")
DRIVES = ("RWD", "FWD", "AWD")
POWER_UNITS = ("hp", "kW", "PS")
POWER_STANDARDS = ("SAE", "DIN", "ECE", "EEC")
# The first petrol car ran in 1886; anything earlier is a typo.
FIRST_CAR_YEAR = 1886
MAX_NOTES = 600
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A source must be the page that states the figures, not a site's front door:
# no empty path, no "/", no bare locale or region ("/global", "/en", "/de-de/")
# unless a query names the page.
HOMEPAGE_PATH = re.compile(
    r"/?(?:[a-z]{2}(?:[-_][a-z]{2,4})?|global|int|intl|international|home|index)?"
    r"(?:\.html?|\.php|\.aspx?)?/?",
    re.IGNORECASE,
)
MAX_ID = 64  # ids travel in autocomplete values and custom ids (<= 100 chars)


def default_catalogue_path() -> Path:
    """The bundled catalogue: data/specs/ in the repository.

    An installed Paddock (a wheel, `pip install .`, the Docker image) carries that folder as
    package data in bot/catalogue/ (setup.py maps it there); a checkout or an editable install
    has no such folder and reads data/specs/ in place, next to the package.
    """
    package = Path(str(resources.files(bot))).resolve()
    installed = package / "catalogue"
    return installed if installed.is_dir() else package.parent / "data" / "specs"


def alias_key(text: str) -> str:
    """How aliases are compared for uniqueness: case- and spacing-insensitive."""
    return " ".join(text.casefold().split())


# -- field readers -------------------------------------------------------------

_MISSING: Any = object()


class _EntryReader:
    """Reads one table, recording an error per bad field instead of raising."""

    def __init__(self, report: Callable[[str, str], None], prefix: str = "") -> None:
        self._report = report
        self.prefix = prefix
        self.failed = False

    def error(self, key: str, message: str) -> None:
        self.failed = True
        self._report(self.prefix + key, message)

    def unknown_keys(self, table: dict[str, Any], allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for key in table:
            if key not in allowed:
                self.error(key, f"unknown key (allowed: {', '.join(sorted(allowed))})")

    def get(self, table: dict[str, Any], key: str, required: bool) -> Any:
        if key not in table:
            if required:
                self.error(key, "is required")
            return _MISSING
        return table[key]

    def string(
        self,
        table: dict[str, Any],
        key: str,
        *,
        required: bool = True,
        max_len: int = 100,
        allow_empty: bool = False,
    ) -> str | None:
        value = self.get(table, key, required)
        if value is _MISSING:
            return None
        if not isinstance(value, str):
            self.error(key, f"must be a string, not {_kind(value)}")
            return None
        value = value.strip()
        if not value and not allow_empty:
            self.error(key, "must not be empty")
            return None
        if len(value) > max_len:
            self.error(key, f"must be at most {max_len} characters (has {len(value)})")
            return None
        return value

    def choice(self, table: dict[str, Any], key: str, options: tuple[str, ...]) -> str | None:
        value = self.string(table, key)
        if value is not None and value not in options:
            self.error(key, f"must be one of {' | '.join(options)}, not {value!r}")
            return None
        return value

    def integer(
        self, table: dict[str, Any], key: str, low: int, high: int, *, required: bool = True
    ) -> int | None:
        value = self.get(table, key, required)
        if value is _MISSING:
            return None
        # bool is an int subclass in Python; `true` is never a count.
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f"must be a whole number, not {_kind(value)}")
            return None
        return self._in_range(key, value, low, high)

    def number(
        self, table: dict[str, Any], key: str, low: float, high: float, *, required: bool = True
    ) -> float | None:
        value = self.get(table, key, required)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(key, f"must be a number, not {_kind(value)}")
            return None
        if value != value or value in (float("inf"), float("-inf")):
            self.error(key, "must be a finite number")
            return None
        return self._in_range(key, value, low, high)

    def _in_range(self, key: str, value: Any, low: float, high: float) -> Any:
        if value <= 0 < low:
            self.error(key, "must be positive")
            return None
        if not low <= value <= high:
            self.error(key, f"must be between {low:g} and {high:g}, not {value:g}")
            return None
        return value

    def boolean(self, table: dict[str, Any], key: str) -> bool | None:
        value = self.get(table, key, True)
        if value is _MISSING:
            return None
        if not isinstance(value, bool):
            self.error(key, f"must be true or false, not {_kind(value)}")
            return None
        return value

    def strings(
        self, table: dict[str, Any], key: str, *, max_len: int = 100
    ) -> tuple[str, ...] | None:
        value = self.get(table, key, True)
        if value is _MISSING:
            return None
        if not isinstance(value, list):
            self.error(key, f"must be a list of strings, not {_kind(value)}")
            return None
        if not value:
            self.error(key, "must list at least one entry")
            return None
        out: list[str] = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.error(f"{key}[{i}]", "must be a non-empty string")
                return None
            if len(item.strip()) > max_len:
                self.error(f"{key}[{i}]", f"must be at most {max_len} characters")
                return None
            out.append(item.strip())
        return tuple(out)

    def table(
        self, table: dict[str, Any], key: str, *, required: bool = True
    ) -> dict[str, Any] | None:
        value = self.get(table, key, required)
        if value is _MISSING:
            return None
        if not isinstance(value, dict):
            self.error(key, f"must be a table ([car.{key}]), not {_kind(value)}")
            return None
        return value

    def nested(self, key: str) -> _EntryReader:
        return _EntryReader(self._report, f"{self.prefix}{key}.")


def _kind(value: Any) -> str:
    return {
        bool: "true/false",
        int: "a whole number",
        float: "a decimal number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


# -- one entry -----------------------------------------------------------------

_CAR_KEYS = (
    *("id", "make", "model", "variant", "chassis", "years", "body", "aliases", "drive"),
    *("gearboxes", "kerb_weight_kg", "zero_to_100_s", "top_speed_kmh", "top_speed_limited"),
    *("top_speed_optional_kmh", "top_speed_optional_label"),
    *("production", "production_planned", "factory", "notes", "sources"),
    *("engine", "power", "torque", "colours"),
)


def _parse_car(
    raw: Any,
    file: str,
    index: int,
    errors: list[CatalogueError],
    year_now: int,
    lines: Lines | None = None,
    *,
    club: bool = False,
) -> Car | None:
    label = f"#{index + 1}"
    if isinstance(raw, dict) and isinstance(raw.get("id"), str) and raw["id"].strip():
        label = f"'{raw['id'].strip()}'"
    if not isinstance(raw, dict):
        line = lines.car(index) if lines else None
        errors.append(CatalogueError(file, label, None, "must be a [[car]] table", line))
        return None

    def report(key: str, message: str) -> None:
        line = lines.field(index, key) if lines else None
        errors.append(CatalogueError(file, label, key, message, line))

    r = _EntryReader(report)
    r.unknown_keys(raw, _CAR_KEYS)

    car_id = r.string(raw, "id", max_len=MAX_ID)
    if car_id is not None and not ID_PATTERN.fullmatch(car_id):
        r.error("id", "must be lowercase letters, digits and single hyphens, e.g. 'bmw-m2-f87'")
    make = r.string(raw, "make", max_len=40)
    model = r.string(raw, "model", max_len=60)
    variant = r.string(raw, "variant", required=False, max_len=60, allow_empty=True) or ""
    chassis = r.string(raw, "chassis", max_len=30)
    first_year, last_year = _years(r, raw, year_now)
    body = r.choice(raw, "body", BODIES)
    aliases = r.strings(raw, "aliases", max_len=60)
    if aliases is not None:
        seen: set[str] = set()
        for i, alias in enumerate(aliases):
            if alias_key(alias) in seen:
                r.error(f"aliases[{i}]", f"alias {alias!r} is listed twice")
            seen.add(alias_key(alias))
    drive = r.choice(raw, "drive", DRIVES)
    gearboxes = r.strings(raw, "gearboxes", max_len=60)
    # Optional like the sprint: a weight no stored page states is left out, not guessed.
    weight = r.integer(raw, "kerb_weight_kg", 300, 5000, required=False)
    # Optional: some makers publish no 0-100 km/h time, and an estimate from a road
    # test would be a number without a source.
    sprint = r.number(raw, "zero_to_100_s", 1.0, 60.0, required=False)
    top_speed, limited = _top_speed(r, raw)
    optional_speed, optional_label = _optional_top_speed(r, raw, top_speed)
    production = r.integer(raw, "production", 1, 50_000_000, required=False)
    planned = r.integer(raw, "production_planned", 1, 50_000_000, required=False)
    factory = r.string(raw, "factory", required=False, max_len=100)
    notes = r.string(raw, "notes", required=False, max_len=MAX_NOTES)
    sources = _sources(r, raw)
    engine = _engine(r, raw)
    power = _power(r, raw)
    torque = _torque(r, raw)
    colours = _colours(r, raw)

    if aliases is not None and make is not None and model is not None:
        own_name = " ".join(part for part in (make, model, variant) if part)
        for i, alias in enumerate(aliases):
            famous = borrowed_name(alias, make, own_name)
            if famous is not None:
                r.error(
                    f"aliases[{i}]",
                    f"alias {alias!r} names another well-known car (the {famous}); "
                    "members typing it mean that car, so pick an alias only this car has",
                )

    if r.failed:
        return None
    # A reader returns None exactly when it recorded an error, so this is the
    # same test as r.failed, spelled out so no None can reach the dataclass.
    if (
        car_id is None
        or make is None
        or model is None
        or chassis is None
        or first_year is None
        or body is None
        or aliases is None
        or drive is None
        or gearboxes is None
        or limited is None
        or sources is None
        or engine is None
        or power is None
    ):
        return None
    return Car(
        id=car_id,
        make=make,
        model=model,
        variant=variant,
        chassis=chassis,
        first_year=first_year,
        last_year=last_year,
        body=body,
        aliases=aliases,
        drive=drive,
        gearboxes=gearboxes,
        kerb_weight_kg=weight,
        zero_to_100_s=None if sprint is None else float(sprint),
        top_speed_kmh=top_speed,
        top_speed_limited=limited,
        engine=engine,
        power=power,
        torque=torque,
        sources=sources,
        colours=colours,
        production=production,
        production_planned=planned,
        factory=factory,
        notes=notes,
        file=file,
        top_speed_optional_kmh=optional_speed,
        top_speed_optional_label=optional_label,
        club=club,
    )


def _years(r: _EntryReader, raw: dict[str, Any], year_now: int) -> tuple[int | None, int | None]:
    value = r.get(raw, "years", True)
    if value is _MISSING:
        return None, None
    if not isinstance(value, list) or not 1 <= len(value) <= 2:
        r.error("years", "must be [first, last] or [first] if still in production")
        return None, None
    years: list[int] = []
    for i, year in enumerate(value):
        if isinstance(year, bool) or not isinstance(year, int):
            r.error(f"years[{i}]", f"must be a whole year, not {_kind(year)}")
            return None, None
        if not FIRST_CAR_YEAR <= year <= year_now + 1:
            r.error(
                f"years[{i}]", f"must be between {FIRST_CAR_YEAR} and {year_now + 1}, not {year}"
            )
            return None, None
        years.append(year)
    if len(years) == 2 and years[1] < years[0]:
        r.error("years", f"last year {years[1]} is before first year {years[0]}")
        return None, None
    return years[0], years[1] if len(years) == 2 else None


def _top_speed(r: _EntryReader, raw: dict[str, Any]) -> tuple[int | None, bool | None]:
    """The standard top speed and whether it is limited; both left out where no source
    states the speed (limited is then False), since a guessed speed would be unsourced."""
    if "top_speed_kmh" not in raw:
        if "top_speed_limited" in raw:
            r.error("top_speed_limited", "is only allowed with top_speed_kmh")
            return None, None
        if "top_speed_optional_kmh" in raw:
            r.error("top_speed_optional_kmh", "needs the standard figure in top_speed_kmh")
            return None, None
        return None, False
    return r.integer(raw, "top_speed_kmh", 30, 600), r.boolean(raw, "top_speed_limited")


def _optional_top_speed(
    r: _EntryReader, raw: dict[str, Any], standard: int | None
) -> tuple[int | None, str | None]:
    """A faster top speed that needs an option, and the option's name: both or neither."""
    speed = r.integer(raw, "top_speed_optional_kmh", 30, 600, required=False)
    label = r.string(raw, "top_speed_optional_label", required=False, max_len=60)
    has_speed = "top_speed_optional_kmh" in raw
    has_label = "top_speed_optional_label" in raw
    if has_speed and not has_label:
        r.error(
            "top_speed_optional_label",
            'is required with top_speed_optional_kmh, e.g. "with M Driver\'s Package"',
        )
        return None, None
    if has_label and not has_speed:
        r.error("top_speed_optional_kmh", "is required with top_speed_optional_label")
        return None, None
    if speed is not None and standard is not None and speed <= standard:
        r.error(
            "top_speed_optional_kmh",
            f"must be more than top_speed_kmh ({standard}); the standard figure goes there",
        )
        return None, None
    return speed, label


def _sources(r: _EntryReader, raw: dict[str, Any]) -> tuple[str, ...] | None:
    sources = r.strings(raw, "sources", max_len=500)
    if sources is None:
        return None
    for i, url in enumerate(sources):
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in url):
            r.error(f"sources[{i}]", f"must be an https:// URL, not {url[:80]!r}")
            return None
        # "?p=577" names a page (WordPress permalinks), so only a bare path is refused.
        if HOMEPAGE_PATH.fullmatch(parts.path) and not parts.query:
            r.error(
                f"sources[{i}]",
                f"{url[:80]!r} is a site's home page; cite the page that states the figures "
                "(a press release, a model page or the model's Wikipedia article)",
            )
            return None
    return sources


def _engine(r: _EntryReader, raw: dict[str, Any]) -> Engine | None:
    table = r.table(raw, "engine")
    if table is None:
        return None
    e = r.nested("engine")
    e.unknown_keys(table, ("code", "layout", "cylinders", "displacement_cc", "aspiration"))
    code = e.string(table, "code", max_len=40)
    layout = e.string(table, "layout", max_len=30)
    cylinders = e.integer(table, "cylinders", 1, 16)
    displacement = e.integer(table, "displacement_cc", 50, 10_000)
    aspiration = e.string(table, "aspiration", max_len=40)
    if e.failed or None in (code, layout, cylinders, displacement, aspiration):
        r.failed = True
        return None
    return Engine(code, layout, cylinders, displacement, aspiration)  # type: ignore[arg-type]


def _power(r: _EntryReader, raw: dict[str, Any]) -> Power | None:
    table = r.table(raw, "power")
    if table is None:
        return None
    p = r.nested("power")
    p.unknown_keys(table, ("value", "unit", "standard", "rpm"))
    # About 2000 hp in any of the three units: no road car in this catalogue's
    # world comes near it, so anything larger is a typo.
    value = p.number(table, "value", 1, 2000)
    unit = p.choice(table, "unit", POWER_UNITS)
    standard = p.choice(table, "standard", POWER_STANDARDS)
    rpm = p.integer(table, "rpm", 500, 20_000, required=False)
    if p.failed or None in (value, unit, standard):
        r.failed = True
        return None
    return Power(float(value), unit, standard, rpm)  # type: ignore[arg-type]


def _torque(r: _EntryReader, raw: dict[str, Any]) -> Torque | None:
    """The torque, or None: left out like the weight where no stored page states it.
    A broken table also gives None, but it records an error, so the car is refused."""
    table = r.table(raw, "torque", required=False)
    if table is None:
        return None
    t = r.nested("torque")
    t.unknown_keys(table, ("nm", "overboost_nm", "rpm"))
    nm = t.number(table, "nm", 1, 3000)
    overboost = t.number(table, "overboost_nm", 1, 3000, required=False)
    rpm = t.string(table, "rpm", required=False, max_len=30)
    if nm is not None and overboost is not None and overboost <= nm:
        t.error("overboost_nm", f"must be more than torque.nm ({nm:g})")
    if t.failed or nm is None:
        r.failed = True
        return None
    return Torque(float(nm), None if overboost is None else float(overboost), rpm)


def _colours(r: _EntryReader, raw: dict[str, Any]) -> tuple[Colour, ...]:
    value = r.get(raw, "colours", False)
    if value is _MISSING:
        return ()
    if not isinstance(value, list) or not all(isinstance(c, dict) for c in value):
        r.error("colours", "must be [[car.colours]] tables with name and optional note")
        return ()
    colours: list[Colour] = []
    for i, table in enumerate(value):
        c = r.nested(f"colours[{i}]")
        c.unknown_keys(table, ("name", "note"))
        name = c.string(table, "name", max_len=80)
        note = c.string(table, "note", required=False, max_len=200)
        if c.failed or name is None:
            r.failed = True
            continue
        colours.append(Colour(name, note))
    return tuple(colours)


# -- the whole catalogue -------------------------------------------------------


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.glob("*.toml") if p.is_file())


class _Loader:
    """Reads files into one list of cars, keeping ids and aliases unique across all of them."""

    def __init__(self, year_now: int) -> None:
        self.year_now = year_now
        self.errors: list[CatalogueError] = []
        self.cars: list[Car] = []
        self.ids: dict[str, str] = {}  # id -> file it came from
        self.alias_owner: dict[str, Car] = {}
        self.where: dict[str, tuple[Lines, int]] = {}  # car id -> its file's lines, entry index

    def read(self, file: Path, name: str, *, club: bool = False) -> None:
        text = ""
        try:
            text = file.read_text(encoding="utf-8")
            data = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            message = f"cannot read: {exc}"
            line = parse_error_line(message)
            if line is None and "end of document" in message:
                line = max(1, len(text.splitlines()))
            self.errors.append(CatalogueError(name, None, None, message, line))
            return
        lines = Lines(text)
        for key in data:
            if key != "car":
                self.errors.append(
                    CatalogueError(
                        name, None, key, "unknown key (only [[car]] tables)", lines.top_level(key)
                    )
                )
        entries = data.get("car", [])
        if not isinstance(entries, list):
            self.errors.append(
                CatalogueError(name, None, "car", "must be [[car]] tables", lines.top_level("car"))
            )
            return
        for index, raw in enumerate(entries):
            car = _parse_car(raw, name, index, self.errors, self.year_now, lines, club=club)
            if car is None or not self._unique(car, lines, index):
                continue
            self.ids[car.id] = name
            self.where[car.id] = (lines, index)
            for alias in car.aliases:
                self.alias_owner[alias_key(alias)] = car
            self.cars.append(car)

    def _unique(self, car: Car, lines: Lines, index: int) -> bool:
        ok = True
        if car.id in self.ids:
            first = self.ids[car.id]
            message = f"duplicate id (already in {first})"
            if car.club and not self._is_club(first):
                message = (
                    f"id already used by the bundled catalogue ({first}); a club entry "
                    "cannot replace a bundled car, so give it a new id"
                )
            self.errors.append(
                CatalogueError(car.file, f"'{car.id}'", "id", message, lines.field(index, "id"))
            )
            ok = False
        for i, alias in enumerate(car.aliases):
            owner = self.alias_owner.get(alias_key(alias))
            if owner is not None:
                key = f"aliases[{i}]"
                self.errors.append(
                    CatalogueError(
                        car.file,
                        f"'{car.id}'",
                        key,
                        f"duplicate alias {alias!r} (already used by '{owner.id}' in {owner.file})",
                        lines.field(index, key),
                    )
                )
                ok = False
        return ok

    def _is_club(self, file: str) -> bool:
        return any(c.club for c in self.cars if c.file == file)

    def finish(self) -> list[Car]:
        """Drop cars whose alias is another car's id; order of files doesn't matter.

        Like any other broken entry, the alias's owner is left out, except that a club
        entry never knocks out a bundled car: then the club entry whose id it is goes.
        """
        by_id = {car.id: car for car in self.cars}
        dropped: set[str] = set()
        for key, owner in self.alias_owner.items():
            if key not in self.ids or key == owner.id:
                continue
            other = by_id.get(key)
            culprit = owner
            if other is not None and other.club and not owner.club:
                culprit = other
            dropped.add(culprit.id)
            lines, index = self.where[culprit.id]
            if culprit is owner:
                field, message = "aliases", f"alias {key!r} is another car's id"
            else:
                field = "id"
                message = f"id {key!r} is an alias of the bundled car '{owner.id}'; pick a new id"
            self.errors.append(
                CatalogueError(
                    culprit.file, f"'{culprit.id}'", field, message, lines.field(index, field)
                )
            )
        return [car for car in self.cars if car.id not in dropped]


def load_catalogue(
    path: Path | None = None, *, extra: Path | None = None, year_now: int | None = None
) -> Catalogue:
    """Load every *.toml in `path` (a folder or one file). Never raises for bad data.

    `extra` is a club's own folder (PADDOCK_CATALOGUE_EXTRA): read with the same rules
    after the bundled files, its cars marked as club entries. A club entry adds cars;
    one whose id or alias is already taken is reported and skipped.
    """
    source = path or default_catalogue_path()
    loader = _Loader(year_now or _dt.date.today().year)
    if not source.exists():
        loader.errors.append(CatalogueError(str(source), None, None, "catalogue folder not found"))
        return Catalogue([], loader.errors, source, extra)

    for file in _files(source):
        loader.read(file, file.name)
    bundled = len(loader.cars)
    if extra is not None:
        if not extra.exists():
            loader.errors.append(
                CatalogueError(str(extra), None, None, "club catalogue folder not found")
            )
        else:
            # Named with the folder, so 'club/bmw-m3.toml' is never mistaken for ours
            # (a single file given instead of a folder: with the folder it is in).
            folder = extra if extra.is_dir() else extra.parent
            for file in _files(extra):
                loader.read(file, f"{folder.name}/{file.name}", club=True)
    cars = loader.finish()
    if not bundled and not loader.errors:
        loader.errors.append(CatalogueError(str(source), None, None, "no [[car]] entries found"))
    return Catalogue(cars, loader.errors, source, extra)
