"""Meets end to end: the real bot, real discord.py, the fake Discord over loopback."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.harness import Harness

pytestmark = pytest.mark.e2e


def _embed(message: dict[str, Any]) -> dict[str, Any]:
    return message["embeds"][0]


def _field(embed: dict[str, Any], prefix: str) -> str:
    for field in embed.get("fields", []):
        if field["name"].startswith(prefix):
            return field["value"]
    raise AssertionError(f"no field {prefix!r} in {[f['name'] for f in embed.get('fields', [])]}")


def _custom_ids(message: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in message.get("components", []) for c in row["components"]]


async def wait_announcement(
    p: Harness, announcement: dict[str, Any], predicate: Any, timeout: float = 5.0
) -> dict[str, Any]:
    """Wait until the announcement's embed satisfies `predicate`; return that embed."""
    mid = int(announcement["id"])

    def ok() -> bool:
        message = p.fake.find_message(mid)
        return message is not None and bool(message.get("embeds")) and predicate(_embed(message))

    await p.fake.wait_until(ok, timeout, "announcement update")
    message = p.fake.find_message(mid)
    assert message is not None
    return _embed(message)


async def create_meet(p: Harness, **options: Any) -> dict[str, Any]:
    """Run /meet create as the organiser and return the announcement message."""
    opts = {"title": "Cars and Coffee", "when": "2027-06-05 10:00", "location": "Nürburg"}
    opts.update(options)
    record = await p.run(p.organiser_id, "meet create", opts)
    await record.wait_followup(1, 5)
    text = record.followups[0]["content"]
    assert text.startswith("Announced"), text
    channel = opts.get("channel", p.meets_id)
    messages = [m for m in p.fake.messages_in(channel) if m.get("embeds")]
    assert messages, "no announcement posted"
    return messages[-1]


async def test_create_press_restart_press(paddock: Harness) -> None:
    p = paddock
    await p.run(p.owner_id, "config meets-channel", {"channel": p.meets_id})
    announcement = await create_meet(p, capacity=2)
    ids = _custom_ids(announcement)
    assert len(ids) == 4
    going = next(i for i in ids if i.endswith(":going"))
    a, b = p.member_ids[0], p.member_ids[1]

    press = await p.fake.press(announcement["id"], going, a)
    reply = await press.wait_response(3)
    assert press.ephemeral
    assert "You're going: 1/2" in press.content, reply

    await p.restart()
    press = await p.fake.press(announcement["id"], going, b)
    await press.wait_response(3)
    assert "You're going: 2/2" in press.content
    current = await wait_announcement(p, announcement, lambda e: "2/2" in _field(e, "Places"))
    assert f"<@{a}>" in _field(current, "Going")
    assert f"<@{b}>" in _field(current, "Going")
