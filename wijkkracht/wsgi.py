"""WSGI entry point: `gunicorn wijkkracht.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkkracht.settings")
application = get_wsgi_application()
