"""Splitting a notice into messages Discord accepts whole.

Discord cuts a message at 2,000 characters and pings at most 100 users per
message (allowed_mentions.users). A notice to a meet of 85 or 250 members must
therefore be several messages, and each must still make sense on its own: the
news comes first, in the first line of the first message, before any mention,
so a cut can never lose it; each later message repeats the headline, so a member
pinged in message three sees why. Every member is mentioned exactly once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MAX_CHARS = 2000
MAX_MENTIONS = 100
# A later message's first line: the news's first line, cut to leave most of the
# message to mentions.
HEADLINE_CHARS = 200
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class NoticePart:
    """One message: its content and the users it may ping (exactly those it mentions)."""

    content: str
    mention_ids: tuple[int, ...]


def mention(user_id: int) -> str:
    return f"<@{user_id}>"


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: max(0, limit - len(ELLIPSIS))].rstrip() + ELLIPSIS


def _fill(head: str, pending: list[int], max_chars: int, max_mentions: int) -> NoticePart:
    """`head` and as many of `pending` (taken from the front) as fit within both limits."""
    content = head
    taken: list[int] = []
    while pending and len(taken) < max_mentions:
        tag = mention(pending[0])
        glue = " " if taken else ("\n" if content else "")
        if len(content) + len(glue) + len(tag) > max_chars:
            break
        content += glue + tag
        taken.append(pending.pop(0))
    return NoticePart(content, tuple(taken))


def split_notice(
    news: str,
    user_ids: Iterable[int],
    *,
    max_chars: int = MAX_CHARS,
    max_mentions: int = MAX_MENTIONS,
) -> list[NoticePart]:
    """The messages that carry `news` and mention each of `user_ids` exactly once.

    The first message starts with `news` (cut only if it alone would pass
    `max_chars`); mentions follow on the next line, then continue in messages that
    start with the news's first line. With nobody to mention, one message: the news.
    """
    pending = list(dict.fromkeys(user_ids))
    first = _fill(_cut(news.strip(), max_chars), pending, max_chars, max_mentions)
    parts = [first]
    headline = _cut(first.content.split("\n", 1)[0], min(HEADLINE_CHARS, max_chars // 4))
    while pending:
        part = _fill(headline, pending, max_chars, max_mentions)
        if not part.mention_ids:  # cannot happen with Discord's limits; never loop forever
            raise ValueError(f"a mention does not fit in {max_chars} characters")
        parts.append(part)
    return parts
