from pathlib import Path
from typing import cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from bettertogether.core.periods import parse_period

ALLOWED_SUFFIXES = (".xlsx", ".csv")


class LmiaUploadForm(forms.Form):
    file = forms.FileField(
        label=_("LMIA file"), help_text=_("The ESDC positive LMIA employers list, as .xlsx or .csv.")
    )
    period = forms.CharField(
        label=_("Period"),
        required=False,
        max_length=16,
        help_text=_("Only when the file does not say it, e.g. 2021Q3, 2016 or 2017Q1-Q2."),
    )
    replace = forms.BooleanField(
        label=_("Replace the period"),
        required=False,
        help_text=_("Replace the rows already loaded for this period from another file."),
    )
    dry_run = forms.BooleanField(label=_("Check only (write nothing)"), required=False)

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise ValidationError(_("Only .xlsx and .csv files can be imported."))
        limit = settings.BT_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("The file is %(size)s; the limit is %(limit)s."),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            )
        return cast(UploadedFile, upload)  # what a FileField cleans to

    def clean_period(self) -> str:
        value: str = self.cleaned_data["period"].strip()
        if value:
            try:
                parse_period(value)
            except ValueError as exc:
                raise ValidationError(_("Not a period: use e.g. 2021Q3, 2016 or 2017Q1-Q2.")) from exc
        return value


class PlaceAddressForm(forms.Form):
    address = forms.CharField(widget=forms.HiddenInput, max_length=400)
    province = forms.CharField(widget=forms.HiddenInput, max_length=2)
    latitude = forms.FloatField(label=_("Latitude"), min_value=41.0, max_value=84.0)
    longitude = forms.FloatField(label=_("Longitude"), min_value=-142.0, max_value=-52.0)
