"""Finding an organisation entered twice, across scripts and legal forms."""

from __future__ import annotations

from rapidfuzz import fuzz

from jumelage.engines.text import search_tokens

_LEGAL_FORMS = [
    "ооо",
    "оао",
    "зао",
    "пао",
    "ао",
    "нко",
    "ано",
    "фгбун",
    "фгбу",
    "фгбоу",
    "фгаоу",
    "фгуп",
    "гуп",
    "муп",
    "ип",
    "во",
    "нии",
    "ooo",
    "oao",
    "zao",
    "pao",
    "ao",
    "llc",
    "ltd",
    "limited",
    "plc",
    "inc",
    "corp",
    "corporation",
    "co",
    "company",
    "jsc",
    "cjsc",
    "ojsc",
    "pjsc",
    "sas",
    "sasu",
    "sa",
    "sarl",
    "eurl",
    "sca",
    "sci",
    "snc",
    "scop",
    "gie",
    "eig",
    "ag",
    "gmbh",
    "mbh",
    "kg",
    "bv",
    "nv",
    "spa",
    "srl",
    "oy",
    "ab",
    "as",
    "asa",
]
LEGAL_FORM_TOKENS = frozenset(token for form in _LEGAL_FORMS for token in search_tokens(form))


def name_fingerprint(name: str) -> str:
    """A key equal for names that differ only by script, case, accents or legal form.

    "ООО «Ромашка»" and "Romashka LLC" share one; so do "Université Côte d'Azur" and
    "UNIVERSITE COTE D AZUR".
    """
    tokens = [t for t in search_tokens(name) if t not in LEGAL_FORM_TOKENS and len(t) > 1]
    return " ".join(sorted(set(tokens)))


def name_similarity(first: str, second: str) -> float:
    """Similarity in [0, 1] of two names' fingerprints (token order ignored)."""
    a, b = name_fingerprint(first), name_fingerprint(second)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return fuzz.token_sort_ratio(a, b) / 100.0


DUPLICATE_THRESHOLD = 0.9
