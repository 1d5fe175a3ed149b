"""Back office for LMIA imports: the run reports, an upload view and the review queue of unplaced rows.

Only coordinators and administrators with staff access (and superusers) see any of it (permissions.py).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bettertogether.core.imports import RunStatus
from bettertogether.core.users import signed_in_account

from .forms import LmiaUploadForm, PlaceAddressForm
from .lmia_import import ImportOptions, RunReport, import_lmia_bytes
from .models import ApprovedPosition, ImportRun
from .permissions import can_delete_import_runs, can_manage_positions
from .review import review_groups
from .views_staff import place_from_post


class PositionsPermissionsMixin:
    """Role-based, not per-model Django permissions: the whole app is one back-office duty."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_manage_positions(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_positions(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False  # rows and runs come from imports only

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ImportRun)
class ImportRunAdmin(PositionsPermissionsMixin, admin.ModelAdmin[ImportRun]):
    change_list_template = "admin/positions/importrun/change_list.html"
    list_display = ("file_name", "period", "status", "rows", "positions", "lmias", "started_at", "created_by")
    list_filter = ("status", "variant")
    search_fields = ("file_name", "sha256", "period")
    fields = (
        "file_name",
        "status",
        "period",
        "period_start",
        "period_end",
        "variant",
        "rows",
        "positions",
        "lmias",
        "per_province_table",
        "warnings_list",
        "errors_list",
        "sha256",
        "size",
        "replaced",
        "started_at",
        "finished_at",
        "created_by",
    )
    readonly_fields = fields

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_delete_import_runs(request.user)

    @admin.display(description=_("per province"))
    def per_province_table(self, obj: ImportRun) -> str:
        rows = [
            (
                gettext("outside Canada") if code == "XX" else code,
                entry.get("rows", 0),
                entry.get("positions", 0),
                "" if entry.get("lmias") is None else entry["lmias"],
            )
            for code, entry in sorted(obj.per_province.items())
        ]
        if not rows:
            return "—"
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>",
            gettext("Province"),
            gettext("Rows"),
            gettext("Positions"),
            gettext("LMIAs"),
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )

    @admin.display(description=_("warnings"))
    def warnings_list(self, obj: ImportRun) -> str:
        return _message_list(obj.warnings)

    @admin.display(description=_("errors"))
    def errors_list(self, obj: ImportRun) -> str:
        return _message_list(obj.errors)

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("upload/", view(self.upload_view), name="positions_importrun_upload"),
            path("review/", view(self.review_view), name="positions_importrun_review"),
            *super().get_urls(),
        ]

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        if not can_manage_positions(request.user):
            raise PermissionDenied
        form = LmiaUploadForm(request.POST or None, request.FILES or None)
        report: RunReport | None = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            choices = ImportOptions(
                period=form.cleaned_data["period"] or None,
                replace=form.cleaned_data["replace"],
                dry_run=form.cleaned_data["dry_run"],
                user=signed_in_account(request.user),
            )
            report = import_lmia_bytes(upload.read(), upload.name, choices)
            if report.status == RunStatus.FAILED:
                messages.error(request, gettext("The file was not imported; nothing was changed."))
            elif report.status == RunStatus.SKIPPED:
                messages.warning(request, report.message)
            elif report.status == RunStatus.OK:
                messages.success(request, report.message)
            if report.run_id and report.status != RunStatus.DRY_RUN:
                return HttpResponseRedirect(reverse("admin:positions_importrun_change", args=[report.run_id]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Upload LMIA file"),
            "form": form,
            "report": report,
        }
        return TemplateResponse(request, "admin/positions/importrun/upload.html", context)

    def review_view(self, request: HttpRequest) -> HttpResponse:
        if not can_manage_positions(request.user):
            raise PermissionDenied
        if request.method == "POST" and place_from_post(request):
            return HttpResponseRedirect(request.path)
        found, total = review_groups()
        groups = [
            {
                **vars(group),
                "form": PlaceAddressForm(
                    initial={
                        "address": group.address,
                        "province": group.province,
                        "latitude": group.latitude,
                        "longitude": group.longitude,
                    }
                ),
            }
            for group in found
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Positions to place"),
            "groups": groups,
            "total_groups": total,
        }
        return TemplateResponse(request, "admin/positions/importrun/review.html", context)


def _message_list(messages_: list[str]) -> str:
    if not messages_:
        return "—"
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((m,) for m in messages_)))


@admin.register(ApprovedPosition)
class ApprovedPositionAdmin(PositionsPermissionsMixin, admin.ModelAdmin[ApprovedPosition]):
    list_display = ("employer", "place", "province", "period", "stream", "noc_code", "positions", "geo_precision")
    list_filter = ("period", "province", "stream", "geo_precision", "noc_broad")
    search_fields = ("employer", "address", "noc_title", "noc_code")
    list_select_related = ("run",)
    show_full_result_count = False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in self.model._meta.fields]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # rows leave with their run
