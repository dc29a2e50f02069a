"""The officers' review at scale: a round of 10,000 submitted proposals, with their consortia and budgets.

    .venv/bin/python benchmarks/proposals.py [--proposals 10000] [--requests 200] [--workers N]

Needs PostgreSQL on loopback (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/commissioning_bench_proposals; the database is dropped and
created again). Builds the round in bulk, and a second round of 10 proposals, then prints:
- the officer list's query count at 10 and at 10,000 proposals (they must be equal);
- its p50/p95 response time at 10,000, served by gunicorn (default order, and sorted by total);
- the time to find similar proposals for the whole round;
- each export's time and peak memory (Python's allocations, tracemalloc) at 10 and 10,000 rows.
Not part of the tests.
"""

import argparse
import os
import random
import runpy
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlparse

import django
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import load  # noqa: E402

NEIGHBOURHOODS = [
    "Hillfields", "Foleshill", "Wood End", "Willenhall", "Canley", "Tile Hill", "Stoke", "Radford", "Earlsdon",
    "Binley", "Bell Green", "Holbrooks", "Longford", "Henley Green", "Manor Farm", "Spon End", "Chapelfields",
    "Whoberley", "Allesley", "Walsgrave", "Wyken", "Upper Stoke", "Ernesford Grange", "Cheylesmore", "Styvechale",
]  # fmt: skip
WORDS = [
    "mentoring", "apprenticeships", "employers", "training", "young", "people", "care", "leavers", "families",
    "parenting", "support", "housing", "tenancy", "homelessness", "debt", "advice", "benefits", "money", "food",
    "bank", "lunch", "club", "older", "residents", "loneliness", "gardening", "allotment", "exercise", "walking",
    "football", "sport", "youth", "club", "detached", "outreach", "knife", "crime", "prevention", "mental", "health",
    "wellbeing", "counselling", "peer", "support", "recovery", "alcohol", "drugs", "volunteering", "community",
    "centre", "digital", "skills", "computers", "literacy", "numeracy", "english", "language", "refugees", "asylum",
    "schools", "attendance", "exclusion", "reading", "homework", "holiday", "activities", "meals", "carers",
    "respite", "disability", "transport", "access", "ward", "estate", "safety",
]  # fmt: skip


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--proposals", type=int, default=10_000, help="submitted proposals in the big round")
    parser.add_argument("--requests", type=int, default=200, help="requests of the list for each measure")
    parser.add_argument("--clients", type=int, default=2, help="simultaneous clients asking for the list")
    parser.add_argument(
        "--list-only",
        action="store_true",
        help="measure the list again on the database a previous run built (nothing rebuilt)",
    )
    parser.add_argument("--workers", type=int, help="gunicorn sync workers (default: as gunicorn.conf.py deploys them)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/commissioning_bench_proposals"
        ),
    )
    return parser.parse_args()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "off",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_SSL_REDIRECT": "off",
        "CELERY_BROKER_URL": "",
        "LOG_LEVEL": "ERROR",
    }


def recreate_database(database_url):
    url = urlparse(database_url)
    name = url.path.lstrip("/")
    admin = ["psql", "-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres"]
    subprocess.run([*admin, "-q", "-c", f'DROP DATABASE IF EXISTS "{name}"'], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*admin, "-q", "-c", f'CREATE DATABASE "{name}"'], check=True, stdout=subprocess.DEVNULL)


