"""WSGI entry point: `gunicorn wijkkracht.wsgi`."""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkkracht.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402 - settings are loaded by now

if not settings.DEBUG and not settings.SECRET_KEY_FROM_ENV:
    raise ImproperlyConfigured("Set SECRET_KEY, or DEBUG=1 for development.")
