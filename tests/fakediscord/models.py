"""State objects of the fake Discord: snowflakes, guilds, channels, members, interactions."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import os
import re
import time
import urllib.parse
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .server import FakeDiscord

DISCORD_EPOCH_MS = 1420070400000

# Permission bits used by the fake.
ADMINISTRATOR = 1 << 3
MENTION_EVERYONE = 1 << 17
MANAGE_ROLES = 1 << 28
MANAGE_EVENTS = 1 << 33
CREATE_EVENTS = 1 << 44
ALL_PERMISSIONS = (1 << 53) - 1
# Discord's default @everyone permissions for a new guild (view channels, send messages,
# read history, embed, attach, reactions, slash commands, connect, speak, ...).
DEFAULT_EVERYONE_PERMISSIONS = 1071698660929
# A sensible default for the bot's managed role: send/embed/attach/read/history/
# manage messages + threads + events, no administrator, no @everyone mentions.
DEFAULT_BOT_PERMISSIONS = (
    (1 << 10)  # VIEW_CHANNEL
    | (1 << 11)  # SEND_MESSAGES
    | (1 << 13)  # MANAGE_MESSAGES
    | (1 << 14)  # EMBED_LINKS
    | (1 << 15)  # ATTACH_FILES
    | (1 << 16)  # READ_MESSAGE_HISTORY
    | (1 << 6)  # ADD_REACTIONS
    | (1 << 31)  # USE_APPLICATION_COMMANDS
    | (1 << 38)  # SEND_MESSAGES_IN_THREADS
    | MANAGE_EVENTS
)

_counter = itertools.count(1)

# Every wait in the fake allows at least this long. A 2-core machine running other work
# can stall this process for seconds, and a ceiling only costs time when the thing
# waited for is already wrong, so a short one buys nothing and makes tests flaky.
MIN_CEILING = 20.0


def _children(pid: str) -> list[str]:
    found: list[str] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as f:
                found += f.read().decode().split()
        except OSError:
            continue
    return found


def _waited(pid: str) -> int:
    total = 0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return 0
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat", "rb") as f:
                total += int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the thread ended meanwhile
    return total


def cpu_wait() -> float:
    """Seconds this process and the bots it started have spent ready to run but waiting
    for a CPU.

    Linux counts it per thread in /proc/<pid>/task/<tid>/schedstat (the second field, in
    ns). That is the time other processes took from these: the machine's load, not the
    bot's work, so the interaction deadline leaves it out. Every thread counts, not just
    the event loop's (an answer waits on the database's threads too), and so do child
    processes (tests that run the bot as a process of its own, to kill it). Waits that
    overlap are counted twice, which only makes a loaded machine's deadline looser; an
    idle machine waits for nothing, so there the deadline stays 3 s.
    0.0 where the kernel does not count it.
    """
    total, todo, seen = 0, ["self"], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _waited(pid)
        todo += _children(pid)
    return total / 1e9


def snowflake() -> int:
    """A new snowflake built from the current time, like Discord does."""
    ms = int(time.time() * 1000)
    return ((ms - DISCORD_EPOCH_MS) << 22) | (next(_counter) & 0x3FFFFF)


def iso_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def public(obj: Any) -> Any:
    """Strip fake-internal keys (leading underscore) recursively before serialising."""
    if isinstance(obj, dict):
        return {
            k: public(v) for k, v in obj.items() if not (isinstance(k, str) and k.startswith("_"))
        }
    if isinstance(obj, list):
        return [public(v) for v in obj]
    return obj


class FakeChannel:
    """A guild text channel or a DM channel. ``messages`` maps id -> message dict."""

    def __init__(
        self,
        fake: FakeDiscord,
        channel_id: int,
        name: str,
        type: int = 0,
        guild_id: int | None = None,
        recipient: dict[str, Any] | None = None,
        position: int = 0,
        parent_id: int | None = None,
    ) -> None:
        self.fake = fake
        self.id = channel_id
        self.name = name
        self.type = type
        self.guild_id = guild_id
        self.recipient = recipient
        self.position = position
        self.parent_id = parent_id
        self.topic: str | None = None
        # Threads (type 11): who was added, and whose thread it is.
        self.thread_members: list[int] = []
        self.owner_id: int | None = None
        self.messages: dict[int, dict[str, Any]] = {}
        self.deleted: dict[int, dict[str, Any]] = {}
        self.rate_window: deque[float] = deque()

    def to_dict(self) -> dict[str, Any]:
        if self.type == 1:
            return {
                "id": str(self.id),
                "type": 1,
                "last_message_id": self.last_message_id,
                "recipients": [self.recipient] if self.recipient else [],
                "flags": 0,
            }
        if self.type in (10, 11, 12):
            return {
                "id": str(self.id),
                "type": self.type,
                "guild_id": str(self.guild_id),
                "name": self.name,
                "parent_id": str(self.parent_id) if self.parent_id else None,
                "owner_id": str(self.owner_id) if self.owner_id else None,
                "last_message_id": self.last_message_id,
                "rate_limit_per_user": 0,
                "flags": 0,
                "member_count": len(self.thread_members),
                "message_count": len(self.messages),
                "total_message_sent": len(self.messages),
                "thread_metadata": {
                    "archived": False,
                    "auto_archive_duration": 10080,
                    "archive_timestamp": "2027-01-01T00:00:00+00:00",
                    "locked": False,
                },
            }
        return {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [],
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "nsfw": False,
            "topic": self.topic,
            "last_message_id": self.last_message_id,
            "rate_limit_per_user": 0,
            "flags": 0,
        }

    @property
    def last_message_id(self) -> str | None:
        if not self.messages:
            return None
        return str(max(self.messages))

    def message_list(self) -> list[dict[str, Any]]:
        """Messages in creation order."""
        return [self.messages[k] for k in sorted(self.messages)]


class FakeGuild:
    """A guild. Create with :meth:`FakeDiscord.add_guild`."""

    def __init__(self, fake: FakeDiscord, guild_id: int, name: str, owner_id: int) -> None:
        self.fake = fake
        self.id = guild_id
        self.name = name
        self.owner_id = owner_id
        self.channels: dict[int, FakeChannel] = {}
        self.roles: dict[int, dict[str, Any]] = {}
        self.members: dict[int, dict[str, Any]] = {}
        # Per-member permission override (user id -> permissions int) for interaction payloads.
        self.permission_overrides: dict[int, int] = {}
        self.scheduled_events: dict[int, dict[str, Any]] = {}
        # The server's language as Discord reports it (GUILD_CREATE, interactions).
        self.preferred_locale = "en-US"
        self.roles[guild_id] = self._role_dict(
            guild_id, "@everyone", DEFAULT_EVERYONE_PERMISSIONS, 0
        )
        self.bot_role_id = snowflake()
        self.roles[self.bot_role_id] = self._role_dict(
            self.bot_role_id, fake.bot_name, DEFAULT_BOT_PERMISSIONS, 1, managed=True
        )

    # ----------------------------------------------------------------- building
    @staticmethod
    def _role_dict(
        role_id: int,
        name: str,
        permissions: int,
        position: int,
        *,
        managed: bool = False,
        mentionable: bool = False,
    ) -> dict[str, Any]:
        return {
            "id": str(role_id),
            "name": name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": position,
            "permissions": str(permissions),
            "managed": managed,
            "mentionable": mentionable,
            "flags": 0,
        }

    def add_channel(self, name: str, type: int = 0, *, parent_id: int | None = None) -> int:
        """Add a channel (type 0 text, 2 voice, 4 category, 5 news, 15 forum); returns its id."""
        cid = snowflake()
        ch = FakeChannel(
            self.fake, cid, name, type, self.id, position=len(self.channels), parent_id=parent_id
        )
        self.channels[cid] = ch
        self.fake.channels[cid] = ch
        self.fake._dispatch_live("CHANNEL_CREATE", ch.to_dict(), guild=self)
        return cid

    def add_role(self, name: str, permissions: int = 0, *, mentionable: bool = False) -> int:
        """Add a role; returns its id."""
        rid = snowflake()
        role = self._role_dict(rid, name, permissions, len(self.roles), mentionable=mentionable)
        self.roles[rid] = role
        self.fake._dispatch_live(
            "GUILD_ROLE_CREATE", {"guild_id": str(self.id), "role": role}, guild=self
        )
        return rid

    def add_member(
        self,
        user_id: int | None = None,
        name: str | None = None,
        roles: list[int] | None = None,
        bot: bool = False,
        *,
        nick: str | None = None,
        dms_closed: bool = False,
    ) -> int:
        """Add a member (creating the user if needed); returns the user id."""
        uid = user_id or snowflake()
        user = self.fake.users.get(uid) or self.fake.make_user(
            uid, name or f"user{uid % 100000}", bot=bot
        )
        member = self._member_dict(user, roles or [], nick)
        self.members[uid] = member
        if dms_closed:
            self.fake.dms_closed.add(uid)
        if self.fake._intents & (1 << 1):  # GUILD_MEMBERS
            self.fake._dispatch_live(
                "GUILD_MEMBER_ADD", {**member, "guild_id": str(self.id)}, guild=self
            )
        return uid

    def _member_dict(
        self, user: dict[str, Any], roles: list[int], nick: str | None
    ) -> dict[str, Any]:
        return {
            "user": user,
            "nick": nick,
            "avatar": None,
            "banner": None,
            "roles": [str(r) for r in roles],
            "joined_at": "2024-01-01T00:00:00.000000+00:00",
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
        }

    def add_members_bulk(self, count: int, *, prefix: str = "member") -> list[int]:
        """Quickly add ``count`` plain members (no events); returns their ids."""
        ids = []
        for i in range(count):
            uid = snowflake()
            user = self.fake.make_user(uid, f"{prefix}{i}")
            self.members[uid] = self._member_dict(user, [], None)
            ids.append(uid)
        return ids

    # -------------------------------------------------------------- permissions
    @property
    def everyone_permissions(self) -> int:
        return int(self.roles[self.id]["permissions"])

    @everyone_permissions.setter
    def everyone_permissions(self, value: int) -> None:
        self.set_role_permissions(self.id, value)

    @property
    def bot_permissions(self) -> int:
        """Permissions of the bot's managed role (effective = this | @everyone)."""
        return int(self.roles[self.bot_role_id]["permissions"])

    @bot_permissions.setter
    def bot_permissions(self, value: int) -> None:
        self.set_role_permissions(self.bot_role_id, value)

    def set_role_permissions(self, role_id: int, value: int) -> None:
        self.roles[role_id]["permissions"] = str(value)
        self.fake._dispatch_live(
            "GUILD_ROLE_UPDATE", {"guild_id": str(self.id), "role": self.roles[role_id]}, guild=self
        )

    def member_permissions(self, user_id: int) -> int:
        """Guild-level permissions as Discord computes them (owner/admin → all)."""
        if user_id in self.permission_overrides:
            return self.permission_overrides[user_id]
        if user_id == self.owner_id:
            return ALL_PERMISSIONS
        perms = self.everyone_permissions
        member = self.members.get(user_id)
        if member:
            for rid in member["roles"]:
                role = self.roles.get(int(rid))
                if role:
                    perms |= int(role["permissions"])
        if perms & ADMINISTRATOR:
            return ALL_PERMISSIONS
        return perms

    def top_role_position(self, user_id: int) -> int:
        """The position of a member's highest role (0: only @everyone)."""
        member = self.members.get(user_id) or {"roles": []}
        positions = [
            int(self.roles[int(r)]["position"]) for r in member["roles"] if int(r) in self.roles
        ]
        return max(positions, default=0)

    @property
    def bot_effective_permissions(self) -> int:
        return self.member_permissions(self.fake.bot_user_id)

    # ------------------------------------------------------------ serialisation
    def to_dict(self, *, full: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "region": "europe",
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "roles": list(self.roles.values()),
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "max_members": 500000,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": self.preferred_locale,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "incidents_data": None,
        }
        if full:
            data.update(
                {
                    "unavailable": False,
                    "large": len(self.members) > 250,
                    "member_count": len(self.members),
                    "joined_at": "2024-01-01T00:00:00.000000+00:00",
                    "channels": [c.to_dict() for c in self.channels.values()],
                    "threads": [],
                    "members": list(self.members.values()),
                    "presences": [],
                    "voice_states": [],
                    "stage_instances": [],
                    "guild_scheduled_events": list(self.scheduled_events.values()),
                    "soundboard_sounds": [],
                }
            )
        return data

    def member_payload(self, user_id: int) -> dict[str, Any]:
        """Member object as embedded in an interaction (with ``permissions``)."""
        member = dict(self.members[user_id])
        member["permissions"] = str(self.member_permissions(user_id))
        return member