def build_round(officer, partnership, *, name, proposals, priorities=5, seed=1):
    """A round at the call with ``priorities`` published specifications (their deadline passed) and
    ``proposals`` submitted proposals, each with a lead, one to three partners and a budget, in bulk."""
    from django.utils import timezone  # noqa: PLC0415 -- after django.setup()

    from commissioning.enums import OrganisationType, Sector, Stage  # noqa: PLC0415 -- after django.setup()
    from commissioning.organisations.models import Organisation  # noqa: PLC0415 -- after django.setup()
    from commissioning.plan.models import StrategicOutcome  # noqa: PLC0415 -- after django.setup()
    from commissioning.rounds import services  # noqa: PLC0415 -- after django.setup()
    from commissioning.rounds.models import Round  # noqa: PLC0415 -- after django.setup()
    from priorities.evidence.models import CandidateIssue  # noqa: PLC0415 -- after django.setup()
    from priorities.specifications.enums import SpecificationState  # noqa: PLC0415 -- after django.setup()
    from priorities.specifications.models import Specification  # noqa: PLC0415 -- after django.setup()
    from priorities.workshop.models import Priority  # noqa: PLC0415 -- after django.setup()
    from proposals.writing.enums import CostCategory, PartnerState, ProposalState  # noqa: PLC0415
    from proposals.writing.models import BudgetLine, Proposal, ProposalPartner  # noqa: PLC0415

    rng = random.Random(seed)
    round_ = services.create_round(
        by=officer,
        name=name,
        partnership=partnership,
        place="Benchmark city",
        annual_budget_pence=50_000_000_00,
        number_of_years=3,
        start_date=date.today(),
    )
    Round.objects.filter(pk=round_.pk).update(stage=Stage.CALL)
    round_.refresh_from_db()
    outcome = StrategicOutcome.objects.create(partnership=partnership, code=f"O{round_.pk}", title="A thriving city")
    passed = timezone.now() - timedelta(days=1)
    specifications = []
    for rank in range(1, priorities + 1):
        issue = CandidateIssue.objects.create(round=round_, name=f"Issue {rank}", outcome=outcome)
        priority = Priority.objects.create(
            round=round_, issue=issue, outcome=outcome, title=f"Priority {rank}", rank=rank
        )
        specifications.append(
            Specification.objects.create(
                round=round_,
                priority=priority,
                state=SpecificationState.PUBLISHED,
                version=1,
                question_deadline=passed - timedelta(days=7),
                proposal_deadline=passed,
            )
        )
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"{name} organisation {n:05d}",
            sector=rng.choice(list(Sector)),
            organisation_type=OrganisationType.CHARITY,
        )
        for n in range(max(proposals * 3 // 10, 20))
    )
    now = timezone.now()
    # One live proposal per lead and specification: leads are taken in turn.
    rows = []
    for n in range(proposals):
        spec = specifications[n % len(specifications)]
        lead = organisations[(n // len(specifications)) % len(organisations)]
        words = " ".join(rng.choice(WORDS) for _ in range(60))
        rows.append(
            Proposal(
                round=round_,
                specification=spec,
                lead_organisation=lead,
                title=f"Proposal {n:05d}: {rng.choice(WORDS)} and {rng.choice(WORDS)}",
                state=ProposalState.SUBMITTED,
                activity=words,
                how_outcome=" ".join(rng.choice(WORDS) for _ in range(30)),
                neighbourhoods=", ".join(rng.sample(NEIGHBOURHOODS, rng.randint(1, 3))),
                submitted_at=now,
                version=1,
            )
        )
    created = Proposal.objects.bulk_create(rows, batch_size=2000)
    partners = []
    for proposal in created:
        partners.append(
            ProposalPartner(
                proposal=proposal,
                organisation=proposal.lead_organisation,
                organisation_name=proposal.lead_organisation.name,
                contact_name="Lead contact",
                contact_email="lead@bench.example.org",
                role_in_delivery="Finance, evaluation and partnership support.",
                is_lead=True,
                state=PartnerState.CONFIRMED,
            )
        )
        for organisation in rng.sample(organisations, rng.randint(1, 3)):
            if organisation.pk != proposal.lead_organisation_id:
                partners.append(
                    ProposalPartner(
                        proposal=proposal,
                        organisation=organisation,
                        organisation_name=organisation.name,
                        contact_name="Partner contact",
                        contact_email="partner@bench.example.org",
                        role_in_delivery="Delivers the sessions.",
                        state=PartnerState.CONFIRMED,
                    )
                )
    partners = ProposalPartner.objects.bulk_create(partners, batch_size=5000)
    categories = [CostCategory.STAFF, CostCategory.RUNNING]
    lines = [
        BudgetLine(
            proposal_id=partner.proposal_id,
            partner=partner,
            year=year,
            category=category,
            amount_pence=rng.randint(1_000, 40_000) * 100,
        )
        for partner in partners
        for year in (1, 2, 3)
        for category in categories
    ]
    BudgetLine.objects.bulk_create(lines, batch_size=5000)
    return round_, len(partners), len(lines)


def session_for(user):
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: PLC0415
    from django.contrib.sessions.backends.db import SessionStore  # noqa: PLC0415

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return store.session_key


def list_queries(user, round_, query=""):
    """The queries one request of the officer's list makes (the session's own reads included)."""
    from django.db import connection  # noqa: PLC0415 -- after django.setup()
    from django.test import Client  # noqa: PLC0415 -- after django.setup()
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415 -- after django.setup()

    client = Client()
    client.force_login(user)
    path = f"/rounds/{round_.pk}/review/proposals/{query}"
    assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.status_code
    return len(captured.captured_queries)


def measure_export(round_, user, export_format):
    """(seconds, peak MiB of Python allocations, rows) of one export, timed, then traced on a second run."""
    from proposals.review.models import ProposalExport  # noqa: PLC0415 -- after django.setup()
    from proposals.review.services import run_export  # noqa: PLC0415 -- after django.setup()

    export = ProposalExport.objects.create(round=round_, format=export_format, requested_by=user)
    started = time.perf_counter()
    done = run_export(export.pk)
    seconds = time.perf_counter() - started
    again = ProposalExport.objects.create(round=round_, format=export_format, requested_by=user)
    tracemalloc.start()
    run_export(again.pk)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert done.status == "ready", done.error
    return seconds, peak / 2**20, done.rows_done


def build_and_measure(args, connection):
    """Build both rounds, then print the list's query counts, the similarity time and the exports'."""
    from commissioning.accounts.models import User  # noqa: PLC0415 -- after django.setup()
    from commissioning.partnerships.models import Partnership  # noqa: PLC0415 -- after django.setup()
    from proposals.review.models import SimilarProposal  # noqa: PLC0415 -- after django.setup()
    from proposals.review.services import find_similar_proposals  # noqa: PLC0415 -- after django.setup()

    call_command("migrate", verbosity=0)
    officer = User.objects.create_user(email="officer@bench.example", password=None, full_name="Bench Officer")
    partnership = Partnership.objects.create(name="Benchmark partnership", place="Benchmark city")
    started = time.perf_counter()
    small, _, _ = build_round(officer, partnership, name="Small", proposals=10, seed=2)
    big, partners, lines = build_round(officer, partnership, name="Big", proposals=args.proposals)
    print(
        f"Built a round of {args.proposals:,} submitted proposals ({partners:,} consortium members, "
        f"{lines:,} budget rows) and one of 10, in {time.perf_counter() - started:.1f} s, PostgreSQL"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    started = time.perf_counter()
    written = find_similar_proposals(big)
    similar_seconds = time.perf_counter() - started
    print()
    print(
        f"Similar proposals for the whole round: {similar_seconds:.1f} s "
        f"({written:,} pairs kept, {SimilarProposal.objects.filter(proposal__round=big).count():,} rows)"
    )

    print()
    print(f"{'export':<28}{'rows':>8}{'seconds':>10}{'peak MiB':>10}")
    for round_, label in ((small, "10"), (big, f"{args.proposals:,}")):
        for export_format in ("csv", "xlsx"):
            seconds, peak, rows = measure_export(round_, officer, export_format)
            print(f"{export_format + ' of ' + label + ' proposals':<28}{rows:>8,}{seconds:>10.2f}{peak:>10.1f}")

    return small, big, officer


def main():
    args = parse_args()
    env = environment(args.database_url)
    os.environ.update(env)
    if not args.list_only:
        recreate_database(args.database_url)
    # Pages are rendered with DEBUG off, as deployed: the static files' manifest must exist.
    env["PRIVATE_STORAGE_ROOT"] = tempfile.mkdtemp(prefix="bench-proposals-private-")
    env["STATIC_ROOT"] = tempfile.mkdtemp(prefix="bench-proposals-static-")
    os.environ.update(env)
    django.setup()
    from django.db import connection  # noqa: PLC0415 -- after django.setup()

    from commissioning.accounts.models import User  # noqa: PLC0415 -- after django.setup()

    call_command("collectstatic", interactive=False, verbosity=0)
    if args.list_only:
        from commissioning.rounds.models import Round  # noqa: PLC0415 -- after django.setup()

        officer = User.objects.get(email="officer@bench.example")
        small, big = Round.objects.get(name="Small"), Round.objects.get(name="Big")
    else:
        small, big, officer = build_and_measure(args, connection)
    # Fresh statistics for the rows just written, as autovacuum would soon gather them: without them
    # PostgreSQL misjudges the similar-proposal counts and compiles the list's query with JIT.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print()
    print("Officer's list, queries for one page (session and permissions included):")
    print(f"  at 10 proposals:      {list_queries(officer, small)}")
    print(f"  at {args.proposals:,} proposals:  {list_queries(officer, big)}")
    print(f"  sorted by total, at {args.proposals:,}: {list_queries(officer, big, '?sort=-total_pence')}")
    session = session_for(officer)
    workers = args.workers or runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"]
    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "benchmarks.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)

        def clients(query):
            request = load.Request(
                path=f"/rounds/{big.pk}/review/proposals/{query}",
                body=b"",
                headers={"Cookie": f"sessionid={session}", "Host": "127.0.0.1"},
                method="GET",
            )
            return [[request] * (args.requests // args.clients) for _ in range(args.clients)]

        load.run("warm-up", "127.0.0.1", port, clients("")[:1] * 2)
        print()
        print(
            f"Officer's list at {args.proposals:,} proposals, gunicorn with {workers} sync workers, "
            f"{args.clients} clients at once"
        )
        print(load.HEADER)
        for label, query in (
            ("first page, default order", ""),
            ("sorted by total, highest", "?sort=-total_pence"),
            ("filtered and sorted", "?state=submitted&lead=organisation+001&sort=year_2_pence"),
            ("page 200", "?page=200"),
        ):
            result = load.run(label, "127.0.0.1", port, clients(query))
            print(result.row())
            print(f"{'':<28} p95 {result.percentile(95) * 1000:.1f} ms")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
