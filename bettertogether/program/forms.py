"""Forms of the program office. Control characters are refused in every text."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bettertogether.core.periods import parse_period
from bettertogether.core.provinces import Province

from .models import AgreementKind, Visit
from .results import PROVINCES

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control_characters(value: str) -> None:
    if _CONTROL.search(value or ""):
        raise ValidationError(_("Remove the control characters from the text."))


def _quarter(value: str) -> str:
    try:
        period = parse_period(value)
    except ValueError as exc:
        raise ValidationError(_("Not a quarter: %(value)s.") % {"value": value[:20]}) from exc
    if not period.is_quarter:
        raise ValidationError(_("Not a quarter: %(value)s.") % {"value": value[:20]})
    return period.quarter


class DenominatorForm(forms.Form):
    province = forms.ChoiceField(label=_("Province"), choices=[(p, Province(p).label) for p in PROVINCES])
    period_from = forms.CharField(widget=forms.HiddenInput, max_length=6)
    period_to = forms.CharField(widget=forms.HiddenInput, max_length=6)
    value = forms.IntegerField(label=_("Number of migrant workers"), min_value=1, max_value=10_000_000, required=False)
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        required=False,
        validators=[no_control_characters],
        help_text=_(
            "For example: IRCC, work permit holders on 31 December 2023. "
            "Leave both empty to use the LMIA positions again."
        ),
    )

    def clean_period_from(self) -> str:
        return _quarter(self.cleaned_data["period_from"])

    def clean_period_to(self) -> str:
        return _quarter(self.cleaned_data["period_to"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("value") is not None and not (data.get("source") or "").strip():
            self.add_error("source", _("Give the source of this number."))
        return data


class AgreementForm(forms.Form):
    organization = forms.ChoiceField(label=_("Partner organization"))
    kind = forms.ChoiceField(label=_("Kind"), choices=AgreementKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, validators=[no_control_characters])
    starts_on = forms.DateField(label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))
    amount = forms.DecimalField(label=_("Amount (CAD)"), min_value=0, max_digits=12, decimal_places=2)
    payment_schedule = forms.CharField(
        label=_("Payment schedule"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[no_control_characters],
    )
    deliverables = forms.CharField(
        label=_("Deliverables"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[no_control_characters],
    )
    reporting_schedule = forms.CharField(
        label=_("Reporting schedule"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[no_control_characters],
    )

    def __init__(self, *args: Any, organizations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = organizations

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The agreement cannot end before it starts."))
        return data


class AmendmentForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("New end date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    amount = forms.DecimalField(
        label=_("New amount (CAD)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), validators=[no_control_characters]
    )


class StatusForm(forms.Form):
    status = forms.CharField(max_length=20)
    reason = forms.CharField(required=False, max_length=2000, validators=[no_control_characters])


class VisitForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Visit.Kind.choices)
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("Place"), max_length=200, validators=[no_control_characters])
    attendees = forms.CharField(
        label=_("Attendees"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[no_control_characters],
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[no_control_characters],
    )
    findings = forms.CharField(
        label=_("Findings"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[no_control_characters],
    )


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=500, validators=[no_control_characters])
    owner = forms.CharField(label=_("Owner"), max_length=200, validators=[no_control_characters])
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))


class ScheduleReportForm(forms.Form):
    period_start = forms.DateField(label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Period to"), widget=forms.DateInput(attrs={"type": "date"}))
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


def _text(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[no_control_characters],
    )


class ReportForm(forms.Form):
    """The partner's figures (one value and one reason per figure) and the narrative."""

    successes = _text(_("Successes"))
    challenges = _text(_("Challenges"))
    lessons = _text(_("Lessons learned"))

    def __init__(self, *args: Any, keys: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keys = keys
        for key in keys:
            self.fields[f"value_{key}"] = forms.IntegerField(required=False, min_value=0, max_value=10_000_000)
            self.fields[f"reason_{key}"] = forms.CharField(
                required=False, max_length=2000, validators=[no_control_characters]
            )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("return", _("Return for changes"))])
    note = forms.CharField(
        label=_("Note to the partner"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[no_control_characters],
    )
