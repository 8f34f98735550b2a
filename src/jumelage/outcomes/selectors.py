"""Reading a plan's figures: the one function every number on a page, report or API comes from.

Definitions (shown on the dashboard):
- a plan's meetings are those of the events its actions are linked to;
- contacts: distinct pairs of organisations that interacted in the period, through a meeting
  request at one of the plan's events, an expression of interest sent by or to an organisation
  the plan accompanies, or a follow-up log entry naming a prospective partner;
- meetings requested: meeting requests sent in the period; meetings held: meetings checked in
  as held, dated by their slot (else the event's first day);
- agreements: cooperation agreements, licences and distribution deals; contracts; projects:
  joint R&D projects; SMEs created and jobs created or kept add up the numbers recorded;
- each outcome counts once: under its declaring organisation's region, its sector (else the
  organisation's first sector) and the earliest-dated action that claims it;
- sector and region filters keep meetings, requests, interests and contacts where either side
  matches, and outcomes whose own sector or region matches;
- objectives count their own sector and region, within the period.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import get_language

from jumelage.directory.models import Organisation, Region, Sector
from jumelage.events.models import Meeting
from jumelage.outcomes import records as funnel
from jumelage.outcomes.models import (
    Accompaniment,
    Action,
    FiguresSnapshot,
    FunnelRecord,
    Metric,
    Objective,
    Outcome,
    OutcomeVersion,
    Plan,
)
from jumelage.outcomes.records import data_version, plan_event_ids  # noqa: F401 (API)

FUNNEL_KEYS = (
    "contacts",
    "eois",
    "meetings_requested",
    "meetings_held",
    "agreements",
    "contracts",
    "projects",
    "smes_created",
    "jobs_created",
)
AGREEMENT_KINDS = {Outcome.Kind.AGREEMENT, Outcome.Kind.LICENCE, Outcome.Kind.DISTRIBUTION}
BREAKDOWN_KEYS = ("outcomes", "agreements", "contracts", "projects", "smes_created", "jobs_created")
NONE_KEY = "none"


@dataclass
class Figures:
    """A plan's figures for a period; `as_json()` is the shape of reports and the API."""

    plan: Plan
    date_from: date
    date_to: date
    sector: Sector | None
    region: Region | None
    data_version: int
    funnel: dict[str, int]
    by_sector: dict[str, dict[str, Any]]
    by_region: dict[str, dict[str, Any]]
    by_action: dict[str, dict[str, Any]]
    objectives: list[dict[str, Any]]
    by_month: list[tuple[str, int]] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=dict)
    amounts: dict[str, Decimal] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "plan": {"id": self.plan.pk, "name": self.plan.name},
            "period": {"from": self.date_from.isoformat(), "to": self.date_to.isoformat()},
            "funnel": dict(self.funnel),
            "by_sector": self.by_sector,
            "by_region": self.by_region,
            "by_action": self.by_action,
            "objectives": [
                {"name": o["name"], "target": o["target"], "actual": o["actual"]}
                for o in self.objectives
            ],
            "data_version": self.data_version,
        }


def _pk(value: Any) -> int | None:
    return getattr(value, "pk", value) if value not in (None, "") else None


def _org_matches(path: str, sector_id: int | None, region_id: int | None) -> Q:
    """Q for an organisation reached through `path` being in the sector and the region."""
    condition = Q()
    if region_id:
        condition &= Q(**{f"{path}__region_id": region_id})
    if sector_id:
        members = Organisation.sectors.through.objects.filter(sector_id=sector_id).values(
            "organisation_id"
        )
        condition &= Q(**{f"{path}_id__in": members})
    return condition


def _either(first: str, second: str, sector_id: int | None, region_id: int | None) -> Q:
    if not sector_id and not region_id:
        return Q()
    return _org_matches(first, sector_id, region_id) | _org_matches(second, sector_id, region_id)


