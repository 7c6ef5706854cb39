"""Names of well-known cars that an alias may not borrow.

Members type "f40" meaning the Ferrari, not the BMW M135i whose chassis code
happens to be F40. An alias equal to one of these names is refused unless the
car it belongs to is that car (its make, and the designation in its name), so a
Ferrari F40 entry may be called "f40" and a Porsche 911 may be called "911".

The list is curated, not exhaustive: famous model names and designations a car
club member would recognise on their own. Chassis codes that are also model
names in everyday club use (F80 for the M3, F12 for the 6 Series) are left out.
"""

from __future__ import annotations

import re

_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# name as typed -> (makes it belongs to, designation that must be in the car's name)
FAMOUS_NAMES: dict[str, tuple[tuple[str, ...], str]] = {
    "f40": (("Ferrari",), "F40"),
    "f50": (("Ferrari",), "F50"),
    "enzo": (("Ferrari",), "Enzo"),
    "laferrari": (("Ferrari",), "LaFerrari"),
    "testarossa": (("Ferrari",), "Testarossa"),
    "dino": (("Ferrari", "Dino"), "Dino"),
    "countach": (("Lamborghini",), "Countach"),
    "miura": (("Lamborghini",), "Miura"),
    "diablo": (("Lamborghini",), "Diablo"),
    "911": (("Porsche",), "911"),
    "959": (("Porsche",), "959"),
    "918": (("Porsche",), "918"),
    "carrera gt": (("Porsche",), "Carrera GT"),
    "m1": (("BMW",), "M1"),
    "z8": (("BMW",), "Z8"),
    "m3": (("BMW",), "M3"),
    "gt40": (("Ford",), "GT40"),
    "mustang": (("Ford",), "Mustang"),
    "corvette": (("Chevrolet",), "Corvette"),
    "viper": (("Dodge", "SRT"), "Viper"),
    "nsx": (("Honda", "Acura"), "NSX"),
    "gtr": (("Nissan",), "GT-R"),
    "skyline": (("Nissan",), "Skyline"),
    "supra": (("Toyota",), "Supra"),
    "mx5": (("Mazda",), "MX-5"),
    "miata": (("Mazda",), "MX-5"),
    "golf": (("Volkswagen",), "Golf"),
    "beetle": (("Volkswagen",), "Beetle"),
    "f1": (("McLaren",), "F1"),
    "veyron": (("Bugatti",), "Veyron"),
    "chiron": (("Bugatti",), "Chiron"),
    "db5": (("Aston Martin",), "DB5"),
    "etype": (("Jaguar",), "E-Type"),
    "stratos": (("Lancia",), "Stratos"),
    "delta integrale": (("Lancia",), "Delta"),
    "type r": (("Honda",), "Type R"),
    "quattro": (("Audi",), "quattro"),
}


def compact(text: str) -> str:
    """'GT-R' -> 'gtr', 'Type R' -> 'typer': how names are compared here."""
    return _NON_ALNUM.sub("", text.casefold())


_BY_COMPACT = {compact(name): (name, owner) for name, owner in FAMOUS_NAMES.items()}


def borrowed_name(alias: str, make: str, name: str) -> str | None:
    """The famous car `alias` names, if it is not this car (make + full name); else None."""
    hit = _BY_COMPACT.get(compact(alias))
    if hit is None:
        return None
    _, (makes, designation) = hit
    own_make = make.casefold() in {m.casefold() for m in makes}
    if own_make and compact(designation) in compact(name):
        return None
    return f"{makes[0]} {designation}"
