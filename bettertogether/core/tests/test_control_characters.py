"""Control characters at input (core/text.py): refused in every form, every query string and the
imports; a NUL never reaches PostgreSQL as a 500, a right-to-left override never reaches a page."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.test import Client
from django.utils import translation

from bettertogether.core.tests.factories import CoordinatorFactory, PartnerStaffFactory
from bettertogether.core.text import find_control, strip_control
from bettertogether.directory.manage_forms import SuggestForm
from bettertogether.directory.models import Service
from bettertogether.directory.tests.factories import OrganizationFactory, ServiceFactory
from bettertogether.directory.tests.test_manage import service_post
from bettertogether.outreach.forms import RegistrationForm
from bettertogether.positions.aggregate import FilterError, PositionFilters
from bettertogether.positions.lmia import parse_lmia
from bettertogether.site.forms import ContactForm
from bettertogether.support.forms import IntakeForm

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "gpj.exe" reads "exe.jpg"
HOSTILE = ["\x00", RLO, "\u202a", "\u2066", "\u2069", "\x1b", "\x7f", "\x85", "\x9b"]


@pytest.mark.parametrize("character", HOSTILE)
def test_the_definition(character):
    assert find_control(f"Acme{character}Farms") == f"U+{ord(character):04X}"
    assert find_control(f"Acme{character}Farms", multiline=True) == f"U+{ord(character):04X}"
    assert strip_control(f"Acme{character}Farms") == "AcmeFarms"


def test_line_breaks_and_tabs_only_in_multi_line_text_and_real_rtl_text_untouched():
    assert find_control("line one\r\nline two\tend", multiline=True) is None
    assert find_control("line one\nline two") == "U+000A"
    assert find_control("مرحبا \u200f العمال", multiline=False) is None  # Arabic with a right-to-left mark
    assert find_control("Québec — Île-du-Prince-Édouard · 漢字") is None


# ---------------------------------------------------------------------------------------------------------------
# Forms: every CharField of every form, with a translated message and the rest of the input kept.


@pytest.mark.parametrize(
    ("form_class", "data", "field"),
    [
        (ContactForm, {"name": f"Ana{RLO}", "message": "Hello"}, "name"),
        (ContactForm, {"reply_to": "ana@example.org\x1b", "message": "Hello"}, "reply_to"),
        (ContactForm, {"message": f"Hello{RLO}"}, "message"),
        (RegistrationForm, {"name": f"moc.live{RLO}", "consent": "on"}, "name"),
        (RegistrationForm, {"name": "Ana", "email": f"ana{RLO}@example.org", "consent": "on"}, "email"),
        (AuthenticationForm, {"username": f"admin{RLO}", "password": "x"}, "username"),
    ],
)
def test_forms_refuse_control_characters(form_class, data, field):
    form = form_class(data=data)
    assert not form.is_valid()
    assert "invisible control character (U+" in " ".join(form.errors[field])


def test_a_multi_line_field_keeps_its_line_breaks():
    form = ContactForm(data={"message": "Line one\r\nLine two\twith a tab"})
    assert form.is_valid(), form.errors
    assert ContactForm(data={"name": "Ana\nMaría", "message": "Hi"}).errors["name"]


@pytest.mark.django_db
def test_the_case_desk_intake_refuses_a_spoofed_name():
    form = IntakeForm(data={"worker_name": f"Ana{RLO}"})
    assert "invisible control character (U+202E)" in " ".join(form.errors["worker_name"])


@pytest.mark.django_db
def test_the_suggestion_form_refuses_control_characters():
    form = SuggestForm(data={"field": "phone", "proposed_value": f"902{RLO}555", "started": "x"})
    assert "invisible control character (U+202E)" in " ".join(form.errors["proposed_value"])


def test_the_message_is_translated():
    with translation.override("fr"):
        form = ContactForm(data={"name": f"Ana{RLO}", "message": "Bonjour"})
        assert "caractère de contrôle invisible" in " ".join(form.errors["name"])


@pytest.mark.django_db
def test_a_partner_cannot_save_a_spoofed_service_name(client):
    """End to end, on whichever database this run uses (CI: PostgreSQL too): the form again with the
    message (the edit page answers 400 to an invalid form), nothing saved."""
    organization = OrganizationFactory()
    service = ServiceFactory(organization=organization, name_en="Help Line")
    client.force_login(PartnerStaffFactory(organization=organization))
    for name in (f"Help{RLO}enil", "Help\x00Line"):
        response = client.post(f"/en/manage/services/{service.pk}/", service_post(service, name_en=name))
        page = response.content.decode()
        assert response.status_code == 400 and "invisible control character (U+" in page
        assert f'value="{service.pk}"' in page or "name_en" in page  # the form is shown again
        assert Service.objects.get(pk=service.pk).name_en == "Help Line"


@pytest.mark.django_db
def test_the_admin_refuses_control_characters_too(client):
    admin = CoordinatorFactory(is_staff=True, is_superuser=True)
    form_class = forms.modelform_factory(Service, fields=["name_en"])
    assert not form_class(data={"name_en": f"x{RLO}"}).is_valid()
    assert admin.pk


# ---------------------------------------------------------------------------------------------------------------
# Query strings: 400 (JSON under /api/), never a 500 on PostgreSQL.

FILTER_URLS = [
    "/en/resources/?q={}",
    "/en/resources/?language={}",
    "/en/resources/?topic={}",
    "/en/positions/?employer={}",
    "/en/positions/?occupation={}",
    "/en/positions/table/?employer={}",
    "/en/positions/positions.csv?occupation={}",
    "/api/map/positions.geojson?employer={}",
    "/en/services/?q={}",
    "/en/events/?province={}",
]


@pytest.mark.django_db
@pytest.mark.parametrize("character", ["\x00", RLO])
@pytest.mark.parametrize("url", FILTER_URLS)
def test_filters_with_control_characters_are_refused(client: Client, url: str, character: str):
    response = client.get(url.format(quote(f"Irving{character}Farms")))
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert "control character" in response.json()["detail"]


@pytest.mark.django_db
def test_clean_filters_still_work(client: Client):
    for url in FILTER_URLS:
        assert client.get(url.format(quote("Irving Farms"))).status_code == 200, url


def test_position_filters_refuse_control_characters_themselves():
    with pytest.raises(FilterError) as excinfo:
        PositionFilters.from_query({"employer": "a\x00b", "occupation": f"cook{RLO}"})
    assert excinfo.value.messages == ["Remove the invisible control characters from the filters: occupation, employer."]


# ---------------------------------------------------------------------------------------------------------------
# Imports


def test_lmia_cells_lose_their_control_characters(tmp_path):
    lines = [
        "Province/Territory,Program Stream,Employer,Address,Occupation,Approved Positions",
        f'Nova Scotia,High Wage,Acme{RLO} Farms\x1b,"Halifax, NS B3H 1A1",6322-Cooks,2',
    ]
    path = tmp_path / "tfwp_2021q3_positive_en.csv"
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    (record,) = parse_lmia(path).records
    assert record.employer == "Acme Farms"
