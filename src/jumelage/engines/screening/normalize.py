"""Name clean-up shared by the index and the queries: tokens, legal forms, countries, ids."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from .translit import has_cyrillic, skeleton, transliterate

# Marks inside a word that transliteration systems use for the hard and soft signs and to
# split letters ("Pod”yachev", "T·etcher" in BGN/PCGN, "Podʺi͡achev" in ALA-LC with its
# ligature ties): removed, so that they do not cut the word in two.
_APOSTROPHES = re.compile(r"[’'`ʹʺ‘´ʼ”“·\u035c-\u0362]")
_NON_WORD = re.compile(r"[^\w]+")
_PARENTHESES = re.compile(r"\(([^()]*)\)")

# Legal forms and similar status words, in Russian (Cyrillic and Latin), English and French.
# They say what kind of body a party is, not which one, so they are ignored when names are
# compared (their presence is reported in the explanation).
LEGAL_FORMS: tuple[str, ...] = (
    # Russian abbreviations
    "ООО", "OOO", "АО", "AO", "ПАО", "PAO", "ЗАО", "ZAO", "ОАО", "OAO", "НАО", "NAO",
    "ФГУП", "FGUP", "ГУП", "GUP", "МУП", "MUP", "ФГБУН", "FGBUN", "ФГБУ", "FGBU", "ФГАУ",
    "FGAU", "ФГБОУ", "FGBOU", "ФГАОУ", "FGAOU", "ФГКУ", "FGKU", "ФГУ", "FGU", "ГБУ", "GBU",
    "АНО", "ANO", "НКО", "NKO", "ИП", "ФГБОУ ВО", "ФГАОУ ВО", "ФГБОУ ВПО", "ФГАОУ ВПО",
    "FGBOU VO", "FGAOU VO", "FGBOU VPO", "FGAOU VPO",
    # Russian words
    "общество с ограниченной ответственностью", "акционерное общество",
    "публичное акционерное общество", "закрытое акционерное общество",
    "открытое акционерное общество", "непубличное акционерное общество",
    "федеральное государственное унитарное предприятие",
    "федеральное государственное бюджетное учреждение науки",
    "федеральное государственное бюджетное учреждение",
    "федеральное государственное автономное учреждение",
    "федеральное государственное бюджетное образовательное учреждение высшего образования",
    "федеральное государственное автономное образовательное учреждение высшего образования",
    "федеральное государственное бюджетное образовательное учреждение высшего профессионального образования",
    "федеральное государственное образовательное учреждение высшего профессионального образования",
    "государственное унитарное предприятие", "акционерная компания",
    # English
    "LLC", "L.L.C.", "LTD", "Limited", "JSC", "PJSC", "CJSC", "OJSC", "FSUE", "FSBI", "FSBEI",
    "FSAEI", "FGUP", "Inc", "Incorporated", "Corp", "PLC", "LLP", "LP", "Co",
    "limited liability company", "limited liability partnership", "joint stock company",
    "joint-stock company", "public joint stock company", "closed joint stock company",
    "open joint stock company", "non-public joint stock company", "stock company",
    "public company", "private company", "company limited",
    "federal state unitary enterprise", "federal state budgetary institution of science",
    "federal state budgetary scientific institution", "federal state budgetary institution",
    "federal state autonomous institution", "federal state institution",
    "federal state budgetary educational institution of higher education",
    "federal state autonomous educational institution of higher education",
    "federal state budgetary educational institution of higher professional education",
    "federal state autonomous educational institution of higher professional education",
    "federal state institution of higher vocational education",
    "federal state educational institution of higher professional education",
    "federal state budgetary educational institution",
    "federal state autonomous educational institution", "state unitary enterprise",

    # French, German and others met in the lists
    "SA", "SAS", "SASU", "SARL", "EURL", "SNC", "SCA", "SCS", "SE", "GIE", "EPIC", "EPST",
    "société anonyme", "société par actions simplifiée", "société à responsabilité limitée",
    "société en nom collectif", "GmbH", "AG", "KG", "BV", "NV", "SpA", "Srl", "SL", "AB", "AS",
    "Aktiengesellschaft", "Gesellschaft mit beschränkter Haftung", "Kommanditgesellschaft",
    "GmbH & Co KG", "Società per azioni", "Società a responsabilità limitata",
    "Sociedad Anónima", "Sociedad Limitada", "Besloten Vennootschap", "Naamloze Vennootschap",
    "OY", "Oyj", "FZE", "FZCO", "FZ-LLC", "DMCC", "Pte", "Pvt", "Bhd", "Sdn",
)  # fmt: skip

# Phrases naming the Russian Academy of Sciences and its branches: they follow the names of
# many institutes and are dropped as freely as a legal form.
ACADEMY_QUALIFIERS: tuple[str, ...] = (
    "RAS", "РАН", "RAN", "SB RAS", "СО РАН", "FEB RAS", "ДВО РАН", "UB RAS", "УрО РАН",
    "Russian Academy of Sciences", "of the Russian Academy of Sciences",
    "Российской академии наук", "Российская академия наук",
    "Siberian Branch of the Russian Academy of Sciences",
    "Сибирского отделения Российской академии наук",
    "Far Eastern Branch of the Russian Academy of Sciences",
    "Дальневосточного отделения Российской академии наук",
)  # fmt: skip

# Words that carry no identity in organisation names.
STOPWORDS: frozenset[str] = frozenset(
    {
        "of", "the", "and", "for", "in", "on", "at", "by", "de", "la", "le", "les", "du",
        "des", "d", "l", "et", "en", "und", "der", "die", "das", "fur", "im", "named", "after",
        "imeni", "и", "имени", "им", "по", "для", "в", "на", "&",
    }
)  # fmt: skip


def clean_text(text: str) -> str:
    """Unicode-normalised text with apostrophes removed and whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).replace("\u00a0", " ")
    text = _APOSTROPHES.sub("", text)
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    """Lower-case words of a name in their own script (punctuation splits words)."""
    return [token for token in _NON_WORD.sub(" ", clean_text(text).casefold()).split() if token]


