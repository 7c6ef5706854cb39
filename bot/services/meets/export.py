"""The attendee list as CSV for gate lists, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from .models import Roster

HEADER = ("name", "user_id", "status", "car", "passengers", "rsvp_time", "waitlist_position")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """Defuse spreadsheet formulas (CSV injection): a leading quote makes it text."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def roster_csv(roster: Roster) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    groups = (
        ("going", roster.going),
        ("waitlist", roster.waitlist),
        ("maybe", roster.maybe),
        ("not going", roster.no),
    )
    for label, rsvps in groups:
        for position, rsvp in enumerate(rsvps, start=1):
            writer.writerow(
                [
                    safe_cell(rsvp.display_name or rsvp.user_id),
                    str(rsvp.user_id),
                    label,
                    safe_cell(rsvp.car),
                    str(rsvp.passengers),
                    rsvp.responded_at.isoformat(),
                    str(position) if label == "waitlist" else "",
                ]
            )
    # A BOM so Excel opens umlauts (Nürburgring) correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")
