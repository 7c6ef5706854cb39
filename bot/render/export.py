"""The gate list's words and separator in the organiser's language."""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import t

_HEADER_KEYS = (
    "qa-csv-name",
    "qa-csv-user-id",
    "qa-csv-status",
    "qa-csv-car",
    "qa-csv-passengers",
    "qa-csv-rsvp-time",
    "qa-csv-waitlist-position",
)
_STATUS_KEYS = {
    "going": "qa-csv-status-going",
    "waitlist": "qa-csv-status-waitlist",
    "maybe": "qa-csv-status-maybe",
    "no": "qa-csv-status-no",
}


@dataclass(frozen=True, slots=True)
class GateListWords:
    delimiter: str
    header: tuple[str, ...]
    statuses: dict[str, str]


def gate_list_words(lang: str) -> GateListWords:
    """A spreadsheet opened in German splits columns at ';' (',' is its decimal mark)."""
    return GateListWords(
        delimiter=t(lang, "qa-csv-delimiter"),
        header=tuple(t(lang, key) for key in _HEADER_KEYS),
        statuses={status: t(lang, key) for status, key in _STATUS_KEYS.items()},
    )
