"""Per-server settings, with defaults for servers that never ran /config.

Writes are one-row upserts on the primary key, SERIALIZABLE (bot/db/base.py)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal
from zoneinfo import ZoneInfo

from bot.db import Database
from bot.errors import InvalidInput
from bot.i18n import LANGUAGES
from bot.services.zones import refusal, zone_name

Units = Literal["metric", "imperial"]
DEFAULT_REMINDERS: tuple[int, ...] = (24 * 60, 60)
MAX_REMINDERS = 5
DEFAULT_POST_AHEAD = 7 * 24 * 60  # a recurring meet's date is announced a week before


@dataclass(frozen=True, slots=True)
class GuildSettings:
    guild_id: int
    timezone: str
    units: Units = "metric"
    meets_channel_id: int | None = None
    announce_channel_id: int | None = None
    organizer_role_id: int | None = None
    announce_role_id: int | None = None
    reminder_minutes: tuple[int, ...] = field(default=DEFAULT_REMINDERS)
    milestone_every: int | None = None
    owner_role_id: int | None = None
    post_ahead_minutes: int = DEFAULT_POST_AHEAD
    meet_threads: bool = False
    # None: follow the server's preferred locale from Discord (bot/flows/locale.py).
    language: str | None = None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


_COLUMNS = (
    "timezone",
    "units",
    "meets_channel_id",
    "announce_channel_id",
    "organizer_role_id",
    "announce_role_id",
    "reminder_minutes",
    "milestone_every",
    "owner_role_id",
    "post_ahead_minutes",
    "meet_threads",
    "language",
)


def known_language(stored: object) -> str | None:
    """The /config language as stored, if it is one Paddock speaks (None: not set, or a
    language since dropped: the server's preferred locale decides)."""
    return stored if isinstance(stored, str) and stored in LANGUAGES else None


def validate_timezone(name: str) -> str:
    zone = zone_name(name)
    if zone is None:
        raise refusal(name)
    return zone


# Unit words as members type them, English and German, singular and plural, after
# the short forms /config itself shows ("24h", "2d", "90m").
_UNITS: dict[str, int] = {
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks", "woche", "wochen"), 10080),
    **dict.fromkeys(("d", "day", "days", "tag", "tage", "tagen"), 1440),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "std", "stunde", "stunden"), 60),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes", "minuten"), 1),
}


def _duration(typed: str, bare: int, units: frozenset[int]) -> int | None:
    """'2 days', '2Tage', '1 Stunde', '30m' -> minutes; a bare number counts in `bare`
    minutes. None when it isn't a whole number with one of `units`."""
    part = typed.strip().lower().replace(" ", "")
    digits = len(part) - len(part.lstrip("0123456789"))
    number, word = part[:digits], part[digits:]
    size = _UNITS.get(word) if word else bare
    # isascii: isdigit() accepts '²', which int() doesn't.
    if not number or not number.isascii() or size is None or size not in units:
        return None
    return int(number) * size


def parse_reminders(text: str) -> tuple[int, ...]:
    """'24h, 1h, 30m' or '2 days, 1 Stunde' -> (2880, 60, ...); 'off' -> ()."""
    cleaned = text.strip().lower()
    # /config shows "aus" to a German member, so that is what they type back.
    if cleaned in {"off", "none", "0", "", "aus", "keine"}:
        return ()
    minutes: set[int] = set()
    for typed in text.split(","):
        if not typed.strip():
            continue
        value = _duration(typed, 60, frozenset((10080, 1440, 60, 1)))
        if value is None:
            # Echo the piece as the member wrote it ("2 weeks", not "2weeks").
            raise InvalidInput(key="error-reminders-unreadable", text=typed.strip()[:20])
        if not 5 <= value <= 14 * 1440:
            raise InvalidInput(key="error-reminders-range", text=typed.strip()[:20])
        minutes.add(value)
    if len(minutes) > MAX_REMINDERS:
        raise InvalidInput(key="error-reminders-many", max=str(MAX_REMINDERS))
    return tuple(sorted(minutes, reverse=True))


