"""ASGI entry point (uvicorn jumelage.asgi:application)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
application = get_asgi_application()
