"""Notices at club size: whole news, every member once, every message within Discord's limits."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.render.notices import MAX_CHARS, MAX_MENTIONS, NoticePart, split_notice

MENTION = re.compile(r"<@(\d+)>")
NEWS = (
    "**Cars and Coffee** (https://discord.com/channels/1/2/3) on <t:1812345600:F> is cancelled. "
    "Reason: Rain"
)


def members(count: int, start: int = 157_000_000_000_000_000) -> list[int]:
    """Snowflake-sized ids (18-19 digits), the longest mentions real members have."""
    return [start + 7_919 * i for i in range(count)]


def check(parts: list[NoticePart], news: str, ids: list[int]) -> None:
    assert parts, "no message at all"
    assert parts[0].content.split("\n", 1)[0] == news.split("\n", 1)[0]
    assert parts[0].content.startswith(news)  # the whole news, before any mention
    mentioned: list[int] = []
    for part in parts:
        assert len(part.content) <= MAX_CHARS
        assert len(part.mention_ids) <= MAX_MENTIONS
        in_text = [int(m) for m in MENTION.findall(part.content)]
        assert in_text == list(part.mention_ids), "pings and visible mentions must agree"
        head = part.content.split("\n", 1)[0]
        assert MENTION.search(head) is None, "the first line is news, not mentions"
        mentioned.extend(part.mention_ids)
    assert sorted(mentioned) == sorted(set(ids)), "each member mentioned exactly once"
    assert len(mentioned) == len(set(mentioned))


@pytest.mark.parametrize(("count", "messages"), [(85, 1), (150, 2), (250, 3)])
def test_club_sized_notices(count: int, messages: int) -> None:
    ids = members(count)
    parts = split_notice(NEWS, ids)
    check(parts, NEWS, ids)
    assert len(parts) == messages
    # Later messages say what they are about, so a member pinged there sees the news.
    assert all(p.content.startswith(NEWS.split("\n")[0][:150]) for p in parts)


def test_85_mentions_fit_one_message_only_with_the_news_first() -> None:
    ids = members(85)
    parts = split_notice(NEWS, ids)
    assert "is cancelled" in parts[0].content.split("\n")[0]
    assert parts[0].mention_ids[-1] == ids[-1]


def test_a_hundred_short_mentions_are_capped_at_the_ping_limit() -> None:
    ids = list(range(1, 251))  # short ids: the 100-user cap binds before 2,000 characters
    parts = split_notice("Reminder: meet at 10:00", ids)
    check(parts, "Reminder: meet at 10:00", ids)
    assert [len(p.mention_ids) for p in parts] == [100, 100, 50]


def test_multiline_news_stays_whole_and_first() -> None:
    news = "Reminder: **Ring day** starts <t:1:R>.\nhttps://discord.com/channels/1/2/3"
    ids = members(150)
    parts = split_notice(news, ids)
    check(parts, news, ids)
    assert parts[0].content.startswith(news + "\n<@")


def test_nobody_to_mention_is_one_message_with_the_news() -> None:
    assert split_notice("Reminder", []) == [NoticePart("Reminder", ())]


def test_duplicates_are_mentioned_once() -> None:
    parts = split_notice("News", [5, 5, 6, 5])
    assert [p.mention_ids for p in parts] == [(5, 6)]


def test_news_too_long_for_one_message_is_cut_but_leads() -> None:
    news = "Change: " + "x" * 2500
    parts = split_notice(news, members(10))
    assert len(parts[0].content) <= MAX_CHARS
    assert parts[0].content.startswith("Change: xxx")
    assert sum(len(p.mention_ids) for p in parts) == 10


ids_strategy = st.lists(st.integers(1, 2**64 - 1), max_size=400)
news_strategy = st.text(
    alphabet=st.characters(exclude_characters="<\n\r"), min_size=1, max_size=300
).filter(lambda s: s.strip() == s and s != "")


@settings(max_examples=150, deadline=None)
@given(news=news_strategy, ids=ids_strategy)
def test_any_notice_is_whole_and_within_limits(news: str, ids: list[int]) -> None:
    check(split_notice(news, ids), news, ids)


@settings(max_examples=100, deadline=None)
@given(
    ids=ids_strategy,
    max_chars=st.integers(60, 2000),
    max_mentions=st.integers(1, 100),
)
def test_any_limits_hold(ids: list[int], max_chars: int, max_mentions: int) -> None:
    parts = split_notice("News", ids, max_chars=max_chars, max_mentions=max_mentions)
    assert all(len(p.content) <= max_chars for p in parts)
    assert all(len(p.mention_ids) <= max_mentions for p in parts)
    assert [u for p in parts for u in p.mention_ids] == list(dict.fromkeys(ids))