@lru_cache(maxsize=200_000)
def fold_token(token: str) -> str:
    """A word in plain ASCII-like Latin: Cyrillic by ICAO 2013, accents dropped."""
    if has_cyrillic(token):
        token = transliterate(token, "icao")
    decomposed = unicodedata.normalize("NFKD", token)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def plain(text: str) -> str:
    """A name as one comparable string: folded words joined by single spaces."""
    return " ".join(fold_token(token) for token in tokens(text))


def parenthesised(name: str) -> list[str]:
    """The parts of a name written in parentheses (``"IT Park (Kazan)"`` → ``["Kazan"]``)."""
    return [part.strip() for part in _PARENTHESES.findall(name) if part.strip()]


def split_parentheses(name: str) -> list[str]:
    """A listed name and the names written in its parentheses, as separate names.

    ``"Moscow Aviation Institute (МАИ)"`` → ``["Moscow Aviation Institute (МАИ)",
    "Moscow Aviation Institute", "МАИ"]``.
    """
    inner = parenthesised(name)
    if not inner:
        return [name]
    outer = " ".join(_PARENTHESES.sub(" ", name).split())
    return [name, *([outer] if outer else []), *inner]


def _phrase_keys(phrases: tuple[str, ...]) -> list[tuple[str, ...]]:
    keys = {tuple(skeleton(token) for token in tokens(phrase)) for phrase in phrases}
    return sorted((key for key in keys if key), key=len, reverse=True)


