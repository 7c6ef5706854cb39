"""A new club meeting Paddock outside meets (the qa3b pass): each test pins something that
read or behaved wrong before."""

from __future__ import annotations

import pytest

from tests.e2e.harness import Harness

pytestmark = pytest.mark.e2e


async def test_everyone_is_refused_as_the_organiser_role(paddock: Harness) -> None:
    """The role picker offers @everyone; taken, every member could cancel meets, verify
    cars and clear VINs, and the reply read "Organisers: @@everyone"."""
    p = paddock
    everyone = p.guild.id
    refused = await p.run(p.owner_id, "config organizer-role", {"role": everyone})
    assert refused.ephemeral
    assert "would let every member cancel meets" in (refused.content or ""), refused.content
    german = await p.run(p.owner_id, "config organizer-role", {"role": everyone}, locale="de")
    assert "könnte jedes Mitglied Treffen absagen" in (german.content or ""), german.content
    assert (await p.bot.services.settings.get(p.guild_id)).organizer_role_id is None
    # A member without Manage Server hears that first.
    member = await p.run(p.member_ids[0], "config organizer-role", {"role": everyone})
    assert "Only members with Manage Server" in (member.content or "")
    # The club's own organiser role is taken as before.
    taken = await p.run(p.owner_id, "config organizer-role", {"role": p.organiser_role_id})
    assert f"<@&{p.organiser_role_id}>" in (taken.content or "")
