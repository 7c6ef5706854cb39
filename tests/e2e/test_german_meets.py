"""A meet in German, end to end, read as its members read it: an organiser whose Discord
is German creates it with a German date, members answer with the buttons, and the
announcement, the promotion and the cancel notice are the German server's posts. Replies
follow each member's own client; custom ids never change with the language."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.harness import Harness, preview_of
from tests.fakediscord import Interaction

pytestmark = pytest.mark.e2e

GERMAN = "de"
ENGLISH = "en-US"


def _labels(message: dict[str, Any]) -> list[str]:
    return [item["label"] for row in message["components"] for item in row["components"]]


def _ids(message: dict[str, Any]) -> list[str]:
    return [item["custom_id"] for row in message["components"] for item in row["components"]]


def _fields(message: dict[str, Any]) -> dict[str, str]:
    return {f["name"]: f["value"] for f in message["embeds"][0]["fields"]}


def _button(message: dict[str, Any], suffix: str) -> str:
    return next(i for i in _ids(message) if i.endswith(suffix))


async def _answered(record: Interaction) -> str:
    await record.wait_response(3)
    assert record.ephemeral
    return record.content or ""


async def _post(p: Harness, created: Interaction, locale: str) -> Interaction:
    """Press Post on the preview `created` answered with; wait for the outcome."""
    await created.wait_response(5)
    preview = preview_of(created)
    assert preview is not None, created.content
    post = next(i for i in _ids(preview) if i.endswith(":post"))
    press = await p.fake.press(preview["id"], post, p.organiser_id, locale=locale)
    await press.wait_response(5)
    await p.fake.wait_until(
        lambda: bool(press.content) and not (press.content or "").startswith("**Vorschau"),
        10,
        "the preview replaced by its outcome",
    )
    return press


async def _announcement(p: Harness, predicate: Any = None, timeout: float = 5.0) -> dict[str, Any]:
    """The announcement in the meets channel, once it satisfies `predicate`."""

    def current() -> dict[str, Any] | None:
        posted = [m for m in p.fake.messages_in(p.meets_id) if m.get("embeds")]
        return posted[-1] if posted else None

    await p.fake.wait_until(
        lambda: (m := current()) is not None and (predicate is None or predicate(m)),
        timeout,
        "the announcement",
    )
    found = current()
    assert found is not None
    return found


async def test_a_meet_in_german_from_preview_to_cancel_notice(paddock: Harness) -> None:
    p = paddock
    a, b, c = p.member_ids[0], p.member_ids[1], p.member_ids[2]
    await p.run(p.owner_id, "config language", {"language": "de"})
    await p.run(p.owner_id, "config meets-channel", {"channel": p.meets_id})

    # A German date without a time of day is a question, asked in German.
    asked = await p.run(
        p.organiser_id,
        "meet create",
        {"title": "Eifeltour", "when": "Samstag", "location": "Nürburg"},
        locale=GERMAN,
    )
    assert asked.ephemeral
    assert asked.content == "Um wie viel Uhr am Samstag, 5. Juni? z. B. `Samstag 10:00`"

    # "Samstag 10 Uhr" on Tuesday 1 June 2027 is Saturday 5 June, spelled out in German.
    created = await p.slash(
        p.organiser_id,
        "meet create",
        {"title": "Eifeltour", "when": "Samstag 10 Uhr", "location": "Nürburg", "capacity": 1},
        locale=GERMAN,
    )
    await created.wait_response(5)
    preview = preview_of(created)
    assert preview is not None, created.content
    text = preview["content"]
    assert text.startswith("**Vorschau:** Niemand sieht dieses Treffen, bis du **Veröffentlichen**")
    assert "Beginnt **Samstag, 5. Juni 2027, 10:00 (Europe/Berlin, CEST)**" in text
    assert "Endet Samstag, 5. Juni 2027, 14:00 (Europe/Berlin, CEST)" in text
    assert "Diese Vorschau verfällt in 15 Minuten." in text
    assert _labels(preview) == ["Veröffentlichen", "Ändern…", "Verwerfen"]
    assert _fields(preview)["Zusagen (0)"] == "noch niemand"

    posted = await _post(p, created, GERMAN)
    outcome = posted.content or ""
    assert outcome.startswith("**[Eifeltour](https://discord.com/channels/"), outcome
    assert "** für <t:" in outcome and outcome.endswith(f"in <#{p.meets_id}> angekündigt.")

    announcement = await _announcement(p)
    embed = announcement["embeds"][0]
    assert embed["title"] == "Eifeltour"
    assert "**Wann:**" in embed["description"] and "**Wo:** Nürburg" in embed["description"]
    assert "[In Karte öffnen]" in embed["description"]
    assert embed["footer"]["text"].startswith("Treffen #")
    assert {"Plätze", "Warteliste", "Vielleicht", "Zusagen (0)"} <= set(_fields(announcement))
    assert _labels(announcement) == ["Ich komme", "Vielleicht", "Kann nicht", "Mein Auto…"]
    # The custom ids are the same in every language: buttons survive restarts and changes.
    meet_id = embed["footer"]["text"].split("#")[1]
    assert _ids(announcement) == [
        f"paddock:rsvp:{meet_id}:going",
        f"paddock:rsvp:{meet_id}:maybe",
        f"paddock:rsvp:{meet_id}:no",
        f"paddock:car:{meet_id}",
    ]

    # Members answer; each reads the reply in their own client's language.
    going = _button(announcement, ":going")
    reply = await _answered(await p.fake.press(announcement["id"], going, a, locale=GERMAN))
    assert reply == "Du bist dabei: 1/1 Plätze vergeben."
    reply = await _answered(await p.fake.press(announcement["id"], going, b, locale=GERMAN))
    assert reply == (
        "Das Treffen ist voll: Du stehst auf Platz 1 der Warteliste. Du erfährst es, "
        "wenn ein Platz frei wird."
    )
    reply = await _answered(
        await p.fake.press(announcement["id"], _button(announcement, ":maybe"), c, locale=ENGLISH)
    )
    assert reply == "You're a maybe. 0 of 1 places are still free."
    # My car… from a member who hasn't answered asks first, and offers Going with the car.
    [d] = await p.add_members(1)
    car = await p.fake.press(announcement["id"], f"paddock:car:{meet_id}", d, locale=GERMAN)
    asked_first = await _answered(car)
    assert asked_first.startswith("Du hast auf **[Eifeltour](")
    assert "Drück zuerst **Ich komme** oder **Vielleicht**" in asked_first
    assert car.original is not None
    assert _labels(car.original) == ["Ich komme, mit meinem Auto…"]

    updated = await _announcement(p, lambda m: f"<@{a}>" in _fields(m).get("Zusagen (1)", ""))
    assert _fields(updated)["Warteliste"] == "1"

    # A leaves (in English); B moves up and is told in the channel, in the server's German.
    left = await _answered(
        await p.fake.press(announcement["id"], _button(announcement, ":no"), a, locale=ENGLISH)
    )
    assert left == "You're not going. Thanks for letting the organisers know."
    promoted = await p.fake.wait_for_message(
        p.meets_id, lambda m: "Ein Platz ist frei geworden" in (m.get("content") or "")
    )
    assert promoted["content"].startswith(
        "Ein Platz ist frei geworden: Du bist jetzt bei **[Eifeltour]("
    )
    assert f"<@{b}>" in promoted["content"]

    # The organiser cancels; who was going or maybe hears it in German.
    cancelled = await p.run(
        p.organiser_id,
        "meet cancel",
        {"meet": meet_id, "reason": "Sperrung der Nordschleife"},
        locale=GERMAN,
    )
    done = cancelled.followups[0]["content"]
    assert done.startswith("**[Eifeltour](") and done.endswith(
        "abgesagt; 2 Mitglieder wurden informiert."
    ), done
    notice = await p.fake.wait_for_message(
        p.meets_id, lambda m: "ist abgesagt" in (m.get("content") or "")
    )
    first_line = notice["content"].split("\n")[0]
    assert first_line.startswith("**[Eifeltour](")
    assert first_line.endswith("ist abgesagt. Grund: Sperrung der Nordschleife")
    assert " am <t:" in first_line
    greyed = await _announcement(p, lambda m: m["embeds"][0]["title"].startswith("Abgesagt"))
    assert greyed["embeds"][0]["title"] == "Abgesagt: Eifeltour"
    assert (
        "**Dieses Treffen ist abgesagt: Sperrung der Nordschleife**"
        in (greyed["embeds"][0]["description"])
    )

    # /meet info and /meet mine answer each member in their own language.
    info = await p.run(b, "meet info", {"meet": meet_id}, locale=GERMAN)
    shown = _fields(info.original or {})
    assert shown["Abgesagt"] == "Sperrung der Nordschleife"
    assert "Wann" in shown and "Wo" in shown
    mine = await p.run(a, "meet mine", locale=GERMAN)
    assert (mine.original or {})["embeds"][0]["title"] == "Deine Treffen"


async def test_a_language_change_reaches_a_live_announcement_at_its_next_update(
    paddock: Harness,
) -> None:
    p = paddock
    options = {"title": "Cars and Coffee", "when": "2027-06-05 10:00", "location": "Nürburg"}
    await p.create({**options, "channel": p.meets_id})
    announcement = await _announcement(p)
    assert _labels(announcement) == ["Going", "Maybe", "Can't go", "My car…"]
    ids = _ids(announcement)

    await p.run(p.owner_id, "config language", {"language": "de"})
    going = _button(announcement, ":going")
    reply = await _answered(await p.fake.press(announcement["id"], going, p.member_ids[0]))
    assert reply == "You're going, the first one so far."  # the member's own English

    updated = await _announcement(p, lambda m: "Zusagen (1)" in _fields(m))
    assert _labels(updated) == ["Ich komme", "Vielleicht", "Kann nicht", "Mein Auto…"]
    assert _ids(updated) == ids
    assert _fields(updated)["Plätze"] == "1 dabei (ohne Begrenzung)"

    # The same buttons still answer, now in a German client.
    again = await p.fake.press(announcement["id"], going, p.member_ids[1], locale=GERMAN)
    assert await _answered(again) == "Du bist dabei, mit einer weiteren Person."


async def test_a_german_server_reads_its_meet_threads_audit_reason_in_german(
    paddock: Harness,
) -> None:
    p = paddock
    await p.run(p.owner_id, "config language", {"language": "de"})
    await p.run(p.owner_id, "config meet-threads", {"state": "on"})
    await p.create(
        {
            "title": "Eifeltour",
            "when": "2027-06-05 10:00",
            "location": "Nürburg",
            "channel": p.meets_id,
        }
    )
    announcement = await _announcement(p)
    meet_id = _button(announcement, ":going").split(":")[2]
    thread = p.fake.channels.get(int(announcement["id"]))
    assert thread is not None and thread.name == "Eifeltour"
    # What the server's admins read in the audit log next to Paddock's new thread.
    (opened,) = p.fake.requests_to("POST", rf"/messages/{announcement['id']}/threads$")
    assert opened.audit_reason == f"Diskussion zu Treffen #{meet_id}"