def _day_range(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """The instants that bound the days from `date_from` to `date_to` in the current time zone."""
    start = timezone.make_aware(datetime.combine(date_from, time.min))
    end = timezone.make_aware(datetime.combine(date_to + timedelta(days=1), time.min))
    return start, end


def plan_meetings(plan: Plan, date_from: date, date_to: date) -> QuerySet[Meeting]:
    """The plan's meetings dated in the period: by their slot, else by the event's first day.

    Ranges on the stored columns rather than a computed day, so the database can use indexes.
    """
    start, end = _day_range(date_from, date_to)
    return (
        Meeting.objects.filter(event_id__in=plan_event_ids(plan))
        .filter(
            Q(slot__starts_at__gte=start, slot__starts_at__lt=end)
            | Q(slot__isnull=True, event__start_date__gte=date_from, event__start_date__lte=date_to)
        )
        .order_by()
    )


def plan_meetings_with_day(plan: Plan, date_from: date, date_to: date) -> QuerySet[Meeting]:
    """`plan_meetings` annotated with each meeting's `day`."""
    return plan_meetings(plan, date_from, date_to).annotate(
        day=Coalesce(TruncDate("slot__starts_at"), F("event__start_date"))
    )


def outcome_rows(plan: Plan, date_from: date, date_to: date, as_of: int | None = None):
    """Outcome snapshots in force at data version `as_of` (default: now), dated in the period."""
    rows = OutcomeVersion.objects.filter(plan=plan, date__gte=date_from, date__lte=date_to)
    if as_of is None:
        rows = rows.filter(valid_to__isnull=True)
    else:
        rows = rows.filter(valid_from__lte=as_of).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=as_of)
        )
    # Light rows (named tuples), not model instances: a large plan has thousands of them.
    return rows.order_by("date", "outcome_id").values_list(
        "outcome_id",
        "kind",
        "date",
        "organisation_id",
        "sector_id",
        "region_id",
        "action_id",
        "amount",
        "currency",
        "count",
        "confidence",
        named=True,
    )


def _empty_breakdown(label: str) -> dict[str, Any]:
    return {"label": label, **dict.fromkeys(BREAKDOWN_KEYS, 0)}


def _add(target: dict[str, Any], row: Any) -> None:
    target["outcomes"] += 1
    if row.kind in AGREEMENT_KINDS:
        target["agreements"] += 1
    elif row.kind == Outcome.Kind.CONTRACT:
        target["contracts"] += 1
    elif row.kind == Outcome.Kind.PROJECT:
        target["projects"] += 1
    elif row.kind == Outcome.Kind.SME:
        target["smes_created"] += row.count
    elif row.kind == Outcome.Kind.JOBS:
        target["jobs_created"] += row.count


def _objective_name(objective: Objective) -> str:
    parts = [str(objective.get_metric_display())]
    if objective.sector_id:
        parts.append(str(objective.sector.label))
    if objective.region_id:
        parts.append(objective.region.name)
    return " — ".join(parts)


def _objective_actual(objective, funnel_rows, date_from, date_to, rows, held: int | None) -> int:
    sector_id, region_id = objective.sector_id, objective.region_id
    if objective.metric == Metric.ORGANISATIONS:
        return (
            funnel_rows.filter(kind=FunnelRecord.Kind.ACCOMPANIMENT, day__lte=date_to)
            .filter(funnel.side(sector_id, region_id, "a"))
            .count()
        )
    if objective.metric == Metric.MEETINGS:
        if held is not None and not sector_id and not region_id:
            return held
        return (
            funnel.in_period(funnel_rows, date_from, date_to)
            .filter(kind=FunnelRecord.Kind.MEETING, held=True)
            .filter(funnel.either(sector_id, region_id))
            .count()
        )
    total = _empty_breakdown("")
    for row in rows:
        if (not sector_id or row.sector_id == sector_id) and (
            not region_id or row.region_id == region_id
        ):
            _add(total, row)
    return total[objective.metric]


