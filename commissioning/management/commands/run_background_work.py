"""Run every periodic sweep of the beat schedule in this process: without a broker (``make run``)
this is what renders PDFs, sends email and runs long imports, outside any request."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from commissioning.celery import app


class Command(BaseCommand):
    help = "Run each sweep of CELERY_BEAT_SCHEDULE once, or every --every seconds until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, default=0, help="repeat every this many seconds")

    def handle(self, *args, every=0, **options):
        while True:
            for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
                result = app.tasks[entry["task"]].apply()
                if result.failed():
                    self.stderr.write(f"{name} failed: {result.result}")
                elif options["verbosity"] > 1:
                    self.stdout.write(f"{name}: {result.result}")
            if not every:
                return
            time.sleep(every)
