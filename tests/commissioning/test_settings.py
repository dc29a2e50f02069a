"""Start-up with DEBUG off, checked in a fresh process with a controlled environment."""

import multiprocessing
import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]


def run_manage(*args, **environment):
    # Empty values are set on purpose: a developer's .env file never overrides what the environment says.
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(BASE_DIR)),
        "DJANGO_SETTINGS_MODULE": "commissioning.settings",
        "DATABASE_URL": f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        "CELERY_BROKER_URL": "",
        "CACHE_URL": "",
        "EMAIL_URL": "",
        **environment,
    }
    return subprocess.run(  # our own manage.py with a fixed argument list
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_settings_without_secret_key_stop_start_up_with_a_clear_message():
    result = run_manage("check", DEBUG="False", SECRET_KEY="", ALLOWED_HOSTS="commissioning.example.org")

    assert result.returncode != 0
    assert "DEBUG is off, so these environment variables must be set: SECRET_KEY." in result.stderr


def test_settings_without_allowed_hosts_stop_start_up_with_a_clear_message():
    result = run_manage("check", DEBUG="False", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="")

    assert result.returncode != 0
    assert "DEBUG is off, so these environment variables must be set: ALLOWED_HOSTS." in result.stderr


def test_settings_without_secret_key_or_allowed_hosts_name_both():
    result = run_manage("check", DEBUG="False", SECRET_KEY="", ALLOWED_HOSTS="")

    assert result.returncode != 0
    assert "must be set: SECRET_KEY, ALLOWED_HOSTS." in result.stderr


def test_settings_for_production_pass_the_deployment_checks():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="commissioning.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert result.stderr == ""


def test_settings_with_debug_on_start_without_secrets():
    result = run_manage("check", DEBUG="True")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_cache_url_gives_every_process_one_shared_cache():
    redis_url = os.environ.get("CELERY_BROKER_URL", "")
    if not redis_url.startswith("redis://"):
        pytest.skip("needs Redis (CI sets CELERY_BROKER_URL)")
    key = f"shared-{secrets.token_hex(8)}"
    count = "from django.core.cache import cache; cache.add('{key}', 0, 60); print(cache.incr('{key}'))"

    first = run_manage("shell", "--no-imports", "-c", count.format(key=key), CACHE_URL=redis_url)
    second = run_manage("shell", "--no-imports", "-c", count.format(key=key), CACHE_URL=redis_url)

    counts = (first.stdout.split()[-1:], second.stdout.split()[-1:])
    assert counts == (["1"], ["2"]), first.stderr + second.stderr


def test_gunicorn_runs_two_workers_per_core_plus_one_unless_told(monkeypatch):
    config = str(BASE_DIR / "gunicorn.conf.py")
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    assert runpy.run_path(config)["workers"] == multiprocessing.cpu_count() * 2 + 1

    monkeypatch.setenv("WEB_CONCURRENCY", "7")
    assert runpy.run_path(config)["workers"] == 7


def env_example_value(name):
    for line in (BASE_DIR / ".env.example").read_text().splitlines():
        if line.startswith(f"{name}="):
            return line.split("=", 1)[1]
    raise AssertionError(f"{name} is not in .env.example")


def test_settings_refuse_the_env_example_placeholder_as_secret_key():
    placeholder = env_example_value("SECRET_KEY")

    result = run_manage("check", DEBUG="False", SECRET_KEY=placeholder, ALLOWED_HOSTS="commissioning.example.org")

    assert result.returncode != 0
    assert "SECRET_KEY is still the placeholder from .env.example" in result.stderr


def test_settings_refuse_a_secret_key_shorter_than_fifty_characters():
    result = run_manage("check", DEBUG="False", SECRET_KEY="x" * 49, ALLOWED_HOSTS="commissioning.example.org")

    assert result.returncode != 0
    assert "SECRET_KEY must be at least 50 characters long (it has 49)." in result.stderr


def test_settings_accept_a_secret_key_of_fifty_characters():
    result = run_manage("check", DEBUG="False", SECRET_KEY="k" * 50, ALLOWED_HOSTS="commissioning.example.org")

    assert result.returncode == 0, result.stderr


def test_settings_refuse_one_redis_database_for_both_cache_and_broker():
    result = run_manage("check", CACHE_URL="redis://127.0.0.1:6379/0", CELERY_BROKER_URL="redis://127.0.0.1:6379/0")

    assert result.returncode != 0
    assert "CACHE_URL and CELERY_BROKER_URL name the same Redis database" in result.stderr


def test_compose_and_env_example_give_cache_and_broker_their_own_databases():
    compose = (BASE_DIR / "docker-compose.yml").read_text()

    assert "CELERY_BROKER_URL: redis://redis:6379/0" in compose
    assert "CACHE_URL: redis://redis:6379/1" in compose
    assert env_example_value("CELERY_BROKER_URL") == "redis://redis:6379/0"
    assert env_example_value("CACHE_URL") == "redis://redis:6379/1"


def test_postgresql_connections_run_without_the_jit_compiler(postgresql):
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
