"""The versioned JSON API: /api/v1/, its OpenAPI schema at /api/v1/openapi.json."""

from ninja import NinjaAPI

from jumelage.api import directory
from jumelage.api.auth import AUTHENTICATED
from jumelage.api.errors import install_error_handlers
from jumelage.compliance import api as compliance_api
from jumelage.events import api as events_api
from jumelage.matching import api as matching_api
from jumelage.opportunities import api as opportunities_api
from jumelage.outcomes import api as outcomes_api

api = NinjaAPI(
    title="Jumelage API",
    version="1",
    urls_namespace="api-1",
    auth=AUTHENTICATED,
    description=(
        "Scripts authenticate with `Authorization: Bearer <key>` (create a key on the "
        "API tokens page or with `jumelage create-api-token`); browsers with their session "
        "and the CSRF token on writes. Messages follow the Accept-Language header."
    ),
)
install_error_handlers(api)
api.add_router("/organisations", directory.organisations)
api.add_router("/people", directory.people)
api.add_router("/regions", directory.regions)
api.add_router("/compliance", compliance_api.router)
api.add_router("/events", events_api.router)
api.add_router("/profiles", opportunities_api.router)
api.add_router("/matching", matching_api.router)
api.add_router("/plans", outcomes_api.router)
