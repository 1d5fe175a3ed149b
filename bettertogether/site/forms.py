from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name (optional)"), max_length=100, required=False)
    reply_to = forms.CharField(
        label=_("E-mail or phone to reply to (optional)"),
        max_length=200,
        required=False,
        help_text=_("Leave it empty if you do not want an answer."),
    )
    message = forms.CharField(label=_("Message"), max_length=3000, widget=forms.Textarea(attrs={"rows": 6}))
    # Honeypot: hidden from people by CSS, filled in by bots. Any value means the message is dropped.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def clean_reply_to(self) -> str:
        value: str = self.cleaned_data["reply_to"]
        # A line break here would become a second mail header: refuse every control character.
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
            raise forms.ValidationError(_("Write the address or number on one line."), code="control_character")
        return value

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))