# Figures are stored in the database per data version (`FiguresSnapshot`), so every process
# serves the same numbers and a page after a change is computed once, by a background task or
# by the first request. Before reading, `records.sync` copies any change of the meetings,
# requests and interests of other apps into the plan's funnel records, as a new data version.


def _snapshot_key(kind: str, arguments: tuple) -> str:
    material = repr((kind, arguments, get_language()))
    return hashlib.sha256(material.encode()).hexdigest()


def stored(kind: str, plan: Plan, version: int, arguments: tuple, compute, dump, load) -> Any:
    """The snapshot of `kind` for the plan at `version`, computed and stored when missing."""
    key = _snapshot_key(kind, arguments)
    payload = (
        FiguresSnapshot.objects.filter(plan=plan, kind=kind, data_version=version, key=key)
        .values_list("payload", flat=True)
        .first()
    )
    if payload is not None:
        return load(payload)
    value = compute()
    FiguresSnapshot.objects.bulk_create(
        [FiguresSnapshot(plan=plan, kind=kind, data_version=version, key=key, payload=dump(value))],
        ignore_conflicts=True,
    )
    # Older versions' snapshots are kept a day for reports recomputed "as of" them.
    FiguresSnapshot.objects.filter(
        plan=plan,
        data_version__lt=version,
        created_at__lt=timezone.now() - timedelta(days=SNAPSHOT_DAYS),
    ).delete()
    return value


SNAPSHOT_DAYS = 1


def plan_figures(
    *,
    plan: Plan,
    date_from: date | None = None,
    date_to: date | None = None,
    sector: Sector | int | None = None,
    region: Region | int | None = None,
    as_of: int | None = None,
) -> Figures:
    """Every figure of a plan for a period (default: the plan's whole span), computed from records.

    `as_of` recomputes the figures as they stood at that data version: outcomes from their
    snapshots, meetings, requests, interests, logged contacts and accompaniments from the
    plan's funnel records.
    """
    current = funnel.sync(plan)
    version = current if as_of is None or as_of >= current else as_of
    arguments = (
        (date_from or plan.start_date).isoformat(),
        (date_to or plan.end_date).isoformat(),
        _pk(sector),
        _pk(region),
    )
    return stored(
        "figures",
        plan,
        version,
        arguments,
        lambda: _compute_figures(
            plan=plan,
            date_from=date_from,
            date_to=date_to,
            sector=sector,
            region=region,
            as_of=None if version == current else version,
            version=version,
        ),
        _dump_figures,
        lambda payload: _load_figures(plan, payload),
    )


def _dump_figures(figures: Figures) -> dict[str, Any]:
    return {
        "date_from": figures.date_from.isoformat(),
        "date_to": figures.date_to.isoformat(),
        "sector": figures.sector.pk if figures.sector else None,
        "region": figures.region.pk if figures.region else None,
        "data_version": figures.data_version,
        "funnel": figures.funnel,
        "by_sector": figures.by_sector,
        "by_region": figures.by_region,
        "by_action": figures.by_action,
        "objectives": figures.objectives,
        "by_month": figures.by_month,
        "by_kind": figures.by_kind,
        "amounts": {currency: str(amount) for currency, amount in figures.amounts.items()},
    }


def _load_figures(plan: Plan, payload: dict[str, Any]) -> Figures:
    return Figures(
        plan=plan,
        date_from=date.fromisoformat(payload["date_from"]),
        date_to=date.fromisoformat(payload["date_to"]),
        sector=Sector.objects.filter(pk=payload["sector"]).first() if payload["sector"] else None,
        region=Region.objects.filter(pk=payload["region"]).first() if payload["region"] else None,
        data_version=payload["data_version"],
        funnel=payload["funnel"],
        by_sector=payload["by_sector"],
        by_region=payload["by_region"],
        by_action=payload["by_action"],
        objectives=payload["objectives"],
        by_month=[(month, n) for month, n in payload["by_month"]],
        by_kind=payload["by_kind"],
        amounts={currency: Decimal(amount) for currency, amount in payload["amounts"].items()},
    )


