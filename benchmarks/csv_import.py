"""CSV import throughput: a 50,000-row file imported as the background task imports it.

    .venv/bin/python benchmarks/csv_import.py [--rows 50000]

Needs PostgreSQL on loopback (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/commissioning_bench_csv; the database is dropped and created
again). Imports a mailing list of new people, the same file again (nothing changes), the file with
every name changed (every row updated), then indicator readings; prints rows per second for each,
split into checking the rows and writing them, and checks the rows stored. Not part of the tests.
"""

import argparse
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import django
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=50_000, help="rows in each file")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/commissioning_bench_csv"),
    )
    return parser.parse_args()


def recreate_database(database_url):
    url = urlparse(database_url)
    name = url.path.lstrip("/")
    admin = ["psql", "-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or "postgres"]
    subprocess.run([*admin, "-q", "-c", f'DROP DATABASE IF EXISTS "{name}"'], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*admin, "-q", "-c", f'CREATE DATABASE "{name}"'], check=True, stdout=subprocess.DEVNULL)


def subscribers_file(rows, *, names="Person"):
    lines = ["name,email,organisation"]
    lines += [f"{names} {n},person{n}@bench.example.org,Organisation {n % 300}" for n in range(rows)]
    return "\n".join(lines) + "\n"


def readings_file(rows, indicators):
    lines = ["indicator_code,date,area,value"]
    for n in range(rows):
        year, rest = divmod(n, len(indicators) * 20)
        code, area = divmod(rest, 20)
        lines.append(f"{indicators[code]},{2000 + year % 100}-03-{1 + year // 100:02d},Ward {area},{n % 1000}.5")
    return "\n".join(lines) + "\n"


class Timer:
    """Times how long the rows took to check (until the last progress call) and to write."""

    def __init__(self):
        self.start = self.checked = None

    def progress(self, checked, total):
        if checked >= total:
            self.checked = time.perf_counter()


def run(label, importer, text, rows):
    timer = Timer()
    started = time.perf_counter()
    result = importer.run_text(text, f"{label}.csv", progress=timer.progress)
    ended = time.perf_counter()
    check, write, total = timer.checked - started, ended - timer.checked, ended - started
    print(
        f"{label:<34}{rows:>8}{rows / check:>12,.0f}{rows / write:>12,.0f}{rows / total:>12,.0f}"
        f"{total:>9.1f}   {result.created} added, {result.updated} updated, {result.unchanged} unchanged"
    )
    return result


def main():
    args = parse_args()
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "commissioning.settings",
            "DATABASE_URL": args.database_url,
            "DEBUG": "off",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "CELERY_BROKER_URL": "",
            "LOG_LEVEL": "ERROR",
        }
    )
    recreate_database(args.database_url)
    django.setup()
    from commissioning.accounts.models import User  # noqa: PLC0415 -- after django.setup()
    from commissioning.partnerships.models import Partnership  # noqa: PLC0415 -- after django.setup()
    from commissioning.plan.csv_imports import ReadingImport  # noqa: PLC0415 -- after django.setup()
    from commissioning.plan.models import Indicator, IndicatorReading, StrategicOutcome  # noqa: PLC0415
    from commissioning.rounds import services  # noqa: PLC0415 -- after django.setup()
    from priorities.specifications.csv_imports import SubscriberImport  # noqa: PLC0415 -- after django.setup()
    from priorities.specifications.models import Subscriber  # noqa: PLC0415 -- after django.setup()

    call_command("migrate", verbosity=0)
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
    outcome = StrategicOutcome.objects.create(partnership=round_.partnership, code="O1", title="A thriving city")
    codes = [f"K{n}" for n in range(50)]
    Indicator.objects.bulk_create(
        Indicator(outcome=outcome, code=code, name=f"Indicator {code}", unit="%", higher_is_better=True)
        for code in codes
    )

    first = subscribers_file(args.rows)
    print(f"CSV import of {args.rows:,} rows ({len(first.encode()) / 1024 / 1024:.1f} MB mailing list), PostgreSQL")
    print(f"{'':<34}{'rows':>8}{'check r/s':>12}{'write r/s':>12}{'total r/s':>12}{'secs':>9}")
    run("mailing list, all new", SubscriberImport(by=officer, round_=round_), first, args.rows)
    run("mailing list, same file again", SubscriberImport(by=officer, round_=round_), first, args.rows)
    changed = subscribers_file(args.rows, names="Renamed")
    run("mailing list, every name changed", SubscriberImport(by=officer, round_=round_), changed, args.rows)
    run(
        "indicator readings, all new",
        ReadingImport(by=officer, round_=round_),
        readings_file(args.rows, codes),
        args.rows,
    )

    stored = Subscriber.objects.filter(partnership=round_.partnership, name__startswith="Renamed ").count()
    readings = IndicatorReading.objects.filter(indicator__outcome=outcome).count()
    assert stored == args.rows, f"{stored} renamed subscribers stored, expected {args.rows}"
    assert readings == args.rows, f"{readings} readings stored, expected {args.rows}"
    print(f"stored: {stored:,} subscribers, {readings:,} readings")


if __name__ == "__main__":
    main()
