"""Forms of the directory management area and of the public "suggest a correction" page.

They validate and hand plain values to services.py; they never save anything themselves.
"""

from __future__ import annotations

import re
import time
import uuid
from typing import Any, cast

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from bettertogether.core.languages import CONTENT_LANGUAGES, MANY_LANGUAGES, SPOKEN_LANGUAGES, language_name
from bettertogether.core.provinces import Province

from . import hours as hours_module
from .models import Address, Location, Organization, Phone, Service, Suggestion, TaxonomyTerm
from .services import LOCATION_TEXT_FIELDS, ORGANIZATION_TEXT_FIELDS, SERVICE_TEXT_FIELDS, HoursInput, PhoneInput

LANGUAGE_LABELS = {code: SPOKEN_LANGUAGES[code] for code in CONTENT_LANGUAGES}
POSTAL_CODE = re.compile(r"^([A-Z]\d[A-Z])\s?(\d[A-Z]\d)$")


def _translated(names: tuple[str, ...]) -> list[str]:
    return [f"{name}_{lang}" for lang in CONTENT_LANGUAGES for name in names]


def spoken_language_choices() -> list[tuple[str, Any]]:
    return [
        *((code, label) for code, label in SPOKEN_LANGUAGES.items()),
        (MANY_LANGUAGES, language_name(MANY_LANGUAGES)),
    ]


def category_choices() -> list[tuple[str, str]]:
    """Every taxonomy term, children indented under their parent, in taxonomy order."""
    terms = list(TaxonomyTerm.objects.order_by("sort_order", "code"))
    children: dict[Any, list[TaxonomyTerm]] = {}
    for term in terms:
        children.setdefault(term.parent_id, []).append(term)
    choices: list[tuple[str, str]] = []
    for top in children.get(None, []):
        choices.append((str(top.id), str(top.name)))
        choices.extend((str(child.id), f"\u2003{child.name}") for child in children.get(top.id, []))
    return choices


class TranslatedFieldsMixin:
    """Label each name_xx field with its language, so the form reads 'Name (French)'."""

    def label_languages(self) -> None:
        for name, bound in self.fields.items():  # type: ignore[attr-defined]
            base, _sep, lang = name.rpartition("_")
            if lang in LANGUAGE_LABELS and base:
                # modeltranslation labels fields "Name [fr]"; say the language in words instead.
                label = str(bound.label).removesuffix(f" [{lang}]")
                bound.label = f"{label} ({LANGUAGE_LABELS[lang]})"

    def language_groups(self) -> list[tuple[str, Any, list[Any]]]:
        """(code, label, bound fields) per language, for one fieldset each."""
        groups = []
        for lang in CONTENT_LANGUAGES:
            fields = [self[name] for name in self.fields if name.endswith(f"_{lang}")]  # type: ignore[attr-defined,index]
            groups.append((lang, LANGUAGE_LABELS[lang], fields))
        return groups


class ServiceForm(TranslatedFieldsMixin, forms.ModelForm[Service]):
    categories = forms.MultipleChoiceField(label=_("Categories"), required=False, widget=forms.CheckboxSelectMultiple)
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Service
        fields = [*_translated(SERVICE_TEXT_FIELDS), "url", "email", "is_free", "status"]
        widgets = {
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in _translated(tuple(f for f in SERVICE_TEXT_FIELDS if f != "name"))
            },
            "is_free": forms.NullBooleanSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label_languages()
        self.fields["name_en"].required = True
        cast(forms.ChoiceField, self.fields["categories"]).choices = category_choices()
        cast(forms.ChoiceField, self.fields["languages"]).choices = spoken_language_choices()
        if self.instance.pk and not self.is_bound:
            self.initial["categories"] = [
                str(i) for i in self.instance.attributes.values_list("taxonomy_term_id", flat=True)
            ]
            self.initial["languages"] = list(self.instance.languages.values_list("code", flat=True))

    def model_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data[name] if data[name] is not None or name == "is_free" else "" for name in self.Meta.fields}

    def category_ids(self) -> list[uuid.UUID]:
        return [uuid.UUID(value) for value in self.cleaned_data["categories"]]


