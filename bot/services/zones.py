"""The one check of a time-zone name, for /config, the environment and stored settings.

A name is a zone only if the tz database lists it. `ZoneInfo(name)` alone is not a
check: it opens files, so "Europe" (a folder) raises IsADirectoryError, a long name
OSError, and "zone.tab" (a data file) ValueError.
"""

from __future__ import annotations

import functools
import zoneinfo

from bot.errors import InvalidInput

# Listed by the database, but no place a club is: the placeholder zone, and the
# machine's own setting, which differs from host to host.
_NOT_PLACES = {"Factory", "localtime", "posixrules"}


# Links kept for old software (US/Eastern, Etc/GMT+1...): valid if typed, never offered.
_LEGACY_PREFIXES = (
    *("Etc/", "US/", "Canada/", "Mexico/", "Brazil/", "Chile/", "SystemV/", "posix/", "right/"),
)


@functools.cache
def _by_folded_name() -> dict[str, str]:
    return {z.casefold(): z for z in zoneinfo.available_timezones() - _NOT_PLACES}


@functools.cache
def zone_names() -> list[str]:
    """Every zone, sorted: what autocomplete offers (region/city names and UTC)."""
    return sorted(z for z in _by_folded_name().values() if "/" in z or z == "UTC")


@functools.cache
def offered_zones() -> list[str]:
    """The zones autocomplete offers: every zone but the legacy links."""
    return [z for z in zone_names() if not z.startswith(_LEGACY_PREFIXES)]


def zone_name(text: str) -> str | None:
    """The zone's canonical name ("europe/berlin" -> "Europe/Berlin"), or None."""
    return _by_folded_name().get(text.strip().casefold())


def refusal(text: str) -> InvalidInput:
    """What to tell someone who typed `text` where a zone was wanted."""
    shown = "".join(c for c in text.strip()[:60] if c.isprintable()).replace("`", "'")
    if not shown:
        return InvalidInput(key="error-zone-none")
    return InvalidInput(key="error-zone-unknown", text=shown)
