"""Meets in German: the rule in words, dates in errors, the note about a doubled hour,
and plurals, each as a German reader gets them and unchanged for an English one."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.errors import InvalidInput
from bot.i18n import t
from bot.render.errors import describe
from bot.render.series import rule_text
from bot.services.meets.recurrence import build_rule
from bot.services.meets.timeparse import Note, parse_when

BERLIN = ZoneInfo("Europe/Berlin")
TUESDAY = datetime(2027, 6, 1, 8, 0, tzinfo=UTC)  # Tuesday 1 June 2027, 10:00 in Berlin


def test_a_rule_reads_in_each_language() -> None:
    first_sunday = build_rule(
        "monthly_weekday", datetime(2027, 1, 3, 10, tzinfo=BERLIN), BERLIN.key
    )
    assert rule_text(first_sunday, "en") == first_sunday.describe()
    assert rule_text(first_sunday, "de") == "jeden ersten Sonntag im Monat um 10:00 (Europe/Berlin)"
    fortnightly = build_rule(
        "weekly", datetime(2027, 6, 5, 8, tzinfo=BERLIN), BERLIN.key, interval=2, count=3
    )
    assert rule_text(fortnightly, "en") == fortnightly.describe()
    assert (
        rule_text(fortnightly, "de") == "alle 2 Wochen am Samstag um 08:00 (Europe/Berlin), 3-mal"
    )
    until = build_rule(
        "monthly_date",
        datetime(2027, 1, 31, 19, tzinfo=BERLIN),
        BERLIN.key,
        until=datetime(2027, 6, 30).date(),
    )
    assert rule_text(until, "de") == (
        "jeden Monat am 31. (in kürzeren Monaten am letzten Tag) um 19:00 (Europe/Berlin), "
        "bis 30. Juni 2027"
    )
    assert rule_text(until, "en").startswith("every month on the 31st (the last day in shorter")
    assert rule_text(until, "en").endswith("until June 30, 2027")


@pytest.mark.parametrize(
    ("typed", "english", "german"),
    [
        (
            "Samstag",
            "At what time on Saturday, June 5? e.g. `Samstag 10:00`",
            "Um wie viel Uhr am Samstag, 5. Juni? z. B. `Samstag 10:00`",
        ),
        (
            "fr 21.8. 10:00",
            "`when`: August 21, 2027 is a Saturday, not a Friday.",
            "`wann`: Der 21. August 2027 ist ein Samstag, kein Freitag.",
        ),
        ("gestern 10:00", "is in the past", "liegt in der Vergangenheit"),
        ("25:00", "`25:00` is not a time of day", "`25:00` ist keine Uhrzeit"),
    ],
)
def test_a_time_refused_reads_in_the_members_language(
    typed: str, english: str, german: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_when(typed, BERLIN, TUESDAY)
    assert english in refused.value.message
    assert english in (describe(refused.value, "en") or "")
    assert german in (describe(refused.value, "de") or "")


def test_german_dates_still_read_through_the_preview_parser() -> None:
    expected = datetime(2027, 6, 5, 10, tzinfo=BERLIN)
    for typed in ("Samstag 10 Uhr", "nächsten Samstag 10:00", "Samstag, den 5.6. 10:00"):
        assert parse_when(typed, BERLIN, TUESDAY).utc == expected, typed


def test_the_doubled_hour_note_is_worded_for_whoever_reads_the_preview() -> None:
    parsed = parse_when("2027-10-31 02:30", BERLIN, TUESDAY)
    assert isinstance(parsed.note, Note)
    assert parsed.note.startswith("2027-10-31 02:30 happens twice in Europe/Berlin")
    assert parsed.note.text("de") == (
        "2027-10-31 02:30 gibt es in Europe/Berlin zweimal (in dieser Nacht wird die Uhr "
        "zurückgestellt); ich habe die erste genommen, CEST (UTC+02:00)."
    )


def test_counts_take_the_right_form() -> None:
    one = t("de", "meets-cancelled-reply", meet="**X**", told=1)
    assert one == "**X** abgesagt; 1 Mitglied wurde informiert."
    many = t("de", "meets-cancelled-reply", meet="**X**", told=1495)
    assert many == "**X** abgesagt; 1.495 Mitglieder wurden informiert."
    assert (
        t("en", "meets-cancelled-reply", meet="**X**", told=1) == "Cancelled **X**; told 1 member."
    )
    footer = t("de", "meets-attendees-footer", id="7", cars=1, passengers=2)
    assert footer.startswith("Treffen #7 · 1 Auto, 2 Mitfahrer")
    assert t("de", "meets-attendees-footer", id="7", cars=92, passengers=0).startswith(
        "Treffen #7 · 92 Autos"
    )
