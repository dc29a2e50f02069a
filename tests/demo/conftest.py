"""The demo round, seeded once for every test in this folder.

``seed_demo`` walks a whole round through the services (about a minute), so the tests that read
what it made share one seeding: it runs inside a transaction that is rolled back when the last of
them has finished, and each test runs inside its own savepoint as usual. With pytest-xdist, this folder
goes to one worker whole (``pytest_xdist_make_scheduler`` in ``tests/conftest.py``), which runs its
tests one after the other and seeds the demo once; no test that commits (a browser's, a worker's)
runs on that worker in between.

The settings every test gets from the autouse fixtures in ``tests/conftest.py`` (tasks in-process,
fast password hashing, media in a temporary folder) hold for the seeding too; the media folder is
the seeding's, so that the files it wrote (letters, contracts) can be read by every test.
"""

import io
from dataclasses import dataclass, field

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from django.test.utils import override_settings

from commissioning.celery import app as celery_app
from commissioning.rounds.demo import DEMO_ROUND_NAME
from commissioning.rounds.models import Round


@dataclass
class Seeded:
    round: Round
    output: str  # what `manage.py seed_demo` printed
    emails: list = field(default_factory=list)  # the messages sent while seeding


@pytest.fixture(scope="package")
def _demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def _media_root(settings, _demo_media):
    """Overrides the per-test media folder: the demo's files stay readable."""
    settings.MEDIA_ROOT = str(_demo_media / "media")
    settings.PRIVATE_STORAGE_ROOT = str(_demo_media / "private")


@pytest.fixture(scope="package")
def seeded(django_db_setup, django_db_blocker, _demo_media):
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    overrides = override_settings(
        RUN_SLOW_TASKS_IN_PROCESS=True,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=str(_demo_media / "media"),
        PRIVATE_STORAGE_ROOT=str(_demo_media / "private"),
    )
    try:
        with django_db_blocker.unblock(), overrides, transaction.atomic():
            mail.outbox = []
            output = io.StringIO()
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("seed_demo", stdout=output)
            yield Seeded(Round.objects.get(name=DEMO_ROUND_NAME), output.getvalue(), list(mail.outbox))
            transaction.set_rollback(True)
    finally:
        celery_app.conf.task_always_eager = eager


@pytest.fixture
def demo_round(seeded, db):
    return Round.objects.get(pk=seeded.round.pk)
