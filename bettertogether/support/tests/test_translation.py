from typing import Any

from django.urls import reverse
from django.utils import translation

from .factories import member, signed_in


def test_case_desk_speaks_french(orgs: dict[str, Any]) -> None:
    with translation.override("fr"):
        url = reverse("support:home")
    assert url.startswith("/fr/")
    page = signed_in(member("coordinator")).get(url).content.decode()
    assert "Statistiques des dossiers" in page


def test_case_desk_speaks_spanish(orgs: dict[str, Any]) -> None:
    with translation.override("es"):
        url = reverse("support:statistics")
    page = signed_in(member("coordinator")).get(url).content.decode()
    assert "Estadísticas de expedientes" in page


def test_case_desk_speaks_tagalog(orgs: dict[str, Any]) -> None:
    with translation.override("tl"):
        url = reverse("support:statistics")
    page = signed_in(member("coordinator")).get(url).content.decode()
    assert "Estadistika ng mga kaso" in page
