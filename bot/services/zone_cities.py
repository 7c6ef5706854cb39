"""Time zones' cities by the names members use in their own language: "東京", "Wien",
"Lissabon", "Мюнхен"… for /config timezone.

The names come from Babel's locale data (CLDR's exemplar city of each zone, in each of
the languages a Discord client can speak). Reading them means loading some thirty
locales: about 2.5 s and 40 MB, far too much for a keystroke or even a start. So they
are read once, by `python -m bot.services.zone_cities`, into zone_cities_data.py,
which the first /config timezone autocomplete imports (a few milliseconds, no Babel).
tests/services/test_zone_cities.py reads Babel again and fails when the file is stale.

A zone is named after one city, so a member in Munich finds nothing under "München":
CITIES adds the big cities of the regions Paddock's clubs come from that share another
city's zone, in English and German.
"""

from __future__ import annotations

import bisect
import functools
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.services.fold import fold, spellings, starting_with

# Discord's client languages (interaction.locale) as Babel names them.
LANGUAGES = (
    *("id", "da", "de", "en", "es", "es_419", "fr", "hr", "it", "lt", "hu", "nl", "nb", "pl"),
    *("pt", "ro", "fi", "sv", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th", "zh"),
    *("ja", "zh_Hant", "ko"),
)
# CLDR keeps a zone's first id; the tz database has renamed these since. Both are
# valid, but the autocomplete offers the name members know today.
RENAMED = {
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon",
    "Europe/Kiev": "Europe/Kyiv",
    "Atlantic/Faeroe": "Atlantic/Faroe",
    "America/Godthab": "America/Nuuk",
    "Pacific/Truk": "Pacific/Chuuk",
    "Pacific/Ponape": "Pacific/Pohnpei",
    "Pacific/Enderbury": "Pacific/Kanton",
}
# Big cities without a zone of their own (their country's zone is named after another
# city), in the spellings English and German members type.
CITIES: dict[str, str] = {
    **dict.fromkeys(
        ("München", "Munich", "Hamburg", "Frankfurt", "Köln", "Cologne"), "Europe/Berlin"
    ),
    **dict.fromkeys(("Stuttgart", "Düsseldorf", "Nürnberg", "Nuremberg"), "Europe/Berlin"),
    **dict.fromkeys(("Hannover", "Leipzig", "Dresden", "Nürburgring"), "Europe/Berlin"),
    **dict.fromkeys(("Salzburg", "Graz", "Linz", "Innsbruck"), "Europe/Vienna"),
    **dict.fromkeys(("Genf", "Geneva", "Basel", "Bern"), "Europe/Zurich"),
    **dict.fromkeys(("Mailand", "Milan", "Turin", "Neapel", "Naples"), "Europe/Rome"),
    **dict.fromkeys(("Barcelona", "Valencia", "Sevilla"), "Europe/Madrid"),
    **dict.fromkeys(("Lyon", "Marseille", "Le Mans"), "Europe/Paris"),
    **dict.fromkeys(("Rotterdam", "Zandvoort"), "Europe/Amsterdam"),
    **dict.fromkeys(("Spa", "Antwerpen", "Antwerp"), "Europe/Brussels"),
    **dict.fromkeys(("Manchester", "Birmingham", "Silverstone", "Edinburgh"), "Europe/London"),
    **dict.fromkeys(("Krakau", "Kraków"), "Europe/Warsaw"),
    **dict.fromkeys(("San Francisco", "Seattle", "Las Vegas", "San Diego"), "America/Los_Angeles"),
    **dict.fromkeys(("Boston", "Washington", "Miami", "Atlanta"), "America/New_York"),
    **dict.fromkeys(("Dallas", "Houston", "Austin"), "America/Chicago"),
    **dict.fromkeys(("Osaka", "Nagoya", "Yokohama"), "Asia/Tokyo"),
}


@dataclass(frozen=True, slots=True)
class CityName:
    name: str  # as shown: "東京", "Wien"
    zone: str
    folded: str  # name folded as bot/services/fold.py folds, umlauts as typed
    forms: frozenset[str]  # every folded spelling ("munchen", "muenchen")


class _Index:
    """Every name sorted by its folded spellings and by each of their words, and all of
    them in one string, so a keystroke bisects and searches in C instead of looping
    over 5,000 names in Python (30 ms a keystroke on a busy machine; now well under 1)."""

    def __init__(self, entries: list[CityName]) -> None:
        self.entries = entries
        starts = sorted((form, i) for i, e in enumerate(entries) for form in e.forms)
        self.starts = [form for form, _ in starts]
        self.start_entries = [i for _, i in starts]
        words = sorted(
            (word, i)
            for i, e in enumerate(entries)
            for form in e.forms
            for word in form.split()[1:]
        )
        self.words = [word for word, _ in words]
        self.word_entries = [i for _, i in words]
        # Folded text never holds a control character, so NUL keeps names apart.
        self.offsets: list[int] = []
        self.hay_entries: list[int] = []
        parts: list[str] = []
        position = 0
        for i, e in enumerate(entries):
            for form in sorted(e.forms):
                self.offsets.append(position)
                self.hay_entries.append(i)
                parts.append(form)
                position += len(form) + 1
        self.haystack = "\0".join(parts)

    def scores(self, q: str, inside: bool) -> dict[int, float]:
        """Entry -> 100 for the whole name, 85 its start, 70 a later word's start, 50 (only
        when `inside`) anywhere in it."""
        found: dict[int, float] = {}

        def offer(i: int, score: float) -> None:
            if score > found.get(i, 0.0):
                found[i] = score

        if inside:
            at = self.haystack.find(q)
            while at != -1:
                k = bisect.bisect_right(self.offsets, at) - 1
                offer(self.hay_entries[k], 50.0)
                at = self.haystack.find(q, at + 1)
        for k in starting_with(self.words, q):
            offer(self.word_entries[k], 70.0)
        for k in starting_with(self.starts, q):
            offer(self.start_entries[k], 100.0 if self.starts[k] == q else 85.0)
        return found


@functools.cache
def index() -> _Index:
    """Every name in another language and every city of CITIES, read from the generated
    file on first use (a few milliseconds; /config timezone runs it off the event loop)."""
    from bot.services.zone_cities_data import NAMES

    pairs = [(name, zone) for zone, found in NAMES.items() for name in found]
    pairs += list(CITIES.items())
    entries = []
    for name, zone in pairs:
        forms = spellings(name)
        entries.append(CityName(name, zone, fold(name), frozenset(forms)))
    return _Index(entries)


def ready() -> bool:
    """Whether the names are loaded, so a search costs a keystroke's time."""
    return index.cache_info().currsize > 0


def matches(q: str, inside: bool) -> list[tuple[float, CityName]]:
    """(score, name) for every name in another language that folded `q` matches."""
    built = index()
    return [(score, built.entries[i]) for i, score in built.scores(q, inside).items()]


def build(offered: set[str]) -> dict[str, tuple[str, ...]]:
    """Zone -> its city's names in LANGUAGES (from Babel), leaving out names the zone's own
    city already matches when folded ("Berlin", "Tokio" for Tokyo stays)."""
    from babel import Locale

    found: dict[str, set[str]] = {}
    for code in LANGUAGES:
        for cldr_id, info in Locale.parse(code).time_zones.items():
            zone = RENAMED.get(cldr_id, cldr_id)
            city = info.get("city")
            if zone in offered and isinstance(city, str) and city.strip():
                found.setdefault(zone, set()).add(" ".join(city.split()))
    out: dict[str, tuple[str, ...]] = {}
    for zone, cities in sorted(found.items()):
        own = spellings(zone.rsplit("/", 1)[-1].replace("_", " "))
        kept = sorted(c for c in cities if not spellings(c) <= own)
        if kept:
            out[zone] = tuple(kept)
    return out


def render(table: dict[str, tuple[str, ...]], babel_version: str) -> str:
    lines = [
        f'"""Generated by `python -m bot.services.zone_cities` from Babel {babel_version}:',
        'do not edit; see zone_cities.py."""',
        "",
        f'BABEL = "{babel_version}"',
        "",
        "NAMES: dict[str, tuple[str, ...]] = {",
    ]
    for zone, cities in table.items():
        lines.append(f"    {_quoted(zone)}: (")
        lines.extend(f"        {_quoted(c)}," for c in cities)
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def main() -> int:
    import babel

    from bot.services.zones import offered_zones

    target = Path(__file__).with_name("zone_cities_data.py")
    table = build(set(offered_zones()))
    target.write_text(render(table, babel.__version__), encoding="utf-8")
    count = sum(len(c) for c in table.values())
    print(f"wrote {target}: {count} names of {len(table)} zones", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
