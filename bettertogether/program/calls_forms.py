"""Forms of the calls for proposals. Control characters are refused in every text field (core)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from bettertogether.core.roles import Role

from .calls_models import Criterion
from .forms import no_control_characters

DATE = forms.DateInput(attrs={"type": "date"})


def _text(label: Any, *, required: bool = True, rows: int = 4, max_length: int = 8000) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        validators=[no_control_characters],
    )


def reviewer_choices() -> list[tuple[str, str]]:
    users = get_user_model().objects.filter(
        is_active=True, role__in=(Role.COORDINATOR, Role.FUNDER_APPROVER, Role.ADMINISTRATOR)
    )
    return [(str(u.pk), u.get_full_name() or u.get_username()) for u in users.order_by("last_name", "username")]


class CallForm(forms.Form):
    slug = forms.SlugField(label=_("Short name in the address"), max_length=80)
    title = forms.CharField(label=_("Title"), max_length=200, validators=[no_control_characters])
    objectives = _text(_("Objectives"))
    eligibility = _text(_("Who may apply"))
    how_to_apply = _text(_("How to apply"))
    opens_on = forms.DateField(label=_("Opens on"), widget=DATE)
    closes_on = forms.DateField(label=_("Closes on (applications until the end of this day)"), widget=DATE)
    projects_start = forms.DateField(label=_("Projects start on"), widget=DATE)
    projects_end = forms.DateField(label=_("Projects end on"), widget=DATE)
    budget = forms.DecimalField(label=_("Total budget (CAD)"), min_value=0, max_digits=12, decimal_places=2)
    projects_min = forms.IntegerField(label=_("Fewest projects funded"), min_value=1, max_value=100)
    projects_max = forms.IntegerField(label=_("Most projects funded"), min_value=1, max_value=100)
    criteria = _text(
        _("Rubric: one criterion a line, its weight first (for example: 3 Reach of migrant workers)"),
        rows=5,
        max_length=4000,
    )
    reviewers = forms.MultipleChoiceField(label=_("Reviewers"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["reviewers"]).choices = reviewer_choices()

    def clean_criteria(self) -> tuple[tuple[str, int], ...]:
        rows: list[tuple[str, int]] = []
        for line in self.cleaned_data["criteria"].splitlines():
            if not line.strip():
                continue
            weight, _sep, name = line.strip().partition(" ")
            if not weight.isdigit() or not 1 <= int(weight) <= 100 or not name.strip() or len(name) > 200:
                raise forms.ValidationError(_("Each line: a weight from 1 to 100, a space, then the criterion."))
            rows.append((name.strip(), int(weight)))
        if not rows:
            raise forms.ValidationError(_("Give at least one criterion."))
        return tuple(rows)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("The call cannot close before it opens."))
        if data.get("projects_start") and data.get("projects_end") and data["projects_end"] < data["projects_start"]:
            self.add_error("projects_end", _("Projects cannot end before they start."))
        if data.get("projects_min") and data.get("projects_max") and data["projects_max"] < data["projects_min"]:
            self.add_error("projects_max", _("The most cannot be fewer than the fewest."))
        return data


class ReviewersForm(forms.Form):
    reviewers = forms.MultipleChoiceField(label=_("Reviewers"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["reviewers"]).choices = reviewer_choices()


class StartApplicationForm(forms.Form):
    title = forms.CharField(label=_("Project title"), max_length=200, validators=[no_control_characters])


class ApplicationForm(forms.Form):
    title = forms.CharField(label=_("Project title"), max_length=200, validators=[no_control_characters])
    summary = _text(_("Summary of the project"), required=False)
    activities = _text(_("Activities and the workers reached"), required=False)
    amount_requested = forms.DecimalField(
        label=_("Amount requested (CAD)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, PNG, JPEG or Word .docx)"))


class ScreeningForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Eligibility"), choices=[("eligible", _("Eligible")), ("ineligible", _("Not eligible"))]
    )
    reason = _text(_("Reason (required when not eligible)"), required=False, rows=2, max_length=2000)


class ScoreForm(forms.Form):
    """One score field per criterion of the call's rubric, and the comments."""

    comments = _text(_("Comments"), required=False, rows=4)

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                coerce=int,
                choices=[(str(n), str(n)) for n in range(Criterion.MAX_SCORE + 1)],
            )

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}


class ConflictForm(forms.Form):
    note = forms.CharField(
        label=_("Nature of the conflict (for the coordinator)"),
        max_length=500,
        validators=[no_control_characters],
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("funded", _("Funded")), ("declined", _("Not funded"))])
    reason = _text(_("Reason, sent to the applicant"), rows=3, max_length=4000)
