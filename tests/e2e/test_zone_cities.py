"""/config timezone by a city's name in the member's language, end to end, from an English
and a German client: the suggestions, and a name typed without picking one."""

from __future__ import annotations

import pytest

from tests.e2e.harness import Harness

pytestmark = pytest.mark.e2e


async def choices(p: Harness, typed: str, locale: str) -> list[dict[str, str]]:
    record = await p.fake.autocomplete(
        p.guild_id,
        p.general_id,
        p.owner_id,
        "config timezone",
        {"zone": typed},
        focused="zone",
        locale=locale,
    )
    await record.wait_response(5)
    assert record.choices is not None
    return record.choices


async def test_a_zone_is_found_by_its_citys_name_in_another_language(paddock: Harness) -> None:
    p = paddock
    for locale in ("en-US", "de"):
        assert await choices(p, "東京", locale) == [
            {"name": "東京: Asia/Tokyo", "value": "Asia/Tokyo"}
        ]
        assert (await choices(p, "Lissab", locale))[0] == {
            "name": "Lissabon: Europe/Lisbon",
            "value": "Europe/Lisbon",
        }
        assert (await choices(p, "münch", locale))[0]["value"] == "Europe/Berlin"

    # Typed without picking a suggestion, the name is stored as its zone, and said so.
    done = await p.run(p.owner_id, "config timezone", {"zone": "Wien"})
    assert done.ephemeral
    assert done.content == "Time zone set to Europe/Vienna (for Wien)."
    fields = {f["name"]: f["value"] for f in done.embeds[0]["fields"]}
    assert fields["Time zone"] == "Europe/Vienna"
    done = await p.run(p.owner_id, "config timezone", {"zone": "東京"}, locale="de")
    assert done.content == "Zeitzone auf Asia/Tokyo gesetzt (für 東京)."
    done = await p.run(p.owner_id, "config timezone", {"zone": "muenchen"}, locale="de")
    assert done.content == "Zeitzone auf Europe/Berlin gesetzt (für München)."
    shown = await p.run(p.member_ids[0], "config show", locale="de")
    fields = {f["name"]: f["value"] for f in shown.embeds[0]["fields"]}
    assert fields["Zeitzone"] == "Europe/Berlin"
    assert p.fake.late_answers == []
