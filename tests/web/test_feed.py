"""The calendar feed and page over HTTP: exact dates read back by independent parsers,
conditional requests, secrets, and nothing leaking."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import aiohttp
import pytest
import recurring_ical_events
from icalendar import Calendar

from bot.clock import ManualClock
from bot.db import SQLiteDatabase
from bot.services.meets.calendar import feed_ics, meet_ics
from bot.services.meets.models import MeetChanges
from tests.web.calkit import GUILD, MEMBER_ID, MEMBER_NAME, NOW, TZ, Club, make_club, serving


@pytest.fixture
async def club(db: SQLiteDatabase) -> Club:
    return await make_club(db, ManualClock(NOW))


async def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as resp:
        return resp.status, {k.lower(): v for k, v in resp.headers.items()}, await resp.read()


def sundays() -> list[date]:
    """Every Sunday from 6 June 2027 up to six months after NOW, counted by hand."""
    found, day = [], date(2027, 6, 6)
    while datetime(day.year, day.month, day.day, 10, tzinfo=TZ) <= NOW + timedelta(days=183):
        found.append(day)
        day += timedelta(days=7)
    return found


async def test_feed_has_exactly_the_right_dates(club: Club) -> None:
    secret = await club.services.calendar.secret(GUILD)
    # Move the second date to 14:00 and answer it: it keeps its UID, its SEQUENCE rises.
    club.clock.set(datetime(2027, 6, 7, tzinfo=UTC))
    second = (await club.services.series.make_due())[0]
    await club.services.meets.edit(
        GUILD, second.id, MeetChanges(starts_at=datetime(2027, 6, 13, 14, tzinfo=TZ))
    )
    club.clock.set(NOW)
    async with serving(club) as base:
        status, headers, body = await get(f"{base}/cal/{secret}.ics")
    assert status == 200
    assert headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(body)
    events = list(cal.walk("VEVENT"))
    # An independent reader expands the calendar over the feed's window.
    expanded = recurring_ical_events.of(cal).between(
        NOW - timedelta(days=60), NOW + timedelta(days=183)
    )
    drives = sorted(
        e["DTSTART"].dt.astimezone(TZ)
        for e in expanded
        if str(e["SUMMARY"]).startswith("Sunday Drive")
    )
    assert [d.date() for d in drives] == sundays()
    assert len(drives) == 26
    times = {d.date(): d.strftime("%H:%M") for d in drives}
    assert times[date(2027, 6, 13)] == "14:00"
    assert {t for d, t in times.items() if d != date(2027, 6, 13)} == {"10:00"}  # summer and winter
    assert times[date(2027, 11, 7)] == "10:00"
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events)  # every UID is unique
    moved = by_uid[f"rule-{club.rule_id}-20270613-guild-{GUILD}@paddock"]
    assert int(moved["SEQUENCE"]) == 1
    first = by_uid[f"rule-{club.rule_id}-20270606-guild-{GUILD}@paddock"]
    assert str(first["URL"]).endswith(f"/{GUILD}/55/777")
    assert str(first["LOCATION"]) == "Völkerschlachtdenkmal, Leipzig"
    assert str(first["SUMMARY"]) == "Sunday Drive <b>&"
    assert "Announcement: https://discord.com/channels/" in str(first["DESCRIPTION"])
    assert first["DTEND"].dt - first["DTSTART"].dt == timedelta(hours=4)
    cancelled = by_uid[f"meet-{club.cancelled_id}-guild-{GUILD}@paddock"]
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 1
    oneoff = by_uid[f"meet-{club.oneoff_id}-guild-{GUILD}@paddock"]
    assert oneoff["DTSTART"].dt == datetime(2027, 8, 14, 6, 0, tzinfo=UTC)
    assert MEMBER_NAME.encode() not in body and str(MEMBER_ID).encode() not in body


async def test_a_meets_own_file_is_the_feeds_event(club: Club) -> None:
    # A member imports a date's .ics, later subscribes to the feed, and re-imports a
    # file after each change: the calendar must see one event, each copy newer.
    calendar, meets = club.services.calendar, club.services.meets
    await meets.edit(GUILD, club.first_id, MeetChanges(title="Sunday Drive, new route"))
    await meets.edit(GUILD, club.oneoff_id, MeetChanges(location="Nordschleife"))
    await meets.cancel(GUILD, club.oneoff_id, "track closed")
    feed = {
        str(e["UID"]): e
        for e in Calendar.from_ical(feed_ics(await calendar.events(GUILD), "x")).walk("VEVENT")
    }
    for meet_id in (club.first_id, club.oneoff_id, club.cancelled_id):
        meet = await meets.get(GUILD, meet_id)
        (own,) = Calendar.from_ical(meet_ics(await calendar.event(meet), NOW)).walk("VEVENT")
        listed = feed[str(own["UID"])]
        assert int(own["SEQUENCE"]) == int(listed["SEQUENCE"]) >= 1
        assert own["DTSTART"].dt == listed["DTSTART"].dt
        assert str(own["STATUS"]) == str(listed["STATUS"])
    oneoff = feed[f"meet-{club.oneoff_id}-guild-{GUILD}@paddock"]
    assert str(oneoff["STATUS"]) == "CANCELLED" and int(oneoff["SEQUENCE"]) == 2


async def test_feed_window_drops_old_and_far_meets(club: Club) -> None:
    secret = await club.services.calendar.secret(GUILD)
    club.clock.set(datetime(2027, 8, 20, tzinfo=UTC))  # the one-off was 6 days ago
    async with serving(club) as base:
        _, _, body = await get(f"{base}/cal/{secret}.ics")
        club.clock.set(datetime(2027, 10, 20, tzinfo=UTC))  # now it is 67 days ago
        _, _, later = await get(f"{base}/cal/{secret}.ics")

    def titles(raw: bytes) -> set[str]:
        return {str(e["SUMMARY"]) for e in Calendar.from_ical(raw).walk("VEVENT")}

    assert "Nürburgring weekend" in titles(body)
    assert "Nürburgring weekend" not in titles(later)
    starts = [e["DTSTART"].dt for e in Calendar.from_ical(later).walk("VEVENT")]
    assert max(starts) <= datetime(2027, 10, 20, tzinfo=UTC) + timedelta(days=183)


async def test_conditional_requests_get_304_until_something_changes(club: Club) -> None:
    secret = await club.services.calendar.secret(GUILD)
    async with serving(club) as base:
        url = f"{base}/cal/{secret}.ics"
        status, headers, _ = await get(url)
        etag, modified = headers["etag"], headers["last-modified"]
        again, _, body = await get(url, **{"If-None-Match": etag})
        assert (again, body) == (304, b"")
        since, _, _ = await get(url, **{"If-Modified-Since": modified})
        assert since == 304
        await club.services.meets.edit(
            GUILD, club.oneoff_id, MeetChanges(location="Spa-Francorchamps")
        )
        changed, new_headers, new_body = await get(url, **{"If-None-Match": etag})
    assert status == 200 and changed == 200
    assert new_headers["etag"] != etag
    locations = {str(e["LOCATION"]) for e in Calendar.from_ical(new_body).walk("VEVENT")}
    assert "Spa-Francorchamps" in locations


async def test_regenerate_makes_the_old_urls_404(club: Club) -> None:
    old = await club.services.calendar.secret(GUILD)
    assert await club.services.calendar.secret(GUILD) == old  # stable until regenerated
    assert len(old) == 32
    async with serving(club) as base:
        assert (await get(f"{base}/cal/{old}.ics"))[0] == 200
        new = await club.services.calendar.secret(GUILD, regenerate=True)
        assert new != old
        for path in (f"/cal/{old}.ics", f"/cal/{old}/", f"/cal/{old}", f"/cal/{old}/chart-0.png"):
            status, _, body = await get(base + path)
            assert (status, body) == (404, b"Not found")
        assert (await get(f"{base}/cal/{new}.ics"))[0] == 200
        assert (await get(f"{base}/cal/{new}/"))[0] == 200


async def test_unknown_paths_methods_and_query_strings(club: Club) -> None:
    secret = await club.services.calendar.secret(GUILD)
    wrong = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    async with serving(club) as base:
        for path in (
            "/",
            "/cal/",
            f"/cal/{wrong}.ics",
            f"/cal/{wrong}",
            "/cal/x.ics",
            f"/cal/{secret}/chart-9.png",
            f"/cal/{secret}.ics/",
            f"/cal/{secret}.ICS",
        ):
            status, _, body = await get(base + path)
            assert status == 404, path
            assert body == b"Not found", path
        async with aiohttp.ClientSession() as session:
            for method in ("POST", "PUT", "DELETE", "PATCH"):
                async with session.request(method, f"{base}/cal/{secret}.ics", data=b"x") as resp:
                    assert resp.status == 405
                    assert (await resp.read()) == b"Method not allowed"
        plain = await get(f"{base}/cal/{secret}.ics")
        queried = await get(f"{base}/cal/{secret}.ics?regenerate=true&secret=x")
    assert plain[0] == queried[0] == 200 and plain[2] == queried[2]
    assert await club.services.calendar.secret(GUILD) == secret


async def test_the_page_url_without_its_slash_redirects_to_the_page(club: Club) -> None:
    # This answered 404 (and test_unknown_paths_methods_and_query_strings required it);
    # people drop the trailing slash when they paste links, so it now sends them on.
    secret = await club.services.calendar.secret(GUILD)
    async with serving(club) as base, aiohttp.ClientSession() as session:
        async with session.get(f"{base}/cal/{secret}?x=1", allow_redirects=False) as resp:
            assert resp.status == 308
            assert resp.headers["Location"] == f"{secret}/"
        async with session.get(f"{base}/cal/{secret}") as followed:
            assert followed.status == 200
            assert str(followed.url) == f"{base}/cal/{secret}/"
            assert "<html" in await followed.text()


async def test_guild_for_looks_up_by_hash_and_ignores_junk(club: Club) -> None:
    calendar = club.services.calendar
    secret = await calendar.secret(GUILD)
    assert await calendar.guild_for(secret) == GUILD
    for junk in (
        "",
        "x" * 32,
        secret.upper() if secret.upper() != secret else "y" * 32,
        secret + "A",
        "%" * 32,
    ):
        assert await calendar.guild_for(junk) is None


async def test_page_shows_meets_and_records_but_no_members(club: Club) -> None:
    secret = await club.services.calendar.secret(GUILD)
    async with serving(club) as base:
        status, headers, body = await get(f"{base}/cal/{secret}/")
        chart_status, chart_headers, png = await get(f"{base}/cal/{secret}/chart-0.png")
    html = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert headers["referrer-policy"] == "no-referrer"
    assert '<html lang="en">' in html
    assert "Sunday Drive &lt;b&gt;&amp;" in html and "<b>&" not in html  # escaped
    assert "Sunday 6 June 2027, 10:00 CEST" in html
    assert "1 going · 19 places left" in html
    assert "openstreetmap.org/search?query=V%C3%B6lkerschlachtdenkmal%2C+Leipzig" in html
    assert "Record: <strong>42 cars</strong>" in html
    assert 'alt="Bar chart of cars at the last 2 meets' in html
    assert "Track day" in html and "cancelled" in html
    assert MEMBER_NAME not in html and str(MEMBER_ID) not in html
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org", "")
    assert chart_status == 200 and chart_headers["content-type"] == "image/png"
    assert png.startswith(b"\x89PNG")


async def test_a_cancelled_meet_says_why_where_calendar_apps_show_it(club: Club) -> None:
    """STATUS:CANCELLED alone shows in few calendar apps: the reason goes first in
    DESCRIPTION, in the server's language, for a one-off meet and a recurring date alike."""
    secret = await club.services.calendar.secret(GUILD)
    await club.services.series.cancel_later(GUILD, club.first_id, "Road   closed\nfor works")
    plain = await club.services.meets.create(
        GUILD,
        title="Coffee",
        starts_at=NOW + timedelta(days=30),
        location="Leipzig",
        created_by=1,
        description="Bring cups.",
    )
    await club.services.meets.cancel(GUILD, plain.id)
    for locale, word in ((None, "Cancelled"), ("de", "Abgesagt")):
        async with serving(club, discord_locale=locale) as base:
            status, _, body = await get(f"{base}/cal/{secret}.ics")
        assert status == 200
        by_uid = {str(e["UID"]): e for e in Calendar.from_ical(body).walk("VEVENT")}
        track = by_uid[f"meet-{club.cancelled_id}-guild-{GUILD}@paddock"]
        assert str(track["STATUS"]) == "CANCELLED"
        assert str(track["DESCRIPTION"]) == f"{word}: rain"
        drive = by_uid[f"rule-{club.rule_id}-20270606-guild-{GUILD}@paddock"]
        assert str(drive["STATUS"]) == "CANCELLED"
        assert str(drive["DESCRIPTION"]).startswith(
            f"{word}: Road closed for works\n\nCoffee first.\n\n"
        ), drive["DESCRIPTION"]
        coffee = by_uid[f"meet-{plain.id}-guild-{GUILD}@paddock"]
        assert str(coffee["DESCRIPTION"]) == f"{word}.\n\nBring cups."
        # A meet that goes ahead carries no such line.
        weekend = by_uid[f"meet-{club.oneoff_id}-guild-{GUILD}@paddock"]
        assert str(weekend["STATUS"]) == "CONFIRMED" and "DESCRIPTION" not in weekend