# ------------------------------------------------------------------ mentions
_USER_RE = re.compile(r"<@!?(\d+)>")
_ROLE_RE = re.compile(r"<@&(\d+)>")
_EVERYONE_RE = re.compile(r"@(everyone|here)")


def compute_pings(
    content: str | None,
    allowed: dict[str, Any] | None,
    guild: FakeGuild | None,
    bot_perms: int,
) -> dict[str, Any]:
    """Which pings Discord would deliver for ``content`` under ``allowed_mentions``."""
    content = content or ""
    users = [int(u) for u in _USER_RE.findall(content)]
    roles = [int(r) for r in _ROLE_RE.findall(content)]
    everyone = bool(_EVERYONE_RE.search(content))
    if allowed is None:
        parse = ["users", "roles", "everyone"]
        allow_users: list[int] = []
        allow_roles: list[int] = []
    else:
        parse = list(allowed.get("parse") or [])
        allow_users = [int(u) for u in allowed.get("users") or []]
        allow_roles = [int(r) for r in allowed.get("roles") or []]
    out_users = sorted({u for u in users if "users" in parse or u in allow_users})
    out_roles = []
    for r in dict.fromkeys(roles):
        if "roles" not in parse and r not in allow_roles:
            continue
        role = guild.roles.get(r) if guild else None
        if role is None:
            continue
        if role.get("mentionable") or bot_perms & MENTION_EVERYONE:
            out_roles.append(r)
    out_everyone = everyone and "everyone" in parse and bool(bot_perms & MENTION_EVERYONE)
    return {"everyone": out_everyone, "roles": out_roles, "users": out_users}


