from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from jumelage.api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
]

urlpatterns += i18n_patterns(
    path("", include("jumelage.web.urls")),
    path("accounts/", include("jumelage.accounts.urls")),
    path("directory/", include("jumelage.directory.urls")),
    path("profiles/", include("jumelage.opportunities.urls")),
    path("partners/", include("jumelage.matching.urls")),
    path("events/", include("jumelage.events.urls")),
    path("notifications/", include("jumelage.notifications.urls")),
    path("compliance/", include("jumelage.compliance.urls")),
    path("plans/", include("jumelage.outcomes.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
)
