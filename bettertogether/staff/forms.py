"""Forms of onboarding. They validate and hand plain values to services.py; they save nothing."""

from __future__ import annotations

import unicodedata
import uuid
from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from bettertogether.core.roles import ORGANIZATION_ROLES, Role
from bettertogether.core.users import User

from . import permissions

# Line breaks and tabs are text; every other control character, and the bidirectional overrides
# that make text read differently from what it holds, are refused.
ALLOWED_CONTROLS = frozenset("\n\r\t")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def refuse_control_characters(value: str) -> None:
    for ch in value:
        if ch in BIDI_CONTROLS or (unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROLS):
            raise forms.ValidationError(_("Remove the invisible control characters from this text."))


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=150, validators=[refuse_control_characters])
    role = forms.ChoiceField(label=_("Role"))
    organization = forms.ChoiceField(
        label=_("Organization"),
        required=False,
        help_text=_("Needed for partner staff and case workers; left empty for the other roles."),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        cast(forms.ChoiceField, self.fields["role"]).choices = [
            (role.value, role.label) for role in permissions.invitable_roles(user)
        ]
        organizations = permissions.invitable_organizations(user).order_by("name_en")
        cast(forms.ChoiceField, self.fields["organization"]).choices = [("", "—")] + [
            (str(org.pk), str(org.name)) for org in organizations
        ]
        if not permissions.onboards_everyone(user):
            own = permissions.organization_id_of(user)
            self.fields["organization"].initial = str(own) if own else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role, organization = data.get("role"), data.get("organization")
        if role in ORGANIZATION_ROLES and not organization:
            self.add_error("organization", _("Choose the organization this person works for."))
        if role and role not in ORGANIZATION_ROLES and organization:
            self.add_error("organization", _("This role does not belong to an organization: leave it empty."))
        return data

    def organization_id(self) -> uuid.UUID | None:
        value = self.cleaned_data.get("organization")
        return uuid.UUID(value) if value else None


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[refuse_control_characters],
        help_text=_("Recorded with the change, for the other coordinators."),
    )


class AcceptForm(forms.Form):
    """The invited person's password, checked by the site's password rules."""

    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits, and not a common password."),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, role: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email
        self.role = role

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            candidate = get_user_model()(username=self.email, email=self.email, role=Role(self.role))
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
