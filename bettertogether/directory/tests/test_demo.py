import re
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

from bettertogether.core.management.commands.load_demo import demo_loaders
from bettertogether.core.roles import Role
from bettertogether.directory import models as m
from bettertogether.directory.demo.data import ORGANIZATIONS, SKIPPED_ROWS
from bettertogether.directory.demo.loader import demo_id
from bettertogether.directory.demo.users import DEMO_USERS
from bettertogether.directory.taxonomy import TAXONOMY_ID, TOP_LEVEL_SLUGS, term_id

MODELS = [
    m.Taxonomy,
    m.TaxonomyTerm,
    m.Organization,
    m.Service,
    m.Attribute,
    m.Location,
    m.Address,
    m.ServiceAtLocation,
    m.Phone,
    m.Schedule,
    m.Language,
    m.ServiceArea,
    m.Membership,
]


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in [*MODELS, get_user_model()]}


def tip_line() -> m.Service:
    return m.Service.objects.get(id=demo_id("service", "esdc-tip-line"))


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing():
    load()
    first = counts()
    snapshot = {s.id: (s.name_en, s.updated_at) for s in m.Service.objects.all()}
    out = load()
    assert counts() == first
    assert "0 created, 0 updated" in out
    assert {s.id: (s.name_en, s.updated_at) for s in m.Service.objects.all()} == snapshot


@pytest.mark.django_db
def test_demo_covers_three_provinces_with_sources():
    load()
    assert m.Service.objects.count() >= 25
    provinces = set(m.ServiceArea.objects.values_list("province", flat=True))
    assert {"NS", "NB", "PE"} <= provinces
    for service in m.Service.objects.all():
        urls = [u for u in service.source_urls.splitlines() if u.strip()]
        assert urls, service.name
        assert all(u.startswith(("http://", "https://")) for u in urls)
        assert service.categories.exists(), service.name
        assert service.service_areas.exists(), service.name
        assert service.assured_date is None  # nobody verified the demo yet


@pytest.mark.django_db
def test_required_organizations_present():
    load()
    names = set(m.Organization.objects.values_list("name_en", flat=True))
    for name in [
        "Centre for Migrant Worker Rights Nova Scotia",
        "YMCA of Greater Halifax/Dartmouth",
        "Madhu Verma Migrant Justice Centre",
        "Miramichi Regional Multicultural Association",
        "PEI Community Navigators",
        "Cooper Institute",
        "Immigrant Services Association of Nova Scotia",
        "PEI Association for Newcomers to Canada",
        "Employment and Social Development Canada / Service Canada",
        "Nova Scotia Labour Standards Division",
        "New Brunswick Employment Standards Branch",
        "PEI Employment Standards Branch",
        "Nova Scotia Occupational Health and Safety Division",
        "WorkSafeNB",
        "Workers Compensation Board of PEI",
        "Workers' Compensation Board of Nova Scotia",
        "Nova Scotia Legal Aid",
        "New Brunswick Legal Aid Services Commission",
        "PEI Legal Aid",
        "211 Nova Scotia",
        "211 New Brunswick",
        "211 PEI",
    ]:
        assert name in names
    partners = m.Organization.objects.filter(is_program_partner=True)
    assert partners.count() == 6
    assert {o.extra["source_row"] for o in partners} == {1, 2, 3, 4, 5, 6}


@pytest.mark.django_db
def test_uncertain_rows_are_flagged():
    load()
    flagged = m.Service.objects.get(id=demo_id("service", "cmwr-ns-support"))
    assert flagged.needs_verification
    assert "⚠" in flagged.verification_note
    assert m.Service.objects.get(id=demo_id("service", "worksafenb-safety-compensation")).needs_verification
    assert not m.Service.objects.get(id=demo_id("service", "211-ns-line")).needs_verification


@pytest.mark.django_db
def test_tip_line_facts():
    load()
    service = tip_line()
    assert set(service.service_areas.values_list("province", flat=True)) == {"NS", "NB", "PE"}
    assert list(service.languages.values_list("code", flat=True)) == ["mul"]
    assert "not necessarily protected" in service.alert_en
    assert service.alert_fr and service.alert_es and service.alert_tl
    assert service.name_tl and service.description_es
    lines = {(s.byday, s.opens_at.strftime("%H:%M"), s.closes_at.strftime("%H:%M")) for s in service.schedules.all()}
    assert ("MO,TU,WE,TH,FR", "07:30", "21:00") in lines
    assert ("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59") in lines
    assert list(service.phones.values_list("number", flat=True)) == ["1-866-602-9448"]
    assert set(service.categories.values_list("code", flat=True)) >= {"helpline", "complaints"}


