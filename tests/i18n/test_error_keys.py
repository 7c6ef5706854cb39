"""Domain errors that name a catalogue key read in the member's language."""

from __future__ import annotations

from bot.errors import Conflict, InvalidInput
from bot.render.errors import describe


def test_a_keyed_error_is_english_in_logs_and_german_for_a_german_member() -> None:
    error = InvalidInput(key="error-garage-year-range", first="1886", last="2027")
    assert error.message == "`year` must be between 1886 and 2027."
    assert str(error) == error.message
    assert describe(error, "de") == "`baujahr` muss zwischen 1886 und 2027 liegen."
    assert describe(error, "en") == error.message


def test_an_error_written_in_english_still_reads_as_written() -> None:
    error = Conflict("Plain English from before the catalogue.")
    assert error.key is None
    assert describe(error, "de") == "Plain English from before the catalogue."


def test_an_error_naming_an_option_names_it_as_the_members_discord_shows_it() -> None:
    # /meet create's `title` is `titel` in a German client; `rsvp_by` is `zusage_bis`.
    too_long = InvalidInput(key="error-text-too-long", name="title", length="120", limit="100")
    assert too_long.message.startswith("`title` is 120 characters")
    assert describe(too_long, "de") == ("`titel` hat 120 Zeichen; erlaubt sind 100. Bitte kürz es.")
    assert describe(InvalidInput(key="error-text-empty", name="rsvp_by"), "de") == (
        "`zusage_bis` darf nicht leer sein."
    )
    # An option no command has keeps its name.
    assert describe(InvalidInput(key="error-text-empty", name="x"), "de") == (
        "`x` darf nicht leer sein."
    )
