from django.contrib import admin

from jumelage.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    Participant,
    ScheduleRun,
    Session,
    Table,
)


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["label", "day", "start", "slot_minutes", "break_minutes", "slot_count"]
    readonly_fields = fields  # slots are cut by the events service, not here


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "start_date", "place", "programme", "scheduling_mode"]
    search_fields = ["title", "slug", "place"]
    filter_horizontal = ["organisers"]
    inlines = [SessionInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["person", "event", "side", "status"]
    list_filter = ["side", "status", "event"]
    raw_id_fields = ["person"]
    search_fields = ["person__last_name", "person__organisation__name"]
    exclude = ["unavailable_slots"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(admin.ModelAdmin):
    list_display = ["requester", "recipient", "status", "priority", "created_at", "expires_at"]
    list_filter = ["status", "priority", "event"]
    raw_id_fields = ["requester", "recipient"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "event", "slot", "table", "locked", "attendance"]
    list_filter = ["event", "attendance", "locked"]
    raw_id_fields = ["request", "first", "second", "slot", "table"]


@admin.register(ScheduleRun)
class ScheduleRunAdmin(admin.ModelAdmin):
    list_display = ["event", "number", "kind", "state", "status", "meetings_placed", "breaks"]
    list_filter = ["event", "state"]
    readonly_fields = [f.name for f in ScheduleRun._meta.fields]


admin.site.register(Table)
