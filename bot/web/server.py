"""The calendar feed and the public club page, served from inside the bot process.

aiohttp.web (already there through discord.py) on PADDOCK_WEB_PORT; without it there
is no web server at all. Three read-only GET routes under a server's secret:

    /cal/<secret>.ics          the iCalendar feed (ETag / Last-Modified -> 304)
    /cal/<secret>/             the club page (HTML, no JavaScript); without the
                               slash, a 308 redirect to it
    /cal/<secret>/chart-<n>.png  the page's attendance charts

Everything else is 404, other methods on these paths 405, never with detail. Query
strings are ignored. The page, the charts and the feed's own words are in the server's
language (/config language, else its Discord language, else English), like every other
public post. Nothing here writes: pages are built from the database's read
connections, and the response is written after the read finished, so a slow client
holds a socket, never a transaction. Chart drawing runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from importlib import resources
from zoneinfo import ZoneInfo

from aiohttp import web
from aiohttp.typedefs import Handler
from jinja2 import Environment, select_autoescape
from markupsafe import Markup, escape

from bot.clock import Clock
from bot.i18n import language_of, t
from bot.i18n.formats import day_month_year, number, short_date, weekday_date_time
from bot.render.chart import MAX_BARS, render_chart
from bot.services.attendance.records import HistoryEntry
from bot.services.club_calendar import (
    CalendarService,
    ClubPage,
    FeedEvent,
    SeriesRecord,
    readable_event,
)
from bot.services.guild_settings import GuildSettings, GuildSettingsService
from bot.services.meets.calendar import feed_ics
from bot.services.meets.mentions import Kind, NameOf

log = logging.getLogger("paddock.web")

STYLE = resources.files("bot.web").joinpath("templates/page.css").read_text(encoding="utf-8")
_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
# No scripts, no frames, nothing from elsewhere: images and the inline style from here only.
CSP = (
    "default-src 'none'; img-src 'self'; "
    f"style-src 'sha256-{_STYLE_HASH}'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    # The secret is in the URL: a click on a map link must not carry it along.
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "private, no-cache",
}


# A server's preferred locale as Discord reports it (None when unknown): the bot's cache.
LocaleOf = Callable[[int], str | None]


def _no_locale(guild_id: int) -> str | None:
    return None


FEED_CLUB_MAX = 60
# A member's, role's or channel's name in a server, from the bot's cache (None if unknown).
CachedName = Callable[[int, Kind, int], str | None]


def _no_name(guild_id: int, kind: Kind, ident: int) -> str | None:
    return None


# A server's name from the bot's cache (None when unknown), for the page's heading.
GuildName = Callable[[int], str | None]


def _no_guild_name(guild_id: int) -> str | None:
    return None


@dataclass(frozen=True, slots=True)
class WebContext:
    calendar: CalendarService
    settings: GuildSettingsService
    clock: Clock
    locale_of: LocaleOf = _no_locale
    name_of: CachedName = _no_name
    guild_name: GuildName = _no_guild_name

    def language(self, guild_id: int, settings: GuildSettings) -> str:
        """The server's language, as for its posts on Discord."""
        return settings.language or language_of(self.locale_of(guild_id))


