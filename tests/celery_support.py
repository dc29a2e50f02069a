"""A real Celery worker on a private Redis, sending mail to an in-process SMTP sink.

Tests marked ``celery_worker`` use the ``real_celery`` fixture (in the tests' conftest), which
builds on what is here. The worker is a
separate process, so it can only see rows the test has committed: such tests need
PostgreSQL and ``transactional_db``. On SQLite they are skipped, unless
``REQUIRE_CELERY_TESTS=1`` (then they fail).

The Redis server is started for the test on a free loopback port with no
persistence, and can be stopped and started again on the same port to simulate a
broker outage. The machine's own Redis is never used.
"""

import email
import email.policy
import os
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import kombu.pools
import pytest
from django.conf import settings
from django.db import connection

from commissioning.celery import app as celery_app

LOOPBACK = "127.0.0.1"
START_TIMEOUT = 20


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def wait_for(condition, *, timeout=15.0, interval=0.1, message="condition"):
    """Poll ``condition`` until it returns something truthy; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out after {timeout:.0f}s waiting for {message}", pytrace=False)
        time.sleep(interval)


def _stop_process_group(process, *, timeout=10):
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=timeout)


class RedisServer:
    """A throwaway redis-server on a loopback port of its own, nothing written to disk."""

    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://{LOOPBACK}:{self.port}/0"

    def ping(self):
        try:
            with socket.create_connection((LOOPBACK, self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self):
        binary = shutil.which("redis-server")
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                LOOPBACK,
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
                "--logfile",
                str(self.workdir / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(self.ping, timeout=START_TIMEOUT, message=f"redis-server on port {self.port}")

    def stop(self):
        _stop_process_group(self.process)
        self.process = None

    def restart(self):
        self.stop()
        self.start()


@dataclass
class ReceivedMessage:
    mail_from: str
    to: list
    raw: bytes
    message: email.message.EmailMessage = field(repr=False)

    @property
    def subject(self):
        return self.message["Subject"]

    @property
    def message_id(self):
        return self.message["Message-ID"]

    @property
    def body(self):
        return self.message.get_body(preferencelist=("plain",)).get_content()


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) for smtplib: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 sink ESMTP")
        mail_from, recipients = "", []
        while line := self.rfile.readline():
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self.reply("250-sink")
                self.reply("250-8BITMIME")
                self.reply("250 SMTPUTF8")
            elif verb == "HELO":
                self.reply("250 sink")
            elif verb == "MAIL":
                mail_from, recipients = command.split(":", 1)[1].split()[0].strip("<>"), []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].split()[0].strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                self.server.sink.receive(mail_from, recipients, self._read_data())
                mail_from, recipients = "", []
                self.server.sink.hold_reply()
                self.reply("250 OK: queued")
            elif verb == "RSET":
                mail_from, recipients = "", []
                self.reply("250 OK")
            elif verb == "NOOP":
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def _read_data(self):
        lines = []
        while line := self.rfile.readline():
            if line in (b".\r\n", b".\n"):
                break
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)


class _ThreadingSMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SMTPSink:
    """Collects every message delivered to it over SMTP on a loopback port."""

    def __init__(self):
        self.messages = []
        self._lock = threading.Lock()
        self.server = _ThreadingSMTPServer((LOOPBACK, 0), _SMTPHandler)
        self.server.sink = self
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, name="smtp-sink", daemon=True)
        # With holding set, the sink keeps a message and does not answer that it took it until released:
        # a sender that dies meanwhile has sent a message it never heard was delivered.
        self.holding, self.held, self.released = threading.Event(), threading.Event(), threading.Event()

    def hold_reply(self):
        if self.holding.is_set():
            self.held.set()
            self.released.wait(timeout=120)

    @property
    def url(self):
        return f"smtp://{LOOPBACK}:{self.port}"

    def receive(self, mail_from, recipients, raw):
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        with self._lock:
            self.messages.append(ReceivedMessage(mail_from=mail_from, to=list(recipients), raw=raw, message=parsed))

    def received(self, count=1, *, timeout=15.0):
        """Wait until at least ``count`` messages arrived; return them all."""
        wait_for(lambda: len(self.messages) >= count, timeout=timeout, message=f"{count} message(s) at the SMTP sink")
        return list(self.messages)

    def start(self):
        self._thread.start()

    def stop(self):
        self.released.set()
        self.server.shutdown()
        self.server.server_close()


def database_url_for_worker():
    """The URL of the database this test process is using right now (the test database)."""
    db = connection.settings_dict
    credentials = db["USER"] or ""
    if db["PASSWORD"]:
        credentials += f":{db['PASSWORD']}"
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials + '@' if credentials else ''}{host}{port}/{db['NAME']}"


class CeleryWorker:
    """``celery -A commissioning worker`` in a subprocess, configured through its environment."""

    def __init__(self, *, broker_url, email_url, database_url, logfile, concurrency=2):
        self.broker_url = broker_url
        self.email_url = email_url
        self.database_url = database_url
        self.logfile = Path(logfile)
        self.concurrency = concurrency
        self.hostname = f"test-{uuid.uuid4().hex[:8]}@%h"
        self.process = None

    def environment(self):
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "commissioning.settings",
            "DATABASE_URL": self.database_url,
            "CELERY_BROKER_URL": self.broker_url,
            "EMAIL_URL": self.email_url,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            # The worker's files (PDFs, exports) where the test reads them, not in the project's folder.
            "PRIVATE_STORAGE_ROOT": str(settings.PRIVATE_STORAGE_ROOT),
            "SITE_URL": settings.SITE_URL,
            "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
            "DEFAULT_FROM_EMAIL": settings.DEFAULT_FROM_EMAIL,
            # Closed at once, so that nothing holds the test database open when the test ends.
            "CONN_MAX_AGE": "0",
        }
        environment.pop("TEST_DATABASE_NAME", None)
        return environment

    def start(self):
        celery = Path(sys.executable).with_name("celery")
        self._log = self.logfile.open("ab")
        self.process = subprocess.Popen(
            [
                str(celery),
                "-A",
                "commissioning",
                "worker",
                f"--concurrency={self.concurrency}",
                "--pool=prefork",
                "-Q",
                "celery",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
                "-n",
                self.hostname,
            ],
            cwd=settings.BASE_DIR,
            env=self.environment(),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(self._ready, timeout=START_TIMEOUT, message=f"the Celery worker to start (log: {self.logfile})")

    def _ready(self):
        if self.process.poll() is not None:
            pytest.fail(f"The Celery worker exited ({self.process.returncode}):\n{self.log()}", pytrace=False)
        return " ready." in self.log()

    def log(self):
        return self.logfile.read_text(errors="replace") if self.logfile.exists() else ""

    def stop(self):
        _stop_process_group(self.process, timeout=15)
        self.process = None
        self._log.close()

    def kill(self):
        """The worker dies at once, wherever it is (SIGKILL to it and its pool)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=15)
        self.process = None
        self._log.close()


@dataclass
class CeleryStack:
    redis: RedisServer
    smtp: SMTPSink
    worker: CeleryWorker


def point_app_at(broker_url, *, eager):
    """Point this process's Celery app at ``broker_url``, dropping connections made for another broker.

    Celery prefers the CELERY_BROKER_URL environment variable to ``broker_url``, but
    not to ``broker_write_url``/``broker_read_url``, so those are what is set here.
    """
    kombu.pools.reset()  # kombu keeps connection and producer pools in module-level registries
    # Celery has no public way to drop the pools an app made for its previous broker.
    celery_app._pool = None  # noqa: SLF001
    celery_app.amqp._producer_pool = None  # noqa: SLF001
    celery_app.conf.broker_write_url = broker_url
    celery_app.conf.broker_read_url = broker_url
    celery_app.conf.task_always_eager = eager


def _required():
    return os.environ.get("REQUIRE_CELERY_TESTS") == "1"


def skip_or_fail(reason):
    if _required():
        pytest.fail(reason + " REQUIRE_CELERY_TESTS=1 makes this an error.", pytrace=False)
    pytest.skip(reason)
