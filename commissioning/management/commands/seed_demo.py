from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from commissioning.rounds.demo import DEMO_PASSWORD, demo_logins, seed_demo


class Command(BaseCommand):
    help = "Build (or complete) the demo round modelled on the Coventry case. Safe to run twice."

    def handle(self, *args, **options):
        # The demo's emails are kept in memory, not printed: its send logs show them, and the
        # logins below stay readable.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            round_ = seed_demo(stdout=self.stdout)
        round_.refresh_from_db()
        self.stdout.write(self.style.SUCCESS(f"Demo round ready: {round_.name} (stage: {round_.get_stage_display()})"))
        self.stdout.write("Demo logins (password for all: %s):" % DEMO_PASSWORD)
        self.stdout.write(f"  {'Administrator':<26} admin@demo.example")
        for label, email in demo_logins():
            self.stdout.write(f"  {label:<26} {email}")
        self.stdout.write("Open http://127.0.0.1:8000/ and sign in.")
