"""Making member-typed text safe to echo: no pings, no broken layout."""

from __future__ import annotations

import re

import discord

from bot.services.text import strip_unwanted

_WHITESPACE = re.compile(r"\s+")


def truncate(text: str, limit: int, suffix: str = "…") -> str:
    if len(text) <= limit:
        return text
    return text[: max(0, limit - len(suffix))].rstrip() + suffix


def plain(text: str, limit: int | None = None) -> str:
    """One line of user text, with markdown and mentions neutralised.

    Allowed-mentions already stop pings; escaping also stops `@everyone` from
    *looking* like a ping and `**` from bolding the rest of an embed.
    """
    text = strip_unwanted(text)
    text = _WHITESPACE.sub(" ", text).strip()
    text = discord.utils.escape_mentions(discord.utils.escape_markdown(text))
    return truncate(text, limit) if limit else text


def copyable(text: str, limit: int | None = None) -> str:
    """One line of text for inside a `code span`, where members copy it from: shown and
    copied exactly as written.

    A code span shows everything literally, so `plain`'s escapes would end up in the
    copy: a backslash before `_`, and the zero-width space escape_mentions puts after
    "@" (a pasted "@\u200beveryone" is not what was written). Only what would break the
    span is changed: a backtick, which would end it. Pings are stopped where they are
    decided instead: an embed never pings, and a message carrying this goes out with
    AllowedMentions.none() (the bot's default, bot/app.py).
    """
    text = _WHITESPACE.sub(" ", strip_unwanted(text)).strip().replace("`", "'")
    return truncate(text, limit) if limit else text


# Markdown a member may type in a title, which Discord shows as typed where it doesn't
# render it (embed field names, autocomplete choices): a masked link shows its text,
# paired markers go (an underscore only outside a word, as Discord reads it), a line's
# heading, subtext or quote marker goes, and an escaped character shows as itself.
_ESCAPED = re.compile(r"\\([\\*_~|`>#\-\[\]()])")
_LINK = re.compile(r"\[([^\[\]]+)\]\(<?https?://[^\s)]+>?\)")
_PAIRED = re.compile(
    r"(\*\*\*|\*\*|\*|__|~~|\|\||```|``|`)(?=\S)(.+?)(?<=\S)\1"
    r"|(?<![^\W_])_(?=\S)(.+?)(?<=\S)_(?![^\W_])"
)
_LINE_MARK = re.compile(r"^(?:#{1,3}|-#|>>>|>)\s+")


def unmarked(text: str, limit: int | None = None) -> str:
    """One line of user text for where Discord shows markdown as typed: the markdown
    taken out so it reads as meant ("**Big** Meet" -> "Big Meet"), mentions still
    neutralised. Not for text that is rendered: there `plain` escapes instead."""
    text = _WHITESPACE.sub(" ", strip_unwanted(text)).strip()
    escaped: list[str] = []

    def hold(match: re.Match[str]) -> str:
        escaped.append(match[1])
        return f"\x00{len(escaped) - 1}\x00"

    text = _ESCAPED.sub(hold, text)
    text = _LINK.sub(r"\1", _LINE_MARK.sub("", text))
    while True:
        stripped = _PAIRED.sub(lambda m: m[2] if m[2] is not None else m[3], text)
        if stripped == text:
            break
        text = stripped
    text = re.sub("\x00(\\d+)\x00", lambda m: escaped[int(m[1])], text).strip()
    text = discord.utils.escape_mentions(text) or text
    return truncate(text, limit) if limit else text


def multiline(text: str, limit: int | None = None) -> str:
    """Like `plain` but keeps line breaks (descriptions, notes)."""
    lines = [plain(line) for line in strip_unwanted(text).splitlines()]
    joined = "\n".join(lines).strip()
    return truncate(joined, limit) if limit else joined


def bar(value: int, total: int, width: int = 10) -> str:
    """A progress bar such as ▰▰▰▰▱▱, full when value >= total."""
    if total <= 0:
        return "▱" * width
    filled = min(width, round(width * value / total))
    return "▰" * filled + "▱" * (width - filled)
