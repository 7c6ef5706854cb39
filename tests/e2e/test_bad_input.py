"""Property test: hostile input in every command option and modal field.

Every case must get a clear reply within Discord's 3 s, never raise an
unhandled exception, never produce a ping, and never write for a refused request.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.render.views import modal_values
from bot.services.meets.models import TITLE_MAX
from tests.e2e.harness import Harness

HOSTILE = [
    "",
    " ",
    "x" * 10_000,
    "@everyone",
    "@here come all",
    "<@&1234567890123456789>",
    "<@1234567890123456789> hi",
    "\u200b\u200b\u200b",
    "\u202eevil\u202c",
    "**bold** __under__ ~~strike~~ `code` ||spoiler|| [link](https://example.com)",
    "'; DROP TABLE meets; --",
    "1 OR 1=1",
    "🏎️💨🏁" * 40,
    "\n\n\n",
    "%_%",
    "-1",
    "99999999999999999999999",
    "9999999999999999999",
    "²",
    "2027-02-30 25:61",
    "null",
    "Europe",
    "Europe/",
    "../etc",
    "UTC+2",
    "\x00",
    "ㅤ",
    "⠀⠀⠀",
    "ᅟᅠ",
    "👨‍🔧",
]

hostile_text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300))


def leaf_commands(commands: list[dict[str, Any]]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    def walk(node: dict[str, Any], prefix: str) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        name = f"{prefix} {node['name']}".strip()
        options = node.get("options") or []
        subs = [o for o in options if o["type"] in (1, 2)]
        if subs:
            for sub in subs:
                yield from walk(sub, name)
        else:
            yield name, options

    for command in commands:
        if command.get("type", 1) == 1:
            yield from walk(command, "")


def fill(options: list[dict[str, Any]], data: st.DataObject, ids: dict[str, int]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for option in options:
        required = option.get("required", False)
        if not required and not data.draw(st.booleans(), label=f"set {option['name']}"):
            continue
        kind = option["type"]
        if option.get("choices"):
            values[option["name"]] = data.draw(
                st.sampled_from([c["value"] for c in option["choices"]])
            )
        elif kind == 3:  # string: hostile, or sometimes a real id so deeper paths run
            real = [str(v) for v in ids.values()]
            values[option["name"]] = data.draw(
                st.one_of(hostile_text, st.sampled_from(real)) if real else hostile_text
            )
        elif kind == 4:  # integer: at and around the declared limits
            low = option.get("min_value", -(2**53))
            high = option.get("max_value", 2**53)
            values[option["name"]] = data.draw(
                st.sampled_from([low, low + 1, high - 1, high, 0, 1, -1]).filter(
                    lambda v, lo=low, hi=high: lo <= v <= hi
                )
            )
        elif kind == 5:
            values[option["name"]] = data.draw(st.booleans())
        elif kind == 7 and required:
            values[option["name"]] = ids["channel"]
        elif kind == 8 and required:
            values[option["name"]] = ids["role"]
        elif kind == 6 and "member" in ids:  # a user (a member of the club)
            values[option["name"]] = ids["member"]
    return values


ORGANISER_ONLY = (
    "meet create",
    "meet edit",
    "meet cancel",
    "meet attendees",
    "attendance start",
    "attendance stop",
    "attendance adjust",
    "attendance remove",
    "records import",
    "records remove",
    "config timezone",
    "config units",
    "config meets-channel",
    "config announce-channel",
    "config organizer-role",
    "config announce-role",
    "config reminders",
    "config milestones",
    "config owner-role",
    "garage verify",
    "garage clear-vin",
)


async def snapshot(harness: Harness) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """Every row of every table, to prove a refused request wrote nothing."""
    db = harness.bot.db
    tables = [
        row[0]
        for row in await db.fetchall(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'meta' ORDER BY name"
        )
    ]
    return [
        (table, [tuple(row) for row in await db.fetchall(f'SELECT * FROM "{table}" ORDER BY 1')])
        for table in tables
    ]


def against_the_running_bot(examples: int) -> settings:
    """Examples share one running bot (a function-scoped fixture), and each is a real
    round trip through Discord's protocol, so no per-example deadline."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@pytest.fixture
def errors(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.ERROR)
    return caplog


@against_the_running_bot(60)
@given(data=st.data())
async def test_hostile_options_get_a_clear_reply(
    paddock: Harness, errors: pytest.LogCaptureFixture, data: st.DataObject
) -> None:
    fake = paddock.fake
    commands = sorted(leaf_commands(fake.commands_for(None)), key=lambda c: c[0])
    name, options = data.draw(st.sampled_from(commands), label="command")
    ids = {
        "channel": paddock.general_id,
        "role": paddock.organiser_role_id,
        "member": paddock.member_ids[1],
    }
    values = fill(options, data, ids)
    user = data.draw(st.sampled_from([paddock.organiser_id, paddock.member_ids[0]]), label="user")
    pings_before = len(fake.all_pings())
    refused_for_sure = user != paddock.organiser_id and name in ORGANISER_ONLY
    before = await snapshot(paddock) if refused_for_sure else None
    record = await paddock.slash(user, name, values)
    first = await record.wait_response(3.0)  # the fake refuses answers later than 3 s
    if first.type == 5:
        await record.wait_followup(1, 10)
    reply = record.content or ""
    assert record.embeds or record.choices or record.modal or reply.strip(), (name, values)
    assert len(reply) <= 2000
    if record.ephemeral and not record.embeds:
        assert "error id" not in reply, (name, values, reply)
    await paddock.bot.pacer.flush(timeout=60)
    new_pings = fake.all_pings()[pings_before:]
    assert new_pings == [], (name, values, new_pings)
    unexpected = [r for r in errors.records if r.levelno >= logging.ERROR]
    assert unexpected == [], (name, values, [r.getMessage() for r in unexpected])
    if refused_for_sure:
        assert record.ephemeral, (name, values)
        assert await snapshot(paddock) == before, f"{name} by a plain member wrote to the database"


