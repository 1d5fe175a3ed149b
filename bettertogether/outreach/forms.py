from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from bettertogether.core.languages import SPOKEN_LANGUAGES
from bettertogether.core.provinces import MARITIMES, Province
from bettertogether.directory.door import Organization, TaxonomyTerm

from . import uploads
from .models import Event, Resource, ResourceVersion
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


class EventForm(forms.ModelForm[Event]):
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

    def __init__(self, *args: Any, organizations: QuerySet[Organization] | None = None, **kwargs: Any) -> None:
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


class ResourceVersionForm(forms.ModelForm[ResourceVersion]):
    """Used by the admin: checks the file's type by content and its size, and keeps a clean name."""

    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = ResourceVersion
        fields = ["language", "title", "file", "url"]
        widgets = {"language": forms.Select(choices=[("", "---------"), *_choice_list()])}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The stored name is random (models.resource_upload_to) and the download name is cut to 80
        # characters: the uploader's own name has no length to respect.
        cast(forms.FileField, self.fields["file"]).max_length = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.has_error("file") or self.has_error("url"):
            return data  # that field's own message says what is wrong
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


def _province_choices() -> list[tuple[str, Any]]:
    return [(p.value, p.label) for p in MARITIMES] + [(p.value, p.label) for p in Province if p not in MARITIMES]


class TopicField(forms.ModelMultipleChoiceField[TaxonomyTerm]):
    def label_from_instance(self, obj: Any) -> str:
        # A child topic is shown under its parent's name so two "Other" terms can be told apart.
        return f"{obj.parent.name} › {obj.name}" if obj.parent_id else str(obj.name)


class ResourceForm(forms.ModelForm[Resource]):
    """A resource's own fields for the manage pages; its language versions are ResourceVersionFormSet."""

    source_url = forms.URLField(label=_("Source"), required=False, max_length=500, assume_scheme="https")
    topics = TopicField(
        label=_("Topics"),
        queryset=TaxonomyTerm.objects.select_related("parent").order_by(
            Coalesce("parent__sort_order", "sort_order"),
            Coalesce("parent__code", "code"),
            F("parent").asc(nulls_first=True),
            "sort_order",
            "code",
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    provinces = forms.MultipleChoiceField(
        label=_("Provinces"),
        choices=_province_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: the resource applies everywhere."),
    )

    class Meta:
        model = Resource
        fields = [
            "kind",
            "title_en",
            "title_fr",
            "title_es",
            "title_tl",
            "summary_en",
            "summary_fr",
            "summary_es",
            "summary_tl",
            "publisher",
            "source_url",
            "organization",
            "topics",
            "is_published",
        ]

    def __init__(
        self,
        *args: Any,
        organizations: QuerySet[Organization] | None = None,
        fixed_organization: Organization | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = dict(self.fields)  # concrete field classes, untyped in the stubs
        fields["title_en"].required = True
        fields["provinces"].initial = self.instance.province_codes
        organization = fields["organization"]
        organization.label = _("Organization")
        if organizations is not None:
            organization.queryset = organizations
        if fixed_organization is not None:
            # Partner staff publish for their own organization only; a posted value is ignored.
            organization.disabled = True
            organization.required = True
            self.initial["organization"] = fixed_organization.pk
        else:
            organization.help_text = _("Empty: a resource of the whole program.")


def _blank_and_languages() -> list[tuple[str, Any]]:
    # A blank first choice keeps an untouched extra row unchanged, so it is skipped, not refused.
    return [("", "---------"), *_choice_list()]


class ResourceManageVersionForm(ResourceVersionForm):
    """One language version on the manage pages: a link or an uploaded file (checked by uploads.py)."""

    language = forms.ChoiceField(label=_("Language"), choices=_blank_and_languages)
    # The version as stored before this request (set by the formset), for the page to describe.
    stored: dict[str, Any] | None = None


class BaseResourceVersionFormSet(BaseInlineFormSet[ResourceVersion, Resource, ResourceVersionForm]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Snapshot now: cleaning a posted row writes the new values into its instance.
        for form in self.forms:
            if isinstance(form, ResourceManageVersionForm) and not form.instance._state.adding:
                version = form.instance
                form.stored = {
                    "language": version.language,
                    "has_file": bool(version.file),
                    "original_name": version.original_name,
                    "size": version.size,
                }

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        seen: set[str] = set()
        for form in self.forms:
            if not form.has_changed() and form.instance._state.adding:
                continue  # a blank extra row
            if form.cleaned_data.get("DELETE"):
                continue
            language = form.cleaned_data.get("language", "")
            if language in seen:
                raise ValidationError(_("Give each language only once."))
            seen.add(language)
        if not seen:
            raise ValidationError(_("Give at least one language version: a link or a file."))


ResourceVersionFormSet = inlineformset_factory(
    Resource,
    ResourceVersion,
    form=ResourceManageVersionForm,
    formset=BaseResourceVersionFormSet,
    extra=2,
    max_num=20,
    can_delete=True,
    can_delete_extra=False,
)
