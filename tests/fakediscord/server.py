"""The in-process fake Discord server: REST API v10 + gateway over aiohttp."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import secrets
import time
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from .driver import InteractionDriverMixin
from .models import (
    ALL_PERMISSIONS,
    MANAGE_EVENTS,
    MANAGE_ROLES,
    MIN_CEILING,
    Callback,
    FakeChannel,
    FakeGuild,
    Interaction,
    RequestRecord,
    SyncCall,
    compute_pings,
    iso_now,
    poll_until,
    public,
    snowflake,
)
from .validation import InvalidRequest, error_payload, validate_body

JSON = dict[str, Any]
Handler = Callable[["_Ctx"], Awaitable[web.Response]]

_COMMAND_NAME_RE = re.compile(r"^[-_\w]{1,32}$")
LISTEN_BACKLOG = 2048


def _json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    hdrs = {"Content-Type": "application/json"}
    if headers:
        hdrs.update(headers)
    return web.Response(body=json.dumps(data).encode(), status=status, headers=hdrs)


def _error(status: int, code: int, message: str, **extra: Any) -> web.Response:
    return _json_response({"message": message, "code": code, **extra}, status)


class HTTPError(Exception):
    """Raised inside route handlers to answer with a Discord error."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass
class _Ctx:
    request: web.Request
    method: str
    path: str
    match: re.Match[str]
    json: Any
    files: list[dict[str, Any]]
    record: RequestRecord

    def id(self, name: str) -> int:
        return int(self.match.group(name))


@dataclass
class _Failure:
    method: str
    regex: re.Pattern[str]
    status: int
    remaining: int
    retry_after: float
    code: int
    message: str


@dataclass
class Hold:
    """A request Discord has received but not yet acted on (FakeDiscord.hold_next):
    `arrived` is set when it comes in; it is handled, as usual, once `release` is set."""

    method: str
    regex: re.Pattern[str]
    body: Callable[[Any], bool]
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass
class _Wire:
    """Per-socket send state: one zlib stream and a lock keeping frames in order."""

    compressor: Any
    lock: asyncio.Lock


class _GatewaySession:
    def __init__(self, session_id: str, shard: tuple[int, int] = (0, 1)) -> None:
        self.session_id = session_id
        self.seq = 0
        self.events: list[tuple[int, JSON]] = []  # (seq, frame) for replay
        self.ws: web.WebSocketResponse | None = None
        self.intents = 0
        self.shard = shard  # (shard id, shard count) from IDENTIFY
        self.ready_sent = False  # READY and every GUILD_CREATE of the shard went out

    def carries(self, guild_id: int) -> bool:
        """Whether Discord sends this guild's events on this session's shard."""
        shard_id, count = self.shard
        return (guild_id >> 22) % count == shard_id


def _event_guild(event: str, data: Any) -> int | None:
    """The guild a dispatch belongs to (it goes to that guild's shard), or None."""
    if not isinstance(data, dict):
        return None
    if event in ("GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE"):
        return int(data["id"])
    guild_id = data.get("guild_id")
    return int(guild_id) if guild_id else None


