from django.contrib import admin

from jumelage.matching.models import Feedback, IndexBuild


@admin.register(IndexBuild)
class IndexBuildAdmin(admin.ModelAdmin):
    list_display = ["started_at", "status", "organisations", "projects", "profiles", "finished_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in IndexBuild._meta.fields]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "subject", "result", "rank", "relevant"]
    list_filter = ["relevant", "subject"]
    raw_id_fields = ["user", "subject_organisation", "subject_profile", "result"]
