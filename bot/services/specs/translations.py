"""The catalogue's own text in other languages: notes, colour notes, factories.

The catalogue is written in English (data/specs/*.toml) and stays that way; each other
language has one file beside it, data/specs/i18n/<lang>.toml:

    [factories]                      # keyed by the English text itself
    "Munich, Germany" = "München, Deutschland"

    [colour-notes]
    "metallic" = "Metallic"

    [top-speed-labels]
    "with M Driver's Package" = "mit M Driver's Package"

    [gearboxes]                      # only those the message catalogue can't word
    "6-speed manual (Getrag)" = "6-Gang-Schaltgetriebe (Getrag)"

    [names]                          # models and variants with descriptive English words
    "Saloon" = "Limousine"

    [notes.bmw-1m-e82]               # keyed by car id
    of = "3f9a0c1d"                  # fingerprint() of the English note it translates
    text = "…"

Factories, colour notes, optional top speeds' labels and gearboxes repeat across cars and
are short, so they are looked up by their exact English text: a changed English text simply has no translation yet. A note
carries the fingerprint of the English it was translated from; when the English changes,
the translation is stale. A gearbox needs an entry only where bot/i18n can't word it:
"6-speed manual" and "7-speed PDK" are worded by the message catalogue, "6-speed manual
(Getrag)" is not. Stale or missing, the card shows the English, and
`python -m bot check` (and the bundled catalogue's test) name each one. Colour names are
the makers' own names and are never translated. A club's own entries
(PADDOCK_CATALOGUE_EXTRA) may be English only.

A model or variant needs a [names] entry only where it holds a descriptive English word,
a body style, a market or a door count (NAME_WORDS: "Saloon", "3.2 (Euro)", "3-door");
the makers' own names stay as they are, in Germany too: BMW's "Touring", Audi's "Avant"
and "Sportback", Ford's "Fastback", "Competition", "Clubsport".
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .models import Car, Colour

FOLDER = "i18n"
FINGERPRINT_LENGTH = 8
TABLES = ("factories", "colour-notes", "top-speed-labels", "gearboxes", "names", "notes")
# A gearbox the message catalogue words itself: "<n>-speed manual|automatic", or a kind
# made only of names ("PDK", "M DCT", "S tronic", "AMG Speedshift MCT").
_GEARBOX = re.compile(r"^\d+-speed (?P<kind>.+)$")
_ENGLISH_WORD = re.compile(r"(?<![\w-])(?!tronic\b|tiptronic\b)[a-z][a-z-]{2,}")


# Descriptive English in a model's or variant's name: body styles, markets, door counts,
# model years. Not the makers' names for a body ("Touring", "Avant", "Roadster", "Coupé").
NAME_WORDS = frozenset(
    {
        *("saloon", "sedan", "estate", "wagon", "hatchback", "convertible", "door", "doors"),
        *("europe", "euro", "european", "us", "usa", "uk", "north", "america", "market"),
        *("spec", "launch", "my", "on", "from", "model", "year"),
    }
)
_WORD = re.compile(r"[a-z]+")


def name_needs_words(name: str) -> bool:
    """Whether a model or variant needs a [names] entry: it holds a word of NAME_WORDS."""
    return any(word in NAME_WORDS for word in _WORD.findall(name.casefold()))


def gearbox_needs_words(gearbox: str) -> bool:
    """Whether a gearbox's German needs a [gearboxes] entry: it has English words besides
    the plain "manual"/"automatic" bot/i18n translates."""
    found = _GEARBOX.match(gearbox)
    if found is None:
        return bool(_ENGLISH_WORD.search(gearbox))
    kind = found["kind"]
    return kind not in ("manual", "automatic") and bool(_ENGLISH_WORD.search(kind))


def fingerprint(english: str) -> str:
    """A short hash of the English text a translation was made from."""
    return hashlib.sha256(english.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


@dataclass(frozen=True, slots=True)
class Note:
    of: str  # fingerprint of the English note
    text: str


@dataclass(frozen=True)
class Translation:
    """One language's words for the catalogue's text fields."""

    lang: str
    factories: dict[str, str] = field(default_factory=dict)
    colour_notes: dict[str, str] = field(default_factory=dict)
    top_speed_labels: dict[str, str] = field(default_factory=dict)
    gearboxes: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # the file could not be read as a whole
    file: Path | None = None  # None: the catalogue has no file for this language

    def factory(self, english: str) -> str | None:
        return self.factories.get(english)

    def colour_note(self, english: str) -> str | None:
        return self.colour_notes.get(english)

    def note(self, car: Car) -> str | None:
        """The car's note in this language, or None when missing or made from older English."""
        found = self.notes.get(car.id)
        if found is None or car.notes is None or found.of != fingerprint(car.notes):
            return None
        return found.text

    def named(self, car: Car) -> Car:
        """The car with only its model and variant in this language: all a list of names
        needs, without the rest of `localise`'s work (25 times a keystroke)."""
        model = self.names.get(car.model, car.model)
        variant = self.names.get(car.variant, car.variant)
        if (model, variant) == (car.model, car.variant):
            return car
        return dataclasses.replace(car, model=model, variant=variant)

    def localise(self, car: Car) -> Car:
        """The car with its text fields in this language where a current translation
        exists, English where not."""
        factory = car.factory and (self.factory(car.factory) or car.factory)
        notes = car.notes and (self.note(car) or car.notes)
        colours = tuple(
            Colour(c.name, c.note and (self.colour_note(c.note) or c.note)) for c in car.colours
        )
        label = car.top_speed_optional_label
        label = label and self.top_speed_labels.get(label, label)
        gearboxes = tuple(self.gearboxes.get(g, g) for g in car.gearboxes)
        named = self.named(car)
        model, variant = named.model, named.variant
        ours = (factory, notes, colours, label, gearboxes, model, variant)
        theirs = (
            *(car.factory, car.notes, car.colours, car.top_speed_optional_label, car.gearboxes),
            *(car.model, car.variant),
        )
        if ours == theirs:
            return car
        return dataclasses.replace(
            car,
            factory=factory,
            notes=notes,
            colours=colours,
            top_speed_optional_label=label,
            gearboxes=gearboxes,
            model=model,
            variant=variant,
        )


