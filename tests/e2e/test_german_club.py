"""The club side in German, end to end: the live counter, the record post and the stop
summary in a server whose language is German; /records and the garage answered in a
German member's own language; a counter that switches language at its next update."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.harness import Harness
from tests.e2e.test_attendance import counter_message, create_meet
from tests.fakediscord import Interaction

pytestmark = pytest.mark.e2e

GERMAN = "de"


def fields(embed: dict[str, Any]) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed["fields"]}


def labels(message: dict[str, Any]) -> list[str]:
    return [c["label"] for row in message.get("components", []) for c in row["components"]]


def heading(p: Harness, message_id: int) -> str:
    message = p.fake.find_message(message_id)
    assert message is not None
    return str(message["embeds"][0]["description"].split("\n")[0])


def german_record_posts(p: Harness) -> list[dict[str, Any]]:
    return [m for m in p.fake.messages_in(p.meets_id) if "🏁 Neuer Clubrekord" in m["content"]]


async def check_in(p: Harness, message_id: int, meet_id: int, user: int, locale: str) -> str:
    press: Interaction = await p.fake.press(
        message_id, f"paddock:att:{meet_id}:here", user, locale=locale
    )
    await press.wait_response(5)
    assert press.ephemeral
    return press.content or ""


async def test_counter_record_and_summary_in_a_german_server(paddock: Harness) -> None:
    p = paddock
    done = await p.run(p.owner_id, "config language", {"language": "de"}, locale=GERMAN)
    assert (done.content or "").startswith("Öffentliche Beiträge in diesem Server sind jetzt")

    imported = await p.run(
        p.organiser_id,
        "records import",
        {"count": 3, "date": "2023-08-26", "label": "1M Meet 2023"},
        locale=GERMAN,
    )
    assert imported.content == (
        "3 Autos bei 1M Meet 2023 (26. Aug. 2023) importiert. "
        "Der Rekord für den ganzen Server liegt bei 3 (1M Meet 2023, 26. Aug. 2023)."
    )
    wrong = await p.run(
        p.organiser_id,
        "records import",
        {"count": 3, "date": "2023-02-30", "label": "Winter"},
        locale=GERMAN,
    )
    assert wrong.content == (
        "`datum`: 2023-02-30 gibt es nicht. Schreib JJJJ-MM-TT, z. B. `2023-08-26`."
    )

    meet_id = await create_meet(p)
    started = await p.run(
        p.organiser_id,
        "attendance start",
        {"meet": str(meet_id), "channel": p.meets_id},
        locale=GERMAN,
    )
    followup = await started.wait_followup(1, 5)
    assert followup["content"].startswith(f"Der Zähler für 1M Meet 2027 läuft in <#{p.meets_id}>")
    counter = counter_message(p, meet_id)
    embed = counter["embeds"][0]
    assert embed["title"] == "Live-Anwesenheit · 1M Meet 2027"
    assert embed["description"] == "# 0 Autos"
    shown = fields(embed)
    assert shown["Zu schlagender Rekord"] == "3 (1M Meet 2023, 26. Aug. 2023)"
    assert shown["Fortschritt"] == "▱▱▱▱▱▱▱▱▱▱ 0 / 3 Rekord"
    assert shown["Zuletzt angekommen"].startswith("Noch niemand da.")
    assert embed["footer"]["text"] == "0 eingecheckt · Teamzählung 0"
    assert labels(counter) == ["Ich bin da", "+1", "+5", "−1"]

    members = await p.add_members(4)
    message_id = int(counter["id"])
    assert await check_in(p, message_id, meet_id, members[0], GERMAN) == (
        "Du bist eingecheckt: Auto 1. Stand jetzt: 1 Auto."
    )
    # A member whose client is English reads their own answer in English.
    assert await check_in(p, message_id, meet_id, members[1], "en-US") == (
        "You're checked in: car 2. 2 cars here now."
    )
    again = await p.fake.press(message_id, f"paddock:att:{meet_id}:here", members[1], locale=GERMAN)
    await again.wait_response(5)
    assert again.content == (
        "Du bist schon eingecheckt (Auto 2). Fährst du? Dann check dich unten aus."
    )
    assert again.original is not None and labels(again.original) == ["Auschecken"]
    await check_in(p, message_id, meet_id, members[2], GERMAN)
    await check_in(p, message_id, meet_id, members[3], GERMAN)
    await p.fake.wait_until(lambda: len(german_record_posts(p)) == 1, 10, "the record post")
    assert german_record_posts(p)[0]["content"] == (
        "🏁 Neuer Clubrekord: 4 Autos bei 1M Meet 2027. "
        "Bisheriger Rekord: 3 (1M Meet 2023, 26. Aug. 2023)."
    )
    await p.fake.wait_until(lambda: heading(p, message_id) == "# 4 Autos", 10, "4 Autos")
    live = p.fake.find_message(message_id)
    assert live is not None
    assert "🏁 **Neuer Rekord!**" in live["embeds"][0]["description"]
    assert "eingecheckt: Auto 4" in fields(live["embeds"][0])["Zuletzt angekommen"]

    status = await p.run(members[0], "attendance status", {"meet": str(meet_id)}, locale=GERMAN)
    assert status.ephemeral
    assert fields(status.embeds[0])["Bisheriger Rekord"] == "3 (1M Meet 2023, 26. Aug. 2023)"
    assert fields(status.embeds[0])["Höchststand heute"] == "4"

    refused = await p.run(
        p.organiser_id,
        "attendance adjust",
        {"meet": str(meet_id), "cars": 0, "reason": "test"},
        locale=GERMAN,
    )
    assert refused.content == (
        "`autos`: eine Änderung von -100.000 bis 100.000, aber nicht 0; z. B. `3` oder `-2`."
    )

    stopped = await p.run(p.organiser_id, "attendance stop", {"meet": str(meet_id)}, locale="en-US")
    summary = stopped.followups[0]["content"]
    # The summary is the channel's: German, though the organiser's client is English.
    assert summary == (
        "Endstand: 4 Autos. Neuer Clubrekord, +1 gegenüber dem bisherigen Rekord von 3 "
        "bei 1M Meet 2023."
    )
    await p.fake.wait_until(
        lambda: "Endstand" in german_record_posts(p)[0]["content"], 10, "final record post"
    )

    # /records show is posted for the channel: the server's language, with its chart.
    shown_records = await p.run(members[0], "records show", locale="en-US")
    [history] = shown_records.followups[0]["embeds"]
    assert history["title"] == "Anwesenheitsrekorde · der ganze Server"
    assert fields(history)["Clubrekord"].startswith("4 (1M Meet 2027")
    assert "(live gezählt)" in history["description"]
    assert "(importiert)" in history["description"]
    nothing = await p.run(members[0], "records show", {"series": "Winter"}, locale=GERMAN)
    assert nothing.content is not None and nothing.content.startswith(
        "Noch kein Anwesenheitsverlauf für Winter."
    )


async def test_a_live_counter_follows_a_language_change_at_its_next_update(
    paddock: Harness,
) -> None:
    p = paddock
    meet_id = await create_meet(p)
    started = await p.run(
        p.organiser_id, "attendance start", {"meet": str(meet_id), "channel": p.meets_id}
    )
    await started.wait_followup(1, 5)
    counter = counter_message(p, meet_id)
    assert counter["embeds"][0]["description"] == "# 0 cars"
    await p.run(p.owner_id, "config language", {"language": "de"})
    members = await p.add_members(1)
    await check_in(p, int(counter["id"]), meet_id, members[0], "en-US")
    await p.fake.wait_until(
        lambda: heading(p, int(counter["id"])) == "# 1 Auto", 10, "the counter in German"
    )
    german = p.fake.find_message(int(counter["id"]))
    assert german is not None
    assert german["embeds"][0]["title"] == "Live-Anwesenheit · 1M Meet 2027"
    assert labels(german)[0] == "Ich bin da"
    assert "Zu schlagender Rekord" in fields(german["embeds"][0])


async def test_the_garage_and_register_for_a_german_member(paddock: Harness) -> None:
    p = paddock
    alice = p.member_ids[0]
    added = await p.run(
        alice,
        "garage add",
        {"model": "bmw-1m-e82", "colour": "Alpinweiß", "year": 2011},
        locale=GERMAN,
    )
    assert added.ephemeral
    assert added.content == "BMW 1M Coupé in Alpine White steht jetzt in deiner Garage."

    kombi = await p.run(
        alice, "garage add", {"model": "M3 Kombi", "colour": "Saphirschwarz"}, locale=GERMAN
    )
    assert (kombi.content or "").startswith("BMW M3 Touring"), kombi.content

    bad_vin = await p.run(
        alice, "garage add", {"model": "bmw-1m-e82", "colour": "Rot", "vin": "WBS12"}, locale=GERMAN
    )
    assert bad_vin.content == (
        "Eine FIN hat 17 Zeichen; diese hat 5. Schreib sie aus dem Fahrzeugschein "
        "oder von der Windschutzscheibe ab."
    )
    year = await p.run(
        alice, "garage add", {"model": "bmw-1m-e82", "colour": "Rot", "year": 1990}, locale=GERMAN
    )
    assert year.content is not None and "passt nicht dazu" in year.content

    mine = await p.run(alice, "garage show", locale=GERMAN)
    assert mine.ephemeral
    [card] = mine.embeds
    assert card["title"].startswith("Garage von ")
    one_m = next(f for f in card["fields"] if f["name"].startswith("BMW 1M Coupé"))
    assert one_m["value"].split("\n") == [
        "Alpine White · 2011",
        "nicht verifiziert",
        "Daten: `/daten modell:BMW 1M Coupé`",
    ]
    assert card["footer"]["text"] == "2 von 10 Autos · 0 verifiziert"

    # Posted for the channel in a server still speaking English: English.
    public = await p.run(alice, "garage show", {"public": True}, locale=GERMAN)
    assert not public.ephemeral
    assert public.embeds[0]["title"].endswith("'s garage")

    await p.run(p.owner_id, "config language", {"language": "de"})
    register = await p.run(alice, "register overview", locale="en-US")
    [overview] = (register.followups[0] if register.followups else {"embeds": register.embeds})[
        "embeds"
    ]
    assert overview["title"] == "Clubregister · die ganze Garage"
    assert overview["description"].startswith(
        "**2** Autos von Mitgliedern, 1 Besitzer, 0 verifiziert, 2 nicht verifiziert"
    )
    assert {f["name"] for f in overview["fields"]} >= {"Nach Modell", "Nach Farbe", "Nach Baujahr"}
    colours = await p.run(alice, "register colours", {"model": "bmw-1m-e82"}, locale="en-US")
    assert colours.embeds[0]["title"] == "BMW 1M Coupé · die Autos des Clubs nach Werksfarbe"
    assert "**1** × Alpine White" in colours.embeds[0]["description"]

    missing = await p.run(alice, "garage remove", {"car": "nonsense"}, locale=GERMAN)
    assert missing.content == "Wähl das Auto beim Tippen aus der Liste."
