from django.contrib import admin

from jumelage.opportunities.models import CooperationProfile, ExpressionOfInterest, SavedSearch


@admin.register(CooperationProfile)
class CooperationProfileAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "type", "status", "visibility", "expires_at"]
    list_filter = ["type", "status", "visibility"]
    search_fields = ["title", "organisation__name"]
    raw_id_fields = ["organisation", "created_by", "published_by"]
    filter_horizontal = ["sectors"]
    readonly_fields = ["search_text"]


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(admin.ModelAdmin):
    list_display = ["profile", "organisation", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["profile", "organisation", "created_by", "decided_by"]


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "q", "alerts"]
    raw_id_fields = ["user"]
