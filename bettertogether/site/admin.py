"""Kept contact messages (mail failed when they were sent): administrators read them, send them
again or clear them. Nothing else about them can be changed, and none is made here."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import KeptMessage
from .permissions import can_handle_kept_messages


@admin.register(KeptMessage)
class KeptMessageAdmin(admin.ModelAdmin[KeptMessage]):
    list_display = ("created_at", "language", "attempts", "last_error", "last_attempt_at")
    readonly_fields = ("created_at", "name", "reply_to", "message", "language", "attempts", "last_error")
    fields = readonly_fields
    actions = ["send_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_handle_kept_messages(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_handle_kept_messages(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_handle_kept_messages(request.user)

    @admin.action(description=_("Send the selected messages again"), permissions=["delete"])
    def send_again(self, request: HttpRequest, queryset: QuerySet[KeptMessage]) -> None:
        sent, failed = services.resend_kept(queryset.values_list("pk", flat=True))
        if sent:
            self.message_user(
                request,
                ngettext("%(count)d message sent.", "%(count)d messages sent.", sent) % {"count": sent},
                messages.SUCCESS,
            )
        if failed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d message could not be sent and is still kept.",
                    "%(count)d messages could not be sent and are still kept.",
                    failed,
                )
                % {"count": failed},
                messages.WARNING,
            )
