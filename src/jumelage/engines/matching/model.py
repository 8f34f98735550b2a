"""Plain data the matching engine takes in and gives out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ORGANISATION_KINDS = (
    "company", "startup", "sme", "large_company", "cluster", "technopark", "university",
    "research_lab", "public_agency", "investor", "association", "other",
)  # fmt: skip
DIRECTIONS = ("offer", "request", "cooperation")


@dataclass
class Organisation:
    """An organisation of the directory (INTERFACES §1); `descriptions` maps language → text."""

    id: str
    name: str
    country: str = ""
    region: str = ""
    kind: str = ""
    aliases: tuple[str, ...] = ()
    city: str = ""
    sectors: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    descriptions: dict[str, str] = field(default_factory=dict)


@dataclass
class Project:
    """A past joint project (INTERFACES §2); its text describes the work of its participants."""

    id: str
    title: str = ""
    summary: str = ""
    lang: str | None = None
    year: int | None = None
    participants: tuple[str, ...] = ()


@dataclass
class Profile:
    """A cooperation profile published by an organisation: an offer, a request, or a call for
    R&D cooperation, with the kinds of partner it seeks."""

    id: str
    org: str
    direction: str
    title: str = ""
    text: str = ""
    lang: str | None = None
    partner_kinds: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass
class Filters:
    """Hard restrictions on candidates; an empty tuple means no restriction.

    `region` entries match as prefixes, so "FRL" admits every NUTS region of PACA.
    """

    country: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()


@dataclass
class Query:
    """What a partner is sought for (INTERFACES §3).

    `partners` are on the seeking side and never recommended; `direction` is what the seeker
    publishes ("request" by default: a partner search asks for something), so organisations
    with a matching profile of the opposite direction are complementary; `partner_kinds`
    are preferred (not required) kinds of partner; `activities` are NACE codes of interest.
    `seeker` is the organisation the search is made for, when it is one of `partners`: its
    ties count like any partner's, but being near it is no reason to be its partner (the
    platform looks for partners across borders), so only the other partners' places do.
    """

    text: str
    id: str = ""
    lang: str | None = None
    partners: tuple[str, ...] = ()
    filters: Filters = field(default_factory=Filters)
    exclude: tuple[str, ...] = ()
    direction: str = "request"
    partner_kinds: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    seeker: str = ""


@dataclass
class Reason:
    """Why a candidate was recommended: a stable `code` with `params` (for translation by the
    application) and an English `text`. `kind` is "topic", "network" or "complement"."""

    kind: str
    code: str
    params: dict[str, Any]
    text: str

    def to_dict(self) -> dict[str, Any]:
        """Return the reason as a JSON-ready dict."""
        return asdict(self)


@dataclass
class Result:
    """One recommended organisation, its score (comparable within one query) and reasons.

    `profile` names the candidate's profile that answers the query, when one does.
    """

    org: str
    score: float
    reasons: list[Reason] = field(default_factory=list)
    profile: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the result as a JSON-ready dict (the output format of INTERFACES §3)."""
        data: dict[str, Any] = {
            "org": self.org,
            "score": self.score,
            "reasons": [reason.to_dict() for reason in self.reasons],
        }
        if self.profile is not None:
            data["profile"] = self.profile
        return data
