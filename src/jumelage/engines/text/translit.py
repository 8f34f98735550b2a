"""Russian↔Latin transliteration and script-independent search keys.

`to_latin` writes Cyrillic in the Latin alphabet the way Russian passports do (ICAO 2013,
the system most organisations use for their English names). `search_key` goes further and
folds the spellings that different transliteration systems, and French or German habits,
give to one name, so that "Томский", "Tomskiy", "Tomskij" and "Tomsk" share a key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u",
}  # fmt: skip

# Applied in order to lower-case ASCII: each rule merges the spellings that transliteration
# systems (ICAO, BGN/PCGN, GOST 7.79, scientific) and French/German usage give to one sound.
_FOLDS = [
    (re.compile(r"shch|sch|chtch|sc"), "sh"),
    (re.compile(r"tsch|tch"), "ch"),
    (re.compile(r"(?<=[aeiouy])j(?![aeiou])"), "i"),
    (re.compile(r"zh|dzh|dj|j"), "zh"),
    (re.compile(r"kh|ch(?=[^aeiou])"), "h"),
    (re.compile(r"ts|tz|cz|c(?=[ei])"), "ts"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"q(u)?"), "k"),
    (re.compile(r"c"), "k"),
    (re.compile(r"y|ie(?=[aeiou])"), "i"),
    (re.compile(r"(.)\1+"), r"\1"),
]
_WORD = re.compile(r"[a-z0-9]+")
_TRAILING_VOWELS = re.compile(r"[aeiou]+$")


def to_latin(text: str) -> str:
    """Return `text` with Cyrillic letters transliterated (ICAO 2013), case preserved."""
    out = []
    for char in text:
        lower = char.lower()
        latin = _CYRILLIC_TO_LATIN.get(lower)
        if latin is None:
            out.append(char)
        elif char != lower and latin:
            out.append(latin[0].upper() + latin[1:])
        else:
            out.append(latin)
    return "".join(out)


def ascii_fold(text: str) -> str:
    """Lower-case `text`, transliterate Cyrillic and drop diacritics ("Côte" → "cote")."""
    latin = to_latin(text.lower())
    decomposed = unicodedata.normalize("NFKD", latin)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """Fold one ASCII word to its script- and system-independent form.

    Trailing vowels are dropped (keeping at least four letters) so that Russian adjective
    endings and French/English word endings meet: "tomskii", "tomskaia" and "tomsk" all
    give "tomsk"; "universite" and "university" give "universit".
    """
    for pattern, replacement in _FOLDS:
        word = pattern.sub(replacement, word)
    stripped = _TRAILING_VOWELS.sub("", word)
    return stripped if len(stripped) >= 4 else word


def search_tokens(text: str) -> list[str]:
    """Split `text` into folded search tokens, in order, duplicates kept."""
    return [fold_word(word) for word in _WORD.findall(ascii_fold(text))]


def search_key(*texts: str) -> str:
    """Return one space-delimited key for all `texts`, with a space at both ends.

    A query token `t` (from `search_tokens`) matches a key when `" " + t` occurs in it, so
    a query word matches the start of any word of any name, whatever the script.
    """
    seen: dict[str, None] = {}
    for text in texts:
        for token in search_tokens(text or ""):
            seen.setdefault(token, None)
    return " " + " ".join(seen) + " " if seen else ""
