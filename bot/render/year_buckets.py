"""The register's years in bars that fit the club: single years when its cars span a few,
two or five years, decades, or longer spans when they span many.

A 1M club (2011–2012) reads "2011, 2012"; a club of everything from a 1965 Mustang to a
2024 M2 reads "'60s … '20s". The buckets are aligned (a decade starts at a year ending
in 0) and every bucket between the oldest and newest car is drawn, an empty one too, so
the bars read as a time line. Cars without a year are a bar of their own, last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.i18n import t
from bot.services.garage import Count

UNKNOWN = "unknown"  # the service's label for cars without a year
WIDTHS = (1, 2, 5, 10, 20, 50, 100)  # every one divides 100: no bucket spans two centuries


@dataclass(frozen=True, slots=True)
class Bucket:
    start: int | None  # the bucket's first year (a decade's ends in 0); None: no year
    first: int  # the oldest car's year where that comes later than `start`
    last: int  # the bucket's last year, or the newest car's where that comes sooner
    width: int
    cars: int
    verified: int


def year_buckets(counts: Sequence[Count], most: int) -> list[Bucket]:
    """The known years in at most `most` buckets, each `width` years wide, the narrowest
    width that fits; then the cars without a year, if any, in one more."""
    known = [(int(c.label), c) for c in counts if c.label != UNKNOWN and c.label.isdigit()]
    unknown = [c for c in counts if c.label == UNKNOWN]
    room = max(1, most)
    buckets: list[Bucket] = []
    if known:
        low = min(year for year, _ in known)
        high = max(year for year, _ in known)
        width = next((w for w in WIDTHS if high // w - low // w < room), WIDTHS[-1])
        for start in range(low // width * width, high + 1, width):
            inside = [c for year, c in known if start <= year < start + width]
            buckets.append(
                Bucket(
                    start,
                    max(start, low),
                    min(start + width - 1, high),
                    width,
                    sum(c.cars for c in inside),
                    sum(c.verified for c in inside),
                )
            )
    for c in unknown:
        buckets.append(Bucket(None, 0, 0, 1, c.cars, c.verified))
    return buckets


def bucket_label(bucket: Bucket, lang: str, *, short: bool = False) -> str:
    """'2011', '2010–14' (from the oldest car to the newest: '1886–99', '2020–24', not
    '1850–99', '2020–39'), '1960s' / '1960er'; `short` for a crowded chart axis: '’11',
    '’60s' / '60er'. Cars without a year: the language's 'unknown'."""
    if bucket.start is None:
        return t(lang, "garage-unknown-year")
    first, last = bucket.first, bucket.last
    if bucket.width == 1 or first == last:
        return f"’{first % 100:02d}" if short else str(first)
    if bucket.width == 10:
        key = "reg4-decade-short" if short else "reg4-decade"
        return t(lang, key, decade=str(bucket.start), short=f"{bucket.start % 100:02d}")
    return t(lang, "reg4-year-span", first=str(first), last=f"{last % 100:02d}")


def chart_label(bucket: Bucket, lang: str, *, short: bool) -> str:
    """A bar's label: a span on two lines ('2010' over '–14'), as bars are narrow."""
    label = bucket_label(bucket, lang, short=short)
    return label.replace("–", "\n–", 1) if bucket.width not in (1, 10) else label
