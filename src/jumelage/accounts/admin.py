from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from jumelage.accounts.models import ApiToken, Programme, Role, User


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    raw_id_fields = ["organisation"]


@admin.register(User)
class JumelageUserAdmin(UserAdmin):
    inlines = [RoleInline]


admin.site.register(Programme, prepopulated_fields={"slug": ["name"]})
admin.site.register(ApiToken, list_display=["name", "user", "prefix", "created_at", "last_used_at"])
