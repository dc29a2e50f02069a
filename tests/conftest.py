import pytest

from commissioning.celery import app as celery_app
from commissioning.enums import Role
from tests.celery_support import real_celery  # noqa: F401 - fixture for tests marked celery_worker
from tests.factories import RoundFactory, UserFactory, person_with_role


@pytest.fixture(autouse=True)
def _celery_eager(request, settings):
    """Tasks run in-process unless a test drives a real worker."""
    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Production hashing is slow on purpose (about half a second a password); tests only need it to work."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
