"""The image's static files, built the Dockerfile's way, serve pages with DEBUG off.

A build with DEBUG on writes no manifest, and then every page fails with DEBUG off on its first
stylesheet. The build here runs the Dockerfile's own command into a temporary folder, and pages
are then rendered and their stylesheets fetched with production's static files storage.
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import Client

BASE_DIR = Path(__file__).resolve().parents[2]


def dockerfile_static_command():
    """The Dockerfile's one RUN line that builds the static files."""
    lines = [
        line.removeprefix("RUN ").strip()
        for line in (BASE_DIR / "Dockerfile").read_text().splitlines()
        if line.startswith("RUN ") and ("collectstatic" in line or "build-static" in line)
    ]
    assert len(lines) == 1, lines
    return lines[0]


def clean_environment(**extra):
    """This machine's PATH (with the project's Python first, as the image's is) and nothing from a .env."""
    python_dir = str(Path(sys.executable).parent)
    return {
        "PATH": os.pathsep.join([python_dir, os.environ.get("PATH", "/usr/bin:/bin")]),
        "HOME": os.environ.get("HOME", str(BASE_DIR)),
        "DATABASE_URL": f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        "CELERY_BROKER_URL": "",
        "CACHE_URL": "",
        "EMAIL_URL": "",
        **extra,
    }


@pytest.fixture(scope="module")
def built_static(tmp_path_factory):
    """STATIC_ROOT as the image's build leaves it, and the static files storage production uses."""
    if shutil.which("sh") is None:
        pytest.skip("sh is needed to run the Dockerfile's command")
    root = tmp_path_factory.mktemp("staticfiles")
    result = subprocess.run(  # the Dockerfile's own command, from our own file
        ["sh", "-c", dockerfile_static_command()],
        cwd=BASE_DIR,
        env=clean_environment(STATIC_ROOT=str(root), VERBOSITY="0"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    production = subprocess.run(  # our own manage.py with a fixed command
        [
            sys.executable,
            str(BASE_DIR / "manage.py"),
            "shell",
            "-c",
            "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'])",
        ],
        cwd=BASE_DIR,
        env=clean_environment(
            DJANGO_SETTINGS_MODULE="commissioning.settings",
            DEBUG="off",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="testserver",
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert production.returncode == 0, production.stderr
    return root, production.stdout.strip().splitlines()[-1]


@pytest.fixture
def production_static(settings, built_static):
    root, backend = built_static
    settings.DEBUG = False
    settings.STATIC_ROOT = str(root)
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": backend}}
    return root


def test_the_dockerfile_builds_static_files_with_debug_off():
    command = dockerfile_static_command()

    assert "DEBUG=on" not in command
    assert "DEBUG=on" not in (BASE_DIR / "Dockerfile").read_text()


def test_the_build_writes_the_manifest_production_reads(built_static):
    root, backend = built_static

    assert backend == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert (root / "staticfiles.json").exists()
    assert list((root / "govuk").glob("govuk-frontend.min.*.css"))
    assert not list(root.rglob("*.scss")), "the Sass sources are not served and are left out"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/"])
def test_pages_render_with_debug_off_and_link_hashed_stylesheets_that_are_served(production_static, path):
    client = Client()

    response = client.get(path, secure=True)

    assert response.status_code == 200
    stylesheets = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', response.content.decode())
    assert stylesheets
    for href in stylesheets:
        assert re.search(r"\.[0-9a-f]{12}\.css$", href), href
        served = client.get(href, secure=True)
        assert served.status_code == 200, href
        assert served.get("Cache-Control", "").startswith("max-age=315360000"), href


@pytest.mark.django_db
def test_the_home_page_links_the_services_hashed_stylesheets(production_static):
    response = Client().get("/", secure=True)

    assert re.search(r'href="/static/css/govuk-frontend\.[0-9a-f]{12}\.css"', response.content.decode())
    assert re.search(r'href="/static/css/app\.[0-9a-f]{12}\.css"', response.content.decode())


def test_check_compose_says_plainly_when_no_docker_engine_runs(tmp_path):
    fake_docker = tmp_path / "docker"
    fake_docker.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "--version" ]; then echo "Docker version 26.1.5"; exit 0; fi\n'
        'echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock." >&2\n'
        "exit 1\n"
    )
    fake_docker.chmod(0o755)
    environment = {"PATH": f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}"}

    skipped = subprocess.run(
        [str(BASE_DIR / "bin" / "check-compose")], env=environment, capture_output=True, text=True, timeout=60
    )
    required = subprocess.run(
        [str(BASE_DIR / "bin" / "check-compose")],
        env={**environment, "REQUIRE_DOCKER": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert skipped.returncode == 0
    assert "NOT RUN" in skipped.stderr
    assert "no Docker engine answers" in skipped.stderr
    assert required.returncode == 1
    assert "NOT RUN" in required.stderr


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def production_web(built_static, tmp_path):
    """gunicorn with gunicorn.conf.py and DEBUG off on the built static files, on a spare loopback port."""
    root, _ = built_static
    port = free_port()
    environment = clean_environment(
        DJANGO_SETTINGS_MODULE="commissioning.settings",
        DEBUG="off",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="localhost",
        STATIC_ROOT=str(root),
        DATABASE_URL=f"sqlite:///{tmp_path / 'web.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="1",
    )
    migrate = subprocess.run(  # our own manage.py with a fixed command
        [sys.executable, str(BASE_DIR / "manage.py"), "migrate", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert migrate.returncode == 0, migrate.stderr
    log = (tmp_path / "gunicorn.log").open("w")
    web = subprocess.Popen(  # the project's own gunicorn, reading ./gunicorn.conf.py
        [str(Path(sys.executable).parent / "gunicorn"), "commissioning.wsgi"],
        cwd=BASE_DIR,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield port
    finally:
        os.killpg(web.pid, signal.SIGTERM)
        try:
            web.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(web.pid, signal.SIGKILL)
            web.wait()
        log.close()


def healthcheck(port):
    return subprocess.run(  # our own script
        [sys.executable, str(BASE_DIR / "bin" / "healthcheck-web")],
        env=clean_environment(HEALTHCHECK_URL=f"http://127.0.0.1:{port}", ALLOWED_HOSTS="localhost"),
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_gunicorn_serves_the_built_site_and_refuses_a_100_mb_body_unread(production_web):
    port = production_web
    deadline = time.monotonic() + 90
    while (checked := healthcheck(port)).returncode != 0 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert re.search(r"web answers: / and /static/\S+\.[0-9a-f]{12}\.css", checked.stdout), checked.stdout

    with socket.create_connection(("127.0.0.1", port), timeout=15) as connection:
        connection.sendall(
            b"POST /accounts/signup/ HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Proto: https\r\n"
            b"Content-Type: application/octet-stream\r\nContent-Length: 104857600\r\n\r\n"
            + b"x"
            * 65536  # the start of it: the answer comes without the rest being sent
        )
        answer = b""
        while b"\r\n\r\n" not in answer and (chunk := connection.recv(4096)):
            answer += chunk

    assert answer.startswith(b"HTTP/1.1 413 ")
