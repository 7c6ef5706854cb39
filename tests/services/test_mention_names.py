"""Names of members mentioned in meet text, kept for the calendar feed and /meet calendar
(bot/services/meets/names.py), on SQLite and PostgreSQL."""

from __future__ import annotations

from bot.clock import ManualClock
from bot.db import Database
from bot.services.attendance import RecordsService
from bot.services.club_calendar import CalendarService, readable_event
from bot.services.guild_settings import GuildSettingsService
from bot.services.meets import MeetService
from bot.services.meets.mentions import member_ids
from bot.services.meets.names import names_of
from bot.services.meets.series import SeriesService
from tests.services.meetkit import GUILD, OTHER_GUILD, make

JANA, TIM, STRANGER = 1577345824067682401, 1577345824067682402, 987654321098765432


def test_member_ids_are_each_member_once_in_order() -> None:
    text = f"<@{JANA}> and <@!{TIM}>, <@&{STRANGER}> <#{STRANGER}> <@{JANA}>"
    assert member_ids(text, None, f"<@{STRANGER}>") == [JANA, TIM, STRANGER]


async def test_kept_names_are_per_server_and_refreshed(
    db: Database, meets: MeetService, clock: ManualClock
) -> None:
    await meets.remember_names(GUILD, {JANA: "Jana", TIM: "Tim"})
    await meets.remember_names(OTHER_GUILD, {JANA: "J. in the other club"})
    await meets.remember_names(GUILD, {JANA: "Jana B."})  # renamed since
    await meets.remember_names(GUILD, {})
    assert await names_of(db, GUILD, [JANA, TIM, STRANGER]) == {JANA: "Jana B.", TIM: "Tim"}
    assert await names_of(db, OTHER_GUILD, [JANA, TIM]) == {JANA: "J. in the other club"}
    assert await names_of(db, GUILD, []) == {}


async def test_the_feed_names_mentioned_members_when_the_cache_lacks_them(
    db: Database, meets: MeetService, clock: ManualClock
) -> None:
    series = SeriesService(db, clock, meets, GuildSettingsService(db))
    calendar = CalendarService(db, clock, series, RecordsService(db, clock))
    meet_id = await make(meets, description=f"Lead: <@{JANA}>, sweep: <@{STRANGER}>")
    await make(meets, title="Coffee")  # mentions nobody
    await meets.remember_names(GUILD, {JANA: "Jana"})

    def cache(kind: str, ident: int) -> str | None:
        return None  # no members intent: the bot's cache lacks them

    event = await calendar.event(await meets.get(GUILD, meet_id))
    assert readable_event(event, "en", cache).description == "Lead: @Jana, sweep: @member"
    feed = [readable_event(e, "de", cache) for e in await calendar.events(GUILD)]
    assert [e.description for e in feed] == ["Lead: @Jana, sweep: @Mitglied", ""]

    def renamed(kind: str, ident: int) -> str | None:
        return "Jana B." if (kind, ident) == ("member", JANA) else None

    assert readable_event(event, "en", renamed).description == "Lead: @Jana B., sweep: @member"