def translation_path(catalogue: Path, lang: str) -> Path:
    folder = catalogue if catalogue.is_dir() else catalogue.parent
    return folder / FOLDER / f"{lang}.toml"


def _strings(raw: Any, where: str, errors: list[str]) -> dict[str, str]:
    if not isinstance(raw, dict):
        errors.append(f"{where}: must be a table of English text = translation")
        return {}
    found: dict[str, str] = {}
    for english, text in raw.items():
        if isinstance(text, str) and text.strip():
            found[english] = text
        else:
            errors.append(f"{where} {english!r}: the translation must be a non-empty string")
    return found


def _notes(raw: Any, errors: list[str]) -> dict[str, Note]:
    if not isinstance(raw, dict):
        errors.append("[notes]: must hold one [notes.<car id>] table per car")
        return {}
    found: dict[str, Note] = {}
    for car_id, entry in raw.items():
        of = entry.get("of") if isinstance(entry, dict) else None
        text = entry.get("text") if isinstance(entry, dict) else None
        extra = set(entry) - {"of", "text"} if isinstance(entry, dict) else set()
        if not (isinstance(of, str) and isinstance(text, str) and text.strip()) or extra:
            errors.append(f"[notes.{car_id}]: needs exactly `of` (a fingerprint) and `text`")
            continue
        found[car_id] = Note(of, text)
    return found


