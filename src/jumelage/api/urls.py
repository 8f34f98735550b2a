"""The versioned JSON API: /api/v1/, its OpenAPI schema at /api/v1/openapi.json."""

from ninja import NinjaAPI

api = NinjaAPI(title="Jumelage API", version="1", urls_namespace="api-1")
