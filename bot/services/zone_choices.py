"""Ranking time zones for /config timezone's autocomplete, the way members type them.

Which names are zones at all is bot/services/zones.py's call; this only orders them.

Members type a city ("berl", "new york"), an abbreviation ("CET", "PST") or a
zone name ("Europe/Ber"). Abbreviations are not zones: several places share
each one, and "CEST" is only CET's summer half. So each common abbreviation is
offered as one real zone that observes it, chosen as the most populous city
using it in the regions Paddock's clubs come from:

  CET / CEST -> Europe/Berlin (Germany follows CET/CEST, as do Paris, Rome,
                Madrid, Amsterdam...; the others follow as further choices)
  GMT / BST  -> Europe/London,  WET / WEST -> Europe/Lisbon,
  EET / EEST -> Europe/Athens,  MSK -> Europe/Moscow,
  ET / EST / EDT -> America/New_York, CT / CST / CDT -> America/Chicago,
  MT / MST / MDT -> America/Denver, PT / PST / PDT -> America/Los_Angeles,
  and a few more below. "IST" means India or Ireland, so both are offered.

Services never import discord: this returns (label, zone) pairs and the cog
turns them into choices.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from bot.services import zone_cities
from bot.services.fold import fold
from bot.services.zones import offered_zones

MAX_CHOICES = 25
DEFAULTS = ("Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "UTC")

# abbreviation -> (what it stands for, the real zones it is offered as, best first)
ABBREVIATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "CET": ("Central European Time", ("Europe/Berlin",)),
    "CEST": ("Central European Summer Time", ("Europe/Berlin",)),
    "MEZ": ("Mitteleuropäische Zeit", ("Europe/Berlin",)),
    "MESZ": ("Mitteleuropäische Sommerzeit", ("Europe/Berlin",)),
    "WET": ("Western European Time", ("Europe/Lisbon",)),
    "WEST": ("Western European Summer Time", ("Europe/Lisbon",)),
    "EET": ("Eastern European Time", ("Europe/Athens",)),
    "EEST": ("Eastern European Summer Time", ("Europe/Athens",)),
    "GMT": ("Greenwich Mean Time", ("Europe/London",)),
    "BST": ("British Summer Time", ("Europe/London",)),
    "UTC": ("Coordinated Universal Time", ("UTC",)),
    "MSK": ("Moscow Time", ("Europe/Moscow",)),
    "IST": ("India or Irish Standard Time", ("Asia/Kolkata", "Europe/Dublin")),
    "ET": ("US Eastern Time", ("America/New_York",)),
    "EST": ("US Eastern Standard Time", ("America/New_York",)),
    "EDT": ("US Eastern Daylight Time", ("America/New_York",)),
    "CT": ("US Central Time", ("America/Chicago",)),
    "CST": ("US Central Standard Time", ("America/Chicago",)),
    "CDT": ("US Central Daylight Time", ("America/Chicago",)),
    "MT": ("US Mountain Time", ("America/Denver",)),
    "MST": ("US Mountain Standard Time", ("America/Denver",)),
    "MDT": ("US Mountain Daylight Time", ("America/Denver",)),
    "PT": ("US Pacific Time", ("America/Los_Angeles",)),
    "PST": ("US Pacific Standard Time", ("America/Los_Angeles",)),
    "PDT": ("US Pacific Daylight Time", ("America/Los_Angeles",)),
    "AKST": ("Alaska Time", ("America/Anchorage",)),
    "HST": ("Hawaii Time", ("Pacific/Honolulu",)),
    "JST": ("Japan Standard Time", ("Asia/Tokyo",)),
    "KST": ("Korea Standard Time", ("Asia/Seoul",)),
    "SGT": ("Singapore Time", ("Asia/Singapore",)),
    "HKT": ("Hong Kong Time", ("Asia/Hong_Kong",)),
    "AEST": ("Australian Eastern Time", ("Australia/Sydney",)),
    "AEDT": ("Australian Eastern Daylight Time", ("Australia/Sydney",)),
    "ACST": ("Australian Central Time", ("Australia/Adelaide",)),
    "AWST": ("Australian Western Time", ("Australia/Perth",)),
    "NZST": ("New Zealand Time", ("Pacific/Auckland",)),
    "NZDT": ("New Zealand Daylight Time", ("Pacific/Auckland",)),
    "SAST": ("South Africa Time", ("Africa/Johannesburg",)),
    "BRT": ("Brasília Time", ("America/Sao_Paulo",)),
}
# Other zones that keep the same clock as an abbreviation's first zone, offered after it.
SAME_CLOCK: dict[str, tuple[str, ...]] = {
    "Europe/Berlin": (
        *("Europe/Paris", "Europe/Amsterdam", "Europe/Brussels", "Europe/Vienna"),
        *("Europe/Zurich", "Europe/Rome", "Europe/Madrid", "Europe/Stockholm"),
        *("Europe/Oslo", "Europe/Copenhagen", "Europe/Prague", "Europe/Warsaw"),
        *("Europe/Budapest", "Europe/Luxembourg"),
    ),
    "Europe/London": ("Europe/Dublin", "Europe/Lisbon"),
    "Europe/Athens": ("Europe/Helsinki", "Europe/Bucharest", "Europe/Sofia", "Europe/Kyiv"),
}
# Big cities win ties between zones that match equally ("san" -> Santiago? San Francisco is
# not a zone; Sao_Paulo and Santiago both are): a short list, not a population table.
_MAJOR = frozenset(
    {
        *DEFAULTS,
        *("Europe/Paris", "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam", "Europe/Vienna"),
        *("Europe/Zurich", "Europe/Stockholm", "Europe/Warsaw", "Europe/Prague", "Europe/Dublin"),
        *("Europe/Brussels", "Europe/Lisbon", "Europe/Athens", "Europe/Helsinki", "Europe/Moscow"),
        *("Europe/Istanbul", "America/Chicago", "America/Denver", "America/Toronto"),
        *("America/Sao_Paulo", "America/Mexico_City", "Asia/Tokyo", "Asia/Singapore"),
        *("Asia/Dubai", "Asia/Kolkata", "Asia/Shanghai", "Asia/Hong_Kong", "Australia/Sydney"),
        *("Australia/Melbourne", "Pacific/Auckland", "Africa/Johannesburg"),
    }
)


@dataclass(frozen=True, slots=True)
class ZoneChoice:
    label: str  # what the member reads, e.g. "CET (Central European Time): Europe/Berlin"
    zone: str  # the IANA name stored


@dataclass(frozen=True, slots=True)
class _Zone:
    name: str
    lower: str  # "europe/berlin"
    city: str  # "berlin", "new york", "argentina buenos aires" (folded)
    words: tuple[str, ...]


@functools.cache
def _zones() -> tuple[_Zone, ...]:
    out = []
    for name in offered_zones():
        city = fold(name.split("/", 1)[-1].replace("/", " "))
        out.append(_Zone(name, name.casefold(), city, tuple(city.split())))
    return tuple(out)


def resolve_zone(text: str) -> str:
    """What a typed value means: an abbreviation or a zone's city ("Berlin", "new york",
    "Wien", "東京") becomes its zone, anything else stays."""
    cleaned = text.strip()
    known = ABBREVIATIONS.get(cleaned.upper())
    if known:
        return known[1][0]
    city = fold(cleaned)
    found = {z.name for z in _zones() if z.city == city}
    if not found:
        found = {n.zone for n in _named(city)}
    return found.pop() if len(found) == 1 else cleaned


def other_name(text: str) -> str | None:
    """The name as listed ("Wien", "München") when `text` names one zone's city in another
    language, or a city without a zone of its own; None otherwise."""
    city = fold(text)
    if any(z.city == city for z in _zones()):
        return None
    named = _named(city)
    return named[0].name if len({n.zone for n in named}) == 1 else None


def _named(city: str) -> list[zone_cities.CityName]:
    if not city:
        return []
    return [n for score, n in zone_cities.matches(city, False) if score == 100.0]


def _score(zone: _Zone, q: str, city: str) -> float:
    """0 for no match; higher is better. q is casefolded, spaces for underscores; city is
    q folded as names are (bot/services/fold.py)."""
    if zone.city == city or zone.lower == q:
        return 100.0
    # Equal scores within a kind of match: big cities, then shorter names, break ties.
    if zone.lower.startswith(q) and "/" in q:
        return 90.0
    return _name_score(zone.city, zone.words, city) if city else 0.0


def _name_score(name: str, words: Iterable[str], q: str) -> float:
    if name == q:
        return 100.0
    if name.startswith(q):
        return 85.0
    if any(w.startswith(q) for w in words):
        return 70.0
    if _inside(q) and q in name:
        return 50.0
    return 0.0


def _inside(q: str) -> bool:
    """Whether q is long enough to look for inside names: three letters are a word's
    worth in most scripts, two Chinese or Japanese ones are."""
    return len(q) >= 3 or (len(q) == 2 and unicodedata.east_asian_width(q[0]) == "W")


def zone_choices(current: str) -> list[ZoneChoice]:
    """Best first: abbreviations, then cities and zone names, at most 25."""
    text = current.strip()
    if not text:
        return [ZoneChoice(z, z) for z in DEFAULTS]
    choices: list[ZoneChoice] = []
    seen: set[str] = set()

    def add(label: str, zone: str) -> None:
        if zone not in seen and len(choices) < MAX_CHOICES:
            seen.add(zone)
            choices.append(ZoneChoice(label, zone))

    upper = text.upper()
    exact = ABBREVIATIONS.get(upper)
    prefixed = (
        [a for a in ABBREVIATIONS if a.startswith(upper) and a != upper] if len(text) >= 2 else []
    )
    named: dict[str, list[str]] = {}  # zone -> the abbreviations that lead to it, in order
    for abbreviation in ([upper] if exact else []) + sorted(prefixed, key=len):
        for zone in ABBREVIATIONS[abbreviation][1]:
            named.setdefault(zone, []).append(abbreviation)
    for zone, abbreviations in named.items():
        meaning = ABBREVIATIONS[abbreviations[0]][0]
        add(f"{' / '.join(abbreviations)} ({meaning}): {zone}", zone)
    if exact:
        for zone in SAME_CLOCK.get(exact[1][0], ()):
            add(f"{zone} (also {upper})", zone)

    q = " ".join(text.casefold().replace("_", " ").split())
    city = fold(text)
    # (score, from another language, not a big city, name's length, label, zone): at equal
    # scores the tz database's own name first ("ber": Berlin before Bern, Zurich's city).
    scored = [
        (score, False, z.name not in _MAJOR, len(z.city), z.name, z.name)
        for z in _zones()
        if (score := _score(z, q, city)) > 0
    ]
    if city:
        scored += [
            (score, True, n.zone not in _MAJOR, len(n.folded), _label(n.name, n.zone), n.zone)
            for score, n in zone_cities.matches(city, _inside(city))
        ]
    scored.sort(key=lambda item: (-item[0], *item[1:]))
    for *_, label, zone in scored:
        add(label, zone)
    return choices


def _label(name: str, zone: str) -> str:
    """'東京: Asia/Tokyo', at most Discord's 100 characters for a choice's name."""
    return f"{name[: 100 - len(zone) - 3]}: {zone}"
