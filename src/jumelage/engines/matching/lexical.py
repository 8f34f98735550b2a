"""BM25 over organisation documents of one language, updatable one document at a time.

The bulk of the documents sits in a bm25s index (fast, vectorised scoring). Documents added,
changed or removed since it was built form a small delta that is scored in Python with the
same statistics; the bm25s index is rebuilt lazily once the delta outgrows a few percent of
the collection. Collection statistics (document frequencies, lengths) are kept exactly, so a
rebuild changes nothing but speed.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import bm25s
import numpy as np

K1 = 1.5
B = 0.75


class LexicalSegment:
    """BM25 scoring of the documents of one language, keyed by organisation id."""

    def __init__(self, lang: str):
        self.lang = lang
        self.docs: dict[str, Counter[str]] = {}
        self.df: Counter[str] = Counter()
        self.total_length = 0
        self._main: bm25s.BM25 | None = None
        self._main_ids: list[str] = []
        self._dirty: set[str] = set()

    def __len__(self) -> int:
        return len(self.docs)

    @property
    def average_length(self) -> float:
        """Mean document length in terms (1 for an empty segment)."""
        return self.total_length / len(self.docs) if self.docs else 1.0

    def idf(self, term: str) -> float:
        """Return the BM25 (Lucene) inverse document frequency of `term`."""
        df = self.df.get(term, 0)
        return math.log(1 + (len(self.docs) - df + 0.5) / (df + 0.5))

    def set(self, doc_id: str, terms: Counter[str]) -> None:
        """Add or replace the document `doc_id`; an empty document removes it."""
        self.remove(doc_id)
        if not terms:
            return
        self.docs[doc_id] = terms
        self.df.update(terms.keys())
        self.total_length += sum(terms.values())
        self._dirty.add(doc_id)

    def remove(self, doc_id: str) -> None:
        """Remove the document `doc_id` (nothing happens when it is absent)."""
        old = self.docs.pop(doc_id, None)
        if old is None:
            return
        self.df.subtract(old.keys())
        for term in old:
            if self.df[term] <= 0:
                del self.df[term]
        self.total_length -= sum(old.values())
        self._dirty.add(doc_id)

    def needs_rebuild(self) -> bool:
        """True when the delta is large enough that a bm25s rebuild pays off."""
        return len(self._dirty) > max(200, len(self.docs) // 50)

    def rebuild(self) -> None:
        """Rebuild the bm25s index over all documents and empty the delta."""
        self._main_ids = sorted(self.docs)
        if not self._main_ids:
            self._main = None
        else:
            corpus = [list(self.docs[doc_id].elements()) for doc_id in self._main_ids]
            main = bm25s.BM25(k1=K1, b=B, method="lucene")
            main.index(corpus, show_progress=False)
            self._main = main
        self._dirty = set()

    def scores(self, terms: list[str], limit: int) -> dict[str, float]:
        """Return the BM25 scores of the `limit` best documents for the query `terms`."""
        if self.needs_rebuild():
            self.rebuild()
        query = [term for term in dict.fromkeys(terms) if term in self.df]
        if not query:
            return {}
        best: dict[str, float] = {}
        if self._main is not None:
            vocabulary = self._main.vocab_dict
            known = [term for term in query if term in vocabulary]
            if known:
                main_scores = self._main.get_scores(known)
                count = min(limit, len(main_scores))
                top = np.argpartition(-main_scores, count - 1)[:count]
                for row in top:
                    score = float(main_scores[row])
                    doc_id = self._main_ids[row]
                    if score > 0 and doc_id not in self._dirty:
                        best[doc_id] = score
        for doc_id in self._dirty:
            doc = self.docs.get(doc_id)
            if doc is not None:
                score = self.score_document(query, doc)
                if score > 0:
                    best[doc_id] = score
        if len(best) > limit:
            best = dict(sorted(best.items(), key=lambda item: -item[1])[:limit])
        return best

    def score_document(self, terms: list[str], doc: Counter[str]) -> float:
        """Return the BM25 score of one document for the query `terms` (unique terms)."""
        length_norm = K1 * (1 - B + B * sum(doc.values()) / self.average_length)
        score = 0.0
        for term in terms:
            tf = doc.get(term, 0)
            if tf:
                score += self.idf(term) * tf / (tf + length_norm)
        return score

    def reference_score(self, terms: list[str]) -> float:
        """The score of an average-length document holding each query term once: a scale
        that makes scores comparable between candidates without depending on the best one."""
        return sum(self.idf(term) for term in dict.fromkeys(terms) if term in self.df)

    def save(self, directory: Path) -> None:
        """Write the bm25s index (after a rebuild if the delta is not empty) to `directory`."""
        if self._dirty:
            self.rebuild()
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "ids.json").write_text(json.dumps(self._main_ids), encoding="utf-8")
        if self._main is not None:
            self._main.save(str(directory / "bm25s"), show_progress=False)

    def load_main(self, directory: Path) -> None:
        """Load a bm25s index written by `save`; the documents must already be set."""
        ids = json.loads((directory / "ids.json").read_text(encoding="utf-8"))
        if sorted(self.docs) != ids:
            self.rebuild()
            return
        self._main_ids = ids
        self._main = (
            bm25s.BM25.load(str(directory / "bm25s"), show_progress=False)
            if (directory / "bm25s").exists()
            else None
        )
        self._dirty = set()
