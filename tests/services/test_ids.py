"""Option values that claim to be ids."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.services.ids import as_id


def test_real_ids_parse() -> None:
    assert as_id(" 42 ") == 42
    assert as_id("1575709980751823") == 1575709980751823


def test_values_sqlite_cannot_hold_are_refused() -> None:
    assert as_id("9999999999999999999") is None  # 19 digits: above 2**63 - 1
    assert as_id("²") is None
    assert as_id("٣") is None  # Arabic-Indic three
    assert as_id("-1") is None
    assert as_id("") is None


@given(st.text())
def test_anything_parsed_fits_sqlite_integer(text: str) -> None:
    value = as_id(text)
    assert value is None or 0 <= value < 2**63
