"""Paint names typed in German match the catalogue's English ones.

BMW and most makers publish one English name per paint ("Alpine White"); German
members type the German brochure name ("Alpinweiß"), written as one word with the
colour last. A German name is read as prefix + colour word, each translated, and
compared with the catalogue's names ignoring case, spaces, hyphens and ß/ss.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# German colour words → English, longest first so "dunkelblau" is not read as "blau".
COLOUR_WORDS: dict[str, str] = {
    "schwarz": "black",
    "weiss": "white",
    "silber": "silver",
    "orange": "orange",
    "braun": "brown",
    "gelb": "yellow",
    "grau": "grey",
    "gruen": "green",
    "blau": "blue",
    "rot": "red",
}
# Prefixes whose English spelling differs (names of places stay as they are).
PREFIXES: dict[str, str] = {
    "alpin": "alpine",
    "saphir": "sapphire",
    "mineral": "mineral",
    "dunkel": "dark",
    "hell": "light",
    "silber": "silver",
    "perl": "pearl",
}
# Whole names whose word order differs between the languages.
WHOLE: dict[str, str] = {
    "saphirschwarz": "black sapphire",
    "schwarzsaphir": "black sapphire",
}


# What brochures add after a paint's name: its finish, and a generation number
# ("Alpinweiß III", "Saphirschwarz Metallic"); the catalogue names the paint alone.
_FINISH = re.compile(r"(?:\s+(?:metallic|uni|matt|iii|ii|iv|[1-9]))+\s*$", re.IGNORECASE)


def _bare(text: str) -> str:
    return _FINISH.sub("", text.strip()) or text


def _key(text: str) -> str:
    folded = text.casefold().replace("ß", "ss").replace("ü", "ue").replace("ä", "ae")
    folded = folded.replace("ö", "oe")
    return "".join(ch for ch in folded if ch.isalnum())


def english_key(text: str) -> str:
    """The comparison key of `text` read as a German paint name ('Alpinweiß' →
    'alpinewhite'); English text comes back as its own key."""
    key = _key(_bare(text))
    if key in WHOLE:
        return _key(WHOLE[key])
    for word in sorted(COLOUR_WORDS, key=len, reverse=True):
        if (key.endswith(word) and key != word) or key == word:
            prefix = key.removesuffix(word)
            return _key(PREFIXES.get(prefix, prefix) + COLOUR_WORDS[word])
    return key


def match_paint(text: str, names: Iterable[str]) -> str | None:
    """The catalogue's spelling of the paint `text` names, in English or German."""
    typed = {_key(text), _key(_bare(text)), english_key(text)}
    for name in names:
        if _key(name) in typed:
            return name
    return None


def paint_matches(query: str, name: str) -> bool:
    """For suggestions while typing: 'alpin' and 'Alpinweiß' both find 'Alpine White'."""
    key = _key(query)
    return key in _key(name) or english_key(query) in _key(name)
