from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bettertogether.core.languages import SPOKEN_LANGUAGES
from bettertogether.core.provinces import MARITIMES, Province

from . import uploads
from .models import Event, ResourceVersion
from .retention import retention_days


def consent_text() -> str:
    return str(
        _(
            "I agree that the organizers keep my name or alias and the phone or e-mail I give, only to "
            "manage my place at this event and to contact me about it. They are deleted %(days)s days "
            "after the event. I can cancel at any time with the link on the next page."
        )
        % {"days": retention_days()}
    )


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name or alias"), max_length=100)
    phone = forms.CharField(
        label=_("Phone (optional)"), max_length=30, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    email = forms.EmailField(label=_("E-mail (optional)"), required=False)
    consent = forms.BooleanField(label=_("I agree"), required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "nickname"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["email"].widget.attrs["autocomplete"] = "email"


def _choice_list() -> list[tuple[str, Any]]:
    return list(SPOKEN_LANGUAGES.items())


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(forms.ModelForm):
    online_url = forms.URLField(label=_("Online link"), required=False, max_length=500, assume_scheme="https")
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), choices=_choice_list, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title_en",
            "title_fr",
            "title_es",
            "title_tl",
            "description_en",
            "description_fr",
            "description_es",
            "description_tl",
            "organization",
            "languages",
            "province",
            "place_name",
            "address",
            "online_url",
            "starts_at",
            "ends_at",
            "capacity",
            "registration_open",
            "is_published",
            "is_cancelled",
        ]
        widgets = {"starts_at": DateTimeLocalInput(), "ends_at": DateTimeLocalInput()}

    def __init__(self, *args: Any, organizations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title_en"].required = True
        fields: dict[str, Any] = dict(self.fields)  # concrete field classes, untyped in the stubs
        for name in ("starts_at", "ends_at"):
            fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
            fields[name].help_text = _("Atlantic time")
        fields["province"].choices = (
            [("", "---------")]
            + [(p.value, p.label) for p in MARITIMES]
            + [(p.value, p.label) for p in Province if p not in MARITIMES]
        )
        if organizations is not None:
            fields["organization"].queryset = organizations
            if organizations.count() == 1:
                fields["organization"].initial = organizations.first()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        if not (data.get("address") or data.get("place_name") or data.get("online_url")):
            raise ValidationError(_("Give a place or an online link."))
        return data


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Name or alias"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)


class ResourceVersionForm(forms.ModelForm):
    """Used by the admin: checks the file's type by content and its size, and keeps a clean name."""

    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = ResourceVersion
        fields = ["language", "title", "file", "url"]
        widgets = {"language": forms.Select(choices=[("", "---------"), *_choice_list()])}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload: Any = data.get("file")
        url = data.get("url")
        new_upload = upload is not None and hasattr(upload, "content_type")
        if bool(upload) == bool(url):
            raise ValidationError(_("Give either a file or a link, not both."))
        if new_upload:
            file_type = uploads.check_upload(upload, upload.name, upload.size)
            self.instance.content_type = file_type.content_type
            self.instance.size = upload.size
            self.instance.original_name = uploads.clean_filename(upload.name)
        elif url:
            self.instance.content_type = ""
            self.instance.size = None
            self.instance.original_name = ""
        return data
