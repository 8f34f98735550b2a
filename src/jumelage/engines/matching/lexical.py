"""BM25 over organisation documents of one language, updatable one document at a time.

The bulk of the documents sits in a compiled term-document matrix stored by term (for each
term, the rows of the documents holding it and their saturated term frequencies), so that a
query is scored with a few array operations over the postings of its terms. Documents added,
changed or removed since the compilation form a small delta, scored in Python with the same
formula; the matrix is recompiled lazily once the delta outgrows a few percent of the
collection. Inverse document frequencies always come from the current collection; length
normalisation uses the mean document length of the last compilation for every document
(main and delta alike), so a recompilation only moves scores by the drift of that mean.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import numpy as np

K1 = 1.5
B = 0.75
_FORMAT = "jumelage-lexical-segment"
_VERSION = 1


class LexicalSegment:
    """BM25 scoring of the documents of one language, keyed by organisation id."""

    def __init__(self, lang: str):
        self.lang = lang
        self.docs: dict[str, Counter[str]] = {}
        self.df: Counter[str] = Counter()
        self.total_length = 0
        self._dirty: set[str] = set()
        # The compiled matrix: rows are documents (ids in `_ids`), columns terms.
        self._ids: list[str] = []
        self._rows: dict[str, int] = {}
        self._columns: dict[str, int] = {}
        self._indptr = np.zeros(1, dtype=np.int64)
        self._postings = np.zeros(0, dtype=np.int32)
        self._weights = np.zeros(0, dtype=np.float32)
        self._stale = np.zeros(0, dtype=bool)
        self._compiled_average = 1.0
        # For batches of queries (see `prepare_scoring`): rows as int64 and each posting's
        # weight times its term's inverse document frequency, valid until the next change.
        self._scoring: tuple[np.ndarray, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.docs)

    @property
    def average_length(self) -> float:
        """Mean document length in terms (1 for an empty segment)."""
        return self.total_length / len(self.docs) if self.docs else 1.0

    @property
    def ids(self) -> list[str]:
        """Document ids by row of the compiled matrix (compiled first if needed)."""
        self._ensure_compiled()
        return self._ids

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
        self._scoring = None
        self._mark_dirty(doc_id)

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
        self._scoring = None
        self._mark_dirty(doc_id)

    def _mark_dirty(self, doc_id: str) -> None:
        self._dirty.add(doc_id)
        row = self._rows.get(doc_id)
        if row is not None:
            self._stale[row] = True

    def needs_rebuild(self) -> bool:
        """True when the delta is large enough that a recompilation pays off."""
        return len(self._dirty) > max(200, len(self.docs) // 50)

    def _ensure_compiled(self) -> None:
        if self.needs_rebuild():
            self.rebuild()

    def rebuild(self) -> None:
        """Compile the term-document matrix over all documents and empty the delta."""
        ids = sorted(self.docs)
        columns: dict[str, int] = {}
        column_of = columns.setdefault
        term_columns: list[int] = []
        counts: list[int] = []
        lengths = np.zeros(len(ids))
        sizes = np.zeros(len(ids), dtype=np.int64)
        for row, doc_id in enumerate(ids):
            doc = self.docs[doc_id]
            term_columns.extend([column_of(term, len(columns)) for term in doc])
            counts.extend(doc.values())
            sizes[row] = len(doc)
            lengths[row] = sum(doc.values())
        average = float(lengths.mean()) if len(ids) else 1.0
        doc_rows = np.repeat(np.arange(len(ids), dtype=np.int32), sizes)
        tf = np.asarray(counts, dtype=np.float64)
        norms = K1 * (1 - B + B * lengths / average)
        weights = tf / (tf + norms[doc_rows]) if len(tf) else tf
        cols = np.asarray(term_columns, dtype=np.int64)
        order = np.argsort(cols, kind="stable")
        self._install(
            ids,
            columns,
            np.concatenate([[0], np.cumsum(np.bincount(cols, minlength=len(columns)))]),
            doc_rows[order],
            weights[order].astype(np.float32),
            average,
        )

    def _install(
        self,
        ids: list[str],
        columns: dict[str, int],
        indptr: np.ndarray,
        postings: np.ndarray,
        weights: np.ndarray,
        average: float,
    ) -> None:
        self._ids = ids
        self._rows = {doc_id: row for row, doc_id in enumerate(ids)}
        self._columns = columns
        self._indptr = indptr.astype(np.int64)
        self._postings = postings.astype(np.int32)
        self._weights = weights.astype(np.float32)
        self._stale = np.zeros(len(ids), dtype=bool)
        self._compiled_average = average
        self._dirty = set()
        self._scoring = None

    def _query_terms(self, terms: list[str]) -> list[str]:
        return [term for term in dict.fromkeys(terms) if term in self.df]

    def prepare_scoring(self) -> None:
        """Precompute each posting's term weight (saturated frequency times inverse document
        frequency, rounded as `main_scores` rounds it) for many queries in a row: they then
        add these arrays term by term instead of multiplying and converting the postings
        each time. Any change of the segment drops them."""
        self._ensure_compiled()
        if self._scoring is not None or not len(self._postings):
            return
        idf = np.zeros(len(self._columns), dtype=np.float32)
        for term, column in self._columns.items():
            idf[column] = self.idf(term)
        columns = np.repeat(np.arange(len(self._columns)), np.diff(self._indptr))
        products = (self._weights * idf[columns]).astype(np.float64)
        self._scoring = (self._postings.astype(np.int64), products)

    def main_scores(self, query: list[str]) -> np.ndarray:
        """BM25 scores of every compiled row for the unique known terms `query` (rows of
        documents changed since the compilation score 0)."""
        scores = np.zeros(len(self._ids))
        spans = [
            (self._indptr[column], self._indptr[column + 1], self.idf(term))
            for term in query
            if (column := self._columns.get(term)) is not None
        ]
        if not spans:
            return scores
        if self._scoring is not None:
            # Term by term, so that each row adds its terms in query order as below.
            rows, products = self._scoring
            for start, end, _ in spans:
                scores[rows[start:end]] += products[start:end]
        elif len(spans) == 1:
            start, end, idf = spans[0]
            scores[self._postings[start:end]] = idf * self._weights[start:end]
        else:
            rows = np.concatenate([self._postings[start:end] for start, end, _ in spans])
            weights = np.concatenate(
                [self._weights[start:end] * np.float32(idf) for start, end, idf in spans]
            )
            scores = np.bincount(rows, weights=weights, minlength=len(self._ids)).astype(
                np.float64, copy=False
            )
        if self._dirty:
            scores[self._stale] = 0.0
        return scores

    def top_rows(
        self, terms: list[str], limit: int
    ) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
        """The best documents for the query `terms` with their (positive) scores: up to
        `limit` rows of the compiled matrix (see `ids`), and the documents changed since the
        compilation, by id. Merge both and keep the `limit` best for the final answer."""
        self._ensure_compiled()
        query = self._query_terms(terms)
        rows, values = np.zeros(0, dtype=np.int64), np.zeros(0)
        if not query or limit <= 0:
            return rows, values, [], np.zeros(0)
        if self._ids:
            scores = self.main_scores(query)
            rows = np.flatnonzero(scores > 0)
            if len(rows) > limit:
                rows = rows[np.argpartition(-scores[rows], limit - 1)[:limit]]
            values = scores[rows]
        extra = [
            (doc_id, score)
            for doc_id in self._dirty
            if (doc := self.docs.get(doc_id)) is not None
            and (score := self.score_document(query, doc)) > 0
        ]
        return rows, values, [doc_id for doc_id, _ in extra], np.array([s for _, s in extra])

    def top(self, terms: list[str], limit: int) -> tuple[list[str], np.ndarray]:
        """The `limit` best documents for the query `terms` and their (positive) scores, in no
        particular order."""
        rows, values, extra_ids, extra_values = self.top_rows(terms, limit)
        ids = [self._ids[row] for row in rows.tolist()] + extra_ids
        merged = np.concatenate([values, extra_values])
        if len(merged) > limit:
            keep = np.argpartition(-merged, limit - 1)[:limit]
            ids = [ids[i] for i in keep.tolist()]
            merged = merged[keep]
        return ids, merged

    def scores(self, terms: list[str], limit: int) -> dict[str, float]:
        """Return the BM25 scores of the `limit` best documents for the query `terms`."""
        ids, values = self.top(terms, limit)
        return dict(zip(ids, values.tolist(), strict=True))

    def score_document(self, terms: list[str], doc: Counter[str]) -> float:
        """Return the BM25 score of one document for the query `terms` (unique terms)."""
        length_norm = K1 * (1 - B + B * sum(doc.values()) / self._compiled_average)
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
        """Write the compiled matrix (after a recompilation if the delta is not empty) to
        `directory`."""
        if self._dirty:
            self.rebuild()
        directory.mkdir(parents=True, exist_ok=True)
        header = {
            "format": _FORMAT,
            "version": _VERSION,
            "ids": self._ids,
            "terms": list(self._columns),
            "average": self._compiled_average,
        }
        (directory / "segment.json").write_text(json.dumps(header), encoding="utf-8")
        with open(directory / "matrix.npz", "wb") as out:
            np.savez(out, indptr=self._indptr, postings=self._postings, weights=self._weights)

    def load_main(self, directory: Path) -> None:
        """Load a matrix written by `save`; the documents must already be set. Recompiles
        when the saved matrix is missing or does not hold exactly these documents."""
        try:
            header = json.loads((directory / "segment.json").read_text(encoding="utf-8"))
            usable = (
                header.get("format") == _FORMAT
                and header.get("version") == _VERSION
                and header["ids"] == sorted(self.docs)
            )
            if usable:
                with np.load(directory / "matrix.npz") as arrays:
                    self._install(
                        header["ids"],
                        {term: column for column, term in enumerate(header["terms"])},
                        arrays["indptr"],
                        arrays["postings"],
                        arrays["weights"],
                        float(header["average"]),
                    )
                return
        except (OSError, ValueError, KeyError):
            pass
        self.rebuild()
