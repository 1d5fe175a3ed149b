"""Forms of the program's records: agreement documents, evaluations, the advocacy log, and the log's
filters. Control characters are refused in every text."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bettertogether.outreach.door import max_bytes

from .forms import no_control_characters
from .models import AdvocacyEntry, AgreementDocument

_DATE = forms.DateInput(attrs={"type": "date"})


def _text(label: Any, *, required: bool = False, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": rows}),
        validators=[no_control_characters],
    )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AgreementDocument.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, validators=[no_control_characters])
    file = forms.FileField(label=_("File"), max_length=None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF, PNG, JPEG or Word (.docx), at most %(mb)s MB.") % {
            "mb": round(max_bytes() / 1_048_576)
        }
        self.fields["file"].widget.attrs["accept"] = ".pdf,.png,.jpg,.jpeg,.docx"


class _PartnersForm(forms.Form):
    organizations = forms.MultipleChoiceField(
        label=_("Partner organizations"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, organizations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organizations"].choices = organizations  # type: ignore[attr-defined]


class EvaluationForm(_PartnersForm):
    held_on = forms.DateField(label=_("Date"), widget=_DATE)
    title = forms.CharField(label=_("Title"), max_length=200, validators=[no_control_characters])
    evaluator = forms.CharField(label=_("Evaluator"), max_length=200, validators=[no_control_characters])
    findings = _text(_("Findings"), required=True)
    lessons = _text(_("Lessons learned"))
    event = forms.ChoiceField(label=_("Presented at (knowledge-sharing event)"), required=False)

    field_order = ("held_on", "title", "evaluator", "findings", "lessons", "organizations", "event")

    def __init__(self, *args: Any, events: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", "–"), *events]  # type: ignore[attr-defined]


class AdvocacyForm(_PartnersForm):
    held_on = forms.DateField(label=_("Date"), widget=_DATE)
    kind = forms.ChoiceField(label=_("Kind"), choices=AdvocacyEntry.Kind.choices)
    body = forms.CharField(label=_("Body or committee"), max_length=200, validators=[no_control_characters])
    subject = forms.CharField(label=_("Subject"), max_length=300, validators=[no_control_characters])
    outcome = _text(_("Outcome"), rows=3)

    field_order = ("held_on", "kind", "body", "subject", "outcome", "organizations")


class AdvocacyFilterForm(forms.Form):
    """The log's filters, all optional; a bad value is dropped rather than refused."""

    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *AdvocacyEntry.Kind.choices])
    organization = forms.ChoiceField(label=_("Partner organization"), required=False)
    q = forms.CharField(label=_("Body, committee or subject"), required=False, max_length=100)
    since = forms.DateField(label=pgettext_lazy("period", "From"), required=False, widget=_DATE)
    until = forms.DateField(label=pgettext_lazy("period", "To"), required=False, widget=_DATE)

    def __init__(self, *args: Any, organizations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [("", _("All")), *organizations]  # type: ignore[attr-defined]