CONTEXT = web.AppKey("paddock", WebContext)
_templates = Environment(
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_PAGE = _templates.from_string(
    resources.files("bot.web").joinpath("templates/page.html").read_text(encoding="utf-8")
)


def not_found() -> web.HTTPNotFound:
    return web.HTTPNotFound(text="Not found", headers=SECURITY_HEADERS)


async def _guild(request: web.Request) -> tuple[WebContext, int]:
    ctx = request.app[CONTEXT]
    guild_id = await ctx.calendar.guild_for(request.match_info["secret"])
    if guild_id is None:
        raise not_found()
    return ctx, guild_id


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _not_modified(request: web.Request, etag: str, modified: datetime | None) -> bool:
    """RFC 9110: If-None-Match decides when present; If-Modified-Since only without it."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return etag in tags or "*" in tags
    since = request.headers.get("If-Modified-Since")
    if since and modified is not None:
        try:
            return modified.replace(microsecond=0) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def _described(event: FeedEvent, lang: str, name_of: NameOf) -> FeedEvent:
    """The event as the feed describes it: why it was cancelled (calendar apps show
    DESCRIPTION, while few show STATUS:CANCELLED), its description, then where it was
    announced."""
    event = readable_event(event, lang, name_of)
    parts = [event.description]
    if event.cancelled:
        reason = " ".join((event.cancel_reason or "").split())
        cancelled = (
            t(lang, "web-feed-cancelled-because", reason=reason)
            if reason
            else t(lang, "web-feed-cancelled")
        )
        parts.insert(0, cancelled)
    if event.url:
        parts.append(t(lang, "web-feed-announcement", url=event.url))
    return replace(event, description="\n\n".join(p for p in parts if p.strip()))


def _feed_name(lang: str, club: str | None) -> str:
    """The feed's name in a calendar app: with the server's name, so two clubs' feeds
    can be told apart. One line (control characters would break the app's list), and
    short; icalendar escapes commas and semicolons."""
    club = " ".join("".join(c if c.isprintable() else " " for c in club or "").split())
    if len(club) > FEED_CLUB_MAX:
        club = club[: FEED_CLUB_MAX - 1].rstrip() + "…"
    return t(lang, "web-feed-name-club", club=club) if club else t(lang, "web-feed-name")


async def feed(request: web.Request) -> web.StreamResponse:
    ctx, guild_id = await _guild(request)
    lang = ctx.language(guild_id, await ctx.settings.get(guild_id))
    name_of = functools.partial(ctx.name_of, guild_id)
    events = [_described(e, lang, name_of) for e in await ctx.calendar.events(guild_id)]
    body = feed_ics(events, _feed_name(lang, ctx.guild_name(guild_id)))
    etag = _etag(body)
    modified = max((e.stamp for e in events), default=None)
    headers = {**SECURITY_HEADERS, "ETag": etag}
    if modified is not None:
        headers["Last-Modified"] = format_datetime(modified, usegmt=True)
    if _not_modified(request, etag, modified):
        return web.Response(status=304, headers=headers)
    return web.Response(
        body=body,
        headers={
            **headers,
            "Content-Type": "text/calendar; charset=utf-8",
            "Content-Disposition": 'inline; filename="club.ics"',
        },
    )


def _when(event: FeedEvent, tz: ZoneInfo, lang: str) -> str:
    local = event.starts_at.astimezone(tz)
    return weekday_date_time(lang, local, local.tzname() or "")


def _marked(lang: str, key: str, **parts: Markup | str) -> Markup:
    """A catalogue message as HTML: its own words escaped, `parts` (escaped unless they
    are Markup already) put in their places."""
    slots = {name: f"\x00{name}\x00" for name in parts}
    text = escape(t(lang, key, **slots))
    for name, value in parts.items():
        text = Markup(text.replace(slots[name], escape(value)))
    return Markup(text)


def _record(index: int, shown: SeriesRecord, lang: str) -> dict[str, object]:
    name = shown.series or t(lang, "records-all-meets")
    line = None
    if shown.record is not None:
        cars = Markup("<strong>%s</strong>") % t(lang, "att-cars", count=shown.record.cars)
        line = _marked(
            lang,
            "web-record-line",
            cars=cars,
            label=shown.record.label,
            day=day_month_year(lang, shown.record.held_on),
        )
    return {
        "index": index,
        "name": name,
        "line": line,
        "alt": _chart_alt(
            shown.series, shown.history, shown.record.cars if shown.record else None, lang
        ),
    }


def render_page(page: ClubPage, lang: str = "en", server: str | None = None) -> str:
    tz = ZoneInfo(page.zone)
    meets = [
        {
            "title": e.title,
            "when": _when(e, tz, lang),
            "iso": e.starts_at.astimezone(tz).isoformat(),
            "location": e.location,
            "map_of": t(lang, "web-map-of", location=e.location),
            "map_url": e.map_url,
            "going": t(lang, "web-going", count=e.going),
            "places_left": None
            if e.places_left is None
            else t(lang, "web-places-left", count=e.places_left),
            "cancelled": e.cancelled,
            "recurring": e.recurring,
        }
        for e in page.upcoming
    ]
    records = [_record(index, r, lang) for index, r in enumerate(page.records)]
    words = {
        # Jinja escapes it like all text here; a server name can hold any characters.
        "title": t(lang, "qa3b-web-title-of", server=server[:100])
        if server
        else t(lang, "web-title"),
        "upcoming": t(lang, "web-upcoming"),
        "repeats": t(lang, "web-repeats"),
        "cancelled": t(lang, "web-cancelled"),
        "map": t(lang, "web-map"),
        "no-meets": t(lang, "web-no-meets"),
        "records": t(lang, "web-records"),
        "no-records": t(lang, "web-no-records"),
        "footer": t(lang, "web-footer"),
    }
    return _PAGE.render(
        meets=meets,
        records=records,
        lang=lang,
        words=words,
        times_in=t(lang, "web-times-in", zone=page.zone),
        style=STYLE,
    )


def _chart_alt(
    series: str | None, entries: Sequence[HistoryEntry], record: int | None, lang: str
) -> str:
    counts = ", ".join(
        f"{short_date(lang, e.held_on)}: {number(lang, e.cars)}" for e in entries[-6:]
    )
    # The chart draws the last MAX_BARS meets; the whole server's has no series name to
    # put after "of" ("the last 4 meets of All meets" read wrong).
    drawn = min(len(entries), MAX_BARS)
    parts = [
        t(lang, "qa4b-web-chart-alt-series", count=drawn, name=series)
        if series
        else t(lang, "qa4b-web-chart-alt-all", count=drawn)
    ]
    if record is not None:
        parts.append(t(lang, "web-chart-alt-record", cars=record))
    parts.append(t(lang, "web-chart-alt-latest", counts=counts))
    return " ".join(parts)


async def page(request: web.Request) -> web.StreamResponse:
    ctx, guild_id = await _guild(request)
    settings = await ctx.settings.get(guild_id)
    club = await ctx.calendar.page(guild_id, settings.timezone)
    return web.Response(
        text=render_page(club, ctx.language(guild_id, settings), ctx.guild_name(guild_id)),
        content_type="text/html",
        charset="utf-8",
        headers=SECURITY_HEADERS,
    )


async def slashless(request: web.Request) -> web.StreamResponse:
    """The page's URL without its slash, as people shorten links: send them on (308)
    to the page. Relative, so it still works behind a proxy's path prefix."""
    await _guild(request)  # an unknown secret stays a plain 404
    raise web.HTTPPermanentRedirect(f"{request.match_info['secret']}/", headers=SECURITY_HEADERS)


async def chart(request: web.Request) -> web.StreamResponse:
    ctx, guild_id = await _guild(request)
    index = request.match_info["n"]
    records = await ctx.calendar.records_shown(guild_id)
    if int(index) >= len(records):
        raise not_found()
    shown = records[int(index)]
    lang = ctx.language(guild_id, await ctx.settings.get(guild_id))
    title = t(lang, "web-chart-title", series=shown.series or t(lang, "records-all-meets"))
    drawn = await asyncio.to_thread(
        functools.partial(
            render_chart,
            shown.history,
            shown.record.cars if shown.record else None,
            title,
            lang=lang,
        )
    )
    return web.Response(body=drawn.png, content_type="image/png", headers=SECURITY_HEADERS)


@web.middleware
async def plain_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """404 and 405 say nothing about what exists; anything else is a bare 500."""
    try:
        return await handler(request)
    except web.HTTPMethodNotAllowed as exc:
        raise web.HTTPMethodNotAllowed(
            request.method, exc.allowed_methods, text="Method not allowed", headers=SECURITY_HEADERS
        ) from None
    except web.HTTPNotFound:
        raise not_found() from None
    except web.HTTPException:
        raise
    except Exception:
        log.exception("calendar request failed")
        raise web.HTTPInternalServerError(text="Server error", headers=SECURITY_HEADERS) from None


def make_app(
    calendar: CalendarService,
    settings: GuildSettingsService,
    clock: Clock,
    locale_of: LocaleOf = _no_locale,
    name_of: CachedName = _no_name,
    guild_name: GuildName = _no_guild_name,
) -> web.Application:
    app = web.Application(middlewares=[plain_errors], client_max_size=1024)
    app[CONTEXT] = WebContext(calendar, settings, clock, locale_of, name_of, guild_name)
    app.router.add_get(r"/cal/{secret:[A-Za-z0-9_-]{32}}.ics", feed)
    app.router.add_get(r"/cal/{secret:[A-Za-z0-9_-]{32}}/", page)
    app.router.add_get(r"/cal/{secret:[A-Za-z0-9_-]{32}}", slashless)
    app.router.add_get(r"/cal/{secret:[A-Za-z0-9_-]{32}}/chart-{n:[0-9]{1,2}}.png", chart)
    return app


class WebServer:
    """Started by the bot after its database is open; stopped before it closes."""

    def __init__(self, app: web.Application, host: str, port: int) -> None:
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=2)
        self.host = host
        self.port = port

    async def start(self) -> None:
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        # Port 0 (tests) picks a free port: report the real one.
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        if sockets:
            self.port = int(sockets[0].getsockname()[1])
        log.info("calendar web server on %s:%s", self.host, self.port)

    async def stop(self) -> None:
        await self._runner.cleanup()