def _compute_figures(
    *,
    plan: Plan,
    date_from: date | None = None,
    date_to: date | None = None,
    sector: Sector | int | None = None,
    region: Region | int | None = None,
    as_of: int | None = None,
    version: int,
) -> Figures:
    date_from = date_from or plan.start_date
    date_to = date_to or plan.end_date
    sector_id, region_id = _pk(sector), _pk(region)
    Kind = FunnelRecord.Kind

    funnel_rows = funnel.records(plan, as_of)
    in_period = funnel.in_period(funnel_rows, date_from, date_to).filter(
        funnel.either(sector_id, region_id)
    )
    counts = in_period.aggregate(
        requests=Count("id", filter=Q(kind=Kind.REQUEST)),
        interests=Count("id", filter=Q(kind=Kind.INTEREST)),
    )
    held_by_event = dict(
        in_period.filter(kind=Kind.MEETING, held=True)
        .order_by()
        .values("event_id")
        .annotate(n=Count("id"))
        .values_list("event_id", "n")
    )
    contacts = (
        in_period.filter(
            kind__in=[Kind.REQUEST, Kind.INTEREST, Kind.CONTACT],
            org_a__isnull=False,
            org_b__isnull=False,
        )
        .exclude(org_a=F("org_b"))
        .order_by()
        .values("org_a", "org_b")
        .distinct()
        .count()
    )

    all_rows = list(outcome_rows(plan, date_from, date_to, as_of))
    rows = [
        row
        for row in all_rows
        if (not sector_id or row.sector_id == sector_id)
        and (not region_id or row.region_id == region_id)
    ]
    totals = _empty_breakdown("")
    for row in rows:
        _add(totals, row)

    funnel_figures = {
        "contacts": contacts,
        "eois": counts["interests"],
        "meetings_requested": counts["requests"],
        "meetings_held": sum(held_by_event.values()),
        "agreements": totals["agreements"],
        "contracts": totals["contracts"],
        "projects": totals["projects"],
        "smes_created": totals["smes_created"],
        "jobs_created": totals["jobs_created"],
    }

    sectors = {s.pk: s for s in Sector.objects.filter(pk__in={r.sector_id for r in rows})}
    regions = {r.pk: r for r in Region.objects.filter(pk__in={r.region_id for r in rows})}
    by_sector: dict[str, dict[str, Any]] = {}
    by_region: dict[str, dict[str, Any]] = {}
    for row in rows:
        sector_obj = sectors.get(row.sector_id)
        key = sector_obj.code if sector_obj else NONE_KEY
        if key not in by_sector:
            by_sector[key] = _empty_breakdown(str(sector_obj.label) if sector_obj else "")
        _add(by_sector[key], row)
        region_obj = regions.get(row.region_id)
        key = region_obj.code if region_obj else NONE_KEY
        if key not in by_region:
            by_region[key] = _empty_breakdown(region_obj.name if region_obj else "")
        _add(by_region[key], row)

    by_action: dict[str, dict[str, Any]] = {}
    for action in Action.objects.filter(plan=plan).order_by("start_date", "id"):
        by_action[str(action.pk)] = {
            **_empty_breakdown(action.title),
            "kind": action.kind,
            "start_date": action.start_date.isoformat(),
            "meetings_held": 0,
        }
    # An event linked to several actions gives its meetings to the earliest one.
    credited: set[int] = set()
    for action in Action.objects.filter(plan=plan, event__isnull=False).order_by(
        "start_date", "id"
    ):
        if action.event_id in credited:
            continue
        credited.add(action.event_id)
        by_action[str(action.pk)]["meetings_held"] = held_by_event.get(action.event_id, 0)
    for row in rows:
        key = str(row.action_id) if row.action_id and str(row.action_id) in by_action else NONE_KEY
        if key not in by_action:
            by_action[key] = {
                **_empty_breakdown(""),
                "kind": "",
                "start_date": "",
                "meetings_held": 0,
            }
        _add(by_action[key], row)

    unfiltered_held = funnel_figures["meetings_held"] if not sector_id and not region_id else None
    objectives = []
    for objective in Objective.objects.filter(plan=plan).select_related("sector", "region"):
        objectives.append(
            {
                "name": _objective_name(objective),
                "target": objective.target,
                "actual": _objective_actual(
                    objective, funnel_rows, date_from, date_to, all_rows, unfiltered_held
                ),
                "metric": objective.metric,
                "id": objective.pk,
            }
        )

    months: Counter[str] = Counter(row.date.strftime("%Y-%m") for row in rows)
    by_month = [(month, months[month]) for month in _month_range(date_from, date_to)]
    amounts: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        if row.amount is not None and row.kind == Outcome.Kind.CONTRACT:
            amounts[row.currency or "EUR"] += row.amount
    return Figures(
        plan=plan,
        date_from=date_from,
        date_to=date_to,
        sector=Sector.objects.filter(pk=sector_id).first() if sector_id else None,
        region=Region.objects.filter(pk=region_id).first() if region_id else None,
        data_version=version,
        funnel=funnel_figures,
        by_sector=dict(sorted(by_sector.items(), key=lambda kv: (-kv[1]["outcomes"], kv[0]))),
        by_region=dict(sorted(by_region.items(), key=lambda kv: (-kv[1]["outcomes"], kv[0]))),
        by_action=by_action,
        objectives=objectives,
        by_month=by_month,
        by_kind=dict(Counter(row.kind for row in rows)),
        amounts=dict(amounts),
    )


