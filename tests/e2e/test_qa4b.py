"""A German club through the real bot (the qa4b pass): each test pins something a German
organiser or member read or got wrong before."""

from __future__ import annotations

import pytest

from bot.i18n import t
from tests.e2e.harness import Harness

pytestmark = pytest.mark.e2e

GERMAN = "de"


@pytest.mark.parametrize("typed", ["keine", "Keine", "none", "-"])
async def test_a_german_organiser_takes_a_meet_out_of_its_series_with_keine(
    paddock: Harness, typed: str
) -> None:
    """The German description of /meet edit's `reihe` offers "keine" for the whole
    server, as the English one offers "none"; "keine" was taken as a name and started a
    series called "keine"."""
    p = paddock
    await p.create(
        {
            "title": "Ring",
            "when": "2027-08-21 10:00",
            "location": "Nürburg",
            "series": "Nürburgring",
        }
    )
    [meet] = await p.bot.services.meets.upcoming(p.guild_id)
    assert meet.series == "Nürburgring"
    edited = await p.run(
        p.organiser_id, "meet edit", {"meet": str(meet.id), "series": typed}, locale=GERMAN
    )
    assert edited.ephemeral
    assert not (await p.bot.services.meets.get(p.guild_id, meet.id)).series
    described = t(GERMAN, "cmd-meet-edit-opt-series.description")
    assert "„keine“ für den ganzen Server" in described, described


def test_german_option_words_are_the_words_german_input_takes() -> None:
    """The German /config reminders description said „off“ (the reply to a wrong time
    says `aus`, and /config shows "aus"); the /config meet-threads reply named a
    "Dabei" button that the announcement labels „Ich komme“."""
    reminders = t(GERMAN, "cmd-config-reminders-opt-times.description")
    assert "„aus“ für keine" in reminders and "off" not in reminders
    threads = t(GERMAN, "config-meet-threads-on")
    going, maybe = t(GERMAN, "meets-button-going"), t(GERMAN, "meets-button-maybe")
    assert f"„{going}“ oder „{maybe}“" in threads, threads


def test_the_german_repeat_choices_read_as_german() -> None:
    """ "jeden Monat am letzten solchen Wochentag" is English word order, and "alle N
    Wochen mit alle" needs the reader to know `alle` is an option."""
    weekly = t(GERMAN, "choice-every-week-or-every-n-weeks-with-every")
    assert weekly == "jede Woche (oder alle N Wochen, mit der Option „alle“)"
    last = t(GERMAN, "choice-every-month-on-the-last-such-weekday")
    assert "solchen" not in last and "(z. B. letzter Samstag)" in last, last
    assert len(weekly) <= 100 and len(last) <= 100  # Discord's limit for a choice name


@pytest.mark.parametrize(
    ("lang", "one", "five"),
    [
        ("de", "Meilensteine bei jedem Auto.", "Meilensteine alle 5 Autos."),
        ("en", "Milestones at every car.", "Milestones every 5 cars."),
    ],
)
def test_milestones_every_car_is_singular(lang: str, one: str, five: str) -> None:
    """/config milestones takes 1 to 10,000; 1 read "alle 1 Autos" / "every 1 cars"."""
    assert t(lang, "config-milestones-set", every=1) == one
    assert t(lang, "config-milestones-set", every=5) == five
    shown = t(lang, "settings-milestones-value", every=1)
    assert shown == one.split(" ", 1)[1].rstrip("."), shown
