"""Fake Discord (REST API v10 + gateway) for end-to-end tests of a discord.py bot.

Everything runs in-process on 127.0.0.1 with an ephemeral port; discord.py talks to it over
real HTTP and a real (zlib-stream compressed) websocket. Nothing reaches discord.com.

Public API
----------
``FakeDiscord(token=..., rejected_tokens={...}, heartbeat_interval=41250,
message_rate_limit=(5, 5.0) | None, interaction_timeout=3.0 | None, bot_name="Paddock")``
    ``await fake.start()`` / ``await fake.close()`` or ``async with FakeDiscord() as fake``.
    Attributes: ``app_id`` (``FakeDiscord(app_id=...)`` plays an earlier fake's application
    again, for a restart), ``bot_user_id`` (== app_id), ``token``, ``port``, ``api_base``,
    ``gateway_url``, ``guilds``, ``channels`` (id -> FakeChannel, ``.messages`` dict id -> message),
    ``users``, ``requests`` (RequestRecord list), ``unknown_routes``, ``rate_limited``,
    ``sync_calls`` (SyncCall list), ``global_commands`` / ``guild_commands``, ``interactions``,
    ``identify_payloads``, ``resume_count``, ``connect_count``, ``pings``.

State:
    ``fake.add_guild(name, owner_id=None, guild_id=None) -> FakeGuild``;
    ``guild.add_channel(name, type=0) -> id``; ``guild.add_role(name, permissions, mentionable=False) -> id``;
    ``guild.add_member(user_id=None, name=None, roles=[...], bot=False, dms_closed=False) -> user id``;
    ``guild.add_members_bulk(n)``; ``guild.bot_permissions`` (bot's managed role, settable);
    ``guild.everyone_permissions``; ``guild.permission_overrides[user_id] = perms``;
    ``guild.member_permissions(uid)``; ``fake.close_dms(user_id)``; ``fake.post_user_message(cid, uid, text)``.

Driving the bot (all return an :class:`Interaction` record):
    ``await fake.slash(guild_id, channel_id, user_id, "meet create", options={...})``,
    ``await fake.autocomplete(..., "specs", options={...}, focused="model")``,
    ``await fake.context_menu(guild_id, channel_id, user_id, name, target_id, kind="user"|"message")``,
    ``await fake.press(message_id, custom_id, user_id, values=None)``,
    ``await fake.submit_modal(guild_id, channel_id, user_id, custom_id, values={...})``,
    ``await fake.submit(opener_record, values)``.
    Interaction: ``wait_response(timeout)`` -> Callback(type, data, at), ``wait_followup(n, timeout)``,
    ``wait_original(pred)``, ``callbacks``, ``followups``, ``original``, ``modal``, ``choices``,
    ``ephemeral``, ``content``, ``embeds``, ``components``, ``dispatched_at``, ``response_time``, ``latency``.

Gateway: ``fake.dispatch(event, data)``, ``await fake.drop_gateway(code=4000, shard=None)``,
``await fake.send_reconnect()``, ``await fake.wait_ready()``, ``fake.connected``.
Sharding as Discord does it: ``FakeDiscord(shards=N)`` is the count ``GET /gateway/bot``
recommends; each IDENTIFY's ``shard: [id, count]`` opens that shard's session (an id
beyond the count is closed with 4010), READY lists only the shard's guilds, and every
guild event goes only to the session of shard ``(guild_id >> 22) % count`` (DMs to shard
0), from one process or several. ``fake.add_guild(name, shard=s, count=n)`` makes a guild
on a given shard; ``fake.sessions`` (shard id -> session, ``.events`` sent) and
``fake.shard_of(guild_id)`` show where events went; ``wait_ready`` waits for every shard.

Inspection / failure injection:
    ``fake.messages_in(cid)``, ``fake.find_message(mid)``, ``await fake.wait_for_message(cid, pred, timeout)``,
    ``await fake.wait_until(pred, timeout)``, ``fake.all_pings()``, ``fake.commands_for(guild_id)``,
    ``fake.requests_to(method, regex)``, ``fake.fail_next(method, path_regex, status, count=1, retry_after=0.2)``,
    ``fake.assert_no_unknown_routes()`` (also fails on spec-invalid bodies), ``fake.assert_valid_requests()``,
    ``fake.assert_answered_in_time()``, ``fake.hold_next(method, path_regex, body=pred)`` (a request
    kept in flight until its ``release`` is set; ``arrived`` says it came in).
    Interaction deadline: a first callback later than ``interaction_timeout`` after dispatch
    gets 404/10062 and lands in ``fake.late_answers`` (``rec.answered_late`` = seconds);
    ``wait_response`` then fails at once. Time this process waited for a CPU (other
    processes' load, Linux schedstat) is not counted against the bot: ``rec.age(now)``.
    Waits (``wait_until``, ``wait_response``, ...) poll with a ceiling of at least
    ``MIN_CEILING`` (20 s) whatever timeout is passed, not counting time spent waiting for a CPU;
    they return as soon as the condition holds.
    Request bodies of the message, interaction-callback, webhook, command, scheduled-event and
    DM routes are validated against Discord's official API spec (``validation.py``,
    ``spec/README.md``): an invalid one gets 400/50035 and lands in ``fake.invalid_requests``
    (``fake.validate_requests = False`` turns this off).
    ``POST /channels/{id}/messages`` honours ``enforce_nonce``: repeating a nonce within
    ``fake.nonce_window`` seconds (300) returns the earlier message and creates nothing.
    ``GET /channels/{id}/messages`` (history: ``limit``, ``before``, ``after``) is newest first.
    Each stored message is a full Discord message dict plus private keys: ``_history`` (previous
    versions), ``_edit_count``, ``_files`` (filename -> bytes), ``_pings`` ({everyone, roles, users}).

``patch_discord(fake, guild_ready_timeout=0.05)``: context manager pointing discord.py at the fake.
``tests.fakediscord.pytest_fixtures.fake_discord``: ready-made fixture (see that module).
"""

from .models import (
    ADMINISTRATOR,
    ALL_PERMISSIONS,
    MANAGE_EVENTS,
    MANAGE_ROLES,
    MENTION_EVERYONE,
    MIN_CEILING,
    Callback,
    FakeChannel,
    FakeGuild,
    Interaction,
    RequestRecord,
    SyncCall,
    snowflake,
)
from .patch import patch_discord
from .server import FakeDiscord, HTTPError

__all__ = [
    "ADMINISTRATOR",
    "ALL_PERMISSIONS",
    "MANAGE_EVENTS",
    "MANAGE_ROLES",
    "MENTION_EVERYONE",
    "MIN_CEILING",
    "Callback",
    "FakeChannel",
    "FakeDiscord",
    "FakeGuild",
    "HTTPError",
    "Interaction",
    "RequestRecord",
    "SyncCall",
    "patch_discord",
    "snowflake",
]
