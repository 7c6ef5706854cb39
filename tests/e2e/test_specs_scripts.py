"""Club entries named in Japanese or with an emoji, found as a member types them, in an
English and a German client: /specs autocomplete and card, the garage's model picker."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import make_harness
from tests.e2e.harness import Harness
from tests.e2e.test_specs import CLUB_ENTRY
from tests.fakediscord import FakeDiscord

pytestmark = pytest.mark.e2e


def club_entry(car_id: str, model: str, variant: str, alias: str) -> str:
    return (
        CLUB_ENTRY.replace('id = "club-1m-ring-taxi"', f'id = "{car_id}"')
        .replace('make = "BMW"', 'make = "Toyota"')
        .replace('model = "1M Coupé"', f'model = "{model}"')
        .replace('variant = "Ring Taxi"', f'variant = "{variant}"')
        .replace('aliases = ["ring taxi", "club 1m"]', f'aliases = ["{alias}"]')
    )


async def choices(
    paddock: Harness, command: str, options: dict[str, str], focused: str, locale: str
) -> list[dict[str, str]]:
    record = await paddock.fake.autocomplete(
        paddock.guild_id,
        paddock.general_id,
        paddock.member_ids[0],
        command,
        options=options,
        focused=focused,
        locale=locale,
    )
    await record.wait_response()
    assert record.choices is not None
    return record.choices


async def test_club_entries_in_japanese_and_with_an_emoji(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    club = tmp_path / "club-cars"
    club.mkdir()
    (club / "hachiroku.toml").write_text(
        club_entry("club-hachiroku", "ハチロク", "Trueno", "ae86 club")
    )
    (club / "track.toml").write_text(club_entry("club-track", "🏁 Track car", "Cup", "track car"))
    paddock = make_harness(fake, tmp_path)
    paddock.catalogue_extra = club
    await paddock.start()
    try:
        for locale, marker in (("en-US", "club entry"), ("de", "Club-Eintrag")):
            listed = await choices(paddock, "specs", {"model": "ハチロク"}, "model", locale)
            # Only the matching entry: before, the first 25 cars of the default list.
            assert listed == [
                {
                    "name": f"Toyota ハチロク Trueno (E82, 2012) · {marker}",
                    "value": "club-hachiroku",
                }
            ]
            listed = await choices(paddock, "specs", {"model": "🏁"}, "model", locale)
            assert [c["value"] for c in listed] == ["club-track"]
            assert listed[0]["name"] == f"Toyota 🏁 Track car Cup (E82, 2012) · {marker}"
            assert await choices(paddock, "specs", {"model": "🚜"}, "model", locale) == []

        # Typed without picking, the card is the club entry's.
        card = await paddock.run(paddock.member_ids[0], "specs", {"model": "ハチロク"})
        assert card.embeds[0]["title"] == "Toyota ハチロク Trueno (E82, 2012)"
        await paddock.run(paddock.owner_id, "config language", {"language": "de"})
        card = await paddock.run(paddock.member_ids[0], "specs", {"model": "🏁 track"}, locale="de")
        assert card.embeds[0]["title"] == "Toyota 🏁 Track car Cup (E82, 2012)"
        assert card.embeds[0]["description"].startswith("**Club-Eintrag**")

        # The garage's model picker searches the same way.
        listed = await choices(paddock, "garage add", {"model": "ハチ"}, "model", "de")
        assert listed[0]["value"] == "club-hachiroku"
        assert paddock.fake.late_answers == []
    finally:
        await paddock.stop()
