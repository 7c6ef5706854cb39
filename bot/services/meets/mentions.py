"""Discord's markup in meet text, made readable where Discord doesn't render it.

A calendar app shows a meet's description as plain text, so `<@1577…>` would reach it
as a raw id. Mentions become `@name` when the bot knows the name, otherwise a neutral
word (`@member`); custom emoji become `:name:`; timestamps a UTC date and time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Literal

from bot.i18n import t

Kind = Literal["member", "role", "channel"]
# The bot's cache: the name of a member, role or channel of the server, if it knows it.
NameOf = Callable[[Kind, int], str | None]

_MARKUP = re.compile(
    r"<(?P<sigil>@!?|@&|#)(?P<id>\d{1,20})>"
    r"|<a?:(?P<emoji>\w{1,32}):\d{1,20}>"
    r"|</(?P<command>[\w -]{1,100}):\d{1,20}>"
    r"|<t:(?P<ts>-?\d{1,13})(?::[tTdDfFRs])?>"
)
_KINDS: dict[str, Kind] = {"@": "member", "@!": "member", "@&": "role", "#": "channel"}
_UNKNOWN: dict[Kind, str] = {
    "member": "mention-unknown-member",
    "role": "mention-unknown-role",
    "channel": "mention-unknown-channel",
}


_MEMBER = re.compile(r"<@!?(\d{1,20})>")


def member_ids(*texts: str | None) -> list[int]:
    """The members mentioned in `texts`, each once, in order."""
    found = (int(m) for text in texts if text for m in _MEMBER.findall(text))
    return list(dict.fromkeys(found))


def _unknown(kind: Kind, ident: int) -> str | None:
    return None


def readable(text: str, lang: str, name_of: NameOf = _unknown) -> str:
    """`text` with Discord's mention, emoji, command and timestamp markup as words."""

    def one(match: re.Match[str]) -> str:
        if match["emoji"]:
            return f":{match['emoji']}:"
        if match["command"]:
            return f"/{match['command']}"
        if match["ts"]:
            try:
                moment = datetime.fromtimestamp(int(match["ts"]), UTC)
            except (OverflowError, OSError, ValueError):
                return ""
            return moment.strftime("%Y-%m-%d %H:%M UTC")
        kind = _KINDS[match["sigil"]]
        name = name_of(kind, int(match["id"])) or t(lang, _UNKNOWN[kind])
        prefix = "#" if kind == "channel" else "@"
        return prefix + name.removeprefix(prefix)

    return _MARKUP.sub(one, text)