class PhoneForm(forms.Form):
    id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    number = forms.CharField(label=_("Number"), max_length=50, required=False)
    type = forms.ChoiceField(label=_("Kind"), choices=Phone.Kind.choices, initial=Phone.Kind.VOICE)
    description = forms.CharField(
        label=_("Label"), max_length=300, required=False, help_text=_("What the public reads beside the number.")
    )
    whatsapp = forms.BooleanField(label=_("Also on WhatsApp"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("id") and not data.get("DELETE") and not (data.get("number") or "").strip():
            self.add_error("number", _("Enter a number, or tick Delete."))
        number = data.get("number") or ""
        if number.strip() and not any(ch.isdigit() for ch in number):
            self.add_error("number", _("A phone number needs digits."))
        return data

    def as_input(self) -> PhoneInput:
        d = self.cleaned_data
        return PhoneInput(
            id=d.get("id"),
            number=(d.get("number") or "").strip(),
            type=d.get("type") or "voice",
            description=d.get("description") or "",
            whatsapp=bool(d.get("whatsapp")),
            delete=bool(d.get("DELETE")),
        )


PhoneFormSet = forms.formset_factory(PhoneForm, extra=1, can_delete=True, max_num=20)

DAY_CHOICES = list(zip(hours_module.DAY_CODES, hours_module.DAY_NAMES, strict=True))


class HoursForm(forms.Form):
    id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    days = forms.MultipleChoiceField(
        label=_("Days"), choices=DAY_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    opens_at = forms.TimeField(label=_("Opens"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    closes_at = forms.TimeField(
        label=_("Closes"),
        required=False,
        help_text=_("23:59 means until midnight."),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    description = forms.CharField(label=_("Note"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("DELETE"):
            return data
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if (opens is None) != (closes is None):
            self.add_error("closes_at" if closes is None else "opens_at", _("Give both the opening and closing time."))
        if opens is not None and not data.get("days"):
            self.add_error("days", _("Tick at least one day."))
        return data

    def as_input(self) -> HoursInput:
        d = self.cleaned_data
        return HoursInput(
            id=d.get("id"),
            byday=",".join(code for code in hours_module.DAY_CODES if code in (d.get("days") or [])),
            opens_at=d.get("opens_at"),
            closes_at=d.get("closes_at"),
            description=d.get("description") or "",
            delete=bool(d.get("DELETE")),
        )


HoursFormSet = forms.formset_factory(HoursForm, extra=1, can_delete=True, max_num=30)


def phone_initial(service: Service) -> list[dict[str, Any]]:
    return [
        {
            "id": p.id,
            "number": p.number,
            "type": p.kind,
            "description": p.description,
            "whatsapp": p.whatsapp,
        }
        for p in service.phones.all()
    ]


def hours_initial(service: Service) -> list[dict[str, Any]]:
    return [
        {
            "id": s.id,
            "days": [c for c in (s.byday or "").split(",") if c],
            "opens_at": s.opens_at,
            "closes_at": s.closes_at,
            "description": s.description,
        }
        for s in service.schedules.order_by("byday", "opens_at")
    ]


class OrganizationForm(TranslatedFieldsMixin, forms.ModelForm[Organization]):
    """An organization's names and description per language, its contacts; whether it is a program
    partner only for those who edit everything (`partner_choice=False` hides it)."""

    class Meta:
        model = Organization
        fields = [
            *_translated(ORGANIZATION_TEXT_FIELDS),
            "alternate_name",
            "email",
            "website",
            "is_program_partner",
            "in_sanctuary_network",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in _translated(("description",))}

    def __init__(self, *args: Any, partner_choice: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label_languages()
        self.fields["name_en"].required = True
        if not partner_choice:
            del self.fields["is_program_partner"]
            del self.fields["in_sanctuary_network"]

    def model_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data[name] if isinstance(data[name], bool) else data[name] or "" for name in self.fields}

    def _post_clean(self) -> None:  # the model is written by services.py, not validated here
        pass


class LocationForm(TranslatedFieldsMixin, forms.ModelForm[Location]):
    class Meta:
        model = Location
        fields = _translated(LOCATION_TEXT_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in _translated(("description", "transportation"))}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.label_languages()

    def model_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] or "" for name in self.Meta.fields}


class AddressForm(forms.ModelForm[Address]):
    state_province = forms.ChoiceField(label=_("Province"), choices=[("", "—"), *Province.choices], required=False)
    regeocode = forms.BooleanField(
        label=_("Place it on the map again from the postal code or town"), required=False, initial=True
    )

    class Meta:
        model = Address
        fields = ["address_1", "address_2", "city", "state_province", "postal_code"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].required = False

    def clean_postal_code(self) -> str:
        value = " ".join((self.cleaned_data.get("postal_code") or "").upper().split())
        if not value:
            return ""
        match = POSTAL_CODE.match(value)
        if not match:
            raise forms.ValidationError(_("Enter a Canadian postal code like B4N 1A1."))
        return f"{match.group(1)} {match.group(2)}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("address_1") or data.get("postal_code")) and not data.get("city"):
            self.add_error("city", _("Enter the town or city."))
        if data.get("city") and not data.get("state_province"):
            self.add_error("state_province", _("Choose the province."))
        return data

    def _post_clean(self) -> None:  # the model is written by services.py, not validated here
        pass

    def address_fields(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in self.Meta.fields}


# ── Public suggestions ─────────────────────────────────────────────────────────────────────────

SUGGEST_SALT = "bettertogether.directory.suggest"
MIN_FILL_SECONDS = 3  # people need longer than this to read the form; scripts do not
MAX_FORM_AGE_SECONDS = 24 * 3600


def fill_token(now: float | None = None) -> str:
    """A signed timestamp put in the form when it is shown; checked when it comes back."""
    return signing.dumps(int(now if now is not None else time.time()), salt=SUGGEST_SALT)


class SuggestForm(forms.Form):
    field = forms.ChoiceField(label=_("What is wrong?"), choices=Suggestion.Kind.choices, widget=forms.RadioSelect)
    proposed_value = forms.CharField(
        label=_("The correct information"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    comment = forms.CharField(
        label=_("Anything else (optional)"),
        help_text=_("Please do not write your name or other personal details."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Honeypot: hidden from people (the wrapper has the hidden attribute), filled by bots.
    website = forms.CharField(label=_("Leave this empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput)

    too_fast = False

    def __init__(self, *args: Any, now: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.now = now if now is not None else time.time()
        if not self.is_bound:
            self.initial["started"] = fill_token(self.now)

    @property
    def is_spam(self) -> bool:
        return bool(self.is_bound and (self.data.get("website") or "").strip())

    def clean_started(self) -> int:
        try:
            started = int(signing.loads(self.cleaned_data["started"], salt=SUGGEST_SALT, max_age=MAX_FORM_AGE_SECONDS))
        except (signing.BadSignature, TypeError, ValueError) as err:
            raise forms.ValidationError(_("This form has expired. Please fill it in again.")) from err
        if self.now - started < MIN_FILL_SECONDS:
            self.too_fast = True
            raise forms.ValidationError(_("That was very fast. Please check your answer and send it again."))
        return started

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("field") and data["field"] != "closed" and not (data.get("proposed_value") or "").strip():
            self.add_error("proposed_value", _("Please write the correct information."))
        return data


class ReviewForm(forms.Form):
    value = forms.CharField(label=_("Value to save"), max_length=1000, required=False)
    phone_id = forms.ChoiceField(label=_("Phone number to replace"), required=False)
    status = forms.ChoiceField(label=_("New status"), choices=Service.Status.choices, required=False)

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["phone_id"]).choices = [("", _("Add it as a new number"))] + [
            (str(p.id), p.number) for p in service.phones.all()
        ]

    def phone_uuid(self) -> uuid.UUID | None:
        value = self.cleaned_data.get("phone_id")
        return uuid.UUID(value) if value else None
