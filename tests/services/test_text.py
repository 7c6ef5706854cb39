"""What members type: invisible-only fields refused, emoji sequences kept whole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import InvalidInput
from bot.render.text import copyable, plain
from bot.services.attendance.records import clean_label, clean_series
from bot.services.meets import validation
from bot.services.text import UNWANTED, field, is_blank, one_line, strip_unwanted

BLANK = [
    "ㅤ",  # U+3164 Hangul filler
    "⠀⠀⠀",  # U+2800 braille blank
    "ᅟᅠ",  # U+115F, U+1160 Hangul choseong/jungseong fillers
    "\uffa0",  # halfwidth Hangul filler
    "\u200b\u200b",  # zero-width spaces
    "\u200d",  # a joiner with nothing to join
    "\u200c\u2060",
    "\ufe0f",  # a variation selector alone
    "\u3000\u2003",  # ideographic and em spaces
    "\u034f",  # combining grapheme joiner
    "\U000e0041\U000e007f",  # tag characters without their flag
    "\u180e",
    "\u00ad",
    "ㅤ \u200b ⠀",
    "\u202e\u202c",
]

EMOJI = [
    "👨‍🔧",  # ZWJ sequence
    "👩🏽‍🚒",  # skin tone and ZWJ
    "🧑‍🤝‍🧑",
    "🏳️‍🌈",  # variation selector and ZWJ
    "❤️‍🔥",
    "🇩🇪",  # flag: regional indicators
    "🇯🇵",
    "1️⃣",  # keycap
    "#️⃣",
    "👍🏿",  # skin tone
    "🏴󠁧󠁢󠁳󠁣󠁴󠁿",  # subdivision flag: tag characters
    "🏎️💨",
]

REQUIRED = {"title", "location", "label"}
VALIDATORS = [
    ("title", validation.title),
    ("location", validation.location),
    ("car", validation.car),
    ("series", validation.series),
    ("description", validation.description),
    ("label", clean_label),
    ("series", clean_series),
]


@pytest.mark.parametrize("text", BLANK, ids=[repr(t) for t in BLANK])
@pytest.mark.parametrize(("name", "check"), VALIDATORS, ids=[v[0] for v in VALIDATORS])
def test_blank_to_the_eye_is_refused(text: str, name: str, check: object) -> None:
    assert is_blank(text)
    if text.isspace() and name not in REQUIRED:
        assert check(text) == ""  # type: ignore[operator]  # only spaces: an empty option
        return
    with pytest.raises(InvalidInput) as caught:
        check(text)  # type: ignore[operator]
    assert f"`{name}` can't be empty" in caught.value.message


@pytest.mark.parametrize("emoji", EMOJI)
@pytest.mark.parametrize(("name", "check"), VALIDATORS, ids=[v[0] for v in VALIDATORS])
def test_emoji_sequences_pass_unchanged(emoji: str, name: str, check: object) -> None:
    assert not is_blank(emoji)
    assert check(emoji) == emoji  # type: ignore[operator]
    assert check(f"Meet {emoji} 2027") == f"Meet {emoji} 2027"  # type: ignore[operator]


@pytest.mark.parametrize("emoji", EMOJI)
def test_display_keeps_emoji_whole(emoji: str) -> None:
    assert plain(f"Team {emoji}") == f"Team {emoji}"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("ㅤCars and Coffeeㅤ", "Cars and Coffee"),  # fillers at the edges trimmed
        ("Cars\u200b and\u202e Coffee", "Cars and Coffee"),
        ("  two   spaces ", "two spaces"),
        ("Nürburgring", "Nürburgring"),
        ("e\u0301t\u00e9", "e\u0301t\u00e9"),  # a combining accent on a letter is text
    ],
)
def test_cleaning_keeps_what_shows(typed: str, kept: str) -> None:
    assert validation.title(typed) == kept


def test_empty_optional_fields_stay_empty_and_required_say_so() -> None:
    assert validation.car("") == "" and validation.car("   ") == ""
    with pytest.raises(InvalidInput, match="`title` can't be empty"):
        validation.title("   ")


def test_multiline_keeps_line_breaks() -> None:
    assert (
        validation.description("Route:\n  A1 \u200b\n\nthen B2 👨‍🔧")
        == "Route:\nA1\n\nthen B2 👨‍🔧"
    )


invisible = st.sampled_from(
    sorted(set("".join(BLANK)) | {" ", "\t", "\n", "\u2028", "\u0300", "\u20e3"})
)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=invisible, min_size=1, max_size=30))
def test_any_mix_of_invisible_characters_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="can't be empty"):
        validation.title(text)
    with pytest.raises(InvalidInput, match="can't be empty"):
        clean_label(text)


visible_words = st.text(
    alphabet=st.characters(
        categories=["L", "N", "P", "S"], exclude_characters="\u3164\uffa0\u115f\u1160\u2800"
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.one_of(visible_words, st.sampled_from(EMOJI)), min_size=1, max_size=5))
def test_visible_text_with_emoji_passes_unchanged(words: list[str]) -> None:
    typed = " ".join(words)
    assert field("title", typed, 1000, required=True) == typed


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_cleaned_or_refused_never_broken(text: str) -> None:
    try:
        cleaned = field("title", text, 100, required=True)
    except InvalidInput:
        return
    assert UNWANTED.search(cleaned) is None
    assert not is_blank(cleaned)
    assert cleaned == one_line(cleaned)
    assert strip_unwanted(cleaned) == cleaned


def test_copyable_text_is_as_written_but_cannot_break_its_code_span() -> None:
    # Inside `…` nothing renders, so nothing is escaped: a copy is what was written.
    assert copyable("Ring_Taxi *R* @everyone <@&123456789012345678>") == (
        "Ring_Taxi *R* @everyone <@&123456789012345678>"
    )
    assert "\u200b" not in copyable("@here") and "\\" not in copyable("a_b")
    # A backtick would end the span; invisible and direction characters go, as in plain.
    assert copyable("M3 `GTS`\u202e \u200b x") == "M3 'GTS' x"
    assert copyable("x" * 80, 10) == "x" * 9 + "…"
