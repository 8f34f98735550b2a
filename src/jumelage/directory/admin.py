from django.contrib import admin

from jumelage.directory import models


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "region", "source", "archived"]
    list_filter = ["kind", "country", "archived", "source"]
    search_fields = ["name", "name_latin", "external_id"]
    autocomplete_fields = ["region"]
    filter_horizontal = ["sectors"]
    raw_id_fields = ["activities"]


@admin.register(models.Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "country", "kind", "parent", "airr_member"]
    search_fields = ["code", "names"]


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "organisation", "consent_at", "erased_at"]
    search_fields = ["last_name", "first_name", "email"]
    raw_id_fields = ["organisation", "user"]


admin.site.register(models.Sector)
admin.site.register(models.Activity, search_fields=["code"])
admin.site.register(models.Membership, raw_id_fields=["organisation", "parent"])
admin.site.register(
    models.CooperationProject,
    search_fields=["external_id", "title"],
    raw_id_fields=["participants"],
)
admin.site.register(models.DuplicateCandidate, raw_id_fields=["first", "second"])
