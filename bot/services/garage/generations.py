"""Which catalogue cars a register question means: one generation, or a whole family.

The catalogue gives a bare name ("m3", "m2") to the newest generation only, so that
/specs shows one card for it. A club's register is another question: "m3" there means
every M3 the club has, E30 to G80, counted per generation. Text that narrows it
("m3 e46", "E46 M3", "m3 competition") still means one car.

A family is the cars whose model and variant words hold every typed word (a make
aside), of one make, sharing the typed words at the start of their names: "m3" is
every "M3 …", "m2 cs" both CS generations, "911 gt3" every GT3. Words scattered over
unrelated names ("s" in "Boxster S" and "911 Turbo S") make no family.

A garage counts each car by its catalogue id (garage_cars.model_id), so generations
that share a name ("BMW M3") are told apart by `generation_label`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.services.fold import fold
from bot.services.specs.models import Car
from bot.services.specs.search import MAKE_ALIASES


@dataclass(frozen=True, slots=True)
class Family:
    name: str  # "BMW M3": the words the family's names start with
    cars: tuple[Car, ...]
    words: tuple[str, ...]  # the typed words, folded, the make left out: ("m3",)


def _make_words(make: str) -> set[str]:
    name = fold(make)
    words = set(name.split())
    for alias in MAKE_ALIASES.get(name, ()):
        words.update(alias.split())
    return words


def _name_words(car: Car) -> list[str]:
    return fold(f"{car.model} {car.variant}").split()


def _common_start(lists: Iterable[list[str]]) -> list[str]:
    common: list[str] | None = None
    for words in lists:
        if common is None:
            common = list(words)
            continue
        n = 0
        while n < min(len(common), len(words)) and common[n] == words[n]:
            n += 1
        common = common[:n]
    return common or []


def family(cars: Sequence[Car], text: str) -> Family | None:
    """The family `text` names by its model words alone, when that is more than one car;
    None for text that names a generation, a chassis, one car or nothing."""
    typed = fold(text).split()
    if not typed:
        return None
    found: list[Car] = []
    words: tuple[str, ...] = ()
    for car in cars:
        make = _make_words(car.make)
        rest = tuple(w for w in typed if w not in make)
        names = set(_name_words(car))
        if rest and all(w in names for w in rest):
            found.append(car)
            words = rest
    if len(found) < 2 or len({car.make for car in found}) > 1:
        return None
    start = _common_start(_name_words(car) for car in found)
    if not start or not set(words) <= set(start):
        return None
    # Named as far as the typed words go: "mustang" is the "Ford Mustang", though both
    # generations are "Mustang GT Fastback"; "gt3" is the "Porsche 911 GT3".
    start = start[: max(start.index(w) for w in words) + 1]
    return Family(_display_name(found, start), tuple(found), words)


def _display_name(cars: Sequence[Car], start: list[str]) -> str:
    """'BMW M3': the family's common start as the catalogue writes it."""
    for car in sorted(cars, key=lambda c: len(c.name)):
        spelt = f"{car.model} {car.variant}".split()
        for n in range(1, len(spelt) + 1):
            if fold(" ".join(spelt[:n])).split() == start:
                return f"{car.make} {' '.join(spelt[:n])}"
    return f"{cars[0].make} {' '.join(start)}"


def generation_label(car: Car) -> str:
    """'BMW M3 (E46)': a catalogue car as the register counts it, told apart from the
    other generations of its name by the chassis."""
    return f"{car.name} ({car.chassis})"


def names_family(words: Sequence[str], text: str) -> bool:
    """Whether a member's own text holds every word of a family's ("BMW M3", "M3 E46
    Touring" for "m3"; not "M340i"): whole words, as the family was found."""
    own = set(fold(text).split())
    return bool(words) and all(w in own for w in words)


def names_chassis(text: str, car: Car) -> bool:
    """Whether text names the car's chassis ("E82 135i", "golf gti mk7"): the first
    word of its code, two characters or more."""
    code = fold(car.chassis).split()
    return bool(code) and len(code[0]) >= 2 and code[0] in fold(text).split()
