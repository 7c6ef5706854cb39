"""Discord markup in meet text as words, for calendar apps (bot/services/meets/mentions.py)."""

from __future__ import annotations

from bot.services.meets.mentions import Kind, readable


def _names(kind: Kind, ident: int) -> str | None:
    return {("member", 1): "Anna", ("channel", 3): "#treffen"}.get((kind, ident))


def test_known_names_unknown_words_emoji_commands_and_times() -> None:
    text = "<@1> <@!2> <@&4> <#3> <a:spin:55> </meet info:66> <t:1811487600:F> <@&>"
    assert readable(text, "en", _names) == (
        "@Anna @member @role #treffen :spin: /meet info 2027-05-28 07:00 UTC <@&>"
    )
    assert readable("<@2> <@&4> <#9>", "de") == "@Mitglied @Rolle #Kanal"
