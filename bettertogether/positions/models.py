"""Approved temporary foreign worker positions (ESDC positive LMIA lists) and the runs that loaded them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bettertogether.core.imports import STORED_STATUSES, RunStatus


class ImportRun(models.Model):
    """One attempt to import one LMIA file. Failed runs are kept (with their errors) but own no rows;
    dry runs are never stored."""

    # The status every import reports (core.imports); a run is stored as ok, failed or replaced.
    Status = RunStatus

    file_name = models.CharField(_("file name"), max_length=255)
    # Unique among successful runs only (constraint below): a failed file may be retried.
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    period = models.CharField(_("period"), max_length=16, blank=True, help_text=_("e.g. 2021Q3, 2016, 2017Q1-Q2"))
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    variant = models.CharField(_("format variant"), max_length=8, blank=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=[(s.value, s.label) for s in STORED_STATUSES], default=RunStatus.OK
    )
    rows = models.PositiveIntegerField(_("rows"), default=0)
    positions = models.PositiveIntegerField(_("approved positions"), default=0)
    lmias = models.PositiveIntegerField(_("approved LMIAs"), null=True, blank=True)
    # {"NS": {"rows": 76, "positions": 480, "lmias": null}, "XX": {...}, ...}
    per_province = models.JSONField(_("per province"), default=dict, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    replaced = models.JSONField(_("replaced runs"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("LMIA import run")
        verbose_name_plural = _("LMIA import runs")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sha256"], condition=models.Q(status="ok"), name="positions_importrun_unique_ok_sha256"
            )
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.period or '?'}, {self.status})"


class ApprovedPosition(models.Model):
    """One data row of a positive LMIA employers list: employer × address × occupation × stream."""

    class GeoPrecision(models.TextChoices):
        POSTAL_CODE = "postal_code", _("Full postal code")
        FSA = "fsa", _("Postal area (FSA)")
        PLACE = "place", _("Place name")
        FIX = "fix", _("Placed by a coordinator")
        NONE = "", _("Not placed")

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="positions_set")
    row_number = models.PositiveIntegerField(_("row in file"))
    period = models.CharField(_("period"), max_length=16)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    quarter = models.CharField(_("quarter"), max_length=16, blank=True, help_text=_("'' for an annual file"))
    province = models.CharField(_("province"), max_length=2, help_text=_("XX = head office outside Canada"))
    stream = models.CharField(_("stream"), max_length=40, blank=True)
    stream_original = models.CharField(_("stream as written"), max_length=120, blank=True)
    employer = models.CharField(_("employer"), max_length=300)
    address = models.CharField(_("address"), max_length=400, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=7, blank=True)
    fsa = models.CharField(_("FSA"), max_length=3, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    noc_code = models.CharField(_("NOC code"), max_length=5, blank=True)
    noc_version = models.PositiveSmallIntegerField(_("NOC version"), null=True, blank=True)
    noc_title = models.CharField(_("occupation"), max_length=300, blank=True)
    noc_broad = models.CharField(_("NOC broad category"), max_length=1, blank=True)
    lmias = models.PositiveIntegerField(_("approved LMIAs"), null=True, blank=True)
    positions = models.PositiveIntegerField(_("approved positions"))
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    geo_precision = models.CharField(
        _("location precision"), max_length=12, choices=GeoPrecision.choices, blank=True, default=""
    )
    geo_warnings = models.JSONField(_("location warnings"), default=list, blank=True)

    class Meta:
        verbose_name = _("approved position")
        verbose_name_plural = _("approved positions")
        ordering = ["run_id", "row_number"]
        indexes = [
            models.Index(fields=["period_start", "province"], name="positions_period_prov"),
            models.Index(fields=["province"], name="positions_province"),
            models.Index(fields=["stream"], name="positions_stream"),
            models.Index(fields=["noc_code"], name="positions_noc"),
            models.Index(fields=["noc_broad"], name="positions_noc_broad"),
            models.Index(fields=["geo_precision"], name="positions_geo_precision"),
        ]

    def __str__(self) -> str:
        return f"{self.employer} — {self.positions} ({self.period}, {self.province})"

    @property
    def outside_canada(self) -> bool:
        return self.province == "XX"
