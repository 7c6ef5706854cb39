"""Vehicle identification numbers: the checks a VIN must pass before Paddock stores it.

A VIN is 17 characters from the digits and the letters without I, O and Q (ISO 3779).
Its first three characters are the World Manufacturer Identifier (WMI): the first
names the region the car was built in, the three together the manufacturer.

The check digit (position 9) is mandatory only for cars built for North America
(and China), so it is checked where the WMI's region is North America (first
character 1-5). A European-built car sold in Europe has no check digit there, and
rejecting it would refuse real cars. The make is read from the WMI where Paddock
knows the code; an unknown code is accepted (Paddock cannot read a make it does not
know), a known code for another make is refused.

Nothing here logs or echoes a VIN: error messages never contain it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.errors import InvalidInput

VIN_LENGTH = 17
_ALLOWED = re.compile(r"[A-HJ-NPR-Z0-9]{17}")
# Spaces and dashes people type between groups ("WBS UR9C5 0BV...") are not part of it.
_SEPARATORS = re.compile(r"[\s\-–.]+")

_TRANSLITERATION = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)

# WMI (or its first two characters) -> the makes that build under it. Where one maker
# builds another's car, both are listed: Subaru builds Toyota's 86 and GR86 (JF1), and
# Magna Steyr Toyota's GR Supra (WZ1).
WMI_MAKES: dict[str, frozenset[str]] = {
    code: frozenset(makes)
    for code, makes in {
        # BMW and MINI
        "WBA": {"BMW"}, "WBS": {"BMW"}, "WBY": {"BMW"}, "WBX": {"BMW"}, "WBW": {"BMW"},
        "4US": {"BMW"}, "5UX": {"BMW"}, "5UM": {"BMW"}, "5YM": {"BMW"},
        "WMW": {"MINI"}, "WMZ": {"MINI"},
        # Volkswagen group
        "WP0": {"Porsche"}, "WP1": {"Porsche"},
        "WAU": {"Audi"}, "WUA": {"Audi"}, "WA1": {"Audi"}, "TRU": {"Audi"},
        "WVW": {"Volkswagen"}, "WVG": {"Volkswagen"}, "3VW": {"Volkswagen"},
        "1VW": {"Volkswagen"},
        "VSS": {"Cupra", "SEAT"},
        # Mercedes
        "WDD": {"Mercedes-AMG", "Mercedes-Benz"}, "WDB": {"Mercedes-AMG", "Mercedes-Benz"},
        "W1K": {"Mercedes-AMG", "Mercedes-Benz"}, "W1N": {"Mercedes-AMG", "Mercedes-Benz"},
        "WDC": {"Mercedes-AMG", "Mercedes-Benz"}, "WMX": {"Mercedes-AMG"},
        "55S": {"Mercedes-AMG", "Mercedes-Benz"}, "4JG": {"Mercedes-AMG", "Mercedes-Benz"},
        # France
        "VFA": {"Alpine"}, "VF1": {"Renault"}, "VF3": {"Peugeot"}, "VR3": {"Peugeot"},
        # Italy and the UK
        "ZFF": {"Ferrari"}, "ZAR": {"Alfa Romeo"}, "ZFA": {"Abarth", "Fiat"},
        "SCC": {"Lotus"},
        # Ford
        "WF0": {"Ford"}, "1FA": {"Ford"}, "3FA": {"Ford"},
        # Japan and Korea
        "JT": {"Toyota"}, "4T1": {"Toyota"}, "2T1": {"Toyota"}, "SB1": {"Toyota"},
        "WZ1": {"Toyota"},
        "JHM": {"Honda"}, "JHL": {"Honda"}, "1HG": {"Honda"}, "2HG": {"Honda"},
        "19X": {"Honda"}, "SHH": {"Honda"}, "SHS": {"Honda"},
        "JM1": {"Mazda"}, "JMZ": {"Mazda"}, "JM3": {"Mazda"},
        "JA3": {"Mitsubishi"}, "JA4": {"Mitsubishi"}, "JMB": {"Mitsubishi"},
        "JMY": {"Mitsubishi"},
        "JN1": {"Nissan"}, "JN8": {"Nissan"}, "1N4": {"Nissan"}, "3N1": {"Nissan"},
        "SJN": {"Nissan"},
        "JF1": {"Subaru", "Toyota"}, "JF2": {"Subaru"}, "4S3": {"Subaru"}, "4S4": {"Subaru"},
        "KMH": {"Hyundai"}, "TMA": {"Hyundai"}, "5NP": {"Hyundai"},
    }.items()
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Vin:
    value: str

    @property
    def tail(self) -> str:
        """The last 7 characters: BMW clubs use them as the short chassis number."""
        return self.value[-7:]

    def __repr__(self) -> str:  # a VIN in a traceback or a debug print would leak it
        return "Vin(…)"


def region(vin: str) -> str:
    """The region the WMI's first character names."""
    first = vin[:1]
    if first in "12345":
        return "North America"
    if first in "67":
        return "Oceania"
    if first in "89":
        return "South America"
    if "A" <= first <= "H":
        return "Africa"
    if "J" <= first <= "R":
        return "Asia"
    return "Europe"


def check_digit(vin: str) -> str:
    """The check digit positions 1-8 and 10-17 give (ISO 3779 / 49 CFR 565)."""
    total = sum(_TRANSLITERATION[c] * w for c, w in zip(vin, _WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def makes_for(vin: str) -> frozenset[str] | None:
    """The makes the WMI stands for, or None where Paddock doesn't know the code."""
    return WMI_MAKES.get(vin[:3]) or WMI_MAKES.get(vin[:2])


def normalise(text: str) -> str:
    return _SEPARATORS.sub("", text).upper()


def validate(text: str, make: str | None) -> Vin:
    """The VIN, cleaned, or InvalidInput saying what is wrong (never repeating it)."""
    vin = normalise(text)
    if len(vin) != VIN_LENGTH:
        raise InvalidInput(key="error-vin-length", count=len(vin))
    if not _ALLOWED.fullmatch(vin):
        if any(c in "IOQ" for c in vin):
            raise InvalidInput(key="error-vin-ioq")
        raise InvalidInput(key="error-vin-characters")
    if region(vin) == "North America" and vin[8] != check_digit(vin):
        raise InvalidInput(key="error-vin-check-digit")
    known = makes_for(vin)
    if make is not None and known is not None:
        wanted = make.casefold()
        if not any(m.casefold() == wanted for m in known):
            read = " / ".join(sorted(known))
            raise InvalidInput(key="error-vin-make", read=read, make=make)
    return Vin(vin)


def make_in(text: str) -> str | None:
    """A make named in free text ('bmw e30 325i' -> 'BMW'), so free-text cars get the
    same make check when they name one."""
    words = text.casefold().replace("-", " ").split()
    joined = " ".join(words)
    for makes in WMI_MAKES.values():
        for make in makes:
            key = make.casefold().replace("-", " ")
            if key in words or (" " in key and f" {key} " in f" {joined} "):
                return make
    return None
