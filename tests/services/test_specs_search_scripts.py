"""Club entries named in any script, or with emoji, are found by what members type.

Before, the normaliser kept only a-z, 0-9 and dots: "ハチロク" or "🏁" typed alone
folded to nothing, and autocomplete showed the first 25 cars of the default list.
"""

from __future__ import annotations

import dataclasses

import pytest

from bot.services.fold import contains, fold, spellings
from bot.services.specs.catalogue import load_catalogue
from bot.services.specs.models import Car
from bot.services.specs.search import SpecsSearch, normalise

BUNDLED = load_catalogue().cars
BASE = next(c for c in BUNDLED if c.id == "bmw-1m-e82")


def club(car_id: str, make: str, model: str, variant: str = "", *aliases: str) -> Car:
    return dataclasses.replace(
        BASE, id=car_id, make=make, model=model, variant=variant, aliases=aliases, club=True
    )


CLUB = [
    club("club-hachiroku", "Toyota", "ハチロク", "AE86", "ハチロク トレノ"),
    club("club-track-car", "Club", "🏁 Track car", "Cup"),
    club("club-tofu", "Toyota", "豆腐店86"),
    club("club-lada", "Lada", "Жигули", "ВАЗ-2101"),
    club("club-seoul", "Hyundai", "서울 N", "Cup"),
    club("club-mueller", "BMW", "M3", "Müller Spezial"),
    club("club-flag", "Club", "🇯🇵 Import", "Spec"),
]


@pytest.fixture(scope="module")
def search() -> SpecsSearch:
    return SpecsSearch([*BUNDLED, *CLUB])


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ハチロク", "club-hachiroku"),  # the whole name
        ("ハチ", "club-hachiroku"),  # typed as far as autocomplete has got
        ("ロク", "club-hachiroku"),  # no spaces in Japanese: the end of a word finds it
        ("ﾊﾁﾛｸ", "club-hachiroku"),  # halfwidth kana, as some keyboards send
        ("トレノ", "club-hachiroku"),  # a word of an alias
        ("🏁", "club-track-car"),  # the emoji alone
        ("🏁 track", "club-track-car"),
        ("🏁track", "club-track-car"),
        ("豆腐", "club-tofu"),
        ("豆腐店86", "club-tofu"),
        ("жигули", "club-lada"),  # Cyrillic, any case
        ("ЖИГ", "club-lada"),
        ("ваз 2101", "club-lada"),
        ("서울", "club-seoul"),
        ("mueller", "club-mueller"),  # an umlaut written out
        ("müller", "club-mueller"),
        ("muller", "club-mueller"),
        ("🇯🇵", "club-flag"),
    ],
)
def test_a_club_entry_in_any_script_is_the_first_choice(
    search: SpecsSearch, typed: str, expected: str
) -> None:
    found = search.search(typed)
    assert found, typed
    assert found[0].car.id == expected
    assert found[0].how != "default"


@pytest.mark.parametrize("typed", ["ハチロク", "🏁", "жигули", "豆腐", "서울"])
def test_only_the_matching_entries_are_listed_not_the_default_list(
    search: SpecsSearch, typed: str
) -> None:
    ids = [m.car.id for m in search.search(typed)]
    assert all(i.startswith("club-") for i in ids), ids


@pytest.mark.parametrize("typed", ["🚜", "トラクター", "🇩🇪"])
def test_an_emoji_or_word_nothing_has_lists_nothing(search: SpecsSearch, typed: str) -> None:
    assert search.search(typed) == []
    assert search.resolve(typed) is None


def test_a_club_entry_is_resolved_from_its_own_script(search: SpecsSearch) -> None:
    resolved = search.resolve("ハチロク")
    assert resolved is not None and resolved.id == "club-hachiroku"
    resolved = search.resolve("🏁 Track car")
    assert resolved is not None and resolved.id == "club-track-car"


def test_text_that_folds_to_nothing_still_gives_the_default_list(search: SpecsSearch) -> None:
    assert [m.how for m in search.search("…!?")] == ["default"] * 25


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("  1er M   Coupé ", "1er m coupe"),
        ("GR-Yaris", "gr yaris"),
        ("GT3 (991.2)", "gt3 991.2"),
        ("<@&1> @everyone", "1 everyone"),
        ("Straße", "strasse"),
        ("MÉGANE R.S.", "megane r.s"),
        ("Øresund Škoda", "oresund skoda"),
        ("ハチロク", "ハチロク"),
        ("ｶﾞﾁ", "ガチ"),  # halfwidth kana with its voicing mark, as one letter
        ("ＧＴ－Ｒ", "gt r"),  # fullwidth
        ("丰田86", "丰田 86"),
        ("Ёлка", "елка"),
        ("🏁Track-Car", "🏁 track car"),
        ("👍🏽 ok", "👍 ok"),  # a skin tone is the same emoji
        ("👨\u200d🔧", "👨 🔧"),
        ("🇩🇪🇯🇵", "🇩🇪 🇯🇵"),  # a flag stays one word
        ("नमस्ते", "नमस्ते"),  # Devanagari keeps its vowel signs
        ("٢٠١١", "2011"),
        ("©°", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert normalise(text) == folded == fold(text)


def test_umlauts_are_also_spelt_out() -> None:
    assert spellings("München") == {"munchen", "muenchen"}
    assert spellings("Berlin") == {"berlin"}


@pytest.mark.parametrize(
    ("text", "typed", "found"),
    [
        ("Renault Mégane Trophy", "megane", True),
        ("Renault Mégane Trophy", "MÉGANE", True),
        ("Müller's E30", "mueller", True),
        ("トヨタ ハチロク", "ハチ", True),
        ("🏁 Track car", "🏁", True),
        ("🏁 Track car", "🚜", False),
        ("Golf", "", True),
    ],
)
def test_contains_folds_both_sides(text: str, typed: str, found: bool) -> None:
    assert contains(text, typed) is found
