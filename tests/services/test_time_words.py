"""Times of day in words: "halb 8", "viertel nach 10", "quarter to 8".

Each is read relative to the hour it names, the way a bare "8" is read: morning unless
an afternoon or evening is named ("Samstag Abend halb 8" is 19:30). What stays refused
stays refused with the message it had.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.errors import InvalidInput
from bot.render.errors import describe
from bot.services.meets import parse_when
from bot.services.meets.timeparse import read_end

BERLIN = ZoneInfo("Europe/Berlin")
TUE = datetime(2027, 6, 1, 10, 0)  # Tuesday 1 June 2027, 10:00 in Berlin


def _now(local: datetime = TUE) -> datetime:
    return local.replace(tzinfo=BERLIN).astimezone(UTC)


def at(d: int, h: int, mi: int = 0, mo: int = 6) -> datetime:
    return datetime(2027, mo, d, h, mi)


READ: list[tuple[str, datetime]] = [
    # German: half, quarter past, quarter to, three quarters, south German quarter
    ("morgen halb 8", at(2, 7, 30)),
    ("morgen um halb 8", at(2, 7, 30)),
    ("morgen um halb 8 Uhr", at(2, 7, 30)),
    ("Samstag Abend halb 8", at(5, 19, 30)),
    ("Samstag abends halb 8", at(5, 19, 30)),
    ("morgen Abend halb 8", at(2, 19, 30)),
    ("morgen viertel nach 10", at(2, 10, 15)),
    ("Samstag Viertel nach 10", at(5, 10, 15)),
    ("morgen viertel vor 8", at(2, 7, 45)),
    ("morgen dreiviertel 8", at(2, 7, 45)),
    ("morgen drei viertel 8", at(2, 7, 45)),
    ("Samstag Viertel 8", at(5, 7, 15)),
    ("Samstag Abend Viertel 8", at(5, 19, 15)),
    ("21.8. halb 8", at(21, 7, 30, mo=8)),
    ("nächsten Samstag um halb 10", at(5, 9, 30)),
    ("morgen halb 1", at(2, 0, 30)),  # as "1" alone: 01:00, half an hour before
    ("Samstag Nachmittag halb 1", at(5, 12, 30)),
    ("Samstag Abend halb 12", at(5, 23, 30)),
    ("morgen viertel nach 20", at(2, 20, 15)),
    ("Samstag halb 8 abends", at(5, 19, 30)),
    ("Samstag um 8 Uhr abends", at(5, 20, 0)),
    ("Samstag 8 abends", at(5, 20, 0)),
    ("Samstag halb 8 morgens", at(5, 7, 30)),
    ("saturday quarter to 8 in the evening", at(5, 19, 45)),
    ("halb 8", at(2, 7, 30)),  # today's 07:30 is past at 10:00
    ("halb 11", at(1, 10, 30)),  # today's 10:30 is still to come
    ("morgen halb acht", at(2, 7, 30)),
    ("Samstag Abend um Viertel nach sieben", at(5, 19, 15)),
    ("Samstag dreiviertel zwölf", at(5, 11, 45)),
    # English
    ("saturday a quarter past 10", at(5, 10, 15)),
    ("tomorrow at a quarter to eight", at(2, 7, 45)),
    ("tomorrow half past 7", at(2, 7, 30)),
    ("tomorrow half past 7pm", at(2, 19, 30)),
    ("tomorrow at quarter past 10", at(2, 10, 15)),
    ("saturday quarter to 8", at(5, 7, 45)),
    ("saturday quarter to 8 pm", at(5, 19, 45)),
    ("saturday evening quarter to 8", at(5, 19, 45)),
]


@pytest.mark.parametrize(("typed", "expected"), READ, ids=[row[0] for row in READ])
def test_a_time_in_words_is_read(typed: str, expected: datetime) -> None:
    parsed = parse_when(typed, BERLIN, _now())
    assert parsed.local.replace(tzinfo=None) == expected


REFUSED: list[tuple[str, str]] = [
    # In Britain "half 8" is 08:30, to a German 07:30: not guessed.
    ("tomorrow half 8", "error-meets-half-hour"),
    ("half 8 on saturday", "error-meets-half-hour"),
    ("morgen halb", "error-meets-when-unreadable"),
    ("morgen halb 25", "error-meets-not-a-time"),
    ("morgen viertel nach 24", "error-meets-not-a-time"),
    ("morgen halb 0", "error-meets-not-a-time"),
    ("tomorrow quarter to 13pm", "error-meets-not-a-time"),
    ("morgen halb 8 halb 9", "error-meets-when-unreadable"),  # two times of day
    ("gestern halb 8", "error-meets-when-in-past"),
]


@pytest.mark.parametrize(("typed", "key"), REFUSED, ids=[row[0] for row in REFUSED])
def test_what_still_is_no_time_is_refused(typed: str, key: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_when(typed, BERLIN, _now())
    assert refused.value.key == key


ENDS: list[tuple[str, datetime]] = [
    ("halb 11", at(3, 10, 30)),  # as "11" would be: its first 10:30 after a 19:30 start
    ("bis halb 23", at(2, 22, 30)),
    ("bis viertel vor 11pm", at(2, 22, 45)),
    ("viertel vor 11 abends", at(2, 22, 45)),
    ("quarter past 9pm", at(2, 21, 15)),
]


@pytest.mark.parametrize(("typed", "expected"), ENDS, ids=[row[0] for row in ENDS])
def test_ends_reads_a_time_in_words_after_the_start(typed: str, expected: datetime) -> None:
    start = parse_when("morgen Abend halb 8", BERLIN, _now())
    ends = read_end(typed, start.utc, BERLIN)
    assert ends.astimezone(BERLIN).replace(tzinfo=None) == expected


def test_half_alone_names_both_readings_in_the_members_language() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_when("tomorrow half 8", BERLIN, _now())
    assert describe(refused.value, "en") == (
        "`when`: `half 8` is 08:30 in Britain but 07:30 to a German. "
        "Type the time itself: `08:30` or `07:30`."
    )
    with pytest.raises(InvalidInput) as ends:
        start = parse_when("tomorrow 19:00", BERLIN, _now())
        read_end("half 11", start.utc, BERLIN)
    assert describe(ends.value, "de") == (
        "`ende`: `half 11` heißt in Großbritannien 11:30, auf Deutsch aber 10:30. "
        "Gib die Uhrzeit selbst ein: `11:30` oder `10:30`."
    )
