"""The club calendar: the secret behind a server's calendar URLs, and what the feed and
the public page show. Read-only apart from creating or replacing the secret, which only
/config does; the web side only reads (from the database's read connections).
That write runs SERIALIZABLE with retries (bot/db/base.py).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from bot.clock import Clock
from bot.db import Database, Tx
from bot.db.rows import load_all
from bot.services.attendance.records import HistoryEntry, Record, RecordsService
from bot.services.meets.mentions import Kind, NameOf, member_ids, readable
from bot.services.meets.models import DEFAULT_DURATION_HOURS, Meet, maps_url
from bot.services.meets.names import names_of
from bot.services.meets.series import SeriesRule, SeriesService

# 32 url-safe characters from 24 random bytes: 192 bits, well over the 128 asked for.
SECRET_BYTES = 24
_SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{32}$")
PAST = timedelta(days=60)
AHEAD = timedelta(days=183)  # six months
PAGE_MEETS = 12
# A weekly meet would otherwise fill the page and hide the one-off the club waits for all year.
PAGE_DATES_PER_RULE = 3
PAGE_SERIES = 3


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """One date in the feed and on the page: a meet, or a rule's date not yet made."""

    uid: str
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str
    description: str
    url: str | None
    cancelled: bool
    sequence: int
    stamp: datetime  # last change, so the same data gives the same feed (and ETag)
    going: int
    capacity: int | None
    recurring: bool
    rule_id: int | None = None  # the recurring meet this date belongs to
    cancel_reason: str | None = None  # the organiser's words, for a cancelled meet
    # Members its text mentions, by the name they had when the organiser wrote it.
    names: tuple[tuple[int, str], ...] = ()

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.going)

    @property
    def map_url(self) -> str:
        return maps_url(self.location)


@dataclass(frozen=True, slots=True)
class SeriesRecord:
    series: str
    record: Record | None
    history: tuple[HistoryEntry, ...]


@dataclass(frozen=True, slots=True)
class ClubPage:
    guild_id: int
    zone: str
    upcoming: tuple[FeedEvent, ...]
    records: tuple[SeriesRecord, ...]


def rule_uid(rule_id: int, guild_id: int, day: date) -> str:
    """The same for a rule's date before and after its meet is made, and after a move."""
    return f"rule-{rule_id}-{day:%Y%m%d}-guild-{guild_id}@paddock"


def readable_event(event: FeedEvent, lang: str, name_of: NameOf) -> FeedEvent:
    """The event with Discord's markup in its text as words: calendar apps show the text
    as it is, so a mention would otherwise reach them as a raw id."""
    reason = event.cancel_reason
    kept = dict(event.names)

    def named(kind: Kind, ident: int) -> str | None:
        # The bot's cache first (a name changed since is newest there), then the name
        # kept from when the text was written: the cache lacks most members.
        return name_of(kind, ident) or (kept.get(ident) if kind == "member" else None)

    return replace(
        event,
        title=readable(event.title, lang, named),
        location=readable(event.location, lang, named),
        description=readable(event.description, lang, named),
        cancel_reason=readable(reason, lang, named) if reason else reason,
    )


def meet_event(meet: Meet, rule: SeriesRule | None) -> FeedEvent:
    """A meet as the feed shows it; `rule` is the recurring meet it is a date of."""
    if rule is not None and meet.occurs_on is not None:
        uid = rule_uid(rule.id, meet.guild_id, meet.occurs_on)
    else:
        uid = f"meet-{meet.id}-guild-{meet.guild_id}@paddock"
    stamp = max(meet.created_at, meet.updated_at or meet.created_at)
    if rule is not None and rule.updated_at > stamp:
        stamp = rule.updated_at
    return FeedEvent(
        uid=uid,
        title=meet.title,
        starts_at=meet.starts_at,
        ends_at=meet.ends_at or meet.starts_at + timedelta(hours=DEFAULT_DURATION_HOURS),
        location=meet.location,
        description=meet.description,
        url=meet.jump_url,
        cancelled=meet.cancelled,
        # A rule change (later dates) counts for every date, as a date's own edit does.
        sequence=meet.sequence + (rule.sequence if rule else 0),
        stamp=stamp,
        going=meet.going,
        capacity=meet.capacity,
        recurring=rule is not None,
        rule_id=rule.id if rule is not None else None,
        cancel_reason=meet.cancel_reason if meet.cancelled else None,
    )


def _rule_event(rule: SeriesRule, day: date, start: datetime) -> FeedEvent:
    minutes = rule.duration_min or DEFAULT_DURATION_HOURS * 60
    return FeedEvent(
        uid=rule_uid(rule.id, rule.guild_id, day),
        title=rule.title,
        starts_at=start,
        ends_at=start + timedelta(minutes=minutes),
        location=rule.location,
        description=rule.description,
        url=None,
        cancelled=False,
        sequence=rule.sequence,
        stamp=rule.updated_at,
        going=0,
        capacity=rule.capacity,
        recurring=True,
        rule_id=rule.id,
    )


