import shutil

import pytest
from django.core.cache import cache
from django.db import connection

from commissioning.celery import app as celery_app
from commissioning.common.queue import forget_broker_failure
from commissioning.enums import Role
from tests.celery_support import (
    CeleryStack,
    CeleryWorker,
    RedisServer,
    SMTPSink,
    database_url_for_worker,
    point_app_at,
    skip_or_fail,
)
from tests.factories.commissioning import RoundFactory, UserFactory, person_with_role

# Tests that share one set-up wider than a test: the seeded demo (package-scoped), the static files built
# as production builds them (module-scoped).
SHARED_SETUP = ("tests/demo/", "tests/commissioning/test_static_build.py")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With ``-n`` (pytest-xdist's ``load`` distribution), the tests of a folder or module that share one
    set-up go to one worker together, to run one after the other; every other test is handed out on its own."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling  # noqa: PLC0415 -- only where pytest-xdist runs the tests

    class SharedSetUpTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return next((scope for scope in SHARED_SETUP if nodeid.startswith(scope)), nodeid)

    return SharedSetUpTogether(config, log)


@pytest.fixture(autouse=True)
def _celery_eager(request, settings):
    """Tasks run in-process unless a test drives a real worker."""
    forget_broker_failure()  # a broker stopped by an earlier test is not this test's
    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    settings.RUN_SLOW_TASKS_IN_PROCESS = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_STORAGE_ROOT = str(tmp_path / "private")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Production hashing is slow on purpose (about half a second a password); tests only need it to work."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def postgresql(transactional_db):
    """For the tests that prove a row lock holds with actions at once: they need PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL (set DATABASE_URL).")


@pytest.fixture
def round_(db):
    return RoundFactory()


@pytest.fixture
def officer(round_):
    return person_with_role(round_, Role.OFFICER, full_name="Olive Officer")


@pytest.fixture
def board_member(round_):
    return person_with_role(round_, Role.BOARD, full_name="Bob Board")


@pytest.fixture
def outsider(db):
    return UserFactory(full_name="Oscar Outsider")


@pytest.fixture
def people(round_):
    """One person per role in ``round_``, plus someone from outside it."""
    everyone = {role.value: person_with_role(round_, role) for role in Role}
    everyone["outsider"] = UserFactory()
    return everyone


@pytest.fixture
def real_celery(transactional_db, tmp_path):
    """Private Redis + SMTP sink + a real worker on the test database; this process sends to that broker."""
    if connection.vendor != "postgresql":
        skip_or_fail(
            "A real Celery worker runs in another process and needs PostgreSQL "
            "(set DATABASE_URL=postgres://...); the SQLite test database is private to this process."
        )
    if shutil.which("redis-server") is None:
        skip_or_fail("redis-server is not installed.")

    redis = RedisServer(tmp_path)
    smtp = SMTPSink()
    redis.start()
    smtp.start()
    worker = CeleryWorker(
        broker_url=redis.url,
        email_url=smtp.url,
        database_url=database_url_for_worker(),
        logfile=tmp_path / "worker.log",
    )
    previous_broker, previous_eager = celery_app.conf.get("broker_write_url"), celery_app.conf.task_always_eager
    try:
        worker.start()
        point_app_at(redis.url, eager=False)
        yield CeleryStack(redis=redis, smtp=smtp, worker=worker)
    finally:
        worker.stop()
        point_app_at(previous_broker, eager=previous_eager)
        smtp.stop()
        redis.stop()
