"""The public search form (GET, no CSRF token, so no cookie)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bettertogether.core.languages import MANY_LANGUAGES, SPOKEN_LANGUAGES
from bettertogether.core.provinces import Province

from .models import TaxonomyTerm


def category_choices() -> list[tuple[str, Any]]:
    """Top-level terms, each followed by its children (indented), in taxonomy order."""
    terms = list(TaxonomyTerm.objects.exclude(code="").only("id", "code", "name", "parent_id", "sort_order"))
    children: dict[Any, list[TaxonomyTerm]] = {}
    for term in terms:
        children.setdefault(term.parent_id, []).append(term)
    choices: list[tuple[str, Any]] = [("", _("All categories"))]
    seen: set[str] = set()
    for top in children.get(None, []):
        if top.code in seen:
            continue
        seen.add(top.code)
        choices.append((top.code, top.name))
        for child in children.get(top.id, []):
            if child.code not in seen:
                seen.add(child.code)
                choices.append((child.code, f"\u2003{child.name}"))
    return choices


class SearchForm(forms.Form):
    q = forms.CharField(label=_("What do you need?"), required=False, max_length=200)
    near = forms.CharField(
        label=_("Near (town or postal code)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    # Free text behind a select: an unknown code matches nothing instead of being ignored.
    category = forms.CharField(label=_("Category"), required=False, widget=forms.Select)
    language = forms.CharField(label=_("Language spoken"), required=False, widget=forms.Select)
    province = forms.ChoiceField(
        label=_("Province"), required=False, choices=[("", _("All provinces")), *Province.choices]
    )
    free = forms.BooleanField(label=_("Free only"), required=False)
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    sanctuary = forms.BooleanField(label=_("Sanctuary network only"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].widget.choices = category_choices()
        self.fields["language"].widget.choices = [
            ("", _("Any language")),
            *SPOKEN_LANGUAGES.items(),
            (MANY_LANGUAGES, _("Many languages (interpretation)")),
        ]

    def filters(self) -> dict[str, Any]:
        """The search_services() filters; invalid values are dropped rather than refused."""
        self.is_valid()  # a partly invalid query keeps its valid fields in cleaned_data
        data = self.cleaned_data
        return {
            "q": data.get("q") or None,
            "category": data.get("category") or None,
            "language": data.get("language") or None,
            "province": data.get("province") or None,
            "free": True if data.get("free") else None,
            "open_now": bool(data.get("open_now")),
            "sanctuary": bool(data.get("sanctuary")),
        }
