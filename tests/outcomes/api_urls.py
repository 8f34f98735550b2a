"""The site's URLs with the plans router mounted in a test API (until the site mounts it)."""

from django.urls import path
from ninja import NinjaAPI

from jumelage.api.auth import AUTHENTICATED
from jumelage.api.errors import install_error_handlers
from jumelage.outcomes.api import router
from jumelage.urls import urlpatterns as site_urlpatterns

api = NinjaAPI(title="test", version="test", urls_namespace="outcomes-test-api", auth=AUTHENTICATED)
install_error_handlers(api)
api.add_router("/plans", router)

urlpatterns = [path("api/v1/", api.urls), *site_urlpatterns]
