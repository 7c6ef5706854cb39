"""Meets and RSVP: the rules, with no Discord in sight."""

from .models import (
    CancelResult,
    DueReminder,
    EditResult,
    Meet,
    Roster,
    RosterShown,
    Rsvp,
    RsvpResult,
)
from .reminders import ReminderService
from .service import MeetService
from .timeparse import ParsedTime, parse_when

__all__ = [
    "CancelResult",
    "DueReminder",
    "EditResult",
    "Meet",
    "MeetService",
    "ParsedTime",
    "ReminderService",
    "Roster",
    "RosterShown",
    "Rsvp",
    "RsvpResult",
    "parse_when",
]
