"""Only case-desk standing and case workers' authenticators are administered here; case contents
never appear in the admin (administrators manage users and roles, not cases)."""

from django.contrib import admin
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import CaseDeskMember, SealedTOTPDevice

# django-otp's own TOTP admin shows a device's QR code (its secret) to administrators and creates
# plaintext devices: every authenticator is a SealedTOTPDevice now.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(CaseDeskMember)
class CaseDeskMemberAdmin(admin.ModelAdmin[CaseDeskMember]):
    list_display = ("user", "is_supervisor")
    list_filter = ("is_supervisor",)
    raw_id_fields = ("user",)
    search_fields = ("user__username",)


@admin.register(SealedTOTPDevice)
class SealedTOTPDeviceAdmin(admin.ModelAdmin[SealedTOTPDevice]):
    """An administrator deletes the authenticator of a case worker who lost their phone; they set
    up a new one at their next sign-in. The secret is never shown, and devices are never made here."""

    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    search_fields = ("user__username",)
    fields = ("user", "name", "confirmed", "created_at", "last_used_at", "throttling_failure_count")
    readonly_fields = ("user", "confirmed", "created_at", "last_used_at", "throttling_failure_count")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
