"""How typed text is compared with names: the one normaliser every search uses.

/specs, the garage's and register's model pickers, a member's own cars and
/config timezone all fold what was typed and what is searched the same way, so
"megane", "Mégane" and "MÉGANE" are one word in each of them, in any script:

- case is folded (casefold: "ß" is "ss"), and so is width: fullwidth "ＧＴ" is "gt",
  halfwidth ｶﾀｶﾅ is カタカナ (NFKD);
- accents are dropped from Latin, Greek and Cyrillic letters ("é" is "e") and a few
  letters that carry their accent inside ("ø", "æ", "ł") are spelt plainly; the marks
  other scripts need are kept (Japanese "ガ" stays "ガ", not "カ"; Devanagari vowels);
- letters and digits of every script stay: "ハチロク", "東京", "Москва"; a run of
  Chinese, Japanese or Korean is its own word next to Latin ("丰田86" is "丰田 86"),
  since those scripts write no spaces;
- each emoji is a word of its own ("🏁Track" is "🏁 track"), without the skin tones,
  joiners and variation selectors that keyboards add or leave out; a flag stays one word;
- anything else (punctuation, symbols, mentions' "<@&>") separates words. A dot
  inside a word stays ("991.2"), at its ends it goes.

German writers may spell an umlaut as "ue": `spellings` gives both forms of a name,
so a name is indexed under each and found by either.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

# Combining marks that Latin, Greek and Cyrillic letters decompose into (accents,
# cedillas, the keycap of 1️⃣). Other scripts' marks (kana voicing, Indic vowels) stay.
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# What emoji keyboards add or leave out: joiners, variation selectors, skin tones, tags.
_EMOJI_EXTRAS = re.compile("[\u200c\u200d\ufe00-\ufe0f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")
# Latin letters with no decomposition, spelt the way their writers type them on a plain keyboard.
_PLAIN = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_REGIONAL = range(0x1F1E6, 0x1F200)  # flag letters: two make one flag


def fold(text: str) -> str:
    """'1er M Coupé' -> '1er m coupe'; 'GR-Yaris' -> 'gr yaris'; '🏁 Track-Car' -> '🏁 track car'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_PLAIN))
    cleaned = _EMOJI_EXTRAS.sub("", _ACCENTS.sub("", decomposed))
    # Composed again, so Hangul syllables and voiced kana compare as typed.
    composed = unicodedata.normalize("NFC", cleaned)
    if composed.isascii():
        return _ascii_words(composed)
    return " ".join(_words(composed))


_ASCII_NON_WORD = re.compile(r"[^a-z0-9.]+")


def _ascii_words(text: str) -> str:
    """The common case, kept a regular expression: most of what members type is ASCII."""
    words = (w.strip(".") for w in _ASCII_NON_WORD.sub(" ", text).split())
    return " ".join(w for w in words if w)


def _words(text: str) -> list[str]:
    words: list[str] = []
    current: list[str] = []
    current_wide = False

    def end_word() -> None:
        word = "".join(current).strip(".")
        if word:
            words.append(word)
        current.clear()

    for char in text:
        if current and unicodedata.category(char)[0] == "M":
            current.append(char)  # a vowel sign or other mark belongs to its letter
        elif char.isalnum() or char == ".":
            if char.isdecimal():
                char = str(unicodedata.decimal(char))  # "٢٠١١" is 2011
            wide = _wide(char)
            if current and wide != current_wide and char != ".":
                end_word()
            current.append(char)
            current_wide = wide
        elif _is_emoji(char):
            end_word()
            if ord(char) in _REGIONAL and words and _is_open_flag(words[-1]):
                words[-1] += char
            else:
                words.append(char)
        else:
            end_word()
    end_word()
    return words


def _wide(char: str) -> bool:
    """Chinese, Japanese and Korean letters: scripts written without spaces."""
    return unicodedata.east_asian_width(char) == "W"


def _is_emoji(char: str) -> bool:
    # Symbols above Latin-1 (the emoji blocks, dingbats, arrows); "©" and "°" separate words.
    return ord(char) >= 0x2000 and unicodedata.category(char) in ("So", "Sk")


def _is_open_flag(word: str) -> bool:
    return len(word) == 1 and ord(word) in _REGIONAL


def spellings(text: str) -> set[str]:
    """`text` folded, and folded with its umlauts written out ('München': munchen, muenchen)."""
    forms = {fold(text)}
    expanded = text.translate(_UMLAUTS)
    if expanded != text:
        forms.add(fold(expanded))
    return forms


def contains(text: str, query: str) -> bool:
    """Whether folded `query` occurs in folded `text`; an empty query is in everything."""
    q = fold(query)
    return not q or any(q in form for form in spellings(text))


def starting_with(ordered: list[str], prefix: str) -> range:
    """Indexes of the entries of a sorted list that start with `prefix`."""
    lo = bisect.bisect_left(ordered, prefix)
    hi = lo
    while hi < len(ordered) and ordered[hi].startswith(prefix):
        hi += 1
    return range(lo, hi)
