"""Voting throughput: a room of participants placing their dots at once, side by side
with a bare Django view that does one insert, on gunicorn + PostgreSQL, in the same run.

    .venv/bin/python benchmarks/voting.py [--participants 200] [--rooms 5] [--workers N]

Needs PostgreSQL on loopback (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/commissioning_bench;
the database is dropped and created again). Prints requests per second and latency percentiles
for both, the ratio, and checks that the final tally equals the dots stored. Not part of the tests.
"""

import argparse
import os
import runpy
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import django
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import load  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=200, help="participants in each room")
    parser.add_argument("--rooms", type=int, default=5, help="workshops voting one after another")
    parser.add_argument("--workers", type=int, help="gunicorn sync workers (default: as gunicorn.conf.py deploys them)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/commissioning_bench"),
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
        "ALLOWED_HOSTS": "127.0.0.1",
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


def prepare(participants, rooms):
    """Build the rooms through the services; returns each room's voters as (cookies, issue ids)."""
    django.setup()
    from commissioning.accounts.models import User  # noqa: PLC0415 -- after django.setup()
    from commissioning.enums import OrganisationType, Role, Sector, Stage  # noqa: PLC0415 -- after django.setup()
    from commissioning.organisations.models import Organisation  # noqa: PLC0415 -- after django.setup()
    from commissioning.partnerships.models import Partnership  # noqa: PLC0415 -- after django.setup()
    from commissioning.plan.models import StrategicOutcome  # noqa: PLC0415 -- after django.setup()
    from commissioning.rounds import services  # noqa: PLC0415 -- after django.setup()
    from commissioning.rounds.models import Round  # noqa: PLC0415 -- after django.setup()
    from priorities.evidence.models import CandidateIssue  # noqa: PLC0415 -- after django.setup()
    from priorities.workshop import services as workshop_services  # noqa: PLC0415 -- after django.setup()

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_bare (id bigserial PRIMARY KEY, user_id bigint, at timestamptz)")

    officer = User.objects.create_user(email="officer@bench.example", password=None)
    round_ = services.create_round(
        by=officer,
        name="Benchmark round",
        partnership=Partnership.objects.create(name="Benchmark partnership", place="Benchmark city"),
        place="Benchmark city",
        annual_budget_pence=5_000_000_00,
        number_of_years=3,
        start_date=time.strftime("%Y-%m-%d"),
    )
    Round.objects.filter(pk=round_.pk).update(stage=Stage.WORKSHOP)
    round_.refresh_from_db()
    outcome = StrategicOutcome.objects.create(partnership=round_.partnership, code="O1", title="A thriving city")
    issues = [CandidateIssue.objects.create(round=round_, name=f"Issue {n}", outcome=outcome) for n in range(12)]
    sectors = list(Sector)
    organisations = [
        Organisation.objects.create(name=f"Benchmark {s.label}", sector=s, organisation_type=OrganisationType.OTHER)
        for s in sectors
    ]
    users = User.objects.bulk_create(
        [User(email=f"voter{n}@bench.example", password="!") for n in range(participants)]  # noqa: S106
    )
    for n, user in enumerate(users):
        services.assign_role(round_, user, Role.BOARD, by=officer, organisation=organisations[n % len(organisations)])

    sessions = {}
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.save()
        sessions[user.pk] = store.session_key

    rooms_built = []
    for r in range(rooms):
        workshop = workshop_services.create_workshop(
            round_, by=officer, issues=issues, title=f"Room {r + 1}", date=time.strftime("%Y-%m-%d"), place="Hall"
        )
        workshop_services.add_participants(workshop, users, by=officer)
        workshop_services.open_voting(workshop, by=officer)
        rooms_built.append(workshop.pk)
    return round_, rooms_built, users, sessions, [issue.pk for issue in issues]


def dot_request(round_pk, workshop_pk, issue_id):
    """The ballot's own "Place a dot" form, posted as a phone without JavaScript posts it."""
    return f"/rounds/{round_pk}/workshops/{workshop_pk}/vote/place/", f"issue={issue_id}".encode()


def request_for(path, body=b"", *, session_key):
    csrf = secrets.token_hex(16)  # an unmasked 32-character secret: cookie and header match
    return load.Request(
        path=path,
        body=body,
        headers={
            "Cookie": f"sessionid={session_key}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "Content-Type": "application/x-www-form-urlencoded",
            "Host": "127.0.0.1",
        },
    )


def main():
    args = parse_args()
    env = environment(args.database_url)
    os.environ.update(env)
    recreate_database(args.database_url)
    round_, rooms, users, sessions, issue_ids = prepare(args.participants, args.rooms + 1)

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

        dots_each = 3
        bare_clients = [
            [request_for("/bench/bare/", session_key=sessions[user.pk]) for _ in range(dots_each)] for user in users
        ]

        def dot_clients(room):
            return [
                [
                    request_for(
                        *dot_request(round_.pk, room, issue_ids[(n + k) % len(issue_ids)]),
                        session_key=sessions[user.pk],
                    )
                    for k in range(dots_each)
                ]
                for n, user in enumerate(users)
            ]

        # Warm both code paths and the workers' connections; the warm-up room is not counted.
        warm_up_room, rooms = rooms[0], rooms[1:]
        load.run("warm-up", "127.0.0.1", port, bare_clients[:20])
        load.run("warm-up", "127.0.0.1", port, dot_clients(warm_up_room)[:20])

        print(
            f"{args.rooms} rooms of {args.participants} participants, {dots_each} dots each, "
            f"gunicorn with {workers} sync workers on PostgreSQL"
        )
        print(load.HEADER)
        results = []
        for number, room in enumerate(rooms, start=1):
            bare = load.run("bare view, one insert", "127.0.0.1", port, bare_clients)
            clients = dot_clients(room)
            dots = load.run(f"dots, room {number}", "127.0.0.1", port, clients)
            print(bare.row())
            print(dots.row())
            results.append((bare, dots))

        bare_rate = sum(b.count for b, _ in results) / sum(b.seconds for b, _ in results)
        dot_rate = sum(d.count for _, d in results) / sum(d.seconds for _, d in results)
        print()
        print(
            f"bare view: {bare_rate:.0f} requests/s; dots: {dot_rate:.0f} dots/s; "
            f"ratio {dot_rate / bare_rate:.0%} (target: at least 70%)"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)

    from priorities.workshop.models import Dot, Workshop  # noqa: PLC0415 -- after django.setup()
    from priorities.workshop.tally import workshop_tally  # noqa: PLC0415 -- after django.setup()

    expected = args.rooms * args.participants * dots_each
    stored = Dot.objects.filter(workshop_id__in=rooms).count()
    tallied = sum(workshop_tally(workshop).total_dots for workshop in Workshop.objects.filter(pk__in=rooms))
    most = Dot.objects.filter(workshop_id__in=rooms).values("participant").annotate(n=Count("id"))
    over = sum(1 for row in most if row["n"] > dots_each)
    print(f"dots expected {expected}, stored {stored}, tallied {tallied}; participants over the limit: {over}")
    ok = stored == tallied == expected and over == 0
    print("tally check:", "OK" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