def load_translation(catalogue: Path, lang: str) -> Translation:
    """`lang`'s file beside the catalogue; an empty Translation (all English) when there is
    none, with what was wrong in `errors` when it cannot be read. Never raises."""
    path = translation_path(catalogue, lang)
    if not path.is_file():
        return Translation(lang)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Translation(lang, errors=[f"{path.name}: {exc}"], file=path)
    errors: list[str] = []
    unknown = set(raw) - set(TABLES)
    errors += [f"{path.name}: unknown table [{name}]" for name in sorted(unknown)]
    return Translation(
        lang,
        factories=_strings(raw.get("factories", {}), "[factories]", errors),
        colour_notes=_strings(raw.get("colour-notes", {}), "[colour-notes]", errors),
        top_speed_labels=_strings(raw.get("top-speed-labels", {}), "[top-speed-labels]", errors),
        gearboxes=_strings(raw.get("gearboxes", {}), "[gearboxes]", errors),
        names=_strings(raw.get("names", {}), "[names]", errors),
        notes=_notes(raw.get("notes", {}), errors),
        errors=[e if e.startswith(path.name) else f"{path.name} {e}" for e in errors],
        file=path,
    )


@dataclass(frozen=True, slots=True)
class Gap:
    """A text a language lacks for a bundled car: missing, or stale (made from older English)."""

    lang: str
    car: str
    # "notes", "factory", "colours[<name>].note", "top_speed_optional_label", "gearboxes[<i>]",
    # "model", "variant"
    field: str
    stale: bool
    english: str

    def __str__(self) -> str:
        if self.field == "notes":
            now = f'of = "{fingerprint(self.english)}"'
            if self.stale:
                return (
                    f"car '{self.car}' notes: translated from older English; "
                    f"translate the new note and set {now}"
                )
            return f"car '{self.car}' notes: not translated; add [notes.{self.car}] with {now}"
        table = {
            "factory": "factories",
            "top_speed_optional_label": "top-speed-labels",
            "model": "names",
            "variant": "names",
        }.get(self.field, "gearboxes" if self.field.startswith("gearboxes") else "colour-notes")
        return f"car '{self.car}' {self.field}: no [{table}] entry for {self.english!r}"


def gaps(cars: Iterable[Car], translation: Translation) -> list[Gap]:
    """Every text of the bundled cars `translation` lacks (club entries are not asked)."""
    lang = translation.lang
    found: list[Gap] = []
    for car in cars:
        if car.club:
            continue
        if car.notes is not None and translation.note(car) is None:
            stale = car.id in translation.notes
            found.append(Gap(lang, car.id, "notes", stale, car.notes))
        if car.factory is not None and translation.factory(car.factory) is None:
            found.append(Gap(lang, car.id, "factory", False, car.factory))
        for colour in car.colours:
            if colour.note is not None and translation.colour_note(colour.note) is None:
                where = f"colours[{colour.name}].note"
                found.append(Gap(lang, car.id, where, False, colour.note))
        label = car.top_speed_optional_label
        if label is not None and label not in translation.top_speed_labels:
            found.append(Gap(lang, car.id, "top_speed_optional_label", False, label))
        for i, gearbox in enumerate(car.gearboxes):
            if gearbox_needs_words(gearbox) and gearbox not in translation.gearboxes:
                found.append(Gap(lang, car.id, f"gearboxes[{i}]", False, gearbox))
        for where, name in (("model", car.model), ("variant", car.variant)):
            if name_needs_words(name) and name not in translation.names:
                found.append(Gap(lang, car.id, where, False, name))
    return found


def orphans(cars: Iterable[Car], translation: Translation) -> list[str]:
    """Translations nothing uses any more: notes of a car the catalogue no longer has (a
    renamed id, a removed car), and table entries no car has."""
    cars = list(cars)
    ids = {car.id for car in cars}
    used: dict[str, set[str | None]] = {
        "factories": {car.factory for car in cars},
        "colour-notes": {c.note for car in cars for c in car.colours},
        "top-speed-labels": {car.top_speed_optional_label for car in cars},
        "gearboxes": {g for car in cars for g in car.gearboxes},
        "names": {n for car in cars for n in (car.model, car.variant)},
    }
    tables = {
        "factories": translation.factories,
        "colour-notes": translation.colour_notes,
        "top-speed-labels": translation.top_speed_labels,
        "gearboxes": translation.gearboxes,
        "names": translation.names,
    }
    found = [f"[notes.{i}] names no car" for i in sorted(translation.notes) if i not in ids]
    for name, table in tables.items():
        found += [f"[{name}] {e!r}: no car has it" for e in table if e not in used[name]]
    return found