def _by_first_key(phrases: list[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        table.setdefault(phrase[0], []).append(phrase)
    return table


_LEGAL_KEYS = _by_first_key(_phrase_keys(LEGAL_FORMS))
_QUALIFIER_KEYS = _by_first_key(_phrase_keys(ACADEMY_QUALIFIERS))
_STOP_KEYS = frozenset(skeleton(word) for word in STOPWORDS)


@dataclass(frozen=True)
class NameParts:
    """A name cut into its words, with the words that were set aside and why."""

    words: tuple[str, ...]
    keys: tuple[str, ...]
    legal_forms: tuple[str, ...]
    qualifiers: tuple[str, ...]


# A legal form misspelt ("Limited Liability Compnay", "Joint Stcok Company") is still a legal
# form: a word of at least this many letters may differ from the phrase's word by one edit.
_FUZZY_PHRASE_WORD = 5
# A legal form of one word must be longer to be recognised despite a typo ("Limitd", not "Cp").
_FUZZY_PHRASE_ALONE = 7


def _deletions(key: str) -> set[str]:
    return {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}


def _near_index(phrases: dict[str, list[tuple[str, ...]]]) -> dict[str, set[str]]:
    """Phrase first words of `_FUZZY_PHRASE_WORD`+ letters, by each of their deletions."""
    table: dict[str, set[str]] = {}
    for first in phrases:
        if len(first) >= _FUZZY_PHRASE_WORD:
            for variant in _deletions(first):
                table.setdefault(variant, set()).add(first)
    return table


_LEGAL_NEAR = _near_index(_LEGAL_KEYS)
_QUALIFIER_NEAR = _near_index(_QUALIFIER_KEYS)


def _close(key: str, phrase_key: str) -> bool:
    """One edit apart (a swap counts as one), both long enough to tell."""
    return (
        min(len(key), len(phrase_key)) >= _FUZZY_PHRASE_WORD
        and abs(len(key) - len(phrase_key)) <= 1
        and OSA.distance(key, phrase_key, score_cutoff=1) <= 1
    )


def _phrase_at(
    keys: list[str],
    index: int,
    phrases: dict[str, list[tuple[str, ...]]],
    near: dict[str, set[str]],
) -> int:
    """Length of the phrase starting at `index` (0: none); at most one word misspelt."""
    best = 0
    for phrase in phrases.get(keys[index], ()):
        if tuple(keys[index : index + len(phrase)]) == phrase:
            best = len(phrase)
            break
    firsts = set()
    if keys[index] in phrases:
        firsts.add(keys[index])
    if len(keys[index]) >= _FUZZY_PHRASE_WORD - 1:
        for variant in _deletions(keys[index]):
            firsts |= near.get(variant, set())
    for first in firsts:
        for phrase in phrases[first]:
            end = index + len(phrase)
            if end > len(keys) or len(phrase) <= best:
                continue
            if len(phrase) == 1 and (
                len(phrase[0]) < _FUZZY_PHRASE_ALONE or index == 0 or end != len(keys)
            ):
                # A misspelt one-word form only where legal forms stand: after the name.
                continue
            typos = 0
            for key, phrase_key in zip(keys[index:end], phrase, strict=True):
                if key != phrase_key:
                    typos += 1
                    if typos > 1 or not _close(key, phrase_key):
                        break
            else:
                best = len(phrase)
    return best


def _strip_phrases(
    words: list[str],
    keys: list[str],
    phrases: dict[str, list[tuple[str, ...]]],
    near: dict[str, set[str]],
) -> tuple[list[str], list[str], list[str]]:
    removed: list[str] = []
    kept_words: list[str] = []
    kept_keys: list[str] = []
    index = 0
    while index < len(keys):
        size = _phrase_at(keys, index, phrases, near)
        if size:
            removed.append(" ".join(words[index : index + size]))
            index += size
        else:
            kept_words.append(words[index])
            kept_keys.append(keys[index])
            index += 1
    return kept_words, kept_keys, removed


def _join_letters(words: list[str]) -> list[str]:
    """Runs of single letters joined into one word ("S R L" → "srl", "A O" → "ao")."""
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1:
            run.append(word)
            continue
        if len(run) >= 2:
            joined.append("".join(run))
        else:
            joined.extend(run)
        run = []
        if word:
            joined.append(word)
    return joined


@lru_cache(maxsize=100_000)
def name_parts(name: str, organisation: bool, mode: str = "default") -> NameParts:
    """Words and keys of a name (Latin read in `mode`), legal forms and stop words removed for
    organisations.

    Nothing is removed if that would leave no word (a company called "Limited" stays).
    """
    words = tokens(name)
    if not organisation:
        return NameParts(tuple(words), tuple(skeleton(word, mode) for word in words), (), ())
    words = _join_letters(words)
    # Legal forms, qualifiers and stop words are recognised in the default reading, whatever
    # the mode ("JSC" is not "Zsc" read as French).
    keys = [skeleton(word) for word in words]
    kept_words, kept_keys, legal = _strip_phrases(words, keys, _LEGAL_KEYS, _LEGAL_NEAR)
    kept_words, kept_keys, qualifiers = _strip_phrases(
        kept_words, kept_keys, _QUALIFIER_KEYS, _QUALIFIER_NEAR
    )
    kept = [w for w, k in zip(kept_words, kept_keys, strict=True) if k not in _STOP_KEYS]
    if not kept:
        kept, legal, qualifiers = words, [], []
    return NameParts(
        tuple(kept), tuple(skeleton(w, mode) for w in kept), tuple(legal), tuple(qualifiers)
    )


def is_stopword(word: str) -> bool:
    """Whether a word carries no identity in an organisation name (of, the, и, de …)."""
    return word.casefold() in STOPWORDS


def initialism(words: tuple[str, ...]) -> str | None:
    """The acronym made of the first letters of the words (in their script), if ≥ 3 words.

    Hyphenated parts count as words, so ``Московский физико-технический институт`` gives
    ``мфти`` and ``Moscow Institute of Physics and Technology`` (stop words removed) ``mipt``.
    """
    if len(words) < 3:
        return None
    return "".join(word[0] for word in words)


# --- identifiers -------------------------------------------------------------------------

_ID_SCHEMES = {
    "inn": "inn", "tax id": "inn", "taxid": "inn", "tax id no": "inn", "tax_id": "inn",
    "inncode": "inn", "fiscalcode": "inn", "ogrn": "ogrn", "ogrncode": "ogrn",
    "registration number": "registration", "regnumber": "registration",
    "registrationnumber": "registration", "imo": "imo", "imonumber": "imo", "imo number": "imo",
    "vessel registration identification": "imo", "lei": "lei", "leicode": "lei",
    "swift": "swift", "swiftbic": "swift", "swift/bic": "swift", "bic": "swift", "kpp": "kpp",
    "kppcode": "kpp", "okpo": "okpo", "okpocode": "okpo", "passport": "passport",
    "passportnumber": "passport", "mmsi": "mmsi", "siren": "siren", "pic": "pic",
}  # fmt: skip


def identifier_scheme(label: str) -> str:
    """The engine's scheme name for an identifier label (``Tax ID No.`` → ``inn``)."""
    key = " ".join(re.sub(r"[^\w/ ]", " ", label.casefold()).split())
    return _ID_SCHEMES.get(key, _ID_SCHEMES.get(key.replace(" ", ""), key or "id"))


def identifier_value(value: str) -> str:
    """An identifier reduced to its letters and digits, upper-case (for comparison)."""
    value = re.sub(r"^(imo|inn|ogrn)\s*", "", value.strip(), flags=re.IGNORECASE)
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


# --- dates -------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"\b(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\b")
_DMY_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_TEXT_DATE = re.compile(r"\b(?:(\d{1,2})\s+)?([A-Za-z]{3,9})\.?\s+(\d{4})\b")


def parse_dates(text: str) -> list[str]:
    """Every date written in `text`, as ISO strings (``1960-06-29``, ``1958-03``, ``1965``).

    Understands ``1960-06-29``, ``29.6.1960``, ``29 Jun 1960``, ``Jun 1960``, ``circa 1957``
    and ``1957 to 1959`` (each year given).
    """
    found: list[str] = []
    rest = text
    for match in _DMY_DATE.finditer(text):
        day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append(f"{year}-{month:02d}-{day:02d}")
    rest = _DMY_DATE.sub(" ", rest)
    for match in _TEXT_DATE.finditer(rest):
        month_number = _MONTHS.get(match.group(2).casefold())
        if month_number is None:
            continue
        if match.group(1):
            found.append(f"{match.group(3)}-{month_number:02d}-{int(match.group(1)):02d}")
        else:
            found.append(f"{match.group(3)}-{month_number:02d}")
        rest = rest.replace(match.group(0), " ")
    for match in _ISO_DATE.finditer(rest):
        year = int(match.group(1))
        if not 1800 <= year <= 2100:
            continue
        parts = [match.group(1)]
        if match.group(2):
            parts.append(f"{int(match.group(2)):02d}")
            if match.group(3):
                parts.append(f"{int(match.group(3)):02d}")
        found.append("-".join(parts))
    return list(dict.fromkeys(found))