@against_the_running_bot(40)
@given(data=st.data())
async def test_hostile_autocomplete_never_fails(
    paddock: Harness, errors: pytest.LogCaptureFixture, data: st.DataObject
) -> None:
    fake = paddock.fake
    commands = sorted(
        (name, option["name"])
        for name, options in leaf_commands(fake.commands_for(None))
        for option in options
        if option.get("autocomplete")
    )
    name, focused = data.draw(st.sampled_from(commands), label="focused")
    values = {focused: data.draw(hostile_text)}
    record = await fake.autocomplete(
        paddock.guild_id, paddock.general_id, paddock.member_ids[0], name, values, focused=focused
    )
    response = await record.wait_response(3.0)
    assert response.type == 8
    choices = record.choices or []
    assert len(choices) <= 25
    for choice in choices:
        assert 1 <= len(choice["name"]) <= 100 and len(str(choice["value"])) <= 100
    assert [r for r in errors.records if r.levelno >= logging.ERROR] == []


@against_the_running_bot(15)
@given(car=hostile_text, passengers=st.one_of(hostile_text, st.sampled_from(["0", "8", "9", "-1"])))
async def test_hostile_modal_fields_get_a_clear_reply(
    paddock: Harness, errors: pytest.LogCaptureFixture, car: str, passengers: str
) -> None:
    fake = paddock.fake
    announcements = [
        m for m in fake.messages_in(paddock.meets_id) if m.get("components") and m.get("embeds")
    ]
    if not announcements:
        await paddock.create(
            {
                "title": "Modal night",
                "when": "2027-07-01 19:00",
                "location": "Nürburg",
                "channel": paddock.meets_id,
            },
        )
        await fake.wait_until(
            lambda: any(m.get("components") for m in fake.messages_in(paddock.meets_id)), 5
        )
        announcements = [m for m in fake.messages_in(paddock.meets_id) if m.get("components")]
    announcement = announcements[0]
    car_button = next(
        c["custom_id"]
        for row in announcement["components"]
        for c in row["components"]
        if ":car:" in c.get("custom_id", "")
    )
    # My car… asks a member without an answer to answer first; this one has answered.
    going = car_button.replace(":car:", ":rsvp:") + ":going"
    answered = await fake.press(announcement["id"], going, paddock.member_ids[0])
    await answered.wait_response(3.0)
    opener = await fake.press(announcement["id"], car_button, paddock.member_ids[0])
    await opener.wait_response(3.0)
    assert opener.modal is not None
    pings_before = len(fake.all_pings())
    try:
        submitted = await fake.submit(opener, {"car": car, "passengers": passengers})
    except ValueError:
        return  # the Discord client itself would refuse this (e.g. over the field's max length)
    await submitted.wait_response(3.0)
    assert submitted.ephemeral and submitted.content.strip()
    assert "error id" not in submitted.content
    await paddock.bot.pacer.flush(timeout=60)
    assert fake.all_pings()[pings_before:] == []
    assert [r for r in errors.records if r.levelno >= logging.ERROR] == []


async def test_time_zone_folders_and_paths_get_the_normal_refusal(
    paddock: Harness, errors: pytest.LogCaptureFixture
) -> None:
    p = paddock
    for zone in ("Europe", "Europe/", "../etc", "UTC+2", "x" * 64, "Europe/Berlin\x00"):
        record = await p.run(p.owner_id, "config timezone", {"zone": zone})
        assert record.ephemeral
        assert "is not a time zone I know" in record.content, (zone, record.content)
        assert "error id" not in record.content
    record = await p.run(p.owner_id, "config timezone", {"zone": "america/new_york"})
    assert "Time zone set to America/New_York" in record.content
    assert [r for r in errors.records if r.levelno >= logging.ERROR] == []


async def test_blank_titles_refused_and_emoji_kept_whole(paddock: Harness) -> None:
    p = paddock
    base = {"when": "2027-06-05 10:00", "location": "Nürburg", "channel": p.meets_id}
    for blank in ("ㅤ", "⠀⠀⠀", "ᅟᅠ", "\u200b\u200d"):
        record = await p.run(p.organiser_id, "meet create", {**base, "title": blank})
        if not record.content:
            await record.wait_followup(1, 5)
        text = record.content or record.followups[0]["content"]
        assert "`title` can't be empty" in text, (blank, text)
    assert p.fake.messages_in(p.meets_id) == []
    await p.create({**base, "title": "👨‍🔧 Meet 🇩🇪 1️⃣"})
    posted = [m for m in p.fake.messages_in(p.meets_id) if m.get("embeds")]
    assert posted[-1]["embeds"][0]["title"] == "👨‍🔧 Meet 🇩🇪 1️⃣"


async def test_an_overlong_option_opens_the_form_cut_to_its_limits(paddock: Harness) -> None:
    """A client that ignores the command's max_length can send a 10,000-character title;
    prefilled into the form as it is, Discord would refuse the whole form (found by the
    hostile-options test above in a soak)."""
    p = paddock
    record = await p.slash(p.organiser_id, "meet create", {"title": "x" * 10_000})
    await record.wait_response(3.0)
    assert record.modal is not None, record.content
    fields = modal_values(record.modal["components"])
    assert fields["title"] == "x" * TITLE_MAX
    assert p.fake.invalid_requests == []