@pytest.mark.django_db
def test_no_invented_whatsapp_number_for_cmwr():
    load()
    service = m.Service.objects.get(id=demo_id("service", "cmwr-ns-support"))
    assert not service.phones.exists()
    assert not m.Phone.objects.filter(whatsapp=True).exists()


@pytest.mark.django_db
def test_locations_are_geocoded_with_precision():
    load()
    cooper = m.Location.objects.get(id=demo_id("location", "cooper-institute-charlottetown"))
    assert cooper.addresses.get().postal_code == "C1A 4R3"
    assert cooper.has_point and cooper.geo_precision in {"postal_code", "fsa"}
    assert 46 < cooper.latitude < 46.5 and -63.5 < cooper.longitude < -62.9
    town_only = m.Location.objects.get(id=demo_id("location", "madhu-centre-fredericton"))
    assert town_only.geo_precision == "place"
    assert town_only.addresses.get().address_1 == ""
    mailbox = m.Location.objects.get(id=demo_id("location", "nb-employment-standards-mail"))
    assert not mailbox.has_point


@pytest.mark.django_db
def test_taxonomy_has_stable_ids_and_four_languages():
    load()
    assert uuid.UUID("938bbc58-9743-516e-a8cc-142b2be5d4ba") == TAXONOMY_ID
    tops = m.TaxonomyTerm.objects.filter(taxonomy_id=TAXONOMY_ID, parent__isnull=True)
    assert sorted(tops.values_list("code", flat=True)) == sorted(TOP_LEVEL_SLUGS)
    assert len(TOP_LEVEL_SLUGS) == 11
    legal = m.TaxonomyTerm.objects.get(id=term_id("legal"))
    assert set(legal.children.values_list("code", flat=True)) == {
        "legal-aid",
        "immigration-permits",
        "vulnerable-worker-permits",
    }
    for term in m.TaxonomyTerm.objects.all():
        assert term.name_en and term.name_fr and term.name_es and term.name_tl, term.code
        assert term.description_fr and term.description_tl, term.code


@pytest.mark.django_db
def test_demo_users_one_per_role_with_memberships():
    load()
    User = get_user_model()
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == {r.value for r in Role}
    for spec in DEMO_USERS:
        user = User.objects.get(username=spec.username)
        assert user.check_password(spec.password)
    cmwr = User.objects.get(username="partner.cmwr")
    assert cmwr.membership.organization.name_en == "Centre for Migrant Worker Rights Nova Scotia"
    madhu = User.objects.get(username="partner.madhu")
    assert madhu.membership.organization.name_en == "Madhu Verma Migrant Justice Centre"
    assert User.objects.get(username="admin").is_superuser
    assert not m.Membership.objects.filter(user__username="coordinator").exists()


@pytest.mark.django_db
@override_settings(BT_DEMO_PASSWORDS_ALLOWED=False)
def test_demo_users_refused_where_passwords_not_allowed():
    out = load()
    assert "BT_DEMO_PASSWORDS_ALLOWED" in out
    assert get_user_model().objects.count() == 0
    assert m.Service.objects.count() >= 25  # the directory itself still loads


def test_production_settings_forbid_demo_passwords():
    text = (Path(__file__).resolve().parents[2] / "settings" / "production.py").read_text()
    assert re.search(r"^BT_DEMO_PASSWORDS_ALLOWED = False$", text, re.M)


def test_load_demo_hook_finds_directory():
    assert "directory" in [label for label, _ in demo_loaders()]


@pytest.mark.shared_data
def test_every_fact_comes_from_the_source_file(shared_data):
    """Phone numbers, addresses, postal codes and URLs all appear verbatim in maritime-orgs.md."""
    text = (shared_data / "orgs" / "maritime-orgs.md").read_text()
    rows = {int(r.group(1)): r.group(0) for r in re.finditer(r"^\| (\d+) \|.*$", text, re.M)}
    for org in ORGANIZATIONS:
        row = rows[org.row]
        for url in org.sources:
            assert url in row, (org.key, url)
        assert bool(org.verification_note) == ("⚠" in row) or org.row in {19}, org.key
        for service in org.services:
            for phone in service.phones:
                assert phone.number in row, (service.key, phone.number)
                assert not phone.whatsapp or "WhatsApp" in row
            for place in service.places:
                assert place.city.split()[0] in row, (service.key, place.city)
                assert place.address_1 in row, (service.key, place.address_1)
                assert place.postal_code in row, (service.key, place.postal_code)
    assert set(SKIPPED_ROWS) | {o.row for o in ORGANIZATIONS} == set(rows)
