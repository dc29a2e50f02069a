"""Gunicorn's settings for the web process; gunicorn reads this file from the folder it starts in.

Workers follow gunicorn's own guidance, two per core plus one, so that a worker waiting on the
database leaves the processor to another. ``WEB_CONCURRENCY`` sets the number outright.

Gunicorn limits the request line and headers, not the body: the body's size is limited by
``commissioning.common.request_size.RequestSizeLimitMiddleware`` (``MAX_REQUEST_BYTES``).
"""

import multiprocessing
import os

bind = [os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")]
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# One line per request, e.g. "-" for standard output (docker-compose.yml sets it). Unset: none.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
