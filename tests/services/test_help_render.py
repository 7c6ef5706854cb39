"""/help's overview stays inside Discord's embed limits however many commands there are:
25 fields and 6000 characters an embed, 1024 a field; nothing is dropped on the way."""

from __future__ import annotations

import discord

from bot.render.help import HelpEntry, Option, detail_embed, overview_embeds


def entry(n: int, section: str = "meets", audience: str = "everyone") -> HelpEntry:
    name = f"cmd{n:03d} sub"
    return HelpEntry(
        qualified_name=name,
        shown=f"/{name}",
        mention=f"</{name}:{10**18 + n}>",
        description=f"Does thing number {n}, " + "carefully " * 8 + ".",
        audience=audience,  # type: ignore[arg-type]
        section=section,  # type: ignore[arg-type]
        options=(),
    )


def assert_within_limits(embed: discord.Embed) -> None:
    assert len(embed.fields) <= 25
    assert len(embed) <= 6000
    for field in embed.fields:
        assert field.value is not None and 1 <= len(field.value) <= 1024
        assert field.name is not None and len(field.name) <= 256


def test_many_commands_spread_over_fields_and_embeds_without_losing_one() -> None:
    sections = ["meets", "counter", "garage", "specs", "setup", "other"]
    entries = [
        entry(n, sections[n % 6], ["everyone", "organisers"][(n // 6) % 2]) for n in range(300)
    ]
    embeds = overview_embeds(entries, "Intro.", "en")
    assert len(embeds) > 1, "300 commands don't fit one embed's 6000 characters"
    for embed in embeds:
        assert_within_limits(embed)
    text = "\n".join(f.value or "" for e in embeds for f in e.fields)
    for one in entries:
        assert text.count(f"{one.mention} · ") == 1
    names = [f.name for e in embeds for f in e.fields]
    assert "Meets (continued)" in names and "Meets: for organisers (continued)" in names
    assert embeds[0].title == "Paddock: what it does"


def test_a_command_with_many_long_options_keeps_them_all() -> None:
    options = tuple(Option(f"option{n}", "x" * 100, n < 3) for n in range(25))
    one = HelpEntry("big", "/big", "</big:1>", "A big one.", "organisers", "meets", options)
    embed = detail_embed(one, "de")
    assert_within_limits(embed)
    text = "\n".join(f.value or "" for f in embed.fields)
    assert all(f"`option{n}`" in text for n in range(25))
    assert "`option0` (Pflicht) · " in text and "`option3` · " in text
    assert "Nur Organisatoren" in (embed.description or "")
