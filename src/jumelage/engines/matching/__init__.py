"""Partner recommendation: lexical, cross-lingual concept, network and complementarity signals
fused into one explained score. Pure Python; the application builds the index from its data."""

from jumelage.engines.matching.files import QueryError, parse_query, read_queries, recommend_file
from jumelage.engines.matching.index import MatchingIndex, Weights, build_index
from jumelage.engines.matching.model import (
    DIRECTIONS,
    ORGANISATION_KINDS,
    Filters,
    Organisation,
    Profile,
    Project,
    Query,
    Reason,
    Result,
)
from jumelage.engines.matching.reasons import REASON_CODES, render

__all__ = [
    "DIRECTIONS",
    "ORGANISATION_KINDS",
    "REASON_CODES",
    "Filters",
    "MatchingIndex",
    "Organisation",
    "Profile",
    "Project",
    "Query",
    "QueryError",
    "Reason",
    "Result",
    "Weights",
    "build_index",
    "parse_query",
    "read_queries",
    "recommend_file",
    "render",
]
