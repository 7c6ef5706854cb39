"""The attendee list as CSV for gate lists, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from .models import Roster

HEADER = ("name", "user_id", "status", "car", "passengers", "rsvp_time", "waitlist_position")
STATUSES = {"going": "going", "waitlist": "waitlist", "maybe": "maybe", "no": "not going"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """Defuse spreadsheet formulas (CSV injection): a leading quote makes it text."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def roster_csv(
    roster: Roster,
    *,
    delimiter: str = ",",
    header: Sequence[str] = HEADER,
    statuses: Mapping[str, str] = STATUSES,
) -> bytes:
    """The gate list; `delimiter`, `header` and `statuses` as the organiser's spreadsheet
    expects them (German Excel splits columns at ";", not ",")."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(name) for name in header])
    groups = (
        ("going", roster.going),
        ("waitlist", roster.waitlist),
        ("maybe", roster.maybe),
        ("no", roster.no),
    )
    for status, rsvps in groups:
        label = statuses[status]
        for position, rsvp in enumerate(rsvps, start=1):
            writer.writerow(
                [
                    safe_cell(rsvp.display_name or rsvp.user_id),
                    str(rsvp.user_id),
                    label,
                    safe_cell(rsvp.car),
                    str(rsvp.passengers),
                    rsvp.responded_at.isoformat(),
                    str(position) if status == "waitlist" else "",
                ]
            )
    # A BOM so Excel opens umlauts (Nürburgring) correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")
