"""Test-side drivers: build INTERACTION_CREATE payloads and dispatch them to the bot."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .models import Interaction, cpu_wait, public, snowflake

if TYPE_CHECKING:
    from .models import FakeGuild
    from .server import FakeDiscord

JSON = dict[str, Any]

_BUTTON, _TEXT_INPUT = 2, 4
_SELECT_TYPES = {3, 5, 6, 7, 8}


def _walk_components(components: list[JSON]) -> Iterator[JSON]:
    for c in components or []:
        yield c
        if c.get("components"):
            yield from _walk_components(c["components"])
        if c.get("component"):
            yield from _walk_components([c["component"]])
        if c.get("accessory"):
            yield from _walk_components([c["accessory"]])


class InteractionDriverMixin:
    """Methods of :class:`FakeDiscord` that simulate a user interacting with the bot."""

    # ------------------------------------------------------------ commands
    def _find_command(self: FakeDiscord, guild_id: int | None, name: str, ctype: int) -> JSON:
        stores = []
        if guild_id is not None:
            stores.append(self.guild_commands.get(guild_id, {}))
        stores.append(self.global_commands)
        for store in stores:
            for cmd in store.values():
                if cmd["name"] == name and cmd["type"] == ctype:
                    return cmd
        known = [c["name"] for s in stores for c in s.values()]
        raise LookupError(f"command {name!r} (type {ctype}) was not synced; synced: {known}")

    def _resolve_user(self: FakeDiscord, uid: int, guild: FakeGuild | None, resolved: JSON) -> None:
        resolved.setdefault("users", {})[str(uid)] = self.users[uid]
        if guild is not None and uid in guild.members:
            member = guild.member_payload(uid)
            member.pop("user", None)
            resolved.setdefault("members", {})[str(uid)] = member

    def _partial_channel(self: FakeDiscord, cid: int, user_id: int | None = None) -> JSON:
        ch = self.channels[cid]
        data = ch.to_dict()
        guild = self.guild_of_channel(cid)
        if guild is not None:
            perms = (
                guild.member_permissions(user_id) if user_id else guild.bot_effective_permissions
            )
            data["permissions"] = str(perms)
        return data

    def _encode_options(
        self: FakeDiscord,
        schema: list[JSON],
        values: JSON,
        resolved: JSON,
        guild: FakeGuild | None,
        focused: str | None = None,
    ) -> list[JSON]:
        by_name = {o["name"]: o for o in schema}
        unknown = set(values) - set(by_name)
        if unknown:
            raise ValueError(f"unknown option(s) {sorted(unknown)}; schema has {sorted(by_name)}")
        out: list[JSON] = []
        for opt in schema:
            name = opt["name"]
            if name not in values:
                if opt.get("required") and focused is None:
                    raise ValueError(f"required option {name!r} missing")
                continue
            value = values[name]
            t = int(opt["type"])
            entry: JSON = {"name": name, "type": t}
            if name == focused:
                entry["value"] = str(value)
                entry["focused"] = True
                out.append(entry)
                continue
            if t == 3:
                entry["value"] = str(value)
            elif t == 4:
                entry["value"] = int(value)
            elif t == 5:
                entry["value"] = bool(value)
            elif t == 10:
                entry["value"] = float(value)
            elif t == 6:
                uid = int(value)
                self._resolve_user(uid, guild, resolved)
                entry["value"] = str(uid)
            elif t == 7:
                cid = int(value)
                resolved.setdefault("channels", {})[str(cid)] = self._partial_channel(cid)
                entry["value"] = str(cid)
            elif t == 8:
                rid = int(value)
                assert guild is not None
                resolved.setdefault("roles", {})[str(rid)] = guild.roles[rid]
                entry["value"] = str(rid)
            elif t == 9:
                oid = int(value)
                if guild is not None and oid in guild.roles:
                    resolved.setdefault("roles", {})[str(oid)] = guild.roles[oid]
                else:
                    self._resolve_user(oid, guild, resolved)
                entry["value"] = str(oid)
            elif t == 11:
                filename, blob = value
                entry["value"] = self._upload(filename, blob, resolved)
            else:
                raise ValueError(f"option type {t} cannot take a value")
            choices = opt.get("choices")
            if choices and entry["value"] not in [c["value"] for c in choices]:
                raise ValueError(f"{value!r} is not a valid choice for {name!r}: {choices}")
            out.append(entry)
        return out

    def _command_data(
        self: FakeDiscord,
        guild_id: int | None,
        name: str,
        options: JSON | None,
        focused: str | None,
    ) -> JSON:
        parts = name.split()
        cmd = self._find_command(guild_id, parts[0], 1)
        data: JSON = {"id": cmd["id"], "name": cmd["name"], "type": 1}
        if cmd.get("guild_id"):
            data["guild_id"] = cmd["guild_id"]
        resolved: JSON = {}
        guild = self.guilds.get(guild_id) if guild_id else None
        schema: list[JSON] = cmd.get("options") or []
        container = data
        for sub in parts[1:]:
            sopt = next((o for o in schema if o["name"] == sub and o["type"] in (1, 2)), None)
            if sopt is None:
                raise LookupError(f"no subcommand/group {sub!r} in {name!r}")
            node: JSON = {"name": sub, "type": sopt["type"], "options": []}
            container["options"] = [node]
            container = node
            schema = sopt.get("options") or []
        if any(o["type"] in (1, 2) for o in schema):
            raise ValueError(f"{name!r} is a group; give the full subcommand path")
        container["options"] = self._encode_options(schema, options or {}, resolved, guild, focused)
        if focused is not None and focused not in (options or {}):
            raise ValueError(f"focused option {focused!r} needs a value in options")
        if resolved:
            data["resolved"] = resolved
        return data

    async def slash(
        self: FakeDiscord,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        name: str,
        options: JSON | None = None,
        *,
        locale: str = "en-US",
    ) -> Interaction:
        """Invoke a synced slash command; ``name`` may be a path like ``"meet create"``."""
        data = self._command_data(guild_id, name, options, None)
        return self._dispatch_interaction(2, data, guild_id, channel_id, user_id, locale=locale)

    async def autocomplete(
        self: FakeDiscord,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        name: str,
        options: JSON | None = None,
        *,
        focused: str,
        locale: str = "en-US",
    ) -> Interaction:
        """Send an APPLICATION_COMMAND_AUTOCOMPLETE for option ``focused``."""
        data = self._command_data(guild_id, name, options, focused)
        return self._dispatch_interaction(4, data, guild_id, channel_id, user_id, locale=locale)

    async def context_menu(
        self: FakeDiscord,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        name: str,
        target_id: int,
        *,
        kind: str = "user",
    ) -> Interaction:
        """Invoke a user (``kind="user"``) or message (``kind="message"``) context-menu command."""
        ctype = 2 if kind == "user" else 3
        cmd = self._find_command(guild_id, name, ctype)
        guild = self.guilds.get(guild_id) if guild_id else None
        resolved: JSON = {}
        if ctype == 2:
            self._resolve_user(target_id, guild, resolved)
        else:
            msg = self.find_message(target_id)
            if msg is None:
                raise LookupError(f"message {target_id} unknown")
            resolved["messages"] = {str(target_id): public(msg)}
        data: JSON = {
            "id": cmd["id"],
            "name": name,
            "type": ctype,
            "target_id": str(target_id),
            "resolved": resolved,
        }
        if cmd.get("guild_id"):
            data["guild_id"] = cmd["guild_id"]
        return self._dispatch_interaction(2, data, guild_id, channel_id, user_id)

    # ---------------------------------------------------------- components
    async def press(
        self: FakeDiscord,
        message_id: int | str,
        custom_id: str,
        user_id: int,
        *,
        values: list[str] | None = None,
        locale: str = "en-US",
    ) -> Interaction:
        """Click a button (or choose ``values`` in a select) on a message the bot sent, from a
        client whose language is ``locale``."""
        msg = self.find_message(int(message_id))
        if msg is None:
            raise LookupError(f"message {message_id} not found")
        comp = next(
            (
                c
                for c in _walk_components(msg.get("components") or [])
                if c.get("custom_id") == custom_id
            ),
            None,
        )
        if comp is None:
            ids = [
                c.get("custom_id")
                for c in _walk_components(msg.get("components") or [])
                if c.get("custom_id")
            ]
            raise LookupError(f"no component {custom_id!r} on message {message_id}; has {ids}")
        if comp.get("disabled"):
            raise ValueError(f"component {custom_id!r} is disabled")
        ctype = int(comp["type"])
        data: JSON = {"custom_id": custom_id, "component_type": ctype}
        if ctype in _SELECT_TYPES:
            data["values"] = [str(v) for v in values or []]
            resolved: JSON = {}
            self._resolve_select(
                ctype, data["values"], self.guild_of_channel(int(msg["channel_id"])), resolved
            )
            if resolved:
                data["resolved"] = resolved
        if comp.get("id") is not None:
            data["id"] = comp["id"]
        channel_id = int(msg["channel_id"])
        guild = self.guild_of_channel(channel_id)
        return self._dispatch_interaction(
            3, data, guild.id if guild else None, channel_id, user_id, message=msg, locale=locale
        )

    def _find_modal(self: FakeDiscord, custom_id: str) -> tuple[Interaction, JSON] | None:
        for rec in reversed(list(self.interactions.values())):
            if rec.modal is not None and rec.modal.get("custom_id") == custom_id:
                return rec, rec.modal
        return None

    async def submit_modal(
        self: FakeDiscord,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        custom_id: str,
        values: JSON,
        *,
        locale: str = "en-US",
    ) -> Interaction:
        """Submit the modal with ``custom_id`` the bot opened last, filling ``values``, from
        a client whose language is ``locale``."""
        found = self._find_modal(custom_id)
        remaining = dict(values)
        resolved: JSON = {}
        message = None
        if found is None:
            components: list[JSON] = [
                {"type": 1, "components": [{"type": _TEXT_INPUT, "custom_id": k, "value": str(v)}]}
                for k, v in values.items()
            ]
            remaining = {}
        else:
            opener, spec = found
            message = opener.payload.get("message")
            guild = self.guilds.get(guild_id) if guild_id else None
            components = [
                self._modal_component(c, remaining, resolved, guild)
                for c in spec.get("components") or []
            ]
        if remaining:
            raise ValueError(f"modal {custom_id!r} has no field(s) {sorted(remaining)}")
        data: JSON = {"custom_id": custom_id, "components": components}
        if resolved:
            data["resolved"] = resolved
        return self._dispatch_interaction(
            5, data, guild_id, channel_id, user_id, message=message, locale=locale
        )

    async def submit(
        self: FakeDiscord,
        opener: Interaction,
        values: JSON,
        user_id: int | None = None,
        *,
        locale: str | None = None,
    ) -> Interaction:
        """Submit the modal that ``opener`` answered with (callback type 9). The client's
        language is ``locale``, by default the opener's: a real member submits a form
        from the same client that opened it."""
        if opener.modal is None:
            raise ValueError(f"{opener!r} did not open a modal")
        return await self.submit_modal(
            opener.guild_id,
            opener.channel_id,
            user_id or opener.user_id,
            opener.modal["custom_id"],
            values,
            locale=locale or str(opener.payload.get("locale") or "en-US"),
        )

    def _modal_component(
        self: FakeDiscord, comp: JSON, values: JSON, resolved: JSON, guild: FakeGuild | None
    ) -> JSON:
        t = int(comp["type"])
        if t == 1:
            return {
                "type": 1,
                "id": comp.get("id"),
                "components": [
                    self._modal_component(c, values, resolved, guild) for c in comp["components"]
                ],
            }
        if t == 18:
            return {
                "type": 18,
                "id": comp.get("id"),
                "component": self._modal_component(comp["component"], values, resolved, guild),
            }
        cid = comp.get("custom_id")
        base: JSON = {"type": t, "id": comp.get("id"), "custom_id": cid}
        if t == _TEXT_INPUT:
            value = str(values.pop(cid)) if cid in values else (comp.get("value") or "")
            if comp.get("required", True) and not value:
                raise ValueError(f"modal field {cid!r} is required")
            if comp.get("min_length") and value and len(value) < comp["min_length"]:
                raise ValueError(f"modal field {cid!r} shorter than {comp['min_length']}")
            if comp.get("max_length") and len(value) > comp["max_length"]:
                raise ValueError(f"modal field {cid!r} longer than {comp['max_length']}")
            return {**base, "value": value}
        if t in _SELECT_TYPES:
            chosen = [str(v) for v in values.pop(cid, [])]
            if comp.get("required", True) and comp.get("min_values", 1) > len(chosen):
                raise ValueError(
                    f"modal select {cid!r} needs at least {comp.get('min_values', 1)} value(s)"
                )
            self._resolve_select(t, chosen, guild, resolved)
            return {**base, "values": chosen}
        if t == 19:  # file upload: values are (filename, bytes) pairs
            ids = []
            for filename, data in values.pop(cid, []):
                aid = self._upload(filename, data, resolved)
                ids.append(aid)
            return {**base, "values": ids}
        if t == 21:  # radio group
            return {**base, "value": values.pop(cid, None)}
        if t == 22:  # checkbox group
            return {**base, "values": list(values.pop(cid, []))}
        if t == 23:  # checkbox
            return {**base, "value": bool(values.pop(cid, False))}
        return {"type": t, "id": comp.get("id")}

    def _upload(self: FakeDiscord, filename: str, data: bytes, resolved: JSON) -> str:
        aid = str(snowflake())
        resolved.setdefault("attachments", {})[aid] = {
            "id": aid,
            "filename": filename,
            "size": len(data),
            "url": f"{self.base_url}/uploads/{aid}/{filename}",
            "proxy_url": f"{self.base_url}/uploads/{aid}/{filename}",
            "content_type": "application/octet-stream",
            "ephemeral": True,
        }
        self.uploads[aid] = bytes(data)
        return aid

    def _resolve_select(
        self: FakeDiscord, t: int, chosen: list[str], guild: FakeGuild | None, resolved: JSON
    ) -> None:
        for v in chosen:
            if t == 3:
                continue
            oid = int(v)
            if t in (6, 7) and guild is not None and oid in guild.roles:
                resolved.setdefault("roles", {})[v] = guild.roles[oid]
            elif t in (5, 7) and oid in self.users:
                self._resolve_user(oid, guild, resolved)
            elif t == 8 and oid in self.channels:
                resolved.setdefault("channels", {})[v] = self._partial_channel(oid)
            else:
                raise ValueError(f"select value {v} is not a valid target for component type {t}")

    # ------------------------------------------------------------ dispatch
    def _dispatch_interaction(
        self: FakeDiscord,
        itype: int,
        data: JSON,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        *,
        message: JSON | None = None,
        locale: str = "en-US",
    ) -> Interaction:
        if self._session_for(guild_id) is None:
            raise RuntimeError(
                f"no bot has identified on the fake gateway for guild {guild_id}'s shard yet"
            )
        guild = self.guilds.get(guild_id) if guild_id else None
        if guild_id and guild is None:
            raise LookupError(f"guild {guild_id} unknown")
        if channel_id not in self.channels:
            raise LookupError(f"channel {channel_id} unknown")
        if user_id not in self.users:
            raise LookupError(f"user {user_id} unknown")
        iid = snowflake()
        payload: JSON = {
            "id": str(iid),
            "application_id": str(self.app_id),
            "type": itype,
            "data": data,
            "channel_id": str(channel_id),
            "channel": self._partial_channel(channel_id, user_id),
            "token": "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48),
            "version": 1,
            "locale": locale,
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": 26214400,
        }
        if guild is not None:
            if user_id not in guild.members:
                raise LookupError(f"user {user_id} is not a member of guild {guild_id}")
            payload.update(
                {
                    "guild_id": str(guild.id),
                    "guild": {
                        "id": str(guild.id),
                        "locale": guild.preferred_locale,
                        "features": [],
                    },
                    "guild_locale": guild.preferred_locale,
                    "member": guild.member_payload(user_id),
                    "app_permissions": str(guild.bot_effective_permissions),
                    "authorizing_integration_owners": {"0": str(guild.id)},
                    "context": 0,
                }
            )
        else:
            payload.update(
                {
                    "user": self.users[user_id],
                    "app_permissions": str((1 << 11) | (1 << 14) | (1 << 15) | (1 << 16)),
                    "authorizing_integration_owners": {"0": str(self.app_id)},
                    "context": 1,
                }
            )
        if message is not None:
            payload["message"] = public(message)
        rec = Interaction(self, payload, guild.id if guild else None, channel_id, user_id)
        self.interactions[iid] = rec
        self._interactions_by_token[rec.token] = rec
        self.dispatch("INTERACTION_CREATE", payload)
        rec.dispatched_at = time.monotonic()
        rec.dispatched_cpu_wait = cpu_wait()
        return rec
