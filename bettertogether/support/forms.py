"""Forms of the case desk. They validate; services.py writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bettertogether.core.languages import SPOKEN_LANGUAGES
from bettertogether.core.provinces import MARITIMES, Province
from bettertogether.directory.door import TERMS, Organization

from .models import SHAREABLE_FIELDS, CaseOutcome, Channel, ContactOutcome, Need, Permit


def topic_choices() -> list[tuple[str, str]]:
    lang = (get_language() or "en")[:2]
    return [(t.slug, t.text.get(lang, t.text["en"])[0]) for t in TERMS]


def language_choices() -> list[tuple[str, Any]]:
    return list(SPOKEN_LANGUAGES.items())


def province_choices() -> list[tuple[str, Any]]:
    maritimes = [(p.value, p.label) for p in MARITIMES]
    return maritimes + [(p.value, p.label) for p in Province if p not in MARITIMES]


class OrganizationChoiceField(forms.ModelChoiceField[Organization]):
    def __init__(self, exclude_id: Any = None, **kwargs: Any) -> None:
        queryset = Organization.objects.order_by("name")
        if exclude_id is not None:
            queryset = queryset.exclude(pk=exclude_id)
        super().__init__(queryset=queryset, **kwargs)


class HelplineForm(forms.Form):
    contacted_on = forms.DateField(
        label=_("Date"), initial=timezone.localdate, widget=forms.DateInput({"type": "date"})
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    language = forms.ChoiceField(label=_("Language"), choices=language_choices)
    province = forms.ChoiceField(label=_("Province"), choices=province_choices)
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=topic_choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=0, max_value=600, initial=10)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ContactOutcome.choices)

    def __init__(self, *args: Any, organization_id: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referred_to"] = OrganizationChoiceField(
            exclude_id=organization_id, label=_("Referred to"), required=False
        )


class IntakeForm(forms.Form):
    worker_name = forms.CharField(
        label=_("Name or alias the worker chose"), max_length=200, help_text=_("An alias is enough.")
    )
    contact = forms.CharField(label=_("Contact (phone, WhatsApp, e-mail)"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language"), choices=language_choices)
    province = forms.ChoiceField(label=_("Province"), choices=province_choices)
    issue_types = forms.MultipleChoiceField(
        label=_("Issue types"), choices=topic_choices, widget=forms.CheckboxSelectMultiple
    )
    employer_specific_permit = forms.ChoiceField(
        label=_("Employer-specific work permit"), choices=Permit.choices, initial=Permit.UNKNOWN
    )
    employer = forms.CharField(label=_("Employer (only when needed)"), max_length=200, required=False)
    work_site = forms.CharField(label=_("Work site (only when needed)"), max_length=200, required=False)
    consent_given = forms.BooleanField(label=_("The worker agreed that we keep this record"), required=True)


class AssignForm(forms.Form):
    def __init__(self, *args: Any, assignees: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"] = forms.ModelChoiceField(queryset=assignees, label=_("Case worker"))


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CaseOutcome.choices)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea({"rows": 6}), max_length=20_000)


class FollowUpForm(forms.Form):
    description = forms.CharField(label=_("Task"), max_length=500)
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput({"type": "date"}))


class ServiceForm(forms.Form):
    topic = forms.ChoiceField(label=_("Service"), choices=topic_choices)
    provided_on = forms.DateField(label=_("Date"), initial=timezone.localdate, widget=forms.DateInput({"type": "date"}))
    details = forms.CharField(label=_("Details"), widget=forms.Textarea({"rows": 3}), required=False)


class ConsentForm(forms.Form):
    shared_fields = forms.MultipleChoiceField(
        label=_("What the worker agreed to share"),
        choices=list(SHAREABLE_FIELDS.items()),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, organization_id: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"] = OrganizationChoiceField(exclude_id=organization_id, label=_("With"))
        self.order_fields(["organization", "shared_fields"])


class ReferralForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the receiving organization"), widget=forms.Textarea({"rows": 3}), required=False
    )

    def __init__(self, *args: Any, organization_id: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"] = OrganizationChoiceField(exclude_id=organization_id, label=_("Refer to"))
        self.order_fields(["organization", "message"])


class EmergencyForm(forms.Form):
    need = forms.ChoiceField(label=_("Need"), choices=Need.choices)
    amount = forms.DecimalField(label=_("Amount (CAD)"), min_value=1, max_digits=9, decimal_places=2)
    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea({"rows": 4}),
        help_text=_("The funder reads this: no names, contacts or employer."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("decline", _("Decline"))], widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea({"rows": 3}))


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput({"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ReauthForm(TokenForm):
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput({"autocomplete": "current-password"}))
    field_order = ["password", "token"]
