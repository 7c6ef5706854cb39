"""Live attendance counting, club records and the history chart."""

from bot.services.attendance.counter import AttendanceService
from bot.services.attendance.models import (
    Arrival,
    Change,
    CounterShown,
    CounterState,
    LiveCounter,
    MeetInfo,
    StartResult,
    StopSummary,
)
from bot.services.attendance.records import HistoryEntry, Record, RecordsService

__all__ = [
    "Arrival",
    "AttendanceService",
    "Change",
    "CounterShown",
    "CounterState",
    "HistoryEntry",
    "LiveCounter",
    "MeetInfo",
    "Record",
    "RecordsService",
    "StartResult",
    "StopSummary",
]
