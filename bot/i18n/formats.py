"""Numbers, dates and units as each language writes them, through Babel.

"1,495 kg" in English is "1.495 kg" in German, "4.9 s" is "4,9 s", and a date reads
"Saturday, June 5, 2027, 10:00" or "Samstag, 5. Juni 2027, 10:00". Discord's own
`<t:…>` timestamps are rendered by each client and stay as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Literal

from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import format_decimal

from bot.i18n import DEFAULT, LANGUAGES


def _babel(lang: str) -> str:
    return lang if lang in LANGUAGES else DEFAULT


@lru_cache(maxsize=4096)
def number(lang: str, value: float, digits: int = 0) -> str:
    """`value` rounded to `digits` decimals with the language's separators:
    number("de", 1495) == "1.495", number("de", 4.9, 1) == "4,9"."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(round(value, digits), format=pattern, locale=_babel(lang))


def short_number(lang: str, value: float) -> str:
    """As published: whole numbers without decimals, others with what they have ("4,9")."""
    if float(value).is_integer():
        return number(lang, value)
    return format_decimal(value, locale=_babel(lang))


def measure(lang: str, value: float, unit: str, digits: int = 0) -> str:
    """'1.495 kg', '4,9 s': a figure and its unit symbol, which no language translates."""
    return f"{number(lang, value, digits)} {unit}"


def long_datetime(lang: str, when: datetime) -> str:
    """'Samstag, 5. Juni 2027, 10:00' / 'Saturday, June 5, 2027, 10:00' (24-hour clock,
    the club's habit in every language)."""
    locale = _babel(lang)
    return f"{format_date(when, format='full', locale=locale)}, {format_time(when, 'HH:mm', locale=locale)}"


def short_date(lang: str, when: date) -> str:
    """'26 Aug 2023' / '26. Aug. 2023': a day in lists and records, month abbreviated."""
    if _babel(lang) == DEFAULT:
        return format_date(when, "d MMM y", locale=DEFAULT)  # the club's habit, not "Aug 26"
    return format_skeleton("yMMMd", when, locale=_babel(lang))


def day_month_year(lang: str, when: date) -> str:
    """'26 August 2023' / '26. August 2023'."""
    if _babel(lang) == DEFAULT:
        return format_date(when, "d MMMM y", locale=DEFAULT)
    return format_skeleton("yMMMMd", when, locale=_babel(lang))


def month_abbreviation(lang: str, when: date) -> str:
    """'Aug' / 'Aug': a chart's axis label, standing alone."""
    return format_date(when, "LLL", locale=_babel(lang))


def weekday_date_time(lang: str, when: datetime, zone: str) -> str:
    """'Saturday 5 June 2027, 10:00 CEST' / 'Samstag, 5. Juni 2027, 10:00 MESZ'-style, the
    zone as its abbreviation as the clock shows it (Babel's own names vary by language)."""
    locale = _babel(lang)
    if locale == DEFAULT:
        day = format_date(when, "EEEE d MMMM y", locale=DEFAULT)
    else:
        day = format_date(when, "full", locale=locale)
    return f"{day}, {format_time(when, 'HH:mm', locale=locale)} {zone}"


def short_datetime(lang: str, when: datetime) -> str:
    """'Sat, Jun 5, 2027 10:00' / 'Sa., 5. Juni 2027 10:00': a pick list's date."""
    locale = _babel(lang)
    return f"{format_skeleton('yMMMEd', when, locale=locale)} {format_time(when, 'HH:mm', locale=locale)}"


def long_date(lang: str, day: date) -> str:
    """'June 12, 2027' / '12. Juni 2027'."""
    return format_date(day, format="long", locale=_babel(lang))


def day_month(lang: str, day: date) -> str:
    """'Saturday, June 5' / 'Samstag, 5. Juni': a day of this year, named."""
    locale = _babel(lang)
    return f"{weekday(lang, day)}, {format_skeleton('MMMMd', day, locale=locale)}"


def weekday(lang: str, day: date) -> str:
    """'Saturday' / 'Samstag'."""
    return format_date(day, "EEEE", locale=_babel(lang))


@dataclass(frozen=True, slots=True)
class Day:
    """A date a domain error names, written in the reader's language when the error is
    shown: 'day' is 'Saturday, June 5' / 'Samstag, 5. Juni', 'full' adds the year,
    'date' is 'June 5, 2027' / '5. Juni 2027', 'weekday' is 'Saturday' / 'Samstag',
    'month' is 'February' / 'Februar', 'month-year' 'February 2027' / 'Februar 2027',
    'short' '26 Aug 2023' / '26. Aug. 2023' (as records and lists write a day)."""

    value: date
    style: Literal["day", "full", "date", "weekday", "month", "month-year", "short"] = "day"

    def text(self, lang: str) -> str:
        if self.style == "short":
            return short_date(lang, self.value)
        if self.style in ("month", "month-year"):
            pattern = "LLLL" if self.style == "month" else "LLLL y"
            return format_date(self.value, pattern, locale=_babel(lang))
        if self.style == "full":
            return format_date(self.value, format="full", locale=_babel(lang))
        if self.style == "date":
            return long_date(lang, self.value)
        if self.style == "weekday":
            return weekday(lang, self.value)
        return day_month(lang, self.value)


def in_words(lang: str, fields: Mapping[str, str | int | Day]) -> dict[str, str | int]:
    """An error's fields ready for the catalogue: each Day written in `lang`."""
    return {k: v.text(lang) if isinstance(v, Day) else v for k, v in fields.items()}
