"""Gunicorn's settings for the web process; gunicorn reads this file from the folder it starts in.

Workers follow gunicorn's own guidance, two per core plus one, so that a worker waiting on the
database leaves the processor to another. ``WEB_CONCURRENCY`` sets the number outright.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
