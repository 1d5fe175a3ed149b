"""Only case-desk standing is administered here; case contents never appear in the admin
(administrators manage users and roles, not cases)."""

from django.contrib import admin

from .models import CaseDeskMember


@admin.register(CaseDeskMember)
class CaseDeskMemberAdmin(admin.ModelAdmin):
    list_display = ("user", "is_supervisor")
    list_filter = ("is_supervisor",)
    raw_id_fields = ("user",)
    search_fields = ("user__username",)
