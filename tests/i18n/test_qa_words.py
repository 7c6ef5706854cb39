"""What members read, found wrong by trying the bot as a club would (the qa pass):
each test pins one reply that read wrong before, in both languages."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.i18n import t
from bot.render.attendance import adjust_reply
from bot.render.meets import spelled
from bot.render.specs import power_text, torque_text
from bot.services.attendance.models import Change
from bot.services.specs.catalogue import load_catalogue


def _change(applied: int, checked_in: int, staff: int) -> Change:
    return Change(1, 2, 3, "staff", applied, checked_in, staff, None, False, False, None)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "Staff tally −4, not −10: the count stays between 0 and 100,000. "
            "Now 0 cars: 0 checked in, staff tally 0.",
        ),
        (
            "de",
            "Teamzählung −4 statt −10: Die Zählung bleibt zwischen 0 und 100.000. "
            "Jetzt 0 Autos: 0 eingecheckt, Teamzählung 0.",
        ),
    ],
)
def test_a_clamped_adjustment_names_what_was_asked_and_what_was_applied(
    lang: str, expected: str
) -> None:
    # -10 asked with 4 cars counted: only -4 can apply. It used to read "-4 (limited to -4…".
    assert adjust_reply(_change(-4, 0, 0), -10, lang) == expected


GERMAN = (Path(__file__).resolve().parents[2] / "bot" / "i18n" / "de.ftl").read_text("utf-8")


def test_german_names_the_check_in_button_as_it_reads() -> None:
    # The button says "Ich bin da"; /checkin's description called it „Bin da“.
    assert t("de", "meets-button-here") == "Ich bin da"
    quoted = re.findall(r"„[^“]*bin da“", GERMAN, flags=re.I)
    assert quoted and set(quoted) == {"„Ich bin da“"}


def test_german_calls_a_series_reihe_everywhere() -> None:
    # The option is `reihe` and every message says Reihe; /meet info's field said "Serie".
    assert t("de", "meets-field-series") == "Reihe"
    assert not re.search(r"\bSerie\b", GERMAN)


@pytest.mark.parametrize(
    ("lang", "band", "power"),
    [
        ("en", "1,500–4,500 rpm", "at 5,900 rpm"),
        ("de", "1.500–4.500 U/min", "bei 5.900 U/min"),
    ],
)
def test_the_torque_band_reads_like_the_power_line(lang: str, band: str, power: str) -> None:
    # It read "1500–4500 rpm" in both languages under "5.900 U/min".
    car = next(c for c in load_catalogue().cars if c.id == "bmw-1m-e82")
    assert torque_text(car, "metric", lang).splitlines()[-1] == band
    assert power_text(car, "metric", lang).endswith(power)


def _localised_names(source: str) -> tuple[set[str], set[str]]:
    """The German names of every command and subcommand, and of every option."""
    commands, options = set(), set()
    for key, name in re.findall(r"^cmd-([a-z0-9-]+) =\n    \.name = (\S+)", source, re.M):
        (options if "-opt-" in key else commands).add(name)
    return commands, options


def test_german_messages_name_commands_as_a_german_discord_shows_them() -> None:
    # "/meet create", "/specs", "units:imperial" in German text: a German client lists
    # /treffen erstellen, /daten and einheiten, so the English names lead nowhere.
    commands, options = _localised_names(GERMAN)
    messages = "\n".join(
        line for line in GERMAN.splitlines() if not line.startswith(("cmd-", "    .", "#"))
    )
    named = re.findall(
        r"(?<![\w/])/([a-zäöü][a-zäöü-]*)(?: ([a-zäöü][a-zäöü-]*)(?![\w:-]))?", messages
    )
    assert named
    for command, sub in named:
        assert command.rstrip("-") in commands, f"/{command} {sub}"
        assert not sub or sub in commands, f"/{command} {sub}"
    for option in re.findall(r"`?([a-z_-]+):(?:true|imperial|metric|metrisch|\{)", messages):
        assert option in options, option
    assert "dates: this date only" not in messages


@pytest.mark.parametrize(("no", "expected"), [(1, "1 kann nicht"), (2, "2 können nicht")])
def test_the_german_attendee_summary_agrees_with_one_who_cant_go(no: int, expected: str) -> None:
    # It read "1 können nicht".
    text = t("de", "meets-attendees-summary", places="0/90", waiting=0, maybe=0, no=no)
    assert text.endswith(expected)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "RSVPs close at the start, Saturday, August 21, 2027, 10:00 (Europe/Berlin, CEST)"),
        (
            "de",
            "Zusagen schließen zum Beginn, Samstag, 21. August 2027, 10:00 (Europe/Berlin, CEST)",
        ),
    ],
)
def test_the_preview_says_rsvps_close_at_the_start_without_stacked_brackets(
    lang: str, expected: str
) -> None:
    # It read "… 10:00 (Europe/Berlin, CEST) (at the start)".
    when = spelled(datetime(2027, 8, 21, 8, 0, tzinfo=UTC), ZoneInfo("Europe/Berlin"), lang)
    assert t(lang, "meets-preview-closes-at-start", when=when) == expected


@pytest.mark.parametrize("lang", ["en", "de"])
def test_numbers_written_in_the_catalogue_group_thousands_as_babel_does(lang: str) -> None:
    # English texts once wrote "100 000" where the replies, through Babel, say "100,000".
    import re
    from pathlib import Path

    from bot.i18n.formats import number

    text = (Path(__file__).parents[2] / "bot" / "i18n" / f"{lang}.ftl").read_text("utf-8")
    grouped = re.compile(r"(?<![\d.,\w])\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?![\d\w])")
    wrong = [
        m.group()
        for m in grouped.finditer(text)
        if m.group() != number(lang, int(re.sub(r"\D", "", m.group())))
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("lang", "applied", "expected"),
    [("en", 100000, "Staff tally +100,000: "), ("de", -2500, "Teamzählung −2.500: ")],
)
def test_a_staff_reply_groups_its_signed_change(lang: str, applied: int, expected: str) -> None:
    from bot.render.attendance import staff_reply

    assert staff_reply(_change(applied, 0, 0), lang).startswith(expected)
