"""WSGI entry point (gunicorn emulation.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")

application = get_wsgi_application()
