"""Cyrillic transliteration systems and a transliteration-invariant name key.

Two tools live here:

* `transliterate(text, system)` writes Cyrillic text the way one real system would (passport
  ICAO 2013, BGN/PCGN, GOST 7.79-2000 System B, scholarly/ISO 9 with diacritics, French
  usage). It is used to produce the Latin forms a partner's name is likely to take, and to say
  in an explanation which system reproduces a spelling.
* `skeleton(token)` maps a word, in Cyrillic or in any of those Latin spellings, to one key in
  which the differences between the systems disappear (``Юрий``, ``Yuriy``, ``Iurii``,
  ``Jurij``, ``Iouri`` → ``uri``). Upper-case letters in a key stand for sound classes
  (``Z`` ж, ``H`` х, ``C`` ц/ч, ``S`` ш/щ). Latin letters that different systems read
  differently (``ch``, ``j``, ``x``) are resolved by a reading `mode`; `skeletons` returns the
  distinct keys over all readings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

SYSTEMS: dict[str, str] = {
    "icao": "passport (ICAO 2013)",
    "bgn": "BGN/PCGN",
    "gost_b": "GOST 7.79-B",
    "scientific": "scientific (ISO 9)",
    "french": "French usage",
}

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_VOWELS = set("аеёиоуыэюяієї")
_SIGNS = set("ъь")

_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "з": "z", "и": "i", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "і": "i", "ї": "i", "ґ": "g", "ў": "u",
}  # fmt: skip

_ICAO = _COMMON | {
    "е": "e", "ё": "e", "ж": "zh", "й": "i", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia", "є": "ie",
}  # fmt: skip

_BGN = _COMMON | {
    "е": "e", "ё": "e", "ж": "zh", "й": "y", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "є": "ye",
}  # fmt: skip

_GOST_B = _COMMON | {
    "е": "e", "ё": "yo", "ж": "zh", "й": "j", "х": "x", "ц": "cz", "ч": "ch", "ш": "sh",
    "щ": "shh", "ъ": "``", "ы": "y'", "ь": "`", "э": "e`", "ю": "yu", "я": "ya", "є": "ye",
}  # fmt: skip

_SCIENTIFIC = _COMMON | {
    "е": "e", "ё": "ë", "ж": "ž", "й": "j", "х": "ch", "ц": "c", "ч": "č", "ш": "š",
    "щ": "šč", "ъ": "ʺ", "ы": "y", "ь": "ʹ", "э": "è", "ю": "ju", "я": "ja", "є": "je",
}  # fmt: skip

_FRENCH = _COMMON | {
    "е": "e", "ё": "io", "ж": "j", "й": "ï", "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch",
    "щ": "chtch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iou", "я": "ia", "у": "ou",
    "є": "ie",
}  # fmt: skip


def has_cyrillic(text: str) -> bool:
    """Whether the text holds at least one Cyrillic letter."""
    return _CYRILLIC.search(text) is not None


def _match_case(source: str, target: str, next_char: str) -> str:
    if not target or not source.isupper():
        return target
    if len(target) > 1 and not next_char.isupper():
        return target[0].upper() + target[1:]
    return target.upper()


def _bgn_rule(lower: str, prev: str) -> str | None:
    # BGN/PCGN writes е/ё as "ye"/"yo" at the start of a word and after a vowel or a sign.
    if lower in "её" and (not prev or prev in _VOWELS or prev in _SIGNS or not prev.isalpha()):
        return "ye" if lower == "е" else "yo"
    if lower == "ё":
        return "yo" if prev and prev in "жчшщ" else "ye"
    return None


def _gost_b_rule(lower: str, nxt: str) -> str | None:
    # GOST 7.79-B writes ц as "c" before е, и, ы, й (where "c" cannot be misread) and "cz" elsewhere.
    if lower == "ц" and nxt in ("е", "и", "ы", "й", "і"):
        return "c"
    return None


def _french_rule(lower: str, prev: str, nxt: str) -> str | None:
    if lower == "г" and nxt in ("е", "и", "ы", "э", "ё", "ю", "я"):
        return "gu"
    if lower == "с" and prev in _VOWELS and nxt in _VOWELS:
        return "ss"
    if lower == "е" and (not prev or prev in _VOWELS):
        return "ie"
    return None


_TABLES: dict[str, dict[str, str]] = {
    "icao": _ICAO,
    "bgn": _BGN,
    "gost_b": _GOST_B,
    "scientific": _SCIENTIFIC,
    "french": _FRENCH,
}


def transliterate(text: str, system: str = "icao") -> str:
    """Write the Cyrillic letters of `text` in Latin script following `system`.

    `system` is one of the keys of `SYSTEMS`. Non-Cyrillic characters are kept as they are;
    case is kept (``ЩУКИН`` → ``SHCHUKIN``, ``Щукин`` → ``Shchukin``).
    """
    table = _TABLES.get(system)
    if table is None:
        raise ValueError(f"unknown transliteration system {system!r}; use one of {sorted(SYSTEMS)}")
    out: list[str] = []
    for index, char in enumerate(text):
        lower = char.lower()
        if lower not in table:
            out.append(char)
            continue
        prev = text[index - 1].lower() if index else ""
        nxt = text[index + 1].lower() if index + 1 < len(text) else ""
        special: str | None = None
        if system == "bgn":
            special = _bgn_rule(lower, prev)
        elif system == "gost_b":
            special = _gost_b_rule(lower, nxt)
        elif system == "french":
            special = _french_rule(lower, prev, nxt)
        latin = special if special is not None else table[lower]
        following = text[index + 1] if index + 1 < len(text) else ""
        out.append(_match_case(char, latin, following))
    return "".join(out)


def transliterations(text: str) -> dict[str, str]:
    """All system spellings of a Cyrillic text, keyed by system (empty for non-Cyrillic)."""
    if not has_cyrillic(text):
        return {}
    return {system: transliterate(text, system) for system in SYSTEMS}


# --- transliteration-invariant key -------------------------------------------------------

_CYR_KEY = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "Z",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "H", "ц": "C",
    "ч": "C", "ш": "S", "щ": "S", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u",
}  # fmt: skip

# Diacritic letters of scholarly transliteration, read before accents are dropped.
_DIACRITIC_KEY = {"č": "C", "š": "S", "ž": "Z", "ŝ": "S", "ĉ": "C", "ǆ": "dZ", "ë": "io"}

_LATIN_RULES: dict[str, dict[str, str]] = {
    "default": {
        "shch": "S", "shh": "S", "sch": "S", "tch": "C", "sh": "S", "zh": "Z", "kh": "H",
        "ch": "C", "cz": "C", "ts": "C", "tz": "C", "tc": "C", "ph": "f", "ck": "k",
        "x": "ks", "w": "v", "q": "k", "h": "H", "c": "C", "j": "i", "y": "i",
    },
    "french": {
        "chtch": "S", "shch": "S", "tch": "C", "sh": "S", "zh": "Z", "kh": "H", "ch": "S",
        "ts": "C", "tz": "C", "ph": "f", "ck": "k", "x": "ks", "w": "v", "q": "k",
        "h": "H", "c": "C", "j": "Z", "y": "i", "dj": "dZ", "cz": "C",
    },
    "gost_b": {
        "shch": "S", "shh": "S", "sch": "S", "tch": "C", "sh": "S", "zh": "Z", "kh": "H",
        "ch": "C", "cz": "C", "ts": "C", "tz": "C", "ph": "f", "ck": "k", "x": "H",
        "w": "v", "q": "k", "h": "H", "c": "C", "j": "i", "y": "i",
    },
    "scientific": {
        "shch": "S", "shh": "S", "sch": "S", "tch": "C", "sh": "S", "zh": "Z", "kh": "H",
        "ch": "H", "cz": "C", "ts": "C", "tz": "C", "ph": "f", "ck": "k", "x": "H",
        "w": "v", "q": "k", "h": "H", "c": "C", "j": "i", "y": "i",
    },
}  # fmt: skip

MODES = tuple(_LATIN_RULES)


def _compile(rules: dict[str, str]) -> Callable[[str], str]:
    pattern = re.compile("|".join(sorted(map(re.escape, rules), key=len, reverse=True)))

    def apply(text: str) -> str:
        return pattern.sub(lambda match: rules[match.group(0)], text)

    return apply


_APPLY = {mode: _compile(rules) for mode, rules in _LATIN_RULES.items()}
_GU = re.compile(r"gu(?=[eiy])")
# French spelling adds a mute final "e" (Raspoutine, Poutine): dropped when read as French.
_FRENCH_FINAL = re.compile(r"(?<=[nlr])e$")
_REPEAT = re.compile(r"(.)\1+")
_OU = _compile({"ou": "u", "SC": "S"})
_GLIDES = _compile({"ie": "e", "ia": "a", "iu": "u", "io": "e"})


def _fold(text: str) -> str:
    text = "".join(_DIACRITIC_KEY.get(char, char) for char in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# Letters that the reading modes read differently; a word without them has one key.
_MODE_SENSITIVE = re.compile(r"ch|j|x|shh|[nlr]e$")


@lru_cache(maxsize=200_000)
def skeleton(token: str, mode: str = "default") -> str:
    """The transliteration-invariant key of one lower-case word (see the module docstring)."""
    if mode != "default" and not _MODE_SENSITIVE.search(token):
        return skeleton(token)
    if has_cyrillic(token):
        latin = "".join(_CYR_KEY.get(char, char) for char in token)
        latin = _APPLY["default"](_fold(latin))
    else:
        latin = _fold(token)
        latin = _GU.sub("g", latin)
        if mode == "french":
            latin = _FRENCH_FINAL.sub("", latin)
        latin = _APPLY[mode](latin)
    latin = "".join(char for char in latin if char.isalnum())
    latin = _REPEAT.sub(r"\1", _OU(latin))
    latin = _GLIDES(latin)
    return _REPEAT.sub(r"\1", latin)


def skeletons(token: str) -> tuple[str, ...]:
    """The distinct keys of a word over every Latin reading mode (one for Cyrillic words)."""
    if has_cyrillic(token):
        return (skeleton(token),)
    keys = [skeleton(token, mode) for mode in MODES]
    return tuple(dict.fromkeys(keys))