def _month_range(start: date, end: date) -> list[str]:
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month) and len(months) < 240:
        months.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return months


def plan_outcomes(plan: Plan, date_from: date, date_to: date) -> QuerySet[Outcome]:
    """The current outcomes of a plan dated in the period, for lists."""
    return (
        Outcome.objects.filter(plan=plan, date__gte=date_from, date__lte=date_to)
        .select_related("organisation", "organisation__region", "sector")
        .prefetch_related("actions", "partners")
        .order_by("date", "id")
    )


# The cooperation network --------------------------------------------------------------


@dataclass
class Network:
    """Organisations linked by held meetings and outcomes, grouped by region or sector."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    groups: list[dict[str, Any]]
    group_links: list[dict[str, Any]]
    total_nodes: int
    total_edges: int


def cooperation_network(
    *,
    plan: Plan,
    date_from: date | None = None,
    date_to: date | None = None,
    group_by: str = "region",
    sector: Sector | int | None = None,
    region: Region | int | None = None,
    max_nodes: int = 2000,
    max_edges: int = 1500,
) -> Network:
    """The network of the plan: nodes kept by degree up to `max_nodes`, edges by weight.

    Group links (between regions or sectors) add up every edge, shown or not, so the picture
    of who works with whom across regions stays complete when individual edges are capped.
    """
    version = funnel.sync(plan)
    date_from = date_from or plan.start_date
    date_to = date_to or plan.end_date
    arguments = (date_from, date_to, group_by, _pk(sector), _pk(region), max_nodes, max_edges)
    return stored(
        "network",
        plan,
        version,
        (date_from.isoformat(), date_to.isoformat(), *arguments[2:]),
        lambda: _compute_network(plan, *arguments),
        asdict,
        lambda payload: Network(**payload),
    )


def _compute_network(
    plan: Plan,
    date_from: date | None,
    date_to: date | None,
    group_by: str,
    sector: Any,
    region: Any,
    max_nodes: int,
    max_edges: int,
) -> Network:
    date_from = date_from or plan.start_date
    date_to = date_to or plan.end_date
    sector_id, region_id = _pk(sector), _pk(region)
    weights: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    meeting_pairs = (
        funnel.in_period(funnel.records(plan), date_from, date_to)
        .filter(kind=FunnelRecord.Kind.MEETING, held=True)
        .filter(funnel.either(sector_id, region_id))
        .order_by()
        .values_list("org_a", "org_b")
        .annotate(n=Count("id"))
    )
    for a, b, n in meeting_pairs:
        if a and b and a != b:
            weights[(min(a, b), max(a, b))][0] += n
    partner_pairs = Outcome.partners.through.objects.filter(
        outcome__plan=plan, outcome__date__gte=date_from, outcome__date__lte=date_to
    ).values_list("outcome__organisation_id", "organisation_id")
    for a, b in partner_pairs:
        if a != b:
            weights[(min(a, b), max(a, b))][1] += 1
    degree: Counter[int] = Counter()
    for (a, b), (m, o) in weights.items():
        degree[a] += m + o
        degree[b] += m + o
    organisations = {
        org["id"]: org
        for org in Organisation.objects.filter(pk__in=list(degree)).values(
            "id", "name", "region_id", "country"
        )
    }
    if group_by == "sector":
        first_sector: dict[int, int] = {}
        for org_id, sec_id in (
            Organisation.sectors.through.objects.filter(organisation_id__in=list(degree))
            .order_by("organisation_id", "sector__position", "sector__code")
            .values_list("organisation_id", "sector_id")
        ):
            first_sector.setdefault(org_id, sec_id)
        labels = {s.pk: (s.code, str(s.label)) for s in Sector.objects.all()}
        group_of = {
            org_id: labels.get(first_sector.get(org_id), (NONE_KEY, "")) for org_id in organisations
        }
    else:
        labels = {
            r.pk: (r.code, r.name)
            for r in Region.objects.filter(
                pk__in={o["region_id"] for o in organisations.values() if o["region_id"]}
            )
        }
        group_of = {
            org_id: labels.get(org["region_id"], (org["country"] or NONE_KEY, org["country"]))
            for org_id, org in organisations.items()
        }
    kept = {org_id for org_id, _n in degree.most_common(max_nodes)}
    group_links: Counter[tuple[str, str]] = Counter()
    for (a, b), (m, o) in weights.items():
        ga, gb = group_of.get(a, (NONE_KEY, ""))[0], group_of.get(b, (NONE_KEY, ""))[0]
        group_links[(min(ga, gb), max(ga, gb))] += m + o
    edges = sorted(
        (
            {"source": a, "target": b, "meetings": m, "outcomes": o, "weight": m + 3 * o}
            for (a, b), (m, o) in weights.items()
            if a in kept and b in kept
        ),
        key=lambda e: (-e["weight"], e["source"], e["target"]),
    )
    group_sizes: Counter[str] = Counter(
        group_of[org_id][0] for org_id in kept if org_id in group_of
    )
    group_labels = {key: label for key, label in group_of.values()}
    nodes = [
        {
            "id": org_id,
            "name": organisations[org_id]["name"],
            "group": group_of[org_id][0],
            "degree": degree[org_id],
        }
        for org_id in sorted(kept, key=lambda k: (-degree[k], k))
        if org_id in organisations
    ]
    return Network(
        nodes=nodes,
        edges=edges[:max_edges],
        groups=[
            {"key": key, "label": group_labels.get(key) or key, "size": size}
            for key, size in sorted(group_sizes.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        group_links=[
            {"source": a, "target": b, "weight": w}
            for (a, b), w in sorted(group_links.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        total_nodes=len(degree),
        total_edges=len(weights),
    )


def accompaniments(plan: Plan) -> QuerySet[Accompaniment]:
    return (
        Accompaniment.objects.filter(plan=plan)
        .select_related("organisation", "adviser")
        .prefetch_related("actions")
        .annotate(entry_count=Count("entries"))
    )


def plan_totals(plan: Plan) -> dict[str, Any]:
    """Budget per currency of the plan's actions."""
    rows = (
        Action.objects.filter(plan=plan, budget_amount__isnull=False)
        .values("budget_currency")
        .annotate(total=Sum("budget_amount"))
        .order_by("budget_currency")
    )
    return {row["budget_currency"]: row["total"] for row in rows}