# ------------------------------------------------------------- interactions
@dataclass
class RequestRecord:
    """One HTTP request the fake received."""

    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: list[dict[str, Any]]
    headers: dict[str, str]
    at: float
    status: int = 0  # 0 while the fake is still handling it

    @property
    def audit_reason(self) -> str | None:
        """The audit-log reason as a server's admins read it (sent URL-encoded)."""
        for name, value in self.headers.items():
            if name.lower() == "x-audit-log-reason":
                return urllib.parse.unquote(value)
        return None


@dataclass
class SyncCall:
    """One bulk-overwrite of application commands (``tree.sync()``)."""

    guild_id: int | None
    body: list[dict[str, Any]]
    at: float


@dataclass
class Callback:
    """An interaction callback the bot sent."""

    type: int
    data: dict[str, Any]
    at: float
    files: list[dict[str, Any]] = field(default_factory=list)


class Interaction:
    """Record of an interaction the fake dispatched to the bot."""

    def __init__(
        self,
        fake: FakeDiscord,
        payload: dict[str, Any],
        guild_id: int | None,
        channel_id: int,
        user_id: int,
    ) -> None:
        self.fake = fake
        self.payload = payload
        self.id = int(payload["id"])
        self.token: str = payload["token"]
        self.type: int = payload["type"]
        self.guild_id = guild_id
        self.channel_id = channel_id
        self.user_id = user_id
        self.dispatched_at: float = time.monotonic()
        self.dispatched_cpu_wait: float = cpu_wait()
        self.response_time: float | None = None
        # The bot's first answer came after Discord's window: refused with 10062.
        self.answered_late: float | None = None
        self.callbacks: list[Callback] = []
        self.followups: list[dict[str, Any]] = []
        # The message the original response refers to (type 4/5 response or the
        # component message for type 6/7); updated on @original edits.
        self.original: dict[str, Any] | None = None
        self.original_deleted = False
        self.modal: dict[str, Any] | None = None
        self.choices: list[dict[str, Any]] | None = None

    # ------------------------------------------------------------- queries
    @property
    def responded(self) -> bool:
        return bool(self.callbacks)

    @property
    def response(self) -> Callback | None:
        return self.callbacks[0] if self.callbacks else None

    def age(self, now: float) -> float:
        """Seconds since dispatch that count against Discord's 3 s window: the wall time
        less what this thread spent waiting for a CPU meanwhile (see :func:`cpu_wait`).
        A bot that sleeps or blocks its loop past the window is still late; a machine
        busy with other processes does not make it late."""
        stolen = max(0.0, cpu_wait() - self.dispatched_cpu_wait)
        return now - self.dispatched_at - stolen

    @property
    def latency(self) -> float | None:
        """Seconds from dispatch to the first callback."""
        if self.response_time is None:
            return None
        return self.response_time - self.dispatched_at

    @property
    def ephemeral(self) -> bool:
        """True if the original response is ephemeral (flag 64)."""
        if self.original is not None and self.response and self.response.type in (4, 5):
            return bool(int(self.original.get("flags", 0)) & 64)
        if self.response is None:
            return False
        return bool(int(self.response.data.get("flags", 0) or 0) & 64)

    @property
    def content(self) -> str | None:
        """Content of the visible original response after edits (None if no message)."""
        return None if self.original is None else self.original.get("content")

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return [] if self.original is None else list(self.original.get("embeds") or [])

    @property
    def components(self) -> list[dict[str, Any]]:
        return [] if self.original is None else list(self.original.get("components") or [])

    async def wait_response(self, timeout: float = MIN_CEILING) -> Callback:
        """Wait for the first callback (type + data); fails at once if the fake refused
        it for coming after the interaction deadline."""

        def answered() -> bool:
            self._fail_if_late()
            return bool(self.callbacks)

        await self.fake.wait_until(answered, timeout, what=f"response to {self.id}")
        return self.callbacks[0]

    def _fail_if_late(self) -> None:
        """A late answer is refused and nothing after it can come: say so instead of
        waiting out the ceiling."""
        if self.answered_late is not None:
            raise AssertionError(
                f"{self!r} was answered {self.answered_late:.2f} s after dispatch, past "
                f"Discord's {self.fake.interaction_timeout} s window (10062)"
            )

    async def wait_followup(self, n: int = 1, timeout: float = MIN_CEILING) -> dict[str, Any]:
        """Wait until at least ``n`` follow-ups exist; return the n-th (1-based)."""

        def arrived() -> bool:
            self._fail_if_late()
            return len(self.followups) >= n

        await self.fake.wait_until(arrived, timeout, what=f"{n} follow-up(s) to {self.id}")
        return self.followups[n - 1]

    async def wait_original(
        self, predicate: Callable[[dict[str, Any]], bool], timeout: float = MIN_CEILING
    ) -> dict[str, Any]:
        """Wait until the original response message satisfies ``predicate``."""

        def matches() -> bool:
            self._fail_if_late()
            return self.original is not None and predicate(self.original)

        await self.fake.wait_until(
            matches,
            timeout,
            what=f"original of {self.id} matching predicate",
        )
        assert self.original is not None
        return self.original

    def __repr__(self) -> str:
        cb = self.response.type if self.response else None
        return f"<Interaction id={self.id} type={self.type} callback={cb} followups={len(self.followups)}>"


async def poll_until(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll until predicate() holds, for `timeout` seconds but never less than MIN_CEILING.
    Like the interaction deadline, the ceiling leaves out the time this thread waited for
    a CPU (:func:`cpu_wait`): other processes' load slows a test down, it doesn't fail it."""
    timeout = max(timeout, MIN_CEILING)
    started, waited = time.monotonic(), cpu_wait()
    while True:
        if predicate():
            return
        elapsed = time.monotonic() - started
        if elapsed > timeout and elapsed - (cpu_wait() - waited) > timeout:
            raise TimeoutError(f"timed out after {elapsed:.1f}s waiting for {what}")
        await asyncio.sleep(0.005)
