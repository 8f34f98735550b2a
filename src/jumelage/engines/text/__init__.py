"""Text analysis shared by the engines: transliteration, folding, search keys."""

from jumelage.engines.text.translit import ascii_fold, search_key, search_tokens, to_latin

__all__ = ["ascii_fold", "search_key", "search_tokens", "to_latin"]