class FakeDiscord(InteractionDriverMixin):
    """In-process fake of Discord REST v10 + gateway. See package docstring."""

    def __init__(
        self,
        *,
        token: str = "fake.bot.token",
        rejected_tokens: set[str] | None = None,
        heartbeat_interval: int = 41250,
        message_rate_limit: tuple[int, float] | None = (5, 5.0),
        interaction_timeout: float | None = 3.0,
        bot_name: str = "Paddock",
        port: int = 0,
        shards: int = 1,
        app_id: int | None = None,
    ) -> None:
        self.token = token
        self.rejected_tokens: set[str] = (
            {"rejected.bot.token"} if rejected_tokens is None else set(rejected_tokens)
        )
        self.heartbeat_interval = heartbeat_interval
        self.message_rate_limit = message_rate_limit
        self.interaction_timeout = interaction_timeout
        self.bot_name = bot_name
        # Pass the id of an earlier fake to play the same application again (a restart).
        self.app_id = app_id or snowflake()
        self.bot_user_id = self.app_id
        self.owner_user_id = snowflake()
        self.users: dict[int, JSON] = {}
        self.bot_user = self.make_user(self.bot_user_id, bot_name, bot=True)
        self.bot_user.update({"verified": True, "mfa_enabled": False, "email": None, "flags": 0})
        self.make_user(self.owner_user_id, "app-owner")
        self.guilds: dict[int, FakeGuild] = {}
        self.channels: dict[int, FakeChannel] = {}
        self.dm_channels: dict[int, int] = {}  # user id -> dm channel id
        self.dms_closed: set[int] = set()

        self.requests: list[RequestRecord] = []
        self.unknown_routes: list[tuple[str, str]] = []
        self.invalid_requests: list[InvalidRequest] = []  # bodies the official spec rejects
        self.validate_requests = True  # set False to let spec-invalid bodies through
        self.rate_limited: list[RequestRecord] = []
        self.sync_calls: list[SyncCall] = []
        self.global_commands: dict[int, JSON] = {}
        self.guild_commands: dict[int, dict[int, JSON]] = {}
        self.interactions: dict[int, Interaction] = {}
        # First answers that came after the interaction deadline (the bot got a 10062).
        self.late_answers: list[Interaction] = []
        self._interactions_by_token: dict[str, Interaction] = {}
        self.pings: list[JSON] = []
        # enforce_nonce: a create repeating a recent nonce returns the message it made.
        self.nonce_window = 300.0  # seconds ("the past few minutes" in Discord's docs)
        self._nonces: dict[str, tuple[float, int, int]] = {}  # nonce -> (at, channel, msg)
        self.uploads: dict[str, bytes] = {}  # attachment id -> bytes (user uploads via options)
        self._failures: list[_Failure] = []
        self._holds: list[Hold] = []

        self.identify_payloads: list[JSON] = []
        self.resume_count = 0
        self.connect_count = 0
        self.gateway_frames_received: list[JSON] = []
        # The shard count GET /gateway/bot recommends. Bots may identify with another
        # count (PADDOCK_SHARDS); each guild's events go to the session of its shard.
        self.shard_count = shards
        self._sessions: dict[int, _GatewaySession] = {}  # shard id -> session
        self._intents = 0

        self.club: Any = None  # free slot for fixtures (pytest_fixtures sets a TestClub)
        self._bg: set[asyncio.Task[Any]] = set()
        self._wires: dict[int, _Wire] = {}
        self._runner: web.AppRunner | None = None
        self.port: int = port  # 0: any free port, chosen at start()
        self._routes: list[tuple[str, re.Pattern[str], Handler, bool]] = []
        self._register_routes()

    # ================================================================ lifecycle
    async def start(self) -> FakeDiscord:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        app.router.add_get("/", self._gateway)
        app.router.add_get("/resume", self._gateway)
        app.router.add_get("/attachments/{cid}/{aid}/{fn}", self._cdn)
        app.router.add_get("/uploads/{aid}/{fn}", self._cdn)
        app.router.add_route("*", "/{tail:.*}", self._unknown_non_api)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        # discord.py's connector has no connection limit, so a burst of answers opens
        # hundreds of connections at once. Discord's edge takes them all; the default
        # backlog of 128 would drop SYNs, and each retry costs the bot a full second.
        site = web.TCPSite(self._runner, "127.0.0.1", self.port, backlog=LISTEN_BACKLOG)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def close(self) -> None:
        for sess in list(self._sessions.values()):
            if sess.ws is not None and not sess.ws.closed:
                with contextlib.suppress(Exception):
                    await sess.ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        return f"{self.base_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    @property
    def resume_gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/resume"

    # ==================================================================== state
    def make_user(self, user_id: int, name: str, *, bot: bool = False) -> JSON:
        user = {
            "id": str(user_id),
            "username": name,
            "global_name": None if bot else name.title(),
            "discriminator": "0",
            "avatar": None,
            "bot": bot,
            "system": False,
            "public_flags": 0,
            "avatar_decoration_data": None,
            "banner": None,
            "accent_color": None,
            "primary_guild": None,
            "collectibles": None,
        }
        self.users[user_id] = user
        return user

    def add_guild(
        self,
        name: str,
        owner_id: int | None = None,
        *,
        shard: int | None = None,
        count: int | None = None,
        guild_id: int | None = None,
    ) -> FakeGuild:
        """Create a guild with @everyone, the bot as a member (managed role) and an owner;
        with `shard`, one whose id falls on that shard of `count` (default shard_count);
        with `guild_id`, that id (the same server as an earlier fake's)."""
        if guild_id is not None:
            gid = guild_id
        else:
            gid = snowflake() if shard is None else self.snowflake_on_shard(shard, count)
        owner = owner_id or snowflake()
        guild = FakeGuild(self, gid, name, owner)
        self.guilds[gid] = guild
        guild.members[self.bot_user_id] = guild._member_dict(
            self.bot_user, [guild.bot_role_id], None
        )
        if owner not in self.users:
            self.make_user(owner, f"owner{owner % 10000}")
        guild.members[owner] = guild._member_dict(self.users[owner], [], None)
        self._dispatch_live("GUILD_CREATE", guild.to_dict())
        return guild

    def snowflake_on_shard(self, shard: int, count: int | None = None) -> int:
        """A new snowflake whose guild shard `(id >> 22) % count` is `shard`: its
        timestamp moved back by at most count - 1 ms."""
        count = count or self.shard_count
        if not 0 <= shard < count:
            raise ValueError(f"shard {shard} does not exist among {count}")
        base = snowflake()
        stamp = base >> 22
        stamp -= (stamp - shard) % count
        return (stamp << 22) | (base & 0x3FFFFF)

    def shard_of(self, guild_id: int) -> int | None:
        """The shard id of the session that carries this guild's events, if connected."""
        sess = self._session_for(guild_id)
        return None if sess is None else sess.shard[0]

    def guild_of_channel(self, channel_id: int) -> FakeGuild | None:
        ch = self.channels.get(channel_id)
        if ch is None or ch.guild_id is None:
            return None
        return self.guilds.get(ch.guild_id)

    def close_dms(self, user_id: int, closed: bool = True) -> None:
        """Make messages to this user's DM channel fail with 403 / 50007."""
        if closed:
            self.dms_closed.add(user_id)
        else:
            self.dms_closed.discard(user_id)

    def messages_in(self, channel_id: int) -> list[JSON]:
        """Messages currently in a channel, oldest first."""
        return self.channels[channel_id].message_list()

    def find_message(self, message_id: int) -> JSON | None:
        for ch in self.channels.values():
            if message_id in ch.messages:
                return ch.messages[message_id]
        for rec in self.interactions.values():
            if rec.original is not None and int(rec.original["id"]) == message_id:
                return rec.original
            for f in rec.followups:
                if int(f["id"]) == message_id:
                    return f
        return None

    def all_pings(self) -> list[JSON]:
        """Every ping delivered, in order: {message_id, channel_id, source, edit, everyone, roles, users}."""
        return list(self.pings)

    def commands_for(self, guild_id: int | None = None) -> list[JSON]:
        """Commands currently registered (guild-specific if guild_id, else global)."""
        store = self.guild_commands.get(guild_id, {}) if guild_id else self.global_commands
        return list(store.values())

    def fail_next(
        self,
        method: str,
        path_regex: str,
        status: int,
        count: int = 1,
        retry_after: float = 0.2,
        *,
        code: int = 0,
        message: str | None = None,
    ) -> None:
        """Answer the next ``count`` matching requests (path without /api/v10) with ``status``."""
        self._failures.append(
            _Failure(
                method.upper(),
                re.compile(path_regex),
                status,
                count,
                retry_after,
                code,
                message or f"{status}: injected failure",
            )
        )

    def hold_next(
        self, method: str, path_regex: str, body: Callable[[Any], bool] = lambda _: True
    ) -> Hold:
        """Keep the next matching request (path without /api/v10; `body` picks by its
        JSON) in flight until the test sets the returned hold's `release`: the moment
        between a request leaving the bot and Discord acting on it."""
        hold = Hold(method.upper(), re.compile(path_regex), body)
        self._holds.append(hold)
        return hold

    def assert_no_unknown_routes(self) -> None:
        """Fail if the bot hit a route the fake does not know, or sent a spec-invalid body."""
        assert not self.unknown_routes, (
            f"bot hit routes the fake does not know: {self.unknown_routes}"
        )
        self.assert_valid_requests()

    def assert_answered_in_time(self) -> None:
        """Fail if the bot answered an interaction after the deadline (and got a 10062)."""
        late = [f"  {rec!r} after {rec.answered_late:.2f} s" for rec in self.late_answers]
        assert not late, (
            f"bot answered after Discord's {self.interaction_timeout} s window:\n" + "\n".join(late)
        )

    def assert_valid_requests(self) -> None:
        """Fail if Discord's API spec rejected a request body (see validation.py)."""
        lines = [
            f"  {r.method} {r.path}: {r.location or '<body>'}: {r.message}"
            for r in self.invalid_requests
        ]
        assert not lines, "bot sent request bodies Discord's API spec rejects:\n" + "\n".join(lines)

    def requests_to(self, method: str, path_regex: str) -> list[RequestRecord]:
        rx = re.compile(path_regex)
        return [r for r in self.requests if r.method == method.upper() and rx.search(r.path)]

    async def wait_until(
        self, predicate: Callable[[], bool], timeout: float = MIN_CEILING, what: str = "condition"
    ) -> None:
        await poll_until(predicate, timeout, what)

    async def wait_for_message(
        self,
        channel_id: int,
        predicate: Callable[[JSON], bool] | None = None,
        timeout: float = MIN_CEILING,
    ) -> JSON:
        """Wait for a message in the channel matching predicate (default: any); returns it."""
        found: list[JSON] = []

        def check() -> bool:
            ch = self.channels.get(channel_id)
            if ch is None:
                return False
            for m in ch.message_list():
                if predicate is None or predicate(m):
                    found.append(m)
                    return True
            return False

        await poll_until(check, timeout, f"message in channel {channel_id}")
        return found[0]

    # ================================================================= gateway
    @property
    def _session(self) -> _GatewaySession | None:
        """Shard 0's session (or the first one): where DMs and guild-less events go."""
        if not self._sessions:
            return None
        return self._sessions.get(0) or self._sessions[min(self._sessions)]

    def _session_for(self, guild_id: int | None) -> _GatewaySession | None:
        """The session a guild's events go to (the one of its shard); DMs go to shard 0."""
        if guild_id is None:
            return self._session
        for sess in self._sessions.values():
            if sess.carries(guild_id):
                return sess
        return None

    @property
    def _ready_sent(self) -> bool:
        """Every shard of the count the bot identified with is connected and past READY."""
        if not self._sessions:
            return False
        count = max(s.shard[1] for s in self._sessions.values())
        return all((s := self._sessions.get(i)) is not None and s.ready_sent for i in range(count))

    @property
    def sessions(self) -> dict[int, _GatewaySession]:
        """The gateway sessions by shard id."""
        return dict(self._sessions)

    @property
    def connected(self) -> bool:
        return bool(self._sessions) and all(
            s.ws is not None and not s.ws.closed for s in self._sessions.values()
        )

    async def wait_ready(self, timeout: float = MIN_CEILING) -> None:
        """Wait until READY and every GUILD_CREATE went out on every shard's gateway."""
        await poll_until(lambda: self._ready_sent, timeout, "gateway READY")

    async def drop_gateway(self, code: int = 4000, *, shard: int | None = None) -> None:
        """Close the bot's socket (of `shard`, default shard 0) abruptly; discord.py should
        RESUME."""
        sess = self._session if shard is None else self._sessions.get(shard)
        if sess is None or sess.ws is None:
            return
        ws, sess.ws = sess.ws, None
        await ws.close(code=code, message=b"fake: dropped")

    async def send_reconnect(self) -> None:
        """Send op 7 RECONNECT (discord.py closes and resumes)."""
        sess = self._session
        if sess and sess.ws is not None:
            await self._send(sess, {"op": 7, "d": None})

    def dispatch(self, event: str, data: JSON, *, to: _GatewaySession | None = None) -> None:
        """Queue a dispatch event (sent now if connected, replayed on resume otherwise) on
        the session of the event's guild's shard (`to` overrides)."""
        sess = to or self._session_for(_event_guild(event, data))
        if sess is None:
            return
        sess.seq += 1
        frame = {"op": 0, "t": event, "s": sess.seq, "d": data}
        sess.events.append((sess.seq, frame))
        if len(sess.events) > 5000:
            del sess.events[:1000]
        if sess.ws is not None and not sess.ws.closed:
            ws = sess.ws
            task = asyncio.get_running_loop().create_task(self._send(sess, frame, ws=ws))
            self._bg.add(task)
            task.add_done_callback(self._bg.discard)

    def _dispatch_live(self, event: str, data: JSON, guild: FakeGuild | None = None) -> None:
        """A change after READY; before it, the shard's GUILD_CREATEs will carry it."""
        sess = self._session_for(_event_guild(event, data))
        if sess is not None and sess.ready_sent:
            self.dispatch(event, data, to=sess)

    async def _send(
        self, sess: _GatewaySession, frame: JSON, ws: web.WebSocketResponse | None = None
    ) -> None:
        ws = ws or sess.ws
        if ws is None or ws.closed:
            return
        wire = self._wires.get(id(ws))
        if wire is None:
            return
        async with wire.lock:
            await self._write(ws, wire, frame)

    @staticmethod
    async def _write(ws: web.WebSocketResponse, wire: _Wire, frame: JSON) -> None:
        if ws.closed:
            return
        raw = json.dumps(frame, separators=(",", ":")).encode()
        try:
            if wire.compressor is not None:
                data = wire.compressor.compress(raw) + wire.compressor.flush(zlib.Z_SYNC_FLUSH)
                await ws.send_bytes(data)
            else:
                await ws.send_str(raw.decode())
        except (ConnectionResetError, RuntimeError):
            pass

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        compress = request.query.get("compress")
        ws = web.WebSocketResponse(max_msg_size=0, autoclose=False, autoping=True)
        await ws.prepare(request)
        self.connect_count += 1
        conn = _GatewaySession("pending")
        if compress and compress != "zlib-stream":
            await ws.close(code=4000, message=b"fake supports only zlib-stream")
            return ws
        self._wires[id(ws)] = _Wire(zlib.compressobj() if compress else None, asyncio.Lock())
        conn.ws = ws
        await self._send(
            conn,
            {"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval}, "s": None, "t": None},
        )
        sess: _GatewaySession | None = None
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    if msg.type == WSMsgType.BINARY:
                        payload = json.loads(msg.data)
                    else:
                        break
                else:
                    payload = json.loads(msg.data)
                self.gateway_frames_received.append(payload)
                op = payload.get("op")
                d = payload.get("d")
                target = sess or conn
                if op == 1:
                    await self._send(target, {"op": 11, "d": None, "s": None, "t": None})
                elif op == 2:
                    sess = await self._identify(conn, d)
                elif op == 6:
                    sess = await self._resume(conn, d)
                    if sess is None:
                        continue
                elif op == 8:
                    await self._request_members(target, d)
                # op 3 presence / op 4 voice: ignored
        finally:
            if sess is not None and sess.ws is ws:
                sess.ws = None
            self._wires.pop(id(ws), None)
            if not ws.closed:
                await ws.close()
        return ws

    async def _identify(self, conn: _GatewaySession, d: JSON) -> _GatewaySession:
        token = str(d.get("token", ""))
        if not self._token_ok(token):
            assert conn.ws is not None
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return conn
        shard = d.get("shard") or [0, 1]
        shard_id, count = int(shard[0]), int(shard[1])
        if count < 1 or not 0 <= shard_id < count:
            assert conn.ws is not None
            await conn.ws.close(code=4010, message=b"Invalid shard.")
            return conn
        self.identify_payloads.append(d)
        self._intents = int(d.get("intents", 0))
        old = self._sessions.get(shard_id)
        if old is not None and old.ws is not None and old.ws is not conn.ws:
            with contextlib.suppress(Exception):
                await old.ws.close(code=4009)
        sess = _GatewaySession(secrets.token_hex(16), (shard_id, count))
        sess.ws = conn.ws
        sess.intents = self._intents
        self._sessions[shard_id] = sess
        mine = [g for g in self.guilds.values() if sess.carries(g.id)]
        ready = {
            "v": 10,
            "user": {**self.bot_user},
            "guilds": [{"id": str(g.id), "unavailable": True} for g in mine],
            "session_id": sess.session_id,
            "session_type": "normal",
            "resume_gateway_url": self.resume_gateway_url,
            "shard": [shard_id, count],
            "application": {"id": str(self.app_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": ["rotterdam"],
            "user_settings": {},
        }
        self.dispatch("READY", ready, to=sess)
        for guild in mine:
            self.dispatch("GUILD_CREATE", guild.to_dict(), to=sess)
        sess.ready_sent = True
        return sess

    async def _resume(self, conn: _GatewaySession, d: JSON) -> _GatewaySession | None:
        sess = next(
            (s for s in self._sessions.values() if s.session_id == d.get("session_id")), None
        )
        if sess is None or not self._token_ok(str(d.get("token", ""))):
            await self._send(conn, {"op": 9, "d": False, "s": None, "t": None})
            return None
        self.resume_count += 1
        seq = int(d.get("seq") or 0)
        assert conn.ws is not None
        wire = self._wires[id(conn.ws)]
        async with wire.lock:
            # Snapshot + switch atomically: later dispatches queue behind the replay.
            frames = [frame for s, frame in sess.events if s > seq]
            sess.ws = conn.ws
            for frame in frames:
                await self._write(conn.ws, wire, frame)
        self.dispatch("RESUMED", {}, to=sess)
        return sess

    async def _request_members(self, target: _GatewaySession, d: JSON) -> None:
        gid = int(d.get("guild_id", 0))
        guild = self.guilds.get(gid)
        if guild is None:
            return
        members = list(guild.members.values())
        if d.get("user_ids"):
            wanted = {str(u) for u in d["user_ids"]}
            members = [m for m in members if m["user"]["id"] in wanted]
        elif d.get("query"):
            q = str(d["query"]).lower()
            members = [m for m in members if m["user"]["username"].lower().startswith(q)]
            if d.get("limit"):
                members = members[: int(d["limit"])]
        chunks = [members[i : i + 1000] for i in range(0, len(members), 1000)] or [[]]
        for i, chunk in enumerate(chunks):
            self.dispatch(
                "GUILD_MEMBERS_CHUNK",
                {
                    "guild_id": str(gid),
                    "members": chunk,
                    "chunk_index": i,
                    "chunk_count": len(chunks),
                    "nonce": d.get("nonce"),
                    "not_found": [],
                },
            )

    # ==================================================================== REST
    def _token_ok(self, token: str) -> bool:
        token = token.removeprefix("Bot ")
        return bool(token) and token not in self.rejected_tokens

    def _route(self, method: str, pattern: str, auth: bool = True) -> Callable[[Handler], Handler]:
        rx = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pattern) + "$")

        def deco(fn: Handler) -> Handler:
            self._routes.append((method, rx, fn, auth))
            return fn

        return deco

    async def _cdn(self, request: web.Request) -> web.Response:
        aid = request.match_info["aid"]
        if aid in self.uploads:
            return web.Response(body=self.uploads[aid])
        for ch in self.channels.values():
            for msg in [*ch.messages.values(), *ch.deleted.values()]:
                for att in msg.get("attachments", []):
                    if att["id"] == aid:
                        return web.Response(body=att["_data"])
        for rec in self.interactions.values():
            for msg in [rec.original, *rec.followups]:
                for att in (msg or {}).get("attachments", []):
                    if att["id"] == aid:
                        return web.Response(body=att["_data"])
        return web.Response(status=404)

    async def _unknown_non_api(self, request: web.Request) -> web.Response:
        self.unknown_routes.append((request.method, request.path))
        return _error(404, 0, "404: Not Found")

    async def _parse_body(self, request: web.Request) -> tuple[Any, list[dict[str, Any]]]:
        ctype = request.headers.get("Content-Type", "")
        files: list[dict[str, Any]] = []
        if ctype.startswith("multipart/"):
            payload: Any = None
            reader = await request.multipart()
            async for part in reader:
                if part is None:
                    break
                name = getattr(part, "name", None)
                raw = await part.read()  # type: ignore[union-attr]
                if name == "payload_json":
                    payload = json.loads(raw)
                else:
                    files.append(
                        {
                            "field": name,
                            "filename": getattr(part, "filename", None),
                            "content_type": part.headers.get("Content-Type"),
                            "data": bytes(raw),
                        }
                    )
            return payload, files
        body = await request.read()
        if not body:
            return None, files
        try:
            return json.loads(body), files
        except ValueError:
            return body.decode(errors="replace"), files

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        method = request.method.upper()
        body, files = await self._parse_body(request)
        rec = RequestRecord(
            method, path, dict(request.query), body, files, dict(request.headers), time.monotonic()
        )
        self.requests.append(rec)
        try:
            resp = await self._handle(request, method, path, body, files, rec)
        except asyncio.CancelledError:  # the client went away mid-request
            rec.status = 499
            raise
        except Exception:
            rec.status = 500
            raise
        rec.status = resp.status
        return resp

    async def _handle(
        self,
        request: web.Request,
        method: str,
        path: str,
        body: Any,
        files: list[dict[str, Any]],
        rec: RequestRecord,
    ) -> web.Response:
        for m, rx, fn, auth in self._routes:
            if m != method:
                continue
            match = rx.match(path)
            if match is None:
                continue
            if auth and not self._token_ok(request.headers.get("Authorization", "")):
                return _error(401, 0, "401: Unauthorized")
            if self.validate_requests and body is not None:
                invalid = validate_body(method, path, body)
                if invalid is not None:
                    self.invalid_requests.append(invalid)
                    return _json_response(error_payload(invalid), 400)
            for hold in self._holds:
                if hold.method == method and hold.regex.search(path) and hold.body(body):
                    self._holds.remove(hold)
                    hold.arrived.set()
                    await hold.release.wait()
                    break
            for f in self._failures:
                if f.remaining > 0 and f.method in (method, "*") and f.regex.search(path):
                    f.remaining -= 1
                    if f.status == 429:
                        return self._too_many(rec, f.retry_after)
                    return _error(f.status, f.code, f.message)
            ctx = _Ctx(request, method, path, match, body, files, rec)
            try:
                return await fn(ctx)
            except HTTPError as e:
                return _error(e.status, e.code, e.message)
        self.unknown_routes.append((method, path))
        return _error(404, 0, "404: Not Found")

    def _too_many(self, rec: RequestRecord, retry_after: float) -> web.Response:
        self.rate_limited.append(rec)
        return _json_response(
            {
                "message": "You are being rate limited.",
                "retry_after": round(retry_after, 3),
                "global": False,
            },
            429,
            {
                "Via": "1.1 google",
                "Retry-After": str(max(1, int(retry_after + 0.999))),
                "X-RateLimit-Scope": "shared",
            },
        )

    def _check_rate(self, channel: FakeChannel, now: float) -> float | None:
        """Register a create/edit on channel at `now` (the request's arrival, so the limit
        and RequestRecord.at agree); returns retry_after if over the limit."""
        if self.message_rate_limit is None:
            return None
        limit, per = self.message_rate_limit
        win = channel.rate_window
        while win and win[0] <= now - per:
            win.popleft()
        if len(win) >= limit:
            return max(0.001, win[0] + per - now)
        win.append(now)
        return None

    # --------------------------------------------------------------- helpers
    def _channel(self, cid: int) -> FakeChannel:
        ch = self.channels.get(cid)
        if ch is None:
            raise HTTPError(404, 10003, "Unknown Channel")
        return ch

    def _guild(self, gid: int) -> FakeGuild:
        g = self.guilds.get(gid)
        if g is None:
            raise HTTPError(404, 10004, "Unknown Guild")
        return g

    def _build_message(
        self,
        channel_id: int,
        body: JSON,
        files: list[dict[str, Any]],
        *,
        author: JSON | None = None,
        interaction: Interaction | None = None,
        msg_type: int = 0,
    ) -> JSON:
        ch = self.channels.get(channel_id)
        guild = self.guild_of_channel(channel_id)
        msg: JSON = {
            "id": str(snowflake()),
            "channel_id": str(channel_id),
            "author": author or dict(self.bot_user),
            "content": body.get("content") or "",
            "timestamp": iso_now(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts", False)),
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "reactions": [],
            "pinned": False,
            "type": msg_type,
            "flags": int(body.get("flags") or 0),
            "components": body.get("components") or [],
            "sticker_items": [],
            "_history": [],
            "_edit_count": 0,
            "_files": {},
        }
        if guild is not None:
            msg["guild_id"] = str(guild.id)
            if author is None:
                member = dict(guild.members.get(self.bot_user_id, {}))
                member.pop("user", None)
                msg["member"] = member
        if body.get("nonce") is not None:
            msg["nonce"] = body["nonce"]
        if body.get("message_reference"):
            msg["message_reference"] = body["message_reference"]
            msg["type"] = 19
        if interaction is not None:
            msg["webhook_id"] = str(self.app_id)
            msg["application_id"] = str(self.app_id)
            msg["interaction_metadata"] = {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": self.users.get(interaction.user_id, {"id": str(interaction.user_id)}),
                "authorizing_integration_owners": {},
            }
            if interaction.type == 2 and msg_type == 0:
                msg["type"] = 20
            msg["_interaction_id"] = interaction.id
        msg["attachments"] = self._attachments(msg, body.get("attachments"), files)
        self._apply_mentions(msg, body.get("allowed_mentions"), guild, ch)
        return msg

    def _attachments(
        self, msg: JSON, spec: list[JSON] | None, files: list[dict[str, Any]]
    ) -> list[JSON]:
        existing = {a["id"]: a for a in msg.get("attachments", [])}
        out: list[JSON] = []
        by_field = {f["field"]: f for f in files}
        spec = (
            spec
            if spec is not None
            else [{"id": i, "filename": f["filename"]} for i, f in enumerate(files)]
        )
        for a in spec:
            aid = str(a.get("id"))
            if aid in existing:
                out.append(existing[aid])
                continue
            f = by_field.get(f"files[{aid}]")
            if f is None:
                continue
            new_id = str(snowflake())
            filename = a.get("filename") or f["filename"]
            att = {
                "id": new_id,
                "filename": filename,
                "size": len(f["data"]),
                "url": f"{self.base_url}/attachments/{msg['channel_id']}/{new_id}/{filename}",
                "proxy_url": f"{self.base_url}/attachments/{msg['channel_id']}/{new_id}/{filename}",
                "content_type": f.get("content_type"),
                "description": a.get("description"),
                "ephemeral": False,
                "_data": f["data"],
            }
            msg["_files"][filename] = f["data"]
            out.append(att)
        return out

    def _apply_mentions(
        self,
        msg: JSON,
        allowed: JSON | None,
        guild: FakeGuild | None,
        ch: FakeChannel | None,
        *,
        edit: bool = False,
        source: str = "channel",
    ) -> None:
        if allowed is not None:
            if "users" in (allowed.get("parse") or []) and allowed.get("users"):
                raise HTTPError(
                    400, 50035, "Invalid Form Body (allowed_mentions: parse users with users)"
                )
            if "roles" in (allowed.get("parse") or []) and allowed.get("roles"):
                raise HTTPError(
                    400, 50035, "Invalid Form Body (allowed_mentions: parse roles with roles)"
                )
            for key in ("users", "roles"):
                if len(allowed.get(key) or []) > 100:
                    raise HTTPError(
                        400,
                        50035,
                        f"Invalid Form Body (allowed_mentions.{key}: Must be 100 or fewer in length.)",
                    )
        bot_perms = guild.bot_effective_permissions if guild else ALL_PERMISSIONS
        pings = compute_pings(msg.get("content"), allowed, guild, bot_perms)
        msg["_pings"] = pings
        msg["_allowed_mentions"] = allowed
        msg["mention_everyone"] = pings["everyone"]
        msg["mention_roles"] = [str(r) for r in pings["roles"]]
        msg["mentions"] = [self.users[u] for u in pings["users"] if u in self.users]
        if pings["everyone"] or pings["roles"] or pings["users"]:
            self.pings.append(
                {
                    "message_id": int(msg["id"]),
                    "channel_id": int(msg["channel_id"]),
                    "source": source,
                    "edit": edit,
                    "ephemeral": bool(int(msg.get("flags", 0)) & 64),
                    **pings,
                }
            )

    def _edit_message(
        self, msg: JSON, body: JSON, files: list[dict[str, Any]], source: str
    ) -> None:
        snapshot = {k: v for k, v in msg.items() if k not in ("_history",)}
        msg["_history"].append(snapshot)
        msg["_edit_count"] += 1
        for key in ("content", "embeds", "components"):
            if key in body:
                msg[key] = body[key] if body[key] is not None else ([] if key != "content" else "")
        if "flags" in body and body["flags"] is not None:
            # only SUPPRESS_EMBEDS (4) can be toggled; loading flag cleared on edit
            msg["flags"] = (int(msg.get("flags", 0)) & ~4 & ~128) | (int(body["flags"]) & 4)
        else:
            msg["flags"] = int(msg.get("flags", 0)) & ~128
        if "attachments" in body or files:
            msg["attachments"] = self._attachments(msg, body.get("attachments"), files)
        msg["edited_timestamp"] = iso_now()
        ch = self.channels.get(int(msg["channel_id"]))
        guild = self.guild_of_channel(int(msg["channel_id"]))
        self._apply_mentions(
            msg,
            body.get("allowed_mentions", msg.get("_allowed_mentions")),
            guild,
            ch,
            edit=True,
            source=source,
        )

    def _store_and_announce(self, ch: FakeChannel, msg: JSON) -> None:
        ch.messages[int(msg["id"])] = msg
        if self._wants_message_events(ch):
            self.dispatch("MESSAGE_CREATE", public(msg))

    def _wants_message_events(self, ch: FakeChannel) -> bool:
        return bool(self._intents & ((1 << 12) if ch.type == 1 else (1 << 9)))

    def _announce_update(self, msg: JSON) -> None:
        ch = self.channels.get(int(msg["channel_id"]))
        if ch is not None and int(msg["id"]) in ch.messages and self._wants_message_events(ch):
            self.dispatch("MESSAGE_UPDATE", public(msg))

    def post_user_message(self, channel_id: int, user_id: int, content: str) -> JSON:
        """Simulate a human posting in a channel (MESSAGE_CREATE to the bot)."""
        ch = self._channel(channel_id)
        msg = self._build_message(channel_id, {"content": content}, [], author=self.users[user_id])
        guild = self.guild_of_channel(channel_id)
        if guild is not None and user_id in guild.members:
            member = dict(guild.members[user_id])
            member.pop("user", None)
            msg["member"] = member
        self._store_and_announce(ch, msg)
        return msg

    # ------------------------------------------------------------ route table
    def _register_routes(self) -> None:
        r = self._route

        @r("GET", "/users/@me")
        async def me(ctx: _Ctx) -> web.Response:
            return _json_response(self.bot_user)

        @r("GET", "/users/{uid}")
        async def get_user(ctx: _Ctx) -> web.Response:
            user = self.users.get(ctx.id("uid"))
            if user is None:
                raise HTTPError(404, 10013, "Unknown User")
            return _json_response(user)

        @r("GET", "/oauth2/applications/@me")
        async def app_me(ctx: _Ctx) -> web.Response:
            return _json_response(self.application_dict())

        @r("GET", "/applications/@me")
        async def app_me2(ctx: _Ctx) -> web.Response:
            return _json_response(self.application_dict())

        @r("GET", "/gateway", auth=False)
        async def gateway(ctx: _Ctx) -> web.Response:
            return _json_response({"url": self.gateway_url.rstrip("/")})

        @r("GET", "/gateway/bot")
        async def gateway_bot(ctx: _Ctx) -> web.Response:
            return _json_response(
                {
                    "url": self.gateway_url.rstrip("/"),
                    "shards": self.shard_count,
                    "session_start_limit": {
                        "total": 1000,
                        "remaining": 999,
                        "reset_after": 14400000,
                        "max_concurrency": 1,
                    },
                }
            )

        # ---------------------------------------------------- app commands
        @r("PUT", "/applications/{app}/commands")
        async def put_global(ctx: _Ctx) -> web.Response:
            return _json_response(self._bulk_overwrite(None, ctx))

        @r("PUT", "/applications/{app}/guilds/{gid}/commands")
        async def put_guild(ctx: _Ctx) -> web.Response:
            self._guild(ctx.id("gid"))
            return _json_response(self._bulk_overwrite(ctx.id("gid"), ctx))

        @r("GET", "/applications/{app}/commands")
        async def get_global(ctx: _Ctx) -> web.Response:
            return _json_response(list(self.global_commands.values()))

        @r("GET", "/applications/{app}/guilds/{gid}/commands")
        async def get_guild_cmds(ctx: _Ctx) -> web.Response:
            return _json_response(list(self.guild_commands.get(ctx.id("gid"), {}).values()))

        @r("POST", "/applications/{app}/commands")
        async def post_global(ctx: _Ctx) -> web.Response:
            return _json_response(self._upsert_command(None, ctx.json), 201)

        @r("POST", "/applications/{app}/guilds/{gid}/commands")
        async def post_guild_cmd(ctx: _Ctx) -> web.Response:
            return _json_response(self._upsert_command(ctx.id("gid"), ctx.json), 201)

        for scope in (
            "/applications/{app}/commands/{cmd}",
            "/applications/{app}/guilds/{gid}/commands/{cmd}",
        ):

            @r("GET", scope)
            async def get_cmd(ctx: _Ctx) -> web.Response:
                return _json_response(self._command_store(ctx)[ctx.id("cmd")])

            @r("PATCH", scope)
            async def patch_cmd(ctx: _Ctx) -> web.Response:
                cmd = self._command_store(ctx)[ctx.id("cmd")]
                cmd.update(ctx.json or {})
                cmd["version"] = str(snowflake())
                return _json_response(cmd)

            @r("DELETE", scope)
            async def delete_cmd(ctx: _Ctx) -> web.Response:
                self._command_store(ctx).pop(ctx.id("cmd"))
                return web.Response(status=204)

        # -------------------------------------------------------- channels
        @r("GET", "/channels/{cid}")
        async def get_channel(ctx: _Ctx) -> web.Response:
            return _json_response(self._channel(ctx.id("cid")).to_dict())

        @r("POST", "/channels/{cid}/typing")
        async def typing(ctx: _Ctx) -> web.Response:
            self._channel(ctx.id("cid"))
            return web.Response(status=204)

        @r("POST", "/channels/{cid}/messages")
        async def create_message(ctx: _Ctx) -> web.Response:
            ch = self._channel(ctx.id("cid"))
            body = ctx.json or {}
            if ch.type == 1 and ch.recipient and int(ch.recipient["id"]) in self.dms_closed:
                raise HTTPError(403, 50007, "Cannot send messages to this user")
            if not (
                body.get("content")
                or body.get("embeds")
                or ctx.files
                or body.get("components")
                or body.get("sticker_ids")
                or body.get("poll")
            ):
                raise HTTPError(400, 50006, "Cannot send an empty message")
            if len(body.get("content") or "") > 2000:
                raise HTTPError(
                    400, 50035, "Invalid Form Body (content: Must be 2000 or fewer in length.)"
                )
            nonce = body.get("nonce")
            if body.get("enforce_nonce") and nonce is not None:
                # Like Discord: the same author repeating a nonce within the window gets
                # the message the first create made (200, nothing new is posted).
                seen = self._nonces.get(str(nonce))
                if seen is not None and time.monotonic() - seen[0] < self.nonce_window:
                    where = self.channels.get(seen[1])
                    earlier = where.messages.get(seen[2]) if where is not None else None
                    if earlier is not None:
                        return _json_response(public(earlier))
            retry = self._check_rate(ch, ctx.record.at)
            if retry is not None:
                return self._too_many(ctx.record, retry)
            msg = self._build_message(ch.id, body, ctx.files)
            self._store_and_announce(ch, msg)
            if body.get("enforce_nonce") and nonce is not None:
                self._nonces[str(nonce)] = (time.monotonic(), ch.id, int(msg["id"]))
            return _json_response(public(msg))

        @r("GET", "/channels/{cid}/messages")
        async def history(ctx: _Ctx) -> web.Response:
            ch = self._channel(ctx.id("cid"))
            limit = int(ctx.request.query.get("limit", 50))
            msgs = list(reversed(ch.message_list()))
            before = ctx.request.query.get("before")
            after = ctx.request.query.get("after")
            if before:
                msgs = [m for m in msgs if int(m["id"]) < int(before)]
            if after:
                msgs = [m for m in msgs if int(m["id"]) > int(after)]
            return _json_response(public(msgs[:limit]))

        @r("GET", "/channels/{cid}/messages/{mid}")
        async def get_message(ctx: _Ctx) -> web.Response:
            return _json_response(public(self._message(ctx.id("cid"), ctx.id("mid"))))

        @r("PATCH", "/channels/{cid}/messages/{mid}")
        async def edit_message(ctx: _Ctx) -> web.Response:
            ch = self._channel(ctx.id("cid"))
            msg = self._message(ch.id, ctx.id("mid"))
            if msg["author"]["id"] != str(self.bot_user_id):
                raise HTTPError(403, 50005, "Cannot edit a message authored by another user")
            retry = self._check_rate(ch, ctx.record.at)
            if retry is not None:
                return self._too_many(ctx.record, retry)
            self._edit_message(msg, ctx.json or {}, ctx.files, "channel")
            self._announce_update(msg)
            return _json_response(public(msg))

        @r("DELETE", "/channels/{cid}/messages/{mid}")
        async def delete_message(ctx: _Ctx) -> web.Response:
            ch = self._channel(ctx.id("cid"))
            self._message(ch.id, ctx.id("mid"))
            self._delete_channel_message(ch, ctx.id("mid"))
            return web.Response(status=204)

        # --------------------------------------------------------- threads
        @r("POST", "/channels/{cid}/messages/{mid}/threads")
        async def thread_from_message(ctx: _Ctx) -> web.Response:
            # Like Discord: the thread's id is the message's, one thread per message,
            # only under a guild text or announcement channel.
            ch = self._channel(ctx.id("cid"))
            msg = self._message(ch.id, ctx.id("mid"))
            if ch.type not in (0, 5):
                raise HTTPError(400, 50024, "Cannot execute action on this channel type")
            name = str((ctx.json or {}).get("name") or "")
            if not 1 <= len(name) <= 100:
                raise HTTPError(400, 50035, "Invalid Form Body (name: Must be 1-100 characters)")
            tid = int(msg["id"])
            if tid in self.channels:
                raise HTTPError(400, 160004, "A thread has already been created for this message")
            thread = FakeChannel(self, tid, name, 11 if ch.type == 0 else 10, ch.guild_id)
            thread.parent_id = ch.id
            thread.owner_id = self.bot_user_id
            thread.thread_members.append(self.bot_user_id)
            self.channels[tid] = thread
            msg["thread"] = thread.to_dict()
            msg["flags"] = int(msg.get("flags", 0)) | 32  # HAS_THREAD
            data = thread.to_dict()
            data["newly_created"] = True
            self.dispatch("THREAD_CREATE", data)
            return _json_response(thread.to_dict(), 201)

        @r("PATCH", "/channels/{cid}")
        async def edit_thread(ctx: _Ctx) -> web.Response:
            # Only what Paddock edits: a thread's name (the bot owns its threads).
            thread = self._channel(ctx.id("cid"))
            if thread.type not in (10, 11, 12):
                raise HTTPError(403, 50013, "Missing Permissions")
            body = ctx.json or {}
            if "name" in body:
                name = str(body["name"] or "")
                if not 1 <= len(name) <= 100:
                    raise HTTPError(
                        400, 50035, "Invalid Form Body (name: Must be 1-100 characters)"
                    )
                thread.name = name
            data = thread.to_dict()
            self.dispatch("THREAD_UPDATE", data)
            return _json_response(data)

        @r("PUT", "/channels/{cid}/thread-members/{uid}")
        async def add_thread_member(ctx: _Ctx) -> web.Response:
            thread = self._channel(ctx.id("cid"))
            if thread.type not in (10, 11, 12):
                raise HTTPError(400, 50024, "Cannot execute action on this channel type")
            uid = self.bot_user_id if ctx.match.group("uid") == "@me" else ctx.id("uid")
            guild = self.guilds.get(thread.guild_id or 0)
            if guild is None or (uid != self.bot_user_id and uid not in guild.members):
                raise HTTPError(404, 10007, "Unknown Member")
            if uid not in thread.thread_members:
                thread.thread_members.append(uid)
            return web.Response(status=204)

        @r("POST", "/users/@me/channels")
        async def create_dm(ctx: _Ctx) -> web.Response:
            uid = int((ctx.json or {})["recipient_id"])
            user = self.users.get(uid)
            if user is None:
                raise HTTPError(400, 50033, "Invalid Recipient(s)")
            cid = self.dm_channels.get(uid)
            if cid is None:
                cid = snowflake()
                self.channels[cid] = FakeChannel(self, cid, "", 1, None, recipient=user)
                self.dm_channels[uid] = cid
            return _json_response(self.channels[cid].to_dict())

        # ---------------------------------------------------------- guilds
        @r("GET", "/guilds/{gid}")
        async def get_guild(ctx: _Ctx) -> web.Response:
            g = self._guild(ctx.id("gid"))
            data = g.to_dict(full=False)
            data["approximate_member_count"] = len(g.members)
            return _json_response(data)

        @r("GET", "/guilds/{gid}/members/{uid}")
        async def get_member(ctx: _Ctx) -> web.Response:
            g = self._guild(ctx.id("gid"))
            m = g.members.get(ctx.id("uid"))
            if m is None:
                raise HTTPError(404, 10007, "Unknown Member")
            return _json_response(m)

        @r("GET", "/guilds/{gid}/members")
        async def list_members(ctx: _Ctx) -> web.Response:
            g = self._guild(ctx.id("gid"))
            limit = int(ctx.request.query.get("limit", 1))
            after = int(ctx.request.query.get("after", 0))
            ms = [g.members[k] for k in sorted(g.members) if k > after]
            return _json_response(ms[:limit])

        @r("GET", "/guilds/{gid}/channels")
        async def guild_channels(ctx: _Ctx) -> web.Response:
            return _json_response(
                [c.to_dict() for c in self._guild(ctx.id("gid")).channels.values()]
            )

        @r("GET", "/guilds/{gid}/roles")
        async def guild_roles(ctx: _Ctx) -> web.Response:
            return _json_response(list(self._guild(ctx.id("gid")).roles.values()))

        # Member roles, as Discord documents them: 204 No Content, Manage Roles needed,
        # and the role must sit below the bot's highest role.
        @r("PUT", "/guilds/{gid}/members/{uid}/roles/{rid}")
        async def add_member_role(ctx: _Ctx) -> web.Response:
            return self._member_role(ctx, add=True)

        @r("DELETE", "/guilds/{gid}/members/{uid}/roles/{rid}")
        async def remove_member_role(ctx: _Ctx) -> web.Response:
            return self._member_role(ctx, add=False)

        @r("GET", "/guilds/{gid}/scheduled-events")
        async def list_events(ctx: _Ctx) -> web.Response:
            return _json_response(list(self._guild(ctx.id("gid")).scheduled_events.values()))

        @r("POST", "/guilds/{gid}/scheduled-events")
        async def create_event(ctx: _Ctx) -> web.Response:
            g = self._guild(ctx.id("gid"))
            self._require_manage_events(g)
            body = ctx.json or {}
            for key in ("name", "privacy_level", "scheduled_start_time", "entity_type"):
                if key not in body:
                    raise HTTPError(
                        400, 50035, f"Invalid Form Body ({key}: This field is required)"
                    )
            if body["entity_type"] == 3 and not (
                body.get("scheduled_end_time")
                and (body.get("entity_metadata") or {}).get("location")
            ):
                raise HTTPError(
                    400, 50035, "Invalid Form Body (external events need end time + location)"
                )
            eid = snowflake()
            event = {
                "id": str(eid),
                "guild_id": str(g.id),
                "channel_id": body.get("channel_id"),
                "creator_id": str(self.bot_user_id),
                "creator": self.bot_user,
                "name": body["name"],
                "description": body.get("description"),
                "scheduled_start_time": body["scheduled_start_time"],
                "scheduled_end_time": body.get("scheduled_end_time"),
                "privacy_level": body["privacy_level"],
                "status": body.get("status", 1),
                "entity_type": body["entity_type"],
                "entity_id": None,
                "entity_metadata": body.get("entity_metadata"),
                "user_count": 0,
                "image": None,
                "recurrence_rule": body.get("recurrence_rule"),
            }
            g.scheduled_events[eid] = event
            self._dispatch_event_intent("GUILD_SCHEDULED_EVENT_CREATE", event)
            return _json_response(event)

        @r("GET", "/guilds/{gid}/scheduled-events/{eid}")
        async def get_event(ctx: _Ctx) -> web.Response:
            return _json_response(self._event(ctx))

        @r("PATCH", "/guilds/{gid}/scheduled-events/{eid}")
        async def patch_event(ctx: _Ctx) -> web.Response:
            g = self._guild(ctx.id("gid"))
            self._require_manage_events(g)
            event = self._event(ctx)
            event.update({k: v for k, v in (ctx.json or {}).items() if k != "id"})
            self._dispatch_event_intent("GUILD_SCHEDULED_EVENT_UPDATE", event)
            return _json_response(event)

        @r("DELETE", "/guilds/{gid}/scheduled-events/{eid}")
        async def delete_event(ctx: _Ctx) -> web.Response:
            g = self._guild(ctx.id("gid"))
            self._require_manage_events(g)
            event = self._event(ctx)
            del g.scheduled_events[int(event["id"])]
            self._dispatch_event_intent("GUILD_SCHEDULED_EVENT_DELETE", event)
            return web.Response(status=204)

        # ---------------------------------------------------- interactions
        @r("POST", "/interactions/{iid}/{token}/callback", auth=False)
        async def callback(ctx: _Ctx) -> web.Response:
            return await self._callback(ctx)

        @r("POST", "/webhooks/{app}/{token}", auth=False)
        async def followup(ctx: _Ctx) -> web.Response:
            return self._followup(ctx)

        @r("GET", "/webhooks/{app}/{token}/messages/{mid}", auth=False)
        async def get_wh_msg(ctx: _Ctx) -> web.Response:
            _rec, msg = self._webhook_message(ctx)
            return _json_response(public(msg))

        @r("PATCH", "/webhooks/{app}/{token}/messages/{mid}", auth=False)
        async def edit_wh_msg(ctx: _Ctx) -> web.Response:
            _rec, msg = self._webhook_message(ctx)
            self._edit_message(msg, ctx.json or {}, ctx.files, "interaction")
            self._announce_update(msg)
            return _json_response(public(msg))

        @r("DELETE", "/webhooks/{app}/{token}/messages/{mid}", auth=False)
        async def delete_wh_msg(ctx: _Ctx) -> web.Response:
            rec, msg = self._webhook_message(ctx)
            ch = self.channels.get(int(msg["channel_id"]))
            if ch is not None and int(msg["id"]) in ch.messages:
                self._delete_channel_message(ch, int(msg["id"]))
            if msg is rec.original:
                rec.original_deleted = True
            msg["_deleted"] = True
            return web.Response(status=204)

    # ------------------------------------------------------- route helpers
    def application_dict(self) -> JSON:
        owner = self.users[self.owner_user_id]
        return {
            "id": str(self.app_id),
            "name": self.bot_name,
            "icon": None,
            "description": "",
            "rpc_origins": [],
            "bot_public": True,
            "bot_require_code_grant": False,
            "bot": self.bot_user,
            "terms_of_service_url": None,
            "privacy_policy_url": None,
            "owner": owner,
            "verify_key": "0" * 64,
            "team": None,
            "guild_id": None,
            "primary_sku_id": None,
            "slug": None,
            "cover_image": None,
            "flags": 0,
            "approximate_guild_count": len(self.guilds),
            "approximate_user_install_count": 0,
            "redirect_uris": [],
            "interactions_endpoint_url": None,
            "role_connections_verification_url": None,
            "tags": [],
            "install_params": None,
            "integration_types_config": {"0": {}},
            "custom_install_url": None,
        }

    def _message(self, cid: int, mid: int) -> JSON:
        msg = self._channel(cid).messages.get(mid)
        if msg is None:
            raise HTTPError(404, 10008, "Unknown Message")
        return msg

    def _delete_channel_message(self, ch: FakeChannel, mid: int) -> None:
        msg = ch.messages.pop(mid)
        ch.deleted[mid] = msg
        if self._wants_message_events(ch):
            data: JSON = {"id": str(mid), "channel_id": str(ch.id)}
            if ch.guild_id:
                data["guild_id"] = str(ch.guild_id)
            self.dispatch("MESSAGE_DELETE", data)

    def _member_role(self, ctx: _Ctx, *, add: bool) -> web.Response:
        g = self._guild(ctx.id("gid"))
        member = g.members.get(ctx.id("uid"))
        if member is None:
            raise HTTPError(404, 10007, "Unknown Member")
        role_id = ctx.id("rid")
        role = g.roles.get(role_id)
        if role is None or role_id == g.id:
            raise HTTPError(404, 10011, "Unknown Role")
        if not g.bot_effective_permissions & MANAGE_ROLES or (
            int(role["position"]) >= g.top_role_position(self.bot_user_id) or role.get("managed")
        ):
            raise HTTPError(403, 50013, "Missing Permissions")
        roles = [r for r in member["roles"] if int(r) != role_id]
        if add:
            roles.append(str(role_id))
        member["roles"] = roles
        if self._intents & (1 << 1):  # GUILD_MEMBERS
            self._dispatch_live("GUILD_MEMBER_UPDATE", {**member, "guild_id": str(g.id)}, guild=g)
        return web.Response(status=204)

    def _require_manage_events(self, g: FakeGuild) -> None:
        if not g.bot_effective_permissions & MANAGE_EVENTS:
            raise HTTPError(403, 50013, "Missing Permissions")

    def _event(self, ctx: _Ctx) -> JSON:
        g = self._guild(ctx.id("gid"))
        ev = g.scheduled_events.get(ctx.id("eid"))
        if ev is None:
            raise HTTPError(404, 10070, "Unknown Guild Scheduled Event")
        return ev

    def _dispatch_event_intent(self, name: str, event: JSON) -> None:
        if self._intents & (1 << 16):
            self.dispatch(name, event)

    def _command_store(self, ctx: _Ctx) -> dict[int, JSON]:
        gid = ctx.match.groupdict().get("gid")
        store = self.guild_commands.setdefault(int(gid), {}) if gid else self.global_commands
        if "cmd" in ctx.match.groupdict() and ctx.id("cmd") not in store:
            raise HTTPError(404, 10063, "Unknown application command")
        return store

    def _validate_command(self, cmd: JSON) -> None:
        name = cmd.get("name", "")
        ctype = int(cmd.get("type", 1))
        if ctype == 1 and (not _COMMAND_NAME_RE.match(name) or name != name.lower()):
            raise HTTPError(400, 50035, f"Invalid Form Body (name: invalid command name {name!r})")
        if ctype == 1 and not (1 <= len(cmd.get("description") or "") <= 100):
            raise HTTPError(
                400, 50035, f"Invalid Form Body ({name}: description must be 1-100 chars)"
            )

        def check_opts(opts: list[JSON], where: str) -> None:
            if len(opts) > 25:
                raise HTTPError(400, 50035, f"Invalid Form Body ({where}: more than 25 options)")
            seen_optional = False
            names: set[str] = set()
            for o in opts:
                if o["name"] in names:
                    raise HTTPError(
                        400, 50035, f"Invalid Form Body ({where}: duplicate option {o['name']})"
                    )
                names.add(o["name"])
                if not _COMMAND_NAME_RE.match(o["name"]) or o["name"] != o["name"].lower():
                    raise HTTPError(
                        400, 50035, f"Invalid Form Body ({where}: bad option name {o['name']!r})"
                    )
                if not (1 <= len(o.get("description") or "") <= 100):
                    raise HTTPError(
                        400, 50035, f"Invalid Form Body ({where}.{o['name']}: description length)"
                    )
                if len(o.get("choices") or []) > 25:
                    raise HTTPError(
                        400, 50035, f"Invalid Form Body ({where}.{o['name']}: >25 choices)"
                    )
                if o.get("type") in (1, 2):
                    check_opts(o.get("options") or [], f"{where}.{o['name']}")
                    continue
                if o.get("required"):
                    if seen_optional:
                        raise HTTPError(
                            400, 50035, f"Invalid Form Body ({where}: required after optional)"
                        )
                else:
                    seen_optional = True

        check_opts(cmd.get("options") or [], name)

    def _bulk_overwrite(self, guild_id: int | None, ctx: _Ctx) -> list[JSON]:
        body = ctx.json or []
        self.sync_calls.append(SyncCall(guild_id, body, time.monotonic()))
        if len(body) > 100:
            raise HTTPError(400, 30032, "Maximum number of application commands reached (100)")
        keys: set[tuple[str, int]] = set()
        for cmd in body:
            self._validate_command(cmd)
            key = (cmd["name"], int(cmd.get("type", 1)))
            if key in keys:
                raise HTTPError(400, 50035, f"Invalid Form Body (duplicate command {cmd['name']})")
            keys.add(key)
        store = self.guild_commands.setdefault(guild_id, {}) if guild_id else self.global_commands
        old = {(c["name"], c["type"]): c for c in store.values()}
        store.clear()
        for cmd in body:
            saved = self._command_object(
                guild_id, cmd, old.get((cmd["name"], int(cmd.get("type", 1))))
            )
            store[int(saved["id"])] = saved
        return list(store.values())

    def _upsert_command(self, guild_id: int | None, cmd: JSON) -> JSON:
        self._validate_command(cmd)
        store = self.guild_commands.setdefault(guild_id, {}) if guild_id else self.global_commands
        old = next(
            (
                c
                for c in store.values()
                if c["name"] == cmd["name"] and c["type"] == int(cmd.get("type", 1))
            ),
            None,
        )
        saved = self._command_object(guild_id, cmd, old)
        store[int(saved["id"])] = saved
        return saved

    def _command_object(self, guild_id: int | None, cmd: JSON, old: JSON | None) -> JSON:
        out = {
            "name_localizations": None,
            "description_localizations": None,
            "options": [],
            "default_member_permissions": None,
            "nsfw": False,
            "contexts": None,
            "integration_types": [0],
            **cmd,
            "id": old["id"] if old else str(snowflake()),
            "application_id": str(self.app_id),
            "version": str(snowflake()),
            "type": int(cmd.get("type", 1)),
            "description": cmd.get("description", ""),
        }
        if guild_id:
            out["guild_id"] = str(guild_id)
        return out

    # ------------------------------------------------------- interactions
    def _interaction(self, ctx: _Ctx) -> Interaction:
        rec = self._interactions_by_token.get(ctx.match.group("token"))
        if rec is None:
            raise HTTPError(404, 10015, "Unknown Webhook")
        return rec

    async def _callback(self, ctx: _Ctx) -> web.Response:
        rec = self.interactions.get(ctx.id("iid"))
        if rec is None or rec.token != ctx.match.group("token"):
            raise HTTPError(404, 10062, "Unknown interaction")
        now = time.monotonic()
        if rec.callbacks:
            raise HTTPError(400, 40060, "Interaction has already been acknowledged.")
        if self.interaction_timeout is not None and rec.age(now) > self.interaction_timeout:
            rec.answered_late = now - rec.dispatched_at
            self.late_answers.append(rec)
            raise HTTPError(404, 10062, "Unknown interaction")
        body = ctx.json or {}
        ctype = int(body.get("type", 0))
        data = body.get("data") or {}
        allowed_by_type = {
            1: (),
            2: (2,),
            3: (3,),
            4: (2, 3, 5),
            5: (2, 3, 5),
            6: (3, 5),
            7: (3, 5),
            8: (4,),
            9: (2, 3),
            12: (2, 3),
        }
        if ctype not in allowed_by_type or rec.type not in allowed_by_type[ctype]:
            raise HTTPError(
                400,
                40043,
                f"Interaction callback type {ctype} invalid for interaction type {rec.type}",
            )
        if ctype == 6 and rec.type == 5 and not rec.payload.get("message"):
            raise HTTPError(400, 40043, "Deferred update needs a message")
        resource: JSON = {"type": ctype}
        ephemeral = bool(int(data.get("flags", 0) or 0) & 64)
        response_message_id: str | None = None
        loading = False
        if ctype == 4:
            msg = self._build_message(rec.channel_id, data, ctx.files, interaction=rec)
            rec.original = msg
            if not ephemeral:
                ch = self.channels.get(rec.channel_id)
                if ch is not None:
                    self._store_and_announce(ch, msg)
            resource["message"] = public(msg)
            response_message_id = msg["id"]
        elif ctype == 5:
            msg = self._build_message(
                rec.channel_id, {"flags": (64 if ephemeral else 0) | 128}, [], interaction=rec
            )
            rec.original = msg
            loading = True
            if not ephemeral:
                ch = self.channels.get(rec.channel_id)
                if ch is not None:
                    self._store_and_announce(ch, msg)
            resource["message"] = public(msg)
            response_message_id = msg["id"]
        elif ctype in (6, 7):
            mid = int(rec.payload["message"]["id"])
            target = self.find_message(mid)
            if target is None:
                raise HTTPError(404, 10008, "Unknown Message")
            rec.original = target
            if ctype == 7:
                self._edit_message(target, data, ctx.files, "interaction")
                self._announce_update(target)
                resource["message"] = public(target)
            response_message_id = target["id"]
            ephemeral = bool(int(target.get("flags", 0)) & 64)
        elif ctype == 8:
            choices = data.get("choices") or []
            if len(choices) > 25:
                raise HTTPError(
                    400, 50035, "Invalid Form Body (choices: Must be 25 or fewer in length.)"
                )
            rec.choices = choices
        elif ctype == 9:
            rec.modal = data
        rec.callbacks.append(Callback(ctype, data, now, ctx.files))
        rec.response_time = now
        payload = {
            "interaction": {
                "id": str(rec.id),
                "type": rec.type,
                "activity_instance_id": None,
                "response_message_id": response_message_id,
                "response_message_loading": loading,
                "response_message_ephemeral": ephemeral,
            },
        }
        if ctype != 1:
            payload["resource"] = resource
        return _json_response(payload)

    def _followup(self, ctx: _Ctx) -> web.Response:
        rec = self._interaction(ctx)
        if not rec.callbacks:
            raise HTTPError(404, 10015, "Unknown Webhook")
        body = ctx.json or {}
        if not (
            body.get("content")
            or body.get("embeds")
            or ctx.files
            or body.get("components")
            or body.get("poll")
        ):
            raise HTTPError(400, 50006, "Cannot send an empty message")
        orig = rec.original
        if orig is not None and int(orig.get("flags", 0)) & 128 and rec.callbacks[0].type == 5:
            # The first follow-up after a "thinking" defer replaces the loading message.
            self._edit_message(orig, body, ctx.files, "interaction")
            orig["flags"] = int(orig.get("flags", 0)) & ~128
            self._announce_update(orig)
            rec.followups.append(orig)
            return _json_response(public(orig))
        msg = self._build_message(rec.channel_id, body, ctx.files, interaction=rec)
        rec.followups.append(msg)
        if not int(msg.get("flags", 0)) & 64:
            ch = self.channels.get(rec.channel_id)
            if ch is not None:
                self._store_and_announce(ch, msg)
        return _json_response(public(msg))

    def _webhook_message(self, ctx: _Ctx) -> tuple[Interaction, JSON]:
        rec = self._interaction(ctx)
        mid = ctx.match.group("mid")
        if mid == "@original":
            if rec.original is None or rec.original_deleted:
                raise HTTPError(404, 10008, "Unknown Message")
            return rec, rec.original
        for f in rec.followups:
            if f["id"] == mid and not f.get("_deleted"):
                return rec, f
        if rec.original is not None and rec.original["id"] == mid:
            return rec, rec.original
        raise HTTPError(404, 10008, "Unknown Message")
