"""The fake Discord validates request bodies against Discord's official API spec.

See tests/fakediscord/validation.py and tests/fakediscord/spec/README.md.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import aiohttp
import discord
import pytest
from discord.http import HTTPClient, Route

from tests.fakediscord import FakeDiscord, patch_discord
from tests.fakediscord.validation import validate_body

pytestmark = pytest.mark.e2e


async def _post(fake: FakeDiscord, path: str, body: object) -> tuple[int, dict[str, object]]:
    async with aiohttp.ClientSession() as session:
        async with session.post(
            f"{fake.api_base}{path}",
            json=body,
            headers={"Authorization": f"Bot {fake.token}"},
        ) as resp:
            return resp.status, await resp.json()


async def _post_multipart(
    fake: FakeDiscord, path: str, payload: object
) -> tuple[int, dict[str, object]]:
    form = aiohttp.FormData()
    form.add_field("payload_json", json.dumps(payload), content_type="application/json")
    form.add_field("files[0]", b"png bytes", filename="a.png", content_type="image/png")
    async with aiohttp.ClientSession() as session:
        async with session.post(
            f"{fake.api_base}{path}", data=form, headers={"Authorization": f"Bot {fake.token}"}
        ) as resp:
            return resp.status, await resp.json()


async def test_invalid_message_bodies_get_400_50035_and_are_recorded() -> None:
    async with FakeDiscord() as fake:
        cid = fake.add_guild("G").add_channel("general")
        path = f"/channels/{cid}/messages"

        status, data = await _post(fake, path, {"embeds": [{"title": "t" * 300}]})
        assert status == 400
        assert data["code"] == 50035
        assert "embeds.0.title" in str(data["message"])
        assert "too long" in str(data["message"])
        assert data["errors"] == {
            "embeds": {
                "0": {
                    "title": {
                        "_errors": [
                            {
                                "code": "SPEC_VALIDATION_FAILED",
                                "message": fake.invalid_requests[0].message,
                            }
                        ]
                    }
                }
            }
        }

        # multipart: payload_json is validated too
        status, data = await _post_multipart(
            fake, path, {"content": "x" * 4001, "attachments": [{"id": 0, "filename": "a.png"}]}
        )
        assert (status, data["code"]) == (400, 50035)

        # nothing was stored; both were recorded with where and why
        assert fake.messages_in(cid) == []
        assert [(r.method, r.route, r.location) for r in fake.invalid_requests] == [
            ("POST", "POST /channels/{channel_id}/messages", "embeds.0.title"),
            ("POST", "POST /channels/{channel_id}/messages", "content"),
        ]
        with pytest.raises(AssertionError, match=r"embeds\.0\.title"):
            fake.assert_valid_requests()
        with pytest.raises(AssertionError, match="spec rejects"):
            fake.assert_no_unknown_routes()

        # a valid body with the two documented relaxations passes
        status, data = await _post(
            fake,
            path,
            {
                "content": "hi",
                "embeds": [{"title": "t", "timestamp": "2026-11-27T03:00:00+00:00"}],
                "message_reference": {"message_id": 1234567890123, "fail_if_not_exists": False},
            },
        )
        assert status == 200, data
        assert len(fake.invalid_requests) == 2
        fake.invalid_requests.clear()  # expected failures above; keep teardown checks meaningful
        fake.assert_no_unknown_routes()


async def test_discord_py_gets_an_http_exception_with_the_spec_error() -> None:
    async with FakeDiscord() as fake:
        cid = fake.add_guild("G").add_channel("general")
        with patch_discord(fake):
            http = HTTPClient(aiohttp.TCPConnector(limit=1))
            await http.static_login(fake.token)
            try:
                route = Route("POST", "/channels/{channel_id}/messages", channel_id=cid)
                with pytest.raises(discord.HTTPException) as info:
                    await http.request(
                        route, json={"content": "ok", "embeds": [{"title": "t" * 257}]}
                    )
                # scheduled event with an unknown entity_type
                with pytest.raises(discord.HTTPException):
                    await http.request(
                        Route("POST", "/guilds/{guild_id}/scheduled-events", guild_id=1),
                        json={
                            "name": "x",
                            "entity_type": 99,
                            "privacy_level": 2,
                            "scheduled_start_time": datetime.now(UTC).isoformat(),
                        },
                    )
            finally:
                await http.close()
        assert info.value.status == 400
        assert info.value.code == 50035
        assert "In embeds.0.title" in info.value.text
        assert len(fake.invalid_requests) == 2
        fake.invalid_requests.clear()


@pytest.mark.parametrize(
    ("method", "path", "body", "where"),
    [
        # interaction callbacks: message (4), deferred (5), update (7), autocomplete (8), modal (9)
        (
            "POST",
            "/interactions/1/tok/callback",
            {"type": 4, "data": {"content": "x" * 2001}},
            "data.content",
        ),
        ("POST", "/interactions/1/tok/callback", {"type": 3}, ""),
        (
            "POST",
            "/interactions/1/tok/callback",
            {"type": 8, "data": {"choices": [{"name": "n", "value": "v"}] * 26}},
            "data.choices",
        ),
        (
            "POST",
            "/interactions/1/tok/callback",
            {
                "type": 9,
                "data": {
                    "custom_id": "m",
                    "title": "T" * 46,
                    "components": [
                        {
                            "type": 1,
                            "components": [{"type": 4, "custom_id": "a", "style": 1, "label": "A"}],
                        }
                    ],
                },
            },
            "data.title",
        ),
        ("POST", "/webhooks/1/tok", {"content": "x" * 2001}, "content"),
        ("PATCH", "/webhooks/1/tok/messages/@original", {"embeds": [{}] * 11}, "embeds"),
        (
            "PUT",
            "/applications/1/guilds/2/commands",
            [{"name": "x", "description": "d" * 101}],
            "0.description",
        ),
        ("POST", "/users/@me/channels", {"recipient_id": "not-a-snowflake"}, "recipient_id"),
        (
            "PATCH",
            "/guilds/1/scheduled-events/2",
            {"scheduled_start_time": "next tuesday"},
            "scheduled_start_time",
        ),
    ],
)
def test_spec_rejects(method: str, path: str, body: object, where: str) -> None:
    invalid = validate_body(method, path, body)
    assert invalid is not None
    assert invalid.location == where, invalid


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/interactions/1/tok/callback", {"type": 5, "data": {"flags": 64}}),
        ("POST", "/interactions/1/tok/callback", {"type": 6}),
        (
            "POST",
            "/interactions/1/tok/callback",
            {"type": 8, "data": {"choices": [{"name": "n", "value": 3}]}},
        ),
        ("POST", "/users/@me/channels", {"recipient_id": 1234567890123456789}),
        (
            "POST",
            "/guilds/1/scheduled-events",
            {
                "name": "Meet",
                "privacy_level": 2,
                "entity_type": 3,
                "scheduled_start_time": "2026-11-27T03:00:00+00:00",
                "scheduled_end_time": "2026-11-27T05:00:00Z",
                "entity_metadata": {"location": "Car park"},
            },
        ),
        ("GET", "/channels/1/messages", {"anything": "goes"}),  # not a validated route
    ],
)
def test_spec_accepts(method: str, path: str, body: object) -> None:
    assert validate_body(method, path, body) is None
