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
from dataclasses import dataclass

from bot.services.zones import zone_names

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
# Links kept for old software (US/Eastern, Etc/GMT+1...): valid if typed, never offered.
_LEGACY_PREFIXES = (
    *("Etc/", "US/", "Canada/", "Mexico/", "Brazil/", "Chile/", "SystemV/", "posix/", "right/"),
)
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
    city: str  # "berlin", "new york", "argentina buenos aires"
    words: tuple[str, ...]


@functools.cache
def _zones() -> tuple[_Zone, ...]:
    names = [z for z in zone_names() if not z.startswith(_LEGACY_PREFIXES)]
    out = []
    for name in names:
        city = name.split("/", 1)[-1].replace("/", " ").replace("_", " ").casefold()
        out.append(_Zone(name, name.casefold(), city, tuple(city.split())))
    return tuple(out)


def resolve_zone(text: str) -> str:
    """What a typed value means: an abbreviation or a zone's city ("Berlin", "new york")
    becomes its zone, anything else stays."""
    cleaned = text.strip()
    known = ABBREVIATIONS.get(cleaned.upper())
    if known:
        return known[1][0]
    city = " ".join(cleaned.replace("_", " ").split()).casefold()
    found = [z.name for z in _zones() if z.city == city]
    return found[0] if len(found) == 1 else cleaned


def _score(zone: _Zone, q: str) -> float:
    """0 for no match; higher is better. q is casefolded, spaces for underscores."""
    if zone.city == q or zone.lower == q:
        return 100.0
    # Equal scores within a kind of match: big cities, then shorter names, break ties.
    if zone.lower.startswith(q) and "/" in q:
        return 90.0
    if zone.city.startswith(q):
        return 85.0
    if any(w.startswith(q) for w in zone.words):
        return 70.0
    if len(q) >= 3 and q in zone.city:
        return 50.0
    return 0.0


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
    scored = [(s, z) for z in _zones() if (s := _score(z, q)) > 0]
    scored.sort(
        key=lambda item: (-item[0], item[1].name not in _MAJOR, len(item[1].city), item[1].name)
    )
    for _, found in scored:
        add(found.name, found.name)
    return choices
