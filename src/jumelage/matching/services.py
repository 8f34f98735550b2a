"""Recommending partners from the matching index, and recording what users think of them.

The web pages, the API, the events' "whom to meet" and the `recommend` command all go
through the same index and the engine's `recommend`; this module adds what the application
knows: organisations as database rows, reasons in the reader's language, anonymity of
profiles, and feedback.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jumelage.core.errors import DomainError, PermissionDenied
from jumelage.directory.models import Organisation
from jumelage.engines import matching as engine
from jumelage.matching import index as lifecycle
from jumelage.matching.models import Feedback
from jumelage.matching.reasons import translate_reason
from jumelage.opportunities.models import CooperationProfile

LANGS = ("fr", "en", "ru")


class IndexNotReady(DomainError):
    """There is no matching index yet; one is being built."""


@dataclass(frozen=True)
class ShownReason:
    """A reason as shown to a reader: its kind, its code and the sentence in their language."""

    kind: str
    code: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "code": self.code, "text": self.text}


@dataclass
class Recommendation:
    """One recommended organisation with its score (comparable within one query)."""

    organisation_id: int
    score: float
    reasons: list[ShownReason] = field(default_factory=list)
    profile_id: int | None = None
    organisation: Organisation | None = None
    rank: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "organisation_id": self.organisation_id,
            "score": self.score,
            "reasons": [reason.to_dict() for reason in self.reasons],
        }


def _lang(lang: str | None) -> str:
    lang = (lang or get_language() or "en")[:2]
    return lang if lang in LANGS else "en"


def ensure_index() -> engine.MatchingIndex:
    """The current index; when there is none, a build is enqueued (immediate by default,
    in which case the index is returned) and IndexNotReady raised otherwise."""
    index = lifecycle.current_index()
    if index is not None:
        return index
    from jumelage.matching.tasks import rebuild_index_task

    rebuild_index_task.enqueue()
    index = lifecycle.current_index()
    if index is None:
        raise IndexNotReady(_("Recommendations are being prepared; come back in a few minutes."))
    return index


def make_filters(filters: Mapping[str, Any] | engine.Filters | None) -> engine.Filters:
    """Engine filters from {"country": [...], "region": [...], "kind": [...]} (strings or
    lists; empty values do not filter)."""
    if isinstance(filters, engine.Filters):
        return filters
    filters = filters or {}

    def values(key: str) -> tuple[str, ...]:
        value = filters.get(key) or ()
        if isinstance(value, str):
            value = [value]
        return tuple(v.strip() for v in value if v and v.strip())

    return engine.Filters(
        country=tuple(v.upper() for v in values("country")),
        region=values("region"),
        kind=values("kind"),
    )


def _identity_visible_orgs(viewer: Any) -> set[int]:
    if viewer is None or not getattr(viewer, "is_authenticated", False):
        return set()
    from jumelage.opportunities import rules

    owned = set(rules.owned_organisations(viewer).values_list("pk", flat=True))
    reviewed = set(rules.reviewed_organisations(viewer).values_list("pk", flat=True))
    return owned | reviewed


def _shape(results: list[engine.Result], *, lang: str, viewer: Any = None) -> list[Recommendation]:
    """Turn engine results into recommendations of database organisations, with reasons in
    `lang`. Results whose organisation is gone are dropped; reasons naming a profile that
    is no longer live and public are dropped too."""
    organisations = lifecycle.organisations_by_ref(result.org for result in results)
    profile_ids = {
        int(result.profile.split(":", 1)[1])
        for result in results
        if result.profile and result.profile.startswith("profile:")
    }
    for result in results:
        for reason in result.reasons:
            ref = reason.params.get("profile")
            if isinstance(ref, str) and ref.startswith("profile:"):
                profile_ids.add(int(ref.split(":", 1)[1]))
    live = set(
        lifecycle.indexable_profiles().filter(pk__in=profile_ids).values_list("pk", flat=True)
    )
    identity = _identity_visible_orgs(viewer)
    shaped: list[Recommendation] = []
    with translation.override(lang):
        for result in results:
            organisation = organisations.get(result.org)
            if organisation is None or organisation.archived:
                continue
            reasons = []
            for reason in result.reasons:
                ref = reason.params.get("profile")
                if (
                    isinstance(ref, str)
                    and ref.startswith("profile:")
                    and int(ref.split(":", 1)[1]) not in live
                ):
                    continue
                text = translate_reason(
                    reason.code,
                    reason.params,
                    reason.text,
                    show_profile_title=organisation.pk in identity,
                )
                reasons.append(ShownReason(kind=reason.kind, code=reason.code, text=text))
            profile_id = None
            if result.profile and result.profile.startswith("profile:"):
                candidate = int(result.profile.split(":", 1)[1])
                profile_id = candidate if candidate in live else None
            shaped.append(
                Recommendation(
                    organisation_id=organisation.pk,
                    score=result.score,
                    reasons=reasons,
                    profile_id=profile_id,
                    organisation=organisation,
                    rank=len(shaped) + 1,
                )
            )
    return shaped


def _refs(pks: Iterable[int]) -> tuple[str, ...]:
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return ()
    return tuple(lifecycle.organisation_ref(org) for org in Organisation.objects.filter(pk__in=pks))


def organisation_text(organisation: Organisation) -> str:
    return "\n".join([*organisation.descriptions.values(), *organisation.keywords]).strip()


def recommend_organisations(
    *,
    organisation: Organisation | None = None,
    text: str | None = None,
    lang: str | None = None,
    filters: Mapping[str, Any] | engine.Filters | None = None,
    exclude: Iterable[int] = (),
    top: int = 10,
    text_lang: str | None = None,
    viewer: Any = None,
) -> list[Recommendation]:
    """Partners for an organisation, a free-text need, or both (the text, sought on behalf
    of the organisation), best first.

    `lang` is the language of the reasons (default: the active one); `text_lang` the
    language of `text` (detected when absent); `filters` restrict candidates by country,
    region and kind; `exclude` are organisation ids never returned (nor is `organisation`).
    Raises IndexNotReady while the first index is being built.
    """
    if organisation is None and not (text and text.strip()):
        raise DomainError(_("Describe the partner you seek."), field="text")
    lang = _lang(lang)
    index = ensure_index()
    engine_filters = make_filters(filters)
    excluded = _refs(exclude)
    top = max(1, min(int(top), 100))
    if organisation is not None and not text:
        ref = lifecycle.organisation_ref(organisation)
        if ref in index.organisations:
            results = index.recommend_for_org(
                ref, top=top, lang=lang, filters=engine_filters, exclude=excluded
            )
            return _shape(results, lang=lang, viewer=viewer)
        text = organisation_text(organisation) or organisation.name
    seeker = lifecycle.organisation_ref(organisation) if organisation is not None else ""
    query = engine.Query(
        text=text or "",
        lang=text_lang if text_lang in LANGS else None,
        partners=(seeker,) if seeker else (),
        filters=engine_filters,
        exclude=excluded,
        seeker=seeker,
    )
    return _shape(index.recommend(query, top=top, lang=lang), lang=lang, viewer=viewer)


def recommend_for_profile(
    *,
    profile: CooperationProfile,
    lang: str | None = None,
    top: int = 10,
    filters: Mapping[str, Any] | engine.Filters | None = None,
    viewer: Any = None,
) -> list[Recommendation]:
    """Partners answering a profile (an offer for a request, and the reverse), drafts and
    private profiles included: the profile is read here, never put in the index.

    The profile's organisation is never recommended; its past partners count (and are
    named in reasons) only for a `viewer` who may see who published the profile.
    """
    lang = _lang(lang)
    index = ensure_index()
    owner = lifecycle.organisation_ref(profile.organisation)
    # The owner's cooperation network would name it in the reasons ("worked with …"): only
    # those who may know who published the profile get recommendations through it.
    knows_owner = profile.organisation_id in _identity_visible_orgs(viewer)
    query = engine.Query(
        id=lifecycle.profile_ref(profile.pk),
        text="\n".join([profile.title, lifecycle.profile_query_text(profile), *profile.keywords]),
        lang=profile.language,
        partners=(owner,) if knows_owner else (),
        seeker=owner,
        exclude=() if knows_owner else (owner,),
        filters=make_filters(filters),
        direction=profile.direction,
        partner_kinds=tuple(profile.partner_kinds),
        activities=tuple(profile.activities.values_list("code", flat=True)),
    )
    results = [
        result
        for result in index.recommend(query, top=top + 1, lang=lang)
        if result.profile != query.id
    ][:top]
    return _shape(results, lang=lang, viewer=viewer)


@transaction.atomic
def record_feedback(
    *,
    user: Any,
    result: Organisation,
    relevant: bool,
    query: str = "",
    query_lang: str = "",
    filters: Mapping[str, Any] | None = None,
    subject_organisation: Organisation | None = None,
    subject_profile: CooperationProfile | None = None,
    rank: int = 0,
    score: float = 0.0,
    reasons: list[dict[str, str]] | None = None,
) -> Feedback:
    """Keep a user's verdict on one recommendation, for later evaluation of the matcher."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Log in to give feedback."))
    if subject_profile is not None:
        subject = Feedback.Subject.PROFILE
    elif subject_organisation is not None and not query:
        subject = Feedback.Subject.ORGANISATION
    else:
        subject = Feedback.Subject.TEXT
    return Feedback.objects.create(
        user=user,
        subject=subject,
        query=query[:4000],
        query_lang=query_lang[:8],
        filters=dict(filters or {}),
        subject_organisation=subject_organisation,
        subject_profile=subject_profile,
        result=result,
        rank=max(0, min(rank, 1000)),
        score=score,
        reasons=reasons or [],
        relevant=relevant,
    )
