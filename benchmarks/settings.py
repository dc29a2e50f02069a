"""The application's settings plus a bare one-insert view, for benchmarks/voting.py only."""

from commissioning.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