def parse_post_ahead(text: str) -> int:
    """'7d', '48h', '2 Tage', '2 weeks' -> minutes; from 1 hour to 28 days."""
    minutes = _duration(text, 1440, frozenset((10080, 1440, 60)))
    if minutes is None:
        raise InvalidInput(key="error-post-ahead-unreadable", text=text.strip()[:20])
    if not 60 <= minutes <= 28 * 1440:
        raise InvalidInput(key="error-post-ahead-range", text=text.strip()[:20])
    return minutes


def format_minutes(value: int) -> str:
    if value % 1440 == 0:
        return f"{value // 1440}d"
    if value % 60 == 0:
        return f"{value // 60}h"
    return f"{value}m"


class GuildSettingsService:
    def __init__(self, db: Database, default_timezone: str = "Europe/Berlin") -> None:
        self.db = db
        self.default_timezone = default_timezone

    async def get(self, guild_id: int) -> GuildSettings:
        row = await self.db.fetchone(
            f"SELECT {', '.join(_COLUMNS)} FROM guild_settings WHERE guild_id = ?", (guild_id,)
        )
        base = GuildSettings(guild_id=guild_id, timezone=self.default_timezone)
        if row is None:
            return base
        reminders = row["reminder_minutes"]
        return replace(
            base,
            timezone=row["timezone"] or self.default_timezone,
            units=row["units"] or "metric",
            meets_channel_id=row["meets_channel_id"],
            announce_channel_id=row["announce_channel_id"],
            organizer_role_id=row["organizer_role_id"],
            announce_role_id=row["announce_role_id"],
            reminder_minutes=(
                DEFAULT_REMINDERS
                if reminders is None
                else tuple(int(x) for x in reminders.split(",") if x)
            ),
            milestone_every=row["milestone_every"],
            owner_role_id=row["owner_role_id"],
            post_ahead_minutes=row["post_ahead_minutes"] or DEFAULT_POST_AHEAD,
            meet_threads=bool(row["meet_threads"]),
            language=known_language(row["language"]),
        )

    async def update(self, guild_id: int, **changes: object) -> GuildSettings:
        """Set the given columns (None clears one back to its default)."""
        unknown = set(changes) - set(_COLUMNS)
        if unknown:
            raise ValueError(f"unknown settings: {sorted(unknown)}")
        if "timezone" in changes and changes["timezone"] is not None:
            changes["timezone"] = validate_timezone(str(changes["timezone"]))
        if "units" in changes and changes["units"] not in (None, "metric", "imperial"):
            raise InvalidInput(key="error-units")
        if "reminder_minutes" in changes and isinstance(changes["reminder_minutes"], tuple):
            changes["reminder_minutes"] = ",".join(str(m) for m in changes["reminder_minutes"])
        if "language" in changes and changes["language"] not in (None, *LANGUAGES):
            raise InvalidInput(key="error-language", languages=", ".join(sorted(LANGUAGES)))
        milestone = changes.get("milestone_every")
        if milestone is not None and not (isinstance(milestone, int) and 1 <= milestone <= 10_000):
            raise InvalidInput(key="error-milestones")
        if "meet_threads" in changes:
            changes["meet_threads"] = int(bool(changes["meet_threads"]))
        columns = list(changes)
        placeholders = ", ".join("?" for _ in columns)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns)
        # excluded.updated_at is the column's default, "now" in the stored format, which
        # each backend's migration spells in its own dialect.
        await self.db.execute(
            f"INSERT INTO guild_settings(guild_id, {', '.join(columns)}) "
            f"VALUES(?, {placeholders}) ON CONFLICT(guild_id) DO UPDATE SET {updates}, "
            "updated_at = excluded.updated_at",
            (guild_id, *changes.values()),
        )
        return await self.get(guild_id)

    async def first_notice(self, guild_id: int, topic: str) -> bool:
        """True the first time a server is told about `topic` (e.g. a missing permission),
        so an organiser hears it once rather than on every command."""
        key = f"{topic}:{guild_id}"
        if await self.db.get_meta(key):
            return False
        await self.db.set_meta(key, "1")
        return True
