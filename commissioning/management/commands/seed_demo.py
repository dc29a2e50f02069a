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
        self.stdout.write(f"Demo logins: the password for every one is {DEMO_PASSWORD}")
        for label, logins in demo_logins(round_):
            self.stdout.write(f"  {label} ({len(logins)})")
            for name, email, organisation in logins:
                who = f"{name}, {organisation}" if organisation else name
                self.stdout.write(f"    {email:<34} {who}")
        self.stdout.write("Open http://127.0.0.1:8000/ and sign in.")
