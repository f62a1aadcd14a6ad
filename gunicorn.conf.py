"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py wijkkracht.wsgi`.

The number of workers comes from WEB_CONCURRENCY (default 4), the same number the
deploy check reads (`manage.py check --deploy`): more than one worker needs a shared
cache (REDIS_URL), because rate limits and sessions are kept there.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wijkkracht.core.processes import configured_workers  # noqa: E402

workers = configured_workers()
bind = os.environ.get("BIND", "127.0.0.1:8000")
accesslog = "-"
# No length limit on the request line here: Django refuses an over-long query string
# itself (MAX_QUERY_STRING_LENGTH, core/middleware.py), so the API answers in JSON
# instead of gunicorn's HTML "414". The TLS proxy in front bounds the line for real
# (README, Production).
limit_request_line = 0
