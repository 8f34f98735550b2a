"""Dashboard benchmark: a plan with 10,000 organisations, 50,000 meetings and 5,000 outcomes.

Builds the data once in a PostgreSQL database (created when missing, reused when complete),
then times the plan dashboard through the Django test client: the whole page, unfiltered and
with period, sector and region filters, and the cooperation network page (figures read from the
snapshot stored for the current data version); then the same pages "cold", with the stored
figures emptied before each request; then "after a change", one meeting checked in again before
each request behind the signals' back (a bulk update), so that the page itself copies the
change into a new data version and computes its figures. Prints p50/p95 per page.
Goal: dashboard p95 under 300 ms on PostgreSQL.

    python bench/dashboard.py [--postgres URL] [--runs 40] [--rebuild] [--smoke]

`--smoke` builds a plan a fiftieth of the size in its own database and times a few requests:
a check that the benchmark still runs, not a measurement.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/jumelage_bench_dash"
ORGANISATIONS = 10_000
EVENTS = 20
PARTICIPANTS_PER_EVENT = 500
MEETINGS = 50_000
OUTCOMES = 5_000
PLAN_NAME = "Benchmark plan 2026–2028"


def ensure_database(url: str, *, recreate: bool = False) -> None:
    import psycopg

    base, _slash, name = url.rpartition("/")
    with psycopg.connect(
        f"{base.replace('postgres://', 'postgresql://')}/postgres", autocommit=True
    ) as conn:
        if recreate:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
    os.environ.setdefault("JUMELAGE_DATA_DIR", "/tmp/jumelage-bench-dashboard")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    # A database migrated by another version of the code (a migration it applied is not in
    # this checkout) cannot be brought up to date: it is the benchmark's own, so start over.
    loader = MigrationLoader(connection)
    if set(loader.applied_migrations) - set(loader.disk_migrations):
        print("the benchmark database was migrated by another version: rebuilding it")
        connection.close()
        ensure_database(url, recreate=True)
    call_command("migrate", verbosity=0, interactive=False)


def build(rng: random.Random) -> None:
    """Bulk-insert the benchmark plan; snapshots are written as the services would write them."""
    from django.db import transaction
    from django.utils import timezone

    from jumelage.accounts.models import Programme, Role, User
    from jumelage.directory.models import Organisation, Person, Region, Sector
    from jumelage.events.models import (
        Event,
        Meeting,
        MeetingRequest,
        Participant,
        Session,
        Side,
        Slot,
    )
    from jumelage.opportunities.models import CooperationProfile, ExpressionOfInterest
    from jumelage.outcomes.models import (
        Accompaniment,
        Action,
        ChangeLog,
        Metric,
        Objective,
        Outcome,
        OutcomeVersion,
        Plan,
    )
    from jumelage.outcomes.services import attributed_action

    with transaction.atomic():
        programme = Programme.objects.create(name="Benchmark programme", slug="bench-dashboard")
        manager = User.objects.create_user("bench-manager", password="x")
        Role.objects.create(user=manager, kind=Role.Kind.PROGRAMME_MANAGER, programme=programme)
        regions = [
            Region.objects.get_or_create(
                code=f"BENCH-{country}{i:02d}",
                defaults={"country": country, "names": {"en": f"{country} region {i}"}},
            )[0]
            for country in ("FR", "RU")
            for i in range(15)
        ]
        sectors = [
            Sector.objects.get_or_create(code=f"bench-sector-{i}", defaults={"position": 100 + i})[
                0
            ]
            for i in range(9)
        ]
        organisations = Organisation.objects.bulk_create(
            Organisation(
                name=f"Bench organisation {i}",
                country="FR" if i % 2 == 0 else "RU",
                region=regions[(i % 2) * 15 + rng.randrange(15)],
                programme=programme,
                source="bench-dashboard",
                external_id=str(i),
            )
            for i in range(ORGANISATIONS)
        )
        Organisation.sectors.through.objects.bulk_create(
            Organisation.sectors.through(organisation_id=o.pk, sector_id=rng.choice(sectors).pk)
            for o in organisations
        )
        people = Person.objects.bulk_create(
            Person(
                organisation=o,
                first_name="Bench",
                last_name=str(o.pk),
                email=f"b{o.pk}@example.org",
            )
            for o in organisations
        )
        french = [p for p in people if p.organisation.country == "FR"]
        russian = [p for p in people if p.organisation.country == "RU"]
        plan = Plan.objects.create(
            programme=programme,
            name=PLAN_NAME,
            start_date=date(2026, 1, 1),
            end_date=date(2028, 12, 31),
        )
        meetings_per_event = MEETINGS // EVENTS
        actions = []
        requests_made = 0
        for e in range(EVENTS):
            day = date(2026, 3, 1) + timedelta(days=45 * e)
            event = Event.objects.create(
                programme=programme,
                slug=f"bench-dash-{e}",
                title=f"Bench B2B {e}",
                place="Marseille",
                start_date=day,
                end_date=day,
            )
            session = Session.objects.create(
                event=event,
                label="Day",
                day=day,
                start=datetime.min.time().replace(hour=9),
                slot_count=10,
            )
            slots = Slot.objects.bulk_create(
                Slot(
                    session=session,
                    index=i,
                    starts_at=timezone.make_aware(
                        datetime.combine(day, datetime.min.time())
                        + timedelta(hours=9, minutes=25 * i)
                    ),
                    ends_at=timezone.make_aware(
                        datetime.combine(day, datetime.min.time())
                        + timedelta(hours=9, minutes=25 * i + 20)
                    ),
                )
                for i in range(10)
            )
            hosts = Participant.objects.bulk_create(
                Participant(event=event, person=p, side=Side.HOST, status="approved")
                for p in rng.sample(french, PARTICIPANTS_PER_EVENT // 2)
            )
            visitors = Participant.objects.bulk_create(
                Participant(event=event, person=p, side=Side.VISITING, status="approved")
                for p in rng.sample(russian, PARTICIPANTS_PER_EVENT // 2)
            )
            pairs = set()
            while len(pairs) < meetings_per_event:
                pairs.add((rng.randrange(len(visitors)), rng.randrange(len(hosts))))
            pairs = sorted(pairs)
            expires = timezone.now() + timedelta(days=30)
            requests = MeetingRequest.objects.bulk_create(
                MeetingRequest(
                    event=event,
                    requester=visitors[v],
                    recipient=hosts[h],
                    status="accepted",
                    expires_at=expires,
                )
                for v, h in pairs
            )
            requests_made += len(requests)
            Meeting.objects.bulk_create(
                Meeting(
                    event=event,
                    request=request,
                    first=request.requester,
                    second=request.recipient,
                    slot=rng.choice(slots),
                    attendance="held" if rng.random() < 0.85 else "no_show",
                )
                for request in requests
            )
            actions.append(
                Action.objects.create(
                    plan=plan,
                    kind=Action.Kind.B2B_EVENT,
                    title=f"B2B day {e}",
                    start_date=day,
                    event=event,
                    budget_amount=Decimal(50000),
                )
            )
        accompanied = rng.sample(french, len(french) * 2 // 5)
        Accompaniment.objects.bulk_create(
            Accompaniment(plan=plan, organisation=p.organisation, since=date(2026, 2, 1))
            for p in accompanied
        )
        profiles = CooperationProfile.objects.bulk_create(
            CooperationProfile(
                organisation=p.organisation,
                type="technology_offer",
                title=f"Offer {i}",
                summary="s",
                partnership_types=[],
            )
            for i, p in enumerate(rng.sample(russian, min(500, len(russian) // 2)))
        )
        seen = set()
        interests = []
        while len(interests) < min(5000, len(profiles) * len(accompanied) // 4):
            profile, person = rng.choice(profiles), rng.choice(accompanied)
            if (profile.pk, person.organisation_id) in seen:
                continue
            seen.add((profile.pk, person.organisation_id))
            interests.append(
                ExpressionOfInterest(
                    profile=profile, organisation_id=person.organisation_id, message="m"
                )
            )
        ExpressionOfInterest.objects.bulk_create(interests)
        kinds = [k for k, _label in Outcome.Kind.choices]
        outcome_rows = []
        claims = []
        for i in range(OUTCOMES):
            lead = rng.choice(accompanied).organisation
            kind = rng.choice(kinds)
            claimed = rng.sample(actions, rng.choice([1, 1, 1, 2]))
            outcome_rows.append(
                Outcome(
                    plan=plan,
                    kind=kind,
                    title=f"Outcome {i}",
                    organisation=lead,
                    date=date(2026, 4, 1) + timedelta(days=rng.randrange(990)),
                    amount=Decimal(rng.randrange(10, 500) * 1000) if kind == "contract" else None,
                    count=rng.randint(1, 6) if kind in ("jobs", "sme") else 1,
                )
            )
            claims.append(claimed)
        outcomes = Outcome.objects.bulk_create(outcome_rows)
        Outcome.actions.through.objects.bulk_create(
            Outcome.actions.through(outcome_id=o.pk, action_id=a.pk)
            for o, claimed in zip(outcomes, claims, strict=True)
            for a in claimed
        )
        Outcome.partners.through.objects.bulk_create(
            Outcome.partners.through(
                outcome_id=o.pk, organisation_id=rng.choice(russian).organisation_id
            )
            for o in outcomes
        )
        entries = ChangeLog.objects.bulk_create(
            ChangeLog(plan=plan, object_type="outcome", object_id=o.pk, action="create")
            for o in outcomes
        )
        first_sector = dict(
            Organisation.sectors.through.objects.filter(
                organisation__programme=programme
            ).values_list("organisation_id", "sector_id")
        )
        regions_of = dict(
            Organisation.objects.filter(programme=programme).values_list("id", "region_id")
        )
        OutcomeVersion.objects.bulk_create(
            OutcomeVersion(
                outcome_id=o.pk,
                plan=plan,
                valid_from=entry.pk,
                kind=o.kind,
                date=o.date,
                organisation_id=o.organisation_id,
                sector_id=first_sector.get(o.organisation_id),
                region_id=regions_of.get(o.organisation_id),
                action_id=attributed_action(claimed).pk,
                action_ids=sorted(a.pk for a in claimed),
                amount=o.amount,
                currency="EUR" if o.amount is not None else "",
                count=o.count,
                confidence=o.confidence,
            )
            for o, entry, claimed in zip(outcomes, entries, claims, strict=True)
        )
        for metric, target, sector, region in (
            (Metric.ORGANISATIONS, 2500, None, None),
            (Metric.MEETINGS, 45000, None, None),
            (Metric.MEETINGS, 3000, None, regions[20]),
            (Metric.AGREEMENTS, 1500, None, None),
            (Metric.AGREEMENTS, 200, sectors[0], None),
            (Metric.CONTRACTS, 800, None, None),
            (Metric.PROJECTS, 700, None, None),
            (Metric.JOBS, 2000, None, regions[3]),
            (Metric.SMES, 300, None, None),
        ):
            Objective.objects.create(
                plan=plan, metric=metric, target=target, sector=sector, region=region
            )
    print(
        f"built: {ORGANISATIONS} organisations, {requests_made} requests/meetings, {OUTCOMES} outcomes",
        file=sys.stderr,
    )


def time_page(client, url: str, runs: int, before=None) -> dict[str, float]:
    """Time `runs` requests; `before` (untimed) runs before each one: empty the stored figures,
    or change a meeting."""
    client.get(url)  # warm-up: templates, translations, connection
    timings = []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    return {
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1),
        "max_ms": round(timings[-1], 1),
        "bytes": len(response.content),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", default=DEFAULT_URL)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="a tiny plan, a few runs")
    args = parser.parse_args()
    if args.smoke:
        global ORGANISATIONS, PARTICIPANTS_PER_EVENT, MEETINGS, OUTCOMES
        ORGANISATIONS, PARTICIPANTS_PER_EVENT, MEETINGS, OUTCOMES = 400, 40, 1_000, 100
        if args.postgres == DEFAULT_URL:
            args.postgres = f"{DEFAULT_URL}_smoke"
        args.runs = min(args.runs, 5)
    ensure_database(args.postgres)
    setup(args.postgres)

    from django.db import connection
    from django.test import Client

    from jumelage.accounts.models import User
    from jumelage.directory.models import Sector
    from jumelage.events.models import Meeting
    from jumelage.outcomes.models import Outcome, Plan

    plan = Plan.objects.filter(name=PLAN_NAME).first()
    if plan is not None and args.rebuild:
        print("drop and recreate the database to rebuild", file=sys.stderr)
        sys.exit(2)
    if plan is None:
        started = time.perf_counter()
        build(random.Random(6))
        print(f"build took {time.perf_counter() - started:.0f} s", file=sys.stderr)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        plan = Plan.objects.get(name=PLAN_NAME)
    try:
        from jumelage.outcomes.records import sync
    except ImportError:  # before the funnel records were versioned
        pass
    else:
        # The first copy of the plan's 100,000 meetings, requests and interests into its
        # versioned funnel records, once; later changes copy only the scopes that moved.
        started = time.perf_counter()
        sync(plan)
        print(
            f"first copy of the funnel records: {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client()
    client.force_login(User.objects.get(username="bench-manager"))
    rng = random.Random(7)
    meeting_ids = list(
        Meeting.objects.filter(event__slug__startswith="bench-dash-").values_list("pk", flat=True)
    )

    def forget() -> None:
        from django.core.cache import cache

        cache.clear()
        try:
            from jumelage.outcomes.models import FiguresSnapshot
        except ImportError:  # before figures were stored in the database
            return
        FiguresSnapshot.objects.all().delete()

    def change() -> None:
        from django.core.cache import cache
        from django.utils import timezone

        cache.clear()
        meeting = rng.choice(meeting_ids)
        held = Meeting.objects.filter(pk=meeting, attendance="held").exists()
        Meeting.objects.filter(pk=meeting).update(
            attendance="no_show" if held else "held", updated_at=timezone.now()
        )

    sector = Sector.objects.get(code="bench-sector-0")
    region = plan.programme.organisations.first().region
    base = f"/en/plans/{plan.pk}"
    pages = {
        "dashboard": f"{base}/dashboard/",
        "dashboard_period": f"{base}/dashboard/?date_from=2027-01-01&date_to=2027-06-30",
        "dashboard_sector": f"{base}/dashboard/?sector={sector.pk}",
        "dashboard_region": f"{base}/dashboard/?region={region.pk}",
        "network": f"{base}/network/",
    }
    results = {
        "database": connection.vendor,
        "meetings": Meeting.objects.filter(event__slug__startswith="bench-dash-").count(),
        "outcomes": Outcome.objects.filter(plan=plan).count(),
        "runs": args.runs,
        "pages": {
            name: time_page(client, url, args.runs if name != "network" else max(5, args.runs // 4))
            for name, url in pages.items()
        },
        "cold": {
            name: time_page(client, pages[name], max(5, args.runs // 4), before=forget)
            for name in ("dashboard", "network")
        },
        "after_a_change": {
            name: time_page(client, pages[name], max(5, args.runs // 4), before=change)
            for name in ("dashboard", "network")
        },
        "goal": "dashboard p95 < 300 ms",
        "note": (
            "pages: repeated requests, figures read from the snapshot stored for the data "
            "version; cold: stored snapshots (and any per-process cache) emptied before each "
            "request; after_a_change: one meeting checked in again, behind the signals' back, "
            "before each request, so the page itself copies the change into a new data version "
            "and computes the figures (with the task backend this happens before the page)"
        ),
    }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
