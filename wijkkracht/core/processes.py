"""How many worker processes serve the site.

One number for gunicorn (gunicorn.conf.py) and for the deploy check that a per-process
cache is not used by several processes (core/checks.py). It comes from WEB_CONCURRENCY,
gunicorn's own variable. Nothing here imports Django: gunicorn.conf.py reads it too.
"""

import os

# Unset, production counts on several workers: a single-process set-up says so with
# WEB_CONCURRENCY=1.
DEFAULT_WORKERS = 4


def configured_workers(environ=os.environ) -> int:
    value = environ.get("WEB_CONCURRENCY", "").strip()
    return int(value) if value else DEFAULT_WORKERS