class CalendarService:
    def __init__(
        self, db: Database, clock: Clock, series: SeriesService, records: RecordsService
    ) -> None:
        self.db = db
        self.clock = clock
        self.series = series
        self.records = records

    # -- the secret --------------------------------------------------------
    async def secret(self, guild_id: int, *, regenerate: bool = False) -> str:
        """The server's calendar secret, made on first use; `regenerate` replaces it, so
        the old URLs stop working at once."""
        if not regenerate:
            existing = await self.db.fetchval(
                "SELECT secret FROM calendar_links WHERE guild_id = ?", (guild_id,)
            )
            if existing is not None:
                return str(existing)
        fresh = secrets.token_urlsafe(SECRET_BYTES)
        now = self.clock.now()

        async def write(tx: Tx) -> str:
            if regenerate:
                await tx.execute(
                    "INSERT INTO calendar_links (guild_id, secret, secret_hash, created_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET "
                    "secret = excluded.secret, secret_hash = excluded.secret_hash, "
                    "created_at = excluded.created_at",
                    (guild_id, fresh, secret_hash(fresh), now),
                )
                return fresh
            # Two first calls at once: the first one's secret stands.
            await tx.execute(
                "INSERT INTO calendar_links (guild_id, secret, secret_hash, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (guild_id) DO NOTHING",
                (guild_id, fresh, secret_hash(fresh), now),
            )
            return str(
                await tx.fetchval(
                    "SELECT secret FROM calendar_links WHERE guild_id = ?", (guild_id,)
                )
            )

        return await self.db.write(write)

    async def guild_for(self, candidate: str) -> int | None:
        """The server whose secret `candidate` is, or None. Looked up by its hash, then
        compared in constant time, so timing tells a guesser nothing about the secret."""
        if not _SECRET_SHAPE.match(candidate):
            return None
        row = await self.db.fetchone(
            "SELECT guild_id, secret FROM calendar_links WHERE secret_hash = ?",
            (secret_hash(candidate),),
        )
        if row is None or not hmac.compare_digest(str(row["secret"]), candidate):
            return None
        return int(row["guild_id"])

    # -- what the feed and the page show ------------------------------------
    async def events(self, guild_id: int) -> list[FeedEvent]:
        """Every meet from 60 days ago to 6 months ahead, in start order: meets as they
        are (cancelled ones too), plus each rule's upcoming dates that have no meet yet."""
        now = self.clock.now()
        since, until = now - PAST, now + AHEAD
        rows = await self.db.fetchall(
            "SELECT * FROM meets WHERE guild_id = ? AND starts_at >= ? AND starts_at <= ? "
            "ORDER BY starts_at, id",
            (guild_id, since, until),
        )
        meets = load_all(Meet, rows)
        rules = {r.id: r for r in await self.series.rules(guild_id)}
        events = [meet_event(m, rules.get(m.rule_id) if m.rule_id else None) for m in meets]
        for rule in rules.values():
            dates = rule.repeat.occurrences(now, until)
            if not dates:
                continue
            # Made meets may have moved out of the window: ask by date, not by time.
            made = await self.series.made(rule.id, dates[0][0], dates[-1][0])
            events += [_rule_event(rule, d, s) for d, s in dates if d not in made]
        events.sort(key=lambda e: (e.starts_at, e.uid))
        return await self._named(guild_id, events)

    async def event(self, meet: Meet) -> FeedEvent:
        """One meet as the feed shows it, for its own .ics file."""
        rule = await self.series.get(meet.guild_id, meet.rule_id) if meet.rule_id else None
        (event,) = await self._named(meet.guild_id, [meet_event(meet, rule)])
        return event

    async def _named(self, guild_id: int, events: list[FeedEvent]) -> list[FeedEvent]:
        """The events with the kept names of the members their text mentions: one read."""
        mentioned = [
            member_ids(e.title, e.location, e.description, e.cancel_reason) for e in events
        ]
        names = await names_of(self.db, guild_id, (i for ids in mentioned for i in ids))
        if not names:
            return events
        return [
            replace(e, names=tuple((i, names[i]) for i in ids if i in names)) if ids else e
            for e, ids in zip(events, mentioned, strict=True)
        ]

    async def records_shown(self, guild_id: int) -> list[SeriesRecord]:
        """The records the page shows: the whole server's and a few series', with history."""
        names = ["", *await self.records.series_names(guild_id, limit=PAGE_SERIES)]
        shown: list[SeriesRecord] = []
        for name in names:
            history = await self.records.history(guild_id, name, last=30)
            if history:
                record = await self.records.record(guild_id, name)
                shown.append(SeriesRecord(name, record, tuple(history)))
        if len(shown) > 1 and _same(shown[0], shown[1]) and not shown[0].series:
            # Every meet so far was in this one series: the whole server's chart and
            # record would show the very same bars again. Keep the one with the name.
            del shown[0]
        return shown[:PAGE_SERIES]

    async def page(self, guild_id: int, zone: str) -> ClubPage:
        now = self.clock.now()
        upcoming = _next_dates_only(e for e in await self.events(guild_id) if e.starts_at > now)
        records = await self.records_shown(guild_id)
        return ClubPage(guild_id, zone, tuple(upcoming[:PAGE_MEETS]), tuple(records))


def _same(one: SeriesRecord, other: SeriesRecord) -> bool:
    """Whether two shown records draw the same chart and hold the same record."""
    return one.record == other.record and [e.id for e in one.history] == [
        e.id for e in other.history
    ]


def _next_dates_only(events: Iterable[FeedEvent]) -> list[FeedEvent]:
    """Events in order, each recurring meet with its next PAGE_DATES_PER_RULE dates only."""
    seen: Counter[int] = Counter()
    kept: list[FeedEvent] = []
    for event in events:
        if event.rule_id is not None:
            seen[event.rule_id] += 1
            if seen[event.rule_id] > PAGE_DATES_PER_RULE:
                continue
        kept.append(event)
    return kept
